use api_error_core::{ApiError, Violations};

#[derive(Debug, ApiError)]
#[api_error(code = "VALIDATION_FAILED", status = 422, message = "The request is not valid")]
struct Invalid {
    #[api_error(violations)]
    body: Violations,
    #[api_error(violations)]
    query: Violations,
}

fn main() {}
