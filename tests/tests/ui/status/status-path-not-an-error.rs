use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "ORDER_OK", status = api_error_core::StatusCode::OK)]
    Fine,
}

fn main() {}
