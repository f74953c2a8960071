use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "ORDER_UNKNOWN", status = 600)]
    Unknown,
}

fn main() {}
