use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(crate = "my framework::api_error", code = "ORDER_NOT_FOUND", status = 404)]
struct OrderNotFound;

fn main() {}
