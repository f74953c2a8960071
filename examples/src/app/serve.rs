//! The service on a socket, as it would run in production: HTTP/1 through hyper's own server,
//! with its header timeout, at most [`ServiceConfig::max_connections`] connections at once and
//! [`ServiceConfig::max_connections_per_address`] from one client, and each request tagged with
//! the client's address for the rate limits.
//!
//! The caps are the one part written here: hyper serves one connection at a time it is handed,
//! and tower's limits count requests in flight, which an idle connection has none of, so no
//! crate bounds the connections an accept loop keeps open. A semaphore's permit is taken for
//! each connection as it is accepted and given back when hyper is done with it, and the
//! connections of each client address (IPv6: each /64) are counted in a map that holds only
//! the addresses with a connection open. A connection accepted over either cap is closed at
//! once, unanswered: a client learns straight away that the service is full (or that it holds
//! its share), instead of waiting in the kernel's queue for a turn.
//!
//! Told to stop, it stops accepting and lets each connection finish the request it is
//! answering (hyper-util's `GracefulShutdown`: a connection between requests is closed, one in
//! the middle of one answers it with `Connection: close`), for at most
//! [`ServiceConfig::drain_timeout`].

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::{Service, ServiceExt};

use super::rate::client_key;
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
    let permits = Arc::new(Semaphore::new(config.max_connections));
    let mut services = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout);
    let mut refused: u64 = 0;
    let mut refused_here: u64 = 0;
    let per_address: Arc<Mutex<HashMap<IpAddr, usize>>> = Arc::default();
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(error) => {
                tracing::warn!(%error, "accepting a connection failed");
                tokio::time::sleep(ACCEPT_PAUSE).await;
                continue;
            }
        };
        let Some(share) = Share::take(&per_address, peer.ip(), config.max_connections_per_address)
        else {
            refused_here += 1;
            if refused_here == 1 || refused_here.is_multiple_of(1024) {
                tracing::warn!(
                    max_connections_per_address = config.max_connections_per_address,
                    refused = refused_here,
                    "connection closed unanswered: its client holds its share of connections"
                );
            }
            drop(stream);
            continue;
        };
        let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
            refused += 1;
            // The first refusal, then one line per 1024: a flood of connections cannot
            // flood the log.
            if refused == 1 || refused.is_multiple_of(1024) {
                tracing::warn!(
                    max_connections = config.max_connections,
                    refused,
                    "connection closed unanswered: the service is at its connection cap"
                );
            }
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
            drop(permit);
            drop(share);
        });
    }
}

/// One connection of a client address, counted while it is held.
struct Share {
    counts: Arc<Mutex<HashMap<IpAddr, usize>>>,
    client: IpAddr,
}

impl Share {
    /// A connection of `address`'s client, when it holds fewer than `most`.
    fn take(
        counts: &Arc<Mutex<HashMap<IpAddr, usize>>>,
        address: IpAddr,
        most: usize,
    ) -> Option<Share> {
        let client = client_key(address);
        let mut held = counts.lock().unwrap_or_else(PoisonError::into_inner);
        let count = held.entry(client).or_insert(0);
        if *count >= most {
            if *count == 0 {
                held.remove(&client);
            }
            return None;
        }
        *count += 1;
        Some(Share {
            counts: Arc::clone(counts),
            client,
        })
    }
}

impl Drop for Share {
    fn drop(&mut self) {
        let mut held = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = held.get_mut(&self.client) {
            *count -= 1;
            if *count == 0 {
                held.remove(&self.client);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_s_share_counts_its_64_and_the_map_keeps_only_open_ones() {
        let counts: Arc<Mutex<HashMap<IpAddr, usize>>> = Arc::default();
        let first = Share::take(&counts, "2001:db8::1".parse().unwrap(), 2).unwrap();
        let second = Share::take(&counts, "2001:db8::ffff:1".parse().unwrap(), 2).unwrap();
        // The same /64: its share is taken.
        assert!(Share::take(&counts, "2001:db8::2".parse().unwrap(), 2).is_none());
        // Another /64, and an IPv4 client, are not.
        let other = Share::take(&counts, "2001:db8:0:1::1".parse().unwrap(), 2).unwrap();
        let v4 = Share::take(&counts, "192.0.2.1".parse().unwrap(), 2).unwrap();
        assert_eq!(counts.lock().unwrap().len(), 3);
        drop((first, second, other, v4));
        assert!(counts.lock().unwrap().is_empty());
    }
}
