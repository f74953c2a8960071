//! The rate limits, kept by governor's GCRA limiters: per account for the requests of a known
//! token, on the account's plan, and per client address for the requests that fail
//! authentication, so that guessing tokens costs as much as anything else. GCRA spreads a
//! window's requests evenly once a burst is spent: no window edge lets a client through twice.
//!
//! What the limiters keep is bounded. The accounts' limiter holds a key per account, and the
//! accounts are the demo tokens' few. The addresses' limiter would hold one per address ever
//! seen, so every [`PRUNE_EVERY`] checks it forgets those whose state is back to a fresh one
//! (`retain_recent`, then `shrink_to_fit`), which leaves the addresses of the last window; and
//! when even then it holds [`ADDRESSES_MAX`] or more, the requests of every address share one
//! quota until pruning makes room. At most `ADDRESSES_MAX + PRUNE_EVERY` addresses are kept.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota};

use super::plans::{PLANS, Plan};
use super::state::ServiceConfig;
use crate::errors::rate_limit_error;

/// The most client addresses the addresses' limiter keeps track of at once, pruning aside.
pub(super) const ADDRESSES_MAX: usize = 65_536;

/// How many checks of an address go by between two prunings of the addresses' limiter.
pub(super) const PRUNE_EVERY: u64 = 1024;

/// The key every address shares when the addresses' limiter is full, and the key of a request
/// whose peer is not known (a router served without connect info).
const SHARED: IpAddr = IpAddr::V6(Ipv6Addr::UNSPECIFIED);

/// Every rate limiter of the service.
pub(super) struct RateLimits {
    /// One limiter per plan, keyed by account: `PLANS` and `plans` are in the same order.
    plans: Vec<DefaultKeyedRateLimiter<&'static str>>,
    /// Requests that failed authentication, keyed by client address.
    addresses: DefaultKeyedRateLimiter<IpAddr>,
    /// Requests per window allowed to an address.
    unauthenticated: u32,
    /// Checks of an address so far, to prune every [`PRUNE_EVERY`].
    checks: AtomicU64,
    /// Whether the addresses' limiter was full at its last pruning.
    full: AtomicBool,
}

impl RateLimits {
    pub(super) fn new(config: &ServiceConfig) -> Self {
        RateLimits {
            plans: PLANS
                .iter()
                .map(|plan| {
                    DefaultKeyedRateLimiter::keyed(quota(
                        plan.requests_per_window,
                        config.rate_window,
                    ))
                })
                .collect(),
            addresses: DefaultKeyedRateLimiter::keyed(quota(
                config.unauthenticated_per_window,
                config.rate_window,
            )),
            unauthenticated: config.unauthenticated_per_window,
            checks: AtomicU64::new(0),
            full: AtomicBool::new(false),
        }
    }

    /// One more request of `account`, on `plan`.
    pub(super) fn account(
        &self,
        account: &'static str,
        plan: Plan,
    ) -> Result<(), rate_limit_error::Exceeded> {
        let Some(limiter) = PLANS
            .iter()
            .position(|known| known.id == plan.id)
            .and_then(|index| self.plans.get(index))
        else {
            // Every plan is one of `PLANS`, which made `plans`.
            return Ok(());
        };
        limiter
            .check_key(&account)
            .map_err(|not_until| rate_limit_error::Exceeded {
                retry_after: seconds(not_until.wait_time_from(limiter.clock().now())),
                limit: plan.requests_per_window,
            })
    }

    /// One more request from `peer` that failed authentication.
    pub(super) fn address(
        &self,
        peer: Option<SocketAddr>,
    ) -> Result<(), rate_limit_error::Exceeded> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == PRUNE_EVERY - 1 {
            self.addresses.retain_recent();
            self.addresses.shrink_to_fit();
            self.full
                .store(self.addresses.len() >= ADDRESSES_MAX, Ordering::Relaxed);
        }
        let key = match peer {
            Some(peer) if !self.full.load(Ordering::Relaxed) => client_key(peer.ip()),
            _ => SHARED,
        };
        self.addresses
            .check_key(&key)
            .map_err(|not_until| rate_limit_error::Exceeded {
                retry_after: seconds(not_until.wait_time_from(self.addresses.clock().now())),
                limit: self.unauthenticated,
            })
    }
}

/// `per_window` requests per `window`: a burst of that many, then one every `window /
/// per_window`. Zero requests is taken for one, and a period too short to measure for a
/// nanosecond.
fn quota(per_window: u32, window: Duration) -> Quota {
    let burst = NonZeroU32::new(per_window).unwrap_or(NonZeroU32::MIN);
    let period = (window / burst.get()).max(Duration::from_nanos(1));
    // A period of at least a nanosecond always makes a quota.
    Quota::with_period(period)
        .unwrap_or_else(|| Quota::per_second(burst))
        .allow_burst(burst)
}

/// The whole seconds of `wait`, rounded up, and at least one: a `Retry-After` of `0` would ask
/// for the request that was just refused.
fn seconds(wait: Duration) -> u64 {
    let whole = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    whole.max(1)
}

/// What an address is counted under: an IPv4 address as it is (also when it comes mapped into
/// IPv6), an IPv6 address by its /64 network, the least a single client is given.
pub(super) fn client_key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !u128::from(u64::MAX))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wait_is_whole_seconds_rounded_up_and_at_least_one() {
        assert_eq!(seconds(Duration::ZERO), 1);
        assert_eq!(seconds(Duration::from_millis(1)), 1);
        assert_eq!(seconds(Duration::from_millis(1001)), 2);
        assert_eq!(seconds(Duration::from_secs(12)), 12);
    }

    #[test]
    fn an_ipv6_client_is_counted_by_its_64_bit_network() {
        let one: IpAddr = "2001:db8:1:2:3:4:5:6".parse().unwrap();
        let other: IpAddr = "2001:db8:1:2:ffff::1".parse().unwrap();
        assert_eq!(client_key(one), client_key(other));
        assert_ne!(
            client_key(one),
            client_key("2001:db8:1:3::1".parse().unwrap())
        );
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(client_key(mapped), "192.0.2.7".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn the_addresses_kept_are_pruned_to_the_recent_ones() {
        let config = ServiceConfig {
            // Every state is back to a fresh one a millisecond after it was used.
            rate_window: Duration::from_millis(1),
            ..ServiceConfig::default()
        };
        let limits = RateLimits::new(&config);
        for n in 0..PRUNE_EVERY - 1 {
            let [.., high, low] = n.to_be_bytes();
            let _ = limits.address(Some(SocketAddr::from(([10, 0, high, low], 1))));
        }
        assert_eq!(
            limits.addresses.len(),
            usize::try_from(PRUNE_EVERY - 1).unwrap()
        );
        std::thread::sleep(Duration::from_millis(20));
        let _ = limits.address(Some(SocketAddr::from(([192, 0, 2, 1], 1))));
        assert!(limits.addresses.len() <= 1, "{}", limits.addresses.len());
    }
}
