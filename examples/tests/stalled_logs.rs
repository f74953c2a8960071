//! A service whose log reader stalls keeps answering: the reference service, as its binary runs,
//! with a standard error nobody reads. Every client error is logged at `INFO`, so a few hundred
//! requests fill the pipe; a service that wrote its log on the threads that answer requests
//! would stop there.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The server, stopped when the test ends however it ends.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn requests_are_answered_while_nobody_reads_the_log() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        // A pipe this test never reads: it fills after a few hundred lines.
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let stdout = child.stdout.take().unwrap();
    let _server = Server(child);
    let mut stdout = BufReader::new(stdout);
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    // The rest of standard output (the demo tokens) is read, so that printing it cannot fail.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let address = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the address on the first line")
        .to_owned();
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
