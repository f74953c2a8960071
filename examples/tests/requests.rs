//! A schema-driven client: for every operation of the service's document, requests built from
//! the document alone (path, query and header parameters and the body, each from its schema: a
//! pattern's strings, a range's numbers, an enum's values, every required member), sent to the
//! running service over loopback. None is refused for its shape: what the document allows, the
//! service takes. What no schema can say (an order that does not exist, a quota used up, a
//! webhook host of a private network, whose violation's reason is `invalid`) may still be
//! answered, with its own code.

use api_error_core::Format;
use api_error_examples::app::openapi::document;
use api_error_examples::{AppState, ServiceConfig, error_config, serve};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::{Map, Value};

/// The codes of what no schema can say: that an order, a plan or a webhook exists and is the
/// caller's, the state an order is in, the plan's quota. Any other error (a code that refuses a
/// request's shape, the layer's `UNSUPPORTED_MEDIA_TYPE`, ...) fails the test.
const BEYOND_THE_DOCUMENT: &[&str] = &[
    "ORDER_NOT_FOUND",
    "ORDER_NOT_OWNER",
    "ORDER_NOT_PENDING",
    "ORDER_EXPIRED",
    "ORDER_NOT_COMPLETED",
    "ORDER_FILE_NOT_UPLOADED",
    "ORDER_ALREADY_CONFIRMED",
    "ORDER_ALREADY_COMPLETED",
    "ORDER_ALREADY_FAILED",
    "ORDER_TYPE_NOT_MATCH",
    "ORDER_TYPE_CANT_DOWNLOAD",
    "ORDER_TIMEOUT",
    "USAGE_LIMIT_EXCEEDED",
    "USAGE_NOT_ENOUGH",
    "PLAN_NOT_FOUND",
    "WEBHOOK_NOT_FOUND",
];

/// How many requests each operation is sent.
const PER_OPERATION: usize = 6;

fn one<S: Strategy>(strategy: S, runner: &mut TestRunner) -> S::Value {
    strategy.new_tree(runner).unwrap().current()
}

/// A value of `schema`, as a client generated from the document would send.
fn value_of(schema: &Value, runner: &mut TestRunner) -> Value {
    if let Some(values) = schema["enum"].as_array() {
        return values[one(0..values.len(), runner)].clone();
    }
    match schema["type"].as_str() {
        Some("object") => {
            let mut object = Map::new();
            if let Some(properties) = schema["properties"].as_object() {
                for (name, property) in properties {
                    object.insert(name.clone(), value_of(property, runner));
                }
            }
            Value::Object(object)
        }
        Some("integer") => {
            let low = schema["minimum"].as_i64().unwrap_or(0);
            let high = schema["maximum"].as_i64().unwrap_or(1_000);
            Value::from(one(low..=high, runner))
        }
        Some("string") => Value::String(text_of(schema, runner)),
        other => panic!("the client does not generate {other:?}: {schema}"),
    }
}

/// A string of `schema`: one its pattern matches, or a short word.
fn text_of(schema: &Value, runner: &mut TestRunner) -> String {
    let pattern = schema["pattern"].as_str().unwrap_or("[a-z]{1,12}");
    let pattern = pattern.trim_start_matches('^').trim_end_matches('$');
    let text = one(proptest::string::string_regex(pattern).unwrap(), runner);
    let max = schema["maxLength"]
        .as_u64()
        .map_or(usize::MAX, |max| usize::try_from(max).unwrap_or(usize::MAX));
    assert!(
        text.len() <= max,
        "the pattern {pattern} makes {text:?}, over {max}"
    );
    text
}

/// Whether a refusal is for what no schema says: `VALIDATION_FAILED` whose every violation,
/// one at least, is the webhook URL's with reason `invalid` (a host of this machine or a
/// private network).
fn refused_beyond_the_document(body: &Value) -> bool {
    body["code"] == "VALIDATION_FAILED"
        && body["violations"].as_array().is_some_and(|violations| {
            !violations.is_empty()
                && violations
                    .iter()
                    .all(|v| v["reason"] == "invalid" && v["field"] == "/url")
        })
}

#[tokio::test]
async fn requests_the_document_allows_are_never_refused_for_their_shape() {
    let (listener, address) = api_error_tests::listen().await;
    tokio::spawn(serve(listener, AppState::new(ServiceConfig::default())));
    let document = serde_json::to_value(document(&error_config(Format::Json))).unwrap();
    let client = api_error_tests::client();
    let mut runner = TestRunner::deterministic();
    let mut sent = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for _ in 0..PER_OPERATION {
                let mut target = path.clone();
                let mut query = Vec::new();
                let mut request_headers = Vec::new();
                for parameter in operation["parameters"].as_array().into_iter().flatten() {
                    let name = parameter["name"].as_str().unwrap();
                    let required = parameter["required"] == true;
                    if !required && one(proptest::bool::ANY, &mut runner) {
                        continue;
                    }
                    let value = match value_of(&parameter["schema"], &mut runner) {
                        Value::String(text) => text,
                        other => other.to_string(),
                    };
                    match parameter["in"].as_str().unwrap() {
                        "path" => target = target.replace(&format!("{{{name}}}"), &value),
                        "query" => query.push(format!("{name}={value}")),
                        "header" => request_headers.push((name.to_owned(), value)),
                        other => panic!("a parameter in {other}"),
                    }
                }
                if !query.is_empty() {
                    target = format!("{target}?{}", query.join("&"));
                }
                let method_name =
                    reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                let mut request = client.request(method_name, format!("http://{address}{target}"));
                if operation["security"] != serde_json::json!([]) {
                    request = request.bearer_auth("tok_alice");
                }
                for (name, value) in &request_headers {
                    request = request.header(name, value);
                }
                if let Some(content) = operation["requestBody"]["content"].as_object() {
                    let (media_type, content) = content.iter().next().unwrap();
                    if media_type == "application/json" {
                        let body = value_of(&content["schema"], &mut runner);
                        request = request.json(&body);
                    } else {
                        let length = one(1..64usize, &mut runner);
                        request = request
                            .header("content-type", "application/octet-stream")
                            .body(vec![b'x'; length]);
                    }
                }
                let response = request.send().await.unwrap();
                let status = response.status();
                let text = response.text().await.unwrap();
                sent += 1;
                if status.is_client_error() || status.is_server_error() {
                    let body: Value = serde_json::from_str(&text)
                        .unwrap_or_else(|_| panic!("{target}: an error body is JSON: {text}"));
                    let code = body["code"].as_str().unwrap_or_default();
                    assert!(
                        BEYOND_THE_DOCUMENT.contains(&code) || refused_beyond_the_document(&body),
                        "{} {target}: refused for its shape, {status} {body}",
                        method.to_uppercase()
                    );
                }
            }
        }
    }
    assert_eq!(sent, 13 * PER_OPERATION);
}
