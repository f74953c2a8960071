//! The one call every integration hangs off: `impl_integrations!` with a description of the
//! type, in the grammar of the runtime's `integrations` module, so that a new integration is
//! the runtime's work alone.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Gen, ImplHead};
use crate::model::{Case, Kind, Message, MessageSource, Status, Style};

/// `impl_integrations! { [impl generics] [Type<..>] [where clause] [without..] #description }`;
/// the fallback describes no case (`{ format: [] decode: [] cases: [] }`). `without` is passed
/// as written: the runtime knows the integrations' names.
pub(crate) fn call(head: &ImplHead<'_>, description: &TokenStream) -> TokenStream {
    let private = &head.private;
    let ident = head.target.ident;
    let (impl_generics, ty_generics, _) = head.target.generics.split_for_impl();
    let where_clause = &head.where_clause;
    let without = head.target.without;
    quote! {
        #private::impl_integrations! {
            [#impl_generics] [#ident #ty_generics] [#where_clause] [#(#without)*] #description
        }
    }
}

impl Gen<'_, '_> {
    /// `{ format: ["problem"] decode: [decode] cases: [own { .. } transparent { .. } ..] }`.
    pub(super) fn description(&self) -> TokenStream {
        // A format of one's own has no name the description's literal can hold.
        let format = self.model.format.iter().filter_map(|format| match format {
            crate::attr::FormatAttr::Named(name) => Some(name),
            crate::attr::FormatAttr::Own(_) => None,
        });
        let decode = self.model.decode.then(|| quote!(decode));
        let cases = self.model.cases.iter().map(|case| self.describe(case));
        quote!({ format: [#(#format)*] decode: [#decode] cases: [#(#cases)*] })
    }

    fn describe(&self, case: &Case<'_>) -> TokenStream {
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
            let shown = case.shown(index).is_some().then(|| quote!(shown));
            quote! {
                {
                    member: [#member] ty: [#ty] detail: [#(#detail)*] header: [#(#header)*]
                    source: [#source] shown: [#shown]
                }
            }
        });
        let Kind::Own(own) = &case.kind else {
            return quote! {
                transparent { variant: [#(#variant)*] style: [#style] fields: [#(#fields)*] }
            };
        };
        let code = &own.code;
        // A status chosen at run time is described by what any other value becomes.
        let status = match &own.status {
            Status::Chosen(chosen) => {
                let (private, first) = (&self.private, chosen.set[0]);
                quote!(#private::status(#first))
            }
            _ => self.status_expr(case, own),
        };
        let message = match &own.message {
            MessageSource::Fixed(template) | MessageSource::Template(Message { template, .. }) => {
                quote!(declared #template)
            }
            MessageSource::Display(Some(template))
            | MessageSource::DisplayUnlessServerError(Some(template)) => {
                quote!(display #template)
            }
            MessageSource::Display(None) | MessageSource::DisplayUnlessServerError(None) => {
                quote!(display)
            }
            MessageSource::Reason => quote!(),
        };
        let summary = case.summary.iter();
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
}
