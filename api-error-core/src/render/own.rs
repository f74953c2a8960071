//! A format of one's own ([`OwnFormat`]): the parts the built-in formats write from, given to
//! the format's function as an [`ErrorView`], and the members it gives back written in its
//! order.

use core::fmt::Write as _;

use serde_json::Map;

use super::{Body, Object};
use crate::api_error::ApiError;
use crate::escape::push_escaped;
use crate::format::{ErrorView, OwnFormat};
use crate::status::reason_phrase;

/// Writes the body of `body` in `own` into `object`; fails as a built-in format does, when the
/// message fails to format or a detail fails to serialize, so that the body degrades the same
/// way.
pub(super) fn write<O: Object, E: ApiError + ?Sized>(
    own: &OwnFormat,
    body: &Body<'_, E>,
    object: &mut O,
) -> Result<(), O::Error> {
    let error = body.error;
    let message = message(body).ok_or_else(O::failure)?;
    let details = if body.content.has_details() {
        super::object::details_map(error).ok_or_else(O::failure)?
    } else {
        Map::new()
    };
    let title = body.title();
    let view = ErrorView {
        code: error.code(),
        status: error.status(),
        message: &message,
        title: title.text,
        details: &details,
        details_omitted: body.content.details_omitted(),
        request_id: body.rendering.request_id,
        violations: super::violations::of(body),
    };
    for (name, value) in &own.members(&view) {
        object.value(name, value)?;
    }
    Ok(())
}

/// The public message as the body shows it: the reason phrase where the message failed to
/// format, else the message (translated where a translation stands), cut to the content's
/// limit; `None` when it fails to format.
fn message<E: ApiError + ?Sized>(body: &Body<'_, E>) -> Option<String> {
    if body.content.has_reason_phrase() {
        if let Some(translated) = body.translated {
            translated.set_aside.set(true);
        }
        return Some(reason_phrase(body.error.status()).to_owned());
    }
    let mut text = String::new();
    write!(text, "{}", body.message()).ok()?;
    Some(match body.content.message_limit() {
        Some(limit) => cut(&text, limit),
        None => text,
    })
}

/// What ends a message cut for the body's length.
const ELLIPSIS: char = '…';

/// `text` cut so that, escaped in a JSON string, it takes at most `limit` bytes, ending with
/// `…` when it was cut and that fits.
fn cut(text: &str, limit: usize) -> String {
    let (mut escaped, mut kept) = (0, 0);
    let mut one = Vec::with_capacity(6);
    let mut utf8 = [0u8; 4];
    for (at, c) in text.char_indices() {
        one.clear();
        push_escaped(&mut one, c.encode_utf8(&mut utf8).as_bytes());
        escaped += one.len();
        if escaped > limit {
            let mut out = text[..kept].to_owned();
            if ELLIPSIS.len_utf8() <= limit {
                out.push(ELLIPSIS);
            }
            return out;
        }
        if escaped + ELLIPSIS.len_utf8() <= limit {
            kept = at + c.len_utf8();
        }
    }
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn a_message_is_cut_at_a_character_with_room_for_the_ellipsis() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("0123456789", 10), "0123456789");
        assert_eq!(cut("0123456789a", 10), "0123456…");
        // A quote takes two bytes escaped.
        assert_eq!(cut("\"\"\"\"\"\"", 7), "\"\"…");
        assert_eq!(cut("ab", 1), "");
    }
}
