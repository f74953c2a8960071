use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(grpc = "ABORTED")]
enum OrderError {
    #[api_error(code = "ORDER_STALE", status = 409)]
    Stale,
}

fn main() {}
