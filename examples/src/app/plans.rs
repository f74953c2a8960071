//! The plans on offer, and `GET /plans/{plan_id}`.

use axum::Json;
use serde::Serialize;

use super::auth::Caller;
use super::extract::PathParam;
use crate::errors::usage_error;
use api_error_core::set::{Answers, OneOf};

/// A plan: how many units of work an account may order, and how many requests it may make per
/// rate window, all its tokens together.
#[derive(Debug, Clone, Copy, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "aide-document", derive(schemars::JsonSchema))]
pub struct Plan {
    /// The plan's id.
    pub id: &'static str,
    /// Units of work an account may order in all.
    pub quota: u32,
    /// Requests an account may make per rate window.
    pub requests_per_window: u32,
}

/// The plans on offer.
pub const PLANS: [Plan; 2] = [
    Plan {
        id: "free",
        quota: 10,
        requests_per_window: 5,
    },
    Plan {
        id: "pro",
        quota: 100,
        requests_per_window: 120,
    },
];

/// The plan of `account`: carol is on the free plan, everyone else on pro.
pub(super) fn plan_of(account: &str) -> Plan {
    let id = if account == "carol" { "free" } else { "pro" };
    PLANS
        .into_iter()
        .find(|plan| plan.id == id)
        .unwrap_or(PLANS[0])
}

#[utoipa::path(
    get,
    path = "/plans/{plan_id}",
    summary = "A plan on offer",
    params(("plan_id" = String, Path)),
    responses(
        (status = 200, description = "The plan", body = Plan),
        Answers<OneOf<(usage_error::PlanNotFound,)>, (Caller, PathParam)>,
    )
)]
pub(super) async fn get_plan(
    _caller: Caller,
    PathParam(plan_id): PathParam,
) -> Result<Json<Plan>, OneOf<(usage_error::PlanNotFound,)>> {
    Ok(Json(plan(plan_id)?))
}

/// The plan `plan_id`.
pub(super) fn plan(plan_id: String) -> Result<Plan, usage_error::PlanNotFound> {
    PLANS
        .into_iter()
        .find(|plan| plan.id == plan_id)
        .ok_or(usage_error::PlanNotFound { plan_id })
}
