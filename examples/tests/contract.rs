//! The API's error contract, held to the committed baseline `error-contract.json`: a change to
//! any code, status, detail, header or message fails here until it is accepted with
//! `API_ERROR_CONTRACT=overwrite cargo test -p api-error-examples --test contract`.

use api_error_core::Contract;
use api_error_examples::error_contract;

const BASELINE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/error-contract.json");

#[test]
fn error_contract_is_the_baseline() {
    error_contract().assert_baseline(BASELINE);
}

#[test]
fn removing_a_code_is_one_breaking_line_naming_it() {
    // Compared with the baseline as read, never written: this test runs beside the one above,
    // also when that one accepts a change.
    let baseline = Contract::from_baseline(&std::fs::read_to_string(BASELINE).unwrap()).unwrap();
    let without = error_contract().retain(|entry| entry.code != "ORDER_TIMEOUT");
    let report = without.compare(&baseline);
    assert_eq!(
        report.to_string(),
        "breaking ORDER_TIMEOUT: removed (was 408) \
         (api_error_examples::errors::OrderError::Timeout)\n"
    );
    assert!(report.is_breaking());
}

#[test]
fn an_operation_that_stops_or_starts_answering_a_code_is_one_line_naming_it() {
    let baseline = Contract::from_baseline(&std::fs::read_to_string(BASELINE).unwrap()).unwrap();
    // The contract as if `GET /orders/{order_id}`'s set had lost `ORDER_NOT_OWNER` (another
    // account's order answered as not found), and `GET /orders` gained `ORDER_NOT_FOUND`.
    let mut file: serde_json::Value =
        serde_json::from_str(&error_contract().to_baseline()).unwrap();
    let operations = &mut file["operations"];
    let codes = operations["GET /orders/{order_id}"].as_array_mut().unwrap();
    codes.retain(|code| code != "ORDER_NOT_OWNER");
    let codes = operations["GET /orders"].as_array_mut().unwrap();
    codes.push("ORDER_NOT_FOUND".into());
    let changed = Contract::from_baseline(&file.to_string()).unwrap();
    let report = changed.compare(&baseline);
    assert_eq!(
        report.to_string(),
        "breaking ORDER_NOT_OWNER: no longer answered by GET /orders/{order_id} \
         (api_error_examples::errors::OrderError::NotOwner)\n\
         additive ORDER_NOT_FOUND: now answered by GET /orders \
         (api_error_examples::errors::OrderError::NotFound)\n"
    );
    assert!(report.is_breaking());
}
