//! The errors the benchmarks measure, and the hand-written code a user would write instead:
//! each baseline answers with exactly the status, headers and bytes of its derived counterpart
//! (the tests below hold them to it), so the benchmarks compare equal work.

use std::io::Write as _;

use api_error_core::ApiError;
use axum::Json;
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::StatusCode;
use http::header::{CONTENT_TYPE, HeaderValue};
use serde::Serialize;

/// Errors of each kind the benchmarks measure; each variant is also a struct of its own in
/// [`bench_error`], for error sets.
#[derive(Debug, ApiError)]
#[api_error(members)]
pub enum BenchError {
    /// A unit variant: its whole body is known when the program is built.
    #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
    NotFound,
    /// An interpolated message and two details.
    #[api_error(
        code = "ORDER_NOT_PENDING",
        status = 400,
        message = "Order {id} is not in pending status since {since}"
    )]
    NotPending {
        /// The order.
        #[api_error(detail)]
        id: u64,
        /// Since when.
        #[api_error(detail)]
        since: String,
    },
    /// A server error whose source never reaches the client.
    #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
    Storage(#[source] std::io::Error),
    /// A wrapped error.
    #[api_error(transparent)]
    Auth(#[from] AuthError),
}

/// An error set of three members, for the cost of answering through a set.
pub type BenchSet =
    api_error_core::set::OneOf<(bench_error::NotFound, bench_error::NotPending, AuthError)>;

/// The wrapped error of [`BenchError::Auth`].
#[derive(Debug, ApiError)]
#[api_error(
    code = "AUTH_FORBIDDEN",
    status = 403,
    message = "Insufficient permissions"
)]
pub struct AuthError;

/// The `since` every benchmark uses.
pub const SINCE: &str = "2026-11-25T08:00:00Z";

/// The error with fields, as the benchmarks build it.
#[must_use]
pub fn not_pending() -> BenchError {
    BenchError::NotPending {
        id: 42,
        since: SINCE.to_owned(),
    }
}

/// The body of [`BenchError::NotFound`], written out by hand.
pub const NOT_FOUND_BODY: &[u8] = br#"{"code":"ORDER_NOT_FOUND","message":"Order not found"}"#;
/// The body of [`BenchError::Auth`].
pub const AUTH_BODY: &[u8] = br#"{"code":"AUTH_FORBIDDEN","message":"Insufficient permissions"}"#;
/// The body of [`BenchError::Storage`].
pub const STORAGE_BODY: &[u8] =
    br#"{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error"}"#;

/// Hand-written: a response from static bytes, the fastest a response can be built.
#[must_use]
pub fn static_response(status: StatusCode, body: &'static [u8]) -> Response {
    let mut response = Response::new(Body::from(Bytes::from_static(body)));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// The body as a typed struct, the way a user writes it with serde.
#[derive(Serialize)]
pub struct TypedBody<'a, D> {
    /// The code.
    pub code: &'static str,
    /// The message.
    pub message: &'a str,
    /// The details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<D>,
}

/// The details of [`BenchError::NotPending`] as a typed struct.
#[derive(Serialize)]
pub struct PendingDetails<'a> {
    /// The order.
    pub id: u64,
    /// Since when.
    pub since: &'a str,
}

/// Hand-written with a typed `Json(struct)`: the unit error.
#[must_use]
pub fn typed_not_found() -> Response {
    let body = TypedBody::<()> {
        code: "ORDER_NOT_FOUND",
        message: "Order not found",
        details: None,
    };
    (StatusCode::NOT_FOUND, Json(body)).into_response()
}

/// Hand-written with a typed `Json(struct)`: the error with fields.
#[must_use]
pub fn typed_not_pending(id: u64, since: &str) -> Response {
    let message = format!("Order {id} is not in pending status since {since}");
    let body = TypedBody {
        code: "ORDER_NOT_PENDING",
        message: &message,
        details: Some(PendingDetails { id, since }),
    };
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

/// Hand-written with `Json(json!)`: the unit error.
#[must_use]
pub fn json_macro_not_found() -> Response {
    let body = serde_json::json!({"code": "ORDER_NOT_FOUND", "message": "Order not found"});
    (StatusCode::NOT_FOUND, Json(body)).into_response()
}

/// Hand-written with `Json(json!)`: the error with fields. Without `serde_json`'s
/// `preserve_order` the object's keys come out sorted, so its bytes differ from the others' in
/// order only.
#[must_use]
pub fn json_macro_not_pending(id: u64, since: &str) -> Response {
    let body = serde_json::json!({
        "code": "ORDER_NOT_PENDING",
        "details": {"id": id, "since": since},
        "message": format!("Order {id} is not in pending status since {since}"),
    });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

/// Hand-written into one buffer sized up front: the fastest correct serialization a user would
/// write for the error with fields. Correct means the strings are escaped as JSON, which
/// `serde_json` does here for the message (a `format_args!`) and for `since`.
#[must_use]
pub fn buffer_not_pending(id: u64, since: &str) -> Response {
    let mut response = Response::new(Body::from(buffer_body(id, since)));
    *response.status_mut() = StatusCode::BAD_REQUEST;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// The body of [`buffer_not_pending`], written into a buffer sized for it.
fn buffer_body(id: u64, since: &str) -> Vec<u8> {
    // Room for the envelope, the message and `since` twice (escaping can only grow it a little
    // for the benchmark's value): the buffer never grows.
    let mut body = Vec::with_capacity(160 + 2 * since.len());
    body.extend_from_slice(br#"{"code":"ORDER_NOT_PENDING","message":"#);
    let message = format_args!("Order {id} is not in pending status since {since}");
    // Writing to a `Vec` cannot fail, and neither can these values serialize wrongly.
    let _ = serde_json::to_writer(&mut body, &message);
    let _ = write!(body, r#","details":{{"id":{id},"since":"#);
    let _ = serde_json::to_writer(&mut body, since);
    body.extend_from_slice(b"}}");
    body
}

/// Where the problem types of the benchmarks live.
pub const PROBLEM_TYPE_BASE: &str = "https://errors.example.com/";

/// The configuration of the problem details benchmarks.
#[must_use]
pub fn problem_config() -> api_error_core::Config {
    api_error_core::Config::new()
        .format(api_error_core::Format::Problem)
        .problem_type_base(PROBLEM_TYPE_BASE)
}

/// What a browser in Switzerland sends: German first, then English.
pub const ACCEPT_LANGUAGE: &str = "de-CH,de;q=0.9,en-US;q=0.8,en;q=0.7";

/// The default configuration with translations of the error with fields into German and
/// French: the localized case's configuration. Its unlocalized baseline is `Config::new()`.
///
/// # Panics
///
/// Never: the translations are this function's own, and load.
#[must_use]
pub fn localized_config() -> api_error_core::Config {
    api_error_core::Config::new().translations(localized_translations())
}

/// The translations of [`localized_config`].
///
/// # Panics
///
/// Never: the translations are this function's own, and load.
#[must_use]
pub fn localized_translations() -> api_error_core::Translations {
    api_error_core::Translations::builder("en")
        .add(
            "de",
            "de.ftl",
            "ORDER_NOT_PENDING = Die Bestellung { $id } wartet seit { $since } nicht mehr\n",
        )
        .add(
            "fr",
            "fr.ftl",
            "ORDER_NOT_PENDING = La commande { $id } n'est plus en attente depuis { $since }\n",
        )
        .build()
        .expect("the benchmark's translations load")
}

/// The derived error with fields as problem details, as an axum response.
#[must_use]
pub fn derived_problem(config: &api_error_core::Config, error: &BenchError) -> Response {
    config.response(error).map(Body::from)
}

/// Hand-written problem details of the error with fields, into one buffer sized up front, as
/// [`buffer_not_pending`] writes the default body.
#[must_use]
pub fn buffer_problem_not_pending(id: u64, since: &str) -> Response {
    let mut body = Vec::with_capacity(320 + 2 * since.len());
    body.extend_from_slice(br#"{"type":"https://errors.example.com/ORDER_NOT_PENDING","#);
    body.extend_from_slice(br#""title":"An interpolated message and two details.","#);
    body.extend_from_slice(br#""status":400,"detail":"#);
    let message = format_args!("Order {id} is not in pending status since {since}");
    // Writing to a `Vec` cannot fail, and neither can these values serialize wrongly.
    let _ = serde_json::to_writer(&mut body, &message);
    let _ = write!(
        body,
        r#","code":"ORDER_NOT_PENDING","detail_id":{id},"since":"#
    );
    let _ = serde_json::to_writer(&mut body, since);
    body.push(b'}');
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::BAD_REQUEST;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

/// The routers the layer's benchmarks send requests through: the same two routes (a handler
/// that fails with [`BenchError::NotPending`] at `/orders/{id}`, one that answers `ok` at
/// `/ok`) without a layer and with one, each as `axum::serve` has it, its routes' services
/// made once (`with_state`), not per request.
pub struct Routers {
    /// No layer.
    pub plain: axum::Router,
    /// `ApiErrorLayer` with the default configuration, under `Router::layer`.
    pub layered: axum::Router,
    /// `ApiErrorLayer` rendering problem details, under `Router::layer`.
    pub problem: axum::Router,
    /// A layer that does nothing, under `Router::layer`: what axum charges for any layer.
    pub noop: axum::Router,
    /// The best hand-written request ids: tower-http's layers that make an id when the request
    /// has none and send it back on the response, under `Router::layer`.
    pub tower_http_ids: axum::Router,
    /// `ApiErrorLayer` around the whole router.
    pub around: api_error_core::axum::ApiErrorService<axum::Router>,
}

async fn failing() -> Result<String, BenchError> {
    Err(not_pending())
}

async fn succeeding() -> &'static str {
    "ok"
}

impl Routers {
    /// Every router, built once.
    #[must_use]
    pub fn new() -> Self {
        use api_error_core::axum::ApiErrorLayer;
        use tower::Layer as _;
        use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
        let routes = axum::Router::new()
            .route("/orders/{id}", axum::routing::get(failing))
            .route("/ok", axum::routing::get(succeeding));
        let plain = routes.clone().with_state(());
        Routers {
            layered: routes
                .clone()
                .layer(ApiErrorLayer::new(api_error_core::Config::new()))
                .with_state(()),
            problem: routes
                .clone()
                .layer(ApiErrorLayer::new(problem_config()))
                .with_state(()),
            noop: routes
                .clone()
                .layer(tower::layer::layer_fn(|service| service))
                .with_state(()),
            tower_http_ids: routes
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .with_state(()),
            around: ApiErrorLayer::new(api_error_core::Config::new()).layer(plain.clone()),
            plain,
        }
    }
}

impl Default for Routers {
    fn default() -> Self {
        Routers::new()
    }
}

/// Polls a future that needs no I/O to its end: every request of the benchmarks is answered
/// on its first poll.
///
/// # Panics
///
/// When the future is not ready at once.
pub fn ready<F: core::future::Future>(future: F) -> F::Output {
    use core::task::{Context, Poll, Waker};
    match core::pin::pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("a request through the router waited"),
    }
}

/// A `GET` of `path`, with the request id `bench-1` or with none.
///
/// # Panics
///
/// Never: the path is a constant of the benchmarks.
#[must_use]
pub fn request(path: &'static str, id: bool) -> http::Request<Body> {
    let mut request = http::Request::builder().uri(path);
    if id {
        request = request.header("x-request-id", "bench-1");
    }
    request.body(Body::empty()).unwrap()
}

/// One request through `app`, its body read to the end.
///
/// # Panics
///
/// When the service fails or its body cannot be read: neither happens to these routers.
pub fn answer<S>(app: &S, request: http::Request<Body>) -> Bytes
where
    S: tower::Service<http::Request<Body>, Response = Response> + Clone,
    S::Error: core::fmt::Debug,
{
    use tower::ServiceExt as _;
    let response = ready(app.clone().oneshot(request)).unwrap();
    ready(axum::body::to_bytes(response.into_body(), usize::MAX)).unwrap()
}

/// `BenchError::NotPending { id, since }` as a gRPC status built by hand with tonic-types, the
/// way a careful hand writes it: the same code, message and `ErrorInfo` (reason, no domain,
/// the two details as strings) as the derived error's `tonic::Status`.
#[must_use]
pub fn hand_status_not_pending(id: u64, since: &str) -> tonic::Status {
    use tonic_types::{ErrorDetails, StatusExt};
    let mut metadata = std::collections::HashMap::with_capacity(2);
    metadata.insert("id".to_owned(), id.to_string());
    metadata.insert("since".to_owned(), since.to_owned());
    let details = ErrorDetails::with_error_info("ORDER_NOT_PENDING", "", metadata);
    tonic::Status::with_error_details(
        tonic::Code::InvalidArgument,
        format!("Order {id} is not in pending status since {since}"),
        details,
    )
}

/// Hand-written on actix-web, as its users write it: `HttpResponse::build(status).json(..)` of
/// a typed body, the same bytes as the derived error's `error_response()`.
#[must_use]
pub fn actix_not_pending(id: u64, since: &str) -> actix_web::HttpResponse {
    let message = format!("Order {id} is not in pending status since {since}");
    let body = TypedBody {
        code: "ORDER_NOT_PENDING",
        message: &message,
        details: Some(PendingDetails { id, since }),
    };
    actix_web::HttpResponse::build(actix_web::http::StatusCode::BAD_REQUEST).json(body)
}

/// Hand-written on actix-web, the fastest way: the body of [`buffer_not_pending`], and the
/// content type a header value from a constant.
#[must_use]
pub fn actix_buffer_not_pending(id: u64, since: &str) -> actix_web::HttpResponse {
    actix_buffer(
        actix_web::http::StatusCode::BAD_REQUEST,
        bytes::Bytes::from(buffer_body(id, since)),
    )
}

/// Hand-written on actix-web: static bytes, the fastest a response can be built.
#[must_use]
pub fn actix_static_not_found() -> actix_web::HttpResponse {
    actix_buffer(
        actix_web::http::StatusCode::NOT_FOUND,
        bytes::Bytes::from_static(NOT_FOUND_BODY),
    )
}

/// An actix-web JSON response of `body` with `status`, built directly.
fn actix_buffer(
    status: actix_web::http::StatusCode,
    body: bytes::Bytes,
) -> actix_web::HttpResponse {
    use actix_web::http::header;
    let mut response =
        actix_web::HttpResponse::with_body(status, actix_web::body::BoxBody::new(body));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    response
}

/// The unit error hand-written on actix-web, as [`actix_not_pending`].
#[must_use]
pub fn actix_not_found() -> actix_web::HttpResponse {
    let body = TypedBody::<()> {
        code: "ORDER_NOT_FOUND",
        message: "Order not found",
        details: None,
    };
    actix_web::HttpResponse::build(actix_web::http::StatusCode::NOT_FOUND).json(body)
}

/// A request's field violations, carried by one error.
#[derive(Debug, ApiError)]
#[api_error(
    code = "VALIDATION_FAILED",
    status = 422,
    message = "The request is not valid"
)]
pub struct Invalid {
    /// What is wrong, and where.
    #[api_error(violations)]
    pub violations: api_error_core::Violations,
}

/// The three violations of `{"quantity":0,"colour":"red"}` sent for an order: `type` missing,
/// `quantity` out of range, `colour` unknown. Every violation case and its baseline are given
/// them built this way.
#[must_use]
pub fn three_violations() -> api_error_core::Violations {
    use api_error_core::violation::{Pointer, Violation, reason};
    let mut violations = api_error_core::Violations::new();
    violations.push(Violation::new(
        Pointer::root().key("type"),
        reason::REQUIRED,
        "This member is required",
    ));
    violations.push(
        Violation::new(
            Pointer::root().key("quantity"),
            reason::RANGE,
            "Must be between 1 and 100",
        )
        .with_param("min", 1)
        .with_param("max", 100),
    );
    violations.push(Violation::new(
        Pointer::root().key("colour"),
        reason::UNKNOWN_FIELD,
        "This member is not allowed",
    ));
    violations
}

/// Hand-written into one buffer sized up front, from the same violations: the fastest correct
/// body a user would write for them, every string escaped as JSON by `serde_json` as it goes
/// (the pointer too, displayed into the escaping writer without a `String` of its own).
#[must_use]
pub fn buffer_violations(violations: &api_error_core::Violations) -> Response {
    use api_error_core::violation::Param;
    let mut body = Vec::with_capacity(128 + 160 * violations.len());
    body.extend_from_slice(
        br#"{"code":"VALIDATION_FAILED","message":"The request is not valid","violations":["#,
    );
    for (at, violation) in violations.iter().enumerate() {
        if at > 0 {
            body.push(b',');
        }
        // Writing to a `Vec` cannot fail, and neither can these values serialize wrongly.
        let _ = write!(
            body,
            r#"{{"in":"{}","field":"#,
            violation.location().place()
        );
        let _ = serde_json::to_writer(&mut body, &format_args!("{}", violation.location()));
        body.extend_from_slice(br#","reason":"#);
        let _ = serde_json::to_writer(&mut body, violation.reason());
        if violation.params().len() > 0 {
            body.extend_from_slice(br#","params":{"#);
            for (index, (name, value)) in violation.params().enumerate() {
                if index > 0 {
                    body.push(b',');
                }
                let _ = serde_json::to_writer(&mut body, name);
                body.push(b':');
                let _ = match value {
                    Param::Integer(value) => serde_json::to_writer(&mut body, value),
                    Param::Number(value) => serde_json::to_writer(&mut body, value),
                    Param::Text(text) => serde_json::to_writer(&mut body, text),
                };
            }
            body.push(b'}');
        }
        body.extend_from_slice(br#","message":"#);
        let _ = serde_json::to_writer(&mut body, violation.message());
        body.push(b'}');
    }
    body.extend_from_slice(b"]}");
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// An order as the `validator` crate checks it: three fields, each with a rule.
#[derive(validator::Validate)]
pub struct CheckedOrder {
    /// Its kind.
    #[validate(length(min = 1))]
    pub kind: String,
    /// How many.
    #[validate(range(min = 1, max = 100))]
    pub quantity: u32,
    /// Who to tell.
    #[validate(length(max = 3))]
    pub contact: String,
}

/// The same order as `garde` checks it.
#[derive(garde::Validate)]
pub struct GuardedOrder {
    /// Its kind.
    #[garde(length(min = 1))]
    pub kind: String,
    /// How many.
    #[garde(range(min = 1, max = 100))]
    pub quantity: u32,
    /// Who to tell.
    #[garde(length(max = 3))]
    pub contact: String,
}

/// An order whose three fields each break their rule.
#[must_use]
pub fn bad_order() -> (CheckedOrder, GuardedOrder) {
    (
        CheckedOrder {
            kind: String::new(),
            quantity: 0,
            contact: "someone".to_owned(),
        },
        GuardedOrder {
            kind: String::new(),
            quantity: 0,
            contact: "someone".to_owned(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An actix-web response's status, headers and body.
    fn actix_parts(response: actix_web::HttpResponse) -> (u16, Vec<(String, String)>, Bytes) {
        use actix_web::body::MessageBody as _;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap().to_owned()))
            .collect();
        let Ok(body) = response.into_body().try_into_bytes() else {
            panic!("the body is not bytes")
        };
        (status, headers, body)
    }

    #[test]
    fn the_actix_web_baselines_answer_exactly_as_the_derived_error() {
        use actix_web::ResponseError as _;
        assert_eq!(
            actix_parts(not_pending().error_response()),
            actix_parts(actix_not_pending(42, SINCE))
        );
        assert_eq!(
            actix_parts(BenchError::NotFound.error_response()),
            actix_parts(actix_not_found())
        );
        assert_eq!(
            actix_parts(not_pending().error_response()),
            actix_parts(actix_buffer_not_pending(42, SINCE))
        );
        assert_eq!(
            actix_parts(BenchError::NotFound.error_response()),
            actix_parts(actix_static_not_found())
        );
    }

    async fn parts(response: Response) -> (StatusCode, Vec<(String, String)>, Bytes) {
        let status = response.status();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap().to_owned()))
            .collect();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, headers, body)
    }

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        // The bodies here are full buffers: one poll finishes them.
        let waker = std::task::Waker::noop();
        let mut context = std::task::Context::from_waker(waker);
        let mut future = std::pin::pin!(future);
        match future.as_mut().poll(&mut context) {
            std::task::Poll::Ready(output) => output,
            std::task::Poll::Pending => panic!("a full body took more than one poll"),
        }
    }

    fn same(derived: Response, baseline: Response) {
        assert_eq!(block_on(parts(derived)), block_on(parts(baseline)));
    }

    #[test]
    fn every_baseline_answers_exactly_as_the_derived_error() {
        same(
            BenchError::NotFound.into_response(),
            static_response(StatusCode::NOT_FOUND, NOT_FOUND_BODY),
        );
        same(BenchError::NotFound.into_response(), typed_not_found());
        same(BenchError::NotFound.into_response(), json_macro_not_found());
        same(not_pending().into_response(), buffer_not_pending(42, SINCE));
        same(not_pending().into_response(), typed_not_pending(42, SINCE));
        same(
            derived_problem(&problem_config(), &not_pending()),
            buffer_problem_not_pending(42, SINCE),
        );
        same(
            BenchError::Auth(AuthError).into_response(),
            static_response(StatusCode::FORBIDDEN, AUTH_BODY),
        );
        same(
            BenchError::Storage(std::io::Error::other("disk")).into_response(),
            static_response(StatusCode::INTERNAL_SERVER_ERROR, STORAGE_BODY),
        );
    }

    #[test]
    fn the_buffer_baseline_is_sized_for_its_body() {
        let response = buffer_not_pending(42, SINCE);
        let (_, _, body) = block_on(parts(response));
        assert!(body.len() <= 160 + 2 * SINCE.len());
    }

    #[test]
    fn json_macro_baseline_differs_in_key_order_only() {
        let (status, headers, body) = block_on(parts(json_macro_not_pending(42, SINCE)));
        let (d_status, d_headers, d_body) = block_on(parts(not_pending().into_response()));
        assert_eq!((status, headers), (d_status, d_headers));
        let parse = |b: &[u8]| serde_json::from_slice::<serde_json::Value>(b).unwrap();
        assert_eq!(parse(&body), parse(&d_body));
    }

    #[test]
    fn serialize_writes_the_bytes_the_baselines_send() {
        assert_eq!(
            serde_json::to_vec(&BenchError::NotFound).unwrap(),
            NOT_FOUND_BODY
        );
        let typed = TypedBody {
            code: "ORDER_NOT_PENDING",
            message: &format!("Order 42 is not in pending status since {SINCE}"),
            details: Some(PendingDetails {
                id: 42,
                since: SINCE,
            }),
        };
        assert_eq!(
            serde_json::to_vec(&not_pending()).unwrap(),
            serde_json::to_vec(&typed).unwrap()
        );
    }

    #[test]
    fn the_violations_baseline_answers_exactly_as_the_derived_error() {
        let violations = three_violations();
        let baseline = buffer_violations(&violations);
        let derived = Invalid { violations }.into_response();
        assert_eq!(block_on(parts(derived)), block_on(parts(baseline)));
    }
}
