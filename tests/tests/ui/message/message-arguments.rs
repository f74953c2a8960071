use api_error_core::ApiError;

#[derive(Debug, ApiError)]
enum ListingError {
    // An argument names a field the variant does not have.
    #[api_error(code = "TOO_MANY", status = 400, message("{} items", .items.len()))]
    TooMany { entries: Vec<u32> },
    // An argument shows the source, which never reaches the client.
    #[api_error(code = "LOAD_FAILED", status = 400, message("load failed: {}", .0))]
    Load(#[source] std::io::Error),
    // Positional arguments come first, as `format!` takes them.
    #[api_error(code = "ORDER", status = 400, message("{hint} {}", hint = .0, .1))]
    Order(String, String),
    // The format string comes first.
    #[api_error(code = "FIRST", status = 400, message(.0, "{}"))]
    First(String),
    // `self.` names a field too, and the source never reaches the client.
    #[api_error(code = "SELF_SOURCE", status = 400, message("failed: {}", self.cause))]
    SelfSource {
        #[source]
        cause: std::io::Error,
    },
    // A `{}` with no argument to take.
    #[api_error(code = "BARE", status = 400, message = "{} left")]
    Bare(u32),
}

fn main() {}
