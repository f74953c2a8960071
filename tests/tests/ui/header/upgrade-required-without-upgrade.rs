use api_error_core::ApiError;

// The enum's literal default counts too, reported at the variant that takes it.
#[derive(Debug, ApiError)]
#[api_error(status = 426)]
enum ProtocolError {
    #[api_error(code = "UPGRADE_REQUIRED")]
    UpgradeRequired,
    #[api_error(code = "UPGRADE_TO", header("upgrade", "HTTP/3.0"))]
    UpgradeTo,
}

fn main() {}
