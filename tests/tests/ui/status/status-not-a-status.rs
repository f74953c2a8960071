use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "ORDER_NOT_FOUND", status = "NOT_FOUND")]
    NotFound,
    #[api_error(code = "ORDER_GONE", status = 400 + 10)]
    Gone,
}

fn main() {}
