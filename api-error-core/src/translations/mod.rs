//! Translations of the public messages, keyed by code, on Fluent (feature `fluent`): loaded
//! (`load`) and checked against a catalog (`check`) once at start-up, looked up per response
//! (here) with no failure a client can see.

mod check;
mod load;

pub use check::{Finding, FindingKind};
pub use load::{LoadError, LoadErrors, TranslationsBuilder};

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::violation::{Param, Violation};
use fluent_syntax::ast;

use crate::api_error::ApiError;
use crate::arguments::{Argument, Arguments};
use crate::config::Config;
use crate::localize::{Localizer, Passed, Pattern, Piece, Translation, negotiate};

/// Where the invisible Unicode isolation marks (U+2068, U+2069) go around a value a translation
/// shows: they keep a left-to-right value from reordering right-to-left text around it, and are
/// bytes a client comparing strings does not expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Isolation {
    /// Only in the translations of right-to-left locales (Arabic, Hebrew, Persian, ...).
    #[default]
    RightToLeft,
    /// In every locale's translations, as Fluent does by default.
    Always,
    /// In none.
    Never,
}

/// The translations of a service's error messages: per locale, a set of Fluent resources whose
/// message ids are the errors' codes.
///
/// A code that is a Fluent identifier (`[a-zA-Z][a-zA-Z0-9_-]*`, as `ORDER_NOT_FOUND` is) is its
/// own message id; any other has each character outside `[a-zA-Z0-9_-]` made a `-` and, when it
/// does not start with a letter, `code-` before it (`order.gone` is `order-gone`). A message's
/// variables are the fields its declared message shows (with thiserror's `#[error]`, every
/// field), but a source, by name, a tuple field as `arg` and its index (`$arg0`), numbers as
/// numbers (so `{ $quota -> [one] ... *[other] ... }` works); a 5xx's has none. An
/// attribute `.title` is the `title` of problem details (with a type base) and of JSON:API.
///
/// ```
/// use api_error_core::{ApiError, Config, Translations};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = "USAGE_NOT_ENOUGH", status = 400, message = "{required} units needed")]
/// struct NotEnough {
///     #[api_error(detail)]
///     required: u32,
/// }
///
/// let translations = Translations::builder("en")
///     .add("de", "de/errors.ftl", "USAGE_NOT_ENOUGH = { $required ->\n    [one] Eine Einheit nötig\n   *[other] { $required } Einheiten nötig\n}\n")
///     .build()
///     .expect("translations without mistakes");
/// let config = Config::new().translations(translations);
///
/// let response = config.response_in(&NotEnough { required: 3 }, "de-CH, en;q=0.5");
/// assert_eq!(response.headers()["content-language"], "de");
/// assert_eq!(
///     response.body().as_ref(),
///     r#"{"code":"USAGE_NOT_ENOUGH","message":"3 Einheiten nötig","details":{"required":3}}"#.as_bytes()
/// );
/// let response = config.response_in(&NotEnough { required: 1 }, "da");
/// assert_eq!(response.headers()["content-language"], "en");
/// assert_eq!(
///     response.body().as_ref(),
///     br#"{"code":"USAGE_NOT_ENOUGH","message":"1 units needed","details":{"required":1}}"#
/// );
/// ```
///
/// Under an [`ApiErrorLayer`](crate::axum::ApiErrorLayer) each request's `Accept-Language`
/// chooses the locale (RFC 9110, 12.5.4: by q-value, `q=0` excluded, `*`, any case, `de-CH`
/// falling back to `de`, else the default; several fields are one list). A code a locale does
/// not translate falls back to the locale its tag is cut to (`de-CH` to `de`), then to the
/// default locale's translation, then to the declared message. A translation that names a
/// variable the error does not pass, or fails to format otherwise, falls back the same way, and
/// is logged (feature `tracing`): at `WARN` the first time for its message and locale, at
/// `DEBUG` after. A response whose message falls back to its status's reason phrase (a value
/// it shows failed to format) says the default locale in `Content-Language`. A 5xx's
/// translation gets no variables: it stands for its declared message (the reason phrase when
/// none is declared), never for a source.
pub struct Translations {
    /// The default locale is the first.
    locales: Vec<Locale>,
    /// Each locale's `Content-Language`, for negotiation.
    languages: Vec<http::HeaderValue>,
}

/// One locale's translations.
struct Locale {
    tag: String,
    bundle: FluentBundle<FluentResource>,
    /// The locales it falls back to, in order (the default last, when it is not this one).
    chain: Vec<usize>,
    /// Where each message and term is (a term's id with its `-`).
    places: HashMap<String, Place>,
    files: Vec<String>,
    /// Whether values go between isolation marks.
    isolating: bool,
    /// The messages made of text and variables alone, whose `.title`, if any, is text alone,
    /// written without Fluent's formatting; sorted by [`by_length`] of their ids, for a binary
    /// search (cheaper than hashing the id, for the few messages of a service).
    direct: Vec<(Box<str>, Direct)>,
}

/// Where a message or term is, and whether a failure of it has been logged.
struct Place {
    /// Its file, an index into the locale's `files`.
    file: usize,
    /// Its line, from 1.
    line: usize,
    /// Whether a failure has been logged as a warning: only the first is, the rest at `DEBUG`,
    /// so that a broken translation does not log a warning per response.
    warned: AtomicBool,
}

impl Locale {
    /// Whether a failure of message `id` is the first one logged (then at `WARN`).
    fn first_failure(&self, id: &str) -> bool {
        self.places
            .get(id)
            .is_none_or(|place| !place.warned.swap(true, Ordering::Relaxed))
    }

    /// The message `id` written piece by piece, if it is one.
    fn direct(&self, id: &str) -> Option<&Direct> {
        self.direct
            .binary_search_by(|(known, _)| by_length(known, id))
            .ok()
            .map(|at| &self.direct[at].1)
    }
}

/// Ids ordered by length, then by their bytes: most comparisons of a search end at the
/// lengths, without comparing text.
pub(crate) fn by_length(a: &str, b: &str) -> core::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// A message written piece by piece.
struct Direct {
    pattern: Pattern,
    title: Option<String>,
}

/// The most placeables Fluent formats in one pattern.
const MAX_PLACEABLES: usize = 100;

impl Direct {
    /// The message's pieces, when its value is text and variables alone and its title text
    /// alone.
    fn of(message: &ast::Message<&str>, isolating: bool) -> Option<Direct> {
        let value = message.value.as_ref()?;
        let mut pieces = Vec::with_capacity(value.elements.len());
        let mut variables = 0;
        for element in &value.elements {
            pieces.push(match element {
                ast::PatternElement::TextElement { value } => Piece::Text(value),
                ast::PatternElement::Placeable {
                    expression:
                        ast::Expression::Inline(ast::InlineExpression::VariableReference { id }),
                } => {
                    variables += 1;
                    Piece::Variable(id.name)
                }
                ast::PatternElement::Placeable { .. } => return None,
            });
        }
        // Past the placeables Fluent formats in one pattern, Fluent's answer (a failure, and
        // the fallback) is the one to give.
        if variables > MAX_PLACEABLES {
            return None;
        }
        let title = match message.attributes.iter().find(|a| a.id.name == "title") {
            None => None,
            Some(title) => match title.value.elements.as_slice() {
                [ast::PatternElement::TextElement { value }] => Some((*value).to_owned()),
                _ => return None,
            },
        };
        // Fluent isolates no value of a message that is one placeable alone.
        let isolate = isolating && pieces.len() > 1;
        Some(Direct {
            pattern: Pattern::new(pieces, isolate),
            title,
        })
    }
}

impl fmt::Debug for Translations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Translations")
            .field("locales", &self.locales().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Translations {
    /// The locales, the default first, as their tags.
    pub fn locales(&self) -> impl Iterator<Item = &str> {
        self.locales.iter().map(|locale| locale.tag.as_str())
    }

    /// The locale an `Accept-Language` value asks for, among these (the default when none
    /// matches); see [`Translations`].
    #[must_use]
    pub fn negotiate(&self, accept_language: &str) -> &str {
        let at = negotiate(&[accept_language.as_bytes()], &self.languages).unwrap_or(0);
        &self.locales[at].tag
    }
}

impl Config {
    /// Renders every message in a language of `translations` (feature `fluent`): under an
    /// error layer, the one each request's `Accept-Language` asks for; elsewhere the default
    /// locale, or the one [`Config::response_in`] is given. A response then says its language
    /// in `Content-Language`, and one the layer negotiated has `Vary: Accept-Language`. See
    /// [`Translations`]; it is the [`localizer`](Config::localizer) the crate brings.
    #[must_use]
    pub fn translations(self, translations: Translations) -> Self {
        self.localizer(translations)
    }
}

impl Localizer for Translations {
    fn languages(&self) -> &[http::HeaderValue] {
        &self.languages
    }

    /// The message of `error` (and its `.title`) in the locale at `index`, falling back along
    /// its chain; `None` when no locale translates it, and the declared message stands.
    fn translate<'a>(
        &'a self,
        error: &dyn ApiError,
        index: usize,
        sent: bool,
    ) -> Option<Translation<'a>> {
        // A failure is logged only for a response sent: an example spends no warning.
        let first = |candidate: &Locale, id: &str| sent.then(|| candidate.first_failure(id));
        let locale = self.locales.get(index)?;
        let code = error.code();
        // A message whose id is the code itself is found without making the id.
        let mut id: Option<Cow<'static, str>> = None;
        let mut args = None;
        let mut passed = None;
        for &at in core::iter::once(&index).chain(&locale.chain) {
            let candidate = &self.locales[at];
            let direct = match &id {
                Some(id) => candidate.direct(id),
                None => match candidate.direct(code) {
                    Some(found) => {
                        id = Some(Cow::Borrowed(code));
                        Some(found)
                    }
                    None => {
                        let made: Cow<'static, str> = api_error_rules::fluent::message_id(code);
                        let found = match &made {
                            Cow::Borrowed(_) => None,
                            Cow::Owned(made) => candidate.direct(made),
                        };
                        id = Some(made);
                        found
                    }
                },
            };
            let id: &str = id.as_deref().unwrap_or(code);
            if let Some(direct) = direct {
                let passed = passed.get_or_insert_with(|| Passed::of(error));
                let in_order = match passed.order_of(&direct.pattern) {
                    Err(missing) => {
                        if let Some(first) = first(candidate, id) {
                            log_missing(first, code, &candidate.tag, missing);
                        }
                        continue;
                    }
                    Ok(in_order) => in_order,
                };
                if passed.all_known() {
                    let found =
                        Translation::of_pattern(&direct.pattern, in_order, &self.languages[at]);
                    return Some(match &direct.title {
                        Some(title) => found.with_title(Cow::Borrowed(title)),
                        None => found,
                    });
                }
            }
            let Some(message) = candidate.bundle.get_message(id) else {
                continue;
            };
            let Some(pattern) = message.value() else {
                continue;
            };
            let Some(args) = args.get_or_insert_with(|| arguments_of(error)) else {
                return None;
            };
            let mut errors = Vec::new();
            let text = candidate
                .bundle
                .format_pattern(pattern, Some(args), &mut errors);
            if !errors.is_empty() {
                if let Some(first) = first(candidate, id) {
                    log_failure(first, code, &candidate.tag, &errors);
                }
                continue;
            }
            // A variable inside a term that the term's call does not give is written as its
            // reference and reported as no error: never sent to a client.
            if text.contains("{$") {
                if let Some(first) = first(candidate, id) {
                    log_unresolved(first, code, &candidate.tag);
                }
                continue;
            }
            let title = message.get_attribute("title").and_then(|title| {
                let mut errors = Vec::new();
                let text = candidate
                    .bundle
                    .format_pattern(title.value(), Some(args), &mut errors);
                if errors.is_empty() {
                    Some(text)
                } else {
                    // The message is used, its title is not.
                    if let Some(first) = first(candidate, id) {
                        for error in &errors {
                            log_unused(first, "title", code, &candidate.tag, error);
                        }
                    }
                    None
                }
            });
            let found = Translation::text(text, &self.languages[at]);
            return Some(match title {
                Some(title) => found.with_title(title),
                None => found,
            });
        }
        None
    }

    /// The message `violation-<reason>` (`violation-range`) in the locale at `index`, falling
    /// back along its chain, with the violation's parameters and its `field` as variables;
    /// `None` when no locale has it, and the violation's own message stands. In the default
    /// locale, a violation keeps the message its code gave it, as specific as the code made it
    /// (`Expected one of ...`): a translation words it by its reason alone.
    fn translate_violation<'a>(
        &'a self,
        violation: &Violation,
        index: usize,
        sent: bool,
    ) -> Option<Translation<'a>> {
        if index == 0 {
            return None;
        }
        let locale = self.locales.get(index)?;
        let id = crate::violation::message_id(violation.reason());
        let mut args: Option<FluentArgs<'_>> = None;
        // Nor does a language that falls back to the default take the default's wording.
        for &at in core::iter::once(&index)
            .chain(&locale.chain)
            .filter(|&&at| at != 0)
        {
            let candidate = &self.locales[at];
            // A length or a range with one bound alone is worded by its attribute (`.min`).
            let attribute = bound_attribute(violation);
            let Some(pattern) =
                candidate
                    .bundle
                    .get_message(&id)
                    .and_then(|message| match attribute {
                        Some(attribute) => message
                            .get_attribute(attribute)
                            .map(|attribute| attribute.value()),
                        None => message.value(),
                    })
            else {
                continue;
            };
            let args = args.get_or_insert_with(|| violation_arguments(violation));
            let mut errors = Vec::new();
            let text = candidate
                .bundle
                .format_pattern(pattern, Some(args), &mut errors);
            // A message that names a parameter this violation lacks is not used.
            if !errors.is_empty() || text.contains("{$") {
                if sent {
                    let first = candidate.first_failure(&id);
                    let error = "a variable it names is not one of the violation's";
                    log_unused(first, "message", &id, &candidate.tag, &error);
                }
                continue;
            }
            return Some(Translation::text(
                Cow::Owned(text.into_owned()),
                &self.languages[at],
            ));
        }
        None
    }
}

/// Which attribute of its reason's Fluent message words `violation`: `exactly` for an exact
/// bound, `min` or `max` for one bound alone; `None` for the message itself.
fn bound_attribute(violation: &Violation) -> Option<&'static str> {
    if ![
        crate::violation::reason::LENGTH,
        crate::violation::reason::RANGE,
    ]
    .contains(&violation.reason())
    {
        return None;
    }
    let has = |name: &str| violation.params().any(|(given, _)| given == name);
    match (has("equal"), has("min"), has("max")) {
        (true, ..) => Some("exactly"),
        (false, true, false) => Some("min"),
        (false, false, true) => Some("max"),
        _ => None,
    }
}

/// A violation's parameters and its `field` (its pointer, or its parameter's name) as Fluent
/// variables.
fn violation_arguments(violation: &Violation) -> FluentArgs<'static> {
    let mut args = FluentArgs::with_capacity(violation.params().len() + 1);
    args.set("field", FluentValue::from(violation.location().to_string()));
    for (name, value) in violation.params() {
        let value = match value {
            Param::Integer(value) => FluentValue::from(*value),
            Param::Number(value) => FluentValue::from(*value),
            Param::Text(text) => FluentValue::from(text.clone().into_owned()),
        };
        args.set(name.to_owned(), value);
    }
    args
}

/// The arguments `error` passes a translation, as Fluent takes them: none for a 5xx. `None`
/// when a value's `Display` fails: no translation then, and the declared message's own
/// fallback stands.
fn arguments_of(error: &dyn ApiError) -> Option<FluentArgs<'static>> {
    let mut args = FluentArgs::new();
    let mut displayed = true;
    if !error.status().is_server_error() {
        error.message_arguments(&mut Arguments::new(&mut |name, value| match value {
            Argument::Number(number) => args.set(name, FluentValue::from(number)),
            Argument::Text(text) => {
                let mut written = String::new();
                if core::fmt::write(&mut written, format_args!("{text}")).is_ok() {
                    args.set(name, FluentValue::from(written));
                } else {
                    displayed = false;
                }
            }
        }));
    }
    displayed.then_some(args)
}

/// Logs a translation that names a variable the error does not pass, and so was not used: at
/// `WARN` the `first` time for its message and locale, else at `DEBUG`.
#[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
fn log_missing(first: bool, code: &str, locale: &str, variable: &str) {
    // The code, the locale and the variable are the service's own text, never a client's.
    let error = format_args!("Unknown variable: ${variable}");
    log_unused(first, "message", code, locale, &error);
}

/// Logs a translation that failed to format, and so was not used, as [`log_missing`] does.
#[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
fn log_failure(first: bool, code: &str, locale: &str, errors: &[fluent_bundle::FluentError]) {
    for error in errors {
        // The code, the locale and the error are the service's own text, never a client's.
        log_unused(first, "message", code, locale, error);
    }
}

/// Logs a translation that came out with a variable reference in it, which was not used, as
/// [`log_missing`] does.
fn log_unresolved(first: bool, code: &str, locale: &str) {
    let error = "a variable of a term is not given where the term is used";
    log_unused(first, "message", code, locale, &error);
}

/// Logs a part of a translation not used, for `error`: `unused` is `"message"` (the message
/// falls back) or `"title"` (the message is the translation's, its `.title` falls back). At
/// `WARN` when `first` (for its message and locale), else at `DEBUG`.
#[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
fn log_unused(first: bool, unused: &str, code: &str, locale: &str, error: &dyn fmt::Display) {
    #[cfg(feature = "tracing")]
    if first {
        tracing::warn!(
            target: "api_error",
            code,
            locale,
            unused,
            error = %error,
            "translation not used (logged once; again at DEBUG)"
        );
    } else {
        tracing::debug!(target: "api_error", code, locale, unused, error = %error, "translation not used");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which messages are written piece by piece, which the tests comparing the two paths rely
    /// on: a pattern of text and variables alone (its title text alone), and nothing else.
    #[test]
    fn text_and_variables_alone_are_written_piece_by_piece() {
        let translations = Translations::builder("en")
            .add(
                "de",
                "de.ftl",
                "PIECES = n { $count } r { $ratio } .\n    .title = Zahlen\n\
                 TEXT = Nur Text\n\
                 SELECT = { $count ->\n   *[other] n { $count }\n}\n\
                 TERM = Die { -brand }\n\
                 FUNCTION = { NUMBER($count) }\n\
                 LITERAL = {\"{\"}\n\
                 TITLED = n { $count }\n    .title = { $count }\n\
                 -brand = Laden\n",
            )
            .build()
            .unwrap();
        let german = &translations.locales[1];
        assert_eq!(german.tag, "de");
        let direct: Vec<&str> = german.direct.iter().map(|(id, _)| &**id).collect();
        assert_eq!(direct, ["TEXT", "PIECES"]);
        let pieces = german.direct("PIECES").unwrap();
        assert_eq!(&*pieces.pattern.variables, ["count".into(), "ratio".into()]);
        assert_eq!(pieces.title.as_deref(), Some("Zahlen"));
    }
}
