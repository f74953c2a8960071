use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(rename_all = "SCREAMING_SNAKE_CASE", status = 404)]
enum OrderError {
    NotFound,
    #[api_error(code = "NOT_FOUND")]
    Missing,
}

fn main() {}
