//! What the derive emits when the input has mistakes: the errors, and impls whose bodies are
//! never run, so that the rest of the user's crate still type-checks and the user sees the
//! mistakes of the attribute and nothing else. It is built from the input as read, which is
//! all it needs: the type, where the runtime is, who writes `Display`, and the `#[from]` types.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::{self, Input};
use crate::expand::std_impls::StdImpls;
use crate::expand::{ImplHead, integrations, standalone_impl, wrap};
use crate::model::Target;

/// ```text
/// compile_error!("...");                          // each mistake, spanned
/// const _: () = {
///     impl ApiError for Type { fn code(&self) -> &'static str { unreachable!() } .. }
///     impl Display for Type { .. }  impl Error for Type {}   // unless thiserror writes them
///     impl From<Source> for Type { .. }                      // per #[from] field type
///     impl Standalone for Type {}                            // unless it has a lifetime
///     __private::impl_integrations! { .. { format: [] decode: [] cases: [] } }
/// };
/// ```
pub(crate) fn expand(input: &Input<'_>, thiserror: bool, errors: darling::Error) -> TokenStream {
    let errors = errors.write_errors();
    let target = Target {
        krate: input.crate_path().unwrap_or_else(|_| ast::runtime_path()),
        ident: input.ident,
        generics: input.generics,
        thiserror,
        own_display: input.own_display.is_some(),
        without: &input.without,
    };
    let head = ImplHead::new(&target);
    let private = &head.private;
    let unreachable = quote!(#private::core::unreachable!());
    let std_impls = (!thiserror).then(|| {
        let mut froms = Vec::new();
        for case in input.cases() {
            if let Some(field) = case.fields.converted_from() {
                let ty = crate::ast::option_inner(field.ty).unwrap_or(field.ty);
                if !froms.iter().any(|(known, _, _)| *known == ty) {
                    froms.push((ty, quote!(_), unreachable.clone()));
                }
            }
        }
        StdImpls {
            display: (!target.own_display).then(|| (quote!(_), unreachable.clone())),
            source: None,
            froms,
        }
        .expand(&head)
    });
    let api_error = head.of(&quote!(#private::ApiError));
    let integrations = integrations::call(&head, &quote!({ format: [] decode: [] cases: [] }));
    let member = standalone_impl(&head);
    let stubs = wrap(
        &target,
        &quote! {
            #api_error {
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
            #member
            #integrations
        },
    );
    quote! {
        #errors
        #stubs
    }
}
