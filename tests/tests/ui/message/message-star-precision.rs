use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum UsageError {
    #[api_error(code = "USAGE_NOT_ENOUGH", status = 400, message = "only {left:.*} left")]
    NotEnough { left: f64 },
}

fn main() {}
