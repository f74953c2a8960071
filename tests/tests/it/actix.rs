//! Derived errors on actix-web: the same response as axum's for the same configuration, and
//! what `ApiErrorMiddleware` makes of actix-web's own errors, of other error responses, of an
//! error given as a service's `Err`, and of request ids.

use actix_web::body::{MessageBody as _, to_bytes};
use actix_web::dev::{Service as _, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::{App, HttpResponse, ResponseError, test, web};
use api_error_core::actix::ApiErrorMiddleware;
use api_error_core::{ApiError, Config, Format, Rejection, RejectionKind, RequestId, Respond};

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
    NotFound,
    #[api_error(
        code = "ORDER_NOT_PENDING",
        status = 400,
        message = "Order {id} is not pending"
    )]
    NotPending {
        #[api_error(detail)]
        id: u64,
    },
    #[api_error(
        code = "AUTH_NOT_AUTHENTICATED",
        status = 401,
        message = "Authentication required",
        header("WWW-Authenticate", "Bearer realm=\"api\"")
    )]
    NotAuthenticated,
    #[api_error(code = "RATE_LIMIT_EXCEEDED", status = 429, message = "Slow down")]
    Limited {
        #[api_error(detail, header = "Retry-After")]
        retry_after: u64,
    },
    #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
    Storage(#[source] std::io::Error),
}

fn errors() -> Vec<OrderError> {
    vec![
        OrderError::NotFound,
        OrderError::NotPending { id: 42 },
        OrderError::NotAuthenticated,
        OrderError::Limited { retry_after: 30 },
        OrderError::Storage(std::io::Error::other("disk on fire")),
    ]
}

/// A response as bytes: status, every header in order, and the body.
type Seen = (u16, Vec<(String, Vec<u8>)>, Vec<u8>);

fn of_actix(response: HttpResponse) -> Seen {
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
        .collect();
    // Every response of this crate's is of bytes.
    let Ok(body) = response.into_body().try_into_bytes() else {
        panic!("the body is not bytes")
    };
    (status, sorted(headers), body.to_vec())
}

fn of_http(response: &http::Response<api_error_core::Bytes>) -> Seen {
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
        .collect();
    (
        response.status().as_u16(),
        sorted(headers),
        response.body().to_vec(),
    )
}

/// actix-web's header map keeps no order between names: compared by name, each name's values
/// in order.
fn sorted(mut headers: Vec<(String, Vec<u8>)>) -> Vec<(String, Vec<u8>)> {
    headers.sort_by(|a, b| a.0.cmp(&b.0));
    headers
}

#[test]
fn the_actix_web_response_is_the_http_response_of_the_same_configuration() {
    let problem = Config::new().format(Format::Problem).nest_in("error");
    for error in errors() {
        let expected = of_http(&problem.response(&error));
        let actix = of_actix(api_error_core::actix::response_by(&problem, &error));
        assert_eq!(actix, expected, "{}", error.code());
        // `ResponseError`, in the configuration in force: the default here.
        let expected = of_http(&error.to_response());
        assert_eq!(
            of_actix(error.error_response()),
            expected,
            "{}",
            error.code()
        );
        assert_eq!(error.status_code().as_u16(), expected.0);
        let boxed: Box<dyn ApiError + Send + Sync> = Box::new(error);
        assert_eq!(of_actix(boxed.error_response()), expected);
        assert_eq!(boxed.status_code().as_u16(), expected.0);
    }
}

/// Runs `f` on an actix-web runtime.
fn run<F: Future>(f: F) -> F::Output {
    actix_web::rt::System::new().block_on(f)
}

/// The status, a header and the body of `response`.
async fn read<B: actix_web::body::MessageBody>(
    response: ServiceResponse<B>,
    header: &str,
) -> (StatusCode, Option<String>, String) {
    let status = response.status();
    let value = response
        .headers()
        .get(header)
        .map(|value| value.to_str().unwrap().to_owned());
    let Ok(body) = to_bytes(response.into_body()).await else {
        panic!("the body does not read")
    };
    (status, value, String::from_utf8(body.to_vec()).unwrap())
}

async fn not_pending() -> Result<String, OrderError> {
    Err(OrderError::NotPending { id: 7 })
}

async fn numbered(id: web::Path<u32>) -> String {
    format!("order {id}")
}

#[test]
fn a_handler_s_error_carries_the_request_s_own_id_in_header_and_body() {
    run(async {
        let app = test::init_service(
            App::new()
                .route("/", web::get().to(not_pending))
                .wrap(ApiErrorMiddleware::default()),
        )
        .await;
        let request = test::TestRequest::get()
            .uri("/")
            .insert_header(("x-request-id", "req-42"))
            .to_request();
        let (status, id, body) = read(app.call(request).await.unwrap(), "x-request-id").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(id.as_deref(), Some("req-42"));
        assert_eq!(
            body,
            r#"{"code":"ORDER_NOT_PENDING","message":"Order 7 is not pending","details":{"id":7},"request_id":"req-42"}"#
        );
    });
}

#[test]
fn an_unsafe_request_id_is_replaced_by_a_generated_one_in_header_and_body() {
    run(async {
        let app = test::init_service(App::new().route("/", web::get().to(not_pending)).wrap(
            ApiErrorMiddleware::default().request_id_header(
                actix_web::http::header::HeaderName::from_static("x-correlation-id"),
            ),
        ))
        .await;
        let request = test::TestRequest::get()
            .uri("/")
            .insert_header(("x-correlation-id", "../../admin"))
            .to_request();
        let (_, id, body) = read(app.call(request).await.unwrap(), "x-correlation-id").await;
        let id = id.unwrap();
        assert_eq!(id.len(), 32);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
        assert!(
            body.ends_with(&format!(r#""request_id":"{id}"}}"#)),
            "{body}"
        );
    });
}

#[test]
fn actix_web_s_own_errors_get_the_layer_s_codes() {
    run(async {
        let app = test::init_service(
            App::new()
                .app_data(web::JsonConfig::default().limit(16))
                // A resource, whose methods it does not take are its 405 (a route added with
                // `App::route` guards its resource, which then does not match: a 404).
                .service(web::resource("/orders/{id}").route(web::get().to(numbered)))
                .route(
                    "/json",
                    web::post().to(|body: web::Json<u32>| async move { body.to_string() }),
                )
                .wrap(ApiErrorMiddleware::new(Config::new())),
        )
        .await;
        let cases = [
            (
                test::TestRequest::get().uri("/orders/abc"),
                400,
                r#"{"code":"INVALID_PARAMETER","message":"can not parse \"abc\" to a u32","request_id":"r"}"#,
            ),
            (
                test::TestRequest::post()
                    .uri("/json")
                    .insert_header(("content-type", "application/json"))
                    .set_payload("[1"),
                400,
                r#"{"code":"VALIDATION_FAILED","message":"Json deserialize error: invalid type: sequence, expected u32 at line 1 column 0","request_id":"r"}"#,
            ),
            (
                test::TestRequest::post()
                    .uri("/json")
                    .insert_header(("content-type", "application/json"))
                    .set_payload("12345678901234567890"),
                413,
                r#"{"code":"CONTENT_TOO_LARGE","message":"JSON payload (20 bytes) is larger than allowed (limit: 16 bytes).","request_id":"r"}"#,
            ),
            (
                test::TestRequest::post().uri("/json").set_payload("1"),
                415,
                r#"{"code":"UNSUPPORTED_MEDIA_TYPE","message":"Content type error","request_id":"r"}"#,
            ),
            (
                test::TestRequest::get().uri("/nowhere"),
                404,
                r#"{"code":"NOT_FOUND","message":"Not Found","request_id":"r"}"#,
            ),
        ];
        for (request, status, body) in cases {
            let request = request.insert_header(("x-request-id", "r")).to_request();
            let (seen, allow, seen_body) = read(app.call(request).await.unwrap(), "allow").await;
            assert_eq!((seen.as_u16(), seen_body.as_str()), (status, body));
            assert_eq!(allow, None);
        }
        let request = test::TestRequest::delete()
            .uri("/orders/1")
            .insert_header(("x-request-id", "r"))
            .to_request();
        let (status, allow, body) = read(app.call(request).await.unwrap(), "allow").await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(allow.as_deref(), Some("GET"));
        assert_eq!(
            body,
            r#"{"code":"METHOD_NOT_ALLOWED","message":"Method Not Allowed","request_id":"r"}"#
        );
    });
}

#[test]
fn other_error_responses_are_rendered_and_a_server_error_s_text_is_never_sent() {
    run(async {
        let app = test::init_service(
            App::new()
                .route(
                    "/secret",
                    web::get().to(|| async {
                        Err::<String, _>(actix_web::error::ErrorInternalServerError(
                            "password=hunter2",
                        ))
                    }),
                )
                .route(
                    "/busy",
                    web::get().to(|| async {
                        HttpResponse::Conflict()
                            .content_type("text/plain; charset=utf-8")
                            .insert_header(("cache-control", "no-store"))
                            .body("try again")
                    }),
                )
                .wrap(ApiErrorMiddleware::default()),
        )
        .await;
        let request = test::TestRequest::get()
            .uri("/secret")
            .insert_header(("x-request-id", "r"))
            .to_request();
        let (status, _, body) = read(app.call(request).await.unwrap(), "x").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            body,
            r#"{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error","request_id":"r"}"#
        );
        let request = test::TestRequest::get()
            .uri("/busy")
            .insert_header(("x-request-id", "r"))
            .to_request();
        let (status, cache, body) = read(app.call(request).await.unwrap(), "cache-control").await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(cache.as_deref(), Some("no-store"));
        assert_eq!(
            body,
            r#"{"code":"CLIENT_ERROR","message":"try again","request_id":"r"}"#
        );
    });
}

#[test]
fn an_error_an_inner_middleware_gives_as_its_err_is_rendered_with_the_request_s_id() {
    run(async {
        let app = test::init_service(
            App::new()
                .route("/", web::get().to(|| async { "never" }))
                .wrap_fn(|_, _| async {
                    Err::<ServiceResponse, _>(actix_web::error::ErrorForbidden("not you"))
                })
                .wrap(ApiErrorMiddleware::default()),
        )
        .await;
        let request = test::TestRequest::get()
            .uri("/")
            .insert_header(("x-request-id", "r"))
            .to_request();
        // actix-web's test harness, as its server, answers a service's `Err` with its
        // `error_response()`.
        let error = match app.call(request).await {
            Err(error) => error,
            Ok(response) => panic!("answered {}", response.status()),
        };
        let response = error.error_response();
        assert_eq!(
            response.headers().get("x-request-id").unwrap().as_bytes(),
            b"r"
        );
        let (status, _, body) = of_actix(response);
        assert_eq!(status, 403);
        assert_eq!(
            String::from_utf8(body).unwrap(),
            r#"{"code":"CLIENT_ERROR","message":"not you","request_id":"r"}"#
        );
    });
}

#[derive(Debug, ApiError)]
enum ShopRejection {
    #[api_error(
        code = "RESOURCE_MISSING",
        status = 404,
        message = "Nothing lives here"
    )]
    Missing,
    #[api_error(
        code = "METHOD_REFUSED",
        status = 405,
        message = "Not this way",
        header("Allow", "")
    )]
    Refused,
    #[api_error(transparent)]
    Other(Rejection),
}

#[test]
fn rejections_are_answered_with_the_service_s_own_errors_and_handlers_take_the_id() {
    run(async {
        let middleware =
            ApiErrorMiddleware::default().map_rejections(|rejection| match rejection.kind() {
                RejectionKind::NotFound => ShopRejection::Missing,
                RejectionKind::MethodNotAllowed => ShopRejection::Refused,
                _ => ShopRejection::Other(rejection),
            });
        let app =
            test::init_service(
                App::new()
                    .service(web::resource("/whoami").route(
                        web::get().to(|id: RequestId| async move { format!("request {id}") }),
                    ))
                    .wrap(middleware),
            )
            .await;
        let request = test::TestRequest::get()
            .uri("/nowhere")
            .insert_header(("x-request-id", "r"))
            .to_request();
        let (status, _, body) = read(app.call(request).await.unwrap(), "x").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(
            body,
            r#"{"code":"RESOURCE_MISSING","message":"Nothing lives here","request_id":"r"}"#
        );
        // A 405 mapped to a 405 whose `Allow` is empty gets the resource's.
        let request = test::TestRequest::post().uri("/whoami").to_request();
        let (status, allow, body) = read(app.call(request).await.unwrap(), "allow").await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(allow.as_deref(), Some("GET"));
        assert!(body.starts_with(r#"{"code":"METHOD_REFUSED""#), "{body}");
        // The handler takes the id the middleware generated, from the request's scope.
        let request = test::TestRequest::get().uri("/whoami").to_request();
        let response = app.call(request).await.unwrap();
        let (status, id, body) = read(response, "x-request-id").await;
        let id = id.unwrap();
        assert_eq!(id.len(), 32, "{id}");
        assert_eq!((status, body), (StatusCode::OK, format!("request {id}")));
    });
}

#[test]
fn without_the_middleware_a_handler_taking_the_id_answers_500() {
    run(async {
        let app = test::init_service(App::new().route(
            "/whoami",
            web::get().to(|id: RequestId| async move { format!("request {id}") }),
        ))
        .await;
        let request = test::TestRequest::get().uri("/whoami").to_request();
        let (status, _, body) = read(app.call(request).await.unwrap(), "x").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            body,
            r#"{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error"}"#
        );
    });
}

#[derive(serde::Deserialize)]
struct Sign {
    #[allow(dead_code)]
    name: String,
}

#[test]
fn forms_payloads_and_handlers_own_internal_errors_are_told_apart() {
    use serde::de::Error as _;
    run(async {
        let app = test::init_service(
            App::new()
                .app_data(web::PayloadConfig::new(8))
                .route(
                    "/form",
                    web::post().to(|_: web::Form<Sign>| async { "signed" }),
                )
                .route(
                    "/bytes",
                    web::post().to(|body: web::Bytes| async move { body.len().to_string() }),
                )
                .route(
                    "/conflict",
                    web::get().to(|| async {
                        Err::<String, _>(actix_web::error::InternalError::from_response(
                            "the row is locked by job 17",
                            HttpResponse::Conflict().finish(),
                        ))
                    }),
                )
                .route(
                    "/parse",
                    web::get().to(|| async {
                        Err::<String, _>(actix_web::error::InternalError::new(
                            serde::de::value::Error::custom("config key `db_password` missing"),
                            StatusCode::INTERNAL_SERVER_ERROR,
                        ))
                    }),
                )
                .wrap(ApiErrorMiddleware::default()),
        )
        .await;
        let cases = [
            (
                test::TestRequest::post()
                    .uri("/form")
                    .insert_header(("content-type", "text/plain"))
                    .set_payload("name=a"),
                415,
                r#"{"code":"UNSUPPORTED_MEDIA_TYPE","message":"Content type error.","request_id":"r"}"#,
            ),
            (
                test::TestRequest::post()
                    .uri("/form")
                    .insert_header(("content-type", "application/x-www-form-urlencoded"))
                    .set_payload("nom=a"),
                400,
                r#"{"code":"VALIDATION_FAILED","message":"Parse error: missing field `name`.","request_id":"r"}"#,
            ),
            (
                test::TestRequest::post()
                    .uri("/bytes")
                    .set_payload("more than eight bytes"),
                413,
                r#"{"code":"CONTENT_TOO_LARGE","message":"payload reached size limit","request_id":"r"}"#,
            ),
            // The error's text is not the body the handler chose: the reason phrase.
            (
                test::TestRequest::get().uri("/conflict"),
                409,
                r#"{"code":"CLIENT_ERROR","message":"Conflict","request_id":"r"}"#,
            ),
            // serde's error type at a 500 is the handler's own, not a path's: masked.
            (
                test::TestRequest::get().uri("/parse"),
                500,
                r#"{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error","request_id":"r"}"#,
            ),
        ];
        for (request, status, body) in cases {
            let request = request.insert_header(("x-request-id", "r")).to_request();
            let (seen, _, seen_body) = read(app.call(request).await.unwrap(), "x").await;
            assert_eq!((seen.as_u16(), seen_body.as_str()), (status, body));
        }
    });
}
