//! Builds one kind of response many times, for an instruction count that does not depend on
//! the machine's load:
//!
//! ```sh
//! cargo build --release -p api-error-benches --example instructions
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/instructions fields-derived 10000
//! ```
//!
//! Cases: `unit-static`, `unit-derived`, `fields-buffer`, `fields-derived`, `problem-buffer`,
//! `problem-derived` (one response), and a request through the routers of
//! [`Routers`](api_error_benches::Routers): `success-plain`, `success-layer`,
//! `success-noop-layer`, `success-tower-http`, `success-around` (the handler succeeds, the
//! request names its id), `success-plain-no-id`, `success-layer-no-id`,
//! `success-tower-http-no-id` (it names none), `error-plain`, `error-layer`, `error-around`
//! (the handler fails); `fields-unlocalized` and `fields-localized` (the error with fields
//! rendered by `Config::new()`, and by [`localized_config`]'s configuration in German, the
//! locale chosen as a layer has chosen it before the handler runs), and `negotiate` (choosing
//! that locale from a Swiss browser's [`ACCEPT_LANGUAGE`], which the layer does per request);
//! `grpc-hand` and `grpc-derived` (the error with fields as a gRPC status, built by hand with
//! tonic-types, and converted from the derived error); `actix-hand`, `actix-buffer`,
//! `actix-derived`, `actix-unit-hand`, `actix-unit-static` and `actix-unit-derived` (the error
//! with fields and the unit error as an actix-web response: `HttpResponse::build(status)
//! .json(..)` by hand, the fastest by hand (a sized buffer, static bytes), and the derived
//! error's `error_response()`); `violations-buffer` and `violations-derived` (an error with
//! three field violations: its body written by hand into one buffer from them, and the derived
//! error's response), and `violations-input` (building the three violations alone, which both
//! cases do first); `violations-validator` (a `validator` crate's `ValidationErrors` of three
//! fields, made once, turned into violations and the response), `violations-garde` (a
//! `garde` validation of the same three fields run by `api_error_core::garde::validate`, and
//! the response) and `garde-report` (garde's own validation alone, to subtract);
//! `unit-member`, `unit-set`, `fields-member` and `fields-set` (the unit error and the error
//! with fields, built as the struct `#[api_error(members)]` writes for their variant, answered
//! as the enum's variant, which is the struct's error, and through
//! [`BenchSet`](api_error_benches::BenchSet), an error set of three members, which `?` would
//! fill).
//!
//! Run each case with 10 000 and with 20 000 responses: the difference, divided by 10 000, is
//! the instructions of one response, start-up and the error's construction left out (the
//! input is built the same way for a case and its baseline: a `String` for `since`).

use std::hint::black_box;

use actix_web::ResponseError as _;
use api_error_benches::{
    ACCEPT_LANGUAGE, BenchError, NOT_FOUND_BODY, Routers, SINCE, answer, buffer_not_pending,
    buffer_problem_not_pending, derived_problem, localized_config, problem_config, request,
    static_response,
};
use axum::response::IntoResponse;

fn main() {
    let mut args = std::env::args().skip(1);
    let case = args.next().unwrap_or_default();
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let config = problem_config();
    let routers = Routers::new();
    let (unlocalized, localized) = (api_error_core::Config::new(), localized_config());
    let translations = api_error_benches::localized_translations();
    let (checked, guarded) = api_error_benches::bad_order();
    let checked_errors = validator::Validate::validate(&checked).unwrap_err();
    for _ in 0..count {
        // Every case is given `since` as the derived error holds it: a `String` of its own.
        let since = SINCE.to_owned();
        if violations(&case, &checked_errors, &guarded) {
            continue;
        }
        let since = match sets(&case, since) {
            Ok(response) => {
                black_box(response);
                continue;
            }
            Err(since) => since,
        };
        let response = match case.as_str() {
            "unit-static" => static_response(http::StatusCode::NOT_FOUND, NOT_FOUND_BODY),
            "unit-derived" => BenchError::NotFound.into_response(),
            "fields-buffer" => buffer_not_pending(42, &since),
            "fields-derived" => BenchError::NotPending { id: 42, since }.into_response(),
            "problem-buffer" => buffer_problem_not_pending(42, &since),
            "problem-derived" => {
                derived_problem(&config, &BenchError::NotPending { id: 42, since })
            }
            "fields-unlocalized" => unlocalized
                .response(&BenchError::NotPending { id: 42, since })
                .map(axum::body::Body::from),
            "fields-localized" => localized
                .response_in(&BenchError::NotPending { id: 42, since }, "de")
                .map(axum::body::Body::from),
            "negotiate" => {
                black_box(translations.negotiate(black_box(ACCEPT_LANGUAGE)));
                continue;
            }
            "actix-hand" => {
                black_box(api_error_benches::actix_not_pending(42, &since));
                continue;
            }
            "actix-derived" => {
                black_box(BenchError::NotPending { id: 42, since }.error_response());
                continue;
            }
            "actix-buffer" => {
                black_box(api_error_benches::actix_buffer_not_pending(42, &since));
                continue;
            }
            "actix-unit-static" => {
                black_box(api_error_benches::actix_static_not_found());
                continue;
            }
            "actix-unit-hand" => {
                black_box(api_error_benches::actix_not_found());
                continue;
            }
            "actix-unit-derived" => {
                black_box(BenchError::NotFound.error_response());
                continue;
            }
            "grpc-hand" => {
                black_box(api_error_benches::hand_status_not_pending(42, &since));
                continue;
            }
            "grpc-derived" => {
                black_box(tonic::Status::from(BenchError::NotPending {
                    id: 42,
                    since,
                }));
                continue;
            }
            "success-plain" => answer(&routers.plain, request("/ok", true)).into_response(),
            "success-layer" => answer(&routers.layered, request("/ok", true)).into_response(),
            "success-noop-layer" => answer(&routers.noop, request("/ok", true)).into_response(),
            "success-tower-http" => {
                answer(&routers.tower_http_ids, request("/ok", true)).into_response()
            }
            "success-around" => answer(&routers.around, request("/ok", true)).into_response(),
            "success-plain-no-id" => answer(&routers.plain, request("/ok", false)).into_response(),
            "success-layer-no-id" => {
                answer(&routers.layered, request("/ok", false)).into_response()
            }
            "success-tower-http-no-id" => {
                answer(&routers.tower_http_ids, request("/ok", false)).into_response()
            }
            "error-plain" => answer(&routers.plain, request("/orders/1", true)).into_response(),
            "error-layer" => answer(&routers.layered, request("/orders/1", true)).into_response(),
            "error-around" => answer(&routers.around, request("/orders/1", true)).into_response(),
            other => panic!("unknown case {other:?}: the cases are listed in the file's docs"),
        };
        black_box(response);
    }
}

/// The response of the error set case `case`, if it is one; else `since` back.
fn sets(case: &str, since: String) -> Result<axum::response::Response, String> {
    use api_error_benches::{BenchError, BenchSet, bench_error};
    Ok(match case {
        "unit-member" => BenchError::from(bench_error::NotFound).into_response(),
        "unit-set" => BenchSet::from(bench_error::NotFound).into_response(),
        "fields-member" => {
            BenchError::from(bench_error::NotPending { id: 42, since }).into_response()
        }
        "fields-set" => BenchSet::from(bench_error::NotPending { id: 42, since }).into_response(),
        _ => return Err(since),
    })
}

/// Runs the field violation case `case` once, if it is one.
fn violations(
    case: &str,
    checked_errors: &validator::ValidationErrors,
    guarded: &api_error_benches::GuardedOrder,
) -> bool {
    use api_error_benches::{Invalid, buffer_violations, three_violations};
    let response = match case {
        "violations-buffer" => buffer_violations(&three_violations()),
        "violations-derived" => Invalid {
            violations: three_violations(),
        }
        .into_response(),
        "violations-validator" => Invalid {
            violations: api_error_core::validator::violations(checked_errors),
        }
        .into_response(),
        "violations-garde" => Invalid {
            violations: api_error_core::garde::validate(guarded).unwrap_err(),
        }
        .into_response(),
        "garde-report" => {
            black_box(garde::Validate::validate(guarded).unwrap_err());
            return true;
        }
        "violations-input" => {
            black_box(three_violations());
            return true;
        }
        _ => return false,
    };
    black_box(response);
    true
}
