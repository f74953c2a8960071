//! A call's whole time: [`ServiceConfig::request_timeout`](crate::ServiceConfig), or the call's
//! own `grpc-timeout` when it is shorter, answered `DEADLINE_EXCEEDED` in the envelope. Tonic's
//! own timeout runs outside the service's layers and answers `CANCELLED` with no details, a
//! client's deadline reported as if the client had given up; this one runs inside the error
//! layer, so its answer carries the request's id as every other does.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use api_error_core::Rejection;

/// The layer of [`Deadline`], with the service's longest time for a call.
#[derive(Debug, Clone, Copy)]
pub(super) struct DeadlineLayer(pub(super) Duration);

impl<S> tower::Layer<S> for DeadlineLayer {
    type Service = Deadline<S>;

    fn layer(&self, inner: S) -> Deadline<S> {
        Deadline {
            inner,
            limit: self.0,
        }
    }
}

/// `inner`, each call cut off at its deadline.
#[derive(Debug, Clone)]
pub(super) struct Deadline<S> {
    inner: S,
    limit: Duration,
}

type Answer = http::Response<tonic::body::Body>;

impl<S, B> tower::Service<http::Request<B>> for Deadline<S>
where
    S: tower::Service<http::Request<B>, Response = Answer>,
    S::Future: Send + 'static,
{
    type Response = Answer;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Answer, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        let limit = request
            .headers()
            .get("grpc-timeout")
            .and_then(|value| grpc_timeout(value.as_bytes()))
            .map_or(self.limit, |asked| asked.min(self.limit));
        let answer = self.inner.call(request);
        Box::pin(async move {
            match tokio::time::timeout(limit, answer).await {
                Ok(answered) => answered,
                Err(_) => Ok(super::with_code(
                    tonic::Code::DeadlineExceeded,
                    &Rejection::from_kind(None, http::StatusCode::REQUEST_TIMEOUT, None, None),
                )
                .into_http()),
            }
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
