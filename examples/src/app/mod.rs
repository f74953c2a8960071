//! The orders API: accounts, tokens, orders with a lifecycle, plans with quotas, webhooks and a
//! per-token rate limit, all in memory. Every error it answers with arises from handling a
//! request, and every one is an [`AppError`](crate::AppError) but one: a body over the limit,
//! which the reference has no code for, is the core's `CONTENT_TOO_LARGE`
//! [`Rejection`](api_error_core::Rejection). Requests no handler answers (an unknown
//! route, a method a route does not take) get a `Rejection` in the same envelope too, from the
//! [`ApiErrorLayer`] around the router.
//!
//! Here are the router and the error configuration; the rest is by concern: `serve` (the
//! service on a socket: the connection cap and the header timeout), `state` (the service's
//! settings and its in-memory data), `auth` (tokens, the caller), `rate` (the rate limits),
//! `extract` (the path parameter and body extractors, shared validation helpers), `orders` and
//! `order_input` (the order handlers, and the checks of what their requests carry), `plans`
//! and `webhooks`.

pub mod actix;
#[cfg(feature = "aide-document")]
pub mod aide_document;
mod auth;
pub mod binary;
mod caps;
mod extract;
pub mod grpc;
pub mod openapi;
mod order_input;
mod orders;
mod plans;
pub mod poem;
mod rate;
mod reachable;
mod serve;
mod state;
mod unread;
mod webhooks;

use api_error_core::axum::ApiErrorLayer;
use api_error_core::set::Refuses;
use api_error_core::{Config, Contract, Format};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

pub use auth::{DEMO_TOKENS, DemoToken};

/// Each operation's errors as its handler's return type states them, and what the caller's
/// extractor refuses a request with: the error sets a typed client decodes an operation's
/// answer with (`Decode::from_body`), matching on exactly that operation's errors.
pub mod sets {
    pub use super::auth::{CallerRefused, NotAuthenticated};
    pub use super::orders::{
        CompleteOrder, ConfirmOrder, Create, Download, Owned, Receipt, UploadFile,
    };
    pub use super::webhooks::{CreateWebhook, DeleteWebhook};
}
pub use plans::{PLANS, Plan};
pub use serve::{serve, serve_until};
pub use state::{AppState, ServiceConfig};

/// Where the problem types of the API are documented: a problem's `type` is this followed by
/// its code.
pub const PROBLEM_TYPE_BASE: &str = "https://api.example.com/errors/";

/// How the API renders its errors, in `format`: problem types under [`PROBLEM_TYPE_BASE`],
/// messages in the language each request asks for ([`crate::locales`]), and client errors
/// logged at `INFO` (server errors are always logged at `ERROR`).
///
/// # Panics
///
/// When the translations the service carries have a mistake, listing each with its file and
/// line: at start-up, never at a request (a test loads them).
#[must_use]
pub fn error_config(format: Format) -> Config {
    let translations = crate::locales::translations()
        .unwrap_or_else(|errors| panic!("the translations do not load:\n{errors}"));
    Config::new()
        .format(format)
        .problem_type_base(PROBLEM_TYPE_BASE)
        .client_errors(Some(tracing::Level::INFO))
        .translations(translations)
}

/// [`error_config`] as a running service renders by it: client errors sampled as
/// [`ServiceConfig::client_error_sample`] says.
#[must_use]
pub fn serving_config(config: &ServiceConfig) -> Config {
    error_config(config.format).sample_client_errors(config.client_error_sample)
}

/// The router of the whole API, with the [`ApiErrorLayer`] that renders every error in the
/// configured format and gives each request an id, and the timeouts of a request's body
/// ([`ServiceConfig::body_idle_timeout`]) and of the whole request
/// ([`ServiceConfig::request_timeout`]), each answered `408` in the envelope, and an answer
/// given before the request's body was read to its end marked `Connection: close`. [`serve`] adds
/// what belongs to connections: their cap, the header timeout and the client's address, which
/// the limit on unauthenticated requests counts by.
pub fn router(state: AppState) -> Router {
    let errors = ApiErrorLayer::new(serving_config(&state.config));
    let body_idle = RequestBodyTimeoutLayer::new(state.config.body_idle_timeout);
    // Its answer has no body, so the error layer around it renders it as `CLIENT_ERROR`.
    let request =
        TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, state.config.request_timeout);
    // The routes and their document, from the handlers' `#[utoipa::path]`s.
    openapi::routes(&error_config(state.config.format))
        .with_state(state)
        .layer(DefaultBodyLimit::max(extract::BODY_LIMIT))
        .layer(body_idle)
        .layer(request)
        .layer(errors)
        .layer(axum::middleware::from_fn(unread::close_unread))
}

/// The API's whole error contract: every [`AppError`](crate::AppError), and the four codes the
/// [`ApiErrorLayer`] answers for itself (an unknown route, a method a route does not take, a
/// body over the limit, and `CLIENT_ERROR` at `408` for a request or a body over its time);
/// the layer's other rejections never reach a client here, since the service's own extractors
/// answer them with its codes; and, for each operation, the codes it answers, read from its
/// handler's and extractors' types (see [`openapi::operations`]). `tests/contract.rs` holds it
/// to the
/// committed `error-contract.json`, and `cargo run -p api-error-examples --bin catalog --
/// --check error-contract.json` checks it from a script.
#[must_use]
pub fn error_contract() -> Contract {
    let mut layer = openapi::not_found();
    layer.append(openapi::layer_errors());
    layer.append(<extract::Body as Refuses>::by_layers());
    let mut every = <crate::AppError as api_error_core::ApiError>::catalog();
    every.append(layer.clone());
    let contract = Contract::new()
        .with::<crate::AppError>()
        .with_catalog(layer);
    openapi::operations(&every)
        .into_iter()
        .fold(contract, |contract, (operation, catalog)| {
            contract.with_operation(&operation, catalog)
        })
}
