use api_error_core::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(own_display)]
enum OrderError {
    #[error("order not found")]
    #[api_error(code = "ORDER_NOT_FOUND", status = 404)]
    NotFound,
}

fn main() {}
