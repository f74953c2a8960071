use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(format = "xml", code = "X", status = 400)]
struct Unknown;

fn main() {}
