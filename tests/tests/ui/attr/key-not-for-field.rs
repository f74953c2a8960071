use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "ORDER_NOT_PENDING", status = 400)]
    NotPending {
        #[api_error(status = 409)]
        id: u64,
    },
}

fn main() {}
