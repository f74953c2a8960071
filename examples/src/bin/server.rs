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
//! the connection cap and the rate limits. `--rate-window-ms N` shortens the rate window (each
//! plan's requests, and those failing authentication, per N milliseconds), for a load test on
//! loopback that is to measure the service rather than its limiter.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use api_error_core::Format;
use api_error_examples::app::part;
use api_error_examples::{AppState, ServiceConfig, serve_until};

const USAGE: &str = "usage: server [--port N] [--format json|problem|jsonapi] [--rate-window-ms N] \
                     [--log-client-errors-every N]";

/// What the command line (or the environment) asks for.
struct Args {
    port: u16,
    format: Format,
    rate_window: Option<Duration>,
    client_error_sample: Option<u32>,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = match args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(errors) = api_error_examples::translations() {
        eprintln!("the translations do not load:\n{errors}");
        std::process::exit(1);
    }
    let _flush = part::log_to_stderr();
    let stop = part::shutdown_signal();
    let listener =
        tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, args.port))).await?;
    part::banner("orders API", listener.local_addr()?, args.format);
    let defaults = ServiceConfig::default();
    let config = ServiceConfig {
        format: args.format,
        rate_window: args.rate_window.unwrap_or(defaults.rate_window),
        client_error_sample: args
            .client_error_sample
            .unwrap_or(defaults.client_error_sample),
        ..defaults
    };
    serve_until(listener, AppState::new(config), stop).await;
    Ok(())
}

/// `--port N` or `--port=N`, else `PORT`, else 3000; `--format F` or `--format=F`, else `FORMAT`,
/// else `json`; `--rate-window-ms N` (at least 1), else the default window;
/// `--log-client-errors-every N` (at least 1), else the default sample.
fn args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let (mut port, mut format, mut rate_window, mut every) = (None, None, None, None);
    while let Some(arg) = args.next() {
        let (name, value) = match arg.split_once('=') {
            Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
            None => (arg, None),
        };
        let slot = match name.as_str() {
            "--port" => &mut port,
            "--format" => &mut format,
            "--rate-window-ms" => &mut rate_window,
            "--log-client-errors-every" => &mut every,
            _ => return Err(format!("unknown argument `{name}`")),
        };
        *slot = Some(value.or_else(|| args.next()).unwrap_or_default());
    }
    let port = match port.or_else(|| std::env::var("PORT").ok()) {
        None => 3000,
        Some(value) => value
            .parse()
            .map_err(|_| format!("expected a port number, found `{value}`"))?,
    };
    let format = match format.or_else(|| std::env::var("FORMAT").ok()) {
        None => Format::Json,
        Some(value) => Format::named(&value).ok_or_else(|| {
            format!("expected a format, `json`, `problem` or `jsonapi`, found `{value}`")
        })?,
    };
    let rate_window = match rate_window {
        None => None,
        Some(value) => Some(
            value
                .parse::<u64>()
                .ok()
                .filter(|&ms| ms > 0)
                .map(Duration::from_millis)
                .ok_or_else(|| {
                    format!("expected a number of milliseconds above 0, found `{value}`")
                })?,
        ),
    };
    let client_error_sample = match every {
        None => None,
        Some(value) => Some(
            value
                .parse::<u32>()
                .ok()
                .filter(|&every| every > 0)
                .ok_or_else(|| format!("expected a number above 0, found `{value}`"))?,
        ),
    };
    Ok(Args {
        port,
        format,
        rate_window,
        client_error_sample,
    })
}
