//! The reference API's 26 errors, one type per group of the published reference, and
//! [`AppError`], which holds them all.
//!
//! Each variant's doc comment is its description in the reference (the catalog prints it), and
//! each type's doc comment is its group's title. Messages say the same to the client, with the
//! facts of the case where it has some; details carry those facts as data. What the client sent
//! and the service did not take (an id it has no record of, a parameter it refused) is shown
//! once, in the details, never again in the message.

use api_error_core::violation::Violation;
use api_error_core::{ApiError, Violations};
use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Authentication errors
#[derive(Debug, ApiError)]
#[api_error(decode, members)]
pub enum AuthError {
    /// Authentication required
    #[api_error(
        code = "AUTH_NOT_AUTHENTICATED",
        status = 401,
        message = "Authentication required",
        header("WWW-Authenticate", "Bearer realm=\"orders\"")
    )]
    NotAuthenticated,
    /// Authentication token has expired
    #[api_error(
        code = "AUTH_TOKEN_EXPIRED",
        status = 401,
        message = "Authentication token has expired",
        header(
            "WWW-Authenticate",
            "Bearer realm=\"orders\", error=\"invalid_token\", error_description=\"The token has expired\""
        )
    )]
    TokenExpired,
    /// Invalid authentication token
    #[api_error(
        code = "AUTH_TOKEN_INVALID",
        status = 401,
        message = "Invalid authentication token",
        header("WWW-Authenticate", "Bearer realm=\"orders\", error=\"invalid_token\"")
    )]
    TokenInvalid,
    /// Token format is invalid
    #[api_error(
        code = "AUTH_TOKEN_INVALID_FORMAT",
        status = 401,
        message = "Token format is invalid: expected `Authorization: Bearer tok_...`",
        header(
            "WWW-Authenticate",
            "Bearer realm=\"orders\", error=\"invalid_request\""
        )
    )]
    TokenInvalidFormat,
    /// Insufficient permissions
    #[api_error(
        code = "AUTH_FORBIDDEN",
        status = 403,
        message = "Insufficient permissions: this needs the `{required_scope}` scope",
        header(
            "WWW-Authenticate",
            "Bearer realm=\"orders\", error=\"insufficient_scope\", scope=\"orders:write\""
        )
    )]
    Forbidden {
        /// The scope the token lacks.
        #[api_error(detail)]
        required_scope: Cow<'static, str>,
    },
}

/// Validation errors
#[derive(Debug, ApiError)]
#[api_error(decode, members)]
pub enum ValidationError {
    /// Input validation failed
    #[api_error(
        code = "VALIDATION_FAILED",
        status = 400,
        message = "Input validation failed"
    )]
    Failed {
        /// What is wrong with the request, part by part: at most 20 listed, the rest counted.
        #[api_error(violations)]
        violations: Violations,
    },
    /// Invalid idempotency key
    #[api_error(
        code = "VALIDATION_IDEMPOTENCY_KEY_INVALID",
        status = 400,
        message = "Invalid idempotency key: {reason}"
    )]
    IdempotencyKeyInvalid {
        /// Why the key was refused.
        #[api_error(detail)]
        reason: Cow<'static, str>,
    },
    /// Invalid parameter provided
    #[api_error(
        code = "INVALID_PARAMETER",
        status = 400,
        message = "Invalid parameter `{name}`"
    )]
    InvalidParameter {
        /// The path or query parameter.
        #[api_error(detail)]
        name: Cow<'static, str>,
        /// What is wrong with its value.
        #[api_error(detail)]
        reason: String,
        /// The same as a field violation: where the parameter is, and why, with a reason code.
        #[api_error(violations)]
        violations: Option<Violations>,
    },
}

impl validation_error::InvalidParameter {
    /// `INVALID_PARAMETER` for `violation`, a parameter's, with `reason` in its details.
    #[must_use]
    pub fn of(violation: Violation, reason: String) -> Self {
        validation_error::InvalidParameter {
            name: violation
                .location()
                .name()
                .unwrap_or_default()
                .to_owned()
                .into(),
            reason,
            violations: Some(Violations::from_iter([violation])),
        }
    }
}

impl validation_error::Failed {
    /// `VALIDATION_FAILED` with `violations`.
    pub fn of(violations: impl IntoIterator<Item = Violation>) -> Self {
        validation_error::Failed {
            violations: violations.into_iter().collect(),
        }
    }
}

impl ValidationError {
    /// `INVALID_PARAMETER` on the parameter `violation` is at, `reason` saying what is wrong
    /// with the value sent (the violation's message says what is asked for: a value the client
    /// sent is shown once).
    #[must_use]
    pub fn parameter(violation: Violation, reason: String) -> Self {
        ValidationError::InvalidParameter {
            name: violation
                .location()
                .name()
                .unwrap_or_default()
                .to_owned()
                .into(),
            reason,
            violations: Some(Violations::from_iter([violation])),
        }
    }

    /// `VALIDATION_FAILED` on `violations`.
    pub fn failed(violations: impl IntoIterator<Item = Violation>) -> Self {
        ValidationError::Failed {
            violations: violations.into_iter().collect(),
        }
    }
}

/// Order errors
#[derive(Debug, ApiError)]
#[api_error(decode, members)]
pub enum OrderError {
    /// Order not found
    #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
    NotFound {
        /// The order asked for.
        #[api_error(detail)]
        order_id: String,
    },
    /// Order is not in pending status
    #[api_error(
        code = "ORDER_NOT_PENDING",
        status = 400,
        message = "Order {order_id} is not in pending status",
        grpc = "FAILED_PRECONDITION"
    )]
    NotPending {
        /// The order.
        #[api_error(detail)]
        order_id: String,
        /// Its status now.
        #[api_error(detail)]
        status: OrderStatus,
    },
    /// Not the order owner
    #[api_error(
        code = "ORDER_NOT_OWNER",
        status = 403,
        message = "Not the order owner"
    )]
    NotOwner,
    /// Order has expired
    #[api_error(
        code = "ORDER_EXPIRED",
        status = 400,
        message = "Order {order_id} has expired",
        grpc = "FAILED_PRECONDITION"
    )]
    Expired {
        /// The order.
        #[api_error(detail)]
        order_id: String,
    },
    /// Order is not completed
    #[api_error(
        code = "ORDER_NOT_COMPLETED",
        status = 400,
        message = "Order {order_id} is not completed",
        grpc = "FAILED_PRECONDITION"
    )]
    NotCompleted {
        /// The order.
        #[api_error(detail)]
        order_id: String,
        /// Its status now.
        #[api_error(detail)]
        status: OrderStatus,
    },
    /// Order file has not been uploaded
    #[api_error(
        code = "ORDER_FILE_NOT_UPLOADED",
        status = 400,
        message = "Order {order_id} has no file: upload it first",
        grpc = "FAILED_PRECONDITION"
    )]
    FileNotUploaded {
        /// The order.
        #[api_error(detail)]
        order_id: String,
    },
    /// Order has already been confirmed
    #[api_error(
        code = "ORDER_ALREADY_CONFIRMED",
        status = 400,
        message = "Order {order_id} has already been confirmed",
        grpc = "FAILED_PRECONDITION"
    )]
    AlreadyConfirmed {
        /// The order.
        #[api_error(detail)]
        order_id: String,
    },
    /// Order is already completed
    #[api_error(
        code = "ORDER_ALREADY_COMPLETED",
        status = 400,
        message = "Order {order_id} is already completed",
        grpc = "FAILED_PRECONDITION"
    )]
    AlreadyCompleted {
        /// The order.
        #[api_error(detail)]
        order_id: String,
    },
    /// Order has already failed
    #[api_error(
        code = "ORDER_ALREADY_FAILED",
        status = 400,
        message = "Order {order_id} has already failed",
        grpc = "FAILED_PRECONDITION"
    )]
    AlreadyFailed {
        /// The order.
        #[api_error(detail)]
        order_id: String,
    },
    /// Order type does not match
    #[api_error(
        code = "ORDER_TYPE_NOT_MATCH",
        status = 400,
        message = "Order type does not match: this needs a `{expected}` order, not `{found}`"
    )]
    TypeNotMatch {
        /// The type the operation needs.
        #[api_error(detail)]
        expected: OrderType,
        /// The order's type.
        #[api_error(detail)]
        found: OrderType,
    },
    /// This order type cannot be downloaded
    #[api_error(
        code = "ORDER_TYPE_CANT_DOWNLOAD",
        status = 400,
        message = "Orders of type `{order_type}` cannot be downloaded"
    )]
    TypeCantDownload {
        /// The order's type.
        #[api_error(detail)]
        order_type: OrderType,
    },
    /// Order processing timed out
    #[api_error(
        code = "ORDER_TIMEOUT",
        status = 408,
        message = "Order {order_id} processing timed out"
    )]
    Timeout {
        /// The order, which has now failed.
        #[api_error(detail)]
        order_id: String,
    },
}

/// Where an order is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "aide-document", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Created, waiting for confirmation.
    Pending,
    /// Confirmed by its owner, being processed.
    Confirmed,
    /// Processed.
    Completed,
    /// Processing failed or timed out.
    Failed,
}

/// What an order is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(feature = "aide-document", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderType {
    /// A report built from the account's data; its result can be downloaded.
    Report,
    /// A conversion of an uploaded file; its result can be downloaded.
    Conversion,
    /// A notification sent to the account's webhooks; it has nothing to download.
    Notification,
}

impl OrderType {
    /// The name the API uses.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            OrderType::Report => "report",
            OrderType::Conversion => "conversion",
            OrderType::Notification => "notification",
        }
    }

    /// The type with this name.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Report, Self::Conversion, Self::Notification]
            .into_iter()
            .find(|t| t.as_str() == name)
    }
}

impl std::fmt::Display for OrderType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Usage & plan errors
#[derive(Debug, ApiError)]
#[api_error(decode, members)]
pub enum UsageError {
    /// Usage limit exceeded
    #[api_error(
        code = "USAGE_LIMIT_EXCEEDED",
        status = 400,
        message = "Usage limit exceeded: all {quota} {resource} of the `{plan}` plan are used"
    )]
    LimitExceeded {
        /// The plan.
        #[api_error(detail)]
        plan: Cow<'static, str>,
        /// How many of `resource` it allows.
        #[api_error(detail)]
        quota: u32,
        /// What is used up: `units` of work ordered, `webhooks`, or `file bytes` held.
        #[api_error(detail)]
        resource: Cow<'static, str>,
    },
    /// Insufficient usage quota
    #[api_error(
        code = "USAGE_NOT_ENOUGH",
        status = 400,
        message = "Insufficient usage quota: {required} units needed, {remaining} left"
    )]
    NotEnough {
        /// The units the request needs.
        #[api_error(detail)]
        required: u32,
        /// The units left.
        #[api_error(detail)]
        remaining: u32,
    },
    /// Plan not found
    #[api_error(code = "PLAN_NOT_FOUND", status = 404, message = "Plan not found")]
    PlanNotFound {
        /// The plan asked for.
        #[api_error(detail)]
        plan_id: String,
    },
}

/// Webhook errors
#[derive(Debug, ApiError)]
#[api_error(decode, members)]
pub enum WebhookError {
    /// Webhook not found
    #[api_error(
        code = "WEBHOOK_NOT_FOUND",
        status = 404,
        message = "Webhook not found"
    )]
    NotFound {
        /// The webhook asked for.
        #[api_error(detail)]
        webhook_id: String,
    },
}

/// Rate limiting
#[derive(Debug, ApiError)]
#[api_error(decode, members)]
pub enum RateLimitError {
    /// Too many requests
    #[api_error(
        code = "RATE_LIMIT_EXCEEDED",
        status = 429,
        message = "Too many requests: retry in {retry_after} seconds"
    )]
    Exceeded {
        /// Whole seconds until a request is allowed again, at least 1; also the `Retry-After`
        /// header.
        #[api_error(detail, header = "Retry-After")]
        retry_after: u64,
        /// Requests allowed per window.
        #[api_error(detail)]
        limit: u32,
    },
}

/// Server errors
#[derive(Debug, ApiError)]
#[api_error(decode, members)]
pub enum ServerError {
    /// Internal server error
    #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// Every error the API answers with.
#[derive(Debug, ApiError)]
#[api_error(decode)]
pub enum AppError {
    /// An authentication error.
    #[api_error(transparent)]
    Auth(#[from] AuthError),
    /// A validation error.
    #[api_error(transparent)]
    Validation(#[from] ValidationError),
    /// An order error.
    #[api_error(transparent)]
    Order(#[from] OrderError),
    /// A usage or plan error.
    #[api_error(transparent)]
    Usage(#[from] UsageError),
    /// A webhook error.
    #[api_error(transparent)]
    Webhook(#[from] WebhookError),
    /// A rate limit error.
    #[api_error(transparent)]
    RateLimit(#[from] RateLimitError),
    /// A server error.
    #[api_error(transparent)]
    Server(#[from] ServerError),
}

// Every error set whose members are the API's errors is one of `AppError`'s: `?` turns it into
// `AppError` where a handler (actix-web's, poem's) answers with the whole catalog.
api_error_core::from_sets!(AppError);

/// `From` each of a group's single-error structs for [`AppError`], through the group's enum.
macro_rules! into_app_error {
    ($($group:ident: $module:ident::{$($member:ident),+ $(,)?};)+) => {
        $($(
            impl From<$module::$member> for AppError {
                fn from(error: $module::$member) -> Self {
                    $group::from(error).into()
                }
            }
        )+)+
    };
}

into_app_error! {
    AuthError: auth_error::{NotAuthenticated, TokenExpired, TokenInvalid, TokenInvalidFormat, Forbidden};
    ValidationError: validation_error::{Failed, IdempotencyKeyInvalid, InvalidParameter};
    OrderError: order_error::{
        NotFound, NotPending, NotOwner, Expired, NotCompleted, FileNotUploaded, AlreadyConfirmed,
        AlreadyCompleted, AlreadyFailed, TypeNotMatch, TypeCantDownload, Timeout,
    };
    UsageError: usage_error::{LimitExceeded, NotEnough, PlanNotFound};
    WebhookError: webhook_error::{NotFound};
    RateLimitError: rate_limit_error::{Exceeded};
    ServerError: server_error::{Internal};
}
