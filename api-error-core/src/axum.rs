//! The axum integration (feature `axum`): every derived error is an
//! `axum_core::response::IntoResponse`, and so are boxed `dyn ApiError`s.
//!
//! ```
//! use api_error_core::ApiError;
//! use axum::{Router, routing::get};
//!
//! #[derive(Debug, ApiError)]
//! enum OrderError {
//!     #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
//!     NotFound,
//! }
//!
//! async fn order() -> Result<String, OrderError> {
//!     Err(OrderError::NotFound)
//! }
//!
//! async fn any_order() -> Result<String, Box<dyn ApiError + Send + Sync>> {
//!     Err(OrderError::NotFound)?
//! }
//!
//! let app: Router = Router::new()
//!     .route("/order", get(order))
//!     .route("/any", get(any_order));
//! ```

mod layer;
mod request_id;

use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};

use crate::{AnyApiError, ApiError, Rejection, Respond};

pub use layer::{ApiErrorLayer, ApiErrorService, ResponseFuture};

/// The axum response of `error`: [`Respond::to_response`] with an axum body, in the
/// [`Config`](crate::Config) in force.
pub fn response<E: ApiError + ?Sized>(error: &E) -> Response {
    error.to_response().map(Body::from)
}

/// An error set answers as its member does.
macro_rules! set_into_response {
    ($set:ident [$($t:ident)+]) => {
        impl<$($t: crate::set::Member),+> IntoResponse for crate::set::$set<$($t),+> {
            fn into_response(self) -> Response {
                response(&self)
            }
        }
    };
}
crate::set::for_each_set!(set_into_response);

macro_rules! boxed_into_response {
    ($($bounds:tt)*) => {
        impl IntoResponse for Box<dyn ApiError $($bounds)*> {
            fn into_response(self) -> Response {
                response(&*self)
            }
        }
    };
}

boxed_into_response!();
boxed_into_response!(+ Send);
boxed_into_response!(+ Send + Sync);

impl IntoResponse for AnyApiError {
    fn into_response(self) -> Response {
        response(&self)
    }
}

/// A rejection is an answer of its own, so that an extractor can name it as its `Rejection`.
impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        response(&self)
    }
}
