//! Serves a part of the orders API on actix-web, on 127.0.0.1:3001 (`--port N` or `PORT=N` to
//! move it; `--format problem|jsonapi` or `FORMAT` for the errors' format): the same errors,
//! demo data and tokens as the axum service, rendered by `api_error_core::actix`'s middleware.

use api_error_examples::app::{actix, binary};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    binary::run("actix-web", 3001, |listener, state| {
        actix_web::rt::System::new().block_on(async { actix::serve(listener, state, 2)?.await })
    })
}
