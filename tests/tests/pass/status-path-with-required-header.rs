use api_error_core::{ApiError, Respond, StatusCode};

// A status given as a path is checked by the compiler; with its header, fixed or from a
// field, it compiles.
#[derive(Debug, ApiError)]
enum AuthError {
    #[api_error(
        code = "AUTH_REQUIRED",
        status = StatusCode::UNAUTHORIZED,
        header("www-authenticate", "Bearer realm=\"api\"")
    )]
    Required,
    #[api_error(code = "METHOD_NOT_ALLOWED", status = StatusCode::METHOD_NOT_ALLOWED)]
    NotAllowed {
        #[api_error(header = "Allow")]
        allowed: &'static str,
    },
}

fn main() {
    let error = AuthError::Required;
    assert_eq!(error.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        error.to_response().headers()["www-authenticate"],
        "Bearer realm=\"api\""
    );
    let error = AuthError::NotAllowed { allowed: "GET" };
    assert_eq!(error.to_response().headers()["allow"], "GET");
}
