//! Serves the orders API on 127.0.0.1:3000; `--port N` or `PORT=N` to change the port.

use std::net::{Ipv4Addr, SocketAddr};

use api_error_examples::{AppState, Config, DEMO_TOKENS, router};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port = match port() {
        Ok(port) => port,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let listener =
        tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
    println!("orders API listening on http://{}", listener.local_addr()?);
    println!("demo tokens (send as `Authorization: Bearer <token>`):");
    for token in DEMO_TOKENS {
        println!("  {:<20} {}", token.token, token.purpose);
    }
    axum::serve(listener, router(AppState::new(Config::default()))).await
}

/// `--port N`, `--port=N`, else `PORT`, else 3000.
fn port() -> Result<u16, String> {
    let mut args = std::env::args().skip(1);
    let mut given = None;
    while let Some(arg) = args.next() {
        if arg == "--port" {
            given = Some(args.next().unwrap_or_default());
        } else if let Some(value) = arg.strip_prefix("--port=") {
            given = Some(value.to_owned());
        } else {
            return Err(format!(
                "unknown argument `{arg}`; usage: server [--port N]"
            ));
        }
    }
    match given.or_else(|| std::env::var("PORT").ok()) {
        None => Ok(3000),
        Some(value) => value
            .parse()
            .map_err(|_| format!("expected a port number, found `{value}`")),
    }
}
