use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(code = "ORDER_NOT_FOUND")]
struct OrderNotFound;

fn main() {}
