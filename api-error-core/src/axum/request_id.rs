//! Request ids: the request's own when it is safe to show and log, else a generated one.

use core::fmt;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use http::{HeaderMap, HeaderName, HeaderValue};

/// The header a request id comes in and goes out in, unless
/// [`ApiErrorLayer::request_id_header`](super::ApiErrorLayer::request_id_header) names another.
pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// The longest request id taken from a request; a longer one is replaced by a generated id.
const REQUEST_ID_MAX: usize = 128;

/// The id of the request being answered, as [`ApiErrorLayer`] sets it in the request's extensions:
/// a handler takes it with `axum::Extension<RequestId>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestId(pub(super) Arc<str>);

impl RequestId {
    /// The id.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The request's own id, in header `name`, and the header's value, when it is an id that can be
/// shown and logged safely.
pub(super) fn given(headers: &HeaderMap, name: &HeaderName) -> Option<(Arc<str>, HeaderValue)> {
    let header = headers.get(name)?;
    let id = header.as_bytes();
    let safe = (1..=REQUEST_ID_MAX).contains(&id.len())
        && id
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"-_.+=".contains(&b))
        && id.iter().any(u8::is_ascii_alphanumeric);
    let id = core::str::from_utf8(id).ok().filter(|_| safe)?;
    Some((Arc::from(id), header.clone()))
}

/// 32 hex digits, unique in the process and not guessable from the ids before it.
pub(super) fn generate() -> Arc<str> {
    static KEYS: OnceLock<RandomState> = OnceLock::new();
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let keys = KEYS.get_or_init(RandomState::new);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let high = keys.hash_one((n, 0u8));
    let low = keys.hash_one((n, 1u8));
    format!("{high:016x}{low:016x}").into()
}
