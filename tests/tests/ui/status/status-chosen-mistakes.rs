use api_error_core::ApiError;

#[derive(Debug)]
struct Upstream {
    status: u16,
}

// A status chosen at run time reads a variant's fields: not on the enum.
#[derive(Debug, ApiError)]
#[api_error(status(500, 503) = .0)]
enum OnTheEnum {
    #[api_error(code = "FIRST", status = 500)]
    First(u16),
}

#[derive(Debug, ApiError)]
enum GatewayError {
    // A redirect and a status listed twice.
    #[api_error(code = "REDIRECTED", status(502, 302, 502) = .0.status)]
    Redirected(Upstream),
    // No expression.
    #[api_error(code = "NO_EXPRESSION", status(502, 503))]
    NoExpression(Upstream),
    // An empty list.
    #[api_error(code = "EMPTY_LIST", status() = .0.status)]
    EmptyList(Upstream),
    // A field the variant does not have.
    #[api_error(code = "NO_SUCH_FIELD", status(502, 503) = .upstream.status)]
    NoSuchField(Upstream),
    // A path among the numbers.
    #[api_error(code = "PATH_LISTED", status(502, StatusCode::BAD_GATEWAY) = .0.status)]
    PathListed(Upstream),
    // A 401 needs its challenge at every status.
    #[api_error(code = "UNAUTHORIZED_UPSTREAM", status(502, 401) = .0.status)]
    Unauthorized(Upstream),
}

fn main() {}
