//! A JSON:API error document, `application/vnd.api+json`:
//! `{"errors":[{"id":...,"status":"404","code":...,"title":...,"detail":...,"meta":{...}}]}`,
//! `id` the request id when it is known, `title` the error's summary (else the reason phrase),
//! `detail` the public message, and the details under `meta` when there are any. An error with
//! field violations is one error object per violation (each with the request id), and the
//! document's `meta` holds the details and how many violations were left out.

use super::{Body, Members, Object, Omitted, Text, detail_count, key, violations};
use crate::api_error::ApiError;
use crate::violation::Violations;

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

/// The document's own `meta` when it lists violations: the error's details and how many
/// violations were left out.
struct DocumentMeta<'a, 'b, E: ?Sized>(&'a Body<'b, E>, &'b Violations);

impl<E: ApiError + ?Sized> Members for DocumentMeta<'_, '_, E> {
    fn write<O: Object>(&self, object: &mut O) -> Result<(), O::Error> {
        let DocumentMeta(body, listed) = self;
        object.details_object(key!("details"), body)?;
        violations::omitted(object, listed)
    }
}

/// Writes the document of `body`: one error object, or one per violation when it has some.
pub(super) fn write<O: Object, E: ApiError + ?Sized>(
    body: &Body<'_, E>,
    object: &mut O,
) -> Result<(), O::Error> {
    let Some(listed) = violations::of(body).filter(|listed| listed.iter().next().is_some()) else {
        return object.array_of_one(key!("errors"), &ErrorObject(body));
    };
    let each = listed.iter().as_slice();
    object.array(key!("errors"), each.len(), |at| {
        violations::JsonApi(body, &each[at])
    })?;
    let meta = DocumentMeta(body, listed);
    if listed.omitted() > 0 || detail_count(body.error) > 0 {
        object.object("meta", &meta)?;
    }
    Ok(())
}
