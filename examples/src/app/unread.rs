//! An answer given before the request's body was read to its end (a `401` to a body still
//! arriving, a `413` to one over the limit) says `Connection: close`: the server then closes the
//! connection after the answer rather than read on the rest of the body, and the client learns
//! why its connection ends. hyper (under axum and poem) keeps such a connection only when the
//! rest of the body had already arrived, and otherwise closes it without saying so; the services
//! here close it always, as actix-web's reader does in `actix/limits.rs`: a client that is
//! answered early may open a new connection for its next request, and none is read on.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use http::header::{CONNECTION, CONTENT_LENGTH, TRANSFER_ENCODING};
use http::{HeaderMap, HeaderValue};
use http_body::{Body, Frame, SizeHint};

/// Whether a request's body was read to its end, as its [`Watched`] body saw it.
#[derive(Debug, Clone)]
pub(super) struct Ended(Arc<AtomicBool>);

impl Ended {
    /// Marks the answer, in `headers`, to close the connection if the request's body was not
    /// read to its end.
    pub(super) fn close_unless_read(&self, headers: &mut HeaderMap) {
        if !self.0.load(Ordering::Relaxed) {
            headers.insert(CONNECTION, HeaderValue::from_static("close"));
        }
    }
}

/// Whether `request` announces a body: a `Content-Length` other than 0, or any
/// `Transfer-Encoding`. A request that does not (most of them) has nothing to watch.
pub(super) fn announces_body(request: &HeaderMap) -> bool {
    request.contains_key(TRANSFER_ENCODING)
        || request
            .get(CONTENT_LENGTH)
            .is_some_and(|length| length.as_bytes() != b"0")
}

/// A request body that says, through its [`Ended`], when it has been read to its end.
pub(super) struct Watched<B> {
    body: B,
    ended: Ended,
}

impl<B> Watched<B> {
    /// `body`, of a request that [`announces_body`], and what says whether it was read to its
    /// end.
    pub(super) fn new(body: B) -> (Self, Ended) {
        let ended = Ended(Arc::new(AtomicBool::new(false)));
        let watched = Watched {
            body,
            ended: ended.clone(),
        };
        (watched, ended)
    }
}

impl<B: Body + Unpin> Body for Watched<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let this = self.get_mut();
        let frame = Pin::new(&mut this.body).poll_frame(cx);
        if matches!(frame, Poll::Ready(None)) || this.body.is_end_stream() {
            this.ended.0.store(true, Ordering::Relaxed);
        }
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// The axum service's middleware: each request's body watched, and the answer marked
/// `Connection: close` when the body was not read to its end.
pub(super) async fn close_unread(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if !announces_body(request.headers()) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let (body, ended) = Watched::new(body);
    let request = axum::extract::Request::from_parts(parts, axum::body::Body::new(body));
    let mut response = next.run(request).await;
    ended.close_unless_read(response.headers_mut());
    response
}
