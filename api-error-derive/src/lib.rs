//! Implementation detail of the `api-error-core` crate: `#[derive(ApiError)]`.
//!
//! Depend on `api-error-core`, which re-exports this derive and documents it; the code this
//! macro generates calls into that crate and nothing else.
//!
//! The macro runs in three phases: `ast` reads the attributes, `valid` checks them and reports
//! every mistake at once, `expand` generates code from the checked model. On a mistake,
//! `fallback` emits the errors with impls that stop them from cascading.

#![forbid(unsafe_code)]

mod ast;
mod attr;
mod bound;
mod expand;
mod fallback;
mod message;
mod model;
mod valid;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `ApiError`, `Display`, `Error`, `From`, `Serialize` and axum's `IntoResponse` from
/// `#[api_error(...)]` attributes. See the `api-error-core` crate for the manual.
#[proc_macro_derive(ApiError, attributes(api_error, source, from))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let mut errors = darling::Error::accumulator();
    let thiserror = ast::derives_display_elsewhere(&input);
    let Some(ast) = ast::parse(&input, &mut errors) else {
        // A union: nothing else to say, and no impl it could carry.
        return errors
            .finish()
            .err()
            .map(darling::Error::write_errors)
            .unwrap_or_default()
            .into();
    };
    let model = valid::check(&ast, thiserror, &mut errors);
    match errors.finish() {
        Ok(()) => expand::expand(&model).into(),
        Err(errors) => fallback::expand(&model, errors).into(),
    }
}
