//! Request ids from arbitrary header bytes: none, one or several values of the id header (the
//! default `x-request-id` or another name), through `ApiErrorLayer`, to a service that answers
//! a success, a bare error the layer renders, or an error of its own rendered in the layer's
//! scope.
//!
//! What must hold: every response carries exactly one id; it is the request's own (the first
//! value) when that is 1 to 128 bytes of letters, digits and `-_.+=` with a letter or digit
//! among them, and otherwise a generated id of 32 lowercase hex digits; the service saw the
//! same id, in its `RequestId` extension and in the request's header; an error body that shows
//! the id shows that one.

#![no_main]

use core::convert::Infallible;
use core::fmt;
use core::task::{Context, Poll};
use std::sync::{Arc, Mutex};

use api_error_core::axum::ApiErrorLayer;
use api_error_core::{REQUEST_ID_HEADER, RequestId};
use api_error_core::http::{HeaderName, HeaderValue, Request, Response};
use api_error_core::{ApiError, Catalog, Config, ErrorBody, Format, StatusCode};
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use tower_layer::Layer;
use tower_service::Service;

#[derive(Arbitrary, Debug)]
enum Outcome {
    Success,
    BareError(u8),
    OwnError,
}

#[derive(Arbitrary, Debug)]
struct Input {
    header: Option<Vec<u8>>,
    values: Vec<Vec<u8>>,
    /// Whether the values go in the id header or in another one.
    elsewhere: bool,
    format: u8,
    outcome: Outcome,
}

/// An error of the service's own, which shows the request id in its body.
#[derive(Debug)]
struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("refused")
    }
}

impl std::error::Error for Refused {}

impl ApiError for Refused {
    fn code(&self) -> &'static str {
        "REFUSED"
    }

    fn status(&self) -> StatusCode {
        StatusCode::CONFLICT
    }

    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Refused")
    }

    fn catalog() -> Catalog {
        Catalog::new()
    }
}

/// What the service saw of the id: its extension, and the request's header.
type Seen = Arc<Mutex<Option<(String, Option<HeaderValue>)>>>;

#[derive(Clone)]
struct Service_ {
    header: HeaderName,
    outcome: u8,
    status: StatusCode,
    seen: Seen,
}

impl Service<Request<String>> for Service_ {
    type Response = Response<axum_core::body::Body>;
    type Error = Infallible;
    type Future = core::future::Ready<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<String>) -> Self::Future {
        let extension = request
            .extensions()
            .get::<RequestId>()
            .map(|id| id.as_str().to_owned())
            .expect("the layer sets a RequestId on every request");
        let header = request.headers().get(&self.header).cloned();
        *self.seen.lock().unwrap() = Some((extension, header));
        let response = match self.outcome {
            0 => Response::new("fine".into()),
            1 => {
                let mut response = Response::new(axum_core::body::Body::empty());
                *response.status_mut() = self.status;
                response
            }
            _ => api_error_core::axum::response(&Refused),
        };
        core::future::ready(Ok(response))
    }
}

/// The rule the layer documents for an id it takes from a request.
fn is_valid(id: &[u8]) -> bool {
    (1..=128).contains(&id.len())
        && id
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"-_.+=".contains(&b))
        && id.iter().any(u8::is_ascii_alphanumeric)
}

fn is_generated(id: &[u8]) -> bool {
    id.len() == 32
        && id
            .iter()
            .all(|&b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fuzz_target!(|input: Input| {
    let format = [Format::Json, Format::Problem, Format::JsonApi][usize::from(input.format % 3)];
    let name = input
        .header
        .as_deref()
        .and_then(|name| HeaderName::from_bytes(name).ok())
        .unwrap_or(REQUEST_ID_HEADER);
    let layer = ApiErrorLayer::new(Config::new().format(format)).request_id_header(name.clone());
    let (outcome, status) = match input.outcome {
        Outcome::Success => (0, StatusCode::OK),
        Outcome::BareError(n) => (
            1,
            StatusCode::from_u16(400 + u16::from(n) % 200).expect("400..600 are statuses"),
        ),
        Outcome::OwnError => (2, StatusCode::CONFLICT),
    };
    let seen: Seen = Arc::default();
    let mut service = layer.layer(Service_ {
        header: name.clone(),
        outcome,
        status,
        seen: Arc::clone(&seen),
    });

    let target = if input.elsewhere {
        HeaderName::from_static("x-other-id")
    } else {
        name.clone()
    };
    let mut request = Request::builder().uri("/");
    let mut given = None;
    for value in input.values.iter().take(4) {
        if let Ok(value) = HeaderValue::from_bytes(value) {
            if target == name && given.is_none() {
                given = Some(value.clone());
            }
            request = request.header(target.clone(), value);
        }
    }
    let request = request.body(String::new()).expect("a request");

    let Ok(response) = api_error_fuzz::run(service.call(request));
    let ids: Vec<&HeaderValue> = response.headers().get_all(&name).iter().collect();
    assert_eq!(ids.len(), 1, "one id on the response");
    let id = ids[0].as_bytes();
    match given.as_ref().filter(|given| is_valid(given.as_bytes())) {
        Some(given) => assert_eq!(id, given.as_bytes(), "the request's own id is kept"),
        None => assert!(
            is_generated(id),
            "a generated id: {:?}",
            String::from_utf8_lossy(id)
        ),
    }
    let id = core::str::from_utf8(id).expect("an id is text").to_owned();
    let id = id.as_str();
    let (extension, header) = seen.lock().unwrap().take().expect("the service was called");
    assert_eq!(extension, id);
    assert_eq!(
        header.as_ref().map(HeaderValue::as_bytes),
        Some(id.as_bytes())
    );

    let (parts, body) = response.into_parts();
    let bytes = api_error_fuzz::run(http_body_util::BodyExt::collect(body))
        .expect("an in-memory body")
        .to_bytes();
    if parts.status.is_client_error() || parts.status.is_server_error() {
        let read: ErrorBody = serde_json::from_slice(&bytes).expect("an error body");
        match format {
            Format::Problem => {
                let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(value["instance"], format!("urn:request:{id}"));
            }
            _ => assert_eq!(read.request_id.as_deref(), Some(id)),
        }
    }
});
