use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(members = "order-errors")]
enum OrderError {
    #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
    NotFound,
}

fn main() {}
