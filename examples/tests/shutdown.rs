//! A service told to stop (SIGTERM, as an orchestrator stops one) answers what is in flight and
//! exits cleanly: the HTTP service answers a request whose body was still arriving when the
//! signal came, and both it and the gRPC service exit with success, not killed by the signal.

#![cfg(unix)]

mod binary;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::Duration;

use binary::Server;

#[test]
fn the_http_service_answers_the_request_in_flight_and_exits_cleanly() {
    let (mut server, address) = Server::start(env!("CARGO_BIN_EXE_server"), Stdio::null());
    let mut connection = TcpStream::connect(&address).unwrap();
    connection
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    // A request whose head is in and whose body is not: the handler is waiting for it.
    let body = br#"{"type":"report","quantity":1}"#;
    write!(
        connection,
        "POST /orders HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer tok_alice\r\nIdempotency-Key: shutdown-1\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    server.terminate();
    std::thread::sleep(Duration::from_millis(300));
    connection.write_all(body).unwrap();
    let mut answer = String::new();
    connection.read_to_string(&mut answer).unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 201 Created\r\n"),
        "the request in flight was not answered: {answer:?}"
    );
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("\r\nconnection: close\r\n"),
        "{answer}"
    );
    assert!(answer.ends_with('}'), "{answer}");
    // Stopped accepting: a new connection is refused.
    let status = server.exit_within(Duration::from_secs(10));
    assert!(status.success(), "{status}");
    assert!(TcpStream::connect(&address).is_err());
}

#[test]
fn the_grpc_service_exits_cleanly_on_sigterm() {
    let (mut server, address) = Server::start(env!("CARGO_BIN_EXE_grpc"), Stdio::null());
    // Serving, before the signal.
    TcpStream::connect(&address).expect("the gRPC service accepts");
    server.terminate();
    let status = server.exit_within(Duration::from_secs(10));
    assert!(status.success(), "{status}");
}
