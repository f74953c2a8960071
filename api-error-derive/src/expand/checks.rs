//! The constants that make the compiler check what only it can: each status given as a path is
//! 4xx or 5xx, the type's `format` is one the runtime knows, and each error carries the header
//! HTTP requires on its status.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{Gen, private_at};
use crate::model::{self, Case, Kind, Own, Status};

/// The constant a path status is checked in, and read from: one per declaration, so the enum's
/// default (`None`) is one constant however many variants use it.
pub(super) fn status_const(case: Option<&Case<'_>>) -> Ident {
    let name = match case.map(|case| case.variant) {
        Some(Some(variant)) => format!("__status_{}", model::unraw(variant)),
        Some(None) => "__status".to_owned(),
        None => "__status_default".to_owned(),
    };
    Ident::new(&name, Span::mixed_site())
}

/// The constant holding the type's `format`, which the runtime checks when it is built.
pub(super) fn format_const() -> Ident {
    Ident::new("__format", Span::mixed_site())
}

impl Gen<'_, '_> {
    /// ```text
    /// const __status_NotFound: StatusCode = error_status(PATH, "...");  // per path status
    /// const __format: Format = format("problem");                      // with `format`
    /// const _: () = required_headers(STATUS, &["WWW-Authenticate", ..]); // per own case
    /// ```
    pub(super) fn consts(&self) -> Vec<TokenStream> {
        let model = self.model;
        let ident = model.target.ident;
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
                let whose = format!("enum `{}`", model::unraw(ident));
                check(path, status_const(None), whose)
            })
            .into_iter()
            .collect();
        for case in &model.cases {
            if let Kind::Own(Own {
                status: Status::Path(path),
                ..
            }) = &case.kind
            {
                let whose = model::describe(case.variant, ident);
                consts.push(check(path, status_const(Some(case)), whose));
            }
        }
        if let Some(format) = model.format {
            let at = private_at(format.span());
            let name = format_const();
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
            Status::Path(path) | Status::Inherited(path) => {
                let status = self.status_expr(case, own);
                (path.span(), quote!(#status.as_u16()))
            }
        };
        let names = own.header_names(&case.fields);
        let at = private_at(span);
        quote_spanned! {span=>
            const _: () = #at::required_headers(#status, &[#(#names),*]);
        }
    }
}
