//! An operation documented the way utoipa's users write it: `#[utoipa::path]` on the handler,
//! whose `responses(..)` name its success and `Answers<Set, (Extractor, ..)>`, routed with
//! utoipa-axum's `OpenApiRouter` and `routes!`. The document lists exactly the codes the
//! handler's set and its extractor's refusals hold, one response a status, and no code is
//! written anywhere.

use api_error_core::openapi::documented_codes;
use api_error_core::set::{Answers, Refuses};
use api_error_examples::app::sets::{CallerRefused, Owned};
use api_error_examples::errors::order_error;
use axum::extract::Path;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The caller, as the service's extractor declares what it refuses with.
struct Caller;

impl Refuses for Caller {
    type Errors = CallerRefused;
}

/// One of the caller's orders.
#[utoipa::path(
    get,
    path = "/orders/{order_id}",
    params(("order_id" = String, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The order", body = String),
        Answers<Owned, (Caller,)>,
    )
)]
async fn get_order(Path(order_id): Path<String>) -> Result<String, Owned> {
    Err(order_error::NotFound { order_id })?
}

#[tokio::test]
async fn a_handler_s_path_attribute_documents_its_set_and_its_extractor_s_refusals() {
    let (router, document) = OpenApiRouter::new()
        .routes(routes!(get_order))
        .split_for_parts();
    let document = serde_json::to_value(document).unwrap();
    let responses = document["paths"]["/orders/{order_id}"]["get"]["responses"]
        .as_object()
        .unwrap();
    let listed: Vec<(String, Vec<&str>)> = responses
        .iter()
        .map(|(status, response)| (status.clone(), documented_codes(response)))
        .collect();
    assert_eq!(
        listed,
        [
            ("200".to_owned(), vec![]),
            ("400".to_owned(), vec!["INVALID_PARAMETER"]),
            (
                "401".to_owned(),
                vec![
                    "AUTH_NOT_AUTHENTICATED",
                    "AUTH_TOKEN_EXPIRED",
                    "AUTH_TOKEN_INVALID",
                    "AUTH_TOKEN_INVALID_FORMAT"
                ]
            ),
            ("403".to_owned(), vec!["ORDER_NOT_OWNER"]),
            ("404".to_owned(), vec!["ORDER_NOT_FOUND"]),
            ("429".to_owned(), vec!["RATE_LIMIT_EXCEEDED"]),
        ]
    );

    // The route the document describes answers with a code it lists.
    let address = api_error_tests::serve(router).await;
    let answer = api_error_tests::client()
        .get(format!("http://{address}/orders/ord_7"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 404);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["code"], "ORDER_NOT_FOUND");
    assert!(documented_codes(&responses["404"]).contains(&"ORDER_NOT_FOUND"));
}
