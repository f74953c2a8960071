//! The rules of `#[derive(ApiError)]`: turns what `ast.rs` read into a [`Model`], or into every
//! mistake of the input at once, each spanned on the token at fault.

use std::collections::HashMap;

use darling::error::Accumulator;
use heck::{
    ToKebabCase, ToLowerCamelCase, ToShoutyKebabCase, ToShoutySnakeCase, ToSnakeCase,
    ToUpperCamelCase,
};
use proc_macro2::Span;
use syn::{Attribute, Ident, Member};

use crate::ast::{self, Data, ErrorAttrs, Fields, Input};
use crate::message;
use crate::model::{self, Case, Kind, Model, Own, Shape, Source};

/// Checks everything, pushing every mistake to `errors`. The model is complete enough for the
/// fallback even when there are mistakes; it is expanded only when there are none.
pub(crate) fn check<'a>(
    input: &'a Input<'a>,
    thiserror: bool,
    errors: &mut Accumulator,
) -> Model<'a> {
    let krate = crate_path(input, errors);
    let rename = rename_rule(input, errors);
    let ctx = Context {
        rename,
        default_status: None,
    };

    let (shape, cases) = match &input.data {
        Data::Enum(variants) => {
            only_on_variants(&input.error, errors);
            if let Some(status) = &input.error.status {
                status_in_range(status, errors);
            }
            let ctx = Context {
                default_status: input.error.status.as_ref(),
                ..ctx
            };
            let cases = variants
                .iter()
                .map(|v| {
                    let doc = ast::doc_comment(v.attrs);
                    let owner = Owner {
                        variant: Some(v.ident),
                        ident: v.ident,
                        attrs: v.attrs,
                    };
                    case(&ctx, owner, &v.fields, &v.error, doc, errors)
                })
                .collect();
            (Shape::Enum, cases)
        }
        Data::Struct(fields) => {
            let doc = ast::doc_comment(input.attrs);
            let owner = Owner {
                variant: None,
                ident: input.ident,
                attrs: input.attrs,
            };
            let case = case(&ctx, owner, fields, &input.error, doc, errors);
            (Shape::Struct, vec![case])
        }
    };
    unique_codes(&cases, errors);
    let default_status = match (&input.data, &input.error.status) {
        (Data::Enum(_), Some(crate::attr::Status::Path(path))) => Some(path),
        _ => None,
    };

    Model {
        krate,
        ident: input.ident,
        generics: input.generics,
        thiserror,
        default_status,
        description: ast::doc_comment(input.attrs),
        format: input.format.as_ref(),
        shape,
        cases,
    }
}

struct Context<'a> {
    rename: Option<Rule>,
    default_status: Option<&'a crate::attr::Status>,
}

/// Whose attributes these are: a variant, or the struct (whose name is `ident`).
#[derive(Clone, Copy)]
struct Owner<'a> {
    variant: Option<&'a Ident>,
    ident: &'a Ident,
    attrs: &'a [Attribute],
}

impl Owner<'_> {
    fn describe(self) -> String {
        model::describe(self.variant, self.ident)
    }

    /// The text of thiserror's `#[error("...")]`, when it is a plain format string.
    fn display_template(self) -> Option<String> {
        let attr = self
            .attrs
            .iter()
            .find(|attr| attr.path().is_ident("error"))?;
        let list = attr.meta.require_list().ok()?;
        let text: syn::LitStr = syn::parse2(list.tokens.clone()).ok().or_else(|| {
            list.parse_args_with(|input: syn::parse::ParseStream<'_>| {
                let text: syn::LitStr = input.parse()?;
                let _: proc_macro2::TokenStream = input.parse()?;
                Ok(text)
            })
            .ok()
        })?;
        Some(text.value())
    }
}

/// A `rename_all` rule: how a variant's name becomes its code.
type Rename = fn(&str) -> String;

#[derive(Clone, Copy)]
struct Rule {
    apply: Rename,
}

const RULES: &[(&str, Rename)] = &[
    ("lowercase", |s| s.to_lowercase()),
    ("UPPERCASE", |s| s.to_uppercase()),
    ("PascalCase", |s| s.to_upper_camel_case()),
    ("camelCase", |s| s.to_lower_camel_case()),
    ("snake_case", |s| s.to_snake_case()),
    ("SCREAMING_SNAKE_CASE", |s| s.to_shouty_snake_case()),
    ("kebab-case", |s| s.to_kebab_case()),
    ("SCREAMING-KEBAB-CASE", |s| s.to_shouty_kebab_case()),
];

fn rename_rule(input: &Input<'_>, errors: &mut Accumulator) -> Option<Rule> {
    let name = input.rename_all.as_ref()?;
    let value = name.value();
    if let Some((_, apply)) = RULES.iter().find(|(rule, _)| *rule == value) {
        return Some(Rule { apply: *apply });
    }
    let known: Vec<String> = RULES
        .iter()
        .map(|(rule, _)| format!("\"{rule}\""))
        .collect();
    errors.push(
        darling::Error::custom(format_args!(
            "unknown rename_all rule \"{value}\"; expected one of {}",
            known.join(", ")
        ))
        .with_span(name),
    );
    // The variants keep their names, so that a wrong rule is one error, not one per variant.
    Some(Rule {
        apply: str::to_owned,
    })
}

fn crate_path(input: &Input<'_>, errors: &mut Accumulator) -> syn::Path {
    let Some(path) = &input.krate else {
        return syn::parse_quote!(::api_error_core);
    };
    match path.parse::<syn::Path>() {
        Ok(mut parsed) => {
            for segment in &mut parsed.segments {
                segment.ident.set_span(path.span());
            }
            parsed
        }
        Err(_) => {
            errors.push(
                darling::Error::custom(format_args!(
                    "expected a path to the runtime such as `crate = \"my_framework::api_error\"`, found \"{}\"",
                    path.value()
                ))
                .with_span(path),
            );
            syn::parse_quote!(::api_error_core)
        }
    }
}

/// On an enum, only `status` (the default of its variants) describes an error.
fn only_on_variants(attrs: &ErrorAttrs, errors: &mut Accumulator) {
    let misplaced = [
        attrs.code.as_ref().map(|c| ("code", c.span())),
        attrs.message.as_ref().map(|m| ("message", m.span())),
        attrs.transparent.map(|span| ("transparent", span)),
        attrs.headers.first().map(|h| ("header", h.key)),
    ];
    for (key, span) in misplaced.into_iter().flatten() {
        errors.push(
            darling::Error::custom(format_args!(
                "`{key}` describes one error: put it on each variant, not on the enum"
            ))
            .with_span(&span),
        );
    }
}

fn case<'a>(
    ctx: &Context<'a>,
    owner: Owner<'a>,
    fields: &'a Fields<'a>,
    attrs: &'a ErrorAttrs,
    description: Option<String>,
    errors: &mut Accumulator,
) -> Case<'a> {
    let (source, from) = source_and_from(fields, errors);
    let model_fields: Vec<model::Field<'a>> = fields
        .fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let is_source = source.is_some_and(|s| s.index == index);
            model_field(index, field, is_source, errors)
        })
        .collect();
    unique_details(fields, &model_fields, errors);

    let kind = if attrs.transparent.is_some() {
        transparent(attrs, fields, errors);
        Kind::Transparent
    } else {
        let (code, code_span) = code(ctx, owner, attrs, errors);
        let source_index = source.map(|s| s.index);
        let headers = attrs
            .headers
            .iter()
            .filter_map(|h| static_header(h, errors))
            .collect();
        unique_headers(attrs, fields, errors);
        Kind::Own(Own {
            code,
            code_span,
            status: status(ctx, owner, attrs, errors),
            message: attrs
                .message
                .as_ref()
                .and_then(|m| message(m, owner, &model_fields, source_index, errors)),
            display_template: owner.display_template(),
            headers,
        })
    };
    Case {
        variant: owner.variant,
        style: fields.style,
        fields: model_fields,
        kind,
        source,
        from,
        description,
    }
}

fn model_field<'a>(
    index: usize,
    field: &'a ast::Field<'a>,
    is_source: bool,
    errors: &mut Accumulator,
) -> model::Field<'a> {
    let member = match field.ident {
        Some(ident) => Member::Named(ident.clone()),
        None => Member::Unnamed(index.into()),
    };
    let private = |key: &str, span: Span, errors: &mut Accumulator| {
        errors.push(
            darling::Error::custom(format_args!(
                "a source never reaches the client, so it cannot be a {key}; \
                 expose what the client needs in a field of its own"
            ))
            .with_span(&span),
        );
    };
    let detail = field.detail.as_ref().and_then(|detail| {
        if is_source {
            private("detail", detail.span, errors);
            return None;
        }
        detail_name(field, detail, errors)
    });
    let header = field.header.as_ref().and_then(|name| {
        if is_source {
            private("header", name.span(), errors);
            return None;
        }
        header_name(name, errors).map(|()| name.value())
    });
    model::Field {
        member,
        ty: field.ty,
        detail,
        header,
    }
}

fn detail_name(
    field: &ast::Field<'_>,
    detail: &ast::Detail,
    errors: &mut Accumulator,
) -> Option<String> {
    let name = match (&detail.name, field.ident) {
        (Some(name), _) => name.value(),
        (None, Some(ident)) => syn::ext::IdentExt::unraw(ident).to_string(),
        (None, None) => {
            errors.push(
                darling::Error::custom(
                    "a tuple field has no name to show in `details`: write `#[api_error(detail = \"name\")]`",
                )
                .with_span(&detail.span),
            );
            return None;
        }
    };
    if name.is_empty() {
        errors.push(
            darling::Error::custom("a detail needs a name: write `detail = \"name\"`")
                .with_span(&detail.span),
        );
        return None;
    }
    Some(name)
}

/// The field `source()` returns, and the field `From` builds the case from.
fn source_and_from(
    fields: &Fields<'_>,
    errors: &mut Accumulator,
) -> (Option<Source>, Option<usize>) {
    let mut source = None;
    let mut from = None;
    for (index, field) in fields.fields.iter().enumerate() {
        let marker = field.marker("from").map(|attr| (attr, true));
        let marker = marker.or_else(|| field.marker("source").map(|attr| (attr, false)));
        let Some((attr, is_from)) = marker else {
            continue;
        };
        if source.is_some() {
            errors.push(
                darling::Error::custom(
                    "an error has one source at most: remove this #[source] or #[from], or the other",
                )
                .with_span(attr.path()),
            );
            continue;
        }
        source = Some(index);
        if is_from {
            from = Some(index);
            if fields.fields.len() > 1 {
                errors.push(
                    darling::Error::custom(
                        "#[from] builds the whole error from this one field, so it cannot have other fields; \
                         use #[source] and write the `From` impl yourself",
                    )
                    .with_span(attr.path()),
                );
            }
        }
    }
    // As in thiserror, a field named `source` is the source unless another field is marked.
    let named_source = || {
        fields
            .fields
            .iter()
            .position(|f| f.ident.is_some_and(|i| i == "source"))
    };
    let source = source.or_else(named_source).map(|index| Source {
        index,
        optional: is_option(fields.fields[index].ty),
    });
    (source, from)
}

/// Whether a type is written `Option<...>`: such a source is there only when it is `Some`.
fn is_option(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(path) if path.qself.is_none() => path
            .path
            .segments
            .last()
            .is_some_and(|last| last.ident == "Option" && !last.arguments.is_empty()),
        _ => false,
    }
}

fn transparent(attrs: &ErrorAttrs, fields: &Fields<'_>, errors: &mut Accumulator) {
    if fields.fields.len() != 1 {
        errors.push(
            darling::Error::custom(
                "#[api_error(transparent)] needs exactly one field: the wrapped error",
            )
            .with_span(&attrs.transparent.unwrap_or_else(Span::call_site)),
        );
    }
    let own_keys = [
        attrs.code.as_ref().map(|c| ("code", c.span())),
        attrs.status.as_ref().map(|s| ("status", s.span())),
        attrs.message.as_ref().map(|m| ("message", m.span())),
        attrs.headers.first().map(|h| ("header", h.key)),
    ];
    let field_keys = fields.fields.iter().flat_map(|f| {
        [
            f.detail.as_ref().map(|d| ("detail", d.span)),
            f.header.as_ref().map(|h| ("header", h.span())),
        ]
    });
    for (key, span) in own_keys.into_iter().chain(field_keys).flatten() {
        errors.push(
            darling::Error::custom(format_args!(
                "#[api_error(transparent)] takes the `{key}` of the wrapped error; remove `{key}` here"
            ))
            .with_span(&span),
        );
    }
}

fn code(
    ctx: &Context<'_>,
    owner: Owner<'_>,
    attrs: &ErrorAttrs,
    errors: &mut Accumulator,
) -> (String, Span) {
    let machine_code = |code: &str| {
        !code.is_empty()
            && code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    };
    if let Some(lit) = &attrs.code {
        let code = lit.value();
        if !machine_code(&code) {
            errors.push(
                darling::Error::custom(format_args!(
                    "code \"{code}\" is not a stable machine code: use ASCII letters, digits, `_`, `.` and `-`, as in \"ORDER_NOT_FOUND\""
                ))
                .with_span(lit),
            );
        }
        return (code, lit.span());
    }
    let name = model::unraw(owner.ident);
    if let Some(rule) = ctx.rename {
        let code = (rule.apply)(&name);
        if !machine_code(&code) {
            errors.push(
                darling::Error::custom(format_args!(
                    "`rename_all` makes the code \"{code}\" of `{name}`, which is not a stable machine code (ASCII letters, digits, `_`, `.` and `-`): give it a `code`"
                ))
                .with_span(owner.ident),
            );
        }
        return (code, owner.ident.span());
    }
    if attrs.given("code") {
        return (String::new(), owner.ident.span());
    }
    let whose = if owner.variant.is_some() {
        "the enum"
    } else {
        "the struct"
    };
    errors.push(
        darling::Error::custom(format_args!(
            "missing `code`: add #[api_error(code = \"{}\")], or `rename_all = \"SCREAMING_SNAKE_CASE\"` on {whose}",
            name.to_shouty_snake_case()
        ))
        .with_span(owner.ident),
    );
    (String::new(), owner.ident.span())
}

fn status<'a>(
    ctx: &Context<'a>,
    owner: Owner<'_>,
    attrs: &'a ErrorAttrs,
    errors: &mut Accumulator,
) -> model::Status<'a> {
    // The enum's default was checked once, on its own.
    if let Some(own) = &attrs.status {
        status_in_range(own, errors);
    }
    match attrs.status.as_ref().or(ctx.default_status) {
        Some(crate::attr::Status::Code(code, _)) => model::Status::Code(*code),
        Some(crate::attr::Status::Path(path)) => model::Status::Path(path),
        None if attrs.given("status") => model::Status::Code(500),
        None => {
            let whose = match owner.variant {
                Some(_) => "on the variant, or a default on the enum",
                None => "on the struct",
            };
            let span = owner.ident.span();
            errors.push(
                darling::Error::custom(format_args!(
                    "missing `status`: add `status = 400` (or another 4xx or 5xx) {whose}"
                ))
                .with_span(&span),
            );
            model::Status::Code(500)
        }
    }
}

fn message(
    lit: &syn::LitStr,
    owner: Owner<'_>,
    fields: &[model::Field<'_>],
    source: Option<usize>,
    errors: &mut Accumulator,
) -> Option<model::Message> {
    let text = lit.value();
    if text.is_empty() {
        errors.push(
            darling::Error::custom(
                "an empty message tells the client nothing: remove `message` to send the status's reason phrase",
            )
            .with_span(lit),
        );
        return None;
    }
    let parsed = match message::parse(&text) {
        Ok(parsed) => parsed,
        Err(why) => {
            errors.push(darling::Error::custom(why).with_span(lit));
            return None;
        }
    };
    let owner = owner.describe();
    let names: Vec<String> = fields
        .iter()
        .map(|f| match &f.member {
            Member::Named(ident) => format!("`{}`", syn::ext::IdentExt::unraw(ident)),
            Member::Unnamed(index) => format!("`{}`", index.index),
        })
        .collect();
    let mut uses = Vec::new();
    for placeholder in &parsed.placeholders {
        let index = fields.iter().position(|f| match &f.member {
            Member::Named(ident) => syn::ext::IdentExt::unraw(ident) == placeholder.name,
            Member::Unnamed(index) => index.index.to_string() == placeholder.name,
        });
        match index {
            Some(index) if Some(index) == source => errors.push(
                darling::Error::custom(format_args!(
                    "`{{{}}}` is the source of this error, and a source never reaches the client; \
                     show a field of its own instead",
                    placeholder.name
                ))
                .with_span(lit),
            ),
            Some(index) => uses.push((index, placeholder.trait_name)),
            None if fields.is_empty() => errors.push(
                darling::Error::custom(format_args!(
                    "message shows `{{{}}}`, but {owner} has no fields; write `{{{{` and `}}}}` for literal braces",
                    placeholder.name
                ))
                .with_span(lit),
            ),
            None => errors.push(
                darling::Error::custom(format_args!(
                    "message shows `{{{}}}`, but {owner} has no field `{}`; its fields are {}",
                    placeholder.name,
                    placeholder.name,
                    names.join(", ")
                ))
                .with_span(lit),
            ),
        }
    }
    Some(model::Message {
        template: text,
        format: (!parsed.placeholders.is_empty()).then_some(parsed.format),
        span: lit.span(),
        uses,
    })
}

fn static_header(
    header: &crate::attr::StaticHeader,
    errors: &mut Accumulator,
) -> Option<(String, String)> {
    let name_ok = header_name(&header.name, errors).is_some();
    let value = header.value.value();
    let bad = value
        .bytes()
        .find(|&b| (b < 0x20 && b != b'\t') || b == 0x7f);
    if let Some(byte) = bad {
        errors.push(
            darling::Error::custom(format_args!(
                "invalid header value: byte 0x{byte:02x} is a control character, which no header may hold"
            ))
            .with_span(&header.value),
        );
        return None;
    }
    name_ok.then(|| (header.name.value(), value))
}

fn header_name(name: &syn::LitStr, errors: &mut Accumulator) -> Option<()> {
    let text = name.value();
    let token = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    let reason = if !token {
        Some(format!(
            "invalid header name \"{text}\": a header name is letters, digits and !#$%&'*+-.^_`|~, as in \"Retry-After\""
        ))
    } else if text.eq_ignore_ascii_case("content-type")
        || text.eq_ignore_ascii_case("content-length")
    {
        Some(format!(
            "\"{text}\" belongs to the body and is set by the response; remove this header"
        ))
    } else {
        None
    };
    match reason {
        Some(reason) => {
            errors.push(darling::Error::custom(reason).with_span(name));
            None
        }
        None => Some(()),
    }
}

/// Two errors of one type never share a code.
fn unique_codes(cases: &[Case<'_>], errors: &mut Accumulator) {
    let mut seen: HashMap<&str, &Case<'_>> = HashMap::new();
    for case in cases {
        let Kind::Own(own) = &case.kind else { continue };
        if own.code.is_empty() {
            continue;
        }
        match seen.get(own.code.as_str()) {
            Some(first) => {
                let first = first
                    .variant
                    .map_or_else(String::new, |v| format!("variant `{v}`"));
                errors.push(
                    darling::Error::custom(format_args!(
                        "duplicate code \"{}\", first used by {first}; each error of a type needs its own code",
                        own.code
                    ))
                    .with_span(&own.code_span),
                );
            }
            None => {
                seen.insert(&own.code, case);
            }
        }
    }
}

fn status_in_range(status: &crate::attr::Status, errors: &mut Accumulator) {
    if let crate::attr::Status::Code(code, span) = status
        && !(400..=599).contains(code)
    {
        errors.push(
            darling::Error::custom(format_args!(
                "expected a 4xx or 5xx status, found {code}: an error response is a client or server error"
            ))
            .with_span(span),
        );
    }
}

/// Two fields of one error never share a member of `details`.
fn unique_details(fields: &Fields<'_>, model: &[model::Field<'_>], errors: &mut Accumulator) {
    for (index, (field, checked)) in fields.fields.iter().zip(model).enumerate() {
        let (Some(name), Some(detail)) = (&checked.detail, &field.detail) else {
            continue;
        };
        if model[..index]
            .iter()
            .any(|f| f.detail.as_ref() == Some(name))
        {
            errors.push(
                darling::Error::custom(format_args!(
                    "duplicate detail `{name}`: each detail needs its own name; rename one with `detail = \"...\"`"
                ))
                .with_span(&detail.span),
            );
        }
    }
}

/// One error sends each header once: a repeated name, fixed or from a field, is a mistake.
fn unique_headers(attrs: &ErrorAttrs, fields: &Fields<'_>, errors: &mut Accumulator) {
    let names = attrs
        .headers
        .iter()
        .map(|h| &h.name)
        .chain(fields.fields.iter().filter_map(|f| f.header.as_ref()));
    let mut seen: Vec<String> = Vec::new();
    for name in names {
        let lower = name.value().to_ascii_lowercase();
        if seen.contains(&lower) {
            errors.push(
                darling::Error::custom(format_args!(
                    "header \"{}\" is set twice for this error; keep one",
                    name.value()
                ))
                .with_span(name),
            );
        } else {
            seen.push(lower);
        }
    }
}
