use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum AuthError {
    #[api_error(code = "AUTH_NOT_AUTHENTICATED", status = 401)]
    NotAuthenticated,
}

fn main() {}
