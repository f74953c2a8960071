//! `POST /webhooks`, and `GET` and `DELETE /webhooks/{webhook_id}` of the caller's own.

use api_error_core::violation::{Location, Pointer, Violation, reason};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::Value;
use url::{Host, Url};
use validator::Validate;

use super::auth::Caller;
use super::extract::{Body, PathParam, is_json};
use super::openapi::NewWebhookBody;
use super::reachable;
use super::state::{AppState, Data, Webhook};
use api_error_core::set::Answers;
use api_error_core::set::OneOf;

use crate::errors::{auth_error, usage_error, validation_error, webhook_error};

/// What `POST /webhooks` answers.
pub type CreateWebhook = OneOf<(
    auth_error::Forbidden,
    validation_error::Failed,
    usage_error::LimitExceeded,
)>;

/// What `DELETE /webhooks/{webhook_id}` answers.
pub type DeleteWebhook = OneOf<(auth_error::Forbidden, webhook_error::NotFound)>;

/// The most webhooks an account may have, on any plan.
pub(super) const WEBHOOKS_PER_ACCOUNT: u32 = 20;

/// The longest webhook URL, in bytes, both as sent and as kept (once parsed and normalised).
pub(super) const URL_MAX: usize = 2048;

#[utoipa::path(
    post,
    path = "/webhooks",
    summary = "Registers a webhook: `{\"url\": \"https://...\"}`",
    request_body(content = inline(NewWebhookBody), content_type = "application/json"),
    responses(
        (status = 201, description = "The webhook", body = Webhook),
        Answers<CreateWebhook, (Caller, Body)>,
    )
)]
pub(super) async fn create_webhook(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Body(body): Body,
) -> Result<(StatusCode, Json<Webhook>), CreateWebhook> {
    let url = webhook_url(&headers, &body);
    let webhook = create(&state, &caller, url)?;
    Ok((StatusCode::CREATED, Json(webhook)))
}

/// Registers the webhook at `url`, the request's checked URL, within the account's limit.
pub(super) fn create(
    state: &AppState,
    caller: &Caller,
    url: Result<String, validation_error::Failed>,
) -> Result<Webhook, CreateWebhook> {
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
        return Err(usage_error::LimitExceeded {
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

/// The body of `POST /webhooks` as sent: its `url` read as any value, checked by the
/// `validator` crate.
#[derive(Deserialize, Validate)]
struct WebhookBody {
    #[validate(required, custom(function = "public_https_url"))]
    url: Option<Value>,
}

/// An https URL of a public host, at most [`URL_MAX`] bytes.
fn public_https_url(value: &Value) -> Result<(), validator::ValidationError> {
    match value.as_str() {
        Some(url) => refusal(url).map_or(Ok(()), Err),
        None => Err(validator::ValidationError::new(reason::TYPE)
            .with_message("expected an https URL in a JSON object".into())),
    }
}

/// The `url` of a creation's JSON object, parsed, checked and normalised: an `https` URL of at
/// most [`URL_MAX`] bytes whose host is a name or a public address, not this machine or its
/// network. The refusals do not repeat the URL: the client has it.
fn webhook_url(headers: &HeaderMap, body: &[u8]) -> Result<String, validation_error::Failed> {
    let not_an_object = || {
        validation_error::Failed::of([Violation::new(
            Pointer::root(),
            reason::TYPE,
            "expected an https URL in a JSON object",
        )])
    };
    if !is_json(headers) {
        return Err(validation_error::Failed::of([Violation::new(
            Location::header("Content-Type"),
            reason::FORMAT,
            "Expected `application/json`",
        )]));
    }
    let webhook: WebhookBody = serde_json::from_slice(body).map_err(|_| not_an_object())?;
    if let Err(errors) = webhook.validate() {
        return Err(validation_error::Failed {
            violations: api_error_core::validator::violations(&errors),
        });
    }
    checked_url(
        webhook
            .url
            .as_ref()
            .and_then(Value::as_str)
            .unwrap_or_default(),
    )
}

/// `url` when it is an https URL of a public host, at most [`URL_MAX`] bytes, as it is sent on.
pub(super) fn checked_url(url: &str) -> Result<String, validation_error::Failed> {
    match refusal(url) {
        None => Ok(normalised(url).unwrap_or_else(|| url.to_owned())),
        Some(error) => {
            let mut errors = validator::ValidationErrors::new();
            errors.add("url", error);
            Err(validation_error::Failed {
                violations: api_error_core::validator::violations(&errors),
            })
        }
    }
}

/// The URL as it is kept and sent on: parsed and written back.
fn normalised(url: &str) -> Option<String> {
    Url::parse(url).ok().map(String::from)
}

/// Why `url` is refused, with the violation's reason: `length` past [`URL_MAX`] bytes (as sent
/// or normalised), `format` for no https URL with a host, `invalid` for a host of this machine
/// or its network, credentials or port 0.
fn refusal(url: &str) -> Option<validator::ValidationError> {
    let refused = |why: &'static str, message: String| {
        Some(validator::ValidationError::new(why).with_message(message.into()))
    };
    let too_long = || {
        let mut error = validator::ValidationError::new(reason::LENGTH)
            .with_message(format!("the URL is longer than {URL_MAX} bytes").into());
        error.add_param("max".into(), &URL_MAX);
        Some(error)
    };
    if url.len() > URL_MAX {
        return too_long();
    }
    let url = match Url::parse(url) {
        Ok(url) => url,
        Err(error) => return refused(reason::FORMAT, format!("not a URL: {error}")),
    };
    if url.scheme() != "https" {
        return refused(reason::FORMAT, "expected an https URL".to_owned());
    }
    let local = match url.host() {
        None => return refused(reason::FORMAT, "the URL has no host".to_owned()),
        Some(Host::Domain(name)) => reachable::is_local_name(name),
        Some(Host::Ipv4(address)) => !reachable::is_global(address.into()),
        Some(Host::Ipv6(address)) => !reachable::is_global(address.into()),
    };
    if local {
        return refused(
            reason::INVALID,
            "the host is not a public address: this machine, a private network or another \
             special-purpose block, or a name of this machine"
                .to_owned(),
        );
    }
    if !url.username().is_empty() || url.password().is_some() {
        return refused(reason::INVALID, "the URL carries credentials".to_owned());
    }
    if url.port() == Some(0) {
        return refused(reason::INVALID, "port 0 is no port".to_owned());
    }
    if String::from(url).len() > URL_MAX {
        return too_long();
    }
    None
}

/// The caller's webhook `id`; another account's webhook is not found, like a missing one.
pub(super) fn own_webhook<'a>(
    data: &'a Data,
    caller: &Caller,
    id: &str,
) -> Result<&'a Webhook, webhook_error::NotFound> {
    data.webhooks
        .get(id)
        .filter(|webhook| webhook.owner == caller.token.account)
        .ok_or_else(|| webhook_error::NotFound {
            webhook_id: id.to_owned(),
        })
}

#[utoipa::path(
    get,
    path = "/webhooks/{webhook_id}",
    summary = "One of the caller's webhooks",
    params(("webhook_id" = String, Path)),
    responses(
        (status = 200, description = "The webhook", body = Webhook),
        Answers<OneOf<(webhook_error::NotFound,)>, (Caller, PathParam)>,
    )
)]
pub(super) async fn get_webhook(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
) -> Result<Json<Webhook>, OneOf<(webhook_error::NotFound,)>> {
    let data = state.data();
    Ok(Json(own_webhook(&data, &caller, &id)?.clone()))
}

#[utoipa::path(
    delete,
    path = "/webhooks/{webhook_id}",
    summary = "Deletes one of the caller's webhooks",
    params(("webhook_id" = String, Path)),
    responses(
        (status = 204, description = "Deleted"),
        Answers<DeleteWebhook, (Caller, PathParam)>,
    )
)]
pub(super) async fn delete_webhook(
    State(state): State<AppState>,
    caller: Caller,
    PathParam(id): PathParam,
) -> Result<StatusCode, DeleteWebhook> {
    caller.require_write()?;
    let mut data = state.data();
    own_webhook(&data, &caller, &id)?;
    data.webhooks.remove(&id);
    Ok(StatusCode::NO_CONTENT)
}
