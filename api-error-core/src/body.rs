use bytes::Bytes;
use http::{HeaderValue, StatusCode, header::CONTENT_TYPE};
use serde::ser::{Error as _, Serialize, SerializeMap, Serializer};
use serde::{Deserialize, Serialize as DeriveSerialize};

use crate::{ApiError, Details, Headers, PublicMessage, reason_phrase};

/// The media type of every body this crate writes.
pub const CONTENT_TYPE_JSON: &str = "application/json";

/// The JSON body of an error, serialized straight from the error without copying it.
///
/// `serde_json::to_vec(&Body::new(&err))` gives the bytes the response sends, and so does
/// `serde_json::to_vec(&err)` for a derived error:
///
/// ```json
/// {"code":"ORDER_NOT_PENDING","message":"Order 42 is not in pending status","details":{"id":42}}
/// ```
///
/// `details` is left out when the error passes no field to [`Details`].
///
/// When a detail fails to serialize, `Serialize` returns that error to its caller, who asked for
/// exactly this body; [`ApiError::to_response`], which has no caller to tell, sends the body
/// without `details` instead.
pub struct Body<'a, E: ?Sized> {
    error: &'a E,
    with_details: bool,
}

impl<'a, E: ApiError + ?Sized> Body<'a, E> {
    /// The body of `error`.
    pub fn new(error: &'a E) -> Self {
        Body {
            error,
            with_details: true,
        }
    }
}

impl<E: ApiError + ?Sized> Serialize for Body<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let details = self.with_details && detail_count(self.error) > 0;
        let mut map = serializer.serialize_map(Some(2 + usize::from(details)))?;
        map.serialize_entry("code", self.error.code())?;
        map.serialize_entry("message", &PublicMessage(self.error))?;
        if details {
            map.serialize_entry("details", &DetailsMap(self.error))?;
        }
        map.end()
    }
}

fn detail_count<E: ApiError + ?Sized>(error: &E) -> usize {
    let mut count = 0;
    error.details(&mut Details::new(&mut |_, _| count += 1));
    count
}

/// The `details` object: one member per field the error passes to [`Details::add`].
struct DetailsMap<'a, E: ?Sized>(&'a E);

impl<E: ApiError + ?Sized> Serialize for DetailsMap<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let mut failed = None;
        self.0.details(&mut Details::new(&mut |name, value| {
            if failed.is_none()
                && let Err(error) = map.serialize_entry(name, value)
            {
                failed = Some(error.to_string());
            }
        }));
        match failed {
            Some(message) => Err(S::Error::custom(message)),
            None => map.end(),
        }
    }
}

/// An error body as a client reads it back.
///
/// It accepts codes it has never seen and ignores members it does not know, so a client keeps
/// working when the server adds codes or members.
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
#[derive(Debug, Clone, PartialEq, DeriveSerialize, Deserialize)]
pub struct ErrorBody {
    /// The stable, machine-readable code.
    pub code: String,
    /// The message meant for a person.
    pub message: String,
    /// The fields the error exposes, when it exposes any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Builds the response of `error`; see [`ApiError::to_response`].
pub(crate) fn response<E: ApiError + ?Sized>(error: &E) -> http::Response<Bytes> {
    let mut response = http::Response::new(Bytes::from(body_bytes(error)));
    *response.status_mut() = error.status();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE_JSON));
    error.headers(&mut Headers::new(headers));
    response
}

/// The body's bytes, degrading instead of failing: without the details when one of them fails
/// to serialize, and with the reason phrase when the message itself fails to write.
fn body_bytes<E: ApiError + ?Sized>(error: &E) -> Vec<u8> {
    serde_json::to_vec(&Body::new(error))
        .or_else(|_| {
            serde_json::to_vec(&Body {
                error,
                with_details: false,
            })
        })
        .unwrap_or_else(|_| fallback_body(error.code(), error.status()))
}

fn fallback_body(code: &str, status: StatusCode) -> Vec<u8> {
    #[derive(DeriveSerialize)]
    struct Fallback<'a> {
        code: &'a str,
        message: &'a str,
    }
    let body = Fallback {
        code,
        message: reason_phrase(status),
    };
    // A struct of two strings always serializes.
    serde_json::to_vec(&body).unwrap_or_default()
}
