//! The visitor an error passes the headers of its response to.

use core::fmt;

use http::{HeaderMap, HeaderName, HeaderValue};

/// The header request ids travel in unless the configuration names another.
pub(crate) const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// [`REQUEST_ID_HEADER`] in one place, for a reference to it.
pub(crate) static DEFAULT_REQUEST_ID: HeaderName = REQUEST_ID_HEADER;

/// Receives the headers of an error response; see [`ApiError::headers`](crate::ApiError::headers), and [`Details`](crate::Details) for
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
