//! The example service over a real loopback socket: what a client sees for each error it serves.

use api_error_examples::{AppState, DEMO_TOKEN, router};

/// Serves a fresh state on an ephemeral port and returns its base URL.
async fn serve() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router(AppState::with_demo_orders()))
            .await
            .unwrap();
    });
    format!("http://{address}")
}

/// Status, content type, the named header and the exact body of one response.
async fn read(
    request: reqwest::RequestBuilder,
    wanted: &str,
) -> (u16, String, Option<String>, String) {
    let response = request.send().await.unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let content_type = header("content-type").unwrap_or_default();
    let named = header(wanted);
    let status = response.status().as_u16();
    (status, content_type, named, response.text().await.unwrap())
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

#[tokio::test]
async fn order_without_token_is_401_with_a_challenge() {
    let base = serve().await;
    let (status, content_type, challenge, body) = read(
        client().get(format!("{base}/orders/ord_1")),
        "www-authenticate",
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(content_type, "application/json");
    assert_eq!(challenge.as_deref(), Some("Bearer realm=\"orders\""));
    assert_eq!(
        body,
        r#"{"code":"AUTH_NOT_AUTHENTICATED","message":"Authentication required"}"#
    );
}

#[tokio::test]
async fn unknown_order_is_404_with_its_id_in_details() {
    let base = serve().await;
    let request = client()
        .get(format!("{base}/orders/ord_9"))
        .bearer_auth(DEMO_TOKEN);
    let (status, content_type, _, body) = read(request, "www-authenticate").await;
    assert_eq!(status, 404);
    assert_eq!(content_type, "application/json");
    assert_eq!(
        body,
        r#"{"code":"ORDER_NOT_FOUND","message":"Order ord_9 not found","details":{"id":"ord_9"}}"#
    );
}

#[tokio::test]
async fn confirming_twice_is_order_not_pending() {
    let base = serve().await;
    let confirm = || {
        client()
            .post(format!("{base}/orders/ord_1/confirm"))
            .bearer_auth(DEMO_TOKEN)
    };
    let (status, _, _, body) = read(confirm(), "content-type").await;
    assert_eq!(status, 200);
    assert_eq!(body, r#"{"id":"ord_1","status":"confirmed"}"#);
    let (status, _, _, body) = read(confirm(), "content-type").await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        r#"{"code":"ORDER_NOT_PENDING","message":"Order ord_1 is not in pending status","details":{"id":"ord_1","status":"confirmed"}}"#
    );
}

#[tokio::test]
async fn storage_failure_is_500_without_its_cause() {
    let base = serve().await;
    let request = client()
        .get(format!("{base}/orders/ord_1/receipt"))
        .bearer_auth(DEMO_TOKEN);
    let (status, _, _, body) = read(request, "content-type").await;
    assert_eq!(status, 500);
    assert_eq!(
        body,
        r#"{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error"}"#
    );
    assert!(!body.contains("receipt store"));
}

#[tokio::test]
async fn wrong_token_is_token_invalid() {
    let base = serve().await;
    let request = client()
        .get(format!("{base}/orders/ord_1"))
        .bearer_auth("stolen");
    let (status, _, challenge, body) = read(request, "www-authenticate").await;
    assert_eq!(status, 401);
    assert_eq!(
        challenge.as_deref(),
        Some("Bearer realm=\"orders\", error=\"invalid_token\"")
    );
    assert_eq!(
        body,
        r#"{"code":"AUTH_TOKEN_INVALID","message":"Invalid authentication token"}"#
    );
}
