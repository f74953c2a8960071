use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(code = "AUTH_FAILED", status = 403)]
struct AuthError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(transparent = true)]
    Auth(AuthError),
}

fn main() {}
