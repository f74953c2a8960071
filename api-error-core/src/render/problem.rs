//! RFC 9457 problem details, `application/problem+json`: `type`, `title`, `status`, `detail`,
//! `instance` (when the request id is known), `code`, then one extension member per detail,
//! named by [`MemberNames`](crate::members::MemberNames).

use super::{Body, Members, Object, Omitted, key};
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
        Some(base) => {
            object.joined(key!("type"), base, error.code())?;
            body.title()
        }
        None => {
            object.string(key!("type"), "about:blank")?;
            reason_phrase(error.status())
        }
    };
    object.string(key!("title"), title)?;
    object.status(key!("status"), error.status().as_u16())?;
    object.message(key!("detail"), body)?;
    if let Some(id) = body.rendering.request_id {
        object.joined(key!("instance"), config.instance_prefix(), id)?;
    }
    object.string(key!("code"), error.code())?;
    object.details_here(body)?;
    if body.content.details_omitted() {
        Omitted.write(object)?;
    }
    Ok(())
}
