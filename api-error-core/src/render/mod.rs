//! Rendering an error in a format. Each format is one module that states, once, which members
//! it writes, in which order and under which names, as a [`Members`] writing into any
//! [`Object`]; an [`Object`] is either a serde map (for `Serialize`) or the bytes of the
//! response (for speed), so that the two cannot disagree.

mod json;
mod json_api;
mod object;
mod own;
mod problem;
pub(crate) mod violations;

use std::cell::RefCell;

use bytes::Bytes;
use serde::ser::{SerializeMap, Serializer};

use crate::api_error::ApiError;
use crate::arguments::{Argument, Arguments};
use crate::context::Rendering;
use crate::details::{Details, Sink};
use crate::escape::{Escaping, push_escaped};
use crate::format::Format;
use crate::localize::{Erased, Localizer, Part, Translation, Wording};
use crate::message::PublicMessage;
use crate::status::reason_phrase;
use crate::violation::Param;

pub use json::{static_body, static_body_len};
use object::{BytesObject, SerdeObject};

/// The name of a member a format writes, with the bytes that start that member in a JSON
/// object (`,"code":`), made by [`key!`] when the program is built: the formats' own names are
/// literals that need no escaping.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key {
    name: &'static str,
    /// `,"name":`; without its comma for an object's first member.
    start: &'static str,
}

impl Key {
    pub(crate) const fn new(name: &'static str, start: &'static str) -> Self {
        Key { name, start }
    }

    /// The member's name.
    pub(crate) const fn name(self) -> &'static str {
        self.name
    }

    /// What starts the member: `,"name":`, or `"name":` for the first of its object.
    pub(crate) fn start(self, first: bool) -> &'static [u8] {
        let start = self.start.as_bytes();
        if first { &start[1..] } else { start }
    }
}

/// The [`Key`] of a member called `$name`.
macro_rules! key {
    ($name:literal) => {
        $crate::render::Key::new($name, concat!(",\"", $name, "\":"))
    };
}
pub(crate) use key;

/// A JSON object being written, member by member.
pub(crate) trait Object {
    /// Why a member could not be written.
    type Error;

    /// A string member.
    fn string(&mut self, key: Key, value: Text<'_>) -> Result<(), Self::Error>;

    /// A string member written in two pieces, with no allocation.
    fn joined(&mut self, key: Key, first: Text<'_>, second: Text<'_>) -> Result<(), Self::Error>;

    /// A status as a number, `404`.
    fn status(&mut self, key: Key, status: u16) -> Result<(), Self::Error>;

    /// A status as a string, `"404"`.
    fn status_text(&mut self, key: Key, status: u16) -> Result<(), Self::Error>;

    /// `true`.
    fn yes(&mut self, key: Key) -> Result<(), Self::Error>;

    /// The error's public message (its reason phrase, where the body degrades).
    fn message<E: ApiError + ?Sized>(
        &mut self,
        key: Key,
        body: &Body<'_, E>,
    ) -> Result<(), Self::Error>;

    /// The details, as the members of an object under `key`; nothing when there are none.
    fn details_object<E: ApiError + ?Sized>(
        &mut self,
        key: Key,
        body: &Body<'_, E>,
    ) -> Result<(), Self::Error>;

    /// The details, as members of this object under their problem details names.
    fn details_here<E: ApiError + ?Sized>(&mut self, body: &Body<'_, E>)
    -> Result<(), Self::Error>;

    /// An object member, called `name` (escaped: it may come from the configuration).
    fn object<M: Members>(&mut self, name: &str, members: &M) -> Result<(), Self::Error>;

    /// An array of one object.
    fn array_of_one<M: Members>(&mut self, key: Key, members: &M) -> Result<(), Self::Error>;

    /// A member holding any JSON value, called `name` (escaped: a format of one's own names it).
    fn value(&mut self, name: &str, value: &serde_json::Value) -> Result<(), Self::Error>;

    /// An array of `count` objects, the members of the `at`th written by `item(at)`.
    fn array<M: Members>(
        &mut self,
        key: Key,
        count: usize,
        item: impl Fn(usize) -> M,
    ) -> Result<(), Self::Error>;

    /// A whole number.
    fn count(&mut self, key: Key, count: usize) -> Result<(), Self::Error>;

    /// A string member, what `value` displays (escaped).
    fn shown(&mut self, key: Key, value: &dyn core::fmt::Display) -> Result<(), Self::Error>;

    /// A violation's parameter, called `name` (escaped).
    fn param(&mut self, name: &str, value: &Param) -> Result<(), Self::Error>;

    /// The failure of a part of the body, as a format of one's own reports it.
    fn failure() -> Self::Error;
}

/// The one member of an object whose details were left out for the body's size:
/// `"details_omitted":true`.
pub(crate) struct Omitted;

impl Members for Omitted {
    fn write<O: Object>(&self, object: &mut O) -> Result<(), O::Error> {
        object.yes(key!("details_omitted"))
    }
}

/// The members of an object, written into any [`Object`].
pub(crate) trait Members {
    /// Writes every member, in order.
    fn write<O: Object>(&self, object: &mut O) -> Result<(), O::Error>;
}

/// How much of an error a body holds: all of it, or less when a part fails to write or the
/// whole would be longer than the configuration allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Content {
    /// Whether the details are written.
    details: bool,
    /// Whether the reason phrase stands for the message, which failed to format.
    reason_phrase: bool,
    /// Whether the details were left out for the body's size, which the body then says.
    omitted: bool,
    /// The most bytes of the message written, escaped; a longer one is cut at a character and
    /// ends with `…`.
    message_limit: Option<usize>,
}

impl Content {
    /// Everything.
    const WHOLE: Content = Content {
        details: true,
        reason_phrase: false,
        omitted: false,
        message_limit: None,
    };

    /// What a response tries, from the whole to the least, until one writes: without the details
    /// when one fails to serialize, with the reason phrase for a message that fails to format.
    const LADDER: [Content; 4] = [
        Content::WHOLE,
        Content {
            details: false,
            ..Content::WHOLE
        },
        Content {
            reason_phrase: true,
            ..Content::WHOLE
        },
        Content {
            details: false,
            reason_phrase: true,
            ..Content::WHOLE
        },
    ];

    pub(crate) fn has_details(self) -> bool {
        self.details
    }

    pub(crate) fn has_reason_phrase(self) -> bool {
        self.reason_phrase
    }

    /// Whether the body says that its details were left out.
    pub(crate) fn details_omitted(self) -> bool {
        self.omitted
    }

    pub(crate) fn message_limit(self) -> Option<usize> {
        self.message_limit
    }
}

/// An error with what it is rendered by, and how much of it the body holds.
pub(crate) struct Body<'a, E: ?Sized> {
    pub(crate) error: &'a E,
    pub(crate) rendering: Rendering<'a>,
    pub(crate) content: Content,
    /// The message's translation in the rendering's language, which stands for the declared
    /// message when there is one.
    pub(crate) translated: Option<&'a Translation<'a>>,
}

impl<E: ApiError + ?Sized> Body<'_, E> {
    /// The error's code.
    fn code(&self) -> Text<'static> {
        Text {
            text: self.error.code(),
            plain: self.error.plain_strings(),
        }
    }

    /// The public message: its translation, else the declared message.
    pub(crate) fn message(&self) -> Message<'_, E> {
        Message::of(self.translated, self.error)
    }

    /// What the error is, in words that do not change from one occurrence to the next: the
    /// translation's `.title`, else its summary, else its status's reason phrase.
    fn title(&self) -> Text<'_> {
        // With the reason phrase for a message that failed to format, the body is the declared
        // language's, its title too.
        if let Some(title) = self
            .translated
            .filter(|_| !self.content.has_reason_phrase())
            .and_then(|translated| translated.title.as_deref())
        {
            return Text::any(title);
        }
        match self.error.summary() {
            Some(summary) => Text {
                text: summary,
                plain: self.error.plain_strings(),
            },
            None => Text::plain(reason_phrase(self.error.status())),
        }
    }
}

impl<'a, E: ApiError + ?Sized> Message<'a, E> {
    /// The message of `error`: its translation when there is one, else the declared message.
    pub(crate) fn of(translated: Option<&'a Translation<'a>>, error: &'a E) -> Self {
        match translated {
            Some(Translation {
                message: Wording::Formatted(text),
                ..
            }) => Message::Translated(text),
            Some(Translation {
                message:
                    Wording::Pieces {
                        pieces,
                        isolate,
                        in_order,
                    },
                ..
            }) => Message::Pieces {
                pieces,
                isolate: *isolate,
                in_order: *in_order,
                error,
            },
            None => Message::Declared(PublicMessage(error)),
        }
    }
}

/// The message a body shows.
pub(crate) enum Message<'a, E: ?Sized> {
    Translated(&'a str),
    /// A translation written piece by piece, with the error's values.
    Pieces {
        pieces: &'a [Part],
        isolate: bool,
        in_order: bool,
        error: &'a E,
    },
    Declared(PublicMessage<'a, E>),
}

/// Where the pieces of a message are written: a formatter (the message's `Display`), or the
/// contents of a JSON string, into which text that needs no escaping and integers go as they
/// are.
trait PieceSink {
    /// Writes a piece of text, `plain` when it needs no JSON escaping.
    fn text(&mut self, text: &str, plain: bool) -> core::fmt::Result;

    /// Writes a value a message shows, between isolation marks when `isolate`: a number as
    /// Fluent formats one, anything else as it displays.
    fn value(&mut self, value: Argument<'_>, isolate: bool) -> core::fmt::Result;
}

/// The Unicode isolation marks Fluent puts around a value: first strong isolate, pop.
const ISOLATE: (&str, &str) = ("\u{2068}", "\u{2069}");

/// The integer `number` is, where its digits as an integer are the float's as Fluent writes
/// them (the float's formatting costs more than the rest of a short message).
fn integer(number: f64) -> Option<i64> {
    // Exact: the float is an integer within what an `i64` holds.
    #[allow(clippy::cast_possible_truncation)]
    (number.fract() == 0.0
        && number.abs() < 9_007_199_254_740_992.0
        && !(number == 0.0 && number.is_sign_negative()))
    .then_some(number as i64)
}

impl PieceSink for core::fmt::Formatter<'_> {
    fn text(&mut self, text: &str, _: bool) -> core::fmt::Result {
        self.write_str(text)
    }

    fn value(&mut self, value: Argument<'_>, isolate: bool) -> core::fmt::Result {
        if isolate {
            self.write_str(ISOLATE.0)?;
        }
        match value {
            Argument::Number(number) => match integer(number) {
                Some(integer) => core::fmt::Display::fmt(&integer, self),
                None => core::fmt::Display::fmt(&number, self),
            },
            Argument::Text(text) => text.fmt(self),
        }?;
        if isolate {
            self.write_str(ISOLATE.1)?;
        }
        Ok(())
    }
}

/// The contents of a JSON string a body is writing.
pub(crate) struct JsonString<'a>(pub(crate) &'a mut Vec<u8>);

impl PieceSink for JsonString<'_> {
    fn text(&mut self, text: &str, plain: bool) -> core::fmt::Result {
        if plain {
            self.0.extend_from_slice(text.as_bytes());
        } else {
            push_escaped(self.0, text.as_bytes());
        }
        Ok(())
    }

    fn value(&mut self, value: Argument<'_>, isolate: bool) -> core::fmt::Result {
        // The isolation marks and an integer's digits need no escaping.
        if isolate {
            self.0.extend_from_slice(ISOLATE.0.as_bytes());
        }
        match value {
            Argument::Number(number) => match integer(number) {
                Some(integer) => {
                    self.0
                        .extend_from_slice(itoa::Buffer::new().format(integer).as_bytes());
                }
                None => core::fmt::write(&mut Escaping(self.0), format_args!("{number}"))?,
            },
            Argument::Text(text) => {
                core::fmt::write(&mut Escaping(self.0), format_args!("{text}"))?;
            }
        }
        if isolate {
            self.0.extend_from_slice(ISOLATE.1.as_bytes());
        }
        Ok(())
    }
}

/// Writes `pieces` with the values `error` passes to `sink`, each between isolation marks when
/// `isolate`: in one pass over the arguments when the variables come `in_order`, else one pass
/// a variable.
fn write_pieces<S: PieceSink + ?Sized, E: ApiError + ?Sized>(
    sink: &mut S,
    pieces: &[Part],
    isolate: bool,
    in_order: bool,
    error: &E,
) -> core::fmt::Result {
    if !in_order {
        return write_each(sink, pieces, isolate, error);
    }
    let mut next = 0;
    let mut written = Ok(());
    error.message_arguments(&mut Arguments::new(&mut |given, value| {
        if written.is_err() {
            return;
        }
        while let Some(Part::Text(text, plain)) = pieces.get(next) {
            if let Err(error) = sink.text(text, *plain) {
                written = Err(error);
                return;
            }
            next += 1;
        }
        if let Some(Part::Variable(name)) = pieces.get(next)
            && given == &**name
        {
            written = sink.value(value, isolate);
            next += 1;
        }
    }));
    written?;
    // What the pass did not reach: the text after the last variable, or, when a variable the
    // error names was not passed, the rest, each variable looked for on its own.
    write_each(sink, &pieces[next.min(pieces.len())..], isolate, error)
}

/// Writes `pieces` to `sink`, each variable found by a pass over the error's arguments of its
/// own (one that is not passed writes nothing).
fn write_each<S: PieceSink + ?Sized, E: ApiError + ?Sized>(
    sink: &mut S,
    pieces: &[Part],
    isolate: bool,
    error: &E,
) -> core::fmt::Result {
    for piece in pieces {
        match piece {
            Part::Text(text, plain) => sink.text(text, *plain)?,
            Part::Variable(name) => {
                let mut written = Ok(());
                let mut found = false;
                error.message_arguments(&mut Arguments::new(&mut |given, value| {
                    if !found && given == &**name {
                        found = true;
                        written = sink.value(value, isolate);
                    }
                }));
                written?;
            }
        }
    }
    Ok(())
}

impl<E: ApiError + ?Sized> Message<'_, E> {
    /// Writes a translation's pieces as the contents of a JSON string: what the message's
    /// `Display` writes, escaped, with the text that needs no escaping copied as it is; `None`
    /// for a message of another kind.
    pub(crate) fn write_pieces_json(&self, buffer: &mut Vec<u8>) -> Option<core::fmt::Result> {
        match self {
            Message::Pieces {
                pieces,
                isolate,
                in_order,
                error,
            } => Some(write_pieces(
                &mut JsonString(buffer),
                pieces,
                *isolate,
                *in_order,
                *error,
            )),
            _ => None,
        }
    }
}

impl<E: ApiError + ?Sized> core::fmt::Display for Message<'_, E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Message::Translated(text) => f.write_str(text),
            Message::Pieces {
                pieces,
                isolate,
                in_order,
                error,
            } => write_pieces(f, pieces, *isolate, *in_order, *error),
            Message::Declared(message) => message.fmt(f),
        }
    }
}

impl<E: ApiError + ?Sized> serde::Serialize for Message<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Message::Translated(text) => serializer.serialize_str(text),
            // Written first: a value whose `Display` fails is an error, not a panic of the
            // serializer's.
            Message::Pieces { .. } => {
                let mut text = String::new();
                match core::fmt::write(&mut text, format_args!("{self}")) {
                    Ok(()) => serializer.serialize_str(&text),
                    Err(_) => Err(serde::ser::Error::custom("the message failed to format")),
                }
            }
            Message::Declared(message) => message.serialize(serializer),
        }
    }
}

/// The translation of `error`'s message in the language of `rendering`, when its configuration
/// has a localizer and it translates the error.
pub(crate) fn translated<'r, E: ApiError + ?Sized>(
    error: &E,
    rendering: Rendering<'r>,
) -> Option<Translation<'r>> {
    translated_by(rendering.config.localized_by()?, error, rendering)
}

/// [`translated`] by `localizer`, the configuration's.
#[inline]
pub(crate) fn translated_by<'r, E: ApiError + ?Sized>(
    localizer: &'r dyn Localizer,
    error: &E,
    rendering: Rendering<'r>,
) -> Option<Translation<'r>> {
    let index = usize::try_from(rendering.language.index).ok()?;
    localizer.translate(&Erased::new(error), index, rendering.sent)
}

/// A string a format writes, and whether it is known to need no JSON escaping, so that the
/// bytes copy it as it is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text<'a> {
    pub(crate) text: &'a str,
    pub(crate) plain: bool,
}

impl<'a> Text<'a> {
    /// A string that may need escaping: anything a client or a user's code could have written.
    pub(crate) const fn any(text: &'a str) -> Self {
        Text { text, plain: false }
    }

    /// A string that needs none: a reason phrase, a constant of this crate's.
    pub(crate) const fn plain(text: &'a str) -> Self {
        Text { text, plain: true }
    }
}

/// Writes the members of `body` in `format` into `object`.
fn write<O: Object, E: ApiError + ?Sized>(
    format: Format,
    body: &Body<'_, E>,
    object: &mut O,
) -> Result<(), O::Error> {
    match format {
        Format::Json => json::write(body, object),
        Format::Problem => problem::write(body, object),
        Format::JsonApi => json_api::write(body, object),
        Format::Own(own) => own::write(own, body, object),
    }
}

/// Serializes the whole body of `error` in `rendering`: a part that fails is the caller's
/// error, since the caller asked for exactly this body.
pub(crate) fn serialize<S: Serializer, E: ApiError + ?Sized>(
    error: &E,
    rendering: Rendering<'_>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let translated = translated(error, rendering);
    let body = Body {
        error,
        rendering,
        content: Content::WHOLE,
        translated: translated.as_ref(),
    };
    let mut map = serializer.serialize_map(None)?;
    write(
        rendering.format_of(error),
        &body,
        &mut SerdeObject(&mut map),
    )?;
    map.end()
}

/// Writes the body of `error` in `format` into `buffer`, degrading instead of failing: without
/// the details when one of them fails to serialize, and with the reason phrase for a message
/// that fails to format. A body longer than the configuration's
/// [`max_body_len`](crate::Config::max_body_len) goes without its details, saying so, and then,
/// if it is still too long, with its message cut to what fits (never below the code, the other
/// fixed members and the marker).
pub(crate) fn write_body<E: ApiError + ?Sized>(
    error: &E,
    rendering: Rendering<'_>,
    translated: Option<&Translation<'_>>,
    format: Format,
    buffer: &mut Vec<u8>,
) {
    let mut attempt = |content| {
        buffer.clear();
        let body = Body {
            error,
            rendering,
            content,
            translated,
        };
        BytesObject::write_whole(buffer, |object| write(format, &body, object))
            .map(|()| buffer.len())
    };
    let mut written = None;
    for content in Content::LADDER {
        if let Ok(len) = attempt(content) {
            written = Some((content, len));
            break;
        }
    }
    let limit = rendering.config.body_limit();
    let Some((content, len)) = written.filter(|&(_, len)| len > limit) else {
        return;
    };
    // What is written when an attempt below fails after one succeeded (a `Display` that fails
    // only some of the time): the code and the reason phrase, which cannot fail.
    let least = Content::LADDER[Content::LADDER.len() - 1];
    // Too long: the details go first, and the body says so when it had any.
    let cut = Content {
        details: false,
        omitted: content.details
            && (detail_count(error) > 0 || error.violations().is_some_and(|v| !v.is_empty())),
        ..content
    };
    // Without details to leave out, the body is the one just written.
    let len_without_details = if content.details {
        let Ok(len) = attempt(cut) else {
            let _ = attempt(least);
            return;
        };
        len
    } else {
        len
    };
    if len_without_details <= limit {
        return;
    }
    // Still too long: the message gets what the rest leaves, down to nothing.
    let rest = attempt(Content {
        message_limit: Some(0),
        ..cut
    });
    let budget = rest.map_or(0, |rest| limit.saturating_sub(rest));
    match attempt(Content {
        message_limit: Some(budget),
        ..cut
    }) {
        // Under a limit below the floor, saying the details were left out can take more room
        // than they did: never send a cut body longer than the whole one.
        Ok(cut_len) if cut_len > len => {
            let _ = attempt(content);
        }
        Ok(_) => {}
        Err(()) => {
            let _ = attempt(least);
        }
    }
}

/// How many details `error` has.
pub(super) fn detail_count<E: ApiError + ?Sized>(error: &E) -> usize {
    let mut count = 0;
    error.details(&mut Details::new(Sink::Count(&mut count)));
    count
}

/// The largest scratch buffer a thread keeps from one body to the next.
const SCRATCH_KEPT: usize = 16 * 1024;

thread_local! {
    /// Bodies are written into this buffer and copied out at their exact size, so that a body
    /// costs one allocation, the size of the body.
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The body's bytes; see [`write_body`].
pub(crate) fn body_bytes<E: ApiError + ?Sized>(
    error: &E,
    rendering: Rendering<'_>,
    translated: Option<&Translation<'_>>,
    format: Format,
) -> Bytes {
    let reused = SCRATCH.try_with(|scratch| {
        let mut buffer = scratch.try_borrow_mut().ok()?;
        write_body(error, rendering, translated, format, &mut buffer);
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
        write_body(error, rendering, translated, format, &mut buffer);
        Bytes::from(buffer)
    })
}
