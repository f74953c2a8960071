//! A service whose log reader stalls keeps answering: the reference service, as its binary runs,
//! with a standard error nobody reads. Every client error is logged at `INFO`, so a few hundred
//! requests fill the pipe; a service that wrote its log on the threads that answer requests
//! would stop there.

mod binary;

use std::process::Stdio;
use std::time::Duration;

use binary::Server;

#[tokio::test]
async fn requests_are_answered_while_nobody_reads_the_log() {
    // A pipe this test never reads: it fills after a few hundred lines.
    let (_server, address) = Server::start(env!("CARGO_BIN_EXE_server"), Stdio::piped());
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    // Each answer is a client error, logged at INFO with its line of about 200 bytes: 3000 of
    // them are about ten times what a pipe holds. The first few are 401s; past the limit on
    // requests that fail authentication from one address, they are 429s, logged alike.
    for n in 0..3000 {
        let response = client
            .get(format!("http://{address}/orders/ord_{n}"))
            .send()
            .await
            .unwrap_or_else(|error| panic!("request {n} was not answered: {error}"));
        assert!(
            [401, 429].contains(&response.status().as_u16()),
            "request {n}: {}",
            response.status()
        );
    }
}
