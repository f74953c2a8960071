//! The body formats an error can be sent in: their names and media types. How each is written
//! is its module's under `render`.

/// The shape of an error body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// `application/json`, the default:
    /// `{"code":"ORDER_NOT_PENDING","message":"Order 42 is not in pending status","details":{"id":42}}`,
    /// nested in one member when [`Config::nest_in`](crate::Config::nest_in) says so.
    Json,
    /// `application/problem+json`, the problem details of RFC 9457:
    /// `{"type":...,"title":...,"status":400,"detail":...,"code":...}`, each detail an
    /// extension member. See [`Config::problem_type_base`](crate::Config::problem_type_base)
    /// for `type` and `title`, and
    /// [`Config::problem_instance_prefix`](crate::Config::problem_instance_prefix) for
    /// `instance`.
    Problem,
    /// `application/vnd.api+json`, a JSON:API error document:
    /// `{"errors":[{"status":"400","code":...,"title":...,"detail":...,"meta":{...}}]}`, the
    /// details under `meta` and the request id, when known, as `id`. `title` is the error's
    /// summary (the first paragraph of its doc comment), else its status's reason phrase.
    JsonApi,
}

/// Every format, in the order [`Format::named`] tries them.
const FORMATS: [Format; 3] = [Format::Json, Format::Problem, Format::JsonApi];

impl Format {
    /// The media type of a body in this format.
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Problem => "application/problem+json",
            Format::JsonApi => "application/vnd.api+json",
        }
    }

    /// The name [`Format::named`] knows this format by, which `#[api_error(format = "...")]`
    /// takes too.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Problem => "problem",
            Format::JsonApi => "jsonapi",
        }
    }

    /// The format called `name` (`"json"`, `"problem"` or `"jsonapi"`, in any case), as a
    /// command line or an environment variable would name it.
    ///
    /// ```
    /// use api_error_core::Format;
    ///
    /// assert_eq!(Format::named("problem"), Some(Format::Problem));
    /// assert_eq!(Format::named("JsonApi"), Some(Format::JsonApi));
    /// assert_eq!(Format::named("xml"), None);
    /// ```
    #[must_use]
    pub const fn named(name: &str) -> Option<Format> {
        let mut i = 0;
        while i < FORMATS.len() {
            if same_ignoring_ascii_case(name.as_bytes(), FORMATS[i].name().as_bytes()) {
                return Some(FORMATS[i]);
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
            Format::JsonApi => {
                const { http::HeaderValue::from_static(Format::JsonApi.content_type()) }
            }
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
