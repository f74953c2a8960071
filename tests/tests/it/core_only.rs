//! What the errors of `api-error-core-only`, a crate that depends on `api-error-core` and
//! nothing else, send to a client: exact body bytes, status, headers and catalog.

use std::error::Error as _;

use api_error_core::{ApiError, Respond, StatusCode};
use api_error_core_only::{
    AuthError, ConflictError, JobFailed, MessageSyntax, NoErrors, OrderError, QuotaExceeded,
    ReasonPhrase, Wrapped,
};

fn body<E: ApiError + ?Sized>(error: &E) -> String {
    String::from_utf8(error.to_response().into_body().to_vec()).unwrap()
}

fn header<'a>(response: &'a http::Response<bytes::Bytes>, name: &str) -> Vec<&'a str> {
    response
        .headers()
        .get_all(name)
        .iter()
        .map(|value| value.to_str().unwrap())
        .collect()
}

#[test]
fn unit_variant_body_is_code_and_message() {
    let error = OrderError::NotFound;
    assert_eq!(error.code(), "ORDER_NOT_FOUND");
    assert_eq!(error.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"code":"ORDER_NOT_FOUND","message":"Order not found"}"#
    );
    assert_eq!(body(&error), serde_json::to_string(&error).unwrap());
    assert_eq!(error.to_string(), "Order not found");
}

#[test]
fn struct_variant_interpolates_message_and_exposes_detail() {
    let error = OrderError::NotPending { id: 42 };
    assert_eq!(error.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"code":"ORDER_NOT_PENDING","message":"Order 42 is not in pending status","details":{"id":42}}"#
    );
}

#[test]
fn tuple_variant_shows_fields_by_position_and_names_details() {
    let error = OrderError::LineInvalid(3, 42);
    assert_eq!(error.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"code":"ORDER_LINE_INVALID","message":"Line 3 of order 42 is invalid","details":{"line":3,"order":42}}"#
    );
}

#[test]
fn format_specs_apply_and_only_detail_fields_are_exposed() {
    let error = OrderError::AmountInvalid {
        amount: 12.5,
        sku: "A-1",
        flags: 255,
        min: 7,
    };
    assert_eq!(
        error.message(),
        r#"Amount 12.50 of "A-1" (flags 0xff) is out of [    7]"#
    );
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"code":"ORDER_AMOUNT_INVALID","message":"Amount 12.50 of \"A-1\" (flags 0xff) is out of [    7]","details":{"amount":12.5,"minimum":7}}"#
    );
}

#[test]
fn server_error_says_reason_phrase_and_keeps_source_for_logs() {
    let error = OrderError::Storage(std::io::Error::other("disk /var/db is full"));
    assert_eq!(error.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        body(&error),
        r#"{"code":"ORDER_STORAGE_FAILED","message":"Internal Server Error"}"#
    );
    assert_eq!(error.to_string(), "Internal Server Error");
    assert_eq!(error.source().unwrap().to_string(), "disk /var/db is full");
}

#[test]
fn from_field_converts_with_question_mark_and_is_the_source() {
    fn parse(id: &str) -> Result<u64, OrderError> {
        Ok(id.parse::<u64>()?)
    }
    let error = parse("forty-two").unwrap_err();
    assert!(matches!(error, OrderError::Malformed(_)));
    assert_eq!(
        body(&error),
        r#"{"code":"ORDER_ID_MALFORMED","message":"Order id is malformed"}"#
    );
    assert_eq!(
        error.source().unwrap().to_string(),
        "invalid digit found in string"
    );
}

#[test]
fn status_path_and_static_and_field_headers_reach_the_response() {
    let error = OrderError::RateLimited { retry_after: 30 };
    assert_eq!(error.status(), StatusCode::TOO_MANY_REQUESTS);
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(header(&response, "content-type"), ["application/json"]);
    assert_eq!(header(&response, "retry-after"), ["30"]);
    assert_eq!(header(&response, "cache-control"), ["no-store"]);
    assert_eq!(response.headers().len(), 3);
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"ORDER_RATE_LIMITED","message":"Too many orders, retry in 30 seconds","details":{"retry_after":30}}"#
    );
}

#[test]
fn struct_error_with_status_path_sends_www_authenticate() {
    let response = AuthError.to_response();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        header(&response, "www-authenticate"),
        [r#"Bearer realm="api""#]
    );
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"AUTH_NOT_AUTHENTICATED","message":"Authentication required"}"#
    );
}

#[test]
fn transparent_variant_is_the_wrapped_error_on_the_wire() {
    let error = OrderError::from(AuthError);
    assert_eq!(error.code(), "AUTH_NOT_AUTHENTICATED");
    assert_eq!(error.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error.to_string(), "Authentication required");
    let response = error.to_response();
    assert_eq!(
        header(&response, "www-authenticate"),
        [r#"Bearer realm="api""#]
    );
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"AUTH_NOT_AUTHENTICATED","message":"Authentication required"}"#
    );
}

#[test]
fn generic_struct_serializes_its_type_parameter_as_details() {
    let error = QuotaExceeded {
        name: "projects",
        used: 12_u8,
        limit: 10_u8,
    };
    assert_eq!(error.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"code":"QUOTA_EXCEEDED","message":"Quota projects exceeded: 12 of 10","details":{"name":"projects","used":12,"limit":10}}"#
    );
    let error = QuotaExceeded {
        name: "storage",
        used: 1.5_f32,
        limit: 1.0_f32,
    };
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"code":"QUOTA_EXCEEDED","message":"Quota storage exceeded: 1.5 of 1","details":{"name":"storage","used":1.5,"limit":1.0}}"#
    );
}

#[test]
fn rename_all_names_codes_and_container_status_is_the_default() {
    assert_eq!(ConflictError::NameTaken.code(), "NAME_TAKEN");
    assert_eq!(ConflictError::NameTaken.status(), StatusCode::CONFLICT);
    assert_eq!(
        serde_json::to_string(&ConflictError::NameTaken).unwrap(),
        r#"{"code":"NAME_TAKEN","message":"Conflict"}"#
    );
    let error = ConflictError::VersionMismatch {
        expected: 3,
        found: 4,
    };
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"code":"VERSION_MISMATCH","message":"Version 3 expected, found 4","details":{"expected":3,"found":4}}"#
    );
    assert_eq!(ConflictError::Gone.status(), StatusCode::GONE);
    assert_eq!(
        serde_json::to_string(&ConflictError::Gone).unwrap(),
        r#"{"code":"CONFLICT_GONE","message":"Gone"}"#
    );
}

#[test]
fn generic_transparent_wrapper_takes_everything_from_its_parameter() {
    let error: Wrapped<AuthError> = AuthError.into();
    assert!(matches!(error, Wrapped::Inner(AuthError)));
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"code":"AUTH_NOT_AUTHENTICATED","message":"Authentication required"}"#
    );
    assert_eq!(
        header(&error.to_response(), "www-authenticate"),
        [r#"Bearer realm="api""#]
    );
    let error: Wrapped<AuthError> = Wrapped::Unavailable;
    assert_eq!(error.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"code":"SERVICE_UNAVAILABLE","message":"Service Unavailable"}"#
    );
}

#[test]
fn boxed_dyn_error_sends_the_same_bytes() {
    let error: Box<dyn ApiError + Send + Sync> = OrderError::NotPending { id: 7 }.into();
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"code":"ORDER_NOT_PENDING","message":"Order 7 is not in pending status","details":{"id":7}}"#
    );
    assert_eq!(body(&*error), serde_json::to_string(&error).unwrap());
}

#[test]
fn catalog_lists_every_code_in_order_with_wrapped_errors_in_place() {
    let catalog = OrderError::catalog();
    let rows: Vec<_> = catalog
        .entries()
        .iter()
        .map(|entry| {
            (
                entry.type_name(),
                entry.variant(),
                entry.code(),
                entry.status().as_u16(),
                entry.message(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "OrderError",
                Some("NotFound"),
                "ORDER_NOT_FOUND",
                404,
                "Order not found"
            ),
            (
                "OrderError",
                Some("NotPending"),
                "ORDER_NOT_PENDING",
                400,
                "Order {id} is not in pending status"
            ),
            (
                "OrderError",
                Some("LineInvalid"),
                "ORDER_LINE_INVALID",
                422,
                "Line {0} of order {1} is invalid"
            ),
            (
                "OrderError",
                Some("AmountInvalid"),
                "ORDER_AMOUNT_INVALID",
                400,
                "Amount {amount:.2} of {sku:?} (flags {flags:#x}) is out of [{min:>5}]"
            ),
            (
                "OrderError",
                Some("Storage"),
                "ORDER_STORAGE_FAILED",
                500,
                "Internal Server Error"
            ),
            (
                "OrderError",
                Some("Malformed"),
                "ORDER_ID_MALFORMED",
                400,
                "Order id is malformed"
            ),
            (
                "OrderError",
                Some("RateLimited"),
                "ORDER_RATE_LIMITED",
                429,
                "Too many orders, retry in {retry_after} seconds"
            ),
            (
                "AuthError",
                None,
                "AUTH_NOT_AUTHENTICATED",
                401,
                "Authentication required"
            ),
        ]
    );
    let not_found = catalog.get("ORDER_NOT_FOUND").unwrap();
    assert_eq!(not_found.summary(), Some("The order id is unknown."));
    let auth = catalog.get("AUTH_NOT_AUTHENTICATED").unwrap();
    assert_eq!(
        auth.summary(),
        Some("The request carries no valid credentials.")
    );
}

#[test]
fn catalog_of_renamed_and_generic_types() {
    let codes: Vec<_> = ConflictError::catalog()
        .entries()
        .iter()
        .map(|entry| (entry.code(), entry.status().as_u16(), entry.message()))
        .collect();
    assert_eq!(
        codes,
        [
            ("NAME_TAKEN", 409, "Conflict"),
            (
                "VERSION_MISMATCH",
                409,
                "Version {expected} expected, found {found}"
            ),
            ("CONFLICT_GONE", 410, "Gone"),
        ]
    );
    let codes: Vec<_> = Wrapped::<AuthError>::catalog()
        .entries()
        .iter()
        .map(|entry| (entry.type_name(), entry.code()))
        .collect();
    assert_eq!(
        codes,
        [
            ("AuthError", "AUTH_NOT_AUTHENTICATED"),
            ("Wrapped", "SERVICE_UNAVAILABLE"),
        ]
    );
    let entry = QuotaExceeded::<u8>::catalog().entries()[0];
    assert_eq!(entry.variant(), None);
    assert_eq!(entry.message(), "Quota {name} exceeded: {used} of {limit}");
    assert_eq!(
        entry.summary(),
        Some("A quota was exceeded; the value's type is up to the caller.")
    );
}

#[test]
fn generic_source_is_logged_not_sent() {
    let error = JobFailed {
        job: 12,
        cause: std::io::Error::other("worker 3 out of memory"),
    };
    assert_eq!(
        body(&error),
        r#"{"code":"JOB_FAILED","message":"Internal Server Error","details":{"job":12}}"#
    );
    assert_eq!(
        error.source().unwrap().to_string(),
        "worker 3 out of memory"
    );
}

#[test]
fn undeclared_messages_are_rfc_9110_reason_phrases() {
    let cases = [
        (ReasonPhrase::TooLarge, 413, "Content Too Large"),
        (ReasonPhrase::Unprocessable, 422, "Unprocessable Content"),
        (ReasonPhrase::ClientClosed, 499, "Client Error"),
        (ReasonPhrase::UnknownServer, 599, "Server Error"),
    ];
    for (error, status, message) in cases {
        assert_eq!(error.status().as_u16(), status);
        assert_eq!(
            body(&error),
            format!(r#"{{"code":"{}","message":"{message}"}}"#, error.code())
        );
    }
    let messages: Vec<_> = ReasonPhrase::catalog()
        .entries()
        .iter()
        .map(api_error_core::CatalogEntry::message)
        .collect();
    assert_eq!(
        messages,
        [
            "Content Too Large",
            "Unprocessable Content",
            "Client Error",
            "Server Error"
        ]
    );
}

#[test]
fn raw_field_names_and_width_arguments_in_messages() {
    let error = MessageSyntax::Raw {
        r#type: "coupon",
        name: "ab",
        width: 5,
    };
    assert_eq!(
        body(&error),
        r#"{"code":"FIELD_TYPE_INVALID","message":"Type coupon is padded to [   ab]","details":{"type":"coupon"}}"#
    );
}

#[test]
fn doubled_braces_are_literal_in_message_and_kept_in_catalog() {
    assert_eq!(
        body(&MessageSyntax::Braces),
        r#"{"code":"LITERAL_BRACES","message":"Write {id} in the template"}"#
    );
    assert_eq!(
        body(&MessageSyntax::BracedField("sku")),
        r#"{"code":"BRACED_FIELD","message":"Field {sku} is unknown"}"#
    );
    let catalog = MessageSyntax::catalog();
    assert_eq!(
        catalog.get("LITERAL_BRACES").unwrap().message(),
        "Write {{id}} in the template"
    );
}

#[test]
fn multi_line_doc_comment_is_one_description() {
    let catalog = ReasonPhrase::catalog();
    assert_eq!(
        catalog.get("TOO_LARGE").unwrap().summary(),
        Some("RFC 9110 renamed \"Payload Too Large\".")
    );
    let catalog = JobFailed::<std::io::Error>::catalog();
    assert_eq!(
        catalog.entries()[0].summary(),
        Some("A background job failed; the cause, of the caller's type, goes to the logs only.")
    );
}

#[test]
fn enum_without_variants_has_an_empty_catalog() {
    assert!(NoErrors::catalog().entries().is_empty());
}
