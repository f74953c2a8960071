use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "ORDER_TOO_LARGE", status = 413)]
    TooLarge {
        #[api_error(header = "content-length")]
        size: u64,
    },
}

fn main() {}
