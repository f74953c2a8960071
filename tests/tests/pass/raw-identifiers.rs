use api_error_core::{ApiError, Respond};

#[derive(Debug, ApiError)]
enum UploadError {
    #[api_error(
        code = "BAD_TYPE",
        status = 415,
        message = "Type {type} is not accepted"
    )]
    BadType {
        #[api_error(detail)]
        r#type: String,
    },
    #[api_error(code = "BAD_MATCH", status = 400, message = "Match {match} failed")]
    Match {
        #[api_error(detail)]
        r#match: u8,
    },
}

fn main() {
    let error = UploadError::BadType {
        r#type: "image/gif".into(),
    };
    assert_eq!(error.message(), "Type image/gif is not accepted");
    assert_eq!(
        error.to_response().body().as_ref(),
        br#"{"code":"BAD_TYPE","message":"Type image/gif is not accepted","details":{"type":"image/gif"}}"#
    );
}
