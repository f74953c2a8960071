//! A binary of the examples run as a process: started on a free port with the flags a test
//! gives, its address read from the first line it prints, and the process stopped when the test
//! ends however it ends.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// A binary of the examples, killed when dropped.
pub(crate) struct Server(pub(crate) Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Server {
    /// Starts `binary` on a free port, its standard error to `stderr`, and reads the address
    /// its first line gives (`... listening on [http://]ADDRESS ...`). The rest of standard
    /// output (the demo tokens) is read, so that printing it cannot fail.
    pub(crate) fn start(binary: &str, stderr: Stdio) -> (Server, SocketAddr) {
        Server::start_with(binary, &[], stderr)
    }

    /// [`start`](Self::start), with `arguments` after the port's.
    pub(crate) fn start_with(
        binary: &str,
        arguments: &[&str],
        stderr: Stdio,
    ) -> (Server, SocketAddr) {
        let mut child = Command::new(binary)
            .args(["--port", "0"])
            .args(arguments)
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("the server starts");
        let stdout = child.stdout.take().unwrap();
        let server = Server(child);
        let mut stdout = BufReader::new(stdout);
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        let address = first
            .split("listening on ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|address| address.trim_start_matches("http://").parse().ok())
            .unwrap_or_else(|| panic!("no address on the first line: {first:?}"));
        (server, address)
    }
}

impl Server {
    /// Sends SIGTERM.
    pub(crate) fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// How the process ended, waiting at most `limit`.
    pub(crate) fn exit_within(&mut self, limit: Duration) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.0.try_wait().unwrap() {
                return status;
            }
            assert!(start.elapsed() < limit, "still running after {limit:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
