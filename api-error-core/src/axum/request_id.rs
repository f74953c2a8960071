//! Request ids: the request's own when it is safe to show and log, else a generated one.

use core::fmt;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use crate::context::Scope;

use http::{HeaderMap, HeaderName, HeaderValue};

/// The header a request id comes in and goes out in, unless
/// [`ApiErrorLayer::request_id_header`](super::ApiErrorLayer::request_id_header) names another.
pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// The longest request id taken from a request; a longer one is replaced by a generated id.
const REQUEST_ID_MAX: usize = 128;

/// The id of the request being answered, as [`ApiErrorLayer`](super::ApiErrorLayer) sets it in the request's extensions:
/// a handler takes it with `axum::Extension<RequestId>`.
#[derive(Clone)]
pub struct RequestId(pub(super) Arc<Scope>);

impl RequestId {
    /// The id.
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.0.request_id()
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

/// The request's own id, in header `name`, when it is an id that can be shown and logged
/// safely.
pub(super) fn given(headers: &HeaderMap, name: &HeaderName) -> Option<HeaderValue> {
    let header = headers.get(name)?;
    let id = header.as_bytes();
    let safe = (1..=REQUEST_ID_MAX).contains(&id.len())
        && id
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"-_.+=".contains(&b))
        && id.iter().any(u8::is_ascii_alphanumeric);
    safe.then(|| header.clone())
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
