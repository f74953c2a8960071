use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum AuthError {
    #[api_error(code = "AUTH_EMPTY", status = 401, header("WWW-Authenticate", ""))]
    Empty,
    #[api_error(code = "AUTH_NO_SCHEME", status = 401, header("WWW-Authenticate", "realm=\"api\""))]
    NoScheme,
    #[api_error(code = "PROXY_EMPTY", status = 407, header("Proxy-Authenticate", " "))]
    Proxy,
    // A scheme alone, and one with parameters, are challenges.
    #[api_error(code = "AUTH_BEARER", status = 401, header("WWW-Authenticate", "Bearer"))]
    Bearer,
    #[api_error(code = "AUTH_BASIC", status = 401, header("WWW-Authenticate", "Basic realm=\"api\", charset=\"UTF-8\""))]
    Basic,
}

fn main() {}
