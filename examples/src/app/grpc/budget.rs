//! A call's budget: a place among the calls in flight, and a time.
//!
//! - **Place.** Each connection may have [`MAX_CONCURRENT_STREAMS`](super::MAX_CONCURRENT_STREAMS)
//!   calls open, and hundreds of connections are allowed: without a bound of the whole, many
//!   clients (or one with many addresses) could keep tens of thousands of unfinished calls,
//!   each holding its head, until their deadlines. A call past [`MAX_CALLS_IN_FLIGHT`] is
//!   answered at once `UNAVAILABLE` in the envelope (its stream then ends, and what it held is
//!   freed), logged at `WARN` the first time and every 1024th after. One client address (IPv6:
//!   one /64) holds at most [`MAX_CALLS_PER_ADDRESS`] of them, so that one client with a few
//!   connections cannot take them all. Tower's concurrency
//!   limits would make it wait (holding its head, which is what is to be bounded) or, with load
//!   shedding, fail with an error that tonic turns into a status without the envelope.
//! - **Time.** [`ServiceConfig::request_timeout`](crate::ServiceConfig), or the call's own
//!   `grpc-timeout` when it is shorter, answered `DEADLINE_EXCEEDED` in the envelope. Tonic's own
//!   timeout runs outside the service's layers and answers `CANCELLED` with no details, a
//!   deadline reported as if the client had given up.
//!
//! Both run inside the error layer, so their answers carry the request's id as every other does.

use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use api_error_core::Rejection;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::super::caps::{Share, Shares};

/// The most calls the service has in flight at once, over all its connections.
pub const MAX_CALLS_IN_FLIGHT: usize = 1024;

/// The most of [`MAX_CALLS_IN_FLIGHT`] one client address holds: an eighth.
pub const MAX_CALLS_PER_ADDRESS: usize = MAX_CALLS_IN_FLIGHT / 8;

/// The layer of [`Budgeted`]: one count of calls in flight for every connection, and the
/// longest time for a call.
#[derive(Debug, Clone)]
pub(super) struct BudgetLayer {
    places: Arc<Semaphore>,
    shares: Shares,
    refused: Arc<AtomicU64>,
    time: Duration,
}

impl BudgetLayer {
    /// [`MAX_CALLS_IN_FLIGHT`] places, and `time` for each call.
    pub(super) fn new(time: Duration) -> Self {
        BudgetLayer {
            places: Arc::new(Semaphore::new(MAX_CALLS_IN_FLIGHT)),
            shares: Shares::default(),
            refused: Arc::default(),
            time,
        }
    }

    /// Whether no call is in flight.
    pub(super) fn is_idle(&self) -> bool {
        self.places.available_permits() == MAX_CALLS_IN_FLIGHT
    }

    /// A place for a call from `client` (when known), and its share of the places: `None`
    /// when the service, or the client, has its most calls in flight.
    fn place(&self, client: Option<IpAddr>) -> Option<(OwnedSemaphorePermit, Option<Share>)> {
        let share = match client {
            Some(client) => Some(Share::take(&self.shares, client, MAX_CALLS_PER_ADDRESS)?),
            None => None,
        };
        let place = Arc::clone(&self.places).try_acquire_owned().ok()?;
        Some((place, share))
    }

    /// The answer to a call that found no place, counted for the log.
    fn busy(&self) -> tonic::Status {
        let refused = self.refused.fetch_add(1, Ordering::Relaxed) + 1;
        if refused == 1 || refused.is_multiple_of(1024) {
            tracing::warn!(
                max_calls_in_flight = MAX_CALLS_IN_FLIGHT,
                refused,
                "call answered UNAVAILABLE: the service, or its client, has its most calls in \
                 flight"
            );
        }
        super::with_code(
            tonic::Code::Unavailable,
            &Rejection::from_kind(None, http::StatusCode::SERVICE_UNAVAILABLE, None, None),
        )
    }
}

impl<S> tower::Layer<S> for BudgetLayer {
    type Service = Budgeted<S>;

    fn layer(&self, inner: S) -> Budgeted<S> {
        Budgeted {
            inner,
            budget: self.clone(),
        }
    }
}

/// `inner`, each call given its place and its time.
#[derive(Debug, Clone)]
pub(super) struct Budgeted<S> {
    inner: S,
    budget: BudgetLayer,
}

type Answer = http::Response<tonic::body::Body>;

impl<S, B> tower::Service<http::Request<B>> for Budgeted<S>
where
    S: tower::Service<http::Request<B>, Response = Answer>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Answer;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Answer, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let client = request
            .extensions()
            .get::<tonic::transport::server::TcpConnectInfo>()
            .and_then(tonic::transport::server::TcpConnectInfo::remote_addr)
            .map(|address| address.ip());
        let Some(place) = self.budget.place(client) else {
            let busy = self.budget.busy().into_http();
            return Box::pin(std::future::ready(Ok(busy)));
        };
        let time = request
            .headers()
            .get("grpc-timeout")
            .and_then(|value| grpc_timeout(value.as_bytes()))
            .map_or(self.budget.time, |asked| asked.min(self.budget.time));
        let answer = self.inner.call(request);
        Box::pin(async move {
            let answered = tokio::time::timeout(time, answer).await;
            drop(place);
            answered.unwrap_or_else(|_| {
                let late = super::with_code(
                    tonic::Code::DeadlineExceeded,
                    &Rejection::from_kind(None, http::StatusCode::REQUEST_TIMEOUT, None, None),
                );
                Ok(late.into_http())
            })
        })
    }
}
/// A `grpc-timeout` value: at most 8 digits and a unit (`H`, `M`, `S`, `m`, `u`, `n`), as
/// gRPC's HTTP/2 protocol defines it; `None` for anything else, which leaves the service's own
/// limit.
fn grpc_timeout(value: &[u8]) -> Option<Duration> {
    let (&unit, digits) = value.split_last()?;
    if digits.is_empty() || digits.len() > 8 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let amount: u64 = std::str::from_utf8(digits).ok()?.parse().ok()?;
    Some(match unit {
        b'H' => Duration::from_secs(amount * 3600),
        b'M' => Duration::from_secs(amount * 60),
        b'S' => Duration::from_secs(amount),
        b'm' => Duration::from_millis(amount),
        b'u' => Duration::from_micros(amount),
        b'n' => Duration::from_nanos(amount),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grpc_timeout_is_read_as_the_protocol_writes_it() {
        assert_eq!(grpc_timeout(b"2H"), Some(Duration::from_secs(7200)));
        assert_eq!(grpc_timeout(b"3M"), Some(Duration::from_secs(180)));
        assert_eq!(
            grpc_timeout(b"99999999S"),
            Some(Duration::from_secs(99_999_999))
        );
        assert_eq!(grpc_timeout(b"250m"), Some(Duration::from_millis(250)));
        assert_eq!(grpc_timeout(b"7u"), Some(Duration::from_micros(7)));
        assert_eq!(grpc_timeout(b"1n"), Some(Duration::from_nanos(1)));
        for wrong in [
            &b""[..],
            b"S",
            b"100000000S",
            b"10s",
            b"-1S",
            b"1.5S",
            b"10",
        ] {
            assert_eq!(
                grpc_timeout(wrong),
                None,
                "{:?}",
                String::from_utf8_lossy(wrong)
            );
        }
    }
}
