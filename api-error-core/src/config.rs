//! How a service renders its errors: the body format, the envelope around it, and (with the
//! `tracing` feature) how client errors are logged. One [`Config`] holds all of it, set once for
//! the process with [`Config::install`] or for one axum service by
//! [`ErrorLayer`](crate::axum::ErrorLayer); every error of the service, derived or not, is then
//! rendered by it, by `Serialize` and by the response alike.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use bytes::Bytes;

use crate::{ApiError, Body};

/// The shape of an error body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// `application/json`, the default:
    /// `{"code":"ORDER_NOT_PENDING","message":"Order 42 is not in pending status","details":{"id":42}}`,
    /// nested in one member when [`Config::nest_in`] says so.
    Json,
    /// `application/problem+json`, the problem details of RFC 9457:
    /// `{"type":...,"title":...,"status":400,"detail":...,"code":...}`, each detail an
    /// extension member. See [`Config::problem_type_base`] for `type` and `title`, and
    /// [`Config::problem_instance_prefix`] for `instance`.
    Problem,
}

impl Format {
    /// Every format, with the name [`Format::named`] knows it by.
    pub const ALL: [(&'static str, Format); 2] = [
        (Format::Json.name(), Format::Json),
        (Format::Problem.name(), Format::Problem),
    ];

    /// The media type of a body in this format.
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Problem => "application/problem+json",
        }
    }

    /// The format called `name` (`"json"` or `"problem"`), as a command line or an environment
    /// variable would name it.
    ///
    /// ```
    /// use api_error_core::Format;
    ///
    /// assert_eq!(Format::named("problem"), Some(Format::Problem));
    /// assert_eq!(Format::named("xml"), None);
    /// ```
    #[must_use]
    pub const fn named(name: &str) -> Option<Format> {
        let mut i = 0;
        while i < Self::ALL.len() {
            if same_ignoring_ascii_case(name.as_bytes(), Self::ALL[i].0.as_bytes()) {
                return Some(Self::ALL[i].1);
            }
            i += 1;
        }
        None
    }

    /// [`Format::content_type`] as a header value, checked when the crate is built rather than
    /// for each response.
    pub(crate) fn header_value(self) -> http::HeaderValue {
        match self {
            Format::Json => const { http::HeaderValue::from_static(Format::Json.content_type()) },
            Format::Problem => {
                const { http::HeaderValue::from_static(Format::Problem.content_type()) }
            }
        }
    }

    /// The name [`Format::named`] knows this format by.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Problem => "problem",
        }
    }
}

/// `str::eq_ignore_ascii_case`, which is not a `const fn` on the oldest Rust this crate builds
/// with.
pub(crate) const fn same_ignoring_ascii_case(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if !a[i].eq_ignore_ascii_case(&b[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// How every error of a service is rendered.
///
/// The default renders the body of the crate's documentation, `application/json`, and is what
/// an error uses when nothing is configured. A configuration applies to the whole process once
/// [installed](Config::install), or to the requests of one axum service through
/// [`ErrorLayer`](crate::axum::ErrorLayer). Either way `Serialize` and the response agree: both
/// read the configuration in force where they run.
///
/// An envelope like `{"error": {...}}`, set in one place for every error type:
///
/// ```
/// use api_error_core::{ApiError, Config};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
/// struct OrderNotFound;
///
/// let config = Config::new().nest_in("error");
/// let response = config.response(&OrderNotFound);
/// assert_eq!(response.body().as_ref(), br#"{"error":{"code":"ORDER_NOT_FOUND","message":"Order not found"}}"#);
/// assert_eq!(
///     serde_json::to_string(&config.body(&OrderNotFound)).unwrap().as_bytes(),
///     response.body().as_ref(),
/// );
/// ```
///
/// For the whole process, [`install`](Config::install) it once at start-up.
///
/// RFC 9457 problem details:
///
/// ```
/// use api_error_core::{ApiError, Config, Format};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = "ORDER_NOT_PENDING", status = 400, message = "Order {order_id} is not in pending status")]
/// struct OrderNotPending {
///     #[api_error(detail)]
///     order_id: u64,
/// }
///
/// let config = Config::new()
///     .format(Format::Problem)
///     .problem_type_base("https://errors.example.com/");
/// let response = config.response(&OrderNotPending { order_id: 42 });
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// assert_eq!(
///     response.body().as_ref(),
///     concat!(
///         r#"{"type":"https://errors.example.com/ORDER_NOT_PENDING","title":"Bad Request","#,
///         r#""status":400,"detail":"Order 42 is not in pending status","code":"ORDER_NOT_PENDING","#,
///         r#""order_id":42}"#,
///     )
///     .as_bytes(),
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub(crate) format: Format,
    pub(crate) nest_in: Option<Cow<'static, str>>,
    pub(crate) type_base: Option<Cow<'static, str>>,
    pub(crate) instance_prefix: Cow<'static, str>,
    #[cfg(feature = "tracing")]
    pub(crate) client_errors: Option<tracing::Level>,
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

/// What an error uses when no configuration is installed.
static DEFAULT: Config = Config::new();

/// The configuration of the process, once installed.
static INSTALLED: OnceLock<Config> = OnceLock::new();

/// Whether a configuration was ever installed or a scope entered: until then every error is
/// rendered by the default, which is found without looking further.
static CONFIGURED: AtomicBool = AtomicBool::new(false);

impl Config {
    /// The default: [`Format::Json`], not nested, problem `type` `about:blank`, `instance`
    /// prefix `urn:request:`, client errors logged at `DEBUG`.
    #[must_use]
    pub const fn new() -> Self {
        Config {
            format: Format::Json,
            nest_in: None,
            type_base: None,
            instance_prefix: Cow::Borrowed("urn:request:"),
            #[cfg(feature = "tracing")]
            client_errors: Some(tracing::Level::DEBUG),
        }
    }

    /// The format of the body, for every error whose type names none of its own
    /// (`#[api_error(format = "...")]` on the type).
    #[must_use]
    pub const fn format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// Nests a [`Format::Json`] body in one member: `nest_in("error")` sends
    /// `{"error":{"code":...,"message":...}}`. Problem details are never nested: RFC 9457 fixes
    /// their members.
    #[must_use]
    pub fn nest_in(mut self, member: impl Into<Cow<'static, str>>) -> Self {
        self.nest_in = Some(member.into());
        self
    }

    /// Where problem types live: with `"https://errors.example.com/"`, a problem's `type` is
    /// `https://errors.example.com/ORDER_NOT_FOUND` and its `title` the error's description (the
    /// first paragraph of its doc comment) or, without one, its status's reason phrase. Without
    /// a base, `type` is `about:blank` and `title` the reason phrase, as RFC 9457 asks.
    #[must_use]
    pub fn problem_type_base(mut self, base: impl Into<Cow<'static, str>>) -> Self {
        self.type_base = Some(base.into());
        self
    }

    /// What comes before the request id in a problem's `instance` (`urn:request:` unless set):
    /// a service whose support pages show a request might use `"https://api.example.com/requests/"`.
    /// `instance` is sent only when the request id is known, under
    /// [`ErrorLayer`](crate::axum::ErrorLayer).
    #[must_use]
    pub fn problem_instance_prefix(mut self, prefix: impl Into<Cow<'static, str>>) -> Self {
        self.instance_prefix = prefix.into();
        self
    }

    /// The level client errors (4xx) are logged at, or `None` to leave them out. Server errors
    /// (5xx) are always logged at `ERROR`.
    #[cfg(feature = "tracing")]
    #[must_use]
    pub const fn client_errors(mut self, level: Option<tracing::Level>) -> Self {
        self.client_errors = level;
        self
    }

    /// The body format this configuration gives by default.
    #[must_use]
    pub const fn default_format(&self) -> Format {
        self.format
    }

    /// Makes this the configuration of the whole process, for every error rendered outside an
    /// [`ErrorLayer`](crate::axum::ErrorLayer) that brings its own. Install it at start-up,
    /// before the threads that render errors start.
    ///
    /// ```standalone_crate
    /// use api_error_core::{ApiError, Config};
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
    /// struct OrderNotFound;
    ///
    /// Config::new().nest_in("error").install().expect("the first configuration");
    ///
    /// let body = br#"{"error":{"code":"ORDER_NOT_FOUND","message":"Order not found"}}"#;
    /// assert_eq!(serde_json::to_vec(&OrderNotFound).unwrap(), body);
    /// assert_eq!(OrderNotFound.to_response().body().as_ref(), body);
    /// assert!(Config::new().install().is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// Gives this configuration back when one is already installed: a process renders its errors
    /// one way, decided once.
    pub fn install(self) -> Result<(), Config> {
        INSTALLED.set(self)?;
        CONFIGURED.store(true, Ordering::Release);
        Ok(())
    }

    /// The response of `error` rendered by this configuration, as
    /// [`ApiError::to_response`] renders it by the configuration in force.
    pub fn response<E: ApiError + ?Sized>(&self, error: &E) -> http::Response<Bytes> {
        crate::body::response(error, Rendering::of(self))
    }

    /// The body of `error` rendered by this configuration, for `Serialize`.
    pub fn body<'a, E: ApiError + ?Sized>(&'a self, error: &'a E) -> Body<'a, E> {
        Body::rendered(error, Rendering::of(self))
    }
}

/// A configuration and what is known of the request being answered.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rendering<'a> {
    pub(crate) config: &'a Config,
    pub(crate) request_id: Option<&'a str>,
}

/// The configuration and request id an [`ErrorLayer`](crate::axum::ErrorLayer) puts in force
/// while its service runs.
#[derive(Debug)]
pub(crate) struct Scope {
    pub(crate) config: Arc<Config>,
    pub(crate) request_id: Arc<str>,
}

thread_local! {
    /// The scope of the request whose future this thread is polling, if any.
    static CURRENT: RefCell<Option<Arc<Scope>>> = const { RefCell::new(None) };
}

impl Scope {
    /// Runs `f` with this scope in force, and then the one before it again.
    #[cfg(feature = "axum")]
    pub(crate) fn enter<R>(self: &Arc<Self>, f: impl FnOnce() -> R) -> R {
        struct Restore(Option<Arc<Scope>>);
        impl Drop for Restore {
            fn drop(&mut self) {
                let previous = self.0.take();
                let _ = CURRENT.try_with(|current| {
                    if let Ok(mut current) = current.try_borrow_mut() {
                        *current = previous;
                    }
                });
            }
        }
        // Read first: a store on every poll would contend for the flag's cache line.
        if !CONFIGURED.load(Ordering::Relaxed) {
            CONFIGURED.store(true, Ordering::Relaxed);
        }
        let previous = CURRENT
            .try_with(|current| {
                current
                    .try_borrow_mut()
                    .ok()
                    .and_then(|mut current| current.replace(Arc::clone(self)))
            })
            .ok()
            .flatten();
        let _restore = Restore(previous);
        f()
    }
}

impl<'a> Rendering<'a> {
    /// `config`, for no request in particular.
    pub(crate) const fn of(config: &'a Config) -> Self {
        Rendering {
            config,
            request_id: None,
        }
    }

    /// Runs `f` with the rendering in force here: the current scope's, else the installed
    /// configuration, else the default.
    pub(crate) fn with_current<R>(f: impl FnOnce(Rendering<'_>) -> R) -> R {
        if !CONFIGURED.load(Ordering::Acquire) {
            return f(Rendering::of(&DEFAULT));
        }
        let scope = CURRENT
            .try_with(|current| {
                current
                    .try_borrow()
                    .ok()
                    .and_then(|current| current.clone())
            })
            .ok()
            .flatten();
        match &scope {
            Some(scope) => f(Rendering {
                config: &scope.config,
                request_id: Some(&scope.request_id),
            }),
            None => f(Rendering::of(INSTALLED.get().unwrap_or(&DEFAULT))),
        }
    }

    /// The format `error` is rendered in.
    pub(crate) fn format_of<E: ApiError + ?Sized>(self, error: &E) -> Format {
        error.format().unwrap_or(self.config.format)
    }
}
