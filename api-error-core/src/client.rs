//! The error body as a client reads it back, whatever format the server sent.

use serde::{Deserialize, Serialize};

use crate::violation::{Location, Param, Pointer, Violation, Violations};

type Map = serde_json::Map<String, serde_json::Value>;

/// An error body as a client reads it back, from a [`Format::Json`](crate::Format::Json) body
/// that is not nested, from problem details (whose `detail` it reads as the message; their
/// extension members are not read back as details), or from a JSON:API document (its first
/// error: `detail` as the message, `meta` as the details, `id` as the request id).
///
/// Its field violations are read back from each format's convention: the default body's
/// `violations`, problem details' `errors`, and a JSON:API document's error objects that have a
/// `meta.reason` (whose first `detail` is then a violation's message, read as the message).
///
/// It accepts codes it has never seen and ignores members it does not know, so a client keeps
/// working when the server adds codes or members. A body cut for its length reads back as it
/// was sent: the default body without `details` (its `details_omitted` is not read), a JSON:API
/// error with `{"details_omitted": true}` as its details; the `instance` of problem details is
/// not read back as the request id.
///
/// ```
/// use api_error_core::ErrorBody;
///
/// let body: ErrorBody = serde_json::from_str(
///     r#"{"code":"ORDER_NOT_PENDING","message":"Order 42 is not in pending status","details":{"id":42},"trace":"x"}"#,
/// )
/// .unwrap();
/// assert_eq!(body.code, "ORDER_NOT_PENDING");
/// assert_eq!(body.details.unwrap()["id"], 42);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Received")]
pub struct ErrorBody {
    /// The stable, machine-readable code.
    pub code: String,
    /// The message meant for a person.
    pub message: String,
    /// The fields the error exposes, when it exposes any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Map>,
    /// The id of the request that failed, when the server knew it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// What was wrong with the request, field by field, when the error said.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "as_sent"
    )]
    pub violations: Vec<Violation>,
    /// How many violations the server left out of its list.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub violations_omitted: usize,
}

impl ErrorBody {
    /// Its field violations, with how many were left out.
    #[must_use]
    pub fn into_violations(self) -> Violations {
        let mut violations = Violations::with_limit(self.violations.len());
        violations.extend(self.violations);
        violations.add_omitted(self.violations_omitted);
        violations
    }
}

/// Whether no violation was left out; serde hands the value by reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(count: &usize) -> bool {
    *count == 0
}

/// The violations as the default body writes them.
fn as_sent<S: serde::Serializer>(
    violations: &[Violation],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = serializer.serialize_seq(Some(violations.len()))?;
    for violation in violations {
        seq.serialize_element(&Sent(violation))?;
    }
    seq.end()
}

/// A violation of the default body, as written.
struct Sent<'a>(&'a Violation);

impl Serialize for Sent<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        /// The parameters, in their order.
        struct Written<'a>(&'a Violation);
        impl Serialize for Written<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_map(self.0.params())
            }
        }
        let violation = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("in", violation.location().place())?;
        map.serialize_entry("field", &format_args!("{}", violation.location()))?;
        map.serialize_entry("reason", violation.reason())?;
        if violation.params().len() > 0 {
            map.serialize_entry("params", &Written(violation))?;
        }
        map.serialize_entry("message", violation.message())?;
        map.end()
    }
}

/// A violation of the default body, as read.
#[derive(Deserialize)]
struct SentBack {
    #[serde(rename = "in")]
    place: String,
    field: String,
    reason: String,
    #[serde(default)]
    params: Params,
    #[serde(default)]
    message: String,
}

impl SentBack {
    fn violation(self) -> Option<Violation> {
        let location = match self.place.as_str() {
            "body" => Location::Body(Pointer::parse(&self.field)?),
            "query" => Location::query(self.field),
            "path" => Location::path(self.field),
            "header" => Location::header(self.field),
            _ => return None,
        };
        Some(with_params(
            Violation::new(location, self.reason, self.message),
            self.params,
        ))
    }
}

/// A violation of problem details' `errors`.
#[derive(Deserialize)]
struct ProblemViolation {
    #[serde(default)]
    detail: String,
    pointer: Option<String>,
    parameter: Option<String>,
    #[serde(rename = "in")]
    place: Option<String>,
    header: Option<String>,
    reason: String,
    #[serde(default)]
    params: Params,
}

impl ProblemViolation {
    fn violation(self) -> Option<Violation> {
        let location = match (self.pointer, self.parameter, self.header) {
            (Some(pointer), _, _) => Location::Body(Pointer::parse(&pointer)?),
            (None, Some(name), _) if self.place.as_deref() == Some("path") => Location::path(name),
            (None, Some(name), _) => Location::query(name),
            (None, None, Some(name)) => Location::header(name),
            (None, None, None) => return None,
        };
        Some(with_params(
            Violation::new(location, self.reason, self.detail),
            self.params,
        ))
    }
}

/// A violation's parameters in the order they were sent (a `Map` sorts them).
#[derive(Default)]
struct Params(Vec<(String, serde_json::Value)>);

impl<'de> Deserialize<'de> for Params {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Params;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("an object of parameters")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Params, A::Error> {
                let mut params = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    params.push(entry);
                }
                Ok(Params(params))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// `violation` with the parameters of `params` that are numbers or text.
fn with_params(violation: Violation, params: Params) -> Violation {
    params
        .0
        .into_iter()
        .fold(violation, |violation, (name, value)| {
            let param = match value {
                serde_json::Value::Number(number) => match number.as_i64() {
                    Some(integer) => Param::Integer(integer),
                    None => match number.as_f64() {
                        Some(float) => Param::Number(float),
                        None => return violation,
                    },
                },
                serde_json::Value::String(text) => Param::from(text),
                _ => return violation,
            };
            violation.with_param(name, param)
        })
}

/// An item of a list that may not be what it should: kept when it reads, else skipped.
#[derive(Deserialize)]
#[serde(untagged)]
enum Lenient<T> {
    Read(T),
    Other(serde::de::IgnoredAny),
}

/// Violations read from a list in one convention: those that do not read are left out.
fn read_all<T>(
    list: Option<Lenient<Vec<Lenient<T>>>>,
    read: impl Fn(T) -> Option<Violation>,
) -> Vec<Violation> {
    let list = match list {
        Some(Lenient::Read(list)) => list,
        _ => Vec::new(),
    };
    list.into_iter()
        .filter_map(|item| match item {
            Lenient::Read(item) => read(item),
            Lenient::Other(_) => None,
        })
        .collect()
}

/// A body in any of the formats a server may send.
#[derive(Deserialize)]
#[serde(untagged)]
enum Received {
    // First: a body with a top-level `code` is the default body or problem details, even with
    // an extension member called `errors`; a JSON:API document has none.
    Flat(Flat),
    Document {
        errors: Vec<JsonApiError>,
        #[serde(default)]
        meta: Option<DocumentMeta>,
    },
}

/// The default body, or problem details.
#[derive(Deserialize)]
struct Flat {
    code: String,
    #[serde(alias = "detail")]
    message: String,
    #[serde(default)]
    details: Option<Map>,
    #[serde(default)]
    request_id: Option<String>,
    /// The default body's violations (a member of another shape is left unread).
    #[serde(default)]
    violations: Option<Lenient<Vec<Lenient<SentBack>>>>,
    /// Problem details' violations.
    #[serde(default)]
    errors: Option<Lenient<Vec<Lenient<ProblemViolation>>>>,
    #[serde(default)]
    violations_omitted: usize,
}

/// An error object of a JSON:API document.
#[derive(Deserialize)]
struct JsonApiError {
    code: String,
    #[serde(default)]
    detail: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    meta: Option<Meta>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    source: Option<Source>,
}

/// A JSON:API error object's `meta`: the details, or a violation's reason, parameters and path
/// parameter.
#[derive(Deserialize)]
struct Meta {
    reason: Option<serde_json::Value>,
    params: Option<Lenient<Params>>,
    path_parameter: Option<serde_json::Value>,
    #[serde(flatten)]
    rest: Map,
}

impl Meta {
    /// The whole object, as the details of an error that is no violation.
    fn into_map(self) -> Map {
        let mut map = self.rest;
        let params = self.params.map(|params| match params {
            Lenient::Read(params) => serde_json::Value::Object(params.0.into_iter().collect()),
            Lenient::Other(_) => serde_json::Value::Null,
        });
        for (name, value) in [
            ("reason", self.reason),
            ("params", params),
            ("path_parameter", self.path_parameter),
        ] {
            if let Some(value) = value {
                map.insert(name.to_owned(), value);
            }
        }
        map
    }
}

/// A JSON:API error object's `source`.
#[derive(Deserialize)]
struct Source {
    pointer: Option<String>,
    parameter: Option<String>,
    header: Option<String>,
}

/// A JSON:API document's own `meta`.
#[derive(Deserialize, Default)]
struct DocumentMeta {
    #[serde(default)]
    details: Option<Map>,
    #[serde(default)]
    violations_omitted: usize,
}

impl JsonApiError {
    /// The violation this error object is, when it has a reason.
    fn violation(&self) -> Option<Violation> {
        let meta = self.meta.as_ref()?;
        let reason = meta.reason.as_ref()?.as_str()?.to_owned();
        let location = match (&self.source, &meta.path_parameter) {
            (_, Some(serde_json::Value::String(name))) => Location::path(name.clone()),
            (
                Some(Source {
                    pointer: Some(pointer),
                    ..
                }),
                _,
            ) => Location::Body(Pointer::parse(pointer)?),
            (
                Some(Source {
                    parameter: Some(name),
                    ..
                }),
                _,
            ) => Location::query(name.clone()),
            (
                Some(Source {
                    header: Some(name), ..
                }),
                _,
            ) => Location::header(name.clone()),
            _ => return None,
        };
        let params = match &meta.params {
            Some(Lenient::Read(params)) => Params(params.0.clone()),
            _ => Params::default(),
        };
        let message = self.detail.clone().unwrap_or_default();
        Some(with_params(
            Violation::new(location, reason, message),
            params,
        ))
    }
}

impl TryFrom<Received> for ErrorBody {
    type Error = &'static str;

    fn try_from(received: Received) -> Result<Self, Self::Error> {
        match received {
            Received::Flat(flat) => {
                let mut violations = read_all(flat.violations, SentBack::violation);
                violations.extend(read_all(flat.errors, ProblemViolation::violation));
                Ok(ErrorBody {
                    code: flat.code,
                    message: flat.message,
                    details: flat.details,
                    request_id: flat.request_id,
                    violations,
                    violations_omitted: flat.violations_omitted,
                })
            }
            Received::Document { errors, meta } => {
                let violations: Vec<Violation> =
                    errors.iter().filter_map(JsonApiError::violation).collect();
                let meta = meta.unwrap_or_default();
                let error = errors
                    .into_iter()
                    .next()
                    .ok_or("a JSON:API error document with no error")?;
                // An error with violations keeps its details in the document's `meta`.
                let details = if violations.is_empty() {
                    error.meta.map(Meta::into_map)
                } else {
                    meta.details
                };
                Ok(ErrorBody {
                    code: error.code,
                    message: error.detail.or(error.title).unwrap_or_default(),
                    details,
                    request_id: error.id,
                    violations,
                    violations_omitted: meta.violations_omitted,
                })
            }
        }
    }
}
