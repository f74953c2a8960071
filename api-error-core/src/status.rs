//! The reason phrases of error statuses, in RFC 9110's words: the message of an error that
//! declares none.

use http::StatusCode;

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
/// `Client Error` / `Server Error` for a code it does not name. The table is the one the derive
/// writes static bodies with.
pub use api_error_rules::error_reason_phrase;
