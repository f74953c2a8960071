//! The whole response of an error, independent of any web framework: status, content type, the
//! error's headers and the body, logged as it is built.

use bytes::Bytes;
use http::header::CONTENT_TYPE;

use crate::api_error::ApiError;
use crate::config::Config;
use crate::context::Rendering;
use crate::format::Format;
use crate::headers::Headers;
use crate::render;

/// The response of `error` in the configuration in force; see [`ApiError::to_response`].
pub(crate) fn in_force<E: ApiError + ?Sized>(error: &E) -> http::Response<Bytes> {
    Rendering::with_current(|rendering| response(error, rendering))
}

/// Builds the response of `error` in `rendering`.
pub(crate) fn response<E: ApiError + ?Sized>(
    error: &E,
    rendering: Rendering<'_>,
) -> http::Response<Bytes> {
    let format = rendering.format_of(error);
    let plain = format == Format::Json
        && rendering.config.nested_in().is_none()
        && rendering.request_id.is_none();
    let body = match error.static_body() {
        Some(bytes) if plain && bytes.len() <= rendering.config.body_limit() => {
            debug_assert!(
                {
                    let mut written = Vec::new();
                    render::write_body(error, rendering, format, &mut written);
                    written == bytes
                },
                "ApiError::static_body of `{}` is not the body it writes",
                error.code()
            );
            Bytes::from_static(bytes)
        }
        _ => render::body_bytes(error, rendering, format),
    };
    let mut response = http::Response::new(body);
    *response.status_mut() = error.status();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, format.header_value());
    error.headers(&mut Headers::new(headers));
    crate::log::response(error, rendering.config, rendering.request_id);
    response
}

impl Config {
    /// The response of `error` rendered by this configuration, as
    /// [`ApiError::to_response`] renders it by the configuration in force.
    pub fn response<E: ApiError + ?Sized>(&self, error: &E) -> http::Response<Bytes> {
        response(error, Rendering::of(self))
    }
}
