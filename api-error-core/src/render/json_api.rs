//! A JSON:API error document, `application/vnd.api+json`:
//! `{"errors":[{"id":...,"status":"404","code":...,"title":...,"detail":...,"meta":{...}}]}`,
//! `id` the request id when it is known, `title` the error's summary (else the reason phrase),
//! `detail` the public message, and the details under `meta` when there are any.

use super::{Body, Members, Object, Omitted, Text, key};
use crate::api_error::ApiError;

/// The one error object of the document.
struct ErrorObject<'a, 'b, E: ?Sized>(&'a Body<'b, E>);

impl<E: ApiError + ?Sized> Members for ErrorObject<'_, '_, E> {
    fn write<O: Object>(&self, object: &mut O) -> Result<(), O::Error> {
        let body = self.0;
        if let Some(id) = body.rendering.request_id {
            object.string(key!("id"), Text::any(id))?;
        }
        object.status_text(key!("status"), body.error.status().as_u16())?;
        object.string(key!("code"), body.code())?;
        object.string(key!("title"), body.title())?;
        object.message(key!("detail"), body)?;
        if body.content.details_omitted() {
            object.object("meta", &Omitted)
        } else {
            object.details_object(key!("meta"), body)
        }
    }
}

/// Writes the document of `body`.
pub(super) fn write<O: Object, E: ApiError + ?Sized>(
    body: &Body<'_, E>,
    object: &mut O,
) -> Result<(), O::Error> {
    object.array_of_one(key!("errors"), &ErrorObject(body))
}
