use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum ParseError<'a> {
    #[api_error(code = "BAD_FIELD", status = 400, message = "Field {name} is invalid")]
    BadField {
        #[api_error(detail)]
        name: &'a str,
    },
    #[api_error(code = "BAD_INPUT", status = 422)]
    BadInput(#[api_error(detail = "input")] &'a [u8]),
}

fn check(input: &str) -> Result<(), ParseError<'_>> {
    Err(ParseError::BadField { name: input })
}

fn main() {
    let owned = String::from("email");
    let error = check(&owned).unwrap_err();
    assert_eq!(error.message(), "Field email is invalid");
    assert_eq!(ParseError::BadInput(b"x").status().as_u16(), 422);
}
