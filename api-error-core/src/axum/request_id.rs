//! The request id as an axum extractor.

use core::convert::Infallible;

use axum_core::extract::{FromRequestParts, OptionalFromRequestParts};
use axum_core::response::{IntoResponse, Response};
use http::request::Parts;

use crate::{NoRequestId, REQUEST_ID_HEADER, RequestId};

impl<S: Sync> FromRequestParts<S> for RequestId {
    type Rejection = NoRequestId;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        of(parts).ok_or(NoRequestId)
    }
}

impl<S: Sync> OptionalFromRequestParts<S> for RequestId {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(of(parts))
    }
}

/// The request's id: the scope's in force, else its `x-request-id` when the layer would take it.
fn of(parts: &Parts) -> Option<RequestId> {
    RequestId::current(
        parts
            .headers
            .get(REQUEST_ID_HEADER)
            .map(http::HeaderValue::as_bytes),
    )
}

impl IntoResponse for NoRequestId {
    fn into_response(self) -> Response {
        super::response(&self)
    }
}
