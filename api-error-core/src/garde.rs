//! The `garde` crate's validation as field violations (feature `garde`).
//!
//! garde reports each failure as a message alone. So that a violation has a reason a client
//! can branch on, [`validate`] runs garde's validation with message wording of this module's
//! own (garde's `I18n`), which records each rule and its bound, then turns the report into
//! violations: `length`, `range` and `required` as they are, the rules of a string's form
//! (`email`, `url`, `pattern`, `contains`, `prefix`, `suffix`, `ip`, `ascii`, `alphanumeric`,
//! `credit_card`, `phone_number`) `format`, with the rule as the parameter `format`, and a
//! rule of one's own (`custom`) `invalid` with its own message. The message of the others is
//! an English sentence from the reason and its bound, which a localizer words by its reason.
//!
//! A report garde made by itself ([`violations`]) has no reasons: each is `invalid`, with
//! garde's message.
//!
//! ```
//! use api_error_core::garde::validate;
//! use garde::Validate;
//!
//! #[derive(Validate)]
//! struct Order {
//!     #[garde(length(min = 1))]
//!     kind: String,
//!     #[garde(range(min = 1, max = 100))]
//!     quantity: u32,
//! }
//!
//! let violations = validate(&Order { kind: String::new(), quantity: 0 }).unwrap_err();
//! let listed: Vec<_> = violations
//!     .iter()
//!     .map(|v| (v.location().to_string(), v.reason().to_owned(), v.message().to_owned()))
//!     .collect();
//! assert_eq!(listed, [
//!     ("/kind".to_owned(), "length".to_owned(), "Must be at least 1 in length".to_owned()),
//!     ("/quantity".to_owned(), "range".to_owned(), "Must be at least 1".to_owned()),
//! ]);
//! ```

use std::borrow::Cow;
use std::fmt::Display;

use ::garde::i18n::{
    I18n, InvalidCreditCard, InvalidEmail, InvalidPhoneNumber, InvalidUrl, IpKind, with_i18n,
};
use ::garde::{Report, Validate};

use crate::violation::{Param, Pointer, Violation, Violations, reason};

/// What starts a message this module's wording wrote: a control character no rule's message
/// of garde's or a user's starts with.
const MARK: char = '\u{1f}';
/// What goes between a recorded message's parts.
const PART: char = '\u{1e}';

/// Validates `value` with its default context, and its failures as violations.
///
/// # Errors
///
/// The violations, when a rule fails.
pub fn validate<T: Validate + ?Sized>(value: &T) -> Result<(), Violations>
where
    T::Context: Default,
{
    validate_with(value, &T::Context::default())
}

/// Validates `value` with `context`, and its failures as violations.
///
/// # Errors
///
/// The violations, when a rule fails.
pub fn validate_with<T: Validate + ?Sized>(
    value: &T,
    context: &T::Context,
) -> Result<(), Violations> {
    with_i18n(Recorded, || value.validate_with(context)).map_err(|report| violations(&report))
}

/// The failures of `report` as violations: with their reasons when [`validate`] made it, else
/// each `invalid` with its message.
#[must_use]
pub fn violations(report: &Report) -> Violations {
    let mut violations = Violations::new();
    for (path, error) in report.iter() {
        violations.push_with(|| read(Pointer::from_field_path(&path.to_string()), error.message()));
    }
    violations
}

/// The violation at `pointer` whose garde message is `message`.
fn read(pointer: Pointer, message: &str) -> Violation {
    let Some(recorded) = message.strip_prefix(MARK) else {
        return Violation::new(pointer, reason::INVALID, message.to_owned());
    };
    let mut parts = recorded.split(PART);
    let why = parts.next().unwrap_or(reason::INVALID).to_owned();
    let mut params: Vec<(String, Param)> = Vec::new();
    while let (Some(name), Some(value)) = (parts.next(), parts.next()) {
        params.push((name.to_owned(), param(value)));
    }
    Violation::worded(pointer, why, params)
}

/// A recorded bound's value: a whole number, a number, or text.
fn param(value: &str) -> Param {
    if let Ok(integer) = value.parse::<i64>() {
        return Param::Integer(integer);
    }
    match value.parse::<f64>() {
        Ok(number) if number.is_finite() => Param::Number(number),
        _ => Param::from(value.to_owned()),
    }
}

/// garde's wording, replaced by a record of each rule's reason and parameters.
struct Recorded;

/// The record of a failure for `reason` with `params`.
fn record(reason: &str, params: &[(&str, &dyn Display)]) -> Cow<'static, str> {
    let mut text = String::with_capacity(32);
    text.push(MARK);
    text.push_str(reason);
    for (name, value) in params {
        text.push(PART);
        text.push_str(name);
        text.push(PART);
        text.push_str(&value.to_string());
    }
    Cow::Owned(text)
}

/// The record of a failure of a string's form, `format` naming the rule.
fn form(format: &str, params: &[(&str, &dyn Display)]) -> Cow<'static, str> {
    let mut all: Vec<(&str, &dyn Display)> = vec![("format", &format)];
    all.extend_from_slice(params);
    record(reason::FORMAT, &all)
}

impl I18n for Recorded {
    fn length_lower_than(&self, min: usize) -> Cow<'static, str> {
        record(reason::LENGTH, &[("min", &min)])
    }

    fn length_greater_than(&self, max: usize) -> Cow<'static, str> {
        record(reason::LENGTH, &[("max", &max)])
    }

    fn range_lower_than(&self, min: &dyn Display) -> Cow<'static, str> {
        record(reason::RANGE, &[("min", min)])
    }

    fn range_greater_than(&self, max: &dyn Display) -> Cow<'static, str> {
        record(reason::RANGE, &[("max", max)])
    }

    fn credit_card_invalid(&self, _: InvalidCreditCard) -> Cow<'static, str> {
        form("credit_card", &[])
    }

    fn pattern_no_match(&self, _: &dyn Display) -> Cow<'static, str> {
        // The pattern is the service's own, and says nothing a client can act on.
        form("pattern", &[])
    }

    fn contains_missing(&self, pattern: &dyn Display) -> Cow<'static, str> {
        form("contains", &[("contains", pattern)])
    }

    fn url_invalid(&self, _: InvalidUrl) -> Cow<'static, str> {
        form("url", &[])
    }

    fn prefix_missing(&self, pattern: &dyn Display) -> Cow<'static, str> {
        form("prefix", &[("prefix", pattern)])
    }

    fn suffix_missing(&self, pattern: &dyn Display) -> Cow<'static, str> {
        form("suffix", &[("suffix", pattern)])
    }

    fn phone_number_invalid(&self, _: InvalidPhoneNumber) -> Cow<'static, str> {
        form("phone_number", &[])
    }

    fn ip_invalid(&self, _: IpKind) -> Cow<'static, str> {
        form("ip", &[])
    }

    fn matches_field_mismatch(&self, field: &dyn Display) -> Cow<'static, str> {
        record(reason::INVALID, &[("matches", field)])
    }

    fn email_invalid(&self, _: InvalidEmail) -> Cow<'static, str> {
        form("email", &[])
    }

    fn ascii_invalid(&self) -> Cow<'static, str> {
        form("ascii", &[])
    }

    fn alphanumeric_invalid(&self) -> Cow<'static, str> {
        form("alphanumeric", &[])
    }

    fn required_not_set(&self) -> Cow<'static, str> {
        record(reason::REQUIRED, &[])
    }
}
