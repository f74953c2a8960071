//! Serves a part of the orders API on poem, on 127.0.0.1:3002 (`--port N` or `PORT=N` to move
//! it; `--format problem|jsonapi` or `FORMAT` for the errors' format; `--help` for the limits'
//! flags): the same errors, demo data and tokens as the axum service, rendered by
//! `api-error-poem`'s middleware, an integration written outside the core.

use api_error_examples::app::{binary, poem};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    binary::run("poem", 3002, |listener, state, listening| {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?
            .block_on(async {
                // SIGTERM or Ctrl-C: the requests in flight are answered, then it exits.
                let stop = binary::shutdown_signal();
                listening();
                poem::serve_until(listener, state, stop).await
            })
    })
}
