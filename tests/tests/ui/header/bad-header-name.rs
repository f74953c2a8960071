use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "AUTH_REQUIRED", status = 401, header("WWW Authenticate", "Bearer"))]
    Unauthorized,
}

fn main() {}
