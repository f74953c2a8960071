//! What a framework's error layer makes of an error response no handler answered with an
//! [`ApiError`]: a [`Rejection`] of one [`RejectionKind`], each kind described once, in one
//! table, whichever framework made the response.

use core::fmt;

use http::header::ALLOW;
use http::{HeaderMap, StatusCode};

use crate::api_error::ApiError;
use crate::catalog::{Catalog, CatalogEntry};
use crate::headers::Headers;
use crate::status::reason_phrase;
use crate::violation::serde_text::{self, Source};
use crate::violation::{Violation, Violations};

/// The most of a response's text shown to the client: a longer one is cut at a character's end
/// and marked with `…`.
const REJECTION_TEXT_MAX: usize = 4 * 1024;

/// What went wrong with a request that no handler answered with an [`ApiError`]: the
/// framework's own rejections (a body that does not parse, an unknown route...), and other
/// error responses with a plain-text or empty body, as axum's
/// [`ApiErrorLayer`](crate::axum::ApiErrorLayer) and actix-web's
/// [`ApiErrorMiddleware`](crate::actix::ApiErrorMiddleware) render them, with the same codes.
///
/// Its codes are stable; its [`catalog`](ApiError::catalog) lists them, to be appended to a
/// service's own.
#[derive(Debug)]
pub struct Rejection {
    kind: RejectionKind,
    status: StatusCode,
    text: Option<String>,
    hidden: Option<ResponseText>,
    allow: Option<String>,
    violations: Option<Violations>,
}

/// The kinds of [`Rejection`], each with its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RejectionKind {
    /// `VALIDATION_FAILED`, 400: the body is not valid JSON (or a form), or not of the type the
    /// handler takes. axum answers some of these 422; one code has one status, the catalog's.
    InvalidBody,
    /// `INVALID_PARAMETER`, 400: a path or query value does not parse.
    InvalidParameter,
    /// `UNSUPPORTED_MEDIA_TYPE`, 415: the body is not of the media type the handler takes.
    UnsupportedMediaType,
    /// `CONTENT_TOO_LARGE`, 413: the body is over the limit.
    ContentTooLarge,
    /// `NOT_FOUND`, 404: no route matches the path (or a handler answered a bare 404).
    NotFound,
    /// `METHOD_NOT_ALLOWED`, 405: the route does not take the method; `Allow` lists those it
    /// takes.
    MethodNotAllowed,
    /// `CLIENT_ERROR`, with the status it came with: any other client error.
    ClientError,
    /// `SERVER_INTERNAL_ERROR` for a 500, `SERVER_ERROR` for another 5xx: the text it came with
    /// is logged, never sent.
    ServerError,
}

/// What is known of each kind, in one place: its variant's name (for the catalog), its code,
/// the status it always has (if it has one), what it is, and the statuses the catalog lists it
/// with. A server error is `SERVER_INTERNAL_ERROR` when it is a 500 (see [`Row::code`]).
struct Row {
    kind: RejectionKind,
    name: &'static str,
    code: &'static str,
    status: Option<StatusCode>,
    summary: &'static str,
    listed: &'static [StatusCode],
}

const fn row(
    kind: RejectionKind,
    name: &'static str,
    code: &'static str,
    status: Option<StatusCode>,
    summary: &'static str,
) -> Row {
    Row {
        kind,
        name,
        code,
        status,
        summary,
        listed: &[],
    }
}

const KINDS: [Row; 8] = [
    row(
        RejectionKind::InvalidBody,
        "InvalidBody",
        "VALIDATION_FAILED",
        Some(StatusCode::BAD_REQUEST),
        "The request body is not valid JSON of the expected type",
    ),
    row(
        RejectionKind::InvalidParameter,
        "InvalidParameter",
        "INVALID_PARAMETER",
        Some(StatusCode::BAD_REQUEST),
        "A path or query parameter is not valid",
    ),
    row(
        RejectionKind::UnsupportedMediaType,
        "UnsupportedMediaType",
        "UNSUPPORTED_MEDIA_TYPE",
        Some(StatusCode::UNSUPPORTED_MEDIA_TYPE),
        "The request body has the wrong media type",
    ),
    row(
        RejectionKind::ContentTooLarge,
        "ContentTooLarge",
        "CONTENT_TOO_LARGE",
        Some(StatusCode::PAYLOAD_TOO_LARGE),
        "The request body is too large",
    ),
    row(
        RejectionKind::NotFound,
        "NotFound",
        "NOT_FOUND",
        Some(StatusCode::NOT_FOUND),
        "No resource at this path",
    ),
    row(
        RejectionKind::MethodNotAllowed,
        "MethodNotAllowed",
        "METHOD_NOT_ALLOWED",
        Some(StatusCode::METHOD_NOT_ALLOWED),
        "The route does not take this method",
    ),
    Row {
        listed: &[StatusCode::BAD_REQUEST],
        ..row(
            RejectionKind::ClientError,
            "ClientError",
            "CLIENT_ERROR",
            None,
            "Another client error",
        )
    },
    Row {
        listed: &[StatusCode::INTERNAL_SERVER_ERROR, StatusCode::BAD_GATEWAY],
        ..row(
            RejectionKind::ServerError,
            "ServerError",
            "SERVER_ERROR",
            None,
            "A server error",
        )
    },
];

// `RejectionKind::row` finds a kind's row at the kind's discriminant.
const _: () = {
    let mut i = 0;
    while i < KINDS.len() {
        assert!(
            KINDS[i].kind as usize == i,
            "KINDS is in the order of RejectionKind"
        );
        i += 1;
    }
};

impl Row {
    /// The code of a rejection of this kind with `status`.
    fn code(&self, status: StatusCode) -> &'static str {
        match self.kind {
            RejectionKind::ServerError if status == StatusCode::INTERNAL_SERVER_ERROR => {
                "SERVER_INTERNAL_ERROR"
            }
            _ => self.code,
        }
    }

    /// The statuses the catalog lists this kind with.
    fn listed(&self) -> &[StatusCode] {
        match &self.status {
            Some(status) => core::slice::from_ref(status),
            None => self.listed,
        }
    }
}

impl RejectionKind {
    /// What the table says of this kind.
    fn row(self) -> &'static Row {
        // Every kind has its row, in the order of the variants.
        &KINDS[self as usize]
    }

    /// Whether the text of the response, when it has one, is shown to the client as the
    /// message: a client error's describes what the client sent, a server error's may tell
    /// anything about the server.
    const fn shows_text(self) -> bool {
        !matches!(self, RejectionKind::ServerError)
    }

    /// The kind of an error response with `status` and the plain `text` axum (or another
    /// service) wrote.
    fn of(status: StatusCode, text: &str) -> RejectionKind {
        const BODY: [&str; 4] = [
            "Failed to parse the request body as JSON",
            "Failed to deserialize the JSON body",
            "Failed to deserialize form",
            "Failed to buffer the request body",
        ];
        const PARAMETER: [&str; 3] = [
            "Invalid URL",
            "Failed to deserialize query string",
            "Failed to deserialize path",
        ];
        match status.as_u16() {
            500..=599 => RejectionKind::ServerError,
            404 => RejectionKind::NotFound,
            405 => RejectionKind::MethodNotAllowed,
            413 => RejectionKind::ContentTooLarge,
            415 => RejectionKind::UnsupportedMediaType,
            400 | 422 if BODY.iter().any(|prefix| text.starts_with(prefix)) => {
                RejectionKind::InvalidBody
            }
            400 if PARAMETER.iter().any(|prefix| text.starts_with(prefix)) => {
                RejectionKind::InvalidParameter
            }
            _ => RejectionKind::ClientError,
        }
    }
}

/// The violation a rejection's `text` names, when it is a body, a query string or a path that
/// did not read, in axum's or actix-web's words: each failure's text behind a sentence of the
/// framework's own. actix-web's texts give no place but the member serde names (a missing or
/// unknown one): a value of the wrong type in its body is a violation of the whole body.
fn violation_of(kind: RejectionKind, text: &str) -> Option<Violation> {
    const SOURCES: [(&str, Source); 8] = [
        (
            "Failed to deserialize the JSON body into the target type: ",
            Source::Body,
        ),
        ("Failed to parse the request body as JSON: ", Source::Body),
        ("Failed to deserialize form body: ", Source::Body),
        ("Failed to deserialize form: ", Source::Query),
        ("Failed to deserialize query string: ", Source::Query),
        ("Invalid URL: ", Source::Path),
        ("Json deserialize error: ", Source::Body),
        ("Query deserialize error: ", Source::Query),
    ];
    if !matches!(
        kind,
        RejectionKind::InvalidBody | RejectionKind::InvalidParameter
    ) {
        return None;
    }
    SOURCES
        .iter()
        .find_map(|(prefix, source)| serde_text::violation(*source, text.strip_prefix(prefix)?))
}

impl Rejection {
    /// The rejection an error response with `status`, `headers` and the plain `text` stands for,
    /// as axum's layer makes it (its kind told by the status and axum's text); for testing a
    /// `map_rejections` function. A status that is not an error's is taken for a 500.
    #[must_use]
    pub fn new(status: StatusCode, headers: &HeaderMap, text: Option<String>) -> Self {
        let allow = headers
            .get(ALLOW)
            .and_then(|allow| allow.to_str().ok())
            .map(str::to_owned);
        Rejection::from_kind(None, status, allow, text)
    }

    /// The rejection of `kind` that a framework's error response with `status`, `Allow` and the
    /// plain `text` stands for, as an error layer that knows the kind from the framework's error
    /// type makes it; with `kind` `None`, the kind is told by the status and text, as
    /// [`Rejection::new`] tells it. A server error's text is kept for the log, never shown; a
    /// status that is not an error's is taken for a 500.
    #[must_use]
    pub fn from_kind(
        kind: Option<RejectionKind>,
        status: StatusCode,
        allow: Option<String>,
        text: Option<String>,
    ) -> Self {
        let status = if status.is_client_error() || status.is_server_error() {
            status
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        let mut text = text
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty());
        let kind = kind.unwrap_or_else(|| RejectionKind::of(status, text.as_deref().unwrap_or("")));
        // A server's failure a framework answered with a client's status is a 500.
        let status = match kind {
            RejectionKind::ServerError if !status.is_server_error() => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
            _ => status,
        };
        // Read before the text is cut, so that a cut text's value is never taken for a message.
        let violations = text
            .as_deref()
            .and_then(|text| violation_of(kind, text))
            .map(|violation| Violations::from_iter([violation]));
        let hidden = if kind.shows_text() {
            None
        } else {
            text.take().map(ResponseText)
        };
        if let Some(text) = &mut text
            && text.len() > REJECTION_TEXT_MAX
        {
            let mut end = REJECTION_TEXT_MAX;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
            text.push('…');
        }
        let status = kind.row().status.unwrap_or(status);
        Rejection {
            kind,
            status,
            text,
            hidden,
            allow,
            violations,
        }
    }

    /// Its kind.
    #[must_use]
    pub fn kind(&self) -> RejectionKind {
        self.kind
    }

    /// The text the response came with, as the client is shown it: `None` for a server error,
    /// whose text is never shown, and for an empty body.
    #[must_use]
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// This rejection with `violations`, in place of those its text names: what an error layer
    /// whose framework's texts are serde's alone found in them
    /// ([`from_serde_text`](crate::violation::from_serde_text)).
    #[must_use]
    pub fn with_violations(mut self, violations: Violations) -> Self {
        self.violations = Some(violations);
        self
    }

    /// The field violation the text names, for a body, a query string or a path that does not
    /// read: axum's texts name the member or parameter and serde's reason.
    #[must_use]
    pub fn violations(&self) -> Option<&Violations> {
        self.violations.as_ref()
    }

    /// The methods the framework's 405 said the route takes (`GET,HEAD`), for a mapped error's
    /// `Allow`: known to actix-web's middleware, and to an axum layer wrapped around the router,
    /// not to one added with `Router::layer` (see `ApiErrorLayer::map_rejections`).
    #[must_use]
    pub fn allow(&self) -> Option<&str> {
        self.allow.as_deref()
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.text {
            Some(text) => f.write_str(text),
            None => f.write_str(reason_phrase(self.status)),
        }
    }
}

/// The text of a server error's response, which is logged as the rejection's source.
#[derive(Debug)]
struct ResponseText(String);

impl fmt::Display for ResponseText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::error::Error for ResponseText {}

impl core::error::Error for Rejection {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        self.hidden
            .as_ref()
            .map(|text| text as &(dyn core::error::Error + 'static))
    }
}

impl ApiError for Rejection {
    fn code(&self) -> &'static str {
        self.kind.row().code(self.status)
    }

    fn status(&self) -> StatusCode {
        self.status
    }

    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }

    fn headers(&self, headers: &mut Headers<'_>) {
        // RFC 9110 requires `Allow` on a 405. axum sets it on its own 405s: under
        // `Router::layer` after the layer has run (so it is not here yet), around the router
        // before (so it is kept here); actix-web before its middleware sees the response.
        if let Some(allow) = &self.allow {
            let _ = headers.append("allow", allow.as_str());
        }
    }

    fn summary(&self) -> Option<&'static str> {
        Some(self.kind.row().summary)
    }

    fn violations(&self) -> Option<&Violations> {
        self.violations.as_ref()
    }

    /// The codes a rejection can have, for a service's catalog.
    fn catalog() -> Catalog {
        Rejection::catalog_of(RejectionKind::ALL)
    }
}

impl RejectionKind {
    /// Every kind, in the order of the variants.
    pub const ALL: &'static [RejectionKind] = &[
        RejectionKind::InvalidBody,
        RejectionKind::InvalidParameter,
        RejectionKind::UnsupportedMediaType,
        RejectionKind::ContentTooLarge,
        RejectionKind::NotFound,
        RejectionKind::MethodNotAllowed,
        RejectionKind::ClientError,
        RejectionKind::ServerError,
    ];
}

impl Rejection {
    /// The catalog of the rejections of `kinds` only: for the error contract of a service
    /// whose own extractors answer the other kinds with codes of its own, so that the layer
    /// lists only what it answers itself.
    ///
    /// ```
    /// use api_error_core::{Rejection, RejectionKind};
    ///
    /// let catalog = Rejection::catalog_of(&[RejectionKind::NotFound, RejectionKind::MethodNotAllowed]);
    /// let codes: Vec<&str> = catalog.iter().map(|entry| entry.code()).collect();
    /// assert_eq!(codes, ["NOT_FOUND", "METHOD_NOT_ALLOWED"]);
    /// ```
    #[must_use]
    pub fn catalog_of(kinds: &[RejectionKind]) -> Catalog {
        let mut catalog = Catalog::new();
        for row in KINDS.iter().filter(|row| kinds.contains(&row.kind)) {
            for &status in row.listed() {
                catalog.push(row.entry(status));
            }
        }
        catalog
    }

    /// The catalog of the rejections of `kind` at `statuses`: those a kind without a status of
    /// its own (`ClientError`, `ServerError`) is answered with in a service, such as the `408`
    /// `CLIENT_ERROR` of a timeout layer inside the error layer. A kind with a status of its
    /// own is listed at that status only, whatever `statuses` says; `ClientError` only at the
    /// 4xx among them and `ServerError` only at the 5xx, as the layer answers them.
    ///
    /// ```
    /// use api_error_core::{Rejection, RejectionKind};
    /// use http::StatusCode;
    ///
    /// let catalog = Rejection::catalog_at(RejectionKind::ClientError, &[StatusCode::REQUEST_TIMEOUT]);
    /// let entry = &catalog.entries()[0];
    /// assert_eq!((entry.code(), entry.status()), ("CLIENT_ERROR", StatusCode::REQUEST_TIMEOUT));
    /// ```
    #[must_use]
    pub fn catalog_at(kind: RejectionKind, statuses: &[StatusCode]) -> Catalog {
        let row = kind.row();
        let mut catalog = Catalog::new();
        match row.status {
            Some(status) => catalog.push(row.entry(status)),
            None => statuses
                .iter()
                .filter(|status| match kind {
                    RejectionKind::ServerError => status.is_server_error(),
                    _ => status.is_client_error(),
                })
                .for_each(|&status| catalog.push(row.entry(status))),
        }
        catalog
    }
}

impl Row {
    /// The catalog entry of this kind at `status`.
    fn entry(&self, status: StatusCode) -> CatalogEntry {
        let entry = CatalogEntry::new("api_error_core::Rejection", self.code(status), status)
            .with_type_summary("Requests no handler answered")
            .with_variant(self.name)
            .with_summary(self.summary);
        match self.kind {
            RejectionKind::MethodNotAllowed => entry.with_headers(&["Allow"]),
            // axum's texts name the member or parameter that did not read.
            RejectionKind::InvalidBody | RejectionKind::InvalidParameter => entry.with_violations(),
            _ => entry,
        }
    }
}

/// The longest plain-text body of an error response a layer reads to render it as a
/// [`Rejection`]; a longer one passes as it is.
pub const READ_MAX: usize = 64 * 1024;

/// Whether a layer renders a response the framework made with `status`, `content_type`,
/// `content_encoding` and a body of `exact` length (or at most `upper`) as a [`Rejection`]: an
/// error response whose body is plain text of a known length up to [`READ_MAX`], or empty, and
/// not encoded. Any other response (a handler's own JSON, a stream, a compressed body) leaves
/// as it came, but for the request id.
#[must_use]
pub fn reads_as_rejection(
    status: u16,
    content_type: Option<&[u8]>,
    content_encoding: Option<&[u8]>,
    exact: Option<u64>,
    upper: Option<u64>,
) -> bool {
    if !(400..600).contains(&status) {
        return false;
    }
    // Media types are case-insensitive (RFC 9110, 8.3.1).
    let plain = content_type.map(|media| {
        media
            .get(..b"text/plain".len())
            .is_some_and(|start| start.eq_ignore_ascii_case(b"text/plain"))
    });
    let readable = match plain {
        Some(plain) => plain && upper.is_some_and(|len| len <= READ_MAX as u64),
        None => exact == Some(0),
    };
    // A body that is encoded (compressed, say) is not text a layer can read or replace.
    let encoded = content_encoding.is_some_and(|coding| !coding.eq_ignore_ascii_case(b"identity"));
    readable && !encoded
}

/// Whether a header describes a response's body rather than the response, and so goes with
/// the body when a rejection's body replaces it.
pub(crate) fn describes_body(name: &str) -> bool {
    name.starts_with("content-")
        || [
            "transfer-encoding",
            "etag",
            "last-modified",
            "accept-ranges",
            "digest",
        ]
        .contains(&name)
}

/// Whether the header `name` of an error response is kept on the rejection rendered in its
/// place, beside the rendering's own: not when it describes the old body, nor an `Allow` when
/// the answer is no longer a 405 (`still_405`).
fn keeps_header(name: &str, still_405: bool) -> bool {
    !(describes_body(name) || (name == "allow" && !still_405))
}

/// The headers of a framework's error response (`old`, every value of each, in order) that the
/// rejection rendered in its place keeps beside its own, whichever `http` they are of: every
/// value of a header the rendering does not set (`sets` says whether it does) that does not
/// describe the old body (`Content-*`, `ETag`, ...), an `Allow` only while the answer is still a
/// 405 (`still_405`), and each `Vary` value the rendering does not say (`varies`): what the
/// answer varies by is what either says, the old response's `Vary` (an inner layer's, say
/// CORS's) beside the rendering's `accept-language`. `name` and `value` read a header's name
/// (lowercase) and value.
pub fn kept_headers<'a, N, V>(
    old: impl IntoIterator<Item = (&'a N, &'a V)>,
    (name, value): (impl Fn(&N) -> &str, impl Fn(&V) -> &[u8]),
    (sets, varies): (impl Fn(&str) -> bool, impl Fn(&[u8]) -> bool),
    still_405: bool,
) -> Vec<(&'a N, &'a V)>
where
    N: ?Sized + 'a,
    V: ?Sized + 'a,
{
    old.into_iter()
        .filter(|(n, v)| match name(n) {
            "vary" => !varies(value(v)),
            n => !sets(n) && keeps_header(n, still_405),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_listed_once_in_the_order_of_its_row() {
        assert_eq!(RejectionKind::ALL.len(), KINDS.len());
        for (kind, row) in RejectionKind::ALL.iter().zip(&KINDS) {
            assert_eq!(*kind, row.kind);
            assert_eq!(kind.row().kind, *kind);
        }
    }
}
