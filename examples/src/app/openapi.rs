//! The API's `OpenAPI` 3.1 document, served at `GET /openapi.json`: every route, its success
//! response, exactly the errors its handler answers, and the error layer's own, in the format
//! the service renders errors in. It is built with utoipa from the same declarations that
//! render the responses, once, when the router is made.
//!
//! Each operation lists the codes its handler can answer, taken from its return type (an
//! error set, or a single error), and those of the extractors it takes, each of which declares
//! them once ([`Refuses`](api_error_core::set::Refuses)): no code is written here. The
//! end-to-end tests hold every response they receive to the document, so a handler whose type
//! says less than it answers fails them.

use api_error_core::openapi::Errors;
use api_error_core::openapi::utoipa6 as errors_of;
use api_error_core::openapi::utoipa6::answered;
use api_error_core::{Catalog, Config};
use api_error_core::{Rejection, RejectionKind};
use axum::http::StatusCode;
use serde_json::{Value, json};
use utoipa::openapi::path::{
    HttpMethod, OperationBuilder, Parameter, ParameterBuilder, ParameterIn,
};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{
    ComponentsBuilder, ContentBuilder, InfoBuilder, OpenApi, OpenApiBuilder, Paths, RefOr,
    Required, ResponsesBuilder, Schema,
};
use utoipa::{PartialSchema, ToSchema};

use super::auth::Caller;
use super::extract::{Body, PathParam};
use super::order_input::QUANTITY_MAX;
use super::orders::{self, OrderList};
use super::plans::Plan;
use super::state::{OrderView, Webhook};
use super::webhooks::{self, URL_MAX};
use crate::errors::{usage_error, validation_error, webhook_error};

/// What a route's success looks like: its status, and its body's media type and schema, if it
/// has a body.
struct Success {
    status: StatusCode,
    description: &'static str,
    body: Option<(&'static str, RefOr<Schema>)>,
}

impl Success {
    /// A JSON body of `schema`.
    fn json(status: StatusCode, description: &'static str, schema: RefOr<Schema>) -> Self {
        let body = Some(("application/json", schema));
        Success {
            status,
            description,
            body,
        }
    }

    /// A text body, with `200`.
    fn text(description: &'static str) -> Self {
        let body = Some(("text/plain; charset=utf-8", String::schema()));
        Success {
            status: StatusCode::OK,
            description,
            body,
        }
    }

    /// No body.
    fn empty(status: StatusCode, description: &'static str) -> Self {
        Success {
            status,
            description,
            body: None,
        }
    }
}

/// One operation of the API.
struct Route {
    method: HttpMethod,
    path: &'static str,
    summary: &'static str,
    /// Whether the route takes only an authenticated caller within its rate limit.
    authenticated: bool,
    /// The media type and schema of the body the route reads, if it reads one.
    body: Option<(&'static str, RefOr<Schema>)>,
    success: Success,
    /// Its query and header parameters, each with the form the service takes (the path's are
    /// [`path_parameter`]'s).
    parameters: Vec<Parameter>,
    /// The errors its handler answers and those its extractors refuse requests with:
    /// [`answered`]`::<HandlerErrors, (Extractor, ..)>`, read from their types.
    errors: fn() -> Errors,
}

/// Every operation of the API.
fn routes() -> Vec<Route> {
    let object = || RefOr::T(Schema::Object(utoipa::openapi::Object::new()));
    let binary = RefOr::T(Schema::Object(
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .content_media_type("application/octet-stream")
            .min_length(Some(1))
            .build(),
    ));
    vec![
        Route {
            method: HttpMethod::Get,
            path: DOCUMENT_PATH,
            summary: "This document",
            authenticated: false,
            body: None,
            success: Success::json(StatusCode::OK, "The document", object()),
            parameters: Vec::new(),
            errors: Errors::default,
        },
        Route {
            method: HttpMethod::Get,
            path: "/orders",
            summary: "The caller's orders, oldest first (`?limit=` from 1 to 100, 20 unsaid)",
            authenticated: true,
            body: None,
            success: Success::json(StatusCode::OK, "The orders", OrderList::schema()),
            parameters: vec![parameter(
                "limit",
                ParameterIn::Query,
                false,
                json!({ "type": "integer", "minimum": 1, "maximum": 100 }),
            )],
            errors: answered::<validation_error::InvalidParameter, (Caller,)>,
        },
        Route {
            method: HttpMethod::Post,
            path: "/orders",
            summary: "Creates an order, once per `Idempotency-Key`",
            authenticated: true,
            body: Some(("application/json", schema(new_order()))),
            success: Success::json(StatusCode::CREATED, "The order", OrderView::schema()),
            parameters: vec![parameter(
                "Idempotency-Key",
                ParameterIn::Header,
                true,
                json!({ "type": "string", "pattern": "^[A-Za-z0-9_-]{8,64}$" }),
            )],
            errors: answered::<orders::Create, (Caller, Body)>,
        },
        Route {
            method: HttpMethod::Get,
            path: "/orders/{order_id}",
            summary: "One of the caller's orders",
            authenticated: true,
            body: None,
            success: Success::json(StatusCode::OK, "The order", OrderView::schema()),
            parameters: Vec::new(),
            errors: answered::<orders::Owned, (Caller, PathParam)>,
        },
        Route {
            method: HttpMethod::Post,
            path: "/orders/{order_id}/file",
            summary: "Uploads the file a pending conversion converts",
            authenticated: true,
            body: Some(("*/*", binary)),
            success: Success::json(StatusCode::OK, "The order", OrderView::schema()),
            parameters: Vec::new(),
            errors: answered::<orders::UploadFile, (Caller, PathParam, Body)>,
        },
        Route {
            method: HttpMethod::Post,
            path: "/orders/{order_id}/confirm",
            summary: "Confirms a pending order",
            authenticated: true,
            body: None,
            success: Success::json(StatusCode::OK, "The order", OrderView::schema()),
            parameters: Vec::new(),
            errors: answered::<orders::ConfirmOrder, (Caller, PathParam)>,
        },
        Route {
            method: HttpMethod::Post,
            path: "/orders/{order_id}/complete",
            summary: "Finishes processing an order: `{\"outcome\": \"completed\"}` or `\"failed\"`",
            authenticated: true,
            body: Some(("application/json", schema(outcome()))),
            success: Success::json(StatusCode::OK, "The order", OrderView::schema()),
            parameters: Vec::new(),
            errors: answered::<orders::CompleteOrder, (Caller, PathParam, Body)>,
        },
        Route {
            method: HttpMethod::Get,
            path: "/orders/{order_id}/download",
            summary: "The result of a completed order",
            authenticated: true,
            body: None,
            success: Success::text("The result"),
            parameters: Vec::new(),
            errors: answered::<orders::Download, (Caller, PathParam)>,
        },
        Route {
            method: HttpMethod::Get,
            path: "/orders/{order_id}/receipt",
            summary: "The receipt of a completed order",
            authenticated: true,
            body: None,
            success: Success::json(StatusCode::OK, "The receipt", object()),
            parameters: Vec::new(),
            errors: answered::<orders::Receipt, (Caller, PathParam)>,
        },
        Route {
            method: HttpMethod::Get,
            path: "/plans/{plan_id}",
            summary: "A plan on offer",
            authenticated: true,
            body: None,
            success: Success::json(StatusCode::OK, "The plan", Plan::schema()),
            parameters: Vec::new(),
            errors: answered::<usage_error::PlanNotFound, (Caller, PathParam)>,
        },
        Route {
            method: HttpMethod::Post,
            path: "/webhooks",
            summary: "Registers a webhook: `{\"url\": \"https://...\"}`",
            authenticated: true,
            body: Some(("application/json", schema(new_webhook()))),
            success: Success::json(StatusCode::CREATED, "The webhook", Webhook::schema()),
            parameters: Vec::new(),
            errors: answered::<webhooks::CreateWebhook, (Caller, Body)>,
        },
        Route {
            method: HttpMethod::Get,
            path: "/webhooks/{webhook_id}",
            summary: "One of the caller's webhooks",
            authenticated: true,
            body: None,
            success: Success::json(StatusCode::OK, "The webhook", Webhook::schema()),
            parameters: Vec::new(),
            errors: answered::<webhook_error::NotFound, (Caller, PathParam)>,
        },
        Route {
            method: HttpMethod::Delete,
            path: "/webhooks/{webhook_id}",
            summary: "Deletes one of the caller's webhooks",
            authenticated: true,
            body: None,
            success: Success::empty(StatusCode::NO_CONTENT, "Deleted"),
            parameters: Vec::new(),
            errors: answered::<webhooks::DeleteWebhook, (Caller, PathParam)>,
        },
    ]
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

/// What a route that reads a body answers beyond its handler: a body over the limit is the
/// layer's `CONTENT_TOO_LARGE`.
fn body_errors() -> Catalog {
    Rejection::catalog_of(&[RejectionKind::ContentTooLarge])
}

/// Each operation of the API by name (`GET /orders/{order_id}`), with every error it answers:
/// its handler's and its extractors' (from their types), the layer's own on every route, and
/// `413` where a body is read. What the error contract records per operation.
#[must_use]
pub fn operations() -> Vec<(String, Catalog)> {
    routes()
        .into_iter()
        .map(|route| {
            let mut catalog = (route.errors)().catalog().clone();
            if route.body.is_some() {
                catalog.append(body_errors());
            }
            catalog.append(layer_errors());
            (
                format!("{} {}", method_name(&route.method), route.path),
                catalog,
            )
        })
        .collect()
}

/// The method as a request line writes it.
fn method_name(method: &HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "GET",
        HttpMethod::Post => "POST",
        HttpMethod::Put => "PUT",
        HttpMethod::Delete => "DELETE",
        HttpMethod::Options => "OPTIONS",
        HttpMethod::Head => "HEAD",
        HttpMethod::Patch => "PATCH",
        HttpMethod::Trace => "TRACE",
    }
}

/// The API's document, its errors rendered as `config` renders them.
///
/// # Panics
///
/// When two declarations give one code two statuses. The tests build it, so that never reaches
/// a running service.
#[must_use]
pub fn document(config: &Config) -> OpenApi {
    let mut paths = Paths::new();
    for route in routes() {
        let mut catalog = (route.errors)();
        if route.body.is_some() {
            catalog.append(body_errors());
        }
        let mut responses = ResponsesBuilder::new();
        let success = route.success;
        let mut response = ResponseBuilder::new()
            .description(success.description)
            .header(
                "x-request-id",
                utoipa::openapi::HeaderBuilder::new()
                    .schema(Some(String::schema()))
                    .description(Some("The request's id: the one it came with, or a new one"))
                    .build(),
            );
        if let Some((media_type, schema)) = success.body {
            response = response.content(
                media_type,
                ContentBuilder::new().schema(Some(schema)).build(),
            );
        }
        // The document itself is revalidated by its tag (see `Served`).
        if route.path == DOCUMENT_PATH {
            (response, responses) = revalidated(response, responses);
        }
        responses = responses.response(success.status.as_str(), response);
        for (status, response) in errors_of::of(&catalog, config) {
            responses = responses.response(status, response);
        }
        let mut operation = OperationBuilder::new()
            .summary(Some(route.summary))
            .responses(responses.build());
        for name in parameters(route.path) {
            operation = operation.parameter(
                ParameterBuilder::new()
                    .name(name)
                    .parameter_in(ParameterIn::Path)
                    .required(Required::True)
                    .schema(Some(path_parameter(name))),
            );
        }
        for parameter in route.parameters {
            operation = operation.parameter(parameter);
        }
        if !route.authenticated {
            operation = operation.securities(Some(Vec::new()));
        }
        if let Some((media_type, schema)) = route.body {
            operation = operation.request_body(Some(
                RequestBodyBuilder::new()
                    .content(
                        media_type,
                        ContentBuilder::new().schema(Some(schema)).build(),
                    )
                    .required(Some(Required::True))
                    .build(),
            ));
        }
        paths.add_path_operation(route.path, vec![route.method], operation.build());
    }
    // The schemas the success bodies refer to.
    let mut schemas = Vec::new();
    OrderList::schemas(&mut schemas);
    let mut components = ComponentsBuilder::new()
        .schemas_from_iter(schemas)
        .security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    // A path no route matches: no operation can say so, so it is a response of its own.
    let not_found = Rejection::catalog_of(&[RejectionKind::NotFound]);
    for (_, response) in errors_of::of(&not_found, config) {
        components = components.response("NOT_FOUND", response);
    }
    let mut openapi = OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("Orders")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(
                    "The reference API of api-error. Every error body carries a stable `code`; \
                     each response lists the codes it can have.",
                ))
                .build(),
        )
        .paths(paths)
        .components(Some(components.build()))
        .security(Some(vec![
            utoipa::openapi::security::SecurityRequirement::new("bearer", Vec::<String>::new()),
        ]))
        .build();
    errors_of::add_to_every_operation(&mut openapi, &layer_errors(), config)
        .unwrap_or_else(|conflict| panic!("the error layer's errors: {conflict}"));
    openapi
}

/// `value`, a JSON Schema, as utoipa's.
///
/// # Panics
///
/// When `value` is not a schema utoipa reads: the schemas below are.
fn schema(value: Value) -> RefOr<Schema> {
    serde_json::from_value(value).unwrap_or_else(|error| panic!("not a schema: {error}"))
}

/// The body of `POST /orders`: what `order_input::new_order` takes, no other member.
fn new_order() -> Value {
    json!({
        "type": "object",
        "required": ["type", "quantity"],
        "properties": {
            "type": { "type": "string", "enum": ["report", "conversion", "notification"] },
            "quantity": { "type": "integer", "minimum": 1, "maximum": QUANTITY_MAX },
        },
        "additionalProperties": false,
    })
}

/// The body of `POST /orders/{order_id}/complete`: what `order_input::outcome` takes.
fn outcome() -> Value {
    json!({
        "type": "object",
        "required": ["outcome"],
        "properties": { "outcome": { "type": "string", "enum": ["completed", "failed"] } },
    })
}

/// The body of `POST /webhooks`: an https URL of at most [`URL_MAX`] bytes, its host a name (an
/// address the service may take too, which this pattern does not describe). That the host is
/// public is checked too, which no schema says.
fn new_webhook() -> Value {
    json!({
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
    })
}

/// The query or header parameter `name`, `required` or not, of the JSON Schema `value`.
fn parameter(name: &str, place: ParameterIn, required: bool, value: Value) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(place)
        .required(if required {
            Required::True
        } else {
            Required::False
        })
        .schema(Some(schema(value)))
        .build()
}

/// The schema of the path parameter `name`: an order id's form; any text for the others, whose
/// values are checked only against what the service holds.
fn path_parameter(name: &str) -> RefOr<Schema> {
    match name {
        "order_id" => schema(json!({ "type": "string", "pattern": "^ord_[0-9]+$" })),
        _ => String::schema(),
    }
}

/// The names of the parameters of a path template: `order_id` of `/orders/{order_id}`.
fn parameters(path: &str) -> impl Iterator<Item = &str> {
    path.split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
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

/// The document's success `response`, with its `ETag` and `Cache-Control`, and `responses`
/// with its `304`.
fn revalidated(
    response: ResponseBuilder,
    responses: ResponsesBuilder,
) -> (ResponseBuilder, ResponsesBuilder) {
    let header = |description: &str| {
        utoipa::openapi::HeaderBuilder::new()
            .schema(Some(String::schema()))
            .description(Some(description))
            .build()
    };
    let etag = header("A weak validator of this document, for `If-None-Match`");
    let cache_control = header("`public, max-age=300`");
    let not_modified = ResponseBuilder::new()
        .description("The copy the request's `If-None-Match` names is current")
        .header("ETag", etag.clone())
        .header("Cache-Control", cache_control.clone());
    (
        response
            .header("ETag", etag)
            .header("Cache-Control", cache_control),
        responses.response(StatusCode::NOT_MODIFIED.as_str(), not_modified),
    )
}

/// How long a client may use its copy of the document without asking again.
const DOCUMENT_CACHE_CONTROL: &str = "public, max-age=300";

/// [`document`], served.
pub(super) fn served(config: &Config) -> Served {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let json = document(config)
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
