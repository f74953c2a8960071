//! `impl ApiError`: each method a `match` over the cases, a transparent case delegating to the
//! error it wraps.

use api_error_rules::is_json_plain;
use api_error_rules::members::MemberNames;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{LitByteStr, LitStr};

use super::{Gen, binding, checks, pattern, private_at};
use crate::message::unescape;
use crate::model::{Case, Kind, Message, MessageSource, Own, Shown, Status, unraw};

impl Gen<'_, '_> {
    pub(super) fn api_error_impl(&self) -> TokenStream {
        let Gen {
            private,
            f,
            details,
            headers,
            ..
        } = self;
        let head = self.head.of(&quote!(#private::ApiError));

        let code = self.dispatch(|case| match &case.kind {
            Kind::Transparent => Self::delegate(case, "code", &quote!()),
            Kind::Own(own) => {
                let code = &own.code;
                (pattern(case, |_| false), quote!(#code))
            }
        });
        let status = self.dispatch(|case| match &case.kind {
            Kind::Transparent => Self::delegate(case, "status", &quote!()),
            Kind::Own(own) => (
                pattern(case, |i| own.status.fields().contains(&i)),
                self.status_expr(case, own),
            ),
        });
        let write_message = self.dispatch(|case| match &case.kind {
            Kind::Transparent => Self::delegate(case, "write_message", &quote!(, #f)),
            Kind::Own(own) => self.message_arm(case, own),
        });
        // The methods whose body would be the trait's default are left out.
        let details_body = self.details_body().map(|body| {
            quote! {
                fn details(&self, #details: &mut #private::Details<'_>) {
                    #body
                }
            }
        });
        let headers_body = self.headers_body().map(|body| {
            quote! {
                fn headers(&self, #headers: &mut #private::Headers<'_>) {
                    #body
                }
            }
        });
        let arguments = self.arguments_method();
        let static_body = self
            .dispatch_any(&quote!(#private::Option::None), |case| match &case.kind {
                Kind::Transparent => Some(Self::delegate(case, "static_body", &quote!())),
                Kind::Own(own) => Some((pattern(case, |_| false), self.static_body(case, own)?)),
            })
            .map(|body| {
                quote! {
                    fn static_body(&self) -> #private::Option<&'static [u8]> {
                        #body
                    }
                }
            });
        let fixed_format = self.fixed_format_body().map(|body| {
            quote! {
                fn fixed_format(&self) -> #private::Option<#private::Format> {
                    #body
                }
            }
        });
        let summary = self.summary_body().map(|body| {
            quote! {
                fn summary(&self) -> #private::Option<&'static str> {
                    #body
                }
            }
        });
        let plain_strings = self.plain_strings_body();
        let declared = self.declared_method();
        let violations = self.violations_method();
        let catalog = self.catalog_body();

        quote! {
            #head {
                fn code(&self) -> &'static str {
                    #code
                }

                fn status(&self) -> #private::StatusCode {
                    #status
                }

                fn write_message(&self, #f: &mut #private::core::fmt::Formatter<'_>) -> #private::core::fmt::Result {
                    #write_message
                }

                #details_body

                #headers_body

                #arguments

                #static_body

                #fixed_format

                #summary

                fn plain_strings(&self) -> bool {
                    #plain_strings
                }

                #declared

                #violations

                fn catalog() -> #private::Catalog {
                    #catalog
                }
            }
        }
    }

    /// `write_message()`'s arm for an own case: the declared message, thiserror's `Display`
    /// (through the runtime, which knows when a status is 5xx), or the reason phrase.
    fn message_arm(&self, case: &Case<'_>, own: &Own<'_>) -> (TokenStream, TokenStream) {
        let Gen { private, f, .. } = self;
        let body = match &own.message {
            MessageSource::Template(message) => return self.formatted_message(case, message),
            MessageSource::Fixed(template) => {
                let text = unescape(template);
                quote!(#f.write_str(#text))
            }
            MessageSource::Display(_) | MessageSource::DisplayUnlessServerError(_) => {
                quote!(#private::display_message(self, #f))
            }
            MessageSource::Reason => {
                let status = self.status_expr(case, own);
                let pattern = pattern(case, |i| own.status.fields().contains(&i));
                return (
                    pattern,
                    quote!(#f.write_str(#private::reason_phrase(#status))),
                );
            }
        };
        (pattern(case, |_| false), body)
    }

    /// `write!(f, "Order {__field_id} ...", __field_id = __field_id)`, binding the fields shown.
    fn formatted_message(&self, case: &Case<'_>, message: &Message) -> (TokenStream, TokenStream) {
        let Gen { private, f, .. } = self;
        let format = LitStr::new(&message.format, message.span);
        let mut shown: Vec<usize> = message.uses.iter().map(|(index, _)| *index).collect();
        shown.sort_unstable();
        shown.dedup();
        // Named arguments, not implicit capture: the format string may come from a
        // `macro_rules!` whose hygiene the bindings do not share. The message's own arguments
        // come first, its positional ones before any named one, as `format_args!` wants them.
        let fields = shown.iter().map(|&index| {
            let field = &case.fields[index];
            let binding = binding(field);
            let name = Ident::new(&binding.to_string(), Span::call_site());
            // A path shown with `{path}` is shown by its `display()`.
            let displayed = message
                .uses
                .iter()
                .filter(|(i, _)| *i == index)
                .all(|(_, trait_name)| *trait_name == "Display");
            // `{:p}` shows where the field points (a `Box`'s contents), as thiserror does, not
            // where the field itself is.
            let pointed = message
                .uses
                .iter()
                .any(|(i, trait_name)| *i == index && *trait_name == "Pointer");
            if displayed && crate::ast::is_path(field.ty) {
                quote!(#name = #binding.display())
            } else if pointed {
                quote!(#name = *#binding)
            } else {
                quote!(#name = #binding)
            }
        });
        let args = message.arguments.iter().cloned().chain(fields);
        let bound = |index| shown.contains(&index) || message.argument_fields.contains(&index);
        (
            pattern(case, bound),
            quote!(#private::core::write!(#f, #format, #(#args),*)),
        )
    }

    /// The body of an error whose message and details show no field, or `None` for any other
    /// error: a byte string written here, when the message is known (declared, thiserror's
    /// literal text, or the reason phrase of a literal status), in the layout and with the
    /// escapes of `api_error_rules`, which the runtime's renderer writes with too; else, for a
    /// status given as a path, built by a constant:
    ///
    /// ```text
    /// Some(b"{\"code\":\"ORDER_GONE\",\"message\":\"Order gone\"}")
    /// {
    ///     const __BODY: &[u8] = &static_body::<{ static_body_len(CODE, MESSAGE) }>(CODE, MESSAGE);
    ///     Some(__BODY)
    /// }
    /// ```
    fn static_body(&self, case: &Case<'_>, own: &Own<'_>) -> Option<TokenStream> {
        let private = &self.private;
        if case.detail_names().next().is_some() || case.violations().is_some() {
            return None;
        }
        let known = |text: &str| {
            let bytes = LitByteStr::new(&static_body(&own.code, text), Span::call_site());
            quote!(#private::Option::Some(#bytes))
        };
        let message = match &own.message {
            MessageSource::Fixed(template) => return Some(known(&unescape(template))),
            // thiserror's `Display` of a 4xx is fixed when `#[error("...")]` has no placeholder.
            MessageSource::Display(Some(text)) if !text.contains(['{', '}']) => {
                return Some(known(text));
            }
            MessageSource::Reason => match own.status {
                Status::Code(code) => {
                    return Some(known(api_error_rules::error_reason_phrase(code)));
                }
                Status::Path(_) | Status::Inherited(_) => {
                    let status = self.status_expr(case, own);
                    quote!(#private::error_reason_phrase(#status.as_u16()))
                }
                // The reason phrase of a status chosen at run time is not one text.
                Status::Chosen(_) => return None,
            },
            MessageSource::Template(_)
            | MessageSource::Display(_)
            | MessageSource::DisplayUnlessServerError(_) => return None,
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

    /// `details()`: each detail of the case passed on, or the wrapped error's.
    fn details_body(&self) -> Option<TokenStream> {
        let details = &self.details;
        self.dispatch_any(&quote!({}), |case| match &case.kind {
            Kind::Transparent => Some(Self::delegate(case, "details", &quote!(, #details))),
            Kind::Own(_) => {
                // Each detail's problem details member, among the case's details in order,
                // worked out here once rather than at every response.
                let mut members = MemberNames::new();
                let adds: Vec<TokenStream> = case
                    .fields
                    .iter()
                    .filter(|field| field.detail.is_some())
                    .enumerate()
                    .filter_map(|(index, field)| {
                        let declared = field.detail.as_ref()?;
                        let binding = binding(field);
                        let span = Span::mixed_site().located_at(field.ty.span());
                        let name = LitStr::new(declared, span);
                        let member = LitStr::new(&members.next(declared).text(), span);
                        // A name that needs escaping goes the way of a name given by hand.
                        Some(if is_json_plain(declared) {
                            quote_spanned!(span=> #details.add_declared((#name, #member, #index), #binding);)
                        } else {
                            quote_spanned!(span=> #details.add(#name, #binding);)
                        })
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

    /// `violations()`, when a case carries violations or wraps an error that may: the field
    /// marked `violations`, or the wrapped error's.
    fn violations_method(&self) -> Option<TokenStream> {
        let private = &self.private;
        let carried = self
            .model
            .cases
            .iter()
            .any(|case| matches!(case.kind, Kind::Transparent) || case.violations().is_some());
        if !carried {
            return None;
        }
        let body = self.dispatch_some(&quote!(#private::Option::None), |case| match &case.kind {
            Kind::Transparent => Some(Self::delegate(case, "violations", &quote!())),
            Kind::Own(_) => {
                let field = case.violations()?;
                let binding = binding(field);
                let ty = field.ty;
                let private = private_at(ty.span());
                Some((
                    pattern(case, |i| case.fields[i].violations),
                    quote_spanned!(ty.span()=> <#ty as #private::ViolationsField>::violations(#binding)),
                ))
            }
        });
        Some(quote! {
            fn violations(&self) -> #private::Option<&#private::Violations> {
                #body
            }
        })
    }

    /// `headers()`: each header of the case, fixed or from a field, or the wrapped error's.
    fn headers_body(&self) -> Option<TokenStream> {
        let headers = &self.headers;
        self.dispatch_any(&quote!({}), |case| match &case.kind {
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

    /// `fixed_format()`: the type's own `format`, else the wrapped error's for a transparent case.
    fn fixed_format_body(&self) -> Option<TokenStream> {
        let private = &self.private;
        match self.model.format {
            Some(_) => {
                let name = checks::format_const();
                Some(quote!(#private::Option::Some(#name)))
            }
            None => self.dispatch_any(&quote!(#private::Option::None), |case| {
                matches!(case.kind, Kind::Transparent)
                    .then(|| Self::delegate(case, "fixed_format", &quote!()))
            }),
        }
    }

    /// `summary()`: the first paragraph of the case's doc comment, or the wrapped error's.
    fn summary_body(&self) -> Option<TokenStream> {
        let private = &self.private;
        self.dispatch_any(&quote!(#private::Option::None), |case| match &case.kind {
            Kind::Transparent => Some(Self::delegate(case, "summary", &quote!())),
            Kind::Own(_) => {
                let summary = case.summary.as_ref()?;
                Some((
                    pattern(case, |_| false),
                    quote!(#private::Option::Some(#summary)),
                ))
            }
        })
    }
}

impl Gen<'_, '_> {
    /// `message_arguments()`, for a type with a case whose message shows a field or that wraps
    /// another error: each field the message shows (but a source) passed by its variable's name,
    /// a number as a number where its type is one, or the wrapped error's.
    ///
    /// ```text
    /// fn message_arguments(&self, __arguments: &mut Arguments<'_>) {
    ///     use __private::{ArgumentAsNumber as _, ArgumentAsText as _, ..};
    ///     match self {
    ///         Self::NotPending { id: __field_id, .. } => {
    ///             (&&&&__private::ArgumentProbe(__field_id)).pass(__arguments, "id");
    ///         }
    ///         Self::Auth(__field_0) => __field_0.message_arguments(__arguments),
    ///         _ => {}
    ///     }
    /// }
    /// ```
    fn arguments_method(&self) -> Option<TokenStream> {
        let private = &self.private;
        let arguments = Ident::new("__arguments", Span::mixed_site());
        if !self
            .model
            .cases
            .iter()
            .any(|case| self.arguments_arm(case, &arguments).is_some())
        {
            return None;
        }
        let body = self.dispatch_some(&quote!({}), |case| self.arguments_arm(case, &arguments));
        let names = self.argument_names_body();
        // Only a translation reads them: a build without feature `fluent` does not check them.
        Some(quote! {
            #private::if_fluent! {
                fn message_arguments(&self, #arguments: &mut #private::Arguments<'_>) {
                    #[allow(unused_imports)]
                    use #private::{ArgumentAsDebug as _, ArgumentAsNumber as _, ArgumentAsText as _, ArgumentNotShown as _};
                    #body
                }

                fn message_argument_names(&self) -> #private::Option<&'static [&'static str]> {
                    #names
                }
            }
        })
    }

    /// The fields of an own case that `message_arguments()` passes, in order: each with its
    /// index, its variable's name and the format it is shown with (`None`: as a number where it
    /// is one, else its `Display`).
    pub(super) fn passed_fields(case: &Case<'_>) -> Vec<(usize, String, Option<&'static str>)> {
        case.fields
            .iter()
            .enumerate()
            .filter(|&(index, _)| !case.is_source(index))
            .filter_map(|(index, field)| {
                let shown = case.shown(index)?;
                let member = match &field.member {
                    syn::Member::Named(ident) => unraw(ident),
                    syn::Member::Unnamed(index) => index.index.to_string(),
                };
                let name = api_error_rules::fluent::variable(&member)?.into_owned();
                let spec = match shown {
                    // A path has no `Display`: its `display()` is passed, as text.
                    Shown::ByAnotherDerive | Shown::With("Display")
                        if crate::ast::is_path(field.ty) =>
                    {
                        Some("{}")
                    }
                    Shown::ByAnotherDerive | Shown::With("Display") => None,
                    Shown::With("Debug") => Some("{:?}"),
                    Shown::With("LowerHex") => Some("{:x}"),
                    Shown::With("UpperHex") => Some("{:X}"),
                    Shown::With("Octal") => Some("{:o}"),
                    Shown::With("Binary") => Some("{:b}"),
                    Shown::With("LowerExp") => Some("{:e}"),
                    Shown::With("UpperExp") => Some("{:E}"),
                    Shown::With(_) => Some("{:p}"),
                };
                Some((index, name, spec))
            })
            .collect()
    }

    /// The arm of `message_arguments()` for `case`, or `None` when it passes nothing.
    fn arguments_arm(
        &self,
        case: &Case<'_>,
        arguments: &Ident,
    ) -> Option<(TokenStream, TokenStream)> {
        let private = &self.private;
        match &case.kind {
            Kind::Transparent => Some(Self::delegate(
                case,
                "message_arguments",
                &quote!(, #arguments),
            )),
            Kind::Own(_) => {
                let passed = Self::passed_fields(case);
                if passed.is_empty() {
                    return None;
                }
                let calls = passed.iter().map(|(index, name, spec)| {
                    let field = &case.fields[*index];
                    let binding = binding(field);
                    let value = if crate::ast::is_path(field.ty) && *spec == Some("{}") {
                        quote!(#binding.display())
                    } else if *spec == Some("{:p}") {
                        quote!(*#binding)
                    } else {
                        quote!(#binding)
                    };
                    match spec {
                        None => quote! {
                            (&&&&#private::ArgumentProbe(#binding)).pass(#arguments, #name);
                        },
                        Some(spec) => quote! {
                            #arguments.text(#name, &#private::core::format_args!(#spec, #value));
                        },
                    }
                });
                let indices: Vec<usize> = passed.iter().map(|(index, ..)| *index).collect();
                Some((
                    pattern(case, |index| indices.contains(&index)),
                    quote!({ #(#calls)* }),
                ))
            }
        }
    }

    /// `message_argument_names()`: the names `message_arguments()` passes, in its order, a
    /// static slice per case, so that a translation is checked against them without a pass
    /// over the values.
    fn argument_names_body(&self) -> TokenStream {
        let private = &self.private;
        self.dispatch(|case| match &case.kind {
            Kind::Transparent => Self::delegate(case, "message_argument_names", &quote!()),
            Kind::Own(_) => {
                let names = Self::passed_fields(case)
                    .into_iter()
                    .map(|(_, name, _)| name);
                (
                    pattern(case, |_| false),
                    quote!(#private::Option::Some(&[#(#names),*])),
                )
            }
        })
    }

    /// `plain_strings()`: whether the case's code and summary need no JSON escaping, found
    /// here from the literals; `true` alone when every case's do.
    fn plain_strings_body(&self) -> TokenStream {
        self.dispatch_some(&quote!(true), |case| match &case.kind {
            Kind::Transparent => Some(Self::delegate(case, "plain_strings", &quote!())),
            Kind::Own(own) => {
                let plain =
                    is_json_plain(&own.code) && case.summary.as_deref().is_none_or(is_json_plain);
                (!plain).then(|| (pattern(case, |_| false), quote!(false)))
            }
        })
    }
}

impl Gen<'_, '_> {
    /// `declared()`, when a case declares something for an integration (`grpc = "..."`) or
    /// wraps an error that may: the case's, under its key, or the wrapped error's.
    fn declared_method(&self) -> Option<TokenStream> {
        let private = &self.private;
        let key = Ident::new("__key", Span::mixed_site());
        let grpc = api_error_rules::GRPC_KEY;
        let arms: Vec<TokenStream> = self
            .model
            .cases
            .iter()
            .filter_map(|case| match &case.kind {
                Kind::Transparent => {
                    let (pattern, body) = Self::delegate(case, "declared", &quote!(, #key));
                    Some(quote!(#pattern => #body,))
                }
                Kind::Own(own) => {
                    let code = own.grpc.as_ref()?;
                    let pattern = pattern(case, |_| false);
                    Some(quote!(#pattern if #key == #grpc => #private::Option::Some(#code),))
                }
            })
            .collect();
        (!arms.is_empty()).then(|| {
            quote! {
                fn declared(&self, #key: &str) -> #private::Option<&'static str> {
                    match self {
                        #(#arms)*
                        #[allow(unreachable_patterns)]
                        _ => #private::Option::None,
                    }
                }
            }
        })
    }
}

/// The static body of `code` and `message`, `{"code":"...","message":"..."}`, written by the
/// runtime's own writer in `api_error_rules`.
fn static_body(code: &str, message: &str) -> Vec<u8> {
    let mut body = vec![0; api_error_rules::static_body_len(code, message)];
    let len = api_error_rules::write_static_body(&mut body, code, message);
    body.truncate(len);
    body
}
