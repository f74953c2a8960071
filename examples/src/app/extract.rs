//! The extractors the handlers take, whose rejections are errors of the reference rather than
//! axum's plain text, and the helpers every check of a body uses.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

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
                name: "path",
                reason: rejection.body_text(),
            }
            .into()),
        }
    }
}

/// The request body. One that cannot be read (over the size limit, say) is `VALIDATION_FAILED`
/// on the whole body, not axum's plain-text rejection.
pub(super) struct Body(pub(super) Bytes);

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        match Bytes::from_request(request, state).await {
            Ok(bytes) => Ok(Body(bytes)),
            Err(rejection) => Err(ValidationError::Failed {
                fields: vec![field_error("", rejection.body_text())],
            }
            .into()),
        }
    }
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
