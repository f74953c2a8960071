//! `POST /webhooks`, and `GET` and `DELETE /webhooks/{webhook_id}` of the caller's own.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde_json::Value;
use url::{Host, Url};

use super::auth::Caller;
use super::extract::{Body, PathParam, field_error, is_json};
use super::reachable;
use super::state::{AppState, Data, Webhook};
use crate::errors::{AppError, UsageError, ValidationError, WebhookError};

/// The most webhooks an account may have, on any plan.
pub(super) const WEBHOOKS_PER_ACCOUNT: u32 = 20;

/// The longest webhook URL, in bytes, both as sent and as kept (once parsed and normalised).
pub(super) const URL_MAX: usize = 2048;

pub(super) async fn create_webhook(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<(StatusCode, Json<Webhook>), AppError> {
    let url = webhook_url(&headers, &body).map_err(AppError::from);
    let webhook = create(&state, &caller, url)?;
    Ok((StatusCode::CREATED, Json(webhook)))
}

/// Registers the webhook at `url`, the request's checked URL, within the account's limit.
pub(super) fn create(
    state: &AppState,
    caller: &Caller,
    url: Result<String, AppError>,
) -> Result<Webhook, AppError> {
    caller.require_write()?;
    let url = url?;
    let mut data = state.data();
    let account = caller.token.account;
    let owned = data
        .webhooks
        .values()
        .filter(|webhook| webhook.owner == account)
        .count();
    if owned >= WEBHOOKS_PER_ACCOUNT as usize {
        return Err(UsageError::LimitExceeded {
            plan: caller.plan.id.into(),
            quota: WEBHOOKS_PER_ACCOUNT,
            resource: "webhooks".into(),
        }
        .into());
    }
    let id = format!("wh_{}", data.next_id);
    data.next_id += 1;
    let webhook = Webhook {
        id: id.clone(),
        url,
        owner: account,
    };
    data.webhooks.insert(id, webhook.clone());
    Ok(webhook)
}

/// The `url` of a creation's JSON object, parsed, checked and normalised: an `https` URL of at
/// most [`URL_MAX`] bytes whose host is a name or a public address, not this machine or its
/// network. The refusals do not repeat the URL: the client has it.
fn webhook_url(headers: &HeaderMap, body: &[u8]) -> Result<String, ValidationError> {
    let refused = |reason: &str| ValidationError::failed([field_error("/url", reason)]);
    let url = serde_json::from_slice::<Value>(body)
        .ok()
        .filter(|_| is_json(headers))
        .and_then(|value| value.get("url").and_then(Value::as_str).map(str::to_owned))
        .ok_or_else(|| refused("expected an https URL in a JSON object"))?;
    checked_url(&url)
}

/// `url` when it is an https URL of a public host, at most [`URL_MAX`] bytes, as it is sent on.
pub(super) fn checked_url(url: &str) -> Result<String, ValidationError> {
    let refused = |reason: &str| ValidationError::failed([field_error("/url", reason)]);
    let too_long = || refused(&format!("the URL is longer than {URL_MAX} bytes"));
    if url.len() > URL_MAX {
        return Err(too_long());
    }
    let url = Url::parse(url).map_err(|error| refused(&format!("not a URL: {error}")))?;
    if url.scheme() != "https" {
        return Err(refused("expected an https URL"));
    }
    let local = match url.host() {
        None => return Err(refused("the URL has no host")),
        Some(Host::Domain(name)) => reachable::is_local_name(name),
        Some(Host::Ipv4(address)) => !reachable::is_global(address.into()),
        Some(Host::Ipv6(address)) => !reachable::is_global(address.into()),
    };
    if local {
        return Err(refused(
            "the host is not a public address: this machine, a private network or another \
             special-purpose block, or a name of this machine",
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refused("the URL carries credentials"));
    }
    if url.port() == Some(0) {
        return Err(refused("port 0 is no port"));
    }
    let url = String::from(url);
    if url.len() > URL_MAX {
        return Err(too_long());
    }
    Ok(url)
}

/// The caller's webhook `id`; another account's webhook is not found, like a missing one.
pub(super) fn own_webhook<'a>(
    data: &'a Data,
    caller: &Caller,
    id: &str,
) -> Result<&'a Webhook, WebhookError> {
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
