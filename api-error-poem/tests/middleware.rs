//! What a client of a poem app under `ApiErrorMiddleware` reads: status, headers and exact
//! bodies, for the app's own errors, poem's, and a handler's plain-text answer.

use api_error_core::{ApiError, Rejection, RejectionKind};
use api_error_poem::{Answer, ApiErrorMiddleware, RequestId};
use poem::http::{HeaderName, Method, StatusCode};
use poem::web::Path;
use poem::{Endpoint, EndpointExt, IntoResponse, Request, Response, Route, get, handler};

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(
        code = "ORDER_NOT_FOUND",
        status = 404,
        message = "Order {id} not found"
    )]
    NotFound {
        #[api_error(detail)]
        id: u32,
    },
}

#[handler]
fn order(Path(id): Path<u32>) -> Result<String, Answer<OrderError>> {
    Err(OrderError::NotFound { id })?
}

#[handler]
fn whoami(RequestId(id): RequestId) -> String {
    format!("request {id}")
}

#[handler]
fn broken() -> Response {
    (
        StatusCode::BAD_GATEWAY,
        "upstream 10.0.0.7 refused: password=hunter2",
    )
        .into_response()
}

/// The app under `middleware`.
fn app(middleware: ApiErrorMiddleware) -> impl Endpoint {
    Route::new()
        .at("/orders/:id", get(order))
        .at("/whoami", get(whoami))
        .at("/broken", get(broken))
        .with(middleware)
}

/// `GET path` with `x-request-id: req-7`: status, the header named `id`, and the body.
async fn send(
    app: &impl Endpoint,
    method: Method,
    path: &str,
    id: &str,
) -> (StatusCode, String, String) {
    let request = Request::builder()
        .method(method)
        .uri_str(path)
        .header(id, "req-7")
        .finish();
    let response = app.get_response(request).await;
    let status = response.status();
    let sent = response
        .headers()
        .get(id)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (
        status,
        sent,
        response.into_body().into_string().await.unwrap(),
    )
}

#[tokio::test]
async fn a_handler_s_error_answers_with_the_request_s_id() {
    let app = app(ApiErrorMiddleware::default());
    let (status, id, body) = send(&app, Method::GET, "/orders/7", "x-request-id").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(id, "req-7");
    assert_eq!(
        body,
        r#"{"code":"ORDER_NOT_FOUND","message":"Order 7 not found","details":{"id":7},"request_id":"req-7"}"#
    );
}

#[tokio::test]
async fn poem_s_own_errors_are_rejections_of_their_kind() {
    let app = app(ApiErrorMiddleware::default());
    let (status, _, body) = send(&app, Method::GET, "/orders/seven", "x-request-id").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.starts_with(r#"{"code":"INVALID_PARAMETER","message":"#),
        "{body}"
    );
    let (status, _, body) = send(&app, Method::GET, "/nowhere", "x-request-id").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body,
        r#"{"code":"NOT_FOUND","message":"Not Found","request_id":"req-7"}"#
    );
    let (status, _, body) = send(&app, Method::DELETE, "/whoami", "x-request-id").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        body,
        r#"{"code":"METHOD_NOT_ALLOWED","message":"Method Not Allowed","request_id":"req-7"}"#
    );
}

#[tokio::test]
async fn a_plain_text_server_error_is_rendered_and_its_text_kept_from_the_client() {
    let app = app(ApiErrorMiddleware::default());
    let (status, _, body) = send(&app, Method::GET, "/broken", "x-request-id").await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert_eq!(
        body,
        r#"{"code":"SERVER_ERROR","message":"Bad Gateway","request_id":"req-7"}"#
    );
}

#[tokio::test]
async fn mapped_rejections_answer_with_the_service_s_codes() {
    #[derive(Debug, ApiError)]
    enum Missing {
        #[api_error(
            code = "RESOURCE_MISSING",
            status = 404,
            message = "Nothing lives here"
        )]
        Route,
        #[api_error(transparent)]
        Other(Rejection),
    }
    let app =
        app(
            ApiErrorMiddleware::default().map_rejections(|rejection| match rejection.kind() {
                RejectionKind::NotFound => Missing::Route,
                _ => Missing::Other(rejection),
            }),
        );
    let (status, _, body) = send(&app, Method::GET, "/nowhere", "x-request-id").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body,
        r#"{"code":"RESOURCE_MISSING","message":"Nothing lives here","request_id":"req-7"}"#
    );
}

#[tokio::test]
async fn the_request_id_travels_in_the_configured_header_and_reaches_the_handler() {
    let header = HeaderName::from_static("x-correlation-id");
    let app = app(ApiErrorMiddleware::default().request_id_header(header));
    let (status, id, body) = send(&app, Method::GET, "/whoami", "x-correlation-id").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(id, "req-7");
    assert_eq!(body, "request req-7");
    // Outside the middleware, a handler cannot have an id.
    let bare = Route::new().at("/whoami", get(whoami));
    let response = bare
        .get_response(Request::builder().uri_str("/whoami").finish())
        .await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        response.into_body().into_string().await.unwrap(),
        r#"{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error"}"#
    );
}
