//! Reading the values of `#[api_error(...)]` keys, with every mistake pushed to the accumulator
//! and the parse carried on, so that one mistake never hides another.

use darling::error::Accumulator;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, Lit, LitStr, Path, Token};

use crate::report::Report;

/// Steps over a key's value, `= expr` or `(...)`, so the next key can be read.
pub(crate) fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
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
    errors.error(
        &meta.path,
        format_args!("expected a value: write `{example}`"),
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
        errors.error(
            &meta.path,
            format_args!("`{key}` takes no value: write `{key}` alone"),
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
            errors.error(expr, format_args!("expected a string: write `{example}`"));
            None
        }
    }
}

/// `status = 404` or `status = StatusCode::NOT_FOUND`, before its range is checked; or
/// `status(500, 404, 409) = .0.kind()`, chosen at run time.
#[derive(Debug, Clone)]
pub(crate) enum Status {
    Code(u16, Span),
    Path(Path),
    Chosen(Chosen),
}

/// `status(500, 404, 409) = expression`: the statuses a case can answer, the first of them
/// what any other value becomes, and the expression that chooses one, which names fields as
/// a message's arguments do (`.0`, `.kind`).
#[derive(Debug, Clone)]
pub(crate) struct Chosen {
    /// The `status` key.
    pub(crate) key: Span,
    /// Each status of the list, with where it is written.
    pub(crate) set: Vec<(u16, Span)>,
    /// The expression, its fields not yet bound.
    pub(crate) value: proc_macro2::TokenStream,
}

impl Status {
    pub(crate) fn span(&self) -> Span {
        match self {
            Status::Code(_, span) => *span,
            Status::Path(path) => path.span(),
            Status::Chosen(chosen) => chosen.key,
        }
    }

    /// Reads `status(500, 404) = expression`, the list and the expression up to the next
    /// key; a mistake is reported and the key skipped.
    pub(crate) fn parse_chosen(
        meta: &ParseNestedMeta<'_>,
        errors: &mut Accumulator,
    ) -> syn::Result<Option<Self>> {
        const EXAMPLE: &str = "status(502, 503, 504) = .0.status()";
        let content;
        syn::parenthesized!(content in meta.input);
        let items = Punctuated::<Expr, Token![,]>::parse_terminated(&content)?;
        let mut set = Vec::new();
        for item in &items {
            match Self::parse(item, errors) {
                Some(Status::Code(code, span)) => {
                    if set.iter().any(|&(known, _)| known == code) {
                        errors.error(
                            &span,
                            format_args!("{code} is listed twice: list each status once"),
                        );
                    } else {
                        set.push((code, span));
                    }
                }
                // Reported; the rest of the list is still checked.
                Some(_) => errors.error(
                    item,
                    "expected a number: the statuses chosen at run time are listed as numbers, `status(502, 503) = ..`",
                ),
                None => {}
            }
        }
        if set.is_empty() && items.is_empty() {
            errors.error(
                &meta.path,
                format_args!(
                    "expected the statuses this error can answer, the first what any other value becomes: `{EXAMPLE}`"
                ),
            );
        }
        if !meta.input.peek(Token![=]) {
            errors.error(
                &meta.path,
                format_args!(
                    "expected `= ..` after the statuses, the expression that chooses one: `{EXAMPLE}`"
                ),
            );
            return Ok(None);
        }
        let input = meta.value()?;
        // The expression runs to the next key: it may start with `.0`, which is no Rust
        // expression, so it is taken as tokens, up to a comma outside brackets and outside a
        // generic's `<..>` (`pick::<A, B>(.0)`).
        let value = input.step(|cursor| {
            let mut rest = *cursor;
            let mut tokens = Vec::new();
            let mut angle = 0usize;
            while let Some((token, next)) = rest.token_tree() {
                match &token {
                    proc_macro2::TokenTree::Punct(p) if p.as_char() == ',' && angle == 0 => break,
                    proc_macro2::TokenTree::Punct(p) if p.as_char() == '<' => angle += 1,
                    proc_macro2::TokenTree::Punct(p) if p.as_char() == '>' => {
                        angle = angle.saturating_sub(1);
                    }
                    _ => {}
                }
                tokens.push(token);
                rest = next;
            }
            Ok((
                tokens.into_iter().collect::<proc_macro2::TokenStream>(),
                rest,
            ))
        })?;
        if value.is_empty() {
            errors.error(
                &meta.path,
                format_args!("expected the expression that chooses the status: `{EXAMPLE}`"),
            );
            return Ok(None);
        }
        // A list with no status left was reported.
        Ok((!set.is_empty()).then(|| {
            Status::Chosen(Chosen {
                key: meta.path.span(),
                set,
                value,
            })
        }))
    }

    pub(crate) fn parse(expr: &Expr, errors: &mut Accumulator) -> Option<Self> {
        let message = match expr {
            Expr::Group(group) => return Self::parse(&group.expr, errors),
            Expr::Path(path) if path.qself.is_none() => {
                return Some(Status::Path(path.path.clone()));
            }
            Expr::Lit(syn::ExprLit {
                lit: Lit::Int(int), ..
            }) => match int.base10_parse::<u16>() {
                Ok(code) => return Some(Status::Code(code, int.span())),
                Err(_) => format!(
                    "expected a 4xx or 5xx status, found {}",
                    int.base10_digits()
                ),
            },
            Expr::Lit(syn::ExprLit {
                lit: Lit::Str(text),
                ..
            }) if text.value().parse::<u16>().is_ok() => format!(
                "expected a number, not a string: write `status = {}`",
                text.value()
            ),
            _ => "expected a status such as `status = 404` or `status = StatusCode::NOT_FOUND`"
                .to_owned(),
        };
        errors.error(expr, message);
        None
    }
}

/// `format = "problem"`, a built-in format by its name, or `format = REALWORLD`, a path to a
/// format of one's own (an `OwnFormat` constant or static).
#[derive(Debug, Clone)]
pub(crate) enum FormatAttr {
    Named(LitStr),
    Own(Path),
}

impl FormatAttr {
    pub(crate) fn span(&self) -> Span {
        match self {
            FormatAttr::Named(name) => name.span(),
            FormatAttr::Own(path) => path.span(),
        }
    }

    /// Reads the value of `format`.
    pub(crate) fn parse(expr: &Expr, errors: &mut Accumulator) -> Option<Self> {
        match expr {
            Expr::Group(group) => Self::parse(&group.expr, errors),
            Expr::Path(path) if path.qself.is_none() => Some(FormatAttr::Own(path.path.clone())),
            Expr::Lit(syn::ExprLit {
                lit: Lit::Str(name),
                ..
            }) => Some(FormatAttr::Named(name.clone())),
            _ => {
                errors.error(
                    expr,
                    "expected a format: its name, `format = \"problem\"`, or the path of a format of one's own, `format = MY_FORMAT`",
                );
                None
            }
        }
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
            errors.error(&meta.path, EXAMPLE);
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
        errors.error(&meta.path, EXAMPLE);
        Ok(None)
    }
}
