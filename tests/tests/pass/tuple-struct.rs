use api_error_core::{ApiError, Respond};

#[derive(Debug, ApiError)]
#[api_error(
    code = "QUOTA_EXCEEDED",
    status = 429,
    message = "Quota of {0} exceeded"
)]
struct QuotaExceeded(
    #[api_error(detail = "limit")] u32,
    #[api_error(header = "Retry-After")] u64,
);

fn main() {
    let error = QuotaExceeded(100, 30);
    assert_eq!(error.message(), "Quota of 100 exceeded");
    let response = error.to_response();
    assert_eq!(response.headers()["retry-after"], "30");
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"QUOTA_EXCEEDED","message":"Quota of 100 exceeded","details":{"limit":100}}"#
    );
}
