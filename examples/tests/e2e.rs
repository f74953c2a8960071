//! Every error of the reference API, reached through the orders service over a real loopback
//! socket with a real HTTP client: status, content type, the headers HTTP requires, and the
//! exact body. Each case starts a fresh service, so cases do not see each other's state.

use std::collections::BTreeSet;

use api_error_core::{ApiError, Decode, Decoded, Format};
use api_error_examples::{AppError, AppState, ServiceConfig, error_config, serve};
use api_error_tests::client;

mod document;

/// One request, as data: the README's table is made of these.
#[derive(Clone, Copy)]
struct Req {
    method: &'static str,
    path: &'static str,
    token: Option<&'static str>,
    headers: &'static [(&'static str, &'static str)],
    body: &'static str,
}

const JSON: &[(&str, &str)] = &[("content-type", "application/json")];

/// The `x-request-id` of every request, which error bodies show.
const REQUEST_ID: &str = "req-e2e";

const fn get(path: &'static str, token: &'static str) -> Req {
    Req {
        method: "GET",
        path,
        token: Some(token),
        headers: &[],
        body: "",
    }
}

const fn post(path: &'static str, token: &'static str) -> Req {
    Req {
        method: "POST",
        path,
        token: Some(token),
        headers: &[],
        body: "",
    }
}

/// What a case expects the last request to answer.
struct Case {
    code: &'static str,
    /// Requests made first, each of which must succeed (2xx).
    setup: &'static [Req],
    request: Req,
    status: u16,
    /// A header HTTP requires for this status, with its exact value.
    header: Option<(&'static str, &'static str)>,
    /// The body in the default format.
    body: &'static str,
    /// The body as problem details.
    problem: &'static str,
}

struct Response {
    status: u16,
    content_type: String,
    headers: reqwest::header::HeaderMap,
    body: String,
}

/// Starts a fresh service with `config` on an ephemeral loopback port, as the `server` binary
/// serves it.
async fn serve_with(config: ServiceConfig) -> String {
    let (listener, address) = api_error_tests::listen().await;
    tokio::spawn(serve(listener, AppState::new(config)));
    let base = format!("http://{address}");
    document::fetch(&base).await;
    base
}

async fn send(client: &reqwest::Client, base: &str, req: Req) -> Response {
    send_body(client, base, req, req.body.to_owned()).await
}

/// Sends `req` with `body` in place of its own, one made at run time.
async fn send_body(client: &reqwest::Client, base: &str, req: Req, body: String) -> Response {
    send_with(client, base, req, body, &[]).await
}

/// Sends `req` with `body` and the headers `extra` besides its own.
async fn send_with(
    client: &reqwest::Client,
    base: &str,
    req: Req,
    body: String,
    extra: &[(&str, &str)],
) -> Response {
    let method = reqwest::Method::from_bytes(req.method.as_bytes()).unwrap();
    let mut builder = client
        .request(method, format!("{base}{}", req.path))
        .header("x-request-id", REQUEST_ID);
    if let Some(token) = req.token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    for (name, value) in req.headers.iter().chain(extra) {
        builder = builder.header(*name, *value);
    }
    let response = builder.body(body).send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let content_type = headers
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.text().await.unwrap();
    if status >= 400 {
        assert_decodes(status, &content_type, &headers, &body);
    }
    let described = document::of(base);
    document::assert_conforms(
        &described,
        &document::Received {
            method: req.method,
            path: req.path,
            status,
            headers: &headers,
            body: &body,
        },
    );
    Response {
        status,
        content_type,
        headers,
        body,
    }
}

/// The codes of errors no `AppError` is: the layer's own, and a server error, whose source a
/// client never sees and so cannot rebuild.
const NOT_REBUILT: [&str; 4] = [
    "NOT_FOUND",
    "METHOD_NOT_ALLOWED",
    "CONTENT_TOO_LARGE",
    "SERVER_INTERNAL_ERROR",
];

/// Every error body the service sends, as a Rust client decodes it into `AppError`: the
/// variant the service raised, which rendered again (in the language its `Content-Language`
/// says) is the body received but for the request id; or, for [`NOT_REBUILT`] codes, unknown
/// and kept whole.
fn assert_decodes(
    status: u16,
    content_type: &str,
    headers: &reqwest::header::HeaderMap,
    body: &str,
) {
    let format = match content_type {
        "application/problem+json" => Format::Problem,
        "application/vnd.api+json" => Format::JsonApi,
        _ => Format::Json,
    };
    match AppError::from_body(body.as_bytes()) {
        Decoded::Known(error) => {
            let language = headers
                .get("content-language")
                .map_or("en", |language| language.to_str().unwrap());
            let again = error_config(format).response_in(&error, language);
            assert_eq!(again.status().as_u16(), status, "{body}");
            // The headers the error sends (a challenge, `Retry-After`), as received.
            for (name, value) in again.headers() {
                if name != "content-type" {
                    assert_eq!(
                        headers
                            .get(name.as_str())
                            .map(reqwest::header::HeaderValue::as_bytes),
                        Some(value.as_bytes()),
                        "{name} of {error:?}"
                    );
                }
            }
            assert_eq!(
                without_request_id(again.body()),
                without_request_id(body.as_bytes()),
                "{error:?} from {body}"
            );
        }
        Decoded::Unknown(unknown) => {
            assert_eq!(unknown.received, body.as_bytes());
            let code = unknown.body.map(|body| body.code);
            assert!(
                code.as_deref()
                    .is_some_and(|code| NOT_REBUILT.contains(&code)),
                "not rebuilt: {body}"
            );
        }
    }
}

/// `body` as JSON without the request id, wherever its format puts it.
fn without_request_id(body: &[u8]) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_slice(body).unwrap();
    let object = value.as_object_mut().unwrap();
    object.remove("request_id");
    object.remove("instance");
    // Every error object of a JSON:API document carries the request id.
    if let Some(errors) = object
        .get_mut("errors")
        .and_then(serde_json::Value::as_array_mut)
    {
        for error in errors
            .iter_mut()
            .filter_map(serde_json::Value::as_object_mut)
        {
            error.remove("id");
        }
    }
    value
}

/// What a fresh service in `format` answers `case`'s request, after its setup requests, each
/// of which must succeed.
async fn reach(case: &Case, format: Format) -> Response {
    let base = serve_with(ServiceConfig {
        format,
        ..ServiceConfig::default()
    })
    .await;
    let client = client();
    for step in case.setup {
        let response = send(&client, &base, *step).await;
        assert!(
            (200..300).contains(&response.status),
            "{}: setup {} {} answered {} {}",
            case.code,
            step.method,
            step.path,
            response.status,
            response.body
        );
    }
    send(&client, &base, case.request).await
}

async fn run(case: &Case, format: Format) {
    let response = reach(case, format).await;
    assert_eq!(
        response.status, case.status,
        "{}: {}",
        case.code, response.body
    );
    assert_eq!(
        response.content_type,
        format.content_type(),
        "{}",
        case.code
    );
    assert_eq!(response.headers["x-request-id"], REQUEST_ID);
    let mut body = match format {
        Format::Problem => case.problem.to_owned(),
        _ => case.body.to_owned(),
    };
    match case.header {
        Some((name, "{seconds}")) => {
            let value = response.headers[name].to_str().unwrap();
            let seconds: u64 = value.parse().unwrap();
            assert!((1..=60).contains(&seconds), "{name}: {value}");
            body = body.replace("{seconds}", value);
        }
        Some((name, value)) => assert_eq!(response.headers[name], value, "{}", case.code),
        None => {}
    }
    assert_eq!(response.body, body, "{}", case.code);
    let read: api_error_core::ErrorBody = serde_json::from_str(&response.body).unwrap();
    assert_eq!(read.code, case.code);
}

/// `POST /orders` with a JSON body and an idempotency key.
const CREATE: &[(&str, &str)] = &[
    ("content-type", "application/json"),
    ("idempotency-key", "order-key-0001"),
];

const fn order(token: &'static str, body: &'static str) -> Req {
    Req {
        headers: CREATE,
        body,
        ..post("/orders", token)
    }
}

/// A second creation, with a key of its own.
const fn second_order(token: &'static str, body: &'static str) -> Req {
    Req {
        headers: &[
            ("content-type", "application/json"),
            ("idempotency-key", "order-key-0002"),
        ],
        ..order(token, body)
    }
}

const TEXT: &[(&str, &str)] = &[("content-type", "text/plain")];

const fn upload(path: &'static str) -> Req {
    Req {
        headers: TEXT,
        body: "name,amount",
        ..post(path, "tok_alice")
    }
}

const CHALLENGE: &str = "Bearer realm=\"orders\"";

const CASES: &[Case] = &[
    Case {
        code: "AUTH_NOT_AUTHENTICATED",
        setup: &[],
        request: Req {
            token: None,
            ..get("/orders/ord_1", "")
        },
        status: 401,
        header: Some(("www-authenticate", CHALLENGE)),
        problem: r#"{"type":"https://api.example.com/errors/AUTH_NOT_AUTHENTICATED","title":"Authentication required","status":401,"detail":"Authentication required","instance":"urn:request:req-e2e","code":"AUTH_NOT_AUTHENTICATED"}"#,
        body: r#"{"code":"AUTH_NOT_AUTHENTICATED","message":"Authentication required","request_id":"req-e2e"}"#,
    },
    Case {
        code: "AUTH_TOKEN_EXPIRED",
        setup: &[],
        request: get("/orders/ord_1", "tok_expired"),
        status: 401,
        header: Some((
            "www-authenticate",
            "Bearer realm=\"orders\", error=\"invalid_token\", error_description=\"The token has expired\"",
        )),
        problem: r#"{"type":"https://api.example.com/errors/AUTH_TOKEN_EXPIRED","title":"Authentication token has expired","status":401,"detail":"Authentication token has expired","instance":"urn:request:req-e2e","code":"AUTH_TOKEN_EXPIRED"}"#,
        body: r#"{"code":"AUTH_TOKEN_EXPIRED","message":"Authentication token has expired","request_id":"req-e2e"}"#,
    },
    Case {
        code: "AUTH_TOKEN_INVALID",
        setup: &[],
        request: get("/orders/ord_1", "tok_nobody"),
        status: 401,
        header: Some((
            "www-authenticate",
            "Bearer realm=\"orders\", error=\"invalid_token\"",
        )),
        problem: r#"{"type":"https://api.example.com/errors/AUTH_TOKEN_INVALID","title":"Invalid authentication token","status":401,"detail":"Invalid authentication token","instance":"urn:request:req-e2e","code":"AUTH_TOKEN_INVALID"}"#,
        body: r#"{"code":"AUTH_TOKEN_INVALID","message":"Invalid authentication token","request_id":"req-e2e"}"#,
    },
    Case {
        code: "AUTH_TOKEN_INVALID_FORMAT",
        setup: &[],
        request: get("/orders/ord_1", "not a token"),
        status: 401,
        header: Some((
            "www-authenticate",
            "Bearer realm=\"orders\", error=\"invalid_request\"",
        )),
        problem: r#"{"type":"https://api.example.com/errors/AUTH_TOKEN_INVALID_FORMAT","title":"Token format is invalid","status":401,"detail":"Token format is invalid: expected `Authorization: Bearer tok_...`","instance":"urn:request:req-e2e","code":"AUTH_TOKEN_INVALID_FORMAT"}"#,
        body: r#"{"code":"AUTH_TOKEN_INVALID_FORMAT","message":"Token format is invalid: expected `Authorization: Bearer tok_...`","request_id":"req-e2e"}"#,
    },
    Case {
        code: "AUTH_FORBIDDEN",
        setup: &[],
        request: post("/orders/ord_1/confirm", "tok_alice_readonly"),
        status: 403,
        header: Some((
            "www-authenticate",
            "Bearer realm=\"orders\", error=\"insufficient_scope\", scope=\"orders:write\"",
        )),
        problem: r#"{"type":"https://api.example.com/errors/AUTH_FORBIDDEN","title":"Insufficient permissions","status":403,"detail":"Insufficient permissions: this needs the `orders:write` scope","instance":"urn:request:req-e2e","code":"AUTH_FORBIDDEN","required_scope":"orders:write"}"#,
        body: r#"{"code":"AUTH_FORBIDDEN","message":"Insufficient permissions: this needs the `orders:write` scope","details":{"required_scope":"orders:write"},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "VALIDATION_FAILED",
        setup: &[],
        request: order(
            "tok_alice",
            r#"{"type":"poster","quantity":0,"colour":"red"}"#,
        ),
        status: 400,
        header: None,
        problem: r##"{"type":"https://api.example.com/errors/VALIDATION_FAILED","title":"Input validation failed","status":400,"detail":"Input validation failed","instance":"urn:request:req-e2e","code":"VALIDATION_FAILED","errors":[{"detail":"Expected one of `report`, `conversion`, `notification`","pointer":"#/type","reason":"enum","params":{"allowed":"report, conversion, notification"}},{"detail":"Must be between 1 and 50","pointer":"#/quantity","reason":"range","params":{"min":1,"max":50}},{"detail":"This member is not allowed","pointer":"#/colour","reason":"unknown_field"}]}"##,
        body: r#"{"code":"VALIDATION_FAILED","message":"Input validation failed","violations":[{"in":"body","field":"/type","reason":"enum","params":{"allowed":"report, conversion, notification"},"message":"Expected one of `report`, `conversion`, `notification`"},{"in":"body","field":"/quantity","reason":"range","params":{"min":1,"max":50},"message":"Must be between 1 and 50"},{"in":"body","field":"/colour","reason":"unknown_field","message":"This member is not allowed"}],"request_id":"req-e2e"}"#,
    },
    Case {
        code: "VALIDATION_IDEMPOTENCY_KEY_INVALID",
        setup: &[],
        request: Req {
            headers: &[
                ("content-type", "application/json"),
                ("idempotency-key", "short"),
            ],
            ..order("tok_alice", r#"{"type":"report","quantity":1}"#)
        },
        status: 400,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/VALIDATION_IDEMPOTENCY_KEY_INVALID","title":"Invalid idempotency key","status":400,"detail":"Invalid idempotency key: the key must be 8 to 64 letters, digits, `-` or `_`","instance":"urn:request:req-e2e","code":"VALIDATION_IDEMPOTENCY_KEY_INVALID","reason":"the key must be 8 to 64 letters, digits, `-` or `_`"}"#,
        body: r#"{"code":"VALIDATION_IDEMPOTENCY_KEY_INVALID","message":"Invalid idempotency key: the key must be 8 to 64 letters, digits, `-` or `_`","details":{"reason":"the key must be 8 to 64 letters, digits, `-` or `_`"},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "INVALID_PARAMETER",
        setup: &[],
        request: get("/orders?limit=500", "tok_alice"),
        status: 400,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/INVALID_PARAMETER","title":"Invalid parameter provided","status":400,"detail":"Invalid parameter `limit`","instance":"urn:request:req-e2e","code":"INVALID_PARAMETER","name":"limit","reason":"expected a number from 1 to 100, found `500`","errors":[{"detail":"expected a number from 1 to 100","parameter":"limit","in":"query","reason":"range","params":{"min":1,"max":100}}]}"#,
        body: r#"{"code":"INVALID_PARAMETER","message":"Invalid parameter `limit`","details":{"name":"limit","reason":"expected a number from 1 to 100, found `500`"},"violations":[{"in":"query","field":"limit","reason":"range","params":{"min":1,"max":100},"message":"expected a number from 1 to 100"}],"request_id":"req-e2e"}"#,
    },
    Case {
        code: "ORDER_NOT_FOUND",
        setup: &[],
        request: get("/orders/ord_404", "tok_alice"),
        status: 404,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/ORDER_NOT_FOUND","title":"Order not found","status":404,"detail":"Order not found","instance":"urn:request:req-e2e","code":"ORDER_NOT_FOUND","order_id":"ord_404"}"#,
        body: r#"{"code":"ORDER_NOT_FOUND","message":"Order not found","details":{"order_id":"ord_404"},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "ORDER_NOT_PENDING",
        setup: &[
            order("tok_alice", r#"{"type":"conversion","quantity":2}"#),
            upload("/orders/ord_9/file"),
            post("/orders/ord_9/confirm", "tok_alice"),
        ],
        request: upload("/orders/ord_9/file"),
        status: 400,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/ORDER_NOT_PENDING","title":"Order is not in pending status","status":400,"detail":"Order ord_9 is not in pending status","instance":"urn:request:req-e2e","code":"ORDER_NOT_PENDING","order_id":"ord_9","detail_status":"confirmed"}"#,
        body: r#"{"code":"ORDER_NOT_PENDING","message":"Order ord_9 is not in pending status","details":{"order_id":"ord_9","status":"confirmed"},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "ORDER_NOT_OWNER",
        setup: &[],
        request: get("/orders/ord_1", "tok_bob"),
        status: 403,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/ORDER_NOT_OWNER","title":"Not the order owner","status":403,"detail":"Not the order owner","instance":"urn:request:req-e2e","code":"ORDER_NOT_OWNER"}"#,
        body: r#"{"code":"ORDER_NOT_OWNER","message":"Not the order owner","request_id":"req-e2e"}"#,
    },
    Case {
        code: "ORDER_EXPIRED",
        setup: &[],
        request: post("/orders/ord_5/confirm", "tok_alice"),
        status: 400,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/ORDER_EXPIRED","title":"Order has expired","status":400,"detail":"Order ord_5 has expired","instance":"urn:request:req-e2e","code":"ORDER_EXPIRED","order_id":"ord_5"}"#,
        body: r#"{"code":"ORDER_EXPIRED","message":"Order ord_5 has expired","details":{"order_id":"ord_5"},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "ORDER_NOT_COMPLETED",
        setup: &[],
        request: get("/orders/ord_2/download", "tok_alice"),
        status: 400,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/ORDER_NOT_COMPLETED","title":"Order is not completed","status":400,"detail":"Order ord_2 is not completed","instance":"urn:request:req-e2e","code":"ORDER_NOT_COMPLETED","order_id":"ord_2","detail_status":"confirmed"}"#,
        body: r#"{"code":"ORDER_NOT_COMPLETED","message":"Order ord_2 is not completed","details":{"order_id":"ord_2","status":"confirmed"},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "ORDER_FILE_NOT_UPLOADED",
        setup: &[],
        request: post("/orders/ord_6/confirm", "tok_alice"),
        status: 400,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/ORDER_FILE_NOT_UPLOADED","title":"Order file has not been uploaded","status":400,"detail":"Order ord_6 has no file: upload it first","instance":"urn:request:req-e2e","code":"ORDER_FILE_NOT_UPLOADED","order_id":"ord_6"}"#,
        body: r#"{"code":"ORDER_FILE_NOT_UPLOADED","message":"Order ord_6 has no file: upload it first","details":{"order_id":"ord_6"},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "ORDER_ALREADY_CONFIRMED",
        setup: &[],
        request: post("/orders/ord_2/confirm", "tok_alice"),
        status: 400,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/ORDER_ALREADY_CONFIRMED","title":"Order has already been confirmed","status":400,"detail":"Order ord_2 has already been confirmed","instance":"urn:request:req-e2e","code":"ORDER_ALREADY_CONFIRMED","order_id":"ord_2"}"#,
        body: r#"{"code":"ORDER_ALREADY_CONFIRMED","message":"Order ord_2 has already been confirmed","details":{"order_id":"ord_2"},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "ORDER_ALREADY_COMPLETED",
        setup: &[],
        request: post("/orders/ord_3/confirm", "tok_alice"),
        status: 400,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/ORDER_ALREADY_COMPLETED","title":"Order is already completed","status":400,"detail":"Order ord_3 is already completed","instance":"urn:request:req-e2e","code":"ORDER_ALREADY_COMPLETED","order_id":"ord_3"}"#,
        body: r#"{"code":"ORDER_ALREADY_COMPLETED","message":"Order ord_3 is already completed","details":{"order_id":"ord_3"},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "ORDER_ALREADY_FAILED",
        setup: &[],
        request: post("/orders/ord_4/confirm", "tok_alice"),
        status: 400,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/ORDER_ALREADY_FAILED","title":"Order has already failed","status":400,"detail":"Order ord_4 has already failed","instance":"urn:request:req-e2e","code":"ORDER_ALREADY_FAILED","order_id":"ord_4"}"#,
        body: r#"{"code":"ORDER_ALREADY_FAILED","message":"Order ord_4 has already failed","details":{"order_id":"ord_4"},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "ORDER_TYPE_NOT_MATCH",
        setup: &[],
        request: upload("/orders/ord_1/file"),
        status: 400,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/ORDER_TYPE_NOT_MATCH","title":"Order type does not match","status":400,"detail":"Order type does not match: this needs a `conversion` order, not `report`","instance":"urn:request:req-e2e","code":"ORDER_TYPE_NOT_MATCH","expected":"conversion","found":"report"}"#,
        body: r#"{"code":"ORDER_TYPE_NOT_MATCH","message":"Order type does not match: this needs a `conversion` order, not `report`","details":{"expected":"conversion","found":"report"},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "ORDER_TYPE_CANT_DOWNLOAD",
        setup: &[],
        request: get("/orders/ord_7/download", "tok_alice"),
        status: 400,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/ORDER_TYPE_CANT_DOWNLOAD","title":"This order type cannot be downloaded","status":400,"detail":"Orders of type `notification` cannot be downloaded","instance":"urn:request:req-e2e","code":"ORDER_TYPE_CANT_DOWNLOAD","order_type":"notification"}"#,
        body: r#"{"code":"ORDER_TYPE_CANT_DOWNLOAD","message":"Orders of type `notification` cannot be downloaded","details":{"order_type":"notification"},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "ORDER_TIMEOUT",
        setup: &[],
        request: Req {
            headers: JSON,
            body: r#"{"outcome":"completed"}"#,
            ..post("/orders/ord_8/complete", "tok_alice")
        },
        status: 408,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/ORDER_TIMEOUT","title":"Order processing timed out","status":408,"detail":"Order ord_8 processing timed out","instance":"urn:request:req-e2e","code":"ORDER_TIMEOUT","order_id":"ord_8"}"#,
        body: r#"{"code":"ORDER_TIMEOUT","message":"Order ord_8 processing timed out","details":{"order_id":"ord_8"},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "USAGE_LIMIT_EXCEEDED",
        setup: &[order("tok_carol", r#"{"type":"report","quantity":10}"#)],
        request: second_order("tok_carol", r#"{"type":"report","quantity":1}"#),
        status: 400,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/USAGE_LIMIT_EXCEEDED","title":"Usage limit exceeded","status":400,"detail":"Usage limit exceeded: all 10 units of the `free` plan are used","instance":"urn:request:req-e2e","code":"USAGE_LIMIT_EXCEEDED","plan":"free","quota":10,"resource":"units"}"#,
        body: r#"{"code":"USAGE_LIMIT_EXCEEDED","message":"Usage limit exceeded: all 10 units of the `free` plan are used","details":{"plan":"free","quota":10,"resource":"units"},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "USAGE_NOT_ENOUGH",
        setup: &[order("tok_carol", r#"{"type":"report","quantity":8}"#)],
        request: second_order("tok_carol", r#"{"type":"report","quantity":5}"#),
        status: 400,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/USAGE_NOT_ENOUGH","title":"Insufficient usage quota","status":400,"detail":"Insufficient usage quota: 5 units needed, 2 left","instance":"urn:request:req-e2e","code":"USAGE_NOT_ENOUGH","required":5,"remaining":2}"#,
        body: r#"{"code":"USAGE_NOT_ENOUGH","message":"Insufficient usage quota: 5 units needed, 2 left","details":{"required":5,"remaining":2},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "PLAN_NOT_FOUND",
        setup: &[],
        request: get("/plans/gold", "tok_alice"),
        status: 404,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/PLAN_NOT_FOUND","title":"Plan not found","status":404,"detail":"Plan not found","instance":"urn:request:req-e2e","code":"PLAN_NOT_FOUND","plan_id":"gold"}"#,
        body: r#"{"code":"PLAN_NOT_FOUND","message":"Plan not found","details":{"plan_id":"gold"},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "WEBHOOK_NOT_FOUND",
        setup: &[],
        request: get("/webhooks/wh_1", "tok_bob"),
        status: 404,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/WEBHOOK_NOT_FOUND","title":"Webhook not found","status":404,"detail":"Webhook not found","instance":"urn:request:req-e2e","code":"WEBHOOK_NOT_FOUND","webhook_id":"wh_1"}"#,
        body: r#"{"code":"WEBHOOK_NOT_FOUND","message":"Webhook not found","details":{"webhook_id":"wh_1"},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "RATE_LIMIT_EXCEEDED",
        setup: &[
            get("/plans/free", "tok_carol"),
            get("/plans/free", "tok_carol"),
            get("/plans/free", "tok_carol"),
            get("/plans/free", "tok_carol"),
            get("/plans/free", "tok_carol"),
        ],
        request: get("/plans/free", "tok_carol"),
        status: 429,
        header: Some(("retry-after", "{seconds}")),
        problem: r#"{"type":"https://api.example.com/errors/RATE_LIMIT_EXCEEDED","title":"Too many requests","status":429,"detail":"Too many requests: retry in {seconds} seconds","instance":"urn:request:req-e2e","code":"RATE_LIMIT_EXCEEDED","retry_after":{seconds},"limit":5}"#,
        body: r#"{"code":"RATE_LIMIT_EXCEEDED","message":"Too many requests: retry in {seconds} seconds","details":{"retry_after":{seconds},"limit":5},"request_id":"req-e2e"}"#,
    },
    Case {
        code: "SERVER_INTERNAL_ERROR",
        setup: &[],
        request: get("/orders/ord_3/receipt", "tok_alice"),
        status: 500,
        header: None,
        problem: r#"{"type":"https://api.example.com/errors/SERVER_INTERNAL_ERROR","title":"Internal server error","status":500,"detail":"Internal Server Error","instance":"urn:request:req-e2e","code":"SERVER_INTERNAL_ERROR"}"#,
        body: r#"{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error","request_id":"req-e2e"}"#,
    },
];

fn case(code: &str) -> &'static Case {
    CASES.iter().find(|case| case.code == code).unwrap()
}

macro_rules! reaches {
    ($($name:ident => $code:literal,)*) => {
        /// Each error in the default format.
        mod json {
            use super::*;
            $(
                #[tokio::test]
                async fn $name() {
                    run(case($code), Format::Json).await;
                }
            )*
        }

        /// Each error as problem details.
        mod problem {
            use super::*;
            $(
                #[tokio::test]
                async fn $name() {
                    run(case($code), Format::Problem).await;
                }
            )*
        }

        #[test]
        fn the_cases_cover_the_catalog_exactly() {
            let tested: BTreeSet<&str> = [$($code),*].into_iter().collect();
            let listed: BTreeSet<&str> = CASES.iter().map(|case| case.code).collect();
            let catalog = AppError::catalog();
            let declared: BTreeSet<&str> = catalog.iter().map(|entry| entry.code()).collect();
            assert_eq!(declared.len(), 26);
            assert_eq!(tested, declared);
            assert_eq!(listed, declared);
        }
    };
}

reaches! {
    auth_not_authenticated => "AUTH_NOT_AUTHENTICATED",
    auth_token_expired => "AUTH_TOKEN_EXPIRED",
    auth_token_invalid => "AUTH_TOKEN_INVALID",
    auth_token_invalid_format => "AUTH_TOKEN_INVALID_FORMAT",
    auth_forbidden => "AUTH_FORBIDDEN",
    validation_failed => "VALIDATION_FAILED",
    validation_idempotency_key_invalid => "VALIDATION_IDEMPOTENCY_KEY_INVALID",
    invalid_parameter => "INVALID_PARAMETER",
    order_not_found => "ORDER_NOT_FOUND",
    order_not_pending => "ORDER_NOT_PENDING",
    order_not_owner => "ORDER_NOT_OWNER",
    order_expired => "ORDER_EXPIRED",
    order_not_completed => "ORDER_NOT_COMPLETED",
    order_file_not_uploaded => "ORDER_FILE_NOT_UPLOADED",
    order_already_confirmed => "ORDER_ALREADY_CONFIRMED",
    order_already_completed => "ORDER_ALREADY_COMPLETED",
    order_already_failed => "ORDER_ALREADY_FAILED",
    order_type_not_match => "ORDER_TYPE_NOT_MATCH",
    order_type_cant_download => "ORDER_TYPE_CANT_DOWNLOAD",
    order_timeout => "ORDER_TIMEOUT",
    usage_limit_exceeded => "USAGE_LIMIT_EXCEEDED",
    usage_not_enough => "USAGE_NOT_ENOUGH",
    plan_not_found => "PLAN_NOT_FOUND",
    webhook_not_found => "WEBHOOK_NOT_FOUND",
    rate_limit_exceeded => "RATE_LIMIT_EXCEEDED",
    server_internal_error => "SERVER_INTERNAL_ERROR",
}

async fn an_order_goes_from_creation_to_download(format: Format) {
    let base = serve_in(format).await;
    let client = client();
    let steps = [
        (
            order("tok_alice", r#"{"type":"conversion","quantity":3}"#),
            201,
            r#"{"id":"ord_9","type":"conversion","status":"pending","quantity":3,"file_uploaded":false}"#,
        ),
        (
            upload("/orders/ord_9/file"),
            200,
            r#"{"id":"ord_9","type":"conversion","status":"pending","quantity":3,"file_uploaded":true}"#,
        ),
        (
            post("/orders/ord_9/confirm", "tok_alice"),
            200,
            r#"{"id":"ord_9","type":"conversion","status":"confirmed","quantity":3,"file_uploaded":true}"#,
        ),
        (
            Req {
                headers: JSON,
                body: r#"{"outcome":"completed"}"#,
                ..post("/orders/ord_9/complete", "tok_alice")
            },
            200,
            r#"{"id":"ord_9","type":"conversion","status":"completed","quantity":3,"file_uploaded":true}"#,
        ),
        (
            get("/orders/ord_9/download", "tok_alice"),
            200,
            "result of ord_9 (conversion)\n",
        ),
        (
            get("/orders/ord_9/receipt", "tok_alice"),
            200,
            r#"{"order_id":"ord_9","units":3}"#,
        ),
    ];
    for (request, status, body) in steps {
        let response = send(&client, &base, request).await;
        assert_eq!((response.status, response.body.as_str()), (status, body));
    }
}

async fn a_repeated_creation_with_the_same_key_returns_the_first_order(format: Format) {
    let base = serve_in(format).await;
    let client = client();
    let request = order("tok_alice", r#"{"type":"report","quantity":1}"#);
    let first = send(&client, &base, request).await;
    let again = send(&client, &base, request).await;
    assert_eq!(first.status, 201);
    assert_eq!(again.status, 201);
    assert_eq!(first.body, again.body);
    let reused = send(
        &client,
        &base,
        order("tok_alice", r#"{"type":"report","quantity":2}"#),
    )
    .await;
    assert_eq!(reused.status, 400);
    assert_eq!(
        reused.body,
        in_format(
            format,
            r#"{"code":"VALIDATION_IDEMPOTENCY_KEY_INVALID","message":"Invalid idempotency key: the key was used for a different request","details":{"reason":"the key was used for a different request"},"request_id":"req-e2e"}"#,
            r#"{"type":"https://api.example.com/errors/VALIDATION_IDEMPOTENCY_KEY_INVALID","title":"Invalid idempotency key","status":400,"detail":"Invalid idempotency key: the key was used for a different request","instance":"urn:request:req-e2e","code":"VALIDATION_IDEMPOTENCY_KEY_INVALID","reason":"the key was used for a different request"}"#
        )
    );
}

async fn a_malformed_order_id_is_an_invalid_parameter(format: Format) {
    let base = serve_in(format).await;
    let response = send(&client(), &base, get("/orders/order-1", "tok_alice")).await;
    assert_eq!(response.status, 400);
    assert_eq!(
        response.body,
        in_format(
            format,
            r#"{"code":"INVALID_PARAMETER","message":"Invalid parameter `order_id`","details":{"name":"order_id","reason":"expected an order id such as `ord_1`, found `order-1`"},"violations":[{"in":"path","field":"order_id","reason":"format","message":"expected an order id such as `ord_1`"}],"request_id":"req-e2e"}"#,
            r#"{"type":"https://api.example.com/errors/INVALID_PARAMETER","title":"Invalid parameter provided","status":400,"detail":"Invalid parameter `order_id`","instance":"urn:request:req-e2e","code":"INVALID_PARAMETER","name":"order_id","reason":"expected an order id such as `ord_1`, found `order-1`","errors":[{"detail":"expected an order id such as `ord_1`","parameter":"order_id","in":"path","reason":"format"}]}"#
        )
    );
}

async fn a_body_that_is_not_json_fails_validation_as_a_whole(format: Format) {
    let base = serve_in(format).await;
    let response = send(&client(), &base, order("tok_alice", "{\"type\":")).await;
    assert_eq!(response.status, 400);
    assert_eq!(
        response.body,
        in_format(
            format,
            r#"{"code":"VALIDATION_FAILED","message":"Input validation failed","violations":[{"in":"body","field":"","reason":"syntax","message":"The body is not JSON: EOF while parsing a value at line 1 column 8"}],"request_id":"req-e2e"}"#,
            r##"{"type":"https://api.example.com/errors/VALIDATION_FAILED","title":"Input validation failed","status":400,"detail":"Input validation failed","instance":"urn:request:req-e2e","code":"VALIDATION_FAILED","errors":[{"detail":"The body is not JSON: EOF while parsing a value at line 1 column 8","pointer":"#","reason":"syntax"}]}"##
        )
    );
}

async fn a_creation_without_a_key_is_refused(format: Format) {
    let base = serve_in(format).await;
    let request = Req {
        headers: JSON,
        ..order("tok_alice", r#"{"type":"report","quantity":1}"#)
    };
    let response = send(&client(), &base, request).await;
    assert_eq!(response.status, 400);
    assert_eq!(
        response.body,
        in_format(
            format,
            r#"{"code":"VALIDATION_IDEMPOTENCY_KEY_INVALID","message":"Invalid idempotency key: the Idempotency-Key header is required","details":{"reason":"the Idempotency-Key header is required"},"request_id":"req-e2e"}"#,
            r#"{"type":"https://api.example.com/errors/VALIDATION_IDEMPOTENCY_KEY_INVALID","title":"Invalid idempotency key","status":400,"detail":"Invalid idempotency key: the Idempotency-Key header is required","instance":"urn:request:req-e2e","code":"VALIDATION_IDEMPOTENCY_KEY_INVALID","reason":"the Idempotency-Key header is required"}"#
        )
    );
}

/// Sends `req` to a fresh service and returns status and body.
async fn answer(base: &str, req: Req) -> (u16, String) {
    let response = send(&client(), base, req).await;
    (response.status, response.body)
}

async fn the_bearer_scheme_is_case_insensitive_and_another_scheme_gets_the_challenge(
    format: Format,
) {
    let base = serve_in(format).await;
    let lower = Req {
        token: None,
        headers: &[("authorization", "bearer tok_alice")],
        ..get("/orders/ord_1", "")
    };
    assert_eq!(answer(&base, lower).await.0, 200);
    let basic = Req {
        token: None,
        headers: &[("authorization", "Basic YWxpY2U6c2VjcmV0")],
        ..get("/orders/ord_1", "")
    };
    let response = send(&client(), &base, basic).await;
    assert_eq!(response.status, 401);
    assert_eq!(response.headers["www-authenticate"], CHALLENGE);
    assert_eq!(
        response.body,
        in_format(
            format,
            r#"{"code":"AUTH_NOT_AUTHENTICATED","message":"Authentication required","request_id":"req-e2e"}"#,
            r#"{"type":"https://api.example.com/errors/AUTH_NOT_AUTHENTICATED","title":"Authentication required","status":401,"detail":"Authentication required","instance":"urn:request:req-e2e","code":"AUTH_NOT_AUTHENTICATED"}"#
        )
    );
}

async fn a_path_that_is_not_text_is_an_invalid_parameter(format: Format) {
    let base = serve_in(format).await;
    let (status, body) = answer(&base, get("/orders/%FF", "tok_alice")).await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        in_format(
            format,
            r#"{"code":"INVALID_PARAMETER","message":"Invalid parameter `path`","details":{"name":"path","reason":"Invalid URL: Invalid UTF-8 in `order_id`"},"request_id":"req-e2e"}"#,
            r#"{"type":"https://api.example.com/errors/INVALID_PARAMETER","title":"Invalid parameter provided","status":400,"detail":"Invalid parameter `path`","instance":"urn:request:req-e2e","code":"INVALID_PARAMETER","name":"path","reason":"Invalid URL: Invalid UTF-8 in `order_id`"}"#
        )
    );
}

async fn an_order_not_confirmed_in_time_expires(format: Format) {
    let base = serve_with(ServiceConfig {
        format,
        order_ttl: std::time::Duration::ZERO,
        ..ServiceConfig::default()
    })
    .await;
    let created = answer(
        &base,
        order("tok_alice", r#"{"type":"report","quantity":1}"#),
    )
    .await;
    assert_eq!(created.0, 201);
    let (status, body) = answer(&base, post("/orders/ord_9/confirm", "tok_alice")).await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        in_format(
            format,
            r#"{"code":"ORDER_EXPIRED","message":"Order ord_9 has expired","details":{"order_id":"ord_9"},"request_id":"req-e2e"}"#,
            r#"{"type":"https://api.example.com/errors/ORDER_EXPIRED","title":"Order has expired","status":400,"detail":"Order ord_9 has expired","instance":"urn:request:req-e2e","code":"ORDER_EXPIRED","order_id":"ord_9"}"#
        )
    );
}

async fn an_order_not_completed_in_time_times_out_and_fails(format: Format) {
    let base = serve_with(ServiceConfig {
        format,
        processing_deadline: std::time::Duration::ZERO,
        ..ServiceConfig::default()
    })
    .await;
    let complete = Req {
        headers: JSON,
        body: r#"{"outcome":"completed"}"#,
        ..post("/orders/ord_9/complete", "tok_alice")
    };
    let created = answer(
        &base,
        order("tok_alice", r#"{"type":"report","quantity":1}"#),
    )
    .await;
    assert_eq!(created.0, 201);
    let (status, body) = answer(&base, complete).await;
    assert_eq!(status, 408);
    assert_eq!(
        body,
        in_format(
            format,
            r#"{"code":"ORDER_TIMEOUT","message":"Order ord_9 processing timed out","details":{"order_id":"ord_9"},"request_id":"req-e2e"}"#,
            r#"{"type":"https://api.example.com/errors/ORDER_TIMEOUT","title":"Order processing timed out","status":408,"detail":"Order ord_9 processing timed out","instance":"urn:request:req-e2e","code":"ORDER_TIMEOUT","order_id":"ord_9"}"#
        )
    );
    let (status, body) = answer(&base, get("/orders/ord_9", "tok_alice")).await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        r#"{"id":"ord_9","type":"report","status":"failed","quantity":1,"file_uploaded":false}"#
    );
}

async fn a_replay_answers_as_the_first_creation_did(format: Format) {
    let base = serve_in(format).await;
    let request = order("tok_alice", r#"{"type":"report","quantity":1}"#);
    let first = answer(&base, request).await;
    assert_eq!(
        answer(&base, post("/orders/ord_9/confirm", "tok_alice"))
            .await
            .0,
        200
    );
    let spaced = Req {
        body: r#"{ "quantity": 1, "type": "report" }"#,
        ..request
    };
    assert_eq!(answer(&base, spaced).await, first);
}

async fn the_order_is_looked_up_before_the_body_is_read(format: Format) {
    let base = serve_in(format).await;
    let (status, body) = answer(&base, post("/orders/ord_404/complete", "tok_alice")).await;
    assert_eq!(status, 404);
    assert_eq!(
        body,
        in_format(
            format,
            r#"{"code":"ORDER_NOT_FOUND","message":"Order not found","details":{"order_id":"ord_404"},"request_id":"req-e2e"}"#,
            r#"{"type":"https://api.example.com/errors/ORDER_NOT_FOUND","title":"Order not found","status":404,"detail":"Order not found","instance":"urn:request:req-e2e","code":"ORDER_NOT_FOUND","order_id":"ord_404"}"#
        )
    );
}

async fn webhooks_are_created_read_and_deleted(format: Format) {
    let base = serve_in(format).await;
    let create = Req {
        headers: JSON,
        body: r#"{"url":"https://alice.example/hooks/2"}"#,
        ..post("/webhooks", "tok_alice")
    };
    let (status, body) = answer(&base, create).await;
    assert_eq!(status, 201);
    assert_eq!(
        body,
        r#"{"id":"wh_9","url":"https://alice.example/hooks/2"}"#
    );
    let delete = Req {
        method: "DELETE",
        ..get("/webhooks/wh_9", "tok_alice")
    };
    assert_eq!(answer(&base, delete).await, (204, String::new()));
    let (status, body) = answer(&base, get("/webhooks/wh_9", "tok_alice")).await;
    assert_eq!(status, 404);
    assert_eq!(
        body,
        in_format(
            format,
            r#"{"code":"WEBHOOK_NOT_FOUND","message":"Webhook not found","details":{"webhook_id":"wh_9"},"request_id":"req-e2e"}"#,
            r#"{"type":"https://api.example.com/errors/WEBHOOK_NOT_FOUND","title":"Webhook not found","status":404,"detail":"Webhook not found","instance":"urn:request:req-e2e","code":"WEBHOOK_NOT_FOUND","webhook_id":"wh_9"}"#
        )
    );
}

async fn a_body_of_many_unknown_fields_gets_a_short_answer(format: Format) {
    let base = serve_in(format).await;
    let unknown: Vec<String> = (0..500).map(|i| format!(r#""f{i:03}":0"#)).collect();
    let body = format!(r#"{{"type":"report","quantity":1,{}}}"#, unknown.join(","));
    let response = send_body(&client(), &base, order("tok_alice", ""), body).await;
    assert_eq!(response.status, 400);
    assert!(response.body.len() < 4096, "{} bytes", response.body.len());
    let listed = |item: fn(usize) -> String| (0..20).map(item).collect::<Vec<_>>().join(",");
    let expected = match format {
        Format::Problem => format!(
            r#"{{"type":"https://api.example.com/errors/VALIDATION_FAILED","title":"Input validation failed","status":400,"detail":"Input validation failed","instance":"urn:request:req-e2e","code":"VALIDATION_FAILED","errors":[{}],"violations_omitted":480}}"#,
            listed(|i| format!(
                r##"{{"detail":"This member is not allowed","pointer":"#/f{i:03}","reason":"unknown_field"}}"##
            ))
        ),
        _ => format!(
            r#"{{"code":"VALIDATION_FAILED","message":"Input validation failed","violations":[{}],"violations_omitted":480,"request_id":"req-e2e"}}"#,
            listed(|i| format!(
                r#"{{"in":"body","field":"/f{i:03}","reason":"unknown_field","message":"This member is not allowed"}}"#
            ))
        ),
    };
    assert_eq!(response.body, expected);
}

/// `POST /webhooks` of `url` as `token`: status and body.
async fn create_webhook(base: &str, token: &'static str, url: &str) -> (u16, String) {
    let create = Req {
        headers: JSON,
        ..post("/webhooks", token)
    };
    let body = serde_json::json!({ "url": url }).to_string();
    let response = send_body(&client(), base, create, body).await;
    (response.status, response.body)
}

/// The answer to a webhook URL refused with the message `message`: a violation of `/url` for
/// the reason `why` (with the bounds of a `length`).
fn refused_url(format: Format, message: &str) -> String {
    let (why, params) = if message == LOCAL_HOST
        || message.contains("credentials")
        || message.starts_with("port 0")
    {
        ("invalid", "")
    } else if message.starts_with("the URL is longer") {
        ("length", r#","params":{"max":2048}"#)
    } else {
        ("format", "")
    };
    match format {
        Format::Problem => format!(
            r##"{{"type":"https://api.example.com/errors/VALIDATION_FAILED","title":"Input validation failed","status":400,"detail":"Input validation failed","instance":"urn:request:req-e2e","code":"VALIDATION_FAILED","errors":[{{"detail":"{message}","pointer":"#/url","reason":"{why}"{params}}}]}}"##
        ),
        _ => format!(
            r#"{{"code":"VALIDATION_FAILED","message":"Input validation failed","violations":[{{"in":"body","field":"/url","reason":"{why}"{params},"message":"{message}"}}],"request_id":"req-e2e"}}"#
        ),
    }
}

/// Why a webhook URL whose host is not globally reachable is refused.
const LOCAL_HOST: &str = "the host is not a public address: this machine, a private network or another special-purpose block, or a name of this machine";

async fn a_webhook_to_this_machine_or_a_private_network_is_refused(format: Format) {
    let base = serve_in(format).await;
    let local = [
        "https://169.254.169.254/latest/meta-data/",
        "https://127.0.0.1/",
        "https://0x7f.1/",
        "https://10.1.2.3/hooks",
        "https://172.16.0.1/",
        "https://192.168.1.1:8443/",
        "https://0.0.0.0/",
        "https://[::1]/",
        "https://[fe80::1]/",
        "https://[fd00::1]/",
        "https://[::]/",
        "https://[::ffff:169.254.169.254]/",
        "https://localhost/",
        "https://LOCALHOST./",
        "https://api.localhost/",
        // Special-purpose blocks past the private ones: shared, reserved, benchmarking,
        // multicast, broadcast, "this network", and IPv6 forms that reach IPv4's own.
        "https://100.100.100.200/",
        "https://100.64.0.1/",
        "https://0.1.2.3/",
        "https://198.18.0.1/",
        "https://224.0.0.1/",
        "https://255.255.255.255/",
        "https://[::7f00:1]/",
        "https://[64:ff9b::a9fe:a9fe]/",
        "https://[2002:7f00:1::]/",
        "https://[fec0::1]/",
        "https://localhost.localdomain/",
        "https://ip6-localhost/",
    ];
    let malformed = [
        (
            "https://alice:hunter2@alice.example/hooks",
            "the URL carries credentials",
        ),
        (
            "https://alice@alice.example/hooks",
            "the URL carries credentials",
        ),
        ("https://alice.example:0/hooks", "port 0 is no port"),
        ("http://alice.example/hooks", "expected an https URL"),
        ("https://", "not a URL: empty host"),
        (
            "alice.example/hooks",
            "not a URL: relative URL without a base",
        ),
        (
            "https://alice example/",
            "not a URL: invalid international domain name",
        ),
    ];
    let cases = local
        .map(|url| (url, LOCAL_HOST))
        .into_iter()
        .chain(malformed);
    for (url, reason) in cases {
        let (status, body) = create_webhook(&base, "tok_alice", url).await;
        assert_eq!((status, body), (400, refused_url(format, reason)), "{url}");
    }
}

async fn a_webhook_url_over_2048_bytes_is_refused(format: Format) {
    let base = serve_in(format).await;
    let url = format!("https://alice.example/{}", "a".repeat(3000 - 22));
    assert_eq!(url.len(), 3000);
    let (status, body) = create_webhook(&base, "tok_alice", &url).await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        refused_url(format, "the URL is longer than 2048 bytes")
    );
    // Normalised, a URL may grow: each space in its path becomes `%20`.
    let url = format!("https://alice.example/{}", " x".repeat(600));
    assert!(url.len() <= 2048);
    let (status, body) = create_webhook(&base, "tok_alice", &url).await;
    assert_eq!(
        (status, body),
        (
            400,
            refused_url(format, "the URL is longer than 2048 bytes")
        )
    );
    let url = format!("https://alice.example/{}", "a".repeat(2048 - 22));
    let (status, body) = create_webhook(&base, "tok_alice", &url).await;
    assert_eq!(status, 201, "{body}");
}

async fn an_account_has_at_most_20_webhooks(format: Format) {
    let base = serve_in(format).await;
    for n in 1..=20 {
        let url = format!("https://bob.example/hooks/{n}");
        let (status, body) = create_webhook(&base, "tok_bob", &url).await;
        assert_eq!(status, 201, "webhook {n}: {body}");
    }
    let (status, body) = create_webhook(&base, "tok_bob", "https://bob.example/hooks/21").await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        in_format(
            format,
            r#"{"code":"USAGE_LIMIT_EXCEEDED","message":"Usage limit exceeded: all 20 webhooks of the `pro` plan are used","details":{"plan":"pro","quota":20,"resource":"webhooks"},"request_id":"req-e2e"}"#,
            r#"{"type":"https://api.example.com/errors/USAGE_LIMIT_EXCEEDED","title":"Usage limit exceeded","status":400,"detail":"Usage limit exceeded: all 20 webhooks of the `pro` plan are used","instance":"urn:request:req-e2e","code":"USAGE_LIMIT_EXCEEDED","plan":"pro","quota":20,"resource":"webhooks"}"#
        )
    );
    // Another account's are its own; and one deleted makes room for another.
    let (status, _) = create_webhook(&base, "tok_alice", "https://alice.example/hooks/2").await;
    assert_eq!(status, 201);
    let delete = Req {
        method: "DELETE",
        ..get("/webhooks/wh_9", "tok_bob")
    };
    assert_eq!(answer(&base, delete).await, (204, String::new()));
    let (status, body) = create_webhook(&base, "tok_bob", "https://bob.example/hooks/21").await;
    assert_eq!(
        (status, body.as_str()),
        (
            201,
            r#"{"id":"wh_30","url":"https://bob.example/hooks/21"}"#
        )
    );
}

async fn a_value_the_client_sent_is_shown_once(format: Format) {
    let base = serve_in(format).await;
    for path in [
        "/plans/platinum-plus",
        "/orders/order-99",
        "/orders?limit=999",
    ] {
        let (status, body) = answer(&base, get(path, "tok_alice")).await;
        let value = path.rsplit(['/', '=']).next().unwrap();
        assert!((400..500).contains(&status), "{path}: {status}");
        assert_eq!(body.matches(value).count(), 1, "{path}: {body}");
    }
}

async fn a_body_over_the_limit_is_content_too_large(format: Format) {
    let base = serve_in(format).await;
    let file = "a".repeat(2 * 1024 * 1024 + 1);
    let response = send_body(&client(), &base, upload("/orders/ord_6/file"), file).await;
    assert_eq!(response.status, 413);
    assert_eq!(response.content_type, format.content_type());
    assert_eq!(
        response.body,
        in_format(
            format,
            r#"{"code":"CONTENT_TOO_LARGE","message":"The request body is over the limit of 2 MiB","request_id":"req-e2e"}"#,
            r#"{"type":"https://api.example.com/errors/CONTENT_TOO_LARGE","title":"The request body is too large","status":413,"detail":"The request body is over the limit of 2 MiB","instance":"urn:request:req-e2e","code":"CONTENT_TOO_LARGE"}"#
        )
    );
}

/// One test per name, running the `async fn name(format)` of this file in both formats.
macro_rules! in_both_formats {
    ($($name:ident,)*) => {
        /// The lifecycle tests, each in both formats.
        mod in_both {
            $(
                #[tokio::test]
                async fn $name() {
                    for format in super::FORMATS {
                        super::$name(format).await;
                    }
                }
            )*
        }
    };
}

in_both_formats! {
    the_bearer_scheme_is_case_insensitive_and_another_scheme_gets_the_challenge,
    an_order_goes_from_creation_to_download,
    a_repeated_creation_with_the_same_key_returns_the_first_order,
    a_malformed_order_id_is_an_invalid_parameter,
    a_body_that_is_not_json_fails_validation_as_a_whole,
    a_creation_without_a_key_is_refused,
    a_path_that_is_not_text_is_an_invalid_parameter,
    an_order_not_confirmed_in_time_expires,
    an_order_not_completed_in_time_times_out_and_fails,
    a_replay_answers_as_the_first_creation_did,
    the_order_is_looked_up_before_the_body_is_read,
    webhooks_are_created_read_and_deleted,
    a_body_over_the_limit_is_content_too_large,
    a_body_of_many_unknown_fields_gets_a_short_answer,
    a_value_the_client_sent_is_shown_once,
    a_webhook_to_this_machine_or_a_private_network_is_refused,
    a_webhook_url_over_2048_bytes_is_refused,
    an_account_has_at_most_20_webhooks,
}

/// Both formats, each test run in each.
const FORMATS: [Format; 2] = [Format::Json, Format::Problem];

/// The body a test expects in `format`: `json` for the default, `problem` for problem details.
fn in_format<'a>(format: Format, json: &'a str, problem: &'a str) -> &'a str {
    if format == Format::Problem {
        problem
    } else {
        json
    }
}

/// Starts a fresh service answering errors in `format`.
async fn serve_in(format: Format) -> String {
    serve_with(ServiceConfig {
        format,
        ..ServiceConfig::default()
    })
    .await
}

#[tokio::test]
async fn an_unknown_route_is_not_found_in_either_format() {
    let request = get("/no/such/route", "tok_alice");
    let base = serve_in(Format::Json).await;
    let response = send(&client(), &base, request).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.content_type, "application/json");
    assert_eq!(
        response.body,
        r#"{"code":"NOT_FOUND","message":"Not Found","request_id":"req-e2e"}"#
    );
    let base = serve_in(Format::Problem).await;
    let response = send(&client(), &base, request).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.content_type, "application/problem+json");
    assert_eq!(
        response.body,
        r#"{"type":"https://api.example.com/errors/NOT_FOUND","title":"No resource at this path","status":404,"detail":"Not Found","instance":"urn:request:req-e2e","code":"NOT_FOUND"}"#
    );
}

#[tokio::test]
async fn a_method_the_route_does_not_take_lists_those_it_takes() {
    let request = Req {
        method: "PUT",
        ..get("/orders", "tok_alice")
    };
    for (format, body) in [
        (
            Format::Json,
            r#"{"code":"METHOD_NOT_ALLOWED","message":"Method Not Allowed","request_id":"req-e2e"}"#,
        ),
        (
            Format::Problem,
            r#"{"type":"https://api.example.com/errors/METHOD_NOT_ALLOWED","title":"The route does not take this method","status":405,"detail":"Method Not Allowed","instance":"urn:request:req-e2e","code":"METHOD_NOT_ALLOWED"}"#,
        ),
    ] {
        let base = serve_in(format).await;
        let response = send(&client(), &base, request).await;
        assert_eq!(response.status, 405);
        assert_eq!(response.headers["allow"], "GET,HEAD,POST");
        assert_eq!(response.content_type, format.content_type());
        assert_eq!(response.body, body);
    }
}

#[tokio::test]
async fn a_request_without_an_id_gets_one_in_the_header_and_the_body() {
    let base = serve_in(Format::Problem).await;
    let response = client()
        .get(format!("{base}/orders/ord_1"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(id.len(), 32, "{id}");
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(body["instance"], format!("urn:request:{id}"));
    assert_eq!(body["status"], 401);
    assert_eq!(body["code"], "AUTH_NOT_AUTHENTICATED");
}

#[tokio::test]
async fn a_server_error_never_shows_its_cause_in_either_format() {
    for format in [Format::Json, Format::Problem] {
        let base = serve_in(format).await;
        let response = send(&client(), &base, get("/orders/ord_3/receipt", "tok_alice")).await;
        assert_eq!(response.status, 500);
        for leak in ["receipt", "ord_3", "EOF", "store"] {
            assert!(!response.body.contains(leak), "{}", response.body);
        }
    }
}

/// The errors in the languages the service speaks, negotiated from `Accept-Language`.
mod languages {
    use super::*;

    /// `req`, sent to a fresh service in `format` with `Accept-Language: accept_language`.
    async fn answer_in(format: Format, req: Req, accept_language: &str) -> Response {
        answer_after(format, &[], req, accept_language).await
    }

    /// `req` as [`answer_in`] sends it, after the requests of `setup`.
    async fn answer_after(
        format: Format,
        setup: &[Req],
        req: Req,
        accept_language: &str,
    ) -> Response {
        let base = serve_in(format).await;
        let client = client();
        for step in setup {
            send(&client, &base, *step).await;
        }
        send_with(
            &client,
            &base,
            req,
            req.body.to_owned(),
            &[("accept-language", accept_language)],
        )
        .await
    }

    fn assert_language(response: &Response, language: &str) {
        assert_eq!(response.headers["content-language"], language);
        let vary: Vec<_> = response.headers.get_all("vary").iter().collect();
        assert!(
            vary.iter()
                .any(|value| value.as_bytes().eq_ignore_ascii_case(b"accept-language")),
            "{vary:?}"
        );
    }

    const ORDER_1: Req = get("/orders/ord_1", "tok_bob");

    #[tokio::test]
    async fn an_order_of_another_account_is_refused_in_german() {
        let response = answer_in(Format::Json, ORDER_1, "de").await;
        assert_eq!(response.status, 403);
        assert_language(&response, "de");
        assert_eq!(
            response.body,
            r#"{"code":"ORDER_NOT_OWNER","message":"Die Bestellung gehört jemand anderem","request_id":"req-e2e"}"#
        );
        let response = answer_in(Format::Problem, ORDER_1, "de").await;
        assert_language(&response, "de");
        assert_eq!(
            response.body,
            r#"{"type":"https://api.example.com/errors/ORDER_NOT_OWNER","title":"Nicht der Eigentümer der Bestellung","status":403,"detail":"Die Bestellung gehört jemand anderem","instance":"urn:request:req-e2e","code":"ORDER_NOT_OWNER"}"#
        );
    }

    /// `req` asked for in each language of `answers`, `(Accept-Language, the language
    /// answered, the message)`: each answer is `status` and exactly `body` with its message for
    /// `{message}`, in the language it says.
    async fn assert_answers(req: Req, status: u16, body: &str, answers: &[(&str, &str, &str)]) {
        for (accept, language, message) in answers {
            let response = answer_in(Format::Json, req, accept).await;
            assert_eq!(response.status, status);
            assert_language(&response, language);
            assert_eq!(
                response.body,
                body.replace("{message}", message),
                "{accept}"
            );
        }
    }

    #[tokio::test]
    async fn a_missing_order_is_not_found_in_german_french_and_arabic() {
        assert_answers(
            get("/orders/ord_404", "tok_alice"),
            404,
            r#"{"code":"ORDER_NOT_FOUND","message":"{message}","details":{"order_id":"ord_404"},"request_id":"req-e2e"}"#,
            &[
                ("de", "de", "Bestellung nicht gefunden"),
                ("fr-CA;q=0.9, de;q=0.5", "fr", "Commande introuvable"),
                ("AR-eg", "ar", "الطلب غير موجود"),
            ],
        )
        .await;
    }

    #[tokio::test]
    async fn a_star_junk_or_a_10_kib_header_answers_the_default_language() {
        let long = format!("de;q=0.1, {}", "x-yz;q=0.5, ".repeat(10 * 1024 / 12));
        assert!(long.len() >= 10 * 1024);
        for accept in [
            "da, *;q=0.1",
            "de;q=0, fr;q=0",
            "junk;;q=x, 12, de;q=2, fr;q=0.5;x=1",
            long.as_str(),
        ] {
            let response = answer_in(Format::Json, ORDER_1, accept).await;
            assert_eq!(response.status, 403);
            assert_language(&response, "en");
            assert_eq!(
                response.body,
                r#"{"code":"ORDER_NOT_OWNER","message":"Not the order owner","request_id":"req-e2e"}"#,
                "{accept:.40}"
            );
        }
    }

    #[tokio::test]
    async fn a_request_without_accept_language_is_answered_in_english_saying_so() {
        let base = serve_in(Format::Json).await;
        let response = send(&client(), &base, ORDER_1).await;
        assert_language(&response, "en");
    }

    #[tokio::test]
    async fn arabic_isolates_the_values_it_shows_and_other_languages_do_not() {
        assert_answers(
            case("ORDER_EXPIRED").request,
            400,
            r#"{"code":"ORDER_EXPIRED","message":"{message}","details":{"order_id":"ord_5"},"request_id":"req-e2e"}"#,
            &[
                ("ar", "ar", "انتهت صلاحية الطلب \u{2068}ord_5\u{2069}"),
                ("de", "de", "Die Bestellung ord_5 ist abgelaufen"),
                ("fr", "fr", "La commande ord_5 a expiré"),
            ],
        )
        .await;
    }

    #[tokio::test]
    async fn a_request_without_a_token_is_refused_in_german_as_curl_shows() {
        let response = answer_in(Format::Json, case("AUTH_NOT_AUTHENTICATED").request, "de").await;
        assert_eq!(response.status, 401);
        assert_language(&response, "de");
        assert_eq!(
            response.body,
            r#"{"code":"AUTH_NOT_AUTHENTICATED","message":"Anmeldung erforderlich","request_id":"req-e2e"}"#
        );
    }

    #[tokio::test]
    async fn numbers_choose_the_plural_and_stay_numbers_in_the_details() {
        let case = case("USAGE_NOT_ENOUGH");
        let response = answer_after(Format::Json, case.setup, case.request, "fr").await;
        assert_language(&response, "fr");
        assert_eq!(
            response.body,
            r#"{"code":"USAGE_NOT_ENOUGH","message":"Quota insuffisant : 5 unités nécessaires, il en reste 2","details":{"required":5,"remaining":2},"request_id":"req-e2e"}"#
        );
    }

    #[tokio::test]
    async fn a_server_error_stays_masked_in_every_language() {
        assert_answers(
            case("SERVER_INTERNAL_ERROR").request,
            500,
            r#"{"code":"SERVER_INTERNAL_ERROR","message":"{message}","request_id":"req-e2e"}"#,
            &[
                ("de", "de", "Interner Serverfehler"),
                ("fr", "fr", "Erreur interne du serveur"),
                ("ar", "ar", "خطأ داخلي في الخادم"),
            ],
        )
        .await;
    }

    /// Each error of the catalog in `language`, in `format`: translated (never the English
    /// body, never a `{$variable}`), with its status, `Content-Language` and `Vary`, the exact
    /// bytes the service's configuration renders the decoded error in, in that language
    /// (checked by `send`), and the exact bodies of `tests/languages/`, one line a code, read
    /// by a speaker of the language when they change (`API_ERROR_SNAPSHOTS=overwrite` writes
    /// them anew).
    async fn every_code_in(format: Format, language: &str) {
        let mut bodies = String::new();
        for case in CASES {
            let response = answer_after(format, case.setup, case.request, language).await;
            assert_eq!(response.status, case.status, "{}", case.code);
            assert_language(&response, language);
            let english = match format {
                Format::Problem => case.problem,
                _ => case.body,
            };
            assert_ne!(response.body, english, "{} in {language}", case.code);
            assert!(!response.body.contains("{$"), "{}", response.body);
            assert!(!response.body.contains("{ $"), "{}", response.body);
            let read: api_error_core::ErrorBody = serde_json::from_str(&response.body).unwrap();
            assert_eq!(read.code, case.code);
            bodies.push_str(&response.body);
            bodies.push('\n');
        }
        // The layer's own answers: no route, a method the route does not take, a body over
        // the limit.
        let own = [
            (get("/nowhere", "tok_alice"), String::new(), 404),
            (
                Req {
                    method: "PUT",
                    ..get("/orders", "tok_alice")
                },
                String::new(),
                405,
            ),
            (
                upload("/orders/ord_6/file"),
                "a".repeat(2 * 1024 * 1024 + 1),
                413,
            ),
        ];
        for (req, body, status) in own {
            let base = serve_in(format).await;
            let extra = [("accept-language", language)];
            let response = send_with(&client(), &base, req, body, &extra).await;
            assert_eq!(response.status, status, "{}", req.path);
            assert_language(&response, language);
            bodies.push_str(&response.body);
            bodies.push('\n');
        }
        // `json`, `problem`, `jsonapi`: one file a format.
        let name = format!("{format:?}").to_lowercase();
        let path = format!(
            "{}/tests/languages/{language}.{name}.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        if std::env::var("API_ERROR_SNAPSHOTS").is_ok_and(|v| v == "overwrite") {
            std::fs::write(&path, &bodies).unwrap();
        }
        let pinned = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(bodies, pinned, "{path}");
    }

    #[tokio::test]
    async fn every_code_in_german() {
        for format in FORMATS {
            every_code_in(format, "de").await;
        }
    }

    #[tokio::test]
    async fn every_code_in_french() {
        for format in FORMATS {
            every_code_in(format, "fr").await;
        }
    }

    #[tokio::test]
    async fn every_code_in_arabic() {
        for format in FORMATS {
            every_code_in(format, "ar").await;
        }
    }
}

/// Each error as a JSON:API error document: no body is written out here for this format, but
/// every response is held to the service's `OpenAPI` document and decoded back into the error
/// the service raised (see [`send_body`]), and its status, media type and code are the case's.
#[tokio::test]
async fn every_error_as_a_json_api_document_is_what_the_service_documents() {
    for case in CASES {
        let response = reach(case, Format::JsonApi).await;
        assert_eq!(
            response.status, case.status,
            "{}: {}",
            case.code, response.body
        );
        assert_eq!(
            response.content_type, "application/vnd.api+json",
            "{}",
            case.code
        );
        let body: serde_json::Value = serde_json::from_str(&response.body).unwrap();
        assert_eq!(body["errors"][0]["code"], case.code, "{}", response.body);
        assert_eq!(body["errors"][0]["status"], case.status.to_string());
    }
}

/// Creates a conversion order of alice's with the idempotency key `key`; its answer.
async fn create_conversion(base: &str, key: &str) -> Response {
    send_with(
        &client(),
        base,
        Req {
            headers: JSON,
            ..post("/orders", "tok_alice")
        },
        r#"{"type":"conversion","quantity":1}"#.to_owned(),
        &[("idempotency-key", key)],
    )
    .await
}

/// Uploads `bytes` bytes as the file of alice's order at `path`; the status.
async fn upload_of(base: &str, path: &'static str, bytes: usize) -> Response {
    send_body(&client(), base, upload(path), "a".repeat(bytes)).await
}

/// What a file over alice's share answers.
const FILES_FULL: &str = r#"{"code":"USAGE_LIMIT_EXCEEDED","message":"Usage limit exceeded: all 4194304 file bytes of the `pro` plan are used","details":{"plan":"pro","quota":4194304,"resource":"file bytes"},"request_id":"req-e2e"}"#;

/// Two files a little under the body limit: together just under an account's share.
const NEARLY_2_MIB: usize = 2 * 1024 * 1024 - 1024;

/// Uploads alice's two files of [`NEARLY_2_MIB`], to `ord_6` and to a new order, `ord_9`.
async fn fill_alices_files(base: &str) {
    let ord_6 = upload_of(base, "/orders/ord_6/file", NEARLY_2_MIB).await;
    assert_eq!(ord_6.status, 200, "{}", ord_6.body);
    assert_eq!(create_conversion(base, "files-key-0001").await.status, 201);
    let ord_9 = upload_of(base, "/orders/ord_9/file", NEARLY_2_MIB).await;
    assert_eq!(ord_9.status, 200, "{}", ord_9.body);
}

#[tokio::test]
async fn uploaded_files_are_bounded_per_account_and_freed_when_their_order_is_done() {
    let base = serve_with(ServiceConfig::default()).await;
    fill_alices_files(&base).await;
    assert_eq!(create_conversion(&base, "files-key-0002").await.status, 201);
    let full = upload_of(&base, "/orders/ord_10/file", 4096).await;
    assert_eq!((full.status, full.body.as_str()), (400, FILES_FULL));
    // An order's own file is replaced, not added to.
    assert_eq!(
        upload_of(&base, "/orders/ord_6/file", NEARLY_2_MIB)
            .await
            .status,
        200
    );
    // Done with, an order frees its file, and still says it had one.
    let done = send_body(
        &client(),
        &base,
        Req {
            headers: JSON,
            ..post("/orders/ord_9/complete", "tok_alice")
        },
        r#"{"outcome":"completed"}"#.to_owned(),
    )
    .await;
    assert_eq!(
        (done.status, done.body.as_str()),
        (
            200,
            r#"{"id":"ord_9","type":"conversion","status":"completed","quantity":1,"file_uploaded":true}"#
        )
    );
    assert_eq!(
        upload_of(&base, "/orders/ord_10/file", 4096).await.status,
        200
    );
}

#[tokio::test]
async fn the_files_of_orders_that_expired_are_freed() {
    let base = serve_with(ServiceConfig {
        order_ttl: std::time::Duration::from_millis(300),
        ..ServiceConfig::default()
    })
    .await;
    fill_alices_files(&base).await;
    // Both wait past their time to be confirmed; a new order's file then fits.
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(create_conversion(&base, "files-key-0002").await.status, 201);
    let fits = upload_of(&base, "/orders/ord_10/file", 4096).await;
    assert_eq!(fits.status, 200, "{}", fits.body);
}

#[tokio::test]
async fn a_query_is_percent_decoded_and_a_key_given_twice_is_refused() {
    let base = serve_with(ServiceConfig::default()).await;
    let (status, body) = answer(&base, get("/orders?limit=%31", "tok_alice")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body.matches(r#""id":"#).count(), 1, "{body}");
    let (status, body) = answer(&base, get("/orders?limit=5&limit=6", "tok_alice")).await;
    assert_eq!(
        (status, body.as_str()),
        (
            400,
            r#"{"code":"INVALID_PARAMETER","message":"Invalid parameter `limit`","details":{"name":"limit","reason":"given more than once"},"violations":[{"in":"query","field":"limit","reason":"invalid","message":"given more than once"}],"request_id":"req-e2e"}"#
        )
    );
}
