use api_error_core::{ApiError, StatusCode};

#[derive(Debug, ApiError)]
#[api_error(status = StatusCode::BAD_REQUEST)]
enum OrderError {
    #[api_error(code = "ORDER_NOT_FOUND", status = api_error_core::http::StatusCode::NOT_FOUND)]
    NotFound,
    #[api_error(code = "ORDER_INVALID")]
    Invalid,
}

const TEAPOT: StatusCode = StatusCode::IM_A_TEAPOT;

#[derive(Debug, ApiError)]
#[api_error(code = "TEAPOT", status = TEAPOT)]
struct Teapot;

fn main() {
    assert_eq!(OrderError::NotFound.status(), StatusCode::NOT_FOUND);
    assert_eq!(OrderError::Invalid.status(), StatusCode::BAD_REQUEST);
    assert_eq!(Teapot.status().as_u16(), 418);
}
