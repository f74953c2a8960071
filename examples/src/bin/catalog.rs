//! Prints the API's error reference, grouped as published, from the error types themselves.
//! `--json` prints it as JSON instead.

use api_error_core::ApiError;
use api_error_examples::AppError;

fn main() {
    let catalog = AppError::catalog();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(unknown) = args.iter().find(|arg| *arg != "--json") {
        eprintln!("unknown argument `{unknown}`; usage: catalog [--json]");
        std::process::exit(2);
    }
    if args.is_empty() {
        print!("{}", catalog.to_markdown());
    } else {
        match serde_json::to_string_pretty(&catalog) {
            Ok(json) => println!("{json}"),
            Err(error) => {
                eprintln!("cannot write the catalog as JSON: {error}");
                std::process::exit(1);
            }
        }
    }
}
