use api_error_core::ApiError;

// A header on another name does not count.
#[derive(Debug, ApiError)]
#[api_error(code = "PROXY_AUTH_REQUIRED", status = 407, header("WWW-Authenticate", "Basic"))]
struct ProxyAuthRequired;

fn main() {}
