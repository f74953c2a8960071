//! The `validator` crate's `ValidationErrors` as field violations (feature `validator`): each
//! failed rule of each field, nested structs and list items with their places, in the order of
//! the fields' names (the crate keeps them in a hash map).
//!
//! A rule's code becomes the reason: `length`, `range` and `required` as they are
//! (`required_nested` is `required`), the rules of a string's form (`email`, `url`, `regex`,
//! `contains`, `does_not_contain`, `credit_card`, `non_control_character`, `ip`) `format`, with
//! the rule as the parameter `format`, and a rule of one's own its own code. The parameters are
//! the rule's bounds (`min`, `max`, `equal`, `exclusive_min`, `exclusive_max`) first, then its
//! others by name (a custom rule's own, numbers and text); the value the client sent, which the
//! crate adds as `value`, is never echoed back. The message is the
//! rule's own when it has one, else an English sentence from the reason and its bounds; a
//! localizer words it by its reason.
//!
//! ```
//! use api_error_core::validator::violations;
//! use validator::{ValidationError, ValidationErrors};
//!
//! let mut errors = ValidationErrors::new();
//! let mut range = ValidationError::new("range");
//! range.add_param("min".into(), &1);
//! range.add_param("max".into(), &100);
//! range.add_param("value".into(), &0);
//! errors.add("quantity", range);
//! errors.add("type", ValidationError::new("required"));
//!
//! let violations = violations(&errors);
//! let listed: Vec<_> = violations
//!     .iter()
//!     .map(|v| (v.location().to_string(), v.reason().to_owned(), v.message().to_owned()))
//!     .collect();
//! assert_eq!(listed, [
//!     ("/quantity".to_owned(), "range".to_owned(), "Must be between 1 and 100".to_owned()),
//!     ("/type".to_owned(), "required".to_owned(), "This member is required".to_owned()),
//! ]);
//! ```

use std::borrow::Cow;

use ::validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

use crate::violation::{Param, Pointer, Segment, Violation, Violations, reason};

/// The member name of a struct-level error (`#[validate(schema(...))]`): its violation is at
/// the struct itself.
const WHOLE: &str = "__all__";

/// The parameters a rule's bounds are given as, listed first in this order.
const BOUNDS: [&str; 5] = ["min", "max", "equal", "exclusive_min", "exclusive_max"];

/// The parameter the crate gives the value the client sent: never echoed back.
const SENT: &str = "value";

/// The rules of a string's form, whose reason is `format`.
const FORMATS: [&str; 8] = [
    "email",
    "url",
    "regex",
    "contains",
    "does_not_contain",
    "credit_card",
    "non_control_character",
    "ip",
];

/// Every failed rule of `errors` as a violation, each member named as its Rust field is
/// ([`Violations::rename_members`] names them as the body does, when serde renames them).
#[must_use]
pub fn violations(errors: &ValidationErrors) -> Violations {
    let mut violations = Violations::new();
    walk(errors, &Pointer::root(), &mut violations);
    violations
}

/// Adds the violations of `errors`, found at `at`, in the order of their fields' names.
fn walk(errors: &ValidationErrors, at: &Pointer, violations: &mut Violations) {
    let mut fields: Vec<(&Cow<'static, str>, &ValidationErrorsKind)> =
        errors.errors().iter().collect();
    fields.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (field, kind) in fields {
        let here = if field == WHOLE {
            at.clone()
        } else {
            let mut here = at.clone();
            here.push(Segment::Key(field.as_ref().into()));
            here
        };
        match kind {
            ValidationErrorsKind::Field(failed) => {
                for error in failed {
                    violations.push_with(|| violation(error, here.clone()));
                }
            }
            ValidationErrorsKind::Struct(inner) => walk(inner, &here, violations),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    let mut item = here.clone();
                    item.push(Segment::Index(*index));
                    walk(inner, &item, violations);
                }
            }
        }
    }
}

/// One failed rule, at `at`.
fn violation(error: &ValidationError, at: Pointer) -> Violation {
    let code: &str = &error.code;
    let (why, format) = match code {
        "required_nested" => (reason::REQUIRED, None),
        code if FORMATS.contains(&code) => (reason::FORMAT, Some(code)),
        code => (code, None),
    };
    // The bounds first, in their order; then the rule's others but the value the client sent,
    // by name (the crate keeps them in a hash map).
    let mut others: Vec<(&Cow<'static, str>, &serde_json::Value)> = error
        .params
        .iter()
        .filter(|(name, _)| *name != SENT && !BOUNDS.contains(&name.as_ref()))
        .collect();
    others.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut params: Vec<(Cow<'static, str>, Param)> = BOUNDS
        .iter()
        .filter_map(|&bound| Some((Cow::Borrowed(bound), param(error.params.get(bound)?)?)))
        .chain(
            others
                .into_iter()
                .filter_map(|(name, value)| Some((name.clone(), param(value)?))),
        )
        .collect();
    if let Some(format) = format {
        params.push((
            Cow::Borrowed("format"),
            Param::Text(Cow::Owned(format.to_owned())),
        ));
    }
    match &error.message {
        Some(message) => params.into_iter().fold(
            Violation::new(at, why.to_owned(), message.clone()),
            |violation, (name, value)| violation.with_param(name, value),
        ),
        None => Violation::worded(at, why.to_owned(), params),
    }
}

/// A bound's value as a parameter: a number, or text.
fn param(value: &serde_json::Value) -> Option<Param> {
    match value {
        serde_json::Value::Number(number) => Some(match number.as_i64() {
            Some(integer) => Param::Integer(integer),
            None => Param::Number(number.as_f64()?),
        }),
        serde_json::Value::String(text) => Some(Param::from(text.clone())),
        _ => None,
    }
}
