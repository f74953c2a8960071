use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "ORDER_STALE", status = 409, grpc = "OK")]
    Stale,
}

fn main() {}
