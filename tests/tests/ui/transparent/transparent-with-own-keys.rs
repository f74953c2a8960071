use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(code = "AUTH_FAILED", status = 403)]
struct AuthError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(
        transparent,
        code = "ORDER_AUTH",
        status = 401,
        message = "Not allowed",
        header("WWW-Authenticate", "Bearer")
    )]
    Auth(AuthError),
}

fn main() {}
