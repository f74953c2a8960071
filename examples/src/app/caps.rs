//! The connection caps of an accept loop: at most [`ServiceConfig::max_connections`] open at
//! once, and [`ServiceConfig::max_connections_per_address`] of them from one client address
//! (IPv6: one /64 network), so that one client cannot take them all.
//!
//! Written here because no crate bounds the connections an accept loop keeps open: hyper (and
//! poem on it) serves each connection it is handed, and tower's limits count requests in
//! flight, which an idle connection has none of. A semaphore's permit and the client's share
//! are taken for each connection as it is accepted and given back when it is dropped; the
//! shares are a map that holds only the addresses with a connection open. A connection over
//! either cap is meant to be closed at once, unanswered: a client learns straight away that
//! the service is full (or that it holds its share), instead of waiting in the kernel's queue.

use std::collections::HashMap;
use std::future::Future as _;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};

use super::rate::client_key;
use super::state::ServiceConfig;

/// The caps of one accept loop.
pub(super) struct Caps {
    permits: Arc<Semaphore>,
    shares: Shares,
    max: usize,
    per_address: usize,
    /// The connections refused for the whole's cap, and for a client's share, as counted for
    /// the log.
    refused: (Tally, Tally),
}

/// Refusals counted for a log that says so the first time and every 1024th after, so that a
/// flood of them cannot flood the log.
#[derive(Debug, Default)]
pub(super) struct Tally(AtomicU64);

impl Tally {
    /// Counts one more: the count, when this one is to be logged.
    pub(super) fn count(&self) -> Option<u64> {
        let count = self.0.fetch_add(1, Ordering::Relaxed) + 1;
        (count == 1 || count.is_multiple_of(1024)).then_some(count)
    }
}

/// A connection admitted under the caps, held while it is open.
pub(super) struct Admitted {
    _permit: OwnedSemaphorePermit,
    _share: Share,
}

impl Caps {
    pub(super) fn new(config: &ServiceConfig) -> Self {
        Caps {
            permits: Arc::new(Semaphore::new(config.max_connections)),
            shares: Arc::default(),
            max: config.max_connections,
            per_address: config.max_connections_per_address,
            refused: (Tally::default(), Tally::default()),
        }
    }

    /// A connection from `address`, when both caps allow one more; else `None`, logged at
    /// `WARN` the first time and every 1024th after, so that a flood of connections cannot
    /// flood the log.
    pub(super) fn admit(&mut self, address: IpAddr) -> Option<Admitted> {
        let Some(share) = Share::take(&self.shares, address, self.per_address) else {
            if let Some(refused) = self.refused.1.count() {
                tracing::warn!(
                    max_connections_per_address = self.per_address,
                    refused,
                    "connection closed unanswered: its client holds its share of connections"
                );
            }
            return None;
        };
        let Ok(permit) = Arc::clone(&self.permits).try_acquire_owned() else {
            if let Some(refused) = self.refused.0.count() {
                tracing::warn!(
                    max_connections = self.max,
                    refused,
                    "connection closed unanswered: the service is at its connection cap"
                );
            }
            return None;
        };
        Some(Admitted {
            _permit: permit,
            _share: share,
        })
    }
}

/// A connection admitted under the caps, which it holds until it is dropped; with a `quiet`,
/// closed (a read that fails) once it has been quiet both ways for that long, for a server that
/// has no header timeout of its own (poem's).
pub(super) struct Held {
    stream: TcpStream,
    _admitted: Admitted,
    /// How long it may be quiet, and when it will have been, from its last byte either way.
    quiet: Option<(Duration, Pin<Box<Sleep>>)>,
}

impl Held {
    pub(super) fn new(stream: TcpStream, admitted: Admitted, quiet: Option<Duration>) -> Self {
        Held {
            stream,
            _admitted: admitted,
            quiet: quiet.map(|quiet| (quiet, Box::pin(tokio::time::sleep(quiet)))),
        }
    }

    /// A byte went either way: the quiet starts again.
    fn heard(&mut self) {
        if let Some((quiet, timer)) = &mut self.quiet {
            let next = Instant::now() + *quiet;
            timer.as_mut().reset(next);
        }
    }
}

impl AsyncRead for Held {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.stream).poll_read(cx, buf) {
            Poll::Ready(read) => {
                this.heard();
                Poll::Ready(read)
            }
            Poll::Pending => {
                let quiet_over = match &mut this.quiet {
                    Some((_, timer)) => timer.as_mut().poll(cx).is_ready(),
                    None => false,
                };
                if quiet_over {
                    Poll::Ready(Err(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        "the connection was quiet for too long",
                    )))
                } else {
                    Poll::Pending
                }
            }
        }
    }
}

impl AsyncWrite for Held {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.stream).poll_write(cx, buf);
        if let Poll::Ready(Ok(1..)) = written {
            this.heard();
        }
        written
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

/// What tonic reads of a connection: the client's address, for the rate limits.
impl tonic::transport::server::Connected for Held {
    type ConnectInfo = tonic::transport::server::TcpConnectInfo;

    fn connect_info(&self) -> Self::ConnectInfo {
        self.stream.connect_info()
    }
}

/// The connections a listener accepts under the caps, as tonic takes them: one over either cap
/// is closed as soon as it is accepted, unanswered, and the next is taken; a failed accept
/// (out of file descriptors, say) is logged and skipped. With a `quiet`, each is closed once it
/// has been quiet both ways for that long (see [`Held`]).
pub(super) struct Incoming {
    pub(super) listener: tokio::net::TcpListener,
    pub(super) caps: Caps,
    pub(super) quiet: Option<Duration>,
}

impl futures_core::Stream for Incoming {
    type Item = std::io::Result<Held>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match this.listener.poll_accept(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Err(error)) => {
                    tracing::warn!(%error, "accepting a connection failed");
                }
                Poll::Ready(Ok((stream, peer))) => {
                    if let Some(admitted) = this.caps.admit(peer.ip()) {
                        let held = Held::new(stream, admitted, this.quiet);
                        return Poll::Ready(Some(Ok(held)));
                    }
                }
            }
        }
    }
}

/// What a client address holds of something shared out per address (connections here, a
/// service's calls in flight elsewhere): a count per address, which holds only the addresses
/// that hold one.
pub(super) type Shares = Arc<Mutex<HashMap<IpAddr, usize>>>;

/// One of a client address's share, counted while it is held.
pub(super) struct Share {
    counts: Shares,
    client: IpAddr,
}

impl Share {
    /// One more for `address`'s client (IPv6: its /64), when it holds fewer than `most`.
    pub(super) fn take(counts: &Shares, address: IpAddr, most: usize) -> Option<Share> {
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

    #[test]
    fn the_whole_s_cap_holds_across_clients_and_a_refusal_takes_no_share() {
        let mut caps = Caps::new(&ServiceConfig {
            max_connections: 2,
            max_connections_per_address: 2,
            ..ServiceConfig::default()
        });
        let a = caps.admit("192.0.2.1".parse().unwrap()).unwrap();
        let b = caps.admit("192.0.2.2".parse().unwrap()).unwrap();
        assert!(caps.admit("192.0.2.3".parse().unwrap()).is_none());
        assert_eq!(caps.shares.lock().unwrap().len(), 2);
        drop(a);
        assert!(caps.admit("192.0.2.3".parse().unwrap()).is_some());
        drop(b);
    }
}
