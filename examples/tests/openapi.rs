//! The service's `OpenAPI` document: whole (every `$ref` resolves, every code of the API is
//! documented somewhere, the layer's own errors are on every operation), the same as the
//! catalog printer prints, and the checker that holds the end-to-end responses to it fails
//! where it should. That every response the end-to-end tests receive conforms to it is checked
//! in `e2e.rs`, on each response; that it is valid `OpenAPI` 3.1 is checked by a validator in
//! `.ci/run`.

use std::process::Command;

use api_error_core::{ApiError, Format};
use api_error_examples::app::openapi::document;
use api_error_examples::{AppError, error_config};
use serde_json::{Value, json};

mod document;

fn of(format: Format) -> Value {
    serde_json::to_value(document(&error_config(format))).unwrap()
}

/// Every `$ref` in `value`, with where it is.
fn references<'a>(value: &'a Value, at: &str, found: &mut Vec<(String, &'a str)>) {
    match value {
        Value::Object(members) => {
            for (name, member) in members {
                match (name.as_str(), member) {
                    ("$ref", Value::String(target)) => found.push((at.to_owned(), target)),
                    _ => references(member, &format!("{at}/{name}"), found),
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                references(item, &format!("{at}/{index}"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn every_reference_resolves_in_every_format() {
    for format in [Format::Json, Format::Problem, Format::JsonApi] {
        let document = of(format);
        let mut found = Vec::new();
        references(&document, "", &mut found);
        assert!(
            !found.is_empty(),
            "the success bodies refer to their schemas"
        );
        for (at, target) in found {
            let pointer = target
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("{at}: {target} is outside the document"));
            assert!(
                document.pointer(pointer).is_some(),
                "{at}: {target} dangles"
            );
        }
    }
}

#[test]
fn every_code_of_the_api_is_documented_on_some_operation_and_the_layer_s_on_all() {
    let document = of(Format::Json);
    let mut documented: Vec<&str> = Vec::new();
    for item in document["paths"].as_object().unwrap().values() {
        for (method, operation) in item.as_object().unwrap() {
            let responses = &operation["responses"];
            let codes = api_error_core::openapi::documented_codes(responses);
            for code in ["METHOD_NOT_ALLOWED", "CLIENT_ERROR"] {
                assert!(codes.contains(&code), "{method}: {code}");
            }
            assert_eq!(
                responses["405"]["headers"]["Allow"],
                json!({ "schema": { "type": "string" } })
            );
            documented.extend(codes);
        }
    }
    for entry in &AppError::catalog() {
        assert!(
            documented.contains(&entry.code()),
            "{} is documented nowhere",
            entry.code()
        );
    }
    assert_eq!(
        api_error_core::openapi::documented_codes(
            &document["components"]["responses"]["NOT_FOUND"]
        ),
        ["NOT_FOUND"]
    );
}

#[test]
fn each_operation_lists_only_the_codes_its_route_answers() {
    let document = of(Format::Json);
    let codes = |path: &str, method: &str| {
        let mut codes = api_error_core::openapi::documented_codes(
            &document["paths"][path][method]["responses"],
        );
        codes.sort_unstable();
        codes
    };
    assert_eq!(
        codes("/plans/{plan_id}", "get"),
        [
            "AUTH_NOT_AUTHENTICATED",
            "AUTH_TOKEN_EXPIRED",
            "AUTH_TOKEN_INVALID",
            "AUTH_TOKEN_INVALID_FORMAT",
            "CLIENT_ERROR",
            "INVALID_PARAMETER",
            "METHOD_NOT_ALLOWED",
            "PLAN_NOT_FOUND",
            "RATE_LIMIT_EXCEEDED",
        ]
    );
    assert_eq!(
        codes("/openapi.json", "get"),
        ["CLIENT_ERROR", "METHOD_NOT_ALLOWED"]
    );
    assert!(codes("/webhooks", "post").contains(&"CONTENT_TOO_LARGE"));
    assert!(!codes("/webhooks/{webhook_id}", "get").contains(&"CONTENT_TOO_LARGE"));
}

#[test]
fn the_catalog_printer_prints_the_document_the_service_serves() {
    for (argument, format) in [
        ("json", Format::Json),
        ("problem", Format::Problem),
        ("jsonapi", Format::JsonApi),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_catalog"))
            .args(["--openapi", argument])
            .output()
            .expect("the catalog binary runs");
        assert!(output.status.success());
        let printed: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(printed, of(format), "{argument}");
    }
}

/// A response of `POST /webhooks` as received, held to the default format's document.
fn check(status: u16, headers: &[(&'static str, &'static str)], body: &str) {
    let mut map = reqwest::header::HeaderMap::new();
    for (name, value) in headers {
        map.insert(*name, value.parse().unwrap());
    }
    document::assert_conforms(
        &of(Format::Json),
        &document::Received {
            method: "POST",
            path: "/webhooks",
            status,
            headers: &map,
            body,
        },
    );
}

const JSON: (&str, &str) = ("content-type", "application/json");

#[test]
fn the_checker_takes_a_documented_error() {
    check(
        403,
        &[JSON, ("x-request-id", "r")],
        r#"{"code":"AUTH_FORBIDDEN","message":"Insufficient permissions","details":{"required_scope":"orders:write"},"request_id":"r"}"#,
    );
}

#[test]
#[should_panic(expected = "the status is not documented")]
fn the_checker_refuses_an_undocumented_status() {
    check(418, &[JSON], r#"{"code":"TEAPOT","message":"Teapot"}"#);
}

#[test]
#[should_panic(expected = "ORDER_NOT_OWNER is not among")]
fn the_checker_refuses_a_code_the_operation_does_not_list() {
    check(
        403,
        &[JSON],
        r#"{"code":"ORDER_NOT_OWNER","message":"Not the order's owner"}"#,
    );
}

#[test]
#[should_panic(expected = "is not of type")]
fn the_checker_refuses_a_body_its_schema_does_not_take() {
    check(400, &[JSON], r#"{"code":"VALIDATION_FAILED","message":7}"#);
}

#[test]
#[should_panic(expected = "header retry-after is not declared")]
fn the_checker_refuses_an_undeclared_header() {
    check(
        400,
        &[JSON, ("retry-after", "3")],
        r#"{"code":"VALIDATION_FAILED","message":"Validation failed"}"#,
    );
}

#[test]
#[should_panic(expected = "content type text/html is not declared")]
fn the_checker_refuses_an_undeclared_content_type() {
    check(400, &[("content-type", "text/html")], "<p>no</p>");
}

#[test]
fn every_example_validates_against_its_schema_in_every_format() {
    for format in [Format::Json, Format::Problem, Format::JsonApi] {
        let document = of(format);
        let mut responses: Vec<(String, &Value)> = Vec::new();
        for (path, item) in document["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                for (status, response) in operation["responses"].as_object().unwrap() {
                    responses.push((format!("{method} {path} {status}"), response));
                }
            }
        }
        for (name, response) in document["components"]["responses"].as_object().unwrap() {
            responses.push((name.clone(), response));
        }
        let mut checked = 0;
        for (at, response) in responses {
            for (media_type, media) in response["content"].as_object().into_iter().flatten() {
                for (code, example) in media["examples"].as_object().into_iter().flatten() {
                    let what = format!("{}: {at} {media_type} {code}", format.name());
                    document::assert_valid(&document, &media["schema"], &example["value"], &what);
                    checked += 1;
                }
            }
        }
        assert!(checked > 26, "{checked}");
    }
}

#[tokio::test]
async fn the_served_document_is_compressed_on_request_and_revalidated_by_its_etag() {
    use std::io::Read as _;

    let router = api_error_examples::router(api_error_examples::AppState::new(
        api_error_examples::ServiceConfig::default(),
    ));
    let base = format!("http://{}", api_error_tests::serve(router).await);
    let client = api_error_tests::client();
    let url = format!("{base}/openapi.json");
    let expected = of(Format::Json);
    let read = |bytes: &[u8]| serde_json::from_slice::<Value>(bytes).unwrap();
    // The document says so of itself.
    let operation = &expected["paths"]["/openapi.json"]["get"]["responses"];
    for status in ["200", "304"] {
        for header in ["ETag", "Cache-Control"] {
            assert!(
                operation[status]["headers"][header].is_object(),
                "{status} {header}"
            );
        }
    }
    assert!(operation["304"].get("content").is_none());

    // Asked for gzip: compressed, and the same document once inflated.
    let response = client
        .get(&url)
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-encoding"], "gzip");
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["cache-control"], "public, max-age=300");
    assert_eq!(headers["vary"], "accept-encoding");
    let etag = headers["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with("W/\""), "{etag}");
    let compressed = response.bytes().await.unwrap();
    let mut inflated = Vec::new();
    flate2::read::GzDecoder::new(&compressed[..])
        .read_to_end(&mut inflated)
        .unwrap();
    assert!(
        compressed.len() * 5 < inflated.len(),
        "{} bytes of {}",
        compressed.len(),
        inflated.len()
    );
    // Compared whole, without printing a document of 100 KB.
    assert!(read(&inflated) == expected, "the inflated document differs");

    // Not asked: as it is, with the same validator.
    let response = client.get(&url).send().await.unwrap();
    assert!(response.headers().get("content-encoding").is_none());
    assert_eq!(response.headers()["etag"], etag.as_str());
    let plain = response.bytes().await.unwrap();
    assert!(
        plain == inflated,
        "the identity encoding differs from the inflated one"
    );

    // Revalidated: 304, no body, the validator and the caching again; a strong form of the tag
    // and a list that holds it match too, another tag does not.
    let strong = etag.trim_start_matches("W/").to_owned();
    for asked in [
        etag.clone(),
        strong,
        format!("\"other\", {etag}"),
        "*".to_owned(),
    ] {
        let response = client
            .get(&url)
            .header("if-none-match", &asked)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 304, "{asked}");
        assert_eq!(response.headers()["etag"], etag.as_str());
        assert_eq!(response.headers()["cache-control"], "public, max-age=300");
        assert!(response.bytes().await.unwrap().is_empty());
    }
    let response = client
        .get(&url)
        .header("if-none-match", "W/\"other\"")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

/// Each operation's error statuses, each with its codes sorted, as `document` lists them.
fn operations_of(
    document: &Value,
) -> std::collections::BTreeMap<String, Vec<(String, Vec<String>)>> {
    let mut operations = std::collections::BTreeMap::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let Some(responses) = operation["responses"].as_object() else {
                continue;
            };
            let errors = responses
                .iter()
                .filter(|(status, _)| status.starts_with('4') || status.starts_with('5'))
                .map(|(status, response)| {
                    let mut codes: Vec<String> =
                        api_error_core::openapi::documented_codes(response)
                            .into_iter()
                            .map(str::to_owned)
                            .collect();
                    codes.sort();
                    (status.clone(), codes)
                })
                .collect();
            operations.insert(format!("{} {path}", method.to_uppercase()), errors);
        }
    }
    operations
}

#[test]
fn the_document_aide_builds_from_the_handlers_agrees_with_the_served_one_on_every_operation() {
    for format in [Format::Json, Format::Problem, Format::JsonApi] {
        let config = error_config(format);
        let served = serde_json::to_value(document(&config)).unwrap();
        let by_aide =
            serde_json::to_value(api_error_examples::app::aide_document::document(&config))
                .unwrap();
        let (served, by_aide) = (operations_of(&served), operations_of(&by_aide));
        assert_eq!(served.len(), 13);
        assert_eq!(by_aide, served, "{format:?}");
    }
}
