use api_error_core::ApiError;

#[derive(Debug, serde::Serialize)]
struct OrderId(u64);

#[derive(Debug, ApiError)]
#[api_error(decode)]
enum OrderError {
    #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
    NotFound {
        #[api_error(detail)]
        id: OrderId,
    },
}

fn main() {}
