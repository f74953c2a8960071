//! [`ApiErrorMiddleware`]: one envelope for everything an actix-web app answers with.

use core::fmt;
use core::future::{Future, Ready, ready};
use core::pin::Pin;
use core::task::{Context, Poll};
use std::sync::Arc;

use actix_web::HttpResponse;
use actix_web::body::{self, BodySize, BoxBody, EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::http::header::{self, HeaderName, HeaderValue};

use crate::layer::{self, Scope, Settings};
use crate::{ApiError, Config, REQUEST_ID_HEADER, Rejection, RejectionKind};

/// An actix-web middleware that makes every error response of an app look the same, as axum's
/// [`ApiErrorLayer`](crate::axum::ApiErrorLayer) does for a router, with the same rules and
/// codes:
///
/// - Every error is rendered by its [`Config`]: the handlers' `ApiError`s, which it passes on
///   as they are (but for `x-request-id`), and actix-web's own errors, which it renders as a
///   [`Rejection`], told by the error's type: a JSON or form body that does not parse or is not
///   of the handler's type (`VALIDATION_FAILED`), a path or query value that does not parse
///   (`INVALID_PARAMETER`), a body of another media type (`UNSUPPORTED_MEDIA_TYPE`, where
///   actix-web says 400), a body over the limit (`CONTENT_TOO_LARGE`), an unknown route
///   (`NOT_FOUND`), a method the resource does not take (`METHOD_NOT_ALLOWED`, with actix-web's
///   `Allow`). Any other error response whose body is plain text or empty is rendered too, with
///   its status; a 5xx never shows its text, which is logged instead.
///   [`ApiErrorMiddleware::map_rejections`] answers them with a service's own errors.
/// - Every request has an id, taken from its `x-request-id` when safe, else generated, set on
///   the request (a handler takes it as a [`RequestId`](crate::RequestId)) and on every
///   response, and in every error's body and log line.
/// - With translations in its configuration (feature `fluent`), the request's
///   `Accept-Language` chooses the language of its errors, with `Content-Language` and
///   `Vary: Accept-Language`.
///
/// ```
/// use actix_web::{App, web};
/// use api_error_core::actix::ApiErrorMiddleware;
/// use api_error_core::{Config, Format};
///
/// async fn order(id: web::Path<u32>) -> String {
///     format!("order {id}")
/// }
///
/// // `/orders/abc` answers 400 `INVALID_PARAMETER`, `/nowhere` 404 `NOT_FOUND`, both as
/// // problem details with the request's id.
/// let app = App::new()
///     .route("/orders/{id}", web::get().to(order))
///     .wrap(ApiErrorMiddleware::new(Config::new().format(Format::Problem)));
/// ```
///
/// Wrap the whole app in it (`App::wrap`, the last `wrap` being the outermost), so that the
/// default service's 404 and every resource's 405 pass through it. The configuration reaches
/// each error's rendering through the request's scope, in force while the app's future runs:
/// actix-web calls `error_response()` there, so an error is rendered once, with the request's
/// id and language. An error turned into a response on another task (`actix_web::rt::spawn`,
/// `web::block`) is rendered by the installed configuration instead; since its body is JSON,
/// the middleware passes it on as it is.
///
/// It reads a response's body only when the response is an error whose body is plain text of
/// a known length up to 64 KiB, or is empty, and carries no actix-web error of a kind it knows
/// (whose text it takes from the error instead).
#[derive(Clone)]
pub struct ApiErrorMiddleware(Arc<Shared>);

/// The layer's settings, and the header request ids travel in as actix-web names it.
#[derive(Clone)]
struct Shared {
    settings: Settings,
    header: HeaderName,
}

impl Default for ApiErrorMiddleware {
    fn default() -> Self {
        ApiErrorMiddleware::new(Config::new())
    }
}

impl ApiErrorMiddleware {
    /// A middleware rendering errors by `config`.
    #[must_use]
    pub fn new(config: Config) -> Self {
        let settings = Settings::new(config);
        // Both versions accept the same names: the conversion does not fail.
        let header = HeaderName::from_bytes(settings.request_id_header().as_str().as_bytes())
            .unwrap_or_else(|_| {
                static DEFAULT: http::HeaderName = REQUEST_ID_HEADER;
                HeaderName::from_static(DEFAULT.as_str())
            });
        ApiErrorMiddleware(Arc::new(Shared { settings, header }))
    }

    /// The header request ids come in and go out in, `x-request-id` unless set (actix-web's
    /// header name type).
    #[must_use]
    pub fn request_id_header(mut self, name: HeaderName) -> Self {
        let shared = Arc::make_mut(&mut self.0);
        // Both versions accept the same names: the conversion does not fail.
        if let Ok(same) = http::HeaderName::from_bytes(name.as_str().as_bytes()) {
            shared.settings = shared.settings.clone().with_request_id_header(same);
        }
        shared.header = name;
        self
    }

    /// Answers each rejection with the error `map` makes of it, as
    /// [`ApiErrorLayer::map_rejections`](crate::axum::ApiErrorLayer::map_rejections) does; `map`
    /// runs with the middleware's configuration and the request's id in force, and a 405
    /// answered with a 405 keeps actix-web's `Allow` unless the mapped error sets its own.
    #[must_use]
    pub fn map_rejections<F, E>(mut self, map: F) -> Self
    where
        F: Fn(Rejection) -> E + Send + Sync + 'static,
        E: ApiError + 'static,
    {
        let shared = Arc::make_mut(&mut self.0);
        shared.settings = shared.settings.clone().map_rejections(map);
        self
    }
}

impl fmt::Debug for ApiErrorMiddleware {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ApiErrorMiddleware")
            .field(&self.0.settings)
            .finish()
    }
}

impl<S, B> Transform<S, ServiceRequest> for ApiErrorMiddleware
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Transform = ApiErrorService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(ApiErrorService {
            inner: service,
            shared: Arc::clone(&self.0),
        }))
    }
}

/// The service [`ApiErrorMiddleware`] wraps around an app's.
pub struct ApiErrorService<S> {
    inner: S,
    shared: Arc<Shared>,
}

impl<S> fmt::Debug for ApiErrorService<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiErrorService").finish_non_exhaustive()
    }
}

impl<S, B> Service<ServiceRequest> for ApiErrorService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Future = ResponseFuture<S::Future, B>;

    actix_web::dev::forward_ready!(inner);

    fn call(&self, mut request: ServiceRequest) -> Self::Future {
        let shared = &self.shared;
        let name = &shared.header;
        let headers = request.headers();
        let own = headers.get(name);
        let given = own.and_then(|id| http::HeaderValue::from_bytes(id.as_bytes()).ok());
        let accept_language = headers
            .get_all(header::ACCEPT_LANGUAGE)
            .map(HeaderValue::as_bytes);
        let scope = shared.settings.begin(given.as_ref(), accept_language);
        // The id goes back as it came (actix-web's value, shared), or as it was generated.
        let sent = if scope.is_generated() {
            let id = HeaderValue::from_bytes(scope.request_id_value().as_bytes()).ok();
            if let Some(id) = &id {
                request.headers_mut().insert(name.clone(), id.clone());
            }
            id
        } else {
            own.cloned()
        };
        let future = scope.enter(|| self.inner.call(request));
        ResponseFuture {
            state: State::Inner {
                future,
                request: Some(Answering {
                    scope,
                    shared: Arc::clone(shared),
                    id: sent,
                }),
            },
        }
    }
}

/// What the middleware keeps of a request until its response is ready.
struct Answering {
    scope: Scope,
    shared: Arc<Shared>,
    /// The id as the response carries it.
    id: Option<HeaderValue>,
}

impl Answering {
    /// The response as it leaves the middleware: with the request's id.
    fn finish<B>(&self, mut response: ServiceResponse<B>) -> ServiceResponse<B> {
        self.tag(response.headers_mut());
        response
    }

    /// Sets the request's id on a response's `headers`.
    fn tag(&self, headers: &mut header::HeaderMap) {
        if let Some(id) = &self.id {
            headers.insert(self.shared.header.clone(), id.clone());
        }
    }

    /// The error an app gave as its `Err` rather than as a response, rendered now, with the
    /// request's scope in force: actix-web turns it into its response after the middleware
    /// has run, when the scope is gone.
    fn answer(&self, error: actix_web::Error) -> actix_web::Error {
        let mut response = self.scope.enter(|| HttpResponse::from_error(error));
        if let Some(seen) = Seen::of(&response) {
            let (old, body) = response.into_parts();
            // A body `Seen` chose is of a known length up to the limit: bytes, as actix-web's
            // own errors and `InternalError` write it; another is read as no text.
            let (kind, text) = match seen.known {
                Some((kind, text)) => (Some(kind), Some(text)),
                None => (
                    None,
                    body.try_into_bytes()
                        .ok()
                        .and_then(|bytes| String::from_utf8(bytes.to_vec()).ok()),
                ),
            };
            response = self.render(kind, text, old);
        }
        self.tag(response.headers_mut());
        Answered {
            status: response.status(),
            response: core::cell::RefCell::new(Some(response)),
        }
        .into()
    }

    /// The response of the rejection of `kind` (told by the status and text when `None`) an
    /// error response with the head `old` and the text `text` stands for, with the old
    /// response's headers that still hold.
    fn render(
        &self,
        kind: Option<RejectionKind>,
        text: Option<String>,
        mut old: HttpResponse<()>,
    ) -> HttpResponse {
        let status = http::StatusCode::from_u16(old.status().as_u16())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let allow = old
            .headers()
            .get(header::ALLOW)
            .and_then(|allow| allow.to_str().ok())
            .map(str::to_owned);
        let rejection = Rejection::from_kind(kind, status, allow, text);
        let rendered = self
            .shared
            .settings
            .answer(&self.scope, rejection, |error| super::response(error));
        let still_405 = rendered.status() == actix_web::http::StatusCode::METHOD_NOT_ALLOWED;
        let (mut rendered, body) = rendered.into_parts();
        // The old response's headers, but for those its rendering set and those that describe
        // the body it no longer has; every value of each.
        let headers = rendered.headers_mut();
        // A mapped 405 may leave its `Allow` empty, for the framework's to fill.
        if still_405
            && headers
                .get(header::ALLOW)
                .is_some_and(HeaderValue::is_empty)
        {
            headers.remove(header::ALLOW);
        }
        let kept = layer::kept_headers(
            old.headers(),
            (HeaderName::as_str, HeaderValue::as_bytes),
            (
                |name| headers.contains_key(name),
                |value| headers.get_all(header::VARY).any(|known| known == value),
            ),
            still_405,
        );
        for (name, value) in kept {
            headers.append(name.clone(), value.clone());
        }
        // The old response, with its error and extensions (for a logger outside), takes the
        // rendering's status, headers and body.
        *old.status_mut() = rendered.status();
        core::mem::swap(old.headers_mut(), rendered.headers_mut());
        old.set_body(body)
    }
}

/// An error response rendered in the request's scope, for actix-web to send as it is: given
/// once, to the first that asks for it (actix-web's dispatcher, or a middleware outside); a
/// later ask gets its status alone.
#[derive(Debug)]
struct Answered {
    status: actix_web::http::StatusCode,
    response: core::cell::RefCell<Option<HttpResponse>>,
}

impl fmt::Display for Answered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.status.canonical_reason().unwrap_or("error response"))
    }
}

impl actix_web::ResponseError for Answered {
    fn status_code(&self) -> actix_web::http::StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        self.response
            .borrow_mut()
            .take()
            .unwrap_or_else(|| HttpResponse::new(self.status))
    }
}

pin_project_lite::pin_project! {
    /// The future of an [`ApiErrorService`]'s response. Like any future, it panics when it is
    /// polled again after it was ready.
    pub struct ResponseFuture<F, B> {
        #[pin]
        state: State<F, B>,
    }
}

/// A response being rendered as a rejection.
type Rendering<B> = Pin<Box<dyn Future<Output = ServiceResponse<EitherBody<B>>>>>;

pin_project_lite::pin_project! {
    #[project = StateProjection]
    enum State<F, B> {
        /// The app is answering, polled with the request's scope in force.
        Inner {
            #[pin]
            future: F,
            request: Option<Answering>,
        },
        /// A rejection's body is being read and the rejection rendered: the only state that
        /// allocates a future.
        Rendering {
            future: Rendering<B>,
        },
        /// The response has been given.
        Done,
    }
}

impl<F, B> Future for ResponseFuture<F, B>
where
    F: Future<Output = Result<ServiceResponse<B>, actix_web::Error>>,
    B: MessageBody + 'static,
{
    type Output = Result<ServiceResponse<EitherBody<B>>, actix_web::Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        loop {
            let mut this = self.as_mut().project();
            match this.state.as_mut().project() {
                StateProjection::Inner { future, request } => {
                    let Some(answering) = request else {
                        // The request leaves this state only with the state itself.
                        unreachable!("ResponseFuture answers each request once")
                    };
                    let Poll::Ready(answered) = answering.scope.enter(|| future.poll(cx)) else {
                        return Poll::Pending;
                    };
                    let Some(answering) = request.take() else {
                        unreachable!("ResponseFuture answers each request once")
                    };
                    let response = match answered {
                        Ok(response) => response,
                        Err(error) => {
                            this.state.set(State::Done);
                            return Poll::Ready(Err(answering.answer(error)));
                        }
                    };
                    let Some(seen) = Seen::of(response.response()) else {
                        this.state.set(State::Done);
                        return Poll::Ready(Ok(answering.finish(response.map_into_left_body())));
                    };
                    let rendering = Box::pin(async move {
                        let response = render_rejection(response, seen, &answering).await;
                        answering.finish(response.map_into_right_body())
                    });
                    this.state.set(State::Rendering { future: rendering });
                }
                StateProjection::Rendering { future } => {
                    let Poll::Ready(response) = future.as_mut().poll(cx) else {
                        return Poll::Pending;
                    };
                    this.state.set(State::Done);
                    return Poll::Ready(Ok(response));
                }
                StateProjection::Done => panic!("ResponseFuture polled after it was ready"),
            }
        }
    }
}

impl<F, B> fmt::Debug for ResponseFuture<F, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

/// What the middleware knows of an error response it renders before reading its body.
struct Seen {
    /// The kind the actix-web error it carries says, when it is one this middleware knows,
    /// and that error's text, which stands for the body actix-web wrote of it; `None` when the
    /// kind is not known, and the body is read instead.
    known: Option<(RejectionKind, String)>,
}

impl Seen {
    /// What is known of `response` when it is to be rendered as a [`Rejection`]: an error
    /// response whose body is plain text of a known length up to [`layer::READ_MAX`], or
    /// empty; `None` for any other, which leaves as it came, but for the request id.
    fn of<B: MessageBody>(response: &HttpResponse<B>) -> Option<Seen> {
        let headers = response.headers();
        let (exact, upper) = match response.body().size() {
            BodySize::None => (Some(0), Some(0)),
            BodySize::Sized(size) => (Some(size), Some(size)),
            BodySize::Stream => (None, None),
        };
        let renders = layer::reads_as_rejection(
            response.status().as_u16(),
            headers.get(header::CONTENT_TYPE).map(HeaderValue::as_bytes),
            headers
                .get(header::CONTENT_ENCODING)
                .map(HeaderValue::as_bytes),
            exact,
            upper,
        );
        if !renders {
            return None;
        }
        let known = response
            .error()
            .and_then(|error| Some((kind_of(error, response.status())?, error.to_string())));
        Some(Seen { known })
    }
}

/// The kind of rejection an actix-web error of a response with `status` stands for, when its
/// type is one of the extractors' errors; `None` leaves the kind to the status and the body.
fn kind_of(error: &actix_web::Error, status: actix_web::http::StatusCode) -> Option<RejectionKind> {
    use actix_web::error::{
        InternalError, JsonPayloadError, PathError, PayloadError, QueryPayloadError,
        UrlencodedError,
    };
    let payload = |error: &PayloadError| match error {
        PayloadError::Overflow => RejectionKind::ContentTooLarge,
        _ => RejectionKind::InvalidBody,
    };
    if let Some(error) = error.as_error::<JsonPayloadError>() {
        return match error {
            JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
                Some(RejectionKind::ContentTooLarge)
            }
            JsonPayloadError::ContentType => Some(RejectionKind::UnsupportedMediaType),
            JsonPayloadError::Payload(error) => Some(payload(error)),
            // A response that did not serialize is the server's error.
            JsonPayloadError::Serialize(_) => Some(RejectionKind::ServerError),
            _ => Some(RejectionKind::InvalidBody),
        };
    }
    if let Some(error) = error.as_error::<UrlencodedError>() {
        return match error {
            UrlencodedError::Overflow { .. } => Some(RejectionKind::ContentTooLarge),
            UrlencodedError::ContentType => Some(RejectionKind::UnsupportedMediaType),
            UrlencodedError::Payload(error) => Some(payload(error)),
            // 411, told by its status.
            UrlencodedError::UnknownLength => None,
            // `Form`'s answer that did not serialize, which actix-web says is a 400.
            UrlencodedError::Serialize(_) => Some(RejectionKind::ServerError),
            _ => Some(RejectionKind::InvalidBody),
        };
    }
    // `web::Path` answers a value that does not parse with a 404 carrying serde's error,
    // unless a `PathConfig` says otherwise; a parameter that does not parse is a 400 here. The
    // same type at another status is a handler's own.
    let path = status == actix_web::http::StatusCode::NOT_FOUND
        && error
            .as_error::<InternalError<serde::de::value::Error>>()
            .is_some();
    if path
        || error.as_error::<PathError>().is_some()
        || error.as_error::<QueryPayloadError>().is_some()
    {
        return Some(RejectionKind::InvalidParameter);
    }
    error.as_error::<PayloadError>().map(payload)
}

/// Renders `response`, which [`Seen::of`] chose, as a [`Rejection`], reading its body for
/// its text when no error gave it.
async fn render_rejection<B: MessageBody>(
    response: ServiceResponse<B>,
    seen: Seen,
    answering: &Answering,
) -> ServiceResponse<BoxBody> {
    let (request, response) = response.into_parts();
    let (old, body) = response.into_parts();
    let (kind, text) = match seen.known {
        Some((kind, text)) => (Some(kind), Some(text)),
        None => match body::to_bytes_limited(body, layer::READ_MAX).await {
            Ok(Ok(bytes)) => (None, String::from_utf8(bytes.to_vec()).ok()),
            _ => (None, None),
        },
    };
    ServiceResponse::new(request, answering.render(kind, text, old))
}
