use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(decode = true)]
enum OrderError {
    #[api_error(code = "ORDER_NOT_FOUND", status = 404)]
    NotFound,
}

fn main() {}
