//! The body of an error as a serde value: what `Serialize` gives, byte for byte what the
//! response sends (up to the configuration's limit on a body's length, which only the response
//! applies).

use serde::ser::{Serialize, Serializer};

use crate::api_error::ApiError;
use crate::config::Config;
use crate::context::Rendering;
use crate::render;

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
/// `details` is left out when the error passes no field to [`Details`](crate::Details); `request_id` is added
/// when the request is known, under [`ApiErrorLayer`](crate::axum::ApiErrorLayer).
///
/// When a detail fails to serialize or the message fails to format, `Serialize` returns that
/// error to its caller, who asked for exactly this body; [`Respond::to_response`](crate::Respond::to_response), which has
/// no caller to tell, sends the body without the details (all of them) or with the reason
/// phrase for the message instead.
pub struct Body<'a, E: ?Sized> {
    error: &'a E,
    rendering: Option<Rendering<'a>>,
}

impl<'a, E: ApiError + ?Sized> Body<'a, E> {
    /// The body of `error`, in the configuration in force when it is serialized.
    pub fn new(error: &'a E) -> Self {
        Body {
            error,
            rendering: None,
        }
    }
}

impl<E: ApiError + ?Sized> Serialize for Body<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.rendering {
            Some(rendering) => render::serialize(self.error, rendering, serializer),
            None => Rendering::with_current(|rendering| {
                render::serialize(self.error, rendering, serializer)
            }),
        }
    }
}

impl Config {
    /// The body of `error` rendered by this configuration, for `Serialize`.
    pub fn body<'a, E: ApiError + ?Sized>(&'a self, error: &'a E) -> Body<'a, E> {
        Body {
            error,
            rendering: Some(Rendering::of(self)),
        }
    }

    /// The body of `error` in the language `accept_language` asks for, as
    /// [`Config::response_in`] sends it.
    pub fn body_in<'a, E: ApiError + ?Sized>(
        &'a self,
        error: &'a E,
        accept_language: &str,
    ) -> Body<'a, E> {
        Body {
            error,
            rendering: Some(self.rendering_in(accept_language)),
        }
    }
}
