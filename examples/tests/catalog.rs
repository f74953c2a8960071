//! The error reference printed from the code is the published one, row for row.

use std::process::Command;

use api_error_core::ApiError;
use api_error_examples::AppError;

/// The published reference, as committed: its first line is a cut-off remnant of the text
/// before it, and the rest is the reference itself.
const REFERENCE: &str = include_str!("fixtures/error-catalog.md");

fn reference() -> &'static str {
    REFERENCE.split_once('\n').map_or("", |(_, rest)| rest)
}

#[test]
fn catalog_binary_prints_the_published_reference() {
    let output = Command::new(env!("CARGO_BIN_EXE_catalog"))
        .output()
        .expect("the catalog binary runs");
    assert!(output.status.success());
    let printed = String::from_utf8(output.stdout).unwrap();
    assert_eq!(printed, reference());
}

#[test]
fn every_reference_row_is_a_declared_error_with_its_status_and_description() {
    let catalog = AppError::catalog();
    let rows: Vec<(&str, u16, &str)> = reference()
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split(" | ").collect();
            match cells.as_slice() {
                [code, status, description]
                    if code.chars().all(|c| c.is_ascii_uppercase() || c == '_') =>
                {
                    Some((
                        *code,
                        status.parse().ok()?,
                        description.trim_end_matches(" |"),
                    ))
                }
                _ => None,
            }
        })
        .collect();
    assert_eq!(rows.len(), 26);
    let declared: Vec<(&str, u16, &str)> = catalog
        .iter()
        .map(|e| (e.code(), e.status().as_u16(), e.summary().unwrap_or("")))
        .collect();
    assert_eq!(declared, rows);
}

#[test]
fn no_code_is_declared_twice_across_the_api() {
    assert_eq!(AppError::catalog().duplicates(), []);
}

#[test]
fn catalog_binary_prints_json_too() {
    let output = Command::new(env!("CARGO_BIN_EXE_catalog"))
        .arg("--json")
        .output()
        .expect("the catalog binary runs");
    assert!(output.status.success());
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(entries.len(), 26);
    assert_eq!(
        entries[0],
        serde_json::json!({
            "code": "AUTH_NOT_AUTHENTICATED",
            "status": 401,
            "message": "Authentication required",
            "summary": "Authentication required",
            "type": "AuthError",
            "variant": "NotAuthenticated",
            "details": [],
            "headers": ["WWW-Authenticate"],
        })
    );
}
