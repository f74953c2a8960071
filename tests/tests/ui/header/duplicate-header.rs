use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum LimitError {
    #[api_error(code = "RATE_LIMIT_EXCEEDED", status = 429, header("Retry-After", "60"))]
    RateLimited {
        #[api_error(header = "retry-after")]
        retry_after: u64,
    },
}

fn main() {}
