//! The public message of an error as a value: displayed or serialized without a `String`.

use core::fmt;

use serde::Serialize;

use crate::api_error::ApiError;

/// The client-facing message of an error, as a value that can be displayed or serialized
/// without building a `String` first.
///
/// ```
/// use api_error_core::{ApiError, PublicMessage};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = "ORDER_EXPIRED", status = 400, message = "Order {0} has expired")]
/// struct OrderExpired(u64);
///
/// assert_eq!(format!("[{}]", PublicMessage(&OrderExpired(7))), "[Order 7 has expired]");
/// ```
pub struct PublicMessage<'a, E: ?Sized>(pub &'a E);

impl<E: ApiError + ?Sized> fmt::Display for PublicMessage<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_message(f)
    }
}

/// A string; an error, not a panic, when a field the message shows fails to format.
impl<E: ApiError + ?Sized> Serialize for PublicMessage<'_, E> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Written straight into the serializer; a formatting failure is remembered rather than
        // returned, since a serializer may not expect `Display` to fail.
        let failed = core::cell::Cell::new(false);
        let written = serializer.collect_str(&Remembering {
            message: self,
            failed: &failed,
        })?;
        if failed.get() {
            Err(serde::ser::Error::custom("the message failed to format"))
        } else {
            Ok(written)
        }
    }
}

/// Displays a message, turning a failure of the message's own `Display` into a flag and an
/// empty rest. A failure of the writer underneath is passed on as it is.
struct Remembering<'a, 'b, E: ?Sized> {
    message: &'a PublicMessage<'b, E>,
    failed: &'a core::cell::Cell<bool>,
}

impl<E: ApiError + ?Sized> fmt::Display for Remembering<'_, '_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !write_lossy(f, self.message)? {
            self.failed.set(true);
        }
        Ok(())
    }
}

/// Writes `value` to `f`, telling whether `value`'s own `Display` succeeded (`Ok(false)` when it
/// failed, the text ending where it stopped) from a failure of the formatter's writer, which is
/// returned.
pub(crate) fn write_lossy(
    f: &mut dyn fmt::Write,
    value: &dyn fmt::Display,
) -> Result<bool, fmt::Error> {
    let mut tracking = Tracking {
        inner: f,
        writer_failed: false,
    };
    match fmt::write(&mut tracking, format_args!("{value}")) {
        Ok(()) => Ok(true),
        Err(_) if tracking.writer_failed => Err(fmt::Error),
        Err(_) => Ok(false),
    }
}

/// Forwards to a writer, remembering whether it failed.
struct Tracking<'a> {
    inner: &'a mut dyn fmt::Write,
    writer_failed: bool,
}

impl fmt::Write for Tracking<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let written = self.inner.write_str(text);
        self.writer_failed |= written.is_err();
        written
    }
}
