//! The way back: bodies a service sends, in every format, rebuilt by a client as the variant
//! that was sent, and whatever cannot be rebuilt kept whole.

use api_error_core::{ApiError, Config, Decode, Decoded, ErrorBody, Format};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum OrderStatus {
    Pending,
    Shipped,
}

/// Authentication errors
#[derive(Debug, PartialEq, ApiError)]
#[api_error(decode)]
enum AuthError {
    #[api_error(
        code = "AUTH_NOT_AUTHENTICATED",
        status = 401,
        message = "Authentication required",
        header("WWW-Authenticate", "Bearer")
    )]
    NotAuthenticated,
}

/// An error without `decode`: a wrapper cannot rebuild it.
#[derive(Debug, PartialEq, ApiError)]
#[api_error(code = "PLAN_NOT_FOUND", status = 404, message = "Plan not found")]
struct PlanNotFound;

#[derive(Debug, ApiError)]
#[api_error(decode)]
enum OrderError {
    #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
    NotFound,
    #[api_error(
        code = "ORDER_NOT_PENDING",
        status = 409,
        message = "Order {id} is {status:?}, not pending"
    )]
    NotPending {
        #[api_error(detail)]
        id: u64,
        #[api_error(detail)]
        status: OrderStatus,
        /// Not a detail, but `Default`: rebuilt empty. Read only by `Debug`.
        #[allow(dead_code)]
        note: String,
    },
    #[api_error(code = "ORDER_LIMIT", status = 429, message = "At most {0} orders")]
    Limit(
        #[api_error(detail = "limit")] u32,
        #[api_error(detail = "plan")] Option<String>,
    ),
    /// A source has no `Default`: never rebuilt.
    #[api_error(code = "ORDER_STORAGE", status = 500)]
    Storage(#[source] std::io::Error),
    #[api_error(transparent)]
    Auth(#[from] AuthError),
    #[api_error(transparent)]
    Plan(PlanNotFound),
}

impl PartialEq for OrderError {
    fn eq(&self, other: &Self) -> bool {
        format!("{self:?}") == format!("{other:?}")
    }
}

fn body(config: &Config, error: &OrderError) -> Vec<u8> {
    config.response(error).into_body().to_vec()
}

fn configs() -> [Config; 4] {
    [
        Config::new(),
        Config::new().nest_in("error"),
        Config::new()
            .format(Format::Problem)
            .problem_type_base("https://errors.example.com/"),
        Config::new().format(Format::JsonApi),
    ]
}

#[test]
fn every_rebuildable_variant_comes_back_from_every_format() {
    let errors = [
        OrderError::NotFound,
        OrderError::NotPending {
            id: 42,
            status: OrderStatus::Shipped,
            note: String::new(),
        },
        OrderError::Limit(5, None),
        OrderError::Limit(5, Some("gold".into())),
        OrderError::Auth(AuthError::NotAuthenticated),
    ];
    for config in configs() {
        for error in &errors {
            let sent = body(&config, error);
            assert_eq!(
                OrderError::from_body(&sent),
                Decoded::Known(match error {
                    OrderError::NotFound => OrderError::NotFound,
                    OrderError::NotPending { id, status, .. } => OrderError::NotPending {
                        id: *id,
                        status: *status,
                        note: String::new(),
                    },
                    OrderError::Limit(n, plan) => OrderError::Limit(*n, plan.clone()),
                    OrderError::Auth(_) => OrderError::Auth(AuthError::NotAuthenticated),
                    _ => unreachable!(),
                }),
                "{}",
                String::from_utf8_lossy(&sent)
            );
        }
    }
}

#[test]
fn what_cannot_be_rebuilt_is_kept_whole() {
    for config in configs() {
        for error in [
            OrderError::Storage(std::io::Error::other("disk")),
            OrderError::Plan(PlanNotFound),
        ] {
            let sent = body(&config, &error);
            let Decoded::Unknown(unknown) = OrderError::from_body(&sent) else {
                panic!("{} was rebuilt", String::from_utf8_lossy(&sent));
            };
            assert_eq!(unknown.received, sent);
            // A nested body is read as the object it nests.
            let value: serde_json::Value = serde_json::from_slice(&sent).unwrap();
            let value = value.get("error").cloned().unwrap_or(value);
            let read: ErrorBody = serde_json::from_value(value).unwrap();
            assert_eq!(unknown.body, Some(read));
        }
    }
}

#[test]
fn a_code_the_type_does_not_know_or_a_body_that_is_no_error_is_unknown() {
    let new = br#"{"code":"ORDER_ARCHIVED","message":"Archived","details":{"at":"2026"},"request_id":"r1"}"#;
    let Decoded::Unknown(unknown) = OrderError::from_body(new) else {
        panic!("an unknown code was rebuilt");
    };
    let body = unknown.body.unwrap();
    assert_eq!(
        (
            body.code.as_str(),
            body.message.as_str(),
            body.request_id.as_deref()
        ),
        ("ORDER_ARCHIVED", "Archived", Some("r1"))
    );
    assert_eq!(body.details.unwrap()["at"], "2026");
    for received in [
        &b"<html>Bad Gateway</html>"[..],
        b"",
        b"[1,2]",
        br#"{"code":42}"#,
        br#"{"code":"ORDER_NOT_PENDING","message":"m","details":{"id":"not a number","status":"pending"}}"#,
        br#"{"code":"ORDER_NOT_PENDING","message":"m","details_omitted":true}"#,
    ] {
        match OrderError::from_body(received) {
            Decoded::Unknown(unknown) => assert_eq!(unknown.received, received),
            Decoded::Known(known) => panic!("{known:?} from {}", String::from_utf8_lossy(received)),
        }
    }
}

mod over_http {
    use api_error_core::Decoded;
    use api_error_core::reqwest::{ClientError, json};
    use api_error_tests::{client, serve};
    use axum::Router;
    use axum::http::StatusCode;
    use axum::response::{Html, IntoResponse};
    use axum::routing::get;

    use super::{OrderError, OrderStatus};

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Order {
        id: u64,
    }

    async fn order() -> axum::Json<Order> {
        axum::Json(Order { id: 7 })
    }

    async fn not_pending() -> OrderError {
        OrderError::NotPending {
            id: 7,
            status: OrderStatus::Pending,
            note: "not sent".into(),
        }
    }

    async fn gateway() -> impl IntoResponse {
        (StatusCode::BAD_GATEWAY, Html("<h1>Bad Gateway</h1>"))
    }

    async fn not_an_order() -> &'static str {
        "[]"
    }

    #[tokio::test]
    async fn a_response_is_its_success_or_the_error_the_service_raised() {
        let address = serve(
            Router::new()
                .route("/order", get(order))
                .route("/not-pending", get(not_pending))
                .route("/gateway", get(gateway))
                .route("/not-an-order", get(not_an_order))
                .route("/empty", get(|| async { StatusCode::NO_CONTENT })),
        )
        .await;
        let client = client();
        let get = |path: &str| client.get(format!("http://{address}{path}")).send();

        let ok = json::<Order, OrderError>(get("/order").await.unwrap()).await;
        assert_eq!(ok.unwrap(), Order { id: 7 });

        match json::<Order, OrderError>(get("/not-pending").await.unwrap()).await {
            Err(ClientError::Api {
                status,
                headers,
                error: Decoded::Known(error),
                ..
            }) => {
                assert_eq!(status, StatusCode::CONFLICT);
                assert_eq!(headers["content-type"], "application/json");
                // The field that is no detail comes back as its `Default`.
                assert_eq!(
                    error,
                    OrderError::NotPending {
                        id: 7,
                        status: OrderStatus::Pending,
                        note: String::new(),
                    }
                );
            }
            other => panic!("{other:?}"),
        }

        match json::<Order, OrderError>(get("/gateway").await.unwrap()).await {
            Err(
                error @ ClientError::Api {
                    error: Decoded::Unknown(_),
                    ..
                },
            ) => {
                let ClientError::Api {
                    error: Decoded::Unknown(unknown),
                    ..
                } = &error
                else {
                    unreachable!()
                };
                assert_eq!(unknown.received, "<h1>Bad Gateway</h1>".as_bytes());
                assert_eq!(
                    error.to_string(),
                    "the service answered 502 Bad Gateway with a body that is no error's"
                );
            }
            other => panic!("{other:?}"),
        }

        match json::<Order, OrderError>(get("/not-an-order").await.unwrap()).await {
            Err(ClientError::Body { status, .. }) => assert_eq!(status, StatusCode::OK),
            other => panic!("{other:?}"),
        }
        // An empty success is `null`: `()` takes it.
        let empty = json::<(), OrderError>(get("/empty").await.unwrap()).await;
        assert!(empty.is_ok(), "{empty:?}");
    }
}

/// Fields a client sees but not as details: the message shows one, a header sends the other.
#[allow(dead_code)]
#[derive(Debug, ApiError)]
#[api_error(decode)]
enum SeenElsewhere {
    #[api_error(code = "PLAN_UNKNOWN", status = 400, message = "No plan {plan}")]
    Plan { plan: String },
    #[api_error(code = "LATER", status = 429, message = "Later")]
    Later {
        #[api_error(header = "Retry-After")]
        retry: u32,
    },
}

#[test]
fn a_field_shown_in_the_message_or_a_header_but_no_detail_is_not_made_up() {
    for error in [
        SeenElsewhere::Plan {
            plan: "gold".into(),
        },
        SeenElsewhere::Later { retry: 5 },
    ] {
        let sent = Config::new().response(&error).into_body();
        assert!(
            matches!(SeenElsewhere::from_body(&sent), Decoded::Unknown(_)),
            "{error:?} was rebuilt from {}",
            String::from_utf8_lossy(&sent)
        );
    }
}
