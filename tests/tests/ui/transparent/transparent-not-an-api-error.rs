use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(transparent)]
    Io(std::io::Error),
}

fn main() {}
