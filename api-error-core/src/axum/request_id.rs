//! Request ids: the request's own when it is safe to show and log, else a generated one.

use core::convert::Infallible;
use core::fmt;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use axum_core::extract::{FromRequestParts, OptionalFromRequestParts};
use axum_core::response::{IntoResponse, Response};
use http::request::Parts;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

use crate::api_error::ApiError;
use crate::catalog::{Catalog, CatalogEntry};
use crate::context::Scope;

/// The header a request id comes in and goes out in, unless
/// [`ApiErrorLayer::request_id_header`](super::ApiErrorLayer::request_id_header) names another.
pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// The longest request id taken from a request; a longer one is replaced by a generated id.
const REQUEST_ID_MAX: usize = 128;

/// The id of the request being answered, as [`ApiErrorLayer`](super::ApiErrorLayer) has it: a
/// handler under the layer takes it as an argument, `id: RequestId` (or `Option<RequestId>`,
/// which is `None` outside a layer).
///
/// ```
/// use api_error_core::axum::{ApiErrorLayer, RequestId};
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

impl<S: Sync> FromRequestParts<S> for RequestId {
    type Rejection = NoRequestId;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        of(parts).ok_or(NoRequestId)
    }
}

impl<S: Sync> OptionalFromRequestParts<S> for RequestId {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(of(parts))
    }
}

/// The request's id: the scope's in force, else its `x-request-id` when the layer would take it.
fn of(parts: &Parts) -> Option<RequestId> {
    Scope::current_request_id()
        .or_else(|| given(&parts.headers, &REQUEST_ID_HEADER))
        .map(RequestId)
}

/// Why a handler could not take its [`RequestId`]: no [`ApiErrorLayer`](super::ApiErrorLayer)
/// is around it. A mistake of the service's, answered `500 SERVER_INTERNAL_ERROR` with the
/// reason phrase, and logged as this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoRequestId;

impl fmt::Display for NoRequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a handler took a `RequestId` outside an `ApiErrorLayer`")
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
        catalog.push(CatalogEntry::new(
            "api_error_core::axum::NoRequestId",
            None,
            None,
            "SERVER_INTERNAL_ERROR",
            StatusCode::INTERNAL_SERVER_ERROR,
            None,
            Some("A handler took a request id outside the error layer"),
        ));
        catalog
    }
}

impl IntoResponse for NoRequestId {
    fn into_response(self) -> Response {
        super::response(&self)
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

/// The request's own id, in header `name`, when it is an id that can be shown and logged
/// safely: 1 to [`REQUEST_ID_MAX`] bytes of [`ID_BYTES`], a letter or digit among them.
pub(super) fn given(headers: &HeaderMap, name: &HeaderName) -> Option<HeaderValue> {
    let header = headers.get(name)?;
    let id = header.as_bytes();
    if id.len() > REQUEST_ID_MAX {
        return None;
    }
    let class = |&b: &u8| ID_BYTES[usize::from(b)];
    let known = id.iter().all(|b| class(b) != 0);
    let alnum = id.iter().any(|b| class(b) == ALNUM);
    (known && alnum).then(|| header.clone())
}

/// 32 hex digits, unique in the process and not guessable from the ids before it.
pub(super) fn generate() -> HeaderValue {
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
