//! gRPC (feature `tonic`): every derived error converts into a [`tonic::Status`], so that `?`
//! answers a tonic handler with it, in the richer error model of Google's APIs (AIP-193): the
//! gRPC code from the HTTP status ([`grpc_code`]) unless the variant says its own
//! (`#[api_error(grpc = "FAILED_PRECONDITION")]`, checked when it is compiled), the public message (a 5xx's masked), and the details a
//! client reads back with tonic-types: `ErrorInfo` (`reason` the code, `domain` from
//! [`Config::grpc_domain`](crate::Config::grpc_domain), `metadata` the details as strings), `RetryInfo` from a
//! `Retry-After`, `RequestInfo` with the request's id when one is in force, and
//! `LocalizedMessage` when the configuration's translations (feature `fluent`) give the message
//! in the language negotiated for the request (from its `accept-language` metadata, by the
//! [`ApiErrorLayer`](crate::axum::ApiErrorLayer) around the service; the default locale when it
//! names none). The status's own message
//! stays the declared one, for developers, as AIP-193 has it. [`read`] is the client's side.
//!
//! ```
//! use api_error_core::ApiError;
//! use tonic_types::StatusExt;
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(code = "ORDER_NOT_PENDING", status = 400, message = "Order {order_id} is not pending")]
//! struct NotPending {
//!     #[api_error(detail)]
//!     order_id: String,
//! }
//!
//! let status = tonic::Status::from(NotPending { order_id: "ord_1".into() });
//! assert_eq!(status.code(), tonic::Code::InvalidArgument);
//! assert_eq!(status.message(), "Order ord_1 is not pending");
//! let info = status.get_details_error_info().unwrap();
//! assert_eq!(info.reason, "ORDER_NOT_PENDING");
//! assert_eq!(info.metadata["orderId"], "ord_1");
//! ```
//!
//! The details travel base64-encoded in the `grpc-status-details-bin` trailer, which clients
//! cap near 8 KiB. So that it stays well under: the message is cut to [`MESSAGE_MAX`] bytes,
//! at most [`METADATA_MAX`] details are carried, and each value is cut to [`VALUE_MAX`] bytes
//! (each cut at a character, ending with `…`); an error's field violations go as a
//! `google.rpc.BadRequest` of at most [`FIELD_VIOLATIONS_TEXT_MAX`] bytes. A status never has
//! more than about 6 KiB of details, 7 KiB with field violations, before their base64.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::Duration;

use heck::ToLowerCamelCase;
use http::{HeaderMap, StatusCode};
use tonic::Code;
use tonic_types::{ErrorDetails, FieldViolation, LocalizedMessage, StatusExt};

use crate::api_error::ApiError;
use crate::context::Rendering;
use crate::details::{Details, Sink};
use crate::headers::Headers;
use crate::message::PublicMessage;
use crate::violation::{Violations, capped, upper_snake};

/// The longest message a status carries, in bytes.
pub const MESSAGE_MAX: usize = 1024;

/// The most details a status's `ErrorInfo` carries; later ones are left out.
pub const METADATA_MAX: usize = 12;

/// The most a status's `BadRequest` carries, in bytes: its field violations' fields,
/// descriptions, reasons and localized messages together, and [`FIELD_VIOLATION_OVERHEAD`] for
/// each. The violations past it are left out, and `ErrorInfo.metadata` counts them as
/// `violationsOmitted`.
pub const FIELD_VIOLATIONS_TEXT_MAX: usize = 1024;

/// What each field violation is counted for in [`FIELD_VIOLATIONS_TEXT_MAX`] beside its text:
/// its encoding's tags and lengths.
pub const FIELD_VIOLATION_OVERHEAD: usize = 16;

/// The longest value of a detail in `ErrorInfo.metadata`, in bytes.
pub const VALUE_MAX: usize = 256;

/// The longest metadata key, as AIP-193 allows.
const KEY_MAX: usize = 64;

/// Which bytes a metadata key may have after its first: lowercase ASCII letters and digits,
/// as a table so that checking a name is one look-up a byte.
static KEY_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < table.len() {
        table[byte] = matches!(byte, 0x61..=0x7a | 0x30..=0x39);
        byte += 1;
    }
    table
};

/// The gRPC code of an error with HTTP status `status`, as a server maps its own errors
/// (googleapis' `code.proto`, read from HTTP to gRPC): 400 `INVALID_ARGUMENT`, 401
/// `UNAUTHENTICATED`, 403 `PERMISSION_DENIED`, 404 `NOT_FOUND`, 409 `ABORTED`, 412
/// `FAILED_PRECONDITION`, 429 `RESOURCE_EXHAUSTED`, 499 `CANCELLED`, 500 `INTERNAL`, 501
/// `UNIMPLEMENTED`, 503 `UNAVAILABLE`, 504 `DEADLINE_EXCEEDED`; any other 4xx
/// `FAILED_PRECONDITION` and any other status `INTERNAL`.
///
/// Not the table a gRPC client uses to guess a code for an HTTP response that has none
/// (which answers 400 with `INTERNAL` and 404 with `UNIMPLEMENTED`): that one is for clients.
///
/// ```
/// use api_error_core::{StatusCode, tonic::grpc_code};
///
/// assert_eq!(grpc_code(StatusCode::NOT_FOUND), tonic::Code::NotFound);
/// assert_eq!(grpc_code(StatusCode::GONE), tonic::Code::FailedPrecondition);
/// ```
#[must_use]
pub fn grpc_code(status: StatusCode) -> Code {
    match status.as_u16() {
        400 => Code::InvalidArgument,
        401 => Code::Unauthenticated,
        403 => Code::PermissionDenied,
        404 => Code::NotFound,
        409 => Code::Aborted,
        429 => Code::ResourceExhausted,
        499 => Code::Cancelled,
        501 => Code::Unimplemented,
        503 => Code::Unavailable,
        504 => Code::DeadlineExceeded,
        code if (400..500).contains(&code) => Code::FailedPrecondition,
        _ => Code::Internal,
    }
}

/// An error set is the status of its member.
macro_rules! set_status {
    ($set:ident [$($t:ident)+]) => {
        impl<$($t: crate::set::Member),+> From<crate::set::$set<$($t),+>> for tonic::Status {
            fn from(error: crate::set::$set<$($t),+>) -> Self {
                status(&error)
            }
        }
    };
}
crate::set::for_each_set!(set_status);

/// `error` as a gRPC status, as the module docs say, with the configuration and the request
/// id in force (an [`ApiErrorLayer`](crate::axum::ApiErrorLayer)'s around the service, else the
/// installed configuration). The status is the error's answer, so it is logged as a response
/// is (feature `tracing`; see the crate's [Logs](crate#logs)).
#[must_use]
pub fn status<E: ApiError + ?Sized>(error: &E) -> tonic::Status {
    // Sized for a message of a sentence, so that writing it does not grow the buffer often.
    let mut message = String::with_capacity(64);
    // A message that fails to format stops where it failed, as a body's does.
    let _ = write!(message, "{}", PublicMessage(error));
    cut(&mut message, MESSAGE_MAX);
    // Sized for every detail a status carries, so that it is allocated once.
    let mut metadata = HashMap::with_capacity(METADATA_MAX);
    error.details(&mut Details::new(Sink::Text(&mut |name, text, value| {
        if metadata.len() < METADATA_MAX
            && let Some(mut text) = text.or_else(|| metadata_json(value))
        {
            cut(&mut text, VALUE_MAX);
            metadata.insert(metadata_key(name), text);
        }
    })));
    let bad_request = error
        .violations()
        .filter(|violations| !violations.is_empty())
        .map(field_violations);
    if let Some((_, omitted)) = bad_request.as_ref().filter(|(_, omitted)| *omitted > 0) {
        metadata.insert("violationsOmitted".to_owned(), omitted.to_string());
    }
    let mut headers = HeaderMap::new();
    error.headers(&mut Headers::new(&mut headers));
    let (domain, request_id) = Rendering::with_current(|rendering| {
        // A status is the error's answer: logged as a response is.
        if rendering.sent {
            crate::log::response(error, rendering.config, rendering.request_id);
        }
        (
            rendering
                .config
                .setting(DOMAIN_SETTING)
                .unwrap_or_default()
                .to_owned(),
            rendering.request_id.map(str::to_owned),
        )
    });
    let mut details = ErrorDetails::with_error_info(error.code(), domain, metadata);
    if headers.is_empty() {
        // Most errors declare no header. A `HeaderMap` made by `new` does not allocate (its
        // docs say so), and one still empty holds nothing to free: forgetting it skips a drop
        // that cost a fifth of the gap to a status built by hand (BENCHMARKS.md).
        std::mem::forget(headers);
    } else if let Some(seconds) = headers
        .get(http::header::RETRY_AFTER)
        .and_then(|value| value.to_str().ok()?.trim().parse::<u64>().ok())
    {
        details.set_retry_info(Some(Duration::from_secs(seconds)));
    }
    if let Some(request_id) = request_id {
        details.set_request_info(request_id, "");
    }
    if let Some((locale, mut localized)) = localized(error) {
        cut(&mut localized, MESSAGE_MAX);
        details.set_localized_message(locale, localized);
    }
    if let Some((violations, _)) = bad_request {
        details.set_bad_request(violations);
    }
    let code = error
        .declared(api_error_rules::GRPC_KEY)
        .and_then(code_named)
        .unwrap_or_else(|| grpc_code(error.status()));
    tonic::Status::with_error_details(code, message, details)
}

/// The configuration's setting that holds the `ErrorInfo` domain.
const DOMAIN_SETTING: &str = "grpc.domain";

impl crate::Config {
    /// The `domain` of the `google.rpc.ErrorInfo` a gRPC status carries (feature `tonic`): the
    /// name of the service that declares the codes, such as `orders.example.com`, which makes a
    /// code unique across services. Empty unless set. Kept as the configuration's setting
    /// `"grpc.domain"` ([`Config::with_setting`](crate::Config::with_setting)).
    #[must_use]
    pub fn grpc_domain(self, domain: &str) -> Self {
        self.with_setting(DOMAIN_SETTING, domain)
    }
}

/// The gRPC code `name` names, as `google.rpc.Code` does (`FAILED_PRECONDITION`): its number
/// is its place in the table the derive checks names against.
fn code_named(name: &str) -> Option<Code> {
    let place = api_error_rules::GRPC_CODES
        .iter()
        .position(|known| *known == name)?;
    i32::try_from(place + 1).ok().map(Code::from_i32)
}

/// A detail's value as `ErrorInfo.metadata` holds it, by way of its JSON: a string as it is,
/// anything else as compact JSON; `None` when it does not serialize. Strings, integers,
/// booleans and the like do not come here: [`crate::plain`] writes them, to the same text.
fn metadata_json(value: &dyn erased_serde::Serialize) -> Option<String> {
    let mut json = serde_json::to_string(value).ok()?;
    match json
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        // A string with nothing escaped is its JSON text without the quotes.
        Some(plain) if !plain.contains('\\') => {
            json.pop();
            json.remove(0);
            Some(json)
        }
        Some(_) => serde_json::from_str(&json).ok(),
        None => Some(json),
    }
}

/// The `ErrorInfo.metadata` key of a detail: lowerCamelCase, as AIP-193 asks (`order_id` is
/// `orderId`), of letters and digits only, starting with a letter, at most 64 bytes.
fn metadata_key(name: &str) -> String {
    // Most names are a key already: `id`, `plan`.
    if let [first, rest @ ..] = name.as_bytes()
        && name.len() <= KEY_MAX
        && first.is_ascii_lowercase()
        && rest.iter().all(|&b| KEY_BYTES[usize::from(b)])
    {
        return name.to_owned();
    }
    metadata_key_converted(name)
}

/// [`metadata_key`] of a name that is not a key already, apart so that the common case stays
/// small.
#[cold]
#[inline(never)]
fn metadata_key_converted(name: &str) -> String {
    let mut key: String = name
        .to_lower_camel_case()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if !key.starts_with(|c: char| c.is_ascii_lowercase()) {
        key.insert_str(0, "detail");
    }
    key.truncate(KEY_MAX);
    key
}

/// Cuts `text` to at most `max` bytes, at a character, ending with `…` when it was longer.
fn cut(text: &mut String, max: usize) {
    if text.len() > max {
        *text = capped(Cow::Borrowed(text), max, true).into_owned();
    }
}

/// An error as a gRPC client receives it: what [`status`] put in a [`tonic::Status`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The gRPC code.
    pub grpc_code: Code,
    /// The error's code, `ErrorInfo.reason`: `ORDER_NOT_FOUND`.
    pub code: String,
    /// `ErrorInfo.domain`.
    pub domain: String,
    /// The message.
    pub message: String,
    /// The details, by their lowerCamelCase keys, as strings.
    pub metadata: HashMap<String, String>,
    /// When to retry, from `RetryInfo`.
    pub retry_after: Option<Duration>,
    /// The request's id, from `RequestInfo`.
    pub request_id: Option<String>,
    /// The message in the client's language and that language's tag, from `LocalizedMessage`.
    pub localized: Option<(String, String)>,
}

/// What the status `status` says of the error it carries, or `None` when it carries no
/// `ErrorInfo` (a status some other code made).
///
/// ```
/// use api_error_core::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = "RATE_LIMIT_EXCEEDED", status = 429, message = "Slow down")]
/// struct Limited {
///     #[api_error(header = "Retry-After")]
///     retry_after: u64,
/// }
///
/// let received = api_error_core::tonic::read(&Limited { retry_after: 30 }.into()).unwrap();
/// assert_eq!(received.code, "RATE_LIMIT_EXCEEDED");
/// assert_eq!(received.grpc_code, tonic::Code::ResourceExhausted);
/// assert_eq!(received.retry_after, Some(std::time::Duration::from_secs(30)));
/// ```
#[must_use]
pub fn read(status: &tonic::Status) -> Option<Received> {
    let details = status.get_error_details();
    let info = details.error_info()?;
    Some(Received {
        grpc_code: status.code(),
        code: info.reason.clone(),
        domain: info.domain.clone(),
        message: status.message().to_owned(),
        metadata: info.metadata.clone(),
        retry_after: details.retry_info().and_then(|retry| retry.retry_delay),
        request_id: details
            .request_info()
            .map(|request| request.request_id.clone()),
        localized: details
            .localized_message()
            .map(|localized| (localized.locale.clone(), localized.message.clone())),
    })
}

/// A boxed error of any type, as a status: `?` on a function that fails with
/// `Box<dyn ApiError + Send + Sync>` answers a tonic handler.
impl From<Box<dyn ApiError + Send + Sync>> for tonic::Status {
    fn from(error: Box<dyn ApiError + Send + Sync>) -> Self {
        status(&*error)
    }
}

/// The same for [`AnyApiError`](crate::AnyApiError).
impl From<crate::any::AnyApiError> for tonic::Status {
    fn from(error: crate::any::AnyApiError) -> Self {
        status(&error)
    }
}

/// `violations` as a `google.rpc.BadRequest`'s: the field as a path (`items[0].quantity`), the
/// message as the description, the reason in upper snake case, and its translation in the
/// language negotiated for the request in force as the localized message, when there is one.
/// Those past [`FIELD_VIOLATIONS_TEXT_MAX`] bytes of text are left out, and counted with those
/// the violations left out themselves.
fn field_violations(violations: &Violations) -> (Vec<FieldViolation>, usize) {
    Rendering::with_current(|rendering| {
        let mut text = 0;
        let mut carried = Vec::with_capacity(violations.len());
        for violation in violations {
            // A violation's message is already within its own bound.
            let description = violation.message().to_owned();
            let localized_message = rendering
                .language
                .negotiated
                .then(|| crate::render::violations::translated(rendering, violation))
                .flatten()
                .and_then(|(message, language)| {
                    let mut message = message.into_owned();
                    cut(&mut message, crate::violation::MESSAGE_MAX);
                    Some(LocalizedMessage {
                        locale: language.to_str().ok()?.to_owned(),
                        message,
                    })
                });
            let field = violation.location().field_path().to_string();
            text += FIELD_VIOLATION_OVERHEAD
                + field.len()
                + description.len()
                + violation.reason().len()
                + localized_message.as_ref().map_or(0, |localized| {
                    localized.locale.len() + localized.message.len()
                });
            if text > FIELD_VIOLATIONS_TEXT_MAX {
                break;
            }
            carried.push(FieldViolation {
                field,
                description,
                reason: upper_snake(violation.reason()),
                localized_message,
            });
        }
        let left = violations.len() - carried.len();
        (carried, violations.omitted() + left)
    })
}

/// The message of `error` in the language negotiated for the request in force (from its
/// `Accept-Language`, the default locale when it names none), with that language's tag, when
/// a translation gives it: what a gRPC status carries as its
/// `LocalizedMessage`. `None` outside a layer that negotiates.
fn localized<E: ApiError + ?Sized>(error: &E) -> Option<(String, String)> {
    Rendering::with_current(|rendering| {
        if !rendering.language.negotiated {
            return None;
        }
        let translated = crate::render::translated(error, rendering)?;
        let locale = translated.language.to_str().ok()?.to_owned();
        let mut text = String::new();
        core::fmt::write(
            &mut text,
            format_args!("{}", crate::render::Message::of(Some(&translated), error)),
        )
        .ok()?;
        Some((locale, text))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A detail's value as [`status`] writes it: directly when it can, else by its JSON.
    fn metadata_value<T: serde::Serialize>(value: &T) -> Option<String> {
        crate::plain::text(value).or_else(|| metadata_json(value))
    }

    #[test]
    fn keys_are_lower_camel_case_letters_and_digits_starting_with_a_letter() {
        assert_eq!(metadata_key("order_id"), "orderId");
        assert_eq!(metadata_key("retry-after"), "retryAfter");
        assert_eq!(metadata_key("plan"), "plan");
        assert_eq!(metadata_key("2fa_code"), "detail2faCode");
        assert_eq!(metadata_key("ünïcode"), "ncode");
        assert_eq!(metadata_key(&"a".repeat(100)).len(), KEY_MAX);
    }

    #[test]
    fn a_string_is_its_text_and_anything_else_its_json() {
        assert_eq!(metadata_value(&"ord_1").as_deref(), Some("ord_1"));
        assert_eq!(
            metadata_value(&"a \"quoted\"\nline").as_deref(),
            Some("a \"quoted\"\nline")
        );
        assert_eq!(metadata_value(&42_u64).as_deref(), Some("42"));
        assert_eq!(
            metadata_value(&vec!["a", "b"]).as_deref(),
            Some(r#"["a","b"]"#)
        );
        assert_eq!(metadata_value(&Option::<u8>::None).as_deref(), Some("null"));
    }

    #[test]
    fn a_value_written_directly_is_what_its_json_gives() {
        #[derive(serde::Serialize)]
        struct Id(u64);
        #[derive(serde::Serialize)]
        enum State {
            Pending,
        }
        let values: [&dyn erased_serde::Serialize; 16] = [
            &"ord_1",
            &"a \"quoted\"\\ line\n\u{7f}",
            &String::from("é…"),
            &42_u64,
            &u64::MAX,
            &i64::MIN,
            &-3_i32,
            &true,
            &false,
            &'q',
            &'\n',
            &Id(9),
            &State::Pending,
            &Some(5_u8),
            &Option::<u8>::None,
            &(),
        ];
        for value in values {
            let direct = crate::plain::text(value);
            assert!(direct.is_some());
            assert_eq!(direct, metadata_json(value));
        }
    }

    #[test]
    fn a_float_and_a_list_take_the_json_path() {
        assert_eq!(crate::plain::text(&1.5_f64), None);
        assert_eq!(metadata_value(&1.5_f64).as_deref(), Some("1.5"));
        assert_eq!(
            metadata_value(&1e21_f64),
            serde_json::to_string(&1e21_f64).ok()
        );
        assert_eq!(metadata_value(&f64::NAN).as_deref(), Some("null"));
        assert_eq!(metadata_value(&u128::MAX), Some(u128::MAX.to_string()));
        assert_eq!(metadata_value(&Some(vec![1, 2])).as_deref(), Some("[1,2]"));
    }

    #[test]
    fn a_long_value_is_cut_at_a_character_with_an_ellipsis() {
        let mut text = "é".repeat(200);
        cut(&mut text, VALUE_MAX);
        assert!(text.len() <= VALUE_MAX);
        assert!(text.ends_with('…'));
        let mut short = String::from("short");
        cut(&mut short, VALUE_MAX);
        assert_eq!(short, "short");
    }

    #[test]
    fn a_code_s_name_is_its_code() {
        assert_eq!(code_named("CANCELLED"), Some(Code::Cancelled));
        assert_eq!(
            code_named("FAILED_PRECONDITION"),
            Some(Code::FailedPrecondition)
        );
        assert_eq!(code_named("UNAUTHENTICATED"), Some(Code::Unauthenticated));
        assert_eq!(code_named("OK"), None);
        for name in api_error_rules::GRPC_CODES {
            let code = code_named(name).unwrap();
            assert_eq!(
                format!("{code:?}").to_ascii_uppercase(),
                name.replace('_', ""),
                "{name}"
            );
        }
    }

    #[test]
    fn every_status_has_its_code() {
        let table = [
            (400, Code::InvalidArgument),
            (401, Code::Unauthenticated),
            (403, Code::PermissionDenied),
            (404, Code::NotFound),
            (409, Code::Aborted),
            (412, Code::FailedPrecondition),
            (429, Code::ResourceExhausted),
            (499, Code::Cancelled),
            (500, Code::Internal),
            (501, Code::Unimplemented),
            (502, Code::Internal),
            (503, Code::Unavailable),
            (504, Code::DeadlineExceeded),
            (410, Code::FailedPrecondition),
            (422, Code::FailedPrecondition),
            (507, Code::Internal),
        ];
        for (status, code) in table {
            assert_eq!(
                grpc_code(StatusCode::from_u16(status).unwrap()),
                code,
                "{status}"
            );
        }
    }
}
