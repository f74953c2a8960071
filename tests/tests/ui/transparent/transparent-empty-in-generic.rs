use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum Lookup<T> {
    #[api_error(transparent)]
    Inner,
    #[api_error(code = "LOOKUP_MISSING", status = 404)]
    Missing(T),
}

fn main() {}
