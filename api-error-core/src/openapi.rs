//! `OpenAPI` 3.1 response objects of the errors in a catalog, written once as JSON for every
//! generator this crate feeds (utoipa, aide): one response per status, whose schema is the
//! body the service sends in its configuration and whose examples are bodies rendered by the
//! same writer that renders responses.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use serde_json::{Map, Value, json};

use crate::api_error::ApiError;
use crate::catalog::{Catalog, CatalogEntry, CodeConflict, ConflictKind};
use crate::config::Config;
use crate::details::Details;
use crate::format::Format;
use crate::headers::Headers;
use crate::members::MemberNames;
use crate::status::reason_phrase;
use crate::violation::{Pointer, Violation, Violations, reason};

/// Errors as a document describes them: a catalog, and the JSON Schema of each detail whose
/// type has one (a schema of its own, without `$ref`), which the utoipa and aide integrations
/// fill in from the details' types ([`utoipa6::documented`], ...). The catalog is the error
/// model's; the schemas are this module's alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Errors {
    catalog: Catalog,
    /// The JSON Schema of a detail's values, by code and detail name.
    detail_schemas: Vec<(&'static str, &'static str, Value)>,
}

impl From<Catalog> for Errors {
    fn from(catalog: Catalog) -> Self {
        Errors {
            catalog,
            detail_schemas: Vec::new(),
        }
    }
}

impl Errors {
    /// The catalog.
    #[must_use]
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Adds the errors of `other`, as [`Catalog::append`] does, with the detail schemas it
    /// knows: what this one says of a detail stands (of a code two declarations share, the
    /// first's entry is the one kept).
    pub fn append(&mut self, other: impl Into<Errors>) {
        let other = other.into();
        for (code, detail, schema) in other.detail_schemas {
            if self.detail_schema(code, detail).is_none() {
                self.set_detail_schema(code, detail, schema);
            }
        }
        self.catalog.append(other.catalog);
    }

    /// Says that the detail `detail` of the error `code` holds values of the JSON Schema
    /// `schema` (a schema of its own, without `$ref`), replacing what was said before.
    /// Documents give such a detail this schema, and any value to the others.
    pub fn set_detail_schema(&mut self, code: &'static str, detail: &'static str, schema: Value) {
        match self
            .detail_schemas
            .iter_mut()
            .find(|(c, d, _)| *c == code && *d == detail)
        {
            Some(known) => known.2 = schema,
            None => self.detail_schemas.push((code, detail, schema)),
        }
    }

    /// The JSON Schema of the values of the detail `detail` of the error `code`, if one was
    /// set.
    #[must_use]
    pub fn detail_schema(&self, code: &str, detail: &str) -> Option<&Value> {
        ErrorsRef::from(self).detail_schema(code, detail)
    }
}

/// What this module documents: a [`Catalog`] (its details' values any JSON), or [`Errors`] (with
/// the schemas it knows). Every function here takes either.
#[derive(Debug, Clone, Copy)]
pub struct ErrorsRef<'a> {
    catalog: &'a Catalog,
    detail_schemas: &'a [(&'static str, &'static str, Value)],
}

impl<'a> From<&'a Catalog> for ErrorsRef<'a> {
    fn from(catalog: &'a Catalog) -> Self {
        ErrorsRef {
            catalog,
            detail_schemas: &[],
        }
    }
}

impl<'a> From<&'a Errors> for ErrorsRef<'a> {
    fn from(errors: &'a Errors) -> Self {
        ErrorsRef {
            catalog: &errors.catalog,
            detail_schemas: &errors.detail_schemas,
        }
    }
}

impl<'a> ErrorsRef<'a> {
    /// The schema of the detail `detail` of `code`, if known.
    fn detail_schema(self, code: &str, detail: &str) -> Option<&'a Value> {
        self.detail_schemas
            .iter()
            .find(|(c, d, _)| *c == code && *d == detail)
            .map(|(_, _, schema)| schema)
    }
}

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
/// A detail is documented with the schema its type has where [`Errors`] know one (which the
/// utoipa and aide integrations fill in), and as any value otherwise.
///
/// # Errors
///
/// When two declarations give one code two statuses: a client reading the code could not know
/// the status, so the document is not built. A code that two declarations give at one status
/// (the error layer's `VALIDATION_FAILED` and a service's own, say) is documented once, as the
/// first declares it.
pub fn responses<'a>(
    errors: impl Into<ErrorsRef<'a>>,
    config: &Config,
) -> Result<BTreeMap<u16, Value>, CodeConflict> {
    let errors = errors.into();
    let mut by_status: BTreeMap<u16, Vec<&CatalogEntry>> = BTreeMap::new();
    let mut first_of_code: Vec<&CatalogEntry> = Vec::new();
    for entry in errors.catalog {
        match first_of_code
            .iter()
            .find(|first| first.code() == entry.code())
        {
            Some(first) if first.status() != entry.status() && !first.same_declaration(entry) => {
                return Err(CodeConflict {
                    code: entry.code(),
                    kind: ConflictKind::TwoStatuses,
                    first: format!("{} by {}", first.status().as_u16(), first.place()),
                    second: format!("{} by {}", entry.status().as_u16(), entry.place()),
                });
            }
            Some(_) => {}
            None => first_of_code.push(entry),
        }
        let listed = by_status.entry(entry.status().as_u16()).or_default();
        // A code reached twice is documented once.
        if listed.iter().all(|seen| seen.code() != entry.code()) {
            listed.push(entry);
        }
    }
    Ok(by_status
        .into_iter()
        .map(|(status, entries)| (status, response(status, &entries, errors, config)))
        .collect())
}

/// The response object of the errors at one status.
fn response(
    status: u16,
    entries: &[&CatalogEntry],
    errors: ErrorsRef<'_>,
    config: &Config,
) -> Value {
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
                    "value": example(entry, format, errors, config),
                });
                (entry.code().to_owned(), example)
            })
            .collect();
        let schema = schema(&[status], &of_format, format, errors, config);
        match content.get_mut(format.content_type()) {
            // Two formats of one media type (the default body and a format of one's own, both
            // `application/json`): either schema, and every example.
            Some(known) => {
                let mut one_of = match known["schema"].take() {
                    Value::Object(mut merged) if merged.len() == 1 => {
                        match merged.remove("oneOf") {
                            Some(Value::Array(one_of)) => one_of,
                            Some(other) => vec![json!({ "oneOf": other })],
                            None => vec![Value::Object(merged)],
                        }
                    }
                    other => vec![other],
                };
                one_of.push(schema);
                known["schema"] = json!({ "oneOf": one_of });
                if let Some(known) = known["examples"].as_object_mut() {
                    known.extend(examples);
                }
            }
            None => {
                content.insert(
                    format.content_type().to_owned(),
                    json!({ "schema": schema, "examples": examples }),
                );
            }
        }
    }
    let mut headers = Map::new();
    headers.insert(
        config.request_id_header_name().as_str().to_owned(),
        json!({
            "description": "The request's id, as the request gave it or as the error layer made it",
            "schema": { "type": "string" },
        }),
    );
    if config.localized_by().is_some() {
        headers.insert(
            "Content-Language".to_owned(),
            json!({
                "description": "The language of the message: the one the request's Accept-Language chose, or the default",
                "schema": { "type": "string" },
            }),
        );
        headers.insert(
            "Vary".to_owned(),
            json!({
                "description": "Accept-Language, when the error layer chose the language",
                "schema": { "type": "string" },
            }),
        );
    }
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

/// The schema of the bodies of `entries`, all in `format`, at `statuses`, with their field
/// violations when they carry some.
fn schema(
    statuses: &[u16],
    entries: &[&CatalogEntry],
    format: Format,
    errors: ErrorsRef<'_>,
    config: &Config,
) -> Value {
    let mut schema = body_schema(statuses, entries, format, errors, config);
    let body = match (format, config.nested_in()) {
        (Format::Json, Some(member)) => schema
            .get_mut("properties")
            .and_then(|properties| properties.get_mut(member)),
        _ => Some(&mut schema),
    };
    if let Some(body) = body {
        with_violations(body, entries, format);
    }
    schema
}

/// The schema of the bodies of `entries`, all in `format`, at `statuses`.
fn body_schema(
    statuses: &[u16],
    entries: &[&CatalogEntry],
    format: Format,
    errors: ErrorsRef<'_>,
    config: &Config,
) -> Value {
    let codes: Vec<&str> = entries.iter().map(|entry| entry.code()).collect();
    let code = json!({
        "type": "string",
        "description": "The stable, machine-readable code; more may be added.",
        "x-extensible-enum": codes,
    });
    let string = json!({ "type": "string" });
    let details = || details_schema(entries, errors);
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
                        .or_insert_with(|| detail_value(entries, errors, name));
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
        Format::Own(own) => match own.schema {
            Some(schema) => schema(&crate::format::SchemaView {
                codes: &codes,
                statuses,
                details: &details(),
            }),
            None => json!({ "type": "object" }),
        },
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
pub fn schema_of<'a>(errors: impl Into<ErrorsRef<'a>>, config: &Config) -> Value {
    let errors = errors.into();
    let entries: Vec<&CatalogEntry> = errors.catalog.iter().collect();
    let mut schemas: Vec<Value> = by_format(&entries, config)
        .into_iter()
        .map(|(format, of_format)| {
            let mut statuses: Vec<u16> = of_format.iter().map(|e| e.status().as_u16()).collect();
            statuses.sort_unstable();
            statuses.dedup();
            schema(&statuses, &of_format, format, errors, config)
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

/// The schema of the values of the detail `name` of `entries`: the one schema the catalog
/// gives it in every entry that has it, else any value.
fn detail_value(entries: &[&CatalogEntry], errors: ErrorsRef<'_>, name: &str) -> Value {
    let mut known: Option<&Value> = None;
    for entry in entries
        .iter()
        .filter(|entry| entry.details().contains(&name))
    {
        match (errors.detail_schema(entry.code(), name), known) {
            (Some(schema), None) => known = Some(schema),
            (Some(schema), Some(first)) if schema == first => {}
            _ => return any_value(),
        }
    }
    known.cloned().unwrap_or_else(any_value)
}

/// The schema of the `details` (or `meta`) of `entries`: each detail any of them has, with the
/// schema of its values.
fn details_schema(entries: &[&CatalogEntry], errors: ErrorsRef<'_>) -> Value {
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
        .map(|name| (name.to_owned(), detail_value(entries, errors, name)))
        .collect();
    // No `properties` at all rather than none: the generators leave an empty one out.
    if properties.is_empty() {
        json!({ "type": "object" })
    } else {
        json!({ "type": "object", "properties": properties })
    }
}

/// The body of `entry` in `format`, rendered as the service renders it, with its message as
/// declared (placeholders shown) and each detail's value a placeholder its schema takes
/// ([`placeholder`]).
fn example(entry: &CatalogEntry, format: Format, errors: ErrorsRef<'_>, config: &Config) -> Value {
    let config = config.clone().format(format);
    // Rendered as a response is, but sent to no client: nothing is logged.
    let rendering = crate::context::Rendering {
        sent: false,
        ..crate::context::Rendering::of(&config)
    };
    let response = crate::response::response(&Example(entry, errors), rendering);
    serde_json::from_slice(response.body()).unwrap_or(Value::Null)
}

/// A value of `schema` to show for the detail `name` in an example: the name in braces where
/// a string will do (any value, a string), else the schema's first allowed value, its least
/// number, `false`, an empty list, or an object of its required members' placeholders.
fn placeholder(schema: Option<&Value>, name: &str, depth: usize) -> Value {
    let text = || Value::String(format!("{{{name}}}"));
    let Some(schema) = schema.and_then(Value::as_object) else {
        return text();
    };
    if let Some(first) = schema.get("enum").and_then(|values| values.get(0)) {
        return first.clone();
    }
    if let Some(value) = schema.get("const") {
        return value.clone();
    }
    let kind = match schema.get("type") {
        Some(Value::Array(kinds)) if kinds.iter().any(|kind| kind == "string") => "string",
        Some(Value::Array(kinds)) => kinds.first().and_then(Value::as_str).unwrap_or("string"),
        Some(Value::String(kind)) => kind.as_str(),
        _ => "string",
    };
    match kind {
        "integer" | "number" => schema
            .get("minimum")
            .filter(|minimum| minimum.is_number())
            .cloned()
            .unwrap_or_else(|| json!(0)),
        "boolean" => json!(false),
        "null" => Value::Null,
        "array" => json!([]),
        "object" if depth < 8 => {
            let properties = schema.get("properties");
            let members: Map<String, Value> = schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(|member| {
                    let of = properties.and_then(|properties| properties.get(member));
                    (member.to_owned(), placeholder(of, member, depth + 1))
                })
                .collect();
            Value::Object(members)
        }
        "object" => json!({}),
        _ => text(),
    }
}

/// A catalog entry as an error, for its example body, with the catalog that knows the schemas
/// of its details.
#[derive(Debug)]
struct Example<'a>(&'a CatalogEntry, ErrorsRef<'a>);

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
            let schema = self.1.detail_schema(self.0.code(), name);
            details.add(name, &placeholder(schema, name, 0));
        }
    }

    fn headers(&self, _: &mut Headers<'_>) {}

    fn violations(&self) -> Option<&Violations> {
        self.0.has_violations().then(example_violations)
    }

    fn summary(&self) -> Option<&'static str> {
        self.0.summary()
    }

    fn catalog() -> Catalog {
        Catalog::new()
    }
}

/// The field violation an example of an error that carries them shows.
fn example_violations() -> &'static Violations {
    static EXAMPLE: OnceLock<Violations> = OnceLock::new();
    EXAMPLE.get_or_init(|| {
        Violations::from_iter([Violation::of(
            Pointer::root().key("{member}"),
            reason::REQUIRED,
        )])
    })
}

/// The schema of one violation in `format`'s convention; `None` for a format of one's own.
fn violation_schema(format: Format) -> Option<Value> {
    let string = json!({ "type": "string" });
    let reason = json!({
        "type": "string",
        "description": "Why: `required`, `type`, `enum`, `length`, `range`, `format`, `unknown_field`, `syntax`, `invalid`, or one of the service's own.",
    });
    let params = json!({
        "type": "object",
        "description": "The reason's parameters, such as a range's `min` and `max`.",
        "additionalProperties": { "type": ["string", "number", "null"] },
    });
    Some(match format {
        Format::Json => json!({
            "type": "object",
            "required": ["in", "field", "reason", "message"],
            "properties": {
                "in": { "type": "string", "enum": ["body", "query", "path", "header"] },
                "field": {
                    "type": "string",
                    "description": "A JSON Pointer into the body, or the parameter's or header's name.",
                },
                "reason": reason,
                "params": params,
                "message": string,
            },
        }),
        Format::Problem => json!({
            "type": "object",
            "required": ["detail", "reason"],
            "properties": {
                "detail": string,
                "pointer": {
                    "type": "string",
                    "description": "Where in the body, a JSON Pointer as a URI fragment (`#/quantity`).",
                },
                "parameter": string,
                "in": { "type": "string", "enum": ["query", "path"] },
                "header": string,
                "reason": reason,
                "params": params,
            },
        }),
        Format::JsonApi => json!({
            "type": "object",
            "properties": {
                "pointer": string,
                "parameter": string,
                "header": string,
            },
        }),
        Format::Own(_) => return None,
    })
}

/// Adds to `schema`, the body of `entries` in `format`, the members their field violations
/// take, when any of them carries some.
fn with_violations(schema: &mut Value, entries: &[&CatalogEntry], format: Format) {
    if !entries.iter().any(|entry| entry.has_violations()) {
        return;
    }
    let Some(item) = violation_schema(format) else {
        return;
    };
    let omitted = json!({ "type": "integer", "minimum": 1 });
    let Some(properties) = schema
        .pointer_mut("/properties")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    match format {
        Format::Json => {
            properties.insert(
                "violations".into(),
                json!({ "type": "array", "items": item }),
            );
            properties.insert("violations_omitted".into(), omitted);
        }
        Format::Problem => {
            properties.insert("errors".into(), json!({ "type": "array", "items": item }));
            properties.insert("violations_omitted".into(), omitted);
        }
        Format::JsonApi => {
            properties.insert(
                "meta".into(),
                json!({
                    "type": "object",
                    "properties": {
                        "details": { "type": "object" },
                        "violations_omitted": omitted,
                    },
                }),
            );
            if let Some(errors) = properties.get_mut("errors").and_then(Value::as_object_mut) {
                // One error object a violation.
                errors.remove("maxItems");
            }
            if let Some(object) = schema
                .pointer_mut("/properties/errors/items/properties")
                .and_then(Value::as_object_mut)
            {
                object.insert("source".into(), item);
                let meta = object
                    .entry("meta")
                    .or_insert_with(|| json!({ "type": "object" }));
                if let Some(meta) = meta.as_object_mut() {
                    let members = meta.entry("properties").or_insert_with(|| json!({}));
                    if let Some(members) = members.as_object_mut() {
                        members.insert("reason".into(), json!({ "type": "string" }));
                        members.insert(
                            "params".into(),
                            json!({ "type": "object", "additionalProperties": { "type": ["string", "number", "null"] } }),
                        );
                        members.insert("path_parameter".into(), json!({ "type": "string" }));
                    }
                }
            }
        }
        Format::Own(_) => {}
    }
}

/// The methods an `OpenAPI` path item holds operations under.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Adds the responses of `catalog`'s errors, as `config` renders them, to every operation of
/// the `OpenAPI` document `document`: the error layer's own, say, which any route can answer.
///
/// At a status an operation does not document, the response is added as [`responses`] writes
/// it. At one it does, the two are merged: the codes are listed in one description, the headers
/// of both are kept, and for each content type both send, a schema this module wrote takes the
/// added codes, details and examples, while one written by hand becomes `anyOf` that schema
/// and the added one (and later additions go to the added one). A response that refers to one
/// of the document's `components.responses` is copied into the operation first. Adding a
/// catalog twice changes nothing.
///
/// ```
/// use api_error_core::{ApiError, Config};
///
/// #[derive(Debug, ApiError)]
/// enum LayerError {
///     /// The body is over the limit.
///     #[api_error(code = "CONTENT_TOO_LARGE", status = 413, message = "Body too large")]
///     TooLarge,
/// }
///
/// let mut document = serde_json::json!({
///     "openapi": "3.1.0",
///     "info": { "title": "Orders", "version": "1" },
///     "paths": {
///         "/orders": { "post": { "responses": { "201": { "description": "Created" } } } },
///         "/plans": { "get": { "responses": { "200": { "description": "A plan" } } } },
///     },
/// });
/// api_error_core::openapi::add_to_every_operation(&mut document, &LayerError::catalog(), &Config::new()).unwrap();
/// assert!(document["paths"]["/orders"]["post"]["responses"]["413"].is_object());
/// assert!(document["paths"]["/plans"]["get"]["responses"]["413"].is_object());
/// ```
///
/// # Errors
///
/// When two of `catalog`'s declarations give one code two statuses, or when an operation
/// documents one of its codes at another status; the document is then left as it was.
pub fn add_to_every_operation<'a>(
    document: &mut Value,
    errors: impl Into<ErrorsRef<'a>>,
    config: &Config,
) -> Result<(), CodeConflict> {
    let errors = errors.into();
    let added = responses(errors, config)?;
    let shared = document
        .pointer("/components/responses")
        .cloned()
        .unwrap_or(Value::Null);
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return Ok(());
    };
    // Every conflict is found before anything changes.
    for (path, item) in paths.iter() {
        for (method, operation) in operations(item) {
            let mut operation = operation.clone();
            inline_shared(&mut operation, &shared);
            check_operation(&operation, errors.catalog, &format!("{method} {path}"))?;
        }
    }
    for item in paths.values_mut() {
        for method in METHODS {
            if let Some(operation) = item.get_mut(method) {
                inline_shared(operation, &shared);
                merge_operation(operation, &added);
            }
        }
    }
    Ok(())
}

/// Replaces each response of `operation` that refers to one of `shared` (the document's
/// `components.responses`) by a copy of it, which can then take more codes.
fn inline_shared(operation: &mut Value, shared: &Value) {
    let Some(responses) = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for response in responses.values_mut() {
        let target = response
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|target| target.strip_prefix("#/components/responses/"))
            .and_then(|name| shared.get(name));
        if let Some(target) = target {
            *response = target.clone();
        }
    }
}

/// The operations of a path item, each with its method in capitals.
fn operations(item: &Value) -> impl Iterator<Item = (String, &Value)> {
    METHODS.into_iter().filter_map(move |method| {
        item.get(method)
            .map(|operation| (method.to_ascii_uppercase(), operation))
    })
}

/// Fails when `operation` documents one of `catalog`'s codes at another status than the
/// catalog's.
fn check_operation(operation: &Value, catalog: &Catalog, name: &str) -> Result<(), CodeConflict> {
    let Some(documented) = operation.get("responses").and_then(Value::as_object) else {
        return Ok(());
    };
    for (status, response) in documented {
        let codes = listed_codes(response);
        // A code the catalog itself gives this status too (one declaration at several) is no
        // conflict: adding a catalog twice changes nothing.
        let given_here = |code: &str| {
            catalog
                .iter()
                .any(|e| e.code() == code && e.status().as_u16().to_string() == *status)
        };
        for entry in catalog {
            if status != &entry.status().as_u16().to_string()
                && codes.contains(&entry.code())
                && !given_here(entry.code())
            {
                return Err(CodeConflict {
                    code: entry.code(),
                    kind: ConflictKind::TwoStatuses,
                    first: format!("{status} in {name}'s responses"),
                    second: format!("{} by {}", entry.status().as_u16(), entry.place()),
                });
            }
        }
    }
    Ok(())
}

/// The codes the description of a response this module wrote lists, one a line: those it
/// answers with at its status (its schema may be one that covers other statuses too).
fn listed_codes(response: &Value) -> Vec<&str> {
    response["description"]
        .as_str()
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            line.strip_prefix("- `")?
                .split_once('`')
                .map(|(code, _)| code)
        })
        .collect()
}

/// The codes that a response object (or a schema) this module wrote documents: those of every
/// `x-extensible-enum` in it, in order. What a test that holds the responses a service sends
/// to its document checks an error's code against.
///
/// ```
/// use api_error_core::{ApiError, Config};
///
/// #[derive(Debug, ApiError)]
/// enum OrderError {
///     #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
///     NotFound,
/// }
///
/// let responses = api_error_core::openapi::responses(&OrderError::catalog(), &Config::new()).unwrap();
/// assert_eq!(api_error_core::openapi::documented_codes(&responses[&404]), ["ORDER_NOT_FOUND"]);
/// ```
#[must_use]
pub fn documented_codes(value: &Value) -> Vec<&str> {
    let mut codes = Vec::new();
    codes_in(value, &mut codes);
    codes
}

/// Adds the codes [`documented_codes`] finds in `value` to `codes`.
fn codes_in<'a>(value: &'a Value, codes: &mut Vec<&'a str>) {
    match value {
        Value::Object(members) => {
            for (name, member) in members {
                match (name.as_str(), member) {
                    ("x-extensible-enum", Value::Array(listed)) => {
                        codes.extend(listed.iter().filter_map(Value::as_str));
                    }
                    _ => codes_in(member, codes),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| codes_in(item, codes)),
        _ => {}
    }
}

/// Adds `added` to the responses of `operation`.
fn merge_operation(operation: &mut Value, added: &BTreeMap<u16, Value>) {
    let Some(operation) = operation.as_object_mut() else {
        return;
    };
    let documented = operation
        .entry("responses")
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(documented) = documented.as_object_mut() else {
        return;
    };
    for (status, response) in added {
        match documented.get_mut(&status.to_string()) {
            Some(existing) => merge_response(existing, response),
            None => {
                documented.insert(status.to_string(), response.clone());
            }
        }
    }
}

/// Merges the response `added`, written by [`responses`], into `into`.
fn merge_response(into: &mut Value, added: &Value) {
    let Some(into) = into.as_object_mut() else {
        return;
    };
    if let (Some(Value::String(text)), Some(more)) =
        (into.get_mut("description"), added["description"].as_str())
    {
        let mut listed = text.contains("\n- `");
        for line in more.lines().filter(|line| line.starts_with("- `")) {
            if !text.lines().any(|known| known == line) {
                text.push_str(if listed { "\n" } else { "\n\n" });
                text.push_str(line);
                listed = true;
            }
        }
    }
    for member in ["headers", "content"] {
        let Some(more) = added[member].as_object() else {
            continue;
        };
        let Some(known) = into
            .entry(member)
            .or_insert_with(|| Value::Object(Map::new()))
            .as_object_mut()
        else {
            continue;
        };
        for (name, value) in more {
            // Header names are the same in any case.
            let same = known.keys().find(|known_name| {
                *known_name == name
                    || (member == "headers" && known_name.eq_ignore_ascii_case(name))
            });
            match same.cloned() {
                None => {
                    known.insert(name.clone(), value.clone());
                }
                Some(same) if member == "content" => {
                    if let Some(media) = known.get_mut(&same) {
                        merge_media(media, value);
                    }
                }
                // A header documented already is kept as documented.
                Some(_) => {}
            }
        }
    }
}

/// Merges the media type object `added`, written by [`responses`], into `into`.
fn merge_media(into: &mut Value, added: &Value) {
    let Some(into) = into.as_object_mut() else {
        return;
    };
    match into.get_mut("schema") {
        Some(schema) => {
            // Merged once with a schema written by hand: the added branch takes more.
            let merged_before = schema
                .get("anyOf")
                .and_then(Value::as_array)
                .and_then(|branches| branches.iter().position(has_codes));
            match merged_before {
                Some(index) => merge_schema(&mut schema["anyOf"][index], &added["schema"]),
                None if has_codes(schema) => merge_schema(schema, &added["schema"]),
                None => {
                    let by_hand = schema.take();
                    *schema = json!({ "anyOf": [by_hand, added["schema"].clone()] });
                }
            }
        }
        None => {
            into.insert("schema".into(), added["schema"].clone());
        }
    }
    if let Some(more) = added["examples"].as_object()
        && let Some(examples) = into
            .entry("examples")
            .or_insert_with(|| Value::Object(Map::new()))
            .as_object_mut()
    {
        for (code, example) in more {
            examples
                .entry(code.clone())
                .or_insert_with(|| example.clone());
        }
    }
}

/// Merges two schemas of bodies of one format, both written by this module: members of
/// objects merged, lists (codes, required members, types) joined, anything else as `into`
/// has it, except that a detail the two give different schemas takes any value.
fn merge_schema(into: &mut Value, added: &Value) {
    match (into, added) {
        (Value::Object(known), Value::Object(more)) => {
            for (name, value) in more {
                match known.get_mut(name) {
                    None => {
                        known.insert(name.clone(), value.clone());
                    }
                    Some(existing) if name == "properties" => {
                        merge_properties(existing, value);
                    }
                    Some(existing) => merge_schema(existing, value),
                }
            }
        }
        (Value::Array(known), Value::Array(more)) => {
            for value in more {
                if !known.contains(value) {
                    known.push(value.clone());
                }
            }
        }
        _ => {}
    }
}

/// Merges the `properties` of two schemas: a member both have is merged when it is part of the
/// envelope (it holds the codes, or it is `details` or `meta`), and takes any value when it is
/// a detail the two give different schemas.
fn merge_properties(into: &mut Value, added: &Value) {
    let (Value::Object(known), Value::Object(more)) = (into, added) else {
        return;
    };
    for (name, value) in more {
        match known.get_mut(name) {
            None => {
                known.insert(name.clone(), value.clone());
            }
            Some(existing) if existing == value => {}
            Some(existing) if name == "details" || name == "meta" || has_codes(existing) => {
                merge_schema(existing, value);
            }
            Some(existing) => *existing = any_value(),
        }
    }
}

/// Whether `schema` documents codes: the envelope's, or the `code` member itself.
fn has_codes(schema: &Value) -> bool {
    !documented_codes(schema).is_empty()
}

/// The responses of `catalog` as `config` renders them, for a generator's trait, which has no
/// way to fail. Build a document once, at start-up (keep it in a `OnceLock`, or serve its
/// JSON written once, as the example service does) or in a test, not in each request's
/// handler: a conflict panics where the document is built.
///
/// # Panics
///
/// When two declarations give one code two statuses.
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
fn documented(errors: ErrorsRef<'_>, config: &Config) -> BTreeMap<u16, Value> {
    responses(errors, config)
        .unwrap_or_else(|conflict| panic!("cannot document these errors: {conflict}"))
}

/// The configuration in force here: the error layer's while it handles a request, else the
/// installed one, else the default.
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
fn config_in_force() -> Config {
    crate::context::Rendering::with_current(|rendering| rendering.config.clone())
}

/// Implementation detail of `#[derive(ApiError)]`, not public API: the schema of a detail's
/// values for a text type that no generator gives one (`Cow<'static, str>` and the shared and
/// boxed `str`), through [`Probe`](crate::decode::Probe): a probe of a type one of these
/// traits answers for resolves to the first in this order: this one, the generator's
/// `ViaSchema` (its own schema trait), then [`Open`] (none).
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
#[doc(hidden)]
pub trait ViaText {
    /// `{"type": "string"}`.
    fn __api_error_detail_schema(&self) -> Option<Value>;
}

/// Text types that no generator gives a schema.
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
trait Text {}

#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
impl Text for std::borrow::Cow<'_, str> {}
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
impl Text for Box<str> {}
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
impl Text for std::sync::Arc<str> {}

#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
#[allow(private_bounds)]
impl<T: Text> ViaText for &crate::decode::Probe<T> {
    fn __api_error_detail_schema(&self) -> Option<Value> {
        Some(json!({ "type": "string" }))
    }
}

/// See [`ViaText`].
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
#[doc(hidden)]
pub trait Open {
    /// `None`: the type has no schema, and its values are documented as any value.
    fn __api_error_detail_schema(&self) -> Option<Value>;
}

#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
impl<T> Open for crate::decode::Probe<T> {
    fn __api_error_detail_schema(&self) -> Option<Value> {
        None
    }
}

/// `schema`, when it is one of its own: a schema that refers to another (`$ref`) would
/// dangle in a document that does not define that one, so it is not used.
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
fn self_contained(schema: Value) -> Option<Value> {
    fn refers(value: &Value) -> bool {
        match value {
            Value::Object(members) => members
                .iter()
                .any(|(name, member)| name == "$ref" || refers(member)),
            Value::Array(items) => items.iter().any(refers),
            _ => false,
        }
    }
    (!refers(&schema)).then_some(schema)
}

/// A response object (or schema) as a generator's own type. The JSON is what this module
/// writes, from schemas the generator read back already (see `ViaSchema`), so it reads it.
///
/// # Panics
///
/// When the generator does not read it back: documenting less than the service sends, in
/// silence, would be worse. A document is built at start-up or in a test.
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
fn converted<R: serde::de::DeserializeOwned>(value: Value) -> R {
    serde_json::from_value(value)
        .unwrap_or_else(|error| panic!("the generator does not read back a response: {error}"))
}

/// Changes the generator's document `document` as JSON, through `change`; `document` is
/// left as it was when `change` fails.
///
/// # Panics
///
/// When the generator does not read back the document it wrote, changed: a document with a
/// schema it cannot read itself (an empty one, say).
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6"))]
fn through_json<D, E>(
    document: &mut D,
    change: impl FnOnce(&mut Value) -> Result<(), E>,
) -> Result<(), E>
where
    D: serde::Serialize + serde::de::DeserializeOwned,
{
    let mut value = serde_json::to_value(&*document)
        .unwrap_or_else(|error| panic!("the document does not serialize: {error}"));
    change(&mut value)?;
    *document = converted(value);
    Ok(())
}

/// An error set's detail schemas are its members'.
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
macro_rules! set_detail_schemas {
    ($set:ident [$($t:ident)+]) => {
        impl<$($t: crate::set::Member),+> DetailSchemas for crate::set::$set<$($t),+>
        where
            $($t::Error: DetailSchemas,)+
        {
            fn detail_schemas(errors: &mut super::Errors) {
                $(<$t::Error as DetailSchemas>::detail_schemas(errors);)+
            }
        }
    };
}

/// `RefusalSchemas` for a tuple of request parts, in the module the macro is invoked in.
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
macro_rules! refusal_schemas {
    ($($x:ident)*) => {
        impl<$($x: crate::set::Refuses),*> RefusalSchemas for ($($x,)*)
        where
            $(<$x as crate::set::Refuses>::Errors: DetailSchemas,)*
        {
            fn append_to(errors: &mut super::Errors) {
                let _ = &errors;
                $(errors.append(refused::<$x>());)*
            }
        }
    };
}

/// An error set's responses, in utoipa `$krate`: its members', one a status.
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6"))]
macro_rules! set_into_responses {
    ($krate:ident $set:ident [$($t:ident)+]) => {
        impl<$($t: crate::set::Member),+> $krate::IntoResponses for crate::set::$set<$($t),+>
        where
            Self: DetailSchemas,
        {
            fn responses() -> Responses {
                responses::<Self>()
            }
        }

        impl<$($t: crate::set::Member),+> $krate::PartialSchema for crate::set::$set<$($t),+>
        where
            Self: DetailSchemas,
        {
            fn schema() -> RefOr<Schema> {
                schema::<Self>()
            }
        }

        impl<$($t: crate::set::Member),+> $krate::ToSchema for crate::set::$set<$($t),+>
        where
            Self: DetailSchemas,
        {}
    };
}

/// What each generator's module has alike, for the detail schemas: the trait a derived error
/// implements, the probe of a wrapped type for it, and the catalog with the schemas, where
/// `$trait` is the name of the generator's schema trait.
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
macro_rules! detail_schemas_plumbing {
    ($trait:literal) => {
        /// Implementation detail of `#[derive(ApiError)]`, not public API: a derived error's
        /// catalog with the schema of each detail whose type has one here.
        #[doc(hidden)]
        pub trait DetailSchemas: crate::api_error::ApiError {
            /// Tells `errors` the schema of each of this type's details whose type has one,
            /// and of those of the types its `transparent` variants wrap.
            fn detail_schemas(errors: &mut super::Errors);
        }

        /// See [`ViaText`](super::ViaText): the detail schemas of a wrapped type, when it is a
        /// derived error.
        #[doc(hidden)]
        pub trait ViaDetailSchemas {
            /// [`DetailSchemas::detail_schemas`].
            fn __api_error_detail_schemas_into(&self, errors: &mut super::Errors);
        }

        impl<T: DetailSchemas> ViaDetailSchemas for Probe<T> {
            fn __api_error_detail_schemas_into(&self, errors: &mut super::Errors) {
                T::detail_schemas(errors);
            }
        }

        /// See [`ViaDetailSchemas`].
        #[doc(hidden)]
        pub trait NoDetailSchemas {
            /// Nothing: the wrapped type says no schema.
            fn __api_error_detail_schemas_into(&self, errors: &mut super::Errors);
        }

        impl<T> NoDetailSchemas for &Probe<T> {
            fn __api_error_detail_schemas_into(&self, _: &mut super::Errors) {}
        }

        #[doc = concat!("`E`'s errors: its catalog, with the schema of each detail whose type implements `", $trait, "`")]
        /// (and refers to no other schema): what [`responses`] documents. Merge several of
        /// these with [`Errors::append`](super::Errors::append) for an operation that answers
        /// the errors of several types.
        #[must_use]
        pub fn documented<E: DetailSchemas>() -> super::Errors {
            let mut errors = super::Errors::from(E::catalog());
            E::detail_schemas(&mut errors);
            errors
        }

        crate::set::for_each_set!(set_detail_schemas);

        /// What the request part `X` refuses requests with, with the detail schemas known
        /// here: its errors' and what the layers in front of it answer for it.
        fn refused<X: crate::set::Refuses>() -> super::Errors
        where
            X::Errors: DetailSchemas,
        {
            let mut errors = documented::<X::Errors>();
            errors.append(X::by_layers());
            errors
        }

        /// Implementation detail of the integrations, not public API: the detail schemas of
        /// what each of a tuple of request parts refuses with.
        #[doc(hidden)]
        pub trait RefusalSchemas: crate::set::Refusals {
            /// Adds each part's errors, with their detail schemas, to `errors`.
            fn append_to(errors: &mut super::Errors);
        }

        refusal_schemas!();
        refusal_schemas!(X0);
        refusal_schemas!(X0 X1);
        refusal_schemas!(X0 X1 X2);
        refusal_schemas!(X0 X1 X2 X3);
        refusal_schemas!(X0 X1 X2 X3 X4);
        refusal_schemas!(X0 X1 X2 X3 X4 X5);

        /// The errors of one operation ([`Answers<E, Takes>`](crate::set::Answers)): `E`'s and
        /// those of each request part in `Takes`, with the detail schemas they know.
        #[must_use]
        pub fn answered<E: DetailSchemas, Takes: RefusalSchemas>() -> super::Errors {
            let mut errors = documented::<E>();
            Takes::append_to(&mut errors);
            errors
        }
    };
}

#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
use detail_schemas_plumbing;

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

            use $krate::openapi::OpenApi;
            use serde_json::Value;

            use crate::catalog::Catalog;
            use crate::config::Config;
            use crate::decode::Probe;

            /// What `IntoResponses::responses` returns.
            pub type Responses = BTreeMap<String, RefOr<Response>>;

            super::detail_schemas_plumbing!("PartialSchema");

            /// See [`ViaText`](super::ViaText).
            #[doc(hidden)]
            pub trait ViaSchema {
                /// The type's own schema, when it refers to no other.
                fn __api_error_detail_schema(&self) -> Option<Value>;
            }

            impl<T: $krate::PartialSchema> ViaSchema for &&Probe<T> {
                fn __api_error_detail_schema(&self) -> Option<Value> {
                    // A schema utoipa does not read back itself (`{}`, which it writes for
                    // `serde_json::Value`) would make the responses unreadable: none, then.
                    serde_json::to_value(T::schema())
                        .ok()
                        .and_then(super::self_contained)
                        .filter(|schema| serde_json::from_value::<RefOr<Schema>>(schema.clone()).is_ok())
                }
            }


            /// The responses of `E`'s errors, in the configuration in force; what a derived
            /// error's `IntoResponses` returns.
            ///
            /// # Panics
            ///
            /// When two declarations give one code two statuses.
            #[must_use]
            pub fn responses<E: DetailSchemas>() -> Responses {
                of(&documented::<E>(), &super::config_in_force())
            }

            crate::set::for_each_set!(set_into_responses $krate);

            /// One response a status, with every code the operation answers.
            impl<E: DetailSchemas, Takes: RefusalSchemas> $krate::IntoResponses for crate::set::Answers<E, Takes> {
                fn responses() -> Responses {
                    of(&answered::<E, Takes>(), &super::config_in_force())
                }
            }

            /// The schema of a body of `E`'s, any of its errors, in the configuration in
            /// force ([`schema_of`](super::schema_of)); what a derived error's `PartialSchema`
            /// returns, inline, with no `$ref`.
            #[must_use]
            pub fn schema<E: DetailSchemas>() -> RefOr<Schema> {
                let schema = super::schema_of(&documented::<E>(), &super::config_in_force());
                RefOr::T(super::converted(schema))
            }

            /// The responses of every error of `errors` (a [`Catalog`] or
            /// [`Errors`](super::Errors): the errors of several types, say, or a type's and the
            /// error layer's own), as `config` renders them.
            ///
            /// # Panics
            ///
            /// When two declarations give one code two statuses.
            #[must_use]
            pub fn of<'a>(errors: impl Into<super::ErrorsRef<'a>>, config: &Config) -> Responses {
                super::documented(errors.into(), config)
                    .into_iter()
                    .map(|(status, value)| (status.to_string(), RefOr::T(super::converted(value))))
                    .collect()
            }

            /// Adds the responses of `catalog`'s errors, as `config` renders them, to every
            /// operation of `openapi`, as [`add_to_every_operation`](super::add_to_every_operation)
            /// does: the error layer's own errors, say.
            ///
            /// # Errors
            ///
            /// When a code would have two statuses; `openapi` is then left as it was.
            pub fn add_to_every_operation<'a>(
                openapi: &mut OpenApi,
                errors: impl Into<super::ErrorsRef<'a>>,
                config: &Config,
            ) -> Result<(), crate::CodeConflict> {
                let errors = errors.into();
                super::through_json(openapi, |document| {
                    super::add_to_every_operation(document, errors, config)
                })
            }

            /// A `Modify` that adds the responses of `catalog`'s errors, as `config` renders
            /// them, to every operation: [`add_to_every_operation`] for
            /// `#[openapi(modifiers(..))]`.
            ///
            /// # Panics
            ///
            /// In `modify`, when a code would have two statuses.
            #[derive(Debug, Clone, Default)]
            pub struct EveryOperation {
                /// The errors.
                pub catalog: Catalog,
                /// How they are rendered.
                pub config: Config,
            }

            impl $krate::Modify for EveryOperation {
                fn modify(&self, openapi: &mut OpenApi) {
                    if let Err(conflict) = add_to_every_operation(openapi, &self.catalog, &self.config) {
                        panic!("cannot document these errors: {conflict}");
                    }
                }
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
    use ::aide::openapi::{OpenApi, ReferenceOr, Response, StatusCode};
    use serde_json::Value;

    use crate::config::Config;
    use crate::decode::Probe;

    super::detail_schemas_plumbing!("JsonSchema");

    /// See [`ViaText`](super::ViaText).
    #[doc(hidden)]
    pub trait ViaSchema {
        /// The type's own `JsonSchema`, when it refers to no other.
        fn __api_error_detail_schema(&self) -> Option<Value>;
    }

    impl<T: schemars::JsonSchema> ViaSchema for &&Probe<T> {
        fn __api_error_detail_schema(&self) -> Option<Value> {
            let schema = schemars::SchemaGenerator::default().into_root_schema_for::<T>();
            let mut schema = schema.to_value();
            // A root schema names its dialect, which a document implies, and takes its type's
            // name as its title, which utoipa gives no detail either.
            if let Some(members) = schema.as_object_mut() {
                members.remove("$schema");
                members.remove("title");
            }
            super::self_contained(schema)
        }
    }

    /// The responses of `E`'s errors, in the configuration in force; what a derived error's
    /// `OperationOutput::inferred_responses` returns.
    ///
    /// # Panics
    ///
    /// When two declarations give one code two statuses.
    #[must_use]
    pub fn responses<E: DetailSchemas>() -> Vec<(Option<u16>, Response)> {
        of(&documented::<E>(), &super::config_in_force())
    }

    /// For aide's `OperationInput::inferred_early_responses` of a request part that
    /// [`Refuses`](crate::set::Refuses) requests: its errors, merged into the responses
    /// `operation` already has (the handler's, which aide records first) at the statuses they
    /// share, one response a status listing every code, and the responses of the other
    /// statuses, to return.
    ///
    /// ```ignore
    /// impl aide::OperationInput for Caller {
    ///     fn inferred_early_responses(
    ///         _: &mut aide::generate::GenContext,
    ///         operation: &mut aide::openapi::Operation,
    ///     ) -> Vec<(Option<u16>, aide::openapi::Response)> {
    ///         api_error_core::openapi::aide::refusals::<Self>(operation)
    ///     }
    /// }
    /// ```
    ///
    /// # Panics
    ///
    /// When a code would have two statuses.
    #[must_use]
    pub fn refusals<X>(operation: &mut ::aide::openapi::Operation) -> Vec<(Option<u16>, Response)>
    where
        X: crate::set::Refuses,
        X::Errors: DetailSchemas,
    {
        merged(operation, &refused::<X>())
    }

    /// What [`refusals`] does, for `errors` (a [`Catalog`](crate::Catalog) or
    /// [`Errors`](super::Errors)): a request part's errors beside the types' (the error
    /// layer's `413` where it reads a body, say), merged into the responses `operation` has at
    /// the statuses they share, and put on it at the others. Returns nothing to record.
    ///
    /// # Panics
    ///
    /// When a code would have two statuses, or a response at a status both have refers to one
    /// elsewhere (the operation alone cannot resolve it).
    #[must_use]
    pub fn merged<'a>(
        operation: &mut ::aide::openapi::Operation,
        errors: impl Into<super::ErrorsRef<'a>>,
    ) -> Vec<(Option<u16>, Response)> {
        let errors = errors.into();
        let added = super::documented(errors, &super::config_in_force());
        if let Err(conflict) = check(operation, errors.catalog, "the operation", &Value::Null) {
            panic!("cannot document these errors: {conflict}");
        }
        // Put on the operation here rather than returned: aide gives each request part the
        // operation as it was before any of them, so two parts that refuse at one status the
        // handler does not answer at would both return it, and aide keeps only the first.
        merge_into(operation, &added, &Value::Null);
        Vec::new()
    }

    /// An error set's inferred responses: its members', one a status.
    macro_rules! set_operation_output {
        ($set:ident [$($t:ident)+]) => {
            impl<$($t: crate::set::Member),+> ::aide::OperationOutput for crate::set::$set<$($t),+>
            where
                Self: DetailSchemas,
            {
                type Inner = Self;

                fn inferred_responses(
                    _: &mut ::aide::generate::GenContext,
                    _: &mut ::aide::openapi::Operation,
                ) -> Vec<(Option<u16>, Response)> {
                    responses::<Self>()
                }
            }
        };
    }
    crate::set::for_each_set!(set_operation_output);

    /// Adds the responses of `catalog`'s errors, as `config` renders them, to every operation
    /// of `openapi`, as [`add_to_every_operation`](super::add_to_every_operation) does. Only
    /// the responses that share a status with one of the errors' are read back: a response
    /// of the operation's that aide does not read back itself (the schema `true` of a
    /// `Json<Value>`) is left as it is.
    ///
    /// # Errors
    ///
    /// When a code would have two statuses; `openapi` is then left as it was.
    ///
    /// # Panics
    ///
    /// When a response this adds codes to does not read back once they are added.
    pub fn add_to_every_operation<'a>(
        openapi: &mut OpenApi,
        errors: impl Into<super::ErrorsRef<'a>>,
        config: &Config,
    ) -> Result<(), crate::CodeConflict> {
        let errors = errors.into();
        let added = super::responses(errors, config)?;
        // The shared responses an operation may refer to, which count as the operation's.
        let shared = openapi
            .components
            .as_ref()
            .map(|components| serde_json::to_value(&components.responses))
            .transpose()
            .unwrap_or_else(|error| panic!("the shared responses do not serialize: {error}"))
            .unwrap_or(Value::Null);
        let Some(paths) = openapi.paths.as_mut() else {
            return Ok(());
        };
        // Every conflict is found before anything changes.
        for (path, item) in &paths.paths {
            let ReferenceOr::Item(item) = item else {
                continue;
            };
            for (method, operation) in item.iter() {
                let name = format!("{} {path}", method.to_ascii_uppercase());
                check(operation, errors.catalog, &name, &shared)?;
            }
        }
        for item in paths.paths.values_mut() {
            let ReferenceOr::Item(item) = item else {
                continue;
            };
            for operation in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.options,
                &mut item.head,
                &mut item.patch,
                &mut item.trace,
            ]
            .into_iter()
            .flatten()
            {
                merge_into(operation, &added, &shared);
            }
        }
        Ok(())
    }

    /// Fails when `operation`, with the responses of `shared` it refers to as its own, documents
    /// one of `catalog`'s codes at another status than the catalog's.
    fn check(
        operation: &::aide::openapi::Operation,
        catalog: &crate::Catalog,
        name: &str,
        shared: &Value,
    ) -> Result<(), crate::CodeConflict> {
        let responses = serde_json::to_value(&operation.responses)
            .unwrap_or_else(|error| panic!("the responses do not serialize: {error}"));
        let mut operation = serde_json::json!({ "responses": responses });
        super::inline_shared(&mut operation, shared);
        super::check_operation(&operation, catalog, name)
    }

    /// Merges each of `added` into the response `operation` has at its status (a copy of the
    /// one of `shared` it refers to, if it refers to one), response by response, so that a
    /// response aide does not read back itself (a schema of `true`) is left as it is; and puts
    /// the others on it, at statuses it has none at.
    ///
    /// # Panics
    ///
    /// When a response at a shared status refers to one `shared` does not have.
    fn merge_into(
        operation: &mut ::aide::openapi::Operation,
        added: &std::collections::BTreeMap<u16, Value>,
        shared: &Value,
    ) {
        let responses = operation.responses.get_or_insert_with(Default::default);
        for (&status, response) in added {
            let Some(existing) = responses.responses.get_mut(&StatusCode::Code(status)) else {
                let response = ReferenceOr::Item(super::converted(response.clone()));
                responses
                    .responses
                    .insert(StatusCode::Code(status), response);
                continue;
            };
            let mut merged = match &*existing {
                ReferenceOr::Reference { reference, .. } => reference
                    .strip_prefix("#/components/responses/")
                    .and_then(|name| shared.get(name))
                    .cloned()
                    .unwrap_or_else(|| {
                        panic!("cannot add codes to a response at {status} that refers to one elsewhere")
                    }),
                ReferenceOr::Item(_) => serde_json::to_value(&*existing)
                    .unwrap_or_else(|error| panic!("a response does not serialize: {error}")),
            };
            super::merge_response(&mut merged, response);
            *existing = super::converted(merged);
        }
    }

    /// The responses of every error of `errors` (a [`Catalog`](crate::Catalog) or [`Errors`](super::Errors)),
    /// as `config` renders them.
    ///
    /// # Panics
    ///
    /// When two declarations give one code two statuses.
    #[must_use]
    pub fn of<'a>(
        errors: impl Into<super::ErrorsRef<'a>>,
        config: &Config,
    ) -> Vec<(Option<u16>, Response)> {
        super::documented(errors.into(), config)
            .into_iter()
            .map(|(status, value)| (Some(status), super::converted(value)))
            .collect()
    }
}
