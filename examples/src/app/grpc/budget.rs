//! A call's budget: a place among the calls in flight, and a time.
//!
//! - **Place.** Each connection may have [`MAX_CONCURRENT_STREAMS`](super::MAX_CONCURRENT_STREAMS)
//!   calls open, and hundreds of connections are allowed: without a bound of the whole, many
//!   clients (or one with many addresses) could keep tens of thousands of unfinished calls,
//!   each holding its head, until their deadlines. A call past [`MAX_CALLS_IN_FLIGHT`] is
//!   answered at once `RESOURCE_EXHAUSTED` in the envelope (its stream then ends, and what it
//!   held is freed), logged as a client error, and counted for a `WARN` the first time and
//!   every 1024th after. A call holds its place until its answer has been written. One client address (IPv6:
//!   one /64) holds at most [`MAX_CALLS_PER_ADDRESS`] of them, so that one client with a few
//!   connections cannot take them all. Tower's concurrency
//!   limits would make it wait (holding its head, which is what is to be bounded) or, with load
//!   shedding, fail with an error that tonic turns into a status without the envelope.
//! - **Time.** [`ServiceConfig::request_timeout`](crate::ServiceConfig), or the call's own
//!   `grpc-timeout` when it is shorter (less 5 ms), answered `DEADLINE_EXCEEDED` in the
//!   envelope. Tonic's own timer runs outside the service's layers and answers `CANCELLED` with
//!   no details, a deadline reported as if the client had given up: it keeps a call's
//!   `grpc-timeout` whatever the server sets, so this one fires a little before it.
//!
//! Both run inside the error layer, so their answers carry the request's id as every other does.

use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use api_error_core::Rejection;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::super::caps::{Share, Shares, Tally};

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
    /// The calls refused for the whole's bound, and for a client's share.
    refused: Arc<(Tally, Tally)>,
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

    /// A place for a call from `client` (when known), and its share of the places; else what
    /// ran out.
    fn place(
        &self,
        client: Option<IpAddr>,
    ) -> Result<(OwnedSemaphorePermit, Option<Share>), Refusal> {
        let share = match client {
            Some(client) => Some(
                Share::take(&self.shares, client, MAX_CALLS_PER_ADDRESS).ok_or(Refusal::Share)?,
            ),
            None => None,
        };
        let place = Arc::clone(&self.places)
            .try_acquire_owned()
            .map_err(|_| Refusal::Whole)?;
        Ok((place, share))
    }

    /// The answer to a call that found no place: `RESOURCE_EXHAUSTED` (which clients do not
    /// retry by default, where they would retry `UNAVAILABLE` at once), the core's client
    /// error at `429`, logged as a client error is (sampled); each cause counted for a `WARN`
    /// of its own, the first time and every 1024th.
    fn busy(&self, refusal: Refusal) -> tonic::Status {
        let (count, what) = match refusal {
            Refusal::Whole => (&self.refused.0, "the service has its most calls in flight"),
            Refusal::Share => (&self.refused.1, "its client has its most calls in flight"),
        };
        if let Some(refused) = count.count() {
            tracing::warn!(
                max_calls_in_flight = MAX_CALLS_IN_FLIGHT,
                max_calls_per_address = MAX_CALLS_PER_ADDRESS,
                refused,
                "call answered RESOURCE_EXHAUSTED: {what}"
            );
        }
        super::with_code(
            tonic::Code::ResourceExhausted,
            &Rejection::from_kind(None, http::StatusCode::TOO_MANY_REQUESTS, None, None),
        )
    }
}

/// What a call found no room in.
#[derive(Debug, Clone, Copy)]
enum Refusal {
    /// The calls in flight of the whole service.
    Whole,
    /// Its client address's share of them.
    Share,
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
        let place = match self.budget.place(client) {
            Ok(place) => place,
            Err(refusal) => {
                let busy = self.budget.busy(refusal).into_http();
                return Box::pin(std::future::ready(Ok(busy)));
            }
        };
        let time = request
            .headers()
            .get("grpc-timeout")
            .and_then(|value| grpc_timeout(value.as_bytes()))
            // Tonic's own timer keeps the same header outside the service's layers and answers
            // `CANCELLED` with no details: this one fires first.
            .map_or(self.budget.time, |asked| {
                asked.saturating_sub(AHEAD_OF_TONIC).min(self.budget.time)
            });
        let answer = self.inner.call(request);
        Box::pin(async move {
            let answered = match tokio::time::timeout(time, answer).await {
                Ok(answered) => answered?,
                Err(_) => super::with_code(
                    tonic::Code::DeadlineExceeded,
                    &Rejection::from_kind(None, http::StatusCode::REQUEST_TIMEOUT, None, None),
                )
                .into_http(),
            };
            // The place is held until the answer's body (its message and trailers) has been
            // written out and dropped, so that a drain that waits for no call in flight waits
            // for it.
            let (parts, body) = answered.into_parts();
            let body = tonic::body::Body::new(Holding {
                body,
                _place: place,
            });
            Ok(http::Response::from_parts(parts, body))
        })
    }
}

/// How much sooner than a call's own `grpc-timeout` the service answers it, so that tonic's
/// timer, which keeps the same deadline outside the service's layers, never fires first.
const AHEAD_OF_TONIC: Duration = Duration::from_millis(5);

/// An answer's body, and what it holds until it is dropped.
struct Holding<T> {
    body: tonic::body::Body,
    _place: T,
}

impl<T: Unpin> http_body::Body for Holding<T> {
    type Data = bytes::Bytes;
    type Error = tonic::Status;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<bytes::Bytes>, tonic::Status>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

/// A `grpc-timeout` value: at most 8 digits and a unit (`H`, `M`, `S`, `m`, `u`, `n`), as
/// gRPC's HTTP/2 protocol defines it, a leading `+` taken as tonic takes it; `None` for
/// anything else, which leaves the service's own limit.
fn grpc_timeout(value: &[u8]) -> Option<Duration> {
    let value = value.strip_prefix(b"+").unwrap_or(value);
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
