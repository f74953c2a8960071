//! [`ErrorLayer`]: one envelope for everything an axum service answers with.

use core::convert::Infallible;
use core::fmt;
use core::future::{Future, poll_fn};
use core::pin::{Pin, pin};
use core::task::{Context, Poll};
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use axum_core::response::Response;
use http::header::{
    ACCEPT_RANGES, ALLOW, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, ETAG, LAST_MODIFIED,
    TRANSFER_ENCODING,
};
use http::{HeaderMap, HeaderName, HeaderValue, Request, StatusCode};
use http_body::Body as _;
use http_body_util::{BodyExt, Limited};
use tower_layer::Layer;
use tower_service::Service;

use crate::api_error::ApiError;
use crate::catalog::{Catalog, CatalogEntry};
use crate::config::Config;
use crate::context::Scope;
use crate::headers::Headers;
use crate::status::reason_phrase;

/// The header a request id comes in and goes out in.
pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// The longest request id taken from a request; a longer one is replaced by a generated id.
const REQUEST_ID_MAX: usize = 128;

/// The longest plain-text body of an error response read to render it; a longer one passes as
/// it is.
const REJECTION_READ_MAX: usize = 64 * 1024;

/// The most of that text shown to the client: a longer one is cut at a character's end and
/// marked with `…`.
const REJECTION_TEXT_MAX: usize = 4 * 1024;

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
///   logged instead. [`ErrorLayer::map_rejections`] answers them with a service's own errors.
/// - Every request has an id: its `x-request-id` when it has one of 1 to 128 letters, digits and
///   `-_.+=` with a letter or digit among them (nothing that could move a URI built from it to
///   another path, port or host), else a generated one. The id is set on the request (header
///   and a [`RequestId`] extension) and on every response, is the `request_id` of a
///   [`Format::Json`](crate::Format::Json) body and the `instance` of problem details, and is
///   logged with the error.
///
/// ```
/// use api_error_core::axum::ErrorLayer;
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
///     .layer(ErrorLayer::new(Config::new().format(Format::Problem)));
/// ```
///
/// Add it with `Router::layer`, as above, after every route and fallback (requests matching no
/// route pass through it too), or wrap the router in it (`ErrorLayer::new(config).layer(router)`,
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
#[derive(Clone, Default)]
pub struct ErrorLayer {
    config: Arc<Config>,
    map: Option<Arc<MapRejection>>,
}

/// What [`ErrorLayer::map_rejections`] turns a rejection into.
type MapRejection = dyn Fn(Rejection) -> Box<dyn ApiError> + Send + Sync;

impl ErrorLayer {
    /// A layer rendering errors by `config`.
    #[must_use]
    pub fn new(config: Config) -> Self {
        ErrorLayer {
            config: Arc::new(config),
            map: None,
        }
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
    /// use api_error_core::axum::{ErrorLayer, Rejection, RejectionKind};
    ///
    /// #[derive(Debug, ApiError)]
    /// enum ShopRejection {
    ///     #[api_error(code = "RESOURCE_MISSING", status = 404, message = "Nothing lives here")]
    ///     Missing,
    ///     #[api_error(transparent)]
    ///     Other(Rejection),
    /// }
    ///
    /// let layer = ErrorLayer::default().map_rejections(|rejection| match rejection.kind() {
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
        self.map = Some(Arc::new(move |rejection| Box::new(map(rejection))));
        self
    }
}

impl fmt::Debug for ErrorLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorLayer")
            .field("config", &self.config)
            .field("maps_rejections", &self.map.is_some())
            .finish()
    }
}

impl<S> Layer<S> for ErrorLayer {
    type Service = ErrorService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ErrorService {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service [`ErrorLayer`] wraps around another.
#[derive(Debug, Clone)]
pub struct ErrorService<S> {
    inner: S,
    layer: ErrorLayer,
}

impl<S, B, R> Service<Request<B>> for ErrorService<S>
where
    S: Service<Request<B>, Response = http::Response<R>, Error = Infallible>,
    S::Future: Send + 'static,
    R: http_body::Body<Data = bytes::Bytes> + Send + 'static,
    R::Error: Into<axum_core::BoxError>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        let (id, header) = match given_request_id(request.headers()) {
            // The request's own: its header stays as it is, and is sent back as it came.
            Some((id, header)) => (id, Some(header)),
            None => {
                let id = generate_request_id();
                let header = HeaderValue::from_str(&id).ok();
                if let Some(header) = &header {
                    request
                        .headers_mut()
                        .insert(REQUEST_ID_HEADER, header.clone());
                }
                (id, header)
            }
        };
        request.extensions_mut().insert(RequestId(Arc::clone(&id)));
        let scope = Arc::new(Scope {
            config: Arc::clone(&self.layer.config),
            request_id: id,
        });
        let head = request.method() == http::Method::HEAD;
        let future = scope.enter(|| self.inner.call(request));
        let map = self.layer.map.clone();
        Box::pin(async move {
            let mut future = pin!(future);
            let Ok(response) = poll_fn(|cx| scope.enter(|| future.as_mut().poll(cx))).await;
            // Whatever body the services inside give (a tracing or compression layer's), as
            // axum's; an axum body is taken as it is.
            let response = response.map(axum_core::body::Body::new);
            let mut response = render_rejection(response, &scope, map.as_deref(), head).await;
            if let Some(header) = header {
                response.headers_mut().insert(REQUEST_ID_HEADER, header);
            }
            Ok(response)
        })
    }
}

/// The id of the request being answered, as [`ErrorLayer`] sets it in the request's extensions:
/// a handler takes it with `axum::Extension<RequestId>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestId(Arc<str>);

impl RequestId {
    /// The id.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The request's own id and its header, when it is one that can be shown and logged safely.
fn given_request_id(headers: &HeaderMap) -> Option<(Arc<str>, HeaderValue)> {
    let header = headers.get(REQUEST_ID_HEADER)?;
    let id = header.as_bytes();
    let safe = (1..=REQUEST_ID_MAX).contains(&id.len())
        && id
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"-_.+=".contains(&b))
        && id.iter().any(u8::is_ascii_alphanumeric);
    let id = core::str::from_utf8(id).ok().filter(|_| safe)?;
    Some((Arc::from(id), header.clone()))
}

/// 32 hex digits, unique in the process and not guessable from the ids before it.
fn generate_request_id() -> Arc<str> {
    static KEYS: OnceLock<RandomState> = OnceLock::new();
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let keys = KEYS.get_or_init(RandomState::new);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let high = keys.hash_one((n, 0u8));
    let low = keys.hash_one((n, 1u8));
    format!("{high:016x}{low:016x}").into()
}

/// Renders `response` as a [`Rejection`] when it is an error response whose body is plain text
/// of a known length up to [`REJECTION_READ_MAX`], or empty; leaves any other response as it is.
async fn render_rejection(
    response: Response,
    scope: &Arc<Scope>,
    map: Option<&MapRejection>,
    head: bool,
) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
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
        return response;
    }
    // Media types are case-insensitive (RFC 9110, 8.3.1).
    let plain = headers.get(CONTENT_TYPE).map(|media| {
        media
            .as_bytes()
            .get(..b"text/plain".len())
            .is_some_and(|start| start.eq_ignore_ascii_case(b"text/plain"))
    });
    let readable = match plain {
        Some(plain) => {
            plain
                && size
                    .upper()
                    .is_some_and(|len| len <= REJECTION_READ_MAX as u64)
        }
        None => size.exact() == Some(0),
    };
    // A body that is encoded (compressed, say) is not text this layer can read or replace.
    let encoded = headers
        .get(CONTENT_ENCODING)
        .is_some_and(|coding| !coding.as_bytes().eq_ignore_ascii_case(b"identity"));
    if !readable || encoded {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = match Limited::new(body, REJECTION_READ_MAX).collect().await {
        Ok(collected) => String::from_utf8(collected.to_bytes().to_vec()).ok(),
        Err(_) => None,
    };
    let empty = text.as_deref().is_none_or(|text| text.trim().is_empty());
    let rejection = Rejection::new(status, &parts.headers, text);
    let allow_known = rejection.allow.is_some();
    let mut rendered = scope.enter(|| match map {
        Some(map) => super::response(&*map(rejection)),
        None => super::response(&rejection),
    });
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
    for name in parts.headers.keys() {
        // A 405 answered with another status says nothing of the methods.
        let stale_allow = name == ALLOW && !still_405;
        if headers.contains_key(name) || describes_body(name) || stale_allow {
            continue;
        }
        for value in parts.headers.get_all(name) {
            headers.append(name.clone(), value.clone());
        }
    }
    rendered
}

/// Whether a header describes a response's body rather than the response, and so goes with
/// the body when the body is replaced.
fn describes_body(name: &HeaderName) -> bool {
    name.as_str().starts_with("content-")
        || [TRANSFER_ENCODING, ETAG, LAST_MODIFIED, ACCEPT_RANGES].contains(name)
        || name.as_str() == "digest"
}

/// What went wrong with a request that no handler answered with an [`ApiError`]: axum's own
/// rejections, and other error responses with a plain-text or empty body, as [`ErrorLayer`]
/// renders them.
///
/// Its codes are stable; [`Rejection::catalog`] lists them, to be appended to a service's own.
#[derive(Debug)]
pub struct Rejection {
    kind: RejectionKind,
    status: StatusCode,
    text: Option<String>,
    hidden: Option<ResponseText>,
    allow: Option<String>,
}

/// The kinds of [`Rejection`], each with its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RejectionKind {
    /// `VALIDATION_FAILED`, 400: the body is not valid JSON (or a form), or not of the type the
    /// handler takes. axum answers some of these 422; one code has one status, the catalog's.
    InvalidBody,
    /// `INVALID_PARAMETER`, 400: a path or query value does not parse.
    InvalidParameter,
    /// `UNSUPPORTED_MEDIA_TYPE`, 415: the body is not of the media type the handler takes.
    UnsupportedMediaType,
    /// `CONTENT_TOO_LARGE`, 413: the body is over the limit.
    ContentTooLarge,
    /// `NOT_FOUND`, 404: no route matches the path (or a handler answered a bare 404).
    NotFound,
    /// `METHOD_NOT_ALLOWED`, 405: the route does not take the method; `Allow` lists those it
    /// takes.
    MethodNotAllowed,
    /// `CLIENT_ERROR`, with the status it came with: any other client error.
    ClientError,
    /// `SERVER_INTERNAL_ERROR` for a 500, `SERVER_ERROR` for another 5xx: the text it came with
    /// is logged, never sent.
    ServerError,
}

impl RejectionKind {
    const ALL: [RejectionKind; 8] = [
        RejectionKind::InvalidBody,
        RejectionKind::InvalidParameter,
        RejectionKind::UnsupportedMediaType,
        RejectionKind::ContentTooLarge,
        RejectionKind::NotFound,
        RejectionKind::MethodNotAllowed,
        RejectionKind::ClientError,
        RejectionKind::ServerError,
    ];

    /// What the kind is, for the catalog.
    const fn description(self) -> &'static str {
        match self {
            RejectionKind::InvalidBody => "The request body is not valid JSON of the expected type",
            RejectionKind::InvalidParameter => "A path or query parameter is not valid",
            RejectionKind::UnsupportedMediaType => "The request body has the wrong media type",
            RejectionKind::ContentTooLarge => "The request body is too large",
            RejectionKind::NotFound => "No resource at this path",
            RejectionKind::MethodNotAllowed => "The route does not take this method",
            RejectionKind::ClientError => "Another client error",
            RejectionKind::ServerError => "A server error",
        }
    }

    /// The status the kind always has, if it has one.
    const fn fixed_status(self) -> Option<StatusCode> {
        match self {
            RejectionKind::InvalidBody | RejectionKind::InvalidParameter => {
                Some(StatusCode::BAD_REQUEST)
            }
            RejectionKind::UnsupportedMediaType => Some(StatusCode::UNSUPPORTED_MEDIA_TYPE),
            RejectionKind::ContentTooLarge => Some(StatusCode::PAYLOAD_TOO_LARGE),
            RejectionKind::NotFound => Some(StatusCode::NOT_FOUND),
            RejectionKind::MethodNotAllowed => Some(StatusCode::METHOD_NOT_ALLOWED),
            RejectionKind::ClientError | RejectionKind::ServerError => None,
        }
    }

    /// Whether the text of the response, when it has one, is shown to the client as the
    /// message: a client error's describes what the client sent, a server error's may tell
    /// anything about the server.
    const fn shows_text(self) -> bool {
        !matches!(self, RejectionKind::ServerError)
    }

    /// The kind of an error response with `status` and the plain `text` axum (or another
    /// service) wrote.
    fn of(status: StatusCode, text: &str) -> RejectionKind {
        const BODY: [&str; 4] = [
            "Failed to parse the request body as JSON",
            "Failed to deserialize the JSON body",
            "Failed to deserialize form",
            "Failed to buffer the request body",
        ];
        const PARAMETER: [&str; 3] = [
            "Invalid URL",
            "Failed to deserialize query string",
            "Failed to deserialize path",
        ];
        match status.as_u16() {
            500..=599 => RejectionKind::ServerError,
            404 => RejectionKind::NotFound,
            405 => RejectionKind::MethodNotAllowed,
            413 => RejectionKind::ContentTooLarge,
            415 => RejectionKind::UnsupportedMediaType,
            400 | 422 if BODY.iter().any(|prefix| text.starts_with(prefix)) => {
                RejectionKind::InvalidBody
            }
            400 if PARAMETER.iter().any(|prefix| text.starts_with(prefix)) => {
                RejectionKind::InvalidParameter
            }
            _ => RejectionKind::ClientError,
        }
    }
}

impl Rejection {
    /// The rejection an error response with `status`, `headers` and the plain `text` stands for,
    /// as the layer makes it; for testing a [`map_rejections`](ErrorLayer::map_rejections)
    /// function. A status that is not an error's is taken for a 500.
    #[must_use]
    pub fn new(status: StatusCode, headers: &HeaderMap, text: Option<String>) -> Self {
        let status = if status.is_client_error() || status.is_server_error() {
            status
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        let mut text = text
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty());
        let kind = RejectionKind::of(status, text.as_deref().unwrap_or(""));
        let hidden = if kind.shows_text() {
            None
        } else {
            text.take().map(ResponseText)
        };
        if let Some(text) = &mut text
            && text.len() > REJECTION_TEXT_MAX
        {
            let mut end = REJECTION_TEXT_MAX;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
            text.push('…');
        }
        let allow = headers
            .get(ALLOW)
            .and_then(|allow| allow.to_str().ok())
            .map(str::to_owned);
        let status = kind.fixed_status().unwrap_or(status);
        Rejection {
            kind,
            status,
            text,
            hidden,
            allow,
        }
    }

    /// Its kind.
    #[must_use]
    pub fn kind(&self) -> RejectionKind {
        self.kind
    }

    /// The text the response came with, as the client is shown it: `None` for a server error,
    /// whose text is never shown, and for an empty body.
    #[must_use]
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The methods axum's 405 said the route takes (`GET,HEAD`), for a mapped error's `Allow`:
    /// known to a layer wrapped around the router, not to one added with `Router::layer` (see
    /// [`ErrorLayer::map_rejections`]).
    #[must_use]
    pub fn allow(&self) -> Option<&str> {
        self.allow.as_deref()
    }

    /// The codes a [`Rejection`] can have, for a service's catalog.
    #[must_use]
    pub fn catalog() -> Catalog {
        let mut catalog = Catalog::new();
        for kind in RejectionKind::ALL {
            let statuses: &[StatusCode] = match kind {
                RejectionKind::ServerError => {
                    &[StatusCode::INTERNAL_SERVER_ERROR, StatusCode::BAD_GATEWAY]
                }
                RejectionKind::ClientError => &[StatusCode::BAD_REQUEST],
                _ => &[StatusCode::OK],
            };
            for &status in statuses {
                let status = kind.fixed_status().unwrap_or(status);
                catalog.push(CatalogEntry::new(
                    "api_error_core::axum::Rejection",
                    Some("Requests no handler answered"),
                    Some(kind_name(kind)),
                    code(kind, status),
                    status,
                    None,
                    Some(kind.description()),
                ));
            }
        }
        catalog
    }
}

fn kind_name(kind: RejectionKind) -> &'static str {
    match kind {
        RejectionKind::InvalidBody => "InvalidBody",
        RejectionKind::InvalidParameter => "InvalidParameter",
        RejectionKind::UnsupportedMediaType => "UnsupportedMediaType",
        RejectionKind::ContentTooLarge => "ContentTooLarge",
        RejectionKind::NotFound => "NotFound",
        RejectionKind::MethodNotAllowed => "MethodNotAllowed",
        RejectionKind::ClientError => "ClientError",
        RejectionKind::ServerError => "ServerError",
    }
}

fn code(kind: RejectionKind, status: StatusCode) -> &'static str {
    match kind {
        RejectionKind::InvalidBody => "VALIDATION_FAILED",
        RejectionKind::InvalidParameter => "INVALID_PARAMETER",
        RejectionKind::UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
        RejectionKind::ContentTooLarge => "CONTENT_TOO_LARGE",
        RejectionKind::NotFound => "NOT_FOUND",
        RejectionKind::MethodNotAllowed => "METHOD_NOT_ALLOWED",
        RejectionKind::ClientError => "CLIENT_ERROR",
        RejectionKind::ServerError if status == StatusCode::INTERNAL_SERVER_ERROR => {
            "SERVER_INTERNAL_ERROR"
        }
        RejectionKind::ServerError => "SERVER_ERROR",
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.text {
            Some(text) => f.write_str(text),
            None => f.write_str(reason_phrase(self.status)),
        }
    }
}

/// The text of a server error's response, which is logged as the rejection's source.
#[derive(Debug)]
struct ResponseText(String);

impl fmt::Display for ResponseText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::error::Error for ResponseText {}

impl core::error::Error for Rejection {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        self.hidden
            .as_ref()
            .map(|text| text as &(dyn core::error::Error + 'static))
    }
}

impl ApiError for Rejection {
    fn code(&self) -> &'static str {
        code(self.kind, self.status)
    }

    fn status(&self) -> StatusCode {
        self.status
    }

    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }

    fn headers(&self, headers: &mut Headers<'_>) {
        // RFC 9110 requires `Allow` on a 405. axum sets it on its own 405s: under
        // `Router::layer` after this layer has run (so it is not here yet), around the router
        // before (so it is kept here).
        if let Some(allow) = &self.allow {
            let _ = headers.append("allow", allow.as_str());
        }
    }

    fn summary(&self) -> Option<&'static str> {
        Some(self.kind.description())
    }

    fn catalog() -> Catalog {
        Rejection::catalog()
    }
}
