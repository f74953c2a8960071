use api_error_core::ApiError;
use api_error_core::set::OneOf;

#[derive(Debug, ApiError)]
#[api_error(code = "PLAN_NOT_FOUND", status = 404, message = "Plan not found")]
struct PlanNotFound;

#[derive(Debug, ApiError)]
#[api_error(code = "ORDER_EXPIRED", status = 400, message = "Order expired")]
struct OrderExpired;

fn main() {
    let _: OneOf<(PlanNotFound,)> = OrderExpired.into();
}
