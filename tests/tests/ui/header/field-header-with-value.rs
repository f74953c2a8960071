use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum LimitError {
    #[api_error(code = "RATE_LIMIT_EXCEEDED", status = 429)]
    RateLimited {
        #[api_error(header("Retry-After", "60"))]
        retry_after: u64,
    },
}

fn main() {}
