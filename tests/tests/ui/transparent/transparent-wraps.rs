use api_error_core::ApiError;

// `transparent` with a code of its own wraps one error, which is its source: it has no second
// field, and the one it has is no detail.
#[derive(Debug, ApiError)]
enum StoreError {
    #[api_error(transparent, code = "STORE_FAILED", status = 500)]
    Two(std::io::Error, u32),
    #[api_error(transparent, code = "STORE_REFUSED", status = 503)]
    Detail(#[api_error(detail = "cause")] std::io::Error),
}

fn main() {}
