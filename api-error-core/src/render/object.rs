//! The two kinds of [`Object`]: a serde map, and JSON bytes written straight into a buffer.

use core::fmt;
use std::borrow::Cow;

use serde::ser::{Error as _, Serialize, SerializeMap, Serializer};

use super::{Body, Key, Members, Object, Text, detail_count};
use crate::api_error::ApiError;
use crate::details::{Details, Name, Sink};
use crate::escape::{Escaping, push_escaped};
use crate::members::MemberNames;
use crate::status::reason_phrase;
use crate::violation::Param;

/// An object being serialized as a serde map.
pub(crate) struct SerdeObject<'a, M>(pub(crate) &'a mut M);

impl<M: SerializeMap> Object for SerdeObject<'_, M> {
    type Error = M::Error;

    fn string(&mut self, key: Key, value: Text<'_>) -> Result<(), M::Error> {
        self.0.serialize_entry(key.name(), value.text)
    }

    fn joined(&mut self, key: Key, first: Text<'_>, second: Text<'_>) -> Result<(), M::Error> {
        self.0
            .serialize_entry(key.name(), &Joined(first.text, second.text))
    }

    fn status(&mut self, key: Key, status: u16) -> Result<(), M::Error> {
        self.0.serialize_entry(key.name(), &status)
    }

    fn status_text(&mut self, key: Key, status: u16) -> Result<(), M::Error> {
        self.0.serialize_entry(key.name(), &Status(status))
    }

    fn yes(&mut self, key: Key) -> Result<(), M::Error> {
        self.0.serialize_entry(key.name(), &true)
    }

    fn message<E: ApiError + ?Sized>(
        &mut self,
        key: Key,
        body: &Body<'_, E>,
    ) -> Result<(), M::Error> {
        self.0.serialize_entry(key.name(), &body.message())
    }

    fn details_object<E: ApiError + ?Sized>(
        &mut self,
        key: Key,
        body: &Body<'_, E>,
    ) -> Result<(), M::Error> {
        if detail_count(body.error) == 0 {
            return Ok(());
        }
        self.0.serialize_entry(key.name(), &DetailsMap(body.error))
    }

    fn details_here<E: ApiError + ?Sized>(&mut self, body: &Body<'_, E>) -> Result<(), M::Error> {
        // Named as they come: each name depends only on those before it.
        let mut names = MemberNames::new();
        serialize_details(body.error, self.0, |name| names.next(name).text())
    }

    fn object<N: Members>(&mut self, name: &str, members: &N) -> Result<(), M::Error> {
        self.0.serialize_entry(name, &AsMap(members))
    }

    fn array_of_one<N: Members>(&mut self, key: Key, members: &N) -> Result<(), M::Error> {
        self.0.serialize_entry(key.name(), &[AsMap(members)])
    }

    fn value(&mut self, name: &str, value: &serde_json::Value) -> Result<(), M::Error> {
        self.0.serialize_entry(name, value)
    }

    fn array<N: Members>(
        &mut self,
        key: Key,
        count: usize,
        item: impl Fn(usize) -> N,
    ) -> Result<(), M::Error> {
        self.0.serialize_entry(key.name(), &Sequence(count, item))
    }

    fn count(&mut self, key: Key, count: usize) -> Result<(), M::Error> {
        self.0.serialize_entry(key.name(), &count)
    }

    fn shown(&mut self, key: Key, value: &dyn fmt::Display) -> Result<(), M::Error> {
        self.0.serialize_entry(key.name(), &Shown(value))
    }

    fn param(&mut self, name: &str, value: &Param) -> Result<(), M::Error> {
        self.0.serialize_entry(name, value)
    }

    fn failure() -> M::Error {
        M::Error::custom("the message or a detail of the error could not be written")
    }
}

/// The details of `error` as a JSON object under their declared names; `None` when one fails
/// to serialize.
pub(super) fn details_map<E: ApiError + ?Sized>(
    error: &E,
) -> Option<serde_json::Map<String, serde_json::Value>> {
    match serde_json::to_value(DetailsMap(error)).ok()? {
        serde_json::Value::Object(map) => Some(map),
        _ => None,
    }
}

/// Members serialized as a map of their own.
struct AsMap<'a, N>(&'a N);

impl<N: Members> Serialize for AsMap<'_, N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.0.write(&mut SerdeObject(&mut map))?;
        map.end()
    }
}

/// `count` objects, the `at`th's members written by the function's result for `at`.
struct Sequence<F>(usize, F);

impl<N: Members, F: Fn(usize) -> N> Serialize for Sequence<F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.0))?;
        for at in 0..self.0 {
            seq.serialize_element(&AsMap(&(self.1)(at)))?;
        }
        seq.end()
    }
}

/// What a value displays, as a string.
struct Shown<'a>(&'a dyn fmt::Display);

impl Serialize for Shown<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

/// The details of an error as an object of their own, under their declared names.
struct DetailsMap<'a, E: ?Sized>(&'a E);

impl<E: ApiError + ?Sized> Serialize for DetailsMap<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        serialize_details(self.0, &mut map, Cow::Borrowed)?;
        map.end()
    }
}

/// Serializes each detail of `error` as an entry of `map`, under the name `member` gives it, in
/// order; fails with the first detail that fails.
fn serialize_details<'n, E: ApiError + ?Sized, M: SerializeMap>(
    error: &E,
    map: &mut M,
    mut member: impl FnMut(&'static str) -> Cow<'n, str>,
) -> Result<(), M::Error> {
    let mut failed = None;
    error.details(&mut Details::new(Sink::Erased(&mut |name, value| {
        if failed.is_none()
            && let Err(error) = map.serialize_entry(&*member(name), value)
        {
            failed = Some(error.to_string());
        }
    })));
    match failed {
        Some(message) => Err(M::Error::custom(message)),
        None => Ok(()),
    }
}

/// Two pieces of text serialized as one string.
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

/// A status serialized as a string of its three digits.
struct Status(u16);

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(core::str::from_utf8(&digits(self.0)).unwrap_or_default())
    }
}

/// The three digits of a status (`http` keeps it within 100..=999).
fn digits(status: u16) -> [u8; 3] {
    // Each digit is below 10.
    #[allow(clippy::cast_possible_truncation)]
    let digit = |n: u16| b'0' + (n % 10) as u8;
    [digit(status / 100), digit(status / 10), digit(status)]
}

/// What a cut message ends with.
const ELLIPSIS: &str = "…";

/// Writes text escaped into a buffer up to `limit` bytes from `start`; past it, notes that the
/// text was cut and where it could end with room for [`ELLIPSIS`], and writes nothing more.
struct Cut<'a> {
    buffer: &'a mut Vec<u8>,
    start: usize,
    limit: usize,
    /// Where the text ends, at a character, with room left for the ellipsis.
    kept: usize,
    full: bool,
}

impl fmt::Write for Cut<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let mut one = [0u8; 4];
        for c in text.chars() {
            if self.full {
                return Ok(());
            }
            let before = self.buffer.len();
            push_escaped(self.buffer, c.encode_utf8(&mut one).as_bytes());
            if self.buffer.len() - self.start > self.limit {
                self.buffer.truncate(before);
                self.full = true;
            } else if self.buffer.len() - self.start + ELLIPSIS.len() <= self.limit {
                self.kept = self.buffer.len();
            }
        }
        Ok(())
    }
}

/// An object being written as JSON into a buffer. Writing fails, with `()`, only when the
/// message fails to format or a detail fails to serialize.
pub(crate) struct BytesObject<'a> {
    buffer: &'a mut Vec<u8>,
    empty: bool,
}

impl<'a> BytesObject<'a> {
    /// The contents of a string: copied when it needs no escaping, else escaped.
    #[inline]
    fn text(&mut self, text: Text<'_>) {
        if text.plain {
            self.buffer.extend_from_slice(text.text.as_bytes());
        } else {
            push_escaped(self.buffer, text.text.as_bytes());
        }
    }

    /// Writes a whole object into `buffer`: `{`, what `members` writes, `}`.
    #[inline]
    pub(crate) fn write_whole(
        buffer: &'a mut Vec<u8>,
        members: impl FnOnce(&mut BytesObject<'_>) -> Result<(), ()>,
    ) -> Result<(), ()> {
        buffer.push(b'{');
        let mut object = BytesObject {
            buffer,
            empty: true,
        };
        members(&mut object)?;
        object.buffer.push(b'}');
        Ok(())
    }

    /// Starts the next member: `,"name":` (with no comma before the first).
    #[inline]
    fn key(&mut self, key: Key) {
        let first = core::mem::replace(&mut self.empty, false);
        self.buffer.extend_from_slice(key.start(first));
    }

    #[inline]
    fn separate(&mut self) {
        if !core::mem::replace(&mut self.empty, false) {
            self.buffer.push(b',');
        }
    }

    /// Writes the details of `body` as members, `key` writing what comes before each; tells how
    /// many it wrote, and fails when one fails to serialize.
    #[inline]
    fn details<E: ApiError + ?Sized>(
        &mut self,
        body: &Body<'_, E>,
        key: &mut dyn FnMut(&mut Vec<u8>, usize, Name),
    ) -> Result<usize, ()> {
        if !body.content.has_details() {
            return Ok(0);
        }
        let mut details = Details::new(Sink::Json {
            buffer: self.buffer,
            key,
            written: 0,
            failed: false,
        });
        body.error.details(&mut details);
        if details.succeeded() {
            Ok(details.written())
        } else {
            Err(())
        }
    }
}

impl Object for BytesObject<'_> {
    type Error = ();

    #[inline]
    fn string(&mut self, key: Key, value: Text<'_>) -> Result<(), ()> {
        self.key(key);
        self.buffer.push(b'"');
        self.text(value);
        self.buffer.push(b'"');
        Ok(())
    }

    #[inline]
    fn joined(&mut self, key: Key, first: Text<'_>, second: Text<'_>) -> Result<(), ()> {
        self.key(key);
        self.buffer.push(b'"');
        self.text(first);
        self.text(second);
        self.buffer.push(b'"');
        Ok(())
    }

    #[inline]
    fn status(&mut self, key: Key, status: u16) -> Result<(), ()> {
        self.key(key);
        self.buffer.extend_from_slice(&digits(status));
        Ok(())
    }

    #[inline]
    fn yes(&mut self, key: Key) -> Result<(), ()> {
        self.key(key);
        self.buffer.extend_from_slice(b"true");
        Ok(())
    }

    #[inline]
    fn status_text(&mut self, key: Key, status: u16) -> Result<(), ()> {
        self.key(key);
        self.buffer.push(b'"');
        self.buffer.extend_from_slice(&digits(status));
        self.buffer.push(b'"');
        Ok(())
    }

    #[inline]
    fn message<E: ApiError + ?Sized>(&mut self, key: Key, body: &Body<'_, E>) -> Result<(), ()> {
        self.key(key);
        self.buffer.push(b'"');
        if body.content.has_reason_phrase() {
            // Every attempt after this one has the reason phrase too: the body sent is the
            // declared language's.
            if let Some(translated) = body.translated {
                translated.set_aside.set(true);
            }
            push_escaped(self.buffer, reason_phrase(body.error.status()).as_bytes());
        } else if let Some(limit) = body.content.message_limit() {
            let start = self.buffer.len();
            let mut cut = Cut {
                buffer: self.buffer,
                start,
                limit,
                kept: start,
                full: false,
            };
            fmt::write(&mut cut, format_args!("{}", body.message())).map_err(|_| ())?;
            if cut.full {
                let kept = cut.kept;
                self.buffer.truncate(kept);
                // Where not even the ellipsis fits, the message is empty.
                if kept - start + ELLIPSIS.len() <= limit {
                    self.buffer.extend_from_slice(ELLIPSIS.as_bytes());
                }
            }
        } else if let Some(written) = body.message().write_pieces_json(self.buffer) {
            written.map_err(|_| ())?;
        } else {
            fmt::write(
                &mut Escaping(self.buffer),
                format_args!("{}", body.message()),
            )
            .map_err(|_| ())?;
        }
        self.buffer.push(b'"');
        Ok(())
    }

    #[inline]
    fn details_object<E: ApiError + ?Sized>(
        &mut self,
        key: Key,
        body: &Body<'_, E>,
    ) -> Result<(), ()> {
        // The object is opened by the first detail, so that an error without details has no
        // empty one.
        let first = self.empty;
        let written = self.details(body, &mut |buffer, index, detail| {
            if index == 0 {
                buffer.extend_from_slice(key.start(first));
                buffer.extend_from_slice(b"{\"");
            } else {
                buffer.extend_from_slice(b",\"");
            }
            match detail {
                Name::Given(name) => push_escaped(buffer, name.as_bytes()),
                // The derive declares only names that need no escaping so.
                Name::Declared { name, .. } => buffer.extend_from_slice(name.as_bytes()),
            }
            buffer.extend_from_slice(b"\":");
        })?;
        if written > 0 {
            self.empty = false;
            self.buffer.push(b'}');
        }
        Ok(())
    }

    #[inline]
    fn details_here<E: ApiError + ?Sized>(&mut self, body: &Body<'_, E>) -> Result<(), ()> {
        // Named as they are written: each name depends only on those before it.
        let mut names = MemberNames::new();
        let mut precomputed = true;
        let first = self.empty;
        let written = self.details(body, &mut |buffer, index, detail| {
            if index > 0 || !first {
                buffer.push(b',');
            }
            buffer.push(b'"');
            match detail {
                // The derive's name holds where every detail before it is of its own case,
                // as when a derived error writes its details alone.
                Name::Declared {
                    member, index: at, ..
                } if at == index && precomputed => {
                    names.named(member);
                    buffer.extend_from_slice(member.as_bytes());
                }
                _ => {
                    precomputed = false;
                    names.next(detail.declared()).push(buffer);
                }
            }
            buffer.extend_from_slice(b"\":");
        })?;
        if written > 0 {
            self.empty = false;
        }
        Ok(())
    }

    #[inline]
    fn object<M: Members>(&mut self, name: &str, members: &M) -> Result<(), ()> {
        self.separate();
        self.buffer.push(b'"');
        push_escaped(self.buffer, name.as_bytes());
        self.buffer.extend_from_slice(b"\":");
        BytesObject::write_whole(self.buffer, |object| members.write(object))
    }

    #[inline]
    fn array_of_one<M: Members>(&mut self, key: Key, members: &M) -> Result<(), ()> {
        self.key(key);
        self.buffer.push(b'[');
        BytesObject::write_whole(self.buffer, |object| members.write(object))?;
        self.buffer.push(b']');
        Ok(())
    }

    fn value(&mut self, name: &str, value: &serde_json::Value) -> Result<(), ()> {
        self.separate();
        self.buffer.push(b'"');
        push_escaped(self.buffer, name.as_bytes());
        self.buffer.extend_from_slice(b"\":");
        // A `Value`'s keys are strings: writing it cannot fail.
        serde_json::to_writer(&mut *self.buffer, value).map_err(|_| ())
    }

    fn array<M: Members>(
        &mut self,
        key: Key,
        count: usize,
        item: impl Fn(usize) -> M,
    ) -> Result<(), ()> {
        self.key(key);
        self.buffer.push(b'[');
        for at in 0..count {
            if at > 0 {
                self.buffer.push(b',');
            }
            BytesObject::write_whole(self.buffer, |object| item(at).write(object))?;
        }
        self.buffer.push(b']');
        Ok(())
    }

    fn count(&mut self, key: Key, count: usize) -> Result<(), ()> {
        self.key(key);
        self.buffer
            .extend_from_slice(itoa::Buffer::new().format(count).as_bytes());
        Ok(())
    }

    fn shown(&mut self, key: Key, value: &dyn fmt::Display) -> Result<(), ()> {
        self.key(key);
        self.buffer.push(b'"');
        fmt::write(&mut Escaping(self.buffer), format_args!("{value}")).map_err(|_| ())?;
        self.buffer.push(b'"');
        Ok(())
    }

    fn param(&mut self, name: &str, value: &Param) -> Result<(), ()> {
        self.separate();
        self.buffer.push(b'"');
        push_escaped(self.buffer, name.as_bytes());
        self.buffer.extend_from_slice(b"\":");
        match value {
            Param::Integer(value) => self
                .buffer
                .extend_from_slice(itoa::Buffer::new().format(*value).as_bytes()),
            Param::Text(text) => {
                self.buffer.push(b'"');
                push_escaped(self.buffer, text.as_bytes());
                self.buffer.push(b'"');
            }
            // A number's JSON (`null` when it is not finite) cannot fail to write.
            Param::Number(_) => serde_json::to_writer(&mut *self.buffer, value).map_err(|_| ())?,
        }
        Ok(())
    }

    fn failure() {}
}
