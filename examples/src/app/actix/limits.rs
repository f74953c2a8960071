//! The limits the axum service has, on actix-web: a body that pauses for too long, or is still
//! arriving when the whole request's time is up, is answered `408` in the envelope; a request
//! whose handler is still at work when its time is up too; and a connection is closed, not
//! read on, after an answer given before its request's body was read to its end (a `401` to a
//! body still arriving, say); and one client address (IPv6: one /64) holds at most its share of
//! the connections ([`admission`]). The head's timeout, the keep-alive, the connection cap and
//! the drain are actix-web's own settings, set by [`serve`](super::serve).
//!
//! Written here because actix-web has no body timeout of its own and no middleware crate of its
//! ecosystem times a body's pauses. The body's reader keeps the timer: a pause ends the body
//! with an error, which the handler's extractor answers, and the middleware makes that answer
//! the `408` (rendered by the error middleware around it, with the request's id).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::body::{BodySize, MessageBody};
use actix_web::dev::{Extensions, Payload, ServiceRequest, ServiceResponse};
use actix_web::error::{ErrorRequestTimeout, PayloadError};
use actix_web::http::ConnectionType;
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{Error, HttpMessage};
use api_error_core::{Rejection, RejectionKind};
use futures_core::Stream;
use tokio::time::{Instant, Sleep};

use super::super::caps::Caps;
use super::super::state::ServiceConfig;

/// What admits each connection actix-web accepts, as its `on_connect` hook: one from a client
/// address that already holds its share ([`ServiceConfig::max_connections_per_address`]) is
/// shut down at once, so that actix-web reads an end and closes it unanswered, as the other
/// services close theirs; an admitted one holds its share, in the connection's data, until it
/// closes. The whole's cap stays actix-web's own (past it, actix-web stops accepting).
///
/// Written here because actix-web has no say at accept: the hook can only see the socket,
/// which socket2 shuts down.
pub(super) fn admission(
    config: &ServiceConfig,
) -> impl Fn(&dyn Any, &mut Extensions) + Send + Sync + 'static {
    let caps = Mutex::new(Caps::new(&ServiceConfig {
        max_connections: tokio::sync::Semaphore::MAX_PERMITS,
        ..*config
    }));
    move |connection, data| {
        let Some(stream) = connection.downcast_ref::<actix_web::rt::net::TcpStream>() else {
            return;
        };
        let Ok(peer) = stream.peer_addr() else {
            return;
        };
        let admitted = caps
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .admit(peer.ip());
        match admitted {
            Some(admitted) => {
                data.insert(Rc::new(admitted));
            }
            None => {
                let _ = socket2::SockRef::from(stream).shutdown(std::net::Shutdown::Both);
            }
        }
    }
}

/// How long a request may take, and a pause within its body.
#[derive(Debug, Clone, Copy)]
pub(super) struct Deadlines {
    pub(super) request: Duration,
    pub(super) body_idle: Duration,
}

/// What is known of a request's body.
#[derive(Default)]
struct Progress {
    /// Whether it was read to its end (a request without one has).
    done: Cell<bool>,
    /// Whether it ran out of time while it was being read.
    timed_out: Cell<bool>,
}

/// A request's body as its handler reads it: ended with an error when it pauses past the idle
/// timeout or is still arriving at the request's end, its end and its timing told to
/// [`Progress`].
struct Watched {
    /// Shared with the middleware, which keeps it past the handler (see [`Unread`]).
    body: Rc<RefCell<Payload>>,
    progress: Rc<Progress>,
    /// The next deadline: the pause's, or the request's when that comes first.
    timer: Pin<Box<Sleep>>,
    end: Instant,
    idle: Duration,
}

impl Stream for Watched {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.progress.timed_out.get() {
            return Poll::Ready(None);
        }
        let polled = Pin::new(&mut *this.body.borrow_mut()).poll_next(cx);
        match polled {
            Poll::Ready(Some(Ok(bytes))) => {
                let next = (Instant::now() + this.idle).min(this.end);
                this.timer.as_mut().reset(next);
                Poll::Ready(Some(Ok(bytes)))
            }
            Poll::Ready(None) => {
                this.progress.done.set(true);
                Poll::Ready(None)
            }
            Poll::Ready(Some(Err(error))) => Poll::Ready(Some(Err(error))),
            Poll::Pending => match this.timer.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    this.progress.timed_out.set(true);
                    Poll::Ready(Some(Err(PayloadError::Io(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        "the body did not arrive in time",
                    )))))
                }
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

/// A response's body, holding the request's body that was not read to its end until the
/// response is sent: actix-web reads on the rest of a chunked body whose reader is gone, to keep
/// the connection, so one that never ends would be read for ever; a body still held when the
/// answer goes makes actix-web close the connection after it instead (reading and dropping, for
/// at most `client_disconnect_timeout`, what still comes, so that the client sees the answer).
struct Holding<B> {
    body: Pin<Box<B>>,
    _unread: Rc<RefCell<Payload>>,
}

impl<B: MessageBody> MessageBody for Holding<B> {
    type Error = B::Error;

    fn size(&self) -> BodySize {
        self.body.size()
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        self.get_mut().body.as_mut().poll_next(cx)
    }
}

/// The limits of each request, inside the error middleware: see the module.
pub(super) async fn limits(
    mut request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
    deadlines: Deadlines,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let now = Instant::now();
    let end = now + deadlines.request;
    let progress = Rc::new(Progress::default());
    let mut kept = None;
    match request.take_payload() {
        Payload::None => progress.done.set(true),
        body => {
            let body = Rc::new(RefCell::new(body));
            kept = Some(Rc::clone(&body));
            let watched: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>> =
                Box::pin(Watched {
                    body,
                    progress: Rc::clone(&progress),
                    timer: Box::pin(tokio::time::sleep_until(
                        (now + deadlines.body_idle).min(end),
                    )),
                    end,
                    idle: deadlines.body_idle,
                });
            request.set_payload(Payload::from(watched));
        }
    }
    // A handler still at work when the request's time is up is answered `408` too (its body was
    // read: the body's reader answers first otherwise).
    let Ok(answered) = tokio::time::timeout_at(end, next.call(request)).await else {
        return Err(ErrorRequestTimeout(""));
    };
    let mut response = answered?.map_into_left_body();
    if progress.timed_out.get() {
        // Rendered here, in the request's scope, as the error middleware renders a status the
        // reference has no code for: `CLIENT_ERROR`, the status's reason phrase.
        let timed_out = Rejection::from_kind(
            Some(RejectionKind::ClientError),
            http::StatusCode::REQUEST_TIMEOUT,
            None,
            None,
        );
        let (request, _) = response.into_parts();
        response = ServiceResponse::new(request, api_error_core::actix::response(&timed_out))
            .map_into_right_body();
    }
    let Some(unread) = kept.filter(|_| !progress.done.get()) else {
        return Ok(response.map_into_left_body());
    };
    response
        .response_mut()
        .head_mut()
        .set_connection_type(ConnectionType::Close);
    Ok(response
        .map_body(|_, body| Holding {
            body: Box::pin(body),
            _unread: unread,
        })
        .map_into_right_body())
}
