// Field types, messages and wrapped types passed in by a `macro_rules!`: the generated code's
// locals are its own, and the message still finds the fields it shows.
use api_error_core::{ApiError, Respond};

macro_rules! error_struct {
    ($name:ident, $code:literal, $message:literal, $ty:ty) => {
        #[derive(Debug, ApiError)]
        #[api_error(code = $code, status = 400, message = $message)]
        struct $name {
            #[api_error(detail, header = "X-Value")]
            value: $ty,
        }
    };
}

macro_rules! wrapper {
    ($name:ident, $inner:ty) => {
        #[derive(Debug, ApiError)]
        enum $name {
            #[api_error(transparent)]
            Inner($inner),
        }
    };
}

error_struct!(Small, "VALUE_TOO_SMALL", "value {value} is too small", u32);
wrapper!(Wrapped, Small);

fn main() {
    let error = Wrapped::Inner(Small { value: 3 });
    assert_eq!(error.message(), "value 3 is too small");
    let response = error.to_response();
    assert_eq!(response.headers()["x-value"], "3");
    assert_eq!(
        response.body().as_ref(),
        br#"{"code":"VALUE_TOO_SMALL","message":"value 3 is too small","details":{"value":3}}"#
    );
    assert_eq!(Wrapped::catalog().entries()[0].code(), "VALUE_TOO_SMALL");
}
