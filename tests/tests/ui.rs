//! Compile-fail and pass cases of `#[derive(ApiError)]`, run with trybuild.
//!
//! Each `ui/<subject>/*.rs` case is one mistake, and its `.stderr` is the exact compiler output
//! the user sees; the subjects are the attribute itself (`attr`), `code`, `status`, `message`,
//! `header`, `detail`, `violations`, `transparent`, `source`, `format` and `grpc`. The snapshots are made with the toolchain pinned by `rust-toolchain.toml` (1.95.0): a
//! different compiler words or places its notes differently, so regenerate them with that
//! toolchain only, with `TRYBUILD=overwrite cargo test -p api-error-tests --test ui`, and read
//! every changed `.stderr` before keeping it.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*/*.rs");
    cases.pass("tests/pass/*.rs");
}
