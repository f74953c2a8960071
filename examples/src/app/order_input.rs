//! What the order requests carry, checked: the order id in the path, the body and
//! `Idempotency-Key` of a creation, and the outcome of a completion. A body's checks are the
//! `validator` crate's, each failure a field violation with its reason.

use std::collections::BTreeMap;

use api_error_core::Violations;
use api_error_core::violation::{Location, Pointer, Violation, reason};
use axum::http::HeaderMap;
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;
use validator::Validate;

use super::extract::is_json;
use crate::errors::{OrderStatus, OrderType, validation_error};

/// `ord_` followed by digits, or `INVALID_PARAMETER`.
pub(super) fn order_id(id: &str) -> Result<(), validation_error::InvalidParameter> {
    let digits = id.strip_prefix("ord_").unwrap_or_default();
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(validation_error::InvalidParameter::of(
            Violation::new(
                Location::path("order_id"),
                reason::FORMAT,
                "expected an order id such as `ord_1`",
            ),
            format!("expected an order id such as `ord_1`, found `{id}`"),
        ))
    }
}

/// What `POST /orders` asks for, once its body is valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NewOrder {
    pub(super) order_type: OrderType,
    pub(super) quantity: u32,
}

/// The most an order's `quantity` may be.
pub(super) const QUANTITY_MAX: u64 = 50;

/// The body of `POST /orders` as sent: each member read as any value, so that every problem is
/// found in one pass (a member of the wrong type among them), and every other member kept by
/// name, to be refused.
#[derive(Deserialize, Validate)]
struct OrderBody {
    #[serde(rename = "type")]
    #[validate(required, custom(function = "known_type"))]
    order_type: Option<Value>,
    #[validate(required, custom(function = "quantity_in_range"))]
    quantity: Option<Value>,
    /// The members an order does not have, their values skipped unread (serde flattens the
    /// rest of an object into a map, not a set).
    #[serde(flatten)]
    #[allow(clippy::zero_sized_map_values)]
    unknown: BTreeMap<String, IgnoredAny>,
}

/// An order type's name: `enum`, with the names allowed.
fn known_type(value: &Value) -> Result<(), validator::ValidationError> {
    if value.as_str().and_then(OrderType::parse).is_some() {
        return Ok(());
    }
    let mut error = validator::ValidationError::new(reason::ENUM)
        .with_message("Expected one of `report`, `conversion`, `notification`".into());
    error.add_param("allowed".into(), &"report, conversion, notification");
    Err(error)
}

/// A whole number from 1 to [`QUANTITY_MAX`]: `type` when it is no whole number, `range` with
/// its bounds when it is out of them.
fn quantity_in_range(value: &Value) -> Result<(), validator::ValidationError> {
    if value
        .as_u64()
        .is_some_and(|n| (1..=QUANTITY_MAX).contains(&n))
    {
        Ok(())
    } else if value.is_u64() || value.is_i64() {
        let mut error = validator::ValidationError::new(reason::RANGE);
        error.add_param("min".into(), &1);
        error.add_param("max".into(), &QUANTITY_MAX);
        Err(error)
    } else {
        Err(validator::ValidationError::new(reason::TYPE)
            .with_message("Expected a whole number".into()))
    }
}

/// A body that is not a JSON object: one violation on the whole of it (or on `Content-Type`).
fn not_a_json_object(headers: &HeaderMap, body: &[u8]) -> Option<Violation> {
    if !is_json(headers) {
        return Some(Violation::new(
            Location::header("Content-Type"),
            reason::FORMAT,
            "Expected `application/json`",
        ));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(_)) => None,
        Ok(_) => Some(Violation::new(
            Pointer::root(),
            reason::TYPE,
            "Expected a JSON object",
        )),
        Err(error) => Some(Violation::new(
            Pointer::root(),
            reason::SYNTAX,
            format!("The body is not JSON: {error}"),
        )),
    }
}

/// Reads `{"type": "...", "quantity": n}`, listing every member at fault (the first 20, and how
/// many more).
pub(super) fn new_order(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<NewOrder, validation_error::Failed> {
    if let Some(violation) = not_a_json_object(headers, body) {
        return Err(validation_error::Failed::of([violation]));
    }
    // A JSON object, so that every member reads as a value.
    let order: OrderBody = serde_json::from_slice(body).map_err(|error| {
        validation_error::Failed::of([Violation::new(
            Pointer::root(),
            reason::SYNTAX,
            format!("The body is not JSON: {error}"),
        )])
    })?;
    let mut violations = match order.validate() {
        Ok(()) => Violations::new(),
        Err(errors) => api_error_core::validator::violations(&errors),
    };
    violations.rename_members(|name| match name {
        "order_type" => "type".to_owned(),
        other => other.to_owned(),
    });
    // Made only while they are listed: there may be a great many.
    for name in order.unknown.keys() {
        violations.push_with(|| {
            Violation::new(
                Pointer::root().key(name.as_str()),
                reason::UNKNOWN_FIELD,
                "This member is not allowed",
            )
        });
    }
    let parsed = order
        .order_type
        .as_ref()
        .and_then(Value::as_str)
        .and_then(OrderType::parse)
        .zip(order.quantity.as_ref().and_then(Value::as_u64));
    match parsed {
        Some((order_type, quantity)) if violations.is_empty() => Ok(NewOrder {
            order_type,
            // Within 1 to `QUANTITY_MAX`, checked above.
            quantity: u32::try_from(quantity).unwrap_or(1),
        }),
        _ => Err(validation_error::Failed { violations }),
    }
}

/// The `Idempotency-Key` of a creation: 8 to 64 letters, digits, `-` or `_`.
pub(super) fn idempotency_key(
    headers: &HeaderMap,
) -> Result<String, validation_error::IdempotencyKeyInvalid> {
    let invalid = |reason: &'static str| validation_error::IdempotencyKeyInvalid {
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
pub(super) fn outcome(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<OrderStatus, validation_error::Failed> {
    if let Some(violation) = not_a_json_object(headers, body) {
        return Err(validation_error::Failed::of([violation]));
    }
    let value: Value = serde_json::from_slice(body).unwrap_or_default();
    match value.get("outcome").map(|outcome| outcome.as_str()) {
        Some(Some("completed")) => Ok(OrderStatus::Completed),
        Some(Some("failed")) => Ok(OrderStatus::Failed),
        None => Err(validation_error::Failed::of([Violation::of(
            Pointer::root().key("outcome"),
            reason::REQUIRED,
        )])),
        Some(_) => Err(validation_error::Failed::of([Violation::new(
            Pointer::root().key("outcome"),
            reason::ENUM,
            "Expected `completed` or `failed`",
        )
        .with_param("allowed", "completed, failed")])),
    }
}
