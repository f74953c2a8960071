use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum LoginError {
    #[api_error(code = "LOGIN_REQUIRED", status = 302)]
    Redirect,
}

fn main() {}
