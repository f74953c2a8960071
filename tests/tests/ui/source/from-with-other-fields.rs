use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
    Storage {
        #[from]
        cause: std::io::Error,
        attempts: u32,
    },
}

fn main() {}
