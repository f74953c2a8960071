//! The error reference printed from the code is the published one, row for row.

use std::process::Command;

use api_error_core::ApiError;
use api_error_examples::AppError;

/// The published reference, as committed: its first line is a cut-off remnant of the text
/// before it, and the rest is the reference itself.
const REFERENCE: &str = include_str!("fixtures/error-catalog.md");

/// What the catalog binary prints with `args`, which it exits 0 after.
fn printed(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_catalog"))
        .args(args)
        .output()
        .expect("the catalog binary runs");
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

fn reference() -> &'static str {
    REFERENCE.split_once('\n').map_or("", |(_, rest)| rest)
}

#[test]
fn catalog_binary_prints_a_fluent_template_that_loads_and_covers_every_code() {
    let template = printed(&["--ftl"]);
    let catalog = api_error_examples::translated_catalog();
    assert_eq!(template, catalog.to_fluent());
    assert!(template.contains(
        "# Order is not in pending status\n# Variables: $order_id\n\
         ORDER_NOT_PENDING = Order { $order_id } is not in pending status\n    \
         .title = Order is not in pending status\n"
    ));
    let translations = api_error_core::Translations::builder("en")
        .add("xx", "template.ftl", &template)
        .build()
        .unwrap_or_else(|errors| panic!("{errors}"));
    translations.assert_covers(&catalog);
}

#[test]
fn catalog_binary_prints_the_published_reference() {
    assert_eq!(printed(&[]), reference());
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
    let entries: Vec<serde_json::Value> = serde_json::from_str(&printed(&["--json"])).unwrap();
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

/// The catalog binary's `--check` against `baseline`: its exit code and what it printed.
fn check(baseline: &std::path::Path) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_catalog"))
        .args(["--check".as_ref(), baseline.as_os_str()])
        .env_remove(api_error_core::contract::OVERWRITE_VAR)
        .output()
        .expect("the catalog binary runs");
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn catalog_check_passes_the_baseline_and_fails_a_changed_one_with_its_report() {
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("error-contract.json");
    assert_eq!(check(&committed), (Some(0), String::new(), String::new()));

    let dir = std::env::temp_dir().join(format!("api-error-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(&committed).unwrap();
    // A baseline in which ORDER_NOT_FOUND answered 410: the service now answers it 404.
    let changed = dir.join("changed.json");
    let moved = text.replacen(
        "\"code\": \"ORDER_NOT_FOUND\",\n      \"status\": 404,",
        "\"code\": \"ORDER_NOT_FOUND\",\n      \"status\": 410,",
        1,
    );
    assert_ne!(moved, text);
    std::fs::write(&changed, moved).unwrap();
    assert_eq!(
        check(&changed),
        (
            Some(1),
            "breaking ORDER_NOT_FOUND: status 410 became 404 \
             (api_error_examples::errors::OrderError::NotFound)\n"
                .to_owned(),
            String::new()
        )
    );
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\n  \"version\": 1,\n  \"errors\": [,]\n}\n").unwrap();
    let (code, stdout, stderr) = check(&broken);
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert!(
        stderr.starts_with(&format!(
            "line 3: {}: not an error contract baseline: ",
            broken.display()
        )),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
