//! A localizer of one's own, through the public seam (`api_error_core::localize`), as a crate
//! outside the core plugs in another translation system: negotiated by the layer, with text and
//! patterns, titles, and the declared message kept wherever it gives no translation.

use std::borrow::Cow;

use api_error_core::axum::ApiErrorLayer;
use api_error_core::http::HeaderValue;
use api_error_core::localize::{Localizer, Pattern, Piece, Translation};
use api_error_core::{ApiError, Config, Format};
use api_error_tests::{Case, Seen};
use axum::Router;
use axum::routing::get;
use http::StatusCode;

#[derive(Debug, ApiError)]
enum ShopError {
    #[api_error(
        code = "ORDER_NOT_PENDING",
        status = 400,
        message = "Order {id} is not pending since {since}"
    )]
    NotPending {
        #[api_error(detail)]
        id: u64,
        since: String,
    },
    #[api_error(code = "PLAN_GONE", status = 410, message = "The plan is gone")]
    Gone,
    #[api_error(
        code = "PLAN_LIMIT",
        status = 403,
        message = "Plan {plan} is at its limit"
    )]
    Limit { plan: String },
}

/// German and Arabic from a table, as a service with its own message store would write it.
#[derive(Debug)]
struct Table {
    languages: [HeaderValue; 3],
    not_pending: Pattern,
    not_pending_rtl: Pattern,
    /// Names a variable `PLAN_LIMIT` does not pass.
    limit: Pattern,
}

impl Table {
    fn new() -> Self {
        Table {
            languages: ["en", "de", "ar"].map(HeaderValue::from_static),
            not_pending: Pattern::new(
                [
                    Piece::Text("Bestellung "),
                    Piece::Variable("id"),
                    Piece::Text(" wartet seit \""),
                    Piece::Variable("since"),
                    Piece::Text("\" nicht"),
                ],
                false,
            ),
            not_pending_rtl: Pattern::new(
                [
                    Piece::Text("الطلب "),
                    Piece::Variable("id"),
                    Piece::Text(" ليس معلقا"),
                ],
                true,
            ),
            limit: Pattern::new([Piece::Text("Tarif "), Piece::Variable("tariff")], false),
        }
    }
}

impl Localizer for Table {
    fn languages(&self) -> &[HeaderValue] {
        &self.languages
    }

    fn translate<'a>(
        &'a self,
        error: &dyn ApiError,
        language: usize,
        _sent: bool,
    ) -> Option<Translation<'a>> {
        let at = &self.languages[language];
        match (language, error.code()) {
            (1, "ORDER_NOT_PENDING") => Some(
                Translation::pattern(&self.not_pending, error, at)?
                    .with_title(Cow::Borrowed("Nicht wartend")),
            ),
            (2, "ORDER_NOT_PENDING") => Translation::pattern(&self.not_pending_rtl, error, at),
            (1, "PLAN_GONE") => Some(Translation::text(Cow::Borrowed("Der Tarif ist weg"), at)),
            (1, "PLAN_LIMIT") => Translation::pattern(&self.limit, error, at),
            _ => None,
        }
    }
}

async fn not_pending() -> ShopError {
    ShopError::NotPending {
        id: 42,
        since: "Montag".to_owned(),
    }
}

fn router(config: Config) -> Router {
    Router::new()
        .route("/order", get(not_pending))
        .route("/plan", get(|| async { ShopError::Gone }))
        .route(
            "/limit",
            get(|| async {
                ShopError::Limit {
                    plan: "gold".to_owned(),
                }
            }),
        )
        .layer(ApiErrorLayer::new(config))
}

async fn get_in(path: &'static str, accept_language: &'static str, config: Config) -> Seen {
    let headers: &'static [(&str, &str)] = Box::leak(Box::new([
        ("accept-language", accept_language),
        ("x-request-id", "r1"),
    ]));
    Case::get(path)
        .with_headers(headers)
        .oneshot(router(config))
        .await
}

#[tokio::test]
async fn the_layer_negotiates_among_its_languages_and_writes_a_pattern_with_the_error_s_values() {
    let config = || Config::new().localizer(Table::new());
    let seen = get_in("/order", "fr, de-CH;q=0.8", config()).await;
    assert_eq!(seen.status, StatusCode::BAD_REQUEST);
    assert_eq!(seen.header("content-language"), Some("de"));
    assert_eq!(seen.all("vary"), ["accept-language"]);
    assert_eq!(
        seen.text(),
        r#"{"code":"ORDER_NOT_PENDING","message":"Bestellung 42 wartet seit \"Montag\" nicht","details":{"id":42},"request_id":"r1"}"#
    );
    // Values go between isolation marks where the pattern says so.
    let seen = get_in("/order", "ar", config()).await;
    assert_eq!(seen.header("content-language"), Some("ar"));
    assert_eq!(
        seen.text(),
        "{\"code\":\"ORDER_NOT_PENDING\",\"message\":\"الطلب \u{2068}42\u{2069} ليس معلقا\",\"details\":{\"id\":42},\"request_id\":\"r1\"}"
    );
    let seen = get_in("/plan", "de", config()).await;
    assert_eq!(seen.status, StatusCode::GONE);
    assert_eq!(
        seen.text(),
        r#"{"code":"PLAN_GONE","message":"Der Tarif ist weg","request_id":"r1"}"#
    );
}

#[tokio::test]
async fn a_translation_it_does_not_give_keeps_the_declared_message_in_the_default_language() {
    let config = || Config::new().localizer(Table::new());
    // A language it does not have.
    let seen = get_in("/plan", "da", config()).await;
    assert_eq!(seen.header("content-language"), Some("en"));
    assert_eq!(seen.all("vary"), ["accept-language"]);
    assert_eq!(
        seen.text(),
        r#"{"code":"PLAN_GONE","message":"The plan is gone","request_id":"r1"}"#
    );
    // A pattern that names a variable the error does not pass is no translation.
    let seen = get_in("/limit", "de", config()).await;
    assert_eq!(seen.status, StatusCode::FORBIDDEN);
    assert_eq!(seen.header("content-language"), Some("en"));
    assert_eq!(
        seen.text(),
        r#"{"code":"PLAN_LIMIT","message":"Plan gold is at its limit","request_id":"r1"}"#
    );
    // Without a localizer, no language is said.
    let seen = get_in("/plan", "de", Config::new()).await;
    assert_eq!(seen.header("content-language"), None);
    assert!(seen.all("vary").is_empty());
}

#[tokio::test]
async fn a_translation_s_title_is_the_problem_s_title() {
    let config = Config::new()
        .format(Format::Problem)
        .problem_type_base("https://shop.example/errors/")
        .localizer(Table::new());
    let seen = get_in("/order", "de", config).await;
    assert_eq!(
        seen.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(
        seen.text(),
        r#"{"type":"https://shop.example/errors/ORDER_NOT_PENDING","title":"Nicht wartend","status":400,"detail":"Bestellung 42 wartet seit \"Montag\" nicht","instance":"urn:request:r1","code":"ORDER_NOT_PENDING","detail_id":42}"#
    );
}

#[test]
fn outside_a_layer_a_response_is_rendered_in_the_language_it_is_given() {
    let config = Config::new().localizer(Table::new());
    let response = config.response_in(
        &ShopError::NotPending {
            id: 7,
            since: "gestern".to_owned(),
        },
        "de",
    );
    assert_eq!(response.headers()["content-language"], "de");
    // Outside a layer, nothing was negotiated: the caller says `Vary`.
    assert!(response.headers().get("vary").is_none());
    assert_eq!(
        response.body().as_ref(),
        r#"{"code":"ORDER_NOT_PENDING","message":"Bestellung 7 wartet seit \"gestern\" nicht","details":{"id":7}}"#.as_bytes()
    );
}
