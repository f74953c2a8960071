use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum Never {}

fn never(error: &Never) -> &'static str {
    error.code()
}

fn main() {
    let _ = never;
    assert_eq!(Never::catalog().entries().len(), 0);
}
