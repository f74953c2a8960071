//! Error sets: a set answers as its member, byte for byte, on every framework and in every
//! view; `?` fills it from a member or a smaller set; narrowing leaves a set of the others; its
//! catalog, documents and decoding are exactly its members'.

use actix_web::ResponseError as _;
use actix_web::body::MessageBody as _;
use api_error_core::set::{Member, OneOf, OneOf2, OneOf3, Standalone};
use api_error_core::{ApiError, Decode, Decoded, Respond};
use api_error_tests::{Case, serve};
use axum::Router;
use axum::routing::get;
use http::StatusCode;

use crate::formats::HandWritten;

#[derive(Debug, PartialEq, ApiError)]
#[api_error(members, decode)]
pub enum OrderError {
    /// No order has this id.
    #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
    NotFound {
        #[api_error(detail)]
        order_id: u64,
    },
    #[api_error(
        code = "ORDER_NOT_PENDING",
        status = 400,
        message = "Order {order_id} is not pending"
    )]
    NotPending {
        #[api_error(detail)]
        order_id: u64,
    },
    #[api_error(
        code = "ORDER_EXPIRED",
        status = 400,
        message = "Order {0} has expired"
    )]
    Expired(#[api_error(detail = "order_id")] u64),
}

#[derive(Debug, PartialEq, ApiError)]
#[api_error(
    code = "RATE_LIMIT_EXCEEDED",
    status = 429,
    message = "Slow down",
    decode
)]
pub struct RateLimited {
    #[api_error(detail, header = "Retry-After")]
    retry_after: u64,
}

/// What `GET /orders/{id}` answers: never `ORDER_EXPIRED`.
type GetOrder = OneOf<(order_error::NotFound, order_error::NotPending, RateLimited)>;

fn find(order_id: u64) -> Result<u64, OneOf<(order_error::NotFound, order_error::NotPending)>> {
    match order_id {
        0 => Err(order_error::NotFound { order_id })?,
        1 => Err(order_error::NotPending { order_id })?,
        _ => Ok(order_id),
    }
}

/// A smaller set widens into the larger with `?`.
fn get_order(order_id: u64) -> Result<u64, GetOrder> {
    if order_id == 2 {
        Err(RateLimited { retry_after: 30 })?;
    }
    Ok(find(order_id)?)
}

/// Each set `get_order` answers, with the response of its member's error built on its own:
/// the enum's variant, for a variant's struct.
fn cases() -> Vec<(GetOrder, http::Response<api_error_core::Bytes>)> {
    vec![
        (
            get_order(0).unwrap_err(),
            OrderError::NotFound { order_id: 0 }.to_response(),
        ),
        (
            get_order(1).unwrap_err(),
            OrderError::NotPending { order_id: 1 }.to_response(),
        ),
        (
            get_order(2).unwrap_err(),
            RateLimited { retry_after: 30 }.to_response(),
        ),
    ]
}

type Seen = (StatusCode, Vec<(String, Vec<u8>)>, Vec<u8>);

fn seen(response: &http::Response<api_error_core::Bytes>) -> Seen {
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
        .collect();
    (response.status(), headers, response.body().to_vec())
}

#[test]
fn a_set_holds_the_member_that_was_answered_and_renders_as_it() {
    let codes: Vec<&str> = cases().iter().map(|(set, _)| set.code()).collect();
    assert_eq!(
        codes,
        [
            "ORDER_NOT_FOUND",
            "ORDER_NOT_PENDING",
            "RATE_LIMIT_EXCEEDED"
        ]
    );
    for (set, member) in cases() {
        assert_eq!(seen(&set.to_response()), seen(&member));
        assert_eq!(set.to_string(), set.message());
    }
}

#[test]
fn a_variant_struct_is_a_member_whose_error_is_its_variant() {
    let by_struct = order_error::Expired(7);
    assert_eq!(by_struct.into_error(), OrderError::Expired(7));
    assert_eq!(
        OrderError::from(order_error::NotFound { order_id: 1 }),
        OrderError::NotFound { order_id: 1 }
    );
    // Back from the enum: its own variant, and no other.
    let back = order_error::NotPending::from_error(OrderError::NotPending { order_id: 3 });
    assert!(matches!(back, Ok(order_error::NotPending { order_id: 3 })));
    let other = order_error::NotPending::from_error(OrderError::Expired(3));
    assert!(matches!(other, Err(OrderError::Expired(3))));
    // Its catalog is the variant's entry of the enum's.
    let codes: Vec<&str> = <order_error::NotPending as Member>::catalog()
        .iter()
        .map(api_error_core::CatalogEntry::code)
        .collect();
    assert_eq!(codes, ["ORDER_NOT_PENDING"]);
    let catalog = <order_error::NotFound as Member>::catalog();
    let entry = catalog.get("ORDER_NOT_FOUND").expect("the variant's entry");
    assert_eq!(entry.summary(), Some("No order has this id."));
}

#[test]
fn a_set_s_catalog_is_exactly_its_members_codes_in_order() {
    let codes: Vec<&str> = GetOrder::catalog()
        .iter()
        .map(api_error_core::CatalogEntry::code)
        .collect();
    assert_eq!(
        codes,
        [
            "ORDER_NOT_FOUND",
            "ORDER_NOT_PENDING",
            "RATE_LIMIT_EXCEEDED"
        ]
    );
    let whole: Vec<&str> = OneOf2::<OrderError, RateLimited>::catalog()
        .iter()
        .map(api_error_core::CatalogEntry::code)
        .collect();
    assert_eq!(
        whole,
        [
            "ORDER_NOT_FOUND",
            "ORDER_NOT_PENDING",
            "ORDER_EXPIRED",
            "RATE_LIMIT_EXCEEDED"
        ]
    );
}

#[test]
fn narrowing_takes_one_member_out_and_passes_the_others_on_as_a_smaller_set() {
    fn handled(
        order_id: u64,
    ) -> Result<&'static str, OneOf<(order_error::NotPending, RateLimited)>> {
        match get_order(order_id) {
            Ok(_) => Ok("found"),
            Err(error) => match error.narrow::<order_error::NotFound, _>() {
                Ok(_) => Ok("created instead"),
                Err(rest) => Err(rest)?,
            },
        }
    }
    assert_eq!(handled(0).unwrap(), "created instead");
    assert_eq!(handled(1).unwrap_err().code(), "ORDER_NOT_PENDING");
    assert_eq!(handled(2).unwrap_err().code(), "RATE_LIMIT_EXCEEDED");
    assert_eq!(handled(5).unwrap(), "found");
    let Err(rest) = get_order(1)
        .unwrap_err()
        .narrow::<order_error::NotFound, _>()
    else {
        panic!("the set holds NotPending");
    };
    let rest: OneOf2<order_error::NotPending, RateLimited> = rest;
    assert_eq!(rest.code(), "ORDER_NOT_PENDING");
    let Ok(pending) = rest.narrow::<order_error::NotPending, _>() else {
        panic!("the rest holds NotPending");
    };
    assert_eq!(pending.order_id, 1);

    // A set of one gives its member back, with nothing left over.
    let single: OneOf<(RateLimited,)> = RateLimited { retry_after: 5 }.into();
    let Ok(RateLimited { retry_after }) = single.narrow::<RateLimited, _>();
    assert_eq!(retry_after, 5);
}

// The error written by hand of the formats' tests, a member of sets as itself once it says so.
impl Standalone for HandWritten {}

#[test]
fn a_hand_written_error_that_is_standalone_is_a_member_as_itself() {
    fn answer(order_id: u64) -> Result<(), OneOf<(HandWritten, order_error::NotFound)>> {
        if order_id == 0 {
            Err(order_error::NotFound { order_id })?;
        }
        Err(HandWritten)?
    }
    let hand = answer(1).unwrap_err();
    let response = hand.to_response();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"HAND\"WRITTEN\\","message":"By hand"}"#
    );
    assert_eq!(seen(&response), seen(&HandWritten.to_response()));
    // Sets compare as the errors they hold.
    assert_eq!(answer(0).unwrap_err(), answer(0).unwrap_err());
    assert_ne!(answer(0).unwrap_err(), hand);
    assert_eq!(hand.narrow::<HandWritten, _>(), Ok(HandWritten));
}

#[test]
fn a_set_serializes_and_is_a_grpc_status_as_its_member() {
    let set = get_order(2).unwrap_err();
    let limited = RateLimited { retry_after: 30 };
    assert_eq!(
        serde_json::to_string(&set).unwrap(),
        serde_json::to_string(&limited).unwrap()
    );
    let from_set = tonic::Status::from(set);
    let from_member = tonic::Status::from(limited);
    assert_eq!(from_set.code(), from_member.code());
    assert_eq!(from_set.message(), from_member.message());
    assert_eq!(from_set.details(), from_member.details());
    assert_eq!(
        from_set.metadata().clone().into_headers(),
        from_member.metadata().clone().into_headers()
    );
}

#[test]
fn on_actix_web_a_set_is_its_member_s_response() {
    let set = get_order(1).unwrap_err();
    let member = OrderError::NotPending { order_id: 1 };
    assert_eq!(set.status_code(), member.status_code());
    let read = |response: actix_web::HttpResponse| {
        let headers: Vec<(String, Vec<u8>)> = response
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect();
        let Ok(body) = response.into_body().try_into_bytes() else {
            panic!("an error's body is in memory");
        };
        (headers, body)
    };
    assert_eq!(read(set.error_response()), read(member.error_response()));
}

async fn by_set(axum::extract::Path(id): axum::extract::Path<u64>) -> Result<String, GetOrder> {
    get_order(id).map(|id| id.to_string())
}

async fn by_member(
    axum::extract::Path(id): axum::extract::Path<u64>,
) -> Result<String, axum::response::Response> {
    use axum::response::IntoResponse as _;
    match id {
        0 => Err(OrderError::NotFound { order_id: 0 }.into_response()),
        1 => Err(OrderError::NotPending { order_id: 1 }.into_response()),
        2 => Err(RateLimited { retry_after: 30 }.into_response()),
        _ => Ok(id.to_string()),
    }
}

#[tokio::test]
async fn over_loopback_a_handler_s_set_answers_what_its_member_answers() {
    let address = serve(
        Router::new()
            .route("/set/{id}", get(by_set))
            .route("/member/{id}", get(by_member)),
    )
    .await;
    for (id, (by_set, by_member)) in [
        ("/set/0", "/member/0"),
        ("/set/1", "/member/1"),
        ("/set/2", "/member/2"),
        ("/set/3", "/member/3"),
    ]
    .into_iter()
    .enumerate()
    {
        let set = Case::get(by_set).send(address).await;
        let member = Case::get(by_member).send(address).await;
        assert_eq!(set.status, member.status, "{id}");
        assert_eq!(set.body, member.body, "{id}");
        let headers = |seen: &api_error_tests::Seen| {
            let mut headers: Vec<(String, Vec<u8>)> = seen
                .headers
                .iter()
                .filter(|(name, _)| *name != "date")
                .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
                .collect();
            headers.sort();
            headers
        };
        assert_eq!(headers(&set), headers(&member), "{id}");
    }
}

#[test]
fn a_set_decodes_a_body_of_any_member_and_keeps_any_other_whole() {
    for (set, _) in cases() {
        let body = set.to_response().into_body();
        let Decoded::Known(decoded) = GetOrder::from_body(&body) else {
            panic!("{} is one of the set", set.code());
        };
        assert_eq!(seen(&decoded.to_response()), seen(&set.to_response()));
    }
    let expired = OrderError::Expired(9).to_response().into_body();
    let Decoded::Unknown(unknown) = GetOrder::from_body(&expired) else {
        panic!("ORDER_EXPIRED is not one of the set");
    };
    assert_eq!(unknown.body.unwrap().code, "ORDER_EXPIRED");
}

#[test]
fn utoipa_and_aide_document_a_set_one_response_a_status_with_exactly_its_codes() {
    type Answered = OneOf3<order_error::NotPending, order_error::Expired, RateLimited>;
    let responses = <Answered as utoipa6::IntoResponses>::responses();
    assert_eq!(responses.keys().collect::<Vec<_>>(), ["400", "429"]);
    let bad_request = serde_json::to_value(&responses["400"]).unwrap();
    assert_eq!(
        api_error_core::openapi::documented_codes(&bad_request),
        ["ORDER_NOT_PENDING", "ORDER_EXPIRED"]
    );
    let five = <Answered as utoipa5::IntoResponses>::responses();
    assert_eq!(five.keys().collect::<Vec<_>>(), ["400", "429"]);

    let mut operation = aide::openapi::Operation::default();
    let inferred = aide::generate::in_context(|context| {
        <Answered as aide::OperationOutput>::inferred_responses(context, &mut operation)
    });
    let statuses: Vec<Option<u16>> = inferred.iter().map(|(status, _)| *status).collect();
    assert_eq!(statuses, [Some(400), Some(429)]);
    let bad_request = serde_json::to_value(&inferred[0].1).unwrap();
    assert_eq!(
        api_error_core::openapi::documented_codes(&bad_request),
        ["ORDER_NOT_PENDING", "ORDER_EXPIRED"]
    );
}

mod operations {
    //! One operation's errors, documented from its types alone: the handler's set and what the
    //! extractors it takes refuse requests with, with utoipa (`Answers`) and with aide's
    //! `ApiRouter`, which agree; and the route answers only what its document lists.

    use std::collections::BTreeMap;

    use aide::axum::ApiRouter;
    use aide::generate::GenContext;
    use aide::openapi::{Operation, Response};
    use api_error_core::ApiError;
    use api_error_core::openapi::documented_codes;
    use api_error_core::set::{Answers, OneOf, Refuses};
    use api_error_tests::{Case, serve};
    use axum::extract::{FromRequestParts, Path};
    use axum::http::request::Parts;
    use http::StatusCode;

    use super::{GetOrder, get_order};

    #[derive(Debug, ApiError)]
    #[api_error(
        code = "AUTH_NOT_AUTHENTICATED",
        status = 401,
        message = "Authentication required",
        header("WWW-Authenticate", "Bearer")
    )]
    struct NotAuthenticated;

    #[derive(Debug, ApiError)]
    #[api_error(
        code = "HEADER_MALFORMED",
        status = 400,
        message = "The authorization header is malformed"
    )]
    struct HeaderMalformed;

    /// The caller, an extractor: it refuses a request without a bearer token.
    struct Caller;

    impl Refuses for Caller {
        type Errors = OneOf<(NotAuthenticated, HeaderMalformed)>;
    }

    impl<S: Send + Sync> FromRequestParts<S> for Caller {
        type Rejection = <Caller as Refuses>::Errors;

        async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
            match parts
                .headers
                .get("authorization")
                .map(http::HeaderValue::as_bytes)
            {
                None => Err(NotAuthenticated)?,
                Some(value) if value.starts_with(b"Bearer ") => Ok(Caller),
                Some(_) => Err(HeaderMalformed)?,
            }
        }
    }

    /// Each of these request parts documents, for aide, what it refuses requests with.
    macro_rules! refusals_documented {
        ($($part:ty),+) => {
            $(
                impl aide::OperationInput for $part {
                    fn inferred_early_responses(
                        _: &mut GenContext,
                        operation: &mut Operation,
                    ) -> Vec<(Option<u16>, Response)> {
                        api_error_core::openapi::aide::refusals::<Self>(operation)
                    }
                }
            )+
        };
    }

    refusals_documented!(Caller, Upload);

    async fn get_order_route(_: Caller, Path(id): Path<u64>) -> Result<String, GetOrder> {
        get_order(id).map(|id| id.to_string())
    }

    /// Each error status of a document's responses, with the codes it lists.
    fn codes_by_status<'a>(
        responses: impl Iterator<Item = (String, &'a serde_json::Value)>,
    ) -> BTreeMap<String, Vec<String>> {
        responses
            .filter(|(status, _)| status.starts_with('4') || status.starts_with('5'))
            .map(|(status, response)| {
                let codes = documented_codes(response)
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                (status, codes)
            })
            .collect()
    }

    fn expected() -> BTreeMap<String, Vec<String>> {
        [
            ("400", &["ORDER_NOT_PENDING", "HEADER_MALFORMED"][..]),
            ("401", &["AUTH_NOT_AUTHENTICATED"]),
            ("404", &["ORDER_NOT_FOUND"]),
            ("429", &["RATE_LIMIT_EXCEEDED"]),
        ]
        .into_iter()
        .map(|(status, codes)| {
            let codes = codes.iter().map(|&code| code.to_owned()).collect();
            (status.to_owned(), codes)
        })
        .collect()
    }

    fn by_utoipa() -> BTreeMap<String, Vec<String>> {
        let responses = <Answers<GetOrder, (Caller,)> as utoipa6::IntoResponses>::responses();
        let values: Vec<(String, serde_json::Value)> = responses
            .into_iter()
            .map(|(status, response)| (status, serde_json::to_value(response).unwrap()))
            .collect();
        codes_by_status(values.iter().map(|(status, value)| (status.clone(), value)))
    }

    fn by_aide() -> (axum::Router, BTreeMap<String, Vec<String>>) {
        aide::generate::on_error(|error| panic!("aide could not document the route: {error}"));
        let mut api = aide::openapi::OpenApi::default();
        let router = ApiRouter::new()
            .api_route("/orders/{id}", aide::axum::routing::get(get_order_route))
            .finish_api(&mut api);
        let document = serde_json::to_value(&api).unwrap();
        let responses = document["paths"]["/orders/{id}"]["get"]["responses"]
            .as_object()
            .unwrap()
            .clone();
        let codes = codes_by_status(
            responses
                .iter()
                .map(|(status, value)| (status.clone(), value)),
        );
        (router, codes)
    }

    #[test]
    fn utoipa_documents_the_handler_s_set_and_the_extractor_s_refusals_one_response_a_status() {
        assert_eq!(by_utoipa(), expected());
    }

    #[tokio::test]
    async fn aide_documents_the_same_from_the_handler_s_types_and_the_route_answers_only_those() {
        let (router, documented) = by_aide();
        assert_eq!(documented, expected());
        assert_eq!(documented, by_utoipa());
        let address = serve(router).await;
        let bearer: &[(&str, &str)] = &[("authorization", "Bearer tok_1")];
        for (case, status) in [
            (
                Case::get("/orders/0").with_headers(bearer),
                StatusCode::NOT_FOUND,
            ),
            (
                Case::get("/orders/1").with_headers(bearer),
                StatusCode::BAD_REQUEST,
            ),
            (
                Case::get("/orders/2").with_headers(bearer),
                StatusCode::TOO_MANY_REQUESTS,
            ),
            (Case::get("/orders/1"), StatusCode::UNAUTHORIZED),
            (
                Case::get("/orders/1").with_headers(&[("authorization", "Basic x")]),
                StatusCode::BAD_REQUEST,
            ),
        ] {
            let seen = case.send(address).await;
            assert_eq!(seen.status, status, "{}", seen.text());
            let body: serde_json::Value = serde_json::from_slice(&seen.body).unwrap();
            let code = body["code"].as_str().unwrap();
            assert!(
                documented[status.as_str()]
                    .iter()
                    .any(|listed| listed == code),
                "{code} at {status} is not documented"
            );
        }
    }

    /// A body behind the router's limit: the limit's `413` is the layer's answer, declared with
    /// the part that reads the body.
    struct Upload;

    impl Refuses for Upload {
        type Errors = HeaderMalformed;

        fn by_layers() -> api_error_core::Catalog {
            api_error_core::Rejection::catalog_of(&[api_error_core::RejectionKind::ContentTooLarge])
        }
    }

    impl<S: Send + Sync> FromRequestParts<S> for Upload {
        type Rejection = HeaderMalformed;

        async fn from_request_parts(_: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
            Ok(Upload)
        }
    }

    async fn upload_route(_: Upload, Path(id): Path<u64>) -> Result<String, GetOrder> {
        get_order(id).map(|id| id.to_string())
    }

    #[test]
    fn what_a_layer_answers_for_a_part_is_in_every_operation_that_takes_it() {
        let codes: Vec<&str> = Answers::<GetOrder, (Upload,)>::catalog()
            .iter()
            .map(api_error_core::CatalogEntry::code)
            .collect();
        assert_eq!(
            codes,
            [
                "ORDER_NOT_FOUND",
                "ORDER_NOT_PENDING",
                "RATE_LIMIT_EXCEEDED",
                "HEADER_MALFORMED",
                "CONTENT_TOO_LARGE"
            ]
        );
        let responses = <Answers<GetOrder, (Upload,)> as utoipa6::IntoResponses>::responses();
        let by_utoipa: Vec<(String, serde_json::Value)> = responses
            .into_iter()
            .map(|(status, response)| (status, serde_json::to_value(response).unwrap()))
            .collect();
        let by_utoipa = codes_by_status(by_utoipa.iter().map(|(s, v)| (s.clone(), v)));
        assert_eq!(by_utoipa["413"], ["CONTENT_TOO_LARGE"]);
        assert_eq!(by_utoipa["400"], ["ORDER_NOT_PENDING", "HEADER_MALFORMED"]);

        let mut api = aide::openapi::OpenApi::default();
        let _router: axum::Router = ApiRouter::new()
            .api_route("/orders/{id}", aide::axum::routing::post(upload_route))
            .finish_api(&mut api);
        let document = serde_json::to_value(&api).unwrap();
        let by_aide = codes_by_status(
            document["paths"]["/orders/{id}"]["post"]["responses"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(status, value)| (status.clone(), value)),
        );
        assert_eq!(by_aide, by_utoipa);
    }
}
