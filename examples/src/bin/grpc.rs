//! Serves the orders API over gRPC on 127.0.0.1:50051 (`--port N` or `PORT=N` to move it):
//! `orders.v1.Orders`, `GetOrder` and `ConfirmOrder`, on the same demo data as the HTTP
//! service. Errors are `google.rpc` statuses whose `ErrorInfo.reason` is the reference's code.
//! The limits that concern gRPC have flags as the HTTP binaries' do (`--help` lists them).

use std::net::{Ipv4Addr, SocketAddr};

use api_error_examples::app::binary::{self, Protocol};
use api_error_examples::app::grpc;
use api_error_examples::{AppState, DEMO_TOKENS};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = binary::args(50051, Protocol::Grpc);
    binary::check_translations();
    let _flush = binary::log_to_stderr();
    let stop = binary::shutdown_signal();
    let listener =
        tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, args.port))).await?;
    println!(
        "orders gRPC service listening on {} (orders.v1.Orders)",
        listener.local_addr()?
    );
    println!("demo tokens (send as `authorization: Bearer <token>` metadata):");
    for token in DEMO_TOKENS {
        println!("  {:<20} {}", token.token, token.purpose);
    }
    grpc::serve_until(listener, AppState::new(args.config), stop).await?;
    Ok(())
}
