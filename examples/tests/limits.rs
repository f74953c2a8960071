//! What the reference service does with clients that hold it up or hammer it, over real
//! loopback sockets, served as the `server` binary serves it (and, where said, as the `actix`
//! binary serves its part): connections that never finish their head, bodies that stop or never
//! end, answers given before a body arrived, more connections than the cap, and more requests
//! than the rate limits allow. The timeouts are short here and the waits generous: each test
//! asserts that a connection was closed or answered, never how fast.

use std::time::Duration;

use api_error_examples::app::actix;
use api_error_examples::{AppState, ServiceConfig, serve};
use api_error_tests::client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Far longer than any timeout a test sets: a connection still open after this was not closed.
const PATIENCE: Duration = Duration::from_secs(20);

/// A timeout short enough for a test, long enough for a loaded machine to answer within.
const SHORT: Duration = Duration::from_secs(1);

/// Starts the service with `config` on an ephemeral loopback port; its address.
async fn start(config: ServiceConfig) -> std::net::SocketAddr {
    let (listener, address) = api_error_tests::listen().await;
    tokio::spawn(serve(listener, AppState::new(config)));
    address
}

/// Starts the actix-web part with `config` on an ephemeral loopback port, one worker, on an
/// actix-web runtime of its own thread, as the `actix` binary serves it; its address. The
/// server stops with the test's process.
fn start_actix(config: ServiceConfig) -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let (started, running) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = actix::serve(listener, AppState::new(config), 1).unwrap();
            started.send(()).unwrap();
            server.await
        })
    });
    running.recv().unwrap();
    address
}

/// Starts the poem part with `config` on an ephemeral loopback port, as the `poem` binary serves
/// it; its address.
fn start_poem(config: ServiceConfig) -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(api_error_examples::app::poem::serve(
        listener,
        AppState::new(config),
    ));
    address
}

/// A request for one of alice's orders, keeping the connection open.
const GET_ORDER: &[u8] = b"GET /orders/ord_1 HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer tok_alice\r\nX-Request-Id: req-limits\r\n\r\n";

/// Reads one response from `stream`: its head and as much body as its `Content-Length` says.
/// `None` when the connection closes (or resets) before a whole head arrived.
async fn read_response(stream: &mut TcpStream) -> Option<String> {
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
async fn closed(stream: &mut TcpStream) -> Vec<u8> {
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
async fn drip_body(
    address: std::net::SocketAddr,
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
async fn hold(count: usize, from: [u8; 4], address: std::net::SocketAddr) -> Vec<TcpStream> {
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
async fn assert_served_again(from: [u8; 4], address: std::net::SocketAddr) {
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

fn with_header_timeout() -> ServiceConfig {
    ServiceConfig {
        header_timeout: SHORT,
        ..ServiceConfig::default()
    }
}

#[tokio::test]
async fn a_connection_that_sends_half_a_head_is_closed_unanswered() {
    let address = start(with_header_timeout()).await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream
        .write_all(b"GET /orders/ord_1 HTTP/1.1\r\nHost: te")
        .await
        .unwrap();
    assert_eq!(closed(&mut stream).await, b"");
}

#[tokio::test]
async fn a_connection_that_sends_nothing_is_closed() {
    for address in [
        start(with_header_timeout()).await,
        start_poem(with_header_timeout()),
    ] {
        let mut stream = TcpStream::connect(address).await.unwrap();
        assert_eq!(closed(&mut stream).await, b"");
    }
}

#[tokio::test]
async fn on_poem_half_a_head_is_closed_unanswered() {
    let address = start_poem(with_header_timeout());
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream
        .write_all(b"GET /orders/ord_1 HTTP/1.1\r\nHost: te")
        .await
        .unwrap();
    assert_eq!(closed(&mut stream).await, b"");
}
#[tokio::test]
async fn a_kept_alive_connection_left_idle_is_closed_after_its_answer() {
    let address = start(with_header_timeout()).await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(GET_ORDER).await.unwrap();
    let answer = read_response(&mut stream).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert_eq!(closed(&mut stream).await, b"");
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

/// Sends `address` an order's creation whose body stops arriving; asserts the `408` and that
/// the connection is then closed.
async fn assert_paused_body_answered_408_and_closed(address: std::net::SocketAddr) {
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

fn with_short_body_pauses() -> ServiceConfig {
    ServiceConfig {
        body_idle_timeout: SHORT,
        ..ServiceConfig::default()
    }
}

#[tokio::test]
async fn a_body_that_stops_arriving_is_answered_408_and_the_connection_closed() {
    assert_paused_body_answered_408_and_closed(start(with_short_body_pauses()).await).await;
    assert_paused_body_answered_408_and_closed(start_poem(with_short_body_pauses())).await;
}

#[tokio::test]
async fn a_body_that_never_ends_is_answered_408_after_the_request_timeout() {
    let address = start(ServiceConfig {
        request_timeout: SHORT,
        ..ServiceConfig::default()
    })
    .await;
    let head = creation("Transfer-Encoding: chunked");
    let (answered, seen) = drip_body(address, head.as_bytes(), |seen| {
        seen.ends_with(TIMED_OUT.as_bytes())
    })
    .await;
    assert!(answered, "no answer after {PATIENCE:?}");
    assert_timed_out(&seen);
}

#[tokio::test]
async fn on_actix_web_a_head_that_does_not_arrive_in_time_is_answered_a_bare_408_and_closed() {
    // actix-web answers before any middleware runs: its own empty 408, not the envelope (the
    // axum service closes such a connection unanswered).
    let address = start_actix(with_header_timeout());
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream
        .write_all(b"GET /orders/ord_1 HTTP/1.1\r\nHost: te")
        .await
        .unwrap();
    let seen = String::from_utf8(closed(&mut stream).await).unwrap();
    assert!(
        seen.starts_with("HTTP/1.1 408 Request Timeout\r\n"),
        "{seen}"
    );
    assert!(seen.ends_with("\r\n\r\n"), "no body: {seen}");
}

#[tokio::test]
async fn on_actix_web_a_kept_alive_connection_left_idle_is_closed_after_its_answer() {
    let address = start_actix(with_header_timeout());
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(GET_ORDER).await.unwrap();
    let answer = read_response(&mut stream).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert_eq!(closed(&mut stream).await, b"");
}

#[tokio::test]
async fn on_actix_web_a_body_that_stops_arriving_is_answered_408_and_the_connection_closed() {
    let address = start_actix(ServiceConfig {
        body_idle_timeout: SHORT,
        ..ServiceConfig::default()
    });
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

/// Sends `address` an order's creation whose chunked body never ends, a chunk every 50 ms;
/// asserts that it is answered the `408` and the connection then closed, not read on.
async fn assert_never_ending_body_answered_408_and_closed(address: std::net::SocketAddr) {
    let head = creation("Transfer-Encoding: chunked");
    let (closed, seen) = drip_body(address, head.as_bytes(), |_| false).await;
    // Answered, and then closed rather than read on.
    assert!(closed, "still open after {PATIENCE:?}: {seen}");
    assert_timed_out(&seen);
}

fn with_short_requests() -> ServiceConfig {
    ServiceConfig {
        request_timeout: SHORT,
        ..ServiceConfig::default()
    }
}

#[tokio::test]
async fn on_actix_web_and_poem_a_body_that_never_ends_is_answered_408_and_closed() {
    assert_never_ending_body_answered_408_and_closed(start_actix(with_short_requests())).await;
    assert_never_ending_body_answered_408_and_closed(start_poem(with_short_requests())).await;
}

/// A webhook's creation without credentials whose body is 100 bytes, of which 10 are sent.
const UNAUTHENTICATED_HALF_BODY: &[u8] = b"POST /webhooks HTTP/1.1\r\nHost: test\r\n\
    Content-Type: application/json\r\nX-Request-Id: req-limits\r\nContent-Length: 100\r\n\r\n\
    {\"url\":\"ht";

/// Asserts that an answer given before the body arrived is the `401` and that the connection is
/// then closed, the rest of the body never read.
async fn assert_answered_401_and_closed(address: std::net::SocketAddr) {
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(UNAUTHENTICATED_HALF_BODY).await.unwrap();
    let seen = String::from_utf8(closed(&mut stream).await).unwrap();
    assert!(seen.starts_with("HTTP/1.1 401 Unauthorized\r\n"), "{seen}");
    assert!(
        seen.ends_with(
            r#"{"code":"AUTH_NOT_AUTHENTICATED","message":"Authentication required","request_id":"req-limits"}"#
        ),
        "{seen}"
    );
}

#[tokio::test]
async fn an_answer_given_before_the_body_arrived_closes_the_connection() {
    assert_answered_401_and_closed(start(ServiceConfig::default()).await).await;
    assert_answered_401_and_closed(start_actix(ServiceConfig::default())).await;
    assert_answered_401_and_closed(start_poem(ServiceConfig::default())).await;
}

/// Sends a webhook's creation without credentials whose chunked body never ends, a chunk every
/// 50 ms for as long as the connection takes them; asserts that it is answered `401` and then
/// closed, not read on.
async fn assert_never_ending_body_answered_401_and_closed(address: std::net::SocketAddr) {
    let head = b"POST /webhooks HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n\
                 X-Request-Id: req-limits\r\nTransfer-Encoding: chunked\r\n\r\n";
    let (closed, seen) = drip_body(address, head, |_| false).await;
    assert!(closed, "still open after {PATIENCE:?}: {seen}");
    assert!(seen.starts_with("HTTP/1.1 401 Unauthorized\r\n"), "{seen}");
}

#[tokio::test]
async fn an_answer_to_a_body_that_never_ends_closes_the_connection() {
    assert_never_ending_body_answered_401_and_closed(start(ServiceConfig::default()).await).await;
    assert_never_ending_body_answered_401_and_closed(start_actix(ServiceConfig::default())).await;
    assert_never_ending_body_answered_401_and_closed(start_poem(ServiceConfig::default())).await;
}

#[tokio::test]
async fn on_actix_web_connections_past_the_cap_wait_unanswered_until_one_closes() {
    let address = start_actix(ServiceConfig {
        max_connections: 2,
        ..ServiceConfig::default()
    });
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

/// The cap of 3 connections at `address`: a fourth is closed unanswered while three are held,
/// and served once one of them closes.
async fn assert_capped_at_3(address: std::net::SocketAddr) {
    let mut held = hold(3, [127, 0, 0, 1], address).await;
    let mut fourth = TcpStream::connect(address).await.unwrap();
    // Closed as soon as it is accepted: the write may already fail.
    let _ = fourth.write_all(GET_ORDER).await;
    assert_eq!(closed(&mut fourth).await, b"");
    // One held connection closed makes room.
    drop(held.pop());
    assert_served_again([127, 0, 0, 1], address).await;
}

fn with_3_connections() -> ServiceConfig {
    ServiceConfig {
        max_connections: 3,
        ..ServiceConfig::default()
    }
}

#[tokio::test]
async fn a_connection_over_the_cap_is_closed_unanswered_while_the_others_are_held() {
    assert_capped_at_3(start(with_3_connections()).await).await;
    assert_capped_at_3(start_poem(with_3_connections())).await;
}

/// Sends `GET path` with `token` (if any), and returns the status, `Retry-After` and body.
async fn get(
    client: &reqwest::Client,
    address: std::net::SocketAddr,
    path: &str,
    token: Option<&str>,
) -> (u16, Option<String>, String) {
    let mut request = client
        .get(format!("http://{address}{path}"))
        .header("x-request-id", "req-limits");
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|value| value.to_str().unwrap().to_owned());
    (status, retry_after, response.text().await.unwrap())
}

/// The `RATE_LIMIT_EXCEEDED` body of a 429 whose `Retry-After` is `seconds`, for a limit of
/// `limit` requests a window: the catalog's envelope, exactly.
fn rate_limited(seconds: &str, limit: u32) -> String {
    format!(
        r#"{{"code":"RATE_LIMIT_EXCEEDED","message":"Too many requests: retry in {seconds} seconds","details":{{"retry_after":{seconds},"limit":{limit}}},"request_id":"req-limits"}}"#
    )
}

/// Asserts that `answer` is a 429 with a `Retry-After` of whole seconds, from 1 to `most`,
/// that its body repeats.
fn assert_rate_limited(answer: (u16, Option<String>, String), limit: u32, most: u64) {
    let (status, retry_after, body) = answer;
    assert_eq!(status, 429, "{body}");
    let retry_after = retry_after.expect("a 429 says when to retry");
    let seconds: u64 = retry_after.parse().expect("whole seconds");
    assert!((1..=most).contains(&seconds), "Retry-After: {seconds}");
    assert_eq!(body, rate_limited(&retry_after, limit));
}

#[tokio::test]
async fn two_tokens_of_one_account_share_its_quota() {
    // An hour's window: one request every 30 s after the burst, none while the test runs.
    let address = start(ServiceConfig {
        rate_window: Duration::from_secs(3600),
        ..ServiceConfig::default()
    })
    .await;
    let client = client();
    // alice's pro plan allows 120 requests a window, whichever of her tokens makes them.
    for n in 0..120 {
        let token = if n % 2 == 0 {
            "tok_alice"
        } else {
            "tok_alice_readonly"
        };
        let (status, _, body) = get(&client, address, "/plans/pro", Some(token)).await;
        assert_eq!(status, 200, "request {n}: {body}");
    }
    for token in ["tok_alice", "tok_alice_readonly"] {
        let answer = get(&client, address, "/plans/pro", Some(token)).await;
        assert_rate_limited(answer, 120, 30);
    }
    // Another account's quota is its own.
    let (status, _, _) = get(&client, address, "/plans/pro", Some("tok_bob")).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn requests_failing_authentication_are_limited_per_address() {
    let address = start(ServiceConfig {
        unauthenticated_per_window: 3,
        rate_window: Duration::from_secs(3600),
        ..ServiceConfig::default()
    })
    .await;
    let client = client();
    // Without a token, or with a wrong one, alike: three a window, one every 20 minutes after.
    for token in [None, Some("tok_nobody"), None] {
        let (status, _, body) = get(&client, address, "/orders/ord_1", token).await;
        assert_eq!(status, 401, "{body}");
    }
    for token in [
        None,
        Some("tok_nobody"),
        Some("tok_expired"),
        Some("not a token"),
    ] {
        let answer = get(&client, address, "/orders/ord_1", token).await;
        assert_rate_limited(answer, 3, 1200);
    }
    // A known token is the account's business, not the address's.
    let (status, _, body) = get(&client, address, "/orders/ord_1", Some("tok_alice")).await;
    assert_eq!(status, 200, "{body}");
}

/// A connection to `address` from the loopback address `from` (any of 127/8 is this machine).
async fn connect_from(from: [u8; 4], address: std::net::SocketAddr) -> TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(std::net::SocketAddr::from((from, 0))).unwrap();
    socket.connect(address).await.unwrap()
}

/// The share of 2 connections a client has at `address`: its third is closed unanswered while
/// another client is served, and it is served again once one of its own closes.
async fn assert_share_of_2(address: std::net::SocketAddr) {
    let mut held = hold(2, [127, 0, 0, 1], address).await;
    // The same client's third is closed as soon as it is accepted.
    let mut third = connect_from([127, 0, 0, 1], address).await;
    let _ = third.write_all(GET_ORDER).await;
    assert_eq!(closed(&mut third).await, b"");
    // Another client is served all the same.
    drop(hold(1, [127, 0, 0, 2], address).await);
    // One of the first client's closed makes room for it again.
    drop(held.pop());
    assert_served_again([127, 0, 0, 1], address).await;
}

fn with_2_connections_a_client() -> ServiceConfig {
    ServiceConfig {
        max_connections_per_address: 2,
        ..ServiceConfig::default()
    }
}

#[tokio::test]
async fn one_client_holds_at_most_its_share_of_connections_while_others_are_served() {
    assert_share_of_2(start(with_2_connections_a_client()).await).await;
    assert_share_of_2(start_poem(with_2_connections_a_client())).await;
}

/// A webhook's creation without credentials that asks whether to send its body.
const EXPECTING: &[u8] =
    b"POST /webhooks HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n\
    X-Request-Id: req-limits\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n";

/// What `address` answers first to [`EXPECTING`], its body unsent.
async fn first_answer_to_expect(address: std::net::SocketAddr) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(EXPECTING).await.unwrap();
    let mut buffer = [0u8; 4096];
    let read = tokio::time::timeout(PATIENCE, stream.read(&mut buffer))
        .await
        .expect("an answer before the patience runs out")
        .unwrap();
    String::from_utf8_lossy(&buffer[..read]).into_owned()
}

#[tokio::test]
async fn credentials_are_checked_before_a_body_is_asked_for() {
    // hyper (under axum and poem) says `100 Continue` only once the body is read, and the
    // credentials are checked first: the client never sends the body.
    for address in [
        start(ServiceConfig::default()).await,
        start_poem(ServiceConfig::default()),
    ] {
        let first = first_answer_to_expect(address).await;
        assert!(
            first.starts_with("HTTP/1.1 401 Unauthorized\r\n"),
            "{first}"
        );
    }
    // actix-web says `100 Continue` before the app runs: the one difference left (see the
    // examples' README).
    let first = first_answer_to_expect(start_actix(ServiceConfig::default())).await;
    assert!(first.starts_with("HTTP/1.1 100 Continue\r\n"), "{first}");
}
