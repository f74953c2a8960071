//! A part of the orders API on actix-web 4, one route or more per group of the reference's
//! errors, with the same error types, state, authentication, rate limits and logic as the axum
//! service: the [`ApiErrorMiddleware`] around the app renders every error in the service's
//! configuration, and actix-web's own (a query, path or JSON body that does not parse, a body
//! of another media type or over the limit, an unknown route, a method a resource does not
//! take) with the same codes as the axum service's layer.
//!
//! Routes: `GET /orders` (`?limit=`, through actix-web's `Query`), `POST /orders`,
//! `GET /orders/{order_id}`, `POST /orders/{order_id}/confirm`, `GET
//! /orders/{order_id}/receipt`, `GET /plans/{plan_id}`, `POST /webhooks` (through actix-web's
//! `Json`) and `GET /webhooks/{webhook_id}`.

mod limits;

use std::future::{Future, Ready, ready};

use actix_web::dev::{Payload, Server};
use actix_web::http::header::HeaderMap as ActixHeaders;
use actix_web::{App, FromRequest, HttpRequest, HttpResponse, HttpServer, middleware, web};
use api_error_core::actix::ApiErrorMiddleware;
use serde::Deserialize;
use serde_json::Value;

use super::auth::Caller;
use super::extract::BODY_LIMIT;
use super::orders::{self, OrderList, owned};
use super::plans::{self, Plan};
use super::state::{AppState, OrderView, Webhook};
use super::{serving_config, webhooks};
use crate::errors::{AppError, ServerError};

/// The service's state, as each handler takes it.
type State = web::Data<AppState>;

/// The request's headers as the service's logic reads them (`http` 1's; actix-web 4 is on 0.2).
fn headers(from: &ActixHeaders) -> http::HeaderMap {
    let mut headers = http::HeaderMap::with_capacity(from.len());
    for (name, value) in from {
        if let (Ok(name), Ok(value)) = (
            http::HeaderName::from_bytes(name.as_str().as_bytes()),
            http::HeaderValue::from_bytes(value.as_bytes()),
        ) {
            headers.append(name, value);
        }
    }
    headers
}

/// The caller, every handler's first argument: authenticated and counted against the rate
/// limits before actix-web reads the path, the query or the body, as on axum, so that a
/// request without credentials is a 401 whatever else is wrong with it.
struct Authenticated(Caller);

impl FromRequest for Authenticated {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(caller(request).map(Authenticated))
    }
}

/// A caller who may write, checked before the body is read, as on axum.
struct Writer(Caller);

impl FromRequest for Writer {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(caller(request).and_then(|caller| {
            caller.require_write()?;
            Ok(Writer(caller))
        }))
    }
}

/// The caller of `request`, as over axum: its bearer token, within its rate limits.
fn caller(request: &HttpRequest) -> Result<Caller, AppError> {
    let state = request
        .app_data::<State>()
        .ok_or_else(|| ServerError::Internal("the app was built without its state".into()))?;
    Caller::of(&headers(request.headers()), request.peer_addr(), state).map_err(AppError::from)
}

/// `GET /orders?limit=N`: `limit` from 1 to 100; one that is no number is actix-web's
/// `Query` error, `INVALID_PARAMETER` from the middleware.
#[derive(Deserialize)]
struct ListQuery {
    limit: Option<usize>,
}

async fn list_orders(
    Authenticated(caller): Authenticated,
    state: State,
    query: web::Query<ListQuery>,
) -> Result<web::Json<OrderList>, AppError> {
    let limit = match query.limit {
        None => orders::DEFAULT_LIMIT,
        Some(limit @ 1..=100) => limit,
        Some(limit) => {
            return Err(orders::limit_out_of_range(limit).into());
        }
    };
    Ok(web::Json(orders::orders_of(&state, &caller, limit)))
}

async fn create_order(
    Writer(caller): Writer,
    request: HttpRequest,
    state: State,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let view = orders::create(&state, &caller, &headers(request.headers()), &body)?;
    Ok(HttpResponse::Created().json(view))
}

async fn get_order(
    Authenticated(caller): Authenticated,
    state: State,
    order_id: web::Path<String>,
) -> Result<web::Json<OrderView>, AppError> {
    let mut data = state.data();
    Ok(web::Json(owned(&mut data, &caller, &order_id)?.view()))
}

async fn confirm_order(
    Writer(caller): Writer,
    state: State,
    order_id: web::Path<String>,
) -> Result<web::Json<OrderView>, AppError> {
    let mut data = state.data();
    let order = owned(&mut data, &caller, &order_id)?;
    orders::confirm(order, &state.config)?;
    Ok(web::Json(order.view()))
}

async fn receipt(
    Authenticated(caller): Authenticated,
    state: State,
    order_id: web::Path<String>,
) -> Result<web::Json<Value>, AppError> {
    orders::receipt_of(&state, &caller, order_id.into_inner())
        .map(web::Json)
        .map_err(AppError::from)
}

async fn get_plan(
    _: Authenticated,
    plan_id: web::Path<String>,
) -> Result<web::Json<Plan>, AppError> {
    plans::plan(plan_id.into_inner())
        .map(web::Json)
        .map_err(AppError::from)
}

/// `POST /webhooks`: `{"url": "https://..."}`, read by actix-web's `Json`, whose errors the
/// middleware renders.
#[derive(Deserialize)]
struct NewWebhook {
    url: String,
}

async fn create_webhook(
    Writer(caller): Writer,
    state: State,
    body: web::Json<NewWebhook>,
) -> Result<HttpResponse, AppError> {
    let url = webhooks::checked_url(&body.url);
    let webhook: Webhook = webhooks::create(&state, &caller, url)?;
    Ok(HttpResponse::Created().json(webhook))
}

async fn get_webhook(
    Authenticated(caller): Authenticated,
    state: State,
    webhook_id: web::Path<String>,
) -> Result<web::Json<Webhook>, AppError> {
    let data = state.data();
    Ok(web::Json(
        webhooks::own_webhook(&data, &caller, &webhook_id)?.clone(),
    ))
}

/// The routes, each path one resource, so that a method it does not take is actix-web's `405`
/// with `Allow`.
fn routes(config: &mut web::ServiceConfig) {
    config
        .service(
            web::resource("/orders")
                .route(web::get().to(list_orders))
                .route(web::head().to(list_orders))
                .route(web::post().to(create_order)),
        )
        .service(
            web::resource("/orders/{order_id}")
                .route(web::get().to(get_order))
                .route(web::head().to(get_order)),
        )
        .service(web::resource("/orders/{order_id}/confirm").route(web::post().to(confirm_order)))
        .service(
            web::resource("/orders/{order_id}/receipt")
                .route(web::get().to(receipt))
                .route(web::head().to(receipt)),
        )
        .service(
            web::resource("/plans/{plan_id}")
                .route(web::get().to(get_plan))
                .route(web::head().to(get_plan)),
        )
        .service(web::resource("/webhooks").route(web::post().to(create_webhook)))
        .service(
            web::resource("/webhooks/{webhook_id}")
                .route(web::get().to(get_webhook))
                .route(web::head().to(get_webhook)),
        );
}

/// [`serve_until`], until the process ends.
///
/// # Errors
///
/// When the listener cannot be served.
pub fn serve(
    listener: std::net::TcpListener,
    state: AppState,
    workers: usize,
) -> std::io::Result<Server> {
    serve_until(listener, state, workers, std::future::pending())
}

/// The actix-web server of these routes on `listener`, with `workers` worker threads, errors
/// in the service's configuration ([`serving_config`]), and the limits of the state's
/// [`ServiceConfig`](super::ServiceConfig) as the axum service has them: the head's timeout
/// (actix-web answers a head that does not arrive in time with its own bare `408` and closes),
/// the keep-alive, the whole request's and a body pause's timeouts (`408` in the envelope), the
/// connection cap (shared out among the workers; past it actix-web stops accepting until one
/// closes) and the share of one client address (closed unanswered past it), a connection
/// closed after an answer given before its body was read, and the drain
/// once `stop` resolves. It runs when awaited, on an actix-web runtime
/// (`actix_web::rt::System`).
///
/// # Errors
///
/// When the listener cannot be served.
pub fn serve_until(
    listener: std::net::TcpListener,
    state: AppState,
    workers: usize,
    stop: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<Server> {
    let errors = ApiErrorMiddleware::new(serving_config(&state.config));
    let config = &state.config;
    let deadlines = limits::Deadlines {
        request: config.request_timeout,
        body_idle: config.body_idle_timeout,
    };
    let (header_timeout, drain) = (config.header_timeout, config.drain_timeout);
    let per_worker = config.max_connections.div_ceil(workers.max(1));
    let admission = limits::admission(config);
    let state = web::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(web::PayloadConfig::new(BODY_LIMIT))
            .app_data(web::JsonConfig::default().limit(BODY_LIMIT))
            .configure(routes)
            .wrap(middleware::from_fn(move |request, next| {
                limits::limits(request, next, deadlines)
            }))
            .wrap(errors.clone())
    })
    .workers(workers)
    .client_request_timeout(header_timeout)
    .keep_alive(header_timeout)
    .max_connections(per_worker)
    .on_connect(admission)
    .shutdown_timeout(
        u64::try_from(drain.as_millis().div_ceil(1000))
            .unwrap_or(u64::MAX)
            .max(1),
    )
    .shutdown_signal(stop)
    .listen(listener)?
    .run();
    Ok(server)
}
