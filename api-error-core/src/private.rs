//! Used by the code `#[derive(ApiError)]` generates; not public API and not covered by semver.

use core::fmt;

#[cfg(feature = "axum")]
pub use ::axum_core;
pub use ::core;
pub use ::core::option::Option;
pub use ::core::result::Result;
pub use ::http::StatusCode;
pub use ::serde;

pub use crate::body::{static_body, static_body_len};
pub use crate::error::error_reason_phrase;
pub use crate::{__impl_axum as impl_axum, __impl_serialize as impl_serialize};
pub use crate::{ApiError, Catalog, CatalogEntry, Details, Headers, reason_phrase};

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
