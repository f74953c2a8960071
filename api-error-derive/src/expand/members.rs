//! `#[api_error(members)]`: a module beside the enum with one struct per variant, each a
//! `Member` of error sets that is the enum's error: a set holds the enum, and answers through
//! the enum's impls. The struct itself carries no impl but `Debug`: it is the variant's fields,
//! to build, match and move, and each of its impls would cost compile time once per variant.
//!
//! ```text
//! pub mod order_error {
//!     use super::*;
//!     /// The variant's doc comment.
//!     #[derive(Debug)]
//!     pub struct NotFound { pub order_id: String }
//! }
//! impl From<order_error::NotFound> for OrderError { .. }
//! impl Member for order_error::NotFound { type Error = OrderError; .. }
//! ```
//!
//! A `transparent` variant gets no struct: the type it wraps is the member.

use heck::ToSnakeCase;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Data, DeriveInput, Fields, Visibility};

use crate::model::{Kind, Model};

/// The module's name: the one given, or the enum's in snake case.
pub(crate) fn module_name(input: &DeriveInput, given: Option<&syn::LitStr>) -> Ident {
    let (name, span) = match given {
        Some(name) => (name.value(), name.span()),
        None => (
            crate::model::unraw(&input.ident).to_snake_case(),
            input.ident.span(),
        ),
    };
    // A keyword (`type` of `Type`) is written raw; `check::members` refused any other name
    // that is no identifier.
    let mut ident = syn::parse_str::<Ident>(&name)
        .unwrap_or_else(|_| Ident::new_raw(name.trim_start_matches("r#"), span));
    ident.set_span(span);
    ident
}

/// The module, and the `From` and `Member` impls of its structs; nothing for a struct
/// (reported by `lower`).
pub(crate) fn expand(input: &DeriveInput, model: &Model<'_>, module: &Ident) -> TokenStream {
    let Data::Enum(data) = &input.data else {
        return TokenStream::new();
    };
    let krate = &model.target.krate;
    let private = quote!(#krate::__private);
    let enum_ident = &input.ident;
    let inner_vis = inner_visibility(&input.vis, enum_ident);
    let mut structs = Vec::new();
    let mut impls = Vec::new();
    for variant in &data.variants {
        let transparent = model.cases.iter().any(|case| {
            case.variant == Some(&variant.ident) && matches!(case.kind, Kind::Transparent)
        });
        if transparent {
            continue;
        }
        let ident = &variant.ident;
        // The fields' types as the module sees them, one level below the enum.
        let mut moved = variant.fields.clone();
        for field in &mut moved {
            OneLevelDown(enum_ident).visit_type_mut(&mut field.ty);
        }
        let body = struct_body(&moved, &inner_vis);
        let attrs = written(&variant.attrs);
        structs.push(quote! {
            #[derive(::core::fmt::Debug)]
            #(#attrs)*
            #inner_vis struct #ident #body
        });
        impls.push(member_impls(variant, &private, module, enum_ident));
    }
    let vis = &input.vis;
    let doc = format!(
        "The variants of [`{enum_ident}`], one struct each, for error sets: each holds the fields of the variant of the same name, converts into it, and is a member whose error is that variant."
    );
    quote! {
        #[doc = #doc]
        #[allow(unused_imports, clippy::all, missing_docs)]
        #vis mod #module {
            use super::*;
            #(#structs)*
        }
        #(#impls)*
    }
}

/// `From` the struct of `variant` (in `module`) into the enum, and `Member` of it, whose error
/// is the enum, under the variant's `cfg`s.
fn member_impls(
    variant: &syn::Variant,
    private: &TokenStream,
    module: &Ident,
    enum_ident: &Ident,
) -> TokenStream {
    let ident = &variant.ident;
    let fields = fields_moved(&variant.fields);
    let error = Ident::new("__error", Span::mixed_site());
    let cfgs: Vec<_> = cfgs(variant).collect();
    let name = crate::model::unraw(ident);
    quote! {
        #(#cfgs)*
        #[automatically_derived]
        impl #private::From<#module::#ident> for #enum_ident {
            fn from(#error: #module::#ident) -> Self {
                let #module::#ident #fields = #error;
                #enum_ident::#ident #fields
            }
        }

        #(#cfgs)*
        #[automatically_derived]
        impl #private::Member for #module::#ident {
            type Error = #enum_ident;

            fn into_error(self) -> #enum_ident {
                #private::From::from(self)
            }

            fn from_error(#error: #enum_ident) -> #private::Result<Self, #enum_ident> {
                match #error {
                    #enum_ident::#ident #fields => #private::Result::Ok(Self #fields),
                    #[allow(unreachable_patterns)]
                    #error => #private::Result::Err(#error),
                }
            }

            fn catalog() -> #private::Catalog {
                #private::member_catalog(
                    &<#enum_ident as #private::ApiError>::catalog(),
                    #private::core::any::type_name::<#enum_ident>(),
                    #name,
                )
            }
        }
    }
}

/// The variant's `cfg` attributes, which what is written for it keeps.
fn cfgs(variant: &syn::Variant) -> impl Iterator<Item = &Attribute> {
    variant
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("cfg"))
}

/// The fields of a variant, bound and rebuilt by the same tokens: `{ a, b }`, `(__field_0, ..)`,
/// or nothing.
fn fields_moved(fields: &Fields) -> TokenStream {
    match fields {
        Fields::Named(fields) => {
            let members = fields.named.iter().filter_map(|f| f.ident.as_ref());
            quote!({ #(#members),* })
        }
        Fields::Unnamed(unnamed) => {
            let names = (0..unnamed.unnamed.len())
                .map(|i| Ident::new(&format!("__field_{i}"), Span::mixed_site()));
            quote!((#(#names),*))
        }
        Fields::Unit => TokenStream::new(),
    }
}

/// Rewrites the paths of a field's type for the module one level below the enum: `self::T`
/// is `super::T` there, `super::T` is `super::super::T`, and `Self` is the enum.
struct OneLevelDown<'a>(&'a Ident);

impl VisitMut for OneLevelDown<'_> {
    fn visit_type_path_mut(&mut self, ty: &mut syn::TypePath) {
        // `<T as super::Trait>::X`: the trait's segments, which `position` counts, may grow.
        let before = ty.path.segments.len();
        visit_mut::visit_type_path_mut(self, ty);
        if let Some(qself) = &mut ty.qself {
            qself.position += ty.path.segments.len() - before;
        }
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        if path.leading_colon.is_none()
            && let Some(first) = path.segments.first_mut()
        {
            let span = first.ident.span();
            if first.ident == "self" {
                first.ident = Ident::new("super", span);
            } else if first.ident == "super" {
                path.segments
                    .insert(0, syn::PathSegment::from(Ident::new("super", span)));
            } else if first.ident == "Self" && first.arguments.is_none() {
                first.ident = self.0.clone();
                path.segments
                    .insert(0, syn::PathSegment::from(Ident::new("super", span)));
            }
        }
        visit_mut::visit_path_mut(self, path);
    }
}

/// A struct's body, of the variant's `fields`, each at `vis` with the attributes [`written`]
/// keeps.
fn struct_body(fields: &Fields, vis: &TokenStream) -> TokenStream {
    let each = fields.iter().map(|field| {
        let attrs = written(&field.attrs);
        let ty = &field.ty;
        match &field.ident {
            Some(name) => quote!(#(#attrs)* #vis #name: #ty),
            None => quote!(#(#attrs)* #vis #ty),
        }
    });
    match fields {
        Fields::Named(_) => quote!({ #(#each,)* }),
        Fields::Unnamed(_) => quote!((#(#each,)*);),
        Fields::Unit => quote!(;),
    }
}

/// The attributes a struct or its field keeps of its variant's or field's: the doc comment,
/// `cfg` (`cfg_attr` is expanded before a derive sees the enum) and `allow` (a variant named
/// `r#match` is a struct of that name). The rest are the enum's derives', read there.
fn written(attrs: &[Attribute]) -> Vec<&Attribute> {
    attrs
        .iter()
        .filter(|attr| {
            ["doc", "cfg", "allow"]
                .iter()
                .any(|name| attr.path().is_ident(name))
        })
        .collect()
}

/// The visibility of a struct and its fields inside the module: the enum's, as seen from the
/// module one level down (its path rewritten as a field's type is), and no wider: a `Member`
/// impl names the enum as its `Error`, which must be seen wherever the struct is.
fn inner_visibility(vis: &Visibility, enum_ident: &Ident) -> TokenStream {
    match vis {
        Visibility::Public(_) => quote!(pub),
        Visibility::Inherited => quote!(pub(super)),
        Visibility::Restricted(restricted) => {
            let mut path = (*restricted.path).clone();
            OneLevelDown(enum_ident).visit_path_mut(&mut path);
            if path.is_ident("crate") || path.is_ident("super") {
                quote!(pub(#path))
            } else {
                quote!(pub(in #path))
            }
        }
    }
}
