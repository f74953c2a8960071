//! Field violations: one error listing every problem with a request, each with where it is, a
//! reason code and a message, written by every format in its own convention, in English and in
//! German, and read back by a client that knows only that convention.

use api_error_core::axum::ApiErrorLayer;
use api_error_core::violation::{Location, Pointer, Violation, Violations, reason};
use api_error_core::{ApiError, Config, Format, Respond, Translations};
use axum::Router;
use axum::routing::get;
use serde_json::{Value, json};
use tonic_types::StatusExt;
use tower::ServiceExt as _;
// The `validator` derive calls `validate` on nested values, which needs its trait in scope.
use validator::Validate as _;

/// The request breaks the rules of its operation.
#[derive(Debug, ApiError)]
#[api_error(
    code = "VALIDATION_FAILED",
    status = 422,
    message = "The request is not valid",
    decode
)]
struct Invalid {
    #[api_error(violations)]
    violations: Violations,
}

/// An error that may carry violations, and one that wraps it.
#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(
        code = "INVALID_PARAMETER",
        status = 400,
        message = "A parameter is not valid"
    )]
    Parameter {
        #[api_error(detail)]
        operation: &'static str,
        #[api_error(violations)]
        violations: Option<Violations>,
    },
    #[api_error(transparent)]
    Invalid(Invalid),
}

/// An error that never carries violations.
#[derive(Debug, ApiError)]
#[api_error(code = "ORDER_GONE", status = 410, message = "The order is gone")]
struct Gone;

/// `{"quantity":0,"colour":"red"}` sent for an order: `type` missing, `quantity` out of range and
/// `colour` unknown.
fn three() -> Invalid {
    let mut violations = Violations::new();
    violations.push(Violation::new(
        Pointer::root().key("type"),
        reason::REQUIRED,
        "This member is required",
    ));
    violations.push(
        Violation::new(
            Pointer::root().key("quantity"),
            reason::RANGE,
            "Must be between 1 and 100",
        )
        .with_param("min", 1)
        .with_param("max", 100),
    );
    violations.push(Violation::new(
        Pointer::root().key("colour"),
        reason::UNKNOWN_FIELD,
        "This member is not allowed",
    ));
    Invalid { violations }
}

const GERMAN: &str = "
VALIDATION_FAILED = Die Anfrage ist ungültig
violation-required = Dieses Feld fehlt
violation-range = Muss zwischen { $min } und { $max } liegen
    .min = Muss mindestens { $min } sein
violation-unknown_field = Das Feld { $field } ist nicht erlaubt
";

fn config(format: Format) -> Config {
    let translations = Translations::builder("en")
        .add("de", "de/errors.ftl", GERMAN)
        .isolation(api_error_core::Isolation::Never)
        .build()
        .unwrap();
    Config::new().format(format).translations(translations)
}

fn body_in(format: Format, language: &str) -> String {
    let response = config(format).response_in(&three(), language);
    assert_eq!(response.status(), 422);
    String::from_utf8(response.body().to_vec()).unwrap()
}

#[test]
fn the_default_body_lists_each_violation_with_its_place_reason_and_message() {
    let english = r#"{"code":"VALIDATION_FAILED","message":"The request is not valid","violations":[{"in":"body","field":"/type","reason":"required","message":"This member is required"},{"in":"body","field":"/quantity","reason":"range","params":{"min":1,"max":100},"message":"Must be between 1 and 100"},{"in":"body","field":"/colour","reason":"unknown_field","message":"This member is not allowed"}]}"#;
    assert_eq!(body_in(Format::Json, "en"), english);
    // `Serialize` writes the same bytes.
    assert_eq!(serde_json::to_string(&three()).unwrap(), english);
    assert_eq!(three().to_response().body().as_ref(), english.as_bytes());
    assert_eq!(
        body_in(Format::Json, "de"),
        r#"{"code":"VALIDATION_FAILED","message":"Die Anfrage ist ungültig","violations":[{"in":"body","field":"/type","reason":"required","message":"Dieses Feld fehlt"},{"in":"body","field":"/quantity","reason":"range","params":{"min":1,"max":100},"message":"Muss zwischen 1 und 100 liegen"},{"in":"body","field":"/colour","reason":"unknown_field","message":"Das Feld /colour ist nicht erlaubt"}]}"#
    );
}

#[test]
fn problem_details_list_them_as_rfc_9457_s_errors_with_pointers() {
    assert_eq!(
        body_in(Format::Problem, "en"),
        r##"{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"The request is not valid","code":"VALIDATION_FAILED","errors":[{"detail":"This member is required","pointer":"#/type","reason":"required"},{"detail":"Must be between 1 and 100","pointer":"#/quantity","reason":"range","params":{"min":1,"max":100}},{"detail":"This member is not allowed","pointer":"#/colour","reason":"unknown_field"}]}"##
    );
    assert_eq!(
        body_in(Format::Problem, "de"),
        r##"{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"Die Anfrage ist ungültig","code":"VALIDATION_FAILED","errors":[{"detail":"Dieses Feld fehlt","pointer":"#/type","reason":"required"},{"detail":"Muss zwischen 1 und 100 liegen","pointer":"#/quantity","reason":"range","params":{"min":1,"max":100}},{"detail":"Das Feld /colour ist nicht erlaubt","pointer":"#/colour","reason":"unknown_field"}]}"##
    );
}

#[test]
fn json_api_has_one_error_object_per_violation_with_its_source() {
    assert_eq!(
        body_in(Format::JsonApi, "en"),
        r#"{"errors":[{"status":"422","code":"VALIDATION_FAILED","title":"The request breaks the rules of its operation.","detail":"This member is required","source":{"pointer":"/type"},"meta":{"reason":"required"}},{"status":"422","code":"VALIDATION_FAILED","title":"The request breaks the rules of its operation.","detail":"Must be between 1 and 100","source":{"pointer":"/quantity"},"meta":{"reason":"range","params":{"min":1,"max":100}}},{"status":"422","code":"VALIDATION_FAILED","title":"The request breaks the rules of its operation.","detail":"This member is not allowed","source":{"pointer":"/colour"},"meta":{"reason":"unknown_field"}}]}"#
    );
    assert_eq!(
        body_in(Format::JsonApi, "de"),
        r#"{"errors":[{"status":"422","code":"VALIDATION_FAILED","title":"The request breaks the rules of its operation.","detail":"Dieses Feld fehlt","source":{"pointer":"/type"},"meta":{"reason":"required"}},{"status":"422","code":"VALIDATION_FAILED","title":"The request breaks the rules of its operation.","detail":"Muss zwischen 1 und 100 liegen","source":{"pointer":"/quantity"},"meta":{"reason":"range","params":{"min":1,"max":100}}},{"status":"422","code":"VALIDATION_FAILED","title":"The request breaks the rules of its operation.","detail":"Das Feld /colour ist nicht erlaubt","source":{"pointer":"/colour"},"meta":{"reason":"unknown_field"}}]}"#
    );
}

/// What a client written against one convention alone reads back: each violation's place and
/// reason, from a parsed body.
fn read_back(format: Format, body: &str) -> Vec<(String, String)> {
    let body: Value = serde_json::from_str(body).unwrap();
    let list = match format {
        Format::Problem | Format::JsonApi => &body["errors"],
        _ => &body["violations"],
    };
    list.as_array()
        .unwrap()
        .iter()
        .map(|item| match format {
            Format::Problem => (item["pointer"].as_str(), item["reason"].as_str()),
            Format::JsonApi => (
                item["source"]["pointer"].as_str(),
                item["meta"]["reason"].as_str(),
            ),
            _ => (item["field"].as_str(), item["reason"].as_str()),
        })
        .map(|(place, why)| (place.unwrap().to_owned(), why.unwrap().to_owned()))
        .collect()
}

#[test]
fn a_client_of_each_convention_reads_every_place_and_reason_back() {
    let wanted = |prefix: &str| {
        [
            ("type", "required"),
            ("quantity", "range"),
            ("colour", "unknown_field"),
        ]
        .map(|(member, why)| (format!("{prefix}/{member}"), why.to_owned()))
        .to_vec()
    };
    for language in ["en", "de"] {
        assert_eq!(
            read_back(Format::Json, &body_in(Format::Json, language)),
            wanted("")
        );
        assert_eq!(
            read_back(Format::Problem, &body_in(Format::Problem, language)),
            wanted("#")
        );
        assert_eq!(
            read_back(Format::JsonApi, &body_in(Format::JsonApi, language)),
            wanted("")
        );
    }
}

async fn grpc_status(language: &'static str) -> tonic::Status {
    let app = Router::new()
        .route(
            "/",
            get(|| async {
                let status = tonic::Status::from(three());
                axum::body::Bytes::from(status.details().to_vec())
            }),
        )
        .layer(ApiErrorLayer::new(config(Format::Json)));
    let request = http::Request::builder()
        .uri("/")
        .header("accept-language", language)
        .body(axum::body::Body::empty())
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    let details = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .unwrap();
    tonic::Status::with_details(tonic::Code::InvalidArgument, "", details)
}

#[tokio::test]
async fn a_grpc_status_carries_a_bad_request_with_every_field_violation_member() {
    let english = grpc_status("en").await;
    let bad = english.get_details_bad_request().unwrap();
    let seen: Vec<_> = bad
        .field_violations
        .iter()
        .map(|v| {
            (
                v.field.as_str(),
                v.reason.as_str(),
                v.description.as_str(),
                v.localized_message
                    .as_ref()
                    .map(|m| (m.locale.as_str(), m.message.as_str())),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("type", "REQUIRED", "This member is required", None),
            ("quantity", "RANGE", "Must be between 1 and 100", None),
            (
                "colour",
                "UNKNOWN_FIELD",
                "This member is not allowed",
                None
            ),
        ]
    );
    let german = grpc_status("de").await;
    let bad = german.get_details_bad_request().unwrap();
    let localized: Vec<_> = bad
        .field_violations
        .iter()
        .map(|v| {
            let m = v.localized_message.as_ref().unwrap();
            (v.field.as_str(), m.locale.as_str(), m.message.as_str())
        })
        .collect();
    assert_eq!(
        localized,
        [
            ("type", "de", "Dieses Feld fehlt"),
            ("quantity", "de", "Muss zwischen 1 und 100 liegen"),
            ("colour", "de", "Das Feld /colour ist nicht erlaubt"),
        ]
    );
    // The description stays the developers' text, as AIP-193 has it.
    assert_eq!(
        bad.field_violations[1].description,
        "Must be between 1 and 100"
    );
    assert_eq!(
        german.get_details_error_info().unwrap().reason,
        "VALIDATION_FAILED"
    );
}

/// A query parameter, a path parameter and a header at fault, pushed into `violations`.
fn parameters(mut violations: Violations) -> Violations {
    violations.push(Violation::new(
        Location::query("limit"),
        reason::TYPE,
        "Must be a number",
    ));
    violations.push(Violation::new(
        Location::path("order_id"),
        reason::FORMAT,
        "Not an order id",
    ));
    violations.push(Violation::new(
        Location::header("Idempotency-Key"),
        reason::REQUIRED,
        "Required",
    ));
    violations
}

#[test]
fn parameters_and_headers_are_named_by_each_convention_s_own_member() {
    let violations = parameters(Violations::new());
    let error = OrderError::Parameter {
        operation: "list",
        violations: Some(violations),
    };
    let body = |format| {
        String::from_utf8(
            Config::new()
                .format(format)
                .response(&error)
                .body()
                .to_vec(),
        )
        .unwrap()
    };
    assert_eq!(
        body(Format::Json),
        r#"{"code":"INVALID_PARAMETER","message":"A parameter is not valid","details":{"operation":"list"},"violations":[{"in":"query","field":"limit","reason":"type","message":"Must be a number"},{"in":"path","field":"order_id","reason":"format","message":"Not an order id"},{"in":"header","field":"Idempotency-Key","reason":"required","message":"Required"}]}"#
    );
    assert_eq!(
        body(Format::Problem),
        r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"A parameter is not valid","code":"INVALID_PARAMETER","operation":"list","errors":[{"detail":"Must be a number","parameter":"limit","in":"query","reason":"type"},{"detail":"Not an order id","parameter":"order_id","in":"path","reason":"format"},{"detail":"Required","header":"Idempotency-Key","reason":"required"}]}"#
    );
    assert_eq!(
        body(Format::JsonApi),
        r#"{"errors":[{"status":"400","code":"INVALID_PARAMETER","title":"Bad Request","detail":"Must be a number","source":{"parameter":"limit"},"meta":{"reason":"type"}},{"status":"400","code":"INVALID_PARAMETER","title":"Bad Request","detail":"Not an order id","meta":{"reason":"format","path_parameter":"order_id"}},{"status":"400","code":"INVALID_PARAMETER","title":"Bad Request","detail":"Required","source":{"header":"Idempotency-Key"},"meta":{"reason":"required"}}],"meta":{"details":{"operation":"list"}}}"#
    );
    // Without violations, the error is as it always was.
    let plain = OrderError::Parameter {
        operation: "list",
        violations: None,
    };
    assert_eq!(
        serde_json::to_value(&plain).unwrap(),
        json!({"code":"INVALID_PARAMETER","message":"A parameter is not valid","details":{"operation":"list"}})
    );
    // A wrapper carries the violations of what it wraps.
    let wrapped = OrderError::Invalid(three());
    assert_eq!(wrapped.violations().map(Violations::len), Some(3));
}

#[test]
fn a_hostile_body_s_150_000_unknown_members_answer_in_a_few_kilobytes() {
    let mut violations = Violations::new();
    for at in 0..150_000 {
        violations.push(Violation::new(
            Pointer::root().key(format!("m{at}~/\"\u{1}").repeat(20)),
            reason::UNKNOWN_FIELD,
            "This member is not allowed",
        ));
    }
    let error = Invalid { violations };
    for format in [Format::Json, Format::Problem, Format::JsonApi] {
        let response = Config::new().format(format).response(&error);
        let body: Value = serde_json::from_slice(response.body()).unwrap();
        assert!(
            response.body().len() < 16 * 1024,
            "{format:?}: {} bytes",
            response.body().len()
        );
        let omitted = match format {
            Format::JsonApi => &body["meta"]["violations_omitted"],
            _ => &body["violations_omitted"],
        };
        assert_eq!(omitted, 150_000 - 20, "{format:?}");
    }
    // Every pointer stays within its bound, its `~`, `/` and quote escaped.
    let first = error.violations.iter().next().unwrap();
    let pointer = first.location().to_string();
    assert!(pointer.len() <= api_error_core::violation::POINTER_MAX);
    assert!(pointer.starts_with("/m0~0~1\"\u{1}m0"), "{pointer}");
    let body = serde_json::to_string(&error).unwrap();
    assert!(
        body.contains(r#""field":"/m0~0~1\"\u0001m0"#),
        "{}",
        &body[..200]
    );
    let status = tonic::Status::from(error);
    let bad = status.get_details_bad_request().unwrap();
    assert!(bad.field_violations.len() < 20);
    let info = status.get_details_error_info().unwrap();
    assert_eq!(
        info.metadata["violationsOmitted"],
        (150_000 - bad.field_violations.len()).to_string()
    );
    let response = status.into_http::<tonic::body::Body>();
    assert!(response.headers()["grpc-status-details-bin"].len() < 8 * 1024);
}

/// An order as the `validator` crate checks it, with a list of nested items.
#[derive(validator::Validate)]
struct CheckedOrder {
    #[validate(length(min = 1, max = 20))]
    kind: String,
    #[validate(range(min = 1, max = 100))]
    quantity: u32,
    #[validate(nested)]
    line_items: Vec<CheckedItem>,
}

#[derive(validator::Validate)]
struct CheckedItem {
    #[validate(email)]
    contact: String,
}

/// The same order as `garde` checks it.
#[derive(garde::Validate)]
struct GuardedOrder {
    #[garde(length(min = 1, max = 20))]
    kind: String,
    #[garde(range(min = 1, max = 100))]
    quantity: u32,
    #[garde(dive)]
    line_items: Vec<GuardedItem>,
}

#[derive(garde::Validate)]
struct GuardedItem {
    #[garde(ascii, length(max = 3))]
    sku: String,
}

fn listed(violations: &Violations) -> Vec<(String, String, String)> {
    violations
        .iter()
        .map(|v| {
            (
                v.location().to_string(),
                v.reason().to_owned(),
                v.message().to_owned(),
            )
        })
        .collect()
}

fn three_of(list: [(&str, &str, &str); 3]) -> Vec<(String, String, String)> {
    list.map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
        .to_vec()
}

#[test]
fn validator_s_errors_are_violations_with_nested_places_reasons_and_bounds() {
    let order = CheckedOrder {
        kind: String::new(),
        quantity: 0,
        line_items: vec![
            CheckedItem {
                contact: "a@example.com".into(),
            },
            CheckedItem {
                contact: "not an address".into(),
            },
        ],
    };
    let mut violations = api_error_core::validator::violations(&order.validate().unwrap_err());
    assert_eq!(
        listed(&violations),
        three_of([
            ("/kind", "length", "Must be between 1 and 20 in length"),
            ("/line_items/1/contact", "format", "Not a valid email"),
            ("/quantity", "range", "Must be between 1 and 100"),
        ])
    );
    violations.rename_members(|name| match name {
        "line_items" => "lineItems".to_owned(),
        other => other.to_owned(),
    });
    let error = Invalid { violations };
    // The value the client sent is never a parameter.
    assert_eq!(
        serde_json::to_value(&error).unwrap()["violations"],
        json!([
            {"in":"body","field":"/kind","reason":"length","params":{"min":1,"max":20},"message":"Must be between 1 and 20 in length"},
            {"in":"body","field":"/lineItems/1/contact","reason":"format","params":{"format":"email"},"message":"Not a valid email"},
            {"in":"body","field":"/quantity","reason":"range","params":{"min":1,"max":100},"message":"Must be between 1 and 100"},
        ])
    );
    // Worded by the reason in the client's language.
    let german = config(Format::Json).response_in(&error, "de");
    let body: Value = serde_json::from_slice(german.body()).unwrap();
    assert_eq!(
        body["violations"][2]["message"],
        "Muss zwischen 1 und 100 liegen"
    );
}

#[test]
fn garde_s_failures_are_violations_with_reasons_recorded_as_it_validates() {
    let order = GuardedOrder {
        kind: String::new(),
        quantity: 0,
        line_items: vec![
            GuardedItem { sku: "abc".into() },
            GuardedItem {
                sku: "ab\u{e9}cd".into(),
            },
        ],
    };
    let violations = api_error_core::garde::validate(&order).unwrap_err();
    let mut seen = listed(&violations);
    seen.sort();
    assert_eq!(
        seen,
        [
            ("/kind", "length", "Must be at least 1 in length"),
            ("/line_items/1/sku", "format", "Not a valid ascii"),
            ("/line_items/1/sku", "length", "Must be at most 3 in length"),
            ("/quantity", "range", "Must be at least 1"),
        ]
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
    );
    // garde records one bound: its German wording is the reason's `.min`.
    let error = Invalid {
        violations: violations.clone(),
    };
    let german = config(Format::Json).response_in(&error, "de");
    let body: Value = serde_json::from_slice(german.body()).unwrap();
    let quantity = body["violations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["field"] == "/quantity")
        .unwrap();
    assert_eq!(quantity["message"], "Muss mindestens 1 sein");
    // A report garde worded itself has no reasons: each is `invalid`, with garde's words.
    let report = garde::Validate::validate(&order).unwrap_err();
    let plain = api_error_core::garde::violations(&report);
    assert!(plain.iter().all(|v| v.reason() == "invalid"));
    assert!(
        plain.iter().any(|v| v.message() == "lower than 1"),
        "{:?}",
        listed(&plain)
    );
}

/// The schema the `OpenAPI` responses of `catalog` give its bodies in `format`, at `status`.
fn documented_schema(catalog: &api_error_core::Catalog, format: Format, status: u16) -> Value {
    let responses =
        api_error_core::openapi::responses(catalog, &Config::new().format(format)).unwrap();
    let content = &responses[&status]["content"];
    let (_, media) = content.as_object().unwrap().iter().next().unwrap();
    media["schema"].clone()
}

#[test]
fn the_document_s_schema_of_each_format_holds_every_body_with_violations_and_its_example() {
    let hostile = {
        let mut violations = Violations::new();
        for at in 0..100 {
            violations.push(Violation::new(
                Pointer::root().key(format!("m{at}")),
                reason::UNKNOWN_FIELD,
                "This member is not allowed",
            ));
        }
        Invalid { violations }
    };
    for format in [Format::Json, Format::Problem, Format::JsonApi] {
        let schema = documented_schema(&Invalid::catalog(), format, 422);
        let validator = jsonschema::draft202012::new(&schema).unwrap();
        for (what, body) in [
            ("three", body_in(format, "en")),
            ("german", body_in(format, "de")),
            (
                "hostile",
                String::from_utf8(
                    Config::new()
                        .format(format)
                        .response(&hostile)
                        .body()
                        .to_vec(),
                )
                .unwrap(),
            ),
        ] {
            let body: Value = serde_json::from_str(&body).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&body)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{format:?} {what}: {errors:?}\n{body}");
        }
        // The example shows a violation, and holds to the schema too.
        let responses =
            api_error_core::openapi::responses(&Invalid::catalog(), &Config::new().format(format))
                .unwrap();
        let (_, media) = responses[&422]["content"]
            .as_object()
            .unwrap()
            .iter()
            .next()
            .unwrap();
        let example = &media["examples"]["VALIDATION_FAILED"]["value"];
        assert!(validator.is_valid(example), "{format:?}: {example}");
        assert!(
            example.to_string().contains(r#""reason":"required""#),
            "{example}"
        );
    }
    // An error that carries none documents none; one that wraps an error with some does.
    let plain = documented_schema(&Gone::catalog(), Format::Json, 410);
    assert!(plain["properties"].get("violations").is_none());
    let wrapped = documented_schema(&OrderError::catalog(), Format::Json, 422);
    assert!(wrapped["properties"].get("violations").is_some());
}

#[test]
fn the_translators_template_and_the_coverage_check_include_every_reason() {
    let template = Invalid::catalog().to_fluent();
    let section = template
        .split_once("# Field violations")
        .map(|(_, section)| section)
        .unwrap();
    assert_eq!(
        section,
        ", each worded by its reason. Variables: $field (where it is), and
# the reason's parameters ($min and $max of a length or a range, $format of a form).
violation-required = This member is required
violation-type = This value is of the wrong type
violation-enum = This value is not one of those allowed
violation-length = Must be between { $min } and { $max } in length
    .min = Must be at least { $min } in length
    .max = Must be at most { $max } in length
    .exactly = Must be exactly { $equal } in length
violation-range = Must be between { $min } and { $max }
    .min = Must be at least { $min }
    .max = Must be at most { $max }
    .exactly = Must be exactly { $equal }
violation-format = This value does not have the form asked for
violation-unknown_field = This member is not allowed
violation-syntax = The body is not well-formed here
violation-invalid = This value is not valid
"
    );
    // Without violations, no reason is asked for.
    assert!(!Gone::catalog().to_fluent().contains("violation-"));
    let german = Translations::builder("en")
        .add("de", "de/errors.ftl", GERMAN)
        .build()
        .unwrap();
    let missing: Vec<String> = german
        .check(&Invalid::catalog())
        .iter()
        .map(|finding| finding.code.clone())
        .collect();
    assert_eq!(
        missing,
        ["type", "enum", "length", "format", "syntax", "invalid"]
    );
    // A catalog that carries none has no use for a reason's message.
    let unknown: Vec<String> = german
        .check(&Gone::catalog())
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        unknown
            .iter()
            .any(|finding| finding.contains("violation-range")),
        "{unknown:?}"
    );
}

#[test]
fn a_client_reads_the_violations_back_from_every_format() {
    let sent = three();
    for format in [Format::Json, Format::Problem, Format::JsonApi] {
        let body: api_error_core::ErrorBody = serde_json::from_str(&body_in(format, "en")).unwrap();
        assert_eq!(body.code, "VALIDATION_FAILED", "{format:?}");
        assert_eq!(
            body.violations,
            sent.violations.iter().cloned().collect::<Vec<_>>(),
            "{format:?}"
        );
        assert_eq!(body.violations_omitted, 0);
    }
    // Parameters and headers, and what was left out, come back too.
    let violations = parameters(Violations::with_limit(2));
    let error = OrderError::Parameter {
        operation: "list",
        violations: Some(violations.clone()),
    };
    for format in [Format::Json, Format::Problem, Format::JsonApi] {
        let response = Config::new().format(format).response(&error);
        let body: api_error_core::ErrorBody = serde_json::from_slice(response.body()).unwrap();
        assert_eq!(
            body.violations,
            violations.iter().cloned().collect::<Vec<_>>(),
            "{format:?}"
        );
        assert_eq!(body.violations_omitted, 1, "{format:?}");
        // Problem details' extension members are not read back as details.
        if format != Format::Problem {
            assert_eq!(body.details.unwrap()["operation"], "list", "{format:?}");
        }
    }
    // An error body read back writes its violations as the default body does.
    let body: api_error_core::ErrorBody =
        serde_json::from_str(&body_in(Format::Json, "en")).unwrap();
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        body_in(Format::Json, "en")
    );
}

/// Each violation's place, reason and number of parameters.
fn places_and_reasons(violations: &Violations) -> Vec<(Location, String, usize)> {
    violations
        .iter()
        .map(|v| {
            (
                v.location().clone(),
                v.reason().to_owned(),
                v.params().count(),
            )
        })
        .collect()
}

#[test]
fn a_typed_client_rebuilds_the_error_with_its_violations_from_every_format() {
    use api_error_core::{Decode, Decoded};
    for format in [Format::Json, Format::Problem, Format::JsonApi] {
        let body = body_in(format, "de");
        let Decoded::Known(decoded) = Invalid::from_body(body.as_bytes()) else {
            panic!("{format:?}: not rebuilt from {body}")
        };
        let sent = places_and_reasons(&three().violations);
        let read = places_and_reasons(&decoded.violations);
        assert_eq!(read, sent, "{format:?}");
        // The messages are those sent, in the client's language.
        assert_eq!(
            decoded.violations.iter().nth(1).unwrap().message(),
            "Muss zwischen 1 und 100 liegen"
        );
    }
}

/// The `RealWorld` spec's 422 body from field violations: each member with its messages.
fn realworld(error: &api_error_core::ErrorView<'_>) -> serde_json::Map<String, Value> {
    let mut fields = serde_json::Map::new();
    for violation in error.violations().into_iter().flatten() {
        let name = violation.location().to_string();
        let name = name.trim_start_matches('/').to_owned();
        if let Value::Array(messages) = fields.entry(name).or_insert_with(|| json!([])) {
            messages.push(Value::from(violation.message()));
        }
    }
    let mut body = serde_json::Map::new();
    body.insert("errors".into(), Value::Object(fields));
    body
}

static REALWORLD: api_error_core::OwnFormat =
    api_error_core::OwnFormat::new("realworld", "application/json", realworld);

#[test]
fn a_format_of_one_s_own_reads_the_violations() {
    let response = Config::new()
        .format(Format::Own(&REALWORLD))
        .response(&three());
    assert_eq!(
        std::str::from_utf8(response.body()).unwrap(),
        r#"{"errors":{"colour":["This member is not allowed"],"quantity":["Must be between 1 and 100"],"type":["This member is required"]}}"#
    );
}
