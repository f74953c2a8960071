//! The input as written: what `#[api_error(...)]` says on the type, its variants and its
//! fields. Nothing here judges whether the input makes sense; `lower.rs` and `check.rs` do. A
//! key whose value cannot be read is reported and left out, and reading goes on.

use darling::error::Accumulator;
use proc_macro2::Span;
use syn::{Attribute, Data as SynData, DeriveInput, Generics, Ident, LitStr, Path, Type};

use crate::attr::{self, StaticHeader, Status};
use crate::key::{self, ErrorKey, FieldKey, Place, TypeKey};
use crate::model::Style;
use crate::report::Report;

/// The enum or struct.
pub(crate) struct Input<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) generics: &'a Generics,
    pub(crate) attrs: &'a [Attribute],
    pub(crate) krate: Option<LitStr>,
    pub(crate) rename_all: Option<LitStr>,
    /// `format = "problem"`: the body format of every error of the type, named as the runtime
    /// names it.
    pub(crate) format: Option<attr::FormatAttr>,
    /// `decode`: the way back from a received body to the type, for its clients.
    pub(crate) decode: Option<Span>,
    /// `own_display`: the type's `Display` is written by hand, and the derive writes none.
    pub(crate) own_display: Option<Span>,
    /// `without(axum, utoipa)`: the integrations whose impls the type writes itself, as
    /// written; the runtime knows their names.
    pub(crate) without: Vec<Ident>,
    /// `members` or `members = "order_error"`: a module of one struct per variant.
    pub(crate) members: Option<Members>,
    pub(crate) error: ErrorAttrs,
    pub(crate) data: Data<'a>,
}

/// `members`, with the module's name when one is given.
pub(crate) struct Members {
    pub(crate) span: Span,
    pub(crate) name: Option<LitStr>,
}

pub(crate) enum Data<'a> {
    Enum(Vec<Variant<'a>>),
    Struct(Fields<'a>),
}

pub(crate) struct Variant<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) attrs: &'a [Attribute],
    pub(crate) error: ErrorAttrs,
    pub(crate) fields: Fields<'a>,
}

/// The keys that describe one error: on a variant, or on a struct.
#[derive(Default)]
pub(crate) struct ErrorAttrs {
    pub(crate) code: Option<LitStr>,
    pub(crate) status: Option<Status>,
    pub(crate) message: Option<LitStr>,
    /// The arguments after the format string of `message("...", ..)`: empty for
    /// `message = "..."`.
    pub(crate) message_arguments: proc_macro2::TokenStream,
    /// The span of `transparent`, when present.
    pub(crate) transparent: Option<Span>,
    pub(crate) headers: Vec<StaticHeader>,
    /// `grpc = "FAILED_PRECONDITION"`: the gRPC code, in place of the one the status maps to.
    pub(crate) grpc: Option<LitStr>,
    /// A `header(..)` was written that could not be read (and was reported).
    pub(crate) unread_header: bool,
    /// Every key written, even one whose value could not be read.
    pub(crate) given: Vec<ErrorKey>,
}

impl ErrorAttrs {
    /// Whether `key` was written, so that its absence is not reported on top of its mistake.
    pub(crate) fn given(&self, key: ErrorKey) -> bool {
        self.given.contains(&key)
    }

    /// Reads the value of one key.
    fn read(
        &mut self,
        key: ErrorKey,
        meta: &syn::meta::ParseNestedMeta<'_>,
        errors: &mut Accumulator,
    ) -> syn::Result<()> {
        match key {
            ErrorKey::Code => {
                let example = "code = \"ORDER_NOT_FOUND\"";
                if let Some(expr) = attr::value(meta, example, errors)? {
                    self.code = attr::string(&expr, example, errors);
                }
            }
            ErrorKey::Status if meta.input.peek(syn::token::Paren) => {
                self.status = Status::parse_chosen(meta, errors)?;
            }
            ErrorKey::Status => {
                if let Some(expr) = attr::value(meta, "status = 404", errors)? {
                    self.status = Status::parse(&expr, errors);
                }
            }
            ErrorKey::Message if meta.input.peek(syn::token::Paren) => {
                // `message("{} (and {} more)", .0, .1.len())`: a format string and its
                // arguments, as thiserror's `#[error(...)]` writes them.
                let content;
                syn::parenthesized!(content in meta.input);
                let Ok(text) = content.parse::<LitStr>() else {
                    errors.error(
                        &content.span(),
                        "expected the format string first: `message(\"{} of {} left\", .left, .total)`",
                    );
                    content.parse::<proc_macro2::TokenStream>()?;
                    return Ok(());
                };
                let arguments = if content.is_empty() {
                    proc_macro2::TokenStream::new()
                } else {
                    content.parse::<syn::Token![,]>()?;
                    content.parse()?
                };
                self.message = Some(text);
                self.message_arguments = arguments;
            }
            ErrorKey::Message => {
                let example = "message = \"Order {id} not found\"";
                if let Some(expr) = attr::value(meta, example, errors)? {
                    self.message = attr::string(&expr, example, errors);
                }
            }
            ErrorKey::Transparent => self.transparent = Some(attr::word(meta, errors)?),
            ErrorKey::Header => match StaticHeader::parse(meta, errors)? {
                Some(header) => self.headers.push(header),
                None => self.unread_header = true,
            },
            ErrorKey::Grpc => {
                let example = "grpc = \"FAILED_PRECONDITION\"";
                if let Some(expr) = attr::value(meta, example, errors)? {
                    self.grpc = attr::string(&expr, example, errors);
                }
            }
        }
        Ok(())
    }
}

pub(crate) struct Fields<'a> {
    pub(crate) style: Style,
    pub(crate) fields: Vec<Field<'a>>,
}

pub(crate) struct Field<'a> {
    pub(crate) ident: Option<&'a Ident>,
    pub(crate) ty: &'a Type,
    pub(crate) attrs: &'a [Attribute],
    pub(crate) detail: Option<Detail>,
    pub(crate) header: Option<LitStr>,
    /// A `header` was written that could not be read (and was reported).
    pub(crate) unread_header: bool,
    /// Where `violations` marks the field that holds the error's field violations.
    pub(crate) violations: Option<Span>,
}

impl Fields<'_> {
    /// The fields marked `#[source]` or `#[from]`, in order, each with its marker.
    pub(crate) fn markers(&self) -> impl Iterator<Item = (usize, &Attribute, Marker)> {
        self.fields.iter().enumerate().filter_map(|(index, field)| {
            let marker = |name, marker| {
                field
                    .attrs
                    .iter()
                    .find(|attr| is_marker(attr, name))
                    .map(|attr| (index, attr, marker))
            };
            marker("from", Marker::From).or_else(|| marker("source", Marker::Source))
        })
    }

    /// The field a `From` impl builds the error from: the first marked one, when its marker is
    /// `#[from]`.
    pub(crate) fn converted_from(&self) -> Option<&Field<'_>> {
        let (index, _, marker) = self.markers().next()?;
        (marker == Marker::From).then(|| &self.fields[index])
    }
}

/// How a field is marked as the source.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    /// `#[source]`: `source()` returns it.
    Source,
    /// `#[from]`: the source, and a `From` impl builds the error from it.
    From,
}

/// `detail`, or `detail = "name"`.
pub(crate) struct Detail {
    pub(crate) span: Span,
    pub(crate) name: Option<LitStr>,
}

/// Reads the input. A union is refused before anything else, and gives `None`.
pub(crate) fn parse<'a>(input: &'a DeriveInput, errors: &mut Accumulator) -> Option<Input<'a>> {
    let (place, data) = match &input.data {
        SynData::Union(data) => {
            errors.error(
                &data.union_token,
                "ApiError cannot be derived for a union: use an enum with one variant per error, or a struct",
            );
            return None;
        }
        SynData::Enum(data) => (Place::Enum, Data::Enum(variants(data, errors))),
        SynData::Struct(data) => (Place::Struct, Data::Struct(fields(&data.fields, errors))),
    };
    let mut krate = None;
    let mut rename_all = None;
    let mut format = None;
    let mut decode = None;
    let mut own_display = None;
    let mut without = Vec::new();
    let mut members = None;
    let mut error = ErrorAttrs::default();
    let given = key::for_each_key(&input.attrs, place, errors, |key, meta, errors| {
        let (slot, example) = match key {
            TypeKey::Error(key) => return error.read(key, meta, errors),
            TypeKey::Crate => (&mut krate, "crate = \"my_framework::api_error\""),
            TypeKey::Format => {
                let example = "format = \"problem\"";
                if let Some(expr) = attr::value(meta, example, errors)? {
                    format = attr::FormatAttr::parse(&expr, errors);
                }
                return Ok(());
            }
            TypeKey::Decode => {
                decode = Some(attr::word(meta, errors)?);
                return Ok(());
            }
            TypeKey::OwnDisplay => {
                own_display = Some(attr::word(meta, errors)?);
                return Ok(());
            }
            TypeKey::Without => return read_without(meta, &mut without, errors),
            TypeKey::Members => {
                members = Some(read_members(meta, errors)?);
                return Ok(());
            }
            TypeKey::RenameAll => (&mut rename_all, "rename_all = \"SCREAMING_SNAKE_CASE\""),
        };
        if let Some(expr) = attr::value(meta, example, errors)? {
            *slot = attr::string(&expr, example, errors);
        }
        Ok(())
    });
    error.given = given
        .into_iter()
        .filter_map(|key| match key {
            TypeKey::Error(key) => Some(key),
            TypeKey::Crate
            | TypeKey::Format
            | TypeKey::RenameAll
            | TypeKey::Decode
            | TypeKey::OwnDisplay
            | TypeKey::Without
            | TypeKey::Members => None,
        })
        .collect();
    leave_out_by_value(input, &mut without);
    Some(Input {
        ident: &input.ident,
        generics: &input.generics,
        attrs: &input.attrs,
        krate,
        rename_all,
        format,
        decode,
        own_display,
        without,
        members,
        error,
        data,
    })
}

/// The variants of an enum, each with its keys read.
fn variants<'a>(data: &'a syn::DataEnum, errors: &mut Accumulator) -> Vec<Variant<'a>> {
    data.variants
        .iter()
        .map(|variant| {
            let mut error = ErrorAttrs::default();
            error.given = key::for_each_key(
                &variant.attrs,
                Place::Variant,
                errors,
                |key, meta, errors| error.read(key, meta, errors),
            );
            Variant {
                ident: &variant.ident,
                attrs: &variant.attrs,
                error,
                fields: fields(&variant.fields, errors),
            }
        })
        .collect()
}

/// The runtime's own path, `::api_error_core`.
pub(crate) fn runtime_path() -> Path {
    syn::parse_quote!(::api_error_core)
}

impl Input<'_> {
    /// Where the runtime is: `::api_error_core`, or the `crate = "..."` override, spanned on
    /// the override; `Err` with the override when it is not a path.
    pub(crate) fn crate_path(&self) -> Result<Path, &LitStr> {
        let Some(path) = &self.krate else {
            return Ok(runtime_path());
        };
        let mut parsed = path.parse::<Path>().map_err(|_| path)?;
        for segment in &mut parsed.segments {
            segment.ident.set_span(path.span());
        }
        Ok(parsed)
    }

    /// The cases: each variant of an enum, or the struct itself.
    pub(crate) fn cases(&self) -> Vec<Case<'_>> {
        match &self.data {
            Data::Enum(variants) => variants
                .iter()
                .map(|variant| Case {
                    variant: Some(variant.ident),
                    ident: variant.ident,
                    attrs: variant.attrs,
                    error: &variant.error,
                    fields: &variant.fields,
                })
                .collect(),
            Data::Struct(fields) => vec![Case {
                variant: None,
                ident: self.ident,
                attrs: self.attrs,
                error: &self.error,
                fields,
            }],
        }
    }
}

/// One error as written: a variant, or the struct itself (whose name is `ident`).
#[derive(Clone, Copy)]
pub(crate) struct Case<'a> {
    pub(crate) variant: Option<&'a Ident>,
    pub(crate) ident: &'a Ident,
    pub(crate) attrs: &'a [Attribute],
    pub(crate) error: &'a ErrorAttrs,
    pub(crate) fields: &'a Fields<'a>,
}

fn fields<'a>(fields: &'a syn::Fields, errors: &mut Accumulator) -> Fields<'a> {
    let style = match fields {
        syn::Fields::Unit => Style::Unit,
        syn::Fields::Unnamed(_) => Style::Tuple,
        syn::Fields::Named(_) => Style::Named,
    };
    let fields = fields
        .iter()
        .map(|field| {
            let mut detail = None;
            let mut header = None;
            let mut unread_header = false;
            let mut violations = None;
            key::for_each_key(&field.attrs, Place::Field, errors, |key, meta, errors| {
                let span = syn::spanned::Spanned::span(&meta.path);
                match key {
                    FieldKey::Detail if meta.input.peek(syn::token::Paren) => {
                        errors.error(
                            &span,
                            "write `detail`, or `detail = \"name\"` to give it another name",
                        );
                        meta.input.parse::<proc_macro2::Group>()?;
                    }
                    FieldKey::Detail if !meta.input.peek(syn::Token![=]) => {
                        detail = Some(Detail { span, name: None });
                    }
                    FieldKey::Detail => {
                        let expr = meta.value()?.parse()?;
                        // A name that is not a string was reported; the field is then no detail.
                        if let Some(name) = attr::string(&expr, "detail = \"name\"", errors) {
                            detail = Some(Detail {
                                span,
                                name: Some(name),
                            });
                        }
                    }
                    FieldKey::Header if meta.input.peek(syn::token::Paren) => {
                        errors.error(
                            &span,
                            "a field's header takes its value from the field: write `header = \"Retry-After\"`",
                        );
                        unread_header = true;
                        meta.input.parse::<proc_macro2::Group>()?;
                    }
                    FieldKey::Header => {
                        let example = "header = \"Retry-After\"";
                        header = attr::value(meta, example, errors)?
                            .and_then(|expr| attr::string(&expr, example, errors));
                        unread_header |= header.is_none();
                    }
                    FieldKey::Violations if meta.input.is_empty() || meta.input.peek(syn::Token![,]) => {
                        violations = Some(span);
                    }
                    FieldKey::Violations => {
                        errors.error(
                            &span,
                            "`violations` takes no value: write `#[api_error(violations)]` on the field of type `Violations` that holds them",
                        );
                        if meta.input.peek(syn::Token![=]) {
                            meta.value()?.parse::<syn::Expr>()?;
                        } else {
                            meta.input.parse::<proc_macro2::Group>()?;
                        }
                    }
                }
                Ok(())
            });
            Field {
                ident: field.ident.as_ref(),
                ty: &field.ty,
                attrs: &field.attrs,
                detail,
                header,
                unread_header,
                violations,
            }
        })
        .collect();
    Fields { style, fields }
}

/// `#[source]` or `#[from]` as a bare word; a list form such as `#[from(...)]` belongs to
/// another derive.
pub(crate) fn is_marker(attr: &Attribute, name: &str) -> bool {
    attr.path().is_ident(name) && matches!(attr.meta, syn::Meta::Path(_))
}

/// The first paragraph of an item's doc comment, its lines trimmed and joined by spaces: its
/// summary.
pub(crate) fn doc_comment(attrs: &[Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }),
                ..
            }) => Some(text.value().trim().to_owned()),
            _ => None,
        })
        .skip_while(String::is_empty)
        .take_while(|line| !line.is_empty())
        .collect();
    (!lines.is_empty()).then(|| lines.join(" "))
}

/// Whether `#[error(...)]` appears on the type or on a variant: thiserror writes `Display`.
pub(crate) fn derives_display_elsewhere(input: &DeriveInput) -> bool {
    let has_error = |attrs: &[Attribute]| attrs.iter().any(|attr| attr.path().is_ident("error"));
    has_error(&input.attrs)
        || matches!(&input.data, SynData::Enum(data) if data.variants.iter().any(|v| has_error(&v.attrs)))
}

/// What thiserror's `#[error(...)]` on a case shows, as far as the client is concerned.
pub(crate) enum Shows {
    /// `#[error(transparent)]`: the wrapped error's own `Display`.
    Transparent(Span),
    /// A format string: each member it shows, as written (`{0}`, `{source}`, `.0`), with the
    /// member's name (`0`, `source`).
    Format(LitStr, Vec<(String, String)>),
}

/// What `#[error(...)]` on a case shows, when it is there and readable.
pub(crate) fn display_shows(attrs: &[Attribute]) -> Option<Shows> {
    let attr = attrs.iter().find(|attr| attr.path().is_ident("error"))?;
    let list = attr.meta.require_list().ok()?;
    if let Ok(word) = syn::parse2::<Ident>(list.tokens.clone()) {
        return (word == "transparent").then(|| Shows::Transparent(word.span()));
    }
    let (text, rest) = list
        .parse_args_with(|input: syn::parse::ParseStream<'_>| {
            let text: LitStr = input.parse()?;
            let rest: proc_macro2::TokenStream = input.parse()?;
            Ok((text, rest))
        })
        .ok()?;
    let mut shown: Vec<(String, String)> = crate::message::placeholder_names(&text.value())
        .into_iter()
        .map(|name| (format!("{{{name}}}"), name))
        .collect();
    members_in(rest, &mut shown);
    Some(Shows::Format(text, shown))
}

/// What `#[error(...)]` on a case shows of its source (the field named `source`): `None` when
/// it shows none of it; a format with only the placeholders and arguments that name it.
pub(crate) fn display_shows_source(attrs: &[Attribute], source: Option<&str>) -> Option<Shows> {
    match display_shows(attrs)? {
        Shows::Transparent(span) => Some(Shows::Transparent(span)),
        Shows::Format(text, mut shown) => {
            shown.retain(|(_, member)| Some(member.as_str()) == source);
            (!shown.is_empty()).then_some(Shows::Format(text, shown))
        }
    }
}

/// The fields an extra format argument names, as thiserror spells them: `.0`, `.name`, at the
/// start of an expression (`.0.len()` names `0`, not `len`).
fn members_in(tokens: proc_macro2::TokenStream, shown: &mut Vec<(String, String)>) {
    use proc_macro2::TokenTree;
    let mut starts_expression = true;
    let mut after_dot = false;
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (at, token) in tokens.iter().enumerate() {
        // A field named bare (`cause`), which thiserror's arguments may name too.
        if let TokenTree::Ident(ident) = token
            && starts_expression
            && !after_dot
            && let Some(name) = bare_name(ident, tokens.get(at + 1))
        {
            shown.push((name.clone(), name));
        }
        let member = match token {
            TokenTree::Ident(ident) if after_dot => Some(ident.to_string()),
            // `.0.1` is lexed as `.` and the float `0.1`.
            TokenTree::Literal(lit) if after_dot => {
                let text = lit.to_string();
                text.split('.').next().map(str::to_owned)
            }
            _ => None,
        };
        if let Some(member) = member {
            shown.push((format!(".{member}"), member));
        }
        if let TokenTree::Group(group) = token {
            members_in(group.stream(), shown);
        }
        // A `.` alone: the first of `..` is joined to the second.
        after_dot = matches!(token, TokenTree::Punct(p) if p.as_char() == '.' && p.spacing() == proc_macro2::Spacing::Alone)
            && starts_expression;
        // `self.0` shows a field too.
        starts_expression =
            field_may_follow(token) || matches!(token, TokenTree::Ident(i) if i == "self");
    }
}

/// The field `ident` names when it stands bare at the start of an expression (`token`), as
/// thiserror's arguments may name one: not when `next` makes it a call, a path, a macro or an
/// associated type's binding (`A = i32`), and never a keyword.
pub(crate) fn bare_name(
    ident: &proc_macro2::Ident,
    next: Option<&proc_macro2::TokenTree>,
) -> Option<String> {
    use proc_macro2::TokenTree;
    let other_use = next.is_some_and(|next| match next {
        TokenTree::Punct(p) => {
            matches!(p.as_char(), ':' | '!')
                || (p.as_char() == '=' && p.spacing() == proc_macro2::Spacing::Alone)
        }
        TokenTree::Group(g) => g.delimiter() == proc_macro2::Delimiter::Parenthesis,
        _ => false,
    });
    let keyword = syn::parse_str::<Ident>(&ident.to_string()).is_err();
    (!other_use && !keyword).then(|| crate::model::unraw(ident))
}

/// Whether a `.` after `token` starts thiserror's shorthand for a field (`.0`, `.name`): after
/// punctuation but a `.`, and after a keyword that an expression follows (`match .kind {..}`).
pub(crate) fn field_may_follow(token: &proc_macro2::TokenTree) -> bool {
    const BEFORE_EXPRESSION: [&str; 8] = [
        "match", "if", "while", "return", "in", "else", "break", "let",
    ];
    match token {
        proc_macro2::TokenTree::Punct(p) => p.as_char() != '.',
        proc_macro2::TokenTree::Ident(ident) => BEFORE_EXPRESSION.iter().any(|k| ident == k),
        _ => false,
    }
}

/// The text of thiserror's `#[error("...")]`, when it is a plain format string.
pub(crate) fn display_template(attrs: &[Attribute]) -> Option<String> {
    match display_shows(attrs)? {
        Shows::Format(text, _) => Some(text.value()),
        Shows::Transparent(_) => None,
    }
}

/// `T` of a type written `Option<T>`: such a source is there only when it is `Some`, and
/// `#[from]` on it converts from `T`, as thiserror has it.
pub(crate) fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last().filter(|_| path.qself.is_none())?;
    let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    match (last.ident == "Option", arguments.args.first()) {
        (true, Some(syn::GenericArgument::Type(inner))) if arguments.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// Whether a type is written `Path` or `PathBuf` (or a reference to one), which has no
/// `Display` of its own: a message shows it by its `display()`, as thiserror does.
pub(crate) fn is_path(ty: &Type) -> bool {
    match ty {
        Type::Reference(reference) => is_path(&reference.elem),
        Type::Path(path) if path.qself.is_none() => path.path.segments.last().is_some_and(|last| {
            last.arguments.is_empty() && (last.ident == "Path" || last.ident == "PathBuf")
        }),
        _ => false,
    }
}

/// Whether a type is written as one without a size known at compile time: `str`, `Path`,
/// `OsStr`, `CStr`, a slice, or a trait object.
fn is_unsized(ty: &Type) -> bool {
    match ty {
        Type::Slice(_) | Type::TraitObject(_) => true,
        Type::Path(path) if path.qself.is_none() => path.path.segments.last().is_some_and(|last| {
            last.arguments.is_empty()
                && ["str", "Path", "OsStr", "CStr"]
                    .iter()
                    .any(|name| last.ident == name)
        }),
        _ => false,
    }
}

/// `members`, or `members = "order_error"`.
fn read_members(
    meta: &syn::meta::ParseNestedMeta<'_>,
    errors: &mut Accumulator,
) -> syn::Result<Members> {
    let span = syn::spanned::Spanned::span(&meta.path);
    let example = "members = \"order_error\"";
    let name = if meta.input.peek(syn::Token![=]) {
        attr::value(meta, example, errors)?.and_then(|expr| attr::string(&expr, example, errors))
    } else {
        attr::word(meta, errors)?;
        None
    };
    Ok(Members { span, name })
}

/// `without(axum, utoipa)`: the names, as written.
fn read_without(
    meta: &syn::meta::ParseNestedMeta<'_>,
    without: &mut Vec<Ident>,
    errors: &mut Accumulator,
) -> syn::Result<()> {
    if !meta.input.peek(syn::token::Paren) {
        errors.error(
            &meta.path,
            "expected the integrations the type implements itself: `without(axum, utoipa)`",
        );
        return attr::skip_value(meta);
    }
    let content;
    syn::parenthesized!(content in meta.input);
    without
        .extend(syn::punctuated::Punctuated::<Ident, syn::Token![,]>::parse_terminated(&content)?);
    Ok(())
}

/// An unsized struct (a last field of `str`, `Path`, `[T]`, `dyn ..`) cannot be answered by
/// value: the integrations that take or name the error by value join `without`.
fn leave_out_by_value(input: &DeriveInput, without: &mut Vec<Ident>) {
    let SynData::Struct(data) = &input.data else {
        return;
    };
    if !data
        .fields
        .iter()
        .last()
        .is_some_and(|field| is_unsized(&field.ty))
    {
        return;
    }
    for name in ["axum", "tonic", "aide", "utoipa"] {
        if !without.iter().any(|known| known == name) {
            without.push(Ident::new(name, Span::call_site()));
        }
    }
}
