//! A second document of the same routes, built by aide's `ApiRouter` from the handlers' types
//! alone: each handler's `Result<_, Set>` documents its errors, and each extractor what it
//! refuses requests with (its `OperationInput`, merged into the handler's responses where they
//! share a status). The tests hold it to [`document`](super::openapi::document): both say the
//! same statuses and codes of every operation.

use aide::axum::ApiRouter;
use aide::axum::routing::{get, post};
use aide::generate::GenContext;
use aide::openapi::{OpenApi, Operation, Response};
use api_error_core::Config;
use api_error_core::layer::Settings;
use api_error_core::openapi::aide as errors_of;
use axum::Json;
use serde_json::Value;

use super::auth::Caller;
use super::extract::{Body, PathParam};
use super::state::AppState;
use super::{openapi, orders, plans, webhooks};

/// Each of these extractors documents what it [`Refuses`](api_error_core::set::Refuses)
/// requests with.
macro_rules! refusals_documented {
    ($($extractor:ty),+) => {
        $(
            impl aide::OperationInput for $extractor {
                fn inferred_early_responses(
                    _: &mut GenContext,
                    operation: &mut Operation,
                ) -> Vec<(Option<u16>, Response)> {
                    errors_of::refusals::<Self>(operation)
                }
            }
        )+
    };
}

refusals_documented!(Caller, PathParam, Body);

/// The document, by aide, with the error layer's own errors on every operation, rendered as
/// `config` renders them.
///
/// # Panics
///
/// When aide cannot document a route (two responses at one status, say), or two declarations
/// give one code two statuses.
#[must_use]
pub fn document(config: &Config) -> OpenApi {
    aide::generate::on_error(|error| panic!("aide cannot document a route: {error}"));
    let mut api = OpenApi::default();
    // The types render their responses in the configuration in force: `config`'s, here.
    let scope = Settings::new(config.clone()).begin(None, std::iter::empty());
    scope.enter(|| routes(&mut api));
    errors_of::add_to_every_operation(&mut api, &openapi::layer_errors(), config)
        .unwrap_or_else(|conflict| panic!("the error layer's errors: {conflict}"));
    api
}

/// The routes, as the service's router has them, documented into `api`.
fn routes(api: &mut OpenApi) {
    let _router: axum::Router<AppState> = ApiRouter::<AppState>::new()
        .api_route(openapi::DOCUMENT_PATH, get(|| async { Json(Value::Null) }))
        .api_route(
            "/orders",
            get(orders::list_orders).post(orders::create_order),
        )
        .api_route("/orders/{order_id}", get(orders::get_order))
        .api_route("/orders/{order_id}/file", post(orders::upload_file))
        .api_route("/orders/{order_id}/confirm", post(orders::confirm_order))
        .api_route("/orders/{order_id}/complete", post(orders::complete_order))
        .api_route("/orders/{order_id}/download", get(orders::download))
        .api_route("/orders/{order_id}/receipt", get(orders::receipt))
        .api_route("/plans/{plan_id}", get(plans::get_plan))
        .api_route("/webhooks", post(webhooks::create_webhook))
        .api_route(
            "/webhooks/{webhook_id}",
            get(webhooks::get_webhook).delete(webhooks::delete_webhook),
        )
        .finish_api(api);
}
