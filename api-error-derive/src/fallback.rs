//! What the derive emits when the input has mistakes: the errors, and impls whose bodies are
//! never run, so that the rest of the user's crate still type-checks and the user sees the
//! mistakes of the attribute and nothing else.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

/// ```text
/// compile_error!("...");                          // each mistake, spanned
/// const _: () = {
///     impl ApiError for Type { fn code(&self) -> &'static str { unreachable!() } .. }
///     impl Display for Type { .. }  impl Error for Type {}   // unless thiserror writes them
///     __private::impl_serialize! { .. }  __private::impl_axum! { .. }
/// };
/// ```
pub(crate) fn expand(
    input: &DeriveInput,
    krate: &syn::Path,
    thiserror: bool,
    errors: darling::Error,
) -> TokenStream {
    let errors = errors.write_errors();
    let import = crate::expand::import_runtime(krate);
    let private = crate::expand::private_at(proc_macro2::Span::call_site());
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let mut where_clause = where_clause
        .cloned()
        .unwrap_or_else(|| syn::parse_quote!(where));
    if input.generics.type_params().next().is_some() {
        let needed = if thiserror {
            quote!(#private::core::error::Error)
        } else {
            quote!(#private::core::fmt::Debug)
        };
        where_clause
            .predicates
            .push(syn::parse_quote!(#ident #ty_generics: #needed));
    }
    let unreachable = quote!(#private::core::unreachable!());
    let std_impls = (!thiserror).then(|| {
        let froms = from_types(input).into_iter().map(|ty| {
            quote! {
                #[automatically_derived]
                impl #impl_generics #private::core::convert::From<#ty> for #ident #ty_generics #where_clause {
                    fn from(_: #ty) -> Self {
                        #unreachable
                    }
                }
            }
        });
        quote! {
            #(#froms)*

            #[automatically_derived]
            impl #impl_generics #private::core::fmt::Display for #ident #ty_generics #where_clause {
                fn fmt(&self, _: &mut #private::core::fmt::Formatter<'_>) -> #private::core::fmt::Result {
                    #unreachable
                }
            }

            #[automatically_derived]
            impl #impl_generics #private::core::error::Error for #ident #ty_generics #where_clause {}
        }
    });
    quote! {
        #errors
        #[allow(unused_qualifications, clippy::all, clippy::pedantic)]
        const _: () = {
            #import

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
            #private::impl_serialize! { [#impl_generics] [#ident #ty_generics] [#where_clause] }
            #private::impl_axum! { [#impl_generics] [#ident #ty_generics] [#where_clause] }
        };
    }
}

/// The types of the `#[from]` fields, each once, so that `?` and `From::from` on them raise no
/// error of their own.
fn from_types(input: &DeriveInput) -> Vec<&syn::Type> {
    let fields: Vec<&syn::Field> = match &input.data {
        syn::Data::Enum(data) => data.variants.iter().flat_map(|v| &v.fields).collect(),
        syn::Data::Struct(data) => data.fields.iter().collect(),
        syn::Data::Union(_) => Vec::new(),
    };
    let mut types: Vec<&syn::Type> = Vec::new();
    for field in fields {
        let from = field
            .attrs
            .iter()
            .any(|attr| crate::ast::is_marker(attr, "from"));
        if from && !types.contains(&&field.ty) {
            types.push(&field.ty);
        }
    }
    types
}
