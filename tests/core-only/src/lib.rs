//! scratch
use api_error_core::ApiError;

/// Orders.
#[derive(Debug, ApiError)]
pub enum OrderError {
    /// The order id is unknown.
    #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
    NotFound,
    /// Not pending.
    #[api_error(
        code = "ORDER_NOT_PENDING",
        status = 400,
        message = "Order {id} is not in pending status"
    )]
    NotPending {
        /// id
        #[api_error(detail)]
        id: u64,
    },
    /// Storage.
    #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
    Storage(#[source] std::io::Error),
    /// Auth.
    #[api_error(transparent)]
    Auth(#[from] AuthError),
}

/// Auth.
#[derive(Debug, ApiError)]
#[api_error(code = "AUTH_NOT_AUTHENTICATED", status = api_error_core::StatusCode::UNAUTHORIZED, message = "Authentication required", header("WWW-Authenticate", "Bearer realm=\"api\""))]
pub struct AuthError;
