//! `cargo bench -p api-error-benches --bench layer`: what `ApiErrorLayer` adds to a request through
//! an axum router, against the same router without it, in the same run: a handler that
//! succeeds (with the request's own id, and with none, so that the layer makes one), a handler
//! answering with a derived error, and a path no route matches (axum's empty 404 without the
//! layer, the rendered `NOT_FOUND` with it).

use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use api_error_benches::{BenchError, not_pending, problem_config};
use api_error_core::Config;
use api_error_core::axum::ApiErrorLayer;
use axum::Router;
use axum::body::Body;
use axum::routing::get;
use criterion::{Criterion, criterion_group, criterion_main};
use http::Request;
use tower::ServiceExt;

async fn failing() -> Result<String, BenchError> {
    Err(not_pending())
}

async fn succeeding() -> &'static str {
    "ok"
}

fn router() -> Router {
    Router::new()
        .route("/orders/{id}", get(failing))
        .route("/ok", get(succeeding))
}

/// Polls a future that needs no I/O to its end: every future here is ready on its first poll.
fn ready<F: Future>(future: F) -> F::Output {
    let mut context = Context::from_waker(Waker::noop());
    match pin!(future).poll(&mut context) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("a request through the router waited"),
    }
}

fn request(path: &'static str) -> Request<Body> {
    Request::builder()
        .uri(path)
        .header("x-request-id", "bench-1")
        .body(Body::empty())
        .unwrap()
}

fn request_without_id(path: &'static str) -> Request<Body> {
    Request::builder().uri(path).body(Body::empty()).unwrap()
}

/// One request through `app`, its body read to the end.
fn answer(app: &Router, request: Request<Body>) -> axum::body::Bytes {
    let response = ready(app.clone().oneshot(request)).unwrap();
    ready(axum::body::to_bytes(response.into_body(), usize::MAX)).unwrap()
}

fn layer(c: &mut Criterion) {
    let plain = router();
    let json = router().layer(ApiErrorLayer::new(Config::new()));
    let problem = router().layer(ApiErrorLayer::new(problem_config()));
    let mut group = c.benchmark_group("layer_success");
    group.bench_function("without_layer", |b| {
        b.iter(|| black_box(answer(&plain, request("/ok"))));
    });
    group.bench_function("with_layer", |b| {
        b.iter(|| black_box(answer(&json, request("/ok"))));
    });
    group.bench_function("without_layer_no_id", |b| {
        b.iter(|| black_box(answer(&plain, request_without_id("/ok"))));
    });
    group.bench_function("with_layer_generated_id", |b| {
        b.iter(|| black_box(answer(&json, request_without_id("/ok"))));
    });
    group.finish();
    for (group, path) in [
        ("layer_handler", "/orders/1"),
        ("layer_no_route", "/nowhere"),
    ] {
        let mut group = c.benchmark_group(group);
        for (name, app) in [
            ("without_layer", &plain),
            ("with_layer", &json),
            ("with_layer_problem", &problem),
        ] {
            group.bench_function(name, |b| {
                b.iter(|| black_box(answer(app, request(path))));
            });
        }
        group.finish();
    }
}

criterion_group!(benches, layer);
criterion_main!(benches);
