//! `OpenAPI` 3.1 response objects of the errors in a catalog, written once as JSON for every
//! generator this crate feeds (utoipa, aide): one response per status, whose schema is the
//! body the service sends in its configuration and whose examples are bodies rendered by the
//! same writer that renders responses.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use crate::api_error::ApiError;
use crate::catalog::{Catalog, CatalogEntry, DuplicateCode};
use crate::config::Config;
use crate::details::Details;
use crate::format::Format;
use crate::headers::Headers;
use crate::members::MemberNames;
use crate::status::reason_phrase;

/// The header the error layer sends every request's id in, documented on every response.
const REQUEST_ID: &str = "x-request-id";

/// The schema of a detail: any JSON value, named type by type (a schema without `type` is
/// not one every generator reads).
fn any_value() -> Value {
    json!({ "type": ["string", "number", "boolean", "array", "object", "null"] })
}

/// The response objects of every error in `catalog`, by status, as `config` renders them: one
/// response a status, listing each code with its description; its content the body of each
/// format the errors are sent in (the type's own `format`, else `config`'s), its schema that
/// body's (`code` documented as an extensible enumeration of the status's codes, with
/// `x-extensible-enum`, so that a new code is no breaking change for diff tools), one example
/// a code (its message as declared, placeholders shown; a 5xx's masked), and the headers the
/// errors send.
///
/// ```
/// use api_error_core::{ApiError, Config};
///
/// #[derive(Debug, ApiError)]
/// enum OrderError {
///     /// The order id is unknown.
///     #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
///     NotFound,
///     /// The plan id is unknown.
///     #[api_error(code = "PLAN_NOT_FOUND", status = 404, message = "Plan not found")]
///     PlanNotFound,
/// }
///
/// let responses = api_error_core::openapi::responses(&OrderError::catalog(), &Config::new()).unwrap();
/// let not_found = &responses[&404];
/// assert_eq!(
///     not_found["description"],
///     "Not Found\n\n- `ORDER_NOT_FOUND`: The order id is unknown.\n- `PLAN_NOT_FOUND`: The plan id is unknown."
/// );
/// let content = &not_found["content"]["application/json"];
/// assert_eq!(content["schema"]["properties"]["code"]["x-extensible-enum"][1], "PLAN_NOT_FOUND");
/// assert_eq!(
///     content["examples"]["ORDER_NOT_FOUND"]["value"],
///     serde_json::json!({"code": "ORDER_NOT_FOUND", "message": "Order not found"})
/// );
/// ```
///
/// # Errors
///
/// When two declarations give one code: a client could not tell them apart, so the document
/// is not built.
pub fn responses(
    catalog: &Catalog,
    config: &Config,
) -> Result<BTreeMap<u16, Value>, DuplicateCode> {
    if let Some(duplicate) = catalog.duplicates().into_iter().next() {
        return Err(duplicate);
    }
    let mut by_status: BTreeMap<u16, Vec<&CatalogEntry>> = BTreeMap::new();
    for entry in catalog {
        let listed = by_status.entry(entry.status().as_u16()).or_default();
        // A declaration reached twice is documented once.
        if listed.iter().all(|seen| seen.code() != entry.code()) {
            listed.push(entry);
        }
    }
    Ok(by_status
        .into_iter()
        .map(|(status, entries)| (status, response(status, &entries, config)))
        .collect())
}

/// The response object of the errors at one status.
fn response(status: u16, entries: &[&CatalogEntry], config: &Config) -> Value {
    let mut description = reason_phrase(entries[0].status()).to_owned();
    description.push('\n');
    for entry in entries {
        let what = entry.summary().unwrap_or_else(|| entry.message());
        // Writing to a `String` cannot fail.
        let _ = write!(description, "\n- `{}`: {what}", entry.code());
    }
    let mut content = Map::new();
    for (format, of_format) in by_format(entries, config) {
        let examples: Map<String, Value> = of_format
            .iter()
            .map(|entry| {
                let example = json!({
                    "summary": entry.summary().unwrap_or_else(|| entry.message()),
                    "value": example(entry, format, config),
                });
                (entry.code().to_owned(), example)
            })
            .collect();
        content.insert(
            format.content_type().to_owned(),
            json!({ "schema": schema(&[status], &of_format, format, config), "examples": examples }),
        );
    }
    let mut headers = Map::new();
    headers.insert(
        REQUEST_ID.to_owned(),
        json!({
            "description": "The request's id, as the request gave it or as the error layer made it",
            "schema": { "type": "string" },
        }),
    );
    for entry in entries {
        for &name in entry.headers() {
            let schema = if name.eq_ignore_ascii_case("retry-after") {
                json!({ "type": "integer", "minimum": 0 })
            } else {
                json!({ "type": "string" })
            };
            headers
                .entry(name.to_owned())
                .or_insert_with(|| json!({ "schema": schema }));
        }
    }
    json!({ "description": description, "headers": headers, "content": content })
}

/// The schema of the bodies of `entries`, all in `format`, at `statuses`.
fn schema(statuses: &[u16], entries: &[&CatalogEntry], format: Format, config: &Config) -> Value {
    let codes: Vec<&str> = entries.iter().map(|entry| entry.code()).collect();
    let code = json!({
        "type": "string",
        "description": "The stable, machine-readable code; more may be added.",
        "x-extensible-enum": codes,
    });
    let string = json!({ "type": "string" });
    let details = || details_schema(entries);
    match format {
        Format::Json => {
            let body = json!({
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": code,
                    "message": string,
                    "details": details(),
                    "details_omitted": { "type": "boolean" },
                    "request_id": string,
                },
            });
            match config.nested_in() {
                Some(member) => json!({
                    "type": "object",
                    "required": [member],
                    "properties": { member: body },
                }),
                None => body,
            }
        }
        Format::Problem => {
            let mut properties = Map::new();
            properties.insert(
                "type".into(),
                json!({ "type": "string", "format": "uri-reference" }),
            );
            properties.insert("title".into(), string.clone());
            properties.insert(
                "status".into(),
                json!({ "type": "integer", "enum": statuses }),
            );
            properties.insert("detail".into(), string.clone());
            properties.insert(
                "instance".into(),
                json!({ "type": "string", "format": "uri-reference" }),
            );
            properties.insert("code".into(), code);
            properties.insert("details_omitted".into(), json!({ "type": "boolean" }));
            for entry in entries {
                let mut names = MemberNames::new();
                for &name in entry.details() {
                    properties
                        .entry(names.next(name).text().into_owned())
                        .or_insert_with(any_value);
                }
            }
            json!({
                "type": "object",
                "required": ["type", "title", "status", "detail", "code"],
                "properties": properties,
            })
        }
        Format::JsonApi => json!({
            "type": "object",
            "required": ["errors"],
            "properties": {
                "errors": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 1,
                    "items": {
                        "type": "object",
                        "required": ["status", "code", "title", "detail"],
                        "properties": {
                            "id": string,
                            "status": {
                                "type": "string",
                                "enum": statuses.iter().map(u16::to_string).collect::<Vec<_>>(),
                            },
                            "code": code,
                            "title": string,
                            "detail": string,
                            "meta": details(),
                        },
                    },
                },
            },
        }),
    }
}

/// The schema of the bodies of every error in `catalog`, whatever their status, as `config`
/// renders them: the schema of [`responses`]' bodies for all their codes and statuses at once,
/// one of several when the errors are sent in several formats. What a body of the type's
/// documents, where a generator asks a type for its schema.
///
/// ```
/// use api_error_core::{ApiError, Config};
///
/// #[derive(Debug, ApiError)]
/// enum OrderError {
///     #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
///     NotFound,
///     #[api_error(code = "ORDER_GONE", status = 410, message = "Order gone")]
///     Gone,
/// }
///
/// let schema = api_error_core::openapi::schema_of(&OrderError::catalog(), &Config::new());
/// assert_eq!(schema["properties"]["code"]["x-extensible-enum"], serde_json::json!(["ORDER_NOT_FOUND", "ORDER_GONE"]));
/// ```
#[must_use]
pub fn schema_of(catalog: &Catalog, config: &Config) -> Value {
    let entries: Vec<&CatalogEntry> = catalog.iter().collect();
    let mut schemas: Vec<Value> = by_format(&entries, config)
        .into_iter()
        .map(|(format, of_format)| {
            let mut statuses: Vec<u16> = of_format.iter().map(|e| e.status().as_u16()).collect();
            statuses.sort_unstable();
            statuses.dedup();
            schema(&statuses, &of_format, format, config)
        })
        .collect();
    match schemas.len() {
        1 => schemas.remove(0),
        _ => json!({ "oneOf": schemas }),
    }
}

/// `entries` by the format each is sent in (its type's own, else `config`'s), in the order the
/// formats first appear.
fn by_format<'a>(
    entries: &[&'a CatalogEntry],
    config: &Config,
) -> Vec<(Format, Vec<&'a CatalogEntry>)> {
    let mut groups: Vec<(Format, Vec<&'a CatalogEntry>)> = Vec::new();
    for &entry in entries {
        let format = entry.format().unwrap_or(config.body_format());
        match groups.iter_mut().find(|(f, _)| *f == format) {
            Some((_, group)) => group.push(entry),
            None => groups.push((format, vec![entry])),
        }
    }
    groups
}

/// The schema of the `details` (or `meta`) of `entries`: each detail any of them has, of any
/// value.
fn details_schema(entries: &[&CatalogEntry]) -> Value {
    let mut names: Vec<&str> = Vec::new();
    for entry in entries {
        for &name in entry.details() {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    let properties: Map<String, Value> = names
        .into_iter()
        .map(|name| (name.to_owned(), any_value()))
        .collect();
    // No `properties` at all rather than none: the generators leave an empty one out.
    if properties.is_empty() {
        json!({ "type": "object" })
    } else {
        json!({ "type": "object", "properties": properties })
    }
}

/// The body of `entry` in `format`, rendered as the service renders it, with its message as
/// declared (placeholders shown) and each detail's value its name in braces.
fn example(entry: &CatalogEntry, format: Format, config: &Config) -> Value {
    let config = config.clone().format(format);
    let response = config.response(&Example(entry));
    serde_json::from_slice(response.body()).unwrap_or(Value::Null)
}

/// A catalog entry as an error, for its example body.
#[derive(Debug)]
struct Example<'a>(&'a CatalogEntry);

impl core::fmt::Display for Example<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.0.message())
    }
}

impl core::error::Error for Example<'_> {}

impl ApiError for Example<'_> {
    fn code(&self) -> &'static str {
        self.0.code()
    }

    fn status(&self) -> http::StatusCode {
        self.0.status()
    }

    fn write_message(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.0.message())
    }

    fn details(&self, details: &mut Details<'_>) {
        for &name in self.0.details() {
            details.add(name, &format!("{{{name}}}"));
        }
    }

    fn headers(&self, _: &mut Headers<'_>) {}

    fn summary(&self) -> Option<&'static str> {
        self.0.summary()
    }

    fn catalog() -> Catalog {
        Catalog::new()
    }
}

/// The responses of `catalog` in the configuration in force: the error layer's while it
/// handles a request, else the installed one, else the default. A document is built once,
/// at start-up or in a test, not per request.
///
/// # Panics
///
/// When two declarations give one code: documenting it would merge two errors a client cannot
/// tell apart.
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
fn in_force(catalog: &Catalog) -> BTreeMap<u16, Value> {
    responses(catalog, &config_in_force())
        .unwrap_or_else(|duplicate| panic!("cannot document these errors: {duplicate}"))
}

/// The configuration in force here.
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
fn config_in_force() -> Config {
    crate::context::Rendering::with_current(|rendering| rendering.config.clone())
}

/// A response object as a generator's own type. The JSON is what this module writes, which
/// every generator here reads back (the tests hold them to it); an empty response stands in
/// for one that would not.
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
fn converted<R: serde::de::DeserializeOwned + Default>(value: Value) -> R {
    serde_json::from_value(value).unwrap_or_default()
}

/// The module of one utoipa major version: the same code, for each.
macro_rules! utoipa_major {
    ($feature:literal, $module:ident, $krate:ident, $major:literal) => {
        #[doc = concat!("utoipa ", $major, " (feature `", $feature, "`): every derived error is `IntoResponses`.")]
        ///
        /// ```
        /// use api_error_core::ApiError;
        #[doc = concat!("use ", stringify!($krate), "::IntoResponses;")]
        ///
        /// #[derive(Debug, ApiError)]
        /// enum OrderError {
        ///     /// The order id is unknown.
        ///     #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
        ///     NotFound,
        /// }
        ///
        /// let responses = OrderError::responses();
        /// assert_eq!(responses.keys().collect::<Vec<_>>(), ["404"]);
        /// ```
        #[cfg(feature = $feature)]
        pub mod $module {
            use std::collections::BTreeMap;

            use $krate::openapi::RefOr;
            use $krate::openapi::response::Response;
            use $krate::openapi::schema::Schema;

            use crate::api_error::ApiError;
            use crate::catalog::Catalog;

            /// What `IntoResponses::responses` returns.
            pub type Responses = BTreeMap<String, RefOr<Response>>;

            /// The responses of `E`'s errors, in the configuration in force; what a derived
            /// error's `IntoResponses` returns.
            ///
            /// # Panics
            ///
            /// When two declarations give one code.
            #[must_use]
            pub fn responses<E: ApiError>() -> Responses {
                of(&E::catalog())
            }

            /// The schema of a body of `E`'s, any of its errors, in the configuration in
            /// force ([`schema_of`](super::schema_of)); what a derived error's `PartialSchema`
            /// returns, inline, with no `$ref`.
            #[must_use]
            pub fn schema<E: ApiError>() -> RefOr<Schema> {
                let schema = super::schema_of(&E::catalog(), &super::config_in_force());
                RefOr::T(super::converted(schema))
            }

            /// The responses of every error of `catalog` (the errors of several types, say, or
            /// a type's and the error layer's own), in the configuration in force.
            ///
            /// # Panics
            ///
            /// When two declarations give one code.
            #[must_use]
            pub fn of(catalog: &Catalog) -> Responses {
                super::in_force(catalog)
                    .into_iter()
                    .map(|(status, value)| (status.to_string(), RefOr::T(super::converted(value))))
                    .collect()
            }
        }
    };
}

utoipa_major!("utoipa-5", utoipa5, utoipa5, "5");
utoipa_major!("utoipa-6", utoipa6, utoipa6, "6");

/// aide 0.15 (feature `aide-0_15`): every derived error is an `OperationOutput` whose inferred
/// responses are its errors', one a status.
#[cfg(feature = "aide-0_15")]
pub mod aide {
    use ::aide::openapi::Response;

    use crate::api_error::ApiError;
    use crate::catalog::Catalog;

    /// The responses of `E`'s errors, in the configuration in force; what a derived error's
    /// `OperationOutput::inferred_responses` returns.
    ///
    /// # Panics
    ///
    /// When two declarations give one code.
    #[must_use]
    pub fn responses<E: ApiError>() -> Vec<(Option<u16>, Response)> {
        of(&E::catalog())
    }

    /// The responses of every error of `catalog`, in the configuration in force.
    ///
    /// # Panics
    ///
    /// When two declarations give one code.
    #[must_use]
    pub fn of(catalog: &Catalog) -> Vec<(Option<u16>, Response)> {
        super::in_force(catalog)
            .into_iter()
            .map(|(status, value)| (Some(status), super::converted(value)))
            .collect()
    }
}
