//! `#[api_error(members)]`: a module beside the enum with one struct per variant, each the same
//! error (the variant's attributes, fields and doc comment, derived again), a member of error
//! sets on its own, and `From` each struct into the enum.
//!
//! ```text
//! pub mod order_error {
//!     use super::*;
//!     /// The variant's doc comment.
//!     #[derive(Debug)]
//!     pub struct NotFound { pub order_id: String }
//!     // What `#[derive(ApiError)]` writes for the struct as if it were declared with
//!     // `#[api_error(<the enum's keys but `members` and `decode`>)]`,
//!     // `#[api_error(<the variant's keys>)]` and the fields' keys: derived here, in this run.
//! }
//! impl From<order_error::NotFound> for OrderError { .. }
//! impl Decode for order_error::NotFound { .. }  // through `OrderError`'s, with `decode`
//! ```
//!
//! A `transparent` variant gets no struct: the type it wraps is the member.

use heck::ToSnakeCase;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Data, DeriveInput, Fields, Visibility};

use crate::model::{Kind, Model};

/// The module's name: the one given, or the enum's in snake case.
pub(crate) fn module_name(input: &DeriveInput, given: Option<&syn::LitStr>) -> Ident {
    let (name, span) = match given {
        Some(name) => (name.value(), name.span()),
        None => (
            crate::model::unraw(&input.ident).to_snake_case(),
            input.ident.span(),
        ),
    };
    // A keyword (`type` of `Type`) is written raw; `check::members` refused any other name
    // that is no identifier.
    let mut ident = syn::parse_str::<Ident>(&name)
        .unwrap_or_else(|_| Ident::new_raw(name.trim_start_matches("r#"), span));
    ident.set_span(span);
    ident
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
        // The fields' types as the module sees them, one level below the enum.
        let mut moved = variant.fields.clone();
        for field in &mut moved {
            OneLevelDown(enum_ident).visit_type_mut(&mut field.ty);
        }
        let declared = {
            let body = struct_body(&moved, &inner_vis, |attrs| kept(attrs, thiserror));
            quote! {
                #thiserror_derive
                #(#type_keys)*
                #[api_error(__member_of(super::#enum_ident))]
                #(#attrs)*
                #inner_vis struct #ident #body
            }
        };
        // Derived here, in this run, rather than by another `#[derive(ApiError)]` for the
        // compiler to expand: the struct is written without this derive's attributes.
        let derived = syn::parse2::<DeriveInput>(declared).map_or_else(
            |error| error.to_compile_error(),
            |input| crate::derive(&input),
        );
        let body = struct_body(&moved, &inner_vis, |attrs| written(attrs, thiserror));
        let attrs = written(&variant.attrs, thiserror);
        structs.push(quote! {
            #[derive(::core::fmt::Debug)]
            #thiserror_derive
            #(#attrs)*
            #inner_vis struct #ident #body
            #derived
        });
        froms.push(from_member(variant, &private, module, enum_ident));
        if model.decode {
            froms.push(decode_member(variant, krate, module, enum_ident));
        }
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

/// `From` the struct of `variant` (in `module`) into the enum, under the variant's `cfg`s.
fn from_member(
    variant: &syn::Variant,
    private: &TokenStream,
    module: &Ident,
    enum_ident: &Ident,
) -> TokenStream {
    let ident = &variant.ident;
    let fields = fields_moved(&variant.fields);
    let error = Ident::new("__error", Span::mixed_site());
    let cfgs = cfgs(variant);
    quote! {
        #(#cfgs)*
        #[automatically_derived]
        impl #private::From<#module::#ident> for #enum_ident {
            fn from(#error: #module::#ident) -> Self {
                let #module::#ident #fields = #error;
                #enum_ident::#ident #fields
            }
        }
    }
}

/// `Decode` of the struct of `variant`, through the enum's: the enum's case rebuilt, when it
/// is this variant's. One `match` for the compiler to check, rather than the struct's own
/// reading of every detail again. (A body the enum reads as an earlier `transparent` variant,
/// whose type answers the same code, is not this struct's: the enum's own decode says so too.)
fn decode_member(
    variant: &syn::Variant,
    krate: &syn::Path,
    module: &Ident,
    enum_ident: &Ident,
) -> TokenStream {
    let ident = &variant.ident;
    let fields = fields_moved(&variant.fields);
    let input = Ident::new("__input", Span::mixed_site());
    let cfgs = cfgs(variant);
    quote! {
        #(#cfgs)*
        #[automatically_derived]
        impl #krate::Decode for #module::#ident {
            fn decode(#input: &#krate::__private::DecodeInput<'_>) -> #krate::__private::Option<Self> {
                match <#enum_ident as #krate::Decode>::decode(#input)? {
                    #enum_ident::#ident #fields => #krate::__private::Option::Some(Self #fields),
                    #[allow(unreachable_patterns)]
                    _ => #krate::__private::Option::None,
                }
            }
        }
    }
}

/// The variant's `cfg` attributes, which what is written for it keeps.
fn cfgs(variant: &syn::Variant) -> impl Iterator<Item = &Attribute> {
    variant
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("cfg"))
}

/// The fields of a variant, bound and rebuilt by the same tokens: `{ a, b }`, `(__field_0, ..)`,
/// or nothing.
fn fields_moved(fields: &Fields) -> TokenStream {
    match fields {
        Fields::Named(fields) => {
            let members = fields.named.iter().filter_map(|f| f.ident.as_ref());
            quote!({ #(#members),* })
        }
        Fields::Unnamed(unnamed) => {
            let names = (0..unnamed.unnamed.len())
                .map(|i| Ident::new(&format!("__field_{i}"), Span::mixed_site()));
            quote!((#(#names),*))
        }
        Fields::Unit => TokenStream::new(),
    }
}

/// Rewrites the paths of a field's type for the module one level below the enum: `self::T`
/// is `super::T` there, `super::T` is `super::super::T`, and `Self` is the enum.
struct OneLevelDown<'a>(&'a Ident);

impl VisitMut for OneLevelDown<'_> {
    fn visit_type_path_mut(&mut self, ty: &mut syn::TypePath) {
        // `<T as super::Trait>::X`: the trait's segments, which `position` counts, may grow.
        let before = ty.path.segments.len();
        visit_mut::visit_type_path_mut(self, ty);
        if let Some(qself) = &mut ty.qself {
            qself.position += ty.path.segments.len() - before;
        }
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        if path.leading_colon.is_none()
            && let Some(first) = path.segments.first_mut()
        {
            let span = first.ident.span();
            if first.ident == "self" {
                first.ident = Ident::new("super", span);
            } else if first.ident == "super" {
                path.segments
                    .insert(0, syn::PathSegment::from(Ident::new("super", span)));
            } else if first.ident == "Self" && first.arguments.is_none() {
                first.ident = self.0.clone();
                path.segments
                    .insert(0, syn::PathSegment::from(Ident::new("super", span)));
            }
        }
        visit_mut::visit_path_mut(self, path);
    }
}

/// A struct's body, of the variant's `fields`, each at `vis` with the attributes `attrs` keeps.
fn struct_body<'a>(
    fields: &'a Fields,
    vis: &TokenStream,
    attrs: impl Fn(&'a [Attribute]) -> Vec<&'a Attribute>,
) -> TokenStream {
    let each = fields.iter().map(|field| {
        let attrs = attrs(&field.attrs);
        let ty = &field.ty;
        match &field.ident {
            Some(name) => quote!(#(#attrs)* #vis #name: #ty),
            None => quote!(#(#attrs)* #vis #ty),
        }
    });
    match fields {
        Fields::Named(_) => quote!({ #(#each,)* }),
        Fields::Unnamed(_) => quote!((#(#each,)*);),
        Fields::Unit => quote!(;),
    }
}

/// The enum's own `#[api_error(..)]` keys, for one struct: all but `members` (a struct has no
/// variants), `own_display` (the struct's `Display` is derived), `decode` (the struct decodes
/// through the enum, [`decode_member`]) and, for a variant with a status of its own, the enum's
/// default `status`. Each key is kept as written.
fn type_keys(attrs: &[Attribute], own_status: bool) -> Vec<TokenStream> {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("api_error"))
        .filter_map(|attr| attr.meta.require_list().ok())
        .filter_map(|list| {
            let kept: Vec<TokenStream> = keys(&list.tokens)
                .into_iter()
                .filter(|key| {
                    let name = key.clone().into_iter().next().map(|t| t.to_string());
                    let dropped =
                        matches!(name.as_deref(), Some("members" | "own_display" | "decode"))
                            || (own_status && name.as_deref() == Some("status"));
                    !dropped
                })
                .collect();
            (!kept.is_empty()).then(|| quote!(#[api_error(#(#kept),*)]))
        })
        .collect()
}

/// The keys of an attribute's list, as written: its tokens split at the commas outside any
/// group.
fn keys(tokens: &TokenStream) -> Vec<TokenStream> {
    let mut keys = vec![TokenStream::new()];
    for token in tokens.clone() {
        match &token {
            proc_macro2::TokenTree::Punct(punct) if punct.as_char() == ',' => {
                keys.push(TokenStream::new());
            }
            _ => {
                if let Some(key) = keys.last_mut() {
                    key.extend([token]);
                }
            }
        }
    }
    keys.retain(|key| !key.is_empty());
    keys
}

/// Whether a variant's `#[api_error(..)]` gives it a `status` (`status = ..`, or a status chosen
/// at run time, `status(..) = ..`).
fn declares_status(attrs: &[Attribute]) -> bool {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("api_error"))
        .filter_map(|attr| attr.meta.require_list().ok())
        .flat_map(|list| keys(&list.tokens))
        .any(|key| {
            key.into_iter()
                .next()
                .is_some_and(|token| token.to_string() == "status")
        })
}

/// The attributes a struct keeps of its variant's or field's: this derive's, the doc comment,
/// `cfg` and `cfg_attr`, and thiserror's when thiserror derives the enum's `Display`.
fn kept(attrs: &[Attribute], thiserror: bool) -> Vec<&Attribute> {
    attrs
        .iter()
        .filter(|attr| {
            let path = attr.path();
            // (`cfg_attr` is expanded before a derive sees the enum.)
            ["api_error", "doc", "source", "from", "cfg"]
                .iter()
                .any(|name| path.is_ident(name))
                || (thiserror && (path.is_ident("error") || path.is_ident("backtrace")))
        })
        .collect()
}

/// The attributes a struct is written with, of those [`kept`]: all but this derive's, which it
/// has read already, and `source` and `from` unless thiserror derives the struct too.
fn written(attrs: &[Attribute], thiserror: bool) -> Vec<&Attribute> {
    kept(attrs, thiserror)
        .into_iter()
        .filter(|attr| {
            let path = attr.path();
            !(path.is_ident("api_error")
                || (!thiserror && (path.is_ident("source") || path.is_ident("from"))))
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
