use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(members, code = "PLAN_NOT_FOUND", status = 404, message = "Plan not found")]
struct PlanNotFound;

fn main() {}
