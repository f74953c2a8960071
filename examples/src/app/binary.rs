//! What every binary of the examples does around its service: the command line (the limits of
//! [`ServiceConfig`] included, so that a test or a load run can start a binary with its own),
//! the translations checked before the start, a log that never blocks a request, the banner with
//! the demo tokens, and the signal that stops it.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::time::Duration;

use api_error_core::Format;

use super::{AppState, DEMO_TOKENS, ServiceConfig};

/// What a binary's command line asks for: its port, and the service's settings.
#[derive(Debug, Clone, Copy)]
pub struct Args {
    /// The loopback port to listen on (`0`: any free one).
    pub port: u16,
    /// [`ServiceConfig::default`], with what the command line changed.
    pub config: ServiceConfig,
}

/// Which service a binary serves: the flags that concern only HTTP (the error format and a
/// body's pauses) are refused by the gRPC binary rather than ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// The orders API over HTTP (`server`, `actix`, `poem`).
    Http,
    /// The orders API over gRPC (`grpc`).
    Grpc,
}

/// A flag that sets one of [`ServiceConfig`]'s settings.
struct Flag {
    name: &'static str,
    http_only: bool,
    setting: Setting,
}

/// What a flag sets, and so how its value is read.
enum Setting {
    /// The errors' format, by name.
    Format,
    /// A duration, as a number of milliseconds above 0.
    Millis(fn(&mut ServiceConfig) -> &mut Duration),
    /// A count above 0.
    Count(fn(&mut ServiceConfig) -> &mut usize),
    /// A count above 0, of a setting held as a `u32`.
    Count32(fn(&mut ServiceConfig) -> &mut u32),
}

impl Setting {
    /// What the usage line shows for the flag's value.
    const fn value(&self) -> &'static str {
        match self {
            Setting::Format => "json|problem|jsonapi",
            _ => "N",
        }
    }

    /// Sets `config`'s setting to `value`, read as the setting takes it.
    fn apply(&self, config: &mut ServiceConfig, value: &str) -> Result<(), String> {
        match self {
            Setting::Format => {
                config.format = Format::named(value).ok_or_else(|| {
                    format!("expected a format, `json`, `problem` or `jsonapi`, found `{value}`")
                })?;
            }
            Setting::Millis(field) => *field(config) = milliseconds(value)?,
            Setting::Count(field) => *field(config) = positive(value)?,
            Setting::Count32(field) => *field(config) = positive(value)?,
        }
        Ok(())
    }
}

/// Every flag but `--port`, in the order the usage line lists them.
const FLAGS: &[Flag] = &[
    Flag {
        name: "--format",
        http_only: true,
        setting: Setting::Format,
    },
    Flag {
        name: "--rate-window-ms",
        http_only: false,
        setting: Setting::Millis(|config| &mut config.rate_window),
    },
    Flag {
        name: "--unauthenticated-per-window",
        http_only: false,
        setting: Setting::Count32(|config| &mut config.unauthenticated_per_window),
    },
    Flag {
        name: "--log-client-errors-every",
        http_only: false,
        setting: Setting::Count32(|config| &mut config.client_error_sample),
    },
    Flag {
        name: "--header-timeout-ms",
        http_only: false,
        setting: Setting::Millis(|config| &mut config.header_timeout),
    },
    Flag {
        name: "--body-timeout-ms",
        http_only: true,
        setting: Setting::Millis(|config| &mut config.body_idle_timeout),
    },
    Flag {
        name: "--request-timeout-ms",
        http_only: false,
        setting: Setting::Millis(|config| &mut config.request_timeout),
    },
    Flag {
        name: "--max-connections",
        http_only: false,
        setting: Setting::Count(|config| &mut config.max_connections),
    },
    Flag {
        name: "--max-connections-per-address",
        http_only: false,
        setting: Setting::Count(|config| &mut config.max_connections_per_address),
    },
    Flag {
        name: "--drain-timeout-ms",
        http_only: false,
        setting: Setting::Millis(|config| &mut config.drain_timeout),
    },
];

/// A number above 0.
fn positive<N: std::str::FromStr + Default + PartialOrd>(value: &str) -> Result<N, String> {
    value
        .parse::<N>()
        .ok()
        .filter(|n| *n > N::default())
        .ok_or_else(|| format!("expected a number above 0, found `{value}`"))
}

/// A number of milliseconds above 0.
fn milliseconds(value: &str) -> Result<Duration, String> {
    positive::<u64>(value)
        .map(Duration::from_millis)
        .map_err(|_| format!("expected a number of milliseconds above 0, found `{value}`"))
}

/// The usage line of `program`.
fn usage(program: &str, protocol: Protocol) -> String {
    let flags = FLAGS
        .iter()
        .filter(|flag| protocol == Protocol::Http || !flag.http_only)
        .map(|flag| format!(" [{} {}]", flag.name, flag.setting.value()));
    std::iter::once(format!("usage: {program} [--port N]"))
        .chain(flags)
        .collect()
}

/// Reads `arguments` (each flag as `--flag VALUE` or `--flag=VALUE`), then `PORT` and, over
/// HTTP, `FORMAT` from `environment` for what they leave unset.
///
/// # Errors
///
/// An unknown flag, one without its value, one that does not apply to `protocol`, or a value
/// that is not what the flag takes: the message says which.
pub fn parse(
    arguments: impl IntoIterator<Item = String>,
    environment: impl Fn(&str) -> Option<String>,
    default_port: u16,
    protocol: Protocol,
) -> Result<Args, String> {
    let mut config = ServiceConfig::default();
    let (mut port, mut format_set) = (None, false);
    let mut arguments = arguments.into_iter();
    while let Some(argument) = arguments.next() {
        let (name, value) = match argument.split_once('=') {
            Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
            None => (argument, None),
        };
        let value = value
            .or_else(|| arguments.next())
            .ok_or_else(|| format!("`{name}` takes a value"))?;
        if name == "--port" {
            port = Some(value);
            continue;
        }
        let flag = FLAGS
            .iter()
            .find(|flag| flag.name == name)
            .ok_or_else(|| format!("unknown argument `{name}`"))?;
        if flag.http_only && protocol == Protocol::Grpc {
            return Err(format!("`{name}` applies to the HTTP services only"));
        }
        flag.setting.apply(&mut config, &value)?;
        format_set |= name == "--format";
    }
    if let Some(value) = environment("FORMAT").filter(|_| !format_set && protocol == Protocol::Http)
    {
        let format = FLAGS.iter().find(|flag| flag.name == "--format");
        if let Some(flag) = format {
            flag.setting.apply(&mut config, &value)?;
        }
    }
    let port = match port.or_else(|| environment("PORT")) {
        None => default_port,
        Some(value) => value
            .parse()
            .map_err(|_| format!("expected a port number, found `{value}`"))?,
    };
    Ok(Args { port, config })
}

/// The process's command line and environment read by [`parse`]; a mistake is printed with
/// the usage line (named after the binary), and the process exits 2. `--help` prints the usage line, and exits 0.
#[must_use]
pub fn args(default_port: u16, protocol: Protocol) -> Args {
    let program = std::env::args()
        .next()
        .as_deref()
        .map(std::path::Path::new)
        .and_then(std::path::Path::file_name)
        .map_or_else(
            || "server".to_owned(),
            |name| name.to_string_lossy().into_owned(),
        );
    if std::env::args().any(|argument| argument == "--help" || argument == "-h") {
        println!("{}", usage(&program, protocol));
        std::process::exit(0);
    }
    match parse(
        std::env::args().skip(1),
        |name| std::env::var(name).ok(),
        default_port,
        protocol,
    ) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}\n{}", usage(&program, protocol));
            std::process::exit(2);
        }
    }
}

/// Runs the binary of `framework`'s part of the orders API (`actix`, `poem`): its [`args`]
/// (default port `default_port`), then `serve` on 127.0.0.1 with the demo state, logging error
/// responses to standard error through [`log_to_stderr`]. `serve` calls the function it is given
/// once it listens for the signals that stop it ([`shutdown_signal`]), which prints the
/// [`banner`]: a process that has said it is listening stops cleanly however soon it is told
/// to. A wrong argument exits 2, translations that do not load exit 1.
///
/// # Errors
///
/// When the port is taken, or `serve` fails.
pub fn run(
    framework: &str,
    default_port: u16,
    serve: impl FnOnce(TcpListener, AppState, &dyn Fn()) -> std::io::Result<()>,
) -> Result<(), Box<dyn std::error::Error>> {
    let args = args(default_port, Protocol::Http);
    check_translations();
    let _flush = log_to_stderr();
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, args.port)))?;
    let address = listener.local_addr()?;
    let what = format!("orders API ({framework})");
    let listening = || banner(&what, address, args.config.format);
    serve(listener, AppState::new(args.config), &listening)?;
    Ok(())
}

/// Loads the service's translations, and exits 1 printing each mistake with its file and line
/// when they do not load: before the start, never at a request.
pub fn check_translations() {
    if let Err(errors) = crate::translations() {
        eprintln!("the translations do not load:\n{errors}");
        std::process::exit(1);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(arguments: &[&str], protocol: Protocol) -> Result<Args, String> {
        let environment = |name: &str| (name == "FORMAT").then(|| "problem".to_owned());
        parse(
            arguments.iter().map(|argument| (*argument).to_owned()),
            environment,
            3000,
            protocol,
        )
    }

    #[test]
    fn each_limit_has_its_flag_in_either_spelling() {
        let args = parsed(
            &[
                "--port=0",
                "--header-timeout-ms",
                "250",
                "--body-timeout-ms=300",
                "--request-timeout-ms",
                "400",
                "--max-connections",
                "8",
                "--max-connections-per-address=2",
                "--drain-timeout-ms",
                "500",
                "--rate-window-ms",
                "60",
                "--unauthenticated-per-window=7",
                "--log-client-errors-every",
                "1",
                "--format",
                "jsonapi",
            ],
            Protocol::Http,
        )
        .unwrap();
        let config = args.config;
        assert_eq!(args.port, 0);
        assert_eq!(config.header_timeout, Duration::from_millis(250));
        assert_eq!(config.body_idle_timeout, Duration::from_millis(300));
        assert_eq!(config.request_timeout, Duration::from_millis(400));
        assert_eq!(
            (config.max_connections, config.max_connections_per_address),
            (8, 2)
        );
        assert_eq!(config.drain_timeout, Duration::from_millis(500));
        assert_eq!(config.rate_window, Duration::from_millis(60));
        assert_eq!(config.unauthenticated_per_window, 7);
        assert_eq!(config.client_error_sample, 1);
        assert_eq!(config.format, Format::JsonApi);
    }

    #[test]
    fn what_is_left_unset_is_the_environment_s_then_the_default() {
        let args = parsed(&[], Protocol::Http).unwrap();
        assert_eq!(args.port, 3000);
        assert_eq!(args.config.format, Format::Problem);
        let defaults = ServiceConfig::default();
        assert_eq!(args.config.header_timeout, defaults.header_timeout);
        assert_eq!(args.config.max_connections, defaults.max_connections);
        // The gRPC service has no error format to take from the environment.
        assert_eq!(
            parsed(&[], Protocol::Grpc).unwrap().config.format,
            Format::Json
        );
    }

    #[test]
    fn a_mistake_is_named() {
        let mistakes = [
            (&["--ports", "1"][..], "unknown argument `--ports`"),
            (
                &["--max-connections"][..],
                "`--max-connections` takes a value",
            ),
            (
                &["--max-connections", "0"][..],
                "expected a number above 0, found `0`",
            ),
            (
                &["--drain-timeout-ms=soon"][..],
                "expected a number of milliseconds above 0, found `soon`",
            ),
            (
                &["--port", "http"][..],
                "expected a port number, found `http`",
            ),
            (
                &["--format", "xml"][..],
                "expected a format, `json`, `problem` or `jsonapi`, found `xml`",
            ),
        ];
        for (arguments, message) in mistakes {
            assert_eq!(
                parsed(arguments, Protocol::Http).unwrap_err(),
                message,
                "{arguments:?}"
            );
        }
        assert_eq!(
            parsed(&["--body-timeout-ms", "5"], Protocol::Grpc).unwrap_err(),
            "`--body-timeout-ms` applies to the HTTP services only"
        );
    }

    #[test]
    fn the_usage_line_lists_the_flags_of_the_protocol() {
        let grpc = usage("grpc", Protocol::Grpc);
        assert!(
            grpc.starts_with("usage: grpc [--port N] [--rate-window-ms N]"),
            "{grpc}"
        );
        assert!(!grpc.contains("--format") && !grpc.contains("--body-timeout-ms"));
        let http = usage("server", Protocol::Http);
        assert!(
            http.starts_with("usage: server [--port N] [--format json|problem|jsonapi]"),
            "{http}"
        );
        assert!(http.ends_with("[--drain-timeout-ms N]"), "{http}");
    }
}
