//! Localized messages (feature `fluent`): what the derive passes a translation, how translations
//! load and are checked, which message a client gets in which language, and what a layer
//! negotiates, each seen as a client or an operator sees it.

use std::io;

use api_error_core::axum::ApiErrorLayer;
use api_error_core::{
    ApiError, Argument, Arguments, Config, Finding, FindingKind, Format, Isolation, Translations,
};
use api_error_tests::Case;
use axum::Router;
use axum::routing::get;
use http::StatusCode;
use tracing::Level;

use crate::logging::logged;

// `hidden` is never read: it is there to be left out.
#[allow(dead_code)]
#[derive(Debug, ApiError)]
enum OrderError {
    /// Order is not in pending status
    #[api_error(
        code = "ORDER_NOT_PENDING",
        status = 400,
        message = "Order {id} is not pending since {since:?}"
    )]
    NotPending {
        #[api_error(detail)]
        id: u64,
        since: String,
        hidden: String,
    },
    #[api_error(
        code = "ORDER_EXPIRED",
        status = 400,
        message = "Order {0} expired, {1:x}"
    )]
    Expired(String, u32),
    #[api_error(
        code = "SERVER_INTERNAL_ERROR",
        status = 500,
        message = "Storage failed"
    )]
    Storage(#[source] io::Error),
    #[api_error(code = "PLAN_GONE", status = 410)]
    Gone,
}

#[derive(Debug, ApiError)]
enum AppError {
    #[api_error(transparent)]
    Order(#[from] OrderError),
}

#[derive(Debug, thiserror::Error, ApiError)]
enum Legacy {
    #[error("legacy {count} failed")]
    #[api_error(code = "LEGACY", status = 409)]
    Failed { count: u8, note: &'static str },
}

/// What `error` passes a translation, one `name=value` each.
fn arguments_of(error: &dyn ApiError) -> Vec<String> {
    let mut seen = Vec::new();
    error.message_arguments(&mut Arguments::new(&mut |name, value| {
        seen.push(match value {
            Argument::Number(number) => format!("{name}={number}"),
            Argument::Text(text) => format!("{name}={text:?}", text = text.to_string()),
        });
    }));
    seen
}

fn not_pending() -> OrderError {
    OrderError::NotPending {
        id: 42,
        since: "monday".into(),
        hidden: "internal".into(),
    }
}

#[test]
fn the_derive_passes_the_fields_the_message_shows_by_name_numbers_as_numbers() {
    assert_eq!(
        arguments_of(&not_pending()),
        ["id=42", r#"since="\"monday\"""#]
    );
    assert_eq!(
        arguments_of(&OrderError::Expired("ord_5".into(), 255)),
        [r#"arg0="ord_5""#, r#"arg1="ff""#]
    );
    assert_eq!(arguments_of(&AppError::Order(not_pending())).len(), 2);
    // A source is never passed.
    assert!(arguments_of(&OrderError::Storage(io::Error::other("disk"))).is_empty());
    assert!(arguments_of(&OrderError::Gone).is_empty());
    // thiserror's `Display` may show any field: each is passed, as it displays.
    assert_eq!(
        arguments_of(&Legacy::Failed {
            count: 3,
            note: "n"
        }),
        ["count=3", r#"note="n""#]
    );
}

const GERMAN: &str = "\
ORDER_NOT_PENDING = Bestellung { $id } wartet nicht seit { $since }
    .title = Bestellung wartet nicht
ORDER_EXPIRED = Bestellung { $arg0 } abgelaufen
SERVER_INTERNAL_ERROR = Interner Fehler
";

fn german() -> Config {
    let translations = Translations::builder("en")
        .add("de", "de/errors.ftl", GERMAN)
        .build()
        .unwrap();
    Config::new().translations(translations)
}

fn body(response: &http::Response<bytes::Bytes>) -> &str {
    std::str::from_utf8(response.body()).unwrap()
}

#[test]
fn a_translation_shows_the_fields_and_says_its_language() {
    let response = german().response_in(&not_pending(), "de");
    assert_eq!(response.headers()["content-language"], "de");
    assert_eq!(response.headers().get("vary"), None);
    assert_eq!(
        body(&response),
        r#"{"code":"ORDER_NOT_PENDING","message":"Bestellung 42 wartet nicht seit \"monday\"","details":{"id":42}}"#
    );
    let config = german()
        .format(Format::Problem)
        .problem_type_base("https://e.example/");
    assert_eq!(
        body(&config.response_in(&not_pending(), "de")),
        r#"{"type":"https://e.example/ORDER_NOT_PENDING","title":"Bestellung wartet nicht","status":400,"detail":"Bestellung 42 wartet nicht seit \"monday\"","code":"ORDER_NOT_PENDING","detail_id":42}"#
    );
    let config = german().format(Format::JsonApi);
    assert_eq!(
        body(&config.response_in(&not_pending(), "de")),
        r#"{"errors":[{"status":"400","code":"ORDER_NOT_PENDING","title":"Bestellung wartet nicht","detail":"Bestellung 42 wartet nicht seit \"monday\"","meta":{"id":42}}]}"#
    );
}

#[test]
fn serialize_in_a_language_is_the_body_the_response_sends() {
    let config = german();
    let error = not_pending();
    let serialized = serde_json::to_vec(&config.body_in(&error, "de-AT")).unwrap();
    assert_eq!(
        serialized,
        config.response_in(&error, "de-AT").body().as_ref()
    );
}

#[test]
fn a_code_without_a_translation_says_the_declared_message_in_the_default_language() {
    let response = german().response_in(&OrderError::Gone, "de");
    assert_eq!(response.headers()["content-language"], "en");
    assert_eq!(body(&response), r#"{"code":"PLAN_GONE","message":"Gone"}"#);
    // Without translations, no language is claimed.
    let response = Config::new().response(&OrderError::Gone);
    assert_eq!(response.headers().get("content-language"), None);
}

#[test]
fn a_regional_locale_falls_back_to_its_language_then_to_the_declared_message() {
    let translations = Translations::builder("en")
        .add(
            "de-CH",
            "de-CH.ftl",
            "ORDER_EXPIRED = Bestellig { $arg0 } abgloffe\n",
        )
        .add("de", "de.ftl", GERMAN)
        .build()
        .unwrap();
    let config = Config::new().translations(translations);
    let expired = OrderError::Expired("ord_5".into(), 1);
    let response = config.response_in(&expired, "de-ch");
    assert_eq!(response.headers()["content-language"], "de-CH");
    assert_eq!(
        body(&response),
        r#"{"code":"ORDER_EXPIRED","message":"Bestellig ord_5 abgloffe"}"#
    );
    let response = config.response_in(&not_pending(), "de-CH");
    assert_eq!(response.headers()["content-language"], "de");
    let response = config.response_in(&OrderError::Gone, "de-CH");
    assert_eq!(response.headers()["content-language"], "en");
}

#[test]
fn a_translation_naming_a_variable_the_error_lacks_falls_back_and_is_logged() {
    let translations = Translations::builder("en")
        .add(
            "de",
            "de.ftl",
            "ORDER_EXPIRED = Bestellung { $order_id } abgelaufen\n",
        )
        .build()
        .unwrap();
    let config = Config::new().translations(translations).client_errors(None);
    let mut response = None;
    let events = logged(|| {
        response = Some(config.response_in(&OrderError::Expired("ord_5".into(), 1), "de"));
    });
    let response = response.unwrap();
    assert_eq!(response.headers()["content-language"], "en");
    assert_eq!(
        body(&response),
        r#"{"code":"ORDER_EXPIRED","message":"Order ord_5 expired, 1"}"#
    );
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].level, Level::WARN);
    assert_eq!(events[0].target, "api_error");
    let field = |name| {
        events[0]
            .fields
            .iter()
            .find(|(field, _)| *field == name)
            .map(|(_, value)| value.as_str())
    };
    assert_eq!(field("code"), Some("ORDER_EXPIRED"));
    assert_eq!(field("locale"), Some("de"));
    assert!(field("error").unwrap().contains("order_id"), "{events:?}");
    // Only the first is a warning: a broken translation does not warn once per response.
    let events = logged(|| {
        for _ in 0..3 {
            config.response_in(&OrderError::Expired("ord_6".into(), 2), "de");
        }
    });
    let levels: Vec<Level> = events.iter().map(|event| event.level).collect();
    assert_eq!(levels, [Level::DEBUG; 3], "{events:?}");
}

#[test]
fn a_server_error_is_translated_without_its_fields_and_never_shows_its_source() {
    let storage = OrderError::Storage(io::Error::other("disk /var/secret full"));
    let config = german().client_errors(None);
    let response = config.response_in(&storage, "de");
    assert_eq!(response.status(), 500);
    assert_eq!(
        body(&response),
        r#"{"code":"SERVER_INTERNAL_ERROR","message":"Interner Fehler"}"#
    );
    // A translation that tries to show the source has no variable to show it with.
    let translations = Translations::builder("en")
        .add(
            "de",
            "de.ftl",
            "SERVER_INTERNAL_ERROR = Fehler: { $arg0 }\n",
        )
        .build()
        .unwrap();
    let config = Config::new().translations(translations);
    let events = logged(|| {
        let response = config.response_in(&storage, "de");
        assert_eq!(
            body(&response),
            r#"{"code":"SERVER_INTERNAL_ERROR","message":"Storage failed"}"#
        );
    });
    assert!(events.iter().any(|event| event.level == Level::WARN));
}

/// An error that names two arguments and passes only the second, as an implementation by hand
/// may: a translation showing both still shows the second.
#[derive(Debug)]
struct Partial;

impl std::fmt::Display for Partial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("partial")
    }
}

impl std::error::Error for Partial {}

impl ApiError for Partial {
    fn code(&self) -> &'static str {
        "PARTIAL"
    }

    fn status(&self) -> StatusCode {
        StatusCode::BAD_REQUEST
    }

    fn write_message(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Partial")
    }

    fn message_arguments(&self, arguments: &mut Arguments<'_>) {
        arguments.text("second", &"two");
    }

    fn message_argument_names(&self) -> Option<&'static [&'static str]> {
        Some(&["first", "second"])
    }

    fn catalog() -> api_error_core::Catalog {
        api_error_core::Catalog::new()
    }
}

#[test]
fn a_named_argument_never_passed_does_not_drop_the_ones_after_it() {
    let translations = Translations::builder("en")
        .add(
            "de",
            "de.ftl",
            "PARTIAL = eins { $first } zwei { $second } ende\n",
        )
        .build()
        .unwrap();
    let response = Config::new()
        .translations(translations)
        .response_in(&Partial, "de");
    assert_eq!(
        body(&response),
        r#"{"code":"PARTIAL","message":"eins  zwei two ende"}"#
    );
}

/// A server error whose declared message shows a field that is no source: a declared message
/// is the service's public text, but a 5xx passes a translation none of its fields.
#[derive(Debug, ApiError)]
#[api_error(
    code = "UPSTREAM_FAILED",
    status = 502,
    message = "Upstream {host} failed"
)]
struct Upstream {
    host: String,
}

#[test]
fn a_server_error_passes_no_field_to_a_translation_in_either_path() {
    let upstream = Upstream {
        host: "billing.internal:8443".into(),
    };
    // What the derive passes a 4xx's translation it passes a 5xx's too; the core gives the
    // translation none of it.
    assert_eq!(arguments_of(&upstream), [r#"host="billing.internal:8443""#]);
    for (path, source) in [
        (
            "pieces",
            "UPSTREAM_FAILED = Dienst { $host } fehlgeschlagen\n",
        ),
        (
            "fluent",
            "UPSTREAM_FAILED = { $host ->\n   *[other] Dienst { $host } fehlgeschlagen\n}\n",
        ),
    ] {
        let translations = Translations::builder("en")
            .add("de", "de.ftl", source)
            .build()
            .unwrap();
        let config = Config::new().translations(translations).client_errors(None);
        let events = logged(|| {
            let response = config.response_in(&upstream, "de");
            assert_eq!(response.status(), 502, "{path}");
            // The translation names a variable the 5xx does not pass: the declared message
            // stands, in its own language.
            assert_eq!(
                body(&response),
                r#"{"code":"UPSTREAM_FAILED","message":"Upstream billing.internal:8443 failed"}"#,
                "{path}"
            );
            assert_eq!(response.headers()["content-language"], "en", "{path}");
        });
        assert!(
            events.iter().any(|event| event.level == Level::WARN),
            "{path}: {events:?}"
        );
    }
    // A translation of the reason phrase alone is used.
    let translations = Translations::builder("en")
        .add("de", "de.ftl", "UPSTREAM_FAILED = Fehlerhaftes Gateway\n")
        .build()
        .unwrap();
    let response = Config::new()
        .translations(translations)
        .response_in(&upstream, "de");
    assert_eq!(
        body(&response),
        r#"{"code":"UPSTREAM_FAILED","message":"Fehlerhaftes Gateway"}"#
    );
    assert_eq!(response.headers()["content-language"], "de");
}

#[test]
fn isolation_marks_only_in_right_to_left_locales_unless_configured() {
    let source = "ORDER_EXPIRED = x { $arg0 } y\n";
    let build = |isolation| {
        let translations = Translations::builder("en")
            .add("ar", "ar.ftl", source)
            .add("fr", "fr.ftl", source)
            .isolation(isolation)
            .build()
            .unwrap();
        Config::new().translations(translations)
    };
    let expired = OrderError::Expired("ord_5".into(), 1);
    let message = |config: &Config, language| {
        let response = config.response_in(&expired, language);
        let value: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
        value["message"].as_str().unwrap().to_owned()
    };
    let default = build(Isolation::RightToLeft);
    assert_eq!(message(&default, "ar"), "x \u{2068}ord_5\u{2069} y");
    assert_eq!(message(&default, "fr"), "x ord_5 y");
    let always = build(Isolation::Always);
    assert_eq!(message(&always, "fr"), "x \u{2068}ord_5\u{2069} y");
    let never = build(Isolation::Never);
    assert_eq!(message(&never, "ar"), "x ord_5 y");
}

#[test]
fn a_translation_is_cut_to_the_body_limit_as_a_declared_message_is() {
    let translations = Translations::builder("en")
        .add(
            "de",
            "de.ftl",
            &format!("PLAN_GONE = {}\n", "ä".repeat(400)),
        )
        .build()
        .unwrap();
    let config = Config::new().translations(translations).max_body_len(64);
    let response = config.response_in(&OrderError::Gone, "de");
    assert_eq!(
        body(&response),
        format!(r#"{{"code":"PLAN_GONE","message":"{}…"}}"#, "ä".repeat(14))
    );
}

#[test]
fn loading_reports_every_syntax_error_and_repeated_id_with_its_file_and_line() {
    let errors = Translations::builder("en")
        .add(
            "de",
            "de/a.ftl",
            "ORDER_EXPIRED = eins\n\nbroken line\nPLAN_GONE = weg\n",
        )
        .add(
            "de",
            "de/b.ftl",
            "# comment\nPLAN_GONE = wieder\nORDER_GONE = { $x\n",
        )
        .add("xx-!!", "bad.ftl", "A = a\n")
        .build()
        .unwrap_err();
    assert_eq!(
        errors.to_string(),
        "bad.ftl: [xx-!!] is not a language tag\n\
         de/a.ftl:3: [de] Expected a token starting with \"=\"\n\
         de/b.ftl:3: [de] Expected a token starting with \"}\"\n\
         de/b.ftl:2: [de] `PLAN_GONE` is given again (first at de/a.ftl:4)"
    );
}

#[test]
fn the_check_names_each_missing_code_unknown_id_and_unknown_variable() {
    let translations = Translations::builder("en")
        .add(
            "de",
            "de/errors.ftl",
            "ORDER_NOT_PENDING = { $id } seit { $since } von { $hidden }\n\
             ORDER_EXPIRED = { $arg0 ->\n    [x] x\n   *[other] { NUMBER($arg2) }\n}\n\
             SERVER_INTERNAL_ERROR = { $arg0 }\n\
             ORDER_GHOST = Geist\n\
             -brand = Laden\n",
        )
        .build()
        .unwrap();
    let problems: Vec<String> = translations
        .check(&OrderError::catalog())
        .iter()
        .map(Finding::to_string)
        .collect();
    assert_eq!(
        problems,
        [
            "de/errors.ftl:2: [de] ORDER_EXPIRED: `$arg2` is not a variable of this error",
            "de/errors.ftl:1: [de] ORDER_NOT_PENDING: `$hidden` is not a variable of this error",
            "de/errors.ftl: [de] PLAN_GONE: no translation",
            "de/errors.ftl:6: [de] SERVER_INTERNAL_ERROR: `$arg0` is not a variable of this error",
            "de/errors.ftl:7: [de] ORDER_GHOST: no error has this code",
        ]
    );
    assert_eq!(
        translations.check(&OrderError::catalog())[2].kind,
        FindingKind::Missing
    );
}

#[test]
#[should_panic(expected = "PLAN_GONE: no translation")]
fn assert_covers_fails_listing_the_problems() {
    let translations = Translations::builder("en")
        .add("de", "de.ftl", GERMAN)
        .build()
        .unwrap();
    translations.assert_covers(&OrderError::catalog());
}

async fn not_pending_handler() -> OrderError {
    not_pending()
}

fn localized_router() -> Router {
    Router::new()
        .route("/order", get(not_pending_handler))
        .layer(ApiErrorLayer::new(german()))
}

/// An `Accept-Language` field of a language the service does not speak.
const DA: (&str, &str) = ("accept-language", "da");

#[tokio::test]
async fn the_layer_negotiates_each_request_and_says_content_language_and_vary() {
    let case = |headers| Case::get("/order").with_headers(headers);
    let seen = case(&[
        ("accept-language", "fr;q=0.9, de;q=0.8"),
        ("x-request-id", "r1"),
    ])
    .oneshot(localized_router())
    .await;
    assert_eq!(seen.status, StatusCode::BAD_REQUEST);
    assert_eq!(seen.header("content-language"), Some("de"));
    assert_eq!(seen.all("vary"), ["accept-language"]);
    assert_eq!(
        seen.text(),
        r#"{"code":"ORDER_NOT_PENDING","message":"Bestellung 42 wartet nicht seit \"monday\"","details":{"id":42},"request_id":"r1"}"#
    );
    let seen = case(&[("x-request-id", "r2")])
        .oneshot(localized_router())
        .await;
    assert_eq!(seen.header("content-language"), Some("en"));
    assert_eq!(seen.all("vary"), ["accept-language"]);
    assert_eq!(
        seen.text(),
        r#"{"code":"ORDER_NOT_PENDING","message":"Order 42 is not pending since \"monday\"","details":{"id":42},"request_id":"r2"}"#
    );
    // Two fields are one list: the second's German is preferred to the first's Danish, which
    // the service does not speak.
    let seen = case(&[("accept-language", "da"), ("accept-language", "de;q=0.5")])
        .oneshot(localized_router())
        .await;
    assert_eq!(seen.header("content-language"), Some("de"));
    // The first four fields are read, no more.
    for (headers, language) in [
        (&[DA, DA, DA, ("accept-language", "de;q=0.1")][..], "de"),
        (&[DA, DA, DA, DA, ("accept-language", "de")][..], "en"),
    ] {
        let seen = case(headers).oneshot(localized_router()).await;
        assert_eq!(
            seen.header("content-language"),
            Some(language),
            "{headers:?}"
        );
    }
    // The layer's own answers are negotiated too.
    let seen = case(&[("accept-language", "DE-at")])
        .oneshot(localized_router())
        .await;
    assert_eq!(seen.header("content-language"), Some("de"));
    let unknown = Case::get("/nowhere")
        .with_headers(&[("accept-language", "de")])
        .oneshot(localized_router())
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.header("content-language"), Some("en"));
    assert_eq!(unknown.all("vary"), ["accept-language"]);
}

#[derive(Debug, ApiError)]
#[api_error(
    code = "NUMBERS",
    status = 400,
    message = "{count} {ratio} {big} {negative} {zero} {name}"
)]
struct Numbers {
    count: u32,
    ratio: f64,
    big: u64,
    negative: i64,
    zero: f64,
    name: String,
}

#[test]
fn the_names_the_derive_gives_are_those_it_passes_in_order() {
    let errors: [&dyn ApiError; 4] = [
        &not_pending(),
        &OrderError::Expired("ord_5".into(), 1),
        &OrderError::Gone,
        &AppError::Order(not_pending()),
    ];
    for error in errors {
        let passed: Vec<String> = arguments_of(error)
            .into_iter()
            .map(|argument| argument.split('=').next().unwrap().to_owned())
            .collect();
        let names = error.message_argument_names().unwrap();
        assert_eq!(passed, names, "{error:?}");
    }
}

#[test]
fn a_pattern_of_text_and_variables_reads_as_fluent_formats_it() {
    let numbers = Numbers {
        count: 3,
        ratio: 0.25,
        big: 9_007_199_254_740_993,
        negative: -7,
        zero: -0.0,
        name: "Zoë \"x\"".into(),
    };
    // Text that a JSON string must escape too (a quote, a backslash), and some it need not.
    let text =
        r#"n { $count } r { $ratio } b { $big } m { $negative } z { $zero } s { $name } "q" \ ."#;
    // The same words in a `select`, which Fluent itself formats.
    let formatted = format!("{{ $count ->\n   *[other] {text}\n}}");
    for locale in ["de", "ar"] {
        let message = |source: &str| {
            let translations = Translations::builder("en")
                .add(locale, "t.ftl", &format!("NUMBERS = {source}\n"))
                .build()
                .unwrap();
            let config = Config::new().translations(translations);
            let response = config.response_in(&numbers, locale);
            assert_eq!(response.headers()["content-language"], locale);
            body(&response).to_owned()
        };
        assert_eq!(message(text), message(&formatted), "{locale}");
        // Beyond 2^53, the digits the declared message and the details show.
        assert!(
            message(text).contains("9007199254740993"),
            "{}",
            message(text)
        );
    }
}

#[derive(Debug, ApiError)]
enum Dotted {
    #[api_error(code = "order.gone", status = 410, message = "Order {id} is gone")]
    Gone { id: u32 },
    #[api_error(code = "order-gone", status = 410, message = "Gone too")]
    AlsoGone,
    #[api_error(code = "404", status = 404, message = "Nothing")]
    Nothing,
}

#[test]
fn a_code_that_is_no_fluent_identifier_is_translated_under_the_id_made_of_it() {
    let translations = Translations::builder("en")
        .add(
            "de",
            "de.ftl",
            "order-gone = Bestellung { $id } ist weg\ncode-404 = Nichts\n",
        )
        .build()
        .unwrap();
    let config = Config::new().translations(translations);
    assert_eq!(
        body(&config.response_in(&Dotted::Gone { id: 7 }, "de")),
        r#"{"code":"order.gone","message":"Bestellung 7 ist weg"}"#
    );
    assert_eq!(
        body(&config.response_in(&Dotted::Nothing, "de")),
        r#"{"code":"404","message":"Nichts"}"#
    );
    // The code whose id the other's is made into shares its translation, which names a
    // variable it does not have: it keeps its declared message, and the check says why.
    assert_eq!(
        body(&config.response_in(&Dotted::AlsoGone, "de")),
        r#"{"code":"order-gone","message":"Gone too"}"#
    );
    let translations = Translations::builder("en")
        .add("de", "de.ftl", "order-gone = weg\ncode-404 = Nichts\n")
        .build()
        .unwrap();
    let problems: Vec<String> = translations
        .check(&Dotted::catalog())
        .iter()
        .map(Finding::to_string)
        .collect();
    assert_eq!(
        problems,
        ["order-gone: shares the message id `order-gone` with another code"]
    );
}

/// A value whose `Display` fails.
#[derive(Debug)]
struct FailsToFormat;

impl std::fmt::Display for FailsToFormat {
    fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Err(std::fmt::Error)
    }
}

/// An error whose message shows a value that fails to display.
#[derive(Debug, ApiError)]
#[api_error(code = "BAD_MESSAGE", status = 400, message = "value {0}")]
struct Unformattable(FailsToFormat);

#[test]
fn a_value_that_fails_to_display_degrades_in_every_language_and_never_panics() {
    // Text and a variable (written piece by piece), and a selector (formatted by Fluent).
    for translation in [
        "BAD_MESSAGE = Wert { $arg0 }\n",
        "BAD_MESSAGE = { $arg0 ->\n   *[other] Wert { $arg0 }\n}\n",
    ] {
        let translations = Translations::builder("en")
            .add("de", "de/errors.ftl", translation)
            .build()
            .unwrap();
        let config = Config::new().translations(translations);
        let error = Unformattable(FailsToFormat);
        let response = config.response_in(&error, "de");
        assert_eq!(response.status(), 400);
        let body = body(&response);
        // As without translations: the reason phrase in the body, an error from `Serialize`.
        assert_eq!(
            body, r#"{"code":"BAD_MESSAGE","message":"Bad Request"}"#,
            "{translation}"
        );
        // The reason phrase is the declared language's, and so is the body.
        assert_eq!(
            response.headers()["content-language"],
            "en",
            "{translation}"
        );
        assert!(serde_json::to_string(&config.body_in(&error, "de")).is_err());
    }
    // As problem details, the translation's title does not stand beside the reason phrase.
    let translations = Translations::builder("en")
        .add(
            "de",
            "de.ftl",
            "BAD_MESSAGE = Wert { $arg0 }\n    .title = Falscher Wert\n",
        )
        .build()
        .unwrap();
    let config = Config::new()
        .translations(translations)
        .format(Format::Problem)
        .problem_type_base("https://errors.example.com/");
    let response = config.response_in(&Unformattable(FailsToFormat), "de");
    assert_eq!(response.headers()["content-language"], "en");
    assert_eq!(
        body(&response),
        r#"{"type":"https://errors.example.com/BAD_MESSAGE","title":"An error whose message shows a value that fails to display.","status":400,"detail":"Bad Request","code":"BAD_MESSAGE"}"#
    );
}

#[tokio::test]
async fn a_rejection_keeps_what_an_inner_layer_said_it_varies_by() {
    // An inner layer's answer, CORS's say, varies by the request's origin.
    async fn varies_by_origin() -> impl axum::response::IntoResponse {
        (StatusCode::NOT_FOUND, [(http::header::VARY, "origin")])
    }
    let router = Router::new()
        .fallback(varies_by_origin)
        .layer(ApiErrorLayer::new(german()));
    let seen = Case::get("/nowhere")
        .with_headers(&[("accept-language", "de")])
        .oneshot(router)
        .await;
    assert_eq!(seen.status, StatusCode::NOT_FOUND);
    // These translations have no `NOT_FOUND`: the declared message, in the default language.
    assert_eq!(seen.header("content-language"), Some("en"));
    assert_eq!(seen.all("vary"), ["accept-language", "origin"]);
}

#[test]
fn a_translation_that_fails_as_it_is_formatted_falls_back_and_warns_once() {
    // Loading reads each message alone: a reference to one that is not there fails only when
    // the translation is formatted, for a response.
    let translations = Translations::builder("en")
        .add(
            "de",
            "de.ftl",
            "ORDER_NOT_PENDING = Bestellung { $id }: { not-there }\n",
        )
        .build()
        .unwrap();
    let config = Config::new().translations(translations);
    let events = logged(|| {
        for _ in 0..2 {
            let response = config.response_in(&not_pending(), "de");
            assert_eq!(response.headers()["content-language"], "en");
            assert_eq!(
                body(&response),
                r#"{"code":"ORDER_NOT_PENDING","message":"Order 42 is not pending since \"monday\"","details":{"id":42}}"#
            );
        }
    });
    let failures: Vec<(Level, &str)> = events
        .iter()
        .filter(|event| event.fields.iter().any(|(name, _)| *name == "locale"))
        .map(|event| {
            let error = event.fields.iter().find(|(name, _)| *name == "error");
            (event.level, error.map_or("", |(_, value)| value.as_str()))
        })
        .collect();
    assert_eq!(
        failures,
        [
            (Level::WARN, "Resolver error: Unknown message: not-there"),
            (Level::DEBUG, "Resolver error: Unknown message: not-there")
        ],
        "{events:?}"
    );
}

#[test]
fn a_document_s_examples_log_nothing_and_leave_the_once_only_warning_to_a_response() {
    // The translation fails for any value: what the first response that uses it warns about.
    let translations = Translations::builder("en")
        .add(
            "en",
            "en.ftl",
            "ORDER_NOT_PENDING = Order { $id }: { not-there }\n",
        )
        .build()
        .unwrap();
    let config = Config::new().translations(translations);
    let events = logged(|| {
        let responses = api_error_core::openapi::responses(&AppError::catalog(), &config).unwrap();
        // Every example was rendered, the 5xx's and the failing translation's among them.
        assert_eq!(
            responses.keys().copied().collect::<Vec<u16>>(),
            [400, 410, 500]
        );
    });
    assert_eq!(events, [], "a document logged");
    let events = logged(|| {
        config.response(&not_pending());
    });
    let levels: Vec<(Level, &str)> = events
        .iter()
        .map(|event| (event.level, event.fields[0].1.as_str()))
        .collect();
    assert_eq!(
        levels,
        [
            (
                Level::WARN,
                "translation not used (logged once; again at DEBUG)"
            ),
            (Level::DEBUG, "error response"),
        ],
        "{events:?}"
    );
}

#[test]
fn a_title_that_fails_leaves_the_translated_message_and_says_so() {
    let translations = Translations::builder("en")
        .add(
            "de",
            "de.ftl",
            "PLAN_GONE = Tarif weg\n    .title = { not-there }\n",
        )
        .build()
        .unwrap();
    let config = Config::new()
        .translations(translations)
        .format(Format::Problem)
        .problem_type_base("https://errors.example.com/")
        .client_errors(None);
    let events = logged(|| {
        let response = config.response_in(&OrderError::Gone, "de");
        assert_eq!(response.headers()["content-language"], "de");
        assert_eq!(
            body(&response),
            r#"{"type":"https://errors.example.com/PLAN_GONE","title":"Gone","status":410,"detail":"Tarif weg","code":"PLAN_GONE"}"#
        );
    });
    let logged: Vec<(Level, Vec<(&str, &str)>)> = events
        .iter()
        .map(|event| {
            let fields = event.fields.iter();
            (event.level, fields.map(|(n, v)| (*n, v.as_str())).collect())
        })
        .collect();
    assert_eq!(
        logged,
        [(
            Level::WARN,
            vec![
                (
                    "message",
                    "translation not used (logged once; again at DEBUG)"
                ),
                ("code", "PLAN_GONE"),
                ("locale", "de"),
                ("unused", "title"),
                ("error", "Resolver error: Unknown message: not-there"),
            ]
        )],
        "{events:?}"
    );
}

#[test]
fn a_term_s_variable_its_use_does_not_give_never_reaches_a_client() {
    // `-order` names `$order_id`, which the message's use of it does not give.
    let translations = Translations::builder("en")
        .add(
            "de",
            "de/errors.ftl",
            "-order = Bestellung { $order_id }\nORDER_NOT_PENDING = Die { -order } wartet nicht\n",
        )
        .build()
        .unwrap();
    let config = Config::new().translations(translations);
    let response = config.response_in(&not_pending(), "de");
    let body = body(&response);
    assert!(!body.contains("{$"), "{body}");
    assert_eq!(response.headers()["content-language"], "en");
}

/// A client error whose message is thiserror's, with a source that no translation is passed.
#[derive(Debug, thiserror::Error, ApiError)]
enum Refusal {
    #[error("Upstream {name} refused")]
    #[api_error(code = "UPSTREAM_REFUSED", status = 422)]
    Refused {
        name: String,
        #[source]
        source: io::Error,
    },
}

#[test]
fn the_check_and_the_template_know_only_the_variables_the_error_passes() {
    let catalog = Refusal::catalog();
    assert_eq!(catalog.entries()[0].variables(), ["name"]);
    assert_eq!(
        catalog.to_fluent(),
        "# Variables: $name\nUPSTREAM_REFUSED = Upstream { $name } refused\n\n"
    );
    let translations = Translations::builder("en")
        .add(
            "de",
            "de.ftl",
            "UPSTREAM_REFUSED = { $name } lehnte ab: { $source }\n",
        )
        .build()
        .unwrap();
    let problems: Vec<String> = translations
        .check(&catalog)
        .iter()
        .map(Finding::to_string)
        .collect();
    assert_eq!(
        problems,
        ["de.ftl:1: [de] UPSTREAM_REFUSED: `$source` is not a variable of this error"]
    );
    // What the check reports is what a response does: the translation is not used.
    let refused = Refusal::Refused {
        name: "billing".into(),
        source: io::Error::other("connection reset"),
    };
    let response = Config::new()
        .translations(translations)
        .response_in(&refused, "de");
    assert_eq!(response.headers()["content-language"], "en");
    assert_eq!(
        body(&response),
        r#"{"code":"UPSTREAM_REFUSED","message":"Upstream billing refused"}"#
    );
}

/// A client error of a code that a server error of another type declares too.
#[derive(Debug, ApiError)]
#[api_error(code = "UPSTREAM", status = 409, message = "Upstream {name} is busy")]
struct Busy {
    name: String,
}

/// The server error of that code, which passes a translation nothing.
#[derive(Debug, ApiError)]
#[api_error(code = "UPSTREAM", status = 502, message = "Upstream failed")]
struct Failed;

/// Both, as a service's error type wraps them.
#[derive(Debug, ApiError)]
enum Twice {
    #[api_error(transparent)]
    Busy(#[from] Busy),
    #[api_error(transparent)]
    Failed(#[from] Failed),
}

#[test]
fn a_code_declared_twice_has_the_variables_every_declaration_passes() {
    let translations = Translations::builder("en")
        .add("de", "de.ftl", "UPSTREAM = { $name } ist beschäftigt\n")
        .build()
        .unwrap();
    let problems: Vec<String> = translations
        .check(&Twice::catalog())
        .iter()
        .map(Finding::to_string)
        .collect();
    assert_eq!(
        problems,
        ["de.ftl:1: [de] UPSTREAM: `$name` is not a variable of this error"]
    );
    // As the responses have it: the server error's falls back.
    let config = Config::new().translations(translations);
    let busy = Twice::from(Busy {
        name: "billing".into(),
    });
    assert_eq!(
        config.response_in(&busy, "de").headers()["content-language"],
        "de"
    );
    let failed = config.response_in(&Twice::from(Failed), "de");
    assert_eq!(failed.headers()["content-language"], "en");
}
