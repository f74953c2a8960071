//! The API's `OpenAPI` 3.1 document, served at `GET /openapi.json`, and the router it describes,
//! both made from the handlers at once: each handler's `#[utoipa::path]` says its parameters,
//! the body it reads, its success, and `Answers<Set, (Extractor, ..)>`, the errors its return
//! type and the extractors it takes can answer, and utoipa-axum's `OpenApiRouter` routes it.
//! No code is written here or there: each extractor declares what it refuses with once
//! ([`Refuses`](api_error_core::set::Refuses)), and the error layer's own answers are added to
//! every operation. The errors are rendered in the format the service renders them in.
//!
//! The end-to-end tests hold every response they receive to the document, so a handler whose
//! type says less than it answers fails them.

use api_error_core::layer::Settings;
use api_error_core::openapi::utoipa6 as errors_of;
use api_error_core::{Catalog, Config};
use api_error_core::{Rejection, RejectionKind};
use axum::Extension;
use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};
use tower_http::compression::CompressionLayer;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{OpenApi, RefOr, Schema};
use utoipa::{Modify, OpenApi as _, PartialSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::order_input::QUANTITY_MAX;
use super::state::AppState;
use super::webhooks::URL_MAX;
use super::{orders, plans, webhooks};

/// What the document says of the API as a whole: its title, and the bearer token every
/// operation but the document's own requires.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Orders",
        description = "The reference API of api-error. Every error body carries a stable `code`; \
                       each response lists the codes it can have."
    ),
    security(("bearer" = [])),
    modifiers(&Bearer)
)]
struct Frame;

/// The `bearer` scheme [`Frame`] requires.
struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The API's routes and their document, the errors rendered as `config` renders them: the
/// routes as each handler's `#[utoipa::path]` gives them, and the document with the error
/// layer's own answers on every operation, the request's id on every success, and the answer
/// to a path no route matches. The router answers [`DOCUMENT_PATH`] with that document.
///
/// # Panics
///
/// When two declarations give one code two statuses. The tests build it, so that never reaches
/// a running service.
pub(super) fn routes(config: &Config) -> Router<AppState> {
    let (router, document) = generated(config);
    router.layer(Extension(served(&document)))
}

/// [`routes`], before its router is given the document it serves.
fn generated(config: &Config) -> (Router<AppState>, OpenApi) {
    // The errors' responses are rendered in the configuration in force: `config`'s, here.
    let scope = Settings::new(config.clone()).begin(None, std::iter::empty());
    let (router, mut openapi) = scope.enter(|| {
        let (schemas, paths, document) = routes!(document_route);
        OpenApiRouter::<AppState>::with_openapi(Frame::openapi())
            .routes((schemas, paths, document.layer(CompressionLayer::new())))
            .routes(routes!(orders::list_orders, orders::create_order))
            .routes(routes!(orders::get_order))
            .routes(routes!(orders::upload_file))
            .routes(routes!(orders::confirm_order))
            .routes(routes!(orders::complete_order))
            .routes(routes!(orders::download))
            .routes(routes!(orders::receipt))
            .routes(routes!(plans::get_plan))
            .routes(routes!(webhooks::create_webhook))
            .routes(routes!(webhooks::get_webhook, webhooks::delete_webhook))
            .split_for_parts()
    });
    with_request_ids(&mut openapi);
    // A path no route matches: no operation can say so, so it is a response of its own.
    let not_found = not_found();
    let components = openapi.components.get_or_insert_with(Default::default);
    for (_, response) in errors_of::of(&not_found, config) {
        components
            .responses
            .insert("NOT_FOUND".to_owned(), response);
    }
    errors_of::add_to_every_operation(&mut openapi, &layer_errors(), config)
        .unwrap_or_else(|conflict| panic!("the error layer's errors: {conflict}"));
    (router, openapi)
}

/// The API's document, its errors rendered as `config` renders them: [`routes`]'s.
///
/// # Panics
///
/// When two declarations give one code two statuses.
#[must_use]
pub fn document(config: &Config) -> OpenApi {
    generated(config).1
}

/// The `x-request-id` header on every success of `openapi`: the error layer gives every
/// response the request's id, and the error responses declare it already.
fn with_request_ids(openapi: &mut OpenApi) {
    let header = utoipa::openapi::HeaderBuilder::new()
        .schema(Some(String::schema()))
        .description(Some("The request's id: the one it came with, or a new one"))
        .build();
    for item in openapi.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ];
        for operation in operations.into_iter().flatten() {
            for (status, response) in &mut operation.responses.responses {
                if let (true, RefOr::T(response)) = (status.starts_with('2'), response) {
                    response
                        .headers
                        .insert("x-request-id".to_owned(), RefOr::T(header.clone()));
                }
            }
        }
    }
}

/// The error layer's answer to a request for a path no route matches.
pub(super) fn not_found() -> Catalog {
    Rejection::catalog_of(&[RejectionKind::NotFound])
}

/// The error layer's answers to a request that reaches a route: a method the route does not
/// take, and a request (or its body) over its time, which the timeout layers inside the error
/// layer leave without a body.
pub(super) fn layer_errors() -> Catalog {
    let mut catalog = Rejection::catalog_of(&[RejectionKind::MethodNotAllowed]);
    catalog.append(Rejection::catalog_at(
        RejectionKind::ClientError,
        &[StatusCode::REQUEST_TIMEOUT],
    ));
    catalog
}

/// Each operation of the API by name (`GET /orders/{order_id}`), with the errors of `every`
/// (the API's whole catalog) that its responses in the [`document`] list: its handler's and its
/// extractors' (from their types), and the layer's own. What the error contract records per
/// operation.
///
/// # Panics
///
/// As [`document`] does, and when an operation lists a code `every` does not hold: the
/// contract would lose it.
#[must_use]
pub fn operations(every: &Catalog) -> Vec<(String, Catalog)> {
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    let document = serde_json::to_value(document(&Config::new()))
        .unwrap_or_else(|error| panic!("the document does not serialize: {error}"));
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().into_iter().flatten() {
        let item = item.as_object().into_iter().flatten();
        for (method, operation) in item.filter(|(key, _)| METHODS.contains(&key.as_str())) {
            let name = format!("{} {path}", method.to_uppercase());
            let mut catalog = Catalog::new();
            for response in operation["responses"].as_object().into_iter().flatten() {
                for code in api_error_core::openapi::documented_codes(response.1) {
                    let entry = every
                        .get(code)
                        .unwrap_or_else(|| panic!("{name} lists {code}, which no error declares"));
                    if catalog.get(code).is_none() {
                        catalog.push(*entry);
                    }
                }
            }
            operations.push((name, catalog));
        }
    }
    operations
}

/// `GET /openapi.json`: the [`Served`] document.
#[utoipa::path(
    get,
    path = DOCUMENT_PATH,
    summary = "This document",
    security(),
    responses(
        (
            status = 200,
            description = "The document",
            body = inline(AnyObject),
            headers(
                ("ETag" = String, description = "A weak validator of this document, for `If-None-Match`"),
                ("Cache-Control" = String, description = "`public, max-age=300`"),
            ),
        ),
        (
            status = 304,
            description = "The copy the request's `If-None-Match` names is current",
            headers(
                ("ETag" = String, description = "A weak validator of this document, for `If-None-Match`"),
                ("Cache-Control" = String, description = "`public, max-age=300`"),
            ),
        ),
    )
)]
async fn document_route(Extension(served): Extension<Served>, headers: HeaderMap) -> Response {
    served.answer(&headers)
}

/// Types the document gives a schema of its own, written here, for what the service checks by
/// hand: each a body, or a parameter, that the handlers read as bytes or text.
macro_rules! hand_schemas {
    ($($(#[$doc:meta])* $name:ident = $schema:expr;)+) => {
        $(
            $(#[$doc])*
            pub(super) struct $name;

            impl PartialSchema for $name {
                fn schema() -> RefOr<Schema> {
                    schema($schema)
                }
            }

            impl utoipa::ToSchema for $name {}
        )+
    };
}

hand_schemas! {
    /// Any JSON object.
    AnyObject = json!({ "type": "object" });
    /// The body of `POST /orders`: what `order_input::new_order` takes, no other member.
    NewOrderBody = json!({
        "type": "object",
        "required": ["type", "quantity"],
        "properties": {
            "type": { "type": "string", "enum": ["report", "conversion", "notification"] },
            "quantity": { "type": "integer", "minimum": 1, "maximum": QUANTITY_MAX },
        },
        "additionalProperties": false,
    });
    /// The body of `POST /orders/{order_id}/complete`: what `order_input::outcome` takes.
    OutcomeBody = json!({
        "type": "object",
        "required": ["outcome"],
        "properties": { "outcome": { "type": "string", "enum": ["completed", "failed"] } },
    });
    /// The body of `POST /webhooks`: an https URL of at most [`URL_MAX`] bytes, its host a name
    /// (an address the service may take too, which this pattern does not describe). That the
    /// host is public is checked too, which no schema says.
    NewWebhookBody = json!({
        "type": "object",
        "required": ["url"],
        "properties": {
            "url": {
                "type": "string",
                "format": "uri",
                "pattern": "^https://[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)+(:[1-9][0-9]{0,3})?(/[A-Za-z0-9._~-]*)*$",
                "maxLength": URL_MAX,
            },
        },
    });
    /// The file `POST /orders/{order_id}/file` uploads: at least a byte.
    UploadBody = json!({
        "type": "string",
        "contentMediaType": "application/octet-stream",
        "minLength": 1,
    });
}

/// The path of an order's routes: `order_id`, in the form `order_input::order_id` takes.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub(super) struct OrderPath {
    /// The order's id.
    #[param(pattern = "^ord_[0-9]+$")]
    #[allow(dead_code)]
    order_id: String,
}

/// `value`, a JSON Schema, as utoipa's.
///
/// # Panics
///
/// When `value` is not a schema utoipa reads: the schemas above are.
fn schema(value: Value) -> RefOr<Schema> {
    serde_json::from_value(value).unwrap_or_else(|error| panic!("not a schema: {error}"))
}

/// [`document`] as `GET /openapi.json` answers it: its JSON written once, with a weak `ETag`
/// (a hash of the bytes, weak so that it stands for the gzip and the identity encodings
/// alike), `Cache-Control: public, max-age=300`, and `304 Not Modified` to a request whose
/// `If-None-Match` names it; the router compresses it on request.
#[derive(Clone)]
pub(super) struct Served {
    json: axum::body::Bytes,
    etag: axum::http::HeaderValue,
}

/// Where the document is served.
pub(super) const DOCUMENT_PATH: &str = "/openapi.json";

/// How long a client may use its copy of the document without asking again.
const DOCUMENT_CACHE_CONTROL: &str = "public, max-age=300";

/// `document`, served.
fn served(document: &OpenApi) -> Served {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let json = document
        .to_json()
        .unwrap_or_else(|error| panic!("the document does not serialize: {error}"));
    let mut hasher = DefaultHasher::new();
    json.hash(&mut hasher);
    let etag = format!("W/\"{:016x}-{:x}\"", hasher.finish(), json.len());
    Served {
        json: axum::body::Bytes::from(json),
        etag: axum::http::HeaderValue::from_str(&etag).expect("hex digits are a header value"),
    }
}

impl Served {
    /// The answer to a request with `headers`.
    pub(super) fn answer(&self, headers: &axum::http::HeaderMap) -> axum::response::Response {
        use axum::http::header;
        use axum::response::IntoResponse;
        let cached = headers
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .any(|tag| {
                // Weak comparison (RFC 9110, 8.8.3.2): the opaque tags alike, `W/` or not.
                let bare = |tag: &str| tag.strip_prefix("W/").unwrap_or(tag).to_owned();
                tag == "*" || bare(tag) == bare(self.etag.to_str().unwrap_or_default())
            });
        let validators = [
            (header::ETAG, self.etag.clone()),
            (
                header::CACHE_CONTROL,
                axum::http::HeaderValue::from_static(DOCUMENT_CACHE_CONTROL),
            ),
        ];
        if cached {
            return (axum::http::StatusCode::NOT_MODIFIED, validators).into_response();
        }
        (
            validators,
            [(
                header::CONTENT_TYPE,
                axum::http::HeaderValue::from_static("application/json"),
            )],
            self.json.clone(),
        )
            .into_response()
    }
}
