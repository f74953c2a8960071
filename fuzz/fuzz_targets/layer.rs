//! `ApiErrorLayer` around a service that answers anything: any status, any headers (a content
//! type, an encoding and a length among them, honest or not), any body, in chunks, of a known
//! length or not, honest about its size or not, failing half way or not; to any method.
//!
//! What must hold: the layer answers, without panicking, with one request id; an answer it
//! renders was an error of a kind it reads (plain text of a known length up to 64 KiB, or
//! empty, not encoded), and is then a whole JSON body in the configured format, with the
//! request id, an error status, a 5xx's reason phrase and never its text, and the old headers
//! that do not describe the old body; an answer it must render (by the rules its documentation
//! states) is rendered; and any other answer passes as it came, status, headers and body, but
//! for the request id.

#![no_main]

use core::convert::Infallible;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::collections::VecDeque;

use api_error_core::axum::ApiErrorLayer;
use api_error_core::http::header::{
    ACCEPT_RANGES, ALLOW, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, ETAG, LAST_MODIFIED,
    TRANSFER_ENCODING,
};
use api_error_core::http::{HeaderMap, HeaderName, HeaderValue, Method, Request, Response};
use api_error_core::{Config, ErrorBody, Format, StatusCode, reason_phrase};
use api_error_fuzz::{Entries, is_cut_from, run};
use arbitrary::Arbitrary;
use bytes::Bytes;
use http_body::{Frame, SizeHint};
use http_body_util::BodyExt;
use libfuzzer_sys::fuzz_target;
use tower_layer::Layer;
use tower_service::Service;

/// The most the layer reads of a body to render it.
const READ_MAX: u64 = 64 * 1024;

#[derive(Arbitrary, Debug, Clone)]
enum ContentType {
    None,
    Plain,
    PlainCharset,
    PlainUpper,
    Json,
    Html,
    TheFormats,
    Raw(Vec<u8>),
}

#[derive(Arbitrary, Debug, Clone)]
enum Encoding {
    None,
    Identity,
    IdentityUpper,
    Gzip,
    Raw(Vec<u8>),
}

#[derive(Arbitrary, Debug, Clone)]
enum Length {
    None,
    Honest,
    Raw(u32),
}

/// What the body says of its size.
#[derive(Arbitrary, Debug, Clone)]
enum Hint {
    Exact,
    Unknown,
    Lie(u32),
    Range(u16, u16),
}

#[derive(Arbitrary, Debug)]
struct Input {
    format: u8,
    nest: Option<String>,
    max_body_len: Option<u16>,
    method: u8,
    request_id: Option<Vec<u8>>,
    status: u16,
    content_type: ContentType,
    encoding: Encoding,
    length: Length,
    headers: Vec<(Vec<u8>, Vec<u8>)>,
    chunks: Vec<Vec<u8>>,
    fails: bool,
    hint: Hint,
}

/// The upstream's body: its chunks, then an error if it fails, with the size hint it is given.
struct Upstream {
    chunks: VecDeque<Bytes>,
    fails: bool,
    hint: SizeHint,
}

impl http_body::Body for Upstream {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        let this = self.get_mut();
        if let Some(chunk) = this.chunks.pop_front() {
            return Poll::Ready(Some(Ok(Frame::data(chunk))));
        }
        if this.fails {
            this.fails = false;
            return Poll::Ready(Some(Err(std::io::Error::other("the upstream failed"))));
        }
        Poll::Ready(None)
    }

    fn size_hint(&self) -> SizeHint {
        self.hint.clone()
    }
}

/// The service under the layer: it answers every request with the same response.
#[derive(Clone)]
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    chunks: Vec<Bytes>,
    fails: bool,
    hint: SizeHint,
}

impl Service<Request<String>> for Answer {
    type Response = Response<Upstream>;
    type Error = Infallible;
    type Future = core::future::Ready<Result<Response<Upstream>, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: Request<String>) -> Self::Future {
        let mut response = Response::new(Upstream {
            chunks: self.chunks.iter().cloned().collect(),
            fails: self.fails,
            hint: self.hint.clone(),
        });
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        core::future::ready(Ok(response))
    }
}

fn hint(hint: &Hint, len: u64) -> SizeHint {
    match *hint {
        Hint::Exact => SizeHint::with_exact(len),
        Hint::Unknown => SizeHint::new(),
        Hint::Lie(len) => SizeHint::with_exact(u64::from(len)),
        Hint::Range(a, b) => {
            let mut hint = SizeHint::new();
            hint.set_lower(u64::from(a.min(b)));
            hint.set_upper(u64::from(a.max(b)));
            hint
        }
    }
}

fn describes_body(name: &HeaderName) -> bool {
    name.as_str().starts_with("content-")
        || [TRANSFER_ENCODING, ETAG, LAST_MODIFIED, ACCEPT_RANGES].contains(name)
        || name.as_str() == "digest"
}

fuzz_target!(|input: Input| {
    let format = [Format::Json, Format::Problem, Format::JsonApi][usize::from(input.format % 3)];
    let mut config = Config::new().format(format);
    if let Some(member) = &input.nest {
        config = config.nest_in(member.clone());
    }
    if let Some(limit) = input.max_body_len {
        config = config.max_body_len(usize::from(limit));
    }
    let nested = input.nest.is_some() && format == Format::Json;

    let status = StatusCode::from_u16(100 + input.status % 900).expect("100..1000 are statuses");
    let chunks: Vec<Bytes> = input.chunks.into_iter().map(Bytes::from).collect();
    let text: Vec<u8> = chunks.iter().flatten().copied().collect();
    let len = text.len() as u64;
    let hint = hint(&input.hint, len);
    let mut headers = HeaderMap::new();
    for (name, value) in input.headers.into_iter().take(12) {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(&name),
            HeaderValue::from_bytes(&value),
        ) {
            headers.append(name, value);
        }
    }
    let content_type = match &input.content_type {
        ContentType::None => None,
        ContentType::Plain => Some(b"text/plain".to_vec()),
        ContentType::PlainCharset => Some(b"text/plain; charset=utf-8".to_vec()),
        ContentType::PlainUpper => Some(b"TEXT/PLAIN".to_vec()),
        ContentType::Json => Some(b"application/json".to_vec()),
        ContentType::Html => Some(b"text/html".to_vec()),
        ContentType::TheFormats => Some(format.content_type().as_bytes().to_vec()),
        ContentType::Raw(raw) => Some(raw.clone()),
    };
    headers.remove(CONTENT_TYPE);
    if let Some(value) = content_type.and_then(|v| HeaderValue::from_bytes(&v).ok()) {
        headers.insert(CONTENT_TYPE, value);
    }
    let encoding = match &input.encoding {
        Encoding::None => None,
        Encoding::Identity => Some(b"identity".to_vec()),
        Encoding::IdentityUpper => Some(b"IDENTITY".to_vec()),
        Encoding::Gzip => Some(b"gzip".to_vec()),
        Encoding::Raw(raw) => Some(raw.clone()),
    };
    if let Some(value) = encoding.and_then(|v| HeaderValue::from_bytes(&v).ok()) {
        headers.insert(CONTENT_ENCODING, value);
    }
    match input.length {
        Length::None => {}
        Length::Honest => {
            headers.insert(CONTENT_LENGTH, HeaderValue::from(len));
        }
        Length::Raw(n) => {
            headers.insert(CONTENT_LENGTH, HeaderValue::from(n));
        }
    }
    let upstream = Answer {
        status,
        headers: headers.clone(),
        chunks,
        fails: input.fails,
        hint: hint.clone(),
    };

    let method = [Method::GET, Method::HEAD, Method::POST, Method::DELETE]
        [usize::from(input.method % 4)]
    .clone();
    let head = method == Method::HEAD;
    let mut request = Request::builder().method(method).uri("/fuzz");
    if let Some(id) = input
        .request_id
        .as_deref()
        .and_then(|id| HeaderValue::from_bytes(id).ok())
    {
        request = request.header("x-request-id", id);
    }
    let request = request.body(String::new()).expect("a request");

    let mut service = ApiErrorLayer::new(config).layer(upstream);
    let Ok(response) = run(service.call(request));
    let (parts, body) = response.into_parts();
    let body = run(body.collect()).map(|collected| collected.to_bytes());

    let ids: Vec<&HeaderValue> = parts.headers.get_all("x-request-id").iter().collect();
    assert_eq!(ids.len(), 1, "one request id");
    let id = ids[0].to_str().expect("a request id is text");

    let own_type = HeaderValue::from_static(format.content_type());
    let rendered = parts.headers.get(CONTENT_TYPE) == Some(&own_type)
        && headers.get(CONTENT_TYPE) != Some(&own_type);
    let encoded = headers
        .get(CONTENT_ENCODING)
        .is_some_and(|coding| !coding.as_bytes().eq_ignore_ascii_case(b"identity"));
    let plain = headers.get(CONTENT_TYPE).map(|media| {
        media
            .as_bytes()
            .get(..10)
            .is_some_and(|start| start.eq_ignore_ascii_case(b"text/plain"))
    });
    let error = status.is_client_error() || status.is_server_error();
    let stripped = hint.exact() == Some(0)
        && (headers.contains_key(CONTENT_TYPE)
            || headers
                .get(CONTENT_LENGTH)
                .is_some_and(|l| l.as_bytes() != b"0"));
    let readable = match plain {
        Some(plain) => plain && hint.upper().is_some_and(|upper| upper <= READ_MAX),
        None => hint.exact() == Some(0),
    };
    let must_render = error && readable && !encoded && !(head && stripped);

    if rendered {
        assert!(error, "a {status} was rendered");
        assert!(!encoded, "an encoded body was rendered");
        assert!(readable, "a body the layer does not read was rendered");
        let bytes = body.expect("a rendered body is whole");
        let rendered_status = parts.status;
        assert!(
            rendered_status.is_client_error() || rendered_status.is_server_error(),
            "rendered as {rendered_status}"
        );
        if status.is_server_error() {
            assert_eq!(rendered_status, status);
        } else if status != StatusCode::UNPROCESSABLE_ENTITY {
            assert_eq!(rendered_status, status);
        }
        if let Some(length) = parts.headers.get(CONTENT_LENGTH) {
            assert_eq!(length.to_str().unwrap(), bytes.len().to_string());
        }
        let top = Entries::parse(&bytes)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes)));
        assert!(!top.has_repeated_name(), "{:?}", top.names());
        if !nested {
            let read: ErrorBody = serde_json::from_slice(&bytes).expect("ErrorBody reads it");
            if status.is_server_error() {
                let phrase = reason_phrase(status);
                assert!(
                    is_cut_from(&read.message, phrase),
                    "a 5xx said {:?}",
                    read.message
                );
            }
            if format != Format::Problem {
                if let Some(shown) = &read.request_id {
                    assert_eq!(shown, id);
                }
            }
        }
        // The old headers stay, but for those of the old body and those the rendering sets.
        for name in headers.keys() {
            if describes_body(name) || name == ALLOW || name == "x-request-id" {
                continue;
            }
            let before: Vec<&HeaderValue> = headers.get_all(name).iter().collect();
            let after: Vec<&HeaderValue> = parts.headers.get_all(name).iter().collect();
            assert_eq!(before, after, "header {name}");
        }
        for name in [
            CONTENT_ENCODING,
            TRANSFER_ENCODING,
            ETAG,
            LAST_MODIFIED,
            ACCEPT_RANGES,
        ] {
            assert!(!parts.headers.contains_key(&name), "{name} of the old body");
        }
    } else {
        assert!(
            !must_render,
            "a {status} that should have been rendered passed as it came"
        );
        assert_eq!(parts.status, status);
        let mut expected = headers.clone();
        expected.insert("x-request-id", ids[0].clone());
        assert_eq!(parts.headers, expected);
        match body {
            Ok(bytes) => {
                assert!(!input.fails, "a failing body passed as a whole one");
                assert_eq!(&bytes[..], &text[..]);
            }
            Err(_) => assert!(input.fails, "a whole body failed"),
        }
    }
});
