//! Who is asking: the demo tokens, the `Authorization` header checked against them, and the
//! rate limits: the account's for a known token, the client address's for a request that fails
//! authentication.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

use super::plans::{Plan, plan_of};
use super::state::AppState;
use api_error_core::set::{OneOf, Refuses};

use crate::errors::{auth_error, rate_limit_error};

/// A demo token: who it is, whether it may write, whether it has expired.
#[derive(Debug, Clone, Copy)]
pub struct DemoToken {
    /// The bearer token.
    pub token: &'static str,
    /// The account it belongs to.
    pub account: &'static str,
    /// Whether it may change anything.
    pub can_write: bool,
    /// Whether it has expired.
    pub expired: bool,
    /// What it is for, for the README and the start-up banner.
    pub purpose: &'static str,
}

/// The tokens the service knows; printed at start.
pub const DEMO_TOKENS: [DemoToken; 5] = [
    DemoToken {
        token: "tok_alice",
        account: "alice",
        can_write: true,
        expired: false,
        purpose: "alice, pro plan, read and write: owns the demo orders",
    },
    DemoToken {
        token: "tok_alice_readonly",
        account: "alice",
        can_write: false,
        expired: false,
        purpose: "alice, read only",
    },
    DemoToken {
        token: "tok_bob",
        account: "bob",
        can_write: true,
        expired: false,
        purpose: "bob, pro plan: owns none of alice's orders",
    },
    DemoToken {
        token: "tok_carol",
        account: "carol",
        can_write: true,
        expired: false,
        purpose: "carol, free plan: 10 units of quota, 5 requests a minute",
    },
    DemoToken {
        token: "tok_expired",
        account: "alice",
        can_write: true,
        expired: true,
        purpose: "expired",
    },
];

/// The scope a token needs to change anything.
const WRITE_SCOPE: &str = "orders:write";

/// The authenticated caller of a request, within its rate limit.
pub(super) struct Caller {
    pub(super) token: DemoToken,
    pub(super) plan: Plan,
}

impl Caller {
    pub(super) fn require_write(&self) -> Result<(), auth_error::Forbidden> {
        if self.token.can_write {
            Ok(())
        } else {
            Err(auth_error::Forbidden {
                required_scope: WRITE_SCOPE.into(),
            })
        }
    }
}

/// What a request's credentials can be refused with.
pub type NotAuthenticated = OneOf<(
    auth_error::NotAuthenticated,
    auth_error::TokenExpired,
    auth_error::TokenInvalid,
    auth_error::TokenInvalidFormat,
)>;

/// What a route that takes a `Caller` answers before its handler runs: the credentials'
/// refusals, and the rate limit (the account's, or the address's after a refusal).
pub type CallerRefused = OneOf<(
    auth_error::NotAuthenticated,
    auth_error::TokenExpired,
    auth_error::TokenInvalid,
    auth_error::TokenInvalidFormat,
    rate_limit_error::Exceeded,
)>;

impl Refuses for Caller {
    type Errors = CallerRefused;
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = CallerRefused;

    /// The caller, within its account's rate limit. A request that fails authentication counts
    /// against its address's limit, and past it is answered `429` instead of `401`.
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, CallerRefused> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(peer)| *peer);
        Caller::of(&parts.headers, peer, state)
    }
}

impl Caller {
    /// The caller of a request with `headers` from `peer`, within its account's rate limit; a
    /// request that fails authentication counts against its address's limit. What HTTP and
    /// gRPC requests alike are authenticated by.
    pub(super) fn of(
        headers: &HeaderMap,
        peer: Option<SocketAddr>,
        state: &AppState,
    ) -> Result<Self, CallerRefused> {
        let token = match authenticate(headers) {
            Ok(token) => token,
            Err(error) => {
                state.rate_limits().address(peer)?;
                return Err(error.into());
            }
        };
        let plan = plan_of(token.account);
        state.rate_limits().account(token.account, plan)?;
        Ok(Caller { token, plan })
    }
}

/// `Authorization: Bearer tok_...`: the scheme in any case, as HTTP has it; another scheme is
/// no bearer credential at all, so the answer is the bare challenge.
fn authenticate(headers: &HeaderMap) -> Result<DemoToken, NotAuthenticated> {
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or(auth_error::NotAuthenticated)?;
    let (scheme, token) = value
        .to_str()
        .ok()
        .and_then(|value| value.split_once(' '))
        .ok_or(auth_error::TokenInvalidFormat)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        Err(auth_error::NotAuthenticated)?;
    }
    let well_formed = token.strip_prefix("tok_").is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    });
    if !well_formed {
        Err(auth_error::TokenInvalidFormat)?;
    }
    let known = DEMO_TOKENS
        .into_iter()
        .find(|known| known.token == token)
        .ok_or(auth_error::TokenInvalid)?;
    if known.expired {
        Err(auth_error::TokenExpired)?;
    }
    Ok(known)
}
