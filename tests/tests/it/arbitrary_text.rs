//! Arbitrary text through every place a field reaches the client (an interpolated message, a
//! detail, a header value), in every format: the response never panics, its body is JSON that
//! reads back to exactly what went in, `Serialize` writes the same bytes, and a header is sent
//! only when its value is a valid header value, unchanged.

use api_error_core::{ApiError, Config, ErrorBody, Format, Respond};
use proptest::prelude::*;

#[derive(Debug, ApiError)]
enum Echo {
    #[api_error(code = "ECHO", status = 400, message = "said: {said}")]
    Said {
        said: String,
        #[api_error(detail)]
        note: String,
        #[api_error(header = "X-Echo")]
        echo: String,
    },
    #[api_error(code = "ECHO_BOXED", status = 503, message = "{0}")]
    Bare(#[api_error(detail = "text")] String),
}

/// The default configuration without a limit on the body's length, so that every body is whole
/// and `Serialize` gives its bytes; the limit has a property of its own below.
fn unbounded() -> Config {
    Config::new().max_body_len(usize::MAX)
}

/// Any text: quotes, backslashes, every control character, non-ASCII, and long runs.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\"\\\\\\x00-\\x1f\\x7f é€😀 a-z]{0,64}",
        proptest::collection::vec(any::<char>(), 1000..3000)
            .prop_map(|chars| chars.into_iter().collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_makes_a_valid_body_and_valid_headers(said in text(), note in text(), echo in text()) {
        let error = Echo::Said { said: said.clone(), note: note.clone(), echo: echo.clone() };
        let response = unbounded().response(&error);
        prop_assert_eq!(response.status(), 400);
        let body: ErrorBody = serde_json::from_slice(response.body()).expect("the body is JSON");
        prop_assert_eq!(&body.code, "ECHO");
        prop_assert_eq!(body.message, format!("said: {said}"));
        prop_assert_eq!(&body.details.unwrap()["note"], &serde_json::Value::String(note));
        prop_assert_eq!(serde_json::to_vec(&error).unwrap(), response.body().to_vec());
        match http::HeaderValue::from_str(&echo) {
            Ok(_) => prop_assert_eq!(response.headers()["x-echo"].as_bytes(), echo.as_bytes()),
            Err(_) => prop_assert!(response.headers().get("x-echo").is_none()),
        }
    }

    #[test]
    fn a_boxed_error_with_any_text_reads_back_the_same(text in text()) {
        let error: Box<dyn ApiError + Send + Sync> = Box::new(Echo::Bare(text.clone()));
        let response = unbounded().response(&*error);
        let body: ErrorBody = serde_json::from_slice(response.body()).expect("the body is JSON");
        prop_assert_eq!(body.message, text.clone());
        prop_assert_eq!(&body.details.unwrap()["text"], &serde_json::Value::String(text));
        prop_assert_eq!(serde_json::to_vec(&error).unwrap(), response.body().to_vec());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_text_makes_valid_problem_details_and_nested_bodies(
        said in text(),
        note in text(),
        echo in text(),
        member in text(),
        base in text(),
    ) {
        let error = Echo::Said { said: said.clone(), note: note.clone(), echo: echo.clone() };
        let problem = unbounded().format(Format::Problem).problem_type_base(base.clone());
        let nested = unbounded().nest_in(member.clone());
        for (config, format) in [(&problem, Format::Problem), (&nested, Format::Json)] {
            let response = config.response(&error);
            prop_assert_eq!(response.status(), 400);
            let body: serde_json::Value =
                serde_json::from_slice(response.body()).expect("the body is JSON");
            prop_assert_eq!(serde_json::to_vec(&config.body(&error)).unwrap(), response.body().to_vec());
            match http::HeaderValue::from_str(&echo) {
                Ok(_) => prop_assert_eq!(response.headers()["x-echo"].as_bytes(), echo.as_bytes()),
                Err(_) => prop_assert!(response.headers().get("x-echo").is_none()),
            }
            if format == Format::Problem {
                prop_assert_eq!(&response.headers()["content-type"], "application/problem+json");
                prop_assert_eq!(&body["type"], &serde_json::Value::String(format!("{base}ECHO")));
                prop_assert_eq!(&body["status"], 400);
                prop_assert_eq!(&body["detail"], &serde_json::Value::String(format!("said: {said}")));
                prop_assert_eq!(&body["note"], &serde_json::Value::String(note.clone()));
            } else {
                prop_assert_eq!(&response.headers()["content-type"], "application/json");
                let inner: ErrorBody = serde_json::from_value(body[&member].clone()).unwrap();
                prop_assert_eq!(inner.message, format!("said: {said}"));
                prop_assert_eq!(&inner.details.unwrap()["note"], &serde_json::Value::String(note.clone()));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_body_over_the_limit_is_cut_to_a_valid_body_within_it(
        said in text(),
        note in text(),
        limit in 64usize..4096,
    ) {
        let error = Echo::Said { said: said.clone(), note: note.clone(), echo: String::new() };
        let whole = serde_json::to_vec(&error).unwrap();
        let response = Config::new().max_body_len(limit).response(&error);
        let body = response.body();
        let read: serde_json::Value = serde_json::from_slice(body).expect("the body is JSON");
        if whole.len() <= limit {
            prop_assert_eq!(body.to_vec(), whole);
        } else {
            prop_assert!(body.len() <= limit, "{} bytes over a limit of {}", body.len(), limit);
            prop_assert_eq!(&read["details_omitted"], &serde_json::Value::Bool(true));
            prop_assert!(read.get("details").is_none());
            // What is left of the message is its start, cut at a character.
            let message = read["message"].as_str().unwrap();
            let kept = message.strip_suffix('…').unwrap_or(message);
            prop_assert!(format!("said: {said}").starts_with(kept), "{:?}", message);
        }
    }
}

/// A detail whose `Serialize` builds another error's response while the first is being written.
#[derive(Debug)]
struct Nested;

impl serde::Serialize for Nested {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let inner = Echo::Bare("inner \"quoted\"".to_owned()).to_response();
        serializer.serialize_str(std::str::from_utf8(inner.body()).unwrap())
    }
}

#[derive(Debug, ApiError)]
#[api_error(code = "OUTER", status = 422, message = "outer")]
struct Outer {
    #[api_error(detail)]
    nested: Nested,
}

#[test]
fn a_response_built_while_another_is_written_is_whole() {
    let response = Outer { nested: Nested }.to_response();
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"OUTER","message":"outer","details":{"nested":"{\"code\":\"ECHO_BOXED\",\"message\":\"inner \\\"quoted\\\"\",\"details\":{\"text\":\"inner \\\"quoted\\\"\"}}"}}"#
    );
}
