use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(code = "VALIDATION_FAILED", status = 422, message = "The request is not valid")]
struct Invalid {
    #[api_error(violations)]
    problems: Vec<String>,
}

fn main() {}
