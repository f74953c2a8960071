//! What the order requests carry, checked: the order id in the path, the body and
//! `Idempotency-Key` of a creation, and the outcome of a completion.

use axum::http::HeaderMap;
use serde_json::{Map, Value};

use super::extract::{field_error, is_json, member_pointer};
use crate::errors::{FieldError, OrderStatus, OrderType, ValidationError};

/// `ord_` followed by digits, or `INVALID_PARAMETER`.
pub(super) fn order_id(id: &str) -> Result<(), ValidationError> {
    let digits = id.strip_prefix("ord_").unwrap_or_default();
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(ValidationError::InvalidParameter {
            name: "order_id".into(),
            reason: format!("expected an order id such as `ord_1`, found `{id}`"),
        })
    }
}

/// What `POST /orders` asks for, once its body is valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NewOrder {
    pub(super) order_type: OrderType,
    pub(super) quantity: u32,
}

/// Reads `{"type": "...", "quantity": n}`, reporting the fields at fault (the first
/// [`FIELD_ERRORS_MAX`](crate::errors::FIELD_ERRORS_MAX), and how many more).
pub(super) fn new_order(headers: &HeaderMap, body: &[u8]) -> Result<NewOrder, ValidationError> {
    let failed = |fields: Vec<FieldError>| ValidationError::failed(fields);
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
    // Made one at a time, as the answer lists them: there may be a great many.
    let mut unknown = object
        .keys()
        .filter(|k| !["type", "quantity"].contains(&k.as_str()))
        .map(|name| field_error(&member_pointer(name), "unknown field"))
        .peekable();
    match (order_type, quantity) {
        (Some(order_type), Some(quantity)) if fields.is_empty() && unknown.peek().is_none() => {
            Ok(NewOrder {
                order_type,
                quantity,
            })
        }
        _ => Err(ValidationError::failed(fields.into_iter().chain(unknown))),
    }
}

/// The `Idempotency-Key` of a creation: 8 to 64 letters, digits, `-` or `_`.
pub(super) fn idempotency_key(headers: &HeaderMap) -> Result<String, ValidationError> {
    let invalid = |reason: &'static str| ValidationError::IdempotencyKeyInvalid {
        reason: reason.into(),
    };
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

/// The outcome a completion reports: `completed` or `failed`, in a JSON object.
pub(super) fn outcome(headers: &HeaderMap, body: &[u8]) -> Result<OrderStatus, ValidationError> {
    let wrong = || {
        ValidationError::failed([field_error(
            "/outcome",
            "expected `completed` or `failed` in a JSON object",
        )])
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
