//! The values of `#[api_error(...)]` keys that need more than darling's own parsing.

use darling::{FromMeta, ast::NestedMeta};
use proc_macro2::Span;
use syn::{Expr, Lit, LitStr, Path, spanned::Spanned};

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
}

impl FromMeta for Status {
    fn from_expr(expr: &Expr) -> darling::Result<Self> {
        let wrong = || {
            darling::Error::custom(
                "expected a status such as `status = 404` or `status = StatusCode::NOT_FOUND`",
            )
            .with_span(expr)
        };
        match expr {
            Expr::Group(group) => Self::from_expr(&group.expr),
            Expr::Lit(lit) => match &lit.lit {
                Lit::Int(int) => int
                    .base10_parse::<u16>()
                    .map(|code| Status::Code(code, int.span()))
                    .map_err(|_| {
                        darling::Error::custom(format_args!(
                            "expected a 4xx or 5xx status, found {}",
                            int.base10_digits()
                        ))
                        .with_span(int)
                    }),
                Lit::Str(text) if text.value().parse::<u16>().is_ok() => {
                    Err(darling::Error::custom(format_args!(
                        "expected a number, not a string: write `status = {}`",
                        text.value()
                    ))
                    .with_span(text))
                }
                _ => Err(wrong()),
            },
            Expr::Path(path) if path.qself.is_none() => Ok(Status::Path(path.path.clone())),
            _ => Err(wrong()),
        }
    }
}

/// `header("WWW-Authenticate", "Bearer realm=\"api\"")`: a header with a fixed value.
#[derive(Debug, Clone)]
pub(crate) struct StaticHeader {
    pub(crate) name: LitStr,
    pub(crate) value: LitStr,
}

impl FromMeta for StaticHeader {
    fn from_list(items: &[NestedMeta]) -> darling::Result<Self> {
        match items {
            [
                NestedMeta::Lit(Lit::Str(name)),
                NestedMeta::Lit(Lit::Str(value)),
            ] => Ok(StaticHeader {
                name: name.clone(),
                value: value.clone(),
            }),
            _ => Err(darling::Error::custom(
                "expected a name and a value: `header(\"WWW-Authenticate\", \"Bearer\")`; \
                 for a value from a field, put `#[api_error(header = \"Retry-After\")]` on the field",
            )),
        }
    }
}
