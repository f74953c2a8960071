//! A service's error contract: every error it can answer, as a committed baseline, and the
//! check of what changed since. Knows no framework and no wire format but the baseline's own.

use core::fmt;
use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::api_error::ApiError;
use crate::catalog::{Catalog, CatalogEntry};

/// The version of the baseline's layout this crate writes and reads.
const VERSION: u32 = 1;

/// The environment variable that, set to `overwrite`, makes [`Contract::assert_baseline`] (and
/// a script's check) write the contract as the new baseline instead of comparing: how a change
/// is accepted. CI never sets it.
pub const OVERWRITE_VAR: &str = "API_ERROR_CONTRACT";

/// Every error a service can answer: its error types (with the errors their `transparent`
/// variants wrap) and the error layer's own codes, listed once, where the service is set up.
///
/// ```
/// use api_error_core::{ApiError, Contract};
///
/// #[derive(Debug, ApiError)]
/// enum OrderError {
///     /// The order id is unknown.
///     #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
///     NotFound,
/// }
///
/// let contract = Contract::new().with::<OrderError>();
/// let baseline = contract.to_baseline();
/// assert!(baseline.contains(r#""code": "ORDER_NOT_FOUND""#));
///
/// // Nothing changed: no finding.
/// let report = contract.compare(&Contract::from_baseline(&baseline).unwrap());
/// assert!(report.is_empty());
/// ```
///
/// In a service, one function lists its types (`fn error_contract() -> Contract`), and one test
/// holds it to the committed baseline with [`Contract::assert_baseline`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contract {
    /// Each declaration of each code once, in the order listed.
    entries: Vec<ContractEntry>,
    /// The codes each operation answers, by the operation's name (`GET /orders/{order_id}`),
    /// sorted.
    operations: BTreeMap<String, Vec<String>>,
}

/// One error of a [`Contract`], in the baseline's terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ContractEntry {
    /// The code.
    pub code: String,
    /// The HTTP status: for a status chosen at run time, what any value outside its list
    /// becomes.
    pub status: u16,
    /// The other statuses a status chosen at run time (`status(500, 404) = ..`) can take, in
    /// the order declared; empty for a fixed status, and then not written in the baseline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<u16>,
    /// The message template as declared, or the status's reason phrase.
    pub message: String,
    /// The names of the details, in order.
    pub details: Vec<String>,
    /// The names of the headers, in order.
    pub headers: Vec<String>,
    /// Whether the error may list field violations; not written in the baseline when it may
    /// not.
    #[serde(default, skip_serializing_if = "core::ops::Not::not")]
    pub violations: bool,
    /// The format the type answers in whatever the configuration says, if it names one.
    pub format: Option<String>,
    /// The summary: the first paragraph of the declaration's doc comment.
    pub description: Option<String>,
    /// Where it is declared: `my_service::OrderError::NotFound`.
    pub declared: String,
}

impl ContractEntry {
    fn of(entry: &CatalogEntry) -> Self {
        ContractEntry {
            code: entry.code().to_owned(),
            status: entry.status().as_u16(),
            also: Vec::new(),
            message: entry.message().to_owned(),
            details: entry
                .details()
                .iter()
                .map(|&name| name.to_owned())
                .collect(),
            headers: entry
                .headers()
                .iter()
                .map(|&name| name.to_owned())
                .collect(),
            violations: entry.has_violations(),
            format: entry.format().map(|format| format.name().to_owned()),
            description: entry.summary().map(str::to_owned),
            declared: entry.place(),
        }
    }
}

/// The baseline file: its version, the errors by code, then, when the contract records them,
/// the codes of each operation.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Baseline {
    version: u32,
    errors: Vec<ContractEntry>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    operations: BTreeMap<String, Vec<String>>,
}

impl Contract {
    /// A contract with no errors yet.
    #[must_use]
    pub fn new() -> Self {
        Contract::default()
    }

    /// This contract with every error of `E`, and of the errors its `transparent` variants
    /// wrap. A type listed twice, or reached twice, is listed once.
    #[must_use]
    pub fn with<E: ApiError>(self) -> Self {
        self.with_catalog(E::catalog())
    }

    /// This contract with every error of `catalog`: a layer's own, say
    /// ([`Rejection::catalog_of`](crate::Rejection::catalog_of)). A declaration of a
    /// code already listed is listed once.
    #[must_use]
    pub fn with_catalog(mut self, catalog: impl AsRef<Catalog>) -> Self {
        let catalog = catalog.as_ref();
        for entry in catalog.iter().map(ContractEntry::of) {
            let listed = self
                .entries
                .iter_mut()
                .find(|e| e.code == entry.code && e.declared == entry.declared);
            match listed {
                // A declaration at one more status: a status chosen at run time.
                Some(listed)
                    if listed.status != entry.status && !listed.also.contains(&entry.status) =>
                {
                    listed.also.push(entry.status);
                    // The message a client reads is a client error's, where the list has one:
                    // a server error's is its reason phrase.
                    if listed.status >= 500 && entry.status < 500 {
                        listed.message.clone_from(&entry.message);
                    }
                }
                Some(_) => {}
                None => self.entries.push(entry),
            }
        }
        self
    }

    /// This contract with the operation `name` (`GET /orders/{order_id}`, say) answering every
    /// error of `catalog`, and no other: each error is in the contract too, as
    /// [`with_catalog`](Self::with_catalog) puts it. An operation given twice answers the
    /// codes of both.
    ///
    /// [`compare`](Self::compare) then reports an operation that starts answering a code
    /// (additive: a client of the operation sees a code it did not before, which it can still
    /// read as an unknown error) and one that stops (breaking: a client that acts on that code
    /// for this call, such as creating what `ORDER_NOT_FOUND` says is missing, silently never
    /// does again).
    ///
    /// ```
    /// use api_error_core::{ApiError, Contract};
    /// use api_error_core::set::OneOf;
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(members)]
    /// enum OrderError {
    ///     #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
    ///     NotFound,
    ///     #[api_error(code = "ORDER_EXPIRED", status = 400, message = "Order expired")]
    ///     Expired,
    /// }
    ///
    /// type GetOrder = OneOf<(order_error::NotFound,)>;
    /// type GetOrderNow = OneOf<(order_error::NotFound, order_error::Expired)>;
    ///
    /// fn main() {
    ///     let before = Contract::new().with_operation("GET /orders/{id}", GetOrder::catalog());
    ///     let now = Contract::new().with_operation("GET /orders/{id}", GetOrderNow::catalog());
    ///     let report = now.compare(&before).to_string();
    ///     assert!(report.contains("ORDER_EXPIRED: now answered by GET /orders/{id}"), "{report}");
    /// }
    /// ```
    #[must_use]
    pub fn with_operation(mut self, name: &str, catalog: impl AsRef<Catalog>) -> Self {
        let catalog = catalog.as_ref();
        let codes = self.operations.entry(name.to_owned()).or_default();
        codes.extend(catalog.iter().map(|entry| entry.code().to_owned()));
        codes.sort();
        codes.dedup();
        self.with_catalog(catalog)
    }

    /// The codes each operation answers, by name, each list sorted: what
    /// [`with_operation`](Self::with_operation) recorded.
    #[must_use]
    pub fn operations(&self) -> &BTreeMap<String, Vec<String>> {
        &self.operations
    }

    /// This contract with only the errors `keep` keeps: to leave out codes a service never
    /// answers with.
    #[must_use]
    pub fn retain(mut self, keep: impl FnMut(&ContractEntry) -> bool) -> Self {
        self.entries.retain(keep);
        // An operation answers only codes the contract still lists.
        let entries = &self.entries;
        for codes in self.operations.values_mut() {
            codes.retain(|code| entries.iter().any(|entry| entry.code == *code));
        }
        self
    }

    /// The errors, by code; two declarations of one code both.
    #[must_use]
    pub fn entries(&self) -> Vec<ContractEntry> {
        let mut entries = self.entries.clone();
        entries.sort_by(|a, b| (&a.code, &a.declared).cmp(&(&b.code, &b.declared)));
        entries
    }

    /// Every code two declarations give, each pair once, as [`Level::Error`] findings: an
    /// error of the contract, whatever the baseline says.
    #[must_use]
    pub fn duplicates(&self) -> Vec<Finding> {
        let entries = self.entries();
        let mut found = Vec::new();
        for (index, second) in entries.iter().enumerate() {
            for first in entries[..index]
                .iter()
                .filter(|first| first.code == second.code)
            {
                found.push(Finding {
                    level: Level::Error,
                    code: second.code.clone(),
                    change: format!("declared twice, also by {}", first.declared),
                    declared: second.declared.clone(),
                });
            }
        }
        found
    }

    /// The contract as a baseline file: JSON, one member a line, the errors sorted by code and
    /// each error's members in a fixed order (code, status, `also` where a status is chosen at
    /// run time, message, details, headers, format, description, declared), so that a change
    /// to the contract is a small diff.
    #[must_use]
    pub fn to_baseline(&self) -> String {
        let baseline = Baseline {
            version: VERSION,
            errors: self.entries(),
            operations: self.operations.clone(),
        };
        // A struct of strings, numbers and lists always serializes.
        let mut text = serde_json::to_string_pretty(&baseline).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The contract a baseline file records.
    ///
    /// # Errors
    ///
    /// When `text` is not a baseline of this version: the error says why and on which line.
    pub fn from_baseline(text: &str) -> Result<Contract, BaselineError> {
        #[derive(Deserialize)]
        struct Version {
            version: u32,
        }
        let version: Version = serde_json::from_str(text).map_err(BaselineError::parse)?;
        if version.version != VERSION {
            let line = text
                .lines()
                .position(|line| line.contains("\"version\""))
                .map_or(1, |index| index + 1);
            return Err(BaselineError {
                line,
                reason: format!(
                    "version {} is not one this crate reads (it reads version {VERSION})",
                    version.version
                ),
            });
        }
        let baseline: Baseline = serde_json::from_str(text).map_err(BaselineError::parse)?;
        Ok(Contract {
            entries: baseline.errors,
            operations: baseline.operations,
        })
    }

    /// What changed from `baseline` to this contract, and every code two declarations of this
    /// contract give.
    #[must_use]
    pub fn compare(&self, baseline: &Contract) -> Report {
        let mut findings = self.duplicates();
        let (now, before) = (self.entries(), baseline.entries());
        for old in &before {
            // The same declaration of the code, else any.
            let same = now
                .iter()
                .find(|new| new.code == old.code && new.declared == old.declared);
            match same.or_else(|| now.iter().find(|new| new.code == old.code)) {
                None => findings.push(Finding {
                    level: Level::Breaking,
                    code: old.code.clone(),
                    change: format!("removed (was {})", old.status),
                    declared: old.declared.clone(),
                }),
                Some(new) => changes(old, new, &mut findings),
            }
        }
        for new in now
            .iter()
            .filter(|new| before.iter().all(|old| old.code != new.code))
        {
            findings.push(Finding {
                level: Level::Additive,
                code: new.code.clone(),
                change: format!("added at {}", new.status),
                declared: new.declared.clone(),
            });
        }
        self.operation_changes(baseline, &mut findings);
        // Each finding is made once; the sort keeps a code's findings in the order made.
        findings.sort_by(|a, b| (a.level, &a.code).cmp(&(b.level, &b.code)));
        Report { findings }
    }

    /// What changed in the codes each operation answers, when both contracts record
    /// operations (a baseline made before they were recorded says nothing of them).
    fn operation_changes(&self, baseline: &Contract, findings: &mut Vec<Finding>) {
        if self.operations.is_empty() || baseline.operations.is_empty() {
            return;
        }
        let none = Vec::new();
        let declared = |code: &str, contract: &Contract| {
            contract
                .entries
                .iter()
                .find(|entry| entry.code == code)
                .map(|entry| entry.declared.clone())
                .unwrap_or_default()
        };
        let names: std::collections::BTreeSet<&String> = self
            .operations
            .keys()
            .chain(baseline.operations.keys())
            .collect();
        for name in names {
            let now = self.operations.get(name).unwrap_or(&none);
            let before = baseline.operations.get(name).unwrap_or(&none);
            for code in now.iter().filter(|code| !before.contains(code)) {
                findings.push(Finding {
                    level: Level::Additive,
                    code: code.clone(),
                    change: format!("now answered by {name}"),
                    declared: declared(code, self),
                });
            }
            // A code gone from the whole contract is reported once, as removed.
            let kept = |code: &&String| self.entries.iter().any(|entry| entry.code == **code);
            for code in before
                .iter()
                .filter(|code| !now.contains(code))
                .filter(kept)
            {
                findings.push(Finding {
                    level: Level::Breaking,
                    code: code.clone(),
                    change: format!("no longer answered by {name}"),
                    declared: declared(code, baseline),
                });
            }
        }
    }

    /// Compares this contract with the baseline at `path`, or, when [`OVERWRITE_VAR`] is set
    /// to `overwrite`, writes this contract there as the new baseline (unless two of its
    /// declarations give one code). For a script: see [`Contract::assert_baseline`] for a test.
    ///
    /// # Errors
    ///
    /// When the baseline cannot be read or written, or does not parse.
    pub fn check_baseline(&self, path: impl AsRef<Path>) -> Result<Report, BaselineError> {
        let path = path.as_ref();
        let overwrite = std::env::var(OVERWRITE_VAR).is_ok_and(|value| value == "overwrite");
        if overwrite {
            // A contract two declarations of one code break is never recorded.
            let duplicates = self.duplicates();
            if !duplicates.is_empty() {
                return Ok(Report {
                    findings: duplicates,
                });
            }
            std::fs::write(path, self.to_baseline()).map_err(|error| BaselineError {
                line: 0,
                reason: format!("cannot write {}: {error}", path.display()),
            })?;
            return Ok(Report::default());
        }
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) => {
                return Err(BaselineError {
                    line: 0,
                    reason: format!(
                        "cannot read {}: {error}; write it with {OVERWRITE_VAR}=overwrite",
                        path.display()
                    ),
                });
            }
        };
        let baseline = Contract::from_baseline(&text).map_err(|error| BaselineError {
            reason: format!("{}: {}", path.display(), error.reason),
            ..error
        })?;
        Ok(self.compare(&baseline))
    }

    /// The test of a service's error contract: passes when the contract is the baseline at
    /// `path`, writes it there when [`OVERWRITE_VAR`] is `overwrite`, and fails with the report
    /// otherwise.
    ///
    /// ```no_run
    /// # use api_error_core::{ApiError, Contract};
    /// # #[derive(Debug, ApiError)]
    /// # #[api_error(code = "ORDER_NOT_FOUND", status = 404)]
    /// # struct OrderError;
    /// #[test]
    /// fn error_contract() {
    ///     Contract::new()
    ///         .with::<OrderError>()
    ///         .assert_baseline(concat!(env!("CARGO_MANIFEST_DIR"), "/error-contract.json"));
    /// }
    /// ```
    ///
    /// # Panics
    ///
    /// When anything changed, when two declarations give one code, or when the baseline
    /// cannot be read.
    #[track_caller]
    pub fn assert_baseline(&self, path: impl AsRef<Path>) {
        match self.check_baseline(path.as_ref()) {
            Ok(report) if report.is_empty() => {}
            Ok(report) => panic!(
                "the error contract is not its baseline {}:\n{report}\
                 accept the changes with {OVERWRITE_VAR}=overwrite",
                path.as_ref().display()
            ),
            Err(error) => panic!("{error}"),
        }
    }
}

/// The findings of each kind a change to one error can have.
fn changes(old: &ContractEntry, new: &ContractEntry, findings: &mut Vec<Finding>) {
    let mut found = |level, change: String| {
        findings.push(Finding {
            level,
            code: new.code.clone(),
            change,
            declared: new.declared.clone(),
        });
    };
    if old.status != new.status {
        let moved = if old.declared == new.declared {
            String::new()
        } else {
            format!(", now declared here (was {})", old.declared)
        };
        found(
            Level::Breaking,
            format!("status {} became {}{moved}", old.status, new.status),
        );
    }
    status_set_changes(old, new, &mut found);
    let removed: Vec<&String> = old
        .details
        .iter()
        .filter(|name| !new.details.contains(name))
        .collect();
    let added: Vec<&String> = new
        .details
        .iter()
        .filter(|name| !old.details.contains(name))
        .collect();
    if let ([gone], [came]) = (removed.as_slice(), added.as_slice()) {
        found(
            Level::Breaking,
            format!("detail `{gone}` renamed to `{came}`"),
        );
    } else {
        for gone in removed {
            found(Level::Breaking, format!("detail `{gone}` removed"));
        }
        for came in added {
            found(Level::Additive, format!("detail `{came}` added"));
        }
    }
    for gone in old
        .headers
        .iter()
        .filter(|name| !new.headers.contains(name))
    {
        found(Level::Breaking, format!("header `{gone}` removed"));
    }
    for came in new
        .headers
        .iter()
        .filter(|name| !old.headers.contains(name))
    {
        found(Level::Additive, format!("header `{came}` added"));
    }
    // A client that reads violations finds none where they were listed; one that does not
    // read them is not disturbed by new ones.
    match (old.violations, new.violations) {
        (true, false) => found(
            Level::Breaking,
            "field violations no longer listed".to_owned(),
        ),
        (false, true) => found(Level::Additive, "field violations listed".to_owned()),
        _ => {}
    }
    if old.format != new.format {
        let name =
            |format: &Option<String>| format.clone().unwrap_or_else(|| "the service's".into());
        found(
            Level::Breaking,
            format!("format {} became {}", name(&old.format), name(&new.format)),
        );
    }
    if old.message != new.message {
        found(
            Level::Cosmetic,
            format!("message {:?} became {:?}", old.message, new.message),
        );
    }
    if old.description != new.description {
        let text =
            |text: &Option<String>| text.as_deref().map_or("none".into(), |t| format!("{t:?}"));
        found(
            Level::Cosmetic,
            format!(
                "description {} became {}",
                text(&old.description),
                text(&new.description)
            ),
        );
    }
    if old.status == new.status && old.declared != new.declared {
        found(
            Level::Cosmetic,
            format!("now declared here (was {})", old.declared),
        );
    }
}

/// The changes to a status chosen at run time: the statuses it may answer, compared as sets,
/// beside the change of what any other value becomes (`status`, which [`changes`] compares).
fn status_set_changes(
    old: &ContractEntry,
    new: &ContractEntry,
    found: &mut impl FnMut(Level, String),
) {
    if old.also.is_empty() && new.also.is_empty() {
        return;
    }
    let set = |entry: &ContractEntry| {
        let mut set = entry.also.clone();
        set.push(entry.status);
        set
    };
    let (before, after) = (set(old), set(new));
    for came in after.iter().filter(|status| !before.contains(status)) {
        found(Level::Breaking, format!("may now answer {came}"));
    }
    for gone in before.iter().filter(|status| !after.contains(status)) {
        found(Level::Breaking, format!("no longer answers {gone}"));
    }
}

/// How much a change matters to a client that branches on codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Level {
    /// Two declarations give one code: a client cannot tell them apart.
    Error,
    /// A client that handles the error as it was breaks: a code removed, its status or format
    /// changed, a detail or header removed or renamed.
    Breaking,
    /// A client sees something it did not before: a code, a detail or a header added.
    Additive,
    /// Only people read the change: a message or a description.
    Cosmetic,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Level::Error => "error",
            Level::Breaking => "breaking",
            Level::Additive => "additive",
            Level::Cosmetic => "cosmetic",
        })
    }
}

/// One change to one error.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// How much it matters.
    pub level: Level,
    /// The error's code.
    pub code: String,
    /// What changed.
    pub change: String,
    /// Where the error is declared today (for a removed one, where it was).
    pub declared: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:<8} {}: {} ({})",
            self.level, self.code, self.change, self.declared
        )
    }
}

/// What [`Contract::compare`] found: a line a finding, errors first, then breaking, additive
/// and cosmetic changes, each by code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    findings: Vec<Finding>,
}

impl Report {
    /// The findings, in the report's order.
    #[must_use]
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Whether nothing changed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    /// Whether a finding breaks clients: an [`Level::Error`] or a [`Level::Breaking`] change.
    #[must_use]
    pub fn is_breaking(&self) -> bool {
        self.findings
            .iter()
            .any(|finding| finding.level <= Level::Breaking)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for finding in &self.findings {
            writeln!(f, "{finding}")?;
        }
        Ok(())
    }
}

/// A baseline that could not be read, parsed or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineError {
    /// The line of the baseline the error is on, from 1; 0 when it is not about a line.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

impl BaselineError {
    #[allow(clippy::needless_pass_by_value)] // The shape `map_err` hands it.
    fn parse(error: serde_json::Error) -> Self {
        // The line is the error's own; serde's text ends with it too.
        let text = error.to_string();
        let text = text.split(" at line ").next().unwrap_or_default();
        BaselineError {
            line: error.line(),
            reason: format!("not an error contract baseline: {text}"),
        }
    }
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => f.write_str(&self.reason),
            line => write!(f, "line {line}: {}", self.reason),
        }
    }
}

impl core::error::Error for BaselineError {}
