//! A small orders API whose errors are declared with `#[derive(ApiError)]`: the errors, the
//! state, and the axum router that the `server` binary serves.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use api_error_core::ApiError;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;

/// Authentication errors.
#[derive(Debug, ApiError)]
pub enum AuthError {
    /// Authentication required
    #[api_error(
        code = "AUTH_NOT_AUTHENTICATED",
        status = 401,
        message = "Authentication required",
        header("WWW-Authenticate", "Bearer realm=\"orders\"")
    )]
    NotAuthenticated,
    /// Invalid authentication token
    #[api_error(
        code = "AUTH_TOKEN_INVALID",
        status = 401,
        message = "Invalid authentication token",
        header("WWW-Authenticate", "Bearer realm=\"orders\", error=\"invalid_token\"")
    )]
    TokenInvalid,
}

/// Order errors.
#[derive(Debug, ApiError)]
pub enum OrderError {
    /// Order not found
    #[api_error(
        code = "ORDER_NOT_FOUND",
        status = 404,
        message = "Order {id} not found"
    )]
    NotFound {
        /// The order id asked for.
        #[api_error(detail)]
        id: String,
    },
    /// Order is not in pending status
    #[api_error(
        code = "ORDER_NOT_PENDING",
        status = 400,
        message = "Order {id} is not in pending status"
    )]
    NotPending {
        /// The order.
        #[api_error(detail)]
        id: String,
        /// Its status now.
        #[api_error(detail)]
        status: OrderStatus,
    },
    /// Internal server error
    #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
    Storage(#[source] std::io::Error),
    /// An authentication error.
    #[api_error(transparent)]
    Auth(#[from] AuthError),
}

/// Where an order is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Created, waiting for confirmation.
    Pending,
    /// Confirmed by its owner.
    Confirmed,
}

/// An order as the API shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Order {
    /// The order id.
    pub id: String,
    /// Its status.
    pub status: OrderStatus,
}

/// The one token this demo accepts.
pub const DEMO_TOKEN: &str = "demo-token";

/// The service's state: orders in memory.
#[derive(Clone, Default)]
pub struct AppState {
    orders: Arc<Mutex<HashMap<String, Order>>>,
}

impl AppState {
    /// A state holding `ord_1`, pending.
    #[must_use]
    pub fn with_demo_orders() -> Self {
        let state = AppState::default();
        let order = Order {
            id: "ord_1".into(),
            status: OrderStatus::Pending,
        };
        state.lock().insert(order.id.clone(), order);
        state
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Order>> {
        // A handler that panicked while holding the lock left the map consistent: every
        // change is a single insert.
        self.orders
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The router: `GET /orders/{id}`, `POST /orders/{id}/confirm`, `GET /orders/{id}/receipt`.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/orders/{id}", get(get_order))
        .route("/orders/{id}/confirm", post(confirm_order))
        .route("/orders/{id}/receipt", get(receipt))
        .with_state(state)
}

fn authenticate(headers: &HeaderMap) -> Result<(), AuthError> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)
        .ok_or(AuthError::NotAuthenticated)?;
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(AuthError::TokenInvalid)?;
    if token == DEMO_TOKEN {
        Ok(())
    } else {
        Err(AuthError::TokenInvalid)
    }
}

async fn get_order(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Order>, OrderError> {
    authenticate(&headers)?;
    let order = state.lock().get(&id).cloned();
    order.map(Json).ok_or(OrderError::NotFound { id })
}

async fn confirm_order(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Order>, OrderError> {
    authenticate(&headers)?;
    let mut orders = state.lock();
    let order = orders
        .get_mut(&id)
        .ok_or(OrderError::NotFound { id: id.clone() })?;
    if order.status != OrderStatus::Pending {
        return Err(OrderError::NotPending {
            id,
            status: order.status,
        });
    }
    order.status = OrderStatus::Confirmed;
    Ok(Json(order.clone()))
}

/// Receipts live in a store this demo does not have: the failure is logged, and the client
/// sees only the code and the reason phrase.
async fn receipt(headers: HeaderMap, Path(id): Path<String>) -> Result<String, OrderError> {
    authenticate(&headers)?;
    let cause = std::io::Error::other(format!("receipt store unreachable for {id}"));
    let error = OrderError::Storage(cause);
    if let Some(source) = std::error::Error::source(&error) {
        eprintln!("{}: {source}", error.code());
    }
    Err(error)
}
