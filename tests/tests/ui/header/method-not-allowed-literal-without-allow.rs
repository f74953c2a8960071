use api_error_core::ApiError;

// Reported with every other mistake of the input, and a field's header counts: `Wrong` has one.
#[derive(Debug, ApiError)]
enum RouteError {
    #[api_error(code = "METHOD_NOT_ALLOWED", status = 405)]
    NotAllowed,
    #[api_error(code = "METHOD_WRONG", status = 405)]
    Wrong {
        #[api_error(header = "ALLOW")]
        allowed: &'static str,
    },
    #[api_error(code = "bad code", status = 401)]
    Unauthorized,
}

fn main() {}
