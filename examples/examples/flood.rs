//! The floods: a release binary of the examples held up by many connections, and the gRPC one by
//! many unfinished streams, over loopback only, with the server's memory (`VmRSS` from `/proc`)
//! before, at the height of each flood and after it, and how many of a legitimate client's
//! requests were answered meanwhile; then a stop (SIGTERM) with a request in flight, and how
//! long the service took to answer it and exit.
//!
//! ```sh
//! cargo build --release -p api-error-examples --bins --example flood
//! target/release/examples/flood --server target/release/server     # or actix, poem, grpc
//! target/release/examples/flood --server target/release/grpc --streams 40000
//! ```
//!
//! The floods, in turn:
//! - **one address**: `--connections` connections (default 2000) from one loopback address,
//!   each sending half a request's head (HTTP) or the HTTP/2 preface and nothing else (gRPC),
//!   held; a client at another address sends 20 requests meanwhile.
//! - **many addresses**: as many, spread over 100 loopback addresses (under each one's share,
//!   over the whole's cap); the other client sends its 20 likewise.
//! - **streams** (gRPC): `--streams` calls left unfinished (default 40 000, 200 a connection,
//!   one address a connection), each its head only with a 3.9 KiB header, which HTTP/2 sends
//!   once a connection and refers to after; past the service's calls in flight, each is
//!   answered at once and its stream ends. The other client calls 20 times meanwhile.
//!
//! Every connection is closed after each flood, and the memory read again two seconds later.

mod process;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use tokio::io::AsyncWriteExt;
use tokio::net::{TcpSocket, TcpStream};

const USAGE: &str = "usage: flood [--server PATH] [--connections N] [--streams N]";

/// The requests (or calls) the legitimate client makes during each flood.
const PROBES: usize = 20;

/// The most a probe waits for its answer.
const PROBE_PATIENCE: Duration = Duration::from_secs(2);

/// The streams a connection may have open at once: the gRPC server's bound.
const STREAMS_A_CONNECTION: usize = 200;

struct Args {
    server: PathBuf,
    connections: usize,
    streams: usize,
}

#[tokio::main]
async fn main() {
    let args = process::or_usage(args(), USAGE);
    let grpc = args
        .server
        .file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with("grpc"));
    let (server, address) = process::start(&args.server, &[]);
    let pid = server.0.id();
    println!(
        "{} on {address}: RSS {} KiB at the start",
        args.server.display(),
        process::rss_kib(pid)
    );
    let mut addresses = std::iter::repeat_n([127, 0, 1, 1], args.connections);
    flood(
        "one address",
        &mut addresses,
        address,
        pid,
        grpc,
        args.connections,
    )
    .await;
    let mut spread = (0..args.connections).map(|n| [127, 0, 2, u8::try_from(n % 100 + 1).unwrap()]);
    flood(
        "100 addresses",
        &mut spread,
        address,
        pid,
        grpc,
        args.connections,
    )
    .await;
    if grpc {
        streams(args.streams, address, pid).await;
    }
    drain(server, address, grpc).await;
}

/// Holds `count` connections to `address`, from `from` in turn, reports the server's memory
/// and what the legitimate client got meanwhile, then closes them all.
async fn flood(
    what: &str,
    from: &mut dyn Iterator<Item = [u8; 4]>,
    address: SocketAddr,
    pid: u32,
    grpc: bool,
    count: usize,
) {
    let began = Instant::now();
    let mut held = Vec::with_capacity(count);
    for source in from.take(count) {
        let Ok(mut stream) = connect_from(source, address).await else {
            continue;
        };
        let opening: &[u8] = if grpc {
            b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
        } else {
            b"GET /orders/ord_1 HTTP/1.1\r\nHost: flood\r\n"
        };
        let _ = stream.write_all(opening).await;
        held.push(stream);
    }
    let peak = process::rss_kib(pid);
    let answered = probe(address, grpc).await;
    let open = held.iter().filter(|stream| still_open(stream)).count();
    drop(held);
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!(
        "connections, {what}: {count} opened in {:.1} s, {open} still open at the probe; \
         RSS {peak} KiB at the height, {} KiB 2 s after; the other client's {PROBES}: {answered}",
        began.elapsed().as_secs_f64(),
        process::rss_kib(pid)
    );
}

/// Whether the server has not closed `stream` (as far as a read that would not wait says).
fn still_open(stream: &TcpStream) -> bool {
    let mut buffer = [0u8; 512];
    match stream.try_read(&mut buffer) {
        Ok(0) => false,
        Ok(_) => true,
        Err(error) => error.kind() == std::io::ErrorKind::WouldBlock,
    }
}

/// A connection to `address` from the loopback address `from`.
async fn connect_from(from: [u8; 4], address: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::from((from, 0)))?;
    socket.connect(address).await
}

/// The legitimate client, at 127.0.0.1: what each of its [`PROBES`] got within
/// [`PROBE_PATIENCE`], counted by outcome (a status, or `unanswered`).
async fn probe(address: SocketAddr, grpc: bool) -> String {
    let mut outcomes = std::collections::BTreeMap::<String, usize>::new();
    for n in 0..PROBES {
        let outcome = if grpc {
            tokio::time::timeout(PROBE_PATIENCE, grpc_call(address, n))
                .await
                .ok()
                .flatten()
        } else {
            let client = reqwest::Client::builder()
                .no_proxy()
                .pool_max_idle_per_host(0)
                .timeout(PROBE_PATIENCE)
                .build()
                .unwrap();
            client
                .get(format!("http://{address}/orders/ord_1"))
                .header("authorization", "Bearer tok_alice")
                .send()
                .await
                .ok()
                .map(|response| response.status().as_u16().to_string())
        };
        *outcomes
            .entry(outcome.unwrap_or_else(|| "unanswered".to_owned()))
            .or_default() += 1;
    }
    outcomes
        .iter()
        .map(|(outcome, count)| format!("{count} {outcome}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One `GetOrder` call with alice's token on a connection of its own: the code it was
/// answered, `None` when the service did not answer it (a status without the service's
/// details is the transport's).
async fn grpc_call(address: SocketAddr, n: usize) -> Option<String> {
    let mut client = api_error_examples::app::grpc::pb::orders_client::OrdersClient::connect(
        format!("http://{address}"),
    )
    .await
    .ok()?;
    let mut request = tonic::Request::new(api_error_examples::app::grpc::pb::GetOrderRequest {
        order_id: format!("ord_{}", n % 2 + 1),
    });
    request
        .metadata_mut()
        .insert("authorization", "Bearer tok_alice".parse().unwrap());
    match client.get_order(request).await {
        Ok(_) => Some("OK".to_owned()),
        Err(status) if !status.details().is_empty() => Some(format!("{:?}", status.code())),
        Err(_) => None,
    }
}

/// Opens `count` unfinished calls, [`STREAMS_A_CONNECTION`] a connection and one loopback
/// address a connection, each with a 3.9 KiB header; reports as [`flood`] does.
async fn streams(count: usize, address: SocketAddr, pid: u32) {
    let began = Instant::now();
    let pad = "p".repeat(3900);
    let (mut held, mut clients) = (Vec::new(), Vec::new());
    let mut opened = 0;
    for connection in 0..count.div_ceil(STREAMS_A_CONNECTION) {
        let source = [
            127,
            0,
            3 + u8::try_from(connection / 250).unwrap_or(200),
            u8::try_from(connection % 250 + 1).unwrap(),
        ];
        let Ok(tcp) = connect_from(source, address).await else {
            continue;
        };
        let Ok((client, driver)) = h2::client::handshake(tcp).await else {
            continue;
        };
        tokio::spawn(driver);
        let Ok(mut client) = client.ready().await else {
            continue;
        };
        for _ in 0..STREAMS_A_CONNECTION.min(count - opened) {
            let request =
                http::Request::post(format!("http://{address}/orders.v1.Orders/GetOrder"))
                    .header("content-type", "application/grpc")
                    .header("x-pad", pad.as_str())
                    .body(())
                    .unwrap();
            let Ok((response, body)) = client.send_request(request, false) else {
                break;
            };
            held.push((response, body));
            opened += 1;
            let ready = std::future::poll_fn(|cx| client.poll_ready(cx));
            if !matches!(
                tokio::time::timeout(Duration::from_secs(1), ready).await,
                Ok(Ok(()))
            ) {
                break;
            }
        }
        clients.push(client);
    }
    // Let the server take what was sent.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let peak = process::rss_kib(pid);
    let answered = probe(address, true).await;
    drop((held, clients));
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!(
        "streams: {opened} of {count} opened in {:.1} s; RSS {peak} KiB at the height, {} KiB \
         2 s after; the other client's {PROBES}: {answered}",
        began.elapsed().as_secs_f64(),
        process::rss_kib(pid)
    );
}

/// Stops the server with a request in flight (a call on gRPC) whose rest is sent 100 ms after
/// the signal; reports whether it was answered and how long the server took to exit.
async fn drain(mut server: process::Server, address: SocketAddr, grpc: bool) {
    let body = br#"{"type":"report","quantity":1}"#;
    let call = if grpc {
        let tcp = TcpStream::connect(address).await.unwrap();
        let (client, driver) = h2::client::handshake(tcp).await.unwrap();
        tokio::spawn(driver);
        let mut client = client.ready().await.unwrap();
        let request = http::Request::post(format!("http://{address}/orders.v1.Orders/GetOrder"))
            .header("content-type", "application/grpc")
            .header("te", "trailers")
            .header("authorization", "Bearer tok_alice")
            .body(())
            .unwrap();
        Some(client.send_request(request, false).unwrap())
    } else {
        None
    };
    let mut stream = None;
    if !grpc {
        let head = format!(
            "POST /orders HTTP/1.1\r\nHost: flood\r\nAuthorization: Bearer tok_alice\r\n\
             Idempotency-Key: flood-drain-1\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n",
            body.len()
        );
        let mut connection = TcpStream::connect(address).await.unwrap();
        connection.write_all(head.as_bytes()).await.unwrap();
        stream = Some(connection);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let signalled = Instant::now();
    let killed = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()
        .is_ok_and(|status| status.success());
    assert!(killed, "SIGTERM sent");
    tokio::time::sleep(Duration::from_millis(100)).await;
    let answer = match call {
        Some((response, mut message)) => {
            let _ = message.send_data(
                bytes::Bytes::from_static(b"\x00\x00\x00\x00\x07\x0a\x05ord_1"),
                true,
            );
            match tokio::time::timeout(Duration::from_secs(15), response).await {
                Ok(Ok(response)) => format!("HTTP/2 {}", response.status()),
                other => format!("no answer ({other:?})"),
            }
        }
        None => {
            let stream = stream.as_mut().expect("the HTTP request's connection");
            stream.write_all(body).await.unwrap();
            let mut answer = Vec::new();
            let _ = tokio::time::timeout(
                Duration::from_secs(15),
                tokio::io::AsyncReadExt::read_to_end(stream, &mut answer),
            )
            .await;
            String::from_utf8_lossy(&answer)
                .lines()
                .next()
                .unwrap_or("no answer")
                .to_owned()
        }
    };
    let answered = signalled.elapsed();
    let status = loop {
        if let Some(status) = server.0.try_wait().unwrap() {
            break Some(status);
        }
        if signalled.elapsed() > Duration::from_secs(30) {
            break None;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    println!(
        "SIGTERM with a request in flight: `{answer}` {} ms after the signal; exited {} {} ms \
         after it",
        answered.as_millis(),
        status.map_or_else(|| "not at all".to_owned(), |status| status.to_string()),
        signalled.elapsed().as_millis()
    );
}

fn args() -> Result<Args, String> {
    let mut parsed = Args {
        server: process::beside("server"),
        connections: 2000,
        streams: 40_000,
    };
    for (name, value) in process::flags()? {
        match name.as_str() {
            "--server" => parsed.server = PathBuf::from(&value),
            "--connections" => {
                parsed.connections = process::number::<usize>(&name, &value)?.min(20_000);
            }
            "--streams" => parsed.streams = process::number::<usize>(&name, &value)?.min(200_000),
            _ => return Err(format!("unknown argument `{name}`")),
        }
    }
    Ok(parsed)
}
