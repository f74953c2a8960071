//! The gRPC orders service over a real loopback socket with a real tonic client: each error's
//! gRPC code and message, and the `google.rpc` details the client reads back with
//! tonic-types: `ErrorInfo` (the reference's code, the service's domain, the details),
//! `RetryInfo` and `RequestInfo`.

use std::time::Duration;

use api_error_examples::app::grpc::{DOMAIN, pb};
use api_error_examples::{AppState, ServiceConfig};
use tonic::Code;
use tonic::metadata::MetadataValue;
use tonic::transport::Channel;
use tonic_types::StatusExt;

/// Starts a fresh service and connects a client to it.
async fn client() -> pb::orders_client::OrdersClient<Channel> {
    let (listener, address) = api_error_tests::listen().await;
    tokio::spawn(api_error_examples::app::grpc::serve(
        listener,
        AppState::new(ServiceConfig::default()),
    ));
    pb::orders_client::OrdersClient::connect(format!("http://{address}"))
        .await
        .unwrap()
}

/// A request for `order_id` with `token` and the request id `req-grpc`.
fn request<T>(message: T, token: Option<&str>) -> tonic::Request<T> {
    let mut request = tonic::Request::new(message);
    if let Some(token) = token {
        let value: MetadataValue<_> = format!("Bearer {token}").parse().unwrap();
        request.metadata_mut().insert("authorization", value);
    }
    request
        .metadata_mut()
        .insert("x-request-id", MetadataValue::from_static("req-grpc"));
    request
}

fn get(order_id: &str, token: Option<&str>) -> tonic::Request<pb::GetOrderRequest> {
    request(
        pb::GetOrderRequest {
            order_id: order_id.into(),
        },
        token,
    )
}

fn confirm(order_id: &str, token: &str) -> tonic::Request<pb::ConfirmOrderRequest> {
    request(
        pb::ConfirmOrderRequest {
            order_id: order_id.into(),
        },
        Some(token),
    )
}

/// Asserts what `status` says: its gRPC code, message, and `ErrorInfo`'s reason and metadata;
/// its `RequestInfo` is the request's id.
fn assert_error(
    status: &tonic::Status,
    code: Code,
    message: &str,
    reason: &str,
    metadata: &[(&str, &str)],
) {
    assert_eq!(status.code(), code, "{status:?}");
    assert_eq!(status.message(), message);
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, reason);
    assert_eq!(info.domain, DOMAIN);
    let mut received: Vec<(&str, &str)> = info
        .metadata
        .iter()
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .collect();
    received.sort_unstable();
    assert_eq!(received, metadata);
    let request = status.get_details_request_info().unwrap();
    assert_eq!(request.request_id, "req-grpc");
}

#[tokio::test]
async fn an_order_is_read_and_confirmed() {
    let mut client = client().await;
    let order = client
        .get_order(get("ord_1", Some("tok_alice")))
        .await
        .unwrap();
    assert_eq!(
        order.into_inner(),
        pb::Order {
            id: "ord_1".into(),
            r#type: "report".into(),
            status: "pending".into(),
            quantity: 1,
            file_uploaded: false,
        }
    );
    let confirmed = client
        .confirm_order(confirm("ord_1", "tok_alice"))
        .await
        .unwrap();
    assert_eq!(confirmed.into_inner().status, "confirmed");
}

#[tokio::test]
async fn each_error_is_its_code_its_message_and_its_details() {
    let mut client = client().await;
    let status = client
        .get_order(get("ord_404", Some("tok_alice")))
        .await
        .unwrap_err();
    assert_error(
        &status,
        Code::NotFound,
        "Order not found",
        "ORDER_NOT_FOUND",
        &[("orderId", "ord_404")],
    );

    let status = client.get_order(get("ord_1", None)).await.unwrap_err();
    assert_error(
        &status,
        Code::Unauthenticated,
        "Authentication required",
        "AUTH_NOT_AUTHENTICATED",
        &[],
    );

    let status = client
        .get_order(get("ord_1", Some("tok_bob")))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::PermissionDenied);
    assert_eq!(
        status.get_details_error_info().unwrap().reason,
        "ORDER_NOT_OWNER"
    );

    let status = client
        .get_order(get("order-1", Some("tok_alice")))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(
        status.get_details_error_info().unwrap().reason,
        "INVALID_PARAMETER"
    );

    let status = client
        .confirm_order(confirm("ord_1", "tok_alice_readonly"))
        .await
        .unwrap_err();
    assert_error(
        &status,
        Code::PermissionDenied,
        "Insufficient permissions: this needs the `orders:write` scope",
        "AUTH_FORBIDDEN",
        &[("requiredScope", "orders:write")],
    );

    let status = client
        .confirm_order(confirm("ord_2", "tok_alice"))
        .await
        .unwrap_err();
    // A 400 over HTTP; the reference declares the order's states `grpc = "FAILED_PRECONDITION"`.
    assert_error(
        &status,
        Code::FailedPrecondition,
        "Order ord_2 has already been confirmed",
        "ORDER_ALREADY_CONFIRMED",
        &[("orderId", "ord_2")],
    );

    let status = client
        .confirm_order(confirm("ord_5", "tok_alice"))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::FailedPrecondition);
    assert_eq!(
        status.get_details_error_info().unwrap().reason,
        "ORDER_EXPIRED"
    );
}

#[tokio::test]
async fn past_the_rate_limit_the_status_says_when_to_retry() {
    let mut client = client().await;
    // carol's plan allows 5 requests a window.
    for _ in 0..5 {
        client
            .get_order(get("ord_404", Some("tok_carol")))
            .await
            .unwrap_err();
    }
    let status = client
        .get_order(get("ord_404", Some("tok_carol")))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted);
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "RATE_LIMIT_EXCEEDED");
    let retry = status
        .get_details_retry_info()
        .unwrap()
        .retry_delay
        .unwrap();
    assert!(
        retry >= Duration::from_secs(1) && retry <= Duration::from_secs(60),
        "{retry:?}"
    );
    let received = api_error_core::tonic::read(&status).unwrap();
    assert_eq!(received.retry_after, Some(retry));
    assert_eq!(received.request_id.as_deref(), Some("req-grpc"));
}

#[tokio::test]
async fn a_client_that_asks_for_a_language_gets_the_message_in_it_beside_the_declared_one() {
    let mut client = client().await;
    let mut asked = confirm("ord_2", "tok_alice");
    asked.metadata_mut().insert(
        "accept-language",
        MetadataValue::from_static("de-CH, en;q=0.5"),
    );
    let status = client.confirm_order(asked).await.unwrap_err();
    assert_eq!(status.message(), "Order ord_2 has already been confirmed");
    let localized = status.get_details_localized_message().unwrap();
    assert_eq!(localized.locale, "de");
    assert_eq!(
        localized.message,
        "Die Bestellung ord_2 ist bereits bestätigt"
    );

    // Right to left: the order id between isolation marks.
    let mut asked = confirm("ord_2", "tok_alice");
    asked
        .metadata_mut()
        .insert("accept-language", MetadataValue::from_static("ar"));
    let status = client.confirm_order(asked).await.unwrap_err();
    let received = api_error_core::tonic::read(&status).unwrap();
    assert_eq!(
        received.localized,
        Some((
            "ar".to_owned(),
            "الطلب \u{2068}ord_2\u{2069} مؤكَّد من قبل".to_owned()
        ))
    );

    // No language asked for: the default locale's, the declared message.
    let status = client
        .get_order(get("ord_404", Some("tok_alice")))
        .await
        .unwrap_err();
    let localized = status.get_details_localized_message().unwrap();
    assert_eq!(
        (localized.locale.as_str(), localized.message.as_str()),
        ("en", "Order not found")
    );
}

/// The settings the server announces, read by an HTTP/2 client below gRPC: a connection may
/// open no more than [`MAX_CONCURRENT_STREAMS`] streams at once (without the bound, 40 000
/// unfinished streams on a few connections took the server from 5 to 380 MB).
///
/// [`MAX_CONCURRENT_STREAMS`]: api_error_examples::app::grpc::MAX_CONCURRENT_STREAMS
#[tokio::test]
async fn a_connection_s_streams_are_bounded() {
    let (listener, address) = api_error_tests::listen().await;
    tokio::spawn(api_error_examples::app::grpc::serve(
        listener,
        AppState::new(ServiceConfig::default()),
    ));
    let tcp = tokio::net::TcpStream::connect(address).await.unwrap();
    let (client, mut connection) = h2::client::handshake(tcp).await.unwrap();
    let mut client = client.ready().await.unwrap();
    let request = http::Request::post(format!("http://{address}/orders.v1.Orders/GetOrder"))
        .header("content-type", "application/grpc")
        .body(())
        .unwrap();
    let (response, _) = client.send_request(request, true).unwrap();
    // The server's settings are read before its answer to a call.
    let answered = tokio::select! {
        answered = response => answered,
        ended = &mut connection => panic!("the connection ended first: {ended:?}"),
    };
    assert_eq!(answered.unwrap().status(), 200);
    assert_eq!(
        connection.max_concurrent_send_streams(),
        api_error_examples::app::grpc::MAX_CONCURRENT_STREAMS as usize
    );
}

/// A `GetOrderRequest` as a client with another idea of it sends it: its field 1 a number
/// where the service's is a string.
#[derive(Clone, PartialEq, prost::Message)]
struct Mistyped {
    #[prost(uint64, tag = "1")]
    order_id: u64,
}

/// Calls `path` with `message`, as a generic client does, and returns the status it fails with.
async fn call<M>(path: &'static str, message: M) -> tonic::Status
where
    M: prost::Message + Send + Sync + 'static,
{
    let (listener, address) = api_error_tests::listen().await;
    tokio::spawn(api_error_examples::app::grpc::serve(
        listener,
        AppState::new(ServiceConfig::default()),
    ));
    let channel = Channel::from_shared(format!("http://{address}"))
        .unwrap()
        .connect()
        .await
        .unwrap();
    let mut grpc = tonic::client::Grpc::new(channel);
    grpc.ready().await.unwrap();
    let codec = tonic_prost::ProstCodec::<M, pb::Order>::default();
    grpc.unary(
        request(message, Some("tok_alice")),
        http::uri::PathAndQuery::from_static(path),
        codec,
    )
    .await
    .expect_err("the call fails")
}

#[tokio::test]
async fn tonic_s_own_errors_are_answered_in_the_envelope() {
    // A message that does not decode: the client's fault, with no type or field of the
    // service's named.
    let status = call("/orders.v1.Orders/GetOrder", Mistyped { order_id: 7 }).await;
    assert_error(
        &status,
        Code::InvalidArgument,
        "Input validation failed",
        "VALIDATION_FAILED",
        &[],
    );
    // What was wrong, as a `google.rpc.BadRequest`: the whole message.
    let bad = status.get_details_bad_request().unwrap();
    let violations: Vec<(&str, &str, &str)> = bad
        .field_violations
        .iter()
        .map(|v| (v.field.as_str(), v.reason.as_str(), v.description.as_str()))
        .collect();
    assert_eq!(
        violations,
        [(
            "",
            "SYNTAX",
            "The request message does not decode as the method's message"
        )]
    );
    assert!(
        !format!("{status:?}").contains("GetOrderRequest"),
        "{status:?}"
    );
    // A message over the service's limit.
    let status = call(
        "/orders.v1.Orders/GetOrder",
        pb::GetOrderRequest {
            order_id: "o".repeat(20_000),
        },
    )
    .await;
    assert_error(
        &status,
        Code::ResourceExhausted,
        "Content Too Large",
        "CONTENT_TOO_LARGE",
        &[],
    );
    // A method the service does not have.
    let status = call(
        "/orders.v1.Orders/DeleteOrder",
        pb::GetOrderRequest {
            order_id: "ord_1".into(),
        },
    )
    .await;
    assert_error(
        &status,
        Code::Unimplemented,
        "The service has no such method",
        "NOT_FOUND",
        &[],
    );
}

/// A client of the service at `address`, on a connection of its own.
async fn client_of(
    address: std::net::SocketAddr,
) -> Result<pb::orders_client::OrdersClient<Channel>, tonic::transport::Error> {
    let channel = Channel::from_shared(format!("http://{address}"))
        .unwrap()
        .connect()
        .await?;
    Ok(pb::orders_client::OrdersClient::new(channel))
}

#[tokio::test]
async fn connections_past_the_cap_are_closed_until_one_closes() {
    let (listener, address) = api_error_tests::listen().await;
    tokio::spawn(api_error_examples::app::grpc::serve(
        listener,
        AppState::new(ServiceConfig {
            max_connections: 1,
            ..ServiceConfig::default()
        }),
    ));
    let mut first = client_of(address).await.unwrap();
    first
        .get_order(get("ord_1", Some("tok_alice")))
        .await
        .unwrap();
    // A second connection is closed as soon as it is accepted: its call fails unanswered.
    let refused = match client_of(address).await {
        Err(_) => true,
        Ok(mut second) => second
            .get_order(get("ord_1", Some("tok_alice")))
            .await
            .is_err(),
    };
    assert!(
        refused,
        "a second connection was served past the cap of one"
    );
    // The first closed, a new connection is served.
    drop(first);
    let mut served = false;
    for _ in 0..100 {
        if let Ok(mut again) = client_of(address).await
            && again
                .get_order(get("ord_1", Some("tok_alice")))
                .await
                .is_ok()
        {
            served = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(served, "no connection served once the first closed");
}

#[tokio::test]
async fn a_confirmation_of_a_malformed_order_id_is_a_bad_request_naming_the_field() {
    let mut client = client().await;
    let mut asked = confirm("order-1", "tok_alice");
    asked
        .metadata_mut()
        .insert("accept-language", MetadataValue::from_static("de"));
    let status = client.confirm_order(asked).await.unwrap_err();
    assert_error(
        &status,
        Code::InvalidArgument,
        "Invalid parameter `order_id`",
        "INVALID_PARAMETER",
        &[
            ("name", "order_id"),
            (
                "reason",
                "expected an order id such as `ord_1`, found `order-1`",
            ),
        ],
    );
    // What a client written against `google.rpc.BadRequest` alone reads: the request's field,
    // why in capitals, the description, and the message in the language it asked for.
    let bad = status.get_details_bad_request().unwrap();
    let seen: Vec<_> = bad
        .field_violations
        .iter()
        .map(|v| {
            (
                v.field.as_str(),
                v.reason.as_str(),
                v.description.as_str(),
                v.localized_message
                    .as_ref()
                    .map(|m| (m.locale.as_str(), m.message.as_str())),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [(
            "order_id",
            "FORMAT",
            "expected an order id such as `ord_1`",
            Some(("de", "Dieser Wert hat nicht die verlangte Form")),
        )]
    );
}
