//! What the derive hands every integration: the description of each case, read back as a value
//! through the core's `describe` integration, whose macro reads the whole grammar. A new
//! integration (`OpenAPI`, another framework) reads the same description, so what is checked here
//! is what it gets.

// The types are only described here, never built.
#![allow(dead_code)]

use api_error_core::__private::{
    CaseDescription, Described, FieldDescription, MessageDescription, TypeDescription,
};
use api_error_core::ApiError;
use api_error_core::StatusCode;

/// Authentication errors.
#[derive(Debug, ApiError)]
enum AuthError {
    /// Authentication required.
    #[api_error(
        code = "AUTH_NOT_AUTHENTICATED",
        status = 401,
        message = "Authentication required",
        header("WWW-Authenticate", "Bearer"),
        header("Cache-Control", "no-store")
    )]
    NotAuthenticated,
}

#[derive(Debug, ApiError)]
enum OrderError {
    /// The order id is unknown.
    #[api_error(code = "ORDER_NOT_FOUND", status = StatusCode::NOT_FOUND)]
    NotFound,
    #[api_error(
        code = "ORDER_NOT_PENDING",
        status = 400,
        message = "Order {id} is not pending"
    )]
    NotPending {
        #[api_error(detail)]
        id: u64,
        note: String,
    },
    #[api_error(code = "RATE_LIMITED", status = 429, message = "Slow down")]
    Limited(#[api_error(detail = "retry_after", header = "Retry-After")] u32),
    #[api_error(code = "STORAGE", status = 500)]
    Storage(#[source] std::io::Error),
    #[api_error(transparent)]
    Auth(#[from] AuthError),
}

/// A type with its own format.
#[derive(Debug, ApiError)]
#[api_error(format = "problem", code = "PLAN_NOT_FOUND", status = 404)]
struct PlanNotFound {
    #[api_error(detail)]
    plan: String,
}

#[derive(Debug, thiserror::Error, ApiError)]
enum Legacy {
    #[error("legacy {0} failed")]
    #[api_error(code = "LEGACY", status = 409)]
    Failed(u8),
}

fn field(member: &'static str, ty: &'static str) -> FieldDescription {
    FieldDescription {
        member,
        ty,
        detail: None,
        header: None,
        source: None,
        shown: false,
    }
}

fn case(variant: Option<&'static str>, style: &'static str) -> CaseDescription {
    CaseDescription {
        variant,
        style,
        transparent: false,
        code: None,
        status: None,
        message: MessageDescription::Reason,
        summary: None,
        fields: Vec::new(),
        headers: Vec::new(),
    }
}

#[test]
fn every_case_is_described_with_its_code_status_message_fields_and_headers() {
    let description = OrderError::description();
    assert_eq!(description.format, None);
    let expected = vec![
        CaseDescription {
            code: Some("ORDER_NOT_FOUND"),
            status: Some(StatusCode::NOT_FOUND),
            summary: Some("The order id is unknown."),
            ..case(Some("NotFound"), "unit")
        },
        CaseDescription {
            code: Some("ORDER_NOT_PENDING"),
            status: Some(StatusCode::BAD_REQUEST),
            message: MessageDescription::Declared("Order {id} is not pending"),
            fields: vec![
                FieldDescription {
                    detail: Some("id"),
                    shown: true,
                    ..field("id", "u64")
                },
                field("note", "alloc::string::String"),
            ],
            ..case(Some("NotPending"), "named")
        },
        CaseDescription {
            code: Some("RATE_LIMITED"),
            status: Some(StatusCode::TOO_MANY_REQUESTS),
            message: MessageDescription::Declared("Slow down"),
            fields: vec![FieldDescription {
                detail: Some("retry_after"),
                header: Some("Retry-After"),
                ..field("0", "u32")
            }],
            ..case(Some("Limited"), "tuple")
        },
        CaseDescription {
            code: Some("STORAGE"),
            status: Some(StatusCode::INTERNAL_SERVER_ERROR),
            fields: vec![FieldDescription {
                source: Some("source"),
                ..field("0", "std::io::error::Error")
            }],
            ..case(Some("Storage"), "tuple")
        },
        CaseDescription {
            transparent: true,
            fields: vec![FieldDescription {
                source: Some("from"),
                ..field("0", "it::description::AuthError")
            }],
            ..case(Some("Auth"), "tuple")
        },
    ];
    assert_eq!(description.cases, expected);
}

#[test]
fn fixed_headers_are_described_in_order_with_their_values() {
    assert_eq!(
        AuthError::description().cases,
        [CaseDescription {
            code: Some("AUTH_NOT_AUTHENTICATED"),
            status: Some(StatusCode::UNAUTHORIZED),
            message: MessageDescription::Declared("Authentication required"),
            summary: Some("Authentication required."),
            headers: vec![
                ("WWW-Authenticate", "Bearer"),
                ("Cache-Control", "no-store")
            ],
            ..case(Some("NotAuthenticated"), "unit")
        }]
    );
}

#[test]
fn a_struct_is_one_case_without_a_variant_and_its_format_is_described() {
    assert_eq!(
        PlanNotFound::description(),
        TypeDescription {
            format: Some("problem"),
            cases: vec![CaseDescription {
                code: Some("PLAN_NOT_FOUND"),
                status: Some(StatusCode::NOT_FOUND),
                summary: Some("A type with its own format."),
                fields: vec![FieldDescription {
                    detail: Some("plan"),
                    ..field("plan", "alloc::string::String")
                }],
                ..case(None, "named")
            }],
        }
    );
}

#[test]
fn a_thiserror_message_is_described_as_its_display_text() {
    assert_eq!(
        Legacy::description().cases[0].message,
        MessageDescription::Display(Some("legacy {0} failed"))
    );
}
