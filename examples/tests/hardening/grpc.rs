//! The gRPC binary against clients that hold it up: calls whose message never comes, a
//! connection's streams all open, and one address's connections past its share.

use std::net::SocketAddr;
use std::process::Stdio;

use api_error_examples::app::grpc::{
    MAX_CALLS_IN_FLIGHT, MAX_CALLS_PER_ADDRESS, MAX_CONCURRENT_STREAMS, pb,
};
use tonic::Code;

use crate::GRPC;
use crate::binary::Server;
use crate::wire::{PATIENCE, SHORT, connect_from};

/// A call of `GetOrder` with alice's token, opened on `client` and its message left unsent.
pub(crate) fn open_call(
    client: &mut h2::client::SendRequest<bytes::Bytes>,
    address: SocketAddr,
) -> (h2::client::ResponseFuture, h2::SendStream<bytes::Bytes>) {
    let request = http::Request::post(format!("http://{address}/orders.v1.Orders/GetOrder"))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .header("authorization", "Bearer tok_alice")
        .body(())
        .unwrap();
    client.send_request(request, false).unwrap()
}

/// An HTTP/2 connection to `address` from the loopback address `from`, below gRPC.
pub(crate) async fn h2_from(
    from: [u8; 4],
    address: SocketAddr,
) -> h2::client::SendRequest<bytes::Bytes> {
    h2_with_pings(from, address).await.0
}

/// [`h2_from`], and its pings: the server answers a ping once it has read every frame sent
/// before it (and sent its settings, which come first).
pub(crate) async fn h2_with_pings(
    from: [u8; 4],
    address: SocketAddr,
) -> (h2::client::SendRequest<bytes::Bytes>, h2::PingPong) {
    let tcp = connect_from(from, address).await;
    let (client, mut connection) = h2::client::handshake(tcp).await.unwrap();
    let pings = connection.ping_pong().expect("the connection's pings");
    tokio::spawn(connection);
    (client.ready().await.unwrap(), pings)
}

/// The status a client reads from the answer to a call: its `grpc-status`, in the head (an
/// answer with no message) or in the trailers.
pub(crate) async fn grpc_status(response: h2::client::ResponseFuture) -> String {
    let response = tokio::time::timeout(PATIENCE, response)
        .await
        .expect("answered before the patience ran out")
        .unwrap();
    if let Some(status) = response.headers().get("grpc-status") {
        return status.to_str().unwrap().to_owned();
    }
    let mut body = response.into_body();
    while let Some(chunk) = body.data().await {
        let _ = chunk.unwrap();
    }
    let trailers = body.trailers().await.unwrap().expect("trailers");
    trailers["grpc-status"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_call_whose_message_never_comes_ends_deadline_exceeded() {
    let short = SHORT.as_millis().to_string();
    let (_server, address) =
        Server::start_with(GRPC, &["--request-timeout-ms", &short], Stdio::null());
    let mut client = h2_from([127, 0, 0, 1], address).await;
    let (response, _message) = open_call(&mut client, address);
    assert_eq!(
        grpc_status(response).await,
        (Code::DeadlineExceeded as i32).to_string()
    );
}

#[tokio::test]
async fn a_call_s_own_shorter_deadline_is_kept() {
    // The service's time is the default 30 s; a call asks for less.
    let (_server, address) = Server::start(GRPC, Stdio::null());
    let mut client = pb::orders_client::OrdersClient::connect(format!("http://{address}"))
        .await
        .unwrap();
    let mut request = tonic::Request::new(pb::GetOrderRequest {
        order_id: "ord_1".into(),
    });
    request.set_timeout(SHORT * 5);
    request
        .metadata_mut()
        .insert("authorization", "Bearer tok_alice".parse().unwrap());
    // A call with a deadline of its own, answered within it, succeeds (five seconds, so that
    // a machine under load answers in time).
    client.get_order(request).await.unwrap();
    // One whose message never comes is cut off at its own deadline, not the service's.
    let mut h2 = h2_from([127, 0, 0, 1], address).await;
    let request = http::Request::post(format!("http://{address}/orders.v1.Orders/GetOrder"))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .header("grpc-timeout", "100m")
        .body(())
        .unwrap();
    let (response, _message) = h2.send_request(request, false).unwrap();
    let answered = tokio::time::timeout(SHORT * 5, grpc_status(response))
        .await
        .expect("cut off at the call's deadline, long before the service's");
    assert_eq!(answered, (Code::DeadlineExceeded as i32).to_string());
}

#[tokio::test]
async fn one_address_holds_at_most_its_share_of_connections_while_others_are_served() {
    let (_server, address) =
        Server::start_with(GRPC, &["--max-connections-per-address", "2"], Stdio::null());
    let _held = [
        h2_from([127, 0, 0, 1], address).await,
        h2_from([127, 0, 0, 1], address).await,
    ];
    // The third from the same address is closed as soon as it is accepted.
    let tcp = connect_from([127, 0, 0, 1], address).await;
    let handshake = tokio::time::timeout(PATIENCE, h2::client::handshake(tcp))
        .await
        .expect("ended before the patience ran out");
    let refused = match handshake {
        Err(_) => true,
        Ok((client, connection)) => {
            tokio::spawn(connection);
            match client.ready().await {
                Err(_) => true,
                Ok(mut client) => {
                    let (response, _) = open_call(&mut client, address);
                    tokio::time::timeout(PATIENCE, response)
                        .await
                        .expect("ended before the patience ran out")
                        .is_err()
                }
            }
        }
    };
    assert!(refused, "a third connection from one address was served");
    // Another address is served.
    let mut other = h2_from([127, 0, 0, 2], address).await;
    let (response, mut message) = open_call(&mut other, address);
    message
        .send_data(bytes::Bytes::from_static(crate::shutdown::GET_ORD_1), true)
        .unwrap();
    assert_eq!(grpc_status(response).await, "0");
}

/// A connection from `from` with `count` unfinished calls, opened once a ping's answer says
/// the client has the server's settings (the most streams it may open): the calls' halves,
/// and the connection's client.
type Held = (
    Vec<(h2::client::ResponseFuture, h2::SendStream<bytes::Bytes>)>,
    h2::client::SendRequest<bytes::Bytes>,
);

/// The flags of a service that calls are held on. A call's time is far longer than a loaded
/// machine takes to hold them all. The rate window is one second: alice may make 120 calls a
/// second, more than her calls that wait for the held ones to be taken in can make, so that a
/// `RESOURCE_EXHAUSTED` is always the calls in flight, never her rate limit.
const HOLDING: [&str; 4] = ["--request-timeout-ms", "600000", "--rate-window-ms", "1000"];

async fn hold_calls(from: [u8; 4], count: usize, address: SocketAddr) -> Held {
    let (mut client, mut pings) = h2_with_pings(from, address).await;
    pings.ping(h2::Ping::opaque()).await.unwrap();
    let mut open = Vec::new();
    for _ in 0..count {
        client = client.ready().await.unwrap();
        open.push(open_call(&mut client, address));
    }
    (open, client)
}

/// What a call of alice's from `from`, on a connection of its own, is answered.
async fn call_from(from: [u8; 4], address: SocketAddr) -> String {
    let mut client = h2_from(from, address).await;
    let (response, mut message) = open_call(&mut client, address);
    message
        .send_data(bytes::Bytes::from_static(crate::shutdown::GET_ORD_1), true)
        .unwrap();
    grpc_status(response).await
}

/// The status of a call refused for want of room: `RESOURCE_EXHAUSTED`.
fn exhausted() -> String {
    (Code::ResourceExhausted as i32).to_string()
}

/// Calls from `from` until one is refused for want of room (the server takes in the calls held
/// before it as they arrive), within the patience.
async fn refused_from(from: [u8; 4], address: SocketAddr) {
    let began = std::time::Instant::now();
    while call_from(from, address).await != exhausted() {
        assert!(began.elapsed() < PATIENCE, "no call refused");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn past_the_calls_in_flight_of_the_whole_a_call_is_refused_at_once() {
    let (_server, address) = Server::start_with(GRPC, &HOLDING, Stdio::null());
    // Unfinished calls from eight addresses, each its share, until the service has its most in
    // flight.
    let mut held = Vec::new();
    for n in 0..MAX_CALLS_IN_FLIGHT / MAX_CALLS_PER_ADDRESS {
        let from = [127, 0, 1, u8::try_from(n + 1).unwrap()];
        held.push(hold_calls(from, MAX_CALLS_PER_ADDRESS, address).await);
    }
    refused_from([127, 0, 2, 1], address).await;
    // The same, read by a tonic client: the status in the envelope.
    let mut other = pb::orders_client::OrdersClient::connect(format!("http://{address}"))
        .await
        .unwrap();
    let busy = other
        .get_order(pb::GetOrderRequest {
            order_id: "ord_1".into(),
        })
        .await
        .expect_err("the service is at its most calls");
    assert_eq!(busy.code(), Code::ResourceExhausted, "{busy:?}");
    assert_eq!(busy.message(), "Too Many Requests");
    // The unfinished calls given up, calls are served again.
    drop(held);
    let began = std::time::Instant::now();
    while call_from([127, 0, 2, 1], address).await != "0" {
        assert!(
            began.elapsed() < PATIENCE,
            "calls are not served once the unfinished ones ended"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn one_address_holds_at_most_its_share_of_the_calls_in_flight() {
    let (_server, address) = Server::start_with(GRPC, &HOLDING, Stdio::null());
    // One connection with every stream it may have open, none finished: past the address's
    // share, each is answered at once, a status alone in the head.
    let (open, client) = hold_calls([127, 0, 1, 1], MAX_CONCURRENT_STREAMS as usize, address).await;
    let refused = MAX_CONCURRENT_STREAMS as usize - MAX_CALLS_PER_ADDRESS;
    let mut waiting: Vec<_> = open
        .into_iter()
        .map(|(response, body)| (Some(response), body))
        .collect();
    let mut answered = 0;
    let began = std::time::Instant::now();
    while answered < refused {
        assert!(
            began.elapsed() < PATIENCE,
            "{answered} of {refused} refused"
        );
        for (response, _) in &mut waiting {
            let Some(pending) = response else { continue };
            if let Ok(answer) =
                tokio::time::timeout(std::time::Duration::from_millis(1), pending).await
            {
                let answer = answer.unwrap();
                let status = answer.headers()["grpc-status"].to_str().unwrap();
                assert_eq!(status, exhausted());
                *response = None;
                answered += 1;
            }
        }
    }
    // The rest, its share, are held: none is answered.
    for (response, _) in &mut waiting {
        if let Some(pending) = response {
            assert!(
                tokio::time::timeout(std::time::Duration::from_millis(1), pending)
                    .await
                    .is_err()
            );
        }
    }
    // Its next call, even on a connection of its own, is refused at once; another address's
    // is served.
    assert_eq!(call_from([127, 0, 1, 1], address).await, exhausted());
    assert_eq!(call_from([127, 0, 1, 2], address).await, "0");
    drop((waiting, client));
}

#[tokio::test]
async fn a_silent_connection_is_closed_and_a_quiet_client_that_answers_is_kept() {
    let short = SHORT.as_millis().to_string();
    let (_server, address) =
        Server::start_with(GRPC, &["--header-timeout-ms", &short], Stdio::null());
    // One that never finishes HTTP/2's handshake (its preface, then nothing): closed.
    let mut silent = connect_from([127, 0, 0, 1], address).await;
    tokio::io::AsyncWriteExt::write_all(&mut silent, b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
        .await
        .unwrap();
    let mut seen = Vec::new();
    let ended = tokio::time::timeout(
        PATIENCE,
        tokio::io::AsyncReadExt::read_to_end(&mut silent, &mut seen),
    )
    .await;
    assert!(ended.is_ok(), "still open after {PATIENCE:?}");
    // A client that says nothing for three times as long, but answers the server's pings: its
    // connection is kept, and its next call served on it.
    let mut client = h2_from([127, 0, 0, 2], address).await;
    let (first, mut message) = open_call(&mut client, address);
    message
        .send_data(bytes::Bytes::from_static(crate::shutdown::GET_ORD_1), true)
        .unwrap();
    assert_eq!(grpc_status(first).await, "0");
    tokio::time::sleep(SHORT * 3).await;
    let mut client = client.ready().await.expect("the connection is kept");
    let (next, mut message) = open_call(&mut client, address);
    message
        .send_data(bytes::Bytes::from_static(crate::shutdown::GET_ORD_1), true)
        .unwrap();
    assert_eq!(grpc_status(next).await, "0");
}
