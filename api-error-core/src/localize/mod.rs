//! The seam through which translated messages reach rendering: a [`Localizer`] a
//! [`Config`](crate::Config) holds gives an error's message in a language, as text or as a
//! [`Pattern`] the body writes with the error's values; the request's `Accept-Language` chooses
//! among its [`languages`](Localizer::languages). The crate's Fluent translations
//! ([`Translations`](crate::Translations), feature `fluent`) are one `Localizer`; another
//! translation system plugs in the same way, with [`Config::localizer`](crate::Config::localizer).
//!
//! ```
//! use std::borrow::Cow;
//!
//! use api_error_core::localize::{Localizer, Translation};
//! use api_error_core::{ApiError, Config, http::HeaderValue};
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
//! struct OrderNotFound;
//!
//! /// German for a few codes, from a table.
//! #[derive(Debug)]
//! struct Table {
//!     languages: [HeaderValue; 2],
//! }
//!
//! impl Localizer for Table {
//!     fn languages(&self) -> &[HeaderValue] {
//!         &self.languages
//!     }
//!
//!     fn translate<'a>(
//!         &'a self,
//!         error: &dyn ApiError,
//!         language: usize,
//!         _sent: bool,
//!     ) -> Option<Translation<'a>> {
//!         let text = match (language, error.code()) {
//!             (1, "ORDER_NOT_FOUND") => "Bestellung nicht gefunden",
//!             _ => return None,
//!         };
//!         Some(Translation::text(Cow::Borrowed(text), &self.languages[1]))
//!     }
//! }
//!
//! let config = Config::new().localizer(Table {
//!     languages: [HeaderValue::from_static("en"), HeaderValue::from_static("de")],
//! });
//! let response = config.response_in(&OrderNotFound, "de-DE, en;q=0.5");
//! assert_eq!(response.headers()["content-language"], "de");
//! assert_eq!(
//!     response.body().as_ref(),
//!     r#"{"code":"ORDER_NOT_FOUND","message":"Bestellung nicht gefunden"}"#.as_bytes()
//! );
//! ```

mod negotiate;

use core::cell::Cell;
use core::fmt;
use std::borrow::Cow;
use std::sync::OnceLock;

use http::HeaderValue;

use crate::api_error::ApiError;
use crate::arguments::Arguments;
use crate::catalog::Catalog;
use crate::details::Details;
use crate::format::Format;
use crate::headers::Headers;
use crate::violation::Violation;

pub(crate) use negotiate::{FIELDS_MAX, negotiate};

/// What translates a service's error messages: the languages it has, and an error's message in
/// one of them.
///
/// It is asked once per error rendered, on the request's thread, and must not block. A
/// translation it cannot give is `None`: the declared message stands.
pub trait Localizer: Send + Sync + fmt::Debug + 'static {
    /// The languages messages are translated into, as `Content-Language` says them (language
    /// tags), the default first. A request's `Accept-Language` chooses among them as RFC 9110
    /// says (q-values, `q=0`, `*`, any case, `de-CH` finding `de`); a request that names none
    /// of them gets the default. With no language, no response says one.
    fn languages(&self) -> &[HeaderValue];

    /// The message of `error` in the language at `language` (an index into
    /// [`languages`](Self::languages)), or in another it falls back to (the translation says
    /// which); `None` to keep the declared message.
    ///
    /// `sent` is whether a client is sent what is rendered: a failure worth reporting (a
    /// translation that does not format) is reported only then, not for an `OpenAPI`
    /// document's examples, which render every error before the first request.
    ///
    /// A 5xx's translation stands for its declared message: it must show none of the error's
    /// values (its [`message_arguments`](ApiError::message_arguments) are its source's).
    fn translate<'a>(
        &'a self,
        error: &dyn ApiError,
        language: usize,
        sent: bool,
    ) -> Option<Translation<'a>>;

    /// The message of `violation` in the language at `language` (or in another it falls back
    /// to, which the translation says), looked up by its [`reason`](Violation::reason), with
    /// its parameters (and its field, as `field`) to show, as [`Translation::text`]; `None`,
    /// the default, to keep the message it was given.
    fn translate_violation<'a>(
        &'a self,
        violation: &Violation,
        language: usize,
        sent: bool,
    ) -> Option<Translation<'a>> {
        let _ = (violation, language, sent);
        None
    }
}

/// An error's message in a language, as a [`Localizer`] gives it.
#[derive(Debug)]
pub struct Translation<'a> {
    pub(crate) message: Wording<'a>,
    pub(crate) title: Option<Cow<'a, str>>,
    pub(crate) language: &'a HeaderValue,
    /// Whether a body written with it showed its status's reason phrase instead, a value the
    /// message shows having failed to format: that body is the declared language's.
    pub(crate) set_aside: Cell<bool>,
}

/// A translation's wording: text, or a pattern's pieces, which the body writes with the error's
/// values as it goes (each variable known to be one the error passes), without a `String` for
/// the arguments or the result: what `fields-localized` in BENCHMARKS.md measures.
#[derive(Debug)]
pub(crate) enum Wording<'a> {
    Formatted(Cow<'a, str>),
    Pieces {
        pieces: &'a [Part],
        /// Whether each value goes between U+2068 and U+2069 (isolation marks).
        isolate: bool,
        /// Whether the variables come in the order the error passes them, each once, so that
        /// one pass over its arguments writes them all.
        in_order: bool,
    },
}

impl<'a> Translation<'a> {
    /// The text of a translation given as text ([`Translation::text`]); `None` for a pattern.
    pub(crate) fn into_text(self) -> Option<(Cow<'a, str>, &'a HeaderValue)> {
        match self.message {
            Wording::Formatted(text) => Some((text, self.language)),
            Wording::Pieces { .. } => None,
        }
    }

    /// A message as text, in `language` (a value of the localizer's
    /// [`languages`](Localizer::languages)).
    #[must_use]
    pub fn text(message: Cow<'a, str>, language: &'a HeaderValue) -> Self {
        Translation {
            message: Wording::Formatted(message),
            title: None,
            language,
            set_aside: Cell::new(false),
        }
    }

    /// A message written from `pattern` with the values `error` passes
    /// ([`message_arguments`](ApiError::message_arguments)), in `language`; `None` when the
    /// pattern names a variable the error does not pass, or when the error passes more
    /// arguments than are looked through (16) without naming them.
    #[must_use]
    pub fn pattern(
        pattern: &'a Pattern,
        error: &dyn ApiError,
        language: &'a HeaderValue,
    ) -> Option<Self> {
        let passed = Passed::of(error);
        let in_order = passed.order_of(pattern).ok()?;
        passed
            .all_known()
            .then(|| Translation::of_pattern(pattern, in_order, language))
    }

    /// The message of `pattern`, its variables known to be passed, `in_order` or not.
    pub(crate) fn of_pattern(
        pattern: &'a Pattern,
        in_order: bool,
        language: &'a HeaderValue,
    ) -> Self {
        Translation {
            message: Wording::Pieces {
                pieces: &pattern.parts,
                isolate: pattern.isolate,
                in_order,
            },
            title: None,
            language,
            set_aside: Cell::new(false),
        }
    }

    /// With `title`, the `title` of problem details (with a type base) and of JSON:API in
    /// place of the error's summary.
    #[must_use]
    pub fn with_title(mut self, title: Cow<'a, str>) -> Self {
        self.title = Some(title);
        self
    }
}

/// A message of text and variables, made once (when translations load) and written with an
/// error's values for each response.
#[derive(Debug)]
pub struct Pattern {
    parts: Box<[Part]>,
    /// The variables among the parts.
    pub(crate) variables: Box<[Box<str>]>,
    isolate: bool,
    /// The names of the first error type whose arguments were found to cover the variables,
    /// by address and length, and whether they come in order: a type's names are one static
    /// slice, so the same slice has the same names and need not be compared again.
    known: OnceLock<(usize, usize, bool)>,
}

/// A piece of a [`Pattern`], as it is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'p> {
    /// Text, written as it is.
    Text(&'p str),
    /// The value of the argument of this name, as the error's `Display` of it writes it.
    Variable(&'p str),
}

/// A piece of a [`Pattern`] as it is kept.
#[derive(Debug)]
pub(crate) enum Part {
    /// Text, and whether it needs no JSON escaping (then a body copies it as it is).
    Text(Box<str>, bool),
    Variable(Box<str>),
}

impl Pattern {
    /// The pattern of `pieces`; with `isolate`, each value goes between the Unicode isolation
    /// marks U+2068 and U+2069, which keep a left-to-right value from reordering
    /// right-to-left text around it.
    pub fn new<'p>(pieces: impl IntoIterator<Item = Piece<'p>>, isolate: bool) -> Self {
        let mut variables = Vec::new();
        let parts = pieces
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(text) => {
                    Part::Text(text.into(), crate::escape::is_plain(text.as_bytes()))
                }
                Piece::Variable(name) => {
                    variables.push(name.into());
                    Part::Variable(name.into())
                }
            })
            .collect();
        Pattern {
            parts,
            variables: variables.into(),
            isolate,
            known: OnceLock::new(),
        }
    }
}

/// A localizer as a configuration holds it: shared, and equal when it is the same one.
#[derive(Debug, Clone)]
pub(crate) struct Shared(pub(crate) std::sync::Arc<dyn Localizer>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Shared {}

/// The names of the arguments an error passes: the derive's, or up to [`Passed::MAX`] found
/// by a pass over them, without allocating; none for a 5xx.
// It lives on the stack for one response: boxing the larger variant would allocate.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Passed {
    Given(&'static [&'static str]),
    Found {
        kept: [&'static str; Passed::MAX],
        count: usize,
        /// Whether every name is kept (none was past the most kept).
        all_known: bool,
    },
}

impl Passed {
    const MAX: usize = 16;

    /// The names `error` passes.
    #[inline]
    pub(crate) fn of(error: &dyn ApiError) -> Self {
        if error.status().is_server_error() {
            return Passed::Given(&[]);
        }
        if let Some(names) = error.message_argument_names() {
            return Passed::Given(names);
        }
        let mut kept = [""; Passed::MAX];
        let mut count = 0;
        let mut all_known = true;
        error.message_arguments(&mut Arguments::new(&mut |name, _| {
            if count == Passed::MAX {
                all_known = false;
            } else {
                kept[count] = name;
                count += 1;
            }
        }));
        Passed::Found {
            kept,
            count,
            all_known,
        }
    }

    /// Whether every name is known.
    pub(crate) fn all_known(&self) -> bool {
        match self {
            Passed::Given(_) => true,
            Passed::Found { all_known, .. } => *all_known,
        }
    }

    /// [`order`](Self::order) of `pattern`'s variables, known without comparing them when
    /// these are the names `pattern` was last found to be covered by.
    pub(crate) fn order_of<'p>(&self, pattern: &'p Pattern) -> Result<bool, &'p str> {
        let Passed::Given(names) = self else {
            return self.order(&pattern.variables);
        };
        let key = (names.as_ptr().addr(), names.len());
        if let Some(&(address, len, in_order)) = pattern.known.get()
            && (address, len) == key
        {
            return Ok(in_order);
        }
        let found = self.order(&pattern.variables);
        if let Ok(in_order) = found {
            // Another thread may have set it first, to names of its own: either is right.
            let _ = pattern.known.set((key.0, key.1, in_order));
        }
        found
    }

    /// Whether `variables` are passed in this order, each once (then one pass over the
    /// arguments writes them all), or the first that is not passed. Any variable may be passed
    /// when not all names were kept.
    fn order<'v>(&self, variables: &'v [Box<str>]) -> Result<bool, &'v str> {
        let names = match self {
            Passed::Given(names) => names,
            Passed::Found { kept, count, .. } => &kept[..*count],
        };
        let all_known = self.all_known();
        let mut after = 0;
        let mut in_order = true;
        for variable in variables {
            let variable = &**variable;
            if in_order && let Some(at) = names[after..].iter().position(|name| *name == variable) {
                after += at + 1;
                continue;
            }
            in_order = false;
            if all_known && !names.contains(&variable) {
                return Err(variable);
            }
        }
        Ok(in_order)
    }
}

/// An error of any size as a `dyn ApiError`, for a [`Localizer`]: every method the error's own,
/// with what a localizer asks first (its code, status and argument names) read once, so that
/// asking costs no call into the error.
pub(crate) struct Erased<'a, E: ?Sized> {
    error: &'a E,
    code: &'static str,
    status: http::StatusCode,
    names: Option<&'static [&'static str]>,
}

impl<'a, E: ApiError + ?Sized> Erased<'a, E> {
    #[inline]
    pub(crate) fn new(error: &'a E) -> Self {
        Erased {
            error,
            code: error.code(),
            status: error.status(),
            names: error.message_argument_names(),
        }
    }
}

impl<E: ApiError + ?Sized> fmt::Debug for Erased<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.error, f)
    }
}

impl<E: ApiError + ?Sized> fmt::Display for Erased<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.error, f)
    }
}

impl<E: ApiError + ?Sized> core::error::Error for Erased<'_, E> {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        self.error.source()
    }
}

impl<E: ApiError + ?Sized> ApiError for Erased<'_, E> {
    fn code(&self) -> &'static str {
        self.code
    }

    fn status(&self) -> http::StatusCode {
        self.status
    }

    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.write_message(f)
    }

    fn details(&self, details: &mut Details<'_>) {
        self.error.details(details);
    }

    fn headers(&self, headers: &mut Headers<'_>) {
        self.error.headers(headers);
    }

    fn violations(&self) -> Option<&crate::violation::Violations> {
        self.error.violations()
    }

    fn message_arguments(&self, arguments: &mut Arguments<'_>) {
        self.error.message_arguments(arguments);
    }

    fn message_argument_names(&self) -> Option<&'static [&'static str]> {
        self.names
    }

    fn static_body(&self) -> Option<&'static [u8]> {
        self.error.static_body()
    }

    fn fixed_format(&self) -> Option<Format> {
        self.error.fixed_format()
    }

    fn plain_strings(&self) -> bool {
        self.error.plain_strings()
    }

    fn declared(&self, key: &str) -> Option<&'static str> {
        self.error.declared(key)
    }

    fn summary(&self) -> Option<&'static str> {
        self.error.summary()
    }

    fn catalog() -> Catalog {
        Catalog::new()
    }
}
