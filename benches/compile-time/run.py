#!/usr/bin/env python3
"""Compile-time benchmark of #[derive(ApiError)] against the code users write by hand today.

For each N in 50, 200, 800 it generates one error enum of N variants (a quarter each unit,
named-field, tuple and source variants; one in eight a 401 with its `WWW-Authenticate`) twice,
in crates of a scratch workspace:

* derived: `#[derive(Debug, ApiError)]` with `#[api_error(...)]` on every variant;
* hand:    `#[derive(Debug, thiserror::Error)]` with `#[error(...)]`, plus the lean hand-written
           `IntoResponse`: one `match` giving status, code, details and the challenge, and one
           `json!` body built after it.

Dependencies are built once; then each crate's own `cargo check` and `cargo build` are timed
(incremental compilation off, the best of --runs runs) and reported with the derived/hand
ratio: check is what an editor waits for, build adds the code generation.

With --feature F (say utoipa-6) it also checks and builds, for each N, the derived crate with
api-error-core's feature F on, and reports its ratio to the derived crate without it: the
compile-time cost of that integration.

A second pair, "lean", has few details, as most services' errors do: only the named-field
variants have one, and the hand-written side is three small `match`es (status, code, details)
and one `json!`. It shows the derive's fixed cost a variant, which the first pair's details
share with the hand-written code.

With --sets H it times instead, for H handlers (axum, in a `Router`) answering 5 codes each out
of one enum of 100 codes, the handlers returning the enum (`Result<String, AppError>`) against
the same enum declared with `members` (the handlers still returning it), and against the same
handlers returning an error set of their 5 codes (`OneOf<(app_error::V0, ..)>`).

With --instructions, the --sets crates are also measured in instructions, by valgrind's
cachegrind, of the compiler's own `cargo check` of each (the same command cargo runs, rerun
under valgrind): a count that does not move with the machine's load, as wall time does here.

With --service REV it measures instead, in instructions, `cargo check` of the example service
(`api-error-examples`, its library as `cargo run` builds it) at the commit REV, checked out in
a worktree under the scratch directory, against the working tree's.

With --clean-build it also times a clean `cargo build` of a minimal axum service (axum and
tokio) with api-error-core's default features, against the same with thiserror and serde_json.

Usage: python3 benches/compile-time/run.py [--sizes 50,200,800] [--runs 3] [--feature F]
       [--clean-build] [--sets 100 [--instructions]] [--service REV]
The scratch workspace is target/compile-time-bench under the repository.
"""

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRATCH = ROOT / "target" / "compile-time-bench"


def status_of(i: int) -> int:
    """The status of the i-th variant: one in eight a 401, which carries `WWW-Authenticate`."""
    if i % 8 == 1:
        return 401
    status = 400 + (i % 100) if i % 7 else 500
    # The other statuses HTTP requires a header on are left out.
    return 400 if status in (401, 405, 407, 426) else status


# What both hand-written `IntoResponse`s write after their `match`es: the status, and the
# message, the reason phrase for a 5xx.
STATUS_AND_MESSAGE = (
    "        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);\n"
    "        let message = if status.is_server_error() {\n"
    "            status.canonical_reason().unwrap_or_default().to_owned()\n"
    "        } else {\n"
    "            self.to_string()\n"
    "        };\n")


def lean_variant(i: int) -> tuple[str, str, tuple[str, str, str]]:
    """The i-th variant of the lean pair: (derived declaration, hand declaration, hand arms).

    The same four kinds, but only a named-field variant has a detail (one, `id`; `reason` is
    only in the message), as most services' errors have few. The hand-written side is what a
    careful hand writes for that: three small `match`es, for the status, the code and the
    details (only the named-field variants have an arm there), and one `json!` body.
    """
    kind = i % 4
    code = f"ERROR_{i}"
    status = 500 if kind == 3 else status_of(i)
    header = ', header("WWW-Authenticate", "Bearer")' if status == 401 else ""
    status_arm = f"            Self::E{i}{{ .. }} => {status},\n"
    code_arm = f'            Self::E{i}{{ .. }} => "{code}",\n'
    details_arm = ""
    # The unit and source variants are the first pair's; the others have fewer details.
    derived, hand, _ = variant(i)
    if kind == 1:
        derived = (f'    #[api_error(code = "{code}", status = {status}, message = "Order {{id}} failed with {{reason}}"{header})]\n'
                   f'    E{i} {{ #[api_error(detail)] id: u64, reason: String }},\n')
        details_arm = f'            Self::E{i} {{ id, .. }} => Some(json!({{"id": id}})),\n'
    elif kind == 2:
        derived = (f'    #[api_error(code = "{code}", status = {status}, message = "Value {{0}} is wrong"{header})]\n'
                   f'    E{i}(u32),\n')
    return derived, hand, (status_arm, code_arm, details_arm)


def lean_derived_crate(n: int) -> str:
    body = "".join(lean_variant(i)[0] for i in range(n))
    return ("use api_error_core::ApiError;\n\n#[derive(Debug, ApiError)]\npub enum Error {\n"
            + body + "}\n")


def lean_hand_crate(n: int) -> str:
    variants = [lean_variant(i) for i in range(n)]
    decls = "".join(v[1] for v in variants)
    statuses = "".join(v[2][0] for v in variants)
    codes = "".join(v[2][1] for v in variants)
    details = "".join(v[2][2] for v in variants)
    challenged = " | ".join(f"Self::E{i}{{ .. }}" for i in range(n) if status_of(i) == 401 and i % 4 != 3)
    challenge = (f"        if matches!(self, {challenged}) {{\n"
                 "            response.headers_mut().insert(WWW_AUTHENTICATE, HeaderValue::from_static(\"Bearer\"));\n"
                 "        }\n") if challenged else ""
    return ("use axum::http::{HeaderValue, StatusCode, header::WWW_AUTHENTICATE};\n"
            "use axum::response::{IntoResponse, Response};\n"
            "use axum::Json;\nuse serde_json::json;\n\n"
            "#[derive(Debug, thiserror::Error)]\npub enum Error {\n" + decls + "}\n\n"
            "impl IntoResponse for Error {\n    fn into_response(self) -> Response {\n"
            "        let status: u16 = match &self {\n" + statuses + "        };\n"
            "        let code = match &self {\n" + codes + "        };\n"
            "        let details = match &self {\n" + details + "            _ => None,\n        };\n"
            + STATUS_AND_MESSAGE +
            "        let body = match details {\n"
            "            Some(details) => json!({\"code\": code, \"message\": message, \"details\": details}),\n"
            "            None => json!({\"code\": code, \"message\": message}),\n"
            "        };\n"
            "        let mut response = (status, Json(body)).into_response();\n"
            + challenge +
            "        response\n    }\n}\n")


def variant(i: int) -> tuple[str, str, str]:
    """The i-th variant: (derived declaration, hand declaration, hand match arm).

    A quarter each unit, named-field, tuple and source variants. The hand-written arm gives the
    status, the code, the details (values, not `json!`) and whether a challenge is due, for one
    `json!` body built after the `match`, which is how a careful hand writes it.
    """
    kind = i % 4
    code = f"ERROR_{i}"
    status = 500 if kind == 3 else status_of(i)
    challenge = status == 401
    header = ', header("WWW-Authenticate", "Bearer")' if challenge else ""
    flag = "true" if challenge else "false"
    if kind == 0:
        derived = f'    #[api_error(code = "{code}", status = {status}, message = "Error {i} happened"{header})]\n    E{i},\n'
        hand = f'    #[error("Error {i} happened")]\n    E{i},\n'
        arm = f'            Self::E{i} => ({status}, "{code}", vec![], {flag}),\n'
    elif kind == 1:
        derived = (f'    #[api_error(code = "{code}", status = {status}, message = "Order {{id}} failed with {{reason}}"{header})]\n'
                   f'    E{i} {{ #[api_error(detail)] id: u64, #[api_error(detail)] reason: String }},\n')
        hand = (f'    #[error("Order {{id}} failed with {{reason}}")]\n'
                f'    E{i} {{ id: u64, reason: String }},\n')
        arm = (f'            Self::E{i} {{ id, reason }} => ({status}, "{code}", '
               f'vec![("id", Value::from(*id)), ("reason", Value::from(reason.as_str()))], {flag}),\n')
    elif kind == 2:
        derived = (f'    #[api_error(code = "{code}", status = {status}, message = "Value {{0}} is wrong"{header})]\n'
                   f'    E{i}(#[api_error(detail = "value")] u32),\n')
        hand = f'    #[error("Value {{0}} is wrong")]\n    E{i}(u32),\n'
        arm = f'            Self::E{i}(value) => ({status}, "{code}", vec![("value", Value::from(*value))], {flag}),\n'
    else:
        derived = f'    #[api_error(code = "{code}", status = 500)]\n    E{i}(#[source] std::io::Error),\n'
        hand = f'    #[error("storage failed")]\n    E{i}(#[source] std::io::Error),\n'
        arm = f'            Self::E{i}(_) => (500, "{code}", vec![], false),\n'
    return derived, hand, arm


def derived_crate(n: int) -> str:
    body = "".join(variant(i)[0] for i in range(n))
    return ("use api_error_core::ApiError;\n\n#[derive(Debug, ApiError)]\npub enum Error {\n"
            + body + "}\n")


def hand_crate(n: int) -> str:
    decls = "".join(variant(i)[1] for i in range(n))
    arms = "".join(variant(i)[2] for i in range(n))
    return ("use axum::http::{HeaderValue, StatusCode, header::WWW_AUTHENTICATE};\n"
            "use axum::response::{IntoResponse, Response};\n"
            "use axum::Json;\nuse serde_json::{Map, Value, json};\n\n"
            "#[derive(Debug, thiserror::Error)]\npub enum Error {\n" + decls + "}\n\n"
            "impl IntoResponse for Error {\n    fn into_response(self) -> Response {\n"
            "        let (status, code, details, challenge): (u16, &str, Vec<(&str, Value)>, bool) = match &self {\n"
            + arms + "        };\n"
            + STATUS_AND_MESSAGE +
            "        let mut body = json!({\"code\": code, \"message\": message});\n"
            "        if !details.is_empty() {\n"
            "            let details: Map<String, Value> =\n"
            "                details.into_iter().map(|(name, value)| (name.to_owned(), value)).collect();\n"
            "            body[\"details\"] = Value::Object(details);\n"
            "        }\n"
            "        let mut response = (status, Json(body)).into_response();\n"
            "        if challenge {\n"
            "            response.headers_mut().insert(WWW_AUTHENTICATE, HeaderValue::from_static(\"Bearer\"));\n"
            "        }\n"
            "        response\n    }\n}\n")


SET_CODES = 100
SET_SIZE = 5


def sets_crate(handlers: int, with_sets: bool, with_members: bool) -> str:
    """The enum of SET_CODES codes, and `handlers` handlers answering SET_SIZE codes each."""
    members = "#[api_error(members)]\n" if with_members else ""
    variants = "".join(
        f'    #[api_error(code = "CODE_{i}", status = {status_of(i) if status_of(i) != 401 else 400}, '
        f'message = "Error {i} of order {{id}}")]\n'
        f"    V{i} {{\n        #[api_error(detail)]\n        id: u64,\n    }},\n"
        for i in range(SET_CODES))
    source = ("use api_error_core::ApiError;\nuse api_error_core::set::OneOf;\n"
              "use axum::extract::Path;\n\n"
              f"#[derive(Debug, ApiError)]\n{members}pub enum AppError {{\n{variants}}}\n")
    routes = []
    for h in range(handlers):
        codes = [(h * SET_SIZE + k) % SET_CODES for k in range(SET_SIZE)]
        if with_sets:
            error = "OneOf<(" + ", ".join(f"app_error::V{c}" for c in codes) + ")>"
            arms = "".join(f"        {k} => Err(app_error::V{c} {{ id }})?,\n"
                           for k, c in enumerate(codes))
        else:
            error = "AppError"
            arms = "".join(f"        {k} => Err(AppError::V{c} {{ id }})?,\n"
                           for k, c in enumerate(codes))
        source += (f"\npub async fn handler_{h}(Path(id): Path<u64>) -> Result<String, {error}> {{\n"
                   f"    match id {{\n{arms}        _ => Ok(id.to_string()),\n    }}\n}}\n")
        routes.append(f'        .route("/h{h}/{{id}}", axum::routing::get(handler_{h}))\n')
    source += ("\npub fn router() -> axum::Router {\n    axum::Router::new()\n"
               + "".join(routes) + "}\n")
    return source


def write(path: pathlib.Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def scaffold(sizes: list[int], feature: str | None, handlers: int | None = None) -> list[str]:
    core = ROOT / "api-error-core"
    members = []
    if handlers:
        deps = (f'api-error-core = {{ path = "{core}" }}\n'
                'axum = { version = "0.8", default-features = false, features = ["json"] }\n')
        for kind, with_sets, with_members in (("enum", False, False), ("members", False, True),
                                              ("sets", True, True)):
            name = f"handlers-{kind}-{handlers}"
            members.append(name)
            write(SCRATCH / name / "Cargo.toml",
                  f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2024"\n'
                  f'publish = false\n\n[dependencies]\n{deps}')
            write(SCRATCH / name / "src" / "lib.rs", sets_crate(handlers, with_sets, with_members))
        sizes = []
    for n in sizes:
        hand_deps = ('axum = { version = "0.8", default-features = false, features = ["json"] }\n'
                     'serde_json = "1"\nthiserror = "2"\n')
        ours = f'api-error-core = {{ path = "{core}" }}\n'
        kinds = [
            ("derived", derived_crate(n), ours),
            ("hand", hand_crate(n), hand_deps),
            ("lean-derived", lean_derived_crate(n), ours),
            ("lean-hand", lean_hand_crate(n), hand_deps),
        ]
        if feature:
            kinds.append(("feature", derived_crate(n),
                          f'api-error-core = {{ path = "{core}", features = ["{feature}"] }}\n'))
        for kind, source, deps in kinds:
            name = f"{kind}-{n}"
            members.append(name)
            write(SCRATCH / name / "Cargo.toml",
                  f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2024"\n'
                  f'publish = false\n\n[dependencies]\n{deps}')
            write(SCRATCH / name / "src" / "lib.rs", source)
    listed = ", ".join(f'"{m}"' for m in members)
    write(SCRATCH / "Cargo.toml", f'[workspace]\nresolver = "3"\nmembers = [{listed}]\n')
    # The repository's lock file, so the scratch workspace builds the versions the project does.
    shutil.copy(ROOT / "Cargo.lock", SCRATCH / "Cargo.lock")
    return members


# Every build of the scratch workspace runs with the same environment, so that no run rebuilds
# dependencies because the environment changed.
ENV = {name: value for name, value in os.environ.items()
       # A wrapper (a compiler cache) would stand between valgrind and the compiler.
       if name not in ("RUSTC_WRAPPER", "RUSTC_WORKSPACE_WRAPPER")}
ENV["CARGO_INCREMENTAL"] = "0"


def cargo(*args: str) -> None:
    subprocess.run(["cargo", *args], cwd=SCRATCH, check=True, env=ENV,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def time_command(command: str, package: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        (SCRATCH / package / "src" / "lib.rs").touch()
        start = time.perf_counter()
        cargo(command, "-p", package, "--offline")
        best = min(best, time.perf_counter() - start)
    return best


def check_command(package: str, cwd: pathlib.Path, env: dict, source: pathlib.Path) -> str:
    """The compiler's command of `cargo check -p package`, as cargo runs it, with its
    environment: the line `cargo check -vv` prints for the package's library."""
    source.touch()
    printed = subprocess.run(["cargo", "check", "-vv", "-p", package, "--offline"], cwd=cwd,
                             env=env, check=True, capture_output=True, text=True).stderr
    crate = f"--crate-name {package.replace('-', '_')} "
    for line in printed.splitlines():
        line = line.strip()
        if line.startswith("Running `") and crate in line and "--emit=dep-info,metadata" in line:
            return line[len("Running `"):-1]
    raise SystemExit(f"cargo printed no check of {package}")


def instructions(command: str, cwd: pathlib.Path) -> int:
    """The instructions the compiler runs for `command` (a `check_command`), under cachegrind,
    its output written aside so that cargo's own is left as it was."""
    if not shutil.which("valgrind"):
        raise SystemExit("--instructions and --service need valgrind")
    out = SCRATCH / "instructions"
    out.mkdir(parents=True, exist_ok=True)
    log = out / "cachegrind.log"
    log.unlink(missing_ok=True)
    command = re.sub(r"--out-dir \S+", f"--out-dir {out}", command, count=1)
    # The compiler is the first word naming `rustc` after the environment cargo sets.
    command, found = re.subn(r"(^|\s)([^\s='\"]*rustc) ", "\\1valgrind --tool=cachegrind --cache-sim=no "
                             f"--cachegrind-out-file=/dev/null --log-file={log} \\2 ", command,
                             count=1)
    if found != 1:
        raise SystemExit(f"no compiler found in: {command}")
    ran = subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, text=True)
    if ran.returncode != 0 or not log.exists():
        raise SystemExit(f"the compiler under valgrind failed:\n{ran.stderr[-2000:]}")
    match = re.search(r"I\s+refs:\s+([\d,]+)", log.read_text())
    if not match:
        raise SystemExit("valgrind counted no instructions")
    return int(match.group(1).replace(",", ""))


def service_check(rev: str) -> None:
    """`cargo check` of the example service at `rev` and in the working tree, in instructions."""
    commit = subprocess.run(["git", "rev-parse", "--verify", f"{rev}^{{commit}}"], cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout.strip()
    folder = SCRATCH / f"service-{commit[:12]}"
    if not folder.exists():
        # A worktree whose folder went with `cargo clean` is still registered until pruned.
        subprocess.run(["git", "worktree", "prune"], cwd=ROOT, check=True)
        subprocess.run(["git", "worktree", "add", "--detach", str(folder), commit], cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL)
    package = "api-error-examples"
    before_env = dict(ENV, CARGO_TARGET_DIR=str(SCRATCH / "service-target"))
    subprocess.run(["cargo", "check", "-q", "-p", package], cwd=folder, env=before_env,
                   check=True)
    subprocess.run(["cargo", "check", "-q", "-p", package], cwd=ROOT, env=ENV, check=True)
    before = instructions(check_command(package, folder, before_env,
                                        folder / "examples" / "src" / "lib.rs"), folder)
    now = instructions(check_command(package, ROOT, ENV, ROOT / "examples" / "src" / "lib.rs"),
                       ROOT)
    print(f"cargo check -p {package}, instructions: at {rev} ({commit[:12]}) {before / 1e9:.2f} G, "
          f"now {now / 1e9:.2f} G ({now / before:.2f}x)", flush=True)


def clean_build(deps: str, name: str) -> float:
    folder = SCRATCH / "clean" / name
    write(folder / "Cargo.toml",
          f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
          f'[workspace]\n\n[dependencies]\n{deps}')
    write(folder / "src" / "lib.rs", "")
    shutil.copy(ROOT / "Cargo.lock", folder / "Cargo.lock")
    shutil.rmtree(folder / "target", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(["cargo", "build", "--offline"], cwd=folder, check=True, env=ENV,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="50,200,800")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--feature")
    parser.add_argument("--clean-build", action="store_true")
    parser.add_argument("--sets", type=int)
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--service")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]

    if args.service:
        service_check(args.service)
        return

    if args.sets:
        members = scaffold(sizes, None, args.sets)
        for member in members:
            cargo("check", "-p", member, "--offline")
        enum = time_command("check", f"handlers-enum-{args.sets}", args.runs)
        members = time_command("check", f"handlers-members-{args.sets}", args.runs)
        sets = time_command("check", f"handlers-sets-{args.sets}", args.runs)
        print(f"cargo check, {args.sets} handlers of {SET_SIZE} codes out of {SET_CODES}: "
              f"one enum {enum:.2f}s; the enum with `members` {members:.2f}s "
              f"({members / enum:.2f}x); error sets {sets:.2f}s ({sets / enum:.2f}x)", flush=True)
        if args.instructions:
            counts = []
            for kind in ("enum", "members", "sets"):
                package = f"handlers-{kind}-{args.sets}"
                command = check_command(package, SCRATCH, ENV, SCRATCH / package / "src" / "lib.rs")
                counts.append(instructions(command, SCRATCH))
            enum, members, sets = counts
            print(f"the same, instructions: one enum {enum / 1e9:.2f} G; the enum with `members` "
                  f"{members / 1e9:.2f} G ({members / enum:.2f}x); error sets {sets / 1e9:.2f} G "
                  f"({sets / enum:.2f}x)", flush=True)
        return

    members = scaffold(sizes, args.feature)
    print("building dependencies once ...", flush=True)
    # Member by member: the members differ in api-error-core's features, which a build of the
    # whole workspace would unify.
    for member in members:
        cargo("check", "-p", member, "--offline")
        cargo("build", "-p", member, "--offline")

    for command in ("check", "build"):
        print(f"cargo {command}")
        print(f"{'N':>5} {'derived':>9} {'hand':>9} {'ratio':>6} {'derived/variant':>16}"
              f" {'lean derived':>13} {'lean hand':>10} {'ratio':>6}")
        for n in sizes:
            derived = time_command(command, f"derived-{n}", args.runs)
            hand = time_command(command, f"hand-{n}", args.runs)
            lean = time_command(command, f"lean-derived-{n}", args.runs)
            lean_hand = time_command(command, f"lean-hand-{n}", args.runs)
            print(f"{n:>5} {derived:>8.2f}s {hand:>8.2f}s {derived / hand:>6.2f} "
                  f"{1000 * derived / n:>13.2f}ms {lean:>12.2f}s {lean_hand:>9.2f}s "
                  f"{lean / lean_hand:>6.2f}", flush=True)
            if args.feature:
                featured = time_command(command, f"feature-{n}", args.runs)
                print(f"{'':>5} with {args.feature}: {featured:.2f}s, "
                      f"{featured / derived:.2f}x the derived crate without it", flush=True)

    if args.clean_build:
        core = ROOT / "api-error-core"
        # A minimal axum service, with thiserror alone or with api-error-core's defaults.
        service = 'axum = "0.8"\ntokio = { version = "1", features = ["macros", "rt-multi-thread"] }\n'
        base = clean_build(service + 'thiserror = "2"\nserde_json = "1"\n', "axum-thiserror")
        ours = clean_build(service + f'api-error-core = {{ path = "{core}" }}\n',
                           "axum-api-error-core")
        print(f"clean build of an axum service: with thiserror and serde_json {base:.1f}s, "
              f"with api-error-core {ours:.1f}s, added {ours - base:.1f}s", flush=True)
    del members


if __name__ == "__main__":
    main()
