//! `message = "Order {id} is not in pending status"`: the placeholders of a message, read the
//! way `format!` reads them, then checked against the fields and bound.

use darling::error::Accumulator;
use proc_macro2::{Group, Literal, Punct, Spacing, TokenStream, TokenTree};
use syn::{LitStr, Member};

use crate::ast;
use crate::check;
use crate::model::{self, Message, MessageSource};
use crate::report::Report;

/// What the generated code prefixes a field's name with to bind it: `id` is bound to
/// `__field_id`, so no field can shadow a parameter of the generated methods.
pub(crate) const BINDING_PREFIX: &str = "__field_";

/// The argument `{self}` of a message becomes, which the generated code passes as
/// `__self = self`.
const SELF_ARGUMENT: &str = "__self";

/// One `{...}` of a message, or a `name$` inside a format spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placeholder {
    /// The field: `id` or `0`.
    pub(crate) name: String,
    /// The formatting trait the field must implement: `Display`, `Debug`, `LowerHex`, ...
    pub(crate) trait_name: &'static str,
}

/// A message split into what it refers to and the format string that refers to the bindings
/// of the generated code (`{id}` becomes `{__field_id}`).
#[derive(Debug)]
pub(crate) struct Parsed {
    pub(crate) placeholders: Vec<Placeholder>,
    pub(crate) format: String,
    /// Whether it shows a constant or the error itself (`{MAX}`, `{self:?}`): no fixed text.
    pub(crate) captures: bool,
}

/// What a format string may name besides fields: the arguments of `message("...", ..)`.
#[derive(Debug, Default)]
pub(crate) struct Given {
    /// How many positional arguments there are, which `{}` and `{:?}` take in order.
    pub(crate) positional: usize,
    /// The names of the named arguments (`hint = ..`), which `{hint}` shows.
    pub(crate) named: Vec<String>,
    /// The names of the case's fields, which `{0}` means before an argument.
    pub(crate) fields: Vec<String>,
}

/// Reads `text`, whose `{}` take `given`'s positional arguments and whose `{name}` may name its
/// named ones, or says what is wrong with it.
pub(crate) fn parse(text: &str, given: &Given) -> Result<Parsed, String> {
    let mut captures = false;
    let mut placeholders = Vec::new();
    let mut format = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        format.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            format.push_str(&tail[..2]);
            rest = &tail[2..];
            continue;
        }
        if tail.starts_with('}') {
            return Err("unmatched `}` in message; write `}}` for a literal brace".into());
        }
        let Some(end) = tail.find('}') else {
            return Err("unmatched `{` in message; write `{{` for a literal brace".into());
        };
        let inner = &tail[1..end];
        let (name, spec) = inner.split_once(':').unwrap_or((inner, ""));
        let name = name.trim();
        let argument = if name.is_empty() {
            given.positional > 0
        } else if let Ok(position) = name.parse::<usize>() {
            // `{0}` is field 0 where there is one, else the first argument.
            position < given.positional && !given.fields.iter().any(|field| field == name)
        } else {
            given.named.iter().any(|named| named == name)
        };
        if argument {
            // An argument's own placeholder, as `format!` reads it; a field its spec names
            // (`{:>width$}`) is bound.
            format.push('{');
            format.push_str(name);
            if !spec.is_empty() {
                format.push(':');
                format.push_str(&rewrite_spec(spec, given, &mut placeholders));
            }
            format.push('}');
            rest = &tail[end + 1..];
            continue;
        }
        // `{self:?}` shows the error itself, `{MAX}` a constant in scope, as in thiserror.
        let constant = name.starts_with(|c: char| c.is_ascii_uppercase())
            && name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            && !given.fields.iter().any(|field| field == name);
        if name == "self" || constant {
            captures = true;
            format.push('{');
            format.push_str(if name == "self" { SELF_ARGUMENT } else { name });
            if !spec.is_empty() {
                format.push(':');
                format.push_str(&rewrite_spec(spec, given, &mut placeholders));
            }
            format.push('}');
            rest = &tail[end + 1..];
            continue;
        }
        if name.is_empty() {
            return Err(format!(
                "`{{{inner}}}` needs the field it shows: write `{{0}}` for a tuple field or `{{name}}` for a named one, \
                 or pass what it shows: `message(\"... {{}}\", .items.len())`"
            ));
        }
        if !is_field_name(name) {
            return Err(format!(
                "`{{{inner}}}` is not a field: a message can show fields only, as `{{0}}` or `{{name}}`"
            ));
        }
        if spec.contains(".*") && given.positional == 0 {
            return Err(format!(
                "`{{{inner}}}`: `.*` takes the precision from an argument, and this message has none; \
                 write `.2` or `.name$`, or pass it: `message(\"{{:.*}}\", 2, .0)`"
            ));
        }
        placeholders.push(Placeholder {
            name: name.to_owned(),
            trait_name: trait_of(spec),
        });
        format.push('{');
        format.push_str(BINDING_PREFIX);
        format.push_str(name);
        if !spec.is_empty() {
            format.push(':');
            format.push_str(&rewrite_spec(spec, given, &mut placeholders));
        }
        format.push('}');
        rest = &tail[end + 1..];
    }
    format.push_str(rest);
    Ok(Parsed {
        placeholders,
        format,
        captures,
    })
}

/// `message = "..."` or `message("...", ..)`, its placeholders and arguments matched to the
/// fields of `case`, whose field `source` it may not show.
pub(crate) fn lower(
    lit: &LitStr,
    case: ast::Case<'_>,
    fields: &[model::Field<'_>],
    source: Option<usize>,
    errors: &mut Accumulator,
) -> Option<MessageSource> {
    if !check::message_not_empty(lit, errors) {
        return None;
    }
    let text = lit.value();
    let arguments = arguments(&case.error.message_arguments, fields, source, errors)?;
    let parsed = parse(&text, &arguments.given)
        .map_err(|why| errors.error(lit, why))
        .ok()?;
    let mut arguments = arguments;
    if parsed.format.contains(&format!("{{{SELF_ARGUMENT}")) {
        let name = proc_macro2::Ident::new(SELF_ARGUMENT, proc_macro2::Span::call_site());
        arguments.tokens.push(quote::quote!(#name = self));
    }
    let owner = model::describe(case.variant, case.ident);
    let name = |member: &Member| match member {
        Member::Named(ident) => model::unraw(ident),
        Member::Unnamed(index) => index.index.to_string(),
    };
    let names: Vec<String> = fields
        .iter()
        .map(|f| format!("`{}`", name(&f.member)))
        .collect();
    let mut uses = Vec::new();
    for placeholder in &parsed.placeholders {
        let shown = &placeholder.name;
        match fields.iter().position(|f| name(&f.member) == *shown) {
            Some(index) if Some(index) == source => errors.error(
                lit,
                format_args!(
                    "`{{{shown}}}` is the source of this error, and a source never reaches the client; \
                     show a field of its own instead"
                ),
            ),
            Some(index) => uses.push((index, placeholder.trait_name)),
            None if fields.is_empty() => errors.error(
                lit,
                format_args!(
                    "message shows `{{{shown}}}`, but {owner} has no fields; write `{{{{` and `}}}}` for literal braces"
                ),
            ),
            None => errors.error(
                lit,
                format_args!(
                    "message shows `{{{shown}}}`, but {owner} has no field `{shown}`; its fields are {}",
                    names.join(", ")
                ),
            ),
        }
    }
    if parsed.placeholders.is_empty() && arguments.tokens.is_empty() && !parsed.captures {
        return Some(MessageSource::Fixed(text));
    }
    Some(MessageSource::Template(Message {
        template: text,
        format: parsed.format,
        span: lit.span(),
        uses,
        arguments: arguments.tokens,
        argument_fields: arguments.fields,
    }))
}

/// The arguments of `message("...", ..)`, read.
struct Arguments {
    given: Given,
    /// Each argument, positional ones first, with the fields it names bound.
    tokens: Vec<TokenStream>,
    /// The fields they name.
    fields: Vec<usize>,
}

/// Reads the arguments after a message's format string: expressions, or `name = expression`,
/// in which `.0` and `.items` name the case's fields, as thiserror's `#[error(...)]` has them.
/// A field is rewritten to its binding; the source may not be named.
fn arguments(
    tokens: &TokenStream,
    fields: &[model::Field<'_>],
    source: Option<usize>,
    errors: &mut Accumulator,
) -> Option<Arguments> {
    let mut read = Arguments {
        given: Given::default(),
        tokens: Vec::new(),
        fields: Vec::new(),
    };
    let name = |member: &Member| match member {
        Member::Named(ident) => model::unraw(ident),
        Member::Unnamed(index) => index.index.to_string(),
    };
    read.given.fields = fields.iter().map(|f| name(&f.member)).collect();
    let mut named = Vec::new();
    let mut ok = true;
    for argument in split_arguments(tokens.clone()) {
        let mut items: Vec<TokenTree> = argument.into_iter().collect();
        let name = match (items.first(), items.get(1)) {
            (Some(TokenTree::Ident(name)), Some(TokenTree::Punct(eq)))
                if eq.as_char() == '=' && eq.spacing() == Spacing::Alone =>
            {
                let name = name.clone();
                items.drain(..2);
                Some(name)
            }
            _ => None,
        };
        if items.is_empty() {
            errors.error(
                &tokens,
                "expected an argument after the comma: `message(\"{} left\", .items.len())`",
            );
            ok = false;
            continue;
        }
        let first = items[0].clone();
        let expression = bind_fields(
            items.into_iter().collect(),
            fields,
            source,
            &mut read.fields,
            errors,
            &mut ok,
        );
        match name {
            Some(name) => {
                read.given.named.push(model::unraw(&name));
                named.push(quote::quote!(#name = #expression));
            }
            None if !named.is_empty() => {
                errors.error(
                    &first,
                    "a positional argument cannot follow a named one: put `name = ..` arguments last",
                );
                ok = false;
            }
            None => {
                read.given.positional += 1;
                read.tokens.push(expression);
            }
        }
    }
    read.tokens.extend(named);
    read.fields.sort_unstable();
    read.fields.dedup();
    ok.then_some(read)
}

/// An expression outside a message, `status(..) = .0.kind()`, with the fields it names bound
/// as a message argument's are, and those fields; the source may be named: what is read from it
/// here is no text.
pub(crate) fn bind_expression(
    tokens: &TokenStream,
    fields: &[model::Field<'_>],
    errors: &mut Accumulator,
) -> Option<(TokenStream, Vec<usize>)> {
    let (mut used, mut ok) = (Vec::new(), true);
    let bound = bind_fields(tokens.clone(), fields, None, &mut used, errors, &mut ok);
    used.sort_unstable();
    used.dedup();
    ok.then_some((bound, used))
}

/// `tokens` split at their commas (a comma inside brackets, or in a generic's `<..>`, is no
/// separator); a trailing comma makes no argument.
fn split_arguments(tokens: TokenStream) -> Vec<TokenStream> {
    let mut arguments = vec![Vec::new()];
    let mut angle = 0usize;
    for token in tokens {
        match &token {
            TokenTree::Punct(p) if p.as_char() == '<' => angle += 1,
            TokenTree::Punct(p) if p.as_char() == '>' => angle = angle.saturating_sub(1),
            TokenTree::Punct(p) if p.as_char() == ',' && angle == 0 => {
                arguments.push(Vec::new());
                continue;
            }
            _ => {}
        }
        if let Some(last) = arguments.last_mut() {
            last.push(token);
        }
    }
    if arguments.last().is_some_and(Vec::is_empty) {
        arguments.pop();
    }
    arguments
        .into_iter()
        .map(|tokens| tokens.into_iter().collect())
        .collect()
}

/// What the token before this one was, as far as a `.` after it is concerned.
#[derive(Clone, Copy, PartialEq)]
enum Before {
    /// An expression may start here: a `.` begins a field (`.0`).
    Start,
    /// `self`: a `.` after it is a field access of the error itself.
    SelfWord,
    /// `self.`: the next token is one of the error's fields.
    SelfDot,
    /// Anything else: a `.` is Rust's own.
    Other,
}

/// The member a token after a `.` names, and what follows it: `.0.1` is lexed as `.` and the
/// float `0.1`.
fn member_of(token: &TokenTree) -> Option<(String, String)> {
    match token {
        TokenTree::Ident(ident) => Some((model::unraw(ident), String::new())),
        TokenTree::Literal(lit) => {
            let text = lit.to_string();
            let (first, rest) = text.split_once('.').unwrap_or((&text, ""));
            Some((first.to_owned(), rest.to_owned()))
        }
        _ => None,
    }
}

/// `tokens` with each field it names at the start of an expression (`.0`, `.items`) replaced by
/// the field's binding, the field recorded in `used`; a name that is no field, or the source
/// (also as `self.source`), is reported.
fn bind_fields(
    tokens: TokenStream,
    fields: &[model::Field<'_>],
    source: Option<usize>,
    used: &mut Vec<usize>,
    errors: &mut Accumulator,
    ok: &mut bool,
) -> TokenStream {
    let name = |member: &Member| match member {
        Member::Named(ident) => model::unraw(ident),
        Member::Unnamed(index) => index.index.to_string(),
    };
    let mut out: Vec<TokenTree> = Vec::new();
    let mut before = Before::Start;
    let mut pending_dot: Option<TokenTree> = None;
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (at, token) in tokens.iter().cloned().enumerate() {
        if let Some(dot) = pending_dot.take() {
            if let Some((member, after)) = member_of(&token) {
                let field = fields.iter().position(|f| name(&f.member) == member);
                bind_member(
                    &token,
                    (&member, &after),
                    field,
                    (fields, source),
                    &mut out,
                    used,
                    errors,
                    ok,
                );
                before = Before::Other;
                continue;
            }
            out.push(dot);
        }
        let next = match &token {
            // A `.` alone: the first of a range's `..` is joined to the second.
            TokenTree::Punct(p)
                if p.as_char() == '.'
                    && p.spacing() == Spacing::Alone
                    && before == Before::Start =>
            {
                pending_dot = Some(token);
                continue;
            }
            TokenTree::Punct(p) if p.as_char() == '.' && before == Before::SelfWord => {
                Before::SelfDot
            }
            TokenTree::Ident(ident) if ident == "self" => Before::SelfWord,
            TokenTree::Ident(ident) if before == Before::Start => {
                if let Some(index) = bare_field(ident, tokens.get(at + 1), fields) {
                    let member = model::unraw(ident);
                    bind_member(
                        &token,
                        (&member, ""),
                        Some(index),
                        (fields, source),
                        &mut out,
                        used,
                        errors,
                        ok,
                    );
                    before = Before::Other;
                    continue;
                }
                // `match .kind {..}`: a keyword an expression follows.
                if crate::ast::field_may_follow(&token) {
                    Before::Start
                } else {
                    Before::Other
                }
            }
            _ if before == Before::SelfDot => {
                if let Some((member, _)) = member_of(&token)
                    && let Some(index) = fields.iter().position(|f| name(&f.member) == member)
                    && Some(index) == source
                {
                    errors.error(
                        &token,
                        format_args!(
                            "`self.{member}` is the source of this error, and a source never \
                             reaches the client; show a field of its own instead"
                        ),
                    );
                    *ok = false;
                }
                Before::Other
            }
            other if crate::ast::field_may_follow(other) => Before::Start,
            _ => Before::Other,
        };
        before = next;
        match token {
            TokenTree::Group(group) => {
                let inner = bind_fields(group.stream(), fields, source, used, errors, ok);
                let mut rebuilt = Group::new(group.delimiter(), inner);
                rebuilt.set_span(group.span());
                out.push(TokenTree::Group(rebuilt));
            }
            other => out.push(other),
        }
    }
    out.extend(pending_dot);
    out.into_iter().collect()
}

/// The named field `ident` names bare (`token`), as thiserror's arguments may name one, when
/// `next` does not make it a call, a path, a macro or an associated type's binding (`A = i32`),
/// and it is no keyword.
fn bare_field(
    ident: &proc_macro2::Ident,
    next: Option<&TokenTree>,
    fields: &[model::Field<'_>],
) -> Option<usize> {
    let name = crate::ast::bare_name(ident, next)?;
    fields
        .iter()
        .position(|f| matches!(&f.member, Member::Named(named) if model::unraw(named) == name))
}

/// Binds the field `field` named `.member` at `token` (`after`: what follows a `.0.1`'s field),
/// or reports it: the source, or no field of the case.
#[allow(clippy::too_many_arguments)]
fn bind_member(
    token: &TokenTree,
    (member, after): (&str, &str),
    field: Option<usize>,
    (fields, source): (&[model::Field<'_>], Option<usize>),
    out: &mut Vec<TokenTree>,
    used: &mut Vec<usize>,
    errors: &mut Accumulator,
    ok: &mut bool,
) {
    match field {
        Some(index) if Some(index) == source => {
            errors.error(
                token,
                format_args!(
                    "`.{member}` is the source of this error, and a source never reaches \
                     the client; show a field of its own instead"
                ),
            );
            *ok = false;
        }
        Some(index) => {
            used.push(index);
            out.push(TokenTree::Ident(fields[index].binding()));
            // The rest of a `.0.1`: the field's own field.
            if let Ok(rest) = after.parse::<usize>() {
                let mut dot = Punct::new('.', Spacing::Alone);
                dot.set_span(token.span());
                out.push(TokenTree::Punct(dot));
                let mut rest = Literal::usize_unsuffixed(rest);
                rest.set_span(token.span());
                out.push(TokenTree::Literal(rest));
            }
        }
        None => {
            let names: Vec<String> = fields
                .iter()
                .map(|f| match &f.member {
                    Member::Named(ident) => format!("`.{}`", model::unraw(ident)),
                    Member::Unnamed(index) => format!("`.{}`", index.index),
                })
                .collect();
            let known = if names.is_empty() {
                "it has no fields".to_owned()
            } else {
                format!("its fields are {}", names.join(", "))
            };
            errors.error(
                token,
                format_args!("`.{member}` is not a field of this error; {known}"),
            );
            *ok = false;
        }
    }
}

/// The names a format string of another derive's (thiserror's `#[error("...")]`) refers to, read
/// leniently: `{id}`, `{0:?}` and `{:>width$}` name `id`, `0` and `width`; `{}` names none.
pub(crate) fn placeholder_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        let tail = &rest[at + 1..];
        if let Some(escaped) = tail.strip_prefix('{') {
            rest = escaped;
            continue;
        }
        let Some(end) = tail.find('}') else { break };
        let (name, spec) = tail[..end].split_once(':').unwrap_or((&tail[..end], ""));
        let name = name.trim();
        if !name.is_empty() {
            names.push(name.to_owned());
        }
        let mut width = Vec::new();
        rewrite_spec(spec, &Given::default(), &mut width);
        names.extend(width.into_iter().map(|p| p.name));
        rest = &tail[end + 1..];
    }
    names
}

/// The text of a message with no placeholder, its `{{` and `}}` unescaped.
pub(crate) fn unescape(format: &str) -> String {
    format.replace("{{", "{").replace("}}", "}")
}

fn is_field_name(name: &str) -> bool {
    name.chars().all(|c| c.is_alphanumeric() || c == '_')
        && (name.chars().all(|c| c.is_ascii_digit())
            || !name.starts_with(|c: char| c.is_ascii_digit()))
}

fn trait_of(spec: &str) -> &'static str {
    let spec = spec.trim_end();
    if spec.ends_with('?') {
        return "Debug";
    }
    match spec.chars().last() {
        Some('x') => "LowerHex",
        Some('X') => "UpperHex",
        Some('o') => "Octal",
        Some('b') => "Binary",
        Some('e') => "LowerExp",
        Some('E') => "UpperExp",
        Some('p') => "Pointer",
        _ => "Display",
    }
}

/// Rewrites `name$` width and precision arguments of a spec (`{id:>width$}`) that name fields
/// to bindings; a message's own argument (`hint$`, `0$`) stays as it is.
fn rewrite_spec(spec: &str, given: &Given, placeholders: &mut Vec<Placeholder>) -> String {
    let mut out = String::with_capacity(spec.len());
    let mut word = String::new();
    for c in spec.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        let argument = given.named.contains(&word)
            || word
                .parse::<usize>()
                .is_ok_and(|n| n < given.positional && !given.fields.contains(&word));
        if c == '$' && !word.is_empty() && !argument {
            placeholders.push(Placeholder {
                name: word.clone(),
                trait_name: "Display",
            });
            out.push_str(BINDING_PREFIX);
        }
        out.push_str(&word);
        word.clear();
        out.push(c);
    }
    out.push_str(&word);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_and_positional_placeholders_become_bindings() {
        let parsed = parse("Order {id} of {0:?} is {{late}}: {n:>5}", &Given::default()).unwrap();
        assert_eq!(
            parsed.format,
            "Order {__field_id} of {__field_0:?} is {{late}}: {__field_n:>5}"
        );
        let names: Vec<_> = parsed
            .placeholders
            .iter()
            .map(|p| (p.name.as_str(), p.trait_name))
            .collect();
        assert_eq!(names, [("id", "Display"), ("0", "Debug"), ("n", "Display")]);
    }

    #[test]
    fn width_arguments_are_fields_too() {
        let parsed = parse("{id:>width$}", &Given::default()).unwrap();
        assert_eq!(parsed.format, "{__field_id:>__field_width$}");
        assert_eq!(parsed.placeholders[1].name, "width");
    }

    #[test]
    fn hex_and_exp_specs_name_their_trait() {
        let parsed = parse("{a:#x} {b:X} {c:e} {d:x?}", &Given::default()).unwrap();
        let traits: Vec<_> = parsed.placeholders.iter().map(|p| p.trait_name).collect();
        assert_eq!(traits, ["LowerHex", "UpperHex", "LowerExp", "Debug"]);
    }

    #[test]
    fn broken_braces_are_explained() {
        let why = |text| parse(text, &Given::default()).unwrap_err();
        assert!(why("oops {").contains("unmatched `{`"));
        assert!(why("oops }").contains("unmatched `}`"));
        assert!(why("{}").contains("needs the field"));
        assert!(why("{self.id}").contains("is not a field"));
    }

    #[test]
    fn another_derives_placeholders_are_read_leniently() {
        assert_eq!(
            placeholder_names("{} {0:?} {{x}} {source} {:>width$.prec$}"),
            ["0", "source", "width", "prec"]
        );
    }

    #[test]
    fn arguments_take_their_placeholders_and_fields_keep_theirs() {
        let given = Given {
            positional: 1,
            named: vec!["hint".to_owned()],
            fields: vec!["0".to_owned()],
        };
        let parsed = parse("{0} has {} more{hint:?}", &given).unwrap();
        assert_eq!(parsed.format, "{__field_0} has {} more{hint:?}");
        assert_eq!(parsed.placeholders.len(), 1);
    }

    #[test]
    fn unescape_restores_literal_braces() {
        assert_eq!(unescape("a {{b}} c"), "a {b} c");
    }
}
