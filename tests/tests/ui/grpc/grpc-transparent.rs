use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(code = "ORDER_STALE", status = 409)]
struct Stale;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(transparent, grpc = "ABORTED")]
    Stale(Stale),
}

fn main() {}
