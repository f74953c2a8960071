//! The default body, `application/json`:
//! `{"code":...,"message":...,"details":{...},"violations":[...],"request_id":...}`, `details`
//! and `violations` only when the error has some and `request_id` only when the request is
//! known; nested in one member when the configuration says so.

use super::{Body, Members, Object, Omitted, Text, key, violations};
use crate::api_error::ApiError;

/// The members of the body, without the member it may be nested in.
struct Json<'a, 'b, E: ?Sized>(&'a Body<'b, E>);

impl<E: ApiError + ?Sized> Members for Json<'_, '_, E> {
    fn write<O: Object>(&self, object: &mut O) -> Result<(), O::Error> {
        let body = self.0;
        object.string(key!("code"), body.code())?;
        object.message(key!("message"), body)?;
        object.details_object(key!("details"), body)?;
        if body.content.details_omitted() {
            Omitted.write(object)?;
        }
        violations::json(object, body)?;
        if let Some(id) = body.rendering.request_id {
            object.string(key!("request_id"), Text::any(id))?;
        }
        Ok(())
    }
}

/// Writes the body, nested as configured.
pub(super) fn write<O: Object, E: ApiError + ?Sized>(
    body: &Body<'_, E>,
    object: &mut O,
) -> Result<(), O::Error> {
    match body.rendering.config.nested_in() {
        Some(member) => object.object(member, &Json(body)),
        None => Json(body).write(object),
    }
}

/// The length of [`static_body`] for `code` and `message`.
#[must_use]
pub const fn static_body_len(code: &str, message: &str) -> usize {
    api_error_rules::static_body_len(code, message)
}

/// The body [`write`] writes for an error without details, not nested and for no request in
/// particular, `{"code":"...","message":"..."}`, built at compile time by the writer the derive
/// uses for its byte strings too; `N` is [`static_body_len`]. The response checks it against
/// [`write`] in debug builds.
///
/// # Panics
///
/// When `N` is not [`static_body_len`], which fails the build of the constant that calls it.
#[must_use]
pub const fn static_body<const N: usize>(code: &str, message: &str) -> [u8; N] {
    let mut out = [0u8; N];
    let at = api_error_rules::write_static_body(&mut out, code, message);
    assert!(
        at == N,
        "static_body needs N = static_body_len(code, message)"
    );
    out
}
