use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(rename_all = "SHOUTING_CASE")]
enum OrderError {
    #[api_error(code = "order not found", status = 200)]
    NotFound,
    #[api_error(code = "ORDER_NOT_PENDING", status = 400, message = "Order {idd} is not pending")]
    NotPending { id: u64 },
    #[api_error(code = "ORDER_NOT_PENDING", status = 409)]
    Conflict(#[api_error(detail)] u64),
    #[api_error(transparent, status = 500)]
    Other,
}

fn main() {}
