use api_error_core::{ApiError, Respond};

macro_rules! not_found {
    ($name:ident, $code:literal, $field:ident: $ty:ty) => {
        #[derive(Debug, ApiError)]
        #[api_error(code = $code, status = 404, message = "Not found")]
        struct $name {
            #[api_error(detail)]
            $field: $ty,
        }
    };
}

not_found!(OrderNotFound, "ORDER_NOT_FOUND", order: u64);
not_found!(UserNotFound, "USER_NOT_FOUND", user: String);

macro_rules! status_enum {
    ($status:expr) => {
        #[derive(Debug, ApiError)]
        enum Generated {
            #[api_error(code = "GENERATED", status = $status)]
            Only,
        }
    };
}

status_enum!(409);

fn main() {
    assert_eq!(OrderNotFound { order: 1 }.code(), "ORDER_NOT_FOUND");
    assert_eq!(
        UserNotFound { user: "ann".into() }
            .to_response()
            .body()
            .as_ref(),
        br#"{"code":"USER_NOT_FOUND","message":"Not found","details":{"user":"ann"}}"#
    );
    assert_eq!(Generated::Only.status().as_u16(), 409);
}
