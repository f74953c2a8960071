use api_error_core::ApiError;
use api_error_core::set::OneOf;

#[derive(Debug, ApiError)]
#[api_error(members)]
enum OrderError {
    #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
    NotFound { #[api_error(detail)] order_id: u64 },
    #[api_error(code = "ORDER_EXPIRED", status = 400, message = "Order {order_id} has expired")]
    Expired { #[api_error(detail)] order_id: u64 },
}

// Answers ORDER_NOT_FOUND, never ORDER_EXPIRED.
fn get_order(order_id: u64) -> Result<u64, OneOf<(order_error::NotFound,)>> {
    if order_id == 7 {
        Err(order_error::Expired { order_id })?;
    }
    Ok(order_id)
}

fn main() {
    let _ = get_order(7);
}
