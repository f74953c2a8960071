//! api-error in one screen: an error enum, handlers returning it, the error layer around them,
//! and requests the program makes to itself, with the default features only:
//! `cargo run -p api-error-core --example quickstart`

use std::io;

use api_error_core::ApiError;
use api_error_core::axum::ApiErrorLayer;
use axum::{Router, extract::Path, routing::get};

/// What the shop's handlers can fail with; each variant is one documented answer.
#[derive(Debug, ApiError)]
enum ShopError {
    /// No item has this id.
    #[api_error(code = "ITEM_NOT_FOUND", status = 404, message = "Item not found")]
    NotFound,
    /// The item exists, but none is left.
    #[api_error(code = "SOLD_OUT", status = 409, message = "Item {item} is sold out")]
    SoldOut {
        #[api_error(detail)]
        item: u32,
    },
    /// The request carries no bearer token.
    #[api_error(code = "NO_TOKEN", status = 401, header("WWW-Authenticate", "Bearer"))]
    NotAuthenticated,
    /// The stock could not be read: the cause is for the logs, never for the client.
    #[api_error(code = "INTERNAL_ERROR", status = 500)]
    Stock(#[source] io::Error),
}

async fn item(Path(id): Path<u32>) -> Result<String, ShopError> {
    match id {
        1 => Ok("item 1: a teapot".to_owned()),
        2 => Err(ShopError::SoldOut { item: id }),
        3 => Err(ShopError::Stock(io::Error::other("stock file truncated"))),
        _ => Err(ShopError::NotFound),
    }
}

async fn account() -> Result<String, ShopError> {
    Err(ShopError::NotAuthenticated)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The logs get the 500's cause; the client never does.
    tracing_subscriber::fmt().init();
    let app = Router::new()
        .route("/items/{id}", get(item))
        .route("/account", get(account))
        .layer(ApiErrorLayer::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    println!("listening on http://{address}\n");
    tokio::spawn(async move { axum::serve(listener, app).await });
    let client = reqwest::Client::builder().no_proxy().build()?;
    for path in [
        "/items/1", "/items/2", "/items/9", "/items/3", "/account", "/items/x",
    ] {
        let response = client.get(format!("http://{address}{path}")).send().await?;
        println!("GET {path} -> {}", response.status());
        if let Some(challenge) = response.headers().get("www-authenticate") {
            println!("  WWW-Authenticate: {}", challenge.to_str()?);
        }
        println!("  {}", response.text().await?);
    }
    Ok(())
}
