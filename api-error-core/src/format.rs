//! The body formats an error can be sent in: their names and media types. How each is written
//! is its module's under `render`.

use api_error_rules::{FORMAT_NAMES, format_index};

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

/// Every format, in the order of their names in `api_error_rules::FORMAT_NAMES`, the one list
/// of names the derive checks `format = "..."` against too.
const FORMATS: [Format; FORMAT_NAMES.len()] = [Format::Json, Format::Problem, Format::JsonApi];

// A format's discriminant is where its name is in the table.
const _: () = {
    let mut i = 0;
    while i < FORMATS.len() {
        assert!(FORMATS[i] as usize == i);
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
        }
    }

    /// The name [`Format::named`] knows this format by, which `#[api_error(format = "...")]`
    /// takes too.
    #[must_use]
    pub const fn name(self) -> &'static str {
        FORMAT_NAMES[self as usize]
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
        match format_index(name) {
            Some(i) => Some(FORMATS[i]),
            None => None,
        }
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
        }
        for (i, format) in FORMATS.iter().enumerate() {
            assert!(!FORMATS[..i].contains(format), "{format:?} is listed twice");
        }
        assert_eq!(Format::named("xml"), None);
    }
}
