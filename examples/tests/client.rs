//! A typed client, call by call: the answer of an operation decoded by that operation's error
//! set (the handler's return type, `app::sets`), matched on exactly its errors, over loopback
//! with reqwest; a code outside the set is kept whole.

use api_error_core::{Decode, Decoded};
use api_error_examples::app::sets::{CallerRefused, Owned};
use api_error_examples::errors::{auth_error, order_error, validation_error};
use api_error_examples::{AppState, ServiceConfig, serve};

async fn get(address: std::net::SocketAddr, path: &str, token: Option<&str>) -> Vec<u8> {
    let mut request = api_error_tests::client().get(format!("http://{address}{path}"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec()
}

#[tokio::test]
async fn a_client_decodes_an_operation_s_errors_by_its_set_and_keeps_any_other_whole() {
    let (listener, address) = api_error_tests::listen().await;
    tokio::spawn(serve(listener, AppState::new(ServiceConfig::default())));
    let created = api_error_tests::client()
        .post(format!("http://{address}/orders"))
        .bearer_auth("tok_bob")
        .header("idempotency-key", "client-test-1")
        .json(&serde_json::json!({ "type": "report", "quantity": 1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let order: serde_json::Value = created.json().await.unwrap();
    let bobs = format!("/orders/{}", order["id"].as_str().unwrap());

    // `GET /orders/{order_id}` answers one of `Owned`: each decodes as its own member.
    let Decoded::Known(unknown_id) =
        Owned::from_body(&get(address, "/orders/ord_999", Some("tok_alice")).await)
    else {
        panic!("ORDER_NOT_FOUND is one of the operation's errors");
    };
    let Ok(not_found) = unknown_id.narrow::<order_error::NotFound, _>() else {
        panic!("the body is ORDER_NOT_FOUND's");
    };
    assert_eq!(not_found.order_id, "ord_999");

    let Decoded::Known(malformed) =
        Owned::from_body(&get(address, "/orders/0", Some("tok_alice")).await)
    else {
        panic!("INVALID_PARAMETER is one of the operation's errors");
    };
    let Ok(invalid) = malformed.narrow::<validation_error::InvalidParameter, _>() else {
        panic!("the body is INVALID_PARAMETER's");
    };
    assert_eq!(invalid.name, "order_id");

    let Decoded::Known(theirs) = Owned::from_body(&get(address, &bobs, Some("tok_alice")).await)
    else {
        panic!("ORDER_NOT_OWNER is one of the operation's errors");
    };
    assert!(theirs.narrow::<order_error::NotOwner, _>().is_ok());

    // Refused before the handler: not one of the handler's set, kept whole; the caller's
    // extractor's set reads it.
    let unauthenticated = get(address, &bobs, None).await;
    let Decoded::Unknown(kept) = Owned::from_body(&unauthenticated) else {
        panic!("AUTH_NOT_AUTHENTICATED is not the handler's");
    };
    assert_eq!(kept.body.unwrap().code, "AUTH_NOT_AUTHENTICATED");
    let Decoded::Known(refused) = CallerRefused::from_body(&unauthenticated) else {
        panic!("AUTH_NOT_AUTHENTICATED is the caller's extractor's");
    };
    assert!(refused.narrow::<auth_error::NotAuthenticated, _>().is_ok());
}
