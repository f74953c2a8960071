//! End to end: derived errors returned by axum handlers, served by `axum::serve` on a loopback
//! socket and read back by an HTTP client, byte for byte.

use std::net::SocketAddr;

use api_error_tests::{Case, Seen, client};

use api_error_core::{ApiError, ErrorBody, StatusCode};
use axum::Router;
use axum::extract::Path;
use axum::routing::get;
use serde::ser::{Error as _, Serialize, Serializer};

/// Errors of a small shop API.
#[derive(Debug, ApiError)]
enum ShopError {
    #[api_error(
        code = "ORDER_NOT_FOUND",
        status = 404,
        message = "Order {id} not found"
    )]
    NotFound {
        #[api_error(detail)]
        id: u64,
    },
    #[api_error(
        code = "ORDER_ID_MALFORMED",
        status = 400,
        message = "Order id must be a number"
    )]
    Malformed(#[from] std::num::ParseIntError),
    #[api_error(
        code = "AUTH_REQUIRED",
        status = 401,
        message = "Authentication required",
        header("WWW-Authenticate", "Bearer realm=\"shop\"")
    )]
    Unauthenticated,
    #[api_error(
        code = "RATE_LIMITED",
        status = StatusCode::TOO_MANY_REQUESTS,
        message = "Too many requests, retry in {retry_after} seconds"
    )]
    RateLimited {
        #[api_error(header = "Retry-After")]
        retry_after: u64,
    },
    #[api_error(code = "STORAGE_FAILED", status = 500)]
    Storage(#[source] std::io::Error),
    #[api_error(
        code = "REPORT_UNAVAILABLE",
        status = 422,
        message = "Report cannot be built"
    )]
    Report {
        #[api_error(detail)]
        rows: u32,
        #[api_error(detail)]
        summary: Unserializable,
    },
    #[api_error(code = "MAINTENANCE", status = 503, message = "Down for maintenance")]
    Maintenance {
        #[api_error(header = "X-Maintenance-Reason")]
        reason: String,
    },
    #[api_error(transparent)]
    Quota(#[from] QuotaExceeded),
}

/// A second error type, to be mixed with `ShopError` behind `Box<dyn ApiError>`.
#[derive(Debug, ApiError)]
#[api_error(
    code = "QUOTA_EXCEEDED",
    status = 403,
    message = "Quota of {limit} orders exceeded"
)]
struct QuotaExceeded {
    #[api_error(detail)]
    limit: u32,
}

/// A detail whose `Serialize` always fails.
#[derive(Debug)]
struct Unserializable;

impl Serialize for Unserializable {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(S::Error::custom("this summary cannot be serialized"))
    }
}

const SECRET: &str = "password=hunter2 at /var/lib/shop.db";

fn find_order(id: &str) -> Result<u64, ShopError> {
    let id: u64 = id.parse()?;
    if id == 42 {
        Ok(id)
    } else {
        Err(ShopError::NotFound { id })
    }
}

fn check_quota(id: u64) -> Result<(), QuotaExceeded> {
    if id == 42 {
        Ok(())
    } else {
        Err(QuotaExceeded { limit: 10 })
    }
}

async fn order(Path(id): Path<String>) -> Result<String, ShopError> {
    let id = find_order(&id)?;
    Ok(format!("order {id}"))
}

async fn me() -> Result<String, ShopError> {
    Err(ShopError::Unauthenticated)
}

async fn limited() -> Result<String, ShopError> {
    Err(ShopError::RateLimited { retry_after: 30 })
}

async fn storage() -> Result<String, ShopError> {
    Err(ShopError::Storage(std::io::Error::other(SECRET)))
}

async fn report() -> Result<String, ShopError> {
    Err(ShopError::Report {
        rows: 3,
        summary: Unserializable,
    })
}

async fn maintenance() -> Result<String, ShopError> {
    Err(ShopError::Maintenance {
        reason: "disk swap\nX-Injected: yes".to_owned(),
    })
}

async fn over_quota() -> Result<String, ShopError> {
    check_quota(1)?;
    Ok("unreachable".to_owned())
}

/// Errors of two types, each converted by `?` into one boxed `dyn ApiError`.
async fn boxed_order(
    Path(id): Path<String>,
) -> Result<axum::Json<serde_json::Value>, Box<dyn ApiError + Send + Sync>> {
    let id = find_order(&id).or_else(|error| match error {
        ShopError::NotFound { id } if id == 7 => Ok(id),
        error => Err(error),
    })?;
    check_quota(id)?;
    Ok(axum::Json(serde_json::json!({ "id": id })))
}

fn app() -> Router {
    Router::new()
        .route("/orders/{id}", get(order))
        .route("/me", get(me))
        .route("/limited", get(limited))
        .route("/storage", get(storage))
        .route("/report", get(report))
        .route("/maintenance", get(maintenance))
        .route("/over-quota", get(over_quota))
        .route("/boxed/orders/{id}", get(boxed_order))
}

/// Serves `app()` on a fresh loopback port until the test's runtime ends.
async fn serve() -> SocketAddr {
    api_error_tests::serve(app()).await
}

async fn get_from(address: SocketAddr, path: &'static str) -> Seen {
    Case::get(path).send(address).await
}

#[tokio::test]
async fn success_passes_through_untouched() {
    let address = serve().await;
    let seen = get_from(address, "/orders/42").await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.body.as_ref(), b"order 42");
}

#[tokio::test]
async fn struct_variant_is_404_with_details_over_the_socket() {
    let address = serve().await;
    get_from(address, "/orders/7").await.assert_json(
        StatusCode::NOT_FOUND,
        r#"{"code":"ORDER_NOT_FOUND","message":"Order 7 not found","details":{"id":7}}"#,
    );
}

#[tokio::test]
async fn from_conversion_with_question_mark_is_400() {
    let address = serve().await;
    get_from(address, "/orders/abc").await.assert_json(
        StatusCode::BAD_REQUEST,
        r#"{"code":"ORDER_ID_MALFORMED","message":"Order id must be a number"}"#,
    );
}

#[tokio::test]
async fn unauthorized_carries_www_authenticate() {
    let address = serve().await;
    let seen = get_from(address, "/me").await;
    seen.assert_json(
        StatusCode::UNAUTHORIZED,
        r#"{"code":"AUTH_REQUIRED","message":"Authentication required"}"#,
    );
    assert_eq!(
        seen.header("www-authenticate"),
        Some(r#"Bearer realm="shop""#)
    );
}

#[tokio::test]
async fn too_many_requests_carries_retry_after_from_its_field() {
    let address = serve().await;
    let seen = get_from(address, "/limited").await;
    seen.assert_json(
        StatusCode::TOO_MANY_REQUESTS,
        r#"{"code":"RATE_LIMITED","message":"Too many requests, retry in 30 seconds"}"#,
    );
    assert_eq!(seen.header("retry-after"), Some("30"));
}

#[tokio::test]
async fn server_error_body_never_contains_the_source_text() {
    let address = serve().await;
    let seen = get_from(address, "/storage").await;
    seen.assert_json(
        StatusCode::INTERNAL_SERVER_ERROR,
        r#"{"code":"STORAGE_FAILED","message":"Internal Server Error"}"#,
    );
    let body = std::str::from_utf8(&seen.body).unwrap();
    assert!(!body.contains("hunter2"));
    assert!(!body.contains("/var/lib"));
    for value in seen.headers.values() {
        assert!(!value.to_str().unwrap().contains("hunter2"));
    }
}

#[tokio::test]
async fn failing_detail_degrades_to_a_body_without_details() {
    let address = serve().await;
    let seen = get_from(address, "/report").await;
    seen.assert_json(
        StatusCode::UNPROCESSABLE_ENTITY,
        r#"{"code":"REPORT_UNAVAILABLE","message":"Report cannot be built"}"#,
    );
    let body: serde_json::Value = serde_json::from_slice(&seen.body).unwrap();
    assert!(body.get("details").is_none());
}

#[tokio::test]
async fn invalid_field_header_is_left_out_and_the_server_keeps_serving() {
    let address = serve().await;
    let seen = get_from(address, "/maintenance").await;
    seen.assert_json(
        StatusCode::SERVICE_UNAVAILABLE,
        r#"{"code":"MAINTENANCE","message":"Down for maintenance"}"#,
    );
    assert_eq!(seen.header("x-maintenance-reason"), None);
    assert_eq!(seen.header("x-injected"), None);
    // The handler's task did not panic: the same server answers the next request.
    let seen = get_from(address, "/orders/42").await;
    assert_eq!(seen.status, StatusCode::OK);
}

#[tokio::test]
async fn transparent_variant_is_the_wrapped_error_over_the_socket() {
    let address = serve().await;
    get_from(address, "/over-quota").await.assert_json(
        StatusCode::FORBIDDEN,
        r#"{"code":"QUOTA_EXCEEDED","message":"Quota of 10 orders exceeded","details":{"limit":10}}"#,
    );
}

#[tokio::test]
async fn boxed_dyn_api_error_renders_each_converted_error() {
    let address = serve().await;
    let seen = get_from(address, "/boxed/orders/42").await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.body.as_ref(), br#"{"id":42}"#);

    get_from(address, "/boxed/orders/9").await.assert_json(
        StatusCode::NOT_FOUND,
        r#"{"code":"ORDER_NOT_FOUND","message":"Order 9 not found","details":{"id":9}}"#,
    );
    get_from(address, "/boxed/orders/x").await.assert_json(
        StatusCode::BAD_REQUEST,
        r#"{"code":"ORDER_ID_MALFORMED","message":"Order id must be a number"}"#,
    );
    get_from(address, "/boxed/orders/7").await.assert_json(
        StatusCode::FORBIDDEN,
        r#"{"code":"QUOTA_EXCEEDED","message":"Quota of 10 orders exceeded","details":{"limit":10}}"#,
    );
}

#[tokio::test]
async fn client_reads_error_body_back_with_error_body() {
    let address = serve().await;
    let response = client()
        .get(format!("http://{address}/orders/5"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: ErrorBody = response.json().await.unwrap();
    assert_eq!(body.code, "ORDER_NOT_FOUND");
    assert_eq!(body.message, "Order 5 not found");
    assert_eq!(body.details.unwrap()["id"], 5);
}

mod oneshot {
    use axum::body::Body;
    use http::Request;
    use tower::ServiceExt as _;

    use super::{StatusCode, app};

    async fn call(path: &str) -> (http::response::Parts, bytes::Bytes) {
        let request = Request::get(path).body(Body::empty()).unwrap();
        let response = app().oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        (parts, axum::body::to_bytes(body, usize::MAX).await.unwrap())
    }

    #[tokio::test]
    async fn into_response_sets_status_content_type_and_static_header() {
        let (parts, body) = call("/me").await;
        assert_eq!(parts.status, StatusCode::UNAUTHORIZED);
        assert_eq!(parts.headers["content-type"], "application/json");
        assert_eq!(parts.headers["www-authenticate"], r#"Bearer realm="shop""#);
        assert_eq!(
            body.as_ref(),
            br#"{"code":"AUTH_REQUIRED","message":"Authentication required"}"#
        );
    }

    #[tokio::test]
    async fn into_response_of_a_boxed_error_matches_the_derived_one() {
        let (boxed, boxed_body) = call("/boxed/orders/9").await;
        let (direct, direct_body) = call("/orders/9").await;
        assert_eq!(boxed.status, direct.status);
        assert_eq!(boxed.headers, direct.headers);
        assert_eq!(boxed_body, direct_body);
    }
}
