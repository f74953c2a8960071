use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500, message = "Storage failed: {0}")]
    Storage(#[source] std::io::Error),
}

fn main() {}
