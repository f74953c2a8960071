use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(members)]
enum LookupError<K: std::fmt::Debug + serde::Serialize> {
    #[api_error(code = "NOT_FOUND", status = 404, message = "Not found")]
    NotFound {
        #[api_error(detail)]
        key: K,
    },
}

fn main() {}
