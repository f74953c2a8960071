//! The field violation in the text of a failure to read a request: serde's message behind the
//! place it happened, as `serde_path_to_error` writes it (`items[0].quantity: invalid type:
//! string "x", expected u32`), which is what axum's `Json`, `Query` and `Form` rejections say,
//! and axum's own words for a path parameter that does not parse. Each is turned into a
//! violation with a reason code a client can branch on; a text of no known shape is none.
//!
//! The place is read as `serde_path_to_error` writes it: members joined by `.`, items as `[0]`.
//! A text without one (actix-web's, or a failure of the whole body) names a place only where
//! serde names a member (a missing, unknown or repeated one) or reading stopped (a syntax
//! error, at its line and column).
//! A member whose name holds `.`, `[` or `: ` is read as more than one segment: the place is
//! then not exact, and the violation still names the failure.

use std::borrow::Cow;

use super::{Location, Pointer, Segment, Violation, reason};

/// Where a failure's text came from: the request's body, its query string or its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Body,
    Query,
    Path,
}

/// The violation `text`, a failure of `source`, describes: `None` when it has no shape known.
pub(crate) fn violation(source: Source, text: &str) -> Option<Violation> {
    if source == Source::Path {
        return path_parameter(text);
    }
    let (place, message) = split_place(text);
    let segments = place
        .map(|place| Pointer::from_field_path(place).segments)
        .unwrap_or_default();
    let (message, at) = strip_position(message);
    let (why, said, field) = classify(message)?;
    // Without a place, a value's failure is somewhere in the body, unknown: only a member serde
    // names, or where reading stopped, is a place.
    if place.is_none() && field.is_none() && why != reason::SYNTAX {
        return None;
    }
    let mut segments = segments;
    // serde names a missing or repeated member from the object that lacks or repeats it; the
    // place of an unknown one is the member itself already.
    if let Some(field) = field
        && !(why == reason::UNKNOWN_FIELD
            && matches!(segments.last(), Some(Segment::Key(last)) if **last == *field))
    {
        segments.push(Segment::Key(field.into()));
    }
    let message: Cow<'static, str> = match (why, at) {
        // Where reading stopped is what a client needs to mend a body that is no JSON.
        (reason::SYNTAX, Some(at)) => format!("{said} {at}").into(),
        _ => said,
    };
    let location = match source {
        Source::Query => Location::query(query_name(&segments)?),
        _ => {
            let mut pointer = Pointer::root();
            for segment in segments {
                pointer.push(segment);
            }
            Location::Body(pointer)
        }
    };
    Some(Violation::new(location, why, message))
}

/// The place before `: `, when the text starts with one, and the message after it.
fn split_place(text: &str) -> (Option<&str>, &str) {
    // A message of its own starts with a word serde writes, never with a place.
    const MESSAGES: [&str; 9] = [
        "missing field",
        "unknown field",
        "unknown variant",
        "invalid type",
        "invalid value",
        "invalid length",
        "duplicate field",
        "expected ",
        "EOF while",
    ];
    if MESSAGES.iter().any(|start| text.starts_with(start)) {
        return (None, text);
    }
    match text.split_once(": ") {
        Some((place, message)) => (Some(place), message),
        None => (None, text),
    }
}

/// A query parameter's name: the first member of the place (`filter.status` is the parameter
/// `filter`'s).
fn query_name(segments: &[Segment]) -> Option<String> {
    match segments.first()? {
        Segment::Key(name) => Some(name.to_string()),
        Segment::Index(_) => None,
    }
}

/// The message without `serde_json`'s position (` at line 1 column 20`), and that position.
fn strip_position(message: &str) -> (&str, Option<&str>) {
    match message.rfind(" at line ") {
        Some(at) if message[at..].contains(" column ") => {
            (&message[..at], Some(&message[at + 1..]))
        }
        _ => (message, None),
    }
}

/// The text between the first pair of backticks in `text`.
fn quoted(text: &str) -> Option<&str> {
    let (_, rest) = text.split_once('`')?;
    Some(rest.split_once('`')?.0)
}

/// What is after `, expected ` in a serde message: what the value should have been.
fn expected(message: &str) -> Option<&str> {
    // The last: a value the client sent, quoted before it, may hold the words.
    message
        .rsplit_once(", expected ")
        .map(|(_, expected)| expected)
}

/// serde's messages that name a member of the object (missing, unknown, given twice): how
/// each starts, its reason, and what the client is told.
const NAMING: [(&str, &str, &str); 3] = [
    (
        "missing field ",
        reason::REQUIRED,
        "This member is required",
    ),
    (
        "unknown field ",
        reason::UNKNOWN_FIELD,
        "This member is not allowed",
    ),
    ("duplicate field ", reason::INVALID, "given more than once"),
];

/// serde's messages that say what the value should have been (`..., expected u32`): how each
/// starts, and its reason.
const EXPECTING: [(&str, &str); 4] = [
    ("unknown variant ", reason::ENUM),
    ("invalid type: ", reason::TYPE),
    ("invalid length ", reason::LENGTH),
    ("invalid value: ", reason::INVALID),
];

/// The messages of a value parsed from text (a query string's, a form's): how each starts, its
/// reason, and what the client is told.
const PARSED: [(&str, &str, &str); 6] = [
    ("invalid digit found", reason::TYPE, "Expected a number"),
    ("invalid float literal", reason::TYPE, "Expected a number"),
    (
        "cannot parse integer from empty string",
        reason::TYPE,
        "Expected a number",
    ),
    (
        "number too large",
        reason::RANGE,
        "The number is out of range",
    ),
    (
        "number too small",
        reason::RANGE,
        "The number is out of range",
    ),
    (
        "provided string was not `true` or `false`",
        reason::TYPE,
        "Expected `true` or `false`",
    ),
];

/// How `serde_json`'s messages of a body that is no JSON start.
const SYNTAX: [&str; 8] = [
    "expected ",
    "EOF while parsing",
    "trailing c",
    "key must be a string",
    "control character",
    "invalid escape",
    "invalid number",
    "lone leading surrogate",
];

/// The reason of a serde message, the message for the client, and the member it names when the
/// place is the object's (a missing, unknown or repeated member).
fn classify(message: &str) -> Option<(&'static str, Cow<'static, str>, Option<String>)> {
    for (start, why, said) in NAMING {
        if let Some(rest) = message.strip_prefix(start) {
            return Some((why, said.into(), quoted(rest).map(str::to_owned)));
        }
    }
    if let Some(&(_, why)) = EXPECTING
        .iter()
        .find(|(start, _)| message.starts_with(start))
    {
        // Without what was expected, the message is the value sent: never echoed back.
        let expected = expected(message)?;
        return Some((why, format!("Expected {expected}").into(), None));
    }
    if let Some(&(_, why, said)) = PARSED.iter().find(|(start, ..)| message.starts_with(start)) {
        return Some((why, said.into(), None));
    }
    SYNTAX
        .iter()
        .any(|start| message.starts_with(start))
        .then(|| (reason::SYNTAX, Cow::Owned(capitalized(message)), None))
}

/// `text` with its first letter in capitals.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// axum's words for a path parameter that does not parse: ``Cannot parse `order_id` with value
/// `abc` to a `u64` ``.
fn path_parameter(text: &str) -> Option<Violation> {
    let rest = text.strip_prefix("Cannot parse `")?;
    let (name, rest) = rest.split_once('`')?;
    if !rest.starts_with(" with value `") {
        return None;
    }
    let message: Cow<'static, str> = match rest.rsplit_once(" to a `") {
        Some((_, ty)) => format!("Expected a `{}", ty.trim_end()).into(),
        None => "This parameter is not valid".into(),
    };
    Some(Violation::new(
        Location::path(name.to_owned()),
        reason::FORMAT,
        message,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(source: Source, text: &str) -> Seen {
        violation(source, text).map(|v| {
            (
                v.location().place().to_owned(),
                v.location().to_string(),
                v.reason().to_owned(),
                v.message().to_owned(),
            )
        })
    }

    type Seen = Option<(String, String, String, String)>;

    /// What [`seen`] gives for a violation.
    #[allow(clippy::unnecessary_wraps)]
    fn four(place: &str, at: &str, why: &str, message: &str) -> Seen {
        Some((place.into(), at.into(), why.into(), message.into()))
    }

    #[test]
    fn a_body_s_failure_names_its_member_and_reason() {
        assert_eq!(
            seen(Source::Body, "missing field `type` at line 1 column 20"),
            four("body", "/type", "required", "This member is required")
        );
        assert_eq!(
            seen(
                Source::Body,
                "items[0]: missing field `sku` at line 1 column 30"
            ),
            four(
                "body",
                "/items/0/sku",
                "required",
                "This member is required"
            )
        );
        assert_eq!(
            seen(
                Source::Body,
                "items[1].quantity: invalid type: string \"x\", expected u32 at line 1 column 9"
            ),
            four("body", "/items/1/quantity", "type", "Expected u32")
        );
        assert_eq!(
            seen(
                Source::Body,
                "type: unknown variant `poster`, expected `report` or `label` at line 1 column 16"
            ),
            four("body", "/type", "enum", "Expected `report` or `label`")
        );
        assert_eq!(
            seen(
                Source::Body,
                "unknown field `colour`, expected `type` or `quantity` at line 1 column 9"
            ),
            four(
                "body",
                "/colour",
                "unknown_field",
                "This member is not allowed"
            )
        );
        assert_eq!(
            seen(Source::Body, "expected value at line 1 column 1"),
            four("body", "", "syntax", "Expected value at line 1 column 1")
        );
        assert_eq!(
            seen(
                Source::Body,
                "a.b: EOF while parsing an object at line 1 column 12"
            ),
            four(
                "body",
                "/a/b",
                "syntax",
                "EOF while parsing an object at line 1 column 12"
            )
        );
        assert_eq!(seen(Source::Body, "Something else entirely"), None);
    }

    #[test]
    fn a_query_s_failure_names_its_parameter() {
        assert_eq!(
            seen(Source::Query, "limit: invalid digit found in string"),
            four("query", "limit", "type", "Expected a number")
        );
        assert_eq!(
            seen(Source::Query, "missing field `status`"),
            four("query", "status", "required", "This member is required")
        );
        assert_eq!(
            seen(Source::Query, "duplicate field `limit`"),
            four("query", "limit", "invalid", "given more than once")
        );
        assert_eq!(
            seen(
                Source::Query,
                "page: number too large to fit in target type"
            ),
            four("query", "page", "range", "The number is out of range")
        );
    }

    #[test]
    fn a_path_s_failure_names_its_parameter() {
        assert_eq!(
            seen(
                Source::Path,
                "Cannot parse `order_id` with value `abc` to a `u64`"
            ),
            four("path", "order_id", "format", "Expected a `u64`")
        );
        assert_eq!(seen(Source::Path, "Wrong number of path arguments"), None);
    }
}
