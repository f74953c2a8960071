//! Raw HTTP/1.1 on loopback, as a client that holds a service up writes it: a response read
//! by its `Content-Length`, a connection waited on until the server closes it, a body dripped
//! for ever, connections held open from a chosen loopback address.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Far longer than any timeout a test sets: a connection still open after this was not closed.
pub(crate) const PATIENCE: Duration = Duration::from_secs(20);

/// A timeout short enough for a test, long enough for a loaded machine to answer within.
pub(crate) const SHORT: Duration = Duration::from_secs(1);

/// A request for one of alice's orders, keeping the connection open.
pub(crate) const GET_ORDER: &[u8] = b"GET /orders/ord_1 HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer tok_alice\r\nX-Request-Id: req-limits\r\n\r\n";

/// Reads one response from `stream`: its head and as much body as its `Content-Length` says.
/// `None` when the connection closes (or resets) before a whole head arrived.
pub(crate) async fn read_response(stream: &mut TcpStream) -> Option<String> {
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        if let Some(end) = seen.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&seen[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .map_or(0, |value| value.trim().parse().unwrap());
            if seen.len() >= end + 4 + length {
                return Some(String::from_utf8(seen).unwrap());
            }
        }
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => seen.extend_from_slice(&buffer[..n]),
        }
    }
}

/// Waits for the server to close `stream`, and returns what it sent before. Panics if it is
/// still open after [`PATIENCE`].
pub(crate) async fn closed(stream: &mut TcpStream) -> Vec<u8> {
    let mut seen = Vec::new();
    let read = tokio::time::timeout(PATIENCE, async {
        let mut buffer = [0u8; 4096];
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buffer[..n]),
            }
        }
    })
    .await;
    assert!(
        read.is_ok(),
        "the connection is still open after {PATIENCE:?}"
    );
    seen
}

/// Sends `head` on a new connection to `address`, then a chunk of one space every 50 ms, well
/// within any body's idle timeout, for as long as the connection takes them (bounded by the
/// patience); returns what came back, once the connection closed or `until` says, and whether
/// that happened within the patience.
pub(crate) async fn drip_body(
    address: SocketAddr,
    head: &[u8],
    until: impl Fn(&[u8]) -> bool,
) -> (bool, String) {
    let stream = TcpStream::connect(address).await.unwrap();
    let (mut read, mut write) = stream.into_split();
    write.write_all(head).await.unwrap();
    let drip = tokio::spawn(async move {
        for _ in 0..(PATIENCE.as_millis() / 50) {
            if write.write_all(b"1\r\n \r\n").await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
    let mut seen = Vec::new();
    let ended = tokio::time::timeout(PATIENCE, async {
        let mut buffer = [0u8; 4096];
        while let Ok(n @ 1..) = read.read(&mut buffer).await {
            seen.extend_from_slice(&buffer[..n]);
            if until(&seen) {
                break;
            }
        }
    })
    .await;
    drip.abort();
    (ended.is_ok(), String::from_utf8(seen).unwrap())
}

/// `count` connections from the loopback address `from` to `address`, each answered `200`
/// once, held open.
pub(crate) async fn hold(count: usize, from: [u8; 4], address: SocketAddr) -> Vec<TcpStream> {
    let mut held = Vec::new();
    for _ in 0..count {
        let mut stream = connect_from(from, address).await;
        stream.write_all(GET_ORDER).await.unwrap();
        let answer = read_response(&mut stream).await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
        held.push(stream);
    }
    held
}

/// Asserts that a new connection from `from` is served, once the service has seen one of the
/// cap close (it may take a few tries).
pub(crate) async fn assert_served_again(from: [u8; 4], address: SocketAddr) {
    let mut served = None;
    for _ in 0..200 {
        let mut stream = connect_from(from, address).await;
        if stream.write_all(GET_ORDER).await.is_ok()
            && let Some(answer) = read_response(&mut stream).await
        {
            served = Some(answer);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let answer = served.expect("a connection is served once one of the cap is closed");
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
}

/// A connection to `address` from the loopback address `from` (any of 127/8 is this machine).
pub(crate) async fn connect_from(from: [u8; 4], address: SocketAddr) -> TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::from((from, 0))).unwrap();
    socket.connect(address).await.unwrap()
}
