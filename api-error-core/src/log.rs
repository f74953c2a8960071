//! Logging of the errors a service answers with (feature `tracing`).
//!
//! An error is logged when its response is built, once per response: a wrapper declared
//! `transparent` renders one response, so a wrapped error is logged once, as the wrapper. Each
//! event has the target `api_error` and the fields `code`, `status`, `request_id` (the id an
//! [`ApiErrorLayer`](crate::axum::ApiErrorLayer) gave the request, empty outside one) and `error`: the error's `Display`
//! followed by every `source()` beneath it, which never reaches the client.

use crate::api_error::ApiError;
use crate::config::Config;
#[cfg(feature = "tracing")]
use crate::message::write_lossy;

/// Logs the response `error` is being answered with.
#[cfg(feature = "tracing")]
pub(crate) fn response<E: ApiError + ?Sized>(error: &E, config: &Config, request_id: Option<&str>) {
    use tracing::Level;

    let status = error.status();
    let level = if status.is_server_error() {
        Level::ERROR
    } else {
        match config.client_error_level() {
            Some(level) => level,
            None => return,
        }
    };
    let code = error.code();
    let status = status.as_u16();
    let request_id = request_id.unwrap_or("");
    let chain = Chain(error);
    macro_rules! event {
        ($level:expr) => {
            tracing::event!(
                target: "api_error",
                $level,
                code,
                status,
                request_id,
                error = %chain,
                "error response"
            )
        };
    }
    match level {
        Level::ERROR => event!(Level::ERROR),
        Level::WARN => event!(Level::WARN),
        Level::INFO => event!(Level::INFO),
        Level::DEBUG => event!(Level::DEBUG),
        _ => event!(Level::TRACE),
    }
}

/// Without the `tracing` feature nothing is logged.
#[cfg(not(feature = "tracing"))]
pub(crate) fn response<E: ApiError + ?Sized>(error: &E, config: &Config, request_id: Option<&str>) {
    let _ = (error, config, request_id);
}

/// An error and its sources, as `outer: inner: innermost`.
#[cfg(feature = "tracing")]
struct Chain<'a, E: ?Sized>(&'a E);

#[cfg(feature = "tracing")]
impl<E: ApiError + ?Sized> core::fmt::Display for Chain<'_, E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // An error whose `Display` fails is logged as far as it got.
        write_lossy(f, &self.0)?;
        let mut source = self.0.source();
        while let Some(error) = source {
            f.write_str(": ")?;
            write_lossy(f, &error)?;
            source = error.source();
        }
        Ok(())
    }
}
