//! The reason phrases of error statuses, in RFC 9110's words: the message of an error that
//! declares none.

use http::StatusCode;

/// The reason phrase of `status` as RFC 9110 words it, for messages nobody declared.
///
/// ```
/// use api_error_core::{StatusCode, reason_phrase};
///
/// assert_eq!(reason_phrase(StatusCode::NOT_FOUND), "Not Found");
/// assert_eq!(reason_phrase(StatusCode::PAYLOAD_TOO_LARGE), "Content Too Large");
/// ```
#[must_use]
pub fn reason_phrase(status: StatusCode) -> &'static str {
    match status.as_u16() {
        code @ 400..=599 => error_reason_phrase(code),
        _ => status.canonical_reason().unwrap_or(""),
    }
}

/// The reason phrase of a 4xx or 5xx status code, usable in constants: RFC 9110's words, or
/// `Client Error` / `Server Error` for a code it does not name.
#[must_use]
pub const fn error_reason_phrase(code: u16) -> &'static str {
    match code {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ if code >= 500 => "Server Error",
        _ => "Client Error",
    }
}
