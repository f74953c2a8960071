//! Client-safe HTTP API errors from one declaration.
//!
//! `#[derive(ApiError)]` reads `#[api_error(...)]` on an error enum (or struct) and generates
//! everything a service needs to answer with that error: a stable machine-readable `code`, an
//! HTTP `status`, a public `message`, structured `details` and headers, rendered as JSON by
//! `Serialize` and by axum's `IntoResponse`. Nothing reaches a client unless the declaration
//! says so.
//!
//! ```
//! use api_error_core::{ApiError, Respond};
//!
//! # #[derive(Debug, ApiError)]
//! # #[api_error(code = "AUTH_NOT_AUTHENTICATED", status = 401, message = "Authentication required",
//! #     header("WWW-Authenticate", "Bearer"))]
//! # pub struct AuthError;
//! #[derive(Debug, ApiError)]
//! pub enum OrderError {
//!     /// The order id is unknown.
//!     #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
//!     NotFound,
//!     #[api_error(code = "ORDER_NOT_PENDING", status = 400, message = "Order {id} is not in pending status")]
//!     NotPending { #[api_error(detail)] id: u64 },
//!     #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
//!     Storage(#[source] std::io::Error),
//!     #[api_error(transparent)]
//!     Auth(#[from] AuthError),
//! }
//!
//! let body = |error: &OrderError| serde_json::to_string(error).unwrap();
//!
//! let pending = OrderError::NotPending { id: 42 };
//! assert_eq!(pending.status(), 400);
//! assert_eq!(
//!     body(&pending),
//!     r#"{"code":"ORDER_NOT_PENDING","message":"Order 42 is not in pending status","details":{"id":42}}"#
//! );
//!
//! // The io error reaches the logs through `source()`, never the client.
//! let storage = OrderError::Storage(std::io::Error::other("disk /dev/sda1 failed"));
//! assert_eq!(storage.status(), 500);
//! assert_eq!(body(&storage), r#"{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error"}"#);
//! assert!(std::error::Error::source(&storage).is_some());
//!
//! // The response body is byte for byte what `Serialize` writes.
//! let response = pending.to_response();
//! assert_eq!(response.headers()["content-type"], "application/json");
//! assert_eq!(response.body().as_ref(), body(&pending).as_bytes());
//! ```
//!
//! With the `axum` feature (on by default) a handler returns the error as it is:
//!
//! ```
//! # use api_error_core::ApiError;
//! # #[derive(Debug, ApiError)]
//! # enum OrderError {
//! #     #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
//! #     NotFound,
//! # }
//! async fn get_order() -> Result<String, OrderError> {
//!     Err(OrderError::NotFound)
//! }
//! let app: axum::Router = axum::Router::new().route("/orders/{id}", axum::routing::get(get_order));
//! ```
//!
//! # What is generated
//!
//! | impl | what it does |
//! | --- | --- |
//! | [`ApiError`] | `code()`, `status()`, the public message, details, headers, `catalog()` |
//! | `Display` | the public message, interpolated (left to thiserror when it derives `Display`) |
//! | `std::error::Error` | `source()` from the `#[source]` or `#[from]` field |
//! | `From<Inner>` | for each `#[from]` field |
//! | `serde::Serialize` | the response body (see [`Body`]) |
//! | `axum_core::response::IntoResponse` | status, headers and body (feature `axum`) |
//!
//! # Attributes
//!
//! ## `code = "ORDER_NOT_FOUND"`
//!
//! The stable machine code of a variant or struct: ASCII letters, digits, `_`, `.` and `-`.
//! It is required unless the type has `rename_all`. Two errors of one type with the same code
//! do not compile.
//!
//! ## `rename_all = "SCREAMING_SNAKE_CASE"` (on the type)
//!
//! A variant without `code` takes its name in this case: `lowercase`, `UPPERCASE`, `PascalCase`,
//! `camelCase`, `snake_case`, `SCREAMING_SNAKE_CASE`, `kebab-case`, `SCREAMING-KEBAB-CASE`.
//!
//! ```
//! # use api_error_core::ApiError;
//! #[derive(Debug, ApiError)]
//! #[api_error(rename_all = "SCREAMING_SNAKE_CASE", status = 400)]
//! enum UsageError {
//!     UsageLimitExceeded,
//!     #[api_error(status = 404)]
//!     PlanNotFound,
//! }
//! assert_eq!(UsageError::UsageLimitExceeded.code(), "USAGE_LIMIT_EXCEEDED");
//! assert_eq!(UsageError::PlanNotFound.code(), "PLAN_NOT_FOUND");
//! ```
//!
//! ## `status = 404`, `status = StatusCode::NOT_FOUND`
//!
//! The HTTP status: a number or a path to a [`StatusCode`] constant outside the type (the check
//! runs beside the type, where `Self` does not exist). Either way it must be a 4xx or a 5xx,
//! checked when the crate compiles. On an enum, `status` is the default of the variants that
//! give none, and is checked whether or not a variant uses it.
//!
//! ```
//! # use api_error_core::ApiError;
//! use api_error_core::StatusCode;
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(code = "ORDER_TIMEOUT", status = StatusCode::REQUEST_TIMEOUT)]
//! struct OrderTimeout;
//! assert_eq!(OrderTimeout.status(), 408);
//! assert_eq!(OrderTimeout.message(), "Request Timeout");
//! ```
//!
//! ## `status(500, 404, 409) = expression`: a status chosen at run time
//!
//! For an error whose status depends on its value: a database error mapped by its kind, an
//! upstream service's error passed on. The list is every status the error can answer, each a
//! 4xx or 5xx checked at compile time, and the first is what any other value becomes. The
//! expression names the case's fields as a message's arguments do (`.0`, `.kind`, the source
//! included: only a status is read from it) and is a [`StatusCode`], a `u16`, an `Option` of
//! either (`None` is no status of the list) or a reference to one. The catalog has the code at
//! each listed status, so the `OpenAPI` documents and the contract list them all. With no
//! `message`, the message is the reason phrase of the status answered; with thiserror, its
//! `Display` is sent for a 4xx, where a `Display` that shows the source does not compile when
//! every listed status is a 4xx and sends the reason phrase when some are 5xx. A 401 or 405
//! listed needs its header, as a fixed one does.
//!
//! ```
//! # use api_error_core::ApiError;
//! use api_error_core::StatusCode;
//!
//! #[derive(Debug)]
//! enum QueryKind { NotFound, UniqueViolation, Timeout }
//!
//! fn status_of(kind: &QueryKind) -> StatusCode {
//!     match kind {
//!         QueryKind::NotFound => StatusCode::NOT_FOUND,
//!         QueryKind::UniqueViolation => StatusCode::CONFLICT,
//!         QueryKind::Timeout => StatusCode::SERVICE_UNAVAILABLE,
//!     }
//! }
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(code = "STORE_FAILED", status(500, 404, 409) = status_of(.kind))]
//! struct StoreError {
//!     kind: QueryKind,
//! }
//!
//! assert_eq!(StoreError { kind: QueryKind::UniqueViolation }.status(), 409);
//! // 503 is not listed: it becomes the first of the list.
//! assert_eq!(StoreError { kind: QueryKind::Timeout }.status(), 500);
//! let statuses: Vec<u16> = StoreError::catalog().iter().map(|e| e.status().as_u16()).collect();
//! assert_eq!(statuses, [500, 404, 409]);
//! ```
//!
//! ## `message = "Order {id} is not in pending status"`
//!
//! The public message, with `format!` placeholders that name fields: `{id}`, `{0}`, `{id:?}`,
//! `{amount:.2}`; a constant in scope (`{MAX_ITEMS}`, a name in capitals that no field has)
//! and the error itself (`{self:?}`) as thiserror shows them. A placeholder that names no field
//! otherwise does not compile, and neither does one that names the source. A `Path` or `PathBuf` field shown with `{path}` (and with no other trait
//! in the same message) is shown by its `display()`, as thiserror shows it. Without `message`, the message is the status's reason phrase
//! (`"Not Found"`), so a server error never says more than `"Internal Server Error"`.
//!
//! ```
//! # use api_error_core::ApiError;
//! #[derive(Debug, ApiError)]
//! enum UsageError {
//!     #[api_error(code = "USAGE_NOT_ENOUGH", status = 400, message = "Needs {0} credits, has {1:.1}")]
//!     NotEnough(u32, f64),
//! }
//! assert_eq!(UsageError::NotEnough(5, 2.25).to_string(), "Needs 5 credits, has 2.2");
//! ```
//!
//! ## `message("{} items (and {} more)", .0.len(), .1)`
//!
//! A message with arguments, thiserror's `#[error("...", ..)]` in the spelling of
//! `header("...", "...")`: the format string, then expressions, positional ones first, then
//! `name = expression`. In an argument `.0` and `.items` name the error's fields (`.0.len()`,
//! `.upstream.name`), so does a named field's bare name, and `self`, constants and functions are
//! what they are in Rust. An argument
//! that names the source does not compile. A translation is passed the fields the format string
//! names, never an argument's value: `Catalog::to_fluent` shows an argument's placeholder as
//! text, and `Translations::check` reports a translation that names one.
//!
//! ```
//! # use api_error_core::ApiError;
//! const MAX: usize = 20;
//!
//! #[derive(Debug, ApiError)]
//! enum ListError {
//!     #[api_error(code = "LIST_TOO_LONG", status = 400, message("{} items, at most {}", .0.len(), MAX))]
//!     TooLong(Vec<u32>),
//!     #[api_error(code = "LIST_UNKNOWN_SORT", status = 400, message("unknown sort `{key}`{hint}", hint = hint(.suggestion.as_deref())))]
//!     UnknownSort { key: String, suggestion: Option<String> },
//! }
//!
//! fn hint(suggestion: Option<&str>) -> String {
//!     suggestion.map(|s| format!(", did you mean `{s}`?")).unwrap_or_default()
//! }
//!
//! assert_eq!(ListError::TooLong(vec![1; 25]).to_string(), "25 items, at most 20");
//! let sort = ListError::UnknownSort { key: "dat".into(), suggestion: Some("date".into()) };
//! assert_eq!(sort.to_string(), "unknown sort `dat`, did you mean `date`?");
//! ```
//!
//! ## `#[api_error(detail)]` (on a field)
//!
//! The field goes into `details`, serialized with its `Serialize`. A tuple field needs a name,
//! `#[api_error(detail = "name")]`, which also renames a named field. A source cannot be a
//! detail.
//!
//! ```
//! # use api_error_core::ApiError;
//! #[derive(Debug, ApiError)]
//! #[api_error(code = "VALIDATION_FAILED", status = 400, message = "Input validation failed")]
//! struct ValidationFailed {
//!     #[api_error(detail)]
//!     fields: Vec<&'static str>,
//!     #[api_error(detail = "max_length")]
//!     limit: usize,
//! }
//! let error = ValidationFailed { fields: vec!["email"], limit: 64 };
//! assert_eq!(
//!     serde_json::to_string(&error).unwrap(),
//!     r#"{"code":"VALIDATION_FAILED","message":"Input validation failed","details":{"fields":["email"],"max_length":64}}"#
//! );
//! ```
//!
//! ## `header("Name", "value")` and `#[api_error(header = "Name")]` (on a field)
//!
//! Headers of the response. `header(...)` on a variant or struct adds a fixed header. HTTP
//! requires some: an error with status 401 and no `WWW-Authenticate`, 405 and no `Allow`, 407
//! and no `Proxy-Authenticate`, or 426 and no `Upgrade` (fixed, or from a field) does not
//! compile. `header = "Name"` on a field sends
//! the field's `Display` as the value, as for `Retry-After` on a 429. Names and fixed values are
//! checked when the crate compiles; `Content-Type` and `Content-Length` belong to the body and
//! are refused. A field whose value is not a valid header value (a line break, say) is left out
//! of the response.
//!
//! ```
//! # use api_error_core::{ApiError, Respond};
//! #[derive(Debug, ApiError)]
//! enum LimitError {
//!     #[api_error(code = "AUTH_NOT_AUTHENTICATED", status = 401, message = "Authentication required",
//!                 header("WWW-Authenticate", "Bearer realm=\"api\""))]
//!     NotAuthenticated,
//!     #[api_error(code = "RATE_LIMIT_EXCEEDED", status = 429, message = "Too many requests")]
//!     RateLimited {
//!         #[api_error(header = "Retry-After", detail)]
//!         retry_after: u64,
//!     },
//! }
//! let response = LimitError::RateLimited { retry_after: 30 }.to_response();
//! assert_eq!(response.headers()["retry-after"], "30");
//! let response = LimitError::NotAuthenticated.to_response();
//! assert_eq!(response.headers()["www-authenticate"], "Bearer realm=\"api\"");
//! ```
//!
//! ## `decode` (on the type)
//!
//! Implements [`Decode`]: a client that receives a body of this type's, in any format, gets
//! the variant back with [`Decode::from_body`]. A variant is rebuilt when each field is a
//! detail (read by its name and `Deserialize`d: a detail whose type is not `Deserialize` fails
//! the build) or is one the client never sees (neither the message shows it nor a header sends
//! it) and has a `Default`, and a `transparent` variant when the wrapped type has `decode` too;
//! anything else (a code the type does not know, a variant with a source that has no
//! `Default`, a body that is no error's) comes back [`Decoded::Unknown`], with the body as
//! received. With the `reqwest` feature, [`reqwest::json`] reads a whole response so. A generic
//! type's details need `DeserializeOwned` bounds of the type's own.
//!
//! ## `format = "problem"` (on the type)
//!
//! Every error of the type is sent in this [`Format`] (`"problem"`, `"jsonapi"` or `"json"`), whatever the
//! service's [`Config`] says; a name the core does not know fails the build. A `transparent`
//! variant of a type without its own `format` takes the wrapped error's.
//!
//! ```
//! # use api_error_core::{ApiError, Respond};
//! /// The quota of the plan is used up.
//! #[derive(Debug, ApiError)]
//! #[api_error(format = "problem", code = "USAGE_LIMIT_EXCEEDED", status = 400)]
//! struct UsageLimitExceeded;
//!
//! let response = UsageLimitExceeded.to_response();
//! assert_eq!(response.headers()["content-type"], "application/problem+json");
//! assert_eq!(
//!     response.body().as_ref(),
//!     br#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad Request","code":"USAGE_LIMIT_EXCEEDED"}"#
//! );
//! ```
//!
//! ## `transparent`
//!
//! A variant with exactly one field, itself an `ApiError`: code, status, message, details and
//! headers come from it, and so do `Display` and `source()`. Its catalog joins the outer type's.
//! It takes no other key.
//!
//! With a `code` or `status` of its own, `transparent` wraps any error, an `anyhow::Error` or a
//! driver's: `Display` and `source()` are the wrapped error's, as thiserror's
//! `#[error(transparent)]` has them, so the logs read it whole; the client sees this variant's
//! code, status and message (the reason phrase unless `message` is given), never the wrapped
//! error's text.
//!
//! ```
//! # use api_error_core::ApiError;
//! #[derive(Debug, ApiError)]
//! enum StoreError {
//!     #[api_error(transparent, code = "SERVER_INTERNAL_ERROR", status = 500)]
//!     Other(#[from] std::io::Error),
//! }
//! let error = StoreError::from(std::io::Error::other("disk /dev/sda1 failed"));
//! assert_eq!(error.to_string(), "disk /dev/sda1 failed");
//! assert_eq!(error.message(), "Internal Server Error");
//! ```
//!
//! ## `own_display` (on the type)
//!
//! The type's `Display` is written by hand, and the derive writes none (it still writes `Error`
//! and `From`): for an error that moves over with a `Display` its logs rely on. The client
//! reads the declared `message`, else the reason phrase, never that `Display`. Beside
//! thiserror's `#[error(...)]`, which writes `Display` itself, it does not compile.
//!
//! ## `without(axum, utoipa)` (on the type)
//!
//! The type writes these integrations' impls itself (`axum`: `IntoResponse`; `actix`:
//! `ResponseError`; `tonic`: `From<Self> for Status`; `utoipa`: `IntoResponses`, `ToSchema`;
//! `aide`: `OperationOutput`), whatever features the workspace turns on, and keeps the rest of
//! the derive: for a body a specification fixes (the `RealWorld` spec's `{"errors":{"email":["is invalid"]}}`),
//! or a schema of its own. Another name does not compile, and the error lists the names.
//!
//! ```
//! # use api_error_core::ApiError;
//! use axum::response::{IntoResponse, Response};
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(without(axum))]
//! enum SignUpError {
//!     #[api_error(code = "EMAIL_TAKEN", status = 422, message = "email has already been taken")]
//!     EmailTaken,
//! }
//!
//! impl IntoResponse for SignUpError {
//!     fn into_response(self) -> Response {
//!         let body = r#"{"errors":{"email":["has already been taken"]}}"#;
//!         (self.status(), [("content-type", "application/json")], body).into_response()
//!     }
//! }
//! ```
//!
//! ## `members`, `members = "order_error"` (on an enum)
//!
//! A module beside the enum, named after it in snake case (or as given), with one struct per
//! variant that is not `transparent`: the variant's fields and doc comment, which converts into
//! the enum. Each is a [`set::Member`] whose error is the enum: the members of error sets at
//! the grain of a code (see [`set`]), answered as the variant, with the variant's entry of the
//! enum's catalog (one declaration of the code in catalogs and contracts). The struct carries
//! no impl but `Debug`, so that a variant costs little to compile; a set of it decodes
//! through the enum's `Decode` when the enum has `decode`. Declare such an enum at a module's
//! level: the module sees the items of the module the enum is in, not those of a function. The
//! fields' types are named there as they are at the enum (`self::`, `super::` and `Self` are
//! rewritten one level down).
//!
//! ## `#[source]` and `#[from]` (on a field)
//!
//! As in thiserror: `source()` returns the field (a field named `source` is the source when no
//! field is marked), and `#[from]` also generates `From<Field>`; a `#[from]` variant has no
//! other field. The source reaches logs, never the client.
//!
//! ## `crate = "path"` (on the type)
//!
//! Where the runtime is, for a framework that re-exports this crate under its own name:
//!
//! ```
//! mod framework {
//!     pub mod errors {
//!         pub use api_error_core::*;
//!     }
//! }
//!
//! #[derive(Debug, framework::errors::ApiError)]
//! #[api_error(crate = "framework::errors", code = "PLAN_NOT_FOUND", status = 404)]
//! struct PlanNotFound;
//! # use api_error_core::ApiError as _;
//! # assert_eq!(PlanNotFound.code(), "PLAN_NOT_FOUND");
//! ```
//!
//! ## `grpc = "FAILED_PRECONDITION"`
//!
//! The gRPC code of the error's `tonic::Status` (feature `tonic`), in place of the one its
//! status maps to: an HTTP 400 for an order in the wrong state is `FAILED_PRECONDITION` to a
//! gRPC client, not `INVALID_ARGUMENT`. One of `google.rpc.Code`'s names but `OK`, checked when
//! the derive runs: a misspelt one is a compile error that names the code meant. A
//! `transparent` variant takes the wrapped error's.
//!
//! # HTTP's requirements
//!
//! RFC 9110 requires a header on some error statuses; the derive checks them at compile time:
//! a 401 declares `header("WWW-Authenticate", ...)`, a 405 `header("Allow", ...)`, a 407
//! `header("Proxy-Authenticate", ...)` and a 426 `header("Upgrade", ...)`, fixed or from a
//! field (`#[api_error(header = "Allow")] allowed: String`), or the crate does not compile: the
//! derive reports a missing header at the status (with the other mistakes of the input), and for
//! a status given as a path, which only the compiler can read, the build fails in a constant.
//! Statuses outside 400..=599 do not compile either. For axum's own 405s, [`axum::ApiErrorLayer`]
//! keeps the `Allow` axum computes.
//!
//! # With thiserror
//!
//! `#[derive(Debug, thiserror::Error, ApiError)]` works: thiserror then writes `Display`,
//! `Error` and `From`, and the public message is `message` when given, else `Display` for a 4xx
//! and the reason phrase for a 5xx. The derive knows thiserror is there from the `#[error(...)]`
//! attributes, so an enum with no variant at all cannot derive both. A source never reaches the
//! client here either: a 4xx without `message` whose `#[error(...)]` shows its source (`{0}` of
//! a `#[source]` field, `{source}`, `.source` in an argument, or `#[error(transparent)]`) does
//! not compile, and the error says to declare the `message` the client reads instead.
//!
//! ```
//! # use api_error_core::ApiError;
//! #[derive(Debug, thiserror::Error, ApiError)]
//! enum WebhookError {
//!     #[error("webhook {0} not found")]
//!     #[api_error(code = "WEBHOOK_NOT_FOUND", status = 404)]
//!     NotFound(u32),
//!     #[error("delivery failed: {0}")]
//!     #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
//!     Delivery(#[from] std::io::Error),
//! }
//! assert_eq!(WebhookError::NotFound(7).message(), "webhook 7 not found");
//! let delivery = WebhookError::from(std::io::Error::other("connection reset"));
//! assert_eq!(delivery.to_string(), "delivery failed: connection reset");
//! assert_eq!(delivery.message(), "Internal Server Error");
//! ```
//!
//! # Moving an enum over from thiserror
//!
//! A service with a thiserror enum and an `IntoResponse` written by hand:
//!
//! ```
//! use axum::Json;
//! use axum::http::StatusCode;
//! use axum::response::{IntoResponse, Response};
//!
//! #[derive(Debug, thiserror::Error)]
//! enum OrderError {
//!     #[error("order {0} not found")]
//!     NotFound(u64),
//!     #[error("{} items, at most {}", .0.len(), .1)]
//!     TooMany(Vec<u64>, usize),
//!     #[error("database: {0}")]
//!     Db(#[from] std::io::Error),
//! }
//!
//! impl IntoResponse for OrderError {
//!     fn into_response(self) -> Response {
//!         let (status, code) = match &self {
//!             OrderError::NotFound(_) => (StatusCode::NOT_FOUND, "ORDER_NOT_FOUND"),
//!             OrderError::TooMany(..) => (StatusCode::BAD_REQUEST, "ORDER_TOO_MANY_ITEMS"),
//!             OrderError::Db(_) => (StatusCode::INTERNAL_SERVER_ERROR, "SERVER_INTERNAL_ERROR"),
//!         };
//!         // The database's text would reach the client here, were it not for this line.
//!         let message = match &self {
//!             OrderError::Db(_) => "Internal Server Error".to_owned(),
//!             other => other.to_string(),
//!         };
//!         let body = serde_json::json!({ "code": code, "message": message });
//!         (status, Json(body)).into_response()
//!     }
//! }
//! ```
//!
//! becomes, with the same bodies and the `match`es gone:
//!
//! ```
//! # use api_error_core::{ApiError, Respond};
//! #[derive(Debug, ApiError)]
//! enum OrderError {
//!     #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "order {0} not found")]
//!     NotFound(u64),
//!     #[api_error(code = "ORDER_TOO_MANY_ITEMS", status = 400, message("{} items, at most {}", .0.len(), .1))]
//!     TooMany(Vec<u64>, usize),
//!     #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
//!     Db(#[from] std::io::Error),
//! }
//! let db = OrderError::from(std::io::Error::other("postgres://admin:hunter2@db"));
//! assert_eq!(
//!     db.to_response().body().as_ref(),
//!     br#"{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error"}"#
//! );
//! ```
//!
//! Or keep thiserror and add the derive beside it: `#[derive(Debug, thiserror::Error, ApiError)]`
//! with `#[api_error(code = .., status = ..)]` under each `#[error(..)]` (see "With thiserror").
//!
//! What each of thiserror's attributes becomes:
//!
//! | thiserror | here |
//! | --- | --- |
//! | `#[error("order {id} not found")]`, `{0}`, `{id:?}`, `{n:>5}` | `message = "order {id} not found"`, the same placeholders |
//! | `#[error("{} more", .items.len())]`, `#[error("{x}", x = ..)]` | `message("{} more", .items.len())`, `message("{x}", x = ..)`: the same arguments, constants and `self` |
//! | `{path}` of a `Path` or `PathBuf` | the same: shown by its `display()` |
//! | `#[error(transparent)]` over an error that derives `ApiError` | `#[api_error(transparent)]`: everything from it |
//! | `#[error(transparent)]` over any other error (`anyhow::Error`) | `#[api_error(transparent, code = "..", status = 500)]`: `Display` and `source()` forwarded, the client sees the code and the reason phrase |
//! | `#[source]`, `#[from]`, a field named `source`, `#[from]` on `Option<E>` | the same |
//! | a `Display` written by hand | `#[api_error(own_display)]` on the type |
//! | `#[error(fmt = path)]` | `own_display`, with a `Display` that calls `path` |
//! | `#[backtrace]` | not read: capture a backtrace in a field of your own |
//! | a `From` or `IntoResponse` written by hand to pick a status at run time | `status(500, 404) = ..` on the one variant |
//!
//! What differs on purpose, each a compile error that says what to write: a message never shows
//! the source (`{0}` of a `#[source]` field is refused; with thiserror, a 4xx whose
//! `#[error(..)]` shows it must declare `message`), and a 5xx's public message is its reason
//! phrase unless `message` says otherwise, so thiserror's text of a 5xx reaches the logs only.
//!
//! # Any error at all
//!
//! [`ApiError`] is dyn-compatible: `Box<dyn ApiError + Send + Sync>` takes any derived error
//! through `?` and is a response of its own.
//!
//! # The body
//!
//! `{"code": "...", "message": "...", "details": {...}}` with `Content-Type: application/json`.
//! `details` is absent when the error exposes no field. Clients can read it back with
//! [`ErrorBody`], which accepts codes and members it does not know.
//!
//! That is the default. A service chooses its body once, in a [`Config`], for every error it
//! sends, derived or not and without touching the error types: RFC 9457 problem details
//! ([`Format::Problem`], `application/problem+json`), a JSON:API error document
//! ([`Format::JsonApi`], `application/vnd.api+json`), or the default body nested in an envelope
//! such as `{"error": {...}}` ([`Config::nest_in`]). The configuration is installed for the
//! process ([`Config::install`]) or set per axum service by [`axum::ApiErrorLayer`] (feature
//! `axum`), which also renders axum's own rejections (a malformed JSON body, an unknown route, a
//! wrong method) in the same envelope and gives every request an id that error bodies repeat.
//! `Serialize` and the response render by the configuration in force where they run, so they
//! agree byte for byte (where a part fails to write, `Serialize` returns the error and the
//! response degrades, as [`Respond::to_response`] says; a body longer than
//! [`Config::max_body_len`] is cut in the response only). A type can insist on a format of its
//! own with `format = "problem"` (or `"jsonapi"`).
//!
//! A body a specification fixes is a format of one's own, [`OwnFormat`]: a name, a media type
//! and a function that writes the members from the same parts the built-in formats write from
//! ([`ErrorView`]: code, status, the message translated, masked or cut as configured, details,
//! request id). It is used as any format, `Config::format(Format::Own(&MY_FORMAT))` or
//! `#[api_error(format = MY_FORMAT)]` on a type, and `Serialize`, the response, the `OpenAPI`
//! documents ([`OwnFormat::with_schema`]) and decoding ([`OwnFormat::with_reader`],
//! [`Decode::from_body_in`]) follow it. A type can also leave one integration out, to write its
//! impls itself: `#[api_error(without(axum))]` (or `actix`, `tonic`, `utoipa`, `aide`).
//!
//! # Logs
//!
//! With the feature `tracing`, building a response (or a gRPC status) logs the error once
//! (target `api_error`): a 5xx at `ERROR` with its whole `source()` chain, which never reaches
//! the client, and a 4xx at the level [`Config::client_errors`] sets (`DEBUG` unless set). A
//! `transparent` wrapper is one response, so one event. The error's text may hold what a client sent, so control characters
//! (CR, LF, ESC, C1), line separators and bidi controls in it are logged as escapes (`\n`,
//! `\u{001b}`), and a backslash as `\\`: no client can end a log line, forge one, or drive an
//! operator's terminal.
//!
//! # The catalog
//!
//! [`ApiError::catalog`] lists every error a type can be, with the errors of its transparent
//! variants: code, status, message template and the first paragraph of the doc comment, for
//! docs, `OpenAPI` and translators. [`Catalog::to_markdown`] prints it as a reference, one table
//! per type titled by the type's doc comment; it serializes to JSON; and
//! [`Catalog::duplicates`] finds a code declared twice across the types of a service.
//!
//! # The error contract
//!
//! [`Contract`] lists every error a service answers (its types, with what their `transparent`
//! variants wrap, and the error layer's own codes), writes it as a baseline file, and reports
//! what changed against a committed one, each change `breaking`, `additive` or `cosmetic`, and
//! two declarations of one code as an `error`. [`Contract::assert_baseline`] is the one call
//! of a test; see the [`contract`] module. It is a tool for tests and CI, compiled with the
//! feature `contract`: turn it on in `[dev-dependencies]`, so that no production build carries it.
//!
//! # `OpenAPI`
//!
//! With the feature `openapi` (which the utoipa and aide features turn on),
//! [`openapi::responses`] writes the `OpenAPI` 3.1 responses of a catalog's errors, one a
//! status as the specification requires: the description lists each code with its doc
//! comment; the schema is the body the service sends in its [`Config`] (the default envelope,
//! nested, problem details or JSON:API; a type's own `format` wins), with `code` listed in
//! `x-extensible-enum` rather than `enum`, so that a new code is no breaking change for a diff
//! tool; one example a code, rendered by the writer that renders responses (placeholders
//! shown, a 5xx masked); the headers the errors send, `x-request-id` among them. Schemas are
//! inline: nothing refers to a component a document may lack. A code given two statuses, by
//! two types documented together, is refused with both declarations named.
//!
//! A detail is typed with its field's type's schema where the generator has one: derive
//! utoipa's `ToSchema` (or implement `PartialSchema`), or schemars' `JsonSchema` for aide, on
//! the type, and it is used if it refers to no other schema; any other detail is documented
//! as any value, never an error. [`openapi::add_to_every_operation`] adds a catalog's errors
//! (the error layer's own, say: [`Rejection::catalog_of`]) to every operation of a
//! document, merged with those already at the same status.
//!
//! ## utoipa (features `utoipa-5`, `utoipa-6`)
//!
//! Every derived error is `IntoResponses`, `PartialSchema` and `ToSchema`, in the configuration
//! in force (the installed one, or the default). `openapi::utoipa6::of` documents several types'
//! errors at once, with an explicit `Config`:
//!
//! ```
//! # #[cfg(all(feature = "utoipa-6", feature = "axum"))]
//! # fn main() {
//! use api_error_core::{Rejection, RejectionKind};
//! use api_error_core::openapi::utoipa6 as errors;
//! use api_error_core::{ApiError, Config};
//! use utoipa6::openapi::path::{HttpMethod, OperationBuilder};
//! use utoipa6::openapi::{OpenApiBuilder, Paths, ResponsesBuilder};
//!
//! #[derive(Debug, ApiError)]
//! enum OrderError {
//!     /// The order id is unknown.
//!     #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
//!     NotFound,
//! }
//!
//! let operation = OperationBuilder::new()
//!     .responses(ResponsesBuilder::new().responses_from_into_responses::<OrderError>())
//!     .build();
//! let mut paths = Paths::new();
//! paths.add_path_operation("/orders/{id}", vec![HttpMethod::Get], operation);
//! let mut openapi = OpenApiBuilder::new().paths(paths).build();
//! // The layer's answer to a method the route does not take, on every operation.
//! let layer = Rejection::catalog_of(&[RejectionKind::MethodNotAllowed]);
//! errors::add_to_every_operation(&mut openapi, &layer, &Config::new()).unwrap();
//!
//! let document = serde_json::to_value(&openapi).unwrap();
//! let responses = &document["paths"]["/orders/{id}"]["get"]["responses"];
//! assert_eq!(api_error_core::openapi::documented_codes(&responses["404"]), ["ORDER_NOT_FOUND"]);
//! assert_eq!(api_error_core::openapi::documented_codes(&responses["405"]), ["METHOD_NOT_ALLOWED"]);
//! # }
//! # #[cfg(not(all(feature = "utoipa-6", feature = "axum")))]
//! # fn main() {}
//! ```
//!
//! The example service builds its whole document this way and serves it at
//! `GET /openapi.json`.
//!
//! ## aide (feature `aide-0_15`)
//!
//! Every derived error is `OperationOutput`: a handler returning `Result<T, OrderError>`
//! documents its errors, one response a status.
//!
//! ```
//! # #[cfg(feature = "aide-0_15")]
//! # fn main() {
//! use aide::OperationOutput;
//! use api_error_core::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! enum OrderError {
//!     /// The order id is unknown.
//!     #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
//!     NotFound,
//!     /// The order is not pending.
//!     #[api_error(code = "ORDER_NOT_PENDING", status = 400, message = "Order {id} is not pending")]
//!     NotPending {
//!         #[api_error(detail)]
//!         id: u64,
//!     },
//! }
//!
//! let mut operation = aide::openapi::Operation::default();
//! let responses = aide::generate::in_context(|context| {
//!     OrderError::inferred_responses(context, &mut operation)
//! });
//! let statuses: Vec<Option<u16>> = responses.iter().map(|(status, _)| *status).collect();
//! assert_eq!(statuses, [Some(400), Some(404)]);
//! # }
//! # #[cfg(not(feature = "aide-0_15"))]
//! # fn main() {}
//! ```
//!
//! # Localized messages
//!
//! With the feature `fluent`, [`Config::translations`] renders every message in the language
//! a request's `Accept-Language` asks for, under an [`ApiErrorLayer`](axum::ApiErrorLayer)
//! (or the one [`Config::response_in`] is given). The code is the translation's message id, the
//! fields the declared message shows, but a source, are its variables (numbers as numbers, a
//! tuple field as `$arg0`), and `.title` is the problem's title. The response says `Content-Language` and,
//! negotiated, `Vary: Accept-Language`; a code a language does not translate, or whose
//! translation fails to format, says the declared message, and a 5xx is never translated
//! with a field. [`Catalog::to_fluent`] writes the template a translator starts from, and
//! [`Translations::assert_covers`] is the test that the translations cover the catalog.
//!
#![cfg_attr(feature = "fluent", doc = "```")]
#![cfg_attr(not(feature = "fluent"), doc = "```ignore")]
//! use api_error_core::{ApiError, Config, Translations};
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(code = "ORDER_EXPIRED", status = 400, message = "Order {order_id} has expired")]
//! struct OrderExpired {
//!     #[api_error(detail)]
//!     order_id: String,
//! }
//!
//! let translations = Translations::builder("en")
//!     .add("fr", "fr/errors.ftl", "ORDER_EXPIRED = La commande { $order_id } a expiré\n")
//!     .build()
//!     .expect("no mistakes in the translations");
//! translations.assert_covers(&OrderExpired::catalog());
//! let config = Config::new().translations(translations);
//!
//! let response = config.response_in(&OrderExpired { order_id: "ord_5".into() }, "fr-CA, en;q=0.5");
//! assert_eq!(response.headers()["content-language"], "fr");
//! assert_eq!(
//!     response.body().as_ref(),
//!     r#"{"code":"ORDER_EXPIRED","message":"La commande ord_5 a expiré","details":{"order_id":"ord_5"}}"#.as_bytes()
//! );
//! ```
//!
//! Fluent is one translation system; another (a message store of the service's own, gettext,
//! ICU) plugs in through the same seam without the feature: [`Config::localizer`] takes any
//! [`localize::Localizer`], which gives a message as text or as a [`localize::Pattern`] of text
//! and variables, and the layer negotiates among its languages as it does for Fluent's.
//!
//! # Another framework
//!
//! What the axum layer and the actix-web middleware do for each request (its id, its language,
//! the configuration in force while the app runs, the framework's own errors in the envelope)
//! is public and names no framework: [`layer`]. Both are built on it alone, as a crate outside
//! this one would be; `api-error-poem` brings poem 3 that way.
//!
//! # Features
//!
//! | feature | default | what |
//! | --- | --- | --- |
//! | `derive` | yes | re-exports `#[derive(ApiError)]` |
//! | `axum` | yes | `IntoResponse` for derived errors and boxed `dyn ApiError`; [`axum::ApiErrorLayer`] |
//! | `tracing` | yes | logs every error response (see Logs); with no subscriber, it costs one load a response |
//! | `openapi` | no | the `OpenAPI` 3.1 responses of a catalog's errors as JSON (see `OpenAPI`) |
//! | `contract` | no | [`Contract`], a service's error contract held to a baseline, for tests and CI |
//! | `reqwest` | no | `reqwest::json`: a response read as the success type, or decoded as the service's error type |
//! | `utoipa-5`, `utoipa-6` | no | utoipa's `IntoResponses`, `PartialSchema` and `ToSchema` for every derived error (see `OpenAPI`) |
//! | `aide-0_15` | no | aide's `OperationOutput` for every derived error (see `OpenAPI`) |
//! | `actix-web` | no | `actix_web::ResponseError` for derived errors and boxed `dyn ApiError`, the same response as axum's; [`actix::ApiErrorMiddleware`] |
//! | `tonic` | no | `From<E> for tonic::Status` for every derived error, with `google.rpc` details; [`tonic::read`] for clients |
//! | `validator` | no | [`validator::violations`]: a `validator` crate's `ValidationErrors` as field violations |
//! | `garde` | no | [`garde::validate`]: a `garde` crate's validation, its failures as field violations |
//! | `fluent` | no | localized messages (see Localized messages) |
#![forbid(unsafe_code)]

// The modules, from the bottom up: each uses only modules above it in this list (see
// `tests/layers.rs`).
// Leaves:
mod escape;
mod members;
// A value as plain text, for a gRPC status's details.
#[cfg(feature = "tonic")]
mod plain;
mod status;
// Field violations, which an error may carry.
pub mod violation;
// The visitors an error passes what a client sees to, and the catalog:
mod arguments;
mod catalog;
mod details;
mod format;
mod headers;
// The trait, and the seam translations reach rendering through:
mod api_error;
pub mod localize;
// What is built on it: the message as a value, the configuration as data, and the crate's
// Fluent translations.
mod config;
mod message;
#[cfg(feature = "fluent")]
mod translations;
// Rendering: the configuration in force, logs, and one module per format.
mod context;
mod log;
mod render;
// The views: `Serialize`, the client's read-back, the whole response,
mod body;
mod client;
mod decode;
mod response;
// and boxed errors, which serialize as a body,
mod any;
// and error sets, one of several errors named in a type.
pub mod set;
// What a framework's error layer knows of a request, and makes of an error response no handler
// answered with an error of its own.
mod rejection;
mod request;
// What every framework's error layer does, public, for the integrations here and elsewhere.
pub mod layer;
// What a whole service documents and promises, built on the catalogs: its contract, and the
// OpenAPI responses of its errors; each compiled only where a build asks for it.
#[cfg(feature = "contract")]
pub mod contract;
#[cfg(feature = "openapi")]
pub mod openapi;
// The gRPC status of an error.
#[cfg(feature = "tonic")]
pub mod tonic;
// Field violations from the validation crates.
#[cfg(feature = "garde")]
pub mod garde;
#[cfg(feature = "validator")]
pub mod validator;
// Integrations.
mod integrations;

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "reqwest")]
pub mod reqwest;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use any::AnyApiError;
pub use api_error::ApiError;
pub use arguments::{Argument, Arguments, Number};
pub use body::Body;
pub use bytes::Bytes;
pub use catalog::{Catalog, CatalogEntry, CodeConflict, ConflictKind};
pub use client::ErrorBody;
pub use config::Config;
#[cfg(feature = "contract")]
pub use contract::Contract;
pub use decode::{Decode, Decoded, UnknownError};
pub use details::Details;
pub use format::{ErrorView, Format, OwnFormat, SchemaView};
pub use headers::Headers;
pub use http::{self, StatusCode};
pub use members::problem_extension_name;
pub use message::PublicMessage;
pub use rejection::{Rejection, RejectionKind};
pub use request::{NoRequestId, REQUEST_ID_HEADER, RequestId};
pub use response::Respond;
pub use status::reason_phrase;
#[cfg(feature = "fluent")]
pub use translations::{
    Finding, FindingKind, Isolation, LoadError, LoadErrors, Translations, TranslationsBuilder,
};
pub use violation::{Violation, Violations};

#[cfg(feature = "derive")]
pub use api_error_derive::ApiError;
