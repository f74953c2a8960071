//! The service on a socket, as it would run in production: HTTP/1 through hyper's own server,
//! with its header timeout, at most [`ServiceConfig::max_connections`] connections at once and
//! [`ServiceConfig::max_connections_per_address`] from one client, and each request tagged with
//! the client's address for the rate limits.
//!
//! The caps are `caps`'s, shared with the poem part.
//!
//! Told to stop, it stops accepting and lets each connection finish the request it is
//! answering (hyper-util's `GracefulShutdown`: a connection between requests is closed, one in
//! the middle of one answers it with `Connection: close`), for at most
//! [`ServiceConfig::drain_timeout`].

use std::net::SocketAddr;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::{Service, ServiceExt};

use super::caps::Caps;
use super::router;
use super::state::{AppState, ServiceConfig};

/// How long the accept loop waits after a failed accept (out of file descriptors, say) before
/// it tries again, rather than spin.
const ACCEPT_PAUSE: Duration = Duration::from_millis(50);

/// Serves the API of `state` on `listener`, until the future is dropped.
///
/// Beyond [`router`]'s: each connection has [`ServiceConfig::header_timeout`] to send a
/// request's head, counted from its start and again from each response, so that a silent or
/// idle connection is closed too; and at most [`ServiceConfig::max_connections`] are served
/// at once, another being closed as soon as it is accepted. Requests carry the client's address
/// (axum's `ConnectInfo<SocketAddr>`), which the limit on unauthenticated requests counts by.
pub async fn serve(listener: TcpListener, state: AppState) {
    serve_until(listener, state, std::future::pending()).await;
}

/// [`serve`], until `stop` resolves: then no connection is accepted, the requests in flight
/// are answered (for at most [`ServiceConfig::drain_timeout`]), and it returns.
pub async fn serve_until(
    listener: TcpListener,
    state: AppState,
    stop: impl std::future::Future<Output = ()>,
) {
    let config: ServiceConfig = state.config;
    let graceful = GracefulShutdown::new();
    let accepting = accept(&listener, state, &graceful);
    tokio::select! {
        () = accepting => {}
        () = stop => {}
    }
    drop(listener);
    if tokio::time::timeout(config.drain_timeout, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            drain_timeout_ms = config.drain_timeout.as_millis(),
            "stopped with requests still unanswered: they took longer than the drain timeout"
        );
    }
}

/// Accepts connections and serves each, watched by `graceful`, for ever.
async fn accept(listener: &TcpListener, state: AppState, graceful: &GracefulShutdown) {
    let config: ServiceConfig = state.config;
    let mut caps = Caps::new(&config);
    let mut services = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout);
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(error) => {
                tracing::warn!(%error, "accepting a connection failed");
                tokio::time::sleep(ACCEPT_PAUSE).await;
                continue;
            }
        };
        let Some(admitted) = caps.admit(peer.ip()) else {
            drop(stream);
            continue;
        };
        let Ok(ready) = ServiceExt::<SocketAddr>::ready(&mut services).await;
        let Ok(service) = ready.call(peer).await;
        let connection = graceful
            .watch(http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service)));
        tokio::spawn(async move {
            // A connection that ends in an error (a header timeout, a reset) is the client's
            // doing, and its requests' errors are logged already.
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended");
            }
            drop(admitted);
        });
    }
}
