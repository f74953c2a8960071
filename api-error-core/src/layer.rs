//! What a web framework's error layer does, for any framework: the public seam that
//! [`ApiErrorLayer`](crate::axum::ApiErrorLayer) (axum) and
//! [`ApiErrorMiddleware`](crate::actix::ApiErrorMiddleware) (actix-web) are built on, and that a
//! crate outside this one uses to give another framework the same behaviour.
//!
//! A layer does four things for each request, in this order:
//! 1. [`Settings::begin`] starts the request's [`Scope`]: its id (the request's own when it is
//!    safe to show and log, else a generated one, which the layer sets on the request) and the
//!    language its `Accept-Language` chose among the configuration's translations.
//! 2. The framework's future runs inside the scope, [`Scope::run`] (or each poll in
//!    [`Scope::enter`]): every error rendered there, by `to_response`, `Serialize` or a
//!    framework's own glue, is rendered by the layer's configuration, with the request's id and
//!    language.
//! 3. A response the framework made itself (a body that does not parse, an unknown route), which
//!    [`reads_as_rejection`] picks out, is turned into a [`Rejection`] of its kind and answered in
//!    the envelope: [`Settings::answer`] hands the rejection, or the error the service maps it
//!    to, to the framework's renderer, inside the scope; [`kept_headers`] says which of the old
//!    response's headers stay.
//! 4. The response leaves with the request's id, [`Scope::request_id`], in
//!    [`Settings::request_id_header`].
//!
//! A framework whose responses are `http` 1's renders an error with
//! [`Respond::to_response`](crate::Respond::to_response); one on another `http` with [`parts`], whose headers and body it
//! copies.
//!
//! A minimal layer for a framework that hands its middleware an `http::Request` and a future of
//! an `http::Response` (the shape of hyper's and tower's services):
//!
//! ```
//! use api_error_core::layer::Settings;
//! use api_error_core::{ApiError, Config, Respond};
//! use http::header::ACCEPT_LANGUAGE;
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
//! struct OrderNotFound;
//!
//! async fn handler(_: http::Request<()>) -> http::Response<api_error_core::Bytes> {
//!     OrderNotFound.to_response()
//! }
//!
//! async fn with_errors(
//!     settings: &Settings,
//!     mut request: http::Request<()>,
//! ) -> http::Response<api_error_core::Bytes> {
//!     let header = settings.request_id_header();
//!     let languages = request.headers().get_all(ACCEPT_LANGUAGE).iter().map(|v| v.as_bytes());
//!     let scope = settings.begin(request.headers().get(header), languages);
//!     if scope.is_generated() {
//!         request.headers_mut().insert(header.clone(), scope.request_id_value().clone());
//!     }
//!     let mut response = scope.run(handler(request)).await;
//!     response.headers_mut().insert(header.clone(), scope.request_id_value().clone());
//!     response
//! }
//!
//! let settings = Settings::new(Config::new());
//! let mut request = http::Request::new(());
//! request.headers_mut().insert("x-request-id", "req-7".parse().unwrap());
//! let response = futures_executor(with_errors(&settings, request));
//! assert_eq!(response.headers()["x-request-id"], "req-7");
//! assert_eq!(
//!     response.body().as_ref(),
//!     br#"{"code":"ORDER_NOT_FOUND","message":"Order not found","request_id":"req-7"}"#
//! );
//! # fn futures_executor<F: Future>(future: F) -> F::Output {
//! #     let mut future = std::pin::pin!(future);
//! #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
//! #     match future.as_mut().poll(&mut cx) {
//! #         std::task::Poll::Ready(output) => output,
//! #         std::task::Poll::Pending => unreachable!("the handler does not wait"),
//! #     }
//! # }
//! ```

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::sync::Arc;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue};

use crate::api_error::ApiError;
use crate::config::Config;
use crate::context::Rendering;
use crate::format::Format;
use crate::rejection::Rejection;
use crate::request;

pub use crate::context::Scope;
pub use crate::rejection::{READ_MAX, kept_headers, reads_as_rejection};

/// What a framework's error layer is set up with, shared by every request it handles: its
/// configuration (with the header request ids travel in) and what it maps rejections to.
#[derive(Clone)]
pub struct Settings {
    config: Arc<Config>,
    map: Option<Arc<MapRejection>>,
}

/// What a layer's `map_rejections` turns a rejection into.
type MapRejection = dyn Fn(Rejection) -> Box<dyn ApiError> + Send + Sync;

impl Default for Settings {
    fn default() -> Self {
        Settings::new(Config::new())
    }
}

impl Settings {
    /// Settings rendering by `config`, with request ids in its
    /// [`request_id_header`](Config::request_id_header), mapping no rejection.
    #[must_use]
    pub fn new(config: Config) -> Self {
        Settings {
            config: Arc::new(config),
            map: None,
        }
    }

    /// Request ids come in and go out in the header `name`: the configuration's
    /// [`request_id_header`](Config::request_id_header), set here.
    #[must_use]
    pub fn with_request_id_header(mut self, name: HeaderName) -> Self {
        let config = Arc::make_mut(&mut self.config);
        *config = core::mem::take(config).request_id_header(name);
        self
    }

    /// Answers each rejection with the error `map` makes of it, so that a service's own codes
    /// cover requests no handler answered too; `map` runs inside the request's scope.
    #[must_use]
    pub fn map_rejections<F, E>(mut self, map: F) -> Self
    where
        F: Fn(Rejection) -> E + Send + Sync + 'static,
        E: ApiError + 'static,
    {
        self.map = Some(Arc::new(move |rejection| Box::new(map(rejection))));
        self
    }

    /// The configuration errors are rendered by.
    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The header request ids come in and go out in.
    #[must_use]
    pub fn request_id_header(&self) -> &HeaderName {
        self.config.request_id_header_name()
    }

    /// The scope of a request: `given` (the request's own id, in
    /// [`request_id_header`](Self::request_id_header)) when it is 1 to 128 letters, digits and
    /// `-_.+=` with a letter or digit among them, else a generated id
    /// ([`Scope::is_generated`]), and the language its `Accept-Language` fields
    /// (`accept_language`, each value's bytes) choose among the translations (feature
    /// `fluent`).
    pub fn begin<'h>(
        &self,
        given: Option<&HeaderValue>,
        accept_language: impl Iterator<Item = &'h [u8]>,
    ) -> Scope {
        let given = given.filter(|id| request::safe(id.as_bytes())).cloned();
        request::scope(&self.config, given, accept_language)
    }

    /// What `respond` makes of `rejection`, or of the error the service maps it to
    /// ([`map_rejections`](Self::map_rejections)), inside the request's `scope`: the mapping
    /// and the rendering both see the request's configuration, id and language.
    pub fn answer<R>(
        &self,
        scope: &Scope,
        rejection: Rejection,
        respond: impl FnOnce(&dyn ApiError) -> R,
    ) -> R {
        scope.enter(|| match &self.map {
            Some(map) => respond(&*map(rejection)),
            None => respond(&rejection),
        })
    }
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("config", &self.config)
            .field("maps_rejections", &self.map.is_some())
            .field("request_id_header", self.request_id_header())
            .finish()
    }
}

impl Scope {
    /// Runs `future` inside this scope: each of its polls renders errors for this request.
    pub fn run<F: Future>(&self, future: F) -> InScope<'_, F> {
        InScope {
            scope: self,
            future,
        }
    }
}

pin_project_lite::pin_project! {
    /// A future polled inside a request's [`Scope`], made by [`Scope::run`].
    pub struct InScope<'s, F> {
        scope: &'s Scope,
        #[pin]
        future: F,
    }
}

impl<F: Future> Future for InScope<'_, F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let future = this.future;
        this.scope.enter(|| future.poll(cx))
    }
}

impl<F> fmt::Debug for InScope<'_, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InScope")
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

/// The response of `error` in parts, for a framework whose responses are not `http` 1's: its
/// format (whose [`Format::content_type`] is the `Content-Type`), its body, and its other
/// headers, appended to `headers` (left unallocated when the error has none). Rendered by
/// `config`, else by the configuration in force (the request's scope's, else the installed
/// one), and logged, as [`Respond::to_response`](crate::Respond::to_response) is; the status is `error.status()`.
pub fn parts<E: ApiError + ?Sized>(
    error: &E,
    config: Option<&Config>,
    headers: &mut HeaderMap,
) -> (Format, Bytes) {
    let mut render = |rendering: Rendering<'_>| {
        let format = rendering.format_of(error);
        (
            format,
            crate::response::parts(error, rendering, format, headers),
        )
    };
    match config {
        Some(config) => render(Rendering::of(config)),
        None => Rendering::with_current(render),
    }
}
