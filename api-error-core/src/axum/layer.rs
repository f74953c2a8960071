//! [`ApiErrorLayer`]: one envelope for everything an axum service answers with.

use core::convert::Infallible;
use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::sync::Arc;

use axum_core::response::Response;
use http::header::{ALLOW, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, VARY};
use http::{HeaderName, HeaderValue, Request, StatusCode};
use http_body::Body as _;
use http_body_util::{BodyExt, Limited};
use tower_layer::Layer;
use tower_service::Service;

use crate::layer::{self, Scope, Settings};
use crate::{ApiError, Config, Rejection};

/// A [`tower_layer::Layer`] that makes every error response of an axum service look the same.
///
/// Under it:
/// - Every error is rendered by its [`Config`]: the handlers' `ApiError`s, which it passes on
///   as they are (but for `x-request-id`), and axum's own rejections, which it renders as a
///   [`Rejection`]: a body that is not valid JSON or not of the handler's type
///   (`VALIDATION_FAILED`), a path or query value that does not parse (`INVALID_PARAMETER`), a
///   body without `Content-Type: application/json` (`UNSUPPORTED_MEDIA_TYPE`), a body over the
///   limit (`CONTENT_TOO_LARGE`), an unknown route (`NOT_FOUND`), a method the route does not
///   take (`METHOD_NOT_ALLOWED`, with axum's `Allow`). Any other error response whose body is
///   plain text or empty is rendered too, with its status; a 5xx never shows its text, which is
///   logged instead. [`ApiErrorLayer::map_rejections`] answers them with a service's own errors.
/// - Every request has an id: its `x-request-id` when it has one of 1 to 128 letters, digits and
///   `-_.+=` with a letter or digit among them (nothing that could move a URI built from it to
///   another path, port or host), else a generated one. The id is set on the request's header
///   (handlers take it as a [`RequestId`](crate::RequestId)) and on every response, is the `request_id` of a
///   [`Format::Json`](crate::Format::Json) body, the `instance` of problem details and the `id`
///   of a JSON:API error, and is logged with the error.
/// - With translations in its configuration (feature `fluent`, `Config::translations`), every
///   request's `Accept-Language` chooses the language its errors are rendered in, once per
///   request and without allocating: q-values honoured, `q=0` excluded, `*`, any case, `de-CH`
///   falling back to `de`, else the default locale (as for a header it cannot read or one
///   longer than 1 KiB). Each error response says `Content-Language` and
///   `Vary: Accept-Language`.
///
/// ```
/// use api_error_core::axum::ApiErrorLayer;
/// use api_error_core::{Config, Format};
/// use axum::extract::Path;
/// use axum::{Router, routing::get};
///
/// async fn order(Path(id): Path<u32>) -> String {
///     format!("order {id}")
/// }
///
/// // `/orders/abc` answers 400 `INVALID_PARAMETER`, `/nowhere` 404 `NOT_FOUND`, both as
/// // problem details with the request's id.
/// let app: Router = Router::new()
///     .route("/orders/{id}", get(order))
///     .layer(ApiErrorLayer::new(Config::new().format(Format::Problem)));
/// ```
///
/// Add it with `Router::layer`, as above, after every route and fallback (requests matching no
/// route pass through it too), or wrap the router in it (`ApiErrorLayer::new(config).layer(router)`,
/// served with `axum::ServiceExt::into_make_service`), which also sees the `Allow` axum puts on
/// its 405s. Around the router it sees the answer to a `HEAD` request after axum has taken its
/// body off, and passes such an answer on as it is. Layers that change the body (tracing,
/// compression) may sit inside it; an error they compress passes as it is. One layer per
/// service: an inner one renders a rejection first, and an outer one then sees JSON.
///
/// It reads a response's body only when the response is an error whose body is plain text of
/// a known length up to 64 KiB (of which it shows the first 4 KiB), or is empty; an error whose
/// body is of another type (a handler's own JSON or HTML), longer, streamed or encoded
/// (`Content-Encoding`) passes as it is.
///
/// The configuration and the request id are in force while the request's own future runs, as a
/// span is: an error turned into a response on another task (`tokio::spawn`, `spawn_blocking`)
/// is rendered by the installed configuration instead, and since its body is JSON, the layer
/// passes it on as it is. Return errors to the handler and let it answer with them.
#[derive(Clone)]
pub struct ApiErrorLayer(Arc<Settings>);

impl Default for ApiErrorLayer {
    fn default() -> Self {
        ApiErrorLayer::new(Config::new())
    }
}

impl ApiErrorLayer {
    /// A layer rendering errors by `config`.
    #[must_use]
    pub fn new(config: Config) -> Self {
        ApiErrorLayer(Arc::new(Settings::new(config)))
    }

    /// The header request ids come in and go out in, `x-request-id` unless set: a service
    /// behind a proxy that names them otherwise (`x-correlation-id`, say) sets it here. An id
    /// set by a layer before this one (tower-http's `SetRequestIdLayer`, for one) in this
    /// header is kept when it is safe to show and log, as any request's own id is.
    #[must_use]
    pub fn request_id_header(mut self, name: HeaderName) -> Self {
        let settings = Arc::make_mut(&mut self.0);
        *settings = settings.clone().with_request_id_header(name);
        self
    }

    /// Answers each rejection with the error `map` makes of it, so that a service's own codes
    /// (and its catalog) cover requests no handler answered too. A `transparent` variant
    /// holding the [`Rejection`] keeps the layer's answer for the kinds the service has no code
    /// for. `map` runs with the layer's configuration and the request's id in force.
    ///
    /// A 405 answered with a 405 keeps axum's `Allow` unless the mapped error sets its own. axum
    /// sets `Allow` on its 405 after a layer added with `Router::layer` has run, so there
    /// [`Rejection::allow`] is `None`, and an empty `Allow` of the mapped error is left for axum
    /// to fill; for the same reason, under `Router::layer` axum adds `Allow` even to a 405 mapped
    /// to another status (around the router, such an answer carries none). A layer wrapped
    /// around the router sees axum's `Allow`.
    ///
    /// ```
    /// use api_error_core::ApiError;
    /// use api_error_core::axum::ApiErrorLayer;
    /// use api_error_core::{Rejection, RejectionKind};
    ///
    /// #[derive(Debug, ApiError)]
    /// enum ShopRejection {
    ///     #[api_error(code = "RESOURCE_MISSING", status = 404, message = "Nothing lives here")]
    ///     Missing,
    ///     #[api_error(transparent)]
    ///     Other(Rejection),
    /// }
    ///
    /// let layer = ApiErrorLayer::default().map_rejections(|rejection| match rejection.kind() {
    ///     RejectionKind::NotFound => ShopRejection::Missing,
    ///     _ => ShopRejection::Other(rejection),
    /// });
    /// # let _: axum::Router = axum::Router::new().layer(layer);
    /// ```
    #[must_use]
    pub fn map_rejections<F, E>(mut self, map: F) -> Self
    where
        F: Fn(Rejection) -> E + Send + Sync + 'static,
        E: ApiError + 'static,
    {
        let settings = Arc::make_mut(&mut self.0);
        *settings = settings.clone().map_rejections(map);
        self
    }
}

impl fmt::Debug for ApiErrorLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ApiErrorLayer").field(&self.0).finish()
    }
}

impl<S> Layer<S> for ApiErrorLayer {
    type Service = ApiErrorService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ApiErrorService {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service [`ApiErrorLayer`] wraps around another.
#[derive(Debug, Clone)]
pub struct ApiErrorService<S> {
    inner: S,
    layer: ApiErrorLayer,
}

impl<S, B, R> Service<Request<B>> for ApiErrorService<S>
where
    S: Service<Request<B>, Response = http::Response<R>, Error = Infallible>,
    R: http_body::Body<Data = bytes::Bytes> + Send + 'static,
    R::Error: Into<axum_core::BoxError>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        let settings = &self.layer.0;
        let name = settings.request_id_header();
        // The request's own id stays as it is, and is sent back as it came; a generated one is
        // set on the request too.
        let headers = request.headers();
        let accept_language = headers
            .get_all(http::header::ACCEPT_LANGUAGE)
            .into_iter()
            .map(HeaderValue::as_bytes);
        let scope = settings.begin(headers.get(name), accept_language);
        if scope.is_generated() {
            let id = scope.request_id_value().clone();
            request.headers_mut().insert(name.clone(), id);
        }
        let head = request.method() == http::Method::HEAD;
        let future = scope.enter(|| self.inner.call(request));
        ResponseFuture {
            state: State::Inner {
                future,
                request: Some(Answering {
                    scope,
                    settings: Arc::clone(settings),
                    head,
                }),
            },
        }
    }
}

/// What the layer keeps of a request until its response is ready.
struct Answering {
    scope: Scope,
    settings: Arc<Settings>,
    head: bool,
}

impl Answering {
    /// The response as it leaves the layer: with the request's id.
    fn finish(self, mut response: Response) -> Response {
        let name = self.settings.request_id_header().clone();
        response
            .headers_mut()
            .insert(name, self.scope.into_request_id());
        response
    }
}

pin_project_lite::pin_project! {
    /// The future of an [`ApiErrorService`]'s response. Like any future, it panics when it is
    /// polled again after it was ready.
    pub struct ResponseFuture<F> {
        #[pin]
        state: State<F>,
    }
}

pin_project_lite::pin_project! {
    #[project = StateProjection]
    enum State<F> {
        /// The service inside is answering, polled with the request's scope in force.
        Inner {
            #[pin]
            future: F,
            request: Option<Answering>,
        },
        /// A rejection's body is being read and the rejection rendered: the only state that
        /// allocates a future.
        Rendering {
            future: Pin<Box<dyn Future<Output = Response> + Send>>,
        },
        /// The response has been given.
        Done,
    }
}

impl<F, R> Future for ResponseFuture<F>
where
    F: Future<Output = Result<http::Response<R>, Infallible>>,
    R: http_body::Body<Data = bytes::Bytes> + Send + 'static,
    R::Error: Into<axum_core::BoxError>,
{
    type Output = Result<Response, Infallible>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        loop {
            let mut this = self.as_mut().project();
            match this.state.as_mut().project() {
                StateProjection::Inner { future, request } => {
                    let Some(answering) = request else {
                        // The request leaves this state only with the state itself.
                        unreachable!("ResponseFuture answers each request once")
                    };
                    let polled = answering.scope.enter(|| future.poll(cx));
                    let Poll::Ready(Ok(response)) = polled else {
                        return Poll::Pending;
                    };
                    // Whatever body the services inside give (a tracing or compression
                    // layer's), as axum's; an axum body is taken as it is.
                    let response = response.map(axum_core::body::Body::new);
                    let Some(answering) = request.take() else {
                        unreachable!("ResponseFuture answers each request once")
                    };
                    if !renders(&response, answering.head) {
                        this.state.set(State::Done);
                        return Poll::Ready(Ok(answering.finish(response)));
                    }
                    let rendering = Box::pin(async move {
                        let response =
                            render_rejection(response, &answering.scope, &answering.settings).await;
                        answering.finish(response)
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

impl<F> fmt::Debug for ResponseFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

/// Whether `response` is rendered as a [`Rejection`]: an error response whose body is plain
/// text of a known length up to [`layer::READ_MAX`], or empty (and not the answer to a
/// `HEAD` whose body was taken off). Any other response leaves the
/// layer as it came, but for the request id.
fn renders(response: &Response, head: bool) -> bool {
    let size = response.body().size_hint();
    let headers = response.headers();
    // The answer to a `HEAD` request whose body axum already took off (a layer around the
    // router sees it so) cannot be told from its text: it still says it had one.
    let stripped = size.exact() == Some(0)
        && (headers.contains_key(CONTENT_TYPE)
            || headers
                .get(CONTENT_LENGTH)
                .is_some_and(|length| length.as_bytes() != b"0"));
    if head && stripped {
        return false;
    }
    layer::reads_as_rejection(
        response.status().as_u16(),
        headers.get(CONTENT_TYPE).map(HeaderValue::as_bytes),
        headers.get(CONTENT_ENCODING).map(HeaderValue::as_bytes),
        size.exact(),
        size.upper(),
    )
}

/// Renders `response`, which [`renders`] chose, as a [`Rejection`].
async fn render_rejection(response: Response, scope: &Scope, settings: &Settings) -> Response {
    let status = response.status();
    let (parts, body) = response.into_parts();
    let text = match Limited::new(body, layer::READ_MAX).collect().await {
        Ok(collected) => String::from_utf8(collected.to_bytes().to_vec()).ok(),
        Err(_) => None,
    };
    let empty = text.as_deref().is_none_or(|text| text.trim().is_empty());
    let rejection = Rejection::new(status, &parts.headers, text);
    let allow_known = rejection.allow().is_some();
    let mut rendered = settings.answer(scope, rejection, |error| super::response(error));
    let still_405 = rendered.status() == StatusCode::METHOD_NOT_ALLOWED;
    // axum's own 405 under `Router::layer` gets its `Allow` after this layer has run, unless
    // one is set: an empty one, made before the methods were known, is left for axum to fill.
    if status == StatusCode::METHOD_NOT_ALLOWED
        && still_405
        && empty
        && !allow_known
        && rendered
            .headers()
            .get(ALLOW)
            .is_some_and(HeaderValue::is_empty)
    {
        rendered.headers_mut().remove(ALLOW);
    }
    *rendered.version_mut() = parts.version;
    *rendered.extensions_mut() = parts.extensions;
    // The old response's headers, but for those its rendering set and those that describe the
    // body it no longer has; every value of each.
    let headers = rendered.headers_mut();
    let kept = layer::kept_headers(
        &parts.headers,
        (HeaderName::as_str, HeaderValue::as_bytes),
        (
            |name| headers.contains_key(name),
            |value| headers.get_all(VARY).iter().any(|known| known == value),
        ),
        still_405,
    );
    for (name, value) in kept {
        headers.append(name.clone(), value.clone());
    }
    rendered
}
