//! The order handlers: listing, creating, reading, uploading a file, confirming, completing,
//! downloading the result and reading the receipt.

use std::time::Instant;

use api_error_core::Rejection;
use api_error_core::violation::{Location, Pointer, Violation, reason};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::auth::Caller;
use super::extract::{Body, PathParam};
use super::openapi::{AnyObject, NewOrderBody, OrderPath, OutcomeBody, UploadBody};
use super::order_input::{idempotency_key, new_order, order_id, outcome};
use super::state::{AppState, Data, Order, OrderView, ServiceConfig};
use api_error_core::set::Answers;
use api_error_core::set::OneOf;

use crate::errors::{
    OrderStatus, OrderType, auth_error, order_error, server_error, usage_error, validation_error,
};

/// What `owned` answers: an order id that is malformed, unknown, or another account's.
pub type Owned = OneOf<(
    validation_error::InvalidParameter,
    order_error::NotFound,
    order_error::NotOwner,
)>;

/// What `create` answers, for `POST /orders`.
pub type Create = OneOf<(
    auth_error::Forbidden,
    validation_error::Failed,
    validation_error::IdempotencyKeyInvalid,
    usage_error::LimitExceeded,
    usage_error::NotEnough,
)>;

/// What `POST /orders/{order_id}/file` answers.
pub type UploadFile = OneOf<(
    auth_error::Forbidden,
    validation_error::InvalidParameter,
    order_error::NotFound,
    order_error::NotOwner,
    order_error::TypeNotMatch,
    order_error::NotPending,
    usage_error::LimitExceeded,
    validation_error::Failed,
)>;

/// What an order that has left `pending` for good answers to being confirmed.
type Settled = OneOf<(
    order_error::AlreadyConfirmed,
    order_error::AlreadyCompleted,
    order_error::AlreadyFailed,
)>;

/// What a pending order answers to being confirmed.
type ConfirmPending = OneOf<(order_error::Expired, order_error::FileNotUploaded)>;

/// What `confirm` answers.
pub(super) type Confirm = OneOf<(
    order_error::AlreadyConfirmed,
    order_error::AlreadyCompleted,
    order_error::AlreadyFailed,
    order_error::Expired,
    order_error::FileNotUploaded,
)>;

/// What `POST /orders/{order_id}/confirm` answers.
pub type ConfirmOrder = OneOf<(
    auth_error::Forbidden,
    validation_error::InvalidParameter,
    order_error::NotFound,
    order_error::NotOwner,
    order_error::AlreadyConfirmed,
    order_error::AlreadyCompleted,
    order_error::AlreadyFailed,
    order_error::Expired,
    order_error::FileNotUploaded,
)>;

/// What `POST /orders/{order_id}/complete` answers: a pending order is confirmed first, so
/// never `ORDER_ALREADY_CONFIRMED`.
pub type CompleteOrder = OneOf<(
    auth_error::Forbidden,
    validation_error::InvalidParameter,
    order_error::NotFound,
    order_error::NotOwner,
    validation_error::Failed,
    order_error::Expired,
    order_error::FileNotUploaded,
    order_error::AlreadyCompleted,
    order_error::AlreadyFailed,
    order_error::Timeout,
)>;

/// What `GET /orders/{order_id}/download` answers.
pub type Download = OneOf<(
    validation_error::InvalidParameter,
    order_error::NotFound,
    order_error::NotOwner,
    order_error::TypeCantDownload,
    order_error::NotCompleted,
)>;

/// What `receipt_of` answers, for `GET /orders/{order_id}/receipt`.
pub type Receipt = OneOf<(
    validation_error::InvalidParameter,
    order_error::NotFound,
    order_error::NotOwner,
    order_error::NotCompleted,
    server_error::Internal,
)>;

/// The caller's order `id`: it must exist and be theirs.
pub(super) fn owned<'a>(
    data: &'a mut Data,
    caller: &Caller,
    id: &str,
) -> Result<&'a mut Order, Owned> {
    order_id(id)?;
    let order = data
        .orders
        .get_mut(id)
        .ok_or_else(|| order_error::NotFound {
            order_id: id.to_owned(),
        })?;
    if order.owner != caller.token.account {
        Err(order_error::NotOwner)?;
    }
    Ok(order)
}

/// `GET /orders`: the caller's orders, oldest first.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "aide-document", derive(schemars::JsonSchema))]
pub(super) struct OrderList {
    orders: Vec<OrderView>,
}

/// The query of `GET /orders`: `limit`, from 1 to 100.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[cfg_attr(feature = "aide-document", derive(schemars::JsonSchema))]
#[into_params(parameter_in = Query)]
pub(super) struct ListQuery {
    /// How many orders to list, from 1 to 100; 20 unsaid.
    #[param(minimum = 1, maximum = 100)]
    limit: Option<usize>,
}

/// `INVALID_PARAMETER` for a `limit` that is a number out of its range.
pub(super) fn limit_out_of_range(limit: usize) -> validation_error::InvalidParameter {
    validation_error::InvalidParameter::of(
        Violation::new(
            Location::query("limit"),
            reason::RANGE,
            "expected a number from 1 to 100",
        )
        .with_param("min", 1)
        .with_param("max", 100),
        format!("expected a number from 1 to 100, found `{limit}`"),
    )
}

/// `INVALID_PARAMETER` for a query axum's `Query` could not read: the parameter and the reason
/// its text names (a number that is none, `limit` given twice).
fn query_refused(rejection: &QueryRejection) -> validation_error::InvalidParameter {
    let text = rejection.body_text();
    let read = Rejection::new(rejection.status(), &HeaderMap::new(), Some(text.clone()));
    match read
        .violations()
        .and_then(|violations| violations.iter().next())
    {
        Some(violation) => validation_error::InvalidParameter::of(
            violation.clone(),
            violation.message().to_owned(),
        ),
        None => validation_error::InvalidParameter {
            name: "query".into(),
            reason: text,
            violations: None,
        },
    }
}

#[utoipa::path(
    get,
    path = "/orders",
    summary = "The caller's orders, oldest first (`?limit=` from 1 to 100, 20 unsaid)",
    params(ListQuery),
    responses(
        (status = 200, description = "The orders", body = OrderList),
        Answers<OneOf<(validation_error::InvalidParameter,)>, (Caller,)>,
    )
)]
pub(super) async fn list_orders(
    State(state): State<AppState>,
    caller: Caller,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<OrderList>, OneOf<(validation_error::InvalidParameter,)>> {
    let Query(query) = query.map_err(|rejection| query_refused(&rejection))?;
    let limit = match query.limit {
        None => DEFAULT_LIMIT,
        Some(limit @ 1..=100) => limit,
        Some(limit) => return Err(limit_out_of_range(limit).into()),
    };
    Ok(Json(orders_of(&state, &caller, limit)))
}

/// How many orders a list holds unless the request says.
pub(super) const DEFAULT_LIMIT: usize = 20;

/// The caller's first `limit` orders, oldest first.
pub(super) fn orders_of(state: &AppState, caller: &Caller, limit: usize) -> OrderList {
    let data = state.data();
    let mut orders: Vec<&Order> = data
        .orders
        .values()
        .filter(|order| order.owner == caller.token.account)
        .collect();
    orders.sort_by_key(|order| order.id[4..].parse::<u64>().unwrap_or(u64::MAX));
    let orders = orders.iter().take(limit).map(|o| o.view()).collect();
    OrderList { orders }
}

#[utoipa::path(
    post,
    path = "/orders",
    summary = "Creates an order, once per `Idempotency-Key`",
    params(("Idempotency-Key" = String, Header, pattern = "^[A-Za-z0-9_-]{8,64}$")),
    request_body(content = inline(NewOrderBody), content_type = "application/json"),
    responses(
        (status = 201, description = "The order", body = OrderView),
        Answers<Create, (Caller, Body)>,
    )
)]
pub(super) async fn create_order(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<(StatusCode, Json<OrderView>), Create> {
    let view = create(&state, &caller, &headers, &body)?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Creates the order the request asks for, once per idempotency key, within the caller's plan.
pub(super) fn create(
    state: &AppState,
    caller: &Caller,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<OrderView, Create> {
    caller.require_write()?;
    let key = idempotency_key(headers)?;
    let request = new_order(headers, body)?;
    let mut data = state.data();
    let account = caller.token.account;
    if let Some((first, answer)) = data.idempotency.get(&(account, key.clone())) {
        if *first != request {
            return Err(validation_error::IdempotencyKeyInvalid {
                reason: "the key was used for a different request".into(),
            }
            .into());
        }
        return Ok(answer.clone());
    }
    let used = data.used.get(account).copied().unwrap_or(0);
    let remaining = caller.plan.quota.saturating_sub(used);
    if remaining == 0 {
        return Err(usage_error::LimitExceeded {
            plan: caller.plan.id.into(),
            quota: caller.plan.quota,
            resource: "units".into(),
        }
        .into());
    }
    if request.quantity > remaining {
        return Err(usage_error::NotEnough {
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
        file_uploaded: false,
        expires_at: Instant::now() + state.config.order_ttl,
        deadline: None,
        receipt: None,
    };
    let view = order.view();
    data.orders.insert(id, order);
    data.idempotency
        .insert((account, key), (request, view.clone()));
    Ok(view)
}

#[utoipa::path(
    get,
    path = "/orders/{order_id}",
    summary = "One of the caller's orders",
    params(OrderPath),
    responses(
        (status = 200, description = "The order", body = OrderView),
        Answers<Owned, (Caller, PathParam)>,
    )
)]
pub(super) async fn get_order(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
) -> Result<Json<OrderView>, Owned> {
    let mut data = state.data();
    let order = owned(&mut data, &caller, &id)?;
    Ok(Json(order.view()))
}

#[utoipa::path(
    post,
    path = "/orders/{order_id}/file",
    summary = "Uploads the file a pending conversion converts",
    params(OrderPath),
    request_body(content = inline(UploadBody), content_type = "*/*"),
    responses(
        (status = 200, description = "The order", body = OrderView),
        Answers<UploadFile, (Caller, PathParam, Body)>,
    )
)]
pub(super) async fn upload_file(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
    Body(body): Body,
) -> Result<Json<OrderView>, UploadFile> {
    caller.require_write()?;
    let mut data = state.data();
    let order = owned(&mut data, &caller, &id)?;
    if order.kind != OrderType::Conversion {
        return Err(order_error::TypeNotMatch {
            expected: OrderType::Conversion,
            found: order.kind,
        }
        .into());
    }
    if order.status != OrderStatus::Pending {
        return Err(order_error::NotPending {
            order_id: id,
            status: order.status,
        }
        .into());
    }
    if body.is_empty() {
        return Err(validation_error::Failed::of([Violation::new(
            Pointer::root(),
            reason::LENGTH,
            "the file is empty",
        )
        .with_param("min", 1)])
        .into());
    }
    let account = caller.token.account;
    let held = files_held(&mut data, account, &id);
    if held + body.len() > FILE_BYTES_PER_ACCOUNT as usize {
        return Err(usage_error::LimitExceeded {
            plan: caller.plan.id.into(),
            quota: FILE_BYTES_PER_ACCOUNT,
            resource: "file bytes".into(),
        }
        .into());
    }
    let order = owned(&mut data, &caller, &id)?;
    order.file = Some(body);
    order.file_uploaded = true;
    Ok(Json(order.view()))
}

/// The most bytes of uploaded files an account holds at once, over all its orders: two files at
/// the body limit. A file is freed when its order completes, fails or expires, so that making
/// room takes finishing (or abandoning) an order.
pub(super) const FILE_BYTES_PER_ACCOUNT: u32 = 4 * 1024 * 1024;

/// The bytes of files `account`'s orders but `except` hold, once the files of its orders that
/// expired waiting for confirmation are freed.
fn files_held(data: &mut Data, account: &str, except: &str) -> usize {
    let now = Instant::now();
    data.orders
        .values_mut()
        .filter(|order| order.owner == account && order.id != except)
        .filter_map(|order| {
            if order.status == OrderStatus::Pending && now >= order.expires_at {
                order.file = None;
            }
            order.file.as_ref().map(bytes::Bytes::len)
        })
        .sum()
}

/// The error of an order that has left `pending` for good, if it has.
fn settled(order: &Order) -> Option<Settled> {
    let order_id = order.id.clone();
    match order.status {
        OrderStatus::Pending => None,
        OrderStatus::Confirmed => Some(order_error::AlreadyConfirmed { order_id }.into()),
        OrderStatus::Completed => Some(order_error::AlreadyCompleted { order_id }.into()),
        OrderStatus::Failed => Some(order_error::AlreadyFailed { order_id }.into()),
    }
}

/// Confirms an order: it must be pending, not expired, and a conversion needs its file.
pub(super) fn confirm(order: &mut Order, config: &ServiceConfig) -> Result<(), Confirm> {
    if let Some(error) = settled(order) {
        return Err(error.into());
    }
    Ok(confirm_pending(order, config)?)
}

/// Confirms a pending order: it must not have expired, and a conversion needs its file.
fn confirm_pending(order: &mut Order, config: &ServiceConfig) -> Result<(), ConfirmPending> {
    if Instant::now() >= order.expires_at {
        return Err(order_error::Expired {
            order_id: order.id.clone(),
        }
        .into());
    }
    if order.kind == OrderType::Conversion && !order.file_uploaded {
        return Err(order_error::FileNotUploaded {
            order_id: order.id.clone(),
        }
        .into());
    }
    order.status = OrderStatus::Confirmed;
    order.deadline = Some(Instant::now() + config.processing_deadline);
    Ok(())
}

#[utoipa::path(
    post,
    path = "/orders/{order_id}/confirm",
    summary = "Confirms a pending order",
    params(OrderPath),
    responses(
        (status = 200, description = "The order", body = OrderView),
        Answers<ConfirmOrder, (Caller, PathParam)>,
    )
)]
pub(super) async fn confirm_order(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
) -> Result<Json<OrderView>, ConfirmOrder> {
    caller.require_write()?;
    let config = state.config;
    let mut data = state.data();
    let order = owned(&mut data, &caller, &id)?;
    confirm(order, &config)?;
    Ok(Json(order.view()))
}

/// Finishes processing: `{"outcome": "completed"}` or `{"outcome": "failed"}`. A pending order
/// is confirmed first; a confirmed one past its deadline has timed out and fails.
#[utoipa::path(
    post,
    path = "/orders/{order_id}/complete",
    summary = "Finishes processing an order: `{\"outcome\": \"completed\"}` or `\"failed\"`",
    params(OrderPath),
    request_body(content = inline(OutcomeBody), content_type = "application/json"),
    responses(
        (status = 200, description = "The order", body = OrderView),
        Answers<CompleteOrder, (Caller, PathParam, Body)>,
    )
)]
pub(super) async fn complete_order(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<Json<OrderView>, CompleteOrder> {
    caller.require_write()?;
    let config = state.config;
    let mut data = state.data();
    let order = owned(&mut data, &caller, &id)?;
    let outcome = outcome(&headers, &body)?;
    if order.status == OrderStatus::Pending {
        confirm_pending(order, &config)?;
    }
    match order.status {
        OrderStatus::Completed => {
            return Err(order_error::AlreadyCompleted { order_id: id }.into());
        }
        OrderStatus::Failed => return Err(order_error::AlreadyFailed { order_id: id }.into()),
        OrderStatus::Pending | OrderStatus::Confirmed => {}
    }
    if order
        .deadline
        .is_some_and(|deadline| Instant::now() >= deadline)
    {
        order.status = OrderStatus::Failed;
        order.file = None;
        return Err(order_error::Timeout { order_id: id }.into());
    }
    order.status = outcome;
    // Done with, either way: its file is freed.
    order.file = None;
    if outcome == OrderStatus::Completed {
        order.receipt = Some(format!(
            r#"{{"order_id":"{id}","units":{}}}"#,
            order.quantity
        ));
    }
    Ok(Json(order.view()))
}

#[utoipa::path(
    get,
    path = "/orders/{order_id}/download",
    summary = "The result of a completed order",
    params(OrderPath),
    responses(
        (status = 200, description = "The result", body = String, content_type = "text/plain; charset=utf-8"),
        Answers<Download, (Caller, PathParam)>,
    )
)]
pub(super) async fn download(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
) -> Result<String, Download> {
    let mut data = state.data();
    let order = owned(&mut data, &caller, &id)?;
    if order.kind == OrderType::Notification {
        return Err(order_error::TypeCantDownload {
            order_type: order.kind,
        }
        .into());
    }
    if order.status != OrderStatus::Completed {
        return Err(order_error::NotCompleted {
            order_id: id,
            status: order.status,
        }
        .into());
    }
    Ok(format!("result of {} ({})\n", order.id, order.kind))
}

/// The receipt of a completed order, read back from the receipt store. A receipt the store
/// cannot give back is a server error: its cause goes to the log, never to the client.
#[utoipa::path(
    get,
    path = "/orders/{order_id}/receipt",
    summary = "The receipt of a completed order",
    params(OrderPath),
    responses(
        (status = 200, description = "The receipt", body = inline(AnyObject)),
        Answers<Receipt, (Caller, PathParam)>,
    )
)]
pub(super) async fn receipt(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
) -> Result<Json<Value>, Receipt> {
    receipt_of(&state, &caller, id).map(Json)
}

/// The receipt of the caller's order `id`, which must be completed.
pub(super) fn receipt_of(state: &AppState, caller: &Caller, id: String) -> Result<Value, Receipt> {
    let mut data = state.data();
    let order = owned(&mut data, caller, &id)?;
    let Some(stored) = &order.receipt else {
        return Err(order_error::NotCompleted {
            order_id: id,
            status: order.status,
        }
        .into());
    };
    // The cause is logged with the response (see `error_config`), and never sent.
    let receipt: Value = serde_json::from_str(stored).map_err(|cause| {
        server_error::Internal(
            format!("receipt of {id} is unreadable in the receipt store: {cause}").into(),
        )
    })?;
    Ok(receipt)
}
