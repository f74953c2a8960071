//! What the end-to-end tests of api-error share: a service on a fresh loopback port, a client
//! that goes straight to it, a request to send over the socket or through `oneshot`, and what a
//! client sees of the answer. The tests themselves are under `tests/`.

// A harness for tests: any failure to serve, send or read panics, failing the test, as an
// assertion would.
#![allow(clippy::missing_panics_doc)]

use std::future::Future;
use std::net::SocketAddr;

use axum::Router;
use http::{HeaderMap, StatusCode};
use tower::ServiceExt as _;

/// Serves `router` on a fresh loopback port until the test's runtime ends.
pub async fn serve(router: Router) -> SocketAddr {
    let (listener, address) = listen().await;
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    address
}

/// A listener on a fresh loopback port, and its address, for a service `serve` cannot take.
pub async fn listen() -> (tokio::net::TcpListener, SocketAddr) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    (listener, address)
}

/// A client that goes straight to the loopback socket, whatever proxy the environment names.
#[must_use]
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

/// One request: method, path, headers and body.
#[derive(Debug, Clone, Copy)]
pub struct Case {
    /// The method, `GET` say.
    pub method: &'static str,
    /// The path and query.
    pub path: &'static str,
    /// Its headers, each once.
    pub headers: &'static [(&'static str, &'static str)],
    /// Its body, if it has one.
    pub body: Option<&'static str>,
}

impl Case {
    /// `GET path`, without headers.
    #[must_use]
    pub const fn get(path: &'static str) -> Self {
        Case {
            method: "GET",
            path,
            headers: &[],
            body: None,
        }
    }

    /// `POST path` with `headers` and `body`.
    #[must_use]
    pub const fn post(
        path: &'static str,
        headers: &'static [(&'static str, &'static str)],
        body: &'static str,
    ) -> Self {
        Case {
            method: "POST",
            path,
            headers,
            body: Some(body),
        }
    }

    /// The same request with `headers` instead of its own.
    #[must_use]
    pub const fn with_headers(self, headers: &'static [(&'static str, &'static str)]) -> Self {
        Case { headers, ..self }
    }

    /// Sends the request to `to`, a loopback address or a router, and reads the whole answer.
    pub async fn send(self, to: impl Destination) -> Seen {
        to.answer(self).await
    }

    /// Sends the request over loopback to `address` and reads the whole answer.
    pub async fn over_loopback(self, address: SocketAddr) -> Seen {
        let method = reqwest::Method::from_bytes(self.method.as_bytes()).unwrap();
        let mut request = client().request(method, format!("http://{address}{}", self.path));
        for &(name, value) in self.headers {
            request = request.header(name, value);
        }
        if let Some(body) = self.body {
            request = request.body(body);
        }
        let response = request.send().await.unwrap();
        Seen {
            status: response.status(),
            headers: response.headers().clone(),
            body: response.bytes().await.unwrap(),
        }
    }

    /// Hands the request to `router` without a socket (`tower::ServiceExt::oneshot`) and reads
    /// the whole answer: what the router answers, before hyper writes it.
    pub async fn oneshot(self, router: Router) -> Seen {
        self.through(router).await
    }

    async fn through(self, router: Router) -> Seen {
        let mut request = http::Request::builder().method(self.method).uri(self.path);
        for &(name, value) in self.headers {
            request = request.header(name, value);
        }
        let body = self
            .body
            .map_or_else(axum::body::Body::empty, axum::body::Body::from);
        let response = router.oneshot(request.body(body).unwrap()).await.unwrap();
        let (parts, body) = response.into_parts();
        Seen {
            status: parts.status,
            headers: parts.headers,
            body: axum::body::to_bytes(body, usize::MAX).await.unwrap(),
        }
    }
}

/// Where a [`Case`] is sent: a loopback address (through hyper and a real client), or a router
/// (without a socket).
pub trait Destination {
    /// The answer to `case`.
    fn answer(self, case: Case) -> impl Future<Output = Seen>;
}

impl Destination for SocketAddr {
    fn answer(self, case: Case) -> impl Future<Output = Seen> {
        case.over_loopback(self)
    }
}

impl Destination for &Router {
    fn answer(self, case: Case) -> impl Future<Output = Seen> {
        case.through(self.clone())
    }
}

/// What a client sees: status, headers and body bytes.
#[derive(Debug)]
pub struct Seen {
    /// The status.
    pub status: StatusCode,
    /// Every header, every value of each.
    pub headers: HeaderMap,
    /// The body.
    pub body: bytes::Bytes,
}

impl Seen {
    /// The value of `name`, if it has one.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|value| value.to_str().unwrap())
    }

    /// Every value of `name`, in order.
    #[must_use]
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .get_all(name)
            .iter()
            .map(|value| value.to_str().unwrap())
            .collect()
    }

    /// The body as text.
    #[must_use]
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap()
    }

    /// Asserts the status, that `Content-Type` is `content_type` alone, the exact body, and a
    /// `Content-Length` that is the body's.
    pub fn assert_exact(&self, status: StatusCode, content_type: &str, body: &str) {
        assert_eq!(self.status, status, "status; body {}", self.text());
        assert_eq!(self.all("content-type"), [content_type], "content-type");
        assert_eq!(self.text(), body, "body of a {status} response");
        assert_eq!(
            self.all("content-length"),
            [self.body.len().to_string().as_str()],
            "content-length"
        );
    }

    /// [`Seen::assert_exact`] for the default body, `application/json`.
    pub fn assert_json(&self, status: StatusCode, body: &str) {
        self.assert_exact(status, "application/json", body);
    }
}
