//! Building [`Translations`]: resources by locale, from strings or a directory, every syntax
//! error and repeated id reported with its file and line.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
use fluent_syntax::ast;
use unic_langid::{CharacterDirection, LanguageIdentifier};

use super::{Direct, Isolation, Locale, Place, Translations, by_length};

/// The largest translation file read, in bytes.
const FILE_MAX: usize = 1024 * 1024;

/// The most locales one set of translations holds.
const LOCALES_MAX: usize = 64;

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
            if let Some(&Place {
                file: first_file,
                line: first_line,
                ..
            }) = self.places.get(name.as_ref())
            {
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
            self.places.insert(
                name.into_owned(),
                Place {
                    file: file_index,
                    line,
                    warned: AtomicBool::new(false),
                },
            );
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
            locale.direct.sort_by(|a, b| by_length(&a.0, &b.0));
        }
        fall_back(&mut locales);
        let languages = locales
            .iter()
            .map(|locale| {
                http::HeaderValue::from_str(&locale.tag)
                    .unwrap_or(http::HeaderValue::from_static("und"))
            })
            .collect();
        Ok(Translations { locales, languages })
    }
}

/// Gives each locale its fallbacks: its tag cut at each `-` that is a locale, then the
/// default.
fn fall_back(locales: &mut [Locale]) {
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
    }
}
