//! The calls in flight over all connections, bounded: each connection may have
//! [`MAX_CONCURRENT_STREAMS`](super::MAX_CONCURRENT_STREAMS) open, and hundreds of connections
//! are allowed, so without a bound of the whole many clients (or one with many addresses) could
//! keep tens of thousands of unfinished calls, each holding its head, until their deadlines. A
//! call past [`MAX_CALLS_IN_FLIGHT`] is answered at once `UNAVAILABLE` in the envelope (its
//! stream then ends, and what it held is freed), logged at `WARN` the first time and every
//! 1024th after.
//!
//! Written here because tower's concurrency limits make a call past them wait (holding its
//! head, which is what is to be bounded) or, with load shedding, fail with an error that tonic
//! turns into a status without the envelope.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};

use api_error_core::Rejection;
use tokio::sync::Semaphore;

/// The most calls the service has in flight at once, over all its connections.
pub const MAX_CALLS_IN_FLIGHT: usize = 1024;

/// The layer of [`InFlight`]: one budget for every connection.
#[derive(Debug, Clone)]
pub(super) struct InFlightLayer {
    permits: Arc<Semaphore>,
    refused: Arc<AtomicU64>,
}

impl InFlightLayer {
    pub(super) fn new() -> Self {
        InFlightLayer {
            permits: Arc::new(Semaphore::new(MAX_CALLS_IN_FLIGHT)),
            refused: Arc::default(),
        }
    }
}

impl<S> tower::Layer<S> for InFlightLayer {
    type Service = InFlight<S>;

    fn layer(&self, inner: S) -> InFlight<S> {
        InFlight {
            inner,
            budget: self.clone(),
        }
    }
}

/// `inner`, each call taking a place of the budget until it is answered.
#[derive(Debug, Clone)]
pub(super) struct InFlight<S> {
    inner: S,
    budget: InFlightLayer,
}

type Answer = http::Response<tonic::body::Body>;

impl<S, B> tower::Service<http::Request<B>> for InFlight<S>
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
        let Ok(place) = Arc::clone(&self.budget.permits).try_acquire_owned() else {
            let refused = self.budget.refused.fetch_add(1, Ordering::Relaxed) + 1;
            if refused == 1 || refused.is_multiple_of(1024) {
                tracing::warn!(
                    max_calls_in_flight = MAX_CALLS_IN_FLIGHT,
                    refused,
                    "call answered UNAVAILABLE: the service has its most calls in flight"
                );
            }
            drop(request);
            let busy = super::with_code(
                tonic::Code::Unavailable,
                &Rejection::from_kind(None, http::StatusCode::SERVICE_UNAVAILABLE, None, None),
            );
            return Box::pin(std::future::ready(Ok(busy.into_http())));
        };
        let answer = self.inner.call(request);
        Box::pin(async move {
            let answered = answer.await;
            drop(place);
            answered
        })
    }
}
