//! What a client and a caller see of derived errors: status, headers, exact body bytes,
//! `Display`, `source()`, `From` and the catalog.

use std::error::Error as _;
use std::fmt;

use api_error_core::{ApiError, Body, ErrorBody, Respond, StatusCode};
use serde::ser::{Serialize, Serializer};

/// A wrapped error for `transparent`.
#[derive(Debug, ApiError)]
#[api_error(
    code = "AUTH_NOT_AUTHENTICATED",
    status = 401,
    message = "Authentication required",
    header("WWW-Authenticate", "Bearer realm=\"api\"")
)]
struct NotAuthenticated;

#[derive(Debug, ApiError)]
enum OrderError {
    /// The order id is unknown.
    #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
    NotFound,
    /// The order is not pending.
    #[api_error(
        code = "ORDER_NOT_PENDING",
        status = 400,
        message = "Order {id} is not in pending status"
    )]
    NotPending {
        #[api_error(detail)]
        id: u64,
    },
    #[api_error(
        code = "ORDER_TYPE_NOT_MATCH",
        status = 400,
        message = "Order type {0:?} does not match {1}"
    )]
    TypeMismatch(String, #[api_error(detail = "expected")] &'static str),
    #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
    Storage(#[source] std::io::Error),
    #[api_error(transparent)]
    Auth(#[from] NotAuthenticated),
    #[api_error(code = "RATE_LIMIT_EXCEEDED", status = StatusCode::TOO_MANY_REQUESTS, message = "Too many requests")]
    RateLimited {
        #[api_error(header = "Retry-After", detail)]
        retry_after: u32,
    },
}

fn body(error: &impl ApiError) -> String {
    String::from_utf8(error.to_response().into_body().to_vec()).unwrap()
}

#[test]
fn unit_variant_body_is_code_and_message() {
    let response = OrderError::NotFound.to_response();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.headers().len(), 1);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"ORDER_NOT_FOUND","message":"Order not found"}"#
    );
}

#[test]
fn struct_variant_interpolates_message_and_exposes_detail() {
    let error = OrderError::NotPending { id: 42 };
    assert_eq!(error.status(), 400);
    assert_eq!(
        body(&error),
        r#"{"code":"ORDER_NOT_PENDING","message":"Order 42 is not in pending status","details":{"id":42}}"#
    );
}

#[test]
fn tuple_variant_formats_debug_and_names_its_detail() {
    let error = OrderError::TypeMismatch("pdf".into(), "image");
    assert_eq!(
        body(&error),
        r#"{"code":"ORDER_TYPE_NOT_MATCH","message":"Order type \"pdf\" does not match image","details":{"expected":"image"}}"#
    );
}

#[test]
fn server_error_without_message_never_shows_its_source() {
    let error = OrderError::Storage(std::io::Error::other("disk /dev/sda1 is full"));
    let response = error.to_response();
    assert_eq!(response.status(), 500);
    let text = String::from_utf8(response.body().to_vec()).unwrap();
    assert_eq!(
        text,
        r#"{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error"}"#
    );
    assert!(!text.contains("sda1"));
    assert_eq!(error.to_string(), "Internal Server Error");
    assert_eq!(
        error.source().unwrap().to_string(),
        "disk /dev/sda1 is full"
    );
}

#[test]
fn transparent_variant_is_the_wrapped_error() {
    let error = OrderError::from(NotAuthenticated);
    let response = error.to_response();
    assert_eq!(response.status(), 401);
    assert_eq!(
        response.headers()["www-authenticate"],
        "Bearer realm=\"api\""
    );
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"AUTH_NOT_AUTHENTICATED","message":"Authentication required"}"#
    );
    assert_eq!(error.code(), "AUTH_NOT_AUTHENTICATED");
    assert_eq!(error.to_string(), "Authentication required");
}

#[test]
fn field_header_and_status_path() {
    let response = OrderError::RateLimited { retry_after: 30 }.to_response();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "30");
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"RATE_LIMIT_EXCEEDED","message":"Too many requests","details":{"retry_after":30}}"#
    );
}

#[test]
fn serialize_is_byte_for_byte_the_response_body() {
    let errors = [
        OrderError::NotFound,
        OrderError::NotPending { id: 7 },
        OrderError::Storage(std::io::Error::other("x")),
        OrderError::Auth(NotAuthenticated),
        OrderError::RateLimited { retry_after: 1 },
    ];
    for error in &errors {
        assert_eq!(serde_json::to_string(error).unwrap(), body(error));
        assert_eq!(
            serde_json::to_string(&Body::new(error)).unwrap(),
            body(error)
        );
    }
}

#[test]
fn boxed_dyn_api_error_is_an_error_and_a_body() {
    fn fails() -> Result<(), Box<dyn ApiError + Send + Sync>> {
        Err(OrderError::NotPending { id: 3 })?;
        Ok(())
    }
    let error = fails().unwrap_err();
    assert_eq!(error.code(), "ORDER_NOT_PENDING");
    assert_eq!(error.to_string(), "Order 3 is not in pending status");
    let expected = r#"{"code":"ORDER_NOT_PENDING","message":"Order 3 is not in pending status","details":{"id":3}}"#;
    assert_eq!(serde_json::to_string(&error).unwrap(), expected);
    assert_eq!(error.to_response().body().as_ref(), expected.as_bytes());
}

/// A generic error: bounds land on the impls, not on the type.
#[derive(Debug, ApiError)]
enum Lookup<K> {
    #[api_error(code = "NOT_FOUND", status = 404, message = "no entry for {0}")]
    Missing(#[api_error(detail = "key")] K),
}

#[test]
fn generic_enum_bounds_follow_the_fields() {
    let error = Lookup::Missing("plan_gold");
    assert_eq!(
        body(&error),
        r#"{"code":"NOT_FOUND","message":"no entry for plan_gold","details":{"key":"plan_gold"}}"#
    );
}

/// A struct error with a lifetime.
#[derive(Debug, ApiError)]
#[api_error(
    code = "INVALID_PARAMETER",
    status = 400,
    message = "Invalid parameter `{name}`"
)]
struct InvalidParameter<'a> {
    #[api_error(detail)]
    name: &'a str,
}

#[test]
fn struct_with_lifetime_is_an_error() {
    let name = String::from("limit");
    let error = InvalidParameter { name: &name };
    assert_eq!(
        body(&error),
        r#"{"code":"INVALID_PARAMETER","message":"Invalid parameter `limit`","details":{"name":"limit"}}"#
    );
}

/// A detail whose `Serialize` always fails.
#[derive(Debug)]
struct Unserializable;

impl Serialize for Unserializable {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("cannot serialize"))
    }
}

/// A header value that cannot be a header value.
struct Multiline;

impl fmt::Display for Multiline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one\ntwo")
    }
}

impl fmt::Debug for Multiline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Multiline")
    }
}

#[derive(Debug, ApiError)]
enum Broken {
    #[api_error(code = "BROKEN_DETAIL", status = 422, message = "still a body")]
    Detail {
        #[api_error(detail)]
        ok: u8,
        #[api_error(detail)]
        bad: Unserializable,
    },
    #[api_error(code = "BROKEN_HEADER", status = 503)]
    Header {
        #[api_error(header = "Retry-After")]
        when: Multiline,
    },
}

#[test]
fn failing_detail_degrades_to_a_body_without_details() {
    let response = Broken::Detail {
        ok: 1,
        bad: Unserializable,
    }
    .to_response();
    assert_eq!(response.status(), 422);
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"BROKEN_DETAIL","message":"still a body"}"#
    );
}

#[test]
fn invalid_header_value_is_left_out() {
    let response = Broken::Header { when: Multiline }.to_response();
    assert_eq!(response.status(), 503);
    assert!(response.headers().get("retry-after").is_none());
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"BROKEN_HEADER","message":"Service Unavailable"}"#
    );
}

#[test]
fn catalog_lists_every_error_with_transparent_ones_in_place() {
    let catalog = OrderError::catalog();
    let rows: Vec<_> = catalog
        .entries()
        .iter()
        .map(|e| (e.type_name(), e.code(), e.status().as_u16(), e.message()))
        .collect();
    assert_eq!(
        rows,
        [
            ("OrderError", "ORDER_NOT_FOUND", 404, "Order not found"),
            (
                "OrderError",
                "ORDER_NOT_PENDING",
                400,
                "Order {id} is not in pending status"
            ),
            (
                "OrderError",
                "ORDER_TYPE_NOT_MATCH",
                400,
                "Order type {0:?} does not match {1}"
            ),
            (
                "OrderError",
                "SERVER_INTERNAL_ERROR",
                500,
                "Internal Server Error"
            ),
            (
                "NotAuthenticated",
                "AUTH_NOT_AUTHENTICATED",
                401,
                "Authentication required"
            ),
            (
                "OrderError",
                "RATE_LIMIT_EXCEEDED",
                429,
                "Too many requests"
            ),
        ]
    );
    let not_found = catalog.get("ORDER_NOT_FOUND").unwrap();
    assert_eq!(not_found.summary(), Some("The order id is unknown."));
    assert_eq!(not_found.variant(), Some("NotFound"));
    assert_eq!(
        catalog.get("SERVER_INTERNAL_ERROR").unwrap().summary(),
        None
    );
}

#[derive(Debug, thiserror::Error, ApiError)]
enum WithThiserror {
    #[error("plan {0} does not exist")]
    #[api_error(code = "PLAN_NOT_FOUND", status = 404)]
    PlanNotFound(String),
    #[error("quota store failed")]
    #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
    Store(#[from] std::io::Error),
    #[error("plan {0} is full")]
    #[api_error(
        code = "USAGE_LIMIT_EXCEEDED",
        status = 400,
        message = "Usage limit exceeded"
    )]
    Full(String),
}

#[test]
fn thiserror_owns_display_and_the_public_message_follows_the_rule() {
    let missing = WithThiserror::PlanNotFound("gold".into());
    assert_eq!(
        body(&missing),
        r#"{"code":"PLAN_NOT_FOUND","message":"plan gold does not exist"}"#
    );
    let store = WithThiserror::from(std::io::Error::other("redis down"));
    assert_eq!(store.to_string(), "quota store failed");
    assert_eq!(
        body(&store),
        r#"{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error"}"#
    );
    assert_eq!(store.source().unwrap().to_string(), "redis down");
    let full = WithThiserror::Full("gold".into());
    assert_eq!(full.to_string(), "plan gold is full");
    assert_eq!(full.message(), "Usage limit exceeded");
}

/// A client error whose thiserror `Display` shows its source: the derive refuses it without a
/// `message` (`ui/source/thiserror-display-shows-source.rs`), and with one the client reads that.
#[derive(Debug, thiserror::Error, ApiError)]
enum LookupError {
    #[error("lookup failed: {0}")]
    #[api_error(code = "LOOKUP_FAILED", status = 404, message = "Lookup failed")]
    Failed(#[source] std::io::Error),
    #[error("lookup of {key} failed")]
    #[api_error(code = "LOOKUP_REFUSED", status = 409)]
    Refused {
        key: String,
        #[source]
        cause: std::io::Error,
    },
}

#[test]
fn a_source_shown_by_thiserror_never_reaches_the_client() {
    let url = "postgres://admin:hunter2@db/orders";
    let failed = LookupError::Failed(std::io::Error::other(url));
    assert_eq!(failed.to_string(), format!("lookup failed: {url}"));
    assert_eq!(
        body(&failed),
        r#"{"code":"LOOKUP_FAILED","message":"Lookup failed"}"#
    );
    // `Display` that shows fields of its own, and not the source, is still the message.
    let refused = LookupError::Refused {
        key: "gold".into(),
        cause: std::io::Error::other(url),
    };
    assert_eq!(
        body(&refused),
        r#"{"code":"LOOKUP_REFUSED","message":"lookup of gold failed"}"#
    );
    assert_eq!(refused.source().unwrap().to_string(), url);
}

/// `#[from]` on an optional source converts from the source itself, as thiserror's does.
#[derive(Debug, ApiError)]
enum Upload {
    #[api_error(code = "UPLOAD_FAILED", status = 502)]
    Failed(#[from] Option<std::io::Error>),
}

#[test]
fn from_on_an_optional_source_converts_from_the_source() {
    let failed = Upload::from(std::io::Error::other("connection reset"));
    assert!(matches!(&failed, Upload::Failed(Some(_))));
    assert_eq!(failed.source().unwrap().to_string(), "connection reset");
    assert!(Upload::Failed(None).source().is_none());
    assert_eq!(
        body(&failed),
        r#"{"code":"UPLOAD_FAILED","message":"Bad Gateway"}"#
    );
}

/// The most a listing shows, for a message that names a constant.
const LISTED_MAX: usize = 2;

/// A suggestion, as a message's argument shows it.
fn hint(suggestion: Option<&String>) -> String {
    suggestion
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}

/// What an argument shows of a field: one of its own fields.
#[derive(Debug)]
struct Upstream {
    name: &'static str,
}

/// Messages with arguments, as thiserror's `#[error("...", ..)]` writes them.
#[derive(Debug, ApiError)]
enum Listing {
    #[api_error(code = "TOO_MANY", status = 400, message("{} items (and {} more)", .0.len(), .1))]
    TooMany(Vec<u32>, usize),
    #[api_error(
        code = "UNKNOWN_FIELD",
        status = 400,
        message("unknown field `{name}`{hint}", hint = hint(.suggestion.as_ref()))
    )]
    UnknownField {
        name: String,
        suggestion: Option<String>,
    },
    #[api_error(code = "UPSTREAM_BUSY", status = 409, message("{} is busy", .0.name))]
    Busy(Upstream),
    #[api_error(code = "PAIR", status = 400, message("the first of {:?} is {}", .0, .0.0))]
    Pair((u8, u8)),
    #[api_error(
        code = "LISTED_TOO_MUCH",
        status = 400,
        message("at most {} at once", LISTED_MAX)
    )]
    Listed,
    #[api_error(code = "SELF_NAMED", status = 400, message("{} is its code", self.code()))]
    Named,
}

#[test]
fn a_message_s_arguments_are_expressions_over_its_fields() {
    assert_eq!(
        Listing::TooMany(vec![1, 2], 3).message(),
        "2 items (and 3 more)"
    );
    let unknown = Listing::UnknownField {
        name: "colour".into(),
        suggestion: Some("color".into()),
    };
    assert_eq!(
        body(&unknown),
        r#"{"code":"UNKNOWN_FIELD","message":"unknown field `colour` (did you mean `color`?)"}"#
    );
    let unknown = Listing::UnknownField {
        name: "size".into(),
        suggestion: None,
    };
    assert_eq!(unknown.to_string(), "unknown field `size`");
    assert_eq!(
        Listing::Busy(Upstream { name: "billing" }).message(),
        "billing is busy"
    );
    assert_eq!(Listing::Pair((7, 9)).message(), "the first of (7, 9) is 7");
    assert_eq!(Listing::Listed.message(), "at most 2 at once");
    assert_eq!(Listing::Named.message(), "SELF_NAMED is its code");
    // The catalog keeps the template as declared; an argument passes a translation nothing.
    let catalog = Listing::catalog();
    assert_eq!(catalog.entries()[0].message(), "{} items (and {} more)");
    assert!(catalog.entries()[0].variables().is_empty());
}

/// Paths, which have no `Display`, shown by their `display()` as thiserror shows them.
#[derive(Debug, ApiError)]
enum FileError {
    #[api_error(code = "FILE_NOT_FOUND", status = 404, message = "no file at {path}")]
    NotFound { path: std::path::PathBuf },
    #[api_error(code = "FILE_LOCKED", status = 409, message = "{0} is locked")]
    Locked(&'static std::path::Path),
}

#[test]
fn a_path_is_shown_as_thiserror_shows_it() {
    let missing = FileError::NotFound {
        path: "/srv/orders/7.pdf".into(),
    };
    assert_eq!(
        body(&missing),
        r#"{"code":"FILE_NOT_FOUND","message":"no file at /srv/orders/7.pdf"}"#
    );
    let locked = FileError::Locked(std::path::Path::new("/srv/a b"));
    assert_eq!(locked.message(), "/srv/a b is locked");
}

/// The root of a wrapped error's chain.
#[derive(Debug)]
struct PoolExhausted;

impl std::fmt::Display for PoolExhausted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("pool exhausted")
    }
}

impl std::error::Error for PoolExhausted {}

/// A foreign error with a source of its own, as a database driver's is.
#[derive(Debug)]
struct QueryFailed(PoolExhausted);

impl std::fmt::Display for QueryFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("query failed: postgres://admin:hunter2@db")
    }
}

impl std::error::Error for QueryFailed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// `transparent` over errors that are no `ApiError`, each with a code of its own.
#[derive(Debug, ApiError)]
enum Catchall {
    #[api_error(transparent, code = "SERVER_INTERNAL_ERROR", status = 500)]
    Query(#[from] QueryFailed),
    #[api_error(
        transparent,
        code = "UPLOAD_REJECTED",
        status = 422,
        message = "The upload was rejected"
    )]
    Upload(std::io::Error),
}

#[test]
fn transparent_over_a_foreign_error_forwards_its_text_to_the_logs_only() {
    let query = Catchall::from(QueryFailed(PoolExhausted));
    // `Display` and `source()` are the wrapped error's, as thiserror's `#[error(transparent)]`.
    assert_eq!(
        query.to_string(),
        "query failed: postgres://admin:hunter2@db"
    );
    assert_eq!(query.source().unwrap().to_string(), "pool exhausted");
    assert_eq!(
        body(&query),
        r#"{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error"}"#
    );
    let upload = Catchall::Upload(std::io::Error::other("disk quota of /srv exceeded"));
    assert_eq!(upload.to_string(), "disk quota of /srv exceeded");
    assert_eq!(
        body(&upload),
        r#"{"code":"UPLOAD_REJECTED","message":"The upload was rejected"}"#
    );
    assert_eq!(upload.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

/// A type whose `Display` is written by hand: the derive writes `Error` and `From` only, and
/// the client reads the declared message or the reason phrase, never that `Display`.
#[derive(Debug, ApiError)]
#[api_error(own_display)]
enum Ledger {
    #[api_error(code = "LEDGER_LOCKED", status = 409, message = "The ledger is locked")]
    Locked { by: String },
    #[api_error(code = "LEDGER_MISSING", status = 404)]
    Missing,
    #[api_error(code = "LEDGER_IO", status = 500)]
    Io(#[from] std::io::Error),
}

impl std::fmt::Display for Ledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Ledger::Locked { by } => write!(f, "ledger locked by {by}"),
            Ledger::Missing => f.write_str("ledger missing"),
            Ledger::Io(error) => write!(f, "ledger io: {error}"),
        }
    }
}

#[test]
fn a_hand_written_display_stays_out_of_the_body() {
    let locked = Ledger::Locked { by: "job-7".into() };
    assert_eq!(locked.to_string(), "ledger locked by job-7");
    assert_eq!(
        body(&locked),
        r#"{"code":"LEDGER_LOCKED","message":"The ledger is locked"}"#
    );
    assert_eq!(
        body(&Ledger::Missing),
        r#"{"code":"LEDGER_MISSING","message":"Not Found"}"#
    );
    let io = Ledger::from(std::io::Error::other("disk"));
    assert_eq!(io.to_string(), "ledger io: disk");
    assert_eq!(io.source().unwrap().to_string(), "disk");
}

/// An error that is no `std::error::Error` but dereferences to one, as `anyhow::Error` does.
struct Opaque(Box<dyn std::error::Error + Send + Sync>);

impl std::ops::Deref for Opaque {
    type Target = dyn std::error::Error + Send + Sync;

    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

impl std::fmt::Debug for Opaque {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.0, f)
    }
}

impl std::fmt::Display for Opaque {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

/// Arguments in the places Rust's own syntax puts them, and wrapped errors of every shape.
#[derive(Debug, ApiError)]
enum Shapes {
    #[api_error(code = "RANGE", status = 400, message("starts `{}`", &.0[..3]))]
    Range(String),
    #[api_error(code = "MATCHED", status = 400, message("{}", match .0 { 0 => "none", _ => "some" }))]
    Matched(u8),
    #[api_error(code = "WIDTH", status = 400, message("[{:>width$}]", .value))]
    Width { value: u8, width: usize },
    #[api_error(code = "BRACED", status = 400, message("error {0} of {value}", '?'))]
    Braced { value: u8 },
    #[api_error(transparent, code = "OPAQUE", status = 500)]
    Opaque(Opaque),
}

/// The code a message names as a constant in its format string.
const SUPPORT: &str = "support@example.com";

/// Constants, the error itself and bare field names, as thiserror's format strings name them.
#[derive(Debug, ApiError)]
enum Named {
    #[api_error(code = "ASK", status = 400, message = "write to {SUPPORT} about {id}")]
    Ask { id: u32 },
    #[api_error(code = "ITSELF", status = 400, message = "error: {self:?}")]
    Itself,
    #[api_error(code = "BARE_NAME", status = 400, message("token {:?} refused", token))]
    Bare { token: &'static str },
}

#[test]
fn a_message_names_constants_the_error_itself_and_bare_fields() {
    assert_eq!(
        Named::Ask { id: 7 }.message(),
        "write to support@example.com about 7"
    );
    assert_eq!(Named::Itself.message(), "error: Itself");
    assert_eq!(
        Named::Bare { token: "abc" }.message(),
        r#"token "abc" refused"#
    );
}

#[test]
fn arguments_read_as_rust_reads_them() {
    assert_eq!(Shapes::Range("orders".into()).message(), "starts `ord`");
    assert_eq!(Shapes::Matched(0).message(), "none");
    assert_eq!(Shapes::Width { value: 7, width: 3 }.message(), "[  7]");
    assert_eq!(Shapes::Braced { value: 1 }.message(), "error ? of 1");
    let opaque = Shapes::Opaque(Opaque(Box::new(QueryFailed(PoolExhausted))));
    assert_eq!(
        opaque.to_string(),
        "query failed: postgres://admin:hunter2@db"
    );
    assert_eq!(opaque.source().unwrap().to_string(), "pool exhausted");
    assert_eq!(
        body(&opaque),
        r#"{"code":"OPAQUE","message":"Internal Server Error"}"#
    );
}

/// A hand-written `Display` beside `transparent` with a code: the wrapped error is the source,
/// so that the logs still read it.
#[derive(Debug, ApiError)]
#[api_error(own_display)]
enum Hidden {
    #[api_error(transparent, code = "HIDDEN", status = 500)]
    Query(QueryFailed),
}

impl std::fmt::Display for Hidden {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the store failed")
    }
}

#[test]
fn under_a_hand_written_display_a_wrapped_error_is_the_source() {
    let hidden = Hidden::Query(QueryFailed(PoolExhausted));
    assert_eq!(hidden.to_string(), "the store failed");
    assert_eq!(
        hidden.source().unwrap().to_string(),
        "query failed: postgres://admin:hunter2@db"
    );
}

/// thiserror's `Display` showing the source, under a status given as a path: the compiled code
/// alone knows whether it is a 4xx, so the client reads the reason phrase either way.
#[derive(Debug, thiserror::Error, ApiError)]
enum PathStatus {
    #[error("db: {0}")]
    #[api_error(code = "DB_FAILED", status = StatusCode::SERVICE_UNAVAILABLE)]
    Db(#[source] std::io::Error),
    #[error("lookup: {0}")]
    #[api_error(code = "LOOKUP_MISSED", status = StatusCode::NOT_FOUND)]
    Lookup(#[source] std::io::Error),
}

#[test]
fn a_source_shown_under_a_status_path_is_masked() {
    let db = PathStatus::Db(std::io::Error::other("postgres://admin:hunter2@db"));
    assert_eq!(
        body(&db),
        r#"{"code":"DB_FAILED","message":"Service Unavailable"}"#
    );
    let lookup = PathStatus::Lookup(std::io::Error::other("postgres://admin:hunter2@db"));
    assert_eq!(lookup.to_string(), "lookup: postgres://admin:hunter2@db");
    assert_eq!(
        body(&lookup),
        r#"{"code":"LOOKUP_MISSED","message":"Not Found"}"#
    );
}

/// `{:p}` shows where a field points, as thiserror shows it.
#[derive(Debug, ApiError)]
#[api_error(code = "POINTED", status = 400, message = "at {0:p}")]
struct Pointed(Box<u8>);

#[test]
fn a_pointer_placeholder_shows_where_the_field_points() {
    let pointed = Pointed(Box::new(7));
    assert_eq!(pointed.message(), format!("at {:p}", pointed.0));
}

#[test]
fn reason_phrases_follow_rfc_9110() {
    #[derive(Debug, ApiError)]
    enum Phrases {
        #[api_error(code = "TOO_LARGE", status = 413)]
        TooLarge,
        #[api_error(code = "UNPROCESSABLE", status = 422)]
        Unprocessable,
        #[api_error(code = "UNKNOWN_CLIENT", status = 499)]
        UnknownClient,
        #[api_error(code = "UNKNOWN_SERVER", status = 599)]
        UnknownServer,
    }
    assert_eq!(Phrases::TooLarge.message(), "Content Too Large");
    assert_eq!(Phrases::Unprocessable.message(), "Unprocessable Content");
    assert_eq!(Phrases::UnknownClient.message(), "Client Error");
    assert_eq!(Phrases::UnknownServer.message(), "Server Error");
}

#[test]
fn client_reads_the_body_back_whatever_the_code() {
    let bytes = OrderError::NotPending { id: 9 }.to_response().into_body();
    let read: ErrorBody = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(read.code, "ORDER_NOT_PENDING");
    assert_eq!(read.message, "Order 9 is not in pending status");
    assert_eq!(read.details.unwrap()["id"], 9);

    let future: ErrorBody =
        serde_json::from_str(r#"{"code":"NEW_CODE","message":"m","extra":[1]}"#).unwrap();
    assert_eq!(future.code, "NEW_CODE");
    assert_eq!(future.details, None);
    assert_eq!(
        serde_json::to_string(&future).unwrap(),
        r#"{"code":"NEW_CODE","message":"m"}"#
    );
}

#[test]
fn messages_escape_into_valid_json() {
    #[derive(Debug, ApiError)]
    #[api_error(code = "INVALID_PARAMETER", status = 400, message = "bad value {0}")]
    struct Bad(String);
    let error = Bad("\"quoted\" \\ and\ncontrol\u{1} é".into());
    assert_eq!(
        body(&error),
        r#"{"code":"INVALID_PARAMETER","message":"bad value \"quoted\" \\ and\ncontrol\u0001 é"}"#
    );
}

/// A value whose `Display` fails.
#[derive(Debug)]
struct FailsToFormat;

impl fmt::Display for FailsToFormat {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        Err(fmt::Error)
    }
}

#[derive(Debug, ApiError)]
enum Unformattable {
    #[api_error(code = "BAD_MESSAGE", status = 400, message = "value {0}")]
    Message(FailsToFormat),
    #[api_error(code = "BAD_HEADER", status = 429, message = "slow down")]
    Header(#[api_error(header = "Retry-After")] FailsToFormat),
}

#[test]
fn a_message_that_fails_to_format_degrades_to_the_reason_phrase() {
    let error = Unformattable::Message(FailsToFormat);
    let response = error.to_response();
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"BAD_MESSAGE","message":"Bad Request"}"#
    );
    assert_eq!(error.message(), "Bad Request");
    assert!(serde_json::to_string(&error).is_err());
}

#[test]
fn a_header_that_fails_to_format_is_left_out() {
    let response = Unformattable::Header(FailsToFormat).to_response();
    assert_eq!(response.status(), 429);
    assert!(response.headers().get("retry-after").is_none());
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"BAD_HEADER","message":"slow down"}"#
    );
}

// These types exist for their catalogs: no value of them is built.
#[allow(dead_code)]
mod orders {
    /// Order errors
    #[derive(Debug, api_error_core::ApiError)]
    pub(crate) enum Error {
        /// Order not found
        #[api_error(code = "ORDER_NOT_FOUND", status = 404)]
        NotFound,
    }
}

#[allow(dead_code)]
mod plans {
    /// Plan errors
    #[derive(Debug, api_error_core::ApiError)]
    pub(crate) enum Error {
        /// Plan not found
        #[api_error(code = "PLAN_NOT_FOUND", status = 404)]
        NotFound,
        /// Also not found
        #[api_error(code = "ORDER_NOT_FOUND", status = 404)]
        OrderGone,
    }
}

#[allow(dead_code)]
#[derive(Debug, ApiError)]
enum Service {
    #[api_error(transparent)]
    Orders(orders::Error),
    #[api_error(transparent)]
    Plans(plans::Error),
    #[api_error(transparent)]
    OrdersAgain(orders::Error),
}

#[test]
fn catalog_tells_same_named_types_apart_and_lists_a_type_wrapped_twice_once() {
    let catalog = Service::catalog();
    let places: Vec<String> = catalog
        .iter()
        .map(api_error_core::CatalogEntry::place)
        .collect();
    assert_eq!(
        places,
        [
            "it::behaviour::orders::Error::NotFound",
            "it::behaviour::plans::Error::NotFound",
            "it::behaviour::plans::Error::OrderGone",
        ]
    );
    let duplicates: Vec<String> = catalog
        .duplicates()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        duplicates,
        [
            "code \"ORDER_NOT_FOUND\" is declared twice: by it::behaviour::orders::Error::NotFound and by it::behaviour::plans::Error::OrderGone"
        ]
    );
    assert_eq!(
        catalog.to_markdown(),
        "Order errors\n| Error Code | HTTP Status | Description |\n|---|---|---|\n\
         ORDER_NOT_FOUND | 404 | Order not found |\n\
         Plan errors\n| Error Code | HTTP Status | Description |\n|---|---|---|\n\
         PLAN_NOT_FOUND | 404 | Plan not found |\n\
         ORDER_NOT_FOUND | 404 | Also not found |\n"
    );
}

#[test]
fn markdown_groups_each_type_once_and_escapes_pipes() {
    /// Outer errors
    #[allow(dead_code)]
    #[derive(Debug, ApiError)]
    enum Outer {
        /// First | outer
        #[api_error(code = "OUTER_FIRST", status = 400)]
        First,
        #[api_error(transparent)]
        Inner(NotAuthenticated),
        /// Last outer
        #[api_error(code = "OUTER_LAST", status = 400)]
        Last,
    }
    assert_eq!(
        Outer::catalog().to_markdown(),
        "Outer errors\n| Error Code | HTTP Status | Description |\n|---|---|---|\n\
         OUTER_FIRST | 400 | First \\| outer |\n\
         OUTER_LAST | 400 | Last outer |\n\
         A wrapped error for `transparent`.\n| Error Code | HTTP Status | Description |\n|---|---|---|\n\
         AUTH_NOT_AUTHENTICATED | 401 | A wrapped error for `transparent`. |\n"
    );
}

#[test]
fn an_optional_source_is_the_source_when_present() {
    #[derive(Debug, ApiError)]
    #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
    struct Failure {
        #[source]
        cause: Option<std::io::Error>,
    }
    let with = Failure {
        cause: Some(std::io::Error::other("disk full")),
    };
    assert_eq!(with.source().unwrap().to_string(), "disk full");
    assert!(Failure { cause: None }.source().is_none());
}

#[test]
fn raw_identifiers_read_as_written_in_codes_and_the_catalog() {
    #[derive(Debug, ApiError)]
    #[api_error(rename_all = "SCREAMING_SNAKE_CASE", status = 400)]
    enum r#Match {
        r#Type,
    }
    assert_eq!(r#Match::r#Type.code(), "TYPE");
    let catalog = r#Match::catalog();
    assert_eq!(catalog.entries()[0].variant(), Some("Type"));
    assert_eq!(catalog.entries()[0].type_name(), "Match");
}

#[test]
fn a_generic_error_wrapped_at_two_types_is_one_declaration() {
    /// Paging errors
    #[allow(dead_code)]
    #[derive(Debug, ApiError)]
    enum Paged<T> {
        /// Page invalid
        #[api_error(code = "PAGE_INVALID", status = 400)]
        Invalid(std::marker::PhantomData<T>),
    }
    #[allow(dead_code)]
    #[derive(Debug, ApiError)]
    enum Listing {
        #[api_error(transparent)]
        Orders(Paged<u8>),
        #[api_error(transparent)]
        Plans(Paged<u16>),
    }
    let catalog = Listing::catalog();
    assert_eq!(catalog.entries().len(), 1);
    assert!(catalog.duplicates().is_empty());
    assert_eq!(catalog.entries()[0].type_name(), "Paged");
}

#[test]
fn a_body_without_fields_is_a_constant_escaped_as_serde_json_escapes() {
    #[derive(Debug, ApiError)]
    enum Fixed {
        #[api_error(
            code = "ESCAPED",
            status = 400,
            message = "tab\there \"quoted\" back\\slash \u{1}\u{1f} del\u{7f} é {{braces}}"
        )]
        Escaped,
        #[api_error(code = "PHRASE", status = 413)]
        Phrase,
        #[api_error(code = "PATH_PHRASE", status = StatusCode::GONE)]
        PathPhrase,
        #[api_error(code = "WITH_FIELD", status = 400, message = "id {0}")]
        WithField(u8),
        #[api_error(transparent)]
        Wrapped(NotAuthenticated),
    }
    for error in [Fixed::Escaped, Fixed::Phrase, Fixed::PathPhrase] {
        let constant = error
            .static_body()
            .expect("a body without fields is a constant");
        let written = serde_json::to_vec(&Body::new(&error)).unwrap();
        assert_eq!(constant, written.as_slice());
        assert_eq!(error.to_response().body().as_ref(), constant);
    }
    assert_eq!(
        Fixed::Escaped.static_body().unwrap(),
        br#"{"code":"ESCAPED","message":"tab\there \"quoted\" back\\slash \u0001\u001f del"#
            .iter()
            .chain("\u{7f} é {braces}\"}".as_bytes())
            .copied()
            .collect::<Vec<u8>>()
    );
    assert_eq!(Fixed::WithField(1).static_body(), None);
    assert_eq!(
        Fixed::Wrapped(NotAuthenticated).static_body(),
        NotAuthenticated.static_body()
    );
    assert!(OrderError::NotPending { id: 1 }.static_body().is_none());
}

#[test]
fn reason_phrases_are_http_s_except_where_rfc_9110_renamed_them() {
    for code in 400..=599u16 {
        let status = StatusCode::from_u16(code).unwrap();
        let ours = api_error_core::reason_phrase(status);
        match (code, status.canonical_reason()) {
            (413, _) => assert_eq!(ours, "Content Too Large"),
            (422, _) => assert_eq!(ours, "Unprocessable Content"),
            (_, Some(theirs)) => assert_eq!(ours, theirs, "{code}"),
            (400..=499, None) => assert_eq!(ours, "Client Error"),
            (_, None) => assert_eq!(ours, "Server Error"),
        }
    }
}

#[test]
fn a_writer_that_fails_mid_message_is_an_error_not_a_panic() {
    let error = Bad("a message longer than the buffer it is written to".into());
    // `{"code":"INVALID_PARAMETER","message":"` is 39 bytes: the writer fails inside the message.
    let mut small = [0u8; 48];
    let written = serde_json::to_writer(&mut &mut small[..], &error);
    assert!(written.is_err());
}

#[derive(Debug, ApiError)]
#[api_error(code = "INVALID_PARAMETER", status = 400, message = "bad value {0}")]
struct Bad(String);

#[test]
fn thiserror_errors_with_a_fixed_message_are_constants_too() {
    #[derive(Debug, thiserror::Error, ApiError)]
    enum Fixed {
        #[error("the plan is full")]
        #[api_error(code = "PLAN_FULL", status = 409)]
        Full,
        #[error("store failed: {0}")]
        #[api_error(code = "STORE_FAILED", status = 503)]
        Store(String),
        #[error("plan {0} is unknown")]
        #[api_error(code = "PLAN_UNKNOWN", status = 404)]
        Unknown(String),
    }
    assert_eq!(
        Fixed::Full.static_body().unwrap(),
        br#"{"code":"PLAN_FULL","message":"the plan is full"}"#
    );
    assert_eq!(
        Fixed::Store("disk".into()).static_body().unwrap(),
        br#"{"code":"STORE_FAILED","message":"Service Unavailable"}"#
    );
    let unknown = Fixed::Unknown("gold".into());
    assert_eq!(unknown.static_body(), None);
    assert_eq!(
        unknown.to_response().body().as_ref(),
        br#"{"code":"PLAN_UNKNOWN","message":"plan gold is unknown"}"#
    );
}
