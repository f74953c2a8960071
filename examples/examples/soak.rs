//! A soak test of the reference service: the release `server` binary under a mixed load of
//! successes and errors, over loopback only, for a bounded time and a bounded number of
//! requests, with the server's memory (`VmRSS` from `/proc`) sampled as it goes. It prints the
//! requests a second, the latency percentiles, the answers by status and the RSS at the start
//! and the end.
//!
//! ```sh
//! cargo build --release -p api-error-examples --bin server --example soak
//! nice target/release/examples/soak                      # 5 minutes, 32 connections
//! target/release/examples/soak --seconds 30 --connections 8 --max-requests 100000
//! ```
//!
//! The load, in turn: reads of an order and of the order list, a plan, an unknown order, another
//! account's order, no token, a body of unknown fields, an unknown route, a corrupt receipt (a
//! 500), carol's plan (past her limit, 429s), webhooks and orders created with fresh URLs and
//! keys (201s, then `USAGE_LIMIT_EXCEEDED` once the account's limits are reached), each request
//! with a fresh `x-request-id`. The server runs with `--rate-window-ms 10`, so that the
//! accounts' limits are met at this rate only by carol's and the service is measured rather
//! than its limiter; its log goes to `/dev/null`.

mod process;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

const USAGE: &str =
    "usage: soak [--seconds N] [--connections N] [--max-requests N] [--server PATH]";

struct Args {
    seconds: u64,
    connections: usize,
    max_requests: u64,
    server: PathBuf,
}

/// One kind of request of the mix.
struct Kind {
    method: &'static str,
    path: &'static str,
    token: Option<&'static str>,
    body: Body,
}

/// What a request of the mix sends as its body.
#[derive(Clone, Copy)]
enum Body {
    None,
    UnknownFields,
    Webhook,
    Order,
}

const MIX: [Kind; 13] = [
    kind("GET", "/orders/ord_1", Some("tok_alice"), Body::None),
    kind("GET", "/orders?limit=5", Some("tok_alice"), Body::None),
    kind("GET", "/plans/pro", Some("tok_bob"), Body::None),
    kind("GET", "/orders/ord_404", Some("tok_alice"), Body::None),
    kind("GET", "/orders/ord_1", Some("tok_bob"), Body::None),
    kind("GET", "/orders/ord_1", None, Body::None),
    kind("POST", "/orders", Some("tok_alice"), Body::UnknownFields),
    kind("GET", "/no/such/route", None, Body::None),
    kind(
        "GET",
        "/orders/ord_3/receipt",
        Some("tok_alice"),
        Body::None,
    ),
    kind("GET", "/plans/free", Some("tok_carol"), Body::None),
    kind("POST", "/webhooks", Some("tok_bob"), Body::Webhook),
    kind("POST", "/orders", Some("tok_bob"), Body::Order),
    kind(
        "GET",
        "/orders/ord_2",
        Some("tok_alice_readonly"),
        Body::None,
    ),
];

const fn kind(
    method: &'static str,
    path: &'static str,
    token: Option<&'static str>,
    body: Body,
) -> Kind {
    Kind {
        method,
        path,
        token,
        body,
    }
}

/// What one connection's worker saw.
#[derive(Default)]
struct Seen {
    /// Latency of each answered request, in microseconds.
    latencies: Vec<u32>,
    statuses: BTreeMap<u16, u64>,
    failures: u64,
    /// The first failure's error, with the request's kind.
    first_failure: Option<String>,
}

/// The server's RSS, in KiB, at one moment of the run, with the requests sent by then.
struct Sample {
    at: Duration,
    rss: u64,
    sent: u64,
}

#[tokio::main]
async fn main() {
    let args = process::or_usage(args(), USAGE);
    let (server, address) = process::start(&args.server, &["--rate-window-ms", "10"]);
    let pid = server.0.id();
    println!("server {} (pid {pid}) on {address}", args.server.display());
    let rss_start = process::rss_kib(pid);
    println!("RSS before load: {rss_start} KiB");
    let started = Instant::now();
    let (seen, samples) = load(&args, address, pid).await;
    let elapsed = started.elapsed();
    let rss_end = process::rss_kib(pid);
    drop(server);
    report(&args, seen, &samples, elapsed, rss_start, rss_end);
}

/// Runs the load until the time or the requests run out, sampling the server's RSS every five
/// seconds.
async fn load(args: &Args, address: SocketAddr, pid: u32) -> (Seen, Vec<Sample>) {
    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(args.connections)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("a client");
    let sent = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(args.seconds);
    let mut workers = Vec::new();
    for worker in 0..args.connections {
        let client = client.clone();
        let sent = Arc::clone(&sent);
        let stop = Arc::clone(&stop);
        let max = args.max_requests;
        workers.push(tokio::spawn(async move {
            let mut seen = Seen::default();
            while !stop.load(Ordering::Relaxed) && Instant::now() < deadline {
                let n = sent.fetch_add(1, Ordering::Relaxed);
                if n >= max {
                    break;
                }
                let kind = &MIX[usize::try_from(n).unwrap_or(0) % MIX.len()];
                let began = Instant::now();
                match send(&client, address, kind, n, worker).await {
                    Ok(status) => {
                        let micros = began.elapsed().as_micros();
                        seen.latencies
                            .push(u32::try_from(micros).unwrap_or(u32::MAX));
                        *seen.statuses.entry(status).or_default() += 1;
                    }
                    Err(error) => {
                        seen.failures += 1;
                        seen.first_failure.get_or_insert_with(|| {
                            format!("{} {}: {error:?}", kind.method, kind.path)
                        });
                    }
                }
            }
            seen
        }));
    }
    let mut samples = Vec::new();
    while Instant::now() < deadline && sent.load(Ordering::Relaxed) < args.max_requests {
        tokio::time::sleep(Duration::from_secs(5)).await;
        let sample = Sample {
            at: started.elapsed(),
            rss: process::rss_kib(pid),
            sent: sent.load(Ordering::Relaxed).min(args.max_requests),
        };
        println!(
            "{:>5} s  {:>10} requests  RSS {:>7} KiB",
            sample.at.as_secs(),
            sample.sent,
            sample.rss
        );
        samples.push(sample);
    }
    stop.store(true, Ordering::Relaxed);
    let mut all = Seen::default();
    for worker in workers {
        let seen = worker.await.expect("a worker ends");
        all.latencies.extend(seen.latencies);
        for (status, count) in seen.statuses {
            *all.statuses.entry(status).or_default() += count;
        }
        all.failures += seen.failures;
        all.first_failure = all.first_failure.or(seen.first_failure);
    }
    (all, samples)
}

/// Prints what the run measured.
fn report(
    args: &Args,
    seen: Seen,
    samples: &[Sample],
    elapsed: Duration,
    rss_start: u64,
    rss_end: u64,
) {
    let answered = seen.latencies.len() as u64;
    let millis = u64::try_from(elapsed.as_millis())
        .unwrap_or(u64::MAX)
        .max(1);
    println!();
    println!(
        "{answered} requests answered in {}.{} s with {} connections: {} requests a second; {} failed",
        millis / 1000,
        millis % 1000 / 100,
        args.connections,
        answered * 1000 / millis,
        seen.failures
    );
    if let Some(first) = &seen.first_failure {
        println!("the first failure: {first}");
    }
    let mut latencies = seen.latencies;
    latencies.sort_unstable();
    // The latency at `permille`, in milliseconds with two decimals.
    let at = |permille: usize| {
        let Some(last) = latencies.len().checked_sub(1) else {
            return "-".to_owned();
        };
        let micros = latencies[last * permille / 1000];
        format!("{}.{:02} ms", micros / 1000, micros % 1000 / 10)
    };
    println!(
        "latency: p50 {}, p90 {}, p99 {}, p99.9 {}, max {}",
        at(500),
        at(900),
        at(990),
        at(999),
        at(1000)
    );
    let statuses: Vec<String> = seen
        .statuses
        .iter()
        .map(|(status, count)| format!("{status}: {count}"))
        .collect();
    println!("answers by status: {}", statuses.join(", "));
    let first = samples.first().map_or(rss_end, |sample| sample.rss);
    let peak = samples
        .iter()
        .map(|sample| sample.rss)
        .chain([rss_start, rss_end])
        .max()
        .unwrap_or(0);
    println!(
        "server RSS: {rss_start} KiB before load, {first} KiB after 5 s of load, {rss_end} KiB at the end, {peak} KiB at most"
    );
}

/// Sends request number `n` of `kind`, and reads its whole answer.
async fn send(
    client: &reqwest::Client,
    address: SocketAddr,
    kind: &Kind,
    n: u64,
    worker: usize,
) -> reqwest::Result<u16> {
    let method = reqwest::Method::from_bytes(kind.method.as_bytes()).expect("a method");
    let mut request = client
        .request(method, format!("http://{address}{}", kind.path))
        .header("x-request-id", format!("soak-{worker}-{n}"));
    if let Some(token) = kind.token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    request = match kind.body {
        Body::None => request,
        Body::UnknownFields => request
            .header("content-type", "application/json")
            .header("idempotency-key", format!("soak-key-{n:012}"))
            .body(format!(
                r#"{{"type":"poster","quantity":0,"colour":"red","n":{n}}}"#
            )),
        Body::Webhook => request
            .header("content-type", "application/json")
            .body(format!(r#"{{"url":"https://bob.example/hooks/{n}"}}"#)),
        Body::Order => request
            .header("content-type", "application/json")
            .header("idempotency-key", format!("soak-order-{n:012}"))
            .body(r#"{"type":"report","quantity":1}"#),
    };
    let response = request.send().await?;
    let status = response.status().as_u16();
    response.bytes().await?;
    Ok(status)
}

fn args() -> Result<Args, String> {
    let mut parsed = Args {
        seconds: 300,
        connections: 32,
        max_requests: 20_000_000,
        server: process::beside("server"),
    };
    for (name, value) in process::flags()? {
        match name.as_str() {
            "--seconds" => parsed.seconds = process::number::<u64>(&name, &value)?.min(3600),
            "--connections" => {
                parsed.connections = process::number::<usize>(&name, &value)?.min(1000);
            }
            "--max-requests" => parsed.max_requests = process::number(&name, &value)?,
            "--server" => parsed.server = PathBuf::from(&value),
            _ => return Err(format!("unknown argument `{name}`")),
        }
    }
    Ok(parsed)
}
