use api_error_core::ApiError;

/// The plan does not exist.
#[derive(Debug, ApiError)]
#[api_error(
    code = "PLAN_NOT_FOUND",
    status = 404,
    message = "Plan {plan} not found"
)]
struct PlanNotFound {
    #[api_error(detail)]
    plan: String,
}

#[derive(Debug, ApiError)]
#[api_error(code = "MAINTENANCE", status = 503)]
struct Maintenance;

fn main() {
    let error = PlanNotFound {
        plan: "gold".into(),
    };
    assert_eq!(error.code(), "PLAN_NOT_FOUND");
    assert_eq!(error.to_string(), "Plan gold not found");
    assert_eq!(Maintenance.message(), "Service Unavailable");
    assert_eq!(PlanNotFound::catalog().entries().len(), 1);
}
