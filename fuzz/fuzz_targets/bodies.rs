//! The body writers of every format (the default JSON, nested or not, problem details, JSON:API)
//! against serde_json's reading of the same body, for errors with arbitrary messages, details,
//! codes, headers and configurations: an error written by hand, passing whatever the input
//! holds, and derived ones whose fields come from the input.
//!
//! For each error and configuration: the response's body is one JSON object with no member
//! named twice, in the members and order the format states, with the code, the status, the
//! message and every detail as they were given (each detail as serde_json itself reads it
//! back); it is byte for byte what `Serialize` writes when that fits `max_body_len`, and
//! otherwise goes without details, says so, cuts its message at a character ending in `…` and
//! is over the limit only when nothing is left to cut; `ErrorBody` reads it back; its content
//! type is the format's, once; and the error's own headers are there when they are valid.

#![no_main]

use core::fmt;

use api_error_core::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use api_error_core::http::{HeaderName, HeaderValue};
use api_error_core::{
    ApiError, Catalog, Config, Details, ErrorBody, Format, Headers, StatusCode, reason_phrase,
};
use api_error_fuzz::{Entries, as_read_back, is_cut_from};
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

/// Codes a hand-written error may give, the odd ones included: the trait does not check them.
const CODES: [&str; 8] = [
    "ORDER_NOT_FOUND",
    "X",
    "a.b-c_9",
    "",
    "WITH SPACE",
    "quo\"te\\",
    "ctl\u{1}\u{7f}\u{9b}",
    "ünï\u{202e}",
];

/// Detail names: those the formats use for members of their own, and odd ones.
const NAMES: [&str; 32] = [
    "id",
    "status",
    "code",
    "type",
    "title",
    "detail",
    "instance",
    "message",
    "details",
    "request_id",
    "details_omitted",
    "meta",
    "errors",
    "order_id",
    "retry-after",
    "a",
    "ab",
    "x y",
    "quo\"te",
    "back\\slash",
    "new\nline",
    "tab\t",
    "\u{7f}del",
    "\u{202e}rtl",
    "é",
    "日本",
    "1abc",
    "_under",
    "",
    "detail_id",
    "detail_status",
    "retry_after",
];

const SUMMARIES: [&str; 4] = ["Order not found", "", "quo\"te\n", "ü\u{1b}[31m"];

/// Header names an error may pass: valid, invalid, and those the body owns.
const HEADER_NAMES: [&str; 7] = [
    "retry-after",
    "x-fuzz",
    "Content-Type",
    "content-length",
    "bad name",
    "",
    "www-authenticate",
];

/// A detail's value: any JSON, and floats that are not finite.
#[derive(Arbitrary, Debug, Clone)]
enum Detail {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Text(String),
    List(Vec<Detail>),
    Map(Vec<(String, Detail)>),
}

impl Detail {
    /// The same value with nothing nested deeper than `depth`: serde_json reads at most 128
    /// levels, and the envelope takes a few.
    fn bounded(self, depth: usize) -> Detail {
        match self {
            Detail::List(_) | Detail::Map(_) if depth == 0 => Detail::Null,
            Detail::List(items) => {
                Detail::List(items.into_iter().map(|d| d.bounded(depth - 1)).collect())
            }
            Detail::Map(members) => Detail::Map(
                members
                    .into_iter()
                    .map(|(name, d)| (name, d.bounded(depth - 1)))
                    .collect(),
            ),
            scalar => scalar,
        }
    }
}

impl Serialize for Detail {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Detail::Null => serializer.serialize_unit(),
            Detail::Bool(b) => serializer.serialize_bool(*b),
            Detail::Int(n) => serializer.serialize_i64(*n),
            Detail::UInt(n) => serializer.serialize_u64(*n),
            Detail::Float(x) => serializer.serialize_f64(*x),
            Detail::Text(text) => serializer.serialize_str(text),
            Detail::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Detail::Map(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (name, value) in members {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }
    }
}

/// An error written by hand, that passes whatever the input holds.
#[derive(Debug)]
struct Fuzzed {
    code: &'static str,
    status: StatusCode,
    message: String,
    summary: Option<&'static str>,
    details: Vec<(&'static str, Detail)>,
    headers: Vec<(&'static str, String)>,
}

impl fmt::Display for Fuzzed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Fuzzed {}

impl ApiError for Fuzzed {
    fn code(&self) -> &'static str {
        self.code
    }

    fn status(&self) -> StatusCode {
        self.status
    }

    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }

    fn details(&self, details: &mut Details<'_>) {
        for (name, value) in &self.details {
            details.add(name, value);
        }
    }

    fn headers(&self, headers: &mut Headers<'_>) {
        for (name, value) in &self.headers {
            let _ = headers.append(name, value.as_str());
        }
    }

    fn summary(&self) -> Option<&'static str> {
        self.summary
    }

    fn catalog() -> Catalog {
        Catalog::new()
    }
}

/// Derived errors whose fields come from the input.
#[derive(Debug, api_error_core::ApiError)]
enum Derived {
    /// A client error with details.
    #[api_error(
        code = "FUZZ_CLIENT",
        status = 422,
        message = "Got {text:?} and {number}"
    )]
    Client {
        #[api_error(detail)]
        text: String,
        #[api_error(detail)]
        number: f64,
        #[api_error(detail = "values")]
        list: Vec<i64>,
        #[api_error(header = "x-fuzz")]
        header: String,
    },
    /// A server error: its message is its reason phrase, whatever its fields say.
    #[api_error(code = "FUZZ_SERVER", status = 503)]
    Server {
        #[api_error(detail)]
        text: String,
    },
    #[api_error(code = "FUZZ_FIXED", status = 404, message = "Nothing here")]
    Fixed,
}

/// How large a body may be.
#[derive(Arbitrary, Debug)]
enum Limit {
    Default,
    Bytes(u16),
}

#[derive(Arbitrary, Debug)]
struct Setup {
    format: u8,
    nest: Option<String>,
    type_base: Option<String>,
    limit: Limit,
}

#[derive(Arbitrary, Debug)]
struct HandInput {
    code: u8,
    status: u8,
    message: String,
    summary: Option<u8>,
    details: Vec<(u8, Detail)>,
    headers: Vec<(u8, String)>,
}

#[derive(Arbitrary, Debug)]
enum Input {
    Hand(Setup, HandInput),
    Client(Setup, String, f64, Vec<i64>, String),
    Server(Setup, String),
    Fixed(Setup),
}

/// What a setup renders by, and the facts the checks need.
struct Rendering {
    config: Config,
    format: Format,
    nest: Option<String>,
    type_base: Option<String>,
    limit: usize,
}

fn rendering(setup: Setup) -> Rendering {
    let format = [Format::Json, Format::Problem, Format::JsonApi][usize::from(setup.format % 3)];
    let mut config = Config::new().format(format);
    if let Some(member) = &setup.nest {
        config = config.nest_in(member.clone());
    }
    if let Some(base) = &setup.type_base {
        config = config.problem_type_base(base.clone());
    }
    let limit = match setup.limit {
        Limit::Default => 16 * 1024,
        Limit::Bytes(bytes) => usize::from(bytes),
    };
    config = config.max_body_len(limit);
    Rendering {
        config,
        format,
        nest: setup.nest.filter(|_| format == Format::Json),
        type_base: setup.type_base,
        limit,
    }
}

/// What the error passes, as the checks expect to read it back.
struct Expected {
    details: Vec<(&'static str, Value)>,
    headers: Vec<(&'static str, String)>,
}

fn expected_value<T: Serialize>(value: &T) -> Value {
    as_read_back(&serde_json::to_value(value).expect("a detail serializes"))
}

fuzz_target!(|input: Input| {
    match input {
        Input::Hand(setup, hand) => {
            let mut details: Vec<(&'static str, Detail)> = Vec::new();
            for (name, value) in hand.details {
                let name = NAMES[usize::from(name) % NAMES.len()];
                // One detail per name: an error's details are its fields.
                if details.iter().all(|(known, _)| *known != name) {
                    details.push((name, value.bounded(24)));
                }
            }
            let error = Fuzzed {
                code: CODES[usize::from(hand.code) % CODES.len()],
                status: StatusCode::from_u16(400 + u16::from(hand.status) % 200)
                    .expect("400..600 are statuses"),
                message: hand.message,
                summary: hand
                    .summary
                    .map(|i| SUMMARIES[usize::from(i) % SUMMARIES.len()]),
                details,
                headers: hand
                    .headers
                    .into_iter()
                    .map(|(name, value)| {
                        (HEADER_NAMES[usize::from(name) % HEADER_NAMES.len()], value)
                    })
                    .collect(),
            };
            let expected = Expected {
                details: error
                    .details
                    .iter()
                    .map(|(name, value)| (*name, expected_value(value)))
                    .collect(),
                headers: error.headers.clone(),
            };
            check(&error, &rendering(setup), &expected);
        }
        Input::Client(setup, text, number, list, header) => {
            let message = format!("Got {text:?} and {number}");
            let expected = Expected {
                details: vec![
                    ("text", expected_value(&text)),
                    ("number", expected_value(&number)),
                    ("values", expected_value(&list)),
                ],
                headers: vec![("x-fuzz", header.clone())],
            };
            let error = Derived::Client {
                text,
                number,
                list,
                header,
            };
            assert_eq!(error.message(), message);
            check(&error, &rendering(setup), &expected);
        }
        Input::Server(setup, text) => {
            let expected = Expected {
                details: vec![("text", expected_value(&text))],
                headers: Vec::new(),
            };
            let error = Derived::Server { text };
            assert_eq!(error.message(), "Service Unavailable");
            check(&error, &rendering(setup), &expected);
        }
        Input::Fixed(setup) => {
            let expected = Expected {
                details: Vec::new(),
                headers: Vec::new(),
            };
            check(&Derived::Fixed, &rendering(setup), &expected);
        }
    }
});

fn check<E: ApiError>(error: &E, rendering: &Rendering, expected: &Expected) {
    let response = rendering.config.response(error);
    assert_eq!(response.status(), error.status());
    let headers = response.headers();
    assert_eq!(headers.get_all(CONTENT_TYPE).iter().count(), 1);
    assert_eq!(headers[CONTENT_TYPE], rendering.format.content_type());
    let body = response.body().as_ref();
    if let Some(length) = headers.get(CONTENT_LENGTH) {
        assert_eq!(length.to_str().unwrap(), body.len().to_string());
    }
    check_headers(&response, expected);

    let whole = serde_json::to_vec(&rendering.config.body(error))
        .expect("every part of these errors writes");
    read(&whole, error, rendering, expected, false);
    if whole.len() <= rendering.limit {
        assert_eq!(body, &whole[..], "the response is what Serialize writes");
    } else {
        // A cut body may be longer than the whole one, at the floor only: the marker
        // `"details_omitted":true` takes more room than a short detail (see README.md).
        let message = read(body, error, rendering, expected, true);
        if body.len() > rendering.limit {
            assert!(
                message.is_empty() || message == "…",
                "a body over the limit has nothing left to cut: {message:?}"
            );
        }
    }
}

/// The error's headers that are valid and not the body's are on the response, in order.
fn check_headers(
    response: &api_error_core::http::Response<api_error_core::Bytes>,
    expected: &Expected,
) {
    let mut wanted: Vec<(HeaderName, HeaderValue)> = Vec::new();
    for (name, value) in &expected.headers {
        let Ok(name) = HeaderName::try_from(*name) else {
            continue;
        };
        if name == CONTENT_TYPE || name == CONTENT_LENGTH {
            continue;
        }
        if let Ok(value) = HeaderValue::try_from(value.as_str()) {
            wanted.push((name, value));
        }
    }
    for (name, _) in &wanted {
        let sent: Vec<&HeaderValue> = response.headers().get_all(name).iter().collect();
        let meant: Vec<&HeaderValue> = wanted
            .iter()
            .filter(|(other, _)| other == name)
            .map(|(_, value)| value)
            .collect();
        assert_eq!(sent, meant, "header {name}");
    }
}

/// Reads `bytes` as the body of `error` and checks its members; returns the message it shows.
fn read<E: ApiError>(
    bytes: &[u8],
    error: &E,
    rendering: &Rendering,
    expected: &Expected,
    cut: bool,
) -> String {
    let top = Entries::parse(bytes).unwrap_or_else(|e| {
        panic!(
            "not a JSON object ({e}): {}",
            String::from_utf8_lossy(bytes)
        )
    });
    assert!(!top.has_repeated_name(), "{:?}", top.names());
    let status = error.status();
    let had_details = !expected.details.is_empty();
    let message = match rendering.format {
        Format::Json => {
            let nested;
            let object = match &rendering.nest {
                Some(member) => {
                    assert_eq!(top.names(), [member.as_str()]);
                    nested = top.object(member).expect("the nested body is an object");
                    &nested
                }
                None => &top,
            };
            assert!(!object.has_repeated_name(), "{:?}", object.names());
            let mut names = vec!["code", "message"];
            if had_details && !cut {
                names.push("details");
            }
            if had_details && cut {
                names.push("details_omitted");
            }
            assert_eq!(object.names(), names);
            assert_eq!(object.get("code"), Some(Value::from(error.code())));
            if cut && had_details {
                assert_eq!(object.get("details_omitted"), Some(Value::Bool(true)));
            }
            if let Some(details) = object.object("details") {
                check_details(&details, expected);
            }
            text(object.get("message").as_ref())
        }
        Format::Problem => {
            let fixed = ["type", "title", "status", "detail", "code"];
            let names = top.names();
            assert_eq!(names[..fixed.len().min(names.len())], fixed);
            let (title, kind) = match &rendering.type_base {
                Some(base) => (
                    error.summary().unwrap_or_else(|| reason_phrase(status)),
                    format!("{base}{}", error.code()),
                ),
                None => (reason_phrase(status), "about:blank".to_owned()),
            };
            assert_eq!(top.get("type"), Some(Value::from(kind)));
            assert_eq!(top.get("title"), Some(Value::from(title)));
            assert_eq!(top.get("status"), Some(Value::from(status.as_u16())));
            assert_eq!(top.get("code"), Some(Value::from(error.code())));
            let extensions = &top.values()[fixed.len()..];
            if cut {
                let marker: &[(String, Value)] = if had_details {
                    &[("details_omitted".to_owned(), Value::Bool(true))]
                } else {
                    &[]
                };
                assert_eq!(extensions, marker);
            } else {
                assert_eq!(extensions.len(), expected.details.len());
                for ((name, value), (_, meant)) in extensions.iter().zip(&expected.details) {
                    assert!(is_extension_name(name), "extension member {name:?}");
                    assert!(!fixed.contains(&name.as_str()), "{name:?}");
                    assert_eq!(value, meant, "extension member {name:?}");
                }
            }
            text(top.get("detail").as_ref())
        }
        Format::JsonApi => {
            assert_eq!(top.names(), ["errors"]);
            let Some((_, errors)) = top.0.first() else {
                unreachable!("the names were checked");
            };
            let errors: Vec<Box<serde_json::value::RawValue>> =
                serde_json::from_str(errors.get()).expect("errors is an array");
            assert_eq!(errors.len(), 1);
            let object =
                Entries::parse(errors[0].get().as_bytes()).expect("a JSON:API error is an object");
            assert!(!object.has_repeated_name(), "{:?}", object.names());
            let mut names = vec!["status", "code", "title", "detail"];
            if had_details {
                names.push("meta");
            }
            assert_eq!(object.names(), names);
            assert_eq!(object.get("status"), Some(Value::from(status.as_str())));
            assert_eq!(object.get("code"), Some(Value::from(error.code())));
            let title = error.summary().unwrap_or_else(|| reason_phrase(status));
            assert_eq!(object.get("title"), Some(Value::from(title)));
            match object.object("meta") {
                Some(meta) if cut => {
                    assert_eq!(
                        meta.values(),
                        [("details_omitted".to_owned(), Value::Bool(true))]
                    );
                }
                Some(meta) => check_details(&meta, expected),
                None => {}
            }
            text(object.get("detail").as_ref())
        }
        _ => unreachable!("the setup makes one of the three formats"),
    };
    let whole = error.message();
    if cut {
        assert!(is_cut_from(&message, &whole), "{message:?} from {whole:?}");
    } else {
        assert_eq!(message, whole);
    }
    if rendering.nest.is_none() {
        let read: ErrorBody = serde_json::from_slice(bytes).expect("ErrorBody reads every format");
        assert_eq!(read.code, error.code());
        assert_eq!(read.message, message);
    }
    message
}

fn text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(text)) => text.clone(),
        other => panic!("expected a string, found {other:?}"),
    }
}

/// `details` holds each detail, under its name, in order, as serde_json reads it back.
fn check_details(details: &Entries, expected: &Expected) {
    assert!(!details.has_repeated_name(), "{:?}", details.names());
    let meant: Vec<(String, Value)> = expected
        .details
        .iter()
        .map(|(name, value)| ((*name).to_owned(), value.clone()))
        .collect();
    assert_eq!(details.values(), meant);
}

/// RFC 9457's advice for extension names, as `problem_extension_name` follows it: letters,
/// digits and `_`, starting with a letter, three characters or more.
fn is_extension_name(name: &str) -> bool {
    name.len() >= 3
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}
