//! Serves the orders API on 127.0.0.1:3000; `--port N` or `PORT=N` to change the port.

use std::net::{Ipv4Addr, SocketAddr};

use api_error_examples::{AppState, DEMO_TOKEN, router};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port = port().unwrap_or(3000);
    let listener =
        tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
    println!(
        "listening on http://{} (demo token: {DEMO_TOKEN})",
        listener.local_addr()?
    );
    axum::serve(listener, router(AppState::with_demo_orders())).await
}

fn port() -> Option<u16> {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--port" {
            return args.next().and_then(|p| p.parse().ok());
        }
        if let Some(p) = arg.strip_prefix("--port=") {
            return p.parse().ok();
        }
    }
    std::env::var("PORT").ok().and_then(|p| p.parse().ok())
}
