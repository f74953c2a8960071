use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(status = 404)]
    NotFound,
}

fn main() {}
