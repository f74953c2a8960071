//! Connections and bodies that hold a service up: each HTTP binary with its limits short.

use std::net::SocketAddr;
use std::process::Stdio;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use crate::binary::Server;
use crate::wire::{
    GET_ORDER, PATIENCE, SHORT, assert_served_again, closed, connect_from, drip_body, hold,
    read_response,
};
use crate::{ACTIX, HTTP, POEM, SERVER, name};

/// [`SHORT`] in the milliseconds a flag takes.
fn short() -> String {
    SHORT.as_millis().to_string()
}

/// Starts `binary` with `flags`, its log discarded.
fn start(binary: &str, flags: &[&str]) -> (Server, SocketAddr) {
    Server::start_with(binary, flags, Stdio::null())
}

/// Asserts that `binary` closes `stream`, whose head did not arrive in time, unanswered; or,
/// on actix-web, which answers before any middleware runs, with its own empty `408` (not the
/// envelope: the examples' README lists it).
async fn assert_closed_for_its_head(binary: &str, stream: &mut TcpStream) {
    let seen = String::from_utf8(closed(stream).await).unwrap();
    if binary == ACTIX {
        assert!(
            seen.starts_with("HTTP/1.1 408 Request Timeout\r\n"),
            "{seen}"
        );
        assert!(seen.ends_with("\r\n\r\n"), "no body: {seen}");
    } else {
        assert_eq!(seen, "", "{}", name(binary));
    }
}

#[tokio::test]
async fn a_head_that_does_not_arrive_in_time_is_closed() {
    for binary in HTTP {
        let (_server, address) = start(binary, &["--header-timeout-ms", &short()]);
        let mut stream = TcpStream::connect(address).await.unwrap();
        stream
            .write_all(b"GET /orders/ord_1 HTTP/1.1\r\nHost: te")
            .await
            .unwrap();
        assert_closed_for_its_head(binary, &mut stream).await;
    }
}

#[tokio::test]
async fn a_connection_that_sends_nothing_is_closed() {
    for binary in HTTP {
        let (_server, address) = start(binary, &["--header-timeout-ms", &short()]);
        let mut stream = TcpStream::connect(address).await.unwrap();
        assert_closed_for_its_head(binary, &mut stream).await;
    }
}

#[tokio::test]
async fn a_kept_alive_connection_left_idle_is_closed_after_its_answer() {
    for binary in HTTP {
        let (_server, address) = start(binary, &["--header-timeout-ms", &short()]);
        let mut stream = TcpStream::connect(address).await.unwrap();
        stream.write_all(GET_ORDER).await.unwrap();
        let answer = read_response(&mut stream).await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
        assert_eq!(closed(&mut stream).await, b"", "{}", name(binary));
    }
}

/// The head of an order's creation whose body is to come: `framing` says how long it is.
fn creation(framing: &str) -> String {
    format!(
        "POST /orders HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer tok_alice\r\n\
         Content-Type: application/json\r\nIdempotency-Key: order-key-0001\r\n\
         X-Request-Id: req-limits\r\n{framing}\r\n\r\n"
    )
}

/// What a request that ran out of time is answered, in the default format.
const TIMED_OUT: &str =
    r#"{"code":"CLIENT_ERROR","message":"Request Timeout","request_id":"req-limits"}"#;

/// Asserts that `answer` is a whole `408` with the envelope of [`TIMED_OUT`].
fn assert_timed_out(answer: &str) {
    assert!(
        answer.starts_with("HTTP/1.1 408 Request Timeout\r\n"),
        "{answer}"
    );
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("\r\ncontent-type: application/json\r\n"),
        "{answer}"
    );
    assert!(
        answer.ends_with(&format!("\r\n\r\n{TIMED_OUT}")),
        "{answer}"
    );
}

#[tokio::test]
async fn a_body_that_stops_arriving_is_answered_408_and_the_connection_closed() {
    for binary in HTTP {
        let (_server, address) = start(binary, &["--body-timeout-ms", &short()]);
        let mut stream = TcpStream::connect(address).await.unwrap();
        let head = creation("Content-Length: 40");
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(br#"{"type":"report","#).await.unwrap();
        let answer = tokio::time::timeout(PATIENCE, read_response(&mut stream))
            .await
            .expect("an answer before the patience runs out")
            .expect("an answer before the connection closes");
        assert_timed_out(&answer);
        closed(&mut stream).await;
    }
}

#[tokio::test]
async fn a_body_that_never_ends_is_answered_408_and_the_connection_closed() {
    for binary in HTTP {
        let (_server, address) = start(binary, &["--request-timeout-ms", &short()]);
        let head = creation("Transfer-Encoding: chunked");
        let (closed, seen) = drip_body(address, head.as_bytes(), |_| false).await;
        // Answered, and then closed rather than read on.
        assert!(
            closed,
            "{}: still open after {PATIENCE:?}: {seen}",
            name(binary)
        );
        assert_timed_out(&seen);
    }
}

/// A webhook's creation without credentials whose body is 100 bytes, of which 10 are sent.
const UNAUTHENTICATED_HALF_BODY: &[u8] = b"POST /webhooks HTTP/1.1\r\nHost: test\r\n\
    Content-Type: application/json\r\nX-Request-Id: req-limits\r\nContent-Length: 100\r\n\r\n\
    {\"url\":\"ht";

/// The answer to a webhook's creation without credentials.
const NOT_AUTHENTICATED: &str = r#"{"code":"AUTH_NOT_AUTHENTICATED","message":"Authentication required","request_id":"req-limits"}"#;

#[tokio::test]
async fn an_answer_given_before_the_body_arrived_closes_the_connection() {
    for binary in HTTP {
        let (_server, address) = start(binary, &[]);
        let mut stream = TcpStream::connect(address).await.unwrap();
        stream.write_all(UNAUTHENTICATED_HALF_BODY).await.unwrap();
        let seen = String::from_utf8(closed(&mut stream).await).unwrap();
        assert!(seen.starts_with("HTTP/1.1 401 Unauthorized\r\n"), "{seen}");
        assert!(
            seen.to_ascii_lowercase()
                .contains("\r\nconnection: close\r\n"),
            "{}: {seen}",
            name(binary)
        );
        assert!(seen.ends_with(NOT_AUTHENTICATED), "{seen}");
    }
}

#[tokio::test]
async fn an_answer_to_a_body_that_never_ends_closes_the_connection() {
    for binary in HTTP {
        let (_server, address) = start(binary, &[]);
        let head = b"POST /webhooks HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n\
                     X-Request-Id: req-limits\r\nTransfer-Encoding: chunked\r\n\r\n";
        let (closed, seen) = drip_body(address, head, |_| false).await;
        assert!(
            closed,
            "{}: still open after {PATIENCE:?}: {seen}",
            name(binary)
        );
        assert!(seen.starts_with("HTTP/1.1 401 Unauthorized\r\n"), "{seen}");
        assert!(seen.ends_with(NOT_AUTHENTICATED), "{seen}");
    }
}

#[tokio::test]
async fn a_connection_over_the_cap_is_closed_unanswered_while_the_others_are_held() {
    for binary in [SERVER, POEM] {
        let (_server, address) = start(binary, &["--max-connections", "3"]);
        let mut held = hold(3, [127, 0, 0, 1], address).await;
        let mut fourth = TcpStream::connect(address).await.unwrap();
        // Closed as soon as it is accepted: the write may already fail.
        let _ = fourth.write_all(GET_ORDER).await;
        assert_eq!(closed(&mut fourth).await, b"", "{}", name(binary));
        // One held connection closed makes room.
        drop(held.pop());
        assert_served_again([127, 0, 0, 1], address).await;
    }
}

#[tokio::test]
async fn on_actix_web_connections_past_the_cap_wait_unanswered_until_one_closes() {
    // Two workers, one connection each.
    let (_server, address) = start(ACTIX, &["--max-connections", "2"]);
    let mut held = hold(2, [127, 0, 0, 1], address).await;
    // actix-web stops accepting at the cap: the third waits in the listener's queue.
    let mut third = TcpStream::connect(address).await.unwrap();
    third.write_all(GET_ORDER).await.unwrap();
    let early = tokio::time::timeout(SHORT, read_response(&mut third)).await;
    assert!(early.is_err(), "answered past the cap: {early:?}");
    drop(held.pop());
    let answer = tokio::time::timeout(PATIENCE, read_response(&mut third))
        .await
        .expect("served once a connection of the cap closed")
        .expect("an answer");
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
}

#[tokio::test]
async fn one_client_holds_at_most_its_share_of_connections_while_others_are_served() {
    for binary in HTTP {
        let (_server, address) = start(binary, &["--max-connections-per-address", "2"]);
        let mut held = hold(2, [127, 0, 0, 1], address).await;
        // The same client's third is closed unanswered.
        let mut third = connect_from([127, 0, 0, 1], address).await;
        let _ = third.write_all(GET_ORDER).await;
        assert_eq!(closed(&mut third).await, b"", "{}", name(binary));
        // Another client is served all the same.
        drop(hold(1, [127, 0, 0, 2], address).await);
        // One of the first client's closed makes room for it again.
        drop(held.pop());
        assert_served_again([127, 0, 0, 1], address).await;
    }
}

/// A webhook's creation without credentials that asks whether to send its body.
const EXPECTING: &[u8] =
    b"POST /webhooks HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n\
    X-Request-Id: req-limits\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n";

#[tokio::test]
async fn credentials_are_checked_before_a_body_is_asked_for() {
    for binary in HTTP {
        let (_server, address) = start(binary, &[]);
        let mut stream = TcpStream::connect(address).await.unwrap();
        stream.write_all(EXPECTING).await.unwrap();
        let mut buffer = [0u8; 4096];
        let read = tokio::time::timeout(
            PATIENCE,
            tokio::io::AsyncReadExt::read(&mut stream, &mut buffer),
        )
        .await
        .expect("an answer before the patience runs out")
        .unwrap();
        let first = String::from_utf8_lossy(&buffer[..read]);
        if binary == ACTIX {
            // actix-web says `100 Continue` before the app runs: the one difference left (see
            // the examples' README).
            assert!(first.starts_with("HTTP/1.1 100 Continue\r\n"), "{first}");
        } else {
            // hyper (under axum and poem) says `100 Continue` only once the body is read, and
            // the credentials are checked first: the client never sends the body.
            assert!(
                first.starts_with("HTTP/1.1 401 Unauthorized\r\n"),
                "{}: {first}",
                name(binary)
            );
        }
    }
}
