use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(header("Cache-Control", "no-store"))]
enum OrderError {
    #[api_error(code = "ORDER_NOT_FOUND", status = 404)]
    NotFound,
}

fn main() {}
