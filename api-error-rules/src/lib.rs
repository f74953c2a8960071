//! Implementation detail of the `api-error-core` crate: the tables of rules that both
//! `#[derive(ApiError)]` and the runtime apply, kept here once. The derive checks what it can
//! see in the input (a literal status, a `format` name) and reports it at the user's token; the
//! runtime checks in `const` items what only the compiler knows (a status given as a path) and
//! names the formats at run time, from the same tables.
//!
//! Not public API and not covered by semver: depend on `api-error-core`.

#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod fluent;
pub mod members;
pub mod packed;

/// The key under which `ApiError::declared` gives a declaration's `grpc = "..."`, which the
/// derive writes and the gRPC integration reads.
pub const GRPC_KEY: &str = "grpc";

/// The gRPC codes an error may have, as `google.rpc.Code` names them: all but `OK`, in the
/// order of their numbers, 1 (`CANCELLED`) to 16 (`UNAUTHENTICATED`). The derive checks
/// `grpc = "..."` against it; the runtime reads a code's number from its place.
pub const GRPC_CODES: [&str; 16] = [
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
];

/// A header HTTP requires on an error response of a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequiredHeader {
    /// The status.
    pub status: u16,
    /// The header's name, in lower case.
    pub name: &'static str,
    /// What to say when the header is missing: what RFC 9110 requires and what to write.
    pub missing: &'static str,
}

/// Every status HTTP requires a header on, with that header.
pub const REQUIRED_HEADERS: [RequiredHeader; 4] = [
    RequiredHeader {
        status: 401,
        name: "www-authenticate",
        missing: "a 401 response must carry WWW-Authenticate with a challenge in a scheme the service accepts (RFC 9110, 15.5.2): add header(\"WWW-Authenticate\", \"Bearer\") for bearer tokens, \"Basic realm=\\\"...\\\"\" for passwords, or the scheme the service really uses; a request refused whatever credentials it brings (an unknown link, a wrong account) is a 403",
    },
    RequiredHeader {
        status: 405,
        name: "allow",
        missing: "a 405 response must carry Allow with the methods the resource supports (RFC 9110, 15.5.6): add header(\"Allow\", \"GET, HEAD\")",
    },
    RequiredHeader {
        status: 407,
        name: "proxy-authenticate",
        missing: "a 407 response must carry Proxy-Authenticate with a challenge (RFC 9110, 15.5.8): add header(\"Proxy-Authenticate\", \"Basic realm=\\\"proxy\\\"\")",
    },
    RequiredHeader {
        status: 426,
        name: "upgrade",
        missing: "a 426 response must carry Upgrade with the protocols to switch to (RFC 9110, 15.5.22): add header(\"Upgrade\", \"HTTP/3.0\")",
    },
];

/// The header HTTP requires on `status`, if any.
#[must_use]
pub const fn required_header(status: u16) -> Option<&'static RequiredHeader> {
    let mut i = 0;
    while i < REQUIRED_HEADERS.len() {
        if REQUIRED_HEADERS[i].status == status {
            return Some(&REQUIRED_HEADERS[i]);
        }
        i += 1;
    }
    None
}

/// What to say when an error of `status` whose headers are named `declared` lacks the header
/// HTTP requires on `status`; `None` when nothing is missing. Names compare without regard to
/// ASCII case.
#[must_use]
pub const fn missing_header(status: u16, declared: &[&str]) -> Option<&'static str> {
    let Some(required) = required_header(status) else {
        return None;
    };
    let mut i = 0;
    while i < declared.len() {
        if same_ignoring_ascii_case(declared[i].as_bytes(), required.name.as_bytes()) {
            return None;
        }
        i += 1;
    }
    Some(required.missing)
}

/// The names of the body formats, which `#[api_error(format = "...")]` takes and
/// `Format::named` knows, in the order of the runtime's `Format` variants.
pub const FORMAT_NAMES: [&str; 3] = ["json", "problem", "jsonapi"];

/// The position in [`FORMAT_NAMES`] of the format called `name`, in any ASCII case.
#[must_use]
pub const fn format_index(name: &str) -> Option<usize> {
    let mut i = 0;
    while i < FORMAT_NAMES.len() {
        if same_ignoring_ascii_case(name.as_bytes(), FORMAT_NAMES[i].as_bytes()) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// `str::eq_ignore_ascii_case`, which is not a `const fn` on the oldest Rust these crates build
/// with.
#[must_use]
pub const fn same_ignoring_ascii_case(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if !a[i].eq_ignore_ascii_case(&b[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// The static body of an error without details, `{"code":"...","message":"..."}`: what comes
/// before its code, between its code and its message, and after its message. The derive writes
/// such bodies as byte strings, and the runtime's renderer writes its default body with the same
/// pieces (debug builds compare the two for each static body they send).
pub const STATIC_BODY: [&str; 3] = ["{\"code\":\"", "\",\"message\":\"", "\"}"];

/// The length of the static body of `code` and `message`; see [`write_static_body`].
#[must_use]
pub const fn static_body_len(code: &str, message: &str) -> usize {
    let [open, middle, close] = STATIC_BODY;
    open.len() + escaped_len(code) + middle.len() + escaped_len(message) + close.len()
}

/// Writes the static body of `code` and `message` ([`STATIC_BODY`], both escaped by
/// [`json_escape`]) at the start of `out`, which must hold [`static_body_len`] bytes; returns how
/// many it wrote. A `const fn`, so that the runtime builds static bodies in constants and the
/// derive as byte strings, from this one writer.
///
/// # Panics
///
/// When `out` is shorter than the body.
#[must_use]
pub const fn write_static_body(out: &mut [u8], code: &str, message: &str) -> usize {
    let [open, middle, close] = STATIC_BODY;
    let mut at = put(out, 0, open.as_bytes(), false);
    at = put(out, at, code.as_bytes(), true);
    at = put(out, at, middle.as_bytes(), false);
    at = put(out, at, message.as_bytes(), true);
    put(out, at, close.as_bytes(), false)
}

/// The length of `text` as the contents of a JSON string.
const fn escaped_len(text: &str) -> usize {
    let text = text.as_bytes();
    let mut len = 0;
    let mut i = 0;
    while i < text.len() {
        len += escaped(text[i]).1;
        i += 1;
    }
    len
}

/// Whether `text` stands in a JSON string as it is, with nothing to escape.
#[must_use]
pub const fn is_json_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if json_escape(bytes[i]).is_some() {
            return false;
        }
        i += 1;
    }
    true
}

/// `byte` as a JSON string holds it: the first `len` bytes of the array (1, 2 or 6).
#[must_use]
pub const fn escaped(byte: u8) -> ([u8; 6], usize) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match json_escape(byte) {
        None => ([byte, 0, 0, 0, 0, 0], 1),
        Some(b'u') => (
            [
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(byte >> 4) as usize],
                HEX[(byte & 0xF) as usize],
            ],
            6,
        ),
        Some(short) => ([b'\\', short, 0, 0, 0, 0], 2),
    }
}

/// Writes `bytes` into `out` from `at`, as the contents of a JSON string when `escape`;
/// returns where it ended.
const fn put(out: &mut [u8], mut at: usize, bytes: &[u8], escape: bool) -> usize {
    let mut i = 0;
    while i < bytes.len() {
        let (one, len) = if escape {
            escaped(bytes[i])
        } else {
            ([bytes[i], 0, 0, 0, 0, 0], 1)
        };
        let mut j = 0;
        while j < len {
            out[at] = one[j];
            at += 1;
            j += 1;
        }
        i += 1;
    }
    at
}

/// How a JSON string holds `byte`, as `serde_json` writes it: itself (`None`), a two-byte
/// escape `\\x` (`Some(x)`), or `\\u00XX` (`Some(b'u')`).
#[must_use]
pub const fn json_escape(byte: u8) -> Option<u8> {
    match byte {
        b'"' => Some(b'"'),
        b'\\' => Some(b'\\'),
        0x08 => Some(b'b'),
        0x09 => Some(b't'),
        0x0A => Some(b'n'),
        0x0C => Some(b'f'),
        0x0D => Some(b'r'),
        0x00..=0x1F => Some(b'u'),
        _ => None,
    }
}

/// The reason phrase of a 4xx or 5xx status code, in RFC 9110's words, or `Client Error` /
/// `Server Error` for a code it does not name.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_headers_are_lower_case_and_one_per_status() {
        for (i, required) in REQUIRED_HEADERS.iter().enumerate() {
            assert!(required.name.bytes().all(|b| !b.is_ascii_uppercase()));
            assert!(
                REQUIRED_HEADERS[..i]
                    .iter()
                    .all(|r| r.status != required.status)
            );
            assert_eq!(required_header(required.status), Some(required));
        }
        assert_eq!(required_header(404), None);
    }

    #[test]
    fn a_declared_header_in_any_case_satisfies_its_status() {
        assert_eq!(missing_header(401, &["Www-Authenticate"]), None);
        assert_eq!(missing_header(405, &["Retry-After", "ALLOW"]), None);
        assert_eq!(missing_header(404, &[]), None);
        assert_eq!(
            missing_header(426, &["Allow"]),
            Some(REQUIRED_HEADERS[3].missing)
        );
    }

    #[test]
    fn a_static_body_escapes_as_json_does() {
        let (code, message) = ("GONE", "say \"hi\"\\\n\u{1}é");
        let mut out = [0u8; 64];
        let len = write_static_body(&mut out, code, message);
        assert_eq!(len, static_body_len(code, message));
        assert_eq!(
            &out[..len],
            r#"{"code":"GONE","message":"say \"hi\"\\\n\u0001é"}"#.as_bytes()
        );
    }

    #[test]
    fn format_names_are_found_in_any_case() {
        for (i, name) in FORMAT_NAMES.iter().enumerate() {
            assert_eq!(format_index(name), Some(i));
        }
        assert_eq!(format_index("JsonApi"), Some(2));
        assert_eq!(format_index("xml"), None);
    }
}
