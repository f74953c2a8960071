//! What the generated impls need of the type's generic parameters: a bound for each use of a
//! field whose type mentions one, on the impls and never on the type.

use syn::{Ident, Type};

use crate::model::{Bound, Kind, MessageSource, Model};

/// The bounds on field types that mention a type parameter; other field types are checked
/// where they are used, with a span on the field.
pub(crate) fn bounds<'a>(model: &Model<'a>) -> Vec<(&'a Type, Bound)> {
    let params: Vec<&Ident> = model
        .target
        .generics
        .type_params()
        .map(|p| &p.ident)
        .collect();
    if params.is_empty() {
        return Vec::new();
    }
    let mut bounds = Vec::new();
    for case in &model.cases {
        let mut push = |index: usize, bound| {
            let Some(field) = case.fields.get(index) else {
                return;
            };
            if mentions(field.ty, &params) && !bounds.contains(&(field.ty, bound)) {
                bounds.push((field.ty, bound));
            }
        };
        for (index, field) in case.fields.iter().enumerate() {
            if field.detail.is_some() {
                push(index, Bound::Serialize);
            }
            if field.header.is_some() {
                push(index, Bound::Format("Display"));
            }
        }
        let Kind::Own(own) = &case.kind else {
            push(0, Bound::ApiError);
            continue;
        };
        if let MessageSource::Template(message) = &own.message {
            for &(index, trait_name) in &message.uses {
                push(index, Bound::Format(trait_name));
            }
        }
        // `source()` is generated only when thiserror does not write `Error`.
        if let Some(source) = case.source.filter(|_| !model.target.thiserror) {
            push(source.index, Bound::Source);
        }
    }
    bounds
}

fn mentions(ty: &Type, params: &[&Ident]) -> bool {
    fn walk(tokens: proc_macro2::TokenStream, params: &[&Ident]) -> bool {
        tokens.into_iter().any(|token| match token {
            proc_macro2::TokenTree::Ident(ident) => params.iter().any(|p| **p == ident),
            proc_macro2::TokenTree::Group(group) => walk(group.stream(), params),
            _ => false,
        })
    }
    walk(quote::ToTokens::to_token_stream(ty), params)
}
