use api_error_core::{ApiError, Violations};

#[derive(Debug, ApiError)]
#[api_error(code = "VALIDATION_FAILED", status = 422, message = "The request is not valid")]
struct Invalid {
    #[api_error(violations)]
    fields: Violations,
}

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(transparent)]
    Invalid(#[api_error(violations)] Invalid),
}

fn main() {}
