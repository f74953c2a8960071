//! What is known of the request an error answers, whichever framework serves it: its id (the
//! request's own when it is safe to show and log, else a generated one) and the language its
//! `Accept-Language` chose.

use core::fmt;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use http::{HeaderName, HeaderValue, StatusCode};

use crate::api_error::ApiError;
use crate::catalog::{Catalog, CatalogEntry};
use crate::config::Config;
use crate::context::{Language, Scope};
use crate::localize::{FIELDS_MAX, negotiate};

/// The header a request id comes in and goes out in, unless the error layer's
/// `request_id_header` names another.
pub const REQUEST_ID_HEADER: HeaderName = crate::headers::REQUEST_ID_HEADER;

/// The longest request id taken from a request; a longer one is replaced by a generated id.
const REQUEST_ID_MAX: usize = 128;

/// The id of the request being answered, as the error layer has it (axum's
/// [`ApiErrorLayer`](crate::axum::ApiErrorLayer), actix-web's
/// [`ApiErrorMiddleware`](crate::actix::ApiErrorMiddleware)): a handler under the layer takes it
/// as an argument, `id: RequestId` (or `Option<RequestId>`, which is `None` outside a layer).
///
/// ```
/// use api_error_core::RequestId;
/// use api_error_core::axum::ApiErrorLayer;
/// use axum::{Router, routing::get};
///
/// async fn whoami(id: RequestId) -> String {
///     format!("request {id}")
/// }
///
/// let app: Router = Router::new()
///     .route("/whoami", get(whoami))
///     .layer(ApiErrorLayer::default());
/// ```
///
/// It is read from the request's scope, which the layer puts in force while the request's
/// future runs, so that a request pays for no extension; where the handler runs on a task of
/// its own (behind tower's `Buffer`, say), from the request's `x-request-id`, which the layer
/// sets, when it is an id the layer would take. A handler that takes it with neither answers
/// `500 SERVER_INTERNAL_ERROR` ([`NoRequestId`]).
#[derive(Clone)]
pub struct RequestId(HeaderValue);

impl RequestId {
    /// The id.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // The layer takes and makes only ids of visible ASCII.
        self.0.to_str().unwrap_or_default()
    }
}

impl RequestId {
    /// The id of the request being answered, for a framework's extractor: the id of the
    /// [`Scope`](crate::layer::Scope) in force, else `header` (the request's id header, which the
    /// layer sets) when it is an id a layer would take; `None` outside a layer.
    #[must_use]
    pub fn current(header: Option<&[u8]>) -> Option<RequestId> {
        Scope::current_request_id()
            .or_else(|| given_bytes(header?))
            .map(RequestId)
    }
}

/// Why a handler could not take its [`RequestId`]: no error layer is around it. A mistake of the service's, answered `500 SERVER_INTERNAL_ERROR` with the
/// reason phrase, and logged as this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoRequestId;

impl fmt::Display for NoRequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a handler took a `RequestId` outside an error layer")
    }
}

impl core::error::Error for NoRequestId {}

impl ApiError for NoRequestId {
    fn code(&self) -> &'static str {
        "SERVER_INTERNAL_ERROR"
    }

    fn status(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }

    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::status::reason_phrase(
            StatusCode::INTERNAL_SERVER_ERROR,
        ))
    }

    fn catalog() -> Catalog {
        let mut catalog = Catalog::new();
        catalog.push(
            CatalogEntry::new(
                "api_error_core::NoRequestId",
                "SERVER_INTERNAL_ERROR",
                StatusCode::INTERNAL_SERVER_ERROR,
            )
            .with_summary("A handler took a request id outside the error layer"),
        );
        catalog
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RequestId").field(&self.as_str()).finish()
    }
}

impl PartialEq for RequestId {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for RequestId {}

impl core::hash::Hash for RequestId {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

/// What each byte may be in a request id taken from a request: [`MARK`] for `-_.+=`,
/// [`ALNUM`] for an ASCII letter or digit, 0 for any other byte.
static ID_BYTES: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        // `b` is below 256.
        #[allow(clippy::cast_possible_truncation)]
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = ALNUM;
        } else if matches!(byte, b'-' | b'_' | b'.' | b'+' | b'=') {
            table[b] = MARK;
        }
        b += 1;
    }
    table
};
const MARK: u8 = 1;
const ALNUM: u8 = 2;

/// Whether `id` can be shown and logged safely as a request id: 1 to [`REQUEST_ID_MAX`] bytes
/// of [`ID_BYTES`], a letter or digit among them.
pub(crate) fn safe(id: &[u8]) -> bool {
    if id.len() > REQUEST_ID_MAX {
        return false;
    }
    let class = |&b: &u8| ID_BYTES[usize::from(b)];
    let known = id.iter().all(|b| class(b) != 0);
    let alnum = id.iter().any(|b| class(b) == ALNUM);
    known && alnum
}

/// The request id `id`, when it is [`safe`].
pub(crate) fn given_bytes(id: &[u8]) -> Option<HeaderValue> {
    safe(id).then(|| HeaderValue::from_bytes(id).ok())?
}

/// 32 hex digits, unique in the process and not guessable from the ids before it.
pub(crate) fn generate() -> HeaderValue {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    static KEYS: OnceLock<RandomState> = OnceLock::new();
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let keys = KEYS.get_or_init(RandomState::new);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let bits = (u128::from(keys.hash_one((n, 0u8))) << 64) | u128::from(keys.hash_one((n, 1u8)));
    let mut id = [0u8; 32];
    for (i, digit) in id.iter_mut().enumerate() {
        // Each nibble is below 16.
        #[allow(clippy::cast_possible_truncation)]
        let nibble = (bits >> (124 - 4 * i)) as usize & 0xF;
        *digit = HEX[nibble];
    }
    // Hex digits are always a valid header value: the fallback is never taken.
    HeaderValue::from_maybe_shared(bytes::Bytes::copy_from_slice(&id))
        .unwrap_or_else(|_| HeaderValue::from_static("0"))
}

/// The language the request's `Accept-Language` fields (one list, RFC 9110, 5.3; the first
/// [`FIELDS_MAX`] read) ask for among the configuration's localizer's; the default without one.
pub(crate) fn language<'h>(
    config: &Config,
    accept_language: impl Iterator<Item = &'h [u8]>,
) -> Language {
    let Some(localizer) = config.localized_by() else {
        return Language::default();
    };
    let mut fields: [&[u8]; FIELDS_MAX] = [&[]; FIELDS_MAX];
    let mut count = 0;
    for (slot, field) in fields.iter_mut().zip(accept_language) {
        *slot = field;
        count += 1;
    }
    let index = negotiate(&fields[..count], localizer.languages()).unwrap_or(0);
    Language {
        // Never more languages than a `u32` counts.
        index: u32::try_from(index).unwrap_or(0),
        negotiated: true,
    }
}

/// The scope of a request a framework's error layer is answering: `config`, the request's own
/// id (`given`, already [`safe`]) else a generated one, and the language its `Accept-Language`
/// fields chose.
pub(crate) fn scope<'h>(
    config: &Arc<Config>,
    given: Option<HeaderValue>,
    accept_language: impl Iterator<Item = &'h [u8]>,
) -> Scope {
    let generated = given.is_none();
    Scope {
        config: Arc::clone(config),
        request_id: given.unwrap_or_else(generate),
        generated,
        language: language(config, accept_language),
    }
}
