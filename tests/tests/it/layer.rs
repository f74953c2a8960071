//! End to end: `api_error_core::axum::ApiErrorLayer` around an axum router, served by `axum::serve`
//! on a loopback socket and read back by an HTTP client, byte for byte, in the default JSON
//! format and as problem details.

use std::net::SocketAddr;

use api_error_tests::{Case, client, listen, serve};

use api_error_core::axum::ApiErrorLayer;
use api_error_core::{ApiError, Config, Format, StatusCode};
use api_error_core::{Rejection, RejectionKind, RequestId};
use axum::extract::{DefaultBodyLimit, Path, Query};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

/// The request id every request of a byte-exact case carries: it uses each punctuation mark a
/// request id may have.
const ID: &str = "req_42-a.b+c=d_f";

/// Errors a handler returns itself.
#[derive(Debug, ApiError)]
enum ShopError {
    #[api_error(
        code = "ORDER_NOT_FOUND",
        status = 404,
        message = "Order {order_id} not found"
    )]
    NotFound {
        #[api_error(detail)]
        order_id: u32,
    },
    #[api_error(
        code = "RATE_LIMITED",
        status = 429,
        message = "Retry in {retry_after} seconds"
    )]
    RateLimited {
        #[api_error(header = "Retry-After")]
        retry_after: u32,
    },
    #[api_error(code = "STORAGE_FAILED", status = 500)]
    Storage(#[source] std::io::Error),
}

/// An error whose type names its own format.
#[derive(Debug, ApiError)]
#[api_error(format = "problem", code = "LEGACY_GONE", status = 410)]
struct LegacyGone;

#[derive(Debug, Deserialize)]
struct NewOrder {
    id: u32,
}

#[derive(Debug, Deserialize)]
struct Page {
    page: u32,
}

async fn create(Json(order): Json<NewOrder>) -> String {
    format!("created {}", order.id)
}

async fn order(Path(id): Path<u32>) -> String {
    format!("order {id}")
}

async fn list(Query(page): Query<Page>) -> String {
    format!("page {}", page.page)
}

async fn ok() -> &'static str {
    "ok"
}

async fn teapot() -> StatusCode {
    StatusCode::IM_A_TEAPOT
}

async fn slow_down() -> impl IntoResponse {
    (
        StatusCode::TOO_MANY_REQUESTS,
        [("retry-after", "30")],
        "slow down",
    )
}

async fn secret() -> (StatusCode, &'static str) {
    (StatusCode::INTERNAL_SERVER_ERROR, "db password is hunter2")
}

async fn upstream() -> (StatusCode, &'static str) {
    (
        StatusCode::BAD_GATEWAY,
        "upstream 10.0.0.7:5432 refused the connection",
    )
}

/// A 401 in plain text with two cookies and two challenges.
async fn two_of_each() -> impl IntoResponse {
    let mut headers = HeaderMap::new();
    for (name, value) in [
        ("set-cookie", "a=1"),
        ("set-cookie", "b=2"),
        ("www-authenticate", "Bearer realm=\"shop\""),
        ("www-authenticate", "Basic realm=\"shop\""),
        ("content-language", "en"),
    ] {
        headers.append(name, value.parse().unwrap());
    }
    (StatusCode::UNAUTHORIZED, headers, "who are you")
}

/// A compressed plain-text error, which the layer cannot read.
async fn gzipped() -> impl IntoResponse {
    (
        StatusCode::BAD_REQUEST,
        [
            ("content-type", "text/plain; charset=utf-8"),
            ("content-encoding", "gzip"),
        ],
        vec![0x1f_u8, 0x8b, 0x08, 0x00],
    )
}

/// An error whose body is streamed, of no known length and no declared type.
async fn streamed() -> impl IntoResponse {
    let chunks = futures_chunks();
    (
        StatusCode::SERVICE_UNAVAILABLE,
        axum::body::Body::from_stream(chunks),
    )
}

fn futures_chunks()
-> impl futures_core::Stream<Item = Result<bytes::Bytes, std::io::Error>> + Send + 'static {
    struct Two(u8);
    impl futures_core::Stream for Two {
        type Item = Result<bytes::Bytes, std::io::Error>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            self.0 += 1;
            std::task::Poll::Ready(match self.0 {
                1 => Some(Ok(bytes::Bytes::from_static(b"part one, "))),
                2 => Some(Ok(bytes::Bytes::from_static(b"part two"))),
                _ => None,
            })
        }
    }
    Two(0)
}

/// A handler's own 404, with text of its own.
async fn gone_order() -> impl IntoResponse {
    (StatusCode::NOT_FOUND, "order 7 is not here")
}

/// Plain text under a media type written in capitals, which is still plain text.
async fn shouting() -> impl IntoResponse {
    (
        StatusCode::BAD_REQUEST,
        [("content-type", "Text/Plain; charset=utf-8")],
        "shout",
    )
}

async fn unavailable() -> StatusCode {
    StatusCode::SERVICE_UNAVAILABLE
}

async fn own_json() -> impl IntoResponse {
    (
        StatusCode::CONFLICT,
        Json(serde_json::json!({ "error": "mine", "why": "hunter2" })),
    )
}

async fn own_html() -> impl IntoResponse {
    (StatusCode::FORBIDDEN, Html("<h1>No entry</h1>"))
}

async fn derived(Path(id): Path<u32>) -> Result<String, ShopError> {
    Err(ShopError::NotFound { order_id: id })
}

async fn limited() -> Result<String, ShopError> {
    Err(ShopError::RateLimited { retry_after: 30 })
}

async fn storage() -> Result<String, ShopError> {
    Err(ShopError::Storage(std::io::Error::other(
        "db password is hunter2",
    )))
}

async fn legacy() -> Result<String, LegacyGone> {
    Err(LegacyGone)
}

/// The id as the handler sees it: its `RequestId`, then its `x-request-id` header.
async fn whoami(id: RequestId, headers: HeaderMap) -> String {
    let header = headers
        .get("x-request-id")
        .map(|value| value.to_str().unwrap().to_owned());
    format!("{} {}", id.as_str(), header.as_deref().unwrap_or("-"))
}

/// Every route of the tests, without the layer.
fn routes() -> Router {
    Router::new()
        .route("/orders", post(create).get(list))
        .route("/orders/{id}", get(order))
        .route("/small", post(create).layer(DefaultBodyLimit::max(16)))
        .route("/ok", get(ok))
        .route("/teapot", get(teapot))
        .route("/slow-down", get(slow_down))
        .route("/gone-order", get(gone_order))
        .route("/two-of-each", get(two_of_each))
        .route("/gzipped", get(gzipped))
        .route("/streamed", get(streamed))
        .route("/shouting", get(shouting))
        .route("/secret", get(secret))
        .route("/upstream", get(upstream))
        .route("/unavailable", get(unavailable))
        .route("/own-json", get(own_json))
        .route("/own-html", get(own_html))
        .route("/derived/{id}", get(derived))
        .route("/limited", get(limited))
        .route("/storage", get(storage))
        .route("/legacy", get(legacy))
        .route("/whoami", get(whoami))
}

fn app(config: Config) -> Router {
    routes().layer(ApiErrorLayer::new(config))
}

/// `app(config)`, kept, to send requests to without a socket; the tests of what hyper does use
/// `serve(app(config))` instead.
fn kept(config: Config) -> &'static Router {
    // Kept for the rest of the binary's run, as a served router is until its runtime ends, so
    // that a test can send it several requests as it would to an address.
    Box::leak(Box::new(app(config)))
}

/// Serves `router` wrapped in `layer` from outside (not with `Router::layer`).
async fn serve_around(layer: &ApiErrorLayer, router: Router) -> SocketAddr {
    let service = tower::Layer::layer(layer, router);
    let (listener, address) = listen().await;
    tokio::spawn(async move {
        let make = axum::ServiceExt::<axum::extract::Request>::into_make_service(service);
        axum::serve(listener, make).await.unwrap();
    });
    address
}

/// `GET path` with the request id the tests expect back.
const fn get_with_id(path: &'static str) -> Case {
    Case::get(path).with_headers(&[("x-request-id", ID)])
}

fn json_config() -> Config {
    Config::new()
}

fn problem_config() -> Config {
    Config::new().format(Format::Problem)
}

/// An error response expected in both formats.
struct Expected {
    status: StatusCode,
    /// Headers besides `content-type`, `content-length` and `x-request-id`, each with its one value.
    headers: &'static [(&'static str, &'static str)],
    json: &'static str,
    problem: &'static str,
}

/// Hands `case` to a router under a default layer and to one under a problem-details layer,
/// without a socket, and checks each answer byte for byte, with the request id of the case on
/// the response.
async fn both(case: Case, expected: &Expected) {
    both_via(case, expected, false).await;
}

/// [`both`] over loopback sockets, for what hyper adds (the `Content-Length` of a body that
/// axum's fallback left without one, say).
async fn both_over_loopback(case: Case, expected: &Expected) {
    both_via(case, expected, true).await;
}

async fn both_via(case: Case, expected: &Expected, loopback: bool) {
    for (config, content_type, body) in [
        (json_config(), "application/json", expected.json),
        (
            problem_config(),
            "application/problem+json",
            expected.problem,
        ),
    ] {
        let seen = if loopback {
            case.send(serve(app(config)).await).await
        } else {
            case.oneshot(app(config)).await
        };
        seen.assert_exact(expected.status, content_type, body);
        assert_eq!(seen.all("x-request-id"), [ID], "x-request-id");
        for &(name, value) in expected.headers {
            assert_eq!(seen.all(name), [value], "header {name}");
        }
    }
}

const JSON: &[(&str, &str)] = &[("x-request-id", ID), ("content-type", "application/json")];

#[tokio::test]
async fn malformed_json_body_is_validation_failed() {
    both(
        Case::post("/orders", JSON, r#"{"id":"#),
        &Expected {
            status: StatusCode::BAD_REQUEST,
            headers: &[],
            json: concat!(
                r#"{"code":"VALIDATION_FAILED","message":"Failed to parse the request body as JSON: "#,
                r#"id: EOF while parsing a value at line 1 column 6","#,
                r#""violations":[{"in":"body","field":"/id","reason":"syntax","message":"EOF while parsing a value at line 1 column 6"}],"#,
                r#""request_id":"req_42-a.b+c=d_f"}"#,
            ),
            problem: concat!(
                r#"{"type":"about:blank","title":"Bad Request","status":400,"#,
                r#""detail":"Failed to parse the request body as JSON: id: EOF while parsing a value at line 1 column 6","#,
                r#""instance":"urn:request:req_42-a.b+c=d_f","code":"VALIDATION_FAILED","#,
                r##""errors":[{"detail":"EOF while parsing a value at line 1 column 6","pointer":"#/id","reason":"syntax"}]}"##,
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn json_of_the_wrong_type_is_validation_failed_400_not_422() {
    both(
        Case::post("/orders", JSON, r#"{"id":"seven"}"#),
        &Expected {
            status: StatusCode::BAD_REQUEST,
            headers: &[],
            json: concat!(
                r#"{"code":"VALIDATION_FAILED","message":"Failed to deserialize the JSON body into the target type: "#,
                r#"id: invalid type: string \"seven\", expected u32 at line 1 column 13","#,
                r#""violations":[{"in":"body","field":"/id","reason":"type","message":"Expected u32"}],"#,
                r#""request_id":"req_42-a.b+c=d_f"}"#,
            ),
            problem: concat!(
                r#"{"type":"about:blank","title":"Bad Request","status":400,"#,
                r#""detail":"Failed to deserialize the JSON body into the target type: "#,
                r#"id: invalid type: string \"seven\", expected u32 at line 1 column 13","#,
                r#""instance":"urn:request:req_42-a.b+c=d_f","code":"VALIDATION_FAILED","#,
                r##""errors":[{"detail":"Expected u32","pointer":"#/id","reason":"type"}]}"##,
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn bad_path_parameter_is_invalid_parameter() {
    both(
        get_with_id("/orders/abc"),
        &Expected {
            status: StatusCode::BAD_REQUEST,
            headers: &[],
            json: concat!(
                r#"{"code":"INVALID_PARAMETER","message":"Invalid URL: Cannot parse `abc` to a `u32`","#,
                r#""request_id":"req_42-a.b+c=d_f"}"#,
            ),
            problem: concat!(
                r#"{"type":"about:blank","title":"Bad Request","status":400,"#,
                r#""detail":"Invalid URL: Cannot parse `abc` to a `u32`","#,
                r#""instance":"urn:request:req_42-a.b+c=d_f","code":"INVALID_PARAMETER"}"#,
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn bad_query_parameter_is_invalid_parameter() {
    both(
        get_with_id("/orders?page=two"),
        &Expected {
            status: StatusCode::BAD_REQUEST,
            headers: &[],
            json: concat!(
                r#"{"code":"INVALID_PARAMETER","message":"Failed to deserialize query string: "#,
                r#"page: invalid digit found in string","#,
                r#""violations":[{"in":"query","field":"page","reason":"type","message":"Expected a number"}],"#,
                r#""request_id":"req_42-a.b+c=d_f"}"#,
            ),
            problem: concat!(
                r#"{"type":"about:blank","title":"Bad Request","status":400,"#,
                r#""detail":"Failed to deserialize query string: page: invalid digit found in string","#,
                r#""instance":"urn:request:req_42-a.b+c=d_f","code":"INVALID_PARAMETER","#,
                r#""errors":[{"detail":"Expected a number","parameter":"page","in":"query","reason":"type"}]}"#,
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn json_body_without_content_type_is_unsupported_media_type() {
    both(
        Case::post("/orders", &[("x-request-id", ID)], r#"{"id":7}"#),
        &Expected {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            headers: &[],
            json: concat!(
                r#"{"code":"UNSUPPORTED_MEDIA_TYPE","#,
                r#""message":"Expected request with `Content-Type: application/json`","#,
                r#""request_id":"req_42-a.b+c=d_f"}"#,
            ),
            problem: concat!(
                r#"{"type":"about:blank","title":"Unsupported Media Type","status":415,"#,
                r#""detail":"Expected request with `Content-Type: application/json`","#,
                r#""instance":"urn:request:req_42-a.b+c=d_f","code":"UNSUPPORTED_MEDIA_TYPE"}"#,
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn body_over_the_limit_is_content_too_large() {
    both(
        Case::post("/small", JSON, r#"{"id":7,"padding":"0123456789"}"#),
        &Expected {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            headers: &[],
            json: concat!(
                r#"{"code":"CONTENT_TOO_LARGE","#,
                r#""message":"Failed to buffer the request body: length limit exceeded","#,
                r#""request_id":"req_42-a.b+c=d_f"}"#,
            ),
            problem: concat!(
                r#"{"type":"about:blank","title":"Content Too Large","status":413,"#,
                r#""detail":"Failed to buffer the request body: length limit exceeded","#,
                r#""instance":"urn:request:req_42-a.b+c=d_f","code":"CONTENT_TOO_LARGE"}"#,
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn body_under_the_limit_is_taken() {
    let address = kept(json_config());
    let seen = Case::post("/small", JSON, r#"{"id":7}"#)
        .send(address)
        .await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.text(), "created 7");
    assert_eq!(seen.all("x-request-id"), [ID]);
}

#[tokio::test]
async fn unknown_route_is_not_found() {
    both_over_loopback(
        get_with_id("/nowhere"),
        &Expected {
            status: StatusCode::NOT_FOUND,
            headers: &[],
            json: r#"{"code":"NOT_FOUND","message":"Not Found","request_id":"req_42-a.b+c=d_f"}"#,
            problem: concat!(
                r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found","#,
                r#""instance":"urn:request:req_42-a.b+c=d_f","code":"NOT_FOUND"}"#,
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn wrong_method_is_method_not_allowed_with_axums_allow() {
    both(
        Case::post("/ok", &[("x-request-id", ID)], ""),
        &Expected {
            status: StatusCode::METHOD_NOT_ALLOWED,
            headers: &[("allow", "GET,HEAD")],
            json: concat!(
                r#"{"code":"METHOD_NOT_ALLOWED","message":"Method Not Allowed","#,
                r#""request_id":"req_42-a.b+c=d_f"}"#,
            ),
            problem: concat!(
                r#"{"type":"about:blank","title":"Method Not Allowed","status":405,"#,
                r#""detail":"Method Not Allowed","instance":"urn:request:req_42-a.b+c=d_f","#,
                r#""code":"METHOD_NOT_ALLOWED"}"#,
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn empty_client_error_is_client_error_with_its_status_and_reason_phrase() {
    both(
        get_with_id("/teapot"),
        &Expected {
            status: StatusCode::IM_A_TEAPOT,
            headers: &[],
            json: r#"{"code":"CLIENT_ERROR","message":"I'm a teapot","request_id":"req_42-a.b+c=d_f"}"#,
            problem: concat!(
                r#"{"type":"about:blank","title":"I'm a teapot","status":418,"detail":"I'm a teapot","#,
                r#""instance":"urn:request:req_42-a.b+c=d_f","code":"CLIENT_ERROR"}"#,
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn plain_text_client_error_is_client_error_with_its_text_and_headers() {
    both(
        get_with_id("/slow-down"),
        &Expected {
            status: StatusCode::TOO_MANY_REQUESTS,
            headers: &[("retry-after", "30")],
            json: r#"{"code":"CLIENT_ERROR","message":"slow down","request_id":"req_42-a.b+c=d_f"}"#,
            problem: concat!(
                r#"{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"slow down","#,
                r#""instance":"urn:request:req_42-a.b+c=d_f","code":"CLIENT_ERROR"}"#,
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn a_handlers_plain_text_not_found_keeps_its_text() {
    both(
        get_with_id("/gone-order"),
        &Expected {
            status: StatusCode::NOT_FOUND,
            headers: &[],
            json: r#"{"code":"NOT_FOUND","message":"order 7 is not here","request_id":"req_42-a.b+c=d_f"}"#,
            problem: concat!(
                r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"order 7 is not here","#,
                r#""instance":"urn:request:req_42-a.b+c=d_f","code":"NOT_FOUND"}"#,
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn plain_text_in_capitals_is_plain_text() {
    both(
        get_with_id("/shouting"),
        &Expected {
            status: StatusCode::BAD_REQUEST,
            headers: &[],
            json: r#"{"code":"CLIENT_ERROR","message":"shout","request_id":"req_42-a.b+c=d_f"}"#,
            problem: concat!(
                r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"shout","#,
                r#""instance":"urn:request:req_42-a.b+c=d_f","code":"CLIENT_ERROR"}"#,
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn internal_server_error_text_is_never_sent() {
    both(
        get_with_id("/secret"),
        &Expected {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            headers: &[],
            json: concat!(
                r#"{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error","#,
                r#""request_id":"req_42-a.b+c=d_f"}"#,
            ),
            problem: concat!(
                r#"{"type":"about:blank","title":"Internal Server Error","status":500,"#,
                r#""detail":"Internal Server Error","instance":"urn:request:req_42-a.b+c=d_f","#,
                r#""code":"SERVER_INTERNAL_ERROR"}"#,
            ),
        },
    )
    .await;
    for config in [json_config(), problem_config()] {
        let address = kept(config);
        let seen = get_with_id("/secret").send(address).await;
        assert!(!seen.text().contains("hunter2"), "{}", seen.text());
        for value in seen.headers.values() {
            assert!(!value.to_str().unwrap().contains("hunter2"));
        }
    }
}

#[tokio::test]
async fn other_server_errors_are_server_error_without_their_text() {
    both(
        get_with_id("/upstream"),
        &Expected {
            status: StatusCode::BAD_GATEWAY,
            headers: &[],
            json: r#"{"code":"SERVER_ERROR","message":"Bad Gateway","request_id":"req_42-a.b+c=d_f"}"#,
            problem: concat!(
                r#"{"type":"about:blank","title":"Bad Gateway","status":502,"detail":"Bad Gateway","#,
                r#""instance":"urn:request:req_42-a.b+c=d_f","code":"SERVER_ERROR"}"#,
            ),
        },
    )
    .await;
    both(
        get_with_id("/unavailable"),
        &Expected {
            status: StatusCode::SERVICE_UNAVAILABLE,
            headers: &[],
            json: concat!(
                r#"{"code":"SERVER_ERROR","message":"Service Unavailable","#,
                r#""request_id":"req_42-a.b+c=d_f"}"#,
            ),
            problem: concat!(
                r#"{"type":"about:blank","title":"Service Unavailable","status":503,"#,
                r#""detail":"Service Unavailable","instance":"urn:request:req_42-a.b+c=d_f","#,
                r#""code":"SERVER_ERROR"}"#,
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn handlers_own_json_error_passes_through_untouched() {
    for config in [json_config(), problem_config()] {
        let address = kept(config);
        let seen = get_with_id("/own-json").send(address).await;
        seen.assert_exact(
            StatusCode::CONFLICT,
            "application/json",
            r#"{"error":"mine","why":"hunter2"}"#,
        );
        assert_eq!(seen.all("x-request-id"), [ID]);
    }
}

#[tokio::test]
async fn handlers_own_html_error_passes_through_untouched() {
    for config in [json_config(), problem_config()] {
        let address = kept(config);
        let seen = get_with_id("/own-html").send(address).await;
        seen.assert_exact(
            StatusCode::FORBIDDEN,
            "text/html; charset=utf-8",
            "<h1>No entry</h1>",
        );
        assert_eq!(seen.all("x-request-id"), [ID]);
    }
}

#[tokio::test]
async fn handlers_api_error_passes_through_with_the_request_id() {
    both(
        get_with_id("/derived/7"),
        &Expected {
            status: StatusCode::NOT_FOUND,
            headers: &[],
            json: concat!(
                r#"{"code":"ORDER_NOT_FOUND","message":"Order 7 not found","details":{"order_id":7},"#,
                r#""request_id":"req_42-a.b+c=d_f"}"#,
            ),
            problem: concat!(
                r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Order 7 not found","#,
                r#""instance":"urn:request:req_42-a.b+c=d_f","code":"ORDER_NOT_FOUND","order_id":7}"#,
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn handlers_api_error_keeps_its_headers() {
    both(
        get_with_id("/limited"),
        &Expected {
            status: StatusCode::TOO_MANY_REQUESTS,
            headers: &[("retry-after", "30")],
            json: concat!(
                r#"{"code":"RATE_LIMITED","message":"Retry in 30 seconds","#,
                r#""request_id":"req_42-a.b+c=d_f"}"#,
            ),
            problem: concat!(
                r#"{"type":"about:blank","title":"Too Many Requests","status":429,"#,
                r#""detail":"Retry in 30 seconds","instance":"urn:request:req_42-a.b+c=d_f","#,
                r#""code":"RATE_LIMITED"}"#,
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn handlers_api_server_error_keeps_its_code_and_hides_its_source() {
    both(
        get_with_id("/storage"),
        &Expected {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            headers: &[],
            json: concat!(
                r#"{"code":"STORAGE_FAILED","message":"Internal Server Error","#,
                r#""request_id":"req_42-a.b+c=d_f"}"#,
            ),
            problem: concat!(
                r#"{"type":"about:blank","title":"Internal Server Error","status":500,"#,
                r#""detail":"Internal Server Error","instance":"urn:request:req_42-a.b+c=d_f","#,
                r#""code":"STORAGE_FAILED"}"#,
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn type_level_format_wins_over_the_layers() {
    let problem = concat!(
        r#"{"type":"about:blank","title":"Gone","status":410,"detail":"Gone","#,
        r#""instance":"urn:request:req_42-a.b+c=d_f","code":"LEGACY_GONE"}"#,
    );
    for config in [json_config(), problem_config()] {
        let address = kept(config);
        let seen = get_with_id("/legacy").send(address).await;
        seen.assert_exact(StatusCode::GONE, "application/problem+json", problem);
        assert_eq!(seen.all("x-request-id"), [ID]);
    }
}

#[tokio::test]
// Over loopback: axum's fallback leaves `Content-Length` to hyper.
async fn problem_type_base_names_the_code_and_titles_by_description() {
    let config = Config::new()
        .format(Format::Problem)
        .problem_type_base("https://errors.example.com/")
        .problem_instance_prefix("https://api.example.com/requests/");
    let address = serve(app(config)).await;
    let seen = get_with_id("/nowhere").send(address).await;
    seen.assert_exact(
        StatusCode::NOT_FOUND,
        "application/problem+json",
        concat!(
            r#"{"type":"https://errors.example.com/NOT_FOUND","title":"No resource at this path","#,
            r#""status":404,"detail":"Not Found","#,
            r#""instance":"https://api.example.com/requests/req_42-a.b+c=d_f","code":"NOT_FOUND"}"#,
        ),
    );
    let seen = get_with_id("/orders/abc").send(address).await;
    seen.assert_exact(
        StatusCode::BAD_REQUEST,
        "application/problem+json",
        concat!(
            r#"{"type":"https://errors.example.com/INVALID_PARAMETER","#,
            r#""title":"A path or query parameter is not valid","status":400,"#,
            r#""detail":"Invalid URL: Cannot parse `abc` to a `u32`","#,
            r#""instance":"https://api.example.com/requests/req_42-a.b+c=d_f","#,
            r#""code":"INVALID_PARAMETER"}"#,
        ),
    );
}

#[tokio::test]
// Over loopback: axum's fallback leaves `Content-Length` to hyper.
async fn nest_in_wraps_rejections_and_handler_errors_with_the_request_id() {
    let address = serve(app(Config::new().nest_in("error"))).await;
    get_with_id("/nowhere").send(address).await.assert_exact(
        StatusCode::NOT_FOUND,
        "application/json",
        r#"{"error":{"code":"NOT_FOUND","message":"Not Found","request_id":"req_42-a.b+c=d_f"}}"#,
    );
    get_with_id("/derived/3").send(address).await.assert_exact(
        StatusCode::NOT_FOUND,
        "application/json",
        concat!(
            r#"{"error":{"code":"ORDER_NOT_FOUND","message":"Order 3 not found","#,
            r#""details":{"order_id":3},"request_id":"req_42-a.b+c=d_f"}}"#,
        ),
    );
}

#[tokio::test]
async fn success_responses_carry_the_request_id() {
    for config in [json_config(), problem_config()] {
        let address = kept(config);
        let seen = get_with_id("/ok").send(address).await;
        assert_eq!(seen.status, StatusCode::OK);
        assert_eq!(seen.all("content-type"), ["text/plain; charset=utf-8"]);
        assert_eq!(seen.text(), "ok");
        assert_eq!(seen.all("x-request-id"), [ID]);

        let seen = Case::post("/orders", JSON, r#"{"id":9}"#)
            .send(address)
            .await;
        assert_eq!(seen.status, StatusCode::OK);
        assert_eq!(seen.text(), "created 9");
        assert_eq!(seen.all("x-request-id"), [ID]);
    }
}

/// Whether `id` has the shape of a generated request id: 32 lowercase hex digits.
fn is_generated(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[tokio::test]
// Over loopback: axum's fallback leaves `Content-Length` to hyper.
async fn generated_request_id_is_32_hex_digits_the_same_in_header_and_body() {
    let address = serve(app(json_config())).await;
    let no_id = Case {
        headers: &[],
        ..get_with_id("/nowhere")
    };
    let seen = no_id.send(address).await;
    let id = seen.header("x-request-id").unwrap().to_owned();
    assert!(is_generated(&id), "generated id {id:?}");
    seen.assert_exact(
        StatusCode::NOT_FOUND,
        "application/json",
        &format!(r#"{{"code":"NOT_FOUND","message":"Not Found","request_id":"{id}"}}"#),
    );

    let other = no_id.send(address).await;
    let other_id = other.header("x-request-id").unwrap();
    assert!(is_generated(other_id), "generated id {other_id:?}");
    assert_ne!(other_id, id, "two requests got the same id");

    let address = serve(app(problem_config())).await;
    let seen = no_id.send(address).await;
    let id = seen.header("x-request-id").unwrap().to_owned();
    assert!(is_generated(&id), "generated id {id:?}");
    seen.assert_exact(
        StatusCode::NOT_FOUND,
        "application/problem+json",
        &format!(
            concat!(
                r#"{{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found","#,
                r#""instance":"urn:request:{}","code":"NOT_FOUND"}}"#,
            ),
            id
        ),
    );

    let seen = Case {
        headers: &[],
        ..get_with_id("/ok")
    }
    .send(address)
    .await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(is_generated(seen.header("x-request-id").unwrap()));
}

/// Sends `/nowhere` with `x-request-id: given` and returns the id the response names in its
/// header, after checking that the body names the same one.
async fn id_for(address: SocketAddr, given: &str) -> String {
    let response = client()
        .get(format!("http://{address}/nowhere"))
        .header("x-request-id", given)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let ids: Vec<String> = response
        .headers()
        .get_all("x-request-id")
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["request_id"], ids[0].as_str());
    ids[0].clone()
}

#[tokio::test]
async fn invalid_request_ids_are_replaced_by_generated_ones() {
    let address = serve(app(json_config())).await;
    let too_long = "a".repeat(200);
    let one_over = "b".repeat(129);
    for given in [
        "has space",
        too_long.as_str(),
        one_over.as_str(),
        "",
        "semi;colon",
        "quote\"d",
        "back\\slash",
        "<script>",
        "tab\there",
        // Nothing that could move a URI built from the id to another path.
        "../../admin",
        "a/b",
        "..",
        "-_.",
        "@evil.example",
        ":8080",
    ] {
        let id = id_for(address, given).await;
        assert!(is_generated(&id), "{given:?} became {id:?}");
    }
}

#[tokio::test]
async fn valid_request_ids_are_kept_up_to_128_characters() {
    let address = serve(app(json_config())).await;
    let longest = "c".repeat(128);
    for given in [
        "a",
        "0",
        ID,
        "ABCxyz-_.+=019",
        longest.as_str(),
        "0123456789abcdef0123456789abcdef",
    ] {
        assert_eq!(id_for(address, given).await, given);
    }
}

#[tokio::test]
async fn non_ascii_request_id_is_replaced() {
    let address = serve(app(json_config())).await;
    let response = client()
        .get(format!("http://{address}/whoami"))
        .header(
            "x-request-id",
            http::HeaderValue::from_bytes("caf\u{e9}".as_bytes()).unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(is_generated(&id), "{id:?}");
    assert_eq!(response.text().await.unwrap(), format!("{id} {id}"));
}

#[tokio::test]
async fn handler_sees_the_request_id_as_an_argument_and_in_its_header() {
    let address = kept(json_config());
    let seen = get_with_id("/whoami").send(address).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.text(), format!("{ID} {ID}"));
    assert_eq!(seen.all("x-request-id"), [ID]);

    let without: &'static [(&str, &str)] = &[];
    let invalid: &'static [(&str, &str)] = &[("x-request-id", "not valid")];
    for headers in [without, invalid] {
        let seen = Case {
            headers,
            ..get_with_id("/whoami")
        }
        .send(address)
        .await;
        let id = seen.header("x-request-id").unwrap();
        assert!(is_generated(id), "{id:?}");
        assert_eq!(seen.text(), format!("{id} {id}"));
    }
}

/// The id as a handler that may run without the layer sees it.
async fn maybe_whoami(id: Option<RequestId>) -> String {
    id.map_or_else(|| "none".to_owned(), |id| id.to_string())
}

#[tokio::test]
async fn a_request_id_outside_the_layer_is_its_header_else_a_masked_500_or_none() {
    let bare = Router::new()
        .route("/whoami", get(whoami))
        .route("/maybe", get(maybe_whoami));
    let seen = Case::get("/whoami").send(&bare).await;
    seen.assert_exact(
        StatusCode::INTERNAL_SERVER_ERROR,
        "application/json",
        r#"{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error"}"#,
    );
    let seen = Case::get("/maybe").send(&bare).await;
    assert_eq!((seen.status, seen.text()), (StatusCode::OK, "none"));
    // Behind a task of its own (a `Buffer`), the handler reads the header the layer set.
    let seen = get_with_id("/maybe").send(&bare).await;
    assert_eq!((seen.status, seen.text()), (StatusCode::OK, ID));
    let invalid = Case::get("/maybe").with_headers(&[("x-request-id", "not valid")]);
    let seen = invalid.send(&bare).await;
    assert_eq!((seen.status, seen.text()), (StatusCode::OK, "none"));
    let layered = bare.layer(ApiErrorLayer::new(json_config()));
    let seen = Case::get("/maybe").send(&layered).await;
    let id = seen.header("x-request-id").unwrap().to_owned();
    assert!(is_generated(&id), "{id}");
    assert_eq!((seen.status, seen.text()), (StatusCode::OK, id.as_str()));
}

#[tokio::test]
async fn head_on_an_unknown_route_is_404_without_a_body() {
    for config in [json_config(), problem_config()] {
        let address = serve(app(config)).await;
        let seen = Case {
            method: "HEAD",
            ..get_with_id("/nowhere")
        }
        .send(address)
        .await;
        assert_eq!(seen.status, StatusCode::NOT_FOUND);
        assert!(seen.body.is_empty(), "{:?}", seen.body);
        assert_eq!(seen.all("x-request-id"), [ID]);
        // The headers a `GET` would have, as HTTP asks of `HEAD`.
        let get = get_with_id("/nowhere").send(address).await;
        assert_eq!(seen.all("content-type"), get.all("content-type"));
        assert_eq!(seen.all("content-length"), get.all("content-length"));
    }
}

#[test]
fn rejection_catalog_lists_every_code_with_its_status() {
    let catalog = Rejection::catalog();
    let entries: Vec<(&str, u16, Option<&str>)> = catalog
        .iter()
        .map(|entry| (entry.code(), entry.status().as_u16(), entry.variant()))
        .collect();
    assert_eq!(
        entries,
        [
            ("VALIDATION_FAILED", 400, Some("InvalidBody")),
            ("INVALID_PARAMETER", 400, Some("InvalidParameter")),
            ("UNSUPPORTED_MEDIA_TYPE", 415, Some("UnsupportedMediaType")),
            ("CONTENT_TOO_LARGE", 413, Some("ContentTooLarge")),
            ("NOT_FOUND", 404, Some("NotFound")),
            ("METHOD_NOT_ALLOWED", 405, Some("MethodNotAllowed")),
            ("CLIENT_ERROR", 400, Some("ClientError")),
            ("SERVER_INTERNAL_ERROR", 500, Some("ServerError")),
            ("SERVER_ERROR", 502, Some("ServerError")),
        ]
    );
    assert!(catalog.duplicates().is_empty());
    for entry in &catalog {
        assert_eq!(entry.type_path(), "api_error_core::Rejection");
        assert!(entry.summary().is_some(), "{}", entry.code());
    }
    let via_trait: Vec<&str> = <Rejection as ApiError>::catalog()
        .iter()
        .map(api_error_core::CatalogEntry::code)
        .collect();
    let direct: Vec<&str> = catalog
        .iter()
        .map(api_error_core::CatalogEntry::code)
        .collect();
    assert_eq!(via_trait, direct);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_each_get_their_own_id_and_config() {
    let json = serve(app(json_config())).await;
    let problem = serve(app(problem_config())).await;
    let mut tasks = Vec::new();
    for n in 0..64u32 {
        let (address, problem_format) = if n % 2 == 0 {
            (json, false)
        } else {
            (problem, true)
        };
        tasks.push(tokio::spawn(async move {
            let id = format!("concurrent-{n}");
            let response = client()
                .get(format!("http://{address}/derived/{n}"))
                .header("x-request-id", &id)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::NOT_FOUND);
            assert_eq!(response.headers()["x-request-id"], id.as_str());
            let body = response.text().await.unwrap();
            let expected = if problem_format {
                format!(
                    concat!(
                        r#"{{"type":"about:blank","title":"Not Found","status":404,"#,
                        r#""detail":"Order {n} not found","instance":"urn:request:{id}","#,
                        r#""code":"ORDER_NOT_FOUND","order_id":{n}}}"#,
                    ),
                    n = n,
                    id = id
                )
            } else {
                format!(
                    concat!(
                        r#"{{"code":"ORDER_NOT_FOUND","message":"Order {n} not found","#,
                        r#""details":{{"order_id":{n}}},"request_id":"{id}"}}"#,
                    ),
                    n = n,
                    id = id
                )
            };
            assert_eq!(body, expected);
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
}

#[tokio::test]
async fn layer_wrapped_around_the_router_renders_the_same() {
    let router = Router::new().route("/ok", get(ok));
    let address = serve_around(&ApiErrorLayer::new(problem_config()), router).await;

    let seen = get_with_id("/ok").send(address).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.text(), "ok");
    assert_eq!(seen.all("x-request-id"), [ID]);

    let seen = get_with_id("/nowhere").send(address).await;
    seen.assert_exact(
        StatusCode::NOT_FOUND,
        "application/problem+json",
        concat!(
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found","#,
            r#""instance":"urn:request:req_42-a.b+c=d_f","code":"NOT_FOUND"}"#,
        ),
    );
    assert_eq!(seen.all("x-request-id"), [ID]);

    let seen = Case::post("/ok", &[("x-request-id", ID)], "")
        .send(address)
        .await;
    seen.assert_exact(
        StatusCode::METHOD_NOT_ALLOWED,
        "application/problem+json",
        concat!(
            r#"{"type":"about:blank","title":"Method Not Allowed","status":405,"#,
            r#""detail":"Method Not Allowed","instance":"urn:request:req_42-a.b+c=d_f","#,
            r#""code":"METHOD_NOT_ALLOWED"}"#,
        ),
    );
    assert_eq!(seen.all("allow"), ["GET,HEAD"]);
    assert_eq!(seen.all("x-request-id"), [ID]);
}

#[tokio::test]
async fn every_value_of_a_repeated_header_is_kept_and_body_headers_go() {
    for config in [json_config(), problem_config()] {
        let seen = get_with_id("/two-of-each").send(kept(config)).await;
        assert_eq!(seen.status, StatusCode::UNAUTHORIZED);
        assert_eq!(seen.all("set-cookie"), ["a=1", "b=2"]);
        assert_eq!(
            seen.all("www-authenticate"),
            ["Bearer realm=\"shop\"", "Basic realm=\"shop\""]
        );
        // It described the text, which the rendered body replaced.
        assert_eq!(seen.all("content-language"), Vec::<&str>::new());
        let body: serde_json::Value = serde_json::from_slice(&seen.body).unwrap();
        assert_eq!(body["code"], "CLIENT_ERROR");
    }
}

#[tokio::test]
async fn an_encoded_error_body_passes_as_it_is() {
    let seen = get_with_id("/gzipped").send(kept(json_config())).await;
    assert_eq!(seen.status, StatusCode::BAD_REQUEST);
    assert_eq!(seen.all("content-encoding"), ["gzip"]);
    assert_eq!(seen.all("content-type"), ["text/plain; charset=utf-8"]);
    assert_eq!(seen.body.as_ref(), [0x1f, 0x8b, 0x08, 0x00]);
    assert_eq!(seen.all("x-request-id"), [ID]);
}

#[tokio::test]
async fn a_streamed_error_body_passes_as_it_is() {
    let seen = get_with_id("/streamed").send(kept(problem_config())).await;
    assert_eq!(seen.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(seen.text(), "part one, part two");
    assert_eq!(seen.all("x-request-id"), [ID]);
}

#[tokio::test]
async fn a_long_rejection_keeps_its_code_and_shows_its_first_four_kibibytes() {
    const LONG: &[(&str, &str)] = &[("content-type", "application/json"), ("x-request-id", ID)];
    let long = format!(r#"{{"id":"{}"}}"#, "x".repeat(5000));
    let body: &'static str = Box::leak(long.into_boxed_str());
    for (config, problem) in [(json_config(), false), (problem_config(), true)] {
        let seen = Case::post("/orders", LONG, body).send(kept(config)).await;
        assert_eq!(seen.status, StatusCode::BAD_REQUEST, "{}", seen.text());
        let read: serde_json::Value = serde_json::from_slice(&seen.body).unwrap();
        assert_eq!(read["code"], "VALIDATION_FAILED");
        let message = read[if problem { "detail" } else { "message" }]
            .as_str()
            .unwrap();
        assert!(
            message.starts_with("Failed to deserialize the JSON body"),
            "{message}"
        );
        assert!(message.ends_with("xxx…"), "{message}");
        assert_eq!(message.len(), 4 * 1024 + '…'.len_utf8());
    }
}

/// A service's own answers to requests no handler answered.
#[derive(Debug, ApiError)]
enum ShopRejection {
    #[api_error(
        code = "RESOURCE_MISSING",
        status = 404,
        message = "Nothing lives at {path_hint}"
    )]
    Missing { path_hint: &'static str },
    #[api_error(code = "VERB_REFUSED", status = 405, message = "Use one of {allow}")]
    Refused {
        #[api_error(header = "Allow", detail)]
        allow: String,
    },
    #[api_error(transparent)]
    Other(Rejection),
}

/// The service's own error for each rejection it has a code for.
fn shop_rejection(rejection: Rejection) -> ShopRejection {
    match rejection.kind() {
        RejectionKind::NotFound => ShopRejection::Missing {
            path_hint: "this address",
        },
        RejectionKind::MethodNotAllowed => ShopRejection::Refused {
            allow: rejection.allow().unwrap_or("").to_owned(),
        },
        _ => ShopRejection::Other(rejection),
    }
}

#[tokio::test]
async fn rejections_can_be_answered_with_the_services_own_errors() {
    // Wrapped around the router, the layer sees everything axum answers with, `Allow` included.
    let layer = ApiErrorLayer::new(json_config()).map_rejections(shop_rejection);
    let address = serve_around(&layer, routes()).await;

    get_with_id("/nowhere").send(address).await.assert_exact(
        StatusCode::NOT_FOUND,
        "application/json",
        r#"{"code":"RESOURCE_MISSING","message":"Nothing lives at this address","request_id":"req_42-a.b+c=d_f"}"#,
    );
    let refused = Case {
        method: "DELETE",
        ..get_with_id("/orders")
    }
    .send(address)
    .await;
    refused.assert_exact(
        StatusCode::METHOD_NOT_ALLOWED,
        "application/json",
        r#"{"code":"VERB_REFUSED","message":"Use one of POST,GET,HEAD","details":{"allow":"POST,GET,HEAD"},"request_id":"req_42-a.b+c=d_f"}"#,
    );
    assert_eq!(refused.all("allow"), ["POST,GET,HEAD"]);
    // axum takes the body off the answer to `HEAD` before this layer sees it: it passes on.
    let head = Case {
        method: "HEAD",
        ..get_with_id("/orders/abc")
    }
    .send(address)
    .await;
    assert_eq!(head.status, StatusCode::BAD_REQUEST);
    assert!(head.body.is_empty());
    assert_eq!(head.all("x-request-id"), [ID]);
    // A kind the service has no code for keeps the layer's.
    get_with_id("/orders/abc").send(address).await.assert_exact(
        StatusCode::BAD_REQUEST,
        "application/json",
        concat!(
            r#"{"code":"INVALID_PARAMETER","message":"Invalid URL: Cannot parse `abc` to a `u32`","#,
            r#""request_id":"req_42-a.b+c=d_f"}"#,
        ),
    );
}

#[tokio::test]
async fn under_router_layer_a_mapped_405_gets_axums_allow() {
    // Added with `Router::layer`, the layer runs before axum sets `Allow`: the mapped error
    // cannot name the methods, but the response still carries them.
    let router = routes().layer(ApiErrorLayer::new(json_config()).map_rejections(shop_rejection));
    let address = serve(router).await;

    let refused = Case {
        method: "DELETE",
        ..get_with_id("/orders")
    }
    .send(address)
    .await;
    assert_eq!(refused.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(refused.all("allow"), ["POST,GET,HEAD"]);
    let body: serde_json::Value = serde_json::from_slice(&refused.body).unwrap();
    assert_eq!(body["code"], "VERB_REFUSED");
}

#[tokio::test]
async fn a_405_answered_with_another_status_names_no_methods() {
    // Around the router, a 405 the service hides behind a 404 carries no `Allow`.
    let layer =
        ApiErrorLayer::new(json_config()).map_rejections(|rejection| match rejection.kind() {
            RejectionKind::MethodNotAllowed => ShopRejection::Missing {
                path_hint: "this address",
            },
            _ => ShopRejection::Other(rejection),
        });
    let address = serve_around(&layer, routes()).await;
    let hidden = Case {
        method: "DELETE",
        ..get_with_id("/orders")
    }
    .send(address)
    .await;
    hidden.assert_exact(
        StatusCode::NOT_FOUND,
        "application/json",
        r#"{"code":"RESOURCE_MISSING","message":"Nothing lives at this address","request_id":"req_42-a.b+c=d_f"}"#,
    );
    assert_eq!(hidden.all("allow"), Vec::<&str>::new());
}

#[tokio::test]
async fn services_inside_may_answer_with_any_body() {
    use tower::ServiceExt as _;
    // A service whose body is not axum's, as a tracing or compression layer's is not.
    let inner = tower::service_fn(|_: axum::extract::Request| async {
        Ok::<_, std::convert::Infallible>(
            http::Response::builder()
                .status(StatusCode::BAD_REQUEST)
                .header("content-type", "text/plain")
                .body(String::from("bad input"))
                .unwrap(),
        )
    });
    let service = tower::Layer::layer(&ApiErrorLayer::new(json_config()), inner);
    let request = http::Request::builder()
        .uri("/anything")
        .header("x-request-id", ID)
        .body(axum::body::Body::empty())
        .unwrap();
    let response = service.oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(response.headers()["content-type"], "application/json");
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(
        body.as_ref(),
        br#"{"code":"CLIENT_ERROR","message":"bad input","request_id":"req_42-a.b+c=d_f"}"#
    );
}

#[test]
fn a_rejection_can_be_built_to_test_a_map_function() {
    let headers = http::HeaderMap::new();
    let teapot = Rejection::new(
        StatusCode::IM_A_TEAPOT,
        &headers,
        Some(" short and stout ".into()),
    );
    assert_eq!(teapot.kind(), RejectionKind::ClientError);
    assert_eq!(teapot.text(), Some("short and stout"));
    assert_eq!(teapot.status(), StatusCode::IM_A_TEAPOT);
    // A status that is not an error's is taken for a 500, whose text is never shown.
    let odd = Rejection::new(StatusCode::OK, &headers, Some("secret".into()));
    assert_eq!(odd.kind(), RejectionKind::ServerError);
    assert_eq!(odd.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(odd.code(), "SERVER_INTERNAL_ERROR");
    assert_eq!(odd.text(), None);
    assert_eq!(odd.message(), "Internal Server Error");
}

#[tokio::test]
async fn json_api_documents_carry_the_request_id_as_id() {
    let address = kept(Config::new().format(Format::JsonApi));
    let seen = get_with_id("/derived/7").send(address).await;
    seen.assert_exact(
        StatusCode::NOT_FOUND,
        "application/vnd.api+json",
        concat!(
            r#"{"errors":[{"id":"req_42-a.b+c=d_f","status":"404","code":"ORDER_NOT_FOUND","#,
            r#""title":"Not Found","detail":"Order 7 not found","meta":{"order_id":7}}]}"#,
        ),
    );
    assert_eq!(seen.all("x-request-id"), [ID]);
    let rejected = Case::post("/orders", JSON, r#"{"id":"#).send(address).await;
    rejected.assert_exact(
        StatusCode::BAD_REQUEST,
        "application/vnd.api+json",
        concat!(
            r#"{"errors":[{"id":"req_42-a.b+c=d_f","status":"400","code":"VALIDATION_FAILED","#,
            r#""title":"The request body is not valid JSON of the expected type","#,
            r#""detail":"EOF while parsing a value at line 1 column 6","source":{"pointer":"/id"},"meta":{"reason":"syntax"}}]}"#,
        ),
    );
}

/// The body and the id header of one request through `app`, without a socket.
async fn oneshot(app: Router, request: axum::extract::Request) -> (http::HeaderMap, String) {
    use tower::ServiceExt as _;
    let response = app.oneshot(request).await.unwrap();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (headers, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn the_request_id_header_can_be_named() {
    let layer = ApiErrorLayer::new(Config::new())
        .request_id_header(http::HeaderName::from_static("x-correlation-id"));
    let request = axum::extract::Request::builder()
        .uri("/derived/7")
        .header("x-correlation-id", "corr-1")
        .header("x-request-id", "not-this-one")
        .body(axum::body::Body::empty())
        .unwrap();
    let (headers, body) = oneshot(routes().layer(layer.clone()), request).await;
    assert_eq!(
        body,
        r#"{"code":"ORDER_NOT_FOUND","message":"Order 7 not found","details":{"order_id":7},"request_id":"corr-1"}"#
    );
    assert_eq!(headers["x-correlation-id"], "corr-1");
    // The other header is the request's business, not the layer's.
    assert!(headers.get("x-request-id").is_none());
    // Without one, the id is generated and sent in the named header.
    let request = axum::extract::Request::builder()
        .uri("/derived/7")
        .body(axum::body::Body::empty())
        .unwrap();
    let (headers, body) = oneshot(routes().layer(layer), request).await;
    let id = headers["x-correlation-id"].to_str().unwrap();
    assert_eq!(id.len(), 32);
    assert!(
        body.ends_with(&format!(r#""request_id":"{id}"}}"#)),
        "{body}"
    );
}

#[tokio::test]
async fn the_configuration_s_request_id_header_is_the_layer_s() {
    let config = Config::new().request_id_header(http::HeaderName::from_static("x-correlation-id"));
    let request = axum::extract::Request::builder()
        .uri("/derived/7")
        .header("x-correlation-id", "corr-2")
        .body(axum::body::Body::empty())
        .unwrap();
    let (headers, body) = oneshot(routes().layer(ApiErrorLayer::new(config)), request).await;
    assert_eq!(headers["x-correlation-id"], "corr-2");
    assert!(body.ends_with(r#""request_id":"corr-2"}"#), "{body}");
}

#[tokio::test]
async fn an_id_tower_http_set_before_the_layer_is_kept() {
    use tower_http::request_id::{MakeRequestUuid, SetRequestIdLayer};
    let app = routes()
        .layer(ApiErrorLayer::new(Config::new()))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid));
    let request = axum::extract::Request::builder()
        .uri("/derived/7")
        .body(axum::body::Body::empty())
        .unwrap();
    let (headers, body) = oneshot(app, request).await;
    let id = headers["x-request-id"].to_str().unwrap();
    // A UUID, as tower-http makes them, not the layer's 32 hex digits.
    assert_eq!(id.len(), 36, "{id}");
    assert_eq!(id.matches('-').count(), 4, "{id}");
    assert!(
        body.ends_with(&format!(r#""request_id":"{id}"}}"#)),
        "{body}"
    );
}

#[tokio::test]
#[should_panic(expected = "ResponseFuture polled after it was ready")]
async fn the_response_future_panics_when_polled_again_after_it_was_ready() {
    use std::future::Future as _;
    use tower::Service as _;
    let mut service = tower::Layer::layer(&ApiErrorLayer::new(Config::new()), routes());
    let request = axum::extract::Request::builder()
        .uri("/derived/7")
        .body(axum::body::Body::empty())
        .unwrap();
    let mut future = std::pin::pin!(service.call(request));
    let waker = std::task::Waker::noop();
    let mut context = std::task::Context::from_waker(waker);
    let response = loop {
        if let std::task::Poll::Ready(response) = future.as_mut().poll(&mut context) {
            break response.unwrap();
        }
    };
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let _ = future.as_mut().poll(&mut context);
}
