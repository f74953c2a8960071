//! The error body as a client reads it back, whatever format the server sent.

use serde::{Deserialize, Serialize};

type Map = serde_json::Map<String, serde_json::Value>;

/// An error body as a client reads it back, from a [`Format::Json`](crate::Format::Json) body
/// that is not nested, from problem details (whose `detail` it reads as the message; their
/// extension members are not read back as details), or from a JSON:API document (its first
/// error: `detail` as the message, `meta` as the details, `id` as the request id).
///
/// It accepts codes it has never seen and ignores members it does not know, so a client keeps
/// working when the server adds codes or members. A body cut for its length reads back as it
/// was sent: the default body without `details` (its `details_omitted` is not read), a JSON:API
/// error with `{"details_omitted": true}` as its details; the `instance` of problem details is
/// not read back as the request id.
///
/// ```
/// use api_error_core::ErrorBody;
///
/// let body: ErrorBody = serde_json::from_str(
///     r#"{"code":"ORDER_NOT_PENDING","message":"Order 42 is not in pending status","details":{"id":42},"trace":"x"}"#,
/// )
/// .unwrap();
/// assert_eq!(body.code, "ORDER_NOT_PENDING");
/// assert_eq!(body.details.unwrap()["id"], 42);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Received")]
pub struct ErrorBody {
    /// The stable, machine-readable code.
    pub code: String,
    /// The message meant for a person.
    pub message: String,
    /// The fields the error exposes, when it exposes any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Map>,
    /// The id of the request that failed, when the server knew it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// A body in any of the formats a server may send.
#[derive(Deserialize)]
#[serde(untagged)]
enum Received {
    // First: a body with a top-level `code` is the default body or problem details, even with
    // an extension member called `errors`; a JSON:API document has none.
    Flat(Flat),
    Document { errors: Vec<JsonApiError> },
}

/// The default body, or problem details.
#[derive(Deserialize)]
struct Flat {
    code: String,
    #[serde(alias = "detail")]
    message: String,
    #[serde(default)]
    details: Option<Map>,
    #[serde(default)]
    request_id: Option<String>,
}

/// An error object of a JSON:API document.
#[derive(Deserialize)]
struct JsonApiError {
    code: String,
    #[serde(default)]
    detail: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    meta: Option<Map>,
    #[serde(default)]
    id: Option<String>,
}

impl TryFrom<Received> for ErrorBody {
    type Error = &'static str;

    fn try_from(received: Received) -> Result<Self, Self::Error> {
        match received {
            Received::Flat(flat) => Ok(ErrorBody {
                code: flat.code,
                message: flat.message,
                details: flat.details,
                request_id: flat.request_id,
            }),
            Received::Document { errors } => {
                let error = errors
                    .into_iter()
                    .next()
                    .ok_or("a JSON:API error document with no error")?;
                Ok(ErrorBody {
                    code: error.code,
                    message: error.detail.or(error.title).unwrap_or_default(),
                    details: error.meta,
                    request_id: error.id,
                })
            }
        }
    }
}
