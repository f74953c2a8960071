//! The extractors the handlers take, whose rejections are errors of the reference rather than
//! axum's plain text, and the helpers every check of a body uses.

use api_error_core::{Catalog, Rejection, RejectionKind};
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_http::timeout::TimeoutError;

use api_error_core::violation::{Pointer, Violation, reason};

use api_error_core::set::{OneOf, Refuses};

use crate::errors::{ValidationError, validation_error};

/// The one path parameter of a route. A value that is not text (`%FF`) is `INVALID_PARAMETER`,
/// not axum's plain-text rejection.
pub(super) struct PathParam(pub(super) String);

/// What [`PathParam`] refuses with.
type PathRefused = OneOf<(validation_error::InvalidParameter,)>;

impl Refuses for PathParam {
    type Errors = PathRefused;
}

impl<S: Send + Sync> FromRequestParts<S> for PathParam {
    type Rejection = PathRefused;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PathRefused> {
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(PathParam(value)),
            Err(rejection) => Err(validation_error::InvalidParameter {
                name: "path".into(),
                reason: rejection.body_text(),
                violations: None,
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
    /// which [`AppError`](crate::AppError) and its catalog do not hold: the error layer's own,
    /// which the document gives every route that reads a body.
    Core(Rejection),
    /// Any other failure to read it.
    Unreadable(validation_error::Failed),
}

/// What a [`Body`] is refused with: the API's `VALIDATION_FAILED` for one it cannot read, and
/// the error layer's `CONTENT_TOO_LARGE` for one over the router's limit. The layer's `408` is
/// any route's, and documented with the layer's own.
impl Refuses for Body {
    type Errors = OneOf<(validation_error::Failed,)>;

    fn by_layers() -> Catalog {
        Rejection::catalog_of(&[RejectionKind::ContentTooLarge])
    }
}

impl IntoResponse for BodyRejection {
    fn into_response(self) -> Response {
        match self {
            BodyRejection::Core(rejection) => rejection.into_response(),
            BodyRejection::Unreadable(error) => ValidationError::from(error).into_response(),
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
            Err(rejection) => Err(BodyRejection::Unreadable(validation_error::Failed::of([
                Violation::new(Pointer::root(), reason::INVALID, rejection.body_text()),
            ]))),
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
