use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
    Storage {
        #[source]
        #[api_error(violations)]
        cause: std::io::Error,
    },
}

fn main() {}
