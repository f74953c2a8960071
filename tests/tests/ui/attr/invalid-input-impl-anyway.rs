use api_error_core::{ApiError, Respond};
use axum::response::IntoResponse;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "ORDER_NOT_FOUND", status = 200)]
    NotFound,
    #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
    Storage(#[from] std::io::Error),
}

fn read() -> Result<Vec<u8>, OrderError> {
    let bytes = std::fs::read("order.json")?;
    Ok(bytes)
}

fn use_it(error: OrderError) -> axum::response::Response {
    let _code: &'static str = error.code();
    let _status = error.status();
    let _message: String = error.message();
    let _text = error.to_string();
    let _source = std::error::Error::source(&error);
    let _body = error.to_response();
    let _json = serde_json::to_string(&error);
    let _catalog = OrderError::catalog();
    let _boxed: Box<dyn ApiError + Send + Sync> = Box::new(OrderError::NotFound);
    let _ = read();
    error.into_response()
}

fn main() {
    let _ = use_it;
}
