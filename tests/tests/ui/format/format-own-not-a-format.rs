use api_error_core::ApiError;

/// Not a format: a string.
const PROBLEM: &str = "problem";

#[derive(Debug, ApiError)]
#[api_error(format = PROBLEM, code = "X", status = 400)]
struct NamedByAConstant;

#[derive(Debug, ApiError)]
#[api_error(format = 7, code = "Y", status = 400)]
struct NamedByANumber;

fn main() {}
