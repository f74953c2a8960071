//! The input as written: what `#[api_error(...)]` says on the type, its variants and its
//! fields. Nothing here judges whether the input makes sense; `valid.rs` does. A key whose
//! value cannot be read is reported and left out, and reading goes on.

use darling::error::Accumulator;
use proc_macro2::Span;
use syn::{Attribute, Data as SynData, DeriveInput, Generics, Ident, LitStr, Type};

use crate::attr::{self, Place, StaticHeader, Status};
use crate::model::Style;

/// The enum or struct.
pub(crate) struct Input<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) generics: &'a Generics,
    pub(crate) attrs: &'a [Attribute],
    pub(crate) krate: Option<LitStr>,
    pub(crate) rename_all: Option<LitStr>,
    /// `format = "problem"`: the body format of every error of the type, named as the runtime
    /// names it.
    pub(crate) format: Option<LitStr>,
    pub(crate) error: ErrorAttrs,
    pub(crate) data: Data<'a>,
}

pub(crate) enum Data<'a> {
    Enum(Vec<Variant<'a>>),
    Struct(Fields<'a>),
}

pub(crate) struct Variant<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) attrs: &'a [Attribute],
    pub(crate) error: ErrorAttrs,
    pub(crate) fields: Fields<'a>,
}

/// The keys that describe one error: on a variant, or on a struct.
#[derive(Default)]
pub(crate) struct ErrorAttrs {
    pub(crate) code: Option<LitStr>,
    pub(crate) status: Option<Status>,
    pub(crate) message: Option<LitStr>,
    /// The span of `transparent`, when present.
    pub(crate) transparent: Option<Span>,
    pub(crate) headers: Vec<StaticHeader>,
    /// Every key written, even one whose value could not be read.
    pub(crate) given: Vec<String>,
}

impl ErrorAttrs {
    /// Whether `key` was written, so that its absence is not reported on top of its mistake.
    pub(crate) fn given(&self, key: &str) -> bool {
        self.given.iter().any(|given| given == key)
    }
}

pub(crate) struct Fields<'a> {
    pub(crate) style: Style,
    pub(crate) fields: Vec<Field<'a>>,
}

pub(crate) struct Field<'a> {
    pub(crate) ident: Option<&'a Ident>,
    pub(crate) ty: &'a Type,
    pub(crate) attrs: &'a [Attribute],
    pub(crate) detail: Option<Detail>,
    pub(crate) header: Option<LitStr>,
}

/// `detail`, or `detail = "name"`.
pub(crate) struct Detail {
    pub(crate) span: Span,
    pub(crate) name: Option<LitStr>,
}

impl Field<'_> {
    /// The `#[source]` or `#[from]` attribute, if the field has one.
    pub(crate) fn marker(&self, name: &str) -> Option<&Attribute> {
        self.attrs.iter().find(|attr| is_marker(attr, name))
    }
}

/// Reads the input. A union is refused before anything else, and gives `None`.
pub(crate) fn parse<'a>(input: &'a DeriveInput, errors: &mut Accumulator) -> Option<Input<'a>> {
    let (place, data) = match &input.data {
        SynData::Union(data) => {
            errors.push(
                darling::Error::custom(
                    "ApiError cannot be derived for a union: use an enum with one variant per error, or a struct",
                )
                .with_span(&data.union_token),
            );
            return None;
        }
        SynData::Enum(data) => {
            let variants = data
                .variants
                .iter()
                .map(|variant| Variant {
                    ident: &variant.ident,
                    attrs: &variant.attrs,
                    error: error_attrs(&variant.attrs, Place::Variant, errors, |_, _, _| Ok(())),
                    fields: fields(&variant.fields, errors),
                })
                .collect();
            (Place::Enum, Data::Enum(variants))
        }
        SynData::Struct(data) => (Place::Struct, Data::Struct(fields(&data.fields, errors))),
    };
    let mut krate = None;
    let mut rename_all = None;
    let mut format = None;
    let error = error_attrs(&input.attrs, place, errors, |key, meta, errors| {
        let (slot, example) = match key {
            "crate" => (&mut krate, "crate = \"my_framework::api_error\""),
            "format" => (&mut format, "format = \"problem\""),
            _ => (&mut rename_all, "rename_all = \"SCREAMING_SNAKE_CASE\""),
        };
        if let Some(expr) = attr::value(meta, example, errors)? {
            *slot = attr::string(&expr, example, errors);
        }
        Ok(())
    });
    Some(Input {
        ident: &input.ident,
        generics: &input.generics,
        attrs: &input.attrs,
        krate,
        rename_all,
        format,
        error,
        data,
    })
}

/// The error keys of `attrs`; any other key `place` accepts goes to `other`.
fn error_attrs(
    attrs: &[Attribute],
    place: Place,
    errors: &mut Accumulator,
    mut other: impl FnMut(&str, &syn::meta::ParseNestedMeta<'_>, &mut Accumulator) -> syn::Result<()>,
) -> ErrorAttrs {
    let mut out = ErrorAttrs::default();
    out.given = attr::for_each_key(attrs, place, errors, |key, meta, errors| {
        match key {
            "code" => {
                let example = "code = \"ORDER_NOT_FOUND\"";
                if let Some(expr) = attr::value(meta, example, errors)? {
                    out.code = attr::string(&expr, example, errors);
                }
            }
            "status" => {
                if let Some(expr) = attr::value(meta, "status = 404", errors)? {
                    out.status = Status::parse(&expr, errors);
                }
            }
            "message" => {
                let example = "message = \"Order {id} not found\"";
                if let Some(expr) = attr::value(meta, example, errors)? {
                    out.message = attr::string(&expr, example, errors);
                }
            }
            "transparent" => out.transparent = Some(attr::word(meta, errors)?),
            "header" => out.headers.extend(StaticHeader::parse(meta, errors)?),
            _ => other(key, meta, errors)?,
        }
        Ok(())
    });
    out
}

fn fields<'a>(fields: &'a syn::Fields, errors: &mut Accumulator) -> Fields<'a> {
    let style = match fields {
        syn::Fields::Unit => Style::Unit,
        syn::Fields::Unnamed(_) => Style::Tuple,
        syn::Fields::Named(_) => Style::Named,
    };
    let fields = fields
        .iter()
        .map(|field| {
            let mut detail = None;
            let mut header = None;
            attr::for_each_key(&field.attrs, Place::Field, errors, |key, meta, errors| {
                let span = syn::spanned::Spanned::span(&meta.path);
                if key == "detail" && meta.input.peek(syn::token::Paren) {
                    errors.push(
                        darling::Error::custom(
                            "write `detail`, or `detail = \"name\"` to give it another name",
                        )
                        .with_span(&span),
                    );
                    meta.input.parse::<proc_macro2::Group>()?;
                } else if key == "detail" {
                    if !meta.input.peek(syn::Token![=]) {
                        detail = Some(Detail { span, name: None });
                        return Ok(());
                    }
                    let expr = meta.value()?.parse()?;
                    // A name that is not a string was reported; the field is then no detail.
                    if let Some(name) = attr::string(&expr, "detail = \"name\"", errors) {
                        detail = Some(Detail {
                            span,
                            name: Some(name),
                        });
                    }
                } else if meta.input.peek(syn::token::Paren) {
                    errors.push(
                        darling::Error::custom(
                            "a field's header takes its value from the field: write `header = \"Retry-After\"`",
                        )
                        .with_span(&span),
                    );
                    meta.input.parse::<proc_macro2::Group>()?;
                } else {
                    let example = "header = \"Retry-After\"";
                    if let Some(expr) = attr::value(meta, example, errors)? {
                        header = attr::string(&expr, example, errors);
                    }
                }
                Ok(())
            });
            Field {
                ident: field.ident.as_ref(),
                ty: &field.ty,
                attrs: &field.attrs,
                detail,
                header,
            }
        })
        .collect();
    Fields { style, fields }
}

/// `#[source]` or `#[from]` as a bare word; a list form such as `#[from(...)]` belongs to
/// another derive.
pub(crate) fn is_marker(attr: &Attribute, name: &str) -> bool {
    attr.path().is_ident(name) && matches!(attr.meta, syn::Meta::Path(_))
}

/// The first paragraph of an item's doc comment, its lines trimmed and joined by spaces: the
/// description the catalog shows.
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
        .skip_while(String::is_empty)
        .take_while(|line| !line.is_empty())
        .collect();
    (!lines.is_empty()).then(|| lines.join(" "))
}

/// Whether `#[error(...)]` appears on the type or on a variant: thiserror writes `Display`.
pub(crate) fn derives_display_elsewhere(input: &DeriveInput) -> bool {
    let has_error = |attrs: &[Attribute]| attrs.iter().any(|attr| attr.path().is_ident("error"));
    has_error(&input.attrs)
        || matches!(&input.data, SynData::Enum(data) if data.variants.iter().any(|v| has_error(&v.attrs)))
}
