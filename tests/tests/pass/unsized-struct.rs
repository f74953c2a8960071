//! An unsized error (its last field a `str` or a `Path`) derives: the integrations that take the
//! error by value (axum's `IntoResponse`, `From<E> for tonic::Status`, utoipa's and aide's)
//! are left out, the rest stays.

use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(code = "FILE_UNREADABLE", status = 400, message = "cannot read {file}")]
struct FileError {
    file: std::path::Path,
}

#[derive(Debug, ApiError)]
#[api_error(code = "TAIL", status = 400, message = "bad tail {tail}")]
struct TailError {
    tail: str,
}

/// Compiles when `E` is an error of the crate, `Display` and `Error` included.
fn is_api_error<E: ApiError + ?Sized>() {}

fn main() {
    is_api_error::<FileError>();
    is_api_error::<TailError>();
}
