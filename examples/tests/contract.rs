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
