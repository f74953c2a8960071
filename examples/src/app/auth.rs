//! Who is asking: the demo tokens, the `Authorization` header checked against them, and the
//! rate limits: the account's for a known token, the client address's for a request that fails
//! authentication.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

use super::plans::{Plan, plan_of};
use super::state::AppState;
use crate::errors::{AppError, AuthError};

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
    pub(super) fn require_write(&self) -> Result<(), AuthError> {
        if self.token.can_write {
            Ok(())
        } else {
            Err(AuthError::Forbidden {
                required_scope: WRITE_SCOPE.into(),
            })
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    /// The caller, within its account's rate limit. A request that fails authentication counts
    /// against its address's limit, and past it is answered `429` instead of `401`.
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
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
    ) -> Result<Self, AppError> {
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
fn authenticate(headers: &HeaderMap) -> Result<DemoToken, AuthError> {
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or(AuthError::NotAuthenticated)?;
    let (scheme, token) = value
        .to_str()
        .ok()
        .and_then(|value| value.split_once(' '))
        .ok_or(AuthError::TokenInvalidFormat)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(AuthError::NotAuthenticated);
    }
    let well_formed = token.strip_prefix("tok_").is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    });
    if !well_formed {
        return Err(AuthError::TokenInvalidFormat);
    }
    let known = DEMO_TOKENS
        .into_iter()
        .find(|known| known.token == token)
        .ok_or(AuthError::TokenInvalid)?;
    if known.expired {
        return Err(AuthError::TokenExpired);
    }
    Ok(known)
}
