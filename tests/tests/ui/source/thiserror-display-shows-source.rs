use api_error_core::ApiError;

// thiserror's `Display` is the public message of a 4xx without `message`: showing the source
// there would send a database URL to the client.
#[derive(Debug, thiserror::Error, ApiError)]
enum LookupError {
    #[error("lookup failed: {0}")]
    #[api_error(code = "LOOKUP_FAILED", status = 404)]
    Failed(#[source] std::io::Error),
    #[error("upstream {name} refused: {}", .cause)]
    #[api_error(code = "UPSTREAM_REFUSED", status = 422)]
    Refused {
        name: String,
        #[source]
        cause: std::io::Error,
    },
    // A field named bare in an argument, as thiserror allows.
    #[error("upstream failed: {}", cause)]
    #[api_error(code = "UPSTREAM_FAILED", status = 424)]
    Bare {
        #[source]
        cause: std::io::Error,
    },
    #[error("query failed: {source:?}")]
    #[api_error(code = "QUERY_FAILED", status = 400)]
    Query { source: std::io::Error },
    // A 5xx sends its reason phrase, whatever `Display` shows; a declared message is sent as
    // declared: neither is refused.
    #[error("storage failed: {0}")]
    #[api_error(code = "STORAGE_FAILED", status = 503)]
    Storage(#[from] std::fmt::Error),
    #[error("cache failed: {0}")]
    #[api_error(code = "CACHE_FAILED", status = 409, message = "Cache failed")]
    Cache(#[source] std::str::Utf8Error),
}

#[derive(Debug, thiserror::Error, ApiError)]
enum Wrapped {
    #[error(transparent)]
    #[api_error(code = "UPSTREAM_FAILED", status = 424)]
    Upstream(std::io::Error),
}

fn main() {}
