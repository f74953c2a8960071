//! `cargo bench -p api-error-benches --bench layer`: what `ErrorLayer` adds to a request through
//! an axum router, against the same router without it, in the same run: a handler answering
//! with a derived error, and a path no route matches (axum's empty 404 without the layer, the
//! rendered `NOT_FOUND` with it).

use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use api_error_benches::{BenchError, not_pending, problem_config};
use api_error_core::Config;
use api_error_core::axum::ErrorLayer;
use axum::Router;
use axum::body::Body;
use axum::routing::get;
use criterion::{Criterion, criterion_group, criterion_main};
use http::Request;
use tower::ServiceExt;

async fn failing() -> Result<String, BenchError> {
    Err(not_pending())
}

fn router() -> Router {
    Router::new().route("/orders/{id}", get(failing))
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

fn layer(c: &mut Criterion) {
    let plain = router();
    let json = router().layer(ErrorLayer::new(Config::new()));
    let problem = router().layer(ErrorLayer::new(problem_config()));
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
                b.iter(|| {
                    let response = ready(app.clone().oneshot(request(path))).unwrap();
                    black_box(ready(axum::body::to_bytes(
                        response.into_body(),
                        usize::MAX,
                    )))
                });
            });
        }
        group.finish();
    }
}

criterion_group!(benches, layer);
criterion_main!(benches);
