//! Reading `#[api_error(...)]`: each key of each attribute, with every mistake pushed to the
//! accumulator and the parse carried on, so that one mistake never hides another.

use darling::error::Accumulator;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Lit, LitStr, Path, Token};

/// Where an attribute stands, which decides the keys it takes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Enum,
    Struct,
    Variant,
    Field,
}

const TYPE_KEYS: &[&str] = &["crate", "rename_all", "format"];
const ERROR_KEYS: &[&str] = &["code", "status", "message", "transparent", "header"];
const FIELD_KEYS: &[&str] = &["detail", "header"];

impl Place {
    fn accepts(self, key: &str) -> bool {
        match self {
            Place::Enum | Place::Struct => TYPE_KEYS.contains(&key) || ERROR_KEYS.contains(&key),
            Place::Variant => ERROR_KEYS.contains(&key),
            Place::Field => FIELD_KEYS.contains(&key),
        }
    }

    fn keys(self) -> Vec<&'static str> {
        match self {
            Place::Enum | Place::Struct => [TYPE_KEYS, ERROR_KEYS].concat(),
            Place::Variant => ERROR_KEYS.to_vec(),
            Place::Field => FIELD_KEYS.to_vec(),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Place::Enum => "an enum",
            Place::Struct => "a struct",
            Place::Variant => "a variant",
            Place::Field => "a field",
        }
    }
}

/// Calls `on_key` for each key of each `#[api_error(...)]` in `attrs` that `place` accepts and
/// that is not a repeat; `on_key` reads the key's value. Unknown and repeated keys are errors
/// (`header` may repeat on a variant or struct); their values are skipped.
///
/// Returns the keys that were written, whether or not their values could be read, and the keys
/// that misspelled ones were taken for: a key the user wrote is never also reported missing.
pub(crate) fn for_each_key(
    attrs: &[Attribute],
    place: Place,
    errors: &mut Accumulator,
    mut on_key: impl FnMut(&str, &ParseNestedMeta<'_>, &mut Accumulator) -> syn::Result<()>,
) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for attr in attrs
        .iter()
        .filter(|attr| attr.path().is_ident("api_error"))
    {
        let parsed = attr.parse_nested_meta(|meta| {
            let Some(key) = meta.path.get_ident().map(ToString::to_string) else {
                errors.push(
                    darling::Error::custom(format_args!(
                        "expected a key of #[api_error] such as `{}`",
                        place.keys()[0]
                    ))
                    .with_span(&meta.path),
                );
                return skip_value(&meta);
            };
            if !place.accepts(&key) {
                let (message, meant) = unknown_key(&key, place);
                errors.push(darling::Error::custom(message).with_span(&meta.path));
                seen.extend(meant.map(str::to_owned));
                return skip_value(&meta);
            }
            let repeatable = key == "header" && place != Place::Field;
            if !repeatable && seen.contains(&key) {
                errors.push(
                    darling::Error::custom(format_args!("duplicate `{key}`: give it once"))
                        .with_span(&meta.path),
                );
                return skip_value(&meta);
            }
            seen.push(key.clone());
            on_key(&key, &meta, errors)
        });
        if let Err(error) = parsed {
            errors.push(error.into());
        }
    }
    seen
}

/// What to say of `key`, and the key it was probably meant to be.
fn unknown_key(key: &str, place: Place) -> (String, Option<&'static str>) {
    let elsewhere = [
        (TYPE_KEYS, "on the enum or struct"),
        (ERROR_KEYS, "on a variant or a struct"),
        (FIELD_KEYS, "on a field"),
    ];
    if let Some((_, whose)) = elsewhere.iter().find(|(keys, _)| keys.contains(&key)) {
        let message = format!(
            "`{key}` is not a key of {}: it belongs {whose}",
            place.name()
        );
        return (message, None);
    }
    let keys = place.keys();
    if let Some(known) = keys.iter().find(|known| close(key, known)) {
        let message = format!("unknown key `{key}` in #[api_error]; did you mean `{known}`?");
        return (message, Some(known));
    }
    let list: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    let message = format!(
        "unknown key `{key}` in #[api_error]; {} takes {}",
        place.name(),
        list.join(", ")
    );
    (message, None)
}

/// Whether `typed` is a likely misspelling of `known`: at most two edits apart.
fn close(typed: &str, known: &str) -> bool {
    let typed: Vec<char> = typed.chars().collect();
    let mut previous: Vec<usize> = (0..=typed.len()).collect();
    for (i, k) in known.chars().enumerate() {
        let mut row = vec![i + 1];
        for (j, t) in typed.iter().enumerate() {
            let substitution = previous[j] + usize::from(k != *t);
            row.push(substitution.min(previous[j + 1] + 1).min(row[j] + 1));
        }
        previous = row;
    }
    previous[typed.len()] <= 2
}

/// Steps over a key's value, `= expr` or `(...)`, so the next key can be read.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<proc_macro2::Group>()?;
    }
    Ok(())
}

/// `key = expr`; a missing `=` is reported with `example`, and the key is skipped.
pub(crate) fn value(
    meta: &ParseNestedMeta<'_>,
    example: &str,
    errors: &mut Accumulator,
) -> syn::Result<Option<Expr>> {
    if meta.input.peek(Token![=]) {
        return Ok(Some(meta.value()?.parse()?));
    }
    errors.push(
        darling::Error::custom(format_args!("expected a value: write `{example}`"))
            .with_span(&meta.path),
    );
    skip_value(meta)?;
    Ok(None)
}

/// A key that stands alone, like `transparent`: its span. A value after it is an error, and
/// the key still counts as given.
pub(crate) fn word(meta: &ParseNestedMeta<'_>, errors: &mut Accumulator) -> syn::Result<Span> {
    if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        errors.push(
            darling::Error::custom(format_args!("`{key}` takes no value: write `{key}` alone"))
                .with_span(&meta.path),
        );
        skip_value(meta)?;
    }
    Ok(meta.path.span())
}

/// A string literal, or an error that shows `example`.
pub(crate) fn string(expr: &Expr, example: &str, errors: &mut Accumulator) -> Option<LitStr> {
    match expr {
        Expr::Group(group) => string(&group.expr, example, errors),
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(text),
            ..
        }) => Some(text.clone()),
        _ => {
            errors.push(
                darling::Error::custom(format_args!("expected a string: write `{example}`"))
                    .with_span(expr),
            );
            None
        }
    }
}

/// `status = 404` or `status = StatusCode::NOT_FOUND`, before its range is checked.
#[derive(Debug, Clone)]
pub(crate) enum Status {
    Code(u16, Span),
    Path(Path),
}

impl Status {
    pub(crate) fn span(&self) -> Span {
        match self {
            Status::Code(_, span) => *span,
            Status::Path(path) => path.span(),
        }
    }

    pub(crate) fn parse(expr: &Expr, errors: &mut Accumulator) -> Option<Self> {
        let error = match expr {
            Expr::Group(group) => return Self::parse(&group.expr, errors),
            Expr::Path(path) if path.qself.is_none() => {
                return Some(Status::Path(path.path.clone()));
            }
            Expr::Lit(syn::ExprLit {
                lit: Lit::Int(int), ..
            }) => match int.base10_parse::<u16>() {
                Ok(code) => return Some(Status::Code(code, int.span())),
                Err(_) => darling::Error::custom(format_args!(
                    "expected a 4xx or 5xx status, found {}",
                    int.base10_digits()
                )),
            },
            Expr::Lit(syn::ExprLit {
                lit: Lit::Str(text),
                ..
            }) if text.value().parse::<u16>().is_ok() => darling::Error::custom(format_args!(
                "expected a number, not a string: write `status = {}`",
                text.value()
            )),
            _ => darling::Error::custom(
                "expected a status such as `status = 404` or `status = StatusCode::NOT_FOUND`",
            ),
        };
        errors.push(error.with_span(expr));
        None
    }
}

/// `header("WWW-Authenticate", "Bearer realm=\"api\"")`: a header with a fixed value.
#[derive(Debug, Clone)]
pub(crate) struct StaticHeader {
    /// The `header` key, for errors about the header as a whole.
    pub(crate) key: Span,
    pub(crate) name: LitStr,
    pub(crate) value: LitStr,
}

impl StaticHeader {
    pub(crate) fn parse(
        meta: &ParseNestedMeta<'_>,
        errors: &mut Accumulator,
    ) -> syn::Result<Option<Self>> {
        const EXAMPLE: &str = "expected a name and a value: `header(\"WWW-Authenticate\", \"Bearer\")`; \
             for a value from a field, put `#[api_error(header = \"Retry-After\")]` on the field";
        if !meta.input.peek(syn::token::Paren) {
            errors.push(darling::Error::custom(EXAMPLE).with_span(&meta.path));
            skip_value(meta)?;
            return Ok(None);
        }
        let content;
        syn::parenthesized!(content in meta.input);
        let items = Punctuated::<Expr, Token![,]>::parse_terminated(&content)?;
        let strings: Vec<Option<&LitStr>> = items
            .iter()
            .map(|item| match item {
                Expr::Lit(syn::ExprLit {
                    lit: Lit::Str(text),
                    ..
                }) => Some(text),
                _ => None,
            })
            .collect();
        if let [Some(name), Some(value)] = strings.as_slice() {
            return Ok(Some(StaticHeader {
                key: meta.path.span(),
                name: (*name).clone(),
                value: (*value).clone(),
            }));
        }
        errors.push(darling::Error::custom(EXAMPLE).with_span(&meta.path));
        Ok(None)
    }
}
