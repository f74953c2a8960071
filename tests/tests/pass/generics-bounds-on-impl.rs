// The type declares no bounds; the derive puts what it needs on its impls only.
use api_error_core::{ApiError, Respond};

#[derive(Debug, ApiError)]
enum LookupError<K, E> {
    #[api_error(code = "KEY_NOT_FOUND", status = 404, message = "Key {0} not found")]
    NotFound(#[api_error(detail = "key")] K),
    #[api_error(code = "STORE_FAILED", status = 500)]
    Store(#[source] E),
}

#[derive(Debug, ApiError)]
#[api_error(code = "WRAPPED", status = 400)]
struct Wrapper<T> {
    #[api_error(detail)]
    value: T,
}

fn main() {
    let error: LookupError<u32, std::io::Error> = LookupError::NotFound(7);
    assert_eq!(error.code(), "KEY_NOT_FOUND");
    assert_eq!(error.message(), "Key 7 not found");
    let body = error.to_response();
    assert_eq!(
        body.body().as_ref(),
        br#"{"code":"KEY_NOT_FOUND","message":"Key 7 not found","details":{"key":7}}"#
    );

    let store: LookupError<u32, std::io::Error> = LookupError::Store(std::io::Error::other("disk"));
    assert_eq!(store.status().as_u16(), 500);
    assert!(std::error::Error::source(&store).is_some());

    assert_eq!(Wrapper { value: "x" }.code(), "WRAPPED");
}
