//! How an error's code and fields are named in Fluent: the derive names the variables it passes
//! with these rules, and the runtime names the messages it looks up, the variables a catalog's
//! template has and the template a translator starts from with the same.
//!
//! Fluent identifiers are `[a-zA-Z][a-zA-Z0-9_-]*`. A code such as `ORDER_NOT_FOUND` is one as it
//! is; any other code is made one by [`message_id`]. A named field is the variable of its name; a
//! tuple field, whose name is a number, is `arg` and its index (`{0}` is `$arg0`).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

/// Whether `text` is a Fluent identifier, `[a-zA-Z][a-zA-Z0-9_-]*`.
#[must_use]
pub fn is_identifier(text: &str) -> bool {
    // A byte at or above 0x80 is never alphanumeric here, so a non-ASCII name is refused whole.
    let mut bytes = text.bytes();
    bytes
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The id of the message that translates `code`: the code itself when it is a Fluent
/// identifier; else the code with every character outside `[a-zA-Z0-9_-]` replaced by `-`,
/// and `code-` before it when it does not start with a letter (`order.not-found` is
/// `order-not-found`, `404` is `code-404`).
#[must_use]
pub fn message_id(code: &str) -> Cow<'_, str> {
    if is_identifier(code) {
        return Cow::Borrowed(code);
    }
    let mut id = String::with_capacity(code.len() + 5);
    if !code.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.push_str("code-");
    }
    id.extend(code.chars().map(|c| {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            c
        } else {
            '-'
        }
    }));
    Cow::Owned(id)
}

/// The variable a field is passed as, from its name as the derive reads it (`order_id`, `r#type`,
/// or a tuple field's index `0`): the name without `r#`, `arg` and the index for a tuple field,
/// and `None` for a name that is no Fluent identifier (one that starts with `_`, say), which is
/// then passed to no translation.
#[must_use]
pub fn variable(member: &str) -> Option<Cow<'_, str>> {
    let member = member.strip_prefix("r#").unwrap_or(member);
    if !member.is_empty() && member.bytes().all(|b| b.is_ascii_digit()) {
        let mut name = String::from("arg");
        name.push_str(member);
        return Some(Cow::Owned(name));
    }
    is_identifier(member).then_some(Cow::Borrowed(member))
}

/// A piece of a message template as `format!` reads it.
enum Piece<'a> {
    Text(&'a str),
    /// `{{` or `}}`.
    Brace(char),
    /// `{name}` or `{name:spec}`: the field's name.
    Field(&'a str),
}

/// The pieces of `template`, in order; an unmatched brace is text (the derive refuses such a
/// template, so only a hand-written catalog entry has one).
fn pieces(template: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = template;
    core::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let Some(at) = rest.find(['{', '}']) else {
            let text = rest;
            rest = "";
            return Some(Piece::Text(text));
        };
        if at > 0 {
            let text = &rest[..at];
            rest = &rest[at..];
            return Some(Piece::Text(text));
        }
        if rest.starts_with("{{") || rest.starts_with("}}") {
            let brace = if rest.starts_with('{') { '{' } else { '}' };
            rest = &rest[2..];
            return Some(Piece::Brace(brace));
        }
        match rest.find('}').filter(|_| rest.starts_with('{')) {
            Some(end) => {
                let inner = &rest[1..end];
                rest = &rest[end + 1..];
                let name = inner.split_once(':').map_or(inner, |(name, _)| name).trim();
                Some(Piece::Field(name))
            }
            None => {
                let text = &rest[..1];
                rest = &rest[1..];
                Some(Piece::Text(text))
            }
        }
    })
}

/// The variables a message template shows, in order of first use, each once.
#[must_use]
pub fn variables(template: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for piece in pieces(template) {
        if let Piece::Field(name) = piece
            && let Some(variable) = variable(name)
            && !found.iter().any(|seen| *seen == variable)
        {
            found.push(variable.into_owned());
        }
    }
    found
}

/// `template` as a Fluent pattern whose variables are among `passed`: `Order {id} is
/// {status:?}` is `Order { $id } is { $status }`; a literal brace is a string literal, `{"{"}`.
/// A field that is not passed as a variable (one whose name is no variable, a source, any field
/// of a 5xx) stays as text, `{"{_x}"}`.
#[must_use]
pub fn pattern(template: &str, passed: &[String]) -> String {
    let mut out = String::with_capacity(template.len() + 8);
    for piece in pieces(template) {
        match piece {
            Piece::Text(text) => push_text(&mut out, text),
            Piece::Brace(brace) => push_literal(&mut out, if brace == '{' { "{" } else { "}" }),
            Piece::Field(name) => match variable(name).filter(|v| passed.iter().any(|p| p == v)) {
                Some(variable) => {
                    out.push_str("{ $");
                    out.push_str(&variable);
                    out.push_str(" }");
                }
                None => {
                    let mut shown = String::from("{");
                    shown.push_str(name);
                    shown.push('}');
                    push_literal(&mut out, &shown);
                }
            },
        }
    }
    out
}

/// Text of a pattern: braces become string literals; a line break, which would end the
/// message, a space.
fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '{' | '}' => {
                let mut one = [0u8; 4];
                push_literal(out, c.encode_utf8(&mut one));
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
}

/// `{"text"}`, with `"` and `\` escaped.
fn push_literal(out: &mut String, text: &str) {
    out.push_str("{\"");
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push_str("\"}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_that_are_identifiers_are_their_own_ids() {
        assert_eq!(message_id("ORDER_NOT_FOUND"), "ORDER_NOT_FOUND");
        assert_eq!(message_id("order.not found"), "order-not-found");
        assert_eq!(message_id("404"), "code-404");
        assert_eq!(message_id("_x"), "code-_x");
        assert_eq!(message_id("prüfung"), "pr-fung");
    }

    #[test]
    fn fields_are_variables_by_name_and_tuple_fields_by_index() {
        assert_eq!(variable("order_id").as_deref(), Some("order_id"));
        assert_eq!(variable("r#type").as_deref(), Some("type"));
        assert_eq!(variable("0").as_deref(), Some("arg0"));
        assert_eq!(variable("_hidden"), None);
    }

    #[test]
    fn templates_become_patterns_and_name_their_variables() {
        let passed = ["id", "status", "arg0"].map(String::from);
        assert_eq!(
            pattern("Order {id} is {status:?}, {{braced}} {0}", &passed),
            r#"Order { $id } is { $status }, {"{"}braced{"}"} { $arg0 }"#
        );
        assert_eq!(
            pattern("odd } and {_x}", &passed),
            r#"odd {"}"} and {"{_x}"}"#
        );
        assert_eq!(
            pattern("{id} failed: {source}", &passed),
            r#"{ $id } failed: {"{source}"}"#
        );
        assert_eq!(variables("{a} {b:>4} {a} {0} {_x}"), ["a", "b", "arg0"]);
    }
}
