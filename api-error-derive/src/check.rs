//! The rules of `#[derive(ApiError)]`, one function each: every mistake is reported, spanned on
//! the token at fault, and checking goes on. `lower.rs` calls them as it builds the model.

use std::collections::HashMap;

use darling::error::Accumulator;
use heck::ToShoutySnakeCase;
use proc_macro2::Span;
use syn::{Attribute, Ident, LitStr};

use crate::ast::{self, ErrorAttrs, Fields};
use crate::attr::{StaticHeader, Status};
use crate::model::{self, unraw};
use crate::report::Report;

/// `crate = "..."` is a path.
pub(crate) fn crate_path(path: &LitStr, errors: &mut Accumulator) {
    errors.error(
        path,
        format_args!(
            "expected a path to the runtime such as `crate = \"my_framework::api_error\"`, found \"{}\"",
            path.value()
        ),
    );
}

/// On an enum, only `status` (the default of its variants) describes an error.
pub(crate) fn only_on_variants(attrs: &ErrorAttrs, errors: &mut Accumulator) {
    let misplaced = [
        attrs.code.as_ref().map(|c| ("code", c.span())),
        attrs.message.as_ref().map(|m| ("message", m.span())),
        attrs.transparent.map(|span| ("transparent", span)),
        attrs.headers.first().map(|h| ("header", h.key)),
        attrs.grpc.as_ref().map(|g| ("grpc", g.span())),
        match &attrs.status {
            Some(Status::Chosen(chosen)) => Some(("status(..) = ..", chosen.key)),
            _ => None,
        },
    ];
    for (key, span) in misplaced.into_iter().flatten() {
        errors.error(
            &span,
            format_args!("`{key}` describes one error: put it on each variant, not on the enum"),
        );
    }
}

/// A numeric status is 4xx or 5xx; a path is checked when the generated code is built.
pub(crate) fn status_in_range(status: &Status, errors: &mut Accumulator) {
    if let Status::Chosen(chosen) = status {
        for &(code, span) in &chosen.set {
            status_in_range(&Status::Code(code, span), errors);
        }
    } else if let Status::Code(code, span) = status
        && (300..=399).contains(code)
    {
        errors.error(
            span,
            format_args!(
                "expected a 4xx or 5xx status, found {code}: a redirect is no error; answer it from \
                 the handler as a response with `Location` (axum's `Redirect::to(url)`) and keep \
                 this type for 4xx and 5xx"
            ),
        );
    } else if let Status::Code(code, span) = status
        && !(400..=599).contains(code)
    {
        errors.error(
            span,
            format_args!(
                "expected a 4xx or 5xx status, found {code}: an error response is a client or server error"
            ),
        );
    }
}

/// A literal status on which HTTP requires a header (401, 405, 407, 426) comes with it, fixed
/// or from a field (`names`); `at` is the status, or the variant that inherits it. A status given as a
/// path is checked by the compiler, against the same table, in the generated code.
pub(crate) fn required_header(code: u16, at: Span, names: &[&str], errors: &mut Accumulator) {
    if let Some(missing) = api_error_rules::missing_header(code, names) {
        errors.error(&at, missing);
    }
}

/// `format = "..."` names a format the runtime knows.
pub(crate) fn format_name(name: &LitStr, errors: &mut Accumulator) {
    let value = name.value();
    if api_error_rules::format_index(&value).is_some() {
        return;
    }
    let known: Vec<String> = api_error_rules::FORMAT_NAMES
        .iter()
        .map(|name| format!("\"{name}\""))
        .collect();
    let known = match known.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    errors.error(
        name,
        format_args!("unknown format \"{value}\": write {known}"),
    );
}

/// A transparent case has one field, and takes everything else from it.
pub(crate) fn transparent(attrs: &ErrorAttrs, fields: &Fields<'_>, errors: &mut Accumulator) {
    if fields.fields.len() != 1 {
        errors.error(
            &attrs.transparent.unwrap_or_else(Span::call_site),
            "#[api_error(transparent)] needs exactly one field: the wrapped error",
        );
    }
    let own_keys = [
        attrs.code.as_ref().map(|c| ("code", c.span())),
        attrs.status.as_ref().map(|s| ("status", s.span())),
        attrs.message.as_ref().map(|m| ("message", m.span())),
        attrs.headers.first().map(|h| ("header", h.key)),
        attrs.grpc.as_ref().map(|g| ("grpc", g.span())),
        match &attrs.status {
            Some(Status::Chosen(chosen)) => Some(("status(..) = ..", chosen.key)),
            _ => None,
        },
    ];
    let field_keys = fields.fields.iter().flat_map(|f| {
        [
            f.detail.as_ref().map(|d| ("detail", d.span)),
            f.header.as_ref().map(|h| ("header", h.span())),
            f.violations.map(|span| ("violations", span)),
        ]
    });
    for (key, span) in own_keys.into_iter().chain(field_keys).flatten() {
        errors.error(
            &span,
            format_args!(
                "#[api_error(transparent)] takes the `{key}` of the wrapped error; remove `{key}` here"
            ),
        );
    }
}

/// `own_display` says the user writes `Display`; with thiserror, thiserror does.
pub(crate) fn own_display_beside_thiserror(span: Span, errors: &mut Accumulator) {
    errors.error(
        &span,
        "thiserror's `#[error(...)]` already writes `Display`: remove `own_display`, or the `#[error]` attributes",
    );
}

/// `transparent` with a code of its own wraps one error, whose text reaches the logs and never
/// the client: one field, which is no detail or header.
pub(crate) fn transparent_wraps(attrs: &ErrorAttrs, fields: &Fields<'_>, errors: &mut Accumulator) {
    if fields.fields.len() != 1 {
        let at = match fields.fields.get(1) {
            Some(second) => syn::spanned::Spanned::span(second.ty),
            None => attrs.transparent.unwrap_or_else(Span::call_site),
        };
        errors.error(
            &at,
            "#[api_error(transparent)] with a code or status of its own wraps exactly one field: \
             the error it forwards to",
        );
    }
    for field in &fields.fields {
        let keys = [
            field.detail.as_ref().map(|d| ("a detail", d.span)),
            field.header.as_ref().map(|h| ("a header", h.span())),
            field
                .violations
                .map(|span| ("the error's violations", span)),
        ];
        for (what, span) in keys.into_iter().flatten() {
            not_on_source(what, span, errors);
        }
    }
}

/// `grpc = "..."` names a gRPC code an error may have; the name, when it does.
pub(crate) fn grpc_code(lit: &LitStr, errors: &mut Accumulator) -> Option<String> {
    let name = lit.value();
    if api_error_rules::GRPC_CODES.contains(&name.as_str()) {
        return Some(name);
    }
    let upper = name.to_ascii_uppercase().replace(['-', ' '], "_");
    let message = if upper == "OK" {
        "`OK` is the code of a success, never of an error: give this error's gRPC code, such as `grpc = \"FAILED_PRECONDITION\"`".to_owned()
    } else if api_error_rules::GRPC_CODES.contains(&upper.as_str()) {
        format!("write the gRPC code as `google.rpc.Code` names it: `grpc = \"{upper}\"`")
    } else if let Some(meant) = api_error_rules::GRPC_CODES
        .iter()
        .find(|code| crate::key::close(&upper, code))
    {
        format!("unknown gRPC code `{name}`; did you mean `grpc = \"{meant}\"`?")
    } else {
        let codes: Vec<String> = api_error_rules::GRPC_CODES
            .iter()
            .map(|code| format!("`{code}`"))
            .collect();
        format!(
            "unknown gRPC code `{name}`: expected one of {}",
            codes.join(", ")
        )
    };
    errors.error(lit, message);
    None
}

/// A code is a stable machine code: ASCII letters, digits, `_`, `.` and `-`.
fn is_machine_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// `code = "..."` is a machine code.
pub(crate) fn declared_code(lit: &LitStr, errors: &mut Accumulator) -> bool {
    let code = lit.value();
    let valid = is_machine_code(&code);
    if !valid {
        errors.error(
            lit,
            format_args!(
                "code \"{code}\" is not a stable machine code: use ASCII letters, digits, `_`, `.` and `-`, as in \"ORDER_NOT_FOUND\""
            ),
        );
    }
    valid
}

/// The code `rename_all` makes of `ident` is a machine code.
pub(crate) fn renamed_code(code: &str, ident: &Ident, errors: &mut Accumulator) -> bool {
    let valid = is_machine_code(code);
    if !valid {
        errors.error(
            ident,
            format_args!(
                "`rename_all` makes the code \"{code}\" of `{}`, which is not a stable machine code (ASCII letters, digits, `_`, `.` and `-`): give it a `code`",
                unraw(ident)
            ),
        );
    }
    valid
}

/// Every error has a code, declared or made by `rename_all`.
pub(crate) fn missing_code(case: ast::Case<'_>, errors: &mut Accumulator) {
    let whose = if case.variant.is_some() {
        "the enum"
    } else {
        "the struct"
    };
    errors.error(
        case.ident,
        format_args!(
            "missing `code`: add #[api_error(code = \"{}\")], or `rename_all = \"SCREAMING_SNAKE_CASE\"` on {whose}",
            unraw(case.ident).to_shouty_snake_case()
        ),
    );
}

/// Every error has a status, its own or the enum's default.
pub(crate) fn missing_status(case: ast::Case<'_>, errors: &mut Accumulator) {
    let whose = match case.variant {
        Some(_) => "on the variant, or a default on the enum",
        None => "on the struct",
    };
    errors.error(
        &case.ident.span(),
        format_args!("missing `status`: add `status = 400` (or another 4xx or 5xx) {whose}"),
    );
}

/// An error has one source at most: `marker` marks a second one.
pub(crate) fn one_source(marker: &Attribute, errors: &mut Accumulator) {
    errors.error(
        marker.path(),
        "an error has one source at most: remove this #[source] or #[from], or the other",
    );
}

/// `#[from]` builds the whole error from one field, so it is the only one.
pub(crate) fn from_alone(fields: &Fields<'_>, marker: &Attribute, errors: &mut Accumulator) {
    if fields.fields.len() > 1 {
        errors.error(
            marker.path(),
            "#[from] builds the whole error from this one field, so it cannot have other fields; \
             use #[source] and write the `From` impl yourself",
        );
    }
}

/// With thiserror writing `Display` and no `message`, a client error sends its `Display` to the
/// client, so `#[error(...)]` may not show the source (`source`, the source field's name).
pub(crate) fn display_hides_source(
    attrs: &[Attribute],
    source: Option<&str>,
    errors: &mut Accumulator,
) {
    const DECLARE: &str =
        "declare what the client reads with `message = \"...\"` in `#[api_error(...)]`";
    match ast::display_shows_source(attrs, source) {
        Some(ast::Shows::Transparent(span)) => errors.error(
            &span,
            format_args!(
                "`#[error(transparent)]` shows the wrapped error's text, which would reach the client \
                 as the message of this 4xx: {DECLARE}, or write `#[api_error(transparent)]` \
                 if the wrapped type derives `ApiError`"
            ),
        ),
        Some(ast::Shows::Format(text, shown)) => {
            if let Some((written, _)) = shown.first() {
                errors.error(
                    &text,
                    format_args!(
                        "`{written}` is the source of this error, and `#[error(...)]` would send it \
                         to the client as the message of this 4xx; a source never reaches the \
                         client: {DECLARE}"
                    ),
                );
            }
        }
        None => {}
    }
}

/// A case carries its field violations in one field.
pub(crate) fn one_violations(fields: &Fields<'_>, errors: &mut Accumulator) {
    for span in fields.fields.iter().filter_map(|f| f.violations).skip(1) {
        errors.error(
            &span,
            "an error carries its violations in one field: keep `#[api_error(violations)]` on the first, and push every violation into it",
        );
    }
}

/// A source never reaches the client: it is not `what` (a detail, a header, the violations).
pub(crate) fn not_on_source(what: &str, span: Span, errors: &mut Accumulator) {
    errors.error(
        &span,
        format_args!(
            "a source never reaches the client, so it cannot be {what}; \
             expose what the client needs in a field of its own"
        ),
    );
}

/// A message says something.
pub(crate) fn message_not_empty(lit: &LitStr, errors: &mut Accumulator) -> bool {
    let empty = lit.value().is_empty();
    if empty {
        errors.error(
            lit,
            "an empty message tells the client nothing: remove `message` to send the status's reason phrase",
        );
    }
    !empty
}

/// A fixed header's value holds no control character.
pub(crate) fn header_value(header: &StaticHeader, errors: &mut Accumulator) -> bool {
    let value = header.value.value();
    let bad = value
        .bytes()
        .find(|&b| (b < 0x20 && b != b'\t') || b == 0x7f);
    if let Some(byte) = bad {
        errors.error(
            &header.value,
            format_args!(
                "invalid header value: byte 0x{byte:02x} is a control character, which no header may hold"
            ),
        );
        return false;
    }
    challenge(header, errors)
}

/// A challenge (`WWW-Authenticate`, `Proxy-Authenticate`) starts with its scheme, a token
/// (RFC 9110, 11.6.1): an empty one sends an invalid header.
fn challenge(header: &StaticHeader, errors: &mut Accumulator) -> bool {
    let name = header.name.value();
    if !["www-authenticate", "proxy-authenticate"]
        .iter()
        .any(|known| name.eq_ignore_ascii_case(known))
    {
        return true;
    }
    let value = header.value.value();
    let scheme = value.split([' ', ',']).next().unwrap_or_default();
    let token = !scheme.is_empty()
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    if !token {
        errors.error(
            &header.value,
            format_args!(
                "invalid challenge \"{value}\": {name} starts with the scheme the service accepts, \
                 as in \"Bearer\" or \"Basic realm=\\\"api\\\"\""
            ),
        );
    }
    token
}

/// A header name is an HTTP token, and not one the body owns.
pub(crate) fn header_name(name: &LitStr, errors: &mut Accumulator) -> bool {
    let text = name.value();
    let token = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    let reason = if !token {
        format!(
            "invalid header name \"{text}\": a header name is letters, digits and !#$%&'*+-.^_`|~, as in \"Retry-After\""
        )
    } else if text.eq_ignore_ascii_case("content-type")
        || text.eq_ignore_ascii_case("content-length")
    {
        format!("\"{text}\" belongs to the body and is set by the response; remove this header")
    } else {
        return true;
    };
    errors.error(name, reason);
    false
}

/// A code of one case of the type: its value, where it was declared or derived, and the variant.
pub(crate) struct CodeUse<'a> {
    pub(crate) code: String,
    pub(crate) span: Span,
    pub(crate) variant: Option<&'a Ident>,
}

/// Two errors of one type never share a code.
pub(crate) fn unique_codes(codes: &[CodeUse<'_>], errors: &mut Accumulator) {
    let mut seen: HashMap<&str, &CodeUse<'_>> = HashMap::new();
    for code in codes {
        match seen.get(code.code.as_str()) {
            Some(first) => {
                let first = first
                    .variant
                    .map_or_else(String::new, |v| format!("variant `{v}`"));
                errors.error(
                    &code.span,
                    format_args!(
                        "duplicate code \"{}\", first used by {first}; each error of a type needs its own code",
                        code.code
                    ),
                );
            }
            None => {
                seen.insert(&code.code, code);
            }
        }
    }
}

/// Two fields of one error never share a member of `details`.
pub(crate) fn unique_details(
    fields: &Fields<'_>,
    model: &[model::Field<'_>],
    errors: &mut Accumulator,
) {
    for (index, (field, lowered)) in fields.fields.iter().zip(model).enumerate() {
        let (Some(name), Some(detail)) = (&lowered.detail, &field.detail) else {
            continue;
        };
        if model[..index]
            .iter()
            .any(|f| f.detail.as_ref() == Some(name))
        {
            errors.error(
                &detail.span,
                format_args!(
                    "duplicate detail `{name}`: each detail needs its own name; rename one with `detail = \"...\"`"
                ),
            );
        }
    }
}

/// One error sends each header once: a repeated name, fixed or from a field, is a mistake.
pub(crate) fn unique_headers(attrs: &ErrorAttrs, fields: &Fields<'_>, errors: &mut Accumulator) {
    let names = attrs
        .headers
        .iter()
        .map(|h| &h.name)
        .chain(fields.fields.iter().filter_map(|f| f.header.as_ref()));
    let mut seen: Vec<String> = Vec::new();
    for name in names {
        let lower = name.value().to_ascii_lowercase();
        if seen.contains(&lower) {
            errors.error(
                name,
                format_args!(
                    "header \"{}\" is set twice for this error; keep one",
                    name.value()
                ),
            );
        } else {
            seen.push(lower);
        }
    }
}

/// `members` is on an enum without generics, and the module's name is an identifier.
pub(crate) fn members(input: &ast::Input<'_>, errors: &mut Accumulator) {
    let Some(members) = &input.members else {
        return;
    };
    if let ast::Data::Struct(_) = input.data {
        errors.error(
            &members.span,
            "`members` writes a struct for each variant of an enum; a struct is a member of error sets already: remove `members`",
        );
    }
    if !input.generics.params.is_empty() {
        errors.error(
            &members.span,
            "`members` writes a struct for each variant, and a generic enum's variants have no type of their own: remove `members`, or declare each error as a struct",
        );
    }
    if let Some(name) = &members.name
        && syn::parse_str::<Ident>(&name.value()).is_err()
        && syn::parse_str::<Ident>(&format!("r#{}", name.value())).is_err()
    {
        errors.error(
            name,
            format_args!(
                "expected the name of a module such as `members = \"order_error\"`, found \"{}\"",
                name.value()
            ),
        );
    }
}
