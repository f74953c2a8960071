use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "ORDER_NOT_FOUND", status = 404, decode)]
    NotFound,
}

fn main() {}
