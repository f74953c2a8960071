use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "ORDER_RATE_LIMITED", status = 429)]
    RateLimited {
        #[api_error(header = "Retry After")]
        after: u64,
    },
}

fn main() {}
