use http::StatusCode;

use crate::reason_phrase;

/// One error a type can be: its code, status, message template and description.
///
/// ```
/// use api_error_core::ApiError;
///
/// #[derive(Debug, ApiError)]
/// pub enum UsageError {
///     /// Usage limit exceeded
///     #[api_error(code = "USAGE_LIMIT_EXCEEDED", status = 400, message = "Usage limit of {limit} exceeded")]
///     LimitExceeded { limit: u32 },
/// }
///
/// let catalog = UsageError::catalog();
/// let entry = &catalog.entries()[0];
/// assert_eq!(entry.code(), "USAGE_LIMIT_EXCEEDED");
/// assert_eq!(entry.status().as_u16(), 400);
/// assert_eq!(entry.message(), "Usage limit of {limit} exceeded");
/// assert_eq!(entry.description(), Some("Usage limit exceeded"));
/// assert_eq!(entry.type_name(), "UsageError");
/// assert_eq!(entry.variant(), Some("LimitExceeded"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogEntry {
    type_name: &'static str,
    variant: Option<&'static str>,
    code: &'static str,
    status: StatusCode,
    message: Option<&'static str>,
    description: Option<&'static str>,
}

impl CatalogEntry {
    /// An entry; `#[derive(ApiError)]` writes these.
    ///
    /// `message` is the template as declared (`"Order {id} is not in pending status"`), or `None`
    /// for the status's reason phrase; `description` is the doc comment.
    #[must_use]
    pub const fn new(
        type_name: &'static str,
        variant: Option<&'static str>,
        code: &'static str,
        status: StatusCode,
        message: Option<&'static str>,
        description: Option<&'static str>,
    ) -> Self {
        CatalogEntry {
            type_name,
            variant,
            code,
            status,
            message,
            description,
        }
    }

    /// The name of the type that declares this error.
    #[must_use]
    pub const fn type_name(&self) -> &'static str {
        self.type_name
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

    /// The doc comment of the variant or struct, lines joined by spaces.
    #[must_use]
    pub const fn description(&self) -> Option<&'static str> {
        self.description
    }
}

/// Every error a type can be, in declaration order, with the errors of `transparent` variants
/// in the place of the variant that wraps them.
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

    /// Adds every entry of `other`, the catalog of a wrapped error.
    pub fn append(&mut self, other: Catalog) {
        self.entries.extend(other.entries);
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
}

impl<'a> IntoIterator for &'a Catalog {
    type Item = &'a CatalogEntry;
    type IntoIter = core::slice::Iter<'a, CatalogEntry>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}
