use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 404)]
struct OrderNotFound;

fn main() {}
