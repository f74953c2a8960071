//! The input as written: darling receivers for `#[api_error(...)]` on the type, its variants and
//! its fields. Nothing here judges whether the input makes sense; `valid.rs` does.

// darling's derives expand to loops that clippy finds a `continue` too many in.
#![allow(clippy::needless_continue)]

use darling::util::{Flag, Override, SpannedValue};
use darling::{FromDeriveInput, FromField, FromVariant, ast};
use syn::{Attribute, DeriveInput, Generics, Ident, LitStr, Type};

use crate::attr::{StaticHeader, Status};

/// `#[api_error(...)]` on the enum or struct.
#[derive(FromDeriveInput)]
#[darling(attributes(api_error), forward_attrs(doc, error))]
pub(crate) struct Input {
    pub(crate) ident: Ident,
    pub(crate) generics: Generics,
    pub(crate) data: ast::Data<Variant, Field>,
    pub(crate) attrs: Vec<Attribute>,
    #[darling(rename = "crate")]
    pub(crate) krate: Option<SpannedValue<String>>,
    pub(crate) rename_all: Option<SpannedValue<String>>,
    #[darling(flatten)]
    pub(crate) error: ErrorAttrs,
}

/// `#[api_error(...)]` on a variant.
#[derive(FromVariant)]
#[darling(attributes(api_error), forward_attrs(doc, error))]
pub(crate) struct Variant {
    pub(crate) ident: Ident,
    pub(crate) fields: ast::Fields<Field>,
    pub(crate) attrs: Vec<Attribute>,
    #[darling(flatten)]
    pub(crate) error: ErrorAttrs,
}

/// The keys that describe one error: on a variant, or on a struct.
#[derive(darling::FromMeta, Default)]
pub(crate) struct ErrorAttrs {
    pub(crate) code: Option<SpannedValue<String>>,
    pub(crate) status: Option<Status>,
    pub(crate) message: Option<LitStr>,
    pub(crate) transparent: Flag,
    #[darling(multiple, rename = "header")]
    pub(crate) headers: Vec<SpannedValue<StaticHeader>>,
}

/// `#[api_error(...)]`, `#[source]` and `#[from]` on a field.
#[derive(FromField)]
#[darling(attributes(api_error), forward_attrs(source, from))]
pub(crate) struct Field {
    pub(crate) ident: Option<Ident>,
    pub(crate) ty: Type,
    pub(crate) attrs: Vec<Attribute>,
    pub(crate) detail: Option<SpannedValue<Override<String>>>,
    pub(crate) header: Option<LitStr>,
}

impl Field {
    /// The `#[source]` or `#[from]` attribute, if the field has one.
    pub(crate) fn marker(&self, name: &str) -> Option<&Attribute> {
        self.attrs.iter().find(|attr| is_marker(attr, name))
    }
}

/// `#[source]` or `#[from]` as a bare word; a list form such as `#[from(...)]` belongs to
/// another derive.
pub(crate) fn is_marker(attr: &Attribute, name: &str) -> bool {
    attr.path().is_ident(name) && matches!(attr.meta, syn::Meta::Path(_))
}

/// The doc comment of an item, its lines trimmed and joined by spaces.
pub(crate) fn doc_comment(attrs: &[Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }),
                ..
            }) => Some(text.value().trim().to_owned()),
            _ => None,
        })
        .filter(|line| !line.is_empty())
        .collect();
    (!lines.is_empty()).then(|| lines.join(" "))
}

/// Whether thiserror (or another derive that reads `#[error(...)]`) writes `Display`.
pub(crate) fn has_error_attr(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| attr.path().is_ident("error"))
}

/// Reads the input; a union is refused before anything else.
pub(crate) fn parse(input: &DeriveInput) -> darling::Result<Input> {
    if let syn::Data::Union(data) = &input.data {
        return Err(darling::Error::custom(
            "ApiError cannot be derived for a union: use an enum with one variant per error, or a struct",
        )
        .with_span(&data.union_token));
    }
    Input::from_derive_input(input)
}

/// The runtime's path as `crate = "..."` gives it, or `::api_error_core`; for the fallback,
/// which must name the runtime even when the rest of the attribute is wrong.
pub(crate) fn crate_path_or_default(attrs: &[Attribute]) -> syn::Path {
    let mut path = None;
    for attr in attrs
        .iter()
        .filter(|attr| attr.path().is_ident("api_error"))
    {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let value: LitStr = meta.value()?.parse()?;
                path = value.parse::<syn::Path>().ok();
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            } else if meta.input.peek(syn::token::Paren) {
                let _ = meta.parse_nested_meta(|_| Ok(()));
            }
            Ok(())
        });
    }
    path.unwrap_or_else(|| syn::parse_quote!(::api_error_core))
}

/// Whether `#[error(...)]` appears on the type or on a variant: thiserror writes `Display`.
pub(crate) fn derives_display_elsewhere(input: &DeriveInput) -> bool {
    has_error_attr(&input.attrs)
        || matches!(&input.data, syn::Data::Enum(data) if data.variants.iter().any(|v| has_error_attr(&v.attrs)))
}
