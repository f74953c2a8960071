//! The visitor an error passes the fields a client may see to, and where it sends them.

use serde::Serialize;

/// Receives each detail handed to any serializer: its name and value.
pub(crate) type DetailSink<'a> = dyn FnMut(&'static str, &dyn erased_serde::Serialize) + 'a;

/// Receives each detail's name and value for a gRPC status: the value as plain text when
/// it is one (a string, an integer, a boolean...: [`crate::plain`]), and the value itself for
/// anything else. The text is written here, where the value's type is known, so that the
/// common values skip the type-erased serializer.
#[cfg(feature = "tonic")]
pub(crate) type TextSink<'a> =
    dyn FnMut(&'static str, Option<String>, &dyn erased_serde::Serialize) + 'a;

/// Writes what comes before the `index`th detail, called `name`, in a JSON body being written:
/// its member name, and whatever opens the object it belongs to.
pub(crate) type KeyWriter<'a> = dyn FnMut(&mut Vec<u8>, usize, Name) + 'a;

/// A detail's name as the JSON writers get it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Name {
    /// Given at run time, by an error written by hand.
    Given(&'static str),
    /// Declared, a name that needs no JSON escaping, with the problem details member the
    /// derive worked out for it among its case's details (right when the detail is the
    /// `index`th of the body and all those before it are of its case).
    Declared {
        name: &'static str,
        member: &'static str,
        index: usize,
    },
}

impl Name {
    /// The name as declared.
    pub(crate) fn declared(self) -> &'static str {
        match self {
            Name::Given(name) | Name::Declared { name, .. } => name,
        }
    }
}

/// Receives the fields of an error that a client may see; see [`ApiError::details`](crate::ApiError::details).
///
/// `#[api_error(detail)]` on a field writes the call for you. By hand:
///
/// ```
/// use api_error_core::{ApiError, Catalog, Details, Headers, Respond, StatusCode};
/// use std::fmt;
///
/// #[derive(Debug)]
/// struct QuotaExceeded {
///     used: u32,
///     limit: u32,
///     retry_after: u64,
/// }
///
/// impl fmt::Display for QuotaExceeded {
///     fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
///         self.write_message(f)
///     }
/// }
///
/// impl std::error::Error for QuotaExceeded {}
///
/// impl ApiError for QuotaExceeded {
///     fn code(&self) -> &'static str {
///         "USAGE_LIMIT_EXCEEDED"
///     }
///     fn status(&self) -> StatusCode {
///         StatusCode::TOO_MANY_REQUESTS
///     }
///     fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
///         write!(f, "Used {} of {}", self.used, self.limit)
///     }
///     fn details(&self, details: &mut Details<'_>) {
///         details.add("used", &self.used);
///         details.add("limit", &self.limit);
///     }
///     fn headers(&self, headers: &mut Headers<'_>) {
///         headers.append("Retry-After", &self.retry_after);
///     }
///     fn catalog() -> Catalog {
///         Catalog::new()
///     }
/// }
///
/// let response = QuotaExceeded { used: 10, limit: 10, retry_after: 60 }.to_response();
/// assert_eq!(response.status(), 429);
/// assert_eq!(response.headers()["retry-after"], "60");
/// assert_eq!(
///     response.body().as_ref(),
///     br#"{"code":"USAGE_LIMIT_EXCEEDED","message":"Used 10 of 10","details":{"used":10,"limit":10}}"#
/// );
/// ```
pub struct Details<'a> {
    sink: Sink<'a>,
}

/// Where details go: counted, written as JSON values into a buffer, or handed to any serializer.
pub(crate) enum Sink<'a> {
    Count(&'a mut usize),
    /// Each value written as JSON into `buffer` after `key` has written its member name;
    /// `written` so far, `failed` once a value fails to serialize.
    Json {
        buffer: &'a mut Vec<u8>,
        key: &'a mut KeyWriter<'a>,
        written: usize,
        failed: bool,
    },
    Erased(&'a mut DetailSink<'a>),
    /// Each value as plain text when it is one, for a gRPC status's `ErrorInfo`.
    #[cfg(feature = "tonic")]
    Text(&'a mut TextSink<'a>),
}

impl<'a> Details<'a> {
    pub(crate) fn new(sink: Sink<'a>) -> Self {
        Details { sink }
    }

    /// Whether every value written as JSON serialized.
    pub(crate) fn succeeded(&self) -> bool {
        !matches!(self.sink, Sink::Json { failed: true, .. })
    }

    /// How many values were written as JSON.
    pub(crate) fn written(&self) -> usize {
        match self.sink {
            Sink::Json { written, .. } => written,
            _ => 0,
        }
    }

    /// Adds the field `name` with its value to the body's `details`.
    #[inline]
    pub fn add<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.add_named(Name::Given(name), value);
    }

    /// Implementation detail of `#[derive(ApiError)]`, not public API: [`Details::add`] of a
    /// detail whose name needs no JSON escaping, with its problem details member and where it
    /// is among its case's details, as the derive worked them out.
    #[doc(hidden)]
    #[inline]
    pub fn add_declared<T: Serialize + ?Sized>(
        &mut self,
        (name, member, index): (&'static str, &'static str, usize),
        value: &T,
    ) {
        self.add_named(
            Name::Declared {
                name,
                member,
                index,
            },
            value,
        );
    }

    #[inline]
    fn add_named<T: Serialize + ?Sized>(&mut self, name: Name, value: &T) {
        match &mut self.sink {
            Sink::Count(count) => **count += 1,
            Sink::Json {
                buffer,
                key,
                written,
                failed,
            } => {
                if !*failed {
                    key(buffer, *written, name);
                    *failed = serde_json::to_writer(&mut **buffer, value).is_err();
                    *written += 1;
                }
            }
            Sink::Erased(sink) => sink(name.declared(), &value),
            #[cfg(feature = "tonic")]
            Sink::Text(sink) => sink(name.declared(), crate::plain::text(value), &value),
        }
    }
}
