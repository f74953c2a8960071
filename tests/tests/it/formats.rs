//! What a client receives under each [`Config`]: RFC 9457 problem details (with and without a
//! type base), the nested JSON envelope, a type that always answers in problem details, and the
//! bodies that degrade instead of failing. Every body is compared byte for byte, with its status
//! and headers; `Serialize` of `config.body(..)` is the same bytes as `config.response(..)`.
//!
//! No test installs a configuration: `Config::install` is process-wide and would change the
//! other tests of this binary.

use std::fmt;

use api_error_core::{
    ApiError, Body, Config, ErrorBody, Format, Respond, StatusCode, problem_extension_name,
};
use serde::ser::{Serialize, Serializer};

const BASE: &str = "https://errors.example.com/";

/// The request carries no valid credentials.
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
    ///
    /// This second paragraph is not part of the summary.
    #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
    NotFound,
    /// The order is not
    /// pending.
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
        message = "Order type {kind} does not match"
    )]
    TypeMismatch {
        #[api_error(detail = "type")]
        kind: &'static str,
        #[api_error(detail = "order-id")]
        order: u64,
        #[api_error(detail)]
        expected: &'static str,
    },
    #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
    Storage(#[source] std::io::Error),
    #[api_error(transparent)]
    Auth(#[from] NotAuthenticated),
    /// Too many requests from this client.
    #[api_error(
        code = "RATE_LIMIT_EXCEEDED",
        status = 429,
        message = "Too many requests"
    )]
    RateLimited {
        #[api_error(header = "Retry-After", detail = "retry-after")]
        retry_after: u64,
    },
}

/// A struct error whose summary is the struct's doc comment.
#[derive(Debug, ApiError)]
#[api_error(
    code = "PLAN_NOT_FOUND",
    status = 404,
    message = "Plan {plan} not found"
)]
struct PlanNotFound {
    #[api_error(detail)]
    plan: String,
}

/// Errors of a payment provider, always answered as problem details.
#[derive(Debug, ApiError)]
#[api_error(format = "problem")]
enum PaymentError {
    /// The card was declined.
    #[api_error(code = "PAYMENT_DECLINED", status = 402, message = "Card declined")]
    Declined {
        #[api_error(detail)]
        reason: &'static str,
    },
    #[api_error(code = "PAYMENT_UNAVAILABLE", status = 503)]
    Unavailable,
}

/// A type without a format of its own that wraps the payment errors.
#[derive(Debug, ApiError)]
enum CheckoutError {
    #[api_error(transparent)]
    Payment(#[from] PaymentError),
    #[api_error(code = "CART_EMPTY", status = 400, message = "Cart is empty")]
    Empty,
}

/// A type that names its own format, which wins over the wrapped error's.
#[derive(Debug, ApiError)]
#[api_error(format = "json")]
enum LegacyError {
    #[api_error(transparent)]
    Payment(#[from] PaymentError),
}

/// A detail whose `Serialize` always fails.
#[derive(Debug)]
struct Unserializable;

impl Serialize for Unserializable {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("cannot serialize"))
    }
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
enum Broken {
    /// A detail of this error cannot be serialized.
    #[api_error(code = "BROKEN_DETAIL", status = 422, message = "still a body")]
    Detail {
        #[api_error(detail)]
        ok: u8,
        #[api_error(detail)]
        bad: Unserializable,
    },
    #[api_error(code = "BROKEN_MESSAGE", status = 400, message = "value {value}")]
    Message {
        value: FailsToFormat,
        #[api_error(detail)]
        attempt: u32,
    },
    #[api_error(code = "BROKEN_BOTH", status = 409, message = "value {value}")]
    Both {
        value: FailsToFormat,
        #[api_error(detail)]
        bad: Unserializable,
    },
}

fn problem() -> Config {
    Config::new().format(Format::Problem)
}

fn problem_with_base() -> Config {
    problem().problem_type_base(BASE)
}

fn nested() -> Config {
    Config::new().nest_in("error")
}

fn json_api() -> Config {
    Config::new().format(Format::JsonApi)
}

fn text(response: &http::Response<bytes::Bytes>) -> &str {
    std::str::from_utf8(response.body()).unwrap()
}

/// Asserts status, the only header being `Content-Type` with `content_type`, and the body.
fn assert_plain(
    response: &http::Response<bytes::Bytes>,
    status: u16,
    content_type: &str,
    body: &str,
) {
    assert_eq!(response.status(), status);
    assert_eq!(response.headers().len(), 1, "{:?}", response.headers());
    assert_eq!(response.headers()["content-type"], content_type);
    assert_eq!(text(response), body);
}

#[test]
fn problem_without_a_type_base_is_about_blank_titled_by_the_reason_phrase() {
    let response = problem().response(&OrderError::NotPending { id: 42 });
    assert_plain(
        &response,
        400,
        "application/problem+json",
        concat!(
            r#"{"type":"about:blank","title":"Bad Request","status":400,"#,
            r#""detail":"Order 42 is not in pending status","code":"ORDER_NOT_PENDING","#,
            r#""detail_id":42}"#,
        ),
    );
}

#[test]
fn problem_with_a_type_base_is_titled_by_the_doc_comment_summary() {
    let response = problem_with_base().response(&OrderError::NotPending { id: 42 });
    assert_plain(
        &response,
        400,
        "application/problem+json",
        concat!(
            r#"{"type":"https://errors.example.com/ORDER_NOT_PENDING","#,
            r#""title":"The order is not pending.","status":400,"#,
            r#""detail":"Order 42 is not in pending status","code":"ORDER_NOT_PENDING","#,
            r#""detail_id":42}"#,
        ),
    );
}

#[test]
fn problem_title_is_the_first_paragraph_only() {
    assert_eq!(
        OrderError::NotFound.summary(),
        Some("The order id is unknown.")
    );
    let response = problem_with_base().response(&OrderError::NotFound);
    assert_plain(
        &response,
        404,
        "application/problem+json",
        concat!(
            r#"{"type":"https://errors.example.com/ORDER_NOT_FOUND","#,
            r#""title":"The order id is unknown.","status":404,"detail":"Order not found","#,
            r#""code":"ORDER_NOT_FOUND"}"#,
        ),
    );
}

#[test]
fn problem_of_a_struct_is_titled_by_the_struct_doc_comment() {
    let error = PlanNotFound {
        plan: "gold".into(),
    };
    assert_eq!(
        error.summary(),
        Some("A struct error whose summary is the struct's doc comment.")
    );
    let response = problem_with_base().response(&error);
    assert_plain(
        &response,
        404,
        "application/problem+json",
        concat!(
            r#"{"type":"https://errors.example.com/PLAN_NOT_FOUND","#,
            r#""title":"A struct error whose summary is the struct's doc comment.","#,
            r#""status":404,"detail":"Plan gold not found","code":"PLAN_NOT_FOUND","#,
            r#""plan":"gold"}"#,
        ),
    );
}

#[test]
fn problem_without_a_doc_comment_falls_back_to_the_reason_phrase_title() {
    let error = OrderError::TypeMismatch {
        kind: "pdf",
        order: 7,
        expected: "image",
    };
    assert_eq!(error.summary(), None);
    let response = problem_with_base().response(&error);
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(
        text(&response),
        concat!(
            r#"{"type":"https://errors.example.com/ORDER_TYPE_NOT_MATCH","title":"Bad Request","#,
            r#""status":400,"detail":"Order type pdf does not match","code":"ORDER_TYPE_NOT_MATCH","#,
            r#""detail_type":"pdf","order_id":7,"expected":"image"}"#,
        ),
    );
}

#[test]
fn problem_details_become_renamed_extension_members() {
    // `type` is an RFC 9457 member, `order-id` has a character a member name should not.
    let error = OrderError::TypeMismatch {
        kind: "pdf",
        order: 7,
        expected: "image",
    };
    assert_eq!(
        text(&problem().response(&error)),
        concat!(
            r#"{"type":"about:blank","title":"Bad Request","status":400,"#,
            r#""detail":"Order type pdf does not match","code":"ORDER_TYPE_NOT_MATCH","#,
            r#""detail_type":"pdf","order_id":7,"expected":"image"}"#,
        ),
    );
    // The default JSON body keeps the declared names.
    assert_eq!(
        text(&Config::new().response(&error)),
        concat!(
            r#"{"code":"ORDER_TYPE_NOT_MATCH","message":"Order type pdf does not match","#,
            r#""details":{"type":"pdf","order-id":7,"expected":"image"}}"#,
        ),
    );
}

#[test]
fn problem_keeps_the_retry_after_header_and_renames_its_detail() {
    let response = problem_with_base().response(&OrderError::RateLimited { retry_after: 30 });
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers().len(), 2);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(response.headers()["retry-after"], "30");
    assert_eq!(
        text(&response),
        concat!(
            r#"{"type":"https://errors.example.com/RATE_LIMIT_EXCEEDED","#,
            r#""title":"Too many requests from this client.","status":429,"#,
            r#""detail":"Too many requests","code":"RATE_LIMIT_EXCEEDED","retry_after":30}"#,
        ),
    );
}

#[test]
fn problem_of_a_transparent_variant_is_the_wrapped_error_with_its_header() {
    let error = OrderError::from(NotAuthenticated);
    for (config, body) in [
        (
            problem(),
            concat!(
                r#"{"type":"about:blank","title":"Unauthorized","status":401,"#,
                r#""detail":"Authentication required","code":"AUTH_NOT_AUTHENTICATED"}"#,
            ),
        ),
        (
            // The title is the wrapped struct's doc comment.
            problem_with_base(),
            concat!(
                r#"{"type":"https://errors.example.com/AUTH_NOT_AUTHENTICATED","#,
                r#""title":"The request carries no valid credentials.","status":401,"#,
                r#""detail":"Authentication required","code":"AUTH_NOT_AUTHENTICATED"}"#,
            ),
        ),
    ] {
        let response = config.response(&error);
        assert_eq!(response.status(), 401);
        assert_eq!(response.headers().len(), 2);
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json"
        );
        assert_eq!(
            response.headers()["www-authenticate"],
            "Bearer realm=\"api\""
        );
        assert_eq!(text(&response), body);
    }
}

#[test]
fn unit_error_with_a_static_body_is_rendered_in_every_config() {
    let error = OrderError::NotFound;
    // The default configuration sends the static bytes; the others must not.
    assert!(error.static_body().is_some());
    assert_plain(
        &Config::new().response(&error),
        404,
        "application/json",
        r#"{"code":"ORDER_NOT_FOUND","message":"Order not found"}"#,
    );
    assert_plain(
        &nested().response(&error),
        404,
        "application/json",
        r#"{"error":{"code":"ORDER_NOT_FOUND","message":"Order not found"}}"#,
    );
    assert_plain(
        &problem().response(&error),
        404,
        "application/problem+json",
        concat!(
            r#"{"type":"about:blank","title":"Not Found","status":404,"#,
            r#""detail":"Order not found","code":"ORDER_NOT_FOUND"}"#,
        ),
    );
}

#[test]
fn server_error_never_shows_its_source_in_problem_details() {
    let error = OrderError::Storage(std::io::Error::other("disk /dev/sda1 failed"));
    for (config, body) in [
        (
            problem(),
            concat!(
                r#"{"type":"about:blank","title":"Internal Server Error","status":500,"#,
                r#""detail":"Internal Server Error","code":"SERVER_INTERNAL_ERROR"}"#,
            ),
        ),
        (
            problem_with_base(),
            concat!(
                r#"{"type":"https://errors.example.com/SERVER_INTERNAL_ERROR","#,
                r#""title":"Internal Server Error","status":500,"#,
                r#""detail":"Internal Server Error","code":"SERVER_INTERNAL_ERROR"}"#,
            ),
        ),
    ] {
        let response = config.response(&error);
        assert_plain(&response, 500, "application/problem+json", body);
        assert!(!text(&response).contains("sda1"));
    }
}

#[test]
fn server_error_never_shows_its_source_in_the_nested_body() {
    let error = OrderError::Storage(std::io::Error::other("disk /dev/sda1 failed"));
    let response = nested().response(&error);
    assert_plain(
        &response,
        500,
        "application/json",
        r#"{"error":{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error"}}"#,
    );
    assert!(!text(&response).contains("sda1"));
}

#[test]
fn nested_json_wraps_code_message_and_details() {
    assert_plain(
        &nested().response(&OrderError::NotPending { id: 42 }),
        400,
        "application/json",
        concat!(
            r#"{"error":{"code":"ORDER_NOT_PENDING","#,
            r#""message":"Order 42 is not in pending status","details":{"id":42}}}"#,
        ),
    );
    let response = nested().response(&OrderError::RateLimited { retry_after: 5 });
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "5");
    assert_eq!(
        text(&response),
        concat!(
            r#"{"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Too many requests","#,
            r#""details":{"retry-after":5}}}"#,
        ),
    );
}

#[test]
fn nested_member_name_is_escaped() {
    let config = Config::new().nest_in("err\"or\\");
    let response = config.response(&OrderError::NotFound);
    assert_eq!(
        text(&response),
        r#"{"err\"or\\":{"code":"ORDER_NOT_FOUND","message":"Order not found"}}"#
    );
    assert_eq!(
        serde_json::to_string(&config.body(&OrderError::NotFound)).unwrap(),
        text(&response)
    );
}

#[test]
fn problem_details_are_never_nested() {
    let config = problem().nest_in("error");
    assert_plain(
        &config.response(&OrderError::NotPending { id: 1 }),
        400,
        "application/problem+json",
        concat!(
            r#"{"type":"about:blank","title":"Bad Request","status":400,"#,
            r#""detail":"Order 1 is not in pending status","code":"ORDER_NOT_PENDING","#,
            r#""detail_id":1}"#,
        ),
    );
}

#[test]
fn instance_is_absent_without_a_request_id() {
    let config = problem_with_base().problem_instance_prefix("https://api.example.com/requests/");
    let response = config.response(&OrderError::NotFound);
    assert_eq!(
        text(&response),
        concat!(
            r#"{"type":"https://errors.example.com/ORDER_NOT_FOUND","#,
            r#""title":"The order id is unknown.","status":404,"detail":"Order not found","#,
            r#""code":"ORDER_NOT_FOUND"}"#,
        ),
    );
}

#[test]
fn a_type_with_format_problem_answers_problem_details_under_a_json_config() {
    let declined = PaymentError::Declined { reason: "expired" };
    assert_eq!(declined.fixed_format(), Some(Format::Problem));
    let body = concat!(
        r#"{"type":"about:blank","title":"Payment Required","status":402,"#,
        r#""detail":"Card declined","code":"PAYMENT_DECLINED","reason":"expired"}"#,
    );
    for config in [Config::new(), nested()] {
        assert_plain(
            &config.response(&declined),
            402,
            "application/problem+json",
            body,
        );
        assert_eq!(
            serde_json::to_string(&config.body(&declined)).unwrap(),
            body
        );
    }
    // Without any configuration at all: `to_response` and `Serialize` of the error itself.
    assert_plain(
        &declined.to_response(),
        402,
        "application/problem+json",
        body,
    );
    assert_eq!(serde_json::to_string(&declined).unwrap(), body);

    // A type base still applies to it.
    assert_eq!(
        text(&Config::new().problem_type_base(BASE).response(&declined)),
        concat!(
            r#"{"type":"https://errors.example.com/PAYMENT_DECLINED","#,
            r#""title":"The card was declined.","status":402,"#,
            r#""detail":"Card declined","code":"PAYMENT_DECLINED","reason":"expired"}"#,
        ),
    );
}

#[test]
fn a_unit_error_of_a_problem_type_does_not_send_its_static_json_body() {
    let error = PaymentError::Unavailable;
    assert_plain(
        &error.to_response(),
        503,
        "application/problem+json",
        concat!(
            r#"{"type":"about:blank","title":"Service Unavailable","status":503,"#,
            r#""detail":"Service Unavailable","code":"PAYMENT_UNAVAILABLE"}"#,
        ),
    );
}

#[test]
fn a_transparent_wrapper_takes_the_wrapped_type_format() {
    let wrapped = CheckoutError::from(PaymentError::Declined { reason: "stolen" });
    assert_eq!(wrapped.fixed_format(), Some(Format::Problem));
    assert_plain(
        &Config::new().response(&wrapped),
        402,
        "application/problem+json",
        concat!(
            r#"{"type":"about:blank","title":"Payment Required","status":402,"#,
            r#""detail":"Card declined","code":"PAYMENT_DECLINED","reason":"stolen"}"#,
        ),
    );
    // The wrapper's own variant follows the configuration.
    assert_eq!(CheckoutError::Empty.fixed_format(), None);
    assert_plain(
        &Config::new().response(&CheckoutError::Empty),
        400,
        "application/json",
        r#"{"code":"CART_EMPTY","message":"Cart is empty"}"#,
    );
    assert_plain(
        &problem().response(&CheckoutError::Empty),
        400,
        "application/problem+json",
        concat!(
            r#"{"type":"about:blank","title":"Bad Request","status":400,"#,
            r#""detail":"Cart is empty","code":"CART_EMPTY"}"#,
        ),
    );
}

#[test]
fn a_wrapper_with_its_own_format_overrides_the_wrapped_type() {
    let error = LegacyError::from(PaymentError::Declined { reason: "expired" });
    assert_eq!(error.fixed_format(), Some(Format::Json));
    assert_plain(
        &problem().response(&error),
        402,
        "application/json",
        concat!(
            r#"{"code":"PAYMENT_DECLINED","message":"Card declined","#,
            r#""details":{"reason":"expired"}}"#,
        ),
    );
}

#[test]
fn a_boxed_error_keeps_its_type_format() {
    let boxed: Box<dyn ApiError + Send + Sync> = Box::new(PaymentError::Unavailable);
    let response = Config::new().response(&*boxed);
    assert_plain(
        &response,
        503,
        "application/problem+json",
        concat!(
            r#"{"type":"about:blank","title":"Service Unavailable","status":503,"#,
            r#""detail":"Service Unavailable","code":"PAYMENT_UNAVAILABLE"}"#,
        ),
    );
    assert_eq!(
        serde_json::to_string(&Config::new().body(&*boxed)).unwrap(),
        text(&response)
    );
}

#[test]
fn serialize_of_config_body_is_byte_for_byte_the_response_body() {
    let configs = [
        Config::new(),
        nested(),
        problem(),
        problem_with_base(),
        problem_with_base()
            .nest_in("error")
            .problem_instance_prefix("urn:x:"),
        json_api(),
        json_api().nest_in("error").problem_type_base(BASE),
    ];
    let errors: Vec<Box<dyn ApiError + Send + Sync>> = vec![
        Box::new(OrderError::NotFound),
        Box::new(OrderError::NotPending { id: 7 }),
        Box::new(OrderError::TypeMismatch {
            kind: "a\"b",
            order: 1,
            expected: "c\\d",
        }),
        Box::new(OrderError::Storage(std::io::Error::other("x"))),
        Box::new(OrderError::Auth(NotAuthenticated)),
        Box::new(OrderError::RateLimited { retry_after: 1 }),
        Box::new(PlanNotFound {
            plan: "gold\n".into(),
        }),
        Box::new(PaymentError::Declined { reason: "r" }),
        Box::new(PaymentError::Unavailable),
        Box::new(CheckoutError::Payment(PaymentError::Unavailable)),
        Box::new(CheckoutError::Empty),
        Box::new(LegacyError::Payment(PaymentError::Unavailable)),
    ];
    for config in &configs {
        for error in &errors {
            let response = config.response(&**error);
            let serialized = serde_json::to_string(&config.body(&**error)).unwrap();
            assert_eq!(serialized, text(&response), "{config:?} {error:?}");
            // Every body is JSON, whatever the format.
            let _: serde_json::Value = serde_json::from_str(&serialized).unwrap();
        }
    }
}

#[test]
fn a_detail_that_fails_to_serialize_leaves_out_the_extension_members() {
    let error = Broken::Detail {
        ok: 1,
        bad: Unserializable,
    };
    assert_plain(
        &problem().response(&error),
        422,
        "application/problem+json",
        concat!(
            r#"{"type":"about:blank","title":"Unprocessable Content","status":422,"#,
            r#""detail":"still a body","code":"BROKEN_DETAIL"}"#,
        ),
    );
    assert_plain(
        &problem_with_base().response(&error),
        422,
        "application/problem+json",
        concat!(
            r#"{"type":"https://errors.example.com/BROKEN_DETAIL","#,
            r#""title":"A detail of this error cannot be serialized.","status":422,"#,
            r#""detail":"still a body","code":"BROKEN_DETAIL"}"#,
        ),
    );
    for config in [problem(), problem_with_base()] {
        let failed = serde_json::to_string(&config.body(&error)).unwrap_err();
        assert_eq!(failed.to_string(), "cannot serialize");
    }
}

#[test]
fn a_detail_that_fails_to_serialize_leaves_out_nested_details() {
    let error = Broken::Detail {
        ok: 1,
        bad: Unserializable,
    };
    assert_plain(
        &nested().response(&error),
        422,
        "application/json",
        r#"{"error":{"code":"BROKEN_DETAIL","message":"still a body"}}"#,
    );
    let failed = serde_json::to_string(&nested().body(&error)).unwrap_err();
    assert_eq!(failed.to_string(), "cannot serialize");
}

#[test]
fn a_message_that_fails_to_format_becomes_the_reason_phrase_in_problem_details() {
    let error = Broken::Message {
        value: FailsToFormat,
        attempt: 3,
    };
    assert_plain(
        &problem().response(&error),
        400,
        "application/problem+json",
        concat!(
            r#"{"type":"about:blank","title":"Bad Request","status":400,"#,
            r#""detail":"Bad Request","code":"BROKEN_MESSAGE","attempt":3}"#,
        ),
    );
    let failed = serde_json::to_string(&problem().body(&error)).unwrap_err();
    assert_eq!(failed.to_string(), "the message failed to format");
}

#[test]
fn a_message_that_fails_to_format_becomes_the_reason_phrase_in_the_nested_body() {
    let error = Broken::Message {
        value: FailsToFormat,
        attempt: 3,
    };
    assert_plain(
        &nested().response(&error),
        400,
        "application/json",
        r#"{"error":{"code":"BROKEN_MESSAGE","message":"Bad Request","details":{"attempt":3}}}"#,
    );
    assert!(serde_json::to_string(&nested().body(&error)).is_err());
    // The same degradation as the default body.
    assert_eq!(
        text(&Config::new().response(&error)),
        r#"{"code":"BROKEN_MESSAGE","message":"Bad Request","details":{"attempt":3}}"#
    );
}

#[test]
fn problem_strings_with_quotes_backslashes_and_control_characters_read_back() {
    let awkward = "say \"hi\" \\ back\nslash\ttab\u{1}\u{1f} é";
    let error = PlanNotFound {
        plan: awkward.into(),
    };
    let response = problem().response(&error);
    assert_eq!(
        text(&response),
        concat!(
            r#"{"type":"about:blank","title":"Not Found","status":404,"#,
            r#""detail":"Plan say \"hi\" \\ back\nslash\ttab\u0001\u001f é not found","#,
            r#""code":"PLAN_NOT_FOUND","plan":"say \"hi\" \\ back\nslash\ttab\u0001\u001f é"}"#,
        ),
    );
    let value: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(value["plan"], awkward);
    assert_eq!(value["detail"], format!("Plan {awkward} not found"));
    assert_eq!(value["status"], 404);
}

#[test]
fn a_client_reads_code_and_detail_back_from_problem_details() {
    let response = problem_with_base().response(&OrderError::NotPending { id: 9 });
    let read: ErrorBody = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(read.code, "ORDER_NOT_PENDING");
    assert_eq!(read.message, "Order 9 is not in pending status");
    assert_eq!(read.details, None);
    assert_eq!(read.request_id, None);
}

#[test]
fn extension_names_follow_rfc_9457_advice() {
    for (name, member) in [
        ("order_id", "order_id"),
        ("retry-after", "retry_after"),
        ("order.id", "order_id"),
        ("caf\u{e9}", "caf_"),
        ("id", "detail_id"),
        ("ab", "detail_ab"),
        ("abc", "abc"),
        ("2fa", "detail_2fa"),
        ("_x_", "detail__x_"),
        ("", "detail_"),
        ("type", "detail_type"),
        ("title", "detail_title"),
        ("status", "detail_status"),
        ("detail", "detail_detail"),
        ("instance", "detail_instance"),
        ("code", "detail_code"),
        ("Type", "Type"),
    ] {
        assert_eq!(problem_extension_name(name), member, "{name:?}");
    }
}

#[test]
fn format_names_and_content_types() {
    assert_eq!(Format::named("problem"), Some(Format::Problem));
    assert_eq!(Format::named("PROBLEM"), Some(Format::Problem));
    assert_eq!(Format::named("json"), Some(Format::Json));
    assert_eq!(Format::named("Json"), Some(Format::Json));
    assert_eq!(Format::named("xml"), None);
    assert_eq!(Format::named(""), None);
    assert_eq!(Format::named("problem+json"), None);
    assert_eq!(Format::named(" json"), None);
    assert_eq!(Format::named("jsonapi"), Some(Format::JsonApi));
    assert_eq!(Format::named("JSONAPI"), Some(Format::JsonApi));
    assert_eq!(Format::named("json-api"), None);
    for format in [Format::Json, Format::Problem, Format::JsonApi] {
        assert_eq!(Format::named(format.name()), Some(format));
    }
    assert_eq!(Format::Json.content_type(), "application/json");
    assert_eq!(Format::Problem.content_type(), "application/problem+json");
    assert_eq!(Format::JsonApi.content_type(), "application/vnd.api+json");
    assert_eq!(Config::default(), Config::new());
}

#[test]
fn default_body_is_unchanged_by_a_config_that_is_not_installed() {
    // Building configurations does not change what an error sends on its own.
    let _ = (problem_with_base(), nested());
    let error = OrderError::NotPending { id: 42 };
    let expected = concat!(
        r#"{"code":"ORDER_NOT_PENDING","message":"Order 42 is not in pending status","#,
        r#""details":{"id":42}}"#,
    );
    assert_plain(&error.to_response(), 400, "application/json", expected);
    assert_eq!(serde_json::to_string(&error).unwrap(), expected);
    assert_eq!(serde_json::to_string(&Body::new(&error)).unwrap(), expected);
    assert_eq!(text(&Config::new().response(&error)), expected);
}

/// Two details whose declared names are distinct but map to one extension member.
#[derive(Debug, ApiError)]
#[api_error(
    code = "ORDER_CONFLICT",
    status = 409,
    message = "Order {id} conflicts"
)]
struct OrderConflict {
    #[api_error(detail)]
    id: u64,
    #[api_error(detail)]
    detail_id: u64,
}

#[test]
fn problem_member_names_stay_unique_when_two_details_map_to_one_name() {
    let response = problem().response(&OrderConflict {
        id: 1,
        detail_id: 2,
    });
    let body = text(&response);
    assert_eq!(
        body,
        concat!(
            r#"{"type":"about:blank","title":"Conflict","status":409,"#,
            r#""detail":"Order 1 conflicts","code":"ORDER_CONFLICT","detail_id":1,"detail_detail_id":2}"#,
        )
    );
    let value: serde_json::Value = serde_json::from_str(body).unwrap();
    let members = value.as_object().unwrap();
    assert!(members.values().any(|v| v == 1), "{body}");
    assert!(members.values().any(|v| v == 2), "{body}");
}

/// An error whose details are named like members of the JSON body.
#[derive(Debug, ApiError)]
#[api_error(
    code = "IMPORT_FAILED",
    status = 422,
    message = "Import failed at line {line}"
)]
struct ImportFailed {
    #[api_error(detail)]
    line: u32,
    #[api_error(detail = "message")]
    parser: &'static str,
    #[api_error(detail = "details")]
    context: &'static str,
    #[api_error(detail = "request_id")]
    upstream: u32,
}

#[test]
fn a_client_reads_back_problem_details_whatever_their_detail_names() {
    let response = problem().response(&ImportFailed {
        line: 3,
        parser: "unexpected comma",
        context: "row 3",
        upstream: 17,
    });
    assert_eq!(
        text(&response),
        concat!(
            r#"{"type":"about:blank","title":"Unprocessable Content","status":422,"#,
            r#""detail":"Import failed at line 3","code":"IMPORT_FAILED","line":3,"#,
            r#""detail_message":"unexpected comma","detail_details":"row 3","detail_request_id":17}"#,
        ),
    );
    let read: ErrorBody = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(read.code, "IMPORT_FAILED");
    assert_eq!(read.message, "Import failed at line 3");
    assert_eq!(read.details, None);
    assert_eq!(read.request_id, None);
}

#[test]
fn a_message_and_a_detail_that_both_fail_leave_the_reason_phrase_alone() {
    let error = Broken::Both {
        value: FailsToFormat,
        bad: Unserializable,
    };
    assert_plain(
        &problem().response(&error),
        409,
        "application/problem+json",
        concat!(
            r#"{"type":"about:blank","title":"Conflict","status":409,"#,
            r#""detail":"Conflict","code":"BROKEN_BOTH"}"#,
        ),
    );
    assert_plain(
        &nested().response(&error),
        409,
        "application/json",
        r#"{"error":{"code":"BROKEN_BOTH","message":"Conflict"}}"#,
    );
    assert!(serde_json::to_string(&problem().body(&error)).is_err());
    assert!(serde_json::to_string(&nested().body(&error)).is_err());
}

#[test]
fn json_api_puts_the_error_in_an_errors_array_titled_by_its_summary() {
    assert_plain(
        &json_api().response(&OrderError::NotPending { id: 42 }),
        400,
        "application/vnd.api+json",
        concat!(
            r#"{"errors":[{"status":"400","code":"ORDER_NOT_PENDING","#,
            r#""title":"The order is not pending.","detail":"Order 42 is not in pending status","#,
            r#""meta":{"id":42}}]}"#,
        ),
    );
}

#[test]
fn json_api_without_details_has_no_meta_and_without_a_summary_the_reason_phrase_title() {
    assert_plain(
        &json_api().response(&OrderError::Storage(std::io::Error::other("disk on fire"))),
        500,
        "application/vnd.api+json",
        concat!(
            r#"{"errors":[{"status":"500","code":"SERVER_INTERNAL_ERROR","#,
            r#""title":"Internal Server Error","detail":"Internal Server Error"}]}"#,
        ),
    );
    // A unit error with a static JSON body is written in full in this format.
    assert_plain(
        &json_api().response(&OrderError::NotFound),
        404,
        "application/vnd.api+json",
        concat!(
            r#"{"errors":[{"status":"404","code":"ORDER_NOT_FOUND","#,
            r#""title":"The order id is unknown.","detail":"Order not found"}]}"#,
        ),
    );
}

#[test]
fn json_api_meta_keeps_the_declared_detail_names_and_the_headers_stay() {
    let response = json_api().response(&OrderError::RateLimited { retry_after: 30 });
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "30");
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.api+json"
    );
    assert_eq!(
        text(&response),
        concat!(
            r#"{"errors":[{"status":"429","code":"RATE_LIMIT_EXCEEDED","#,
            r#""title":"Too many requests from this client.","detail":"Too many requests","#,
            r#""meta":{"retry-after":30}}]}"#,
        ),
    );
    let mismatch = OrderError::TypeMismatch {
        kind: "a\"b",
        order: 7,
        expected: "c",
    };
    assert_eq!(
        text(&json_api().response(&mismatch)),
        concat!(
            r#"{"errors":[{"status":"400","code":"ORDER_TYPE_NOT_MATCH","title":"Bad Request","#,
            r#""detail":"Order type a\"b does not match","#,
            r#""meta":{"type":"a\"b","order-id":7,"expected":"c"}}]}"#,
        ),
    );
}

#[test]
fn json_api_is_never_nested_and_a_problem_type_base_does_not_change_it() {
    let plain = json_api().response(&OrderError::NotPending { id: 1 });
    let configured = json_api()
        .nest_in("error")
        .problem_type_base(BASE)
        .response(&OrderError::NotPending { id: 1 });
    assert_eq!(text(&plain), text(&configured));
}

#[test]
fn json_api_degrades_like_the_other_formats() {
    let detail = Broken::Detail {
        ok: 1,
        bad: Unserializable,
    };
    assert_plain(
        &json_api().response(&detail),
        422,
        "application/vnd.api+json",
        concat!(
            r#"{"errors":[{"status":"422","code":"BROKEN_DETAIL","#,
            r#""title":"A detail of this error cannot be serialized.","detail":"still a body"}]}"#,
        ),
    );
    let message = Broken::Message {
        value: FailsToFormat,
        attempt: 3,
    };
    assert_plain(
        &json_api().response(&message),
        400,
        "application/vnd.api+json",
        concat!(
            r#"{"errors":[{"status":"400","code":"BROKEN_MESSAGE","title":"Bad Request","#,
            r#""detail":"Bad Request","meta":{"attempt":3}}]}"#,
        ),
    );
    assert_eq!(
        serde_json::to_string(&json_api().body(&detail))
            .unwrap_err()
            .to_string(),
        "cannot serialize"
    );
}

#[test]
fn a_type_can_insist_on_json_api() {
    /// Errors of a JSON:API resource.
    #[derive(Debug, ApiError)]
    #[api_error(format = "jsonapi")]
    enum ArticleError {
        /// No such article.
        #[api_error(
            code = "ARTICLE_NOT_FOUND",
            status = 404,
            message = "Article {id} not found"
        )]
        NotFound {
            #[api_error(detail)]
            id: u32,
        },
    }
    let error = ArticleError::NotFound { id: 3 };
    assert_eq!(error.fixed_format(), Some(Format::JsonApi));
    let body = concat!(
        r#"{"errors":[{"status":"404","code":"ARTICLE_NOT_FOUND","title":"No such article.","#,
        r#""detail":"Article 3 not found","meta":{"id":3}}]}"#,
    );
    for config in [Config::new(), nested(), problem_with_base()] {
        assert_plain(
            &config.response(&error),
            404,
            "application/vnd.api+json",
            body,
        );
    }
    assert_eq!(serde_json::to_string(&error).unwrap(), body);
}

#[test]
fn a_client_reads_back_a_json_api_document() {
    let response = json_api().response(&OrderError::NotPending { id: 42 });
    let read: ErrorBody = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(read.code, "ORDER_NOT_PENDING");
    assert_eq!(read.message, "Order 42 is not in pending status");
    assert_eq!(read.details.unwrap()["id"], 42);
    assert_eq!(read.request_id, None);
    let with_id: ErrorBody = serde_json::from_str(
        r#"{"errors":[{"id":"req-1","status":"404","code":"X","title":"T"}]}"#,
    )
    .unwrap();
    assert_eq!(
        (
            with_id.code.as_str(),
            with_id.message.as_str(),
            with_id.request_id.as_deref()
        ),
        ("X", "T", Some("req-1"))
    );
    assert!(serde_json::from_str::<ErrorBody>(r#"{"errors":[]}"#).is_err());
}

/// An error whose details and message repeat what the client sent.
#[derive(Debug, ApiError)]
#[api_error(
    code = "UNKNOWN_FIELDS",
    status = 400,
    message = "Unknown fields: {list}"
)]
struct UnknownFields {
    list: String,
    #[api_error(detail)]
    fields: Vec<String>,
}

fn unknown_fields(count: usize, name_len: usize) -> UnknownFields {
    let fields: Vec<String> = (0..count).map(|i| format!("{i:0name_len$}")).collect();
    UnknownFields {
        list: fields.join(","),
        fields,
    }
}

#[test]
fn a_body_over_the_limit_goes_without_its_details_and_says_so() {
    let error = unknown_fields(3, 4);
    let whole = r#"{"code":"UNKNOWN_FIELDS","message":"Unknown fields: 0000,0001,0002","details":{"fields":["0000","0001","0002"]}}"#;
    assert_plain(
        &Config::new().response(&error),
        400,
        "application/json",
        whole,
    );
    let limit = whole.len() - 1;
    assert_plain(
        &Config::new().max_body_len(limit).response(&error),
        400,
        "application/json",
        r#"{"code":"UNKNOWN_FIELDS","message":"Unknown fields: 0000,0001,0002","details_omitted":true}"#,
    );
    // A body exactly at the limit is whole.
    assert_plain(
        &Config::new().max_body_len(whole.len()).response(&error),
        400,
        "application/json",
        whole,
    );
    // `Serialize` writes the whole body, whatever the limit.
    let config = Config::new().max_body_len(limit);
    assert_eq!(serde_json::to_string(&config.body(&error)).unwrap(), whole);
}

#[test]
fn every_format_marks_the_details_it_left_out() {
    let error = unknown_fields(3, 4);
    // Each limit one byte short of the whole body.
    let short = |config: &Config| text(&config.response(&error)).len() - 1;
    assert_plain(
        &problem().max_body_len(short(&problem())).response(&error),
        400,
        "application/problem+json",
        concat!(
            r#"{"type":"about:blank","title":"Bad Request","status":400,"#,
            r#""detail":"Unknown fields: 0000,0001,0002","code":"UNKNOWN_FIELDS","details_omitted":true}"#,
        ),
    );
    assert_plain(
        &json_api().max_body_len(short(&json_api())).response(&error),
        400,
        "application/vnd.api+json",
        concat!(
            r#"{"errors":[{"status":"400","code":"UNKNOWN_FIELDS","#,
            r#""title":"An error whose details and message repeat what the client sent.","#,
            r#""detail":"Unknown fields: 0000,0001,0002","meta":{"details_omitted":true}}]}"#,
        ),
    );
    assert_plain(
        &nested().max_body_len(short(&nested())).response(&error),
        400,
        "application/json",
        r#"{"error":{"code":"UNKNOWN_FIELDS","message":"Unknown fields: 0000,0001,0002","details_omitted":true}}"#,
    );
}

#[test]
fn a_message_still_too_long_is_cut_at_a_character_to_fit() {
    // 10 000 fields of 8 characters: a message of 90 KB and details of 120 KB.
    let error = unknown_fields(10_000, 8);
    let response = Config::new().response(&error);
    let body = text(&response);
    assert_eq!(body.len(), 16 * 1024, "the default limit, filled exactly");
    assert!(
        body.starts_with(
            r#"{"code":"UNKNOWN_FIELDS","message":"Unknown fields: 00000000,00000001,"#
        )
    );
    assert!(
        body.ends_with(r#"…","details_omitted":true}"#),
        "{}",
        &body[body.len() - 60..]
    );
    let read: ErrorBody = serde_json::from_str(body).unwrap();
    assert!(read.message.ends_with('…'));
    // Escapes are never cut in half, and a cut never splits a character.
    let quoted = UnknownFields {
        list: "\"é\n".repeat(50),
        fields: Vec::new(),
    };
    // The body without a message is 61 bytes, the floor: a limit below it still sends that much.
    // From 80 on, the message's start fits with `…`.
    let empty = Config::new().max_body_len(60).response(&quoted);
    assert_eq!(
        text(&empty),
        r#"{"code":"UNKNOWN_FIELDS","message":"","details_omitted":true}"#
    );
    for limit in 80..120 {
        let response = Config::new().max_body_len(limit).response(&quoted);
        let body = text(&response);
        assert!(body.len() <= limit, "{limit}: {body}");
        let read: ErrorBody = serde_json::from_str(body).expect("valid JSON at every limit");
        assert!(
            read.message.starts_with("Unknown fields") && read.message.ends_with("…"),
            "{limit}: {body}"
        );
    }
}

#[test]
fn a_short_body_is_untouched_by_the_limit() {
    let error = OrderError::NotPending { id: 42 };
    for config in [Config::new(), problem_with_base(), json_api()] {
        let whole = text(&config.response(&error)).to_owned();
        let limited = config.clone().max_body_len(whole.len());
        assert_eq!(text(&limited.response(&error)), whole);
    }
}

#[test]
fn a_fixed_body_over_the_limit_is_cut_like_any_other_and_says_no_details_it_never_had() {
    let whole = r#"{"code":"ORDER_NOT_FOUND","message":"Order not found"}"#;
    assert_eq!(text(&Config::new().response(&OrderError::NotFound)), whole);
    // The static body is not sent past the limit; an error without details is not said to
    // have left some out.
    assert_plain(
        &Config::new()
            .max_body_len(50)
            .response(&OrderError::NotFound),
        404,
        "application/json",
        r#"{"code":"ORDER_NOT_FOUND","message":"Order no…"}"#,
    );
    // Below the code and an empty message nothing more goes: that is the floor.
    assert_plain(
        &Config::new()
            .max_body_len(10)
            .response(&OrderError::NotFound),
        404,
        "application/json",
        r#"{"code":"ORDER_NOT_FOUND","message":""}"#,
    );
}

#[test]
fn a_client_reads_problem_details_with_an_errors_member_as_problem_details() {
    let body = concat!(
        r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Two fields","#,
        r#""code":"VALIDATION_FAILED","errors":[{"code":"TOO_SHORT","detail":"name"}]}"#,
    );
    let read: ErrorBody = serde_json::from_str(body).unwrap();
    assert_eq!(
        (read.code.as_str(), read.message.as_str()),
        ("VALIDATION_FAILED", "Two fields")
    );
}

/// An error whose summary needs escaping in a JSON string (the derive allows no code that does).
#[derive(Debug, ApiError)]
enum Quoted {
    /// The "plan" \ tier is unknown.
    #[api_error(code = "PLAN_UNKNOWN", status = 404, message = "No such plan")]
    Unknown,
    /// A plain one beside it.
    #[api_error(code = "PLAN_GONE", status = 410, message = "Plan gone")]
    Gone,
}

#[test]
fn summaries_and_configured_strings_that_need_escaping_are_escaped() {
    let config = problem().problem_type_base("https://errors.example.com/\"q\"/");
    let response = config.response(&Quoted::Unknown);
    let expected = concat!(
        r#"{"type":"https://errors.example.com/\"q\"/PLAN_UNKNOWN","#,
        r#""title":"The \"plan\" \\ tier is unknown.","status":404,"#,
        r#""detail":"No such plan","code":"PLAN_UNKNOWN"}"#,
    );
    assert_plain(&response, 404, "application/problem+json", expected);
    assert_eq!(
        serde_json::to_string(&config.body(&Quoted::Unknown)).unwrap(),
        expected
    );
    // The plain case beside it is copied as it is, and the configured base still escaped.
    assert_eq!(
        text(&config.response(&Quoted::Gone)),
        concat!(
            r#"{"type":"https://errors.example.com/\"q\"/PLAN_GONE","#,
            r#""title":"A plain one beside it.","status":410,"#,
            r#""detail":"Plan gone","code":"PLAN_GONE"}"#,
        )
    );
    assert_plain(
        &json_api().response(&Quoted::Unknown),
        404,
        "application/vnd.api+json",
        concat!(
            r#"{"errors":[{"status":"404","code":"PLAN_UNKNOWN","#,
            r#""title":"The \"plan\" \\ tier is unknown.","detail":"No such plan"}]}"#,
        ),
    );
    assert_plain(
        &Config::new().response(&Quoted::Unknown),
        404,
        "application/json",
        r#"{"code":"PLAN_UNKNOWN","message":"No such plan"}"#,
    );
}

/// An error written by hand, whose code the derive would refuse.
#[derive(Debug, PartialEq)]
pub(crate) struct HandWritten;

impl fmt::Display for HandWritten {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_message(f)
    }
}

impl std::error::Error for HandWritten {}

impl ApiError for HandWritten {
    fn code(&self) -> &'static str {
        "HAND\"WRITTEN\\"
    }
    fn status(&self) -> StatusCode {
        StatusCode::CONFLICT
    }
    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("By hand")
    }
    fn summary(&self) -> Option<&'static str> {
        Some("A \"hand\"")
    }
    fn catalog() -> api_error_core::Catalog {
        api_error_core::Catalog::new()
    }
}

#[test]
fn a_hand_written_error_has_its_code_and_summary_escaped() {
    assert_eq!(
        text(&problem_with_base().response(&HandWritten)),
        concat!(
            r#"{"type":"https://errors.example.com/HAND\"WRITTEN\\","#,
            r#""title":"A \"hand\"","status":409,"#,
            r#""detail":"By hand","code":"HAND\"WRITTEN\\"}"#,
        )
    );
    assert_eq!(
        text(&Config::new().response(&HandWritten)),
        r#"{"code":"HAND\"WRITTEN\\","message":"By hand"}"#
    );
}

/// A hand-written error that adds a detail of its own before a derived error's.
#[derive(Debug)]
struct Wrapping(OrderConflict);

impl fmt::Display for Wrapping {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_message(f)
    }
}

impl std::error::Error for Wrapping {}

impl ApiError for Wrapping {
    fn code(&self) -> &'static str {
        self.0.code()
    }
    fn status(&self) -> StatusCode {
        self.0.status()
    }
    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_message(f)
    }
    fn details(&self, details: &mut api_error_core::Details<'_>) {
        details.add("id", &0);
        self.0.details(details);
    }
    fn catalog() -> api_error_core::Catalog {
        api_error_core::Catalog::new()
    }
}

#[test]
fn derived_details_after_a_hand_written_one_are_named_after_it() {
    let error = Wrapping(OrderConflict {
        id: 1,
        detail_id: 2,
    });
    let expected = concat!(
        r#"{"type":"about:blank","title":"Conflict","status":409,"#,
        r#""detail":"Order 1 conflicts","code":"ORDER_CONFLICT","#,
        r#""detail_id":0,"detail_detail_id":1,"detail_detail_detail_id":2}"#,
    );
    assert_eq!(text(&problem().response(&error)), expected);
    assert_eq!(
        serde_json::to_string(&problem().body(&error)).unwrap(),
        expected
    );
}

/// An error whose one detail is shorter than saying it was left out.
#[derive(Debug, ApiError)]
#[api_error(code = "LIMITED", status = 429, message = "M")]
struct ShortDetail {
    #[api_error(detail)]
    retry_after: Option<u32>,
}

#[test]
fn under_a_limit_below_the_floor_a_cut_body_is_never_longer_than_the_whole() {
    let error = ShortDetail { retry_after: None };
    let whole = concat!(
        r#"{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"M","#,
        r#""code":"LIMITED","retry_after":null}"#,
    );
    assert_eq!(text(&problem().response(&error)), whole);
    // Cut, it would end `"detail":"",...,"details_omitted":true}`, three bytes longer.
    for limit in [0, 1, 20] {
        let response = problem().max_body_len(limit).response(&error);
        assert_eq!(text(&response), whole, "{limit}");
    }
}
