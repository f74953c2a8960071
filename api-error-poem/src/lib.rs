//! [poem](https://docs.rs/poem) 3 for api-error: every `ApiError` answers as a poem response,
//! and [`ApiErrorMiddleware`] does for a poem app what `api_error_core::axum::ApiErrorLayer`
//! does for an axum router: request ids, the language of `Accept-Language`, the service's
//! configuration in force while the app runs, and poem's own errors (a body or a query that does
//! not parse, an unknown route) in the same envelope, with the same codes.
//!
//! This crate is written against the public API of `api-error-core` alone
//! ([`api_error_core::layer`]), as any integration of another framework can be.
//!
//! ```
//! use api_error_core::ApiError;
//! use api_error_poem::{Answer, ApiErrorMiddleware};
//! use poem::{EndpointExt, Route, get, handler, web::Path};
//!
//! #[derive(Debug, ApiError)]
//! enum OrderError {
//!     #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order {id} not found")]
//!     NotFound { id: u32 },
//! }
//!
//! fn find(id: u32) -> Result<String, OrderError> {
//!     Err(OrderError::NotFound { id })
//! }
//!
//! #[handler]
//! fn order(Path(id): Path<u32>) -> Result<String, Answer<OrderError>> {
//!     Ok(find(id)?) // `?` takes any `OrderError`
//! }
//!
//! // `/orders/7` answers 404 `ORDER_NOT_FOUND`, `/orders/abc` 400 `INVALID_PARAMETER`, and
//! // `/nowhere` 404 `NOT_FOUND`, each with the request's id.
//! let app = Route::new()
//!     .at("/orders/:id", get(order))
//!     .with(ApiErrorMiddleware::default());
//! ```
//!
//! # Why a wrapper
//!
//! poem's `ResponseError` and `IntoResponse` are poem's traits, and a derived error is the
//! user's type: Rust's orphan rule lets neither this crate nor `api-error-core`'s derive (which
//! names no framework) implement one for the other. [`Answer<E>`] is the bridge: it is poem's
//! error and response for any `E: ApiError`, and `From<E>`, so that `?` works on `E` in a
//! handler returning `Result<T, Answer<E>>` (or `poem::Result<T>`, with `.map_err(Answer)`).
//! [`RequestId`] wraps `api_error_core::RequestId` for the same reason.

#![forbid(unsafe_code)]

use core::fmt;
use std::sync::Arc;

use api_error_core::layer::{self, Scope, Settings};
use api_error_core::violation::{ReadAs, Violation, from_serde_text};
use api_error_core::{
    ApiError, Config, NoRequestId, REQUEST_ID_HEADER, Rejection, RejectionKind, Respond, Violations,
};
use http_body::Body as _;
use poem::error::{
    MethodNotAllowedError, NotFoundError, ParseFormError, ParseJsonError, ParsePathError,
    ParseQueryError, ReadBodyError, ResponseError, SizedLimitError,
};
use poem::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use poem::{Body, Endpoint, FromRequest, IntoResponse, Middleware, Request, RequestBody, Response};

/// The poem response of `error`, in the configuration in force (inside
/// [`ApiErrorMiddleware`], the middleware's, with the request's id and language): the status,
/// headers and bytes of [`Respond::to_response`].
pub fn response<E: ApiError + ?Sized>(error: &E) -> Response {
    let (parts, body) = error.to_response().into_parts();
    let mut response = Response::from(Body::from(body));
    response.set_status(parts.status);
    *response.headers_mut() = parts.headers;
    response
}

/// An [`ApiError`] as poem's error and response: a handler returns `Result<T, Answer<E>>`, and
/// `?` turns an `E` into it.
#[derive(Debug)]
pub struct Answer<E>(pub E);

impl<E> From<E> for Answer<E> {
    fn from(error: E) -> Self {
        Answer(error)
    }
}

impl<E: ApiError> fmt::Display for Answer<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl<E: ApiError> core::error::Error for Answer<E> {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        self.0.source()
    }
}

impl<E: ApiError + Send + Sync + 'static> ResponseError for Answer<E> {
    fn status(&self) -> StatusCode {
        self.0.status()
    }

    fn as_response(&self) -> Response {
        response(&self.0)
    }
}

impl<E: ApiError + Send> IntoResponse for Answer<E> {
    fn into_response(self) -> Response {
        response(&self.0)
    }
}

/// The request's id as a handler's argument: the id [`ApiErrorMiddleware`] gave the request
/// (its own `x-request-id` when safe, else a generated one). Outside the middleware, taking it
/// answers `500 SERVER_INTERNAL_ERROR` ([`NoRequestId`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestId(pub api_error_core::RequestId);

impl<'a> FromRequest<'a> for RequestId {
    async fn from_request(request: &'a Request, _: &mut RequestBody) -> poem::Result<Self> {
        let header = request.headers().get(REQUEST_ID_HEADER);
        api_error_core::RequestId::current(header.map(HeaderValue::as_bytes))
            .map(RequestId)
            .ok_or_else(|| Answer(NoRequestId).into())
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A poem middleware that makes every error response of an app look the same, with the rules
/// and codes of the axum layer:
/// - every error is rendered by its [`Config`]: the handlers' [`Answer`]s, and poem's own
///   errors, told by their type: a JSON or form body that does not parse (`VALIDATION_FAILED`),
///   a path or query value (`INVALID_PARAMETER`), a body of another media type
///   (`UNSUPPORTED_MEDIA_TYPE`), a body over the limit (`CONTENT_TOO_LARGE`), an unknown route
///   (`NOT_FOUND`), a method the route does not take (`METHOD_NOT_ALLOWED`; poem's router does
///   not say which it takes, so there is no `Allow`). Any other error response whose body is
///   plain text or empty is rendered too, with its status; a 5xx never shows its text, which is
///   logged instead;
/// - every request has an id, its `x-request-id` when safe, else a generated one, set on the
///   request (a handler takes it as a [`RequestId`]) and on every response, and in every error's
///   body and log line;
/// - with translations in its configuration, the request's `Accept-Language` chooses the
///   language of its errors, with `Content-Language` and `Vary: Accept-Language`.
///
/// Add it last (`EndpointExt::with` on the whole `Route`), so that the router's 404 and 405
/// pass through it.
#[derive(Debug, Clone, Default)]
pub struct ApiErrorMiddleware(Arc<Settings>);

impl ApiErrorMiddleware {
    /// A middleware rendering errors by `config`.
    #[must_use]
    pub fn new(config: Config) -> Self {
        ApiErrorMiddleware(Arc::new(Settings::new(config)))
    }

    /// The header request ids come in and go out in, `x-request-id` unless set.
    #[must_use]
    pub fn request_id_header(self, name: HeaderName) -> Self {
        ApiErrorMiddleware(Arc::new(
            Arc::unwrap_or_clone(self.0).with_request_id_header(name),
        ))
    }

    /// Answers each rejection with the error `map` makes of it, as the axum layer's
    /// `map_rejections` does; `map` runs with the middleware's configuration and the request's
    /// id in force.
    #[must_use]
    pub fn map_rejections<F, E>(self, map: F) -> Self
    where
        F: Fn(Rejection) -> E + Send + Sync + 'static,
        E: ApiError + 'static,
    {
        ApiErrorMiddleware(Arc::new(Arc::unwrap_or_clone(self.0).map_rejections(map)))
    }
}

impl<E: Endpoint> Middleware<E> for ApiErrorMiddleware {
    type Output = ApiErrorEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        ApiErrorEndpoint {
            inner,
            settings: Arc::clone(&self.0),
        }
    }
}

/// The endpoint [`ApiErrorMiddleware`] wraps around another.
pub struct ApiErrorEndpoint<E> {
    inner: E,
    settings: Arc<Settings>,
}

impl<E> fmt::Debug for ApiErrorEndpoint<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiErrorEndpoint")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl<E: Endpoint> Endpoint for ApiErrorEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut request: Request) -> poem::Result<Response> {
        let settings = &*self.settings;
        let name = settings.request_id_header();
        let headers = request.headers();
        let accept_language = headers
            .get_all(header::ACCEPT_LANGUAGE)
            .iter()
            .map(HeaderValue::as_bytes);
        let scope = settings.begin(headers.get(name), accept_language);
        if scope.is_generated() {
            let id = scope.request_id_value().clone();
            request.headers_mut().insert(name.clone(), id);
        }
        let head = request.method() == Method::HEAD;
        // The inner endpoint's future is made inside the scope too: an endpoint may do its
        // work when called.
        let answering = scope.enter(|| self.inner.call(request));
        let answered = scope.run(answering).await;
        let response = match answered {
            Ok(output) => scope.enter(|| output.into_response()),
            Err(error) => match kind_of(&error) {
                Some(kind) => {
                    // The router's "not found" says no more than the status, as axum's empty
                    // body does: the reason phrase stands.
                    let routed = matches!(
                        kind,
                        RejectionKind::NotFound | RejectionKind::MethodNotAllowed
                    );
                    let text = (!routed).then(|| error.to_string());
                    let violation = text.as_deref().and_then(|text| violation_in(&error, text));
                    let mut rejection =
                        Rejection::from_kind(Some(kind), error.status(), None, text);
                    if let Some(violation) = violation {
                        rejection = rejection.with_violations(Violations::from_iter([violation]));
                    }
                    settings.answer(&scope, rejection, |error| response(error))
                }
                // A handler's `Answer` renders itself here, inside the scope.
                None => scope.enter(|| error.into_response()),
            },
        };
        let mut response = response;
        if renders(&mut response, head) {
            response = render_rejection(response, &scope, settings).await;
        }
        response
            .headers_mut()
            .insert(name.clone(), scope.into_request_id());
        Ok(response)
    }
}

/// The field violation `text`, the message of one of poem's errors, names: a query string or a
/// JSON body that does not read is serde's message alone (a JSON body's behind `parse error: `).
fn violation_in(error: &poem::Error, text: &str) -> Option<Violation> {
    if error.is::<ParseQueryError>() {
        return from_serde_text(ReadAs::Query, text);
    }
    match error.downcast_ref::<ParseJsonError>() {
        Some(ParseJsonError::Parse(_)) => from_serde_text(
            ReadAs::Body,
            text.strip_prefix("parse error: ").unwrap_or(text),
        ),
        _ => None,
    }
}

/// The kind of rejection one of poem's own errors stands for, told by its type; `None` for
/// another error, which renders itself.
fn kind_of(error: &poem::Error) -> Option<RejectionKind> {
    if error.is::<NotFoundError>() {
        return Some(RejectionKind::NotFound);
    }
    if error.is::<MethodNotAllowedError>() {
        return Some(RejectionKind::MethodNotAllowed);
    }
    if error.is::<ParsePathError>() || error.is::<ParseQueryError>() {
        return Some(RejectionKind::InvalidParameter);
    }
    if let Some(error) = error.downcast_ref::<ParseJsonError>() {
        return Some(match error {
            ParseJsonError::Parse(_) => RejectionKind::InvalidBody,
            _ => RejectionKind::UnsupportedMediaType,
        });
    }
    if let Some(error) = error.downcast_ref::<ParseFormError>() {
        return Some(match error {
            ParseFormError::UrlDecode(_) => RejectionKind::InvalidBody,
            _ => RejectionKind::UnsupportedMediaType,
        });
    }
    if let Some(error) = error.downcast_ref::<ReadBodyError>() {
        return Some(match error {
            ReadBodyError::PayloadTooLarge => RejectionKind::ContentTooLarge,
            // Taken twice by the app's own extractors: the server's mistake.
            ReadBodyError::BodyHasBeenTaken => RejectionKind::ServerError,
            _ => RejectionKind::InvalidBody,
        });
    }
    match error.downcast_ref::<SizedLimitError>() {
        Some(SizedLimitError::PayloadTooLarge) => Some(RejectionKind::ContentTooLarge),
        // 411, told by its status.
        _ => None,
    }
}

/// Whether `response` is an error response the middleware renders as a rejection: one whose
/// body is plain text of a known length up to [`layer::READ_MAX`], or empty, and not the answer
/// to a `HEAD` whose body was taken off. Any other leaves as it came, but for the request id.
fn renders(response: &mut Response, head: bool) -> bool {
    let body: Boxed = response.take_body().into();
    let size = body.size_hint();
    response.set_body(Body::from(body));
    let headers = response.headers();
    let stripped = size.exact() == Some(0)
        && (headers.contains_key(header::CONTENT_TYPE)
            || headers
                .get(header::CONTENT_LENGTH)
                .is_some_and(|length| length.as_bytes() != b"0"));
    !(head && stripped)
        && layer::reads_as_rejection(
            response.status().as_u16(),
            headers.get(header::CONTENT_TYPE).map(HeaderValue::as_bytes),
            headers
                .get(header::CONTENT_ENCODING)
                .map(HeaderValue::as_bytes),
            size.exact(),
            size.upper(),
        )
}

/// The body poem keeps inside its `Body`, whose size it tells.
type Boxed = http_body_util::combinators::BoxBody<bytes::Bytes, std::io::Error>;

/// Renders `response`, which [`renders`] chose, as a [`Rejection`] of its status and
/// text, with the old response's headers that still hold.
async fn render_rejection(mut old: Response, scope: &Scope, settings: &Settings) -> Response {
    let text = old
        .take_body()
        .into_bytes_limit(layer::READ_MAX)
        .await
        .ok()
        .and_then(|bytes| String::from_utf8(bytes.to_vec()).ok());
    let rejection = Rejection::new(old.status(), old.headers(), text);
    let mut rendered = settings.answer(scope, rejection, |error| response(error));
    let still_405 = rendered.status() == StatusCode::METHOD_NOT_ALLOWED;
    let headers = rendered.headers_mut();
    let kept = layer::kept_headers(
        old.headers(),
        (HeaderName::as_str, HeaderValue::as_bytes),
        (
            |name| headers.contains_key(name),
            |value| {
                headers
                    .get_all(header::VARY)
                    .iter()
                    .any(|known| known == value)
            },
        ),
        still_405,
    );
    for (name, value) in kept {
        headers.append(name.clone(), value.clone());
    }
    *rendered.extensions_mut() = core::mem::take(old.extensions_mut());
    rendered
}
