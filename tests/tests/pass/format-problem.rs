use api_error_core::{ApiError, Config, Format};

/// The plan does not exist.
#[derive(Debug, ApiError)]
#[api_error(
    format = "problem",
    code = "PLAN_NOT_FOUND",
    status = 404,
    message = "Plan {plan} not found"
)]
struct PlanNotFound {
    #[api_error(detail)]
    plan: String,
}

/// An error of its own that follows the configuration.
#[derive(Debug, ApiError)]
#[api_error(code = "QUOTA_EXCEEDED", status = 403, message = "Quota exceeded")]
struct QuotaExceeded;

/// Errors of a billing API, all sent as problem details, the wrapped one too.
#[derive(Debug, ApiError)]
#[api_error(format = "problem")]
enum BillingError {
    #[api_error(code = "CARD_DECLINED", status = 402)]
    CardDeclined,
    #[api_error(transparent)]
    Quota(QuotaExceeded),
}

fn main() {
    let error = PlanNotFound {
        plan: "gold".into(),
    };
    assert_eq!(error.fixed_format(), Some(Format::Problem));
    assert_eq!(QuotaExceeded.fixed_format(), None);
    assert_eq!(BillingError::CardDeclined.fixed_format(), Some(Format::Problem));
    assert_eq!(
        BillingError::Quota(QuotaExceeded).fixed_format(),
        Some(Format::Problem)
    );

    // The type's format wins over the configuration's.
    let response = Config::new().format(Format::Json).response(&error);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(
        response.body().as_ref(),
        concat!(
            r#"{"type":"about:blank","title":"Not Found","status":404,"#,
            r#""detail":"Plan gold not found","code":"PLAN_NOT_FOUND","plan":"gold"}"#,
        )
        .as_bytes(),
    );
    let response = Config::new().response(&BillingError::Quota(QuotaExceeded));
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(
        response.body().as_ref(),
        concat!(
            r#"{"type":"about:blank","title":"Forbidden","status":403,"#,
            r#""detail":"Quota exceeded","code":"QUOTA_EXCEEDED"}"#,
        )
        .as_bytes(),
    );
    let response = Config::new().response(&QuotaExceeded);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"QUOTA_EXCEEDED","message":"Quota exceeded"}"#
    );
}
