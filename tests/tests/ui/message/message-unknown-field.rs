use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "ORDER_NOT_PENDING", status = 400, message = "Order {idd} is not pending")]
    NotPending { id: u64 },
}

fn main() {}
