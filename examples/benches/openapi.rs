//! `cargo bench -p api-error-examples --bench openapi`: what the example service's `OpenAPI`
//! document costs it, once, when its router is made: the document built from the declarations
//! (utoipa 6, every operation's errors rendered, the layer's merged in), and the same
//! document serialized, which is what serving it costs after that (its JSON is written once).
//! Beside them, for scale, the responses of one operation's errors alone.

use std::hint::black_box;

use api_error_core::openapi::utoipa6 as errors_of;
use api_error_core::{Config, Format};
use api_error_examples::app::openapi::document;
use api_error_examples::{AppError, error_config};
use criterion::{Criterion, criterion_group, criterion_main};

fn openapi(c: &mut Criterion) {
    let mut group = c.benchmark_group("openapi");
    for format in [Format::Json, Format::Problem] {
        let config = error_config(format);
        group.bench_function(format!("document/{}", format.name()), |b| {
            b.iter(|| document(black_box(&config)));
        });
        let built = document(&config);
        group.bench_function(format!("serialize/{}", format.name()), |b| {
            b.iter(|| black_box(&built).to_json().map(|json| json.len()));
        });
    }
    let config = Config::new();
    group.bench_function("responses/app-error", |b| {
        b.iter(|| errors_of::of(&errors_of::documented::<AppError>(), black_box(&config)));
    });
    group.finish();
}

criterion_group!(benches, openapi);
criterion_main!(benches);
