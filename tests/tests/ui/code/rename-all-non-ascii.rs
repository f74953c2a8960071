use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(rename_all = "SCREAMING_SNAKE_CASE", status = 400)]
enum SizeError {
    Größe,
    TooSmall,
}

fn main() {}
