//! The actix-web service (`app::actix`) over real loopback sockets, with a real HTTP client:
//! every request here is sent both to it and to the axum service, each fresh, and the answers
//! must be the same, status, headers and exact body, in the default format and as problem
//! details; then actix-web's own errors, which the middleware renders with the axum layer's
//! codes, with their exact bodies.

mod alike;

use std::net::{Ipv4Addr, SocketAddr, TcpListener};

use alike::{Own, SHARED, Send, axum_service, get, post, send};
use api_error_core::Format;
use api_error_examples::app::actix;
use api_error_examples::{AppState, ServiceConfig};
use api_error_tests::client;

/// The actix-web service with `format`, fresh, on an ephemeral loopback port, on an actix-web
/// runtime of its own thread, as the `actix` binary serves it; its address, and the handle
/// that stops it.
fn actix_service(format: Format) -> (String, actix_web::dev::ServerHandle) {
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).unwrap();
    let address = listener.local_addr().unwrap();
    let config = ServiceConfig {
        format,
        ..ServiceConfig::default()
    };
    let server = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let running = actix::serve(listener, AppState::new(config), 1).unwrap();
            server.0.send(running.handle()).unwrap();
            running.await
        })
    });
    (format!("http://{address}"), server.1.recv().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_shared_request_is_answered_alike_by_axum_and_actix_web_in_both_formats() {
    let client = client();
    for format in [Format::Json, Format::Problem] {
        for req in SHARED {
            let (axum, (actix, handle)) = (axum_service(format).await, actix_service(format));
            req.assert_alike(&client, format, &axum, &actix).await;
            handle.stop(false).await;
        }
    }
}

/// actix-web's own errors, each with its exact answer in the default format and as problem
/// details.
const OWN: &[Own] = &[
    // A query value `Query` cannot read.
    Own {
        send: get("/orders?limit=abc", "tok_alice"),
        status: 400,
        allow: None,
        json: r#"{"code":"INVALID_PARAMETER","message":"Query deserialize error: invalid digit found in string","request_id":"req-alike"}"#,
        problem: r#"{"type":"https://api.example.com/errors/INVALID_PARAMETER","title":"A path or query parameter is not valid","status":400,"detail":"Query deserialize error: invalid digit found in string","instance":"urn:request:req-alike","code":"INVALID_PARAMETER"}"#,
    },
    // A key given twice, which `Query` refuses (so does the axum service, in its own words).
    Own {
        send: get("/orders?limit=5&limit=6", "tok_alice"),
        status: 400,
        allow: None,
        json: r#"{"code":"INVALID_PARAMETER","message":"Query deserialize error: duplicate field `limit`","violations":[{"in":"query","field":"limit","reason":"invalid","message":"given more than once"}],"request_id":"req-alike"}"#,
        problem: r#"{"type":"https://api.example.com/errors/INVALID_PARAMETER","title":"A path or query parameter is not valid","status":400,"detail":"Query deserialize error: duplicate field `limit`","instance":"urn:request:req-alike","code":"INVALID_PARAMETER","errors":[{"detail":"given more than once","parameter":"limit","in":"query","reason":"invalid"}]}"#,
    },
    // A body that is not JSON.
    alike::NOT_JSON,
    // JSON of another type.
    Own {
        send: Send {
            headers: &[("content-type", "application/json")],
            body: r#"{"address":"https://hooks.example.com"}"#,
            ..post("/webhooks", "tok_alice")
        },
        status: 400,
        allow: None,
        json: r#"{"code":"VALIDATION_FAILED","message":"Input validation failed","violations":[{"in":"body","field":"/url","reason":"required","message":"This member is required"}],"request_id":"req-alike"}"#,
        problem: r##"{"type":"https://api.example.com/errors/VALIDATION_FAILED","title":"Input validation failed","status":400,"detail":"Input validation failed","instance":"urn:request:req-alike","code":"VALIDATION_FAILED","errors":[{"detail":"This member is required","pointer":"#/url","reason":"required"}]}"##,
    },
    // A body of another media type.
    alike::OTHER_MEDIA_TYPE,
    // A method the resource does not take.
    Own {
        send: Send {
            method: "DELETE",
            ..get("/orders", "tok_alice")
        },
        status: 405,
        allow: Some("GET, HEAD, POST"),
        json: r#"{"code":"METHOD_NOT_ALLOWED","message":"Method Not Allowed","request_id":"req-alike"}"#,
        problem: r#"{"type":"https://api.example.com/errors/METHOD_NOT_ALLOWED","title":"The route does not take this method","status":405,"detail":"Method Not Allowed","instance":"urn:request:req-alike","code":"METHOD_NOT_ALLOWED"}"#,
    },
    // An unknown route, with no credentials at all.
    alike::UNKNOWN_ROUTE,
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_accept_language_fields_are_one_list() {
    let (base, handle) = actix_service(Format::Json);
    let answer = send(
        &client(),
        &base,
        Send {
            headers: &[("accept-language", "da"), ("accept-language", "fr;q=0.5")],
            ..get("/orders/ord_404", "tok_alice")
        },
    )
    .await;
    let header = |name: &str| answer.header(name);
    assert_eq!(header("content-language"), ["fr"]);
    assert_eq!(header("vary"), ["accept-language"]);
    assert_eq!(
        answer.body,
        r#"{"code":"ORDER_NOT_FOUND","message":"Commande introuvable","details":{"order_id":"ord_404"},"request_id":"req-alike"}"#
    );
    handle.stop(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actix_web_s_own_errors_are_the_axum_layer_s_codes_with_exact_bodies() {
    let client = client();
    for format in [Format::Json, Format::Problem] {
        let (base, handle) = actix_service(format);
        for own in OWN {
            own.assert_answered(&send(&client, &base, own.send).await, format);
        }
        handle.stop(false).await;
    }
}
