//! The poem service (`app::poem`, through `api-error-poem`, an integration written outside the
//! core) over real loopback sockets, with a real HTTP client: every request of every group of
//! the reference's errors is sent both to it and to the axum service, each fresh, and the
//! answers must be the same, status, headers and exact body, in the default format and as
//! problem details; then poem's own errors, which the middleware renders with the axum layer's
//! codes, with their exact bodies.

mod alike;

use std::net::{Ipv4Addr, SocketAddr, TcpListener};

use alike::{Own, SHARED, Send, TOO_LARGE, axum_service, get, order, send};
use api_error_core::Format;
use api_error_examples::app::poem;
use api_error_examples::{AppState, ServiceConfig};
use api_error_tests::client;

/// The poem service with `format`, fresh, on an ephemeral loopback port: its address, and the
/// task that serves it.
fn poem_service(format: Format) -> (String, tokio::task::JoinHandle<std::io::Result<()>>) {
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).unwrap();
    let address = listener.local_addr().unwrap();
    let config = ServiceConfig {
        format,
        ..ServiceConfig::default()
    };
    let task = tokio::spawn(poem::serve(listener, AppState::new(config)));
    (format!("http://{address}"), task)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_shared_request_is_answered_alike_by_axum_and_poem_in_both_formats() {
    let client = client();
    for format in [Format::Json, Format::Problem] {
        for req in SHARED {
            let (axum, (poem, task)) = (axum_service(format).await, poem_service(format));
            req.assert_alike(&client, format, &axum, &poem).await;
            task.abort();
        }
    }
}

/// poem's own errors, each with its exact answer in the default format and as problem details.
const OWN: &[Own] = &[
    // A query value `Query` cannot read.
    Own {
        send: get("/orders?limit=abc", "tok_alice"),
        status: 400,
        allow: None,
        json: r#"{"code":"INVALID_PARAMETER","message":"invalid digit found in string","request_id":"req-alike"}"#,
        problem: r#"{"type":"https://api.example.com/errors/INVALID_PARAMETER","title":"A path or query parameter is not valid","status":400,"detail":"invalid digit found in string","instance":"urn:request:req-alike","code":"INVALID_PARAMETER"}"#,
    },
    // A key given twice, which `Query` refuses (so does the axum service, in its own words).
    Own {
        send: get("/orders?limit=5&limit=6", "tok_alice"),
        status: 400,
        allow: None,
        json: r#"{"code":"INVALID_PARAMETER","message":"duplicate field `limit`","violations":[{"in":"query","field":"limit","reason":"invalid","message":"given more than once"}],"request_id":"req-alike"}"#,
        problem: r#"{"type":"https://api.example.com/errors/INVALID_PARAMETER","title":"A path or query parameter is not valid","status":400,"detail":"duplicate field `limit`","instance":"urn:request:req-alike","code":"INVALID_PARAMETER","errors":[{"detail":"given more than once","parameter":"limit","in":"query","reason":"invalid"}]}"#,
    },
    // A body that is not JSON.
    alike::NOT_JSON,
    // A body of another media type.
    alike::OTHER_MEDIA_TYPE,
    // A body over the limit, which poem's reader stops at; its message is the service's
    // translation of the code.
    Own {
        send: Send {
            body: TOO_LARGE,
            ..order("order-key-0001", "tok_alice", "")
        },
        status: 413,
        allow: None,
        json: r#"{"code":"CONTENT_TOO_LARGE","message":"The request body is over the limit of 2 MiB","request_id":"req-alike"}"#,
        problem: r#"{"type":"https://api.example.com/errors/CONTENT_TOO_LARGE","title":"The request body is too large","status":413,"detail":"The request body is over the limit of 2 MiB","instance":"urn:request:req-alike","code":"CONTENT_TOO_LARGE"}"#,
    },
    // A method the route does not take: poem's router does not say which it takes, so there is
    // no `Allow` (axum and actix-web send one).
    Own {
        send: Send {
            method: "DELETE",
            ..get("/orders", "tok_alice")
        },
        status: 405,
        allow: None,
        json: r#"{"code":"METHOD_NOT_ALLOWED","message":"Method Not Allowed","request_id":"req-alike"}"#,
        problem: r#"{"type":"https://api.example.com/errors/METHOD_NOT_ALLOWED","title":"The route does not take this method","status":405,"detail":"Method Not Allowed","instance":"urn:request:req-alike","code":"METHOD_NOT_ALLOWED"}"#,
    },
    // An unknown route, with no credentials at all.
    alike::UNKNOWN_ROUTE,
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poem_s_own_errors_are_the_axum_layer_s_codes_with_exact_bodies() {
    let client = client();
    for format in [Format::Json, Format::Problem] {
        let (base, task) = poem_service(format);
        for own in OWN {
            own.assert_answered(&send(&client, &base, own.send).await, format);
        }
        task.abort();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_without_an_id_gets_a_generated_one_in_the_header_and_the_body() {
    let (base, task) = poem_service(Format::Json);
    let response = client()
        .get(format!("{base}/orders/ord_404"))
        .header("authorization", "Bearer tok_alice")
        .header("x-request-id", "../admin")
        .send()
        .await
        .unwrap();
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(id.len(), 32, "{id}");
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    assert_eq!(
        response.text().await.unwrap(),
        format!(
            r#"{{"code":"ORDER_NOT_FOUND","message":"Order not found","details":{{"order_id":"ord_404"}},"request_id":"{id}"}}"#
        )
    );
    task.abort();
}
