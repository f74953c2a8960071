//! The reference API of api-error: its 26 errors declared with `#[derive(ApiError)]`
//! ([`errors`]), and a small orders service that answers with each of them ([`app`]).
//!
//! `cargo run -p api-error-examples --bin server` serves it; `--bin catalog` prints the error
//! reference from the code.

pub mod app;
pub mod errors;
pub mod locales;

pub use app::{
    AppState, DEMO_TOKENS, PROBLEM_TYPE_BASE, ServiceConfig, error_config, error_contract, router,
    serve, serve_until, serving_config,
};
pub use errors::AppError;
pub use locales::{translated_catalog, translations};

/// The README's Rust blocks, compiled and run as doctests of this crate, which has every
/// integration they show.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
