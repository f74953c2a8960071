use api_error_core::ApiError;
use api_error_core::set::OneOf;

#[derive(Debug, ApiError)]
#[api_error(code = "PLAN_NOT_FOUND", status = 404, message = "Plan not found")]
struct PlanNotFound;

#[derive(Debug, ApiError)]
#[api_error(code = "PLAN_LOCKED", status = 409, message = "Plan locked")]
struct PlanLocked;

#[derive(Debug, ApiError)]
#[api_error(code = "PLAN_ARCHIVED", status = 410, message = "Plan archived")]
struct PlanArchived;

#[derive(Debug, ApiError)]
#[api_error(code = "ORDER_EXPIRED", status = 400, message = "Order expired")]
struct OrderExpired;

fn find_plan() -> Result<(), OneOf<(PlanNotFound, OrderExpired)>> {
    Err(PlanNotFound)?
}

// `find_plan` may answer ORDER_EXPIRED, which this set does not list.
fn change_plan() -> Result<(), OneOf<(PlanNotFound, PlanLocked, PlanArchived)>> {
    find_plan()?;
    Ok(())
}

fn main() {
    let _ = change_plan();
}
