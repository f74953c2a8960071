//! A part of the orders API on poem 3, one route or more per group of the reference's errors,
//! with the same error types, state, authentication, rate limits and logic as the axum service,
//! through `api-error-poem`, an integration written outside the core: its
//! [`ApiErrorMiddleware`] around the app renders every error in the service's configuration,
//! and poem's own (a query or path that does not parse, a body over the limit, an unknown
//! route) with the same codes as the axum service's layer.
//!
//! Routes: `GET /orders` (`?limit=`, through poem's `Query`), `POST /orders`,
//! `GET /orders/{order_id}`, `POST /orders/{order_id}/confirm`, `GET
//! /orders/{order_id}/receipt`, `GET /plans/{plan_id}`, `POST /webhooks` and
//! `GET /webhooks/{webhook_id}`. Every body is read up to the service's limit, 2 MiB.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use api_error_poem::{Answer, ApiErrorMiddleware};
use poem::error::ParseJsonError;
use poem::http::StatusCode;
use poem::http::uri::Scheme;
use poem::listener::{Acceptor, TcpAcceptor};
use poem::web::{Data, Json, Path, Query};
use poem::web::{LocalAddr, RemoteAddr};
use poem::{
    Body, Endpoint, EndpointExt, FromRequest, IntoResponse, Request, RequestBody, Response, Route,
    Server, get, handler, post,
};
use serde::Deserialize;
use serde_json::Value;

use super::auth::Caller;
use super::caps::{Caps, Held};
use super::extract::BODY_LIMIT;
use super::orders::{self, OrderList, owned};
use super::plans::{self, Plan};
use super::state::{AppState, OrderView, Webhook};
use super::{serving_config, webhooks};
use crate::errors::{AppError, ServerError};

/// A handler's answer: its value, or the service's error as poem's.
type Answered<T> = Result<T, Answer<AppError>>;

/// The caller, every handler's first argument: authenticated and counted against the rate
/// limits before poem reads the path, the query or the body, as on axum.
struct Authenticated(Caller);

impl<'a> FromRequest<'a> for Authenticated {
    async fn from_request(request: &'a Request, _: &mut RequestBody) -> poem::Result<Self> {
        caller(request)
            .map(Authenticated)
            .map_err(|error| Answer(error).into())
    }
}

/// A caller who may write, checked before the body is read, as on axum.
struct Writer(Caller);

impl<'a> FromRequest<'a> for Writer {
    async fn from_request(request: &'a Request, _: &mut RequestBody) -> poem::Result<Self> {
        let writer = caller(request).and_then(|caller| {
            caller.require_write()?;
            Ok(Writer(caller))
        });
        writer.map_err(|error| Answer(error).into())
    }
}

/// The caller of `request`, as over axum: its bearer token, within its rate limits.
fn caller(request: &Request) -> Result<Caller, AppError> {
    let state = request
        .data::<AppState>()
        .ok_or_else(|| ServerError::Internal("the app was built without its state".into()))?;
    let peer = request.remote_addr().as_socket_addr().copied();
    Caller::of(request.headers(), peer, state).map_err(AppError::from)
}

/// The body, read up to the service's limit: one over it is poem's `PayloadTooLarge`, which
/// the middleware answers `413 CONTENT_TOO_LARGE`.
async fn bounded(body: Body) -> poem::Result<bytes::Bytes> {
    Ok(body.into_bytes_limit(BODY_LIMIT).await?)
}

/// `GET /orders?limit=N`: `limit` from 1 to 100; one that is no number is poem's `Query`
/// error, `INVALID_PARAMETER` from the middleware.
#[derive(Deserialize)]
struct ListQuery {
    limit: Option<usize>,
}

#[handler]
fn list_orders(
    Authenticated(caller): Authenticated,
    Data(state): Data<&AppState>,
    Query(query): Query<ListQuery>,
) -> Answered<Json<OrderList>> {
    let limit = match query.limit {
        None => orders::DEFAULT_LIMIT,
        Some(limit @ 1..=100) => limit,
        Some(limit) => {
            return Err(Answer(orders::limit_out_of_range(limit).into()));
        }
    };
    Ok(Json(orders::orders_of(state, &caller, limit)))
}

#[handler]
async fn create_order(
    Writer(caller): Writer,
    request: &Request,
    Data(state): Data<&AppState>,
    body: Body,
) -> poem::Result<Response> {
    let body = bounded(body).await?;
    let view = orders::create(state, &caller, request.headers(), &body).map_err(Answer)?;
    Ok(Json(view).with_status(StatusCode::CREATED).into_response())
}

#[handler]
fn get_order(
    Authenticated(caller): Authenticated,
    Data(state): Data<&AppState>,
    Path(order_id): Path<String>,
) -> Answered<Json<OrderView>> {
    let mut data = state.data();
    let order = owned(&mut data, &caller, &order_id).map_err(AppError::from)?;
    Ok(Json(order.view()))
}

#[handler]
fn confirm_order(
    Writer(caller): Writer,
    Data(state): Data<&AppState>,
    Path(order_id): Path<String>,
) -> Answered<Json<OrderView>> {
    let mut data = state.data();
    let order = owned(&mut data, &caller, &order_id).map_err(AppError::from)?;
    orders::confirm(order, &state.config).map_err(AppError::from)?;
    Ok(Json(order.view()))
}

#[handler]
fn receipt(
    Authenticated(caller): Authenticated,
    Data(state): Data<&AppState>,
    Path(order_id): Path<String>,
) -> Answered<Json<Value>> {
    Ok(Json(
        orders::receipt_of(state, &caller, order_id).map_err(AppError::from)?,
    ))
}

#[handler]
fn get_plan(_: Authenticated, Path(plan_id): Path<String>) -> Answered<Json<Plan>> {
    Ok(Json(plans::plan(plan_id).map_err(AppError::from)?))
}

/// `POST /webhooks`: `{"url": "https://..."}`, JSON read up to the limit; one that does not
/// parse is poem's `ParseJsonError`, which the middleware renders.
#[derive(Deserialize)]
struct NewWebhook {
    url: String,
}

#[handler]
async fn create_webhook(
    Writer(caller): Writer,
    request: &Request,
    Data(state): Data<&AppState>,
    body: Body,
) -> poem::Result<Response> {
    let json = request
        .content_type()
        .is_some_and(|media| media.starts_with("application/json"));
    if !json {
        return Err(ParseJsonError::ContentTypeRequired.into());
    }
    let body = bounded(body).await?;
    let new: NewWebhook = serde_json::from_slice(&body).map_err(ParseJsonError::Parse)?;
    let url = webhooks::checked_url(&new.url);
    let webhook: Webhook =
        webhooks::create(state, &caller, url).map_err(|error| Answer(AppError::from(error)))?;
    Ok(Json(webhook)
        .with_status(StatusCode::CREATED)
        .into_response())
}

#[handler]
fn get_webhook(
    Authenticated(caller): Authenticated,
    Data(state): Data<&AppState>,
    Path(webhook_id): Path<String>,
) -> Answered<Json<Webhook>> {
    let data = state.data();
    let webhook = webhooks::own_webhook(&data, &caller, &webhook_id).map_err(AppError::from)?;
    Ok(Json(webhook.clone()))
}

/// The app: the routes, the state, a request's whole timeout and its body's pauses, and the
/// error middleware around them all.
fn app(state: AppState) -> impl poem::Endpoint {
    let errors = ApiErrorMiddleware::new(serving_config(&state.config));
    let (request_timeout, body_idle) =
        (state.config.request_timeout, state.config.body_idle_timeout);
    Route::new()
        .at("/orders", get(list_orders).post(create_order))
        .at("/orders/:order_id", get(get_order))
        .at("/orders/:order_id/confirm", post(confirm_order))
        .at("/orders/:order_id/receipt", get(receipt))
        .at("/plans/:plan_id", get(get_plan))
        .at("/webhooks", post(create_webhook))
        .at("/webhooks/:webhook_id", get(get_webhook))
        .data(state)
        // A request not answered in time, or whose body pauses too long, is `408`, rendered
        // by the error middleware as the axum service's is.
        .around(move |endpoint, mut request| async move {
            let paused = Arc::new(AtomicBool::new(false));
            let body = request.take_body().into_bytes_stream();
            request.set_body(Body::from_bytes_stream(Pausing {
                body: Box::pin(body),
                idle: body_idle,
                timer: Box::pin(tokio::time::sleep(body_idle)),
                paused: Arc::clone(&paused),
            }));
            let answered = tokio::time::timeout(request_timeout, endpoint.call(request)).await;
            match answered {
                Ok(_) if paused.load(Ordering::Relaxed) => {
                    Err(poem::Error::from_status(StatusCode::REQUEST_TIMEOUT))
                }
                Ok(answered) => answered,
                Err(_) => Err(poem::Error::from_status(StatusCode::REQUEST_TIMEOUT)),
            }
        })
        .with(errors)
        // Outside the errors, so that every answer, rendered, is marked.
        .around(|endpoint, mut request| async move {
            if !super::unread::announces_body(request.headers()) {
                return Ok(endpoint.get_response(request).await);
            }
            let body = http_body_util::combinators::BoxBody::from(request.take_body());
            let (body, ended) = super::unread::Watched::new(body);
            request.set_body(Body::from(http_body_util::combinators::BoxBody::new(body)));
            let mut response = endpoint.get_response(request).await;
            ended.close_unless_read(response.headers_mut());
            Ok(response)
        })
}

/// Serves these routes on `listener` with errors in the service's configuration
/// ([`serving_config`]), until the task is dropped.
///
/// # Errors
///
/// When the listener cannot be served.
pub async fn serve(listener: std::net::TcpListener, state: AppState) -> std::io::Result<()> {
    serve_until(listener, state, std::future::pending()).await
}

/// [`serve`], until `stop` resolves: then no connection is accepted and the requests in flight
/// are answered, for at most [`ServiceConfig::drain_timeout`](super::ServiceConfig). With the
/// state's limits, as the axum service has them: the connection caps (the axum service's,
/// `caps`), a request's whole timeout and a pause within its body (`408` in the envelope), and
/// a connection's quiet: one that neither sends nor takes a byte for `header_timeout` is closed,
/// unanswered, between requests or in the middle of a head, as hyper's header timeout does for
/// the axum service (poem's server sets none).
///
/// # Errors
///
/// When the listener cannot be served.
pub async fn serve_until(
    listener: std::net::TcpListener,
    state: AppState,
    stop: impl Future<Output = ()>,
) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let config = state.config;
    let acceptor = Capped {
        inner: TcpAcceptor::from_std(listener)?,
        caps: Caps::new(&config),
        quiet: config.header_timeout,
    };
    Server::new_with_acceptor(acceptor)
        .run_with_graceful_shutdown(app(state), stop, Some(config.drain_timeout))
        .await
}

/// A request's body as its handler reads it: ended with an error, and `paused` set, when it
/// pauses for longer than `idle`.
struct Pausing<S> {
    body: Pin<Box<S>>,
    idle: std::time::Duration,
    timer: Pin<Box<tokio::time::Sleep>>,
    paused: Arc<AtomicBool>,
}

impl<S: futures_core::Stream<Item = std::io::Result<bytes::Bytes>>> futures_core::Stream
    for Pausing<S>
{
    type Item = std::io::Result<bytes::Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        match this.body.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(bytes))) => {
                let next = tokio::time::Instant::now() + this.idle;
                this.timer.as_mut().reset(next);
                Poll::Ready(Some(Ok(bytes)))
            }
            Poll::Ready(other) => Poll::Ready(other),
            Poll::Pending => match this.timer.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    this.paused.store(true, Ordering::Relaxed);
                    Poll::Ready(Some(Err(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        "the body paused for too long",
                    ))))
                }
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

/// Poem's TCP acceptor under the service's connection caps: a connection over either is
/// closed as soon as it is accepted, unanswered, and the next is taken; each admitted one is
/// closed after `quiet` without a byte either way.
struct Capped {
    inner: TcpAcceptor,
    caps: Caps,
    quiet: std::time::Duration,
}

impl Acceptor for Capped {
    type Io = Held;

    fn local_addr(&self) -> Vec<LocalAddr> {
        self.inner.local_addr()
    }

    async fn accept(&mut self) -> std::io::Result<(Held, LocalAddr, RemoteAddr, Scheme)> {
        loop {
            let (stream, local, remote, scheme) = match self.inner.accept().await {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, say: wait, rather than spin or stop serving.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            };
            let admitted = remote
                .as_socket_addr()
                .and_then(|peer| self.caps.admit(peer.ip()));
            let Some(admitted) = admitted else {
                drop(stream);
                continue;
            };
            return Ok((
                Held::new(stream, admitted, Some(self.quiet)),
                local,
                remote,
                scheme,
            ));
        }
    }
}
