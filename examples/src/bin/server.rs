//! Serves the orders API on 127.0.0.1:3000.
//!
//! `--port N` (or `PORT=N`) changes the port; `--format problem` (or `FORMAT=problem`) answers
//! errors as RFC 9457 problem details (`jsonapi`: JSON:API error documents) instead of the
//! default JSON. Error responses are logged to standard error: each server error with its
//! causes, one client error in 100 at `INFO` (`--log-client-errors-every N`, `1` for each). The
//! log is written by a thread of its own through a bounded queue: when whatever reads standard
//! error stalls, lines are lost, never requests.
//!
//! Errors are answered in the language each request's `Accept-Language` asks for, among
//! English, German, French and Arabic; the translations are checked before the service
//! starts, and a mistake in them is printed with its file and line, and stops it.
//!
//! Its limits are `ServiceConfig`'s defaults, as the examples' README lists them: timeouts,
//! the connection caps and the rate limits. Each has a flag (`--help` lists them), for a test or
//! a load run: `--rate-window-ms N` shortens the rate window, for a load test on loopback that
//! is to measure the service rather than its limiter.

use std::net::{Ipv4Addr, SocketAddr};

use api_error_examples::app::binary::{self, Protocol};
use api_error_examples::{AppState, serve_until};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = binary::args(3000, Protocol::Http);
    binary::check_translations();
    let _flush = binary::log_to_stderr();
    let stop = binary::shutdown_signal();
    let listener =
        tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, args.port))).await?;
    binary::banner("orders API", listener.local_addr()?, args.config.format);
    serve_until(listener, AppState::new(args.config), stop).await;
    Ok(())
}
