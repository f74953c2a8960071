//! Logging of the errors a service answers with (feature `tracing`).
//!
//! An error is logged when its response is built, once per response: a wrapper declared
//! `transparent` renders one response, so a wrapped error is logged once, as the wrapper. Each
//! event has the target `api_error` and the fields `code`, `status`, `request_id` (the id an
//! [`ApiErrorLayer`](crate::axum::ApiErrorLayer) gave the request, empty outside one) and `error`: the error's `Display`
//! followed by every `source()` beneath it, which never reaches the client.
//!
//! That text may hold what a client sent (a path segment a message shows, say), so it is written
//! so that it cannot end a log line, move a terminal's cursor, set its title or reorder what an
//! operator reads: every control character (C0, DEL and C1, so CR, LF and ESC too), the line and
//! paragraph separators U+2028 and U+2029, and the bidi controls (U+061C, U+200E, U+200F,
//! U+202A to U+202E, U+2066 to U+2069) become escapes: `\n`, `\r`, `\t`, or `\u{..}` with the
//! code point in hex; `\` becomes `\\`, so an escape cannot be forged. The other fields are safe
//! as they are: `code` and `status` are the declaration's, `request_id` one the layer checked.
//!
//! When client errors are sampled ([`Config::sample_client_errors`]), each client-error event
//! logged also has the field `dropped`: how many were left out since the one before it.

use crate::api_error::ApiError;
use crate::config::Config;
#[cfg(feature = "tracing")]
use crate::message::write_lossy;

/// Logs the response `error` is being answered with.
#[cfg(feature = "tracing")]
#[inline]
pub(crate) fn response<E: ApiError + ?Sized>(error: &E, config: &Config, request_id: Option<&str>) {
    // Nothing listens (no subscriber, or one that takes no event at all): tracing's own first
    // check, made where the response is built, so that a build with the feature and no
    // subscriber pays one load a response (the unit variant's response cost 70 instructions
    // more without it, 1.25 of static bytes).
    let listens =
        tracing::level_filters::LevelFilter::current() != tracing::level_filters::LevelFilter::OFF;
    // With tracing's `log` feature and no subscriber, tracing hands events to `log`, which
    // takes them once a logger has set its level: tracing's own test for that (where the
    // feature is off, a constant `false`), and `log`'s level, a load.
    let to_log = tracing::if_log_enabled! { tracing::Level::TRACE, {
        tracing::log::max_level() != tracing::log::LevelFilter::Off
    } else { false } };
    if listens || to_log {
        event(error, config, request_id);
    }
}

/// [`response`]'s event, when something listens.
#[cfg(feature = "tracing")]
fn event<E: ApiError + ?Sized>(error: &E, config: &Config, request_id: Option<&str>) {
    use tracing::Level;

    let status = error.status();
    let (level, dropped) = if status.is_server_error() {
        (Level::ERROR, None)
    } else {
        let Some(level) = config.client_error_level() else {
            return;
        };
        match sampled(config.client_error_sample()) {
            Sample::All => (level, None),
            Sample::Logged { dropped } => (level, Some(dropped)),
            Sample::LeftOut => return,
        }
    };
    let code = error.code();
    let status = status.as_u16();
    let request_id = request_id.unwrap_or("");
    let chain = Chain(error);
    // tracing fixes an event's level where it is written: one call per level. `dropped` is
    // recorded only when it is `Some`, under sampling.
    macro_rules! event {
        ($level:expr) => {
            tracing::event!(
                target: "api_error",
                $level,
                code,
                status,
                request_id,
                error = %chain,
                dropped,
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

/// Client errors seen by processes that sample them; see [`Config::sample_client_errors`].
#[cfg(feature = "tracing")]
static CLIENT_ERRORS: core::sync::atomic::AtomicU64 = core::sync::atomic::AtomicU64::new(0);

/// What becomes of a client error when one in some number is logged.
#[cfg(feature = "tracing")]
enum Sample {
    /// Every one is logged.
    All,
    /// This one is, standing for `dropped` left out since the one before.
    Logged { dropped: u64 },
    /// This one is left out.
    LeftOut,
}

/// What becomes of this client error when one in `every` is logged.
#[cfg(feature = "tracing")]
fn sampled(every: u32) -> Sample {
    if every <= 1 {
        return Sample::All;
    }
    let every = u64::from(every);
    let seen = CLIENT_ERRORS.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
    match seen % every {
        0 if seen == 0 => Sample::Logged { dropped: 0 },
        0 => Sample::Logged { dropped: every - 1 },
        _ => Sample::LeftOut,
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
        use core::fmt::Write as _;

        let mut out = LogSafe(f);
        // An error whose `Display` fails is logged as far as it got.
        write_lossy(&mut out, &self.0)?;
        let mut source = self.0.source();
        while let Some(error) = source {
            out.write_str(": ")?;
            write_lossy(&mut out, &error)?;
            source = error.source();
        }
        Ok(())
    }
}

/// Writes text with what could forge or hide a log line escaped; see the module's docs.
#[cfg(feature = "tracing")]
struct LogSafe<'a, 'b>(&'a mut core::fmt::Formatter<'b>);

#[cfg(feature = "tracing")]
impl core::fmt::Write for LogSafe<'_, '_> {
    fn write_str(&mut self, text: &str) -> core::fmt::Result {
        let mut clean = 0;
        for (at, c) in text.char_indices() {
            if !unsafe_in_logs(c) {
                continue;
            }
            self.0.write_str(&text[clean..at])?;
            match c {
                '\\' => self.0.write_str("\\\\")?,
                '\n' => self.0.write_str("\\n")?,
                '\r' => self.0.write_str("\\r")?,
                '\t' => self.0.write_str("\\t")?,
                _ => write!(self.0, "\\u{{{:04x}}}", u32::from(c))?,
            }
            clean = at + c.len_utf8();
        }
        self.0.write_str(&text[clean..])
    }
}

/// Whether `c` is written escaped in a log line.
#[cfg(feature = "tracing")]
fn unsafe_in_logs(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\\'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}
