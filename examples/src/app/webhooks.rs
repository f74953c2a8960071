//! `POST /webhooks`, and `GET` and `DELETE /webhooks/{webhook_id}` of the caller's own.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde_json::Value;

use super::auth::Caller;
use super::extract::{Body, PathParam, field_error, is_json};
use super::state::{AppState, Data, Webhook};
use crate::errors::{AppError, ValidationError, WebhookError};

pub(super) async fn create_webhook(
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
        .ok_or_else(|| {
            ValidationError::failed([field_error(
                "/url",
                "expected an https:// URL in a JSON object",
            )])
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

pub(super) async fn get_webhook(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
) -> Result<Json<Webhook>, AppError> {
    let data = state.data();
    Ok(Json(own_webhook(&data, &caller, &id)?.clone()))
}

pub(super) async fn delete_webhook(
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
