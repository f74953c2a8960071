use api_error_core::ApiError;

#[derive(ApiError)]
union OrderError {
    id: u64,
    code: u32,
}

fn main() {}
