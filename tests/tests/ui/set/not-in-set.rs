use api_error_core::ApiError;
use api_error_core::set::OneOf;

#[derive(Debug, ApiError)]
#[api_error(code = "PLAN_NOT_FOUND", status = 404, message = "Plan not found")]
struct PlanNotFound;

#[derive(Debug, ApiError)]
#[api_error(code = "PLAN_LOCKED", status = 409, message = "Plan locked")]
struct PlanLocked;

#[derive(Debug, ApiError)]
#[api_error(code = "ORDER_EXPIRED", status = 400, message = "Order expired")]
struct OrderExpired;

fn change_plan(locked: bool) -> Result<(), OneOf<(PlanNotFound, PlanLocked)>> {
    if locked {
        Err(OrderExpired)?;
    }
    Ok(())
}

fn main() {
    let _ = change_plan(true);
}
