//! `#[api_error(without(..))]`: a type writes one integration's impls itself (a body a spec
//! fixes, say), whatever features the workspace turns on, and keeps every other.

use api_error_core::axum::ApiErrorLayer;
use api_error_core::{ApiError, Respond, StatusCode};
use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::post;

/// The `RealWorld` spec's 422, `{"errors":{"email":["is invalid"]}}`, which every `RealWorld`
/// frontend reads: the type writes its own `IntoResponse` and keeps the rest of the derive.
#[derive(Debug, ApiError)]
#[api_error(without(axum, actix))]
enum SignUpError {
    #[api_error(code = "EMAIL_INVALID", status = 422, message = "email is invalid")]
    EmailInvalid,
    #[api_error(
        code = "EMAIL_TAKEN",
        status = 422,
        message = "email has already been taken"
    )]
    EmailTaken,
}

impl SignUpError {
    /// The `RealWorld` body: the field, then what is wrong with it.
    fn realworld(&self) -> String {
        let reason = match self {
            SignUpError::EmailInvalid => "is invalid",
            SignUpError::EmailTaken => "has already been taken",
        };
        format!(r#"{{"errors":{{"email":["{reason}"]}}}}"#)
    }
}

impl IntoResponse for SignUpError {
    fn into_response(self) -> Response {
        let headers = [(http::header::CONTENT_TYPE, "application/json")];
        (StatusCode::UNPROCESSABLE_ENTITY, headers, self.realworld()).into_response()
    }
}

impl actix_web::ResponseError for SignUpError {
    fn status_code(&self) -> actix_web::http::StatusCode {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    }

    fn error_response(&self) -> actix_web::HttpResponse {
        actix_web::HttpResponse::UnprocessableEntity()
            .content_type("application/json")
            .body(self.realworld())
    }
}

async fn sign_up() -> Result<String, SignUpError> {
    Err(SignUpError::EmailTaken)
}

#[tokio::test]
async fn a_type_without_axum_answers_with_its_own_body_under_the_layer() {
    let app: Router = Router::new()
        .route("/users", post(sign_up))
        .layer(ApiErrorLayer::default());
    crate::own_format::assert_answers_email_taken(app).await;
}

#[test]
fn the_rest_of_the_derive_stays() {
    // `Serialize`, the catalog and the envelope's response are the derive's still.
    assert_eq!(
        serde_json::to_string(&SignUpError::EmailInvalid).unwrap(),
        r#"{"code":"EMAIL_INVALID","message":"email is invalid"}"#
    );
    assert_eq!(SignUpError::catalog().entries().len(), 2);
    assert_eq!(
        SignUpError::EmailInvalid.to_response().body().as_ref(),
        br#"{"code":"EMAIL_INVALID","message":"email is invalid"}"#
    );
    let actix = actix_web::ResponseError::error_response(&SignUpError::EmailInvalid);
    assert_eq!(
        actix.status(),
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    );
}
