use api_error_core::ApiError;
use api_error_core::set::OneOf;

#[derive(Debug, ApiError)]
#[api_error(code = "PLAN_NOT_FOUND", status = 404, message = "Plan not found")]
struct PlanNotFound;

fn read_plan() -> Result<String, OneOf<(PlanNotFound,)>> {
    let text = std::fs::read_to_string("plan.toml")?;
    Ok(text)
}

fn main() {
    let _ = read_plan();
}
