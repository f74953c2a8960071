//! The log: a service whose log reader stalls keeps answering, client errors are sampled, and
//! what a client sends never reaches a line unescaped.

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use api_error_examples::app::grpc::pb;
use tonic::Code;

use crate::binary::Server;
use crate::{ACTIX, GRPC, HTTP, POEM, SERVER, name};

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

/// Each answer is a client error, logged at INFO here with its line of about 200 bytes: 3000
/// of them are about ten times what a pipe holds. The first few are 401s; past the limit on
/// requests that fail authentication from one address, they are 429s, logged alike.
async fn assert_answers_3000_client_errors(binary: &str, address: SocketAddr) {
    let client = client();
    for n in 0..3000 {
        let response = client
            .get(format!("http://{address}/orders/ord_{n}"))
            .send()
            .await
            .unwrap_or_else(|error| panic!("{}: request {n} unanswered: {error}", name(binary)));
        assert!(
            [401, 429].contains(&response.status().as_u16()),
            "{}: request {n}: {}",
            name(binary),
            response.status()
        );
    }
}

#[tokio::test]
async fn requests_are_answered_while_nobody_reads_the_log() {
    for binary in HTTP {
        // A pipe this test never reads: it fills after a few hundred lines; a service that
        // wrote its log on the threads that answer requests would stop there.
        let (_server, address) =
            Server::start_with(binary, &["--log-client-errors-every", "1"], Stdio::piped());
        assert_answers_3000_client_errors(binary, address).await;
    }
}

#[tokio::test]
async fn on_grpc_calls_are_answered_while_nobody_reads_the_log() {
    let (_server, address) =
        Server::start_with(GRPC, &["--log-client-errors-every", "1"], Stdio::piped());
    let mut client = pb::orders_client::OrdersClient::connect(format!("http://{address}"))
        .await
        .unwrap();
    for n in 0..3000 {
        let request = tonic::Request::new(pb::GetOrderRequest {
            order_id: format!("ord_{n}"),
        });
        let status = tokio::time::timeout(Duration::from_secs(10), client.get_order(request))
            .await
            .unwrap_or_else(|_| panic!("call {n} unanswered"))
            .expect_err("no credentials");
        assert!(
            [Code::Unauthenticated, Code::ResourceExhausted].contains(&status.code()),
            "call {n}: {status:?}"
        );
    }
}

/// Starts `binary` with `flags`, its log written to a file of its own; the file's path.
fn logging(binary: &str, flags: &[&str]) -> (Server, SocketAddr, std::path::PathBuf) {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let path = std::env::temp_dir().join(format!(
        "api-error-hardening-{}-{}-{}.log",
        name(binary),
        std::process::id(),
        RUNS.fetch_add(1, Ordering::Relaxed)
    ));
    let log = std::fs::File::create(&path).unwrap();
    let (server, address) = Server::start_with(binary, flags, Stdio::from(log));
    (server, address, path)
}

/// Stops `server` and returns what it logged: stopped, a service writes out what its log still
/// holds.
fn logged(mut server: Server, path: &std::path::Path) -> String {
    server.terminate();
    assert!(server.exit_within(Duration::from_secs(20)).success());
    let written = std::fs::read_to_string(path).unwrap();
    let _ = std::fs::remove_file(path);
    written
}

#[tokio::test]
async fn by_default_one_client_error_in_a_hundred_is_logged_with_what_was_left_out() {
    for binary in HTTP {
        let (server, address, path) = logging(binary, &[]);
        let client = client();
        for n in 0..250 {
            let response = client
                .get(format!("http://{address}/orders/ord_{n}"))
                .send()
                .await
                .unwrap();
            assert!([401, 429].contains(&response.status().as_u16()));
        }
        let written = logged(server, &path);
        let lines: Vec<&str> = written
            .lines()
            .filter(|line| line.contains("error response"))
            .collect();
        assert_eq!(lines.len(), 3, "{}: {written}", name(binary));
        // The first, then the 101st and the 201st, each saying how many were left out before it.
        assert!(lines[0].contains("dropped=0"), "{}", lines[0]);
        for line in &lines[1..] {
            assert!(line.contains("dropped=99"), "{line}");
        }
    }
}

#[tokio::test]
async fn on_grpc_one_client_error_in_a_hundred_is_logged_by_default() {
    let (server, address, path) = logging(GRPC, &[]);
    let mut client = pb::orders_client::OrdersClient::connect(format!("http://{address}"))
        .await
        .unwrap();
    for n in 0..250 {
        let request = tonic::Request::new(pb::GetOrderRequest {
            order_id: format!("ord_{n}"),
        });
        client.get_order(request).await.expect_err("no credentials");
    }
    drop(client);
    let written = logged(server, &path);
    let lines: Vec<&str> = written
        .lines()
        .filter(|line| line.contains("error response"))
        .collect();
    assert_eq!(lines.len(), 3, "{written}");
    assert!(lines[0].contains("dropped=0"), "{}", lines[0]);
}

#[tokio::test]
async fn the_library_logs_nothing_before_the_first_request() {
    for binary in [SERVER, ACTIX, POEM, GRPC] {
        let (server, _address, path) = logging(binary, &[]);
        // Started (it printed its address), then stopped at once: it exits cleanly, and what
        // it wrote is what it logs at start-up. The library (target `api_error`) wrote none of
        // it: the document's examples, rendered at start-up, are not responses.
        let written = logged(server, &path);
        assert!(
            !written.contains(" api_error:"),
            "{}: {written}",
            name(binary)
        );
        assert!(written.contains("stopping"), "{}: {written}", name(binary));
    }
}

/// What a client may put in a request to forge a line of the log or move a terminal's cursor:
/// a line break, an escape sequence and a `key=value` of its own.
const FORGED: &str = "\n2026-01-01T00:00:00Z ERROR forged=1 \u{1b}[2J";

#[tokio::test]
async fn what_a_client_sends_never_reaches_the_log_unescaped() {
    let encoded: String = url_encoded(FORGED);
    let json = serde_json::to_string(FORGED).unwrap();
    for binary in HTTP {
        let (server, address, path) = logging(binary, &["--log-client-errors-every", "1"]);
        let client = client();
        let alice = |request: reqwest::RequestBuilder| {
            request
                .header("authorization", "Bearer tok_alice")
                .header("content-type", "application/json")
        };
        let requests = [
            alice(client.get(format!("http://{address}/orders?limit={encoded}"))),
            alice(client.get(format!("http://{address}/orders/{encoded}"))),
            alice(client.get(format!("http://{address}/plans/{encoded}"))),
            alice(client.post(format!("http://{address}/orders")))
                .header("idempotency-key", "hardening-0001")
                .body(format!(r#"{{"type":{json},"quantity":1,{json}:1}}"#)),
            alice(client.post(format!("http://{address}/webhooks")))
                .body(format!(r#"{{"url":{json}}}"#)),
            // A request id the service refuses for its characters (and generates another).
            client
                .get(format!("http://{address}/orders/ord_1"))
                .header("x-request-id", "a b=c\"d"),
        ];
        for request in requests {
            let response = request.send().await.unwrap();
            assert!(
                response.status().is_client_error(),
                "{}: {}",
                name(binary),
                response.status()
            );
        }
        let written = logged(server, &path);
        let lines: Vec<&str> = written
            .lines()
            .filter(|line| line.contains("error response"))
            .collect();
        assert_eq!(lines.len(), 6, "{}: {written}", name(binary));
        assert!(!written.contains('\u{1b}'), "{}: {written:?}", name(binary));
        assert!(!written.contains("forged"), "{}: {written}", name(binary));
        assert!(!written.contains("b=c"), "{}: {written}", name(binary));
        for line in written.lines() {
            assert!(
                line.starts_with("20"),
                "{}: a line of its own: {line:?}",
                name(binary)
            );
        }
    }
}

/// `text` percent-encoded, every byte.
fn url_encoded(text: &str) -> String {
    text.bytes().fold(String::new(), |mut encoded, byte| {
        let _ = write!(encoded, "%{byte:02X}");
        encoded
    })
}
