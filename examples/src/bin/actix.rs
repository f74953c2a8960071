//! Serves a part of the orders API on actix-web, on 127.0.0.1:3001 (`--port N` or `PORT=N` to
//! move it; `--format problem|jsonapi` or `FORMAT` for the errors' format; `--help` for the
//! limits' flags): the same errors, demo data and tokens as the axum service, rendered by
//! `api_error_core::actix`'s middleware.

use api_error_examples::app::{actix, binary};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    binary::run("actix-web", 3001, |listener, state, listening| {
        actix_web::rt::System::new().block_on(async {
            // SIGTERM or Ctrl-C: the requests in flight are answered, then it exits.
            let stop = binary::shutdown_signal();
            let server = actix::serve_until(listener, state, 2, stop)?;
            listening();
            server.await
        })
    })
}
