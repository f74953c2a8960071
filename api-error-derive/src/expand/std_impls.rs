//! `Display`, `Error` and `From`, unless thiserror writes them. Their skeletons serve the
//! fallback too, with bodies that are never run.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Type;
use syn::spanned::Spanned;

use super::{Gen, ImplHead, binding, case_path, pattern};
use crate::model::Kind;

/// The `Display`, `Error` and `From` impls around the bodies the caller gives.
pub(crate) struct StdImpls<'a> {
    /// The formatter parameter of `fmt` (`__f`, or `_`), and its body; `None` when the user
    /// writes `Display` (`own_display`).
    pub(crate) display: Option<(TokenStream, TokenStream)>,
    /// The body of `source()`; `None` keeps the default.
    pub(crate) source: Option<TokenStream>,
    /// Per `From` impl: the type converted from, the parameter of `from`, and its body.
    pub(crate) froms: Vec<(&'a Type, TokenStream, TokenStream)>,
}

impl StdImpls<'_> {
    /// ```text
    /// impl Display for Type { fn fmt(&self, f: &mut Formatter<'_>) -> Result { .. } }
    /// impl Error for Type { fn source(&self) -> Option<&(dyn Error + 'static)> { .. } }
    /// impl From<Source> for Type { fn from(source: Source) -> Self { .. } }  // each
    /// ```
    pub(crate) fn expand(&self, head: &ImplHead<'_>) -> TokenStream {
        let private = &head.private;
        let display = self.display.as_ref().map(|(f, body)| {
            let display_head = head.of(&quote!(#private::core::fmt::Display));
            quote! {
                #display_head {
                    fn fmt(&self, #f: &mut #private::core::fmt::Formatter<'_>) -> #private::core::fmt::Result {
                        #body
                    }
                }
            }
        });
        let error_head = head.of(&quote!(#private::core::error::Error));
        let source = self.source.as_ref().map(|body| {
            quote! {
                fn source(&self) -> #private::Option<&(dyn #private::core::error::Error + 'static)> {
                    #body
                }
            }
        });
        let froms = self.froms.iter().map(|(ty, param, body)| {
            let from_head = head.of(&quote!(#private::core::convert::From<#ty>));
            quote! {
                #from_head {
                    fn from(#param: #ty) -> Self {
                        #body
                    }
                }
            }
        });
        quote! {
            #display

            #error_head {
                #source
            }

            #(#froms)*
        }
    }
}

impl Gen<'_, '_> {
    pub(super) fn std_impls(&self) -> TokenStream {
        let Gen { f, private, .. } = self;
        let source = Ident::new("__source", Span::mixed_site());
        let froms = self
            .model
            .cases
            .iter()
            .filter_map(|case| {
                let field = &case.fields[case.from?];
                let path = case_path(case);
                let member = &field.member;
                // `#[from]` on `Option<E>` converts from `E`.
                let (ty, value) = match crate::ast::option_inner(field.ty) {
                    Some(inner) => (inner, quote!(#private::Option::Some(#source))),
                    None => (field.ty, quote!(#source)),
                };
                Some((ty, quote!(#source), quote!(#path { #member: #value })))
            })
            .collect();
        StdImpls {
            display: (!self.model.target.own_display).then(|| (quote!(#f), self.display_body())),
            source: self.source_body(),
            froms,
        }
        .expand(&self.head)
    }

    /// `Display` is the public message, except that a transparent case shows the wrapped
    /// error's own `Display`.
    fn display_body(&self) -> TokenStream {
        let Gen { private, f, .. } = self;
        if !self.model.cases.iter().any(|case| case.kind.forwards()) {
            return quote!(#private::ApiError::write_message(self, #f));
        }
        self.dispatch(|case| match &case.kind {
            kind if kind.forwards() => {
                let inner = binding(&case.fields[0]);
                (
                    pattern(case, |_| true),
                    quote!(#private::core::fmt::Display::fmt(#inner, #f)),
                )
            }
            _ => (
                pattern(case, |_| false),
                quote!(#private::ApiError::write_message(self, #f)),
            ),
        })
    }

    fn source_body(&self) -> Option<TokenStream> {
        let private = &self.private;
        self.dispatch_any(&quote!(#private::Option::None), |case| {
            match (&case.kind, case.source) {
                // The wrapped error's own source, as thiserror's `#[error(transparent)]` gives it.
                // Through `AsDynError`, so that an error that only dereferences to one
                // (`anyhow::Error`) is wrapped too. Under a hand-written `Display`, which need not
                // show it, the wrapped error is the source itself (the arm below).
                (kind, _)
                    if kind.forwards()
                        && !(self.model.target.own_display && matches!(kind, Kind::Own(_))) =>
                {
                    let field = &case.fields[0];
                    let inner = binding(field);
                    let body = quote_spanned! {field.ty.span()=> {
                        use #private::AsDynError as _;
                        #inner.as_dyn_error().source()
                    }};
                    Some((pattern(case, |_| true), body))
                }
                (_, Some(source)) => {
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
                    Some((pattern(case, |i| i == source.index), body))
                }
                (_, None) => None,
            }
        })
    }
}
