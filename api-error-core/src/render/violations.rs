//! An error's field violations, in each format's convention, stated once as [`Members`]:
//! - the default body: `"violations":[{"in":"body","field":"/quantity","reason":"range",
//!   "message":"...","params":{"min":1}}]`;
//! - problem details, as RFC 9457's example has it: `"errors":[{"detail":"...",
//!   "pointer":"#/quantity","reason":"range","params":{...}}]`, a parameter as
//!   `"parameter":"limit","in":"query"` and a header as `"header":"Idempotency-Key"`;
//! - JSON:API: one error object per violation, with `source.pointer`, `source.parameter` (a
//!   query parameter) or `source.header`, and the reason under `meta`.
//!
//! Each format then says how many were left out, as `violations_omitted`, when some were.

use std::borrow::Cow;

use http::HeaderValue;

use super::{Body, Key, Members, Object, Text, key};
use crate::api_error::ApiError;
use crate::context::Rendering;
use crate::violation::{Location, MESSAGE_MAX, Violation, Violations, capped};

/// The violations `body` writes: none when its details are left out.
pub(super) fn of<'a, E: ApiError + ?Sized>(body: &Body<'a, E>) -> Option<&'a Violations> {
    body.content
        .has_details()
        .then(|| body.error.violations())
        .flatten()
        .filter(|violations| !violations.is_empty())
}

/// The message of `violation` for `body`: its translation in the body's language, else its own.
fn message<'b, E: ApiError + ?Sized>(body: &Body<'b, E>, violation: &'b Violation) -> Cow<'b, str> {
    // A body that fell back to the reason phrase is the declared language's throughout.
    let translated = if body.content.has_reason_phrase() {
        None
    } else {
        translated(body.rendering, violation).map(|(text, _)| text)
    };
    translated.unwrap_or(Cow::Borrowed(violation.message()))
}

/// The message of `violation` in the language of `rendering`, with the language it is in, when
/// the configuration's localizer words it.
pub(crate) fn translated<'r>(
    rendering: Rendering<'r>,
    violation: &Violation,
) -> Option<(Cow<'r, str>, &'r HeaderValue)> {
    let localizer = rendering.config.localized_by()?;
    let language = usize::try_from(rendering.language.index).ok()?;
    let (text, language) = localizer
        .translate_violation(violation, language, rendering.sent)?
        .into_text()?;
    // A translation may show the field, which is the client's: it is cut as a message is.
    Some((capped(text, MESSAGE_MAX, true), language))
}

/// The reason's parameters, as an object.
struct Params<'a>(&'a Violation);

impl Members for Params<'_> {
    fn write<O: Object>(&self, object: &mut O) -> Result<(), O::Error> {
        for (name, value) in self.0.params() {
            object.param(name, value)?;
        }
        Ok(())
    }
}

/// The reason and its parameters, the members every format writes after the location.
fn reason<O: Object>(object: &mut O, violation: &Violation) -> Result<(), O::Error> {
    object.string(key!("reason"), Text::any(violation.reason()))?;
    if violation.params().len() > 0 {
        object.object("params", &Params(violation))?;
    }
    Ok(())
}

/// `"violations_omitted":N`, when some were left out.
pub(super) fn omitted<O: Object>(object: &mut O, violations: &Violations) -> Result<(), O::Error> {
    match violations.omitted() {
        0 => Ok(()),
        count => object.count(key!("violations_omitted"), count),
    }
}

/// A violation in the default body.
struct Json<'a, 'b, E: ?Sized>(&'a Body<'b, E>, &'b Violation);

impl<E: ApiError + ?Sized> Members for Json<'_, '_, E> {
    fn write<O: Object>(&self, object: &mut O) -> Result<(), O::Error> {
        let Json(body, violation) = self;
        object.string(key!("in"), Text::plain(violation.location().place()))?;
        object.shown(key!("field"), violation.location())?;
        reason(object, violation)?;
        object.string(key!("message"), Text::any(&message(body, violation)))
    }
}

/// Writes the violations of `body` under `key`, each as `item` makes its members, then how many
/// were left out.
fn list<'b, O: Object, E: ApiError + ?Sized, M: Members>(
    object: &mut O,
    body: &Body<'b, E>,
    key: Key,
    item: impl Fn(&'b Violation) -> M,
) -> Result<(), O::Error> {
    let Some(violations) = of(body) else {
        return Ok(());
    };
    let listed = violations.iter().as_slice();
    object.array(key, listed.len(), |at| item(&listed[at]))?;
    omitted(object, violations)
}

/// Writes the violations of `body` as the default body has them.
pub(super) fn json<O: Object, E: ApiError + ?Sized>(
    object: &mut O,
    body: &Body<'_, E>,
) -> Result<(), O::Error> {
    list(object, body, key!("violations"), |violation| {
        Json(body, violation)
    })
}

/// Where a violation is, as problem details say it.
fn problem_location<O: Object>(object: &mut O, location: &Location) -> Result<(), O::Error> {
    match location {
        Location::Body(pointer) => object.shown(key!("pointer"), &pointer.fragment()),
        Location::Query(name) | Location::Path(name) => {
            object.string(key!("parameter"), Text::any(name))?;
            object.string(key!("in"), Text::plain(location.place()))
        }
        Location::Header(name) => object.string(key!("header"), Text::any(name)),
    }
}

/// A violation in problem details' `errors`.
struct Problem<'a, 'b, E: ?Sized>(&'a Body<'b, E>, &'b Violation);

impl<E: ApiError + ?Sized> Members for Problem<'_, '_, E> {
    fn write<O: Object>(&self, object: &mut O) -> Result<(), O::Error> {
        let Problem(body, violation) = self;
        object.string(key!("detail"), Text::any(&message(body, violation)))?;
        problem_location(object, violation.location())?;
        reason(object, violation)
    }
}

/// Writes the violations of `body` as problem details' `errors`.
pub(super) fn problem<O: Object, E: ApiError + ?Sized>(
    object: &mut O,
    body: &Body<'_, E>,
) -> Result<(), O::Error> {
    list(object, body, key!("errors"), |violation| {
        Problem(body, violation)
    })
}

/// A JSON:API `source`: the one member that says where.
struct Source<'a>(&'a Location);

impl Members for Source<'_> {
    fn write<O: Object>(&self, object: &mut O) -> Result<(), O::Error> {
        match self.0 {
            Location::Body(pointer) => object.shown(key!("pointer"), pointer),
            Location::Query(name) => object.string(key!("parameter"), Text::any(name)),
            Location::Header(name) => object.string(key!("header"), Text::any(name)),
            // JSON:API's `source` names no path parameter: `meta` does.
            Location::Path(_) => Ok(()),
        }
    }
}

/// A JSON:API error object's `meta` for a violation: the reason, its parameters, and a path
/// parameter's name.
struct Meta<'a>(&'a Violation);

impl Members for Meta<'_> {
    fn write<O: Object>(&self, object: &mut O) -> Result<(), O::Error> {
        reason(object, self.0)?;
        if let Location::Path(name) = self.0.location() {
            object.string(key!("path_parameter"), Text::any(name))?;
        }
        Ok(())
    }
}

/// A violation as a JSON:API error object.
pub(super) struct JsonApi<'a, 'b, E: ?Sized>(pub(super) &'a Body<'b, E>, pub(super) &'b Violation);

impl<E: ApiError + ?Sized> Members for JsonApi<'_, '_, E> {
    fn write<O: Object>(&self, object: &mut O) -> Result<(), O::Error> {
        let JsonApi(body, violation) = self;
        // Every error object of the document carries the request's id, as the one of an error
        // without violations does.
        if let Some(id) = body.rendering.request_id {
            object.string(key!("id"), Text::any(id))?;
        }
        object.status_text(key!("status"), body.error.status().as_u16())?;
        object.string(key!("code"), body.code())?;
        object.string(key!("title"), body.title())?;
        object.string(key!("detail"), Text::any(&message(body, violation)))?;
        if !matches!(violation.location(), Location::Path(_)) {
            object.object("source", &Source(violation.location()))?;
        }
        object.object("meta", &Meta(violation))
    }
}
