//! A status chosen at run time, `status(500, 404, 409) = ..`: what a client sees at each
//! status, what any other value becomes, and the catalog, `OpenAPI` document and contract that
//! list every status the code can take.

use api_error_core::{ApiError, Config, Contract, Respond, StatusCode, openapi};

/// What a database driver says went wrong, as an error of another crate would.
#[derive(Debug)]
enum QueryKind {
    RecordNotFound,
    UniqueViolation,
    PoolTimeout,
}

/// The driver's error: its text holds what a client must never see.
#[derive(Debug, thiserror::Error)]
#[error("query failed on postgres://admin:hunter2@db/app: {kind:?}")]
struct QueryError {
    kind: QueryKind,
}

/// The status each kind of query error answers.
fn status_of(error: &QueryError) -> StatusCode {
    match error.kind {
        QueryKind::RecordNotFound => StatusCode::NOT_FOUND,
        QueryKind::UniqueViolation => StatusCode::CONFLICT,
        QueryKind::PoolTimeout => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// A service's store errors, mapped by the kind of the driver's error: one variant, where a
/// fixed status took one variant per status and a `From` written by hand.
#[derive(Debug, thiserror::Error, ApiError)]
enum StoreError {
    /// The store could not answer.
    #[error("store: {0}")]
    #[api_error(code = "STORE_FAILED", status(500, 404, 409) = status_of(.0))]
    Query(#[from] QueryError),
}

fn body(error: &impl ApiError) -> (u16, String) {
    let response = error.to_response();
    let body = String::from_utf8(response.body().to_vec()).unwrap();
    (response.status().as_u16(), body)
}

#[test]
fn the_status_is_the_one_the_expression_chooses_and_no_source_reaches_the_client() {
    let missing: StoreError = QueryError {
        kind: QueryKind::RecordNotFound,
    }
    .into();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        body(&missing),
        (
            404,
            r#"{"code":"STORE_FAILED","message":"Not Found"}"#.to_owned()
        )
    );
    let taken: StoreError = QueryError {
        kind: QueryKind::UniqueViolation,
    }
    .into();
    assert_eq!(
        body(&taken),
        (
            409,
            r#"{"code":"STORE_FAILED","message":"Conflict"}"#.to_owned()
        )
    );
    // 503 is not listed: it becomes the first of the list.
    let busy: StoreError = QueryError {
        kind: QueryKind::PoolTimeout,
    }
    .into();
    assert_eq!(
        body(&busy),
        (
            500,
            r#"{"code":"STORE_FAILED","message":"Internal Server Error"}"#.to_owned()
        )
    );
    // thiserror's text, source and all, is for the logs.
    assert_eq!(
        busy.to_string(),
        "store: query failed on postgres://admin:hunter2@db/app: PoolTimeout"
    );
}

/// An upstream service's answer, as an HTTP client's error holds it.
#[derive(Debug, thiserror::Error)]
#[error("upstream answered {status:?}")]
struct UpstreamError {
    status: Option<u16>,
}

/// A wrapper of the upstream's error, which passes on the statuses a gateway may.
#[derive(Debug, thiserror::Error, ApiError)]
#[error("payments: {0}")]
#[api_error(
    code = "PAYMENTS_UNAVAILABLE",
    status(502, 503, 504) = .0.status,
    message = "The payment service is unavailable"
)]
struct PaymentsError(#[source] UpstreamError);

#[test]
fn a_value_outside_the_list_becomes_its_first_status() {
    let answered = |status| PaymentsError(UpstreamError { status }).status().as_u16();
    assert_eq!(answered(Some(503)), 503);
    assert_eq!(answered(Some(504)), 504);
    // Not a gateway's status, no status at all, not even an error status.
    assert_eq!(answered(Some(404)), 502);
    assert_eq!(answered(None), 502);
    assert_eq!(answered(Some(200)), 502);
    assert_eq!(answered(Some(1000)), 502);
    assert_eq!(
        body(&PaymentsError(UpstreamError { status: Some(504) })),
        (
            504,
            r#"{"code":"PAYMENTS_UNAVAILABLE","message":"The payment service is unavailable"}"#
                .to_owned()
        )
    );
}

#[test]
fn the_catalog_lists_the_code_at_each_status_it_can_take() {
    let statuses = |catalog: api_error_core::Catalog| -> Vec<(&str, u16, String)> {
        catalog
            .iter()
            .map(|e| (e.code(), e.status().as_u16(), e.message().to_owned()))
            .collect()
    };
    assert_eq!(
        statuses(StoreError::catalog()),
        [
            ("STORE_FAILED", 500, "Internal Server Error".to_owned()),
            ("STORE_FAILED", 404, "Not Found".to_owned()),
            ("STORE_FAILED", 409, "Conflict".to_owned()),
        ]
    );
    assert!(StoreError::catalog().duplicates().is_empty());
}

#[test]
fn the_openapi_document_gives_the_code_under_each_status() {
    let responses = openapi::responses(&StoreError::catalog(), &Config::new()).unwrap();
    assert_eq!(
        responses.keys().copied().collect::<Vec<u16>>(),
        [404, 409, 500]
    );
    for (status, message) in [
        (404, "Not Found"),
        (409, "Conflict"),
        (500, "Internal Server Error"),
    ] {
        let example =
            &responses[&status]["content"]["application/json"]["examples"]["STORE_FAILED"]["value"];
        assert_eq!(example["code"], "STORE_FAILED", "at {status}");
        assert_eq!(example["message"], message, "at {status}");
    }
}

#[test]
fn the_contract_records_every_status_and_a_new_one_is_breaking() {
    let contract = Contract::new().with::<StoreError>();
    let baseline = contract.to_baseline();
    assert!(
        baseline
            .contains("\"status\": 500,\n      \"also\": [\n        404,\n        409\n      ],"),
        "{baseline}"
    );
    let read = Contract::from_baseline(&baseline).unwrap();
    assert!(contract.compare(&read).is_empty());
    // The same list in another order: only what any other value becomes changed.
    let reordered = baseline.replace(
        "\"status\": 500,\n      \"also\": [\n        404,",
        "\"status\": 404,\n      \"also\": [\n        500,",
    );
    let report = contract.compare(&Contract::from_baseline(&reordered).unwrap());
    assert_eq!(
        report.to_string().lines().collect::<Vec<_>>(),
        ["breaking STORE_FAILED: status 404 became 500 (it::chosen_status::StoreError::Query)"],
        "{report}"
    );
    // The same code with one status fewer, as a baseline from before.
    let before = baseline.replace(",\n        409", "");
    let report = contract.compare(&Contract::from_baseline(&before).unwrap());
    assert_eq!(
        report.to_string().lines().next().unwrap_or_default(),
        "breaking STORE_FAILED: may now answer 409 (it::chosen_status::StoreError::Query)",
        "{report}"
    );
}

/// The first of two values, for an expression with a generic's `<A, B>` in it.
fn first<A: Copy, B>(a: &A, _: &B) -> A {
    *a
}

#[derive(Debug, ApiError)]
#[api_error(code = "PAIR_FAILED", status(502, 504) = first::<u16, String>(.0, .1), message = "Pair failed")]
struct PairFailed(u16, String);

#[test]
fn a_comma_in_a_generic_s_brackets_does_not_end_the_expression() {
    assert_eq!(PairFailed(504, String::new()).status(), 504);
    assert_eq!(PairFailed(404, String::new()).status(), 502);
}
