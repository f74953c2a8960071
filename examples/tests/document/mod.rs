//! Holds a response that the service sent to the service's own `OpenAPI` document, as a client
//! generated from the document would: its status is documented for the operation, its content
//! type is declared, its body validates against the declared schema (JSON Schema 2020-12, the
//! dialect of `OpenAPI` 3.1), an error's code is one the response lists, and the headers an
//! error sends are declared.

// Each test crate that includes this module uses a part of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::Value;

/// The headers whose presence a document must declare: those the error layer and the errors
/// send. The others (`content-type`, `content-length`, `date`, and `vary`, which caches read)
/// belong to HTTP itself.
const DECLARED: [&str; 5] = [
    "x-request-id",
    "retry-after",
    "www-authenticate",
    "allow",
    "content-language",
];

/// The documents of the services the tests started, by base URL, each fetched when its service
/// started: a later service on the same port replaces it.
static FETCHED: Mutex<Option<HashMap<String, Arc<Value>>>> = Mutex::new(None);

/// The document of the service at `base`, as [`fetch`] fetched it.
pub(crate) fn of(base: &str) -> Arc<Value> {
    FETCHED
        .lock()
        .unwrap()
        .get_or_insert_with(HashMap::new)
        .get(base)
        .unwrap_or_else(|| panic!("no document fetched from {base}"))
        .clone()
}

/// Fetches the document the service just started at `base` serves at `GET /openapi.json`.
pub(crate) async fn fetch(base: &str) {
    let client = api_error_tests::client();
    let response = client
        .get(format!("{base}/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let document: Arc<Value> = Arc::new(response.json().await.unwrap());
    FETCHED
        .lock()
        .unwrap()
        .get_or_insert_with(HashMap::new)
        .insert(base.to_owned(), document);
}

/// A response as received.
pub(crate) struct Received<'a> {
    /// The request's method, in capitals.
    pub(crate) method: &'a str,
    /// The request's path, with its query if it had one.
    pub(crate) path: &'a str,
    /// The status.
    pub(crate) status: u16,
    /// The headers.
    pub(crate) headers: &'a reqwest::header::HeaderMap,
    /// The body.
    pub(crate) body: &'a str,
}

/// Asserts that `received` is a response `document` describes.
pub(crate) fn assert_conforms(document: &Value, received: &Received<'_>) {
    let what = format!(
        "{} {} answered {} {}",
        received.method, received.path, received.status, received.body
    );
    let response = documented_response(document, received, &what);
    let content_type = received
        .headers
        .get("content-type")
        .map(|value| value.to_str().unwrap())
        .unwrap_or_default();
    if received.body.is_empty() && content_type.is_empty() {
        assert!(
            response.get("content").is_none(),
            "{what}: content is documented"
        );
    } else {
        let content = response["content"]
            .as_object()
            .unwrap_or_else(|| panic!("{what}: no content documented"));
        let essence = |media: &str| {
            media
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned()
        };
        let media = content
            .iter()
            .find(|(declared, _)| essence(declared) == essence(content_type))
            .map_or_else(
                || panic!("{what}: content type {content_type} is not declared"),
                |(_, media)| media,
            );
        if essence(content_type).ends_with("json") {
            let body: Value = serde_json::from_str(received.body).unwrap();
            assert_valid(document, &media["schema"], &body, &what);
            if received.status >= 400 {
                let code = code_of(&body).unwrap_or_else(|| panic!("{what}: no code"));
                let codes = api_error_core::openapi::documented_codes(&media["schema"]);
                assert!(
                    codes.contains(&code),
                    "{what}: {code} is not among {codes:?}"
                );
            }
        }
    }
    for name in DECLARED {
        if received.headers.contains_key(name) {
            let declared = response["headers"]
                .as_object()
                .is_some_and(|headers| headers.keys().any(|key| key.eq_ignore_ascii_case(name)));
            assert!(declared, "{what}: header {name} is not declared");
        }
    }
}

/// The response object that documents `received`'s status for its operation: the
/// operation's, or, for a path no route matches, the components' `NOT_FOUND`.
fn documented_response<'d>(document: &'d Value, received: &Received<'_>, what: &str) -> &'d Value {
    let path = received.path.split('?').next().unwrap_or_default();
    let item = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(template, _)| matches(template, path))
        .map(|(_, item)| item);
    let Some(item) = item else {
        assert_eq!(
            received.status, 404,
            "{what}: no operation documents the path"
        );
        return &document["components"]["responses"]["NOT_FOUND"];
    };
    let method = received.method.to_ascii_lowercase();
    // A method the path does not take is answered by the layer, which every operation of the
    // path documents.
    let operation = item.get(&method).unwrap_or_else(|| {
        assert_eq!(received.status, 405, "{what}: the method is not documented");
        item.as_object().unwrap().values().next().unwrap()
    });
    let response = &operation["responses"][received.status.to_string()];
    assert!(response.is_object(), "{what}: the status is not documented");
    response
}

/// Whether `path` is an instance of the path template `template`.
fn matches(template: &str, path: &str) -> bool {
    let (mut templates, mut segments) = (template.split('/'), path.split('/'));
    loop {
        match (templates.next(), segments.next()) {
            (None, None) => return true,
            (Some(t), Some(s)) if t.starts_with('{') && t.ends_with('}') && !s.is_empty() => {}
            (Some(t), Some(s)) if t == s => {}
            _ => return false,
        }
    }
}

/// Asserts that `instance` validates against `schema`, whose references point into `document`.
pub(crate) fn assert_valid(document: &Value, schema: &Value, instance: &Value, what: &str) {
    // References such as `#/components/schemas/OrderView` resolve against the schema's root:
    // the document's components go along, under a member that is no keyword.
    let mut rooted = schema.clone();
    if let Some(members) = rooted.as_object_mut() {
        members.insert("components".into(), document["components"].clone());
    }
    let validator = jsonschema::draft202012::new(&rooted)
        .unwrap_or_else(|error| panic!("{what}: the schema does not compile: {error}"));
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|error| format!("{error} at {}", error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:?}");
}

/// The code of an error body, in any format: its first member `code` that is a string.
fn code_of(body: &Value) -> Option<&str> {
    match body {
        Value::Object(members) => members
            .get("code")
            .and_then(Value::as_str)
            .or_else(|| members.values().find_map(code_of)),
        Value::Array(items) => items.iter().find_map(code_of),
        _ => None,
    }
}
