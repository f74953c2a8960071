//! What the soak and the floods share: a release binary of the examples started as a process
//! on a free loopback port, and its resident memory read from `/proc`.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A binary of the examples, stopped when dropped however the run ends.
pub(crate) struct Server(pub(crate) Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `path` with `--port 0` and `arguments`, its log discarded, and reads the address its
/// first line gives (`... listening on [http://]ADDRESS ...`); exits 1, saying how to build it,
/// when it cannot be started.
pub(crate) fn start(path: &Path, arguments: &[&str]) -> (Server, SocketAddr) {
    let mut child = Command::new(path)
        .args(["--port", "0"])
        .args(arguments)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|error| {
            eprintln!(
                "cannot start {}: {error}\nbuild it first: cargo build --release -p api-error-examples --bins",
                path.display()
            );
            std::process::exit(1);
        });
    let stdout = child.stdout.take().expect("a piped stdout");
    let server = Server(child);
    let mut stdout = BufReader::new(stdout);
    let mut first = String::new();
    stdout
        .read_line(&mut first)
        .expect("the server prints its address");
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let address: SocketAddr = first
        .split("listening on ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|address| address.trim_start_matches("http://").parse().ok())
        .expect("the address on the server's first line");
    assert!(address.ip().is_loopback(), "runs talk to loopback only");
    (server, address)
}

/// `name`, a binary beside the running example (`target/<profile>/examples/x` beside
/// `target/<profile>/name`).
pub(crate) fn beside(name: &str) -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join(name)))
        .unwrap_or_else(|| PathBuf::from(name))
}

/// The resident memory of process `pid`, in KiB, from `/proc/<pid>/status`; 0 where it cannot
/// be read.
pub(crate) fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status.lines().find_map(|line| {
                line.strip_prefix("VmRSS:")
                    .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            })
        })
        .unwrap_or(0)
}

/// The command line as pairs of a flag and its value, each written `--flag VALUE` or
/// `--flag=VALUE`.
///
/// # Errors
///
/// A flag without its value.
pub(crate) fn flags() -> Result<Vec<(String, String)>, String> {
    let mut pairs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (name, value) = match arg.split_once('=') {
            Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
            None => (arg, None),
        };
        let value = value
            .or_else(|| args.next())
            .ok_or_else(|| format!("`{name}` needs a value"))?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// `value`, the value of `name`, as a number above 0.
///
/// # Errors
///
/// Anything else, named.
pub(crate) fn number<N: std::str::FromStr + Default + PartialOrd>(
    name: &str,
    value: &str,
) -> Result<N, String> {
    value
        .parse::<N>()
        .ok()
        .filter(|n| *n > N::default())
        .ok_or_else(|| format!("expected a number above 0 for `{name}`, found `{value}`"))
}

/// `parsed`, or, when the command line was wrong, its mistake printed with `usage` and the
/// process ended with status 2.
pub(crate) fn or_usage<T>(parsed: Result<T, String>, usage: &str) -> T {
    parsed.unwrap_or_else(|message| {
        eprintln!("{message}\n{usage}");
        std::process::exit(2);
    })
}
