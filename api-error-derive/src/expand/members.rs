//! `#[api_error(members)]`: a module beside the enum with one struct per variant, each the same
//! error (the variant's attributes, fields and doc comment, derived again), a member of error
//! sets on its own, and `From` each struct into the enum.
//!
//! ```text
//! pub mod order_error {
//!     use super::*;
//!     /// The variant's doc comment.
//!     #[derive(Debug, ApiError)]
//!     #[api_error(<the enum's keys but `members`>)]
//!     #[api_error(<the variant's keys>)]
//!     pub struct NotFound { #[api_error(detail)] pub order_id: String }
//! }
//! impl From<order_error::NotFound> for OrderError { .. }
//! ```
//!
//! A `transparent` variant gets no struct: the type it wraps is the member.

use heck::ToSnakeCase;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use syn::punctuated::Punctuated;
use syn::{Attribute, Data, DeriveInput, Fields, Meta, Token, Visibility};

use crate::model::{Kind, Model};

/// The module's name: the one given, or the enum's in snake case.
pub(crate) fn module_name(input: &DeriveInput, given: Option<&syn::LitStr>) -> Ident {
    match given {
        Some(name) => Ident::new(&name.value(), name.span()),
        None => format_ident!("{}", input.ident.to_string().to_snake_case()),
    }
}

/// The module and the `From` impls; nothing for a struct (reported by `lower`).
pub(crate) fn expand(input: &DeriveInput, model: &Model<'_>, module: &Ident) -> TokenStream {
    let Data::Enum(data) = &input.data else {
        return TokenStream::new();
    };
    let krate = &model.target.krate;
    let private = quote!(#krate::__private);
    let enum_ident = &input.ident;
    let thiserror = model.target.thiserror;
    let inner_vis = inner_visibility(&input.vis);
    let mut structs = Vec::new();
    let mut froms = Vec::new();
    for variant in &data.variants {
        let transparent = model.cases.iter().any(|case| {
            case.variant == Some(&variant.ident) && matches!(case.kind, Kind::Transparent)
        });
        if transparent {
            continue;
        }
        let ident = &variant.ident;
        let attrs = kept(&variant.attrs, thiserror);
        let type_keys = type_keys(&input.attrs, declares_status(&variant.attrs));
        let thiserror_derive = thiserror.then(|| quote!(#[derive(::thiserror::Error)]));
        let fields = variant.fields.iter().map(|field| {
            let attrs = kept(&field.attrs, thiserror);
            let ty = &field.ty;
            match &field.ident {
                Some(name) => quote!(#(#attrs)* #inner_vis #name: #ty),
                None => quote!(#(#attrs)* #inner_vis #ty),
            }
        });
        let body = match &variant.fields {
            Fields::Named(_) => quote!({ #(#fields,)* }),
            Fields::Unnamed(_) => quote!((#(#fields,)*);),
            Fields::Unit => quote!(;),
        };
        structs.push(quote! {
            #[derive(::core::fmt::Debug, #krate::ApiError)]
            #thiserror_derive
            #(#type_keys)*
            #[api_error(__member_of(super::#enum_ident))]
            #(#attrs)*
            #inner_vis struct #ident #body
        });
        let (pattern, built) = match &variant.fields {
            Fields::Named(fields) => {
                let members: Vec<_> = fields
                    .named
                    .iter()
                    .filter_map(|f| f.ident.as_ref())
                    .collect();
                (quote!({ #(#members),* }), quote!({ #(#members),* }))
            }
            Fields::Unnamed(unnamed) => {
                let names: Vec<_> = (0..unnamed.unnamed.len())
                    .map(|i| Ident::new(&format!("__field_{i}"), Span::mixed_site()))
                    .collect();
                (quote!((#(#names),*)), quote!((#(#names),*)))
            }
            Fields::Unit => (TokenStream::new(), TokenStream::new()),
        };
        let error = Ident::new("__error", Span::mixed_site());
        froms.push(quote! {
            #[automatically_derived]
            impl #private::From<#module::#ident> for #enum_ident {
                fn from(#error: #module::#ident) -> Self {
                    let #module::#ident #pattern = #error;
                    #enum_ident::#ident #built
                }
            }
        });
    }
    let vis = &input.vis;
    let doc = format!(
        "The errors of [`{enum_ident}`], one type each, for error sets: each is the variant of the same name, and converts into it."
    );
    quote! {
        #[doc = #doc]
        #[allow(unused_imports, clippy::all, missing_docs)]
        #vis mod #module {
            use super::*;
            #(#structs)*
        }
        #(#froms)*
    }
}

/// The enum's own `#[api_error(..)]` keys, for one struct: all but `members` (a struct has no
/// variants), `own_display` (the struct's `Display` is derived) and, for a variant with a
/// status of its own, the enum's default `status`.
fn type_keys(attrs: &[Attribute], own_status: bool) -> Vec<TokenStream> {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("api_error"))
        .filter_map(|attr| {
            let keys = attr
                .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                .ok()?;
            let kept: Vec<&Meta> = keys
                .iter()
                .filter(|meta| {
                    let path = meta.path();
                    let dropped = path.is_ident("members")
                        || path.is_ident("own_display")
                        || (own_status && path.is_ident("status"));
                    !dropped
                })
                .collect();
            (!kept.is_empty()).then(|| quote!(#[api_error(#(#kept),*)]))
        })
        .collect()
}

/// Whether a variant's `#[api_error(..)]` gives it a `status` (or `status(..) = ..`).
fn declares_status(attrs: &[Attribute]) -> bool {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("api_error"))
        .filter_map(|attr| {
            attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                .ok()
        })
        .flatten()
        .any(|meta| meta.path().is_ident("status"))
}

/// The attributes a struct keeps of its variant's or field's: this derive's, the doc comment,
/// and thiserror's when thiserror derives the enum's `Display`.
fn kept(attrs: &[Attribute], thiserror: bool) -> Vec<&Attribute> {
    attrs
        .iter()
        .filter(|attr| {
            let path = attr.path();
            ["api_error", "doc", "source", "from"]
                .iter()
                .any(|name| path.is_ident(name))
                || (thiserror && (path.is_ident("error") || path.is_ident("backtrace")))
        })
        .collect()
}

/// The visibility of a struct and its fields inside the module: the enum's, as seen from the
/// module one level down.
fn inner_visibility(vis: &Visibility) -> TokenStream {
    match vis {
        Visibility::Public(_) => quote!(pub),
        Visibility::Inherited => quote!(pub(super)),
        Visibility::Restricted(restricted) if restricted.path.is_ident("crate") => {
            quote!(pub(crate))
        }
        Visibility::Restricted(_) => quote!(pub(crate)),
    }
}
