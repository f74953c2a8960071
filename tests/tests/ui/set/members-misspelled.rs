use api_error_core::ApiError;

#[derive(Debug, ApiError)]
#[api_error(membres)]
enum OrderError {
    #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
    NotFound,
}

// A key far from any: the list of the type's keys, none of the derive's own among them.
#[derive(Debug, ApiError)]
#[api_error(severity = "high")]
enum PlanError {
    #[api_error(code = "PLAN_NOT_FOUND", status = 404, message = "Plan not found")]
    NotFound,
}

fn main() {}
