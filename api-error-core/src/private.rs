//! Used by the code `#[derive(ApiError)]` generates; not public API and not covered by semver.

use core::fmt;

#[cfg(feature = "actix-web")]
pub use ::actix_web;
#[cfg(feature = "axum")]
pub use ::axum_core;
pub use ::core;
pub use ::core::convert::From;
pub use ::core::option::Option;
pub use ::core::result::Result;
pub use ::http::StatusCode;
pub use ::serde;

pub use crate::__impl_integrations as impl_integrations;
pub use crate::api_error::ApiError;
pub use crate::catalog::{Catalog, CatalogEntry};
pub use crate::details::Details;
pub use crate::format::Format;
pub use crate::headers::Headers;
pub use crate::render::{static_body, static_body_len};
pub use crate::set::{Member, Standalone};
pub use crate::status::error_reason_phrase;
pub use crate::status::reason_phrase;
pub use crate::violation::Violations;

/// The format `#[api_error(format = "...")]` names, which the derive has already checked to be
/// one of the names the runtime knows.
#[must_use]
pub const fn format(name: &str) -> Format {
    match Format::named(name) {
        Some(format) => format,
        None => panic!("api-error-derive passed a format name it did not check"),
    }
}

/// One case of a derived type's catalog, as the derive lists them.
pub enum CatalogItem {
    /// A case of the type's own: its variant, code, status, message template, summary, detail
    /// names, header names and the names it passes a translation, as [`CatalogEntry::new`] and
    /// its builders take them.
    Own(
        Option<&'static str>,
        &'static str,
        StatusCode,
        Option<&'static str>,
        Option<&'static str>,
        &'static [&'static str],
        &'static [&'static str],
        &'static [&'static str],
    ),
    /// A `transparent` case: the catalog of the wrapped error's type.
    Wrapped(fn() -> Catalog),
    /// Cases of the type's own whose status is a literal, packed by the derive into one string
    /// (`api_error_rules::packed`).
    Packed(&'static str),
}

/// The catalog of the type at `type_path`, from its cases in order; the cases whose codes are
/// among `violations` may carry field violations.
#[must_use]
pub fn catalog(
    (type_path, type_summary, format, violations): (
        &'static str,
        Option<&'static str>,
        Option<Format>,
        &[&str],
    ),
    items: &[CatalogItem],
) -> Catalog {
    let mut catalog = Catalog::new();
    let own = |(variant, code, status, message, summary): Scalars, lists: Lists| {
        let (details, headers, arguments) = lists;
        let mut entry = CatalogEntry::new(type_path, code, status);
        if let Some(summary) = type_summary {
            entry = entry.with_type_summary(summary);
        }
        if let Some(variant) = variant {
            entry = entry.with_variant(variant);
        }
        if let Some(message) = message {
            entry = entry.with_message(message);
        }
        if let Some(summary) = summary {
            entry = entry.with_summary(summary);
        }
        let mut entry = entry
            .with_details(details)
            .with_headers(headers)
            .with_arguments(arguments);
        if violations.contains(&code) {
            entry = entry.with_violations();
        }
        match format {
            Some(format) => entry.with_format(format),
            None => entry,
        }
    };
    for item in items {
        match *item {
            CatalogItem::Own(
                variant,
                code,
                status,
                message,
                summary,
                details,
                headers,
                arguments,
            ) => catalog.push(own(
                (variant, code, status, message, summary),
                (details, headers, arguments),
            )),
            CatalogItem::Packed(packed) => {
                for &(scalars, lists) in unpacked(packed) {
                    catalog.push(own(scalars, lists));
                }
            }
            CatalogItem::Wrapped(wrapped) => catalog.append(wrapped()),
        }
    }
    catalog
}

/// What an entry says besides its lists: variant, code, status, message template, summary.
type Scalars = (
    Option<&'static str>,
    &'static str,
    StatusCode,
    Option<&'static str>,
    Option<&'static str>,
);

/// An entry's names of details, of headers and of what a translation is passed.
type Lists = (
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

/// Each entry of `packed`, in order: read once for each packed string and kept for the life of
/// the process (each is a derived type's, a few names), so that a catalog asked for again
/// neither reads nor allocates it again.
fn unpacked(packed: &'static str) -> &'static [(Scalars, Lists)] {
    use std::sync::{Mutex, PoisonError};
    /// Each packed string, by its address and length, with its entries.
    type Made = Vec<((usize, usize), &'static [(Scalars, Lists)])>;
    static MADE: Mutex<Made> = Mutex::new(Vec::new());
    let key = (packed.as_ptr() as usize, packed.len());
    let mut made = MADE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(&(_, entries)) = made.iter().find(|(at, _)| *at == key) {
        return entries;
    }
    let list = |names: &'static str| -> &'static [&'static str] {
        let names: Vec<&'static str> = api_error_rules::packed::names(names).collect();
        if names.is_empty() {
            &[]
        } else {
            Vec::leak(names)
        }
    };
    let entries: Vec<(Scalars, Lists)> = api_error_rules::packed::entries(packed)
        .map(|entry| {
            let status =
                StatusCode::from_u16(entry.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let scalars = (
                entry.variant,
                entry.code,
                status,
                entry.message,
                entry.summary,
            );
            let lists = (
                list(entry.lists[0]),
                list(entry.lists[1]),
                list(entry.lists[2]),
            );
            (scalars, lists)
        })
        .collect();
    let entries: &'static [(Scalars, Lists)] = Vec::leak(entries);
    made.push((key, entries));
    entries
}

/// A status the derive has already checked to be 4xx or 5xx.
#[must_use]
pub const fn status(code: u16) -> StatusCode {
    match StatusCode::from_u16(code) {
        Ok(status) => status,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Evaluated in a `const` item for each status given as a path, so that a status that is not
/// 4xx or 5xx fails the build with `message`, which names the status and its variant.
#[must_use]
pub const fn error_status(status: StatusCode, message: &'static str) -> StatusCode {
    let code = status.as_u16();
    // `contains` on a range is not callable in a `const fn`.
    #[allow(clippy::manual_range_contains)]
    let in_range = code >= 400 && code <= 599;
    assert!(in_range, "{}", message);
    status
}

/// The public message of an error whose `Display` belongs to another derive (thiserror) and
/// which declares no `message`: its `Display` for a 4xx, its reason phrase for a 5xx.
///
/// # Errors
///
/// Returns an error only when the formatter does.
pub fn display_message<E: ApiError + fmt::Display + ?Sized>(
    error: &E,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let status = error.status();
    if status.is_server_error() {
        f.write_str(reason_phrase(status))
    } else {
        fmt::Display::fmt(error, f)
    }
}

/// What a field marked `#[api_error(violations)]` may be: [`Violations`], or an `Option` of it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot hold an error's field violations",
    label = "`#[api_error(violations)]` marks a field of type `Violations`",
    note = "give the field the type `api_error_core::Violations` (or `Option<Violations>`) and push each `Violation` into it"
)]
pub trait ViolationsField {
    /// The violations the field holds.
    fn violations(&self) -> Option<&Violations>;
}

impl ViolationsField for Violations {
    fn violations(&self) -> Option<&Violations> {
        Some(self)
    }
}

impl ViolationsField for Option<Violations> {
    fn violations(&self) -> Option<&Violations> {
        self.as_ref()
    }
}

/// Views a `#[source]` field as `dyn Error`, whether it is a sized error or a boxed one.
pub trait AsDynError<'a> {
    /// This error as a trait object.
    fn as_dyn_error(&self) -> &(dyn core::error::Error + 'a);
}

impl<'a, T: core::error::Error + 'a> AsDynError<'a> for T {
    fn as_dyn_error(&self) -> &(dyn core::error::Error + 'a) {
        self
    }
}

macro_rules! dyn_as_dyn_error {
    ($($bounds:tt)*) => {
        impl<'a> AsDynError<'a> for dyn core::error::Error $($bounds)* + 'a {
            fn as_dyn_error(&self) -> &(dyn core::error::Error + 'a) {
                self
            }
        }
    };
}

dyn_as_dyn_error!();
dyn_as_dyn_error!(+ Send);
dyn_as_dyn_error!(+ Send + Sync);

/// Evaluated in a `const` item for each error whose status is a path, which only the compiler
/// can read: fails the build when HTTP requires a header on `status` that `declared` (the
/// error's header names) does not have. The derive checks a literal status itself, from the same
/// table, and reports it at the status.
pub const fn required_headers(status: u16, declared: &[&str]) {
    if let Some(missing) = api_error_rules::missing_header(status, declared) {
        panic!("{}", missing);
    }
}

/// A derived type's description as a value (feature `describe`): what the derive hands every
/// integration, read back by a macro that checks its whole grammar.
#[cfg(feature = "describe")]
pub trait Described {
    /// The description.
    fn description() -> TypeDescription;
}

/// The items as a `Vec`, for generated code that cannot name `From`.
#[cfg(feature = "describe")]
pub fn list<T, const N: usize>(items: [T; N]) -> Vec<T> {
    items.into()
}

/// What `Described::description` gives.
#[cfg(feature = "describe")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeDescription {
    /// The type's own `format`.
    pub format: Option<&'static str>,
    /// Every case, in declaration order.
    pub cases: Vec<CaseDescription>,
}

/// One case of a [`TypeDescription`].
#[cfg(feature = "describe")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDescription {
    /// The variant, or `None` for a struct.
    pub variant: Option<&'static str>,
    /// `unit`, `tuple` or `named`.
    pub style: &'static str,
    /// Whether the case is `transparent`; it then has no code, status, message or headers.
    pub transparent: bool,
    /// The code.
    pub code: Option<&'static str>,
    /// The status.
    pub status: Option<StatusCode>,
    /// Where the message comes from.
    pub message: MessageDescription,
    /// The first paragraph of the doc comment.
    pub summary: Option<&'static str>,
    /// Every field, in order.
    pub fields: Vec<FieldDescription>,
    /// The fixed headers, name and value.
    pub headers: Vec<(&'static str, &'static str)>,
}

/// Where a case's message comes from.
#[cfg(feature = "describe")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageDescription {
    /// `message = "..."`, as declared.
    Declared(&'static str),
    /// thiserror's `Display` (the message of a 4xx), with its text when it is a literal.
    Display(Option<&'static str>),
    /// The status's reason phrase.
    Reason,
}

/// One field of a [`CaseDescription`].
#[cfg(feature = "describe")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDescription {
    /// Its name, or its index for a tuple field.
    pub member: &'static str,
    /// Its type, as `core::any::type_name` gives it.
    pub ty: &'static str,
    /// The detail it becomes.
    pub detail: Option<&'static str>,
    /// The header it becomes.
    pub header: Option<&'static str>,
    /// `source` or `from`, when it is the case's source.
    pub source: Option<&'static str>,
    /// Whether the message shows it.
    pub shown: bool,
}

// What the derive's `decode` expands to uses; appended here, after everything whose lines
// the compile-error snapshots point at.
pub use crate::decode::{
    DecodeInput, NoDecode, NoDefault, NotViolations, Probe, ViaDecode, ViaDefault, ViaViolations,
};
#[cfg(feature = "aide-0_15")]
pub use ::aide;
#[cfg(feature = "tonic")]
pub use ::tonic;
#[cfg(feature = "utoipa-5")]
pub use ::utoipa5;
#[cfg(feature = "utoipa-6")]
pub use ::utoipa6;
pub use std::vec::Vec;

// What the derive's `message_arguments` expands to uses.
pub use crate::arguments::Arguments;

/// A field a message shows, on its way to [`Arguments`]: `(&&&&ArgumentProbe(field)).pass(..)`
/// picks, by auto-ref, the first of these that the field's type allows: a number, its
/// `Display`, its `Debug`, or nothing at all.
pub struct ArgumentProbe<'a, T: ?Sized>(pub &'a T);

/// A field passed as a number.
pub trait ArgumentAsNumber {
    /// Passes the field.
    fn pass(&self, arguments: &mut Arguments<'_>, name: &'static str);
}

impl<T: Copy + Into<crate::arguments::Number>> ArgumentAsNumber for &&&ArgumentProbe<'_, T> {
    fn pass(&self, arguments: &mut Arguments<'_>, name: &'static str) {
        arguments.number(name, *self.0);
    }
}

/// A field passed as it displays.
pub trait ArgumentAsText {
    /// Passes the field.
    fn pass(&self, arguments: &mut Arguments<'_>, name: &'static str);
}

impl<T: fmt::Display + ?Sized> ArgumentAsText for &&ArgumentProbe<'_, T> {
    fn pass(&self, arguments: &mut Arguments<'_>, name: &'static str) {
        arguments.text(name, &self.0);
    }
}

/// A field passed as its `Debug` shows it.
pub trait ArgumentAsDebug {
    /// Passes the field.
    fn pass(&self, arguments: &mut Arguments<'_>, name: &'static str);
}

impl<T: fmt::Debug + ?Sized> ArgumentAsDebug for &ArgumentProbe<'_, T> {
    fn pass(&self, arguments: &mut Arguments<'_>, name: &'static str) {
        arguments.text(name, &format_args!("{:?}", self.0));
    }
}

/// A field that cannot be shown: not passed.
pub trait ArgumentNotShown {
    /// Passes nothing.
    fn pass(&self, arguments: &mut Arguments<'_>, name: &'static str);
}

impl<T: ?Sized> ArgumentNotShown for ArgumentProbe<'_, T> {
    fn pass(&self, _: &mut Arguments<'_>, _: &'static str) {}
}

// A status chosen at run time, `status(500, 404) = ..`; appended for the reason above.
pub use crate::status::{ChosenStatus, chosen_status};
// The methods only a translation reads, kept with feature `fluent` alone.
pub use crate::__if_fluent as if_fluent;

/// The catalog of the struct `#[api_error(members)]` writes for the variant `variant` of the
/// enum at `type_path`: that variant's entry in the enum's `catalog`, so that the two are one
/// declaration.
#[must_use]
pub fn member_catalog(catalog: &Catalog, type_path: &str, variant: &str) -> Catalog {
    let mut own = Catalog::new();
    for entry in catalog
        .iter()
        .filter(|entry| entry.type_path() == type_path && entry.variant() == Some(variant))
    {
        own.push(*entry);
    }
    own
}
