//! How a service renders its errors, as data: the body format, the envelope around it, and
//! (with the `tracing` feature) how client errors are logged. One [`Config`] holds all of it, set
//! once for the process with [`Config::install`] or for one axum service by
//! [`ApiErrorLayer`](crate::axum::ApiErrorLayer); every error of the service, derived or not, is then
//! rendered by it, by `Serialize` and by the response alike. Which configuration is in force
//! where is `context`'s business, not this module's.

use std::borrow::Cow;

use crate::format::{Format, OwnFormat};
use crate::localize::{Localizer, Shared};

/// The longest error body a response sends unless configured otherwise.
const DEFAULT_MAX_BODY_LEN: usize = 16 * 1024;

/// How every error of a service is rendered.
///
/// The default renders the body of the crate's documentation, `application/json`, and is what
/// an error uses when nothing is configured. A configuration applies to the whole process once
/// [installed](Config::install), or to the requests of one axum service through
/// [`ApiErrorLayer`](crate::axum::ApiErrorLayer). Either way `Serialize` and the response agree: both
/// read the configuration in force where they run (but for [`Config::max_body_len`], which only
/// the response applies).
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
    /// The body format: the built-in one at this index of `Format`'s table, unless `own` is
    /// set. Apart, so that a configuration stays small: it is passed and returned by value.
    format: u8,
    own_format: Option<&'static OwnFormat>,
    nest_in: Option<Cow<'static, str>>,
    type_base: Option<Cow<'static, str>>,
    instance_prefix: Cow<'static, str>,
    /// Whether the type base and the instance prefix need no JSON escaping, found once.
    type_base_plain: bool,
    instance_prefix_plain: bool,
    max_body_len: usize,
    /// What few services set (another request-id header, an integration's settings, a
    /// localizer), behind one pointer, which keeps the configuration small: it is passed and
    /// returned by value.
    rare: Option<std::sync::Arc<Rare>>,
    #[cfg(feature = "tracing")]
    client_errors: Option<tracing::Level>,
    #[cfg(feature = "tracing")]
    client_error_sample: u32,
}

/// The settings few services change, kept apart from the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Rare {
    request_id_header: Option<http::HeaderName>,
    /// The integrations' settings, by key, each once.
    settings: Vec<(&'static str, Box<str>)>,
    /// What translates the messages.
    localizer: Option<Shared>,
}

impl Config {
    /// The rarely set settings, to change, made on first use.
    fn rare_mut(&mut self) -> &mut Rare {
        std::sync::Arc::make_mut(self.rare.get_or_insert_with(Default::default))
    }
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

impl Config {
    /// The default: [`Format::Json`], not nested, problem `type` `about:blank`, `instance`
    /// prefix `urn:request:`, bodies of at most 16 KiB, client errors logged at `DEBUG`, each
    /// one.
    #[must_use]
    pub const fn new() -> Self {
        Config {
            format: 0,
            own_format: None,
            nest_in: None,
            type_base: None,
            instance_prefix: Cow::Borrowed("urn:request:"),
            type_base_plain: true,
            instance_prefix_plain: true,
            max_body_len: DEFAULT_MAX_BODY_LEN,
            rare: None,
            #[cfg(feature = "tracing")]
            client_errors: Some(tracing::Level::DEBUG),
            #[cfg(feature = "tracing")]
            client_error_sample: 1,
        }
    }

    /// The format of the body, for every error whose type names none of its own
    /// (`#[api_error(format = "...")]` on the type).
    #[must_use]
    pub const fn format(mut self, format: Format) -> Self {
        match format {
            Format::Own(own) => {
                self.own_format = Some(own);
                // Nothing stale for `PartialEq` to see.
                self.format = 0;
            }
            builtin => {
                self.own_format = None;
                self.format = builtin.builtin_index();
            }
        }
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
    /// `https://errors.example.com/ORDER_NOT_FOUND` and its `title` the error's summary (the
    /// first paragraph of its doc comment) or, without one, its status's reason phrase. Without
    /// a base, `type` is `about:blank` and `title` the reason phrase, as RFC 9457 asks.
    #[must_use]
    pub fn problem_type_base(mut self, base: impl Into<Cow<'static, str>>) -> Self {
        let base = base.into();
        self.type_base_plain = api_error_rules::is_json_plain(&base);
        self.type_base = Some(base);
        self
    }

    /// What comes before the request id in a problem's `instance` (`urn:request:` unless set):
    /// a service whose support pages show a request might use `"https://api.example.com/requests/"`.
    /// `instance` is sent only when the request id is known, under
    /// [`ApiErrorLayer`](crate::axum::ApiErrorLayer).
    #[must_use]
    pub fn problem_instance_prefix(mut self, prefix: impl Into<Cow<'static, str>>) -> Self {
        self.instance_prefix = prefix.into();
        self.instance_prefix_plain = api_error_rules::is_json_plain(&self.instance_prefix);
        self
    }

    /// The longest error body a response sends, in bytes (16 KiB unless set). A longer one is
    /// sent without its details, with `"details_omitted":true` in their place (in `meta` for
    /// JSON:API); if it is still too long, its message is cut at a character to what fits and
    /// ends with `…`. Below the code, the other fixed members and an empty message nothing is
    /// cut: a limit under those is exceeded by what they take, and a body is never sent cut to longer
    /// than it was whole. It bounds what a client can make a service send back: a detail or a
    /// message that repeats the request (every field of a large body, say) cannot make the
    /// answer larger than this. `Serialize` writes the whole body: its caller asked for all of it.
    ///
    /// ```
    /// use api_error_core::{ApiError, Config};
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(code = "TOO_MANY_FIELDS", status = 400, message = "Unknown fields")]
    /// struct UnknownFields {
    ///     #[api_error(detail)]
    ///     fields: Vec<String>,
    /// }
    ///
    /// let error = UnknownFields { fields: vec!["x".repeat(100); 100] };
    /// let response = Config::new().max_body_len(256).response(&error);
    /// assert_eq!(
    ///     response.body().as_ref(),
    ///     br#"{"code":"TOO_MANY_FIELDS","message":"Unknown fields","details_omitted":true}"#
    /// );
    /// ```
    #[must_use]
    pub const fn max_body_len(mut self, bytes: usize) -> Self {
        self.max_body_len = bytes;
        self
    }

    /// This configuration with an integration's setting `key` set to `value`, replacing what
    /// was set before: how an integration (gRPC's domain, say, or a framework's outside this
    /// crate) keeps its own settings in the one configuration every layer carries, without the
    /// configuration knowing it. `key` is the integration's, prefixed by its name
    /// (`"grpc.domain"`).
    ///
    /// ```
    /// use api_error_core::Config;
    ///
    /// let config = Config::new().with_setting("poem.realm", "orders");
    /// assert_eq!(config.setting("poem.realm"), Some("orders"));
    /// assert_eq!(config.setting("poem.other"), None);
    /// ```
    #[must_use]
    pub fn with_setting(mut self, key: &'static str, value: &str) -> Self {
        let settings = &mut self.rare_mut().settings;
        match settings.iter_mut().find(|(known, _)| *known == key) {
            Some(setting) => setting.1 = value.into(),
            None => settings.push((key, value.into())),
        }
        self
    }

    /// The integration's setting `key`, if set with [`with_setting`](Self::with_setting).
    #[must_use]
    pub fn setting(&self, key: &str) -> Option<&str> {
        let rare = self.rare.as_deref()?;
        rare.settings
            .iter()
            .find(|(known, _)| *known == key)
            .map(|(_, value)| &**value)
    }

    /// The header request ids come in and go out in, `x-request-id` unless set: what every
    /// framework's error layer made with this configuration reads and sets, and what the
    /// `OpenAPI` responses document. A service behind a proxy that names them otherwise
    /// (`x-correlation-id`, say) sets it here, once.
    #[must_use]
    pub fn request_id_header(mut self, name: http::HeaderName) -> Self {
        self.rare_mut().request_id_header = Some(name);
        self
    }

    /// The header set by [`request_id_header`](Self::request_id_header).
    #[must_use]
    pub fn request_id_header_name(&self) -> &http::HeaderName {
        self.rare
            .as_deref()
            .and_then(|rare| rare.request_id_header.as_ref())
            .unwrap_or(&crate::headers::DEFAULT_REQUEST_ID)
    }

    /// The level client errors (4xx) are logged at, or `None` to leave them out. Server errors
    /// (5xx) are always logged at `ERROR`.
    #[cfg(feature = "tracing")]
    #[must_use]
    pub const fn client_errors(mut self, level: Option<tracing::Level>) -> Self {
        self.client_errors = level;
        self
    }

    /// Logs one client error (4xx) in `every`, so that a flood of bad requests cannot flood the
    /// logs: the first, then each `every`th, counted across the process; each event then logged
    /// carries `dropped`, how many client-error events were left out since the one before it.
    /// `1`, the default, logs them all (and adds no field); `0` is taken for `1`. Server errors
    /// are always logged, each one. The count is the process's: configurations that sample at
    /// different rates count each other's client errors too, so `dropped` is then approximate.
    ///
    /// ```
    /// use api_error_core::Config;
    /// use tracing::Level;
    ///
    /// // At INFO, one in a hundred.
    /// let config = Config::new().client_errors(Some(Level::INFO)).sample_client_errors(100);
    /// # let _ = config;
    /// ```
    #[cfg(feature = "tracing")]
    #[must_use]
    pub const fn sample_client_errors(mut self, every: u32) -> Self {
        self.client_error_sample = if every == 0 { 1 } else { every };
        self
    }

    /// Renders every message in a language of `localizer`: under an error layer, the one each
    /// request's `Accept-Language` asks for; elsewhere the default language, or the one
    /// [`Config::response_in`] is given. A response then says its language in
    /// `Content-Language`, and one whose language a layer negotiated has
    /// `Vary: Accept-Language`. The crate's Fluent translations are one localizer
    /// ([`Config::translations`], feature `fluent`); see [`localize`](crate::localize) for
    /// another.
    #[must_use]
    pub fn localizer(mut self, localizer: impl Localizer) -> Self {
        self.rare_mut().localizer = Some(Shared(std::sync::Arc::new(localizer)));
        self
    }

    /// What messages are translated by, if anything.
    pub(crate) fn localized_by(&self) -> Option<&dyn Localizer> {
        let shared = self.rare.as_ref()?.localizer.as_ref()?;
        Some(&*shared.0)
    }

    /// The format of the body for errors whose type names none of its own.
    pub(crate) const fn body_format(&self) -> Format {
        match self.own_format {
            Some(own) => Format::Own(own),
            None => Format::builtin(self.format),
        }
    }

    /// The member a [`Format::Json`] body is nested in, if any.
    pub(crate) fn nested_in(&self) -> Option<&str> {
        self.nest_in.as_deref()
    }

    /// Where problem types live, if set, and whether it needs no JSON escaping.
    pub(crate) fn type_base(&self) -> Option<(&str, bool)> {
        self.type_base
            .as_deref()
            .map(|base| (base, self.type_base_plain))
    }

    /// The longest body a response sends; see [`Config::max_body_len`].
    pub(crate) const fn body_limit(&self) -> usize {
        self.max_body_len
    }

    /// What comes before the request id in a problem's `instance`, and whether it needs no
    /// JSON escaping.
    pub(crate) fn instance_prefix(&self) -> (&str, bool) {
        (&self.instance_prefix, self.instance_prefix_plain)
    }

    /// The level client errors are logged at, or `None` to leave them out.
    #[cfg(feature = "tracing")]
    pub(crate) const fn client_error_level(&self) -> Option<tracing::Level> {
        self.client_errors
    }

    /// One client error in how many is logged.
    #[cfg(feature = "tracing")]
    pub(crate) const fn client_error_sample(&self) -> u32 {
        self.client_error_sample
    }
}
