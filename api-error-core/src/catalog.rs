use core::fmt::{self, Write as _};

use http::StatusCode;
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::format::Format;
use crate::status::reason_phrase;

/// One error a type can be: its code, status, message template, summary, and the names of its
/// details and headers.
///
/// ```
/// use api_error_core::ApiError;
///
/// /// Usage errors
/// #[derive(Debug, ApiError)]
/// pub enum UsageError {
///     /// Usage limit exceeded
///     ///
///     /// Only this first paragraph is the summary.
///     #[api_error(code = "USAGE_LIMIT_EXCEEDED", status = 400, message = "Usage limit of {limit} exceeded")]
///     LimitExceeded { limit: u32 },
/// }
///
/// let catalog = UsageError::catalog();
/// let entry = &catalog.entries()[0];
/// assert_eq!(entry.code(), "USAGE_LIMIT_EXCEEDED");
/// assert_eq!(entry.status().as_u16(), 400);
/// assert_eq!(entry.message(), "Usage limit of {limit} exceeded");
/// assert_eq!(entry.summary(), Some("Usage limit exceeded"));
/// assert_eq!(entry.type_name(), "UsageError");
/// assert_eq!(entry.type_summary(), Some("Usage errors"));
/// assert_eq!(entry.variant(), Some("LimitExceeded"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogEntry {
    type_path: &'static str,
    type_summary: Option<&'static str>,
    variant: Option<&'static str>,
    code: &'static str,
    status: StatusCode,
    message: Option<&'static str>,
    summary: Option<&'static str>,
    details: &'static [&'static str],
    headers: &'static [&'static str],
    arguments: Option<&'static [&'static str]>,
    format: Option<Format>,
    violations: bool,
}

impl CatalogEntry {
    /// The entry of `code` at `status`, declared by the type `type_path` (its
    /// `core::any::type_name`); `#[derive(ApiError)]` writes these, and the `with_*` methods
    /// add the rest. Without [`with_message`](Self::with_message), its message is the status's
    /// reason phrase.
    ///
    /// ```
    /// use api_error_core::{CatalogEntry, StatusCode};
    ///
    /// let entry = CatalogEntry::new("my_service::QuotaError", "QUOTA_EXCEEDED", StatusCode::TOO_MANY_REQUESTS)
    ///     .with_variant("Exceeded")
    ///     .with_message("Quota of {limit} exceeded")
    ///     .with_summary("The account's quota is used up")
    ///     .with_details(&["limit"]);
    /// assert_eq!(entry.place(), "my_service::QuotaError::Exceeded");
    /// assert_eq!(entry.message(), "Quota of {limit} exceeded");
    /// ```
    #[must_use]
    pub const fn new(type_path: &'static str, code: &'static str, status: StatusCode) -> Self {
        CatalogEntry {
            type_path,
            type_summary: None,
            variant: None,
            code,
            status,
            message: None,
            summary: None,
            details: &[],
            headers: &[],
            arguments: None,
            format: None,
            violations: false,
        }
    }

    /// This entry, for an error that may carry field violations (`#[api_error(violations)]`):
    /// its body may list them, which a document of its responses says.
    #[must_use]
    pub const fn with_violations(mut self) -> Self {
        self.violations = true;
        self
    }

    /// Whether the error may carry field violations.
    #[must_use]
    pub const fn has_violations(&self) -> bool {
        self.violations
    }

    /// This entry as the variant `variant` of its type.
    #[must_use]
    pub const fn with_variant(mut self, variant: &'static str) -> Self {
        self.variant = Some(variant);
        self
    }

    /// This entry with its message template as declared (`"Order {id} is not in pending
    /// status"`).
    #[must_use]
    pub const fn with_message(mut self, message: &'static str) -> Self {
        self.message = Some(message);
        self
    }

    /// This entry with its summary, the first paragraph of the variant's doc comment.
    #[must_use]
    pub const fn with_summary(mut self, summary: &'static str) -> Self {
        self.summary = Some(summary);
        self
    }

    /// This entry with its type's summary, the first paragraph of the type's doc comment.
    #[must_use]
    pub const fn with_type_summary(mut self, summary: &'static str) -> Self {
        self.type_summary = Some(summary);
        self
    }

    /// This entry with the format its type answers in whatever the configuration says
    /// (`#[api_error(format = "...")]` on the type).
    #[must_use]
    pub const fn with_format(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }

    /// The format the error's type answers in whatever the configuration says, if it names one.
    #[must_use]
    pub const fn format(&self) -> Option<Format> {
        self.format
    }

    /// This entry with the names of the members its error adds to `details`, in order.
    #[must_use]
    pub const fn with_details(mut self, details: &'static [&'static str]) -> Self {
        self.details = details;
        self
    }

    /// This entry with the names of the headers its response carries, as declared.
    #[must_use]
    pub const fn with_headers(mut self, headers: &'static [&'static str]) -> Self {
        self.headers = headers;
        self
    }

    /// This entry with the names its error passes a translation of its message, in order
    /// ([`ApiError::message_argument_names`](crate::ApiError::message_argument_names)).
    #[must_use]
    pub const fn with_arguments(mut self, arguments: &'static [&'static str]) -> Self {
        self.arguments = Some(arguments);
        self
    }

    /// The variables a translation of this error's message can show: none for a 5xx (its
    /// translation never shows a field); else the names its error passes (see
    /// [`with_arguments`](Self::with_arguments)), or, for an entry that does not give them, the
    /// fields its message template shows, as variables (`{order_id}` is `order_id`, a tuple
    /// field's `{0}` is `arg0`).
    #[must_use]
    pub fn variables(&self) -> Vec<String> {
        if self.status.is_server_error() {
            return Vec::new();
        }
        match self.arguments {
            Some(arguments) => arguments.iter().map(|&name| name.to_owned()).collect(),
            None => api_error_rules::fluent::variables(self.message()),
        }
    }

    /// The name of the type that declares this error, without its module path or generic
    /// arguments: `OrderError`.
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        let base = self.type_path.split('<').next().unwrap_or(self.type_path);
        base.rsplit("::").next().unwrap_or(base)
    }

    /// The full path of the type that declares this error, as `core::any::type_name` gives it:
    /// `my_service::orders::OrderError`.
    #[must_use]
    pub const fn type_path(&self) -> &'static str {
        self.type_path
    }

    /// The first paragraph of the doc comment of the type that declares this error: the title of
    /// its group in [`Catalog::to_markdown`].
    #[must_use]
    pub const fn type_summary(&self) -> Option<&'static str> {
        self.type_summary
    }

    /// The variant that declares this error, or `None` for a struct.
    #[must_use]
    pub const fn variant(&self) -> Option<&'static str> {
        self.variant
    }

    /// The stable code.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        self.code
    }

    /// The HTTP status.
    #[must_use]
    pub const fn status(&self) -> StatusCode {
        self.status
    }

    /// The message template as declared, or the status's reason phrase where none was.
    #[must_use]
    pub fn message(&self) -> &'static str {
        self.message.unwrap_or_else(|| reason_phrase(self.status))
    }

    /// The first paragraph of the doc comment of the variant or struct, lines joined by spaces.
    #[must_use]
    pub const fn summary(&self) -> Option<&'static str> {
        self.summary
    }

    /// The names of the members the error adds to `details`, in the order it adds them.
    #[must_use]
    pub const fn details(&self) -> &'static [&'static str] {
        self.details
    }

    /// The names of the headers the error's response carries, fixed or from a field, as
    /// declared.
    #[must_use]
    pub const fn headers(&self) -> &'static [&'static str] {
        self.headers
    }

    /// Where the error is declared, in full: `my_service::OrderError::NotFound`, or
    /// `my_service::PlanNotFound` for a struct.
    #[must_use]
    pub fn place(&self) -> String {
        match self.variant {
            Some(variant) => format!("{}::{variant}", self.declaration()),
            None => self.declaration().to_owned(),
        }
    }

    /// The declaring type's path without generic arguments: `Paged<A>` and `Paged<B>` are one
    /// declaration.
    fn declaration(&self) -> &'static str {
        self.type_path.split('<').next().unwrap_or(self.type_path)
    }

    pub(crate) fn same_declaration(&self, other: &CatalogEntry) -> bool {
        self.declaration() == other.declaration() && self.variant == other.variant
    }
}

/// `{"code":"...","status":404,"message":"...","summary":"...","type":"...","variant":"...","details":[...],"headers":[...]}`,
/// where `type` is [`CatalogEntry::type_name`], with `"format":"problem"` last when the type
/// names its format.
impl Serialize for CatalogEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut entry = serializer.serialize_struct("CatalogEntry", 9)?;
        entry.serialize_field("code", self.code)?;
        entry.serialize_field("status", &self.status.as_u16())?;
        entry.serialize_field("message", self.message())?;
        entry.serialize_field("summary", &self.summary)?;
        entry.serialize_field("type", self.type_name())?;
        entry.serialize_field("variant", &self.variant)?;
        entry.serialize_field("details", self.details)?;
        entry.serialize_field("headers", self.headers)?;
        match self.format {
            Some(format) => entry.serialize_field("format", format.name())?,
            None => entry.skip_field("format")?,
        }
        entry.end()
    }
}

/// Every error a type can be, in declaration order, with the errors of `transparent` variants
/// in the place of the variant that wraps them.
///
/// ```
/// use api_error_core::ApiError;
///
/// /// Webhook errors
/// #[derive(Debug, ApiError)]
/// pub enum WebhookError {
///     /// Webhook not found
///     #[api_error(code = "WEBHOOK_NOT_FOUND", status = 404)]
///     NotFound,
/// }
///
/// /// Rate limiting
/// #[derive(Debug, ApiError)]
/// pub enum RateError {
///     /// Too many requests
///     #[api_error(code = "RATE_LIMIT_EXCEEDED", status = 429)]
///     Exceeded,
/// }
///
/// #[derive(Debug, ApiError)]
/// pub enum AppError {
///     #[api_error(transparent)]
///     Webhook(WebhookError),
///     #[api_error(transparent)]
///     Rate(RateError),
/// }
///
/// let catalog = AppError::catalog();
/// assert!(catalog.duplicates().is_empty());
/// assert_eq!(
///     catalog.to_markdown(),
///     "Webhook errors\n\
///      | Error Code | HTTP Status | Description |\n\
///      |---|---|---|\n\
///      WEBHOOK_NOT_FOUND | 404 | Webhook not found |\n\
///      Rate limiting\n\
///      | Error Code | HTTP Status | Description |\n\
///      |---|---|---|\n\
///      RATE_LIMIT_EXCEEDED | 429 | Too many requests |\n"
/// );
/// assert_eq!(
///     serde_json::to_string(&catalog).unwrap(),
///     r#"[{"code":"WEBHOOK_NOT_FOUND","status":404,"message":"Not Found","summary":"Webhook not found","type":"WebhookError","variant":"NotFound","details":[],"headers":[]},{"code":"RATE_LIMIT_EXCEEDED","status":429,"message":"Too Many Requests","summary":"Too many requests","type":"RateError","variant":"Exceeded","details":[],"headers":[]}]"#
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    entries: Vec<CatalogEntry>,
}

impl Catalog {
    /// An empty catalog.
    #[must_use]
    pub const fn new() -> Self {
        Catalog {
            entries: Vec::new(),
        }
    }

    /// Adds one entry.
    pub fn push(&mut self, entry: CatalogEntry) {
        self.entries.push(entry);
    }

    /// Adds every entry of `other`, the catalog of a wrapped error, except those this catalog
    /// listed before (the same declaration at the same status): a type wrapped in two places is
    /// listed once, and a declaration listed at several statuses keeps them all.
    pub fn append(&mut self, other: Catalog) {
        let before = self.entries.len();
        for entry in other.entries {
            if !self.entries[..before]
                .iter()
                .any(|e| e.same_declaration(&entry) && e.status == entry.status)
            {
                self.entries.push(entry);
            }
        }
    }

    /// The entries, in order.
    #[must_use]
    pub fn entries(&self) -> &[CatalogEntry] {
        &self.entries
    }

    /// The entries, in order.
    pub fn iter(&self) -> core::slice::Iter<'_, CatalogEntry> {
        self.entries.iter()
    }

    /// The entry with `code`, if any.
    #[must_use]
    pub fn get(&self, code: &str) -> Option<&CatalogEntry> {
        self.entries.iter().find(|entry| entry.code == code)
    }

    /// Every code declared by two different declarations, each pair once. A test that asserts
    /// this is empty keeps the codes of a whole service unique; `#[derive(ApiError)]` already
    /// refuses duplicates within one type.
    #[must_use]
    pub fn duplicates(&self) -> Vec<CodeConflict> {
        let mut found = Vec::new();
        for (index, second) in self.entries.iter().enumerate() {
            let first = self.entries[..index]
                .iter()
                .find(|first| first.code == second.code && !first.same_declaration(second));
            if let Some(first) = first {
                found.push(CodeConflict {
                    code: second.code,
                    kind: ConflictKind::DeclaredTwice,
                    first: first.place(),
                    second: second.place(),
                });
            }
        }
        found
    }

    /// The catalog in the layout of a published error reference: for each declaring type, in
    /// the order they first appear, its summary (or name) on a line, then a table of
    /// `| Error Code | HTTP Status | Description |` with one row per error. An error without a
    /// doc comment shows its message template; a `|` in a summary is escaped.
    ///
    /// The layout is the reference's own, line for line; a Markdown renderer wants a blank line
    /// between a table and the next title, which a caller can add at each title.
    #[must_use]
    pub fn to_markdown(&self) -> String {
        let mut types: Vec<&'static str> = Vec::new();
        for entry in &self.entries {
            if !types.contains(&entry.declaration()) {
                types.push(entry.declaration());
            }
        }
        let mut out = String::new();
        for declaration in types {
            let group = self
                .entries
                .iter()
                .filter(|e| e.declaration() == declaration);
            for (index, entry) in group.enumerate() {
                if index == 0 {
                    out.push_str(entry.type_summary.unwrap_or_else(|| entry.type_name()));
                    out.push_str("\n| Error Code | HTTP Status | Description |\n|---|---|---|\n");
                }
                entry.write_row(&mut out);
            }
        }
        out
    }
}

impl Catalog {
    /// The catalog as a Fluent template for translators: for each code (once, in order), its
    /// description and variables as comments, its message as the pattern to translate (`{id}`
    /// is `{ $id }`, a tuple field's `{0}` is `{ $arg0 }`) and its description as `.title`.
    /// The message id is the code, made a Fluent identifier where it is none (see
    /// `Translations`, feature `fluent`). A 5xx has no variables: its translation never shows
    /// a field.
    ///
    /// ```
    /// use api_error_core::ApiError;
    ///
    /// #[derive(Debug, ApiError)]
    /// enum OrderError {
    ///     /// Order is not in pending status
    ///     #[api_error(code = "ORDER_NOT_PENDING", status = 400, message = "Order {order_id} is not pending")]
    ///     NotPending { #[api_error(detail)] order_id: String },
    /// }
    ///
    /// assert_eq!(
    ///     OrderError::catalog().to_fluent(),
    ///     concat!(
    ///         "# Order is not in pending status\n",
    ///         "# Variables: $order_id\n",
    ///         "ORDER_NOT_PENDING = Order { $order_id } is not pending\n",
    ///         "    .title = Order is not in pending status\n",
    ///         "\n",
    ///     ),
    /// );
    /// ```
    #[must_use]
    pub fn to_fluent(&self) -> String {
        use api_error_rules::fluent::{message_id, pattern};
        let mut out = String::new();
        let mut seen: Vec<&str> = Vec::new();
        for entry in &self.entries {
            if seen.contains(&entry.code) {
                continue;
            }
            seen.push(entry.code);
            if let Some(summary) = entry.summary {
                for line in summary.lines() {
                    let _ = writeln!(out, "# {line}");
                }
            }
            // In the order the message shows them.
            let mut variables = entry.variables();
            let shown = api_error_rules::fluent::variables(entry.message());
            variables.sort_by_key(|variable| {
                shown
                    .iter()
                    .position(|seen| seen == variable)
                    .unwrap_or(usize::MAX)
            });
            if !variables.is_empty() {
                out.push_str("# Variables:");
                for variable in &variables {
                    let _ = write!(out, " ${variable}");
                }
                out.push('\n');
            }
            // A field that is passed no translation (any of a 5xx's) stays as text.
            let text = pattern(entry.message(), &variables);
            let _ = writeln!(out, "{} = {text}", message_id(entry.code));
            if let Some(summary) = entry.summary {
                let title = pattern(
                    &summary
                        .replace('{', "{{")
                        .replace('}', "}}")
                        .replace('\n', " "),
                    &[],
                );
                let _ = writeln!(out, "    .title = {title}");
            }
            out.push('\n');
        }
        if self.entries.iter().any(|entry| entry.violations) {
            out.push_str(
                "# Field violations, each worded by its reason. Variables: $field (where it is), and\n\
                 # the reason's parameters ($min and $max of a length or a range, $format of a form).\n",
            );
            for reason in crate::violation::reason::ALL {
                let id = crate::violation::message_id(reason);
                let text = crate::violation::english_pattern(reason);
                let _ = writeln!(out, "{id} = {text}");
                for (attribute, text) in crate::violation::english_bound_patterns(reason) {
                    let _ = writeln!(out, "    .{attribute} = {text}");
                }
            }
        }
        out
    }
}

impl CatalogEntry {
    fn write_row(&self, out: &mut String) {
        let description = self.summary.unwrap_or_else(|| self.message());
        // Writing to a `String` cannot fail.
        let _ = writeln!(
            out,
            "{} | {} | {} |",
            self.code,
            self.status.as_u16(),
            description.replace('|', "\\|")
        );
    }
}

/// `[entry, ...]`, each entry as [`CatalogEntry`] serializes it.
impl Serialize for Catalog {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(&self.entries)
    }
}

impl<'a> IntoIterator for &'a Catalog {
    type Item = &'a CatalogEntry;
    type IntoIter = core::slice::Iter<'a, CatalogEntry>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A code two places say different things of, each named: two declarations of one catalog
/// ([`Catalog::duplicates`]), or two statuses an `OpenAPI` document would give it
/// (`openapi::responses` and the generators' integrations, feature `openapi`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeConflict {
    /// The code.
    pub code: &'static str,
    /// What the conflict is.
    pub kind: ConflictKind,
    /// The first place, as [`CatalogEntry::place`] writes a declaration
    /// (`my_service::OrderError::NotFound`); for [`ConflictKind::TwoStatuses`], with its
    /// status first (`400 by my_service::OrderError::NotPending`).
    pub first: String,
    /// The second place, written the same way.
    pub second: String,
}

/// What a [`CodeConflict`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConflictKind {
    /// Two declarations give the code: a client could not tell them apart.
    DeclaredTwice,
    /// The code would be documented at two statuses: a client reading it could not know the
    /// status.
    TwoStatuses,
}

impl fmt::Display for CodeConflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ConflictKind::DeclaredTwice => write!(
                f,
                "code \"{}\" is declared twice: by {} and by {}",
                self.code, self.first, self.second
            ),
            ConflictKind::TwoStatuses => write!(
                f,
                "code \"{}\" is given two statuses, {} and {}; a code has one status",
                self.code, self.first, self.second
            ),
        }
    }
}

impl core::error::Error for CodeConflict {}

impl AsRef<Catalog> for Catalog {
    fn as_ref(&self) -> &Catalog {
        self
    }
}
