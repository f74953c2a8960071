//! Derived errors as gRPC statuses: the code, the message and the `google.rpc` details a tonic
//! client reads back with tonic-types, within the size a client accepts.

use api_error_core::axum::ApiErrorLayer;
use api_error_core::{ApiError, Config};
use axum::Router;
use axum::routing::get;
use tonic::Code;
use tonic_types::StatusExt;
use tower::ServiceExt;

/// Order errors; one variant is large on purpose, to overflow every cap.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, ApiError)]
enum OrderError {
    #[api_error(
        code = "ORDER_NOT_FOUND",
        status = 404,
        message = "Order {order_id} not found"
    )]
    NotFound {
        #[api_error(detail)]
        order_id: String,
    },
    #[api_error(code = "ORDER_CONFLICT", status = 409, message = "Order changed")]
    Conflict {
        #[api_error(detail)]
        version: u32,
        #[api_error(detail)]
        tags: Vec<String>,
    },
    #[api_error(code = "RATE_LIMIT_EXCEEDED", status = 429, message = "Slow down")]
    Limited {
        #[api_error(detail, header = "Retry-After")]
        retry_after: u64,
    },
    #[api_error(code = "SERVER_INTERNAL_ERROR", status = 500)]
    Storage(#[source] std::io::Error),
    #[api_error(code = "ORDER_HUGE", status = 400, message = "{text}")]
    Huge {
        #[api_error(detail)]
        text: String,
        #[api_error(detail)]
        a: String,
        #[api_error(detail)]
        b: String,
        #[api_error(detail)]
        c: String,
        #[api_error(detail)]
        d: String,
        #[api_error(detail)]
        e: String,
        #[api_error(detail)]
        f: String,
        #[api_error(detail)]
        g: String,
        #[api_error(detail)]
        h: String,
        #[api_error(detail)]
        i: String,
        #[api_error(detail)]
        j: String,
        #[api_error(detail)]
        k: String,
        #[api_error(detail)]
        l: String,
        #[api_error(detail)]
        m: String,
    },
}

#[test]
fn a_client_reads_back_the_code_the_message_and_the_details_as_strings() {
    let status = tonic::Status::from(OrderError::Conflict {
        version: 7,
        tags: vec!["a".into(), "b".into()],
    });
    assert_eq!(status.code(), Code::Aborted);
    assert_eq!(status.message(), "Order changed");
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "ORDER_CONFLICT");
    assert_eq!(info.domain, "");
    assert_eq!(info.metadata.len(), 2);
    assert_eq!(info.metadata["version"], "7");
    assert_eq!(info.metadata["tags"], r#"["a","b"]"#);
    assert!(status.get_details_retry_info().is_none());
    assert!(status.get_details_request_info().is_none());
    let received = api_error_core::tonic::read(&status).unwrap();
    assert_eq!(received.code, "ORDER_CONFLICT");
    assert_eq!(received.grpc_code, Code::Aborted);
}

#[test]
fn a_retry_after_is_retry_info() {
    let status = tonic::Status::from(OrderError::Limited { retry_after: 12 });
    assert_eq!(status.code(), Code::ResourceExhausted);
    let retry = status.get_details_retry_info().unwrap();
    assert_eq!(retry.retry_delay, Some(std::time::Duration::from_secs(12)));
    assert_eq!(
        status.get_details_error_info().unwrap().metadata["retryAfter"],
        "12"
    );
}

#[test]
fn a_server_error_says_its_reason_phrase_and_nothing_of_its_source() {
    let source = std::io::Error::other("disk /dev/sda1 on fire");
    let status = tonic::Status::from(OrderError::Storage(source));
    assert_eq!(status.code(), Code::Internal);
    assert_eq!(status.message(), "Internal Server Error");
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "SERVER_INTERNAL_ERROR");
    assert!(info.metadata.is_empty());
    assert!(!format!("{status:?}").contains("sda1"));
}

#[test]
fn a_huge_error_stays_within_what_a_client_accepts() {
    let big = || "x".repeat(100_000);
    let status = tonic::Status::from(OrderError::Huge {
        text: big(),
        a: big(),
        b: big(),
        c: big(),
        d: big(),
        e: big(),
        f: big(),
        g: big(),
        h: big(),
        i: big(),
        j: big(),
        k: big(),
        l: big(),
        m: big(),
    });
    assert_eq!(status.message().len(), api_error_core::tonic::MESSAGE_MAX);
    assert!(status.message().ends_with('…'));
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.metadata.len(), api_error_core::tonic::METADATA_MAX);
    for value in info.metadata.values() {
        assert!(value.len() <= api_error_core::tonic::VALUE_MAX);
    }
    let response = status.into_http::<tonic::body::Body>();
    let details = &response.headers()["grpc-status-details-bin"];
    assert!(details.len() < 8 * 1024, "{} bytes", details.len());
}

#[tokio::test]
async fn under_the_error_layer_the_domain_is_its_configuration_s_and_the_request_id_request_info() {
    async fn handler() -> String {
        let status = tonic::Status::from(OrderError::NotFound {
            order_id: "ord_9".into(),
        });
        assert_eq!(status.code(), Code::NotFound);
        assert_eq!(status.message(), "Order ord_9 not found");
        let received = api_error_core::tonic::read(&status).unwrap();
        assert_eq!(received.metadata["orderId"], "ord_9");
        format!(
            "{} {}",
            received.domain,
            received.request_id.unwrap_or_default()
        )
    }
    let config = Config::new().grpc_domain("orders.example.com");
    let app = Router::new()
        .route("/", get(handler))
        .layer(ApiErrorLayer::new(config));
    let request = http::Request::builder()
        .uri("/")
        .header("x-request-id", "req-grpc-1")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    let body = axum::body::to_bytes(response.into_body(), 1024)
        .await
        .unwrap();
    assert_eq!(&body[..], b"orders.example.com req-grpc-1");
}

/// An error whose gRPC code is its own, and one that wraps it.
#[derive(Debug, ApiError)]
enum StateError {
    #[api_error(
        code = "ORDER_STALE",
        status = 400,
        message = "Order changed",
        grpc = "FAILED_PRECONDITION"
    )]
    Stale,
    #[api_error(code = "ORDER_BAD", status = 400, message = "Bad order")]
    Bad,
}

#[derive(Debug, ApiError)]
enum Wrapping {
    #[api_error(transparent)]
    State(StateError),
}

#[test]
fn a_variant_s_own_grpc_code_wins_over_its_status_s_and_a_wrapper_keeps_it() {
    assert_eq!(
        tonic::Status::from(StateError::Stale).code(),
        Code::FailedPrecondition
    );
    assert_eq!(
        tonic::Status::from(StateError::Bad).code(),
        Code::InvalidArgument
    );
    assert_eq!(
        tonic::Status::from(Wrapping::State(StateError::Stale)).code(),
        Code::FailedPrecondition
    );
    let boxed: Box<dyn ApiError + Send + Sync> = Box::new(StateError::Stale);
    assert_eq!(tonic::Status::from(boxed).code(), Code::FailedPrecondition);
}
