//! The rate limits, per account and per address, on each HTTP binary.

use std::net::SocketAddr;
use std::process::Stdio;

use api_error_tests::client;

use crate::HTTP;
use crate::binary::Server;

/// Sends `GET path` with `token` (if any), and returns the status, `Retry-After` and body.
async fn get(
    client: &reqwest::Client,
    address: SocketAddr,
    path: &str,
    token: Option<&str>,
) -> (u16, Option<String>, String) {
    let mut request = client
        .get(format!("http://{address}{path}"))
        .header("x-request-id", "req-limits");
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|value| value.to_str().unwrap().to_owned());
    (status, retry_after, response.text().await.unwrap())
}

/// The `RATE_LIMIT_EXCEEDED` body of a 429 whose `Retry-After` is `seconds`, for a limit of
/// `limit` requests a window: the catalog's envelope, exactly.
fn rate_limited(seconds: &str, limit: u32) -> String {
    format!(
        r#"{{"code":"RATE_LIMIT_EXCEEDED","message":"Too many requests: retry in {seconds} seconds","details":{{"retry_after":{seconds},"limit":{limit}}},"request_id":"req-limits"}}"#
    )
}

/// Asserts that `answer` is a 429 with a `Retry-After` of whole seconds, from 1 to `most`,
/// that its body repeats.
fn assert_rate_limited(answer: (u16, Option<String>, String), limit: u32, most: u64) {
    let (status, retry_after, body) = answer;
    assert_eq!(status, 429, "{body}");
    let retry_after = retry_after.expect("a 429 says when to retry");
    let seconds: u64 = retry_after.parse().expect("whole seconds");
    assert!((1..=most).contains(&seconds), "Retry-After: {seconds}");
    assert_eq!(body, rate_limited(&retry_after, limit));
}

#[tokio::test]
async fn two_tokens_of_one_account_share_its_quota() {
    for binary in HTTP {
        // An hour's window: one request every 30 s after the burst, none while the test runs.
        let (_server, address) =
            Server::start_with(binary, &["--rate-window-ms", "3600000"], Stdio::null());
        two_tokens_share(address).await;
    }
}

async fn two_tokens_share(address: SocketAddr) {
    let client = client();
    // alice's pro plan allows 120 requests a window, whichever of her tokens makes them.
    for n in 0..120 {
        let token = if n % 2 == 0 {
            "tok_alice"
        } else {
            "tok_alice_readonly"
        };
        let (status, _, body) = get(&client, address, "/plans/pro", Some(token)).await;
        assert_eq!(status, 200, "request {n}: {body}");
    }
    for token in ["tok_alice", "tok_alice_readonly"] {
        let answer = get(&client, address, "/plans/pro", Some(token)).await;
        assert_rate_limited(answer, 120, 30);
    }
    // Another account's quota is its own.
    let (status, _, _) = get(&client, address, "/plans/pro", Some("tok_bob")).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn requests_failing_authentication_are_limited_per_address() {
    for binary in HTTP {
        // Three a window of an hour: one every 20 minutes after the burst.
        let (_server, address) = Server::start_with(
            binary,
            &[
                "--rate-window-ms",
                "3600000",
                "--unauthenticated-per-window",
                "3",
            ],
            Stdio::null(),
        );
        failing_authentication_limited(address).await;
    }
}

async fn failing_authentication_limited(address: SocketAddr) {
    let client = client();
    // Without a token, or with a wrong one, alike: three a window, one every 20 minutes after.
    for token in [None, Some("tok_nobody"), None] {
        let (status, _, body) = get(&client, address, "/orders/ord_1", token).await;
        assert_eq!(status, 401, "{body}");
    }
    for token in [
        None,
        Some("tok_nobody"),
        Some("tok_expired"),
        Some("not a token"),
    ] {
        let answer = get(&client, address, "/orders/ord_1", token).await;
        assert_rate_limited(answer, 3, 1200);
    }
    // A known token is the account's business, not the address's.
    let (status, _, body) = get(&client, address, "/orders/ord_1", Some("tok_alice")).await;
    assert_eq!(status, 200, "{body}");
}
