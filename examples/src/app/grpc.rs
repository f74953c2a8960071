//! The orders service over gRPC (tonic): `GetOrder` and `ConfirmOrder` of
//! `proto/orders.proto`, on the same state, authentication, rate limits and errors as the HTTP
//! service. Each handler fails with the reference's own errors through `?`: every derived error
//! is a `tonic::Status` whose `google.rpc.ErrorInfo.reason` is its code, with `RetryInfo` when
//! it says when to retry and `RequestInfo` with the request's id, which the [`ApiErrorLayer`]
//! around the service gives each request as it does over HTTP.

mod budget;

use std::time::Duration;

use api_error_core::axum::ApiErrorLayer;
use api_error_core::violation::{Pointer, Violation, reason};
use api_error_core::{Rejection, RejectionKind};
use tokio::net::TcpListener;
use tonic::{Request, Response, Status};

use super::auth::Caller;
use super::caps::{Caps, Incoming};
use super::orders::{confirm, owned};
use super::serving_config;
use super::state::{AppState, Order};
use crate::AppError;
use crate::errors::{AuthError, ValidationError};

/// The messages and the service, generated from `proto/orders.proto` by the build script.
#[allow(missing_docs, unreachable_pub, clippy::pedantic)]
pub mod pb {
    tonic::include_proto!("orders.v1");
}

/// The domain of the service's errors, their `ErrorInfo.domain`.
pub const DOMAIN: &str = "orders.api.example.com";

/// The gRPC orders service.
#[derive(Clone)]
struct Orders {
    state: AppState,
}

impl Orders {
    /// The caller of `request`, from its `authorization` metadata, as over HTTP.
    fn caller<T>(&self, request: &Request<T>) -> Result<Caller, AppError> {
        let headers = request.metadata().clone().into_headers();
        Caller::of(&headers, request.remote_addr(), &self.state).map_err(AppError::from)
    }
}

/// An order as the service sends it.
fn message(order: &Order) -> pb::Order {
    let status = serde_json::to_value(order.status)
        .ok()
        .and_then(|status| status.as_str().map(str::to_owned))
        .unwrap_or_default();
    pb::Order {
        id: order.id.clone(),
        r#type: order.kind.as_str().to_owned(),
        status,
        quantity: order.quantity,
        file_uploaded: order.file_uploaded,
    }
}

#[tonic::async_trait]
impl pb::orders_server::Orders for Orders {
    async fn get_order(
        &self,
        request: Request<pb::GetOrderRequest>,
    ) -> Result<Response<pb::Order>, Status> {
        let caller = self.caller(&request)?;
        let mut data = self.state.data();
        let order = owned(&mut data, &caller, &request.get_ref().order_id)?;
        Ok(Response::new(message(order)))
    }

    async fn confirm_order(
        &self,
        request: Request<pb::ConfirmOrderRequest>,
    ) -> Result<Response<pb::Order>, Status> {
        let caller = self.caller(&request)?;
        caller.require_write().map_err(AuthError::from)?;
        let mut data = self.state.data();
        let order = owned(&mut data, &caller, &request.get_ref().order_id)?;
        confirm(order, &self.state.config)?;
        Ok(Response::new(message(order)))
    }
}

/// The most streams (calls) one connection may have open at once: hyper's server default,
/// which tonic leaves unset unless told.
pub const MAX_CONCURRENT_STREAMS: u32 = 200;

pub use budget::{MAX_CALLS_IN_FLIGHT, MAX_CALLS_PER_ADDRESS};

/// The most streams a client may open and reset before the server answers them, per connection
/// (the "rapid reset" bound).
const MAX_PENDING_RESETS: usize = 20;

/// How often a drain looks whether calls are still in flight, and how long it waits for those
/// already sent to reach the service.
const DRAIN_CHECK: Duration = Duration::from_millis(50);

/// The largest header block a call may send.
const MAX_HEADER_LIST: u32 = 16 * 1024;

/// `server` with the service's limits: streams a connection, calls in flight a connection,
/// resets, header size, and keepalive: a connection quiet for half of `quiet` (the service's
/// [`ServiceConfig::header_timeout`](crate::ServiceConfig::header_timeout)) is pinged, and
/// closed when the answer takes as long again. Its accept loop closes a connection that has been
/// quiet both ways for all of `quiet` (one that never finishes its HTTP/2 handshake, which is
/// never pinged): so a client that holds connections open and silent is let go as an HTTP
/// client that never sends its head is. A call's place among those in flight and its whole
/// time are [`budget`]'s, inside the error layer.
fn limited(server: tonic::transport::Server, quiet: Duration) -> tonic::transport::Server {
    server
        .max_concurrent_streams(MAX_CONCURRENT_STREAMS)
        .concurrency_limit_per_connection(MAX_CONCURRENT_STREAMS as usize)
        .http2_max_pending_accept_reset_streams(Some(MAX_PENDING_RESETS))
        .http2_max_header_list_size(MAX_HEADER_LIST)
        .http2_keepalive_interval(Some(quiet / 2))
        .http2_keepalive_timeout(Some(quiet / 2))
}

/// The largest request message read, in bytes: the service's are a few dozen. A larger one is
/// `RESOURCE_EXHAUSTED`, `CONTENT_TOO_LARGE` (tonic's default is 4 MiB).
const MAX_MESSAGE: usize = 16 * 1024;

/// A status tonic answered for itself (it carries no details: every status of the service's
/// own has its `ErrorInfo`) made one of the service's, in the envelope: a request message that
/// does not decode is `INVALID_ARGUMENT`, `VALIDATION_FAILED` (where tonic says `INTERNAL` and
/// names the message's type and field); one over [`MAX_MESSAGE`] is `RESOURCE_EXHAUSTED`,
/// `CONTENT_TOO_LARGE`; a method the service does not have stays `UNIMPLEMENTED`, with a
/// message and `NOT_FOUND`. Tonic tells these apart only by code and wording: [`FRAMEWORK`]
/// is that table, which `tests/grpc.rs` holds to the tonic of the lockfile. Any other status
/// passes as it is.
fn framework_errors(
    mut response: http::Response<tonic::body::Body>,
) -> http::Response<tonic::body::Body> {
    let headers = response.headers_mut();
    if headers.contains_key("grpc-status-details-bin") {
        return response;
    }
    let Some(status) = tonic::Status::from_header_map(headers) else {
        return response;
    };
    let Some(&(_, _, kind)) = FRAMEWORK
        .iter()
        .find(|(code, start, _)| status.code() == *code && status.message().starts_with(start))
    else {
        return response;
    };
    let answer = match kind {
        Framework::Undecodable => {
            tonic::Status::from(AppError::from(ValidationError::failed([Violation::new(
                Pointer::root(),
                reason::SYNTAX,
                "The request message does not decode as the method's message",
            )])))
        }
        Framework::TooLarge => with_code(
            tonic::Code::ResourceExhausted,
            &Rejection::from_kind(
                Some(RejectionKind::ContentTooLarge),
                http::StatusCode::PAYLOAD_TOO_LARGE,
                None,
                None,
            ),
        ),
        Framework::NoMethod => with_code(
            tonic::Code::Unimplemented,
            &Rejection::from_kind(
                Some(RejectionKind::NotFound),
                http::StatusCode::NOT_FOUND,
                None,
                Some("The service has no such method".to_owned()),
            ),
        ),
    };
    for name in ["grpc-status", "grpc-message", "grpc-status-details-bin"] {
        headers.remove(name);
    }
    // A status's header values are always valid: tonic writes them itself.
    let _ = answer.add_header(headers);
    response
}

/// What tonic answered for itself, by the status's code and how its message starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framework {
    Undecodable,
    TooLarge,
    NoMethod,
}

/// Tonic's own statuses, as tonic 0.14 words them.
const FRAMEWORK: [(tonic::Code, &str, Framework); 3] = [
    (
        tonic::Code::Internal,
        "failed to decode Protobuf message",
        Framework::Undecodable,
    ),
    (
        tonic::Code::OutOfRange,
        "Error, decoded message length too large",
        Framework::TooLarge,
    ),
    // The router's answer to a path it has no service or method for has no message at all.
    (tonic::Code::Unimplemented, "", Framework::NoMethod),
];

/// `rejection` as a status, in the envelope, with `code` in place of the one its HTTP status
/// maps to.
fn with_code(code: tonic::Code, rejection: &Rejection) -> tonic::Status {
    let status = api_error_core::tonic::status(rejection);
    tonic::Status::with_details(code, status.message(), status.details().to_vec().into())
}

/// Serves the gRPC orders service on `listener` until the process ends, its errors in the
/// service's configuration with [`DOMAIN`] as their domain.
///
/// # Errors
///
/// When the server fails: it cannot accept connections any more.
pub async fn serve(listener: TcpListener, state: AppState) -> Result<(), tonic::transport::Error> {
    serve_until(listener, state, std::future::pending()).await
}

/// [`serve`], until `stop` resolves: then no connection is accepted, each connection is told
/// to go (HTTP/2's `GOAWAY`), and the calls in flight are answered, for at most
/// [`ServiceConfig::drain_timeout`](crate::ServiceConfig::drain_timeout) once `stop` has
/// resolved; it returns as soon as none is in flight, idle connections left open or not.
///
/// # Errors
///
/// When the server fails: it cannot accept connections any more.
pub async fn serve_until(
    listener: TcpListener,
    state: AppState,
    stop: impl Future<Output = ()> + Send,
) -> Result<(), tonic::transport::Error> {
    let errors = ApiErrorLayer::new(serving_config(&state.config).grpc_domain(DOMAIN));
    let drain = state.config.drain_timeout;
    let quiet = state.config.header_timeout;
    let incoming = Incoming {
        listener,
        caps: Caps::new(&state.config),
        quiet: Some(quiet),
    };
    let (stopped, draining) = tokio::sync::oneshot::channel::<()>();
    let budget = budget::BudgetLayer::new(state.config.request_timeout);
    let idle = budget.clone();
    let server = limited(tonic::transport::Server::builder(), quiet)
        .layer(errors)
        .layer(tower::util::MapResponseLayer::new(framework_errors))
        .layer(budget)
        .add_service(
            pb::orders_server::OrdersServer::new(Orders { state })
                .max_decoding_message_size(MAX_MESSAGE),
        )
        .serve_with_incoming_shutdown(incoming, async move {
            stop.await;
            let _ = stopped.send(());
        });
    // The drain ends once no call is in flight (hyper's HTTP/2 server would otherwise wait for
    // each client to close its idle connection after the `GOAWAY`), and is bounded: a call that
    // outlasts it is cut off as the process ends.
    let deadline = async move {
        if draining.await.is_err() {
            std::future::pending::<()>().await;
        }
        let began = tokio::time::Instant::now();
        // Idle at two looks in a row: the first leaves the calls already sent a round trip to
        // reach the service, the second leaves the last answer (its place given back once its
        // body was taken) time to be written out.
        let mut idle_looks = 0;
        while idle_looks < 2 {
            if began.elapsed() >= drain {
                return false;
            }
            tokio::time::sleep(DRAIN_CHECK).await;
            idle_looks = if idle.is_idle() { idle_looks + 1 } else { 0 };
        }
        true
    };
    tokio::select! {
        result = server => result,
        drained = deadline => {
            if !drained {
                tracing::warn!(
                    drain_timeout_ms = drain.as_millis(),
                    "stopped with calls still unanswered: they took longer than the drain timeout"
                );
            }
            Ok(())
        }
    }
}
