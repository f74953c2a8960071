//! Which configuration is in force where: a request's (entered by a framework's layer around
//! each poll of the request's future), else the process's, once installed, else the default.
//! Knows no framework and no wire format.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use crate::api_error::ApiError;
use crate::config::Config;
use crate::format::Format;

/// What an error uses when no configuration is installed.
static DEFAULT: Config = Config::new();

/// The configuration of the process, once installed.
static INSTALLED: OnceLock<Config> = OnceLock::new();

/// Whether a configuration was ever installed or a scope entered: until then every error is
/// rendered by the default, which is found without looking further.
static CONFIGURED: AtomicBool = AtomicBool::new(false);

impl Config {
    /// Makes this the configuration of the whole process, for every error rendered outside an
    /// [`ApiErrorLayer`](crate::axum::ApiErrorLayer) that brings its own. Install it at start-up,
    /// before the threads that render errors start.
    ///
    /// ```standalone_crate
    /// use api_error_core::{ApiError, Config, Respond};
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
}

/// A configuration and what is known of the request being answered.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rendering<'a> {
    pub(crate) config: &'a Config,
    pub(crate) request_id: Option<&'a str>,
    pub(crate) language: Language,
    /// Whether what is rendered is a response a client is sent, which is logged; not an
    /// example of a document, which logs nothing and spends no once-only warning.
    pub(crate) sent: bool,
}

/// The language messages are rendered in: an index into the configuration's localizer's
/// languages, the default's `0`, and whether it was negotiated from a request's
/// `Accept-Language`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Language {
    /// A `u32`, so that a [`Rendering`] keeps to five words with its flags: it is passed by
    /// value.
    pub(crate) index: u32,
    pub(crate) negotiated: bool,
}

/// What an error layer knows of the request it is answering, while its future runs: the
/// configuration, the request's id and the language its `Accept-Language` chose. Made by
/// [`layer::Settings::begin`](crate::layer::Settings::begin); while it is in force
/// ([`enter`](Scope::enter), [`run`](Scope::run)), every error rendered on this thread is
/// rendered for this request.
#[derive(Debug)]
pub struct Scope {
    pub(crate) config: Arc<Config>,
    /// The request's id: letters, digits and a few marks, checked when it was taken.
    pub(crate) request_id: http::HeaderValue,
    /// Whether the id was generated, the request having none the layer would take.
    pub(crate) generated: bool,
    /// The locale the request's `Accept-Language` chose.
    pub(crate) language: Language,
}

// The scope of the request whose future this thread is polling, if any: a pointer to it, set
// and reset around each poll, so that entering a scope costs no allocation and no reference
// count.
scoped_tls::scoped_thread_local!(static CURRENT: Scope);

impl Scope {
    /// The request's id, as text.
    #[must_use]
    pub fn request_id(&self) -> &str {
        // Ids are taken and made of visible ASCII only.
        self.request_id.to_str().unwrap_or_default()
    }

    /// The request's id, as the value of the header it goes out in.
    #[must_use]
    pub fn request_id_value(&self) -> &http::HeaderValue {
        &self.request_id
    }

    /// The request's id, as the value of the header it goes out in, when the scope is done.
    #[must_use]
    pub fn into_request_id(self) -> http::HeaderValue {
        self.request_id
    }

    /// Whether the id was generated, the request having brought none a layer takes: the layer
    /// sets it on the request, for the handlers to read.
    #[must_use]
    pub fn is_generated(&self) -> bool {
        self.generated
    }

    /// Runs `f` with this scope in force, and then the one before it again: a layer enters the
    /// scope around each poll of the request's future, and wherever it renders an error itself.
    pub fn enter<R>(&self, f: impl FnOnce() -> R) -> R {
        // Read first: a store on every poll would contend for the flag's cache line.
        if !CONFIGURED.load(Ordering::Relaxed) {
            CONFIGURED.store(true, Ordering::Relaxed);
        }
        CURRENT.set(self, f)
    }

    /// The id of the request whose scope is in force here, if one is.
    pub(crate) fn current_request_id() -> Option<http::HeaderValue> {
        CURRENT
            .is_set()
            .then(|| CURRENT.with(|scope| scope.request_id.clone()))
    }
}

impl<'a> Rendering<'a> {
    /// `config`, for no request in particular.
    pub(crate) const fn of(config: &'a Config) -> Self {
        Rendering {
            config,
            request_id: None,
            language: Language {
                index: 0,
                negotiated: false,
            },
            sent: true,
        }
    }

    /// Runs `f` with the rendering in force here: the current scope's, else the installed
    /// configuration, else the default.
    pub(crate) fn with_current<R>(f: impl FnOnce(Rendering<'_>) -> R) -> R {
        if !CONFIGURED.load(Ordering::Acquire) {
            return f(Rendering::of(&DEFAULT));
        }
        if CURRENT.is_set() {
            return CURRENT.with(|scope| {
                f(Rendering {
                    config: &scope.config,
                    request_id: Some(scope.request_id()),
                    language: scope.language,
                    sent: true,
                })
            });
        }
        f(Rendering::of(INSTALLED.get().unwrap_or(&DEFAULT)))
    }

    /// The format `error` is rendered in.
    pub(crate) fn format_of<E: ApiError + ?Sized>(self, error: &E) -> Format {
        error.fixed_format().unwrap_or(self.config.body_format())
    }
}
