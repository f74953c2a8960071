//! What the end-to-end tests of the services on other frameworks (`actix.rs`, `poem.rs`) share
//! with each other: requests of every group of the reference's errors, each answered alike by
//! the axum service and the other, what a client sees of an answer, and the axum service to
//! compare with.

use api_error_core::Format;
use api_error_examples::{AppState, ServiceConfig, serve};

/// The `x-request-id` of every request, which error bodies show.
pub(crate) const REQUEST_ID: &str = "req-alike";

/// One request, and the requests made before it (each of which must succeed).
pub(crate) struct Req {
    pub(crate) setup: &'static [Send],
    pub(crate) send: Send,
}

#[derive(Clone, Copy)]
pub(crate) struct Send {
    pub(crate) method: &'static str,
    pub(crate) path: &'static str,
    pub(crate) token: Option<&'static str>,
    pub(crate) headers: &'static [(&'static str, &'static str)],
    pub(crate) body: &'static str,
}

pub(crate) const fn get(path: &'static str, token: &'static str) -> Send {
    Send {
        method: "GET",
        path,
        token: Some(token),
        headers: &[],
        body: "",
    }
}

pub(crate) const fn post(path: &'static str, token: &'static str) -> Send {
    Send {
        method: "POST",
        ..get(path, token)
    }
}

pub(crate) const fn order(key: &'static str, token: &'static str, body: &'static str) -> Send {
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

/// A webhook's creation by alice with `body`.
pub(crate) const fn webhook(body: &'static str) -> Send {
    Send {
        headers: &[("content-type", "application/json")],
        body,
        ..post("/webhooks", "tok_alice")
    }
}

pub(crate) const fn alone(send: Send) -> Req {
    Req { setup: &[], send }
}

/// A request of each group of the reference's errors (and of each code the routes here can
/// answer), and the layer's own: each answered alike by both services.
pub(crate) const SHARED: &[Req] = &[
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
    // The same request line read alike: `HEAD` of a `GET` route, and a query's
    // percent-encoding. (A key given twice is refused by all three, each in its own words: see
    // the frameworks' own errors.)
    alone(Send {
        method: "HEAD",
        ..get("/orders/ord_404", "tok_alice")
    }),
    alone(Send {
        method: "HEAD",
        token: None,
        ..get("/orders/ord_1", "")
    }),
    alone(get("/orders?limit=%3199", "tok_alice")),
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
    // Webhooks: one of another account, and URLs refused for what their host is (shared
    // address space, NAT64 of a link-local address, a name of this machine) or for what they
    // carry (credentials, port 0).
    alone(get("/webhooks/wh_1", "tok_bob")),
    alone(webhook(r#"{"url":"https://100.64.0.1/hook"}"#)),
    alone(webhook(r#"{"url":"https://[64:ff9b::a9fe:a9fe]/hook"}"#)),
    alone(webhook(r#"{"url":"https://localhost.localdomain/hook"}"#)),
    alone(webhook(
        r#"{"url":"https://user:secret@hooks.example.com/hook"}"#,
    )),
    alone(webhook(r#"{"url":"https://hooks.example.com:0/hook"}"#)),
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
pub(crate) const TOO_LARGE: &str = "{2 MiB and a byte}";

/// What a client sees of an answer.
#[derive(Debug, PartialEq)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    /// The headers that say something of the error, in the order named, each with every
    /// value.
    pub(crate) headers: Vec<(&'static str, Vec<String>)>,
    pub(crate) body: String,
}

/// The headers compared.
pub(crate) const HEADERS: [&str; 7] = [
    "allow",
    "content-type",
    "content-language",
    "vary",
    "www-authenticate",
    "x-request-id",
    "retry-after",
];

pub(crate) async fn send(client: &reqwest::Client, base: &str, send: Send) -> Answer {
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
pub(crate) async fn axum_service(format: Format) -> String {
    let (listener, address) = api_error_tests::listen().await;
    let config = ServiceConfig {
        format,
        ..ServiceConfig::default()
    };
    tokio::spawn(serve(listener, AppState::new(config)));
    format!("http://{address}")
}

/// `answer` with the seconds of a `Retry-After` checked and made `{seconds}`: the two services
/// count their windows from their own start.
pub(crate) fn settled(mut answer: Answer) -> Answer {
    let retry = answer
        .headers
        .iter_mut()
        .find(|(name, _)| *name == "retry-after");
    if let Some((_, values)) = retry
        && let [seconds] = values.as_mut_slice()
    {
        let value: u64 = seconds.parse().unwrap();
        assert!((1..=60).contains(&value), "retry-after: {value}");
        // Only where the body says the seconds: other digits (the status's 429, the plan's
        // limit) stay as they are.
        for (said, settled) in [
            (
                format!("retry in {value} seconds"),
                "retry in {seconds} seconds",
            ),
            (
                format!("\"retry_after\":{value}"),
                "\"retry_after\":{seconds}",
            ),
        ] {
            assert!(answer.body.contains(&said), "{}", answer.body);
            answer.body = answer.body.replace(&said, settled);
        }
        "{seconds}".clone_into(seconds);
    }
    answer
}

impl Answer {
    /// Every value of the header `name`, of those compared.
    pub(crate) fn header(&self, name: &str) -> Vec<String> {
        let found = self.headers.iter().find(|(known, _)| *known == name);
        found.map(|(_, values)| values.clone()).unwrap_or_default()
    }
}

/// A framework's own error, with its exact answer in the default format and as problem details.
pub(crate) struct Own {
    pub(crate) send: Send,
    pub(crate) status: u16,
    /// `Allow`, for a 405.
    pub(crate) allow: Option<&'static str>,
    pub(crate) json: &'static str,
    pub(crate) problem: &'static str,
}

impl Own {
    /// Asserts that `answer`, in `format`, is this one's, with the request's id, the language
    /// and what the answer varies by.
    pub(crate) fn assert_answered(&self, answer: &Answer, format: Format) {
        let what = format!("{} {} ({format:?})", self.send.method, self.send.path);
        assert_eq!(answer.status, self.status, "{what}");
        let expected = match format {
            Format::Problem => self.problem,
            _ => self.json,
        };
        assert_eq!(answer.body, expected, "{what}");
        assert_eq!(
            answer.header("content-type"),
            [format.content_type()],
            "{what}"
        );
        assert_eq!(answer.header("x-request-id"), [REQUEST_ID], "{what}");
        assert_eq!(answer.header("content-language"), ["en"], "{what}");
        assert_eq!(answer.header("vary"), ["accept-language"], "{what}");
        // Every value: one `Allow`, the resource's methods.
        let allow: Vec<String> = self.allow.iter().map(|&allow| allow.to_owned()).collect();
        assert_eq!(answer.header("allow"), allow, "{what}");
    }
}

impl Req {
    /// Sends this request's setup and then the request to the axum service at `axum` and to the
    /// other at `other` (each fresh), and asserts that both answer the request alike.
    pub(crate) async fn assert_alike(
        &self,
        client: &reqwest::Client,
        format: Format,
        axum: &str,
        other: &str,
    ) {
        let mut answers = Vec::new();
        for base in [axum, other] {
            for setup in self.setup {
                let answer = send(client, base, *setup).await;
                assert!(
                    answer.status < 300,
                    "{} {}: {answer:?}",
                    setup.method,
                    setup.path
                );
            }
            answers.push(settled(send(client, base, self.send).await));
        }
        let (axum, other) = (&answers[0], &answers[1]);
        let what = format!("{} {} ({format:?})", self.send.method, self.send.path);
        assert!(axum.status >= 400, "{what}: {axum:?}");
        if self.send.body == TOO_LARGE {
            assert_eq!(axum.status, 413, "{what}: {axum:?}");
        }
        assert_eq!(axum, other, "{what}");
    }
}

/// A body that is not JSON.
pub(crate) const NOT_JSON: Own = Own {
    send: Send {
        headers: &[("content-type", "application/json")],
        body: r#"{"url":"#,
        ..post("/webhooks", "tok_alice")
    },
    status: 400,
    allow: None,
    // Where reading stopped, a violation of the whole body.
    json: r#"{"code":"VALIDATION_FAILED","message":"Input validation failed","violations":[{"in":"body","field":"","reason":"syntax","message":"EOF while parsing a value at line 1 column 7"}],"request_id":"req-alike"}"#,
    problem: r##"{"type":"https://api.example.com/errors/VALIDATION_FAILED","title":"Input validation failed","status":400,"detail":"Input validation failed","instance":"urn:request:req-alike","code":"VALIDATION_FAILED","errors":[{"detail":"EOF while parsing a value at line 1 column 7","pointer":"#","reason":"syntax"}]}"##,
};

/// A body of another media type.
pub(crate) const OTHER_MEDIA_TYPE: Own = Own {
    send: Send {
        headers: &[("content-type", "text/plain")],
        body: r#"{"url":"https://hooks.example.com"}"#,
        ..post("/webhooks", "tok_alice")
    },
    status: 415,
    allow: None,
    json: r#"{"code":"UNSUPPORTED_MEDIA_TYPE","message":"Unsupported Media Type","request_id":"req-alike"}"#,
    problem: r#"{"type":"https://api.example.com/errors/UNSUPPORTED_MEDIA_TYPE","title":"The request body has the wrong media type","status":415,"detail":"Unsupported Media Type","instance":"urn:request:req-alike","code":"UNSUPPORTED_MEDIA_TYPE"}"#,
};

/// An unknown route, with no credentials at all.
pub(crate) const UNKNOWN_ROUTE: Own = Own {
    send: Send {
        token: None,
        ..get("/orders/ord_1/nowhere", "")
    },
    status: 404,
    allow: None,
    json: r#"{"code":"NOT_FOUND","message":"Not Found","request_id":"req-alike"}"#,
    problem: r#"{"type":"https://api.example.com/errors/NOT_FOUND","title":"No resource at this path","status":404,"detail":"Not Found","instance":"urn:request:req-alike","code":"NOT_FOUND"}"#,
};
