//! The hardening suite: each binary of the examples (`server` on axum, `actix`, `poem` and
//! `grpc`) started as a process with short limits from its command line, on loopback, and held
//! to each limit as a hostile or careless client meets it: heads and bodies that stop or never
//! end, answers given before a body arrived, more connections than the caps from one address or
//! many, more requests than the rate limits, a log nobody reads, client text on its way to the
//! log, a stop (SIGTERM) with a request in flight, and, on gRPC, streams left open. The timeouts
//! are short here and the waits generous: each test asserts that a connection was closed or
//! answered, and how, never how fast.
//!
//! `cargo test -p api-error-examples --test hardening`; the floods, which measure the memory
//! each binary keeps, are `--example flood` (see the examples' README).

mod binary;
mod grpc;
mod limits;
mod logs;
mod rates;
mod shutdown;
mod wire;

/// The axum service.
const SERVER: &str = env!("CARGO_BIN_EXE_server");
/// The actix-web part.
const ACTIX: &str = env!("CARGO_BIN_EXE_actix");
/// The poem part.
const POEM: &str = env!("CARGO_BIN_EXE_poem");
/// The gRPC service.
const GRPC: &str = env!("CARGO_BIN_EXE_grpc");

/// Every HTTP binary.
const HTTP: [&str; 3] = [SERVER, ACTIX, POEM];

/// The binary's name, for a failure's message.
fn name(binary: &str) -> &str {
    binary.rsplit('/').next().unwrap_or(binary)
}
