use api_error_core::ApiError;
use axum::response::IntoResponse;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "ORDER_NOT_FOUND", status = 200)]
    NotFound,
}

fn handler() -> Result<(), OrderError> {
    Err(OrderError::NotFound)
}

fn use_it(error: OrderError) -> axum::response::Response {
    let _code: &'static str = error.code();
    let _status = error.status();
    let _message: String = error.message();
    let _text = error.to_string();
    let _body = error.to_response();
    let _catalog = OrderError::catalog();
    let _boxed: Box<dyn ApiError + Send + Sync> = Box::new(OrderError::NotFound);
    let _ = handler();
    error.into_response()
}

fn main() {
    let _ = use_it;
}
