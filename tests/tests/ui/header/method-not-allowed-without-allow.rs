use api_error_core::{ApiError, StatusCode};

// A status given as a path is checked too, and a header from a field counts: `Wrong` has one.
#[derive(Debug, ApiError)]
enum RouteError {
    #[api_error(code = "METHOD_NOT_ALLOWED", status = StatusCode::METHOD_NOT_ALLOWED)]
    NotAllowed,
    #[api_error(code = "METHOD_WRONG", status = 405)]
    Wrong {
        #[api_error(header = "Allow")]
        allowed: &'static str,
    },
}

fn main() {}
