//! The error contract check: a baseline recorded from a service's errors, later versions of it
//! made by editing a copy, and the report of each kind of change, pinned to its exact text.

use api_error_core::contract::{BaselineError, Level};
use api_error_core::set::Member;
use api_error_core::{ApiError, Contract};
use api_error_core::{Rejection, RejectionKind};
use serde_json::{Value, json};

/// Order errors: only their declarations are read here.
#[allow(dead_code)]
#[derive(Debug, ApiError)]
enum OrderError {
    /// Order not found
    #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
    NotFound,
    /// Order not pending
    #[api_error(
        code = "ORDER_NOT_PENDING",
        status = 400,
        message = "Order {id} is not pending"
    )]
    NotPending {
        #[api_error(detail)]
        id: u64,
    },
    /// Order timed out
    #[api_error(code = "ORDER_TIMEOUT", status = 408)]
    Timeout,
    /// Too many orders
    #[api_error(
        code = "ORDER_RATE_LIMITED",
        status = 429,
        message = "Slow down",
        header("Retry-After", "60")
    )]
    RateLimited,
}

/// An error that gives a code the layer gives too.
#[allow(dead_code)]
#[derive(Debug, ApiError)]
#[api_error(code = "NOT_FOUND", status = 404)]
struct Missing;

const DECLARED: &str = "it::contract::OrderError";

fn baseline() -> Contract {
    Contract::from_baseline(&Contract::new().with::<OrderError>().to_baseline()).unwrap()
}

/// The baseline edited by `edit` and read back: the contract of a later version of the same
/// declarations.
fn edited(edit: impl FnOnce(&mut Vec<Value>)) -> Contract {
    let mut file: Value = serde_json::from_str(&baseline().to_baseline()).unwrap();
    edit(file["errors"].as_array_mut().unwrap());
    Contract::from_baseline(&file.to_string()).unwrap()
}

fn entry<'a>(errors: &'a mut [Value], code: &str) -> &'a mut Value {
    errors.iter_mut().find(|e| e["code"] == code).unwrap()
}

#[test]
fn the_baseline_is_sorted_by_code_one_member_a_line() {
    let text = Contract::new().with::<OrderError>().to_baseline();
    assert!(
        text.starts_with("{\n  \"version\": 1,\n  \"errors\": [\n    {\n"),
        "{text}"
    );
    let codes: Vec<&str> = text
        .lines()
        .filter_map(|line| line.trim().strip_prefix("\"code\": "))
        .collect();
    assert_eq!(
        codes,
        [
            r#""ORDER_NOT_FOUND","#,
            r#""ORDER_NOT_PENDING","#,
            r#""ORDER_RATE_LIMITED","#,
            r#""ORDER_TIMEOUT","#
        ]
    );
    assert!(
        text.contains(concat!(
            "      \"code\": \"ORDER_NOT_PENDING\",\n",
            "      \"status\": 400,\n",
            "      \"message\": \"Order {id} is not pending\",\n",
            "      \"details\": [\n",
            "        \"id\"\n",
            "      ],\n",
            "      \"headers\": [],\n",
            "      \"format\": null,\n",
            "      \"description\": \"Order not pending\",\n",
            "      \"declared\": \"it::contract::OrderError::NotPending\"\n",
        )),
        "{text}"
    );
    assert!(text.ends_with("  ]\n}\n"));
    assert!(
        Contract::new()
            .with::<OrderError>()
            .compare(&baseline())
            .is_empty()
    );
}

#[test]
fn a_code_removed_a_status_changed_and_a_detail_renamed_are_one_line_each() {
    let later = edited(|errors| {
        errors.retain(|e| e["code"] != "ORDER_TIMEOUT");
        let found = entry(errors, "ORDER_NOT_FOUND");
        found["status"] = 410.into();
        found["message"] = "No such order".into();
        found["description"] = "No order has this id".into();
        entry(errors, "ORDER_NOT_PENDING")["details"] = json!(["order_id"]);
        entry(errors, "ORDER_RATE_LIMITED")["headers"] = json!([]);
        let mut archived = errors[0].clone();
        archived["code"] = "ORDER_ARCHIVED".into();
        archived["status"] = 409.into();
        archived["declared"] = format!("{DECLARED}::Archived").into();
        errors.push(archived);
    });
    let report = later.compare(&baseline());
    assert_eq!(
        report.to_string(),
        format!(
            "breaking ORDER_NOT_FOUND: status 404 became 410 ({DECLARED}::NotFound)\n\
             breaking ORDER_NOT_PENDING: detail `id` renamed to `order_id` ({DECLARED}::NotPending)\n\
             breaking ORDER_RATE_LIMITED: header `Retry-After` removed ({DECLARED}::RateLimited)\n\
             breaking ORDER_TIMEOUT: removed (was 408) ({DECLARED}::Timeout)\n\
             additive ORDER_ARCHIVED: added at 409 ({DECLARED}::Archived)\n\
             cosmetic ORDER_NOT_FOUND: message \"Order not found\" became \"No such order\" ({DECLARED}::NotFound)\n\
             cosmetic ORDER_NOT_FOUND: description \"Order not found\" became \"No order has this id\" ({DECLARED}::NotFound)\n"
        )
    );
    assert!(report.is_breaking());
}

#[test]
fn details_and_headers_added_are_additive_and_a_code_moved_says_from_where() {
    let later = edited(|errors| {
        let pending = entry(errors, "ORDER_NOT_PENDING");
        pending["details"] = json!(["id", "since"]);
        pending["headers"] = json!(["Retry-After"]);
        let timeout = entry(errors, "ORDER_TIMEOUT");
        timeout["status"] = 504.into();
        timeout["declared"] = "it::contract::GatewayError::Timeout".into();
    });
    assert_eq!(
        later.compare(&baseline()).to_string(),
        format!(
            "breaking ORDER_TIMEOUT: status 408 became 504, now declared here \
             (was {DECLARED}::Timeout) (it::contract::GatewayError::Timeout)\n\
             additive ORDER_NOT_PENDING: detail `since` added ({DECLARED}::NotPending)\n\
             additive ORDER_NOT_PENDING: header `Retry-After` added ({DECLARED}::NotPending)\n"
        )
    );
    let added = edited(|errors| entry(errors, "ORDER_NOT_PENDING")["details"] = json!(["id", "n"]));
    let report = added.compare(&baseline());
    assert_eq!(report.findings().len(), 1);
    assert_eq!(report.findings()[0].level, Level::Additive);
    assert!(!report.is_breaking());
}

#[test]
fn a_code_two_declarations_give_is_an_error_naming_both() {
    let contract = Contract::new()
        .with::<Missing>()
        .with_catalog(Rejection::catalog_of(&[RejectionKind::NotFound]));
    let report = contract.compare(&contract);
    assert_eq!(
        report.to_string(),
        "error    NOT_FOUND: declared twice, also by api_error_core::Rejection::NotFound \
         (it::contract::Missing)\n"
    );
    assert_eq!(report.findings()[0].level, Level::Error);
    assert!(report.is_breaking());
}

#[test]
fn a_type_listed_twice_is_listed_once() {
    let twice = Contract::new().with::<OrderError>().with::<OrderError>();
    assert_eq!(twice.entries().len(), 4);
    assert!(twice.duplicates().is_empty());
}

#[test]
fn a_baseline_that_does_not_parse_says_where() {
    let text = "{\n  \"version\": 1,\n  \"errors\": [\n    {\"code\": 3}\n  ]\n}\n";
    let error = Contract::from_baseline(text).unwrap_err();
    assert_eq!(
        error.to_string(),
        "line 4: not an error contract baseline: invalid type: integer `3`, expected a string"
    );
    let error = Contract::from_baseline("{\n  \"version\": 7,\n  \"errors\": []\n}\n").unwrap_err();
    assert_eq!(
        error,
        BaselineError {
            line: 2,
            reason: "version 7 is not one this crate reads (it reads version 1)".into(),
        }
    );
    let error = Contract::from_baseline("not json").unwrap_err();
    assert_eq!(
        error.to_string(),
        "line 1: not an error contract baseline: expected ident"
    );
}

#[test]
fn a_declaration_at_two_statuses_keeps_both_when_reached_through_another_type() {
    /// Errors that let the layer's rejections through.
    #[allow(dead_code)]
    #[derive(Debug, ApiError)]
    enum Wrapper {
        #[api_error(transparent)]
        Other(Rejection),
    }
    let direct: Vec<(String, u16)> = Contract::new()
        .with::<Rejection>()
        .entries()
        .into_iter()
        .map(|entry| (entry.code, entry.status))
        .collect();
    let wrapped: Vec<(String, u16)> = Contract::new()
        .with::<Wrapper>()
        .with::<Rejection>()
        .entries()
        .into_iter()
        .map(|entry| (entry.code, entry.status))
        .collect();
    assert!(
        direct.contains(&("SERVER_INTERNAL_ERROR".into(), 500)),
        "{direct:?}"
    );
    assert!(direct.contains(&("SERVER_ERROR".into(), 502)), "{direct:?}");
    assert_eq!(wrapped, direct);
}

/// The same order errors, one struct a variant, for operations' sets.
#[allow(dead_code)]
#[derive(Debug, ApiError)]
#[api_error(members)]
enum PlanError {
    /// Plan not found
    #[api_error(code = "PLAN_NOT_FOUND", status = 404, message = "Plan not found")]
    NotFound,
    /// Plan locked
    #[api_error(code = "PLAN_LOCKED", status = 409, message = "Plan locked")]
    Locked,
}

fn operations(get: api_error_core::Catalog, delete: Option<api_error_core::Catalog>) -> Contract {
    let contract = Contract::new().with_operation("GET /plans/{id}", get);
    match delete {
        Some(delete) => contract.with_operation("DELETE /plans/{id}", delete),
        None => contract,
    }
}

#[test]
fn the_baseline_records_each_operation_s_codes_and_reads_them_back() {
    use api_error_core::set::OneOf;
    let contract = operations(
        OneOf::<(plan_error::NotFound, plan_error::Locked)>::catalog(),
        Some(<plan_error::NotFound as Member>::catalog()),
    );
    let baseline = contract.to_baseline();
    let file: Value = serde_json::from_str(&baseline).unwrap();
    assert_eq!(
        file["operations"],
        json!({
            "DELETE /plans/{id}": ["PLAN_NOT_FOUND"],
            "GET /plans/{id}": ["PLAN_LOCKED", "PLAN_NOT_FOUND"],
        })
    );
    let codes: Vec<&str> = file["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["PLAN_LOCKED", "PLAN_NOT_FOUND"]);
    let read = Contract::from_baseline(&baseline).unwrap();
    assert_eq!(read.operations(), contract.operations());
    assert!(contract.compare(&read).is_empty());
}

#[test]
fn an_operation_that_starts_answering_a_code_is_additive_and_one_that_stops_is_breaking() {
    let before = operations(
        <plan_error::NotFound as Member>::catalog(),
        Some(<plan_error::NotFound as Member>::catalog()),
    );
    let now = operations(
        api_error_core::set::OneOf::<(plan_error::NotFound, plan_error::Locked)>::catalog(),
        None,
    );
    let report = now.compare(&before);
    assert_eq!(
        report.to_string(),
        "breaking PLAN_NOT_FOUND: no longer answered by DELETE /plans/{id} (it::contract::PlanError::NotFound)\n\
         additive PLAN_LOCKED: added at 409 (it::contract::PlanError::Locked)\n\
         additive PLAN_LOCKED: now answered by GET /plans/{id} (it::contract::PlanError::Locked)\n"
    );
    assert!(report.is_breaking());
}

#[test]
fn a_baseline_without_operations_reports_no_operation_change() {
    let before = Contract::new().with_catalog(<plan_error::NotFound as Member>::catalog());
    let now = operations(<plan_error::NotFound as Member>::catalog(), None);
    assert!(now.compare(&before).is_empty());
}
