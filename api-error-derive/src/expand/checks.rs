//! The constants that make the compiler check what only it can: each status given as a path is
//! 4xx or 5xx, and each error whose status is a path carries the header HTTP requires on it.
//! (A literal status and the `format` name were checked by the derive.)

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{Gen, private_at};
use crate::attr::FormatAttr;
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

/// The constant holding the type's `format`, a name the derive checked.
pub(super) fn format_const() -> Ident {
    Ident::new("__format", Span::mixed_site())
}

impl Gen<'_, '_> {
    /// ```text
    /// const __status_NotFound: StatusCode = error_status(PATH, "...");  // per path status
    /// const __format: Format = format("problem");                      // with `format`
    /// const _: () = required_headers(PATH.as_u16(), &["Allow", ..]);   // per path status
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
            if let Kind::Own(own) = &case.kind
                && let Own {
                    status: Status::Path(path),
                    ..
                } = &**own
            {
                let whose = model::describe(case.variant, ident);
                consts.push(check(path, status_const(Some(case)), whose));
            }
        }
        if let Some(format) = model.format {
            let at = private_at(format.span());
            let name = format_const();
            consts.push(match format {
                FormatAttr::Named(format) => quote_spanned! {format.span()=>
                    const #name: #at::Format = #at::format(#format);
                },
                FormatAttr::Own(path) => quote_spanned! {path.span()=>
                    const #name: #at::Format = #at::Format::Own(&#path);
                },
            });
        }
        consts.extend(
            model
                .cases
                .iter()
                .filter_map(|case| match &case.kind {
                    Kind::Own(own) => Some((case, own)),
                    Kind::Transparent => None,
                })
                .filter_map(|(case, own)| self.required_headers(case, own)),
        );
        consts
    }

    /// `const _: () = required_headers(STATUS.as_u16(), &["www-authenticate", ...]);` for a
    /// status given as a path, which only the compiler can read: it fails the build when HTTP
    /// requires a header on the status that the error's own headers, fixed or from fields, do
    /// not include. A literal status was checked by the derive.
    fn required_headers(&self, case: &Case<'_>, own: &Own<'_>) -> Option<TokenStream> {
        let path = match &own.status {
            Status::Code(_) | Status::Chosen(_) => return None,
            Status::Path(path) | Status::Inherited(path) => path,
        };
        let status = self.status_expr(case, own);
        let names = own.header_names(&case.fields);
        let span = path.span();
        let at = private_at(span);
        Some(quote_spanned! {span=>
            const _: () = #at::required_headers(#status.as_u16(), &[#(#names),*]);
        })
    }
}
