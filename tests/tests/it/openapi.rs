//! The `OpenAPI` responses of a type's errors: written once as JSON by the core, pinned here to
//! a reviewed snapshot, and read back identically by each generator it feeds.

use std::collections::BTreeMap;

use api_error_core::{ApiError, Catalog, Config, Format, openapi};
use serde_json::Value;

/// Authentication errors
#[allow(dead_code)]
#[derive(Debug, ApiError)]
enum AuthError {
    /// The request carries no valid token.
    #[api_error(
        code = "AUTH_NOT_AUTHENTICATED",
        status = 401,
        message = "Authentication required",
        header("WWW-Authenticate", "Bearer realm=\"orders\"")
    )]
    NotAuthenticated,
}

/// Order errors
#[allow(dead_code)]
#[derive(Debug, ApiError)]
enum OrderError {
    /// The order id is malformed.
    #[api_error(
        code = "ORDER_ID_INVALID",
        status = 400,
        message = "Order id {id} is malformed"
    )]
    IdInvalid {
        #[api_error(detail)]
        id: String,
    },
    /// The order is not pending.
    #[api_error(
        code = "ORDER_NOT_PENDING",
        status = 400,
        message = "Order {id} is {status}"
    )]
    NotPending {
        #[api_error(detail)]
        id: String,
        #[api_error(detail)]
        status: String,
    },
    /// Too many orders at once.
    #[api_error(code = "ORDER_RATE_LIMITED", status = 429, message = "Slow down")]
    RateLimited {
        #[api_error(detail, header = "Retry-After")]
        retry_after: u64,
    },
    /// The store failed.
    #[api_error(code = "ORDER_STORAGE", status = 500)]
    Storage(#[source] std::io::Error),
    #[api_error(transparent)]
    Auth(#[from] AuthError),
}

fn responses(config: &Config) -> BTreeMap<u16, Value> {
    openapi::responses(&OrderError::catalog(), config).unwrap()
}

fn pretty(responses: &BTreeMap<u16, Value>) -> String {
    serde_json::to_string_pretty(responses).unwrap() + "\n"
}

/// Compares `text` with the snapshot `name`, or writes it there with `API_ERROR_SNAPSHOTS=overwrite`.
fn snapshot(name: &str, text: &str) {
    let path = format!("{}/tests/it/snapshots/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var("API_ERROR_SNAPSHOTS").is_ok_and(|v| v == "overwrite") {
        std::fs::write(&path, text).unwrap();
    }
    let pinned = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(text, pinned, "{path}");
}

#[test]
fn one_response_a_status_with_each_code_its_example_and_its_headers() {
    snapshot("openapi-json.json", &pretty(&responses(&Config::new())));
}

#[test]
fn problem_details_and_json_api_document_their_own_bodies() {
    let problem = Config::new()
        .format(Format::Problem)
        .problem_type_base("https://errors.example.com/");
    snapshot("openapi-problem.json", &pretty(&responses(&problem)));
    let nested = Config::new().format(Format::JsonApi);
    snapshot("openapi-jsonapi.json", &pretty(&responses(&nested)));
}

#[test]
fn the_request_id_header_documented_is_the_configuration_s() {
    let config = Config::new().request_id_header(http::HeaderName::from_static("x-correlation-id"));
    let documented = responses(&config);
    let headers = documented[&400]["headers"].as_object().unwrap();
    assert!(headers.contains_key("x-correlation-id"), "{headers:?}");
    assert!(!headers.contains_key("x-request-id"), "{headers:?}");
}

#[test]
fn each_example_is_the_body_the_service_sends_for_its_code() {
    let config = Config::new();
    let not_pending = OrderError::NotPending {
        id: "{id}".into(),
        status: "{status}".into(),
    };
    let sent: Value = serde_json::from_slice(config.response(&not_pending).body()).unwrap();
    assert_eq!(
        responses(&config)[&400]["content"]["application/json"]["examples"]["ORDER_NOT_PENDING"]["value"],
        sent
    );
    // A 5xx shows its masked message only.
    assert_eq!(
        responses(&config)[&500]["content"]["application/json"]["examples"]["ORDER_STORAGE"]["value"]
            ["message"],
        "Internal Server Error"
    );
}

#[test]
fn one_code_at_two_statuses_is_refused_naming_both_declarations() {
    /// Another type that says `AUTH_NOT_AUTHENTICATED`, at another status.
    #[derive(Debug, ApiError)]
    #[api_error(code = "AUTH_NOT_AUTHENTICATED", status = 403)]
    struct Other;
    let mut catalog = Catalog::new();
    catalog.append(OrderError::catalog());
    catalog.append(Other::catalog());
    let error = openapi::responses(&catalog, &Config::new()).unwrap_err();
    assert_eq!(error.kind, api_error_core::ConflictKind::TwoStatuses);
    // The same code declared twice is the catalog's own conflict, of the same type.
    assert_eq!(
        catalog.duplicates()[0].kind,
        api_error_core::ConflictKind::DeclaredTwice
    );
    assert_eq!(
        error.to_string(),
        "code \"AUTH_NOT_AUTHENTICATED\" is given two statuses, \
         401 by it::openapi::AuthError::NotAuthenticated and \
         403 by it::openapi::one_code_at_two_statuses_is_refused_naming_both_declarations::Other; \
         a code has one status"
    );
}

#[test]
fn one_code_two_declarations_give_at_one_status_is_documented_once() {
    /// Another type that says `AUTH_NOT_AUTHENTICATED`, at its status.
    #[derive(Debug, ApiError)]
    #[api_error(
        code = "AUTH_NOT_AUTHENTICATED",
        status = 401,
        message = "Log in",
        header("WWW-Authenticate", "Bearer")
    )]
    struct Other;
    let mut catalog = OrderError::catalog();
    catalog.append(Other::catalog());
    let merged = openapi::responses(&catalog, &Config::new()).unwrap();
    assert_eq!(merged, responses(&Config::new()));
}

/// An error that names its format: problem details.
#[allow(dead_code)]
#[derive(Debug, ApiError)]
#[api_error(format = "problem")]
enum ProblemError {
    /// The plan is unknown.
    #[api_error(code = "PLAN_UNKNOWN", status = 404, message = "No plan {plan}")]
    Unknown {
        #[api_error(detail)]
        plan: String,
        #[api_error(detail)]
        id: u32,
    },
}

/// An error that names its format: a JSON:API document.
#[allow(dead_code)]
#[derive(Debug, ApiError)]
#[api_error(format = "jsonapi")]
enum JsonApiError {
    /// The plan is gone.
    #[api_error(code = "PLAN_GONE", status = 410, message = "Plan {plan} is gone")]
    Gone {
        #[api_error(detail)]
        plan: String,
    },
}

/// The responses of `catalog`, as the core writes them, keyed by status as a generator's map is.
fn core_json<'a>(errors: impl Into<openapi::ErrorsRef<'a>>) -> Value {
    let responses = openapi::responses(errors, &Config::new()).unwrap();
    Value::Object(
        responses
            .into_iter()
            .map(|(status, response)| (status.to_string(), response))
            .collect(),
    )
}

/// `E`'s responses through utoipa 5, utoipa 6 and aide, each serialized back, with `E`'s
/// catalog as each integration sees it (its details' schemas known).
fn generated<E>() -> [(&'static str, Value, openapi::Errors); 3]
where
    E: openapi::utoipa5::DetailSchemas
        + openapi::utoipa6::DetailSchemas
        + openapi::aide::DetailSchemas
        + utoipa5::IntoResponses
        + utoipa6::IntoResponses
        + aide::OperationOutput,
{
    let mut operation = aide::openapi::Operation::default();
    let inferred =
        aide::generate::in_context(|context| E::inferred_responses(context, &mut operation));
    let mut aide = Value::Object(
        inferred
            .into_iter()
            .map(|(status, response)| {
                (
                    status.unwrap().to_string(),
                    serde_json::to_value(response).unwrap(),
                )
            })
            .collect(),
    );
    // aide writes the headers' style out, `simple`, which is what OpenAPI gives them unsaid.
    for response in aide.as_object_mut().unwrap().values_mut() {
        for header in response["headers"].as_object_mut().unwrap().values_mut() {
            let style = header.as_object_mut().unwrap().remove("style");
            assert_eq!(style, Some(Value::from("simple")));
        }
    }
    [
        (
            "utoipa5",
            serde_json::to_value(<E as utoipa5::IntoResponses>::responses()).unwrap(),
            openapi::utoipa5::documented::<E>(),
        ),
        (
            "utoipa6",
            serde_json::to_value(<E as utoipa6::IntoResponses>::responses()).unwrap(),
            openapi::utoipa6::documented::<E>(),
        ),
        ("aide", aide, openapi::aide::documented::<E>()),
    ]
}

#[test]
fn utoipa_5_utoipa_6_and_aide_read_the_responses_back_as_written() {
    for (name, value, catalog) in generated::<OrderError>() {
        assert_eq!(value, core_json(&catalog), "{name}");
    }
    for (name, value, catalog) in generated::<ProblemError>() {
        assert_eq!(value, core_json(&catalog), "{name}, problem details");
    }
    for (name, value, catalog) in generated::<JsonApiError>() {
        assert_eq!(value, core_json(&catalog), "{name}, JSON:API");
    }
    for (name, value, catalog) in generated::<Typed>() {
        assert_eq!(value, core_json(&catalog), "{name}, typed details");
    }
}

#[test]
fn each_integration_s_responses_of_a_type_are_pinned_with_its_detail_schemas() {
    for (name, value, _) in generated::<OrderError>() {
        let text = serde_json::to_string_pretty(&value).unwrap() + "\n";
        snapshot(&format!("openapi-{name}.json"), &text);
    }
}

#[test]
fn a_type_s_schema_is_its_bodies_at_every_status_read_back_as_written() {
    let schema = openapi::schema_of(&OrderError::catalog(), &Config::new());
    assert_eq!(
        schema["properties"]["code"]["x-extensible-enum"],
        serde_json::json!([
            "ORDER_ID_INVALID",
            "ORDER_NOT_PENDING",
            "ORDER_RATE_LIMITED",
            "ORDER_STORAGE",
            "AUTH_NOT_AUTHENTICATED"
        ])
    );
    let problem = openapi::schema_of(&ProblemError::catalog(), &Config::new());
    assert_eq!(
        problem["properties"]["status"]["enum"],
        serde_json::json!([404])
    );
    for (schema_of, catalog) in [
        (
            serde_json::to_value(<OrderError as utoipa5::PartialSchema>::schema()).unwrap(),
            openapi::utoipa5::documented::<OrderError>(),
        ),
        (
            serde_json::to_value(<OrderError as utoipa6::PartialSchema>::schema()).unwrap(),
            openapi::utoipa6::documented::<OrderError>(),
        ),
    ] {
        assert_eq!(schema_of, openapi::schema_of(&catalog, &Config::new()));
    }
    assert_eq!(<OrderError as utoipa5::ToSchema>::name(), "OrderError");
}

// utoipa's derive names its crate `utoipa`.
use utoipa6 as utoipa;

/// A detail type with a schema of its own.
#[derive(Debug, serde::Serialize, utoipa6::ToSchema, schemars::JsonSchema)]
struct Window {
    from: u32,
    to: u32,
}

/// A detail type whose schema refers to another.
#[derive(Debug, serde::Serialize, utoipa6::ToSchema, schemars::JsonSchema)]
struct Windows {
    all: Vec<Window>,
}

/// A detail type with no schema.
#[derive(Debug, serde::Serialize)]
struct Opaque(u8);

/// Errors whose details are of every kind of type.
#[allow(dead_code)]
#[derive(Debug, ApiError)]
enum Typed {
    /// Every kind of detail.
    #[api_error(code = "TYPED", status = 400, message = "Typed")]
    Typed {
        #[api_error(detail)]
        text: std::borrow::Cow<'static, str>,
        #[api_error(detail)]
        count: u16,
        #[api_error(detail)]
        window: Window,
        #[api_error(detail)]
        windows: Windows,
        #[api_error(detail)]
        opaque: Opaque,
        #[api_error(detail)]
        extra: serde_json::Value,
    },
    #[api_error(transparent)]
    Order(OrderError),
}

#[test]
fn a_detail_is_typed_where_its_type_has_a_schema_of_its_own_and_open_otherwise() {
    let any = serde_json::json!({
        "type": ["string", "number", "boolean", "array", "object", "null"]
    });
    let catalog = openapi::utoipa6::documented::<Typed>();
    let schema = &openapi::responses(&catalog, &Config::new()).unwrap()[&400]["content"]["application/json"]
        ["schema"]["properties"]["details"]["properties"];
    assert_eq!(schema["text"], serde_json::json!({ "type": "string" }));
    assert_eq!(
        schema["count"],
        serde_json::json!({ "type": "integer", "format": "int32", "minimum": 0 })
    );
    assert_eq!(
        schema["window"],
        serde_json::json!({
            "type": "object",
            "description": "A detail type with a schema of its own.",
            "required": ["from", "to"],
            "properties": {
                "from": { "type": "integer", "format": "int32", "minimum": 0 },
                "to": { "type": "integer", "format": "int32", "minimum": 0 },
            },
        })
    );
    // Its schema would refer to `Window`'s, which the document may not hold.
    assert_eq!(schema["windows"], any);
    assert_eq!(schema["opaque"], any);
    // utoipa writes `{}` for a `Value`, which it does not read back itself.
    assert_eq!(schema["extra"], any);
    // The wrapped type's details are typed too.
    assert_eq!(schema["id"], serde_json::json!({ "type": "string" }));
    let aide = openapi::aide::documented::<Typed>();
    assert_eq!(
        aide.detail_schema("TYPED", "count"),
        Some(
            &serde_json::json!({ "type": "integer", "format": "uint16", "minimum": 0, "maximum": 65535 })
        )
    );
    assert_eq!(aide.detail_schema("TYPED", "windows"), None);
    assert_eq!(aide.detail_schema("TYPED", "opaque"), None);
    assert_eq!(
        aide.detail_schema("TYPED", "text"),
        Some(&serde_json::json!({ "type": "string" }))
    );
}

/// The error layer's own errors, as a type.
#[allow(dead_code)]
#[derive(Debug, ApiError)]
enum LayerError {
    /// The body is not valid JSON.
    #[api_error(code = "VALIDATION_FAILED", status = 400, message = "Malformed body")]
    Malformed,
    /// The body is over the limit.
    #[api_error(code = "CONTENT_TOO_LARGE", status = 413, message = "Body too large")]
    TooLarge,
}

/// A document with `POST /orders` as `operation` and `GET /plans` answering nothing.
fn document(operation: &Value) -> Value {
    serde_json::json!({
        "openapi": "3.1.0",
        "info": { "title": "Orders", "version": "1" },
        "paths": { "/orders": { "post": operation }, "/plans": { "get": { "responses": {} } } },
    })
}

#[test]
fn errors_added_to_every_operation_merge_with_those_at_the_same_status() {
    let config = Config::new();
    let mut order_responses = serde_json::Map::new();
    for (status, response) in openapi::responses(&OrderError::catalog(), &config).unwrap() {
        order_responses.insert(status.to_string(), response);
    }
    let mut doc = document(&serde_json::json!({ "responses": order_responses }));
    openapi::add_to_every_operation(&mut doc, &LayerError::catalog(), &config).unwrap();
    // The same as the responses of both types' errors at once.
    let mut both = OrderError::catalog();
    both.append(LayerError::catalog());
    let expected = core_json(&both);
    assert_eq!(doc["paths"]["/orders"]["post"]["responses"], expected);
    let plans = &doc["paths"]["/plans"]["get"]["responses"];
    assert_eq!(plans, &core_json(&LayerError::catalog()));
}

#[test]
fn adding_a_catalog_twice_changes_nothing() {
    use api_error_core::{Rejection, RejectionKind};
    let mut catalog = Rejection::catalog_of(&[RejectionKind::ClientError]);
    catalog.append(Rejection::catalog_at(
        RejectionKind::ClientError,
        &[http::StatusCode::REQUEST_TIMEOUT],
    ));
    let mut doc = document(&serde_json::json!({ "responses": {} }));
    openapi::add_to_every_operation(&mut doc, &catalog, &Config::new()).unwrap();
    let once = doc.clone();
    openapi::add_to_every_operation(&mut doc, &catalog, &Config::new()).unwrap();
    assert_eq!(doc, once);
    assert_eq!(
        openapi::documented_codes(&doc["paths"]["/orders"]["post"]["responses"]["408"]),
        ["CLIENT_ERROR"]
    );
}

#[test]
fn a_response_written_by_hand_keeps_its_schema_beside_the_added_one() {
    let by_hand =
        serde_json::json!({ "type": "object", "properties": { "error": { "type": "string" } } });
    let mut doc = document(&serde_json::json!({ "responses": { "400": {
        "description": "Bad input",
        "content": { "application/json": { "schema": by_hand } },
    } } }));
    openapi::add_to_every_operation(&mut doc, &LayerError::catalog(), &Config::new()).unwrap();
    let once = doc.clone();
    // Added again, the added branch takes it, and the one written by hand is as it was.
    openapi::add_to_every_operation(&mut doc, &LayerError::catalog(), &Config::new()).unwrap();
    assert_eq!(doc, once);
    let added = &core_json(&LayerError::catalog())["400"];
    let merged = &doc["paths"]["/orders"]["post"]["responses"]["400"];
    assert_eq!(
        merged["description"],
        "Bad input\n\n- `VALIDATION_FAILED`: The body is not valid JSON."
    );
    let media = &merged["content"]["application/json"];
    assert_eq!(
        media["schema"],
        serde_json::json!({ "anyOf": [by_hand, added["content"]["application/json"]["schema"]] })
    );
    assert_eq!(
        media["examples"],
        added["content"]["application/json"]["examples"]
    );
    assert_eq!(merged["headers"], added["headers"]);
}

#[test]
fn an_operation_that_gives_an_added_code_another_status_is_refused_and_left_as_it_was() {
    let mut responses = serde_json::Map::new();
    for (_, response) in openapi::responses(&LayerError::catalog(), &Config::new()).unwrap() {
        if response["description"]
            .as_str()
            .unwrap()
            .contains("VALIDATION_FAILED")
        {
            responses.insert("422".into(), response);
        }
    }
    let mut doc = document(&serde_json::json!({ "responses": responses }));
    let before = doc.clone();
    let conflict =
        openapi::add_to_every_operation(&mut doc, &LayerError::catalog(), &Config::new())
            .unwrap_err();
    assert_eq!(
        conflict.to_string(),
        "code \"VALIDATION_FAILED\" is given two statuses, 422 in POST /orders's responses and \
         400 by it::openapi::LayerError::Malformed; a code has one status"
    );
    assert_eq!(doc, before);
}

#[test]
fn utoipa_and_aide_documents_take_the_added_errors_on_every_operation() {
    use utoipa6::openapi::path::{HttpMethod, OperationBuilder, PathItem, PathsBuilder};
    let operation = OperationBuilder::new()
        .responses(
            utoipa6::openapi::ResponsesBuilder::new().responses_from_into_responses::<OrderError>(),
        )
        .build();
    let mut openapi = utoipa6::openapi::OpenApiBuilder::new()
        .paths(PathsBuilder::new().path("/orders", PathItem::new(HttpMethod::Post, operation)))
        .build();
    openapi::utoipa6::add_to_every_operation(&mut openapi, &LayerError::catalog(), &Config::new())
        .unwrap();
    let mut both = openapi::utoipa6::documented::<OrderError>();
    both.append(LayerError::catalog());
    let written = serde_json::to_value(&openapi).unwrap();
    assert_eq!(
        written["paths"]["/orders"]["post"]["responses"],
        core_json(&both)
    );

    let mut aide_doc = aide::openapi::OpenApi {
        paths: Some(
            serde_json::from_value(serde_json::json!({ "/plans": { "get": { "responses": {} } } }))
                .unwrap(),
        ),
        ..aide::openapi::OpenApi::default()
    };
    openapi::aide::add_to_every_operation(&mut aide_doc, &LayerError::catalog(), &Config::new())
        .unwrap();
    let written = serde_json::to_value(&aide_doc).unwrap();
    let mut responses = written["paths"]["/plans"]["get"]["responses"].clone();
    // aide writes the headers' style out.
    for response in responses.as_object_mut().unwrap().values_mut() {
        for header in response["headers"].as_object_mut().unwrap().values_mut() {
            header.as_object_mut().unwrap().remove("style");
        }
    }
    assert_eq!(responses, core_json(&LayerError::catalog()));
}

#[test]
fn a_response_the_operation_refers_to_is_copied_in_and_merged() {
    let mut doc = document(&serde_json::json!({ "responses": {
        "400": { "$ref": "#/components/responses/BadRequest" },
    } }));
    let shared = openapi::responses(&OrderError::catalog(), &Config::new()).unwrap()[&400].clone();
    doc["components"] = serde_json::json!({ "responses": { "BadRequest": shared } });
    openapi::add_to_every_operation(&mut doc, &LayerError::catalog(), &Config::new()).unwrap();
    let merged = &doc["paths"]["/orders"]["post"]["responses"]["400"];
    assert_eq!(
        openapi::documented_codes(merged),
        ["ORDER_ID_INVALID", "ORDER_NOT_PENDING", "VALIDATION_FAILED"]
    );
    // The shared one is as it was.
    assert_eq!(
        openapi::documented_codes(&doc["components"]["responses"]["BadRequest"]),
        ["ORDER_ID_INVALID", "ORDER_NOT_PENDING"]
    );
}

#[test]
fn in_an_aide_document_too_a_response_the_operation_refers_to_is_copied_in_and_merged() {
    let shared = openapi::responses(&OrderError::catalog(), &Config::new()).unwrap()[&400].clone();
    let mut aide_doc = aide::openapi::OpenApi {
        paths: Some(
            serde_json::from_value(serde_json::json!({ "/orders": { "post": { "responses": {
                "400": { "$ref": "#/components/responses/BadRequest" },
            } } } }))
            .unwrap(),
        ),
        components: Some(
            serde_json::from_value(serde_json::json!({ "responses": { "BadRequest": shared } }))
                .unwrap(),
        ),
        ..aide::openapi::OpenApi::default()
    };
    openapi::aide::add_to_every_operation(&mut aide_doc, &LayerError::catalog(), &Config::new())
        .unwrap();
    let written = serde_json::to_value(&aide_doc).unwrap();
    assert_eq!(
        openapi::documented_codes(&written["paths"]["/orders"]["post"]["responses"]["400"]),
        ["ORDER_ID_INVALID", "ORDER_NOT_PENDING", "VALIDATION_FAILED"]
    );
    assert_eq!(
        openapi::documented_codes(&written["components"]["responses"]["BadRequest"]),
        ["ORDER_ID_INVALID", "ORDER_NOT_PENDING"]
    );
}

#[test]
fn a_body_documented_as_a_type_s_schema_is_no_conflict_for_the_codes_of_its_other_statuses() {
    /// Says `ORDER_ID_INVALID` at its own status, 400.
    #[derive(Debug, ApiError)]
    #[api_error(code = "ORDER_ID_INVALID", status = 400, message = "Bad id")]
    struct IdInvalid;
    // `OrderError`'s schema lists its codes at every status, `ORDER_ID_INVALID` (400) among
    // them, as the body of a 404 written by hand.
    let mut doc = document(&serde_json::json!({ "responses": { "404": {
        "description": "Not found",
        "content": { "application/json": {
            "schema": openapi::schema_of(&OrderError::catalog(), &Config::new()),
        } },
    } } }));
    openapi::add_to_every_operation(&mut doc, &IdInvalid::catalog(), &Config::new()).unwrap();
    assert!(doc["paths"]["/orders"]["post"]["responses"]["400"].is_object());
}
