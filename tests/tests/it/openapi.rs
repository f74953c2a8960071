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
fn two_declarations_of_one_code_are_refused_naming_both() {
    /// Another type that says `AUTH_NOT_AUTHENTICATED`, at another status.
    #[derive(Debug, ApiError)]
    #[api_error(code = "AUTH_NOT_AUTHENTICATED", status = 403)]
    struct Other;
    let mut catalog = Catalog::new();
    catalog.append(OrderError::catalog());
    catalog.append(Other::catalog());
    let error = openapi::responses(&catalog, &Config::new()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "code \"AUTH_NOT_AUTHENTICATED\" is declared twice: by \
         it::openapi::AuthError::NotAuthenticated and by \
         it::openapi::two_declarations_of_one_code_are_refused_naming_both::Other"
    );
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

/// `E`'s responses, as the core writes them, keyed by status as a generator's map is.
fn core_json<E: ApiError>() -> Value {
    let responses = openapi::responses(&E::catalog(), &Config::new()).unwrap();
    Value::Object(
        responses
            .into_iter()
            .map(|(status, response)| (status.to_string(), response))
            .collect(),
    )
}

/// `E`'s responses through utoipa 5, utoipa 6 and aide, each serialized back.
fn generated<E>() -> [(&'static str, Value); 3]
where
    E: ApiError + utoipa5::IntoResponses + utoipa6::IntoResponses + aide::OperationOutput,
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
            "utoipa 5",
            serde_json::to_value(<E as utoipa5::IntoResponses>::responses()).unwrap(),
        ),
        (
            "utoipa 6",
            serde_json::to_value(<E as utoipa6::IntoResponses>::responses()).unwrap(),
        ),
        ("aide", aide),
    ]
}

#[test]
fn utoipa_5_utoipa_6_and_aide_read_the_responses_back_as_written() {
    for (name, value) in generated::<OrderError>() {
        assert_eq!(value, core_json::<OrderError>(), "{name}");
    }
    for (name, value) in generated::<ProblemError>() {
        assert_eq!(
            value,
            core_json::<ProblemError>(),
            "{name}, problem details"
        );
    }
    for (name, value) in generated::<JsonApiError>() {
        assert_eq!(value, core_json::<JsonApiError>(), "{name}, JSON:API");
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
    for schema_of in [
        serde_json::to_value(<OrderError as utoipa5::PartialSchema>::schema()).unwrap(),
        serde_json::to_value(<OrderError as utoipa6::PartialSchema>::schema()).unwrap(),
    ] {
        assert_eq!(schema_of, schema);
    }
    assert_eq!(<OrderError as utoipa5::ToSchema>::name(), "OrderError");
}
