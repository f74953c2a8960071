use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(code = "PLAN_NOT_FOUND", status = 404, message = "Plan {0} not found")]
struct PlanNotFound {
    plan: String,
}

fn main() {}
