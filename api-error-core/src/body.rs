use core::fmt;
use std::cell::RefCell;

use bytes::Bytes;
use http::{HeaderValue, header::CONTENT_TYPE};
use serde::ser::{Error as _, Serialize, SerializeMap, Serializer};
use serde::{Deserialize, Serialize as DeriveSerialize};

use crate::error::Sink;
use crate::{ApiError, Details, Headers, PublicMessage, reason_phrase};

/// The media type of every body this crate writes.
pub const CONTENT_TYPE_JSON: &str = "application/json";

/// The JSON body of an error, serialized straight from the error without copying it.
///
/// `serde_json::to_vec(&Body::new(&err))` gives the bytes the response sends, and so does
/// `serde_json::to_vec(&err)` for a derived error:
///
/// ```json
/// {"code":"ORDER_NOT_PENDING","message":"Order 42 is not in pending status","details":{"id":42}}
/// ```
///
/// `details` is left out when the error passes no field to [`Details`].
///
/// When a detail fails to serialize, `Serialize` returns that error to its caller, who asked for
/// exactly this body; [`ApiError::to_response`], which has no caller to tell, sends the body
/// without `details` instead.
pub struct Body<'a, E: ?Sized> {
    error: &'a E,
    with_details: bool,
}

impl<'a, E: ApiError + ?Sized> Body<'a, E> {
    /// The body of `error`.
    pub fn new(error: &'a E) -> Self {
        Body {
            error,
            with_details: true,
        }
    }
}

impl<E: ApiError + ?Sized> Serialize for Body<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let details = self.with_details && detail_count(self.error) > 0;
        let mut map = serializer.serialize_map(Some(2 + usize::from(details)))?;
        map.serialize_entry("code", self.error.code())?;
        map.serialize_entry("message", &PublicMessage(self.error))?;
        if details {
            map.serialize_entry("details", &DetailsMap(self.error))?;
        }
        map.end()
    }
}

fn detail_count<E: ApiError + ?Sized>(error: &E) -> usize {
    let mut count = 0;
    error.details(&mut Details::new(Sink::Count(&mut count)));
    count
}

/// The `details` object: one member per field the error passes to [`Details::add`].
struct DetailsMap<'a, E: ?Sized>(&'a E);

impl<E: ApiError + ?Sized> Serialize for DetailsMap<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let mut failed = None;
        self.0
            .details(&mut Details::new(Sink::Erased(&mut |name, value| {
                if failed.is_none()
                    && let Err(error) = map.serialize_entry(name, value)
                {
                    failed = Some(error.to_string());
                }
            })));
        match failed {
            Some(message) => Err(S::Error::custom(message)),
            None => map.end(),
        }
    }
}

/// An error body as a client reads it back.
///
/// It accepts codes it has never seen and ignores members it does not know, so a client keeps
/// working when the server adds codes or members.
///
/// ```
/// use api_error_core::ErrorBody;
///
/// let body: ErrorBody = serde_json::from_str(
///     r#"{"code":"ORDER_NOT_PENDING","message":"Order 42 is not in pending status","details":{"id":42},"trace":"x"}"#,
/// )
/// .unwrap();
/// assert_eq!(body.code, "ORDER_NOT_PENDING");
/// assert_eq!(body.details.unwrap()["id"], 42);
/// ```
#[derive(Debug, Clone, PartialEq, DeriveSerialize, Deserialize)]
pub struct ErrorBody {
    /// The stable, machine-readable code.
    pub code: String,
    /// The message meant for a person.
    pub message: String,
    /// The fields the error exposes, when it exposes any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Builds the response of `error`; see [`ApiError::to_response`].
pub(crate) fn response<E: ApiError + ?Sized>(error: &E) -> http::Response<Bytes> {
    let body = match error.static_body() {
        Some(bytes) => {
            debug_assert!(
                {
                    let mut written = Vec::new();
                    write_body(error, &mut written);
                    written == bytes
                },
                "ApiError::static_body of `{}` is not the body it writes",
                error.code()
            );
            Bytes::from_static(bytes)
        }
        None => body_bytes(error),
    };
    let mut response = http::Response::new(body);
    *response.status_mut() = error.status();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE_JSON));
    error.headers(&mut Headers::new(headers));
    response
}

/// The largest scratch buffer a thread keeps from one body to the next.
const SCRATCH_KEPT: usize = 16 * 1024;

thread_local! {
    /// Bodies are written into this buffer and copied out at their exact size, so that a body
    /// costs one allocation, the size of the body.
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The body's bytes, degrading instead of failing: without the details when one of them fails
/// to serialize, and with only the code and the reason phrase when the message itself fails to
/// write.
fn body_bytes<E: ApiError + ?Sized>(error: &E) -> Bytes {
    let reused = SCRATCH.try_with(|scratch| {
        let mut buffer = scratch.try_borrow_mut().ok()?;
        buffer.clear();
        write_body(error, &mut buffer);
        let bytes = Bytes::from(buffer.as_slice().to_vec().into_boxed_slice());
        if buffer.capacity() > SCRATCH_KEPT {
            *buffer = Vec::new();
        }
        Some(bytes)
    });
    // A body being written while another is (a detail's `Serialize` that renders an error, say),
    // or while the thread is being torn down, gets a buffer of its own.
    reused.ok().flatten().unwrap_or_else(|| {
        let mut buffer = Vec::with_capacity(128);
        write_body(error, &mut buffer);
        Bytes::from(buffer)
    })
}

/// Writes the body as [`Body`] serializes it, straight into `buffer`; without the details when
/// one fails to serialize, and with only the code and the reason phrase when the message fails
/// to write. The envelope's bytes and the escaping are those of [`static_body`].
fn write_body<E: ApiError + ?Sized>(error: &E, buffer: &mut Vec<u8>) {
    if write_envelope(error, buffer, true).is_ok() {
        return;
    }
    buffer.clear();
    if write_envelope(error, buffer, false).is_ok() {
        return;
    }
    buffer.clear();
    let fallback = reason_phrase(error.status());
    buffer.extend_from_slice(&STATIC_OPEN);
    push_escaped(buffer, error.code().as_bytes());
    buffer.extend_from_slice(&STATIC_MIDDLE);
    push_escaped(buffer, fallback.as_bytes());
    buffer.extend_from_slice(&STATIC_CLOSE);
}

/// Fails when the message fails to write or a detail fails to serialize.
fn write_envelope<E: ApiError + ?Sized>(
    error: &E,
    buffer: &mut Vec<u8>,
    with_details: bool,
) -> Result<(), ()> {
    buffer.extend_from_slice(&STATIC_OPEN);
    push_escaped(buffer, error.code().as_bytes());
    buffer.extend_from_slice(&STATIC_MIDDLE);
    fmt::write(
        &mut Escaping(buffer),
        format_args!("{}", PublicMessage(error)),
    )
    .map_err(|_| ())?;
    buffer.push(b'"');
    if with_details {
        let mut details = Details::new(Sink::Json {
            buffer: &mut *buffer,
            first: true,
            failed: false,
        });
        error.details(&mut details);
        if !details.succeeded() {
            return Err(());
        }
        if details.wrote_any() {
            buffer.push(b'}');
        }
    }
    buffer.push(b'}');
    Ok(())
}

/// Writes what it is given as the contents of a JSON string.
struct Escaping<'a>(&'a mut Vec<u8>);

impl fmt::Write for Escaping<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        push_escaped(self.0, text.as_bytes());
        Ok(())
    }
}

/// Appends one member of `details`, opening the object before the first.
pub(crate) fn write_detail<T: Serialize + ?Sized>(
    buffer: &mut Vec<u8>,
    first: bool,
    name: &str,
    value: &T,
) -> serde_json::Result<()> {
    buffer.extend_from_slice(if first { b",\"details\":{\"" } else { b",\"" });
    push_escaped(buffer, name.as_bytes());
    buffer.extend_from_slice(b"\":");
    serde_json::to_writer(buffer, value)
}

/// Which bytes [`escape`] changes, looked up rather than matched on the hot path.
const NEEDS_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        // `byte` < 256, so the cast keeps its value.
        #[allow(clippy::cast_possible_truncation)]
        let needs = escape(byte as u8).is_some();
        table[byte] = needs;
        byte += 1;
    }
    table
};

/// Appends `text` escaped as [`escape`] says, copying the runs that need no escape whole.
fn push_escaped(buffer: &mut Vec<u8>, text: &[u8]) {
    let mut rest = text;
    while let Some(at) = rest
        .iter()
        .position(|&byte| NEEDS_ESCAPE[usize::from(byte)])
    {
        buffer.extend_from_slice(&rest[..at]);
        let mut escaped = [0u8; 6];
        let len = put_escaped(&mut escaped, 0, &rest[at..=at]);
        buffer.extend_from_slice(&escaped[..len]);
        rest = &rest[at + 1..];
    }
    buffer.extend_from_slice(rest);
}

/// The length of [`static_body`] for `code` and `message`.
#[must_use]
pub const fn static_body_len(code: &str, message: &str) -> usize {
    STATIC_OPEN.len()
        + escaped_len(code.as_bytes())
        + STATIC_MIDDLE.len()
        + escaped_len(message.as_bytes())
        + STATIC_CLOSE.len()
}

/// `{"code":"...","message":"..."}` for an error without details, built at compile time and
/// escaped exactly as `serde_json` escapes strings; `N` is [`static_body_len`].
///
/// # Panics
///
/// When `N` is not [`static_body_len`], which fails the build of the constant that calls it.
#[must_use]
pub const fn static_body<const N: usize>(code: &str, message: &str) -> [u8; N] {
    let mut out = [0u8; N];
    let mut at = put(&mut out, 0, &STATIC_OPEN);
    at = put_escaped(&mut out, at, code.as_bytes());
    at = put(&mut out, at, &STATIC_MIDDLE);
    at = put_escaped(&mut out, at, message.as_bytes());
    at = put(&mut out, at, &STATIC_CLOSE);
    assert!(
        at == N,
        "static_body needs N = static_body_len(code, message)"
    );
    out
}

const STATIC_OPEN: [u8; 9] = *b"{\"code\":\"";
const STATIC_MIDDLE: [u8; 13] = *b"\",\"message\":\"";
const STATIC_CLOSE: [u8; 2] = *b"\"}";

/// How `serde_json` writes `byte` inside a string: itself (`None`), a two-byte escape, or
/// `\u00XX` (`Some(b'u')`).
const fn escape(byte: u8) -> Option<u8> {
    match byte {
        b'"' => Some(b'"'),
        b'\\' => Some(b'\\'),
        0x08 => Some(b'b'),
        0x09 => Some(b't'),
        0x0A => Some(b'n'),
        0x0C => Some(b'f'),
        0x0D => Some(b'r'),
        0x00..=0x1F => Some(b'u'),
        _ => None,
    }
}

const fn escaped_len(text: &[u8]) -> usize {
    let mut len = 0;
    let mut i = 0;
    while i < text.len() {
        len += match escape(text[i]) {
            None => 1,
            Some(b'u') => 6,
            Some(_) => 2,
        };
        i += 1;
    }
    len
}

const fn put(out: &mut [u8], mut at: usize, bytes: &[u8]) -> usize {
    let mut i = 0;
    while i < bytes.len() {
        out[at] = bytes[i];
        at += 1;
        i += 1;
    }
    at
}

const fn put_escaped(out: &mut [u8], mut at: usize, text: &[u8]) -> usize {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut i = 0;
    while i < text.len() {
        let byte = text[i];
        match escape(byte) {
            None => {
                out[at] = byte;
                at += 1;
            }
            Some(b'u') => {
                at = put(out, at, b"\\u00");
                out[at] = HEX[(byte >> 4) as usize];
                out[at + 1] = HEX[(byte & 0xF) as usize];
                at += 2;
            }
            Some(short) => {
                out[at] = b'\\';
                out[at + 1] = short;
                at += 2;
            }
        }
        i += 1;
    }
    at
}
