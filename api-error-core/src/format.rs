//! The body formats an error can be sent in: their names and media types. How each is written
//! is its module's under `render`.

use api_error_rules::{FORMAT_NAMES, format_index};
use serde_json::{Map, Value};

use crate::client::ErrorBody;
use crate::violation::Violations;

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
    /// A format of one's own, defined outside this crate: see [`OwnFormat`].
    Own(&'static OwnFormat),
}

/// Every built-in format, in the order of their names in `api_error_rules::FORMAT_NAMES`, the
/// one list of names the derive checks `format = "..."` against too.
const FORMATS: [Format; FORMAT_NAMES.len()] = [Format::Json, Format::Problem, Format::JsonApi];

// A built-in format's index is where its name is in the table.
const _: () = {
    let mut i = 0;
    while i < FORMATS.len() {
        assert!(matches!(FORMATS[i].index(), Some(at) if at == i));
        i += 1;
    }
};

impl Format {
    /// The media type of a body in this format.
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Problem => "application/problem+json",
            Format::JsonApi => "application/vnd.api+json",
            Format::Own(own) => own.content_type,
        }
    }

    /// The name [`Format::named`] knows this format by, which `#[api_error(format = "...")]`
    /// takes too; a format of one's own, the name it was given.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self.index() {
            Some(at) => FORMAT_NAMES[at],
            None => match self {
                Format::Own(own) => own.name,
                _ => "",
            },
        }
    }

    /// Where a built-in format is in the table, as a configuration keeps it; `0` for a
    /// format of one's own, which a configuration keeps apart.
    pub(crate) const fn builtin_index(self) -> u8 {
        match self.index() {
            // Three formats.
            #[allow(clippy::cast_possible_truncation)]
            Some(at) => at as u8,
            None => 0,
        }
    }

    /// The built-in format at `index` of the table, as [`builtin_index`](Self::builtin_index)
    /// gives it.
    pub(crate) const fn builtin(index: u8) -> Format {
        let index = index as usize;
        if index < FORMATS.len() {
            FORMATS[index]
        } else {
            Format::Json
        }
    }

    /// Where a built-in format's name is in `FORMAT_NAMES`.
    const fn index(self) -> Option<usize> {
        match self {
            Format::Json => Some(0),
            Format::Problem => Some(1),
            Format::JsonApi => Some(2),
            Format::Own(_) => None,
        }
    }

    /// The built-in format called `name` (`"json"`, `"problem"` or `"jsonapi"`, in any case),
    /// as a command line or an environment variable would name it.
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
        match format_index(name) {
            Some(i) => Some(FORMATS[i]),
            None => None,
        }
    }

    /// [`Format::content_type`] as a header value, checked when the crate is built rather than
    /// for each response.
    #[inline]
    pub(crate) fn header_value(self) -> http::HeaderValue {
        match self {
            Format::Json => const { http::HeaderValue::from_static(Format::Json.content_type()) },
            Format::Problem => {
                const { http::HeaderValue::from_static(Format::Problem.content_type()) }
            }
            Format::JsonApi => {
                const { http::HeaderValue::from_static(Format::JsonApi.content_type()) }
            }
            Format::Own(own) => own.header_value(),
        }
    }
}

/// A body format of one's own, for a service whose error body a specification fixes: its name,
/// its media type and a function that writes the body's members from an [`ErrorView`], the
/// same parts the built-in formats write from (the message already translated, masked or cut
/// as the configuration says). A response, `Serialize`, the `OpenAPI` documents (their
/// examples are rendered through it; their schema is [`with_schema`](Self::with_schema)'s)
/// and decoding ([`with_reader`](Self::with_reader), [`Decode::from_body_in`](crate::Decode::from_body_in))
/// all follow it. Use it as any format: `Config::format(Format::Own(&MY_FORMAT))`. The body's
/// limit ([`Config::max_body_len`](crate::Config::max_body_len)) holds as for the built-in
/// formats when the format shows the message once: without the details first, then with the
/// message cut by what the rest of the body leaves.
///
/// ```
/// use api_error_core::{ApiError, Config, ErrorView, Format, OwnFormat};
/// use serde_json::{Map, Value, json};
///
/// /// `{"errors":{"email":["has already been taken"]}}`: the field, then what is wrong with it.
/// static FIELD_ERRORS: OwnFormat = OwnFormat::new("field-errors", "application/json", field_errors);
///
/// fn field_errors(error: &ErrorView<'_>) -> Map<String, Value> {
///     let field = error.details().get("field").and_then(Value::as_str).unwrap_or("body");
///     let mut body = Map::new();
///     body.insert("errors".into(), json!({ field: [error.message()] }));
///     body
/// }
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = "EMAIL_TAKEN", status = 422, message = "has already been taken")]
/// struct EmailTaken {
///     #[api_error(detail)]
///     field: &'static str,
/// }
///
/// let config = Config::new().format(Format::Own(&FIELD_ERRORS));
/// let response = config.response(&EmailTaken { field: "email" });
/// assert_eq!(response.status(), 422);
/// assert_eq!(response.body().as_ref(), br#"{"errors":{"email":["has already been taken"]}}"#);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct OwnFormat {
    name: &'static str,
    content_type: &'static str,
    write: fn(&ErrorView<'_>) -> Map<String, Value>,
    /// Read by the `OpenAPI` writer: any object without it.
    pub(crate) schema: Option<fn(&SchemaView<'_>) -> Value>,
    read: Option<fn(&Value) -> Option<ErrorBody>>,
}

impl OwnFormat {
    /// The format called `name`, whose bodies are of the media type `content_type` and have
    /// the members `write` gives, in its order.
    ///
    /// # Panics
    ///
    /// When `content_type` is not a header value (visible ASCII and spaces), which in a
    /// `static` or a `const` fails the build.
    #[must_use]
    pub const fn new(
        name: &'static str,
        content_type: &'static str,
        write: fn(&ErrorView<'_>) -> Map<String, Value>,
    ) -> Self {
        let bytes = content_type.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            assert!(
                bytes[at] == b' ' || bytes[at] == b'\t' || (bytes[at] >= 0x21 && bytes[at] < 0x7f),
                "a format's content type must be a header value"
            );
            at += 1;
        }
        OwnFormat {
            name,
            content_type,
            write,
            schema: None,
            read: None,
        }
    }

    /// This format, with `schema` giving the JSON Schema of its bodies in `OpenAPI` documents
    /// (without it, any object).
    #[must_use]
    pub const fn with_schema(mut self, schema: fn(&SchemaView<'_>) -> Value) -> Self {
        self.schema = Some(schema);
        self
    }

    /// This format, with `read` reading a body of it back as a client does: its code, message
    /// and details, or `None` for a body that is no error of this format.
    #[must_use]
    pub const fn with_reader(mut self, read: fn(&Value) -> Option<ErrorBody>) -> Self {
        self.read = Some(read);
        self
    }

    /// Its name.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The media type of its bodies.
    #[must_use]
    pub const fn content_type(&self) -> &'static str {
        self.content_type
    }

    /// The members of the body of `error`.
    pub(crate) fn members(&self, error: &ErrorView<'_>) -> Map<String, Value> {
        (self.write)(error)
    }

    /// Its media type as a header value: checked to be one when the format was made. Out of
    /// line, so that the built-in formats' constants stay inlined where a response is built.
    #[cold]
    #[inline(never)]
    pub(crate) fn header_value(&self) -> http::HeaderValue {
        http::HeaderValue::from_static(self.content_type)
    }

    /// A body of it, read back; `None` without a reader.
    pub(crate) fn read(&self, body: &Value) -> Option<ErrorBody> {
        self.read.and_then(|read| read(body))
    }
}

/// Two formats of one's own are one when they have the same name and media type.
impl PartialEq for OwnFormat {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.content_type == other.content_type
    }
}

impl Eq for OwnFormat {}

impl core::hash::Hash for OwnFormat {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.content_type.hash(state);
    }
}

/// What a format of one's own is given of an error to write its body from.
#[derive(Debug, Clone, Copy)]
pub struct ErrorView<'a> {
    pub(crate) code: &'a str,
    pub(crate) status: http::StatusCode,
    pub(crate) message: &'a str,
    pub(crate) title: &'a str,
    pub(crate) details: &'a Map<String, Value>,
    pub(crate) details_omitted: bool,
    pub(crate) request_id: Option<&'a str>,
    pub(crate) violations: Option<&'a Violations>,
}

impl<'a> ErrorView<'a> {
    /// The code.
    #[must_use]
    pub const fn code(&self) -> &'a str {
        self.code
    }

    /// The status.
    #[must_use]
    pub const fn status(&self) -> http::StatusCode {
        self.status
    }

    /// The public message, as the built-in formats send it: translated into the request's
    /// language, the reason phrase for a 5xx that declares none, cut to the body's limit.
    #[must_use]
    pub const fn message(&self) -> &'a str {
        self.message
    }

    /// What the error is in words that do not change: a translation's `.title`, else the
    /// error's summary, else its status's reason phrase (problem details' `title`).
    #[must_use]
    pub const fn title(&self) -> &'a str {
        self.title
    }

    /// The details, by their declared names: empty when the error has none, or when they were
    /// left out (one failed to serialize, or the body would be too long).
    #[must_use]
    pub const fn details(&self) -> &'a Map<String, Value> {
        self.details
    }

    /// Whether the details were left out for the body's length, which the built-in formats
    /// say with `"details_omitted":true`.
    #[must_use]
    pub const fn details_omitted(&self) -> bool {
        self.details_omitted
    }

    /// The request's id, when the error is rendered for a request.
    #[must_use]
    pub const fn request_id(&self) -> Option<&'a str> {
        self.request_id
    }

    /// The field violations the error carries, as it carries them (their messages as given,
    /// untranslated); `None` when it carries none, or when they were left out with the details.
    #[must_use]
    pub const fn violations(&self) -> Option<&'a Violations> {
        self.violations
    }
}

/// What a format of one's own is given to write the JSON Schema of its bodies at one status of
/// an `OpenAPI` document.
#[derive(Debug, Clone, Copy)]
pub struct SchemaView<'a> {
    pub(crate) codes: &'a [&'a str],
    pub(crate) statuses: &'a [u16],
    pub(crate) details: &'a Value,
}

impl<'a> SchemaView<'a> {
    /// The codes documented there.
    #[must_use]
    pub const fn codes(&self) -> &'a [&'a str] {
        self.codes
    }

    /// The statuses the schema is for.
    #[must_use]
    pub const fn statuses(&self) -> &'a [u16] {
        self.statuses
    }

    /// The JSON Schema of the details of those codes, by their declared names.
    #[must_use]
    pub const fn details(&self) -> &'a Value {
        self.details
    }
}

#[cfg(test)]
mod tests {
    use super::{FORMAT_NAMES, FORMATS, Format};

    #[test]
    fn every_name_of_the_table_is_a_format_and_back() {
        for (i, name) in FORMAT_NAMES.iter().enumerate() {
            let format = Format::named(name).expect("a name of the table names a format");
            assert_eq!(format, FORMATS[i]);
            assert_eq!(format.name(), *name);
            assert_eq!(Format::named(&name.to_ascii_uppercase()), Some(format));
            assert_eq!(Format::builtin(format.builtin_index()), format);
        }
        for (i, format) in FORMATS.iter().enumerate() {
            assert!(!FORMATS[..i].contains(format), "{format:?} is listed twice");
        }
        assert_eq!(Format::named("xml"), None);
    }
}
