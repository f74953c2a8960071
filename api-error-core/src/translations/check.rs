//! Whether a set of [`Translations`] covers a catalog: every code translated in every locale,
//! no id that is no code's, no variable an error does not have.

use std::collections::HashMap;
use std::fmt;

use fluent_syntax::ast;

use super::Translations;
use crate::catalog::{Catalog, CatalogEntry};

impl Translations {
    /// Every way these translations fail to cover `catalog`: a code a locale does not
    /// translate, a message id that is no code's, a variable the error does not have (a 5xx
    /// has none), and two codes with one message id; where the catalog's errors carry field
    /// violations, a reason of [`reason::ALL`](crate::violation::reason::ALL) a locale does not
    /// word (`violation-range`). Only locales given files are checked;
    /// a default locale with none speaks the declared messages.
    #[must_use]
    pub fn check(&self, catalog: &Catalog) -> Vec<Finding> {
        let mut problems = Vec::new();
        let mut codes: HashMap<String, (&'static str, Vec<String>)> = HashMap::new();
        for entry in catalog {
            let id = api_error_rules::fluent::message_id(entry.code()).into_owned();
            let variables = entry.variables();
            match codes.get_mut(&id) {
                Some((code, _)) if *code != entry.code() => problems.push(Finding {
                    locale: String::new(),
                    file: String::new(),
                    line: 0,
                    code: entry.code().to_owned(),
                    kind: FindingKind::SameId(id.clone()),
                }),
                // The same code declared again (at another status, say): a variable is one
                // only when every declaration passes it.
                Some((_, known)) => known.retain(|variable| variables.contains(variable)),
                None => {
                    codes.insert(id, (entry.code(), variables));
                }
            }
        }
        let reasons: &[&str] = if catalog.iter().any(CatalogEntry::has_violations) {
            &crate::violation::reason::ALL
        } else {
            &[]
        };
        let mut sorted: Vec<(&String, &(&'static str, Vec<String>))> = codes.iter().collect();
        sorted.sort();
        for locale in self
            .locales
            .iter()
            .filter(|locale| !locale.files.is_empty())
        {
            let place = |id: &str| match locale.places.get(id) {
                Some(place) => (locale.files[place.file].clone(), place.line),
                None => (locale.files[0].clone(), 0),
            };
            let problem = |id: &str, code: &str, kind| {
                let (file, line) = place(id);
                Finding {
                    locale: locale.tag.clone(),
                    file,
                    line,
                    code: code.to_owned(),
                    kind,
                }
            };
            for (id, (code, variables)) in &sorted {
                let Some(message) = locale.bundle.get_message(id) else {
                    problems.push(problem(id, code, FindingKind::Missing));
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
                            FindingKind::UnknownVariable(name.to_owned()),
                        ));
                    }
                }
            }
            // A catalog whose errors carry violations needs every reason worded.
            for reason in reasons {
                let id = crate::violation::message_id(reason);
                if locale.bundle.get_message(&id).is_none() {
                    problems.push(problem(&id, reason, FindingKind::Missing));
                }
            }
            let mut ids: Vec<&String> = locale.places.keys().collect();
            ids.sort_by_key(|id| (locale.places[*id].file, locale.places[*id].line));
            for id in ids {
                // Any reason's, the service's own among them, where errors carry violations.
                let reason = !reasons.is_empty() && id.starts_with("violation-");
                if !id.starts_with('-') && !reason && !codes.contains_key(id.as_str()) {
                    problems.push(problem(id, id, FindingKind::UnknownId));
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
pub struct Finding {
    /// The locale.
    pub locale: String,
    /// The file the message is in (the locale's first, for a missing one).
    pub file: String,
    /// The message's line, from 1; `0` for a missing one.
    pub line: usize,
    /// The code (for an id that is no code's, the id).
    pub code: String,
    /// What is wrong.
    pub kind: FindingKind,
}

/// What is wrong, in a [`Finding`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindingKind {
    /// The locale does not translate the code.
    Missing,
    /// The message id is no code's.
    UnknownId,
    /// The translation names a variable the error does not have.
    UnknownVariable(String),
    /// Two codes have this message id.
    SameId(String),
}

impl fmt::Display for Finding {
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
            FindingKind::Missing => write!(f, "{}: no translation", self.code),
            FindingKind::UnknownId => write!(f, "{}: no error has this code", self.code),
            FindingKind::UnknownVariable(name) => {
                write!(
                    f,
                    "{}: `${name}` is not a variable of this error",
                    self.code
                )
            }
            FindingKind::SameId(id) => {
                write!(
                    f,
                    "{}: shares the message id `{id}` with another code",
                    self.code
                )
            }
        }
    }
}
