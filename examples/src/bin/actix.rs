//! Serves a part of the orders API on actix-web, on 127.0.0.1:3001 (`--port N` or `PORT=N` to
//! move it; `--format problem|jsonapi` or `FORMAT` for the errors' format): the same errors,
//! demo data and tokens as the axum service, rendered by `api_error_core::actix`'s middleware.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};

use api_error_core::Format;
use api_error_examples::app::actix;
use api_error_examples::{AppState, DEMO_TOKENS, ServiceConfig};

const USAGE: &str = "usage: actix [--port N] [--format json|problem|jsonapi]";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut port, mut format) = (std::env::var("PORT").ok(), std::env::var("FORMAT").ok());
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let slot = match arg.as_str() {
            "--port" => &mut port,
            "--format" => &mut format,
            _ => {
                eprintln!("{USAGE}");
                std::process::exit(2);
            }
        };
        *slot = rest.next().cloned();
    }
    let port: u16 = match port {
        None => 3001,
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
    if let Err(errors) = api_error_examples::translations() {
        eprintln!("the translations do not load:\n{errors}");
        std::process::exit(1);
    }
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(tracing::Level::INFO)
        .init();
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
    println!(
        "orders API (actix-web) listening on http://{} (errors as {})",
        listener.local_addr()?,
        format.content_type()
    );
    println!("demo tokens (send as `Authorization: Bearer <token>`):");
    for token in DEMO_TOKENS {
        println!("  {:<20} {}", token.token, token.purpose);
    }
    let state = AppState::new(ServiceConfig {
        format,
        ..ServiceConfig::default()
    });
    actix_web::rt::System::new().block_on(async { actix::serve(listener, state, 2)?.await })?;
    Ok(())
}
