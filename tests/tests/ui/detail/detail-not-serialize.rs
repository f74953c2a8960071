use api_error_core::ApiError;

#[derive(Debug)]
struct OrderId(u64);

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "ORDER_NOT_FOUND", status = 404)]
    NotFound {
        #[api_error(detail)]
        id: OrderId,
    },
}

fn main() {}
