use core::fmt;

use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde::Serialize;

use crate::{Catalog, Format};

/// An error that knows how to present itself to an HTTP client.
///
/// `#[derive(ApiError)]` writes this for you; implement it by hand only for a type the derive
/// cannot describe. The trait is dyn-compatible: `Box<dyn ApiError + Send + Sync>` is an error
/// type and an axum response of its own.
///
/// Everything a client sees comes from these methods: the [`code`](Self::code), the
/// [`status`](Self::status), the message written by [`write_message`](Self::write_message), the
/// fields passed to [`Details::add`] and the headers passed to [`Headers::append`]. `Display`,
/// `Debug` and `source()` are for logs and never reach a client.
///
/// ```
/// use api_error_core::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = "PLAN_NOT_FOUND", status = 404, message = "Plan {plan} not found")]
/// struct PlanNotFound {
///     #[api_error(detail)]
///     plan: String,
/// }
///
/// let error = PlanNotFound { plan: "gold".into() };
/// assert_eq!(error.code(), "PLAN_NOT_FOUND");
/// assert_eq!(error.status().as_u16(), 404);
/// assert_eq!(error.message(), "Plan gold not found");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an API error",
    label = "`{Self}` does not implement `ApiError`",
    note = "add `#[derive(ApiError)]` to `{Self}` and describe each error with `#[api_error(code = \"...\", status = ...)]`"
)]
pub trait ApiError: core::error::Error {
    /// The stable, machine-readable code, such as `"ORDER_NOT_FOUND"`.
    fn code(&self) -> &'static str;

    /// The HTTP status of the response: a 4xx or a 5xx.
    fn status(&self) -> StatusCode;

    /// Writes the message meant for the client.
    ///
    /// It says only what the declaration allows: a server error without a declared message
    /// writes its status's reason phrase, never the text of its source.
    ///
    /// # Errors
    ///
    /// Returns an error only when the formatter does.
    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;

    /// Passes each field that the client may see to `details`.
    ///
    /// The default passes none, and a body without details has no `details` member.
    fn details(&self, details: &mut Details<'_>) {
        let _ = details;
    }

    /// Passes each header that the response carries to `headers`.
    ///
    /// The default passes none. `Content-Type` and `Content-Length` belong to the body and are
    /// never taken from here.
    fn headers(&self, headers: &mut Headers<'_>) {
        let _ = headers;
    }

    /// The whole JSON body, when it is the same for every value: `#[derive(ApiError)]` builds
    /// it at compile time for an error with no detail whose message is fixed (a `message`
    /// without placeholders, or the reason phrase), so that its response costs no more than
    /// static bytes.
    ///
    /// It must be byte for byte what [`Body`](crate::Body) writes in the default
    /// configuration, which debug builds check; the default, `None`, has the body written when
    /// the response is built. It is used only where the default [`Format::Json`] is in force,
    /// not nested, and no request id is known.
    fn static_body(&self) -> Option<&'static [u8]> {
        None
    }

    /// The format this error is always rendered in, whatever the service's [`Config`](crate::Config) says:
    /// `#[api_error(format = "problem")]` on a type. The default, `None`, follows the
    /// configuration.
    fn format(&self) -> Option<Format> {
        None
    }

    /// What this error is, in a few words that do not change from one occurrence to the next:
    /// `#[derive(ApiError)]` takes the first paragraph of the variant's (or struct's) doc
    /// comment. A problem details body with a type base uses it as its `title`.
    fn summary(&self) -> Option<&'static str> {
        None
    }

    /// Every error this type can be: its own codes and those of the errors it wraps with
    /// `transparent`.
    fn catalog() -> Catalog
    where
        Self: Sized;

    /// The message meant for the client, as a `String`; the status's reason phrase if writing
    /// the message fails.
    fn message(&self) -> String {
        PublicMessage(self)
            .checked()
            .unwrap_or_else(|| reason_phrase(self.status()).to_owned())
    }

    /// The whole response, independent of any web framework: status, headers and the body, in
    /// the [`Config`](crate::Config) in force (an [`ErrorLayer`](crate::axum::ErrorLayer)'s while it handles a
    /// request, else the installed one, else the default). With the `tracing` feature, building
    /// it logs the error: a 5xx at `ERROR` with its `source()` chain, a 4xx at the configured
    /// level.
    ///
    /// It does not panic on its own account: when a detail fails to serialize the body goes
    /// without details, a message that fails to format is replaced by the reason phrase (the
    /// details stay), and a header value that is not valid is left out of the headers. (A user's `Serialize` that panics still
    /// panics, and so does `serde_json` when a value serialized with `collect_str` has a
    /// `Display` that fails.)
    ///
    /// ```
    /// use api_error_core::ApiError;
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(code = "WEBHOOK_NOT_FOUND", status = 404, message = "Webhook not found")]
    /// struct WebhookNotFound;
    ///
    /// let response = WebhookNotFound.to_response();
    /// assert_eq!(response.status(), 404);
    /// assert_eq!(response.headers()["content-type"], "application/json");
    /// assert_eq!(
    ///     response.body().as_ref(),
    ///     br#"{"code":"WEBHOOK_NOT_FOUND","message":"Webhook not found"}"#
    /// );
    /// ```
    fn to_response(&self) -> http::Response<bytes::Bytes> {
        crate::config::Rendering::with_current(|rendering| crate::body::response(self, rendering))
    }
}

/// The client-facing message of an error, as a value that can be displayed or serialized
/// without building a `String` first.
///
/// ```
/// use api_error_core::{ApiError, PublicMessage};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = "ORDER_EXPIRED", status = 400, message = "Order {0} has expired")]
/// struct OrderExpired(u64);
///
/// assert_eq!(format!("[{}]", PublicMessage(&OrderExpired(7))), "[Order 7 has expired]");
/// ```
pub struct PublicMessage<'a, E: ?Sized>(pub &'a E);

impl<E: ApiError + ?Sized> fmt::Display for PublicMessage<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_message(f)
    }
}

impl<E: ApiError + ?Sized> PublicMessage<'_, E> {
    /// The message as a `String`, or `None` when a field it shows fails to format.
    fn checked(&self) -> Option<String> {
        let mut text = String::new();
        fmt::write(&mut text, format_args!("{self}")).ok()?;
        Some(text)
    }
}

/// A string; an error, not a panic, when a field the message shows fails to format.
impl<E: ApiError + ?Sized> Serialize for PublicMessage<'_, E> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Written straight into the serializer; a formatting failure is remembered rather than
        // returned, since a serializer may not expect `Display` to fail.
        let failed = core::cell::Cell::new(false);
        let written = serializer.collect_str(&Remembering {
            message: self,
            failed: &failed,
        })?;
        if failed.get() {
            Err(serde::ser::Error::custom("the message failed to format"))
        } else {
            Ok(written)
        }
    }
}

/// Displays a message, turning a failure of the message's own `Display` into a flag and an
/// empty rest. A failure of the writer underneath is passed on as it is.
struct Remembering<'a, 'b, E: ?Sized> {
    message: &'a PublicMessage<'b, E>,
    failed: &'a core::cell::Cell<bool>,
}

impl<E: ApiError + ?Sized> fmt::Display for Remembering<'_, '_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !write_lossy(f, self.message)? {
            self.failed.set(true);
        }
        Ok(())
    }
}

/// Writes `value` to `f`, telling whether `value`'s own `Display` succeeded (`Ok(false)` when it
/// failed, the text ending where it stopped) from a failure of the formatter's writer, which is
/// returned.
pub(crate) fn write_lossy(
    f: &mut fmt::Formatter<'_>,
    value: &dyn fmt::Display,
) -> Result<bool, fmt::Error> {
    let mut tracking = Tracking {
        inner: f,
        writer_failed: false,
    };
    match fmt::write(&mut tracking, format_args!("{value}")) {
        Ok(()) => Ok(true),
        Err(_) if tracking.writer_failed => Err(fmt::Error),
        Err(_) => Ok(false),
    }
}

/// Forwards to a formatter, remembering whether it failed.
struct Tracking<'a, 'b> {
    inner: &'a mut fmt::Formatter<'b>,
    writer_failed: bool,
}

impl fmt::Write for Tracking<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let written = self.inner.write_str(text);
        self.writer_failed |= written.is_err();
        written
    }
}

type DetailSink<'a> = dyn FnMut(&'static str, &dyn erased_serde::Serialize) + 'a;

/// Receives the fields of an error that a client may see; see [`ApiError::details`].
///
/// `#[api_error(detail)]` on a field writes the call for you. By hand:
///
/// ```
/// use api_error_core::{ApiError, Catalog, Details, Headers, StatusCode};
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

/// Where details go: counted, named, written as JSON into a buffer, or handed to any serializer.
pub(crate) enum Sink<'a> {
    Count(&'a mut usize),
    Names(&'a mut dyn FnMut(&'static str)),
    /// Members of a JSON object being written: `written` so far, `failed` once a value fails to
    /// serialize.
    Json {
        buffer: &'a mut Vec<u8>,
        members: Members<'a>,
        written: usize,
        failed: bool,
    },
    Erased(&'a mut DetailSink<'a>),
}

/// Which object details are written into, and under which names.
#[derive(Clone, Copy)]
pub(crate) enum Members<'a> {
    /// The `details` member of a [`Format::Json`] body, opened before the first.
    Details,
    /// The problem details object itself, under these names.
    Problem(&'a crate::members::MemberNames),
}

impl<'a> Details<'a> {
    pub(crate) fn new(sink: Sink<'a>) -> Self {
        Details { sink }
    }

    /// Whether every value written as JSON serialized.
    pub(crate) fn succeeded(&self) -> bool {
        !matches!(self.sink, Sink::Json { failed: true, .. })
    }

    /// Whether a value was written as JSON.
    pub(crate) fn wrote_any(&self) -> bool {
        matches!(self.sink, Sink::Json { written: 1.., .. })
    }

    /// Adds the field `name` with its value to the body's `details`.
    pub fn add<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        match &mut self.sink {
            Sink::Count(count) => **count += 1,
            Sink::Names(names) => names(name),
            Sink::Json {
                buffer,
                members,
                written,
                failed,
            } => {
                if !*failed {
                    *failed =
                        crate::body::write_detail(buffer, *members, *written, name, value).is_err();
                    *written += 1;
                }
            }
            Sink::Erased(sink) => sink(name, &value),
        }
    }
}

/// Receives the headers of an error response; see [`ApiError::headers`], and [`Details`] for
/// an implementation by hand that uses both.
pub struct Headers<'a> {
    map: &'a mut HeaderMap,
}

impl<'a> Headers<'a> {
    pub(crate) fn new(map: &'a mut HeaderMap) -> Self {
        Headers { map }
    }

    /// Appends the header `name` with `value` written by its `Display`.
    ///
    /// Returns `false`, and leaves the response as it was, when `name` is not a header name, when
    /// it is `Content-Type` or `Content-Length`, when `value` is not a valid header value (a
    /// control character, say), or when its `Display` fails.
    pub fn append<V: fmt::Display + ?Sized>(&mut self, name: &'static str, value: &V) -> bool {
        let Some(name) = Self::name(name) else {
            return false;
        };
        let mut text = String::new();
        if fmt::write(&mut text, format_args!("{value}")).is_err() {
            return false;
        }
        let value = text;
        match HeaderValue::try_from(value) {
            Ok(value) => {
                self.map.append(name, value);
                true
            }
            Err(_) => false,
        }
    }

    /// Appends the header `name` with a value known when the program was built.
    ///
    /// Returns `false`, and leaves the response as it was, in the cases [`append`](Self::append)
    /// does.
    pub fn append_static(&mut self, name: &'static str, value: &'static str) -> bool {
        let Some(name) = Self::name(name) else {
            return false;
        };
        match HeaderValue::from_bytes(value.as_bytes()) {
            Ok(value) => {
                self.map.append(name, value);
                true
            }
            Err(_) => false,
        }
    }

    fn name(name: &str) -> Option<HeaderName> {
        let name = HeaderName::try_from(name).ok()?;
        let owned_by_body =
            name == http::header::CONTENT_TYPE || name == http::header::CONTENT_LENGTH;
        (!owned_by_body).then_some(name)
    }
}

/// The reason phrase of `status` as RFC 9110 words it, for messages nobody declared.
///
/// ```
/// use api_error_core::{StatusCode, reason_phrase};
///
/// assert_eq!(reason_phrase(StatusCode::NOT_FOUND), "Not Found");
/// assert_eq!(reason_phrase(StatusCode::PAYLOAD_TOO_LARGE), "Content Too Large");
/// ```
#[must_use]
pub fn reason_phrase(status: StatusCode) -> &'static str {
    match status.as_u16() {
        code @ 400..=599 => error_reason_phrase(code),
        _ => status.canonical_reason().unwrap_or(""),
    }
}

/// The reason phrase of a 4xx or 5xx status code, usable in constants: RFC 9110's words, or
/// `Client Error` / `Server Error` for a code it does not name.
#[must_use]
pub const fn error_reason_phrase(code: u16) -> &'static str {
    match code {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ if code >= 500 => "Server Error",
        _ => "Client Error",
    }
}
