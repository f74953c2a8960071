//! `cargo bench -p api-error-benches --bench layer`: what `ApiErrorLayer` adds to a request through
//! an axum router, against the same router without it, in the same run: a handler that
//! succeeds (with the request's own id, and with none, so that the layer makes one), a handler
//! answering with a derived error, and a path no route matches (axum's empty 404 without the
//! layer, the rendered `NOT_FOUND` with it). Beside them, for a request that succeeds: a layer
//! that does nothing (what axum charges for any layer under `Router::layer`), tower-http's
//! request-id layers (the best hand-written ids), and the layer around the whole router.

use std::hint::black_box;

use api_error_benches::{Routers, answer, request};
use criterion::{Criterion, criterion_group, criterion_main};

fn layer(c: &mut Criterion) {
    let routers = Routers::new();
    let mut group = c.benchmark_group("layer_success");
    for (name, id) in [("", true), ("_no_id", false)] {
        group.bench_function(format!("without_layer{name}"), |b| {
            b.iter(|| black_box(answer(&routers.plain, request("/ok", id))));
        });
        group.bench_function(format!("with_layer{name}"), |b| {
            b.iter(|| black_box(answer(&routers.layered, request("/ok", id))));
        });
        group.bench_function(format!("tower_http_ids{name}"), |b| {
            b.iter(|| black_box(answer(&routers.tower_http_ids, request("/ok", id))));
        });
    }
    group.bench_function("noop_layer", |b| {
        b.iter(|| black_box(answer(&routers.noop, request("/ok", true))));
    });
    group.bench_function("around_router", |b| {
        b.iter(|| black_box(answer(&routers.around, request("/ok", true))));
    });
    group.finish();
    for (group, path) in [
        ("layer_handler", "/orders/1"),
        ("layer_no_route", "/nowhere"),
    ] {
        let mut group = c.benchmark_group(group);
        for (name, app) in [
            ("without_layer", &routers.plain),
            ("with_layer", &routers.layered),
            ("with_layer_problem", &routers.problem),
        ] {
            group.bench_function(name, |b| {
                b.iter(|| black_box(answer(app, request(path, true))));
            });
        }
        group.bench_function("around_router", |b| {
            b.iter(|| black_box(answer(&routers.around, request(path, true))));
        });
        group.finish();
    }
}

criterion_group!(benches, layer);
criterion_main!(benches);
