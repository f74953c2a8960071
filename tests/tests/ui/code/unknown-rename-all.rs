use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(rename_all = "SHOUTING_CASE", status = 400)]
enum OrderError {
    NotFound,
}

fn main() {}
