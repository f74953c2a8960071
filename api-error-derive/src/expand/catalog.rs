//! `catalog()`: an entry per own case, and the catalog of each wrapped error.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{Gen, checks, private_at};
use crate::model::{self, Kind, Message, MessageSource, Own, Status};

impl Gen<'_, '_> {
    /// ```text
    /// let __items: [CatalogItem; 3] = [
    ///     CatalogItem::Packed("+NotFound\x1fORDER_NOT_FOUND\x1f404\x1f+Order not found..\x1e.."),
    ///     CatalogItem::Own(VARIANT, CODE, STATUS, MESSAGE, SUMMARY, &[details], &[headers],
    ///         &[passed]),
    ///     CatalogItem::Wrapped(<Wrapped as ApiError>::catalog),
    /// ];
    /// __private::catalog((type_name::<Self>(), TYPE_SUMMARY, FORMAT, &[VIOLATIONS]), &__items)
    /// ```
    ///
    /// The entries the derive knows whole (a literal status) are one string literal for each
    /// run of them, which the runtime reads when the catalog is asked for: a type of hundreds
    /// of errors gives the compiler one literal to check, not an expression of a dozen parts
    /// an entry. An entry whose status is a path, which only the compiler reads, is an
    /// expression still.
    pub(super) fn catalog_body(&self) -> TokenStream {
        let Gen { model, private, .. } = self;
        let option = |value: Option<&str>| match value {
            Some(value) => quote!(#private::Option::Some(#value)),
            None => quote!(#private::Option::None),
        };
        let (type_summary, format) = self.catalog_type();
        let mut items: Vec<TokenStream> = Vec::new();
        let mut packed = String::new();
        let flush = |packed: &mut String, items: &mut Vec<TokenStream>| {
            if !packed.is_empty() {
                let text = core::mem::take(packed);
                items.push(quote!(#private::CatalogItem::Packed(#text)));
            }
        };
        for case in &model.cases {
            let own = match &case.kind {
                Kind::Transparent => {
                    flush(&mut packed, &mut items);
                    let ty = case.fields[0].ty;
                    let at = private_at(ty.span());
                    items.push(quote_spanned!(ty.span()=> #at::CatalogItem::Wrapped(<#ty as #at::ApiError>::catalog)));
                    continue;
                }
                Kind::Own(own) => own,
            };
            let variant = case.variant.map(model::unraw);
            let details: Vec<&String> = case.detail_names().collect();
            let headers: Vec<&String> = own.header_names(&case.fields).collect();
            let passed: Vec<String> = Self::passed_fields(case)
                .into_iter()
                .map(|(_, name, _)| name)
                .collect();
            // A status chosen at run time is an entry per status it can take.
            let literal: Option<Vec<u16>> = match &own.status {
                Status::Code(code) => Some(vec![*code]),
                Status::Chosen(chosen) => Some(chosen.set.clone()),
                Status::Path(_) | Status::Inherited(_) => None,
            };
            if let Some(statuses) = literal {
                let lists = [
                    details.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                    headers.iter().map(|s| s.as_str()).collect(),
                    passed.iter().map(String::as_str).collect(),
                ];
                let entries: Option<Vec<String>> = statuses
                    .iter()
                    .map(|&status| {
                        api_error_rules::packed::entry(&api_error_rules::packed::Entry {
                            variant: variant.as_deref(),
                            code: &own.code,
                            status,
                            message: Self::known_message(own, status),
                            summary: case.summary.as_deref(),
                            lists: [&lists[0], &lists[1], &lists[2]],
                        })
                    })
                    .collect();
                if let Some(entries) = entries {
                    packed.extend(entries);
                    continue;
                }
            }
            // A status given as a path, or a text that cannot be packed.
            flush(&mut packed, &mut items);
            let variant = option(variant.as_deref());
            let code = &own.code;
            let summary = option(case.summary.as_deref());
            let statuses = match &own.status {
                Status::Chosen(chosen) => chosen
                    .set
                    .iter()
                    .map(|code| quote!(#private::status(#code)))
                    .collect(),
                _ => vec![self.status_expr(case, own)],
            };
            for status in &statuses {
                let message = self.catalog_message(own, status);
                items.push(quote! {
                    #private::CatalogItem::Own(
                        #variant, #code, #status, #message, #summary,
                        &[#(#details),*], &[#(#headers),*], &[#(#passed),*],
                    )
                });
            }
        }
        flush(&mut packed, &mut items);
        // A local, not `&[..]` in the call: an array of constants there would be promoted to a
        // constant itself, and a status that fails its check would be reported twice.
        let local = proc_macro2::Ident::new("__items", proc_macro2::Span::mixed_site());
        let (count, violations) = (items.len(), self.violation_codes());
        quote! {
            let #local: [#private::CatalogItem; #count] = [#(#items),*];
            #private::catalog(
                (#private::core::any::type_name::<Self>(), #type_summary, #format, &[#(#violations),*]),
                &#local,
            )
        }
    }

    /// The type's summary and fixed format, as the catalog's entries carry them.
    fn catalog_type(&self) -> (TokenStream, TokenStream) {
        let private = &self.private;
        let type_summary = match self.model.summary.as_deref() {
            Some(summary) => quote!(#private::Option::Some(#summary)),
            None => quote!(#private::Option::None),
        };
        let format = match self.model.format {
            Some(_) => {
                let name = checks::format_const();
                quote!(#private::Option::Some(#name))
            }
            None => quote!(#private::Option::None),
        };
        (type_summary, format)
    }

    /// The codes of the cases that carry field violations.
    fn violation_codes(&self) -> Vec<&str> {
        self.model
            .cases
            .iter()
            .filter_map(|case| match &case.kind {
                Kind::Own(own) if case.violations().is_some() => Some(own.code.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The message template of the catalog at a literal `status`: the declared one, or with
    /// thiserror the `#[error("...")]` text of a 4xx, or none for the reason phrase.
    fn known_message<'o>(own: &'o Own<'_>, status: u16) -> Option<&'o str> {
        match &own.message {
            MessageSource::Fixed(template)
            | MessageSource::Template(Message { template, .. })
            | MessageSource::Display(Some(template)) => Some(template),
            MessageSource::DisplayUnlessServerError(Some(template)) if status < 500 => {
                Some(template)
            }
            MessageSource::DisplayUnlessServerError(_)
            | MessageSource::Display(None)
            | MessageSource::Reason => None,
        }
    }

    /// The message template of the catalog: the declared one, or with thiserror the
    /// `#[error("...")]` text of a 4xx, or none for the reason phrase.
    fn catalog_message(&self, own: &Own<'_>, status: &TokenStream) -> TokenStream {
        let private = &self.private;
        match &own.message {
            MessageSource::Fixed(template)
            | MessageSource::Template(Message { template, .. })
            | MessageSource::Display(Some(template)) => quote!(#private::Option::Some(#template)),
            MessageSource::DisplayUnlessServerError(Some(template)) => quote! {
                if #status.is_server_error() {
                    #private::Option::None
                } else {
                    #private::Option::Some(#template)
                }
            },
            MessageSource::Display(None)
            | MessageSource::DisplayUnlessServerError(None)
            | MessageSource::Reason => quote!(#private::Option::None),
        }
    }
}
