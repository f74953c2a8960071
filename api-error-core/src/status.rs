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

/// What `status(502, 503) = ..` may choose a status with: a `StatusCode`, a `u16`, an `Option`
/// of either (`None` is no status of the list), or a reference to one.
#[diagnostic::on_unimplemented(
    message = "a status is chosen with a `StatusCode`, a `u16` or an `Option` of either, not `{Self}`",
    label = "not a status",
    note = "write an expression of one of those types after `status(..) =`, such as `.0.status()` or `kind_status(.kind)`"
)]
pub trait ChosenStatus {
    /// The status as a number, if there is one.
    fn code(&self) -> Option<u16>;
}

impl ChosenStatus for StatusCode {
    fn code(&self) -> Option<u16> {
        Some(self.as_u16())
    }
}

impl ChosenStatus for u16 {
    fn code(&self) -> Option<u16> {
        Some(*self)
    }
}

impl<T: ChosenStatus> ChosenStatus for Option<T> {
    fn code(&self) -> Option<u16> {
        self.as_ref().and_then(ChosenStatus::code)
    }
}

impl<T: ChosenStatus + ?Sized> ChosenStatus for &T {
    fn code(&self) -> Option<u16> {
        (**self).code()
    }
}

/// The status `value` chooses when `set` lists it, else `set`'s first: what a case declared
/// `status(500, 404) = ..` answers. `set` is not empty and holds 4xx and 5xx statuses only,
/// which the derive has checked.
#[must_use]
pub fn chosen_status(value: &impl ChosenStatus, set: &[u16]) -> StatusCode {
    let fallback = set.first().copied().unwrap_or(500);
    let code = value
        .code()
        .filter(|code| set.contains(code))
        .unwrap_or(fallback);
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}
