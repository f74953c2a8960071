//! The derive's output names nothing through the caller's scope: it compiles, and behaves the
//! same, inside a `#[no_implicit_prelude]` module and in a module where the prelude's names,
//! `core`, `std`, `serde`, `http` and the runtime's own item names are local items.

use std::error::Error as _;

use api_error_core::{ApiError as _, Respond as _, StatusCode};

/// Without the prelude every path is absolute; the derive must need nothing more.
#[no_implicit_prelude]
mod bare {
    /// Every kind of variant.
    #[derive(::core::fmt::Debug, ::api_error_core::ApiError)]
    pub(crate) enum BareError {
        #[api_error(code = "BARE_NOT_FOUND", status = 404, message = "Nothing here")]
        Unit,
        #[api_error(code = "BARE_BAD_VALUE", status = 400, message = "Bad value {0:?}")]
        Tuple(#[api_error(detail = "value")] ::std::string::String),
        #[api_error(
            code = "BARE_ITEM_LOCKED",
            status = 409,
            message = "Item {id:>4} of {owner} is locked"
        )]
        Struct {
            #[api_error(detail)]
            id: u32,
            owner: &'static str,
        },
        #[api_error(code = "BARE_STORAGE", status = 500)]
        Source(#[source] ::std::io::Error),
        #[api_error(code = "BARE_UPSTREAM", status = 502)]
        BoxedSource {
            #[source]
            cause: ::std::boxed::Box<
                dyn ::std::error::Error + ::core::marker::Send + ::core::marker::Sync,
            >,
        },
        #[api_error(code = "BARE_NOT_A_NUMBER", status = 400, message = "Not a number")]
        Parse(#[from] ::core::num::ParseIntError),
        #[api_error(code = "BARE_TOO_MANY", status = 400, message("{} of {max}", .0.len(), max = .1))]
        TooMany(::std::vec::Vec<u8>, usize),
        #[api_error(code = "BARE_FILE", status = 404, message = "no file at {0}")]
        File(::std::path::PathBuf),
        #[api_error(transparent, code = "BARE_WRAPPED", status = 503)]
        Wrapped(::core::fmt::Error),
        #[api_error(code = "BARE_OPTIONAL", status = 502)]
        Optional(#[from] ::core::option::Option<::core::str::Utf8Error>),
        #[api_error(
            code = "BARE_RATE_LIMITED",
            status = ::api_error_core::StatusCode::TOO_MANY_REQUESTS,
            header("Cache-Control", "no-store")
        )]
        Limited {
            #[api_error(header = "Retry-After")]
            retry_after: u64,
        },
        #[api_error(transparent)]
        Auth(#[from] BareAuth),
        #[api_error(code = "BARE_CHOSEN", status(502, 504) = .0)]
        Chosen(u16),
    }

    /// A hand-written `Display`, and a message that shows the error itself.
    #[derive(::core::fmt::Debug, ::api_error_core::ApiError)]
    #[api_error(own_display)]
    pub(crate) enum BareOwn {
        #[api_error(code = "BARE_OWN", status = 409, message = "state {self:?}")]
        Locked,
    }

    impl ::core::fmt::Display for BareOwn {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str("locked by hand")
        }
    }

    /// A struct error with a static header.
    #[derive(::core::fmt::Debug, ::api_error_core::ApiError)]
    #[api_error(
        code = "BARE_UNAUTHENTICATED",
        status = 401,
        message = "Sign in first",
        header("WWW-Authenticate", "Bearer")
    )]
    pub(crate) struct BareAuth;

    /// Generic over a detail, with a bound of its own and a lifetime.
    #[derive(::core::fmt::Debug, ::api_error_core::ApiError)]
    #[api_error(code = "BARE_LIMIT", status = 403, message = "{name} is over {limit}")]
    pub(crate) struct BareLimit<'a, T>
    where
        T: ::core::marker::Copy,
    {
        #[api_error(detail)]
        pub(crate) name: &'a str,
        #[api_error(detail)]
        pub(crate) limit: T,
    }

    /// Generic transparent wrapper, codes from variant names.
    #[derive(::core::fmt::Debug, ::api_error_core::ApiError)]
    #[api_error(rename_all = "SCREAMING_SNAKE_CASE", status = 503)]
    pub(crate) enum BareWrapped<E> {
        #[api_error(transparent)]
        Inner(E),
        Maintenance,
    }

    /// Always problem details.
    #[derive(::core::fmt::Debug, ::api_error_core::ApiError)]
    #[api_error(format = "problem", code = "BARE_PROBLEM", status = 409)]
    pub(crate) struct BareProblem {
        #[api_error(detail)]
        pub(crate) order_id: u32,
    }
}

/// Local items named like everything the generated code could reach for by a short name.
#[allow(
    dead_code,
    unused_macros,
    non_camel_case_types,
    clippy::all,
    clippy::pedantic
)]
mod shadowed {
    pub(crate) struct Result;
    pub(crate) struct Option;
    pub(crate) struct Ok;
    pub(crate) struct Err;
    pub(crate) struct Some;
    pub(crate) struct None;
    pub(crate) struct String;
    pub(crate) struct Box;
    pub(crate) struct Vec;
    pub(crate) struct Display;
    pub(crate) struct Debug;
    pub(crate) struct Error;
    pub(crate) struct Formatter;
    pub(crate) struct From;
    pub(crate) struct Into;
    pub(crate) struct Send;
    pub(crate) struct Sync;
    pub(crate) struct Sized;
    pub(crate) struct Copy;
    pub(crate) struct Serialize;
    pub(crate) struct Serializer;
    pub(crate) struct StatusCode;
    pub(crate) struct ApiError;
    pub(crate) struct Details;
    pub(crate) struct Headers;
    pub(crate) struct Catalog;
    pub(crate) struct CatalogEntry;
    pub(crate) struct Body;
    pub(crate) struct Response;
    pub(crate) struct IntoResponse;
    pub(crate) struct AsDynError;
    pub(crate) mod core {}
    pub(crate) mod std {}
    pub(crate) mod alloc {}
    pub(crate) mod serde {}
    pub(crate) mod http {}
    pub(crate) mod axum_core {}
    pub(crate) mod bytes {}
    pub(crate) mod fmt {}
    pub(crate) mod api_error_core {}
    pub(crate) mod __private {}
    macro_rules! write {
        ($($tokens:tt)*) => {
            ::core::compile_error!("the derive used a local `write!`")
        };
    }
    macro_rules! format_args {
        ($($tokens:tt)*) => {
            ::core::compile_error!("the derive used a local `format_args!`")
        };
    }
    macro_rules! unreachable {
        ($($tokens:tt)*) => {
            ::core::compile_error!("the derive used a local `unreachable!`")
        };
    }

    /// Every kind of variant again, among the shadows.
    #[derive(::core::fmt::Debug, ::api_error_core::ApiError)]
    pub(crate) enum ShadowError {
        #[api_error(code = "SHADOW_NOT_FOUND", status = 404, message = "Nothing here")]
        Unit,
        #[api_error(code = "SHADOW_BAD_VALUE", status = 400, message = "Bad value {0:?}")]
        Tuple(#[api_error(detail = "value")] ::std::string::String),
        #[api_error(
            code = "SHADOW_ITEM_LOCKED",
            status = 409,
            message = "Item {id:#06x} of {owner} is locked"
        )]
        Struct {
            #[api_error(detail)]
            id: u32,
            owner: &'static str,
        },
        #[api_error(code = "SHADOW_STORAGE", status = 500)]
        Source(#[source] ::std::io::Error),
        #[api_error(code = "SHADOW_NOT_A_NUMBER", status = 400, message = "Not a number")]
        Parse(#[from] ::core::num::ParseIntError),
        #[api_error(
            code = "SHADOW_RATE_LIMITED",
            status = ::api_error_core::StatusCode::TOO_MANY_REQUESTS,
            message = "Retry in {retry_after}s",
            header("Cache-Control", "no-store")
        )]
        Limited {
            #[api_error(detail, header = "Retry-After")]
            retry_after: u64,
        },
        #[api_error(transparent)]
        Auth(#[from] ShadowAuth),
    }

    /// A struct error among the shadows.
    #[derive(::core::fmt::Debug, ::api_error_core::ApiError)]
    #[api_error(
        code = "SHADOW_UNAUTHENTICATED",
        status = 401,
        message = "Sign in first",
        header("WWW-Authenticate", "Bearer")
    )]
    pub(crate) struct ShadowAuth;

    pub(crate) struct Format;
    macro_rules! format {
        ($($t:tt)*) => {
            ()
        };
    }

    /// Always problem details, with `Format` and `format!` shadowed.
    #[derive(::core::fmt::Debug, ::api_error_core::ApiError)]
    #[api_error(format = "problem", code = "SHADOW_PROBLEM", status = 410)]
    pub(crate) struct ShadowProblem;

    /// Generic over a detail and over a wrapped error.
    #[derive(::core::fmt::Debug, ::api_error_core::ApiError)]
    #[api_error(status = 422, rename_all = "snake_case")]
    pub(crate) enum ShadowGeneric<T, E> {
        #[api_error(message = "{value} is out of range")]
        OutOfRange {
            #[api_error(detail)]
            value: T,
        },
        #[api_error(transparent)]
        Inner(E),
    }
}

/// Fields named like the generated methods and locals.
#[derive(Debug, api_error_core::ApiError)]
enum LocalNames {
    #[api_error(
        code = "LOCAL_NAMES",
        status = 400,
        message = "{code} {status} {message} {catalog} {serializer} {error}"
    )]
    Named {
        #[api_error(detail)]
        code: u8,
        #[api_error(detail)]
        status: u8,
        #[api_error(header = "X-Message")]
        message: u8,
        #[api_error(detail)]
        catalog: u8,
        #[api_error(detail)]
        serializer: u8,
        #[api_error(detail)]
        error: u8,
    },
}

/// Fields named `f`, `details` and `headers`: bound as `__` plus their name, they would shadow
/// the generated methods' parameters `__f`, `__details` and `__headers`.
#[derive(Debug, api_error_core::ApiError)]
#[api_error(
    code = "PARAMETER_NAMES",
    status = 400,
    message = "{f} {details} {headers}"
)]
struct ParameterNames {
    #[api_error(detail)]
    f: u8,
    #[api_error(detail)]
    details: u8,
    #[api_error(header = "X-Headers")]
    headers: u8,
}

use bare::{BareAuth, BareError, BareLimit, BareWrapped};
use shadowed::{ShadowAuth, ShadowError, ShadowGeneric};

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

fn header_values(response: &http::Response<bytes::Bytes>, name: &str) -> Vec<String> {
    response
        .headers()
        .get_all(name)
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect()
}

#[test]
fn no_prelude_unit_variant_body_is_code_and_message() {
    let error = BareError::Unit;
    assert_eq!(error.code(), "BARE_NOT_FOUND");
    assert_eq!(error.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        json(&error),
        r#"{"code":"BARE_NOT_FOUND","message":"Nothing here"}"#
    );
    assert_eq!(error.to_string(), "Nothing here");
}

#[test]
fn no_prelude_tuple_and_struct_variants_interpolate_and_expose_details() {
    let error = BareError::Tuple("x\"y".to_owned());
    assert_eq!(error.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        json(&error),
        r#"{"code":"BARE_BAD_VALUE","message":"Bad value \"x\\\"y\"","details":{"value":"x\"y"}}"#
    );
    let error = BareError::Struct {
        id: 7,
        owner: "ops",
    };
    assert_eq!(error.status(), StatusCode::CONFLICT);
    assert_eq!(
        json(&error),
        r#"{"code":"BARE_ITEM_LOCKED","message":"Item    7 of ops is locked","details":{"id":7}}"#
    );
}

#[test]
fn no_prelude_sources_stay_out_of_the_body() {
    let error = BareError::Source(std::io::Error::other("secret path /etc/db"));
    assert_eq!(
        json(&error),
        r#"{"code":"BARE_STORAGE","message":"Internal Server Error"}"#
    );
    assert_eq!(error.source().unwrap().to_string(), "secret path /etc/db");

    let error = BareError::BoxedSource {
        cause: "upstream said no".into(),
    };
    assert_eq!(error.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(
        json(&error),
        r#"{"code":"BARE_UPSTREAM","message":"Bad Gateway"}"#
    );
    assert_eq!(error.source().unwrap().to_string(), "upstream said no");
}

#[test]
fn no_prelude_own_display_and_self_in_a_message() {
    assert_eq!(bare::BareOwn::Locked.to_string(), "locked by hand");
    assert_eq!(bare::BareOwn::Locked.message(), "state Locked");
}

#[test]
fn no_prelude_arguments_paths_wrapped_and_optional_sources_work() {
    assert_eq!(BareError::TooMany(vec![1, 2], 1).message(), "2 of 1");
    assert_eq!(BareError::Chosen(504).status(), StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(BareError::Chosen(500).status(), StatusCode::BAD_GATEWAY);
    assert_eq!(
        BareError::File("/srv/a".into()).message(),
        "no file at /srv/a"
    );
    let wrapped = BareError::Wrapped(std::fmt::Error);
    assert_eq!(wrapped.to_string(), std::fmt::Error.to_string());
    assert_eq!(wrapped.message(), "Service Unavailable");
    let bytes = vec![0xff_u8];
    let utf8 = std::str::from_utf8(&bytes).unwrap_err();
    assert!(BareError::from(utf8).source().is_some());
}

#[test]
fn no_prelude_from_field_converts_and_transparent_delegates() {
    let error = BareError::from("x".parse::<u8>().unwrap_err());
    assert_eq!(
        json(&error),
        r#"{"code":"BARE_NOT_A_NUMBER","message":"Not a number"}"#
    );
    assert!(error.source().is_some());

    let error = BareError::from(BareAuth);
    assert_eq!(error.code(), "BARE_UNAUTHENTICATED");
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(header_values(&response, "www-authenticate"), ["Bearer"]);
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"BARE_UNAUTHENTICATED","message":"Sign in first"}"#
    );
}

#[test]
fn no_prelude_status_path_and_headers_reach_the_response() {
    let response = BareError::Limited { retry_after: 9 }.to_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(header_values(&response, "retry-after"), ["9"]);
    assert_eq!(header_values(&response, "cache-control"), ["no-store"]);
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"BARE_RATE_LIMITED","message":"Too Many Requests"}"#
    );
}

#[test]
fn no_prelude_generics_work() {
    let name = String::from("seats");
    let error = BareLimit {
        name: &name,
        limit: 5_u16,
    };
    assert_eq!(
        json(&error),
        r#"{"code":"BARE_LIMIT","message":"seats is over 5","details":{"name":"seats","limit":5}}"#
    );
    let error: BareWrapped<BareAuth> = BareWrapped::Inner(BareAuth);
    assert_eq!(
        json(&error),
        r#"{"code":"BARE_UNAUTHENTICATED","message":"Sign in first"}"#
    );
    let error: BareWrapped<BareAuth> = BareWrapped::Maintenance;
    assert_eq!(error.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        json(&error),
        r#"{"code":"MAINTENANCE","message":"Service Unavailable"}"#
    );
    let codes: Vec<_> = BareWrapped::<BareAuth>::catalog()
        .entries()
        .iter()
        .map(api_error_core::CatalogEntry::code)
        .collect();
    assert_eq!(codes, ["BARE_UNAUTHENTICATED", "MAINTENANCE"]);
}

#[test]
fn shadowed_names_unit_tuple_and_struct_variants_work() {
    assert_eq!(
        json(&ShadowError::Unit),
        r#"{"code":"SHADOW_NOT_FOUND","message":"Nothing here"}"#
    );
    assert_eq!(
        json(&ShadowError::Tuple("v".to_owned())),
        r#"{"code":"SHADOW_BAD_VALUE","message":"Bad value \"v\"","details":{"value":"v"}}"#
    );
    let error = ShadowError::Struct {
        id: 255,
        owner: "ops",
    };
    assert_eq!(error.status(), StatusCode::CONFLICT);
    assert_eq!(
        json(&error),
        r#"{"code":"SHADOW_ITEM_LOCKED","message":"Item 0x00ff of ops is locked","details":{"id":255}}"#
    );
}

#[test]
fn shadowed_names_source_from_and_transparent_work() {
    let error = ShadowError::Source(std::io::Error::other("secret"));
    assert_eq!(
        json(&error),
        r#"{"code":"SHADOW_STORAGE","message":"Internal Server Error"}"#
    );
    assert_eq!(error.source().unwrap().to_string(), "secret");

    let error: ShadowError = "-".parse::<i8>().unwrap_err().into();
    assert_eq!(
        json(&error),
        r#"{"code":"SHADOW_NOT_A_NUMBER","message":"Not a number"}"#
    );

    let error: ShadowError = ShadowAuth.into();
    assert_eq!(error.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        json(&error),
        r#"{"code":"SHADOW_UNAUTHENTICATED","message":"Sign in first"}"#
    );
    assert_eq!(
        header_values(&error.to_response(), "www-authenticate"),
        ["Bearer"]
    );
}

#[test]
fn shadowed_names_headers_and_status_path_work() {
    let response = ShadowError::Limited { retry_after: 120 }.to_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(header_values(&response, "retry-after"), ["120"]);
    assert_eq!(header_values(&response, "cache-control"), ["no-store"]);
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"SHADOW_RATE_LIMITED","message":"Retry in 120s","details":{"retry_after":120}}"#
    );
}

#[test]
fn shadowed_names_generics_work() {
    let error: ShadowGeneric<f64, ShadowAuth> = ShadowGeneric::OutOfRange { value: 2.5 };
    assert_eq!(error.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        json(&error),
        r#"{"code":"out_of_range","message":"2.5 is out of range","details":{"value":2.5}}"#
    );
    let error: ShadowGeneric<f64, ShadowAuth> = ShadowGeneric::Inner(ShadowAuth);
    assert_eq!(
        json(&error),
        r#"{"code":"SHADOW_UNAUTHENTICATED","message":"Sign in first"}"#
    );
}

#[test]
fn fields_named_like_generated_methods_do_not_capture_them() {
    let error = LocalNames::Named {
        code: 1,
        status: 2,
        message: 3,
        catalog: 4,
        serializer: 5,
        error: 6,
    };
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(header_values(&response, "x-message"), ["3"]);
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"LOCAL_NAMES","message":"1 2 3 4 5 6","details":{"code":1,"status":2,"catalog":4,"serializer":5,"error":6}}"#
    );
}

#[test]
fn fields_named_f_details_headers_do_not_capture_generated_parameters() {
    let error = ParameterNames {
        f: 1,
        details: 2,
        headers: 3,
    };
    let response = error.to_response();
    assert_eq!(header_values(&response, "x-headers"), ["3"]);
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"PARAMETER_NAMES","message":"1 2 3","details":{"f":1,"details":2}}"#
    );
}

#[test]
fn a_type_s_own_format_works_without_the_prelude_and_with_its_names_shadowed() {
    let bare = bare::BareProblem { order_id: 7 };
    assert_eq!(
        bare.to_response().body().as_ref(),
        br#"{"type":"about:blank","title":"Conflict","status":409,"detail":"Conflict","code":"BARE_PROBLEM","order_id":7}"#
    );
    assert_eq!(
        shadowed::ShadowProblem.to_response().headers()["content-type"],
        "application/problem+json"
    );
}
