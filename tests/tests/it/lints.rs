//! The derive's output is clean under the strictest lints a user is likely to set.
//!
//! Every feature is used below on documented public types, and any lint the output trips fails
//! the build (`cargo clippy --all-targets -- -D warnings` for the clippy ones).
#![deny(warnings, missing_docs, unused_qualifications, clippy::pedantic)]
#![deny(
    rust_2018_idioms,
    unreachable_pub,
    missing_debug_implementations,
    unused_lifetimes,
    trivial_casts,
    trivial_numeric_casts,
    unused_results,
    clippy::nursery
)]

use std::error::Error as _;

use api_error_core::{ApiError, Respond, StatusCode};

/// Errors of the invoices resource: one variant of each kind.
#[derive(Debug, ApiError)]
pub enum InvoiceError {
    /// The invoice id is unknown.
    #[api_error(
        code = "INVOICE_NOT_FOUND",
        status = 404,
        message = "Invoice not found"
    )]
    NotFound,
    /// A line of the invoice is wrong.
    #[api_error(
        code = "INVOICE_LINE_INVALID",
        status = 422,
        message = "Line {0} is invalid: {1:?}"
    )]
    LineInvalid(
        #[api_error(detail = "line")] u32,
        #[api_error(detail = "reason")] String,
    ),
    /// The invoice is already paid.
    #[api_error(
        code = "INVOICE_ALREADY_PAID",
        status = 409,
        message = "Invoice {id} was paid {amount:.2} on {day:>3}"
    )]
    AlreadyPaid {
        /// The invoice.
        #[api_error(detail)]
        id: u64,
        /// The amount paid.
        #[api_error(detail = "paid")]
        amount: f64,
        /// The day of the month it was paid.
        day: u8,
    },
    /// Too many lines, shown by arguments over the fields.
    #[api_error(
        code = "INVOICE_TOO_LONG",
        status = 400,
        message("{} lines (at most {max})", .0.len(), max = .1)
    )]
    TooLong(Vec<u32>, usize),
    /// The ledger failed.
    #[api_error(code = "INVOICE_LEDGER_FAILED", status = 500)]
    Ledger(#[source] std::io::Error),
    /// An upstream service failed.
    #[api_error(code = "INVOICE_UPSTREAM_FAILED", status = 502)]
    Upstream {
        /// What the upstream said.
        #[source]
        cause: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The id did not parse.
    #[api_error(code = "INVOICE_ID_MALFORMED", status = 400, message = "Malformed id")]
    Malformed(#[from] std::num::ParseIntError),
    /// Too many invoices at once.
    #[api_error(
        code = "INVOICE_RATE_LIMITED",
        status = StatusCode::TOO_MANY_REQUESTS,
        header("Cache-Control", "no-store")
    )]
    RateLimited {
        /// Seconds until the client may try again.
        #[api_error(detail, header = "Retry-After")]
        retry_after: u32,
    },
    /// The caller is not signed in.
    #[api_error(transparent)]
    Auth(#[from] SignInRequired),
}

/// The caller is not signed in.
#[derive(Debug, ApiError)]
#[api_error(
    code = "SIGN_IN_REQUIRED",
    status = 401,
    message = "Sign in first",
    header("WWW-Authenticate", "Bearer")
)]
pub struct SignInRequired;

/// A limit was exceeded; generic over the limit's type and borrowing its name.
#[derive(Debug, ApiError)]
#[api_error(
    code = "LIMIT_EXCEEDED",
    status = 403,
    message = "{name} is over {limit}"
)]
pub struct LimitExceeded<'a, T> {
    /// The limit.
    #[api_error(detail)]
    pub name: &'a str,
    /// Its value.
    #[api_error(detail)]
    pub limit: T,
}

/// Codes from variant names and a default status.
#[derive(Debug, ApiError)]
#[api_error(rename_all = "SCREAMING_SNAKE_CASE", status = 409)]
pub enum Conflict {
    /// The name is taken.
    NameTaken,
    /// The resource moved on.
    #[api_error(status = 412, message = "Version {0} is stale")]
    StaleVersion(#[api_error(detail = "version")] u32),
}

/// A wrapper over any API error.
#[derive(Debug, ApiError)]
pub enum Wrapper<E> {
    /// The wrapped error, as it is.
    #[api_error(transparent)]
    Inner(E),
}

/// thiserror writes `Display`, `Error` and `From`; the derive writes the rest.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum WithThiserror {
    /// Shows its `Display` to the client, a 4xx without `message`.
    #[error("coupon {0} expired")]
    #[api_error(code = "COUPON_EXPIRED", status = 410)]
    CouponExpired(#[api_error(detail = "coupon")] String),
    /// Shows its reason phrase only, a 5xx without `message`.
    #[error("database is down: {0}")]
    #[api_error(code = "COUPON_STORE_FAILED", status = 503)]
    Store(#[from] std::io::Error),
}

fn body<E: ApiError + ?Sized>(error: &E) -> String {
    String::from_utf8(error.to_response().into_body().to_vec()).unwrap()
}

#[test]
fn every_feature_compiles_under_strict_lints_and_renders() {
    assert_eq!(
        body(&InvoiceError::NotFound),
        r#"{"code":"INVOICE_NOT_FOUND","message":"Invoice not found"}"#
    );
    assert_eq!(
        body(&InvoiceError::LineInvalid(2, "no price".to_owned())),
        r#"{"code":"INVOICE_LINE_INVALID","message":"Line 2 is invalid: \"no price\"","details":{"line":2,"reason":"no price"}}"#
    );
    assert_eq!(
        body(&InvoiceError::AlreadyPaid {
            id: 9,
            amount: 10.0,
            day: 4
        }),
        r#"{"code":"INVOICE_ALREADY_PAID","message":"Invoice 9 was paid 10.00 on   4","details":{"id":9,"paid":10.0}}"#
    );
    let ledger = InvoiceError::Ledger(std::io::Error::other("ledger.db locked"));
    assert_eq!(
        body(&ledger),
        r#"{"code":"INVOICE_LEDGER_FAILED","message":"Internal Server Error"}"#
    );
    assert_eq!(ledger.source().unwrap().to_string(), "ledger.db locked");
    let upstream = InvoiceError::Upstream {
        cause: "timeout".into(),
    };
    assert_eq!(
        body(&upstream),
        r#"{"code":"INVOICE_UPSTREAM_FAILED","message":"Bad Gateway"}"#
    );
    let malformed: InvoiceError = "x".parse::<u64>().unwrap_err().into();
    assert_eq!(
        body(&malformed),
        r#"{"code":"INVOICE_ID_MALFORMED","message":"Malformed id"}"#
    );

    let response = InvoiceError::RateLimited { retry_after: 5 }.to_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "5");
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"INVOICE_RATE_LIMITED","message":"Too Many Requests","details":{"retry_after":5}}"#
    );

    let auth = InvoiceError::from(SignInRequired).to_response();
    assert_eq!(auth.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(auth.headers()["www-authenticate"], "Bearer");
    assert_eq!(
        auth.body().as_ref(),
        br#"{"code":"SIGN_IN_REQUIRED","message":"Sign in first"}"#
    );

    let name = String::from("seats");
    assert_eq!(
        body(&LimitExceeded {
            name: &name,
            limit: 3_i64
        }),
        r#"{"code":"LIMIT_EXCEEDED","message":"seats is over 3","details":{"name":"seats","limit":3}}"#
    );
    assert_eq!(
        body(&Conflict::NameTaken),
        r#"{"code":"NAME_TAKEN","message":"Conflict"}"#
    );
    assert_eq!(
        Conflict::StaleVersion(1).status(),
        StatusCode::PRECONDITION_FAILED
    );
    assert_eq!(
        body(&Conflict::StaleVersion(1)),
        r#"{"code":"STALE_VERSION","message":"Version 1 is stale","details":{"version":1}}"#
    );
    assert_eq!(
        body(&Wrapper::Inner(SignInRequired)),
        r#"{"code":"SIGN_IN_REQUIRED","message":"Sign in first"}"#
    );
}

#[test]
fn thiserror_display_is_public_for_4xx_and_hidden_for_5xx_under_strict_lints() {
    let expired = WithThiserror::CouponExpired("SPRING".to_owned());
    assert_eq!(expired.status(), StatusCode::GONE);
    assert_eq!(
        body(&expired),
        r#"{"code":"COUPON_EXPIRED","message":"coupon SPRING expired","details":{"coupon":"SPRING"}}"#
    );
    let store = WithThiserror::from(std::io::Error::other("db01 refused"));
    assert_eq!(store.to_string(), "database is down: db01 refused");
    assert_eq!(
        body(&store),
        r#"{"code":"COUPON_STORE_FAILED","message":"Service Unavailable"}"#
    );
}

#[test]
fn catalog_of_strictly_linted_types_lists_every_code() {
    let codes: Vec<_> = InvoiceError::catalog()
        .entries()
        .iter()
        .map(|entry| (entry.code(), entry.status().as_u16()))
        .collect();
    assert_eq!(
        codes,
        [
            ("INVOICE_NOT_FOUND", 404),
            ("INVOICE_LINE_INVALID", 422),
            ("INVOICE_ALREADY_PAID", 409),
            ("INVOICE_TOO_LONG", 400),
            ("INVOICE_LEDGER_FAILED", 500),
            ("INVOICE_UPSTREAM_FAILED", 502),
            ("INVOICE_ID_MALFORMED", 400),
            ("INVOICE_RATE_LIMITED", 429),
            ("SIGN_IN_REQUIRED", 401),
        ]
    );
    assert_eq!(
        LimitExceeded::<'_, u8>::catalog().entries()[0].code(),
        "LIMIT_EXCEEDED"
    );
    assert_eq!(Conflict::catalog().entries().len(), 2);
    assert_eq!(
        Wrapper::<SignInRequired>::catalog().entries()[0].code(),
        "SIGN_IN_REQUIRED"
    );
    assert_eq!(
        WithThiserror::catalog()
            .get("COUPON_EXPIRED")
            .unwrap()
            .message(),
        "coupon {0} expired"
    );
}

/// A deprecated error, with a deprecated detail and a (private) field whose name starts with
/// `_`: the generated code raises no `deprecated` or `non_snake_case` warning of its own.
#[deprecated = "use InvoiceError"]
#[derive(Debug, ApiError)]
#[api_error(code = "LEGACY_INVOICE", status = 410, message = "Gone since {_since}")]
pub struct LegacyInvoice {
    /// The deprecated detail.
    #[deprecated = "read `since`"]
    #[api_error(detail)]
    pub number: u32,
    /// When it went away.
    #[api_error(header = "X-Since")]
    _since: u16,
}

#[test]
#[allow(deprecated)]
fn deprecated_items_and_underscore_fields_derive_cleanly() {
    let error = LegacyInvoice {
        number: 7,
        _since: 2024,
    };
    let response = error.to_response();
    assert_eq!(response.headers()["x-since"], "2024");
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"LEGACY_INVOICE","message":"Gone since 2024","details":{"number":7}}"#
    );
}

/// Payments errors, always sent as problem details.
#[derive(Debug, ApiError)]
#[api_error(format = "problem")]
pub enum PaymentError {
    /// The card was declined.
    #[api_error(
        code = "CARD_DECLINED",
        status = 402,
        message = "Card ending {last4} declined"
    )]
    Declined {
        /// The card's last four digits.
        #[api_error(detail)]
        last4: String,
    },
    /// An invoice error, as a payment error.
    #[api_error(transparent)]
    Invoice(#[from] InvoiceError),
}

#[test]
fn a_type_with_its_own_format_derives_cleanly() {
    let response = PaymentError::Declined {
        last4: "4242".to_owned(),
    }
    .to_response();
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(
        response.body().as_ref(),
        br#"{"type":"about:blank","title":"Payment Required","status":402,"detail":"Card ending 4242 declined","code":"CARD_DECLINED","last4":"4242"}"#
    );
    let wrapped = PaymentError::from(InvoiceError::NotFound).to_response();
    assert_eq!(
        wrapped.headers()["content-type"],
        "application/problem+json"
    );
}
