//! What the derive emits when the input has mistakes: the errors, and impls whose bodies are
//! never run, so that the rest of the user's crate still type-checks and the user sees the
//! mistakes of the attribute and nothing else.

use proc_macro2::{Span, TokenStream};
use quote::quote;

use crate::expand::{base_where_clause, private_at, wrap};
use crate::model::Model;

/// ```text
/// compile_error!("...");                          // each mistake, spanned
/// const _: () = {
///     impl ApiError for Type { fn code(&self) -> &'static str { unreachable!() } .. }
///     impl Display for Type { .. }  impl Error for Type {}   // unless thiserror writes them
///     impl From<Source> for Type { .. }                      // per #[from] field type
///     __private::impl_integrations! { .. { format: [] cases: [] } }
/// };
/// ```
pub(crate) fn expand(model: &Model<'_>, errors: darling::Error) -> TokenStream {
    let errors = errors.write_errors();
    let private = private_at(Span::call_site());
    let ident = model.ident;
    let (impl_generics, ty_generics, _) = model.generics.split_for_impl();
    let where_clause = base_where_clause(model, &private);
    let unreachable = quote!(#private::core::unreachable!());
    let std_impls = (!model.thiserror).then(|| {
        let mut from_types = Vec::new();
        for case in &model.cases {
            if let Some(field) = case.from.and_then(|index| case.fields.get(index))
                && !from_types.contains(&field.ty)
            {
                from_types.push(field.ty);
            }
        }
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::core::fmt::Display for #ident #ty_generics #where_clause {
                fn fmt(&self, _: &mut #private::core::fmt::Formatter<'_>) -> #private::core::fmt::Result {
                    #unreachable
                }
            }

            #[automatically_derived]
            impl #impl_generics #private::core::error::Error for #ident #ty_generics #where_clause {}

            #(
                #[automatically_derived]
                impl #impl_generics #private::core::convert::From<#from_types> for #ident #ty_generics #where_clause {
                    fn from(_: #from_types) -> Self {
                        #unreachable
                    }
                }
            )*
        }
    });
    let stubs = wrap(
        model,
        &quote! {
            #[automatically_derived]
            impl #impl_generics #private::ApiError for #ident #ty_generics #where_clause {
                fn code(&self) -> &'static str {
                    #unreachable
                }

                fn status(&self) -> #private::StatusCode {
                    #unreachable
                }

                fn write_message(&self, _: &mut #private::core::fmt::Formatter<'_>) -> #private::core::fmt::Result {
                    #unreachable
                }

                fn catalog() -> #private::Catalog {
                    #unreachable
                }
            }

            #std_impls
            #private::impl_integrations! {
                [#impl_generics] [#ident #ty_generics] [#where_clause] { format: [] cases: [] }
            }
        },
    );
    quote! {
        #errors
        #stubs
    }
}
