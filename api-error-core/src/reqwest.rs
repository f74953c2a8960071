//! The reqwest integration (feature `reqwest`): a response of a service whose errors are a
//! type declared with `#[api_error(decode)]`, read as the success it may be or as that error.
//!
//! ```no_run
//! use api_error_core::reqwest::{ClientError, json};
//! use api_error_core::{ApiError, Decoded};
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(decode)]
//! enum OrderError {
//!     #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
//!     NotFound,
//! }
//!
//! #[derive(serde::Deserialize)]
//! struct Order {
//!     id: String,
//! }
//!
//! # async fn run(client: reqwest::Client) {
//! let response = client.get("http://localhost:3000/orders/ord_1").send().await.unwrap();
//! match json::<Order, OrderError>(response).await {
//!     Ok(order) => println!("order {}", order.id),
//!     Err(ClientError::Api { error: Decoded::Known(OrderError::NotFound), .. }) => println!("no such order"),
//!     Err(other) => println!("{other}"),
//! }
//! # }
//! ```

use core::fmt;

use http::StatusCode;
use serde::de::DeserializeOwned;

use crate::decode::{Decode, Decoded};

/// The most bytes of an error response read to decode it: a server bounds its error bodies
/// (16 KiB unless configured), and a client bounds what it reads of them. A longer body is
/// decoded from its first bytes, which come back [`Decoded::Unknown`].
pub const ERROR_BODY_MAX: usize = 1024 * 1024;

/// Why a response was not the success a client asked for.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError<E> {
    /// The service answered with an error status; its body, decoded.
    Api {
        /// The status.
        status: StatusCode,
        /// The response's headers: `x-request-id`, `Retry-After`, a challenge.
        headers: Box<http::HeaderMap>,
        /// The error, or what was received when the type cannot rebuild it.
        error: Decoded<E>,
    },
    /// The request failed, or reading the response did.
    Http(reqwest::Error),
    /// The service answered with a success whose body is not of the type asked for.
    Body {
        /// The status.
        status: StatusCode,
        /// Why the body does not read as the type.
        error: serde_json::Error,
    },
}

impl<E: fmt::Debug> fmt::Display for ClientError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Api {
                status,
                error: Decoded::Known(error),
                ..
            } => write!(f, "the service answered {status}: {error:?}"),
            ClientError::Api {
                status,
                error: Decoded::Unknown(unknown),
                ..
            } => match &unknown.body {
                Some(body) => write!(
                    f,
                    "the service answered {status}, {}: {:?}",
                    body.code, body.message
                ),
                None => write!(
                    f,
                    "the service answered {status} with a body that is no error's"
                ),
            },
            ClientError::Http(error) => write!(f, "the request failed: {error}"),
            ClientError::Body { status, error } => {
                write!(
                    f,
                    "the service answered {status} with an unexpected body: {error}"
                )
            }
        }
    }
}

impl<E: fmt::Debug> core::error::Error for ClientError<E> {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            ClientError::Http(error) => Some(error),
            ClientError::Body { error, .. } => Some(error),
            ClientError::Api { .. } => None,
        }
    }
}

impl<E> From<reqwest::Error> for ClientError<E> {
    fn from(error: reqwest::Error) -> Self {
        ClientError::Http(error)
    }
}

/// `response` as `T` when its status is a success, else as the error `E` it carries.
///
/// # Errors
///
/// [`ClientError::Api`] for a 4xx or 5xx (whatever its body), [`ClientError::Http`] when the
/// body cannot be read, [`ClientError::Body`] when a success's body is not a `T` (an empty one
/// reads as `null`, so that `()` and `Option` take a `204`). A success's body is read whole, as
/// reqwest reads it; an error's up to [`ERROR_BODY_MAX`].
pub async fn json<T, E>(mut response: reqwest::Response) -> Result<T, ClientError<E>>
where
    T: DeserializeOwned,
    E: Decode,
{
    let status = response.status();
    if status.is_client_error() || status.is_server_error() {
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            let room = ERROR_BODY_MAX - body.len();
            body.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if body.len() == ERROR_BODY_MAX {
                break;
            }
        }
        return Err(ClientError::Api {
            status,
            headers: Box::new(response.headers().clone()),
            error: E::from_body(&body),
        });
    }
    let body = response.bytes().await?;
    let body: &[u8] = if body.is_empty() { b"null" } else { &body };
    serde_json::from_slice(body).map_err(|error| ClientError::Body { status, error })
}
