use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(code = "AUTH_FAILED", status = 403)]
struct AuthError;

#[derive(Debug, ApiError)]
enum OrderError {
    // Without a code or a status of its own, `transparent` takes everything from the wrapped
    // error (with one, it wraps any error: `transparent-wraps.rs`).
    #[api_error(transparent, message = "Not allowed", header("WWW-Authenticate", "Bearer"))]
    Auth(AuthError),
}

fn main() {}
