//! Translations of the public messages, keyed by code, on Fluent (feature `fluent`): loaded and
//! checked once at start-up, looked up per response with no failure a client can see.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use unic_langid::{CharacterDirection, LanguageIdentifier};

use crate::api_error::ApiError;
use crate::arguments::{Argument, Arguments};
use crate::catalog::Catalog;
use crate::language::{Piece, Translated, Wording, negotiate};

/// The largest translation file read, in bytes.
const FILE_MAX: usize = 1024 * 1024;

/// The most locales one set of translations holds.
const LOCALES_MAX: usize = 64;

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
/// variables are the fields its declared message shows, by name, a tuple field as `arg` and its
/// index (`$arg0`), numbers as numbers (so `{ $quota -> [one] ... *[other] ... }` works). An
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
/// falling back to `de`, else the default). A code a locale does not translate falls back to
/// the locale its tag is cut to (`de-CH` to `de`), then to the default locale's translation,
/// then to the declared message. A translation that names a variable the error does not pass,
/// or fails to format otherwise, falls back the same way, and is logged (feature `tracing`). A
/// 5xx's translation gets no variables: it stands for its declared message (the reason phrase
/// when none is declared), never for a source.
pub struct Translations {
    /// The default locale is the first.
    locales: Vec<Locale>,
    /// Each locale's tag, for negotiation.
    tags: Vec<String>,
}

/// Translations as a configuration holds them: shared, and equal when they are the same.
#[derive(Debug, Clone)]
pub(crate) struct Shared(pub(crate) std::sync::Arc<Translations>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Shared {}

/// One locale's translations.
struct Locale {
    tag: String,
    header: http::HeaderValue,
    bundle: FluentBundle<FluentResource>,
    /// The locales it falls back to, in order (the default last, when it is not this one).
    chain: Vec<usize>,
    /// Where each message and term is: its file (an index into `files`) and line.
    places: HashMap<String, (usize, usize)>,
    files: Vec<String>,
    /// Whether values go between isolation marks.
    isolating: bool,
    /// The messages made of text and variables alone, whose `.title`, if any, is text alone:
    /// written without Fluent's formatting.
    /// Sorted by id, for a binary search (cheaper than hashing the id for the few messages
    /// of a service).
    direct: Vec<(Box<str>, Direct)>,
}

impl Locale {
    /// Notes where each message and term of `resource`, the file `file` of locale `tag`,
    /// stands, and which messages are written piece by piece; an id given before is an error.
    fn register(
        &mut self,
        resource: &FluentResource,
        tag: &str,
        file: &str,
        errors: &mut Vec<LoadError>,
    ) {
        let file_index = self.files.len();
        self.files.push(file.to_owned());
        let text = resource.source();
        for entry in resource.entries() {
            let (raw, name) = match entry {
                ast::Entry::Message(message) => (message.id.name, Cow::Borrowed(message.id.name)),
                ast::Entry::Term(term) => (term.id.name, Cow::Owned(format!("-{}", term.id.name))),
                _ => continue,
            };
            // The id is a slice of the source: its address says where it stands.
            let offset = (raw.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
            let line = line_of(text, offset);
            if let Some(&(first_file, first_line)) = self.places.get(name.as_ref()) {
                errors.push(LoadError {
                    locale: tag.to_owned(),
                    file: file.to_owned(),
                    line,
                    message: format!(
                        "`{name}` is given again (first at {}:{first_line})",
                        self.files[first_file]
                    ),
                });
                continue;
            }
            if let ast::Entry::Message(message) = entry
                && let Some(direct) = Direct::of(message, self.isolating)
            {
                self.direct.push((message.id.name.into(), direct));
            }
            self.places.insert(name.into_owned(), (file_index, line));
        }
    }

    /// The message `id` written piece by piece, if it is one.
    fn direct(&self, id: &str) -> Option<&Direct> {
        self.direct
            .binary_search_by(|(known, _)| known.as_ref().cmp(id))
            .ok()
            .map(|at| &self.direct[at].1)
    }
}

/// A message written piece by piece.
struct Direct {
    pieces: Vec<Piece>,
    /// The variables among the pieces.
    variables: Vec<Box<str>>,
    title: Option<String>,
    isolate: bool,
}

impl Direct {
    /// The message's pieces, when its value is text and variables alone and its title text
    /// alone.
    fn of(message: &ast::Message<&str>, isolating: bool) -> Option<Direct> {
        let value = message.value.as_ref()?;
        let mut pieces = Vec::with_capacity(value.elements.len());
        let mut variables = Vec::new();
        for element in &value.elements {
            pieces.push(match element {
                ast::PatternElement::TextElement { value } => Piece::Text((*value).into()),
                ast::PatternElement::Placeable {
                    expression:
                        ast::Expression::Inline(ast::InlineExpression::VariableReference { id }),
                } => {
                    variables.push(id.name.into());
                    Piece::Variable(id.name.into())
                }
                ast::PatternElement::Placeable { .. } => return None,
            });
        }
        let title = match message.attributes.iter().find(|a| a.id.name == "title") {
            None => None,
            Some(title) => match title.value.elements.as_slice() {
                [ast::PatternElement::TextElement { value }] => Some((*value).to_owned()),
                _ => return None,
            },
        };
        Some(Direct {
            isolate: isolating && pieces.len() > 1,
            pieces,
            variables,
            title,
        })
    }
}

impl fmt::Debug for Translations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Translations")
            .field("locales", &self.tags)
            .finish_non_exhaustive()
    }
}

/// What [`Translations::builder`] gathers: resources by locale, read when it builds.
#[derive(Debug)]
pub struct TranslationsBuilder {
    default: String,
    sources: Vec<(String, String, String)>,
    isolation: Isolation,
    errors: Vec<LoadError>,
}

/// A mistake in a set of translations, found when they are built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The locale, as given.
    pub locale: String,
    /// The file, as given (or the directory).
    pub file: String,
    /// The line, from 1; `0` when the mistake is not at a line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        f.write_str(": ")?;
        if !self.locale.is_empty() {
            write!(f, "[{}] ", self.locale)?;
        }
        f.write_str(&self.message)
    }
}

/// Every mistake found in a set of translations, one a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}

/// The index of the locale `tag` names in `locales`, added when it is new; what is wrong with
/// the tag otherwise.
fn locale_index(
    locales: &mut Vec<Locale>,
    isolation: Isolation,
    tag: &str,
) -> Result<usize, String> {
    let id: LanguageIdentifier = tag
        .parse()
        .map_err(|_| "is not a language tag".to_owned())?;
    let canonical = id.to_string();
    if let Some(found) = locales.iter().position(|known| known.tag == canonical) {
        return Ok(found);
    }
    if locales.len() == LOCALES_MAX {
        return Err(format!("is one locale more than the {LOCALES_MAX} allowed"));
    }
    let rtl = id.character_direction() == CharacterDirection::RTL;
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    let isolating = match isolation {
        Isolation::RightToLeft => rtl,
        Isolation::Always => true,
        Isolation::Never => false,
    };
    bundle.set_use_isolating(isolating);
    // NUMBER() is built in; adding it to a fresh bundle cannot clash.
    let _ = bundle.add_builtins();
    locales.push(Locale {
        header: http::HeaderValue::from_str(&canonical)
            .unwrap_or(http::HeaderValue::from_static("und")),
        tag: canonical,
        bundle,
        chain: Vec::new(),
        places: HashMap::new(),
        files: Vec::new(),
        isolating,
        direct: Vec::new(),
    });
    Ok(locales.len() - 1)
}

/// The line of the byte at `offset` of `text`, from 1.
fn line_of(text: &str, offset: usize) -> usize {
    // One more piece than line breaks before it.
    text.as_bytes()[..offset.min(text.len())]
        .split(|&b| b == b'\n')
        .count()
}

impl Translations {
    /// Translations whose default locale, the language of the declared messages, is `default`
    /// (`"en"`, say).
    #[must_use]
    pub fn builder(default: &str) -> TranslationsBuilder {
        TranslationsBuilder {
            default: default.to_owned(),
            sources: Vec::new(),
            isolation: Isolation::default(),
            errors: Vec::new(),
        }
    }

    /// The locales, the default first, as their tags.
    pub fn locales(&self) -> impl Iterator<Item = &str> {
        self.tags.iter().map(String::as_str)
    }

    /// The locale an `Accept-Language` value asks for, among these (the default when none
    /// matches); see [`Translations`].
    #[must_use]
    pub fn negotiate(&self, accept_language: &str) -> &str {
        &self.tags[self.choose(accept_language.as_bytes())]
    }

    /// The index of the locale a header asks for.
    pub(crate) fn choose(&self, header: &[u8]) -> usize {
        negotiate(header, &self.tags).unwrap_or(0)
    }

    /// The default locale's `Content-Language`.
    pub(crate) fn default_language(&self) -> &http::HeaderValue {
        &self.locales[0].header
    }

    /// The message of `error` (and its `.title`) in the locale at `index`, falling back along
    /// its chain; `None` when no locale translates it, and the declared message stands.
    pub(crate) fn translate<E: ApiError + ?Sized>(
        &self,
        error: &E,
        index: usize,
    ) -> Option<Translated<'_>> {
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
                let in_order = match passed.order(&direct.variables) {
                    Err(missing) => {
                        log_missing(code, &candidate.tag, missing);
                        continue;
                    }
                    Ok(in_order) => in_order,
                };
                if passed.all_known() {
                    return Some(Translated {
                        message: Wording::Pieces {
                            pieces: &direct.pieces,
                            isolate: direct.isolate,
                            in_order,
                        },
                        title: direct.title.as_deref().map(Cow::Borrowed),
                        language: &candidate.header,
                    });
                }
            }
            let Some(message) = candidate.bundle.get_message(id) else {
                continue;
            };
            let Some(pattern) = message.value() else {
                continue;
            };
            let args = args.get_or_insert_with(|| arguments_of(error));
            let mut errors = Vec::new();
            let text = candidate
                .bundle
                .format_pattern(pattern, Some(args), &mut errors);
            if !errors.is_empty() {
                log_failure(code, &candidate.tag, &errors);
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
                    log_failure(code, &candidate.tag, &errors);
                    None
                }
            });
            return Some(Translated {
                message: Wording::Formatted(text),
                title,
                language: &candidate.header,
            });
        }
        None
    }

    /// Every way these translations fail to cover `catalog`: a code a locale does not
    /// translate, a message id that is no code's, a variable the error does not have (a 5xx
    /// has none), and two codes with one message id. Only locales given files are checked;
    /// a default locale with none speaks the declared messages.
    #[must_use]
    pub fn check(&self, catalog: &Catalog) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut codes: HashMap<String, (&'static str, Vec<String>)> = HashMap::new();
        for entry in catalog {
            let id = api_error_rules::fluent::message_id(entry.code()).into_owned();
            let variables = if entry.status().is_server_error() {
                Vec::new()
            } else {
                api_error_rules::fluent::variables(entry.message())
            };
            match codes.get(&id) {
                Some((code, _)) if *code != entry.code() => problems.push(Problem {
                    locale: String::new(),
                    file: String::new(),
                    line: 0,
                    code: entry.code().to_owned(),
                    kind: ProblemKind::SameId(id.clone()),
                }),
                Some(_) => {}
                None => {
                    codes.insert(id, (entry.code(), variables));
                }
            }
        }
        let mut sorted: Vec<(&String, &(&'static str, Vec<String>))> = codes.iter().collect();
        sorted.sort();
        for locale in self
            .locales
            .iter()
            .filter(|locale| !locale.files.is_empty())
        {
            let place = |id: &str| match locale.places.get(id) {
                Some(&(file, line)) => (locale.files[file].clone(), line),
                None => (locale.files[0].clone(), 0),
            };
            let problem = |id: &str, code: &str, kind| {
                let (file, line) = place(id);
                Problem {
                    locale: locale.tag.clone(),
                    file,
                    line,
                    code: code.to_owned(),
                    kind,
                }
            };
            for (id, (code, variables)) in &sorted {
                let Some(message) = locale.bundle.get_message(id) else {
                    problems.push(problem(id, code, ProblemKind::Missing));
                    continue;
                };
                let mut used = Vec::new();
                if let Some(value) = message.value() {
                    pattern_variables(value, &mut used);
                }
                for attribute in message.attributes() {
                    pattern_variables(attribute.value(), &mut used);
                }
                used.sort_unstable();
                used.dedup();
                for name in used {
                    if !variables.iter().any(|variable| variable == name) {
                        problems.push(problem(
                            id,
                            code,
                            ProblemKind::UnknownVariable(name.to_owned()),
                        ));
                    }
                }
            }
            let mut ids: Vec<&String> = locale.places.keys().collect();
            ids.sort_by_key(|id| locale.places[*id]);
            for id in ids {
                if !id.starts_with('-') && !codes.contains_key(id.as_str()) {
                    problems.push(problem(id, id, ProblemKind::UnknownId));
                }
            }
        }
        problems
    }

    /// Panics, listing every problem [`check`](Self::check) finds, unless these translations
    /// cover `catalog`: one test for a service's shipped translations.
    ///
    /// # Panics
    ///
    /// When they do not.
    pub fn assert_covers(&self, catalog: &Catalog) {
        let problems = self.check(catalog);
        assert!(
            problems.is_empty(),
            "the translations do not cover the catalog:\n{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// The arguments `error` passes a translation, as Fluent takes them: none for a 5xx.
fn arguments_of<E: ApiError + ?Sized>(error: &E) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    if !error.status().is_server_error() {
        error.message_arguments(&mut Arguments::new(&mut |name, value| match value {
            Argument::Number(number) => args.set(name, FluentValue::from(number)),
            Argument::Text(text) => args.set(name, FluentValue::from(text.to_string())),
        }));
    }
    args
}

/// The names of the arguments an error passes: the derive's, or up to [`Passed::MAX`] found
/// by a pass over them, without allocating; none for a 5xx.
// It lives on the stack for one response: boxing the larger variant would allocate.
#[allow(clippy::large_enum_variant)]
enum Passed {
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

    fn of<E: ApiError + ?Sized>(error: &E) -> Self {
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
    fn all_known(&self) -> bool {
        match self {
            Passed::Given(_) => true,
            Passed::Found { all_known, .. } => *all_known,
        }
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

/// Logs a translation that names a variable the error does not pass, and so was not used.
#[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
fn log_missing(code: &str, locale: &str, variable: &str) {
    // The code, the locale and the variable are the service's own text, never a client's.
    #[cfg(feature = "tracing")]
    tracing::warn!(
        target: "api_error",
        code,
        locale,
        error = %format_args!("Unknown variable: ${variable}"),
        "translation not used"
    );
}

/// Logs a translation that failed to format, and so was not used.
#[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
fn log_failure(code: &str, locale: &str, errors: &[fluent_bundle::FluentError]) {
    #[cfg(feature = "tracing")]
    for error in errors {
        // The code, the locale and the error are the service's own text, never a client's.
        tracing::warn!(target: "api_error", code, locale, error = %error, "translation not used");
    }
}

/// The variables `pattern` refers to, appended to `into`.
fn pattern_variables<'a>(pattern: &ast::Pattern<&'a str>, into: &mut Vec<&'a str>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, into);
        }
    }
}

fn expression_variables<'a>(expression: &ast::Expression<&'a str>, into: &mut Vec<&'a str>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, into);
            for variant in variants {
                pattern_variables(&variant.value, into);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, into),
    }
}

fn inline_variables<'a>(inline: &ast::InlineExpression<&'a str>, into: &mut Vec<&'a str>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => into.push(id.name),
        ast::InlineExpression::FunctionReference { arguments, .. }
        | ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for argument in &arguments.positional {
                inline_variables(argument, into);
            }
            for argument in &arguments.named {
                inline_variables(&argument.value, into);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, into),
        _ => {}
    }
}

/// One way a set of translations fails to cover a catalog; see [`Translations::check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The locale.
    pub locale: String,
    /// The file the message is in (the locale's first, for a missing one).
    pub file: String,
    /// The message's line, from 1; `0` for a missing one.
    pub line: usize,
    /// The code (for an id that is no code's, the id).
    pub code: String,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// What is wrong, in a [`Problem`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// The locale does not translate the code.
    Missing,
    /// The message id is no code's.
    UnknownId,
    /// The translation names a variable the error does not have.
    UnknownVariable(String),
    /// Two codes have this message id.
    SameId(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 if self.file.is_empty() => {}
            0 => write!(f, "{}: ", self.file)?,
            line => write!(f, "{}:{line}: ", self.file)?,
        }
        if !self.locale.is_empty() {
            write!(f, "[{}] ", self.locale)?;
        }
        match &self.kind {
            ProblemKind::Missing => write!(f, "{}: no translation", self.code),
            ProblemKind::UnknownId => write!(f, "{}: no error has this code", self.code),
            ProblemKind::UnknownVariable(name) => {
                write!(
                    f,
                    "{}: `${name}` is not a variable of this error",
                    self.code
                )
            }
            ProblemKind::SameId(id) => {
                write!(
                    f,
                    "{}: shares the message id `{id}` with another code",
                    self.code
                )
            }
        }
    }
}

impl TranslationsBuilder {
    /// Adds a resource of `locale` (a language tag, `de` or `pt-BR`): Fluent source, named
    /// `file` in the errors it may have.
    #[must_use]
    pub fn add(mut self, locale: &str, file: &str, source: &str) -> Self {
        self.sources
            .push((locale.to_owned(), file.to_owned(), source.to_owned()));
        self
    }

    /// Adds every `*.ftl` file of each subdirectory of `dir`, named as the locale it is of:
    /// `locales/de/errors.ftl` is German. Files are read in the order of their names.
    #[must_use]
    pub fn add_dir(mut self, dir: impl AsRef<Path>) -> Self {
        let dir = dir.as_ref();
        let failed = |error: std::io::Error, path: &Path| LoadError {
            locale: String::new(),
            file: path.display().to_string(),
            line: 0,
            message: format!("cannot be read: {error}"),
        };
        let mut locales = match std::fs::read_dir(dir) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.is_dir())
                .collect::<Vec<_>>(),
            Err(error) => {
                self.errors.push(failed(error, dir));
                return self;
            }
        };
        locales.sort();
        for locale_dir in locales {
            let locale = locale_dir
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut files = match std::fs::read_dir(&locale_dir) {
                Ok(entries) => entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.path())
                    .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
                    .collect::<Vec<_>>(),
                Err(error) => {
                    self.errors.push(failed(error, &locale_dir));
                    continue;
                }
            };
            files.sort();
            for file in files {
                let name = file.display().to_string();
                let too_long =
                    std::fs::metadata(&file).is_ok_and(|meta| meta.len() > FILE_MAX as u64);
                if too_long {
                    self.errors.push(LoadError {
                        locale: locale.clone(),
                        file: name,
                        line: 0,
                        message: format!("is longer than {FILE_MAX} bytes"),
                    });
                    continue;
                }
                match std::fs::read_to_string(&file) {
                    Ok(source) => self.sources.push((locale.clone(), name, source)),
                    Err(error) => self.errors.push(failed(error, &file)),
                }
            }
        }
        self
    }

    /// Where isolation marks go; [`Isolation::RightToLeft`] unless set.
    #[must_use]
    pub fn isolation(mut self, isolation: Isolation) -> Self {
        self.isolation = isolation;
        self
    }

    /// The translations, or every mistake in them: a locale that is no language tag, each
    /// syntax error and each message or term given twice in a locale, with its file and line.
    ///
    /// # Errors
    ///
    /// [`LoadErrors`], listing them all.
    pub fn build(self) -> Result<Translations, LoadErrors> {
        let TranslationsBuilder {
            default,
            sources,
            isolation,
            mut errors,
        } = self;
        let mut locales: Vec<Locale> = Vec::new();
        let mut index_of = |locales: &mut Vec<Locale>, tag: &str, file: &str| {
            let found = locale_index(locales, isolation, tag);
            found.map_err(|message| {
                errors.push(LoadError {
                    locale: tag.to_owned(),
                    file: file.to_owned(),
                    line: 0,
                    message,
                });
            })
        };
        let defaulted = index_of(&mut locales, &default, "");
        let mut indices = Vec::with_capacity(sources.len());
        for (tag, file, _) in &sources {
            indices.push(index_of(&mut locales, tag, file).ok());
        }
        if defaulted.is_err() {
            return Err(LoadErrors(errors));
        }
        for ((tag, file, source), at) in sources.into_iter().zip(indices) {
            let Some(at) = at else {
                continue;
            };
            if source.len() > FILE_MAX {
                errors.push(LoadError {
                    locale: tag,
                    file,
                    line: 0,
                    message: format!("is longer than {FILE_MAX} bytes"),
                });
                continue;
            }
            let locale = &mut locales[at];
            // A resource with syntax errors still has its other entries, whose ids are checked
            // too, so that one build reports every mistake.
            let resource = match FluentResource::try_new(source) {
                Ok(resource) => resource,
                Err((resource, syntax)) => {
                    let text = resource.source();
                    for error in syntax {
                        // At the end of the file, the line the file ends on.
                        let at = error.pos.start.min(text.trim_end().len());
                        errors.push(LoadError {
                            locale: tag.clone(),
                            file: file.clone(),
                            line: line_of(text, at),
                            message: error.kind.to_string(),
                        });
                    }
                    resource
                }
            };
            locale.register(&resource, &tag, &file, &mut errors);
            // Duplicates were reported above, with their places; the bundle keeps the first.
            let _ = locale.bundle.add_resource(resource);
        }
        if !errors.is_empty() {
            return Err(LoadErrors(errors));
        }
        for locale in &mut locales {
            locale.direct.sort_by(|a, b| a.0.cmp(&b.0));
        }
        let tags = fall_back(&mut locales);
        Ok(Translations { locales, tags })
    }
}

/// Gives each locale its fallbacks: its tag cut at each `-` that is a locale, then the
/// default; returns the tags.
fn fall_back(locales: &mut [Locale]) -> Vec<String> {
    {
        let tags: Vec<String> = locales.iter().map(|locale| locale.tag.clone()).collect();
        for (at, locale) in locales.iter_mut().enumerate() {
            let mut cut = locale.tag.as_str();
            while let Some(end) = cut.rfind('-') {
                cut = &cut[..end];
                if let Some(found) = tags.iter().position(|tag| tag.eq_ignore_ascii_case(cut))
                    && found != at
                {
                    locale.chain.push(found);
                }
            }
            if at != 0 && !locale.chain.contains(&0) {
                locale.chain.push(0);
            }
        }
        tags
    }
}
