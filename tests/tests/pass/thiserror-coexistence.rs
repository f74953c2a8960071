use api_error_core::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("token expired")]
#[api_error(
    code = "AUTH_TOKEN_EXPIRED",
    status = 401,
    header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
)]
struct AuthError;

#[derive(Debug, thiserror::Error, ApiError)]
enum OrderError {
    #[error("order {0} not found")]
    #[api_error(code = "ORDER_NOT_FOUND", status = 404)]
    NotFound(u64),
    #[error("order {id} is locked")]
    #[api_error(code = "ORDER_LOCKED", status = 409, message = "Order is locked")]
    Locked { id: u64 },
    #[error("storage failed")]
    #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
    Storage(#[from] std::io::Error),
    #[error(transparent)]
    #[api_error(transparent)]
    Auth(#[from] AuthError),
}

fn main() {
    assert_eq!(OrderError::NotFound(7).message(), "order 7 not found");
    assert_eq!(OrderError::Locked { id: 7 }.message(), "Order is locked");
    assert_eq!(
        OrderError::Locked { id: 7 }.to_string(),
        "order 7 is locked"
    );
    let storage = OrderError::from(std::io::Error::other("disk"));
    assert_eq!(storage.message(), "Internal Server Error");
    assert_eq!(storage.to_string(), "storage failed");
    let auth = OrderError::from(AuthError);
    assert_eq!(auth.code(), "AUTH_TOKEN_EXPIRED");
    assert_eq!(auth.message(), "token expired");
    assert_eq!(auth.to_string(), "token expired");
}
