use core::fmt;
use std::borrow::Cow;
use std::cell::RefCell;

use bytes::Bytes;
use http::header::CONTENT_TYPE;
use serde::ser::{Error as _, Serialize, SerializeMap, Serializer};
use serde::{Deserialize, Serialize as DeriveSerialize};

use crate::config::Rendering;
use crate::error::{Members, Sink};
use crate::members::MemberNames;
use crate::{ApiError, Details, Format, Headers, PublicMessage, reason_phrase};

/// The media type of a [`Format::Json`] body.
pub const CONTENT_TYPE_JSON: &str = Format::Json.content_type();

/// The media type of a [`Format::Problem`] body.
pub const CONTENT_TYPE_PROBLEM: &str = Format::Problem.content_type();

/// The body of an error, serialized straight from the error without copying it, in the
/// [`Config`](crate::Config) in force where it is serialized.
///
/// `serde_json::to_vec(&Body::new(&err))` gives the bytes the response sends, and so does
/// `serde_json::to_vec(&err)` for a derived error. In the default configuration:
///
/// ```json
/// {"code":"ORDER_NOT_PENDING","message":"Order 42 is not in pending status","details":{"id":42}}
/// ```
///
/// `details` is left out when the error passes no field to [`Details`]; `request_id` is added
/// when the request is known, under [`ErrorLayer`](crate::axum::ErrorLayer).
///
/// When a detail fails to serialize or the message fails to format, `Serialize` returns that
/// error to its caller, who asked for exactly this body; [`ApiError::to_response`], which has
/// no caller to tell, sends the body without the details (all of them) or with the reason
/// phrase for the message instead.
pub struct Body<'a, E: ?Sized> {
    error: &'a E,
    rendering: Option<Rendering<'a>>,
}

/// How much of an error a body holds: all of it, or less when a part fails to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    /// Message and details.
    Whole,
    /// The message without the details, one of which failed to serialize.
    WithoutDetails,
    /// The reason phrase for a message, which failed to format, and the details.
    ReasonPhraseWithDetails,
    /// The reason phrase alone: both the message and a detail failed.
    ReasonPhrase,
}

impl Content {
    /// Every kind of content, from the whole to the least, in the order a response tries them.
    const LADDER: [Content; 4] = [
        Content::Whole,
        Content::WithoutDetails,
        Content::ReasonPhraseWithDetails,
        Content::ReasonPhrase,
    ];

    fn has_details(self) -> bool {
        matches!(self, Content::Whole | Content::ReasonPhraseWithDetails)
    }

    fn has_reason_phrase(self) -> bool {
        matches!(
            self,
            Content::ReasonPhrase | Content::ReasonPhraseWithDetails
        )
    }
}

impl<'a, E: ApiError + ?Sized> Body<'a, E> {
    /// The body of `error`, in the configuration in force when it is serialized.
    pub fn new(error: &'a E) -> Self {
        Body {
            error,
            rendering: None,
        }
    }

    pub(crate) fn rendered(error: &'a E, rendering: Rendering<'a>) -> Self {
        Body {
            error,
            rendering: Some(rendering),
        }
    }

    fn serialize_in<S: Serializer>(
        &self,
        rendering: Rendering<'_>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        // `Serialize` answers for the whole body: a part that fails is its caller's error.
        let body = Rendered {
            error: self.error,
            rendering,
            content: Content::Whole,
        };
        match rendering.format_of(self.error) {
            Format::Problem => body.serialize_problem(serializer),
            Format::Json => match &rendering.config.nest_in {
                Some(member) => {
                    let mut map = serializer.serialize_map(Some(1))?;
                    map.serialize_entry(&**member, &JsonBody(body))?;
                    map.end()
                }
                None => JsonBody(body).serialize(serializer),
            },
        }
    }
}

impl<E: ApiError + ?Sized> Serialize for Body<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.rendering {
            Some(rendering) => self.serialize_in(rendering, serializer),
            None => Rendering::with_current(|rendering| self.serialize_in(rendering, serializer)),
        }
    }
}

/// A body whose configuration is decided.
struct Rendered<'a, E: ?Sized> {
    error: &'a E,
    rendering: Rendering<'a>,
    content: Content,
}

impl<E: ApiError + ?Sized> Rendered<'_, E> {
    /// A problem's `title`: with a type base, the error's summary (else its reason phrase); for
    /// `about:blank`, the reason phrase, as RFC 9457 asks.
    fn problem_title(&self) -> &'static str {
        let reason = || reason_phrase(self.error.status());
        match self.rendering.config.type_base {
            Some(_) => self.error.summary().unwrap_or_else(reason),
            None => reason(),
        }
    }

    /// RFC 9457 problem details, whole: `type`, `title`, `status`, `detail`, `instance` (when
    /// the request id is known), `code`, then one extension member per detail.
    fn serialize_problem<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.error;
        let config = self.rendering.config;
        let mut map = serializer.serialize_map(None)?;
        match &config.type_base {
            Some(base) => map.serialize_entry("type", &Joined(base, error.code()))?,
            None => map.serialize_entry("type", "about:blank")?,
        }
        map.serialize_entry("title", self.problem_title())?;
        map.serialize_entry("status", &error.status().as_u16())?;
        map.serialize_entry("detail", &PublicMessage(error))?;
        if let Some(id) = self.rendering.request_id {
            map.serialize_entry("instance", &Joined(&config.instance_prefix, id))?;
        }
        map.serialize_entry("code", error.code())?;
        let names = MemberNames::of(error);
        serialize_details(error, &mut map, |index, name| names.get(index, name).text())?;
        map.end()
    }
}

/// Serializes each detail of `error` as an entry of `map`, under the name `member` gives the
/// `index`th, called `name`; fails with the first detail that fails.
fn serialize_details<'n, E: ApiError + ?Sized, M: SerializeMap>(
    error: &E,
    map: &mut M,
    member: impl Fn(usize, &'static str) -> Cow<'n, str>,
) -> Result<(), M::Error> {
    let mut failed = None;
    let mut index = 0;
    error.details(&mut Details::new(Sink::Erased(&mut |name, value| {
        if failed.is_none()
            && let Err(error) = map.serialize_entry(&*member(index, name), value)
        {
            failed = Some(error.to_string());
        }
        index += 1;
    })));
    match failed {
        Some(message) => Err(M::Error::custom(message)),
        None => Ok(()),
    }
}

/// Two pieces of text written as one string, with no allocation.
struct Joined<'a>(&'a str, &'a str);

impl Serialize for Joined<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Display for Joined<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)?;
        f.write_str(self.1)
    }
}

/// The [`Format::Json`] body, without the member it may be nested in.
struct JsonBody<'a, E: ?Sized>(Rendered<'a, E>);

impl<E: ApiError + ?Sized> Serialize for JsonBody<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let body = &self.0;
        let details = detail_count(body.error) > 0;
        let request_id = body.rendering.request_id;
        let len = 2 + usize::from(details) + usize::from(request_id.is_some());
        let mut map = serializer.serialize_map(Some(len))?;
        map.serialize_entry("code", body.error.code())?;
        map.serialize_entry("message", &PublicMessage(body.error))?;
        if details {
            map.serialize_entry("details", &DetailsMap(body.error))?;
        }
        if let Some(id) = request_id {
            map.serialize_entry("request_id", id)?;
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
        serialize_details(self.0, &mut map, |_, name| Cow::Borrowed(name))?;
        map.end()
    }
}

/// An error body as a client reads it back, from a [`Format::Json`] body that is not nested or
/// from problem details (whose `detail` it reads as the message; their extension members are
/// not read back as details).
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
    #[serde(alias = "detail")]
    pub message: String,
    /// The fields the error exposes, when it exposes any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Map<String, serde_json::Value>>,
    /// The id of the request that failed, when the server knew it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// Builds the response of `error` in `rendering`; see [`ApiError::to_response`].
pub(crate) fn response<E: ApiError + ?Sized>(
    error: &E,
    rendering: Rendering<'_>,
) -> http::Response<Bytes> {
    let format = rendering.format_of(error);
    let plain = format == Format::Json
        && rendering.config.nest_in.is_none()
        && rendering.request_id.is_none();
    let body = match error.static_body() {
        Some(bytes) if plain => {
            debug_assert!(
                {
                    let mut written = Vec::new();
                    write_body(error, rendering, format, &mut written);
                    written == bytes
                },
                "ApiError::static_body of `{}` is not the body it writes",
                error.code()
            );
            Bytes::from_static(bytes)
        }
        _ => body_bytes(error, rendering, format),
    };
    let mut response = http::Response::new(body);
    *response.status_mut() = error.status();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, format.header_value());
    error.headers(&mut Headers::new(headers));
    crate::log::response(error, rendering);
    response
}

/// The largest scratch buffer a thread keeps from one body to the next.
const SCRATCH_KEPT: usize = 16 * 1024;

thread_local! {
    /// Bodies are written into this buffer and copied out at their exact size, so that a body
    /// costs one allocation, the size of the body.
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The body's bytes; see [`write_body`].
fn body_bytes<E: ApiError + ?Sized>(error: &E, rendering: Rendering<'_>, format: Format) -> Bytes {
    let reused = SCRATCH.try_with(|scratch| {
        let mut buffer = scratch.try_borrow_mut().ok()?;
        buffer.clear();
        write_body(error, rendering, format, &mut buffer);
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
        write_body(error, rendering, format, &mut buffer);
        Bytes::from(buffer)
    })
}

/// Writes the body as [`Body`] serializes it into `buffer`, degrading instead of failing:
/// without the details when one of them fails to serialize, and with the reason phrase for a
/// message that fails to format. A [`Format::Json`] body is written straight into the buffer,
/// with the envelope's bytes and the escaping of [`static_body`].
fn write_body<E: ApiError + ?Sized>(
    error: &E,
    rendering: Rendering<'_>,
    format: Format,
    buffer: &mut Vec<u8>,
) {
    for content in Content::LADDER {
        buffer.clear();
        let body = Rendered {
            error,
            rendering,
            content,
        };
        let written = match format {
            Format::Json => write_json(&body, buffer),
            Format::Problem => write_problem(&body, buffer),
        };
        if written.is_ok() {
            return;
        }
    }
}

/// Writes problem details as [`Rendered::serialize_problem`] serializes them; fails when the
/// message fails to write or a detail fails to serialize.
fn write_problem<E: ApiError + ?Sized>(
    body: &Rendered<'_, E>,
    buffer: &mut Vec<u8>,
) -> Result<(), ()> {
    let &Rendered {
        error,
        rendering,
        content,
    } = body;
    let config = rendering.config;
    let status = error.status();
    buffer.extend_from_slice(b"{\"type\":\"");
    match &config.type_base {
        Some(base) => {
            push_escaped(buffer, base.as_bytes());
            push_escaped(buffer, error.code().as_bytes());
        }
        None => buffer.extend_from_slice(b"about:blank"),
    }
    buffer.extend_from_slice(b"\",\"title\":\"");
    push_escaped(buffer, body.problem_title().as_bytes());
    buffer.extend_from_slice(b"\",\"status\":");
    push_status(buffer, status.as_u16());
    buffer.extend_from_slice(b",\"detail\":\"");
    write_message(body, buffer)?;
    if let Some(id) = rendering.request_id {
        buffer.extend_from_slice(b"\",\"instance\":\"");
        push_escaped(buffer, config.instance_prefix.as_bytes());
        push_escaped(buffer, id.as_bytes());
    }
    buffer.extend_from_slice(b"\",\"code\":\"");
    push_escaped(buffer, error.code().as_bytes());
    buffer.push(b'"');
    if content.has_details() {
        write_details(error, buffer, Members::Problem(&MemberNames::of(error)))?;
    }
    buffer.push(b'}');
    Ok(())
}

/// Writes the details of `error` as members of the object `members` says; tells whether it
/// wrote any, and fails when one fails to serialize.
fn write_details<E: ApiError + ?Sized>(
    error: &E,
    buffer: &mut Vec<u8>,
    members: Members<'_>,
) -> Result<bool, ()> {
    let mut details = Details::new(Sink::Json {
        buffer,
        members,
        written: 0,
        failed: false,
    });
    error.details(&mut details);
    if details.succeeded() {
        Ok(details.wrote_any())
    } else {
        Err(())
    }
}

/// Writes a status, three digits, as a JSON number.
fn push_status(buffer: &mut Vec<u8>, status: u16) {
    // A status has three digits (`http` keeps it within 100..=999); each is below 10.
    #[allow(clippy::cast_possible_truncation)]
    let digit = |n: u16| b'0' + (n % 10) as u8;
    buffer.extend_from_slice(&[digit(status / 100), digit(status / 10), digit(status)]);
}

/// Writes the message of a body, escaped, as the contents of a JSON string; fails when it fails
/// to format.
fn write_message<E: ApiError + ?Sized>(
    body: &Rendered<'_, E>,
    buffer: &mut Vec<u8>,
) -> Result<(), ()> {
    if body.content.has_reason_phrase() {
        push_escaped(buffer, reason_phrase(body.error.status()).as_bytes());
        Ok(())
    } else {
        fmt::write(
            &mut Escaping(buffer),
            format_args!("{}", PublicMessage(body.error)),
        )
        .map_err(|_| ())
    }
}

/// Writes a [`Format::Json`] body as [`JsonBody`] serializes it, nested as configured; fails
/// when the message fails to write or a detail fails to serialize.
fn write_json<E: ApiError + ?Sized>(
    body: &Rendered<'_, E>,
    buffer: &mut Vec<u8>,
) -> Result<(), ()> {
    let &Rendered {
        error,
        rendering,
        content,
    } = body;
    let nest_in = rendering.config.nest_in.as_deref();
    if let Some(member) = nest_in {
        buffer.extend_from_slice(b"{\"");
        push_escaped(buffer, member.as_bytes());
        buffer.extend_from_slice(b"\":");
    }
    buffer.extend_from_slice(&STATIC_OPEN);
    push_escaped(buffer, error.code().as_bytes());
    buffer.extend_from_slice(&STATIC_MIDDLE);
    write_message(body, buffer)?;
    buffer.push(b'"');
    if content.has_details() && write_details(error, buffer, Members::Details)? {
        // The `details` object the first detail opened.
        buffer.push(b'}');
    }
    if let Some(id) = rendering.request_id {
        buffer.extend_from_slice(b",\"request_id\":\"");
        push_escaped(buffer, id.as_bytes());
        buffer.push(b'"');
    }
    buffer.push(b'}');
    if nest_in.is_some() {
        buffer.push(b'}');
    }
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

/// Appends the detail `name`, the `index`th, as a member of the object `members` says, opening
/// `details` before the first.
pub(crate) fn write_detail<T: Serialize + ?Sized>(
    buffer: &mut Vec<u8>,
    members: Members<'_>,
    index: usize,
    name: &'static str,
    value: &T,
) -> serde_json::Result<()> {
    let name = match members {
        Members::Details => {
            buffer.extend_from_slice(if index == 0 {
                b",\"details\":{\""
            } else {
                b",\""
            });
            name
        }
        Members::Problem(names) => {
            buffer.extend_from_slice(b",\"");
            names.get(index, name).push(buffer);
            buffer.extend_from_slice(b"\":");
            return serde_json::to_writer(buffer, value);
        }
    };
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
    while let Some(at) = first_to_escape(rest) {
        buffer.extend_from_slice(&rest[..at]);
        let mut escaped = [0u8; 6];
        let len = put_escaped(&mut escaped, 0, &rest[at..=at]);
        buffer.extend_from_slice(&escaped[..len]);
        rest = &rest[at + 1..];
    }
    buffer.extend_from_slice(rest);
}

/// Where the first byte of `text` that needs escaping is: eight bytes at a time, each word
/// tested at once for a control character, a quote or a backslash, and the word that has one
/// searched byte by byte.
fn first_to_escape(text: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // A byte of `word` below `n` (for `n` up to 0x80) sets its high bit in the result.
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS;
    let find = |bytes: &[u8]| {
        bytes
            .iter()
            .position(|&byte| NEEDS_ESCAPE[usize::from(byte)])
    };
    let mut at = 0;
    let mut words = text.chunks_exact(8);
    for chunk in &mut words {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(chunk);
        let word = u64::from_ne_bytes(bytes);
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        if below(word, 0x20) | below(quote, 1) | below(backslash, 1) != 0
            && let Some(i) = find(chunk)
        {
            return Some(at + i);
        }
        at += 8;
    }
    find(words.remainder()).map(|i| at + i)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_search_finds_what_the_byte_search_finds() {
        let naive = |text: &[u8]| text.iter().position(|&b| NEEDS_ESCAPE[usize::from(b)]);
        for byte in 0..=u8::MAX {
            for at in 0..24 {
                for len in at + 1..at + 18 {
                    let mut text = vec![b'a'; len];
                    text[at] = byte;
                    // Bytes around it that are close to the ones searched for.
                    if at > 0 {
                        text[at - 1] = 0x20;
                    }
                    assert_eq!(
                        first_to_escape(&text),
                        naive(&text),
                        "{byte:#x} at {at} of {len}"
                    );
                }
            }
        }
        let mixed = "é€😀\u{7f}\"x".as_bytes();
        assert_eq!(first_to_escape(mixed), naive(mixed));
    }
}
