//! Errors of every kind, derived in a crate whose only dependency is `api-error-core`.
//!
//! If the derive named `serde`, `http`, `axum_core` or anything else that this crate does not
//! depend on, this crate would not build. The tests of `api-error-tests` (`core_only.rs`) check
//! what these types send to a client.

use api_error_core::ApiError;

/// Errors of the orders resource: one variant of each shape the derive accepts.
#[derive(Debug, ApiError)]
pub enum OrderError {
    /// The order id is unknown.
    #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
    NotFound,

    /// The order can no longer change.
    #[api_error(
        code = "ORDER_NOT_PENDING",
        status = 400,
        message = "Order {id} is not in pending status"
    )]
    NotPending {
        /// The order.
        #[api_error(detail)]
        id: u64,
    },

    /// A tuple variant that shows and exposes its fields by position.
    #[api_error(
        code = "ORDER_LINE_INVALID",
        status = 422,
        message = "Line {0} of order {1} is invalid"
    )]
    LineInvalid(
        #[api_error(detail = "line")] u32,
        #[api_error(detail = "order")] u64,
    ),

    /// Format specs of every kind: precision, alternate hex, width, debug.
    #[api_error(
        code = "ORDER_AMOUNT_INVALID",
        status = 400,
        message = "Amount {amount:.2} of {sku:?} (flags {flags:#x}) is out of [{min:>5}]"
    )]
    AmountInvalid {
        /// The amount asked for.
        #[api_error(detail)]
        amount: f64,
        /// The product.
        sku: &'static str,
        /// Internal flags, shown but not exposed.
        flags: u32,
        /// The lowest amount accepted.
        #[api_error(detail = "minimum")]
        min: u32,
    },

    /// The storage failed; its error goes to the logs only.
    #[api_error(code = "ORDER_STORAGE_FAILED", status = 500)]
    Storage(#[source] std::io::Error),

    /// A number in the request did not parse.
    #[api_error(
        code = "ORDER_ID_MALFORMED",
        status = 400,
        message = "Order id is malformed"
    )]
    Malformed(#[from] core::num::ParseIntError),

    /// Too many orders at once.
    #[api_error(
        code = "ORDER_RATE_LIMITED",
        status = api_error_core::StatusCode::TOO_MANY_REQUESTS,
        message = "Too many orders, retry in {retry_after} seconds",
        header("Cache-Control", "no-store")
    )]
    RateLimited {
        /// Seconds until the client may try again.
        #[api_error(detail, header = "Retry-After")]
        retry_after: u64,
    },

    /// Authentication failed; the wrapped error says how.
    #[api_error(transparent)]
    Auth(#[from] AuthError),
}

/// The request carries no valid credentials.
#[derive(Debug, ApiError)]
#[api_error(
    code = "AUTH_NOT_AUTHENTICATED",
    status = api_error_core::StatusCode::UNAUTHORIZED,
    message = "Authentication required",
    header("WWW-Authenticate", "Bearer realm=\"api\"")
)]
pub struct AuthError;

/// A quota was exceeded; the value's type is up to the caller.
#[derive(Debug, ApiError)]
#[api_error(
    code = "QUOTA_EXCEEDED",
    status = 403,
    message = "Quota {name} exceeded: {used} of {limit}"
)]
pub struct QuotaExceeded<T> {
    /// The quota.
    #[api_error(detail)]
    pub name: &'static str,
    /// How much was used.
    #[api_error(detail)]
    pub used: T,
    /// How much may be used.
    #[api_error(detail)]
    pub limit: T,
}

/// Codes taken from variant names, and a status shared by the variants that give none.
#[derive(Debug, ApiError)]
#[api_error(rename_all = "SCREAMING_SNAKE_CASE", status = 409)]
pub enum ConflictError {
    /// The name is taken.
    NameTaken,
    /// Someone else changed the resource first.
    #[api_error(message = "Version {expected} expected, found {found}")]
    VersionMismatch {
        /// The version the client sent.
        #[api_error(detail)]
        expected: u32,
        /// The version stored.
        #[api_error(detail)]
        found: u32,
    },
    /// A variant that keeps its own status and code.
    #[api_error(code = "CONFLICT_GONE", status = 410)]
    Gone,
}

/// A wrapper over any API error of the caller's choosing.
#[derive(Debug, ApiError)]
pub enum Wrapped<E> {
    /// The inner error, shown as it is.
    #[api_error(transparent)]
    Inner(#[from] E),
    /// The service is down for maintenance.
    #[api_error(code = "SERVICE_UNAVAILABLE", status = 503)]
    Unavailable,
}

/// A background job failed;
///   the cause, of the caller's type, goes to the logs only.
#[derive(Debug, ApiError)]
#[api_error(code = "JOB_FAILED", status = 500)]
pub struct JobFailed<E> {
    /// The job.
    #[api_error(detail)]
    pub job: u32,
    /// Why it failed.
    #[source]
    pub cause: E,
}

/// Statuses without a declared message say their reason phrase,
/// worded as RFC 9110 words it.
#[derive(Debug, ApiError)]
pub enum ReasonPhrase {
    /// RFC 9110 renamed "Payload Too Large".
    #[api_error(code = "TOO_LARGE", status = 413)]
    TooLarge,
    /// RFC 9110 renamed "Unprocessable Entity".
    #[api_error(code = "UNPROCESSABLE", status = 422)]
    Unprocessable,
    /// A 4xx with no canonical reason.
    #[api_error(code = "CLIENT_CLOSED", status = 499)]
    ClientClosed,
    /// A 5xx with no canonical reason.
    #[api_error(code = "UNKNOWN_SERVER", status = 599)]
    UnknownServer,
}

/// Raw identifiers, width arguments and literal braces in messages.
#[derive(Debug, ApiError)]
pub enum MessageSyntax {
    /// A raw field name is shown and exposed without its `r#`.
    #[api_error(
        code = "FIELD_TYPE_INVALID",
        status = 400,
        message = "Type {type} is padded to [{name:>width$}]"
    )]
    Raw {
        /// A field named like a keyword.
        #[api_error(detail)]
        r#type: &'static str,
        /// Shown right-aligned.
        name: &'static str,
        /// The width it is shown in.
        width: usize,
    },
    /// Braces written twice are literal.
    #[api_error(
        code = "LITERAL_BRACES",
        status = 400,
        message = "Write {{id}} in the template"
    )]
    Braces,
    /// Braces next to a field.
    #[api_error(
        code = "BRACED_FIELD",
        status = 400,
        message = "Field {{{0}}} is unknown"
    )]
    BracedField(&'static str),
}

/// An error type with no errors at all.
#[derive(Debug, ApiError)]
pub enum NoErrors {}
