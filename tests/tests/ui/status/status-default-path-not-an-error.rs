use api_error_core::{ApiError, StatusCode};

// One wrong default, named once, however many variants fall back on it.
#[derive(Debug, ApiError)]
#[api_error(status = StatusCode::FOUND, rename_all = "SCREAMING_SNAKE_CASE")]
enum OrderError {
    OrderMoved,
    OrderArchived,
    OrderSplit,
}

fn main() {}
