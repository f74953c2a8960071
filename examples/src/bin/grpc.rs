//! Serves the orders API over gRPC on 127.0.0.1:50051 (`--port N` or `PORT=N` to move it):
//! `orders.v1.Orders`, `GetOrder` and `ConfirmOrder`, on the same demo data as the HTTP
//! service. Errors are `google.rpc` statuses whose `ErrorInfo.reason` is the reference's code.

use std::net::{Ipv4Addr, SocketAddr};

use api_error_examples::app::grpc;
use api_error_examples::{AppState, DEMO_TOKENS, ServiceConfig};

const USAGE: &str = "usage: grpc [--port N]";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let port = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => std::env::var("PORT").ok(),
        ["--port", port] => Some((*port).to_owned()),
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    let port: u16 = match port {
        None => 50051,
        Some(port) => port
            .parse()
            .map_err(|_| format!("expected a port number, found `{port}`"))?,
    };
    let _flush = api_error_examples::app::part::log_to_stderr();
    let stop = api_error_examples::app::part::shutdown_signal();
    let listener =
        tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
    println!(
        "orders gRPC service listening on {} (orders.v1.Orders)",
        listener.local_addr()?
    );
    println!("demo tokens (send as `authorization: Bearer <token>` metadata):");
    for token in DEMO_TOKENS {
        println!("  {:<20} {}", token.token, token.purpose);
    }
    grpc::serve_until(listener, AppState::new(ServiceConfig::default()), stop).await?;
    Ok(())
}
