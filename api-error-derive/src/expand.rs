//! Code generation from a validated [`Model`]. Nothing here can fail: every mistake of the
//! input was reported by `valid.rs` before this runs.
//!
//! Generated code names the runtime only through `<crate>::__private`, so it compiles in a crate
//! that depends on `api-error-core` alone, under `#![no_implicit_prelude]`, and with any prelude
//! name shadowed. Its own locals and parameters have mixed-site hygiene, so neither the user's
//! items nor tokens a `macro_rules!` passed in can capture them.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{LitStr, WhereClause};

use crate::message::BINDING_PREFIX;
use crate::model::{self, Bound, Case, Field, Kind, Model, Own, Shape, Status, Style};

/// ```text
/// const _: () = {
///     use ::api_error_core as __api_error;
///     const __status_NotFound: StatusCode = __private::error_status(PATH, "..."); // per path
///     impl ApiError for Type { fn code(&self) .. fn catalog() .. }
///     impl Display for Type { .. }             // unless thiserror writes it
///     impl Error for Type { fn source(&self) .. }
///     impl From<Inner> for Type { .. }         // per #[from]
///     __private::impl_integrations! { [impl generics] [Type] [where clause] { format: [..] cases: [..] } }
/// };
/// ```
pub(crate) fn expand(model: &Model<'_>) -> TokenStream {
    let generated = Gen::new(model);
    let private = &generated.private;
    let ident = model.ident;
    let (impl_generics, ty_generics, _) = model.generics.split_for_impl();
    let where_clause = &generated.where_clause;
    let status_consts = generated.status_consts();
    let api_error = generated.api_error_impl();
    let description = generated.description();
    let std_impls = (!model.thiserror).then(|| {
        let f = &generated.f;
        let display = generated.display_body();
        let source = generated.source_body();
        let froms = model.cases.iter().filter_map(|case| generated.conversion(case));
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::core::fmt::Display for #ident #ty_generics #where_clause {
                fn fmt(&self, #f: &mut #private::core::fmt::Formatter<'_>) -> #private::core::fmt::Result {
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
    wrap(
        model,
        &quote! {
            #(#status_consts)*
            #api_error
            #std_impls
            #private::impl_integrations! { [#impl_generics] [#ident #ty_generics] [#where_clause] #description }
        },
    )
}

/// `const _: () = { use <crate> as __api_error; #items };` with the lints generated code must
/// not raise in the user's crate.
pub(crate) fn wrap(model: &Model<'_>, items: &TokenStream) -> TokenStream {
    let krate = &model.krate;
    let alias = Ident::new(ALIAS, Span::call_site());
    quote! {
        #[allow(
            deprecated,
            non_snake_case,
            non_upper_case_globals,
            unused_qualifications,
            unused_results,
            clippy::all,
            clippy::pedantic
        )]
        const _: () = {
            use #krate as #alias;
            #items
        };
    }
}

/// The name the runtime goes by inside the generated `const _` block. Everything generated
/// names the runtime through it, so that a `crate = "..."` path that does not resolve is one
/// unresolved import, not an error per use.
const ALIAS: &str = "__api_error";

/// `__api_error::__private` with `span`, so that an error about the call it starts points at
/// the user's code that asked for it.
pub(crate) fn private_at(span: Span) -> TokenStream {
    let alias = Ident::new(ALIAS, span);
    quote_spanned!(span=> #alias::__private)
}

/// The type's own where clause, plus `Type<T>: Debug` (for `Error`) when the type is generic,
/// or `Type<T>: Error` when thiserror writes `Error`.
pub(crate) fn base_where_clause(model: &Model<'_>, private: &TokenStream) -> WhereClause {
    let mut clause = model
        .generics
        .where_clause
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(where));
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

/// The local a field is bound to in the generated `match`: `__field_id`, `__field_0`. Its span
/// is the field's, so a type error about it points at the field.
fn binding(field: &Field<'_>) -> Ident {
    let name = match &field.member {
        syn::Member::Named(ident) => model::unraw(ident),
        syn::Member::Unnamed(index) => index.index.to_string(),
    };
    let span = Span::mixed_site().located_at(field.ty.span());
    Ident::new(&format!("{BINDING_PREFIX}{name}"), span)
}

/// What every piece of generated code shares.
struct Gen<'m, 'a> {
    model: &'m Model<'a>,
    private: TokenStream,
    where_clause: WhereClause,
    /// Parameters and locals of the generated methods, mixed-site so that nothing a
    /// `macro_rules!` passes in can name them. (A constant of the same name in the user's scope
    /// would still clash: Rust lets no binding shadow a constant.)
    f: Ident,
    details: Ident,
    headers: Ident,
    catalog: Ident,
}

impl<'m, 'a> Gen<'m, 'a> {
    fn new(model: &'m Model<'a>) -> Self {
        let private = private_at(Span::call_site());
        let mut where_clause = base_where_clause(model, &private);
        for (ty, bound) in crate::bound::bounds(model) {
            let bound = match bound {
                Bound::Serialize => quote!(#private::serde::Serialize),
                Bound::Format(name) => {
                    let name = format_ident!("{}", name);
                    quote!(#private::core::fmt::#name)
                }
                Bound::ApiError => quote!(#private::ApiError),
                Bound::Source => quote!(#private::core::error::Error + 'static),
            };
            where_clause.predicates.push(syn::parse_quote!(#ty: #bound));
        }
        let local = |name| Ident::new(name, Span::mixed_site());
        Gen {
            model,
            private,
            where_clause,
            f: local("__f"),
            details: local("__details"),
            headers: local("__headers"),
            catalog: local("__catalog"),
        }
    }

    /// The constant a path status is checked in, and read from: one per declaration, so the
    /// enum's default is one constant however many variants use it.
    fn status_const(case: Option<&Case<'_>>) -> Ident {
        let name = match case.and_then(|case| case.variant) {
            Some(variant) => format!("__status_{}", model::unraw(variant)),
            None if case.is_some() => "__status".to_owned(),
            None => "__status_default".to_owned(),
        };
        Ident::new(&name, Span::mixed_site())
    }

    /// The constant holding the type's `format`, which the runtime checks when it is built.
    fn format_const() -> Ident {
        Ident::new("__format", Span::mixed_site())
    }

    fn status_consts(&self) -> Vec<TokenStream> {
        let model = self.model;
        let check = |path: &syn::Path, name: Ident, whose: String| {
            let at = private_at(path.span());
            let text = quote!(#path).to_string().replace(' ', "");
            let message = format!(
                "`status = {text}` on {whose} is not a 4xx or 5xx status: an error response is a client or server error"
            );
            quote_spanned! {path.span()=>
                const #name: #at::StatusCode = #at::error_status(#path, #message);
            }
        };
        let mut consts: Vec<TokenStream> = model
            .default_status
            .map(|path| {
                let whose = format!("enum `{}`", model::unraw(model.ident));
                check(path, Self::status_const(None), whose)
            })
            .into_iter()
            .collect();
        for case in &model.cases {
            if let Kind::Own(Own {
                status: Status::Path(path),
                ..
            }) = &case.kind
                && !self.is_default(path)
            {
                let whose = model::describe(case.variant, model.ident);
                consts.push(check(path, Self::status_const(Some(case)), whose));
            }
        }
        if let Some(format) = model.format {
            let at = private_at(format.span());
            let name = Self::format_const();
            consts.push(quote_spanned! {format.span()=>
                const #name: #at::Format = #at::format(#format);
            });
        }
        consts.extend(model.cases.iter().filter_map(|case| match &case.kind {
            Kind::Own(own) => Some(self.required_headers(case, own)),
            Kind::Transparent => None,
        }));
        consts
    }

    /// `const _: () = required_headers(STATUS, &["www-authenticate", ...]);`: the runtime knows
    /// which statuses HTTP requires a header on, and fails the build when the error's own
    /// headers, fixed or from fields, do not include it.
    fn required_headers(&self, case: &Case<'_>, own: &Own<'_>) -> TokenStream {
        let (span, status) = match &own.status {
            Status::Code(code) => (
                case.variant.map_or(own.code_span, Ident::span),
                quote!(#code),
            ),
            Status::Path(path) => {
                let status = self.status_expr(case, own);
                (path.span(), quote!(#status.as_u16()))
            }
        };
        let names = own
            .headers
            .iter()
            .map(|(name, _)| name)
            .chain(case.fields.iter().filter_map(|field| field.header.as_ref()));
        let at = private_at(span);
        quote_spanned! {span=>
            const _: () = #at::required_headers(#status, &[#(#names),*]);
        }
    }

    fn is_default(&self, path: &syn::Path) -> bool {
        self.model
            .default_status
            .is_some_and(|default| std::ptr::eq(default, path))
    }

    fn status_expr(&self, case: &Case<'_>, own: &Own<'_>) -> TokenStream {
        let private = &self.private;
        match &own.status {
            Status::Code(code) => quote!(#private::status(#code)),
            Status::Path(path) if self.is_default(path) => {
                let name = located(&Self::status_const(None), path.span());
                quote!(#name)
            }
            Status::Path(path) => {
                let name = located(&Self::status_const(Some(case)), path.span());
                quote!(#name)
            }
        }
    }

    fn api_error_impl(&self) -> TokenStream {
        let Gen {
            model,
            private,
            where_clause,
            f,
            details,
            headers,
            ..
        } = self;
        let ident = model.ident;
        let (impl_generics, ty_generics, _) = model.generics.split_for_impl();

        let code = self.dispatch(|case| match &case.kind {
            Kind::Transparent => Self::delegate(case, "code", &quote!()),
            Kind::Own(own) => {
                let code = &own.code;
                (pattern(case, |_| false), quote!(#code))
            }
        });
        let status = self.dispatch(|case| match &case.kind {
            Kind::Transparent => Self::delegate(case, "status", &quote!()),
            Kind::Own(own) => (pattern(case, |_| false), self.status_expr(case, own)),
        });
        let write_message = self.dispatch(|case| match &case.kind {
            Kind::Transparent => Self::delegate(case, "write_message", &quote!(, #f)),
            Kind::Own(own) => self.message_arm(case, own),
        });
        let (details_body, headers_body) = (self.details_body(), self.headers_body());
        let static_body =
            self.dispatch_some(&quote!(#private::Option::None), |case| match &case.kind {
                Kind::Transparent => Some(Self::delegate(case, "static_body", &quote!())),
                Kind::Own(own) => Some((pattern(case, |_| false), self.static_body(case, own)?)),
            });
        let (format, summary) = (self.format_body(), self.summary_body());
        let catalog = self.catalog_body();

        quote! {
            #[automatically_derived]
            impl #impl_generics #private::ApiError for #ident #ty_generics #where_clause {
                fn code(&self) -> &'static str {
                    #code
                }

                fn status(&self) -> #private::StatusCode {
                    #status
                }

                fn write_message(&self, #f: &mut #private::core::fmt::Formatter<'_>) -> #private::core::fmt::Result {
                    #write_message
                }

                fn details(&self, #details: &mut #private::Details<'_>) {
                    #details_body
                }

                fn headers(&self, #headers: &mut #private::Headers<'_>) {
                    #headers_body
                }

                fn static_body(&self) -> #private::Option<&'static [u8]> {
                    #static_body
                }

                fn format(&self) -> #private::Option<#private::Format> {
                    #format
                }

                fn summary(&self) -> #private::Option<&'static str> {
                    #summary
                }

                fn catalog() -> #private::Catalog {
                    #catalog
                }
            }
        }
    }

    /// `details()`: each detail of the case passed on, or the wrapped error's.
    fn details_body(&self) -> TokenStream {
        let details = &self.details;
        self.dispatch_some(&quote!({}), |case| match &case.kind {
            Kind::Transparent => Some(Self::delegate(case, "details", &quote!(, #details))),
            Kind::Own(_) => {
                let adds: Vec<TokenStream> = case
                    .fields
                    .iter()
                    .filter_map(|field| {
                        let name = field.detail.as_ref()?;
                        let binding = binding(field);
                        let span = Span::mixed_site().located_at(field.ty.span());
                        let name = LitStr::new(name, span);
                        Some(quote_spanned!(span=> #details.add(#name, #binding);))
                    })
                    .collect();
                (!adds.is_empty()).then(|| {
                    (
                        pattern(case, |i| case.fields[i].detail.is_some()),
                        quote!({ #(#adds)* }),
                    )
                })
            }
        })
    }

    /// `headers()`: each header of the case, fixed or from a field, or the wrapped error's.
    fn headers_body(&self) -> TokenStream {
        let headers = &self.headers;
        self.dispatch_some(&quote!({}), |case| match &case.kind {
            Kind::Transparent => Some(Self::delegate(case, "headers", &quote!(, #headers))),
            Kind::Own(own) => {
                let fixed = own
                    .headers
                    .iter()
                    .map(|(name, value)| quote!(#headers.append_static(#name, #value);));
                let from_fields = case.fields.iter().filter_map(|field| {
                    let name = field.header.as_ref()?;
                    let binding = binding(field);
                    let span = Span::mixed_site().located_at(field.ty.span());
                    let name = LitStr::new(name, span);
                    Some(quote_spanned!(span=> #headers.append(#name, #binding);))
                });
                let appends: Vec<TokenStream> = fixed.chain(from_fields).collect();
                (!appends.is_empty()).then(|| {
                    (
                        pattern(case, |i| case.fields[i].header.is_some()),
                        quote!({ #(#appends)* }),
                    )
                })
            }
        })
    }

    /// `format()`: the type's own `format`, else the wrapped error's for a transparent case.
    fn format_body(&self) -> TokenStream {
        let private = &self.private;
        match self.model.format {
            Some(_) => {
                let name = Self::format_const();
                quote!(#private::Option::Some(#name))
            }
            None => self.dispatch_some(&quote!(#private::Option::None), |case| {
                matches!(case.kind, Kind::Transparent)
                    .then(|| Self::delegate(case, "format", &quote!()))
            }),
        }
    }

    /// `summary()`: the first paragraph of the case's doc comment, or the wrapped error's.
    fn summary_body(&self) -> TokenStream {
        let private = &self.private;
        self.dispatch_some(&quote!(#private::Option::None), |case| match &case.kind {
            Kind::Transparent => Some(Self::delegate(case, "summary", &quote!())),
            Kind::Own(_) => {
                let description = case.description.as_ref()?;
                Some((
                    pattern(case, |_| false),
                    quote!(#private::Option::Some(#description)),
                ))
            }
        })
    }

    /// What `impl_integrations!` hands to each integration: the type's format and every case,
    /// in the grammar of the runtime's `integrations` module.
    fn description(&self) -> TokenStream {
        let format = self.model.format.iter();
        let cases = self.model.cases.iter().map(|case| self.describe_case(case));
        quote!({ format: [#(#format)*] cases: [#(#cases)*] })
    }

    fn describe_case(&self, case: &Case<'_>) -> TokenStream {
        let variant = case.variant.iter();
        let style = match case.style {
            Style::Unit => quote!(unit),
            Style::Tuple => quote!(tuple),
            Style::Named => quote!(named),
        };
        let fields = case.fields.iter().enumerate().map(|(index, field)| {
            let member = &field.member;
            let ty = field.ty;
            let detail = field.detail.iter();
            let header = field.header.iter();
            let source = if case.from == Some(index) {
                quote!(from)
            } else if case.source.is_some_and(|source| source.index == index) {
                quote!(source)
            } else {
                quote!()
            };
            quote! {
                { member: [#member] ty: [#ty] detail: [#(#detail)*] header: [#(#header)*] source: [#source] }
            }
        });
        let Kind::Own(own) = &case.kind else {
            return quote! {
                transparent { variant: [#(#variant)*] style: [#style] fields: [#(#fields)*] }
            };
        };
        let code = &own.code;
        let status = self.status_expr(case, own);
        let message = match (
            &own.message,
            &own.display_template,
            self.model.thiserror,
            &own.status,
        ) {
            (Some(message), ..) => {
                let template = &message.template;
                quote!(declared #template)
            }
            (None, Some(_), true, Status::Code(code)) if *code >= 500 => quote!(),
            (None, Some(template), true, _) => quote!(display #template),
            _ => quote!(),
        };
        let summary = case.description.iter();
        let headers = own
            .headers
            .iter()
            .map(|(name, value)| quote!((#name, #value)));
        quote! {
            own {
                variant: [#(#variant)*]
                style: [#style]
                code: [#code]
                status: [#status]
                message: [#message]
                summary: [#(#summary)*]
                fields: [#(#fields)*]
                headers: [#(#headers)*]
            }
        }
    }

    /// `match self { pattern => body, .. }` over every case; `match *self {}` for an enum with
    /// none.
    fn dispatch(&self, arm: impl Fn(&Case<'_>) -> (TokenStream, TokenStream)) -> TokenStream {
        if self.model.cases.is_empty() {
            return quote!(match *self {});
        }
        let arms = self.model.cases.iter().map(|case| {
            let (pattern, body) = arm(case);
            quote!(#pattern => #body,)
        });
        quote! {
            match self {
                #(#arms)*
            }
        }
    }

    /// `match self { .. }` over the cases `arm` has something to say about, and `default` for
    /// the others; `default` alone when no case has: the cases that would all say the same are
    /// one arm, or no `match` at all, which is less for the compiler to check.
    fn dispatch_some(
        &self,
        default: &TokenStream,
        arm: impl Fn(&Case<'_>) -> Option<(TokenStream, TokenStream)>,
    ) -> TokenStream {
        let arms: Vec<TokenStream> = self
            .model
            .cases
            .iter()
            .filter_map(arm)
            .map(|(pattern, body)| quote!(#pattern => #body,))
            .collect();
        if arms.is_empty() {
            return default.clone();
        }
        let rest = (arms.len() < self.model.cases.len()).then(|| quote!(_ => #default,));
        quote! {
            match self {
                #(#arms)*
                #rest
            }
        }
    }

    /// A transparent case's arm: `method` of the wrapped error, with `args` after the error.
    /// Named as `<Field as ApiError>`, like the catalog's call, so that a field that is not an
    /// `ApiError` is one error on the field, not one per method.
    fn delegate(case: &Case<'_>, method: &str, args: &TokenStream) -> (TokenStream, TokenStream) {
        let method = Ident::new(method, Span::call_site());
        let field = &case.fields[0];
        let inner = binding(field);
        let ty = field.ty;
        let private = private_at(ty.span());
        (
            pattern(case, |_| true),
            quote_spanned!(ty.span()=> <#ty as #private::ApiError>::#method(#inner #args)),
        )
    }

    /// The body, built by a constant, of an error whose message and details show no field, or
    /// `None` for any other error:
    ///
    /// ```text
    /// {
    ///     const __BODY: &[u8] = &static_body::<{ static_body_len(CODE, MESSAGE) }>(CODE, MESSAGE);
    ///     Some(__BODY)
    /// }
    /// ```
    fn static_body(&self, case: &Case<'_>, own: &Own<'_>) -> Option<TokenStream> {
        let private = &self.private;
        if case.fields.iter().any(|field| field.detail.is_some()) {
            return None;
        }
        let reason = || {
            let status = self.status_expr(case, own);
            quote!(#private::error_reason_phrase(#status.as_u16()))
        };
        let message = match (&own.message, self.model.thiserror, &own.status) {
            (Some(message), _, _) if message.format.is_none() => {
                let text = crate::message::unescape(&message.template);
                quote!(#text)
            }
            (None, false, _) => reason(),
            // With thiserror: a 5xx says its reason phrase, a 4xx its `Display`, which is fixed
            // when `#[error("...")]` has no placeholder.
            (None, true, Status::Code(code)) if *code >= 500 => reason(),
            (None, true, Status::Code(_)) => match &own.display_template {
                Some(text) if !text.contains(['{', '}']) => quote!(#text),
                _ => return None,
            },
            _ => return None,
        };
        let code = &own.code;
        let body = Ident::new("__BODY", Span::mixed_site());
        Some(quote! {{
            const #body: &[u8] = &#private::static_body::<
                { #private::static_body_len(#code, #message) },
            >(#code, #message);
            #private::Option::Some(#body)
        }})
    }

    fn message_arm(&self, case: &Case<'_>, own: &Own<'_>) -> (TokenStream, TokenStream) {
        let Gen { private, f, .. } = self;
        let Some(message) = &own.message else {
            let body = if self.model.thiserror {
                quote!(#private::display_message(self, #f))
            } else {
                let status = self.status_expr(case, own);
                quote!(#f.write_str(#private::reason_phrase(#status)))
            };
            return (pattern(case, |_| false), body);
        };
        let Some(format) = &message.format else {
            let text = crate::message::unescape(&message.template);
            return (pattern(case, |_| false), quote!(#f.write_str(#text)));
        };
        let format = LitStr::new(format, message.span);
        let mut used: Vec<usize> = message.uses.iter().map(|(index, _)| *index).collect();
        used.sort_unstable();
        used.dedup();
        // Named arguments, not implicit capture: the format string may come from a
        // `macro_rules!` whose hygiene the bindings do not share.
        let args = used.iter().map(|&index| {
            let binding = binding(&case.fields[index]);
            let name = Ident::new(&binding.to_string(), Span::call_site());
            quote!(#name = #binding)
        });
        (
            pattern(case, |index| used.contains(&index)),
            quote!(#private::core::write!(#f, #format, #(#args),*)),
        )
    }

    fn catalog_body(&self) -> TokenStream {
        let Gen {
            model,
            private,
            catalog,
            ..
        } = self;
        let option = |value: Option<&str>| match value {
            Some(value) => quote!(#private::Option::Some(#value)),
            None => quote!(#private::Option::None),
        };
        let type_description = option(model.description.as_deref());
        let entries = model.cases.iter().map(|case| match &case.kind {
            Kind::Transparent => {
                let ty = case.fields[0].ty;
                let at = private_at(ty.span());
                let catalog = catalog.clone();
                quote_spanned!(ty.span()=> #catalog.append(<#ty as #at::ApiError>::catalog());)
            }
            Kind::Own(own) => {
                let variant = option(case.variant.map(model::unraw).as_deref());
                let code = &own.code;
                let status = self.status_expr(case, own);
                let message = self.catalog_message(own, &status);
                let description = option(case.description.as_deref());
                let details: Vec<&String> = case
                    .fields
                    .iter()
                    .filter_map(|field| field.detail.as_ref())
                    .collect();
                let headers: Vec<&String> = own
                    .headers
                    .iter()
                    .map(|(name, _)| name)
                    .chain(case.fields.iter().filter_map(|field| field.header.as_ref()))
                    .collect();
                let details =
                    (!details.is_empty()).then(|| quote!(.with_details(&[#(#details),*])));
                let headers =
                    (!headers.is_empty()).then(|| quote!(.with_headers(&[#(#headers),*])));
                quote! {
                    #catalog.push(#private::CatalogEntry::new(
                        #private::core::any::type_name::<Self>(),
                        #type_description,
                        #variant,
                        #code,
                        #status,
                        #message,
                        #description,
                    )#details #headers);
                }
            }
        });
        quote! {
            let mut #catalog = #private::Catalog::new();
            #(#entries)*
            #catalog
        }
    }

    /// The message template of the catalog: the declared one, or with thiserror the
    /// `#[error("...")]` text of a 4xx, or none for the reason phrase.
    fn catalog_message(&self, own: &Own<'_>, status: &TokenStream) -> TokenStream {
        let private = &self.private;
        if let Some(message) = &own.message {
            let template = &message.template;
            return quote!(#private::Option::Some(#template));
        }
        match (&own.display_template, &own.status) {
            (Some(template), Status::Code(code)) if *code < 500 => {
                quote!(#private::Option::Some(#template))
            }
            (Some(template), Status::Path(_)) => quote! {
                if #status.is_server_error() {
                    #private::Option::None
                } else {
                    #private::Option::Some(#template)
                }
            },
            _ => quote!(#private::Option::None),
        }
    }

    /// `Display` is the public message, except that a transparent case shows the wrapped
    /// error's own `Display`.
    fn display_body(&self) -> TokenStream {
        let Gen { private, f, .. } = self;
        if !self
            .model
            .cases
            .iter()
            .any(|case| matches!(case.kind, Kind::Transparent))
        {
            return quote!(#private::ApiError::write_message(self, #f));
        }
        self.dispatch(|case| match &case.kind {
            Kind::Transparent => {
                let inner = binding(&case.fields[0]);
                (
                    pattern(case, |_| true),
                    quote!(#private::core::fmt::Display::fmt(#inner, #f)),
                )
            }
            Kind::Own(_) => (
                pattern(case, |_| false),
                quote!(#private::ApiError::write_message(self, #f)),
            ),
        })
    }

    fn source_body(&self) -> TokenStream {
        let private = &self.private;
        self.dispatch(|case| match (&case.kind, case.source) {
            (Kind::Transparent, _) => {
                let inner = binding(&case.fields[0]);
                (
                    pattern(case, |_| true),
                    quote!(#private::core::error::Error::source(#inner)),
                )
            }
            (Kind::Own(_), Some(source)) => {
                let field = &case.fields[source.index];
                let binding = binding(field);
                let body = if source.optional {
                    let inner = Ident::new("__source", Span::mixed_site());
                    quote_spanned! {field.ty.span()=> {
                        use #private::AsDynError as _;
                        #private::Option::map(
                            #private::Option::as_ref(#binding),
                            |#inner| #inner.as_dyn_error(),
                        )
                    }}
                } else {
                    quote_spanned! {field.ty.span()=> {
                        use #private::AsDynError as _;
                        #private::Option::Some(#binding.as_dyn_error())
                    }}
                };
                (pattern(case, |i| i == source.index), body)
            }
            (Kind::Own(_), None) => (pattern(case, |_| false), quote!(#private::Option::None)),
        })
    }

    /// `impl From<Source> for Type`, for a case with a `#[from]` field.
    fn conversion(&self, case: &Case<'_>) -> Option<TokenStream> {
        let Gen {
            model,
            private,
            where_clause,
            ..
        } = self;
        let field = &case.fields[case.from?];
        let ident = model.ident;
        let (impl_generics, ty_generics, _) = model.generics.split_for_impl();
        let ty = field.ty;
        let path = match (model.shape, case.variant) {
            (Shape::Enum, Some(variant)) => quote!(Self::#variant),
            _ => quote!(Self),
        };
        let member = &field.member;
        let source = Ident::new("__source", Span::mixed_site());
        Some(quote! {
            #[automatically_derived]
            impl #impl_generics #private::core::convert::From<#ty> for #ident #ty_generics #where_clause {
                fn from(#source: #ty) -> Self {
                    #path { #member: #source }
                }
            }
        })
    }
}

/// `ident`, reported at `span`: the same name to the compiler, but an error about it points at
/// the user's code.
fn located(ident: &Ident, span: Span) -> Ident {
    let mut ident = ident.clone();
    ident.set_span(ident.span().located_at(span));
    ident
}

/// The pattern of a case, binding the fields for which `bind` is true (see [`binding`]).
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
                    let binding = binding(field);
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
                    let binding = binding(field);
                    quote!(#member: #binding)
                });
            quote!(#path { #(#items,)* .. })
        }
    }
}
