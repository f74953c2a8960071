//! Prints the API's error reference, grouped as published, from the error types themselves.
//! `--json` prints it as JSON instead.

use api_error_core::ApiError;
use api_error_examples::AppError;

fn main() {
    let catalog = AppError::catalog();
    if std::env::args().any(|arg| arg == "--json") {
        match serde_json::to_string_pretty(&catalog) {
            Ok(json) => println!("{json}"),
            Err(error) => {
                eprintln!("cannot write the catalog as JSON: {error}");
                std::process::exit(1);
            }
        }
    } else {
        print!("{}", catalog.to_markdown());
    }
}
