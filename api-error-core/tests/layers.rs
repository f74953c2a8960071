//! The runtime is layered: each module uses only the modules listed before it in [`LAYERS`], so
//! that the graph of modules has no cycle and a module can be read knowing only those below
//! it. This test reads the sources and fails on a `crate::` path that points upward, on a
//! module that is not placed in the list, and on a wire format or a framework named where it
//! does not belong.

use std::collections::BTreeMap;
use std::path::Path;

/// The modules from the bottom up. The layers, in order: leaves (the client's read-back of a
/// body among them, which a format of one's own reads with); the visitors, the formats and the
/// catalog; the trait; what is built on the trait (the configuration as data and the message
/// as a value); rendering (the configuration in force, logs, one module per format); the views
/// (`Serialize`, decoding, the response, boxed errors); the integrations.
const LAYERS: &[&str] = &[
    "escape",
    "members",
    "plain",
    "status",
    "violation",
    "client",
    "format",
    "catalog",
    "details",
    "headers",
    "arguments",
    "api_error",
    "localize",
    "config",
    "translations",
    "message",
    "context",
    "log",
    "render",
    "body",
    "decode",
    "response",
    "any",
    "set",
    "rejection",
    "request",
    "layer",
    "contract",
    "openapi",
    "tonic",
    "garde",
    "validator",
    "integrations",
    "axum",
    "actix",
    "reqwest",
    "private",
];

/// The framework integrations and the validation crates' adapters, which use only what the
/// crate makes public, as a crate outside it would.
const INTEGRATIONS: &[&str] = &["axum", "actix", "garde", "validator"];

/// Crate-root macros (`#[macro_export]`) and the module that defines them.
const MACROS: &[(&str, &str)] = &[
    ("__impl_integrations", "integrations"),
    ("__if_fluent", "integrations"),
    ("__impl_serialize", "integrations"),
    ("__impl_axum", "integrations"),
    // Named as `$d crate::__impl_utoipa` by the macro that defines the utoipa integrations.
    ("__impl_utoipa", "integrations"),
];

/// The module a source file belongs to: its first path component under `src/`.
fn module_of(relative: &Path) -> String {
    let first = relative.components().next().unwrap();
    let name = first.as_os_str().to_str().unwrap();
    name.trim_end_matches(".rs").to_owned()
}

/// The source of each file under `dir`, by path relative to `root`.
fn sources(root: &Path, dir: &Path, into: &mut BTreeMap<String, (String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(root, &path, into);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let relative = path.strip_prefix(root).unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            into.insert(
                relative.display().to_string(),
                (module_of(relative), code_only(&text)),
            );
        }
    }
}

/// The text without comments (line comments, doc comments and `//!`), which may name any
/// module in a link.
fn code_only(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first path segment of every `crate::` path in `code` (not `$crate::`), with the paths of
/// a `crate::{a, b::c}` group each counted.
fn crate_paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        let after = &rest[at + "crate::".len()..];
        rest = after;
        if matches!(before, Some(c) if c == '$' || c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = after.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(i, _)| i);
            let mut level = 0;
            let mut item = String::new();
            for c in group[..end].chars().chain([',']) {
                match c {
                    '{' => level += 1,
                    '}' => level -= 1,
                    ',' if level == 0 => {
                        found.push(first_segment(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
        } else {
            found.push(first_segment(after));
        }
    }
    found.retain(|segment| !segment.is_empty());
    found
}

fn first_segment(path: &str) -> String {
    path.trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The crate root's public names: each `pub mod`, and each name a `pub use` re-exports, with
/// the module it comes from (a crate's own module, or another crate, which is no layer).
fn public_names(lib: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for statement in lib.split(';') {
        let statement = statement.trim();
        if let Some(module) = statement.strip_prefix("pub mod ") {
            names.insert(module.trim().to_owned(), module.trim().to_owned());
            continue;
        }
        let Some(path) = statement
            .rsplit("pub use ")
            .next()
            .filter(|_| statement.contains("pub use "))
        else {
            continue;
        };
        let (module, items) = path.split_once("::").unwrap_or((path, ""));
        let items = items.trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let name = item.rsplit(" as ").next().unwrap_or(item);
            let name = name.rsplit("::").next().unwrap_or(name).trim();
            // A derive and a trait share a name: the trait's module is the one a path means.
            let known = names
                .get(name)
                .is_some_and(|m| LAYERS.contains(&m.as_str()));
            if !name.is_empty() && name != "self" && !known {
                names.insert(name.to_owned(), module.trim().to_owned());
            }
        }
    }
    names
}

#[test]
fn the_framework_integrations_use_only_public_items() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = code_only(&std::fs::read_to_string(root.join("lib.rs")).unwrap());
    let public = public_names(&lib);
    assert_eq!(public.get("Settings"), None);
    assert_eq!(public.get("layer").map(String::as_str), Some("layer"));
    assert_eq!(
        public.get("ApiError").map(String::as_str),
        Some("api_error")
    );
    let mut files = BTreeMap::new();
    sources(&root, &root, &mut files);
    let mut problems = Vec::new();
    for (file, (module, code)) in &files {
        if !INTEGRATIONS.contains(&module.as_str()) {
            continue;
        }
        for segment in crate_paths(code) {
            if !public.contains_key(&segment) && segment != *module {
                problems.push(format!(
                    "{file}: `crate::{segment}` is not public; an integration uses what a crate \
                     outside this one could"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_module_uses_one_above_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = code_only(&std::fs::read_to_string(root.join("lib.rs")).unwrap());
    let public = public_names(&lib);
    let mut files = BTreeMap::new();
    sources(&root, &root, &mut files);
    let layer = |module: &str| LAYERS.iter().position(|&m| m == module);
    let mut problems = Vec::new();
    for (file, (module, code)) in &files {
        if module == "lib" {
            continue;
        }
        let Some(own) = layer(module) else {
            problems.push(format!("{file}: module `{module}` is not placed in LAYERS"));
            continue;
        };
        for segment in crate_paths(code) {
            let target = MACROS
                .iter()
                .find(|(name, _)| *name == segment)
                .map_or(segment.as_str(), |(_, module)| module);
            let target = if target == "__private" {
                "private"
            } else {
                target
            };
            // A name the root re-exports is in its module; one of another crate's, in none.
            let target = match public.get(target) {
                Some(module) if layer(target).is_none() && layer(module).is_none() => continue,
                Some(module) if layer(target).is_none() => module.as_str(),
                _ => target,
            };
            match layer(target) {
                None => problems.push(format!(
                    "{file}: `crate::{segment}` does not name a module; name the module it is in"
                )),
                Some(theirs) if theirs == own => {}
                Some(theirs) if theirs > own => problems.push(format!(
                    "{file}: `{module}` uses `{target}`, which is above it"
                )),
                Some(_) => {}
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_trait_knows_no_wire_format_and_the_configuration_no_framework() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let code = |file: &str| code_only(&std::fs::read_to_string(root.join(file)).unwrap());
    let api_error = code("api_error.rs");
    for word in ["serde", "json", "axum", "grpc", "tonic", "response"] {
        assert!(!api_error.contains(word), "api_error.rs names `{word}`");
    }
    // A `static` item or a thread-local is state of the process; a `'static` lifetime is not.
    let config = code("config.rs").replace("'static", "");
    for word in ["axum", "grpc", "tonic", "thread_local", "static "] {
        assert!(!config.contains(word), "config.rs names `{word}`");
    }
}

#[test]
fn the_parser_of_this_test_finds_paths_in_groups_and_skips_macro_paths() {
    assert_eq!(
        crate_paths("use crate::{a::B, c, d::{e, f}}; $crate::g; crate::h::i; my_crate::j"),
        ["a", "c", "d", "h"]
    );
}

#[test]
fn localization_reaches_rendering_through_its_seam_alone() {
    // Fluent's translations are one `localize::Localizer`: the rest of the crate renders by the
    // seam and never asks whether the feature is on. The root declares the module, and the
    // integrations' macros keep what the derive writes for translations only.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    sources(&root, &root, &mut files);
    let naming: Vec<&String> = files
        .iter()
        .filter(|(_, (module, code))| {
            module != "translations" && code.contains("feature = \"fluent\"")
        })
        .map(|(file, _)| file)
        .collect();
    assert_eq!(naming, ["integrations.rs", "lib.rs"]);
}
