//! Prints the API's error reference, grouped as published, from the error types themselves.
//! `--json` prints it as JSON instead; `--ftl`, as a Fluent template for translators (every
//! code of the service's contract, the layer's own too). `--check BASELINE` compares the API's whole error
//! contract with a baseline file and prints what changed, one line a finding; it exits 0 when
//! nothing did, 1 when a change breaks clients (or two declarations give one code), 3 when the
//! changes only add or reword, and 2 when the baseline cannot be read. With
//! `API_ERROR_CONTRACT=overwrite` it writes the contract as the new baseline instead.
//! `--openapi [json|problem|jsonapi]` prints the service's `OpenAPI` 3.1 document, its errors
//! in that format (`json` unsaid), as `GET /openapi.json` serves it.

use std::process::ExitCode;

use api_error_core::{ApiError, Format};
use api_error_examples::app::openapi;
use api_error_examples::{AppError, error_config, error_contract};

const USAGE: &str =
    "usage: catalog [--json | --ftl | --check BASELINE | --openapi [json|problem|jsonapi]]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => {
            print!("{}", AppError::catalog().to_markdown());
            ExitCode::SUCCESS
        }
        ["--json"] => match serde_json::to_string_pretty(&AppError::catalog()) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("cannot write the catalog as JSON: {error}");
                ExitCode::FAILURE
            }
        },
        ["--ftl"] => {
            print!("{}", api_error_examples::translated_catalog().to_fluent());
            ExitCode::SUCCESS
        }
        ["--check", baseline] => check(baseline),
        ["--openapi"] => print_openapi(Format::Json),
        ["--openapi", format] => match Format::named(format) {
            Some(format) => print_openapi(format),
            None => {
                eprintln!("{USAGE}");
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// `--openapi FORMAT`.
fn print_openapi(format: Format) -> ExitCode {
    match openapi::document(&error_config(format)).to_pretty_json() {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cannot write the document as JSON: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `--check BASELINE`.
fn check(baseline: &str) -> ExitCode {
    match error_contract().check_baseline(baseline) {
        Ok(report) if report.is_empty() => ExitCode::SUCCESS,
        Ok(report) => {
            print!("{report}");
            ExitCode::from(if report.is_breaking() { 1 } else { 3 })
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
    }
}
