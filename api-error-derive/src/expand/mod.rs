//! Code generation from a lowered [`Model`]. Nothing here can fail: every mistake of the input
//! was reported before this runs.
//!
//! Generated code names the runtime only through `<crate>::__private`, so it compiles in a crate
//! that depends on `api-error-core` alone, under `#![no_implicit_prelude]`, and with any prelude
//! name shadowed. Its own locals and parameters have mixed-site hygiene, so neither the user's
//! items nor tokens a `macro_rules!` passed in can capture them.

mod api_error;
mod catalog;
mod checks;
pub(crate) mod integrations;
pub(crate) mod members;
pub(crate) mod std_impls;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::WhereClause;
use syn::spanned::Spanned;

use crate::model::{Bound, Case, Field, Model, Own, Status, Style, Target};

/// ```text
/// const _: () = {
///     use ::api_error_core as __api_error;
///     const __status_NotFound: StatusCode = __private::error_status(PATH, "..."); // per path
///     impl ApiError for Type { fn code(&self) .. fn catalog() .. }
///     impl Display for Type { .. }             // unless thiserror writes it
///     impl Error for Type { fn source(&self) .. }
///     impl From<Inner> for Type { .. }         // per #[from]
///     __private::impl_integrations! { [impl generics] [Type] [where clause] { format: [..] decode: [..] cases: [..] } }
/// };
/// ```
pub(crate) fn expand(model: &Model<'_>) -> TokenStream {
    let generated = Gen::new(model);
    let consts = generated.consts();
    let api_error = generated.api_error_impl();
    let std_impls = (!model.target.thiserror).then(|| generated.std_impls());
    let integrations = integrations::call(&generated.head, &generated.description());
    let member = standalone_impl(&generated.head);
    wrap(
        &model.target,
        &quote! {
            #(#consts)*
            #api_error
            #std_impls
            #member
            #integrations
        },
    )
}

/// `const _: () = { use <crate> as __api_error; #items };`, allowing the two lints the items
/// trip in the user's crate (`tests/tests/lints.rs` denies every other):
/// - `deprecated`: the impls of a deprecated type name it;
/// - `unused_qualifications`: runtime paths spanned on the user's tokens, such as
///   `<Field as __api_error::__private::ApiError>::code` on a transparent field, count as
///   written where the user imported `ApiError`.
pub(crate) fn wrap(target: &Target<'_>, items: &TokenStream) -> TokenStream {
    let krate = &target.krate;
    let alias = Ident::new(ALIAS, Span::call_site());
    quote! {
        #[allow(deprecated, unused_qualifications)]
        const _: () = {
            use #krate as #alias;
            #items
        };
    }
}

/// The name the runtime goes by inside the generated `const _` block. Everything generated
/// names the runtime through it, so that a `crate = "..."` path that does not resolve is one
/// unresolved import, not an error per use.
const ALIAS: &str = "__api_error";

/// `__api_error::__private` with `span`, so that an error about the call it starts points at
/// the user's code that asked for it.
pub(crate) fn private_at(span: Span) -> TokenStream {
    let alias = Ident::new(ALIAS, span);
    quote_spanned!(span=> #alias::__private)
}

/// What starts every generated impl: `#[automatically_derived] impl<..> Trait for Type<..>
/// where ..`, with the where clause the impls share.
pub(crate) struct ImplHead<'a> {
    pub(crate) private: TokenStream,
    pub(crate) target: &'a Target<'a>,
    pub(crate) where_clause: WhereClause,
}

impl<'a> ImplHead<'a> {
    /// The type's own where clause, plus `Type<T>: Debug` (for `Error`) when the type is
    /// generic, or `Type<T>: Error` when thiserror writes `Error`.
    pub(crate) fn new(target: &'a Target<'a>) -> Self {
        let private = private_at(Span::call_site());
        let mut where_clause = target
            .generics
            .where_clause
            .clone()
            .unwrap_or_else(|| syn::parse_quote!(where));
        if target.generics.type_params().next().is_some() {
            let ident = target.ident;
            let (_, ty_generics, _) = target.generics.split_for_impl();
            let needed = if target.thiserror {
                quote!(#private::core::error::Error)
            } else {
                quote!(#private::core::fmt::Debug)
            };
            where_clause
                .predicates
                .push(syn::parse_quote!(#ident #ty_generics: #needed));
        }
        ImplHead {
            private,
            target,
            where_clause,
        }
    }

    /// `#[automatically_derived] impl<..> #trait_path for Type<..> where ..`.
    pub(crate) fn of(&self, trait_path: &TokenStream) -> TokenStream {
        let ident = self.target.ident;
        let (impl_generics, ty_generics, _) = self.target.generics.split_for_impl();
        let where_clause = &self.where_clause;
        quote! {
            #[automatically_derived]
            impl #impl_generics #trait_path for #ident #ty_generics #where_clause
        }
    }
}

/// `impl Standalone for Type`, which makes the type a member of error sets as itself; none for
/// a type with a lifetime, which a set (a `'static` type) cannot hold.
pub(crate) fn standalone_impl(head: &ImplHead<'_>) -> Option<TokenStream> {
    if head.target.generics.lifetimes().next().is_some() {
        return None;
    }
    let private = &head.private;
    let mut head = ImplHead {
        private: private.clone(),
        target: head.target,
        where_clause: head.where_clause.clone(),
    };
    head.where_clause
        .predicates
        .push(syn::parse_quote!(Self: 'static));
    let head = head.of(&quote!(#private::Standalone));
    Some(quote!(#head {}))
}

/// The local a field is bound to in the generated `match`: `__field_id`, `__field_0`. Its span
/// is the field's, so a type error about it points at the field.
fn binding(field: &Field<'_>) -> Ident {
    field.binding()
}

/// What every piece of generated code shares.
struct Gen<'m, 'a> {
    model: &'m Model<'a>,
    private: TokenStream,
    head: ImplHead<'m>,
    /// Parameters and locals of the generated methods, mixed-site so that nothing a
    /// `macro_rules!` passes in can name them. (A constant of the same name in the user's scope
    /// would still clash: Rust lets no binding shadow a constant.)
    f: Ident,
    details: Ident,
    headers: Ident,
}

impl<'m, 'a> Gen<'m, 'a> {
    fn new(model: &'m Model<'a>) -> Self {
        let mut head = ImplHead::new(&model.target);
        let private = head.private.clone();
        for (ty, bound) in crate::bound::bounds(model) {
            let bound = match bound {
                Bound::Serialize => quote!(#private::serde::Serialize),
                Bound::Format(name) => {
                    let name = format_ident!("{}", name);
                    quote!(#private::core::fmt::#name)
                }
                Bound::ApiError => quote!(#private::ApiError),
                Bound::Source => quote!(#private::core::error::Error + 'static),
            };
            head.where_clause
                .predicates
                .push(syn::parse_quote!(#ty: #bound));
        }
        let local = |name| Ident::new(name, Span::mixed_site());
        Gen {
            model,
            private,
            head,
            f: local("__f"),
            details: local("__details"),
            headers: local("__headers"),
        }
    }

    /// The status of an own case, as the `status()` method returns it: built from its number,
    /// read from the constant its path is checked in, or chosen among its list by its
    /// expression, whose fields the arm binds ([`model::Status::fields`]).
    fn status_expr(&self, case: &Case<'_>, own: &Own<'_>) -> TokenStream {
        let private = &self.private;
        let (name, path) = match &own.status {
            Status::Code(code) => return quote!(#private::status(#code)),
            Status::Chosen(chosen) => {
                let (value, set) = (&chosen.value, &chosen.set);
                // A value of the wrong type is reported where the expression starts: the
                // argument is one token there.
                let at = located(&Ident::new("__value", Span::mixed_site()), chosen.span);
                return quote! {{
                    let #at = &(#value);
                    #private::chosen_status(#at, &[#(#set),*])
                }};
            }
            Status::Path(path) => (checks::status_const(Some(case)), path),
            Status::Inherited(path) => (checks::status_const(None), path),
        };
        let name = located(&name, path.span());
        quote!(#name)
    }

    /// `match self { pattern => body, .. }` over every case; `match *self {}` for an enum with
    /// none.
    fn dispatch(&self, arm: impl Fn(&Case<'_>) -> (TokenStream, TokenStream)) -> TokenStream {
        if self.model.cases.is_empty() {
            return quote!(match *self {});
        }
        if let [case] = self.model.cases.as_slice() {
            // One case (a struct's) whose arm binds no field is its body alone: no `match`
            // for the compiler to check.
            let (pattern, body) = arm(case);
            if !binds(&pattern, case) {
                return body;
            }
            return quote!(match self { #pattern => #body, });
        }
        let arms = self.model.cases.iter().map(|case| {
            let (pattern, body) = arm(case);
            quote!(#pattern => #body,)
        });
        quote! {
            match self {
                #(#arms)*
            }
        }
    }

    /// `match self { .. }` over the cases `arm` has something to say about, and `default` for
    /// the others; `default` alone when no case has: the cases that would all say the same are
    /// one arm, or no `match` at all, which is less for the compiler to check.
    fn dispatch_some(
        &self,
        default: &TokenStream,
        arm: impl Fn(&Case<'_>) -> Option<(TokenStream, TokenStream)>,
    ) -> TokenStream {
        self.dispatch_any(default, arm)
            .unwrap_or_else(|| default.clone())
    }

    /// [`dispatch_some`](Self::dispatch_some), or nothing when no case has something to say:
    /// for a method whose body would then be the trait's default, and which is left out.
    fn dispatch_any(
        &self,
        default: &TokenStream,
        arm: impl Fn(&Case<'_>) -> Option<(TokenStream, TokenStream)>,
    ) -> Option<TokenStream> {
        let arms: Vec<(TokenStream, TokenStream)> =
            self.model.cases.iter().filter_map(arm).collect();
        if arms.is_empty() {
            return None;
        }
        if let ([(pattern, body)], [case]) = (arms.as_slice(), self.model.cases.as_slice())
            && !binds(pattern, case)
        {
            return Some(body.clone());
        }
        let rest = (arms.len() < self.model.cases.len()).then(|| quote!(_ => #default,));
        let arms = arms
            .iter()
            .map(|(pattern, body)| quote!(#pattern => #body,));
        Some(quote! {
            match self {
                #(#arms)*
                #rest
            }
        })
    }

    /// A transparent case's arm: `method` of the wrapped error, with `args` after the error.
    /// Named as `<Field as ApiError>`, like the catalog's call, so that a field that is not an
    /// `ApiError` is one error on the field, not one per method.
    fn delegate(case: &Case<'_>, method: &str, args: &TokenStream) -> (TokenStream, TokenStream) {
        let method = Ident::new(method, Span::call_site());
        let field = &case.fields[0];
        let inner = binding(field);
        let ty = field.ty;
        let private = private_at(ty.span());
        (
            pattern(case, |_| true),
            quote_spanned!(ty.span()=> <#ty as #private::ApiError>::#method(#inner #args)),
        )
    }
}

/// `ident`, reported at `span`: the same name to the compiler, but an error about it points at
/// the user's code.
fn located(ident: &Ident, span: Span) -> Ident {
    let mut ident = ident.clone();
    ident.set_span(ident.span().located_at(span));
    ident
}

/// How a case is named in a pattern or constructor: `Self::Variant`, or `Self`.
fn case_path(case: &Case<'_>) -> TokenStream {
    match case.variant {
        Some(variant) => quote!(Self::#variant),
        None => quote!(Self),
    }
}

/// Whether `pattern`, one of [`pattern`]'s for `case`, binds any of its fields (at worst it
/// says so of one that binds none, which keeps a `match` that could go).
fn binds(pattern: &TokenStream, case: &Case<'_>) -> bool {
    let text = pattern.to_string();
    case.fields
        .iter()
        .any(|field| text.contains(&binding(field).to_string()))
}

/// The pattern of a case, binding the fields for which `bind` is true (see [`binding`]).
fn pattern(case: &Case<'_>, bind: impl Fn(usize) -> bool) -> TokenStream {
    let path = case_path(case);
    match case.style {
        Style::Unit => path,
        Style::Tuple => {
            let items = case.fields.iter().enumerate().map(|(index, field)| {
                if bind(index) {
                    let binding = binding(field);
                    quote!(#binding)
                } else {
                    quote!(_)
                }
            });
            quote!(#path(#(#items),*))
        }
        Style::Named => {
            let items = case
                .fields
                .iter()
                .enumerate()
                .filter(|(index, _)| bind(*index))
                .map(|(_, field)| {
                    let member = &field.member;
                    let binding = binding(field);
                    quote!(#member: #binding)
                });
            quote!(#path { #(#items,)* .. })
        }
    }
}
