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
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::rate::client_key;
use super::state::ServiceConfig;

/// The caps of one accept loop.
pub(super) struct Caps {
    permits: Arc<Semaphore>,
    shares: Arc<Mutex<HashMap<IpAddr, usize>>>,
    max: usize,
    per_address: usize,
    /// The connections refused for the whole's cap, and for a client's share, as counted for
    /// the log.
    refused: (u64, u64),
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
            refused: (0, 0),
        }
    }

    /// A connection from `address`, when both caps allow one more; else `None`, logged at
    /// `WARN` the first time and every 1024th after, so that a flood of connections cannot
    /// flood the log.
    pub(super) fn admit(&mut self, address: IpAddr) -> Option<Admitted> {
        let Some(share) = Share::take(&self.shares, address, self.per_address) else {
            self.refused.1 += 1;
            if self.refused.1 == 1 || self.refused.1.is_multiple_of(1024) {
                tracing::warn!(
                    max_connections_per_address = self.per_address,
                    refused = self.refused.1,
                    "connection closed unanswered: its client holds its share of connections"
                );
            }
            return None;
        };
        let Ok(permit) = Arc::clone(&self.permits).try_acquire_owned() else {
            self.refused.0 += 1;
            if self.refused.0 == 1 || self.refused.0.is_multiple_of(1024) {
                tracing::warn!(
                    max_connections = self.max,
                    refused = self.refused.0,
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
