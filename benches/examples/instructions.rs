//! Builds one kind of response many times, for an instruction count that does not depend on
//! the machine's load:
//!
//! ```sh
//! cargo build --release -p api-error-benches --example instructions
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/instructions fields-derived 10000
//! ```
//!
//! Cases: `unit-static`, `unit-derived`, `fields-buffer`, `fields-derived`, `problem-buffer`, `problem-derived` (one
//! response), and a request through an axum router without and with `ApiErrorLayer`:
//! `success-plain`, `success-layer`, `success-plain-no-id`, `success-layer-no-id` (the layer
//! makes an id), `error-plain`, `error-layer`.
//!
//! Run each case with 10 000 and with 20 000 responses: the difference, divided by 10 000, is
//! the instructions of one response, start-up and the error's construction left out (the
//! input is built the same way for a case and its baseline: a `String` for `since`).

use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use api_error_benches::{
    BenchError, NOT_FOUND_BODY, SINCE, buffer_not_pending, buffer_problem_not_pending,
    derived_problem, problem_config, static_response,
};
use api_error_core::Config;
use api_error_core::axum::ApiErrorLayer;
use axum::Router;
use axum::body::Body;
use axum::response::IntoResponse;
use axum::routing::get;
use http::Request;
use tower::ServiceExt;

/// Polls a future that needs no I/O to its end.
fn ready<F: Future>(future: F) -> F::Output {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("a request through the router waited"),
    }
}

/// One request to `path` through `app`, with an id or without, its body read to the end.
fn through(app: &Router, path: &'static str, id: bool) -> axum::body::Bytes {
    let mut request = Request::builder().uri(path);
    if id {
        request = request.header("x-request-id", "bench-1");
    }
    let request = request.body(Body::empty()).unwrap();
    let response = ready(app.clone().oneshot(request)).unwrap();
    ready(axum::body::to_bytes(response.into_body(), usize::MAX)).unwrap()
}

async fn failing() -> Result<String, BenchError> {
    Err(BenchError::NotPending {
        id: 42,
        since: SINCE.to_owned(),
    })
}

async fn succeeding() -> &'static str {
    "ok"
}

fn main() {
    let mut args = std::env::args().skip(1);
    let case = args.next().unwrap_or_default();
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let config = problem_config();
    let plain = Router::new()
        .route("/orders/{id}", get(failing))
        .route("/ok", get(succeeding));
    let layered = plain.clone().layer(ApiErrorLayer::new(Config::new()));
    for _ in 0..count {
        // Every case is given `since` as the derived error holds it: a `String` of its own.
        let since = SINCE.to_owned();
        let response = match case.as_str() {
            "unit-static" => static_response(http::StatusCode::NOT_FOUND, NOT_FOUND_BODY),
            "unit-derived" => BenchError::NotFound.into_response(),
            "fields-buffer" => buffer_not_pending(42, &since),
            "fields-derived" => BenchError::NotPending { id: 42, since }.into_response(),
            "problem-buffer" => buffer_problem_not_pending(42, &since),
            "problem-derived" => {
                derived_problem(&config, &BenchError::NotPending { id: 42, since })
            }
            "success-plain" => through(&plain, "/ok", true).into_response(),
            "success-layer" => through(&layered, "/ok", true).into_response(),
            "success-plain-no-id" => through(&plain, "/ok", false).into_response(),
            "success-layer-no-id" => through(&layered, "/ok", false).into_response(),
            "error-plain" => through(&plain, "/orders/1", true).into_response(),
            "error-layer" => through(&layered, "/orders/1", true).into_response(),
            other => panic!(
                "unknown case {other:?}: fields-buffer, fields-derived, problem-buffer, problem-derived"
            ),
        };
        black_box(response);
    }
}
