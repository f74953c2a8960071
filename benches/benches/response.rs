//! `cargo bench -p api-error-benches`: derived responses and bodies beside the hand-written code
//! a user would write instead, in the same run. `benches/ratios.py` turns criterion's estimates
//! into the ratios of BENCHMARKS.md.
//!
//! Before the timings, each case is run once under a counting allocator and its allocations
//! are printed.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use api_error_benches::{
    ACCEPT_LANGUAGE, AUTH_BODY, AuthError, BenchError, NOT_FOUND_BODY, SINCE, STORAGE_BODY,
    actix_buffer_not_pending, actix_not_found, actix_not_pending, actix_static_not_found,
    buffer_not_pending, buffer_problem_not_pending, derived_problem, json_macro_not_found,
    json_macro_not_pending, localized_config, localized_translations, not_pending, problem_config,
    static_response, typed_not_found, typed_not_pending,
};
use api_error_core::ApiError;
use axum::response::IntoResponse;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use http::StatusCode;

/// The system allocator, counting allocations.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Prints how many allocations (and reallocations) `run` makes, its input built beforehand and
/// after one run to warm up (a thread's first body grows the buffer bodies are written in).
fn allocations<I, O>(name: &str, input: impl Fn() -> I, run: impl Fn(I) -> O) {
    drop(run(input()));
    let value = input();
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let output = black_box(run(black_box(value)));
    let after = ALLOCATIONS.load(Ordering::Relaxed);
    drop(output);
    println!("allocations {name}: {}", after - before);
}

fn unit(c: &mut Criterion) {
    allocations(
        "unit/static_bytes",
        || (),
        |()| static_response(StatusCode::NOT_FOUND, NOT_FOUND_BODY),
    );
    allocations(
        "unit/derived",
        || BenchError::NotFound,
        IntoResponse::into_response,
    );
    allocations("unit/typed_json", || (), |()| typed_not_found());
    allocations("unit/json_macro", || (), |()| json_macro_not_found());
    allocations(
        "unit/derived_to_vec",
        || BenchError::NotFound,
        |e| serde_json::to_vec(&e),
    );

    let mut group = c.benchmark_group("unit");
    group.bench_function("static_bytes", |b| {
        b.iter(|| static_response(StatusCode::NOT_FOUND, black_box(NOT_FOUND_BODY)));
    });
    group.bench_function("derived", |b| {
        b.iter(|| black_box(BenchError::NotFound).into_response());
    });
    group.bench_function("typed_json", |b| b.iter(typed_not_found));
    group.bench_function("json_macro", |b| b.iter(json_macro_not_found));
    group.bench_function("derived_to_vec", |b| {
        b.iter(|| serde_json::to_vec(&black_box(BenchError::NotFound)));
    });
    group.finish();
}

fn fields(c: &mut Criterion) {
    allocations(
        "fields/buffer",
        || SINCE.to_owned(),
        |since| buffer_not_pending(42, &since),
    );
    allocations("fields/derived", not_pending, IntoResponse::into_response);
    allocations(
        "fields/typed_json",
        || SINCE.to_owned(),
        |since| typed_not_pending(42, &since),
    );
    allocations(
        "fields/json_macro",
        || SINCE.to_owned(),
        |since| json_macro_not_pending(42, &since),
    );
    allocations("fields/derived_to_vec", not_pending, |e| {
        serde_json::to_vec(&e)
    });

    let mut group = c.benchmark_group("fields");
    let since = || SINCE.to_owned();
    group.bench_function("buffer", |b| {
        b.iter_batched(since, |s| buffer_not_pending(42, &s), BatchSize::SmallInput);
    });
    group.bench_function("derived", |b| {
        b.iter_batched(
            not_pending,
            IntoResponse::into_response,
            BatchSize::SmallInput,
        );
    });
    group.bench_function("typed_json", |b| {
        b.iter_batched(since, |s| typed_not_pending(42, &s), BatchSize::SmallInput);
    });
    group.bench_function("json_macro", |b| {
        b.iter_batched(
            since,
            |s| json_macro_not_pending(42, &s),
            BatchSize::SmallInput,
        );
    });
    group.bench_function("derived_to_vec", |b| {
        b.iter_batched_ref(
            not_pending,
            |e| serde_json::to_vec(e),
            BatchSize::SmallInput,
        );
    });
    group.finish();
}

/// The error with fields as RFC 9457 problem details, beside the same body written by hand.
fn problem(c: &mut Criterion) {
    let config = problem_config();
    allocations(
        "problem/buffer",
        || SINCE.to_owned(),
        |since| buffer_problem_not_pending(42, &since),
    );
    allocations("problem/derived", not_pending, |e| {
        derived_problem(&config, &e)
    });

    let mut group = c.benchmark_group("problem");
    group.bench_function("buffer", |b| {
        b.iter_batched(
            || SINCE.to_owned(),
            |s| buffer_problem_not_pending(42, &s),
            BatchSize::SmallInput,
        );
    });
    group.bench_function("derived", |b| {
        b.iter_batched(
            not_pending,
            |e| derived_problem(&config, &e),
            BatchSize::SmallInput,
        );
    });
    group.finish();
}

fn wrapped_masked_boxed(c: &mut Criterion) {
    let storage = || BenchError::Storage(std::io::Error::other("disk /dev/sda1 failed"));
    let boxed = || -> Box<dyn ApiError + Send + Sync> { Box::new(BenchError::NotFound) };
    allocations(
        "transparent/derived",
        || BenchError::Auth(AuthError),
        IntoResponse::into_response,
    );
    allocations("masked_5xx/derived", storage, IntoResponse::into_response);
    allocations("boxed/derived", boxed, IntoResponse::into_response);

    let mut group = c.benchmark_group("transparent");
    group.bench_function("static_bytes", |b| {
        b.iter(|| static_response(StatusCode::FORBIDDEN, black_box(AUTH_BODY)));
    });
    group.bench_function("derived", |b| {
        b.iter(|| black_box(BenchError::Auth(AuthError)).into_response());
    });
    group.finish();

    against_static(
        c,
        "masked_5xx",
        storage,
        StatusCode::INTERNAL_SERVER_ERROR,
        STORAGE_BODY,
    );
    against_static(c, "boxed", boxed, StatusCode::NOT_FOUND, NOT_FOUND_BODY);
}

/// A group of two: the derived response of a value from `input`, and static bytes with the
/// same status and body, after dropping the same input (so both sides pay for it).
fn against_static<E: IntoResponse>(
    c: &mut Criterion,
    name: &str,
    input: impl Fn() -> E + Copy,
    status: StatusCode,
    body: &'static [u8],
) {
    let mut group = c.benchmark_group(name);
    group.bench_function("static_bytes", |b| {
        b.iter_batched(
            input,
            |error| {
                drop(error);
                static_response(status, body)
            },
            BatchSize::SmallInput,
        );
    });
    group.bench_function("derived", |b| {
        b.iter_batched(input, IntoResponse::into_response, BatchSize::SmallInput);
    });
    group.finish();
}

/// The error with fields rendered unlocalized and in German, in one run (the issue asks for
/// the localized one at most 1.3 times the other; BENCHMARKS.md has the figures), and
/// negotiating a browser's `Accept-Language`, which must allocate nothing, nor must a 10 KiB
/// header.
fn localized(c: &mut Criterion) {
    let (unlocalized, localized) = (api_error_core::Config::new(), localized_config());
    let translations = localized_translations();
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let chosen = black_box(translations.negotiate(black_box(ACCEPT_LANGUAGE)));
    let negotiating = ALLOCATIONS.load(Ordering::Relaxed) - before;
    assert_eq!(chosen, "de");
    assert_eq!(negotiating, 0, "negotiating {ACCEPT_LANGUAGE:?} allocated");
    let long = "de-CH;q=0.9, ".repeat(10 * 1024 / 12);
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let chosen = black_box(translations.negotiate(black_box(&long)));
    assert_eq!(
        ALLOCATIONS.load(Ordering::Relaxed) - before,
        0,
        "a 10 KiB header allocated"
    );
    assert_eq!(chosen, "en");
    println!("allocations localized/negotiate: {negotiating}");
    allocations("localized/unlocalized", not_pending, |e| {
        unlocalized.response(&e)
    });
    // In the locale a layer has chosen already, as `fields-localized` of `instructions`.
    allocations("localized/german", not_pending, |e| {
        localized.response_in(&e, "de")
    });

    let mut group = c.benchmark_group("localized");
    group.bench_function("unlocalized", |b| {
        b.iter_batched(
            not_pending,
            |e| unlocalized.response(&e),
            BatchSize::SmallInput,
        );
    });
    group.bench_function("german", |b| {
        b.iter_batched(
            not_pending,
            |e| localized.response_in(&e, "de"),
            BatchSize::SmallInput,
        );
    });
    group.bench_function("negotiate", |b| {
        b.iter(|| translations.negotiate(black_box(ACCEPT_LANGUAGE)).len());
    });
    group.finish();
}

/// The error with fields and the unit error as actix-web responses: derived, by hand as
/// actix-web's users write it (`HttpResponse::build(status).json(..)`), and by hand the
/// fastest way (a sized buffer; static bytes).
fn actix(c: &mut Criterion) {
    use actix_web::ResponseError as _;
    allocations(
        "actix/fields/json",
        || SINCE.to_owned(),
        |since| actix_not_pending(42, &since),
    );
    allocations(
        "actix/fields/buffer",
        || SINCE.to_owned(),
        |since| actix_buffer_not_pending(42, &since),
    );
    allocations("actix/fields/derived", not_pending, |e| e.error_response());
    allocations("actix/unit/json", || (), |()| actix_not_found());
    allocations(
        "actix/unit/static_bytes",
        || (),
        |()| actix_static_not_found(),
    );
    allocations(
        "actix/unit/derived",
        || BenchError::NotFound,
        |e| e.error_response(),
    );

    let mut group = c.benchmark_group("actix");
    let since = || SINCE.to_owned();
    group.bench_function("fields/json", |b| {
        b.iter_batched(since, |s| actix_not_pending(42, &s), BatchSize::SmallInput);
    });
    group.bench_function("fields/buffer", |b| {
        b.iter_batched(
            since,
            |s| actix_buffer_not_pending(42, &s),
            BatchSize::SmallInput,
        );
    });
    group.bench_function("fields/derived", |b| {
        b.iter_batched(not_pending, |e| e.error_response(), BatchSize::SmallInput);
    });
    group.bench_function("unit/json", |b| b.iter(actix_not_found));
    group.bench_function("unit/static_bytes", |b| b.iter(actix_static_not_found));
    group.bench_function("unit/derived", |b| {
        b.iter(|| black_box(BenchError::NotFound).error_response());
    });
    group.finish();
}

criterion_group!(
    benches,
    unit,
    fields,
    problem,
    wrapped_masked_boxed,
    localized,
    actix
);
criterion_main!(benches);
