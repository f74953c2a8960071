//! Code generation from a validated [`Model`]. Nothing here can fail: every mistake of the
//! input was reported by `valid.rs` before this runs.
//!
//! Generated code names the runtime only through `<crate>::__private`, so it compiles in a crate
//! that depends on `api-error-core` alone, under `#![no_implicit_prelude]`, and with any prelude
//! name shadowed.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{LitStr, WhereClause};

use crate::model::{Bound, Case, Kind, Model, Own, Shape, Status, Style};

/// ```text
/// const _: () = {
///     const _: StatusCode = __private::error_status(StatusCode::NOT_FOUND); // per path status
///     impl ApiError for Type { fn code(&self) .. fn catalog() .. }
///     impl Display for Type { .. }             // unless thiserror writes it
///     impl Error for Type { fn source(&self) .. }
///     impl From<Inner> for Type { .. }         // per #[from]
///     __private::impl_serialize! { [impl generics] [Type] [where clause] }
///     __private::impl_axum! { [impl generics] [Type] [where clause] }
/// };
/// ```
pub(crate) fn expand(model: &Model<'_>) -> TokenStream {
    let import = import_runtime(&model.krate);
    let private = private_at(Span::call_site());
    let ident = model.ident;
    let (impl_generics, ty_generics, _) = model.generics.split_for_impl();
    let where_clause = where_clause(model, &private);

    let status_checks = model.cases.iter().filter_map(|case| match &case.kind {
        Kind::Own(Own {
            status: Status::Path(path),
            ..
        }) => {
            let at = private_at(path.span());
            let whose = case.variant.map_or_else(
                || format!("struct `{ident}`"),
                |variant| format!("variant `{variant}`"),
            );
            let path_text = quote!(#path).to_string().replace(' ', "");
            let message = format!(
                "`status = {path_text}` on {whose} is not a 4xx or 5xx status: an error response is a client or server error"
            );
            Some(quote_spanned! {path.span()=>
                const _: #at::StatusCode = #at::error_status(#path, #message);
            })
        }
        _ => None,
    });
    let api_error = api_error_impl(model, &private);
    let std_impls = (!model.thiserror).then(|| {
        let display = display_body(model, &private);
        let source = source_body(model, &private);
        let froms = model
            .cases
            .iter()
            .filter_map(|case| from_impl(model, case, &private, &where_clause));
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::core::fmt::Display for #ident #ty_generics #where_clause {
                fn fmt(&self, __f: &mut #private::core::fmt::Formatter<'_>) -> #private::core::fmt::Result {
                    #display
                }
            }

            #[automatically_derived]
            impl #impl_generics #private::core::error::Error for #ident #ty_generics #where_clause {
                fn source(&self) -> #private::Option<&(dyn #private::core::error::Error + 'static)> {
                    #source
                }
            }

            #(#froms)*
        }
    });

    quote! {
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all, clippy::pedantic)]
        const _: () = {
            #import
            #(#status_checks)*
            #api_error
            #std_impls
            #private::impl_serialize! { [#impl_generics] [#ident #ty_generics] [#where_clause] }
            #private::impl_axum! { [#impl_generics] [#ident #ty_generics] [#where_clause] }
        };
    }
}

/// The name the runtime goes by inside the generated `const _` block. Everything generated
/// names the runtime through it, so that a `crate = "..."` path that does not resolve is one
/// unresolved import, not an error per use.
const ALIAS: &str = "__api_error";

/// `use <crate> as __api_error;`, first in the generated block.
pub(crate) fn import_runtime(krate: &syn::Path) -> TokenStream {
    let alias = Ident::new(ALIAS, Span::call_site());
    quote!(use #krate as #alias;)
}

/// `__api_error::__private` with `span`, so that an error about the call it starts points at
/// the user's code that asked for it.
pub(crate) fn private_at(span: Span) -> TokenStream {
    let alias = Ident::new(ALIAS, span);
    quote_spanned!(span=> #alias::__private)
}

/// The type's own where clause, plus what field types that mention a type parameter must
/// implement, plus `Type<T>: Debug` (for `Error`) when the type is generic.
fn where_clause(model: &Model<'_>, private: &TokenStream) -> WhereClause {
    let mut clause = model
        .generics
        .where_clause
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(where));
    for (ty, bound) in &model.bounds {
        let bound = match bound {
            Bound::Serialize => quote!(#private::serde::Serialize),
            Bound::Format(name) => {
                let name = format_ident!("{}", name);
                quote!(#private::core::fmt::#name)
            }
            Bound::Display => quote!(#private::core::fmt::Display),
            Bound::ApiError => quote!(#private::ApiError),
            Bound::Source => quote!(#private::core::error::Error + 'static),
        };
        clause.predicates.push(syn::parse_quote!(#ty: #bound));
    }
    if model.generics.type_params().next().is_some() {
        let ident = model.ident;
        let (_, ty_generics, _) = model.generics.split_for_impl();
        let needed = if model.thiserror {
            quote!(#private::core::error::Error)
        } else {
            quote!(#private::core::fmt::Debug)
        };
        clause
            .predicates
            .push(syn::parse_quote!(#ident #ty_generics: #needed));
    }
    clause
}

fn api_error_impl(model: &Model<'_>, private: &TokenStream) -> TokenStream {
    let ident = model.ident;
    let (impl_generics, ty_generics, _) = model.generics.split_for_impl();
    let where_clause = where_clause(model, private);

    let code = dispatch(model, |case| match &case.kind {
        Kind::Transparent => delegate(case, "code", &quote!()),
        Kind::Own(own) => (pattern(case, |_| false), {
            let code = &own.code;
            quote!(#code)
        }),
    });
    let status = dispatch(model, |case| match &case.kind {
        Kind::Transparent => delegate(case, "status", &quote!()),
        Kind::Own(own) => (pattern(case, |_| false), status_expr(own, private)),
    });
    let write_message = dispatch(model, |case| match &case.kind {
        Kind::Transparent => delegate(case, "write_message", &quote!(, __f)),
        Kind::Own(own) => message_arm(model, case, own, private),
    });
    let details = dispatch(model, |case| match &case.kind {
        Kind::Transparent => delegate(case, "details", &quote!(, __details)),
        Kind::Own(_) => {
            let adds = case.fields.iter().filter_map(|field| {
                let name = field.detail.as_ref()?;
                let binding = &field.binding;
                Some(quote_spanned!(field.ty.span()=> __details.add(#name, #binding);))
            });
            (
                pattern(case, |i| case.fields[i].detail.is_some()),
                quote!({ #(#adds)* }),
            )
        }
    });
    let headers = dispatch(model, |case| match &case.kind {
        Kind::Transparent => delegate(case, "headers", &quote!(, __headers)),
        Kind::Own(own) => {
            let fixed = own
                .headers
                .iter()
                .map(|(name, value)| quote!(__headers.append_static(#name, #value);));
            let from_fields = case.fields.iter().filter_map(|field| {
                let name = field.header.as_ref()?;
                let binding = &field.binding;
                Some(quote_spanned!(field.ty.span()=> __headers.append(#name, #binding);))
            });
            (
                pattern(case, |i| case.fields[i].header.is_some()),
                quote!({ #(#fixed)* #(#from_fields)* }),
            )
        }
    });
    let catalog = catalog_body(model, private);

    quote! {
        #[automatically_derived]
        impl #impl_generics #private::ApiError for #ident #ty_generics #where_clause {
            fn code(&self) -> &'static str {
                #code
            }

            fn status(&self) -> #private::StatusCode {
                #status
            }

            fn write_message(&self, __f: &mut #private::core::fmt::Formatter<'_>) -> #private::core::fmt::Result {
                #write_message
            }

            fn details(&self, __details: &mut #private::Details<'_>) {
                #details
            }

            fn headers(&self, __headers: &mut #private::Headers<'_>) {
                #headers
            }

            fn catalog() -> #private::Catalog {
                #catalog
            }
        }
    }
}

/// `match self { pattern => body, .. }` over every case; `match *self {}` for an enum with none.
fn dispatch(
    model: &Model<'_>,
    arm: impl Fn(&Case<'_>) -> (TokenStream, TokenStream),
) -> TokenStream {
    if model.cases.is_empty() {
        return quote!(match *self {});
    }
    let arms = model.cases.iter().map(|case| {
        let (pattern, body) = arm(case);
        quote!(#pattern => #body,)
    });
    quote! {
        match self {
            #(#arms)*
        }
    }
}

/// The pattern of a case, binding the fields for which `bind` is true to `__field_name` / `__field_0`.
fn pattern(case: &Case<'_>, bind: impl Fn(usize) -> bool) -> TokenStream {
    let path = match case.variant {
        Some(variant) => quote!(Self::#variant),
        None => quote!(Self),
    };
    match case.style {
        Style::Unit => path,
        Style::Tuple => {
            let items = case.fields.iter().enumerate().map(|(index, field)| {
                if bind(index) {
                    let binding = &field.binding;
                    quote!(#binding)
                } else {
                    quote!(_)
                }
            });
            quote!(#path(#(#items),*))
        }
        Style::Named => {
            let items = case
                .fields
                .iter()
                .enumerate()
                .filter(|(index, _)| bind(*index))
                .map(|(_, field)| {
                    let member = &field.member;
                    let binding = &field.binding;
                    quote!(#member: #binding)
                });
            quote!(#path { #(#items,)* .. })
        }
    }
}

/// A transparent case's arm: `method` of the wrapped error, with `args` after the error.
fn delegate(case: &Case<'_>, method: &str, args: &TokenStream) -> (TokenStream, TokenStream) {
    let method = Ident::new(method, Span::call_site());
    let field = &case.fields[0];
    let inner = &field.binding;
    let ty = field.ty;
    let span = ty.span();
    let private = private_at(span);
    // Named as `<Field as ApiError>`, like the catalog's call, so that a field that is not an
    // `ApiError` is one error on the field, not one per method.
    (
        pattern(case, |_| true),
        quote_spanned!(span=> <#ty as #private::ApiError>::#method(#inner #args)),
    )
}

fn status_expr(own: &Own<'_>, private: &TokenStream) -> TokenStream {
    match &own.status {
        Status::Code(code) => quote!(#private::status(#code)),
        Status::Path(path) => quote!(#path),
    }
}

fn message_arm(
    model: &Model<'_>,
    case: &Case<'_>,
    own: &Own<'_>,
    private: &TokenStream,
) -> (TokenStream, TokenStream) {
    let Some(message) = &own.message else {
        let body = if model.thiserror {
            quote!(#private::display_message(self, __f))
        } else {
            let status = status_expr(own, private);
            quote!(__f.write_str(#private::reason_phrase(#status)))
        };
        return (pattern(case, |_| false), body);
    };
    match &message.format {
        None => {
            let text = crate::message::unescape(&message.template);
            (pattern(case, |_| false), quote!(__f.write_str(#text)))
        }
        Some(format) => {
            let format = LitStr::new(format, message.span);
            let used = |index: usize| message.uses.iter().any(|(used, _)| *used == index);
            (
                pattern(case, used),
                quote!(#private::core::write!(__f, #format)),
            )
        }
    }
}

fn catalog_body(model: &Model<'_>, private: &TokenStream) -> TokenStream {
    let type_name = model.ident.to_string();
    let type_description = model.description.as_deref();
    let option = |value: Option<&str>| match value {
        Some(value) => quote!(#private::Option::Some(#value)),
        None => quote!(#private::Option::None),
    };
    let entries = model.cases.iter().map(|case| match &case.kind {
        Kind::Transparent => {
            let ty = case.fields[0].ty;
            let at = private_at(ty.span());
            quote_spanned!(ty.span()=> __catalog.append(<#ty as #at::ApiError>::catalog());)
        }
        Kind::Own(own) => {
            let variant = option(case.variant.map(ToString::to_string).as_deref());
            let code = &own.code;
            let status = status_expr(own, private);
            let message = option(own.message.as_ref().map(|m| m.template.as_str()));
            let description = option(case.description.as_deref());
            let type_description = option(type_description);
            quote! {
                __catalog.push(#private::CatalogEntry::new(
                    #type_name, #type_description, #variant, #code, #status, #message, #description,
                ));
            }
        }
    });
    quote! {
        let mut __catalog = #private::Catalog::new();
        #(#entries)*
        __catalog
    }
}

/// `Display` is the public message, except that a transparent case shows the wrapped error's
/// own `Display`.
fn display_body(model: &Model<'_>, private: &TokenStream) -> TokenStream {
    if !model
        .cases
        .iter()
        .any(|case| matches!(case.kind, Kind::Transparent))
    {
        return quote!(#private::ApiError::write_message(self, __f));
    }
    dispatch(model, |case| match &case.kind {
        Kind::Transparent => {
            let inner = &case.fields[0].binding;
            (
                pattern(case, |_| true),
                quote!(#private::core::fmt::Display::fmt(#inner, __f)),
            )
        }
        Kind::Own(_) => (
            pattern(case, |_| false),
            quote!(#private::ApiError::write_message(self, __f)),
        ),
    })
}

fn source_body(model: &Model<'_>, private: &TokenStream) -> TokenStream {
    dispatch(model, |case| match (&case.kind, case.source) {
        (Kind::Transparent, _) => {
            let inner = &case.fields[0].binding;
            (
                pattern(case, |_| true),
                quote!(#private::core::error::Error::source(#inner)),
            )
        }
        (Kind::Own(_), Some(index)) => {
            let field = &case.fields[index];
            let binding = &field.binding;
            let body = quote_spanned! {field.ty.span()=> {
                use #private::AsDynError as _;
                #private::Option::Some(#binding.as_dyn_error())
            }};
            (pattern(case, |i| i == index), body)
        }
        (Kind::Own(_), None) => (pattern(case, |_| false), quote!(#private::Option::None)),
    })
}

/// `impl From<Source> for Type`, for a case with a `#[from]` field.
fn from_impl(
    model: &Model<'_>,
    case: &Case<'_>,
    private: &TokenStream,
    where_clause: &WhereClause,
) -> Option<TokenStream> {
    let field = &case.fields[case.from?];
    let ident = model.ident;
    let (impl_generics, ty_generics, _) = model.generics.split_for_impl();
    let ty = field.ty;
    let path = match (model.shape, case.variant) {
        (Shape::Enum, Some(variant)) => quote!(Self::#variant),
        _ => quote!(Self),
    };
    let member = &field.member;
    let source: Ident = format_ident!("__source");
    Some(quote! {
        #[automatically_derived]
        impl #impl_generics #private::core::convert::From<#ty> for #ident #ty_generics #where_clause {
            fn from(#source: #ty) -> Self {
                #path { #member: #source }
            }
        }
    })
}
