//! A service whose log reader stalls keeps answering: the reference service, as its binary runs,
//! with a standard error nobody reads. Every client error is logged at `INFO` here (the service
//! samples them by default), so a few hundred requests fill the pipe; a service that wrote its
//! log on the threads that answer requests would stop there. A second run, with the default
//! sample, shows that a flood of client errors writes a line in a hundred.

mod binary;

use std::process::Stdio;
use std::time::Duration;

use binary::Server;

#[tokio::test]
async fn requests_are_answered_while_nobody_reads_the_log() {
    // A pipe this test never reads: it fills after a few hundred lines.
    let (_server, address) = Server::start_with(
        env!("CARGO_BIN_EXE_server"),
        &["--log-client-errors-every", "1"],
        Stdio::piped(),
    );
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

#[tokio::test]
async fn by_default_one_client_error_in_a_hundred_is_logged_with_what_was_left_out() {
    let log_path =
        std::env::temp_dir().join(format!("api-error-sampled-{}.log", std::process::id()));
    let log = std::fs::File::create(&log_path).unwrap();
    let (mut server, address) = Server::start(env!("CARGO_BIN_EXE_server"), Stdio::from(log));
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    for n in 0..250 {
        let response = client
            .get(format!("http://{address}/orders/ord_{n}"))
            .send()
            .await
            .unwrap();
        assert!([401, 429].contains(&response.status().as_u16()));
    }
    // Stopped, the service writes out what its log still holds.
    server.terminate();
    assert!(server.exit_within(Duration::from_secs(20)).success());
    let written = std::fs::read_to_string(&log_path).unwrap();
    let _ = std::fs::remove_file(&log_path);
    let logged: Vec<&str> = written
        .lines()
        .filter(|line| line.contains("error response"))
        .collect();
    assert_eq!(logged.len(), 3, "{written}");
    // The first, then the 101st and the 201st, each saying how many were left out before it.
    assert!(logged[0].contains("dropped=0"), "{}", logged[0]);
    for line in &logged[1..] {
        assert!(line.contains("dropped=99"), "{line}");
    }
}
