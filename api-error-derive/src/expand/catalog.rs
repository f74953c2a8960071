//! `catalog()`: an entry per own case, and the catalog of each wrapped error.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{Gen, checks, private_at};
use crate::model::{self, Kind, Message, MessageSource, Own, Status};

impl Gen<'_, '_> {
    /// ```text
    /// __private::catalog(type_name::<Self>(), TYPE_SUMMARY, &[
    ///     CatalogItem::Own(VARIANT, CODE, STATUS, MESSAGE, SUMMARY, &[details], &[headers],
    ///         &[passed]),
    ///     CatalogItem::Wrapped(<Wrapped as ApiError>::catalog),
    /// ])
    /// ```
    ///
    /// One array of plain values rather than a call per entry: less for the compiler to check
    /// in a type of hundreds of errors.
    pub(super) fn catalog_body(&self) -> TokenStream {
        let Gen { model, private, .. } = self;
        let option = |value: Option<&str>| match value {
            Some(value) => quote!(#private::Option::Some(#value)),
            None => quote!(#private::Option::None),
        };
        let type_summary = option(model.summary.as_deref());
        let format = match model.format {
            Some(_) => {
                let name = checks::format_const();
                quote!(#private::Option::Some(#name))
            }
            None => quote!(#private::Option::None),
        };
        let items = model.cases.iter().map(|case| match &case.kind {
            Kind::Transparent => {
                let ty = case.fields[0].ty;
                let at = private_at(ty.span());
                quote_spanned!(ty.span()=> #at::CatalogItem::Wrapped(<#ty as #at::ApiError>::catalog))
            }
            Kind::Own(own) => {
                let variant = option(case.variant.map(model::unraw).as_deref());
                let code = &own.code;
                let summary = option(case.summary.as_deref());
                let details: Vec<&String> = case.detail_names().collect();
                let headers: Vec<&String> = own.header_names(&case.fields).collect();
                let passed: Vec<String> = Self::passed_fields(case)
                    .into_iter()
                    .map(|(_, name, _)| name)
                    .collect();
                // A status chosen at run time is an entry per status it can take.
                let statuses = match &own.status {
                    Status::Chosen(chosen) => chosen
                        .set
                        .iter()
                        .map(|code| quote!(#private::status(#code)))
                        .collect(),
                    _ => vec![self.status_expr(case, own)],
                };
                let entries = statuses.iter().map(|status| {
                    let message = self.catalog_message(own, status);
                    quote! {
                        #private::CatalogItem::Own(
                            #variant, #code, #status, #message, #summary,
                            &[#(#details),*], &[#(#headers),*], &[#(#passed),*],
                        )
                    }
                });
                quote!(#(#entries),*)
            }
        });
        // A local, not `&[..]` in the call: an array of constants there would be promoted to a
        // constant itself, and a status that fails its check would be reported twice.
        let local = proc_macro2::Ident::new("__items", proc_macro2::Span::mixed_site());
        let count: usize = model
            .cases
            .iter()
            .map(|case| match &case.kind {
                Kind::Own(own) => match &own.status {
                    Status::Chosen(chosen) => chosen.set.len(),
                    _ => 1,
                },
                Kind::Transparent => 1,
            })
            .sum();
        quote! {
            let #local: [#private::CatalogItem; #count] = [#(#items),*];
            #private::catalog(
                (#private::core::any::type_name::<Self>(), #type_summary, #format),
                &#local,
            )
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
