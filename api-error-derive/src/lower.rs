//! From what `ast.rs` read to a [`Model`]: codes derived, statuses resolved, messages parsed
//! and the source of each public message decided, with the rules of `check.rs` applied on the
//! way. Every mistake is reported; the model exists only when there was none here.

use darling::error::Accumulator;
use heck::{
    ToKebabCase, ToLowerCamelCase, ToShoutyKebabCase, ToShoutySnakeCase, ToSnakeCase,
    ToUpperCamelCase,
};
use syn::{LitStr, Member};

use crate::ast::{self, Data, Fields, Input, Marker};
use crate::attr::Status;
use crate::check::{self, CodeUse};
use crate::key::ErrorKey;
use crate::message;
use crate::model::{self, Case, Kind, MessageSource, Model, Own, Source, Target};
use crate::report::Report;

/// Lowers the input; every mistake in `errors`, those of reading it and those found here, when
/// there is one.
pub(crate) fn lower<'a>(
    input: &'a Input<'a>,
    thiserror: bool,
    mut errors: Accumulator,
) -> darling::Result<Model<'a>> {
    let model = lower_valid(input, thiserror, &mut errors);
    errors.finish()?;
    model.ok_or_else(|| {
        darling::Error::custom(
            "api-error-derive failed to lower an input it reported no mistake in",
        )
    })
}

/// The model, or `None` when a part of it could not be lowered (which was reported). A model
/// may still come back after a mistake that did not stop the lowering.
fn lower_valid<'a>(
    input: &'a Input<'a>,
    thiserror: bool,
    errors: &mut Accumulator,
) -> Option<Model<'a>> {
    let krate = input
        .crate_path()
        .map_err(|path| check::crate_path(path, errors))
        .ok();
    let rename = rename_rule(input, errors);
    if let Some(crate::attr::FormatAttr::Named(format)) = &input.format {
        check::format_name(format, errors);
    }
    if let (Some(span), true) = (input.own_display, thiserror) {
        check::own_display_beside_thiserror(span, errors);
    }
    check::members(input, errors);
    let mut default_status = None;
    if let Data::Enum(_) = input.data {
        check::only_on_variants(&input.error, errors);
        if let Some(status) = &input.error.status {
            check::status_in_range(status, errors);
        }
        default_status = input.error.status.as_ref();
    }
    let mut lower = Lower {
        rename,
        default_status,
        thiserror,
        codes: Vec::new(),
        errors,
    };
    let cases: Vec<Option<Case<'a>>> = input
        .cases()
        .into_iter()
        .map(|case| lower.case(case))
        .collect();
    check::unique_codes(&lower.codes, lower.errors);

    Some(Model {
        target: Target {
            krate: krate?,
            ident: input.ident,
            generics: input.generics,
            thiserror,
            own_display: input.own_display.is_some(),
            without: &input.without,
        },
        summary: ast::doc_comment(input.attrs),
        format: input.format.as_ref(),
        decode: input.decode.is_some(),
        default_status: match default_status {
            Some(Status::Path(path)) => Some(path),
            _ => None,
        },
        cases: cases.into_iter().collect::<Option<_>>()?,
    })
}

struct Lower<'a, 'e> {
    rename: Option<Rename>,
    /// The enum's default `status`.
    default_status: Option<&'a Status>,
    thiserror: bool,
    /// Every code lowered so far, for [`check::unique_codes`].
    codes: Vec<CodeUse<'a>>,
    errors: &'e mut Accumulator,
}

/// A `rename_all` rule: how a variant's name becomes its code.
type Rename = fn(&str) -> String;

const RULES: &[(&str, Rename)] = &[
    ("lowercase", |s| s.to_lowercase()),
    ("UPPERCASE", |s| s.to_uppercase()),
    ("PascalCase", |s| s.to_upper_camel_case()),
    ("camelCase", |s| s.to_lower_camel_case()),
    ("snake_case", |s| s.to_snake_case()),
    ("SCREAMING_SNAKE_CASE", |s| s.to_shouty_snake_case()),
    ("kebab-case", |s| s.to_kebab_case()),
    ("SCREAMING-KEBAB-CASE", |s| s.to_shouty_kebab_case()),
];

fn rename_rule(input: &Input<'_>, errors: &mut Accumulator) -> Option<Rename> {
    let name = input.rename_all.as_ref()?;
    let value = name.value();
    if let Some((_, rule)) = RULES.iter().find(|(rule, _)| *rule == value) {
        return Some(*rule);
    }
    let known: Vec<String> = RULES
        .iter()
        .map(|(rule, _)| format!("\"{rule}\""))
        .collect();
    errors.error(
        name,
        format_args!(
            "unknown rename_all rule \"{value}\"; expected one of {}",
            known.join(", ")
        ),
    );
    // The variants keep their names, so that a wrong rule is one error, not one per variant.
    Some(str::to_owned)
}

impl<'a> Lower<'a, '_> {
    fn case(&mut self, case: ast::Case<'a>) -> Option<Case<'a>> {
        let (source, from) = self.source_and_from(case.fields);
        let fields: Vec<model::Field<'a>> = case
            .fields
            .fields
            .iter()
            .enumerate()
            .map(|(index, field)| {
                let is_source = source.is_some_and(|s| s.index == index);
                self.field(index, field, is_source)
            })
            .collect();
        check::unique_details(case.fields, &fields, self.errors);
        check::one_violations(case.fields, self.errors);

        // `transparent` alone takes everything from a wrapped `ApiError`; with a code or a
        // status of its own it wraps any error, which then is the source.
        let forwards = case.error.transparent.is_some()
            && (case.error.given(ErrorKey::Code) || case.error.given(ErrorKey::Status));
        let (kind, source) = if forwards {
            check::transparent_wraps(case.error, case.fields, self.errors);
            let source = source.or(Some(Source {
                index: 0,
                optional: false,
            }));
            let own = self.own(case, &fields, source).map(|mut own| {
                own.forwards = true;
                Kind::Own(Box::new(own))
            });
            (own, source)
        } else if case.error.transparent.is_some() {
            check::transparent(case.error, case.fields, self.errors);
            (Some(Kind::Transparent), source)
        } else {
            let own = self
                .own(case, &fields, source)
                .map(|own| Kind::Own(Box::new(own)));
            (own, source)
        };
        Some(Case {
            variant: case.variant,
            style: case.fields.style,
            fields,
            kind: kind?,
            source,
            from,
            summary: ast::doc_comment(case.attrs),
        })
    }

    fn own(
        &mut self,
        case: ast::Case<'a>,
        fields: &[model::Field<'_>],
        source: Option<Source>,
    ) -> Option<Own<'a>> {
        let code = self.code(case);
        // Whether every header written was read, with a valid name: only then can a header HTTP
        // requires be said to be missing, not merely misspelt.
        let mut headers_read = !case.error.unread_header;
        // A header with a bad value still counts as declared: its value is the mistake.
        let mut declared: Vec<&LitStr> = Vec::new();
        let headers: Vec<(String, String)> = case
            .error
            .headers
            .iter()
            .filter(|header| {
                let name = check::header_name(&header.name, self.errors);
                if name {
                    declared.push(&header.name);
                }
                headers_read &= name;
                check::header_value(header, self.errors) && name
            })
            .map(|header| (header.name.value(), header.value.value()))
            .collect();
        headers_read &= case
            .fields
            .fields
            .iter()
            .zip(fields)
            .all(|(field, lowered)| {
                !field.unread_header && field.header.is_some() == lowered.header.is_some()
            });
        check::unique_headers(case.error, case.fields, self.errors);
        let status = self.status(case, fields);
        if headers_read {
            // Each literal status, with where it is written.
            let literal: Vec<(u16, proc_macro2::Span)> = match (&status, &case.error.status) {
                (Some(model::Status::Code(code)), Some(Status::Code(_, span))) => {
                    vec![(*code, *span)]
                }
                (Some(model::Status::Code(code)), _) => vec![(*code, case.ident.span())],
                (Some(model::Status::Chosen(_)), Some(Status::Chosen(chosen))) => {
                    chosen.set.clone()
                }
                _ => Vec::new(),
            };
            let fixed: Vec<String> = declared.iter().map(|name| name.value()).collect();
            let from_fields = fields.iter().filter_map(|field| field.header.as_deref());
            let names: Vec<&str> = fixed
                .iter()
                .map(String::as_str)
                .chain(from_fields)
                .collect();
            for (code, at) in literal {
                check::required_header(code, at, &names, self.errors);
            }
        }
        let declared = match &case.error.message {
            Some(lit) => Some(message::lower(
                lit,
                case,
                fields,
                source.map(|s| s.index),
                self.errors,
            )?),
            None => None,
        };
        let grpc = match &case.error.grpc {
            Some(lit) => Some(check::grpc_code(lit, self.errors)?),
            None => None,
        };
        let (code, status) = (code?, status?);
        // With thiserror and no `message`, a 4xx sends thiserror's `Display`, which may not
        // show the source: a numeric 4xx that does is refused; a status given as a path, which
        // only the compiled code knows, sends its reason phrase instead.
        let mut masked = false;
        if self.thiserror && declared.is_none() {
            let source = source.map(|s| match &fields[s.index].member {
                Member::Named(ident) => model::unraw(ident),
                Member::Unnamed(index) => index.index.to_string(),
            });
            match status.is_server_error() {
                Some(true) => {}
                Some(false) => {
                    check::display_hides_source(case.attrs, source.as_deref(), self.errors);
                }
                None => {
                    masked = ast::display_shows_source(case.attrs, source.as_deref()).is_some();
                }
            }
        }
        let message = if masked {
            MessageSource::Reason
        } else {
            self.message_source(declared, &status, case)
        };
        Some(Own {
            code,
            status,
            message,
            headers,
            grpc,
            forwards: false,
        })
    }

    fn field(
        &mut self,
        index: usize,
        field: &'a ast::Field<'a>,
        is_source: bool,
    ) -> model::Field<'a> {
        let member = match field.ident {
            Some(ident) => Member::Named(ident.clone()),
            None => Member::Unnamed(index.into()),
        };
        let detail = field.detail.as_ref().and_then(|detail| {
            if is_source {
                check::not_on_source("a detail", detail.span, self.errors);
                return None;
            }
            self.detail_name(field, detail)
        });
        let header = field.header.as_ref().and_then(|name| {
            if is_source {
                check::not_on_source("a header", name.span(), self.errors);
                return None;
            }
            check::header_name(name, self.errors).then(|| name.value())
        });
        let violations = field.violations.is_some_and(|span| {
            if is_source {
                check::not_on_source("the error's violations", span, self.errors);
            }
            !is_source
        });
        model::Field {
            member,
            ty: field.ty,
            detail,
            header,
            violations,
        }
    }

    fn detail_name(&mut self, field: &ast::Field<'_>, detail: &ast::Detail) -> Option<String> {
        let name = match (&detail.name, field.ident) {
            (Some(name), _) => name.value(),
            (None, Some(ident)) => model::unraw(ident),
            (None, None) => {
                self.errors.error(
                    &detail.span,
                    "a tuple field has no name to show in `details`: write `#[api_error(detail = \"name\")]`",
                );
                return None;
            }
        };
        if name.is_empty() {
            self.errors.error(
                &detail.span,
                "a detail needs a name: write `detail = \"name\"`",
            );
            return None;
        }
        Some(name)
    }

    /// The field `source()` returns, and the field `From` builds the case from.
    fn source_and_from(&mut self, fields: &Fields<'_>) -> (Option<Source>, Option<usize>) {
        let mut source = None;
        let mut from = None;
        for (index, attr, marker) in fields.markers() {
            if source.is_some() {
                check::one_source(attr, self.errors);
                continue;
            }
            source = Some(index);
            if marker == Marker::From {
                from = Some(index);
                check::from_alone(fields, attr, self.errors);
            }
        }
        // As in thiserror, a field named `source` is the source unless another field is marked.
        let named_source = || {
            fields
                .fields
                .iter()
                .position(|f| f.ident.is_some_and(|i| i == "source"))
        };
        let source = source.or_else(named_source).map(|index| Source {
            index,
            optional: ast::option_inner(fields.fields[index].ty).is_some(),
        });
        (source, from)
    }

    /// The declared code, or the one `rename_all` makes of the name; `None` when there is
    /// none, or it is no machine code.
    fn code(&mut self, case: ast::Case<'a>) -> Option<String> {
        let (code, span) = if let Some(lit) = &case.error.code {
            check::declared_code(lit, self.errors).then(|| (lit.value(), lit.span()))?
        } else if let Some(rename) = self.rename {
            let code = rename(&model::unraw(case.ident));
            check::renamed_code(&code, case.ident, self.errors)
                .then(|| (code, case.ident.span()))?
        } else {
            if !case.error.given(ErrorKey::Code) {
                check::missing_code(case, self.errors);
            }
            return None;
        };
        self.codes.push(CodeUse {
            code: code.clone(),
            span,
            variant: case.variant,
        });
        Some(code)
    }

    fn status(
        &mut self,
        case: ast::Case<'a>,
        fields: &[model::Field<'_>],
    ) -> Option<model::Status<'a>> {
        // The enum's default was checked once, on its own.
        if let Some(own) = &case.error.status {
            check::status_in_range(own, self.errors);
        }
        match (&case.error.status, self.default_status) {
            (Some(Status::Code(code, _)), _) | (None, Some(Status::Code(code, _))) => {
                Some(model::Status::Code(*code))
            }
            (Some(Status::Path(path)), _) => Some(model::Status::Path(path)),
            (None, Some(Status::Path(path))) => Some(model::Status::Inherited(path)),
            (Some(Status::Chosen(chosen)), _) => {
                let (value, used) = message::bind_expression(&chosen.value, fields, self.errors)?;
                Some(model::Status::Chosen(model::Chosen {
                    set: chosen.set.iter().map(|&(code, _)| code).collect(),
                    value,
                    fields: used,
                    span: chosen
                        .value
                        .clone()
                        .into_iter()
                        .next()
                        .map_or(chosen.key, |token| token.span()),
                }))
            }
            // Refused on the enum, and reported there.
            (None, Some(Status::Chosen(_))) => None,
            (None, None) => {
                if !case.error.given(ErrorKey::Status) {
                    check::missing_status(case, self.errors);
                }
                None
            }
        }
    }

    /// Where the public message comes from: the declared `message`, else with thiserror its
    /// `Display` for a 4xx, else the reason phrase.
    fn message_source(
        &self,
        declared: Option<MessageSource>,
        status: &model::Status<'_>,
        case: ast::Case<'_>,
    ) -> MessageSource {
        if let Some(declared) = declared {
            return declared;
        }
        if !self.thiserror {
            return MessageSource::Reason;
        }
        let template = || ast::display_template(case.attrs);
        match status.is_server_error() {
            Some(true) => MessageSource::Reason,
            Some(false) => MessageSource::Display(template()),
            None => MessageSource::DisplayUnlessServerError(template()),
        }
    }
}
