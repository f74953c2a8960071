//! The whole response of an error, independent of any web framework: status, content type, the
//! error's headers and the body, logged as it is built.

use bytes::Bytes;
use http::header::CONTENT_TYPE;

use crate::api_error::ApiError;
use crate::config::Config;
use crate::context::Rendering;
use crate::format::Format;
use crate::headers::Headers;
use crate::localize::negotiate;
use crate::render;

/// An error's whole response, independent of any web framework: what every [`ApiError`] renders
/// to, in the [`Config`] in force (an [`ApiErrorLayer`](crate::axum::ApiErrorLayer)'s while it
/// handles a request, else the installed one, else the default). Every `ApiError` has it; bring
/// the trait into scope to call it (`use api_error_core::Respond;`).
///
/// It lives beside the response builder rather than on [`ApiError`], which only describes an
/// error and knows no response.
pub trait Respond: ApiError {
    /// The response: status, headers and the body. With the `tracing` feature, building it logs
    /// the error: a 5xx at `ERROR` with its `source()` chain, a 4xx at the configured level.
    ///
    /// It does not panic on its own account: when a detail fails to serialize the body goes
    /// without details, a message that fails to format is replaced by the reason phrase (the
    /// details stay), and a header value that is not valid is left out of the headers. (A
    /// user's `Serialize` that panics still panics, and so does `serde_json` when a value
    /// serialized with `collect_str` has a `Display` that fails.)
    ///
    /// ```
    /// use api_error_core::{ApiError, Respond};
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(code = "WEBHOOK_NOT_FOUND", status = 404, message = "Webhook not found")]
    /// struct WebhookNotFound;
    ///
    /// let response = WebhookNotFound.to_response();
    /// assert_eq!(response.status(), 404);
    /// assert_eq!(response.headers()["content-type"], "application/json");
    /// assert_eq!(
    ///     response.body().as_ref(),
    ///     br#"{"code":"WEBHOOK_NOT_FOUND","message":"Webhook not found"}"#
    /// );
    /// ```
    fn to_response(&self) -> http::Response<Bytes> {
        in_force(self)
    }
}

impl<E: ApiError + ?Sized> Respond for E {}

/// The response of `error` in the configuration in force; see [`Respond::to_response`].
pub(crate) fn in_force<E: ApiError + ?Sized>(error: &E) -> http::Response<Bytes> {
    Rendering::with_current(|rendering| response(error, rendering))
}

/// Builds the response of `error` in `rendering`.
pub(crate) fn response<E: ApiError + ?Sized>(
    error: &E,
    rendering: Rendering<'_>,
) -> http::Response<Bytes> {
    let mut response = http::Response::new(Bytes::new());
    let headers = response.headers_mut();
    let format = rendering.format_of(error);
    headers.insert(CONTENT_TYPE, format.header_value());
    *response.body_mut() = parts(error, rendering, format, headers);
    *response.status_mut() = error.status();
    response
}

/// The body of `error`'s response in `rendering` and `format`, its headers but `Content-Type`
/// appended to `headers`, logged: the response of [`response`] in parts, for a framework whose
/// responses are not `http`'s (`headers` stays unallocated when the error has none).
#[inline]
pub(crate) fn parts<E: ApiError + ?Sized>(
    error: &E,
    rendering: Rendering<'_>,
    format: Format,
    headers: &mut http::HeaderMap,
) -> Bytes {
    let plain = matches!(format, Format::Json)
        && rendering.config.nested_in().is_none()
        && rendering.request_id.is_none();
    let localizer = rendering.config.localized_by();
    let translated =
        localizer.and_then(|localizer| render::translated_by(localizer, error, rendering));
    let body = match error.static_body() {
        Some(bytes)
            if plain && translated.is_none() && bytes.len() <= rendering.config.body_limit() =>
        {
            debug_assert!(
                {
                    let mut written = Vec::new();
                    render::write_body(error, rendering, None, format, &mut written);
                    written == bytes
                },
                "ApiError::static_body of `{}` is not the body it writes",
                error.code()
            );
            Bytes::from_static(bytes)
        }
        _ => render::body_bytes(error, rendering, translated.as_ref(), format),
    };
    let before = headers.len();
    error.headers(&mut Headers::new(headers));
    if let Some(localizer) = localizer {
        // Only the error's own headers can say it already varies by the language.
        let own_headers = headers.len() != before;
        // The declared language's when the translation is not what the body shows (a value
        // it shows failed to format, and the reason phrase stands for it).
        let language = match &translated {
            Some(translated) if !translated.set_aside.get() => Some(translated.language),
            _ => localizer.languages().first(),
        };
        if let Some(language) = language {
            headers.insert(http::header::CONTENT_LANGUAGE, language.clone());
        }
        let varies = || {
            own_headers
                && headers
                    .get_all(http::header::VARY)
                    .iter()
                    .any(|value| value.as_bytes().eq_ignore_ascii_case(b"accept-language"))
        };
        if rendering.language.negotiated && !varies() {
            headers.append(
                http::header::VARY,
                http::HeaderValue::from_static("accept-language"),
            );
        }
    }
    if rendering.sent {
        crate::log::response(error, rendering.config, rendering.request_id);
    }
    body
}

impl Config {
    /// The response of `error` rendered by this configuration, as
    /// [`Respond::to_response`] renders it by the configuration in force.
    pub fn response<E: ApiError + ?Sized>(&self, error: &E) -> http::Response<Bytes> {
        response(error, Rendering::of(self))
    }

    /// The response of `error` in the language `accept_language` asks for, among this
    /// configuration's [localizer](Config::localizer)'s (the default without one): a language tag
    /// (`"de"`) or a whole `Accept-Language` value, negotiated as an
    /// [`ApiErrorLayer`](crate::axum::ApiErrorLayer) negotiates it; for an error rendered
    /// outside one. A response for a request that sent this header should add
    /// `Vary: Accept-Language`, which this one leaves to its caller.
    pub fn response_in<E: ApiError + ?Sized>(
        &self,
        error: &E,
        accept_language: &str,
    ) -> http::Response<Bytes> {
        response(error, self.rendering_in(accept_language))
    }

    /// This configuration, rendering in the language `accept_language` asks for.
    pub(crate) fn rendering_in(&self, accept_language: &str) -> Rendering<'_> {
        let index = self.localized_by().map_or(0, |localizer| {
            negotiate(&[accept_language.as_bytes()], localizer.languages()).unwrap_or(0)
        });
        Rendering {
            language: crate::context::Language {
                index: u32::try_from(index).unwrap_or(0),
                negotiated: false,
            },
            ..Rendering::of(self)
        }
    }
}
