//! What an operator reads in the logs (feature `tracing`): building a response logs the error
//! once, with target `api_error` and the fields `code`, `status`, `request_id` and `error` (the
//! `Display` and every `source()` beneath it); a 5xx at `ERROR` always, a 4xx at the configured
//! level. Serializing a body logs nothing.
//!
//! Each test captures the events of its own thread with `tracing::subscriber::with_default`.

use std::error::Error as _;
use std::fmt;
use std::io;
use std::sync::{Arc, Mutex, PoisonError};

use api_error_core::{ApiError, Body, Config, Format, Respond};
use axum::response::IntoResponse;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// The store failure beneath a server error.
#[derive(Debug, thiserror::Error)]
#[error("storage failed")]
struct StorageFailed(#[source] io::Error);

#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(
        code = "ORDER_NOT_PENDING",
        status = 400,
        message = "Order {id} is not in pending status"
    )]
    NotPending {
        #[api_error(detail)]
        id: u64,
    },
    #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
    Storage(#[source] StorageFailed),
}

/// A type that wraps the order errors.
#[derive(Debug, ApiError)]
enum ServiceError {
    #[api_error(transparent)]
    Order(#[from] OrderError),
}

/// Errors that always answer as problem details.
#[derive(Debug, ApiError)]
#[api_error(format = "problem")]
enum PaymentError {
    #[api_error(code = "PAYMENT_UNAVAILABLE", status = 503)]
    Unavailable(#[source] io::Error),
}

/// One event as a subscriber saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Logged {
    pub(crate) level: Level,
    pub(crate) target: String,
    pub(crate) fields: Vec<(&'static str, String)>,
}

/// The fields of an event, as text, in the order they were recorded.
struct Fields(Vec<(&'static str, String)>);

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name(), value.to_owned()));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push((field.name(), format!("{value:?}")));
    }
}

/// A subscriber that keeps every event it is given.
struct Capture(Arc<Mutex<Vec<Logged>>>);

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(Vec::new());
        event.record(&mut fields);
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Logged {
                level: *event.metadata().level(),
                target: event.metadata().target().to_owned(),
                fields: fields.0,
            });
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// The events logged on this thread while `f` runs.
pub(crate) fn logged(f: impl FnOnce()) -> Vec<Logged> {
    let events = Arc::new(Mutex::new(Vec::new()));
    tracing::subscriber::with_default(Capture(Arc::clone(&events)), f);
    let events = events.lock().unwrap_or_else(PoisonError::into_inner);
    events.clone()
}

/// The event an error response is logged with.
fn response_event(level: Level, code: &str, status: u16, error: &str) -> Logged {
    Logged {
        level,
        target: "api_error".to_owned(),
        fields: vec![
            ("message", "error response".to_owned()),
            ("code", code.to_owned()),
            ("status", status.to_string()),
            ("request_id", String::new()),
            ("error", error.to_owned()),
        ],
    }
}

fn storage_error() -> OrderError {
    OrderError::Storage(StorageFailed(io::Error::other("disk /dev/sda1 failed")))
}

const CHAIN: &str = "Internal Server Error: storage failed: disk /dev/sda1 failed";

#[test]
fn a_server_error_is_logged_once_at_error_with_its_whole_source_chain() {
    let error = storage_error();
    let mut body = Vec::new();
    let events = logged(|| body = error.to_response().into_body().to_vec());
    assert_eq!(
        events,
        [response_event(
            Level::ERROR,
            "SERVER_INTERNAL_ERROR",
            500,
            CHAIN
        )]
    );
    // The chain reaches the log, never the client.
    assert_eq!(
        body,
        br#"{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error"}"#
    );
}

#[test]
fn a_server_error_is_logged_at_error_whatever_the_client_error_level() {
    let error = storage_error();
    for config in [
        Config::new().client_errors(None),
        Config::new().client_errors(Some(Level::TRACE)),
        Config::new().client_errors(Some(Level::WARN)),
        Config::new().format(Format::Problem).nest_in("error"),
    ] {
        let events = logged(|| {
            config.response(&error);
        });
        assert_eq!(
            events,
            [response_event(
                Level::ERROR,
                "SERVER_INTERNAL_ERROR",
                500,
                CHAIN
            )],
            "{config:?}"
        );
    }
}

#[test]
fn a_transparent_wrapper_of_a_server_error_is_logged_once() {
    let error = ServiceError::from(storage_error());
    // The wrapper is the wrapped error: same `Display`, same sources.
    assert_eq!(error.to_string(), "Internal Server Error");
    assert_eq!(error.source().unwrap().to_string(), "storage failed");
    let expected = [response_event(
        Level::ERROR,
        "SERVER_INTERNAL_ERROR",
        500,
        CHAIN,
    )];
    assert_eq!(
        logged(|| {
            error.to_response();
        }),
        expected
    );
    assert_eq!(
        logged(|| {
            Config::new().response(&error);
        }),
        expected
    );
    assert_eq!(
        logged(|| {
            let _ = ServiceError::from(storage_error()).into_response();
        }),
        expected
    );
}

#[test]
fn a_client_error_is_logged_at_debug_by_default() {
    let error = OrderError::NotPending { id: 42 };
    let expected = [response_event(
        Level::DEBUG,
        "ORDER_NOT_PENDING",
        400,
        "Order 42 is not in pending status",
    )];
    assert_eq!(
        logged(|| {
            error.to_response();
        }),
        expected
    );
    assert_eq!(
        logged(|| {
            Config::new().response(&error);
        }),
        expected
    );
}

#[test]
fn a_client_error_is_logged_at_warn_when_configured() {
    let config = Config::new().client_errors(Some(Level::WARN));
    let events = logged(|| {
        config.response(&OrderError::NotPending { id: 42 });
    });
    assert_eq!(
        events,
        [response_event(
            Level::WARN,
            "ORDER_NOT_PENDING",
            400,
            "Order 42 is not in pending status",
        )]
    );
}

#[test]
fn a_client_error_is_logged_at_each_configurable_level() {
    for level in [
        Level::ERROR,
        Level::WARN,
        Level::INFO,
        Level::DEBUG,
        Level::TRACE,
    ] {
        let config = Config::new().client_errors(Some(level));
        let events = logged(|| {
            config.response(&OrderError::NotPending { id: 1 });
        });
        assert_eq!(
            events,
            [response_event(
                level,
                "ORDER_NOT_PENDING",
                400,
                "Order 1 is not in pending status",
            )]
        );
    }
}

#[test]
fn a_client_error_is_not_logged_when_client_errors_is_none() {
    let config = Config::new().client_errors(None);
    let error = OrderError::NotPending { id: 42 };
    let mut status = 0;
    let events = logged(|| status = config.response(&error).status().as_u16());
    assert_eq!(events, []);
    // The response itself is unchanged.
    assert_eq!(status, 400);
}

#[test]
fn serializing_an_error_logs_nothing() {
    let client = OrderError::NotPending { id: 42 };
    let server = storage_error();
    let payment = PaymentError::Unavailable(io::Error::other("provider down"));
    let config = Config::new().format(Format::Problem);
    let mut bodies = Vec::new();
    let events = logged(|| {
        bodies.push(serde_json::to_string(&client).unwrap());
        bodies.push(serde_json::to_string(&server).unwrap());
        bodies.push(serde_json::to_string(&payment).unwrap());
        bodies.push(serde_json::to_string(&Body::new(&server)).unwrap());
        bodies.push(serde_json::to_string(&config.body(&server)).unwrap());
        bodies.push(serde_json::to_string(&config.body(&client)).unwrap());
        bodies.push(server.message());
        bodies.push(server.to_string());
    });
    assert_eq!(events, []);
    // Something was serialized: the bodies are the errors'.
    assert_eq!(
        bodies[1],
        r#"{"code":"SERVER_INTERNAL_ERROR","message":"Internal Server Error"}"#
    );
    assert_eq!(
        bodies[5],
        concat!(
            r#"{"type":"about:blank","title":"Bad Request","status":400,"#,
            r#""detail":"Order 42 is not in pending status","code":"ORDER_NOT_PENDING","detail_id":42}"#,
        )
    );
}

#[test]
fn a_problem_details_response_is_logged_once() {
    let error = PaymentError::Unavailable(io::Error::other("provider down"));
    let events = logged(|| {
        error.to_response();
    });
    assert_eq!(
        events,
        [response_event(
            Level::ERROR,
            "PAYMENT_UNAVAILABLE",
            503,
            "Service Unavailable: provider down",
        )]
    );
}

#[test]
fn axum_into_response_logs_once() {
    let expected = [response_event(
        Level::DEBUG,
        "ORDER_NOT_PENDING",
        400,
        "Order 7 is not in pending status",
    )];
    assert_eq!(
        logged(|| {
            let _ = OrderError::NotPending { id: 7 }.into_response();
        }),
        expected
    );
    let boxed: Box<dyn ApiError + Send + Sync> = Box::new(OrderError::NotPending { id: 7 });
    assert_eq!(
        logged(|| {
            let _ = boxed.into_response();
        }),
        expected
    );
}

/// A value whose `Display` fails after writing part of its text.
#[derive(Debug)]
struct FailsHalfway;

impl fmt::Display for FailsHalfway {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("half")?;
        Err(fmt::Error)
    }
}

#[derive(Debug, ApiError)]
#[api_error(code = "SYNC_FAILED", status = 502, message = "sync {what} failed")]
struct SyncFailed {
    what: FailsHalfway,
    #[source]
    cause: io::Error,
}

#[test]
fn an_error_whose_display_fails_is_logged_as_far_as_it_got() {
    let error = SyncFailed {
        what: FailsHalfway,
        cause: io::Error::other("upstream reset"),
    };
    let mut body = Vec::new();
    let events = logged(|| body = error.to_response().into_body().to_vec());
    assert_eq!(
        events,
        [response_event(
            Level::ERROR,
            "SYNC_FAILED",
            502,
            "sync half: upstream reset"
        )]
    );
    assert_eq!(body, br#"{"code":"SYNC_FAILED","message":"Bad Gateway"}"#);
}

/// A `MakeWriter` into a shared buffer.
#[derive(Clone)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl io::Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_log_line_an_operator_reads() {
    let buffer = Buffer(Arc::new(Mutex::new(Vec::new())));
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .without_time()
        .with_max_level(Level::TRACE)
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        storage_error().to_response();
    });
    let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert_eq!(
        text,
        concat!(
            "ERROR api_error: error response code=\"SERVER_INTERNAL_ERROR\" status=500 ",
            "request_id=\"\" error=Internal Server Error: storage failed: disk /dev/sda1 failed\n",
        )
    );
}

/// A plan named by the client, shown in the message as it came.
#[derive(Debug, ApiError)]
#[api_error(
    code = "PLAN_NOT_FOUND",
    status = 404,
    message = "Plan {plan} not found"
)]
struct PlanNotFound {
    plan: String,
}

/// The `error` field of the one event `error`'s response is logged with, client errors at `INFO`.
fn logged_error_text(error: &dyn ApiError) -> String {
    let config = Config::new().client_errors(Some(Level::INFO));
    let events = logged(|| {
        config.response(error);
    });
    assert_eq!(events.len(), 1, "{events:?}");
    let field = events[0].fields.iter().find(|(name, _)| *name == "error");
    field.expect("an error field").1.clone()
}

#[test]
fn client_text_cannot_forge_a_log_line_or_drive_a_terminal() {
    for (plan, logged) in [
        // A line feed that would start a forged event, and a carriage return that would
        // overwrite the line on a terminal.
        (
            "x\nERROR error response request_id=\"forged\"",
            r#"Plan x\nERROR error response request_id="forged" not found"#,
        ),
        ("x\r\nERROR", r"Plan x\r\nERROR not found"),
        // ESC sequences: a colour, a window title, the clipboard (OSC 52).
        ("\u{1b}[31mred", r"Plan \u{001b}[31mred not found"),
        (
            "\u{1b}]0;title\u{7}",
            r"Plan \u{001b}]0;title\u{0007} not found",
        ),
        (
            "\u{1b}]52;c;aGk=\u{7}",
            r"Plan \u{001b}]52;c;aGk=\u{0007} not found",
        ),
        // C1 controls: CSI and NEL, which some terminals take as ESC [ and a new line.
        ("\u{9b}2J\u{85}", r"Plan \u{009b}2J\u{0085} not found"),
        // Bidi overrides and isolates, which reorder what is read.
        ("\u{202e}txt.exe", r"Plan \u{202e}txt.exe not found"),
        ("\u{2066}a\u{2069}", r"Plan \u{2066}a\u{2069} not found"),
        // Line and paragraph separators, DEL, a tab, NUL.
        (
            "a\u{2028}b\u{2029}c\u{7f}\t\0",
            r"Plan a\u{2028}b\u{2029}c\u{007f}\t\u{0000} not found",
        ),
        // A backslash is doubled, so that no text can pass for an escape.
        (r"\u{000a}", r"Plan \\u{000a} not found"),
        // Everything else stays as it is.
        ("gold é 😀 \"q\"", "Plan gold é 😀 \"q\" not found"),
    ] {
        let error = PlanNotFound {
            plan: plan.to_owned(),
        };
        assert_eq!(logged_error_text(&error), logged, "{plan:?}");
    }
}

#[test]
fn a_source_chain_is_escaped_too() {
    let error = OrderError::Storage(StorageFailed(io::Error::other(
        "disk failed\nERROR forged\u{1b}[2K",
    )));
    assert_eq!(
        logged_error_text(&error),
        r"Internal Server Error: storage failed: disk failed\nERROR forged\u{001b}[2K"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    #[test]
    fn no_logged_text_holds_a_raw_control_or_bidi_character(plan in ".*") {
        let text = logged_error_text(&PlanNotFound { plan: plan.clone() });
        let raw = text.chars().find(|&c| {
            c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{061c}' | '\u{200e}' | '\u{200f}')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        });
        proptest::prop_assert_eq!(raw, None, "{:?} logged as {:?}", plan, text);
        // The message is all there: nothing the client sent is dropped, only escaped.
        proptest::prop_assert!(text.starts_with("Plan ") && text.ends_with(" not found"));
    }
}

#[test]
fn sampled_client_errors_log_one_in_n_and_count_what_they_leave_out() {
    // The only test of this binary that samples: the count is the process's.
    let config = Config::new()
        .client_errors(Some(Level::INFO))
        .sample_client_errors(3);
    let error = OrderError::NotPending { id: 7 };
    let events = logged(|| {
        for _ in 0..9 {
            config.response(&error);
        }
        // Server errors are never sampled.
        config.response(&storage_error());
    });
    let dropped: Vec<&str> = events
        .iter()
        .filter(|event| event.level == Level::INFO)
        .map(|event| {
            let (_, value) = event
                .fields
                .iter()
                .find(|(name, _)| *name == "dropped")
                .unwrap();
            value.as_str()
        })
        .collect();
    // One in three: three events, each saying how many it stands for besides itself (none
    // before the process's first).
    assert_eq!(dropped.len(), 3, "{events:?}");
    assert!(dropped.iter().all(|&n| n == "2" || n == "0"), "{dropped:?}");
    assert!(dropped[1..].iter().all(|&n| n == "2"), "{dropped:?}");
    assert_eq!(
        events.last().unwrap(),
        &response_event(Level::ERROR, "SERVER_INTERNAL_ERROR", 500, CHAIN)
    );
}
