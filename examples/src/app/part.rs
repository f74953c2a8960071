//! What each binary serving a part of the orders API on another framework (`actix`, `poem`)
//! does around it: the command line, the translations checked before the start, a log that
//! never blocks a request, and the banner with the demo tokens.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};

use api_error_core::Format;

use super::{AppState, DEMO_TOKENS, ServiceConfig};

/// Runs the binary of `framework`'s part: `--port N` (or `PORT`, else `default_port`),
/// `--format json|problem|jsonapi` (or `FORMAT`, else `json`) and `--rate-window-ms N` (for a
/// load test, as the `server` binary takes it), then `serve` on 127.0.0.1 with
/// the demo state, logging error responses to standard error through a bounded queue written
/// by a thread of its own (when whatever reads standard error stalls, lines are lost, never
/// requests). A wrong argument exits 2, translations that do not load exit 1.
///
/// # Errors
///
/// When the port is taken, or `serve` fails.
pub fn run(
    framework: &str,
    default_port: u16,
    serve: impl FnOnce(TcpListener, AppState) -> std::io::Result<()>,
) -> Result<(), Box<dyn std::error::Error>> {
    let usage = format!(
        "usage: {framework} [--port N] [--format json|problem|jsonapi] [--rate-window-ms N]"
    );
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut port, mut format) = (std::env::var("PORT").ok(), std::env::var("FORMAT").ok());
    let mut rate_window = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let slot = match arg.as_str() {
            "--port" => &mut port,
            "--format" => &mut format,
            "--rate-window-ms" => &mut rate_window,
            _ => {
                eprintln!("{usage}");
                std::process::exit(2);
            }
        };
        *slot = rest.next().cloned();
    }
    let port: u16 = match port {
        None => default_port,
        Some(port) => port
            .parse()
            .map_err(|_| format!("expected a port number, found `{port}`"))?,
    };
    let format = match format {
        None => Format::Json,
        Some(name) => Format::named(&name).ok_or_else(|| {
            format!("expected a format, `json`, `problem` or `jsonapi`, found `{name}`")
        })?,
    };
    if let Err(errors) = crate::translations() {
        eprintln!("the translations do not load:\n{errors}");
        std::process::exit(1);
    }
    let _flush = log_to_stderr();
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
    banner(
        &format!("orders API ({framework})"),
        listener.local_addr()?,
        format,
    );
    let defaults = ServiceConfig::default();
    let rate_window = match rate_window {
        None => defaults.rate_window,
        Some(ms) => ms
            .parse::<u64>()
            .ok()
            .filter(|&ms| ms > 0)
            .map(std::time::Duration::from_millis)
            .ok_or_else(|| format!("expected a number of milliseconds above 0, found `{ms}`"))?,
    };
    let state = AppState::new(ServiceConfig {
        rate_window,
        format,
        ..defaults
    });
    serve(listener, state)?;
    Ok(())
}

/// Logs at `INFO` and above to standard error through a bounded queue that a thread of its own
/// writes: a full queue drops lines rather than block the workers that answer requests. The
/// guard flushes what is queued when it is dropped, as the service stops.
pub fn log_to_stderr() -> tracing_appender::non_blocking::WorkerGuard {
    let (log, flush) = tracing_appender::non_blocking(std::io::stderr());
    tracing_subscriber::fmt()
        .with_writer(log)
        .with_max_level(tracing::Level::INFO)
        .init();
    flush
}

/// Prints that `what` listens on `address` with errors in `format`, and the demo tokens.
pub fn banner(what: &str, address: SocketAddr, format: Format) {
    println!(
        "{what} listening on http://{address} (errors as {})",
        format.content_type()
    );
    println!("demo tokens (send as `Authorization: Bearer <token>`):");
    for token in DEMO_TOKENS {
        println!("  {:<20} {}", token.token, token.purpose);
    }
}

/// What resolves when the process is told to stop: SIGTERM (as an orchestrator stops a
/// service) or Ctrl-C. SIGTERM's handler is installed here, at the call, so that a binary calls
/// this before it says it is listening; a handler that cannot be installed leaves that signal
/// to stop the process as it would have. Called within the runtime.
pub fn shutdown_signal() -> impl Future<Output = ()> {
    #[cfg(unix)]
    let terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    async move {
        let interrupt = async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        #[cfg(unix)]
        let terminate = async {
            match terminate {
                Some(mut terminate) => {
                    terminate.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let terminate = std::future::pending::<()>();
        tokio::select! {
            () = interrupt => {}
            () = terminate => {}
        }
        tracing::info!("stopping: no new connections, answering those in flight");
    }
}
