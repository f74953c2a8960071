//! The orders API: accounts, tokens, orders with a lifecycle, plans with quotas, webhooks and a
//! per-token rate limit, all in memory. Every error it answers with arises from handling a
//! request, and every one is an [`AppError`]; requests no handler answers (an unknown route, a
//! method a route does not take) get a [`Rejection`](api_error_core::axum::Rejection) in the
//! same envelope, from the [`ApiErrorLayer`] around the router.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use api_error_core::Format;
use api_error_core::axum::ApiErrorLayer;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, RawQuery, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::errors::{
    AppError, AuthError, FieldError, OrderError, OrderStatus, OrderType, RateLimitError,
    ServerError, UsageError, ValidationError, WebhookError,
};

/// A plan: how many units of work an account may order, and how many requests a token may make
/// per window.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Plan {
    /// The plan's id.
    pub id: &'static str,
    /// Units of work an account may order in all.
    pub quota: u32,
    /// Requests a token may make per rate window.
    pub requests_per_window: u32,
}

/// The plans on offer.
pub const PLANS: [Plan; 2] = [
    Plan {
        id: "free",
        quota: 10,
        requests_per_window: 5,
    },
    Plan {
        id: "pro",
        quota: 100,
        requests_per_window: 120,
    },
];

/// A demo token: who it is, whether it may write, whether it has expired.
#[derive(Debug, Clone, Copy)]
pub struct DemoToken {
    /// The bearer token.
    pub token: &'static str,
    /// The account it belongs to.
    pub account: &'static str,
    /// Whether it may change anything.
    pub can_write: bool,
    /// Whether it has expired.
    pub expired: bool,
    /// What it is for, for the README and the start-up banner.
    pub purpose: &'static str,
}

/// The tokens the service knows; printed at start.
pub const DEMO_TOKENS: [DemoToken; 5] = [
    DemoToken {
        token: "tok_alice",
        account: "alice",
        can_write: true,
        expired: false,
        purpose: "alice, pro plan, read and write: owns the demo orders",
    },
    DemoToken {
        token: "tok_alice_readonly",
        account: "alice",
        can_write: false,
        expired: false,
        purpose: "alice, read only",
    },
    DemoToken {
        token: "tok_bob",
        account: "bob",
        can_write: true,
        expired: false,
        purpose: "bob, pro plan: owns none of alice's orders",
    },
    DemoToken {
        token: "tok_carol",
        account: "carol",
        can_write: true,
        expired: false,
        purpose: "carol, free plan: 10 units of quota, 5 requests a minute",
    },
    DemoToken {
        token: "tok_expired",
        account: "alice",
        can_write: true,
        expired: true,
        purpose: "expired",
    },
];

/// The scope a token needs to change anything.
const WRITE_SCOPE: &str = "orders:write";

/// How the service behaves.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// The rate limit's window.
    pub rate_window: Duration,
    /// How long a new order may wait for confirmation.
    pub order_ttl: Duration,
    /// How long a confirmed order may take to complete.
    pub processing_deadline: Duration,
    /// The format of every error body: the default JSON, or RFC 9457 problem details.
    pub format: Format,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            rate_window: Duration::from_secs(60),
            order_ttl: Duration::from_secs(3600),
            processing_deadline: Duration::from_secs(600),
            format: Format::Json,
        }
    }
}

#[derive(Debug, Clone)]
struct Order {
    id: String,
    owner: &'static str,
    kind: OrderType,
    status: OrderStatus,
    quantity: u32,
    file: Option<Bytes>,
    expires_at: Instant,
    deadline: Option<Instant>,
    /// The receipt as the receipt store keeps it: JSON text, once the order is completed.
    receipt: Option<String>,
}

/// An order as the API shows it.
#[derive(Debug, Clone, Serialize)]
struct OrderView {
    id: String,
    #[serde(rename = "type")]
    order_type: OrderType,
    status: OrderStatus,
    quantity: u32,
    file_uploaded: bool,
}

impl Order {
    fn view(&self) -> OrderView {
        OrderView {
            id: self.id.clone(),
            order_type: self.kind,
            status: self.status,
            quantity: self.quantity,
            file_uploaded: self.file.is_some(),
        }
    }
}

/// A webhook as the API shows it.
#[derive(Debug, Clone, Serialize)]
struct Webhook {
    id: String,
    url: String,
    #[serde(skip)]
    owner: &'static str,
}

#[derive(Debug, Default)]
struct Data {
    orders: HashMap<String, Order>,
    webhooks: HashMap<String, Webhook>,
    /// Units of quota used, per account.
    used: HashMap<&'static str, u32>,
    /// Idempotency keys of order creation, per account: the request and the first answer.
    idempotency: HashMap<(&'static str, String), (NewOrder, OrderView)>,
    /// Requests in the current window, per token: when the window opened and how many so far.
    windows: HashMap<&'static str, (Instant, u32)>,
    next_id: u64,
}

/// The service's state, shared by every request.
#[derive(Clone)]
pub struct AppState {
    config: Config,
    data: Arc<Mutex<Data>>,
}

impl AppState {
    /// A state with the demo accounts' orders and webhooks: see the examples' README.
    #[must_use]
    pub fn new(config: Config) -> Self {
        let now = Instant::now();
        let mut data = Data {
            next_id: 9,
            ..Data::default()
        };
        let seeds = [
            ("ord_1", OrderType::Report, OrderStatus::Pending),
            ("ord_2", OrderType::Report, OrderStatus::Confirmed),
            ("ord_3", OrderType::Report, OrderStatus::Completed),
            ("ord_4", OrderType::Report, OrderStatus::Failed),
            ("ord_5", OrderType::Report, OrderStatus::Pending),
            ("ord_6", OrderType::Conversion, OrderStatus::Pending),
            ("ord_7", OrderType::Notification, OrderStatus::Completed),
            ("ord_8", OrderType::Report, OrderStatus::Confirmed),
        ];
        for (id, order_type, status) in seeds {
            let order = Order {
                id: id.to_owned(),
                owner: "alice",
                kind: order_type,
                status,
                quantity: 1,
                file: None,
                expires_at: now + config.order_ttl,
                deadline: (status == OrderStatus::Confirmed)
                    .then(|| now + config.processing_deadline),
                receipt: (status == OrderStatus::Completed)
                    .then(|| format!(r#"{{"order_id":"{id}","units":1}}"#)),
            };
            data.orders.insert(id.to_owned(), order);
        }
        // ord_5 waited too long for confirmation, ord_8 too long for completion, and the
        // receipt store lost the end of ord_3's receipt.
        let past = now.checked_sub(Duration::from_secs(1)).unwrap_or(now);
        if let Some(order) = data.orders.get_mut("ord_5") {
            order.expires_at = past;
        }
        if let Some(order) = data.orders.get_mut("ord_8") {
            order.deadline = Some(past);
        }
        if let Some(order) = data.orders.get_mut("ord_3") {
            order.receipt = Some(r#"{"order_id":"ord_3","un"#.to_owned());
        }
        data.webhooks.insert(
            "wh_1".to_owned(),
            Webhook {
                id: "wh_1".to_owned(),
                url: "https://alice.example/hooks/orders".to_owned(),
                owner: "alice",
            },
        );
        AppState {
            config,
            data: Arc::new(Mutex::new(data)),
        }
    }

    fn data(&self) -> MutexGuard<'_, Data> {
        // Every change to `Data` is complete before the lock is released, so a poisoned lock
        // still guards consistent data.
        self.data.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Where the problem types of the API are documented: a problem's `type` is this followed by
/// its code.
pub const PROBLEM_TYPE_BASE: &str = "https://api.example.com/errors/";

/// How the API renders its errors, in `format`: problem types under [`PROBLEM_TYPE_BASE`], and
/// client errors logged at `INFO` (server errors are always logged at `ERROR`).
#[must_use]
pub fn error_config(format: Format) -> api_error_core::Config {
    api_error_core::Config::new()
        .format(format)
        .problem_type_base(PROBLEM_TYPE_BASE)
        .client_errors(Some(tracing::Level::INFO))
}

/// The router of the whole API, with the [`ApiErrorLayer`] that renders every error in the
/// configured format and gives each request an id.
pub fn router(state: AppState) -> Router {
    let errors = ApiErrorLayer::new(error_config(state.config.format));
    Router::new()
        .route("/orders", get(list_orders).post(create_order))
        .route("/orders/{order_id}", get(get_order))
        .route("/orders/{order_id}/file", post(upload_file))
        .route("/orders/{order_id}/confirm", post(confirm_order))
        .route("/orders/{order_id}/complete", post(complete_order))
        .route("/orders/{order_id}/download", get(download))
        .route("/orders/{order_id}/receipt", get(receipt))
        .route("/plans/{plan_id}", get(get_plan))
        .route("/webhooks", post(create_webhook))
        .route(
            "/webhooks/{webhook_id}",
            get(get_webhook).delete(delete_webhook),
        )
        .with_state(state)
        .layer(errors)
}

/// The authenticated caller of a request, within its rate limit.
struct Caller {
    token: DemoToken,
    plan: Plan,
}

impl Caller {
    fn require_write(&self) -> Result<(), AuthError> {
        if self.token.can_write {
            Ok(())
        } else {
            Err(AuthError::Forbidden {
                required_scope: WRITE_SCOPE,
            })
        }
    }
}

fn plan_of(account: &str) -> Plan {
    let id = if account == "carol" { "free" } else { "pro" };
    PLANS
        .into_iter()
        .find(|plan| plan.id == id)
        .unwrap_or(PLANS[0])
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = authenticate(&parts.headers)?;
        let plan = plan_of(token.account);
        rate_limit(state, token.token, plan)?;
        Ok(Caller { token, plan })
    }
}

/// `Authorization: Bearer tok_...`: the scheme in any case, as HTTP has it; another scheme is
/// no bearer credential at all, so the answer is the bare challenge.
fn authenticate(headers: &HeaderMap) -> Result<DemoToken, AuthError> {
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or(AuthError::NotAuthenticated)?;
    let (scheme, token) = value
        .to_str()
        .ok()
        .and_then(|value| value.split_once(' '))
        .ok_or(AuthError::TokenInvalidFormat)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(AuthError::NotAuthenticated);
    }
    let well_formed = token.strip_prefix("tok_").is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    });
    if !well_formed {
        return Err(AuthError::TokenInvalidFormat);
    }
    let known = DEMO_TOKENS
        .into_iter()
        .find(|known| known.token == token)
        .ok_or(AuthError::TokenInvalid)?;
    if known.expired {
        return Err(AuthError::TokenExpired);
    }
    Ok(known)
}

fn rate_limit(state: &AppState, token: &'static str, plan: Plan) -> Result<(), RateLimitError> {
    let now = Instant::now();
    let window = state.config.rate_window;
    let mut data = state.data();
    let (opened, count) = data.windows.entry(token).or_insert((now, 0));
    if now.duration_since(*opened) >= window {
        *opened = now;
        *count = 0;
    }
    if *count >= plan.requests_per_window {
        let left = window.saturating_sub(now.duration_since(*opened));
        return Err(RateLimitError::Exceeded {
            retry_after: left.as_secs() + u64::from(left.subsec_nanos() > 0),
            limit: plan.requests_per_window,
        });
    }
    *count += 1;
    Ok(())
}

/// The one path parameter of a route. A value that is not text (`%FF`) is `INVALID_PARAMETER`,
/// not axum's plain-text rejection.
struct PathParam(String);

impl<S: Send + Sync> FromRequestParts<S> for PathParam {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(PathParam(value)),
            Err(rejection) => Err(ValidationError::InvalidParameter {
                name: "path",
                reason: rejection.body_text(),
            }
            .into()),
        }
    }
}

/// The request body. One that cannot be read (over the size limit, say) is `VALIDATION_FAILED`
/// on the whole body, not axum's plain-text rejection.
struct Body(Bytes);

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        match Bytes::from_request(request, state).await {
            Ok(bytes) => Ok(Body(bytes)),
            Err(rejection) => Err(ValidationError::Failed {
                fields: vec![field_error("", rejection.body_text())],
            }
            .into()),
        }
    }
}

/// Whether the request says its body is JSON: `application/json`, parameters allowed.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media_type| media_type.trim().eq_ignore_ascii_case("application/json"))
}

/// `ord_` followed by digits, or `INVALID_PARAMETER`.
fn order_id(id: &str) -> Result<(), ValidationError> {
    let digits = id.strip_prefix("ord_").unwrap_or_default();
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(ValidationError::InvalidParameter {
            name: "order_id",
            reason: format!("expected an order id such as `ord_1`, found `{id}`"),
        })
    }
}

/// The caller's order `id`: it must exist and be theirs.
fn owned<'a>(data: &'a mut Data, caller: &Caller, id: &str) -> Result<&'a mut Order, AppError> {
    order_id(id)?;
    let order = data
        .orders
        .get_mut(id)
        .ok_or_else(|| OrderError::NotFound {
            order_id: id.to_owned(),
        })?;
    if order.owner != caller.token.account {
        return Err(OrderError::NotOwner.into());
    }
    Ok(order)
}

/// `GET /orders`: the caller's orders, oldest first.
#[derive(Debug, Serialize)]
struct OrderList {
    orders: Vec<OrderView>,
}

async fn list_orders(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(query): RawQuery,
) -> Result<Json<OrderList>, AppError> {
    let mut limit = 20;
    for pair in query.as_deref().unwrap_or_default().split('&') {
        if let Some(value) = pair.strip_prefix("limit=") {
            limit = value
                .parse::<usize>()
                .ok()
                .filter(|limit| (1..=100).contains(limit))
                .ok_or_else(|| ValidationError::InvalidParameter {
                    name: "limit",
                    reason: format!("expected a number from 1 to 100, found `{value}`"),
                })?;
        }
    }
    let data = state.data();
    let mut orders: Vec<&Order> = data
        .orders
        .values()
        .filter(|order| order.owner == caller.token.account)
        .collect();
    orders.sort_by_key(|order| order.id[4..].parse::<u64>().unwrap_or(u64::MAX));
    let orders = orders.iter().take(limit).map(|o| o.view()).collect();
    Ok(Json(OrderList { orders }))
}

/// What `POST /orders` asks for, once its body is valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NewOrder {
    order_type: OrderType,
    quantity: u32,
}

fn field_error(field: &str, reason: impl Into<String>) -> FieldError {
    FieldError {
        field: field.to_owned(),
        reason: reason.into(),
    }
}

/// Reads `{"type": "...", "quantity": n}`, reporting every field at fault.
fn new_order(headers: &HeaderMap, body: &[u8]) -> Result<NewOrder, ValidationError> {
    let failed = |fields| ValidationError::Failed { fields };
    if !is_json(headers) {
        return Err(failed(vec![field_error(
            "",
            "expected a JSON body with `Content-Type: application/json`",
        )]));
    }
    let object: Map<String, Value> = match serde_json::from_slice(body) {
        Ok(Value::Object(object)) => object,
        Ok(_) => return Err(failed(vec![field_error("", "expected a JSON object")])),
        Err(error) => {
            return Err(failed(vec![field_error(
                "",
                format!("the body is not JSON: {error}"),
            )]));
        }
    };
    let mut fields = Vec::new();
    let order_type = match object.get("type") {
        None => {
            fields.push(field_error("/type", "required"));
            None
        }
        Some(value) => {
            let parsed = value.as_str().and_then(OrderType::parse);
            if parsed.is_none() {
                fields.push(field_error(
                    "/type",
                    "expected one of `report`, `conversion`, `notification`",
                ));
            }
            parsed
        }
    };
    let quantity = match object.get("quantity") {
        None => {
            fields.push(field_error("/quantity", "required"));
            None
        }
        Some(value) => {
            let parsed = value
                .as_u64()
                .filter(|n| (1..=50).contains(n))
                .and_then(|n| u32::try_from(n).ok());
            if parsed.is_none() {
                fields.push(field_error(
                    "/quantity",
                    "expected a whole number from 1 to 50",
                ));
            }
            parsed
        }
    };
    for name in object
        .keys()
        .filter(|k| !["type", "quantity"].contains(&k.as_str()))
    {
        fields.push(field_error(&format!("/{name}"), "unknown field"));
    }
    match (order_type, quantity, fields.is_empty()) {
        (Some(order_type), Some(quantity), true) => Ok(NewOrder {
            order_type,
            quantity,
        }),
        _ => Err(failed(fields)),
    }
}

/// The `Idempotency-Key` of a creation: 8 to 64 letters, digits, `-` or `_`.
fn idempotency_key(headers: &HeaderMap) -> Result<String, ValidationError> {
    let invalid = |reason| ValidationError::IdempotencyKeyInvalid { reason };
    let key = headers
        .get("idempotency-key")
        .ok_or(invalid("the Idempotency-Key header is required"))?
        .to_str()
        .map_err(|_| invalid("the key must be 8 to 64 letters, digits, `-` or `_`"))?;
    let valid = (8..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if valid {
        Ok(key.to_owned())
    } else {
        Err(invalid(
            "the key must be 8 to 64 letters, digits, `-` or `_`",
        ))
    }
}

async fn create_order(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<(StatusCode, Json<OrderView>), AppError> {
    caller.require_write()?;
    let key = idempotency_key(&headers)?;
    let request = new_order(&headers, &body)?;
    let mut data = state.data();
    let account = caller.token.account;
    if let Some((first, answer)) = data.idempotency.get(&(account, key.clone())) {
        if *first != request {
            return Err(ValidationError::IdempotencyKeyInvalid {
                reason: "the key was used for a different request",
            }
            .into());
        }
        return Ok((StatusCode::CREATED, Json(answer.clone())));
    }
    let used = data.used.get(account).copied().unwrap_or(0);
    let remaining = caller.plan.quota.saturating_sub(used);
    if remaining == 0 {
        return Err(UsageError::LimitExceeded {
            plan: caller.plan.id,
            quota: caller.plan.quota,
        }
        .into());
    }
    if request.quantity > remaining {
        return Err(UsageError::NotEnough {
            required: request.quantity,
            remaining,
        }
        .into());
    }
    data.used.insert(account, used + request.quantity);
    let id = format!("ord_{}", data.next_id);
    data.next_id += 1;
    let order = Order {
        id: id.clone(),
        owner: account,
        kind: request.order_type,
        status: OrderStatus::Pending,
        quantity: request.quantity,
        file: None,
        expires_at: Instant::now() + state.config.order_ttl,
        deadline: None,
        receipt: None,
    };
    let view = order.view();
    data.orders.insert(id, order);
    data.idempotency
        .insert((account, key), (request, view.clone()));
    Ok((StatusCode::CREATED, Json(view)))
}

async fn get_order(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
) -> Result<Json<OrderView>, AppError> {
    let mut data = state.data();
    let order = owned(&mut data, &caller, &id)?;
    Ok(Json(order.view()))
}

async fn upload_file(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
    Body(body): Body,
) -> Result<Json<OrderView>, AppError> {
    caller.require_write()?;
    let mut data = state.data();
    let order = owned(&mut data, &caller, &id)?;
    if order.kind != OrderType::Conversion {
        return Err(OrderError::TypeNotMatch {
            expected: OrderType::Conversion,
            found: order.kind,
        }
        .into());
    }
    if order.status != OrderStatus::Pending {
        return Err(OrderError::NotPending {
            order_id: id,
            status: order.status,
        }
        .into());
    }
    if body.is_empty() {
        return Err(ValidationError::Failed {
            fields: vec![field_error("", "the file is empty")],
        }
        .into());
    }
    order.file = Some(body);
    Ok(Json(order.view()))
}

/// The error of an order that has left `pending` for good, if it has.
fn settled(order: &Order) -> Option<OrderError> {
    let order_id = order.id.clone();
    match order.status {
        OrderStatus::Pending => None,
        OrderStatus::Confirmed => Some(OrderError::AlreadyConfirmed { order_id }),
        OrderStatus::Completed => Some(OrderError::AlreadyCompleted { order_id }),
        OrderStatus::Failed => Some(OrderError::AlreadyFailed { order_id }),
    }
}

/// Confirms a pending order: it must not have expired, and a conversion needs its file.
fn confirm(order: &mut Order, config: &Config) -> Result<(), OrderError> {
    if let Some(error) = settled(order) {
        return Err(error);
    }
    if Instant::now() >= order.expires_at {
        return Err(OrderError::Expired {
            order_id: order.id.clone(),
        });
    }
    if order.kind == OrderType::Conversion && order.file.is_none() {
        return Err(OrderError::FileNotUploaded {
            order_id: order.id.clone(),
        });
    }
    order.status = OrderStatus::Confirmed;
    order.deadline = Some(Instant::now() + config.processing_deadline);
    Ok(())
}

async fn confirm_order(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
) -> Result<Json<OrderView>, AppError> {
    caller.require_write()?;
    let config = state.config;
    let mut data = state.data();
    let order = owned(&mut data, &caller, &id)?;
    confirm(order, &config)?;
    Ok(Json(order.view()))
}

/// Finishes processing: `{"outcome": "completed"}` or `{"outcome": "failed"}`. A pending order
/// is confirmed first; a confirmed one past its deadline has timed out and fails.
async fn complete_order(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<Json<OrderView>, AppError> {
    caller.require_write()?;
    let config = state.config;
    let mut data = state.data();
    let order = owned(&mut data, &caller, &id)?;
    let outcome = outcome(&headers, &body)?;
    if order.status == OrderStatus::Pending {
        confirm(order, &config)?;
    }
    match order.status {
        OrderStatus::Completed => {
            return Err(OrderError::AlreadyCompleted { order_id: id }.into());
        }
        OrderStatus::Failed => return Err(OrderError::AlreadyFailed { order_id: id }.into()),
        OrderStatus::Pending | OrderStatus::Confirmed => {}
    }
    if order
        .deadline
        .is_some_and(|deadline| Instant::now() >= deadline)
    {
        order.status = OrderStatus::Failed;
        return Err(OrderError::Timeout { order_id: id }.into());
    }
    order.status = outcome;
    if outcome == OrderStatus::Completed {
        order.receipt = Some(format!(
            r#"{{"order_id":"{id}","units":{}}}"#,
            order.quantity
        ));
    }
    Ok(Json(order.view()))
}

fn outcome(headers: &HeaderMap, body: &[u8]) -> Result<OrderStatus, ValidationError> {
    let wrong = || ValidationError::Failed {
        fields: vec![field_error(
            "/outcome",
            "expected `completed` or `failed` in a JSON object",
        )],
    };
    let value: Value = serde_json::from_slice(body).map_err(|_| wrong())?;
    match (
        is_json(headers),
        value.get("outcome").and_then(Value::as_str),
    ) {
        (true, Some("completed")) => Ok(OrderStatus::Completed),
        (true, Some("failed")) => Ok(OrderStatus::Failed),
        _ => Err(wrong()),
    }
}

async fn download(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
) -> Result<String, AppError> {
    let mut data = state.data();
    let order = owned(&mut data, &caller, &id)?;
    if order.kind == OrderType::Notification {
        return Err(OrderError::TypeCantDownload {
            order_type: order.kind,
        }
        .into());
    }
    if order.status != OrderStatus::Completed {
        return Err(OrderError::NotCompleted {
            order_id: id,
            status: order.status,
        }
        .into());
    }
    Ok(format!("result of {} ({})\n", order.id, order.kind))
}

/// The receipt of a completed order, read back from the receipt store. A receipt the store
/// cannot give back is a server error: its cause goes to the log, never to the client.
async fn receipt(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
) -> Result<Json<Value>, AppError> {
    let mut data = state.data();
    let order = owned(&mut data, &caller, &id)?;
    let Some(stored) = &order.receipt else {
        return Err(OrderError::NotCompleted {
            order_id: id,
            status: order.status,
        }
        .into());
    };
    // The cause is logged with the response (see `error_config`), and never sent.
    let receipt: Value = serde_json::from_str(stored).map_err(|cause| {
        ServerError::Internal(
            format!("receipt of {id} is unreadable in the receipt store: {cause}").into(),
        )
    })?;
    Ok(Json(receipt))
}

async fn get_plan(_caller: Caller, PathParam(plan_id): PathParam) -> Result<Json<Plan>, AppError> {
    PLANS
        .into_iter()
        .find(|plan| plan.id == plan_id)
        .map(Json)
        .ok_or_else(|| UsageError::PlanNotFound { plan_id }.into())
}

async fn create_webhook(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<(StatusCode, Json<Webhook>), AppError> {
    caller.require_write()?;
    let url = serde_json::from_slice::<Value>(&body)
        .ok()
        .filter(|_| is_json(&headers))
        .and_then(|value| value.get("url").and_then(Value::as_str).map(str::to_owned))
        .filter(|url| url.starts_with("https://"))
        .ok_or_else(|| ValidationError::Failed {
            fields: vec![field_error(
                "/url",
                "expected an https:// URL in a JSON object",
            )],
        })?;
    let mut data = state.data();
    let id = format!("wh_{}", data.next_id);
    data.next_id += 1;
    let webhook = Webhook {
        id: id.clone(),
        url,
        owner: caller.token.account,
    };
    data.webhooks.insert(id, webhook.clone());
    Ok((StatusCode::CREATED, Json(webhook)))
}

/// The caller's webhook `id`; another account's webhook is not found, like a missing one.
fn own_webhook<'a>(data: &'a Data, caller: &Caller, id: &str) -> Result<&'a Webhook, WebhookError> {
    data.webhooks
        .get(id)
        .filter(|webhook| webhook.owner == caller.token.account)
        .ok_or_else(|| WebhookError::NotFound {
            webhook_id: id.to_owned(),
        })
}

async fn get_webhook(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
) -> Result<Json<Webhook>, AppError> {
    let data = state.data();
    Ok(Json(own_webhook(&data, &caller, &id)?.clone()))
}

async fn delete_webhook(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
) -> Result<StatusCode, AppError> {
    caller.require_write()?;
    let mut data = state.data();
    own_webhook(&data, &caller, &id)?;
    data.webhooks.remove(&id);
    Ok(StatusCode::NO_CONTENT)
}
