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

use api_error_poem::{Answer, ApiErrorMiddleware};
use poem::error::ParseJsonError;
use poem::http::StatusCode;
use poem::listener::TcpAcceptor;
use poem::web::{Data, Json, Path, Query};
use poem::{
    Body, EndpointExt, FromRequest, IntoResponse, Request, RequestBody, Response, Route, Server,
    get, handler, post,
};
use serde::Deserialize;
use serde_json::Value;

use super::auth::Caller;
use super::extract::BODY_LIMIT;
use super::orders::{self, OrderList, owned};
use super::plans::{self, Plan};
use super::state::{AppState, OrderView, Webhook};
use super::{serving_config, webhooks};
use crate::errors::{AppError, ServerError, ValidationError};

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
    Caller::of(request.headers(), peer, state)
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
            return Err(Answer(
                ValidationError::InvalidParameter {
                    name: "limit".into(),
                    reason: format!("expected a number from 1 to 100, found `{limit}`"),
                }
                .into(),
            ));
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
    let order = owned(&mut data, &caller, &order_id)?;
    Ok(Json(order.view()))
}

#[handler]
fn confirm_order(
    Writer(caller): Writer,
    Data(state): Data<&AppState>,
    Path(order_id): Path<String>,
) -> Answered<Json<OrderView>> {
    let mut data = state.data();
    let order = owned(&mut data, &caller, &order_id)?;
    orders::confirm(order, &state.config).map_err(AppError::from)?;
    Ok(Json(order.view()))
}

#[handler]
fn receipt(
    Authenticated(caller): Authenticated,
    Data(state): Data<&AppState>,
    Path(order_id): Path<String>,
) -> Answered<Json<Value>> {
    Ok(Json(orders::receipt_of(state, &caller, order_id)?))
}

#[handler]
fn get_plan(_: Authenticated, Path(plan_id): Path<String>) -> Answered<Json<Plan>> {
    Ok(Json(plans::plan(plan_id)?))
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
    let url = webhooks::checked_url(&new.url).map_err(AppError::from);
    let webhook: Webhook = webhooks::create(state, &caller, url).map_err(Answer)?;
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

/// The app: the routes, the state, and the error middleware around them all.
fn app(state: AppState) -> impl poem::Endpoint {
    let errors = ApiErrorMiddleware::new(serving_config(&state.config));
    Route::new()
        .at("/orders", get(list_orders).post(create_order))
        .at("/orders/:order_id", get(get_order))
        .at("/orders/:order_id/confirm", post(confirm_order))
        .at("/orders/:order_id/receipt", get(receipt))
        .at("/plans/:plan_id", get(get_plan))
        .at("/webhooks", post(create_webhook))
        .at("/webhooks/:webhook_id", get(get_webhook))
        .data(state)
        .with(errors)
}

/// Serves these routes on `listener` with errors in the service's configuration
/// ([`serving_config`]), until the task is dropped.
///
/// # Errors
///
/// When the listener cannot be served.
pub async fn serve(listener: std::net::TcpListener, state: AppState) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let acceptor = TcpAcceptor::from_std(listener)?;
    Server::new_with_acceptor(acceptor).run(app(state)).await
}
