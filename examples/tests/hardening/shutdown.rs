//! A service told to stop (SIGTERM, as an orchestrator stops one) answers what is in flight,
//! refuses new connections and exits cleanly; what outlasts its drain time is cut off, and it
//! exits all the same.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::Duration;

use crate::binary::Server;
use crate::grpc::{h2_with_pings, open_call};
use crate::{GRPC, HTTP, name};

/// Sends on `connection` the head of an order's creation whose body is `body`, asking before
/// it sends the body, and waits for the `100 Continue` that says `binary` has the request
/// (hyper says it once the handler reads the body, actix-web once the head is parsed): the
/// request is in flight, and its body not sent.
fn in_flight(connection: &mut TcpStream, body: &[u8], binary: &str) {
    let head = format!(
        "POST /orders HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer tok_alice\r\n\
         Idempotency-Key: shutdown-1\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nExpect: 100-continue\r\n\r\n",
        body.len()
    );
    connection.write_all(head.as_bytes()).unwrap();
    let asked = read_head(connection);
    assert!(
        asked.starts_with("HTTP/1.1 100 Continue\r\n"),
        "{}: {asked:?}",
        name(binary)
    );
}

/// Reads from `connection` up to the end of a head: a `100 Continue`, or an answer's head.
fn read_head(connection: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        connection.read_exact(&mut byte).unwrap();
        head.push(byte[0]);
    }
    String::from_utf8(head).unwrap()
}

/// Sends SIGTERM to `server`, whose standard error is piped, and waits until its log says it
/// has begun to stop (no new connections); the rest of the log is read, and dropped, in the
/// background.
fn terminate_and_see_it_stopping(server: &mut Server) {
    let log = server.0.stderr.take().expect("standard error piped");
    let (said, heard) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(log).lines().map_while(Result::ok) {
            if line.contains("stopping: no new connections") {
                let _ = said.send(());
            }
        }
    });
    server.terminate();
    heard
        .recv_timeout(Duration::from_secs(15))
        .expect("the service says it is stopping");
}

#[test]
fn a_request_in_flight_is_answered_and_the_service_exits_cleanly() {
    for binary in HTTP {
        let (mut server, address) = Server::start(binary, Stdio::piped());
        let mut connection = TcpStream::connect(address).unwrap();
        connection
            .set_read_timeout(Some(Duration::from_secs(15)))
            .unwrap();
        // A request in flight, its body not sent. The service is stopped, and only once it
        // says so is the body sent.
        let body = br#"{"type":"report","quantity":1}"#;
        in_flight(&mut connection, body, binary);
        terminate_and_see_it_stopping(&mut server);
        connection.write_all(body).unwrap();
        // Answered in full, then closed: reading to the end returns only once the service has
        // closed the connection (within the read timeout). Whether the answer also says
        // `connection: close` depends on whether the stop, passed from the task that logged
        // it, reached this connection before its answer was written: either is a clean stop.
        let mut answer = String::new();
        connection.read_to_string(&mut answer).unwrap();
        assert!(
            answer.starts_with("HTTP/1.1 201 Created\r\n"),
            "{}: the request in flight was not answered: {answer:?}",
            name(binary)
        );
        assert!(answer.ends_with('}'), "{answer}");
        let status = server.exit_within(Duration::from_secs(15));
        assert!(status.success(), "{}: {status}", name(binary));
        // Stopped accepting: a new connection is refused.
        assert!(TcpStream::connect(address).is_err(), "{}", name(binary));
    }
}

#[test]
fn a_request_that_outlasts_the_drain_time_is_cut_off_and_the_service_exits_cleanly() {
    for binary in HTTP {
        let (mut server, address) =
            Server::start_with(binary, &["--drain-timeout-ms", "1000"], Stdio::null());
        let mut connection = TcpStream::connect(address).unwrap();
        connection
            .set_read_timeout(Some(Duration::from_secs(15)))
            .unwrap();
        // A request in flight whose body never comes (within the default 10 s a pause may
        // last).
        in_flight(&mut connection, b"{}", binary);
        server.terminate();
        // Far less than the body's own timeout: the drain's second is what ends it.
        let status = server.exit_within(Duration::from_secs(8));
        assert!(status.success(), "{}: {status}", name(binary));
    }
}

/// A `GetOrderRequest` for `ord_1` in gRPC's framing: not compressed, its length, then field 1
/// (a string) as protobuf writes it.
pub(crate) const GET_ORD_1: &[u8] = b"\x00\x00\x00\x00\x07\x0a\x05ord_1";

#[tokio::test]
async fn on_grpc_a_call_in_flight_is_answered_and_the_service_exits_cleanly() {
    let (mut server, address) = Server::start(GRPC, Stdio::piped());
    let (mut client, mut pings) = h2_with_pings([127, 0, 0, 1], address).await;
    // The call is open and its message not sent when the signal comes. The answer to a ping
    // sent after its head says the service has read that head: the call is in flight.
    let (response, mut message) = open_call(&mut client, address);
    pings.ping(h2::Ping::opaque()).await.unwrap();
    terminate_and_see_it_stopping(&mut server);
    message
        .send_data(bytes::Bytes::from_static(GET_ORD_1), true)
        .unwrap();
    let response = tokio::time::timeout(Duration::from_secs(15), response)
        .await
        .expect("answered within the drain")
        .unwrap();
    assert_eq!(response.status(), 200);
    let mut body = response.into_body();
    let mut answer = Vec::new();
    while let Some(chunk) = body.data().await {
        let chunk = chunk.unwrap();
        let _ = body.flow_control().release_capacity(chunk.len());
        answer.extend_from_slice(&chunk);
    }
    let trailers = body.trailers().await.unwrap().expect("trailers");
    assert_eq!(trailers["grpc-status"], "0", "{trailers:?}");
    // The order, `ord_1`, in the answer's message.
    assert!(
        answer.windows(5).any(|window| window == b"ord_1"),
        "{answer:?}"
    );
    let status = server.exit_within(Duration::from_secs(15));
    assert!(status.success(), "{status}");
    assert!(TcpStream::connect(address).is_err());
}

#[tokio::test]
async fn an_idle_kept_alive_connection_does_not_hold_the_stop() {
    // The drain would last a minute: a service that waited for an idle connection to go would
    // still be running long after the ten seconds it is given here.
    let flags = ["--drain-timeout-ms", "60000"];
    for binary in HTTP {
        let (mut server, address) = Server::start_with(binary, &flags, Stdio::null());
        let client = reqwest::Client::builder().no_proxy().build().unwrap();
        let answer = client
            .get(format!("http://{address}/orders/ord_1"))
            .header("authorization", "Bearer tok_alice")
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200);
        // The connection stays in the client's pool, idle.
        server.terminate();
        let status = server.exit_within(Duration::from_secs(10));
        assert!(status.success(), "{}: {status}", name(binary));
        drop(client);
    }
    let (mut server, address) = Server::start_with(GRPC, &flags, Stdio::null());
    let mut client = api_error_examples::app::grpc::pb::orders_client::OrdersClient::connect(
        format!("http://{address}"),
    )
    .await
    .unwrap();
    let status = client
        .get_order(api_error_examples::app::grpc::pb::GetOrderRequest {
            order_id: "ord_1".into(),
        })
        .await
        .expect_err("no credentials");
    assert_eq!(status.code(), tonic::Code::Unauthenticated);
    server.terminate();
    let exited = server.exit_within(Duration::from_secs(10));
    assert!(exited.success(), "grpc: {exited}");
}
