use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(code = "UPSTREAM_FAILED", status(502, 503) = .reason)]
struct UpstreamFailed {
    reason: String,
}

fn main() {}
