//! A format of one's own, defined here, outside the core: the `RealWorld` spec's 422 body,
//! `{"errors":{"email":["has already been taken"]}}`, which every `RealWorld` frontend reads,
//! kept byte for byte by the response under the axum layer (in this workspace, where `axum` is
//! on), by `Serialize`, by the `OpenAPI` document and by decoding.

use api_error_core::axum::ApiErrorLayer;
use api_error_core::{
    ApiError, Config, Decode, Decoded, ErrorBody, ErrorView, Format, OwnFormat, Respond,
    SchemaView, StatusCode, openapi,
};
use axum::Router;
use axum::routing::post;
use serde_json::{Map, Value, json};
use tower::ServiceExt as _;

/// The `RealWorld` spec's error body: each field with what is wrong with it.
static REALWORLD: OwnFormat = OwnFormat::new("realworld", "application/json", realworld)
    .with_schema(realworld_schema)
    .with_reader(read_realworld);

/// `{"errors":{"<field>":["<message>"]}}`, the field a detail of the error's.
fn realworld(error: &ErrorView<'_>) -> Map<String, Value> {
    let field = error
        .details()
        .get("field")
        .and_then(Value::as_str)
        .unwrap_or("body");
    let mut body = Map::new();
    body.insert("errors".into(), json!({ field: [error.message()] }));
    body
}

fn realworld_schema(_: &SchemaView<'_>) -> Value {
    json!({
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {
                "type": "object",
                "additionalProperties": { "type": "array", "items": { "type": "string" } },
            },
        },
    })
}

/// A body read back: the first field's first message, and the code that message is.
fn read_realworld(body: &Value) -> Option<ErrorBody> {
    let (field, messages) = body.get("errors")?.as_object()?.iter().next()?;
    let message = messages.as_array()?.first()?.as_str()?;
    let code = match message {
        "is invalid" => "FIELD_INVALID",
        "has already been taken" => "FIELD_TAKEN",
        _ => return None,
    };
    let mut details = Map::new();
    details.insert("field".into(), Value::from(field.as_str()));
    Some(ErrorBody {
        code: code.into(),
        message: message.into(),
        details: Some(details),
        request_id: None,
        violations: Vec::new(),
        violations_omitted: 0,
    })
}

#[derive(Debug, PartialEq, ApiError)]
#[api_error(decode)]
enum SignUpError {
    #[api_error(code = "FIELD_INVALID", status = 422, message = "is invalid")]
    Invalid {
        #[api_error(detail)]
        field: String,
    },
    #[api_error(code = "FIELD_TAKEN", status = 422, message = "has already been taken")]
    Taken {
        #[api_error(detail)]
        field: String,
    },
}

fn config() -> Config {
    Config::new().format(Format::Own(&REALWORLD))
}

async fn sign_up() -> Result<String, SignUpError> {
    Err(SignUpError::Taken {
        field: "email".into(),
    })
}

/// Asserts that `app` answers `POST /users`, sent with the id `req-1`, with the `RealWorld`
/// spec's 422 for an email taken, byte for byte, the id sent back.
pub(crate) async fn assert_answers_email_taken(app: Router) {
    let request = http::Request::post("/users")
        .header("x-request-id", "req-1")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers()["x-request-id"], "req-1");
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(
        body.as_ref(),
        br#"{"errors":{"email":["has already been taken"]}}"#
    );
}

#[tokio::test]
async fn the_layer_answers_in_the_format_byte_for_byte() {
    let app: Router = Router::new()
        .route("/users", post(sign_up))
        .layer(ApiErrorLayer::new(config()));
    assert_answers_email_taken(app).await;
}

#[test]
fn serialize_and_the_response_write_the_same_bytes() {
    let config = config();
    let error = SignUpError::Invalid {
        field: "username".into(),
    };
    let expected = r#"{"errors":{"username":["is invalid"]}}"#;
    assert_eq!(
        serde_json::to_string(&config.body(&error)).unwrap(),
        expected
    );
    assert_eq!(config.response(&error).body().as_ref(), expected.as_bytes());
}

#[test]
fn a_message_too_long_for_the_body_is_cut_as_in_the_built_in_formats() {
    let config = config().max_body_len(30);
    let error = SignUpError::Taken {
        field: "email".into(),
    };
    let body = config.response(&error).into_body();
    // Without its details, the field is the format's default; the message is cut to fit.
    assert_eq!(body.as_ref(), r#"{"errors":{"body":["has…"]}}"#.as_bytes());
}

#[test]
fn the_openapi_document_has_the_format_s_schema_and_its_bodies_as_examples() {
    let responses = openapi::responses(&SignUpError::catalog(), &config()).unwrap();
    let content = &responses[&422]["content"]["application/json"];
    assert_eq!(content["schema"]["required"], json!(["errors"]));
    assert_eq!(
        content["schema"]["properties"]["errors"]["additionalProperties"]["items"],
        json!({ "type": "string" })
    );
    assert_eq!(
        content["examples"]["FIELD_TAKEN"]["value"],
        json!({ "errors": { "{field}": ["has already been taken"] } })
    );
}

#[test]
fn a_client_reads_the_body_back_as_the_variant() {
    let body = br#"{"errors":{"email":["has already been taken"]}}"#;
    assert_eq!(
        SignUpError::from_body_in(Format::Own(&REALWORLD), body),
        Decoded::Known(SignUpError::Taken {
            field: "email".into()
        })
    );
    let Decoded::Unknown(unknown) =
        SignUpError::from_body_in(Format::Own(&REALWORLD), br#"{"errors":{}}"#)
    else {
        panic!("a body the reader does not read is unknown");
    };
    assert_eq!(unknown.body, None);
    assert_eq!(unknown.received.as_ref(), br#"{"errors":{}}"#);
}

/// A type that always answers in the format, whatever the service's configuration says.
#[derive(Debug, ApiError)]
#[api_error(format = REALWORLD)]
enum LoginError {
    #[api_error(code = "FIELD_INVALID", status = 422, message = "is invalid")]
    Password {
        #[api_error(detail)]
        field: &'static str,
    },
}

#[test]
fn a_type_names_its_own_format_by_its_path() {
    let error = LoginError::Password { field: "password" };
    assert_eq!(error.fixed_format(), Some(Format::Own(&REALWORLD)));
    // The default configuration's format is JSON; the type's stands.
    assert_eq!(
        error.to_response().body().as_ref(),
        br#"{"errors":{"password":["is invalid"]}}"#
    );
    assert_eq!(
        LoginError::catalog().entries()[0]
            .format()
            .map(Format::name),
        Some("realworld")
    );
}

/// A type in the default body beside one in the format, both `application/json`, at one status.
#[derive(Debug, ApiError)]
#[api_error(code = "NAME_TOO_LONG", status = 422, message = "Name too long")]
struct NameTooLong;

#[test]
fn a_document_with_both_formats_at_one_media_type_keeps_both() {
    let mut catalog = api_error_core::Catalog::new();
    catalog.append(NameTooLong::catalog());
    catalog.append(LoginError::catalog());
    let responses = openapi::responses(&catalog, &Config::new()).unwrap();
    let content = &responses[&422]["content"]["application/json"];
    // Either body, and the example of each code.
    let one_of = content["schema"]["oneOf"].as_array().unwrap();
    assert_eq!(one_of.len(), 2);
    assert_eq!(one_of[0]["required"], json!(["code", "message"]));
    assert_eq!(one_of[1]["required"], json!(["errors"]));
    assert_eq!(
        content["examples"]["NAME_TOO_LONG"]["value"],
        json!({ "code": "NAME_TOO_LONG", "message": "Name too long" })
    );
    assert_eq!(
        content["examples"]["FIELD_INVALID"]["value"],
        json!({ "errors": { "{field}": ["is invalid"] } })
    );
}

#[test]
fn a_configuration_is_its_format_whatever_was_set_before() {
    assert_eq!(
        Config::new().format(Format::Own(&REALWORLD)),
        Config::new()
            .format(Format::Problem)
            .format(Format::Own(&REALWORLD))
    );
}
