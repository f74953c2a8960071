//! The actix-web service (`app::actix`) over real loopback sockets, with a real HTTP client:
//! every request here is sent both to it and to the axum service, each fresh, and the answers
//! must be the same, status, headers and exact body, in the default format and as problem
//! details; then actix-web's own errors, which the middleware renders with the axum layer's
//! codes, with their exact bodies.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};

use api_error_core::Format;
use api_error_examples::app::actix;
use api_error_examples::{AppState, ServiceConfig, serve};
use api_error_tests::client;

/// The `x-request-id` of every request, which error bodies show.
const REQUEST_ID: &str = "req-actix";

/// One request, and the requests made before it (each of which must succeed).
struct Req {
    setup: &'static [Send],
    send: Send,
}

#[derive(Clone, Copy)]
struct Send {
    method: &'static str,
    path: &'static str,
    token: Option<&'static str>,
    headers: &'static [(&'static str, &'static str)],
    body: &'static str,
}

const fn get(path: &'static str, token: &'static str) -> Send {
    Send {
        method: "GET",
        path,
        token: Some(token),
        headers: &[],
        body: "",
    }
}

const fn post(path: &'static str, token: &'static str) -> Send {
    Send {
        method: "POST",
        ..get(path, token)
    }
}

const fn order(key: &'static str, token: &'static str, body: &'static str) -> Send {
    Send {
        headers: match key.len() {
            // Two keys in use: one per creation of a case.
            14 if key.as_bytes()[13] == b'1' => &[
                ("content-type", "application/json"),
                ("idempotency-key", "order-key-0001"),
            ],
            14 => &[
                ("content-type", "application/json"),
                ("idempotency-key", "order-key-0002"),
            ],
            _ => &[
                ("content-type", "application/json"),
                ("idempotency-key", "short"),
            ],
        },
        body,
        ..post("/orders", token)
    }
}

const fn alone(send: Send) -> Req {
    Req { setup: &[], send }
}

/// A request of each group of the reference's errors (and of each code the routes here can
/// answer), and the layer's own: each answered alike by both services.
const SHARED: &[Req] = &[
    // Authentication.
    alone(Send {
        token: None,
        ..get("/orders/ord_1", "")
    }),
    alone(get("/orders/ord_1", "tok_expired")),
    alone(get("/orders/ord_1", "tok_nobody")),
    alone(get("/orders/ord_1", "not a token")),
    alone(post("/orders/ord_1/confirm", "tok_alice_readonly")),
    // Credentials are checked before actix-web reads the query or the body, as on axum.
    alone(Send {
        token: None,
        ..get("/orders?limit=abc", "")
    }),
    alone(Send {
        headers: &[("content-type", "application/json")],
        body: "{",
        ..post("/webhooks", "tok_alice_readonly")
    }),
    // Validation.
    alone(order(
        "order-key-0001",
        "tok_alice",
        r#"{"type":"poster","quantity":0,"colour":"red"}"#,
    )),
    alone(order(
        "short",
        "tok_alice",
        r#"{"type":"report","quantity":1}"#,
    )),
    alone(get("/orders?limit=500", "tok_alice")),
    alone(get("/orders/zzz", "tok_alice")),
    // Orders.
    alone(get("/orders/ord_404", "tok_alice")),
    alone(get("/orders/ord_1", "tok_bob")),
    alone(post("/orders/ord_5/confirm", "tok_alice")),
    alone(post("/orders/ord_6/confirm", "tok_alice")),
    alone(post("/orders/ord_2/confirm", "tok_alice")),
    alone(post("/orders/ord_3/confirm", "tok_alice")),
    alone(post("/orders/ord_4/confirm", "tok_alice")),
    // Usage and plans.
    Req {
        setup: &[order(
            "order-key-0001",
            "tok_carol",
            r#"{"type":"report","quantity":10}"#,
        )],
        send: order(
            "order-key-0002",
            "tok_carol",
            r#"{"type":"report","quantity":1}"#,
        ),
    },
    Req {
        setup: &[order(
            "order-key-0001",
            "tok_carol",
            r#"{"type":"report","quantity":8}"#,
        )],
        send: order(
            "order-key-0002",
            "tok_carol",
            r#"{"type":"report","quantity":5}"#,
        ),
    },
    alone(get("/plans/gold", "tok_alice")),
    // Webhooks.
    alone(get("/webhooks/wh_1", "tok_bob")),
    // Rate limits.
    Req {
        setup: &[
            get("/plans/free", "tok_carol"),
            get("/plans/free", "tok_carol"),
            get("/plans/free", "tok_carol"),
            get("/plans/free", "tok_carol"),
            get("/plans/free", "tok_carol"),
        ],
        send: get("/plans/free", "tok_carol"),
    },
    // Server errors: the cause is logged, never sent.
    alone(get("/orders/ord_3/receipt", "tok_alice")),
    // The layer's own: an unknown route, a body over the limit.
    alone(get("/nowhere", "tok_alice")),
    alone(Send {
        body: TOO_LARGE,
        ..order("order-key-0001", "tok_alice", "")
    }),
    // Each language, negotiated alike.
    alone(Send {
        headers: &[("accept-language", "de")],
        ..get("/orders/ord_404", "tok_alice")
    }),
    alone(Send {
        headers: &[("accept-language", "fr-CA;q=0.9, de;q=0.5")],
        ..get("/orders/ord_1", "tok_bob")
    }),
    alone(Send {
        headers: &[("accept-language", "da"), ("accept-language", "fr;q=0.5")],
        ..get("/orders/ord_404", "tok_alice")
    }),
    alone(Send {
        headers: &[("accept-language", "ar")],
        token: None,
        ..get("/orders/ord_1", "")
    }),
];

/// A body that stands for one a byte over the services' limit of 2 MiB, made when sent.
const TOO_LARGE: &str = "{2 MiB and a byte}";

/// What a client sees of an answer.
#[derive(Debug, PartialEq)]
struct Answer {
    status: u16,
    /// The headers that say something of the error, in the order named, each with every
    /// value.
    headers: Vec<(&'static str, Vec<String>)>,
    body: String,
}

/// The headers compared.
const HEADERS: [&str; 7] = [
    "allow",
    "content-type",
    "content-language",
    "vary",
    "www-authenticate",
    "x-request-id",
    "retry-after",
];

async fn send(client: &reqwest::Client, base: &str, send: Send) -> Answer {
    let method = reqwest::Method::from_bytes(send.method.as_bytes()).unwrap();
    let mut builder = client
        .request(method, format!("{base}{}", send.path))
        .header("x-request-id", REQUEST_ID);
    if let Some(token) = send.token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    for (name, value) in send.headers {
        builder = builder.header(*name, *value);
    }
    let body = match send.body {
        TOO_LARGE => "x".repeat(2 * 1024 * 1024 + 1),
        body => body.to_owned(),
    };
    let response = builder.body(body).send().await.unwrap();
    let status = response.status().as_u16();
    let headers = HEADERS
        .iter()
        .map(|&name| {
            let values = response
                .headers()
                .get_all(name)
                .iter()
                .map(|value| value.to_str().unwrap().to_owned())
                .collect();
            (name, values)
        })
        .collect();
    Answer {
        status,
        headers,
        body: response.text().await.unwrap(),
    }
}

/// The axum service with `format`, fresh, on an ephemeral loopback port.
async fn axum_service(format: Format) -> String {
    let (listener, address) = api_error_tests::listen().await;
    let config = ServiceConfig {
        format,
        ..ServiceConfig::default()
    };
    tokio::spawn(serve(listener, AppState::new(config)));
    format!("http://{address}")
}

/// The actix-web service with `format`, fresh, on an ephemeral loopback port, on an actix-web
/// runtime of its own thread, as the `actix` binary serves it; its address, and the handle
/// that stops it.
fn actix_service(format: Format) -> (String, actix_web::dev::ServerHandle) {
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).unwrap();
    let address = listener.local_addr().unwrap();
    let config = ServiceConfig {
        format,
        ..ServiceConfig::default()
    };
    let server = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let running = actix::serve(listener, AppState::new(config), 1).unwrap();
            server.0.send(running.handle()).unwrap();
            running.await
        })
    });
    (format!("http://{address}"), server.1.recv().unwrap())
}

/// `answer` with the seconds of a `Retry-After` checked and made `{seconds}`: the two services
/// count their windows from their own start.
fn settled(mut answer: Answer) -> Answer {
    let retry = answer
        .headers
        .iter_mut()
        .find(|(name, _)| *name == "retry-after");
    if let Some((_, values)) = retry
        && let [seconds] = values.as_mut_slice()
    {
        let value: u64 = seconds.parse().unwrap();
        assert!((1..=60).contains(&value), "retry-after: {value}");
        answer.body = answer.body.replace(&format!("{value}"), "{seconds}");
        "{seconds}".clone_into(seconds);
    }
    answer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_shared_request_is_answered_alike_by_axum_and_actix_web_in_both_formats() {
    let client = client();
    for format in [Format::Json, Format::Problem] {
        for req in SHARED {
            let (axum, (actix, handle)) = (axum_service(format).await, actix_service(format));
            let mut answers = Vec::new();
            for base in [&axum, &actix] {
                for setup in req.setup {
                    let answer = send(&client, base, *setup).await;
                    assert!(
                        answer.status < 300,
                        "{} {}: {answer:?}",
                        setup.method,
                        setup.path
                    );
                }
                answers.push(settled(send(&client, base, req.send).await));
            }
            handle.stop(false).await;
            let (axum, actix) = (&answers[0], &answers[1]);
            let what = format!("{} {} ({format:?})", req.send.method, req.send.path);
            assert!(axum.status >= 400, "{what}: {axum:?}");
            if req.send.body == TOO_LARGE {
                assert_eq!(axum.status, 413, "{what}: {axum:?}");
            }
            assert_eq!(axum, actix, "{what}");
        }
    }
}

/// actix-web's own errors, each with its exact answer in the default format and as problem
/// details.
struct Own {
    send: Send,
    status: u16,
    /// `Allow`, for a 405.
    allow: Option<&'static str>,
    json: &'static str,
    problem: &'static str,
}

const OWN: &[Own] = &[
    // A query value `Query` cannot read.
    Own {
        send: get("/orders?limit=abc", "tok_alice"),
        status: 400,
        allow: None,
        json: r#"{"code":"INVALID_PARAMETER","message":"Query deserialize error: invalid digit found in string","request_id":"req-actix"}"#,
        problem: r#"{"type":"https://api.example.com/errors/INVALID_PARAMETER","title":"A path or query parameter is not valid","status":400,"detail":"Query deserialize error: invalid digit found in string","instance":"urn:request:req-actix","code":"INVALID_PARAMETER"}"#,
    },
    // A body that is not JSON.
    Own {
        send: Send {
            headers: &[("content-type", "application/json")],
            body: r#"{"url":"#,
            ..post("/webhooks", "tok_alice")
        },
        status: 400,
        allow: None,
        json: r#"{"code":"VALIDATION_FAILED","message":"Input validation failed","request_id":"req-actix"}"#,
        problem: r#"{"type":"https://api.example.com/errors/VALIDATION_FAILED","title":"Input validation failed","status":400,"detail":"Input validation failed","instance":"urn:request:req-actix","code":"VALIDATION_FAILED"}"#,
    },
    // JSON of another type.
    Own {
        send: Send {
            headers: &[("content-type", "application/json")],
            body: r#"{"address":"https://hooks.example.com"}"#,
            ..post("/webhooks", "tok_alice")
        },
        status: 400,
        allow: None,
        json: r#"{"code":"VALIDATION_FAILED","message":"Input validation failed","request_id":"req-actix"}"#,
        problem: r#"{"type":"https://api.example.com/errors/VALIDATION_FAILED","title":"Input validation failed","status":400,"detail":"Input validation failed","instance":"urn:request:req-actix","code":"VALIDATION_FAILED"}"#,
    },
    // A body of another media type.
    Own {
        send: Send {
            headers: &[("content-type", "text/plain")],
            body: r#"{"url":"https://hooks.example.com"}"#,
            ..post("/webhooks", "tok_alice")
        },
        status: 415,
        allow: None,
        json: r#"{"code":"UNSUPPORTED_MEDIA_TYPE","message":"Unsupported Media Type","request_id":"req-actix"}"#,
        problem: r#"{"type":"https://api.example.com/errors/UNSUPPORTED_MEDIA_TYPE","title":"The request body has the wrong media type","status":415,"detail":"Unsupported Media Type","instance":"urn:request:req-actix","code":"UNSUPPORTED_MEDIA_TYPE"}"#,
    },
    // A method the resource does not take.
    Own {
        send: Send {
            method: "DELETE",
            ..get("/orders", "tok_alice")
        },
        status: 405,
        allow: Some("GET, POST"),
        json: r#"{"code":"METHOD_NOT_ALLOWED","message":"Method Not Allowed","request_id":"req-actix"}"#,
        problem: r#"{"type":"https://api.example.com/errors/METHOD_NOT_ALLOWED","title":"The route does not take this method","status":405,"detail":"Method Not Allowed","instance":"urn:request:req-actix","code":"METHOD_NOT_ALLOWED"}"#,
    },
    // An unknown route, with no credentials at all.
    Own {
        send: Send {
            token: None,
            ..get("/orders/ord_1/nowhere", "")
        },
        status: 404,
        allow: None,
        json: r#"{"code":"NOT_FOUND","message":"Not Found","request_id":"req-actix"}"#,
        problem: r#"{"type":"https://api.example.com/errors/NOT_FOUND","title":"No resource at this path","status":404,"detail":"Not Found","instance":"urn:request:req-actix","code":"NOT_FOUND"}"#,
    },
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_accept_language_fields_are_one_list() {
    let (base, handle) = actix_service(Format::Json);
    let answer = send(
        &client(),
        &base,
        Send {
            headers: &[("accept-language", "da"), ("accept-language", "fr;q=0.5")],
            ..get("/orders/ord_404", "tok_alice")
        },
    )
    .await;
    let header = |name: &str| {
        let found = answer.headers.iter().find(|(known, _)| *known == name);
        found.map(|(_, values)| values.clone()).unwrap_or_default()
    };
    assert_eq!(header("content-language"), ["fr"]);
    assert_eq!(header("vary"), ["accept-language"]);
    assert_eq!(
        answer.body,
        r#"{"code":"ORDER_NOT_FOUND","message":"Commande introuvable","details":{"order_id":"ord_404"},"request_id":"req-actix"}"#
    );
    handle.stop(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actix_web_s_own_errors_are_the_axum_layer_s_codes_with_exact_bodies() {
    let client = client();
    for format in [Format::Json, Format::Problem] {
        let (base, handle) = actix_service(format);
        for own in OWN {
            let answer = send(&client, &base, own.send).await;
            let what = format!("{} {} ({format:?})", own.send.method, own.send.path);
            assert_eq!(answer.status, own.status, "{what}");
            let expected = match format {
                Format::Problem => own.problem,
                _ => own.json,
            };
            assert_eq!(answer.body, expected, "{what}");
            let header = |name: &str| {
                answer
                    .headers
                    .iter()
                    .find(|(known, _)| *known == name)
                    .map(|(_, values)| values.clone())
                    .unwrap_or_default()
            };
            assert_eq!(header("content-type"), [format.content_type()], "{what}");
            assert_eq!(header("x-request-id"), [REQUEST_ID], "{what}");
            assert_eq!(header("content-language"), ["en"], "{what}");
            assert_eq!(header("vary"), ["accept-language"], "{what}");
            // Every value: one `Allow`, the resource's methods.
            let allow: Vec<String> = own.allow.iter().map(|&allow| allow.to_owned()).collect();
            assert_eq!(header("allow"), allow, "{what}");
        }
        handle.stop(false).await;
    }
}
