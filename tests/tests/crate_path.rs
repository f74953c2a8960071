//! `#[api_error(crate = "...")]`: a framework re-exports the runtime under its own path and its
//! users' errors are generated against that path.

extern crate api_error_core as renamed_runtime;

use api_error_core::{ApiError as _, Respond as _, StatusCode};

/// A framework that re-exports the runtime as one of its modules.
mod framework {
    pub(crate) use api_error_core as errors;

    /// A deeper re-export: everything of the runtime, glob-imported into a module of its own.
    pub(crate) mod v1 {
        pub(crate) mod problems {
            #[allow(unused_imports)]
            pub(crate) use api_error_core::*;
        }
        /// The derive under the framework's own name.
        pub(crate) use api_error_core::ApiError as Problem;
    }
}

/// A user of the framework that never names `api_error_core`.
#[derive(Debug, framework::errors::ApiError)]
#[api_error(crate = "framework::errors")]
enum ProjectError {
    #[api_error(
        code = "PROJECT_NOT_FOUND",
        status = 404,
        message = "Project not found"
    )]
    NotFound,
    #[api_error(
        code = "PROJECT_ARCHIVED",
        status = framework::errors::StatusCode::CONFLICT,
        message = "Project {name} is archived",
        header("Link", "</projects/archived>; rel=\"help\"")
    )]
    Archived {
        #[api_error(detail)]
        name: String,
    },
    #[api_error(code = "PROJECT_STORE_FAILED", status = 500)]
    Store(#[source] std::io::Error),
    #[api_error(transparent)]
    Quota(#[from] QuotaError<u32>),
}

/// A generic struct error through the deeper re-export and the renamed derive.
#[derive(Debug, framework::v1::Problem)]
#[api_error(
    crate = "crate::framework::v1::problems",
    code = "QUOTA_EXCEEDED",
    status = 429,
    message = "Over quota by {over}"
)]
struct QuotaError<T> {
    #[api_error(detail)]
    over: T,
    #[api_error(header = "Retry-After")]
    retry_after: u64,
}

/// Through a crate renamed with `extern crate ... as ...`, as an absolute path.
#[derive(Debug, renamed_runtime::ApiError)]
#[api_error(
    crate = "::renamed_runtime",
    rename_all = "SCREAMING_SNAKE_CASE",
    status = 400
)]
enum RenamedCrateError {
    BadCursor,
    #[api_error(message = "Page size {0} is over {1}")]
    PageTooLarge(
        #[api_error(detail = "size")] u32,
        #[api_error(detail = "max")] u32,
    ),
}

/// A module with a local `api_error_core` that is not the runtime.
mod shadowing {
    #[allow(dead_code)]
    mod api_error_core {}

    /// With `crate = ...`, the local module is never consulted.
    #[derive(Debug, crate::framework::errors::ApiError)]
    #[api_error(
        crate = "crate::framework::errors",
        code = "SHADOWED_WITH_CRATE_PATH",
        status = 418,
        message = "Teapot {0}"
    )]
    pub(crate) struct WithCratePath(#[api_error(detail = "pot")] pub(crate) u8);

    /// Without it, the default path is absolute (`::api_error_core`) and still finds the
    /// runtime, not the local module.
    #[derive(Debug, ::api_error_core::ApiError)]
    #[api_error(code = "SHADOWED_DEFAULT_PATH", status = 451)]
    pub(crate) struct WithDefaultPath;
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

#[test]
fn reexported_runtime_renders_unit_variant() {
    let error = ProjectError::NotFound;
    assert_eq!(error.code(), "PROJECT_NOT_FOUND");
    assert_eq!(error.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        json(&error),
        r#"{"code":"PROJECT_NOT_FOUND","message":"Project not found"}"#
    );
}

#[test]
fn reexported_runtime_renders_status_path_detail_and_static_header() {
    let error = ProjectError::Archived {
        name: "apollo".to_owned(),
    };
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(
        response.headers()["link"],
        r#"</projects/archived>; rel="help""#
    );
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"PROJECT_ARCHIVED","message":"Project apollo is archived","details":{"name":"apollo"}}"#
    );
}

#[test]
fn reexported_runtime_hides_source_of_server_error() {
    let error = ProjectError::Store(std::io::Error::other("s3 bucket gone"));
    assert_eq!(
        json(&error),
        r#"{"code":"PROJECT_STORE_FAILED","message":"Internal Server Error"}"#
    );
    assert_eq!(
        std::error::Error::source(&error).unwrap().to_string(),
        "s3 bucket gone"
    );
}

#[test]
fn glob_reexport_and_renamed_derive_render_generic_struct_with_field_header() {
    let error = QuotaError {
        over: 3_u32,
        retry_after: 60,
    };
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "60");
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"QUOTA_EXCEEDED","message":"Over quota by 3","details":{"over":3}}"#
    );
}

#[test]
fn transparent_across_two_crate_paths_delegates() {
    let error = ProjectError::from(QuotaError {
        over: 1_u32,
        retry_after: 2,
    });
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "2");
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"QUOTA_EXCEEDED","message":"Over quota by 1","details":{"over":1}}"#
    );
    let codes: Vec<_> = ProjectError::catalog()
        .entries()
        .iter()
        .map(|entry| (entry.type_name(), entry.code()))
        .collect();
    assert_eq!(
        codes,
        [
            ("ProjectError", "PROJECT_NOT_FOUND"),
            ("ProjectError", "PROJECT_ARCHIVED"),
            ("ProjectError", "PROJECT_STORE_FAILED"),
            ("QuotaError", "QUOTA_EXCEEDED"),
        ]
    );
}

#[test]
fn renamed_extern_crate_path_renders_renamed_codes() {
    assert_eq!(
        json(&RenamedCrateError::BadCursor),
        r#"{"code":"BAD_CURSOR","message":"Bad Request"}"#
    );
    assert_eq!(
        json(&RenamedCrateError::PageTooLarge(500, 100)),
        r#"{"code":"PAGE_TOO_LARGE","message":"Page size 500 is over 100","details":{"size":500,"max":100}}"#
    );
}

#[test]
fn local_api_error_core_module_does_not_shadow_the_runtime() {
    let error = shadowing::WithCratePath(3);
    assert_eq!(error.status().as_u16(), 418);
    assert_eq!(
        json(&error),
        r#"{"code":"SHADOWED_WITH_CRATE_PATH","message":"Teapot 3","details":{"pot":3}}"#
    );
    let error = shadowing::WithDefaultPath;
    assert_eq!(error.status(), StatusCode::UNAVAILABLE_FOR_LEGAL_REASONS);
    assert_eq!(
        json(&error),
        r#"{"code":"SHADOWED_DEFAULT_PATH","message":"Unavailable For Legal Reasons"}"#
    );
}
