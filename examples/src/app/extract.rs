//! The extractors the handlers take, whose rejections are errors of the reference rather than
//! axum's plain text, and the helpers every check of a body uses.

use api_error_core::Rejection;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_http::timeout::TimeoutError;

use crate::errors::{AppError, FieldError, ValidationError};

/// The one path parameter of a route. A value that is not text (`%FF`) is `INVALID_PARAMETER`,
/// not axum's plain-text rejection.
pub(super) struct PathParam(pub(super) String);

impl<S: Send + Sync> FromRequestParts<S> for PathParam {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(PathParam(value)),
            Err(rejection) => Err(ValidationError::InvalidParameter {
                name: "path".into(),
                reason: rejection.body_text(),
            }
            .into()),
        }
    }
}

/// The most a request body may hold, in bytes (2 MiB): the router's `DefaultBodyLimit`.
pub(super) const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The request body. One over [`BODY_LIMIT`] is `413 CONTENT_TOO_LARGE`; one that stopped
/// arriving for the body's idle timeout is `408`, as a request over its whole timeout is; one
/// that cannot be read otherwise (the client went away, say) is `VALIDATION_FAILED` on the
/// whole body, not axum's plain-text rejection.
pub(super) struct Body(pub(super) Bytes);

/// Why a [`Body`] could not be read: too large, too slow, or unreadable.
pub(super) enum BodyRejection {
    /// Over [`BODY_LIMIT`], or not received in time. The reference has no code for either, so
    /// each is the core's rejection (`CONTENT_TOO_LARGE`; `CLIENT_ERROR` with status `408`),
    /// which [`AppError`] and its catalog do not hold.
    Core(Rejection),
    /// Any other failure to read it.
    Unreadable(AppError),
}

impl IntoResponse for BodyRejection {
    fn into_response(self) -> Response {
        match self {
            BodyRejection::Core(rejection) => rejection.into_response(),
            BodyRejection::Unreadable(error) => error.into_response(),
        }
    }
}

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = BodyRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, BodyRejection> {
        match Bytes::from_request(request, state).await {
            Ok(bytes) => Ok(Body(bytes)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                // The headers are those of the answer, which has none of its own to keep.
                Err(BodyRejection::Core(Rejection::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    &HeaderMap::new(),
                    Some(format!(
                        "The request body is over the limit of {} MiB",
                        BODY_LIMIT / (1024 * 1024)
                    )),
                )))
            }
            // What `TimeoutLayer` answers a request over its time, so that both read alike.
            Err(rejection) if timed_out(&rejection) => Err(BodyRejection::Core(Rejection::new(
                StatusCode::REQUEST_TIMEOUT,
                &HeaderMap::new(),
                None,
            ))),
            Err(rejection) => Err(BodyRejection::Unreadable(
                ValidationError::failed([field_error("", rejection.body_text())]).into(),
            )),
        }
    }
}

/// Whether reading the body failed because it stopped arriving: the body idle timeout's error
/// is somewhere in the chain of causes.
fn timed_out(rejection: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(rejection);
    while let Some(error) = cause {
        if error.is::<TimeoutError>() {
            return true;
        }
        cause = error.source();
    }
    false
}

/// Whether the request says its body is JSON: `application/json`, parameters allowed.
pub(super) fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media_type| media_type.trim().eq_ignore_ascii_case("application/json"))
}

/// A [`FieldError`] on `field`, a JSON pointer into the body (`""` for the whole body).
pub(super) fn field_error(field: &str, reason: impl Into<String>) -> FieldError {
    FieldError {
        field: field.to_owned(),
        reason: reason.into(),
    }
}

/// The longest pointer a [`FieldError`] names a member of the body by: a member's name is the
/// client's, of any length, and the answer repeats it.
pub(super) const POINTER_MAX: usize = 256;

/// The JSON pointer of the body's member `name` (RFC 6901: `~` written `~0`, then `/` written
/// `~1`), cut to [`POINTER_MAX`] bytes at a character, ending with `…` when it was longer.
pub(super) fn member_pointer(name: &str) -> String {
    // Past the bound, the rest of a name is not even read.
    let mut pointer = String::with_capacity(POINTER_MAX + 1);
    pointer.push('/');
    for c in name.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
        if pointer.len() > POINTER_MAX {
            let mut end = POINTER_MAX - '…'.len_utf8();
            while !pointer.is_char_boundary(end) {
                end -= 1;
            }
            pointer.truncate(end);
            // A `~` is always the start of an escape here: not half of one.
            if pointer.ends_with('~') {
                pointer.pop();
            }
            pointer.push('…');
            break;
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_s_pointer_escapes_as_rfc_6901_says_and_is_bounded() {
        assert_eq!(member_pointer("colour"), "/colour");
        assert_eq!(member_pointer("a/b~c"), "/a~1b~0c");
        assert_eq!(member_pointer("~1"), "/~01");
        assert_eq!(member_pointer(""), "/");
        let long = member_pointer(&"é".repeat(1000));
        assert!(long.len() <= POINTER_MAX, "{}", long.len());
        assert!(long.starts_with("/éé") && long.ends_with('…'), "{long}");
        // An escape is never cut in half.
        for name in ["~".repeat(200), format!("a{}", "~".repeat(200))] {
            let pointer = member_pointer(&name);
            assert!(pointer.ends_with("~0…"), "{pointer}");
            assert!(pointer.len() <= POINTER_MAX);
        }
        // Exactly at the bound, nothing is cut.
        let fits = "x".repeat(POINTER_MAX - 1);
        assert_eq!(member_pointer(&fits), format!("/{fits}"));
    }
}
