//! Implementation detail of the `api-error-core` crate: `#[derive(ApiError)]`.
//!
//! Depend on `api-error-core`, which re-exports this derive and documents it; the code this
//! macro generates calls into that crate and nothing else.
//!
//! The macro runs in three phases: `ast` reads the attributes, `lower` turns them into the
//! model while `check` applies the rules, reporting every mistake at once, and `expand`
//! generates code from the model. On a mistake, `fallback` emits the errors with impls that stop
//! them from cascading.

#![forbid(unsafe_code)]

mod ast;
mod attr;
mod bound;
mod check;
mod expand;
mod fallback;
mod key;
mod lower;
mod message;
mod model;
mod report;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `ApiError`, `Display`, `Error`, `From`, `Serialize` and axum's `IntoResponse` from
/// `#[api_error(...)]` attributes. See the `api-error-core` crate for the manual.
#[proc_macro_derive(ApiError, attributes(api_error, source, from))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(&input).into()
}

/// The derive of `input`: what `#[derive(ApiError)]` on it expands to.
fn derive(input: &DeriveInput) -> proc_macro2::TokenStream {
    let mut errors = darling::Error::accumulator();
    let thiserror = ast::derives_display_elsewhere(input);
    let Some(ast) = ast::parse(input, &mut errors) else {
        // A union: nothing else to say, and no impl it could carry.
        return errors
            .finish()
            .err()
            .map(darling::Error::write_errors)
            .unwrap_or_default();
    };
    match lower::lower(&ast, thiserror, errors) {
        Ok(model) => {
            let mut expanded = expand::expand(&model);
            if let Some(members) = &ast.members {
                let module = expand::members::module_name(input, members.name.as_ref());
                expanded.extend(expand::members::expand(input, &model, &module));
            }
            expanded
        }
        Err(errors) => fallback::expand(&ast, thiserror, errors),
    }
}
