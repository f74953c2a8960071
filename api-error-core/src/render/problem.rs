//! RFC 9457 problem details, `application/problem+json`: `type`, `title`, `status`, `detail`,
//! `instance` (when the request id is known), `code`, then one extension member per detail,
//! named by [`MemberNames`](crate::members::MemberNames), and the field violations as `errors`.

use super::{Body, Members, Object, Omitted, Text, key, violations};
use crate::api_error::ApiError;
use crate::status::reason_phrase;

/// Writes the problem details of `body`.
pub(super) fn write<O: Object, E: ApiError + ?Sized>(
    body: &Body<'_, E>,
    object: &mut O,
) -> Result<(), O::Error> {
    let error = body.error;
    let config = body.rendering.config;
    // With a type base, `title` describes the type; for `about:blank`, RFC 9457 asks for the
    // reason phrase.
    let title = match config.type_base() {
        Some((base, plain)) => {
            object.joined(key!("type"), Text { text: base, plain }, body.code())?;
            body.title()
        }
        None => {
            object.string(key!("type"), Text::plain("about:blank"))?;
            Text::plain(reason_phrase(error.status()))
        }
    };
    object.string(key!("title"), title)?;
    object.status(key!("status"), error.status().as_u16())?;
    object.message(key!("detail"), body)?;
    if let Some(id) = body.rendering.request_id {
        let (prefix, plain) = config.instance_prefix();
        object.joined(
            key!("instance"),
            Text {
                text: prefix,
                plain,
            },
            Text::any(id),
        )?;
    }
    object.string(key!("code"), body.code())?;
    object.details_here(body)?;
    violations::problem(object, body)?;
    if body.content.details_omitted() {
        Omitted.write(object)?;
    }
    Ok(())
}
