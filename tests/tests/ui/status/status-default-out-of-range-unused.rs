use api_error_core::ApiError;

// The default is wrong even though every variant gives its own status.
#[derive(Debug, ApiError)]
#[api_error(status = 302)]
enum OrderError {
    #[api_error(code = "ORDER_NOT_FOUND", status = 404)]
    NotFound,
}

fn main() {}
