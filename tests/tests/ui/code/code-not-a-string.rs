use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = 404, status = 404)]
    NotFound,
}

fn main() {}
