use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "ORDER_TYPE_NOT_MATCH", status = 400)]
    TypeMismatch {
        #[api_error(detail = "type")]
        expected: String,
        #[api_error(detail = "type")]
        found: String,
    },
}

fn main() {}
