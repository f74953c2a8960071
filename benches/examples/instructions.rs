//! Builds one kind of response many times, for an instruction count that does not depend on
//! the machine's load:
//!
//! ```sh
//! cargo build --release -p api-error-benches --example instructions
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/instructions fields-derived 10000
//! ```
//!
//! Run each case with 10 000 and with 20 000 responses: the difference, divided by 10 000, is
//! the instructions of one response, start-up and the error's construction left out (the
//! input is built the same way for a case and its baseline: a `String` for `since`).

use std::hint::black_box;

use api_error_benches::{
    BenchError, SINCE, buffer_not_pending, buffer_problem_not_pending, derived_problem,
    problem_config,
};
use axum::response::IntoResponse;

fn main() {
    let mut args = std::env::args().skip(1);
    let case = args.next().unwrap_or_default();
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let config = problem_config();
    for _ in 0..count {
        // Every case is given `since` as the derived error holds it: a `String` of its own.
        let since = SINCE.to_owned();
        let response = match case.as_str() {
            "fields-buffer" => buffer_not_pending(42, &since),
            "fields-derived" => BenchError::NotPending { id: 42, since }.into_response(),
            "problem-buffer" => buffer_problem_not_pending(42, &since),
            "problem-derived" => {
                derived_problem(&config, &BenchError::NotPending { id: 42, since })
            }
            other => panic!(
                "unknown case {other:?}: fields-buffer, fields-derived, problem-buffer, problem-derived"
            ),
        };
        black_box(response);
    }
}
