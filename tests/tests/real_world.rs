//! The real-world fixture set (`tests/fixtures/real-world/`): task and service definitions written
//! by this project in the shapes public repositories keep them (see its README). A file named
//! `ok-*` must get no error; a file named `bad-AKPxxx-*` must get exactly the error codes its name
//! lists, at their lines (snapshots). `docs/precision.md` counts where each code fires, and
//! akplan's API-model findings must agree with botocore's on every task and service definition
//! fixture.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use akplan_core::{Checked, Code, Format, Severity, check};

fn real_world() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(common::fixtures("real-world"))
        .unwrap_or_else(|e| panic!("real-world fixtures: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "json" || e == "yaml" || e == "tf")
        })
        .collect();
    files.sort();
    files
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn checked(path: &Path) -> Checked {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    if path.extension().is_some_and(|e| e == "tf") {
        return akplan_core::check_terraform(&text);
    }
    check(&text, Format::from_name(&name(path)))
}

/// The error codes a `bad-` file's name promises.
fn promised(name: &str) -> BTreeSet<String> {
    name.split(['-', '.'])
        .filter(|t| t.len() == 6 && t.starts_with("AKP"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_set_is_large_and_varied_enough() {
    let files = real_world();
    let task_definitions = files
        .iter()
        .filter(|p| !name(p).contains("service"))
        .count();
    assert!(
        task_definitions >= 60,
        "{task_definitions} task definitions"
    );
}

#[test]
fn ok_files_get_no_error_and_bad_files_exactly_their_codes() {
    let mut problems = Vec::new();
    for path in real_world() {
        let name = name(&path);
        let errors: BTreeSet<String> = checked(&path)
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.code.to_string())
            .collect();
        let expected = if name.starts_with("bad-") {
            promised(&name)
        } else {
            BTreeSet::new()
        };
        if errors != expected {
            problems.push(format!("{name}: errors {errors:?}, expected {expected:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// One line per diagnostic: where, what and the hint.
fn compact(path: &Path) -> String {
    let checked = checked(path);
    let mut out = format!("kind: {:?}\n", checked.kind);
    for d in &checked.diagnostics {
        let at = d.start.map_or((0, 0), |p| (p.line, p.column));
        out.push_str(&format!(
            "{}:{} {}[{}] {} (help: {}) at {}\n",
            at.0, at.1, d.severity, d.code, d.message, d.hint, d.path
        ));
    }
    out
}

#[test]
fn every_fixture_renders_as_snapshotted() {
    for path in real_world() {
        let stem = name(&path).trim_end_matches(".json").replace('.', "_");
        insta::assert_snapshot!(format!("real_world_{stem}"), compact(&path));
    }
}

/// Per code, the fixtures it fires on.
fn firing() -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for path in real_world() {
        let codes: BTreeSet<Code> = checked(&path).diagnostics.iter().map(|d| d.code).collect();
        for code in codes {
            *counts.entry(code.to_string()).or_insert(0) += 1;
        }
    }
    counts
}

#[test]
fn the_precision_table_is_current() {
    let doc = std::fs::read_to_string(common::root().join("docs/precision.md"))
        .unwrap_or_else(|e| panic!("docs/precision.md: {e}"));
    let table: BTreeMap<String, usize> = doc
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let code = cells.get(1)?.trim_matches('`');
            let count = cells.get(3)?.parse().ok()?;
            code.starts_with("AKP").then(|| (code.to_owned(), count))
        })
        .collect();
    assert_eq!(
        table,
        firing(),
        "docs/precision.md: update the counts (code | severity | fixtures it fires on | why)"
    );
}

/// `(kind, pointer)` pairs: unknown | type | enum | range | required.
type Problems = BTreeSet<(String, String)>;

fn akplan_problems(path: &Path) -> Problems {
    checked(path)
        .diagnostics
        .iter()
        .filter_map(|d| {
            let kind = match d.code {
                Code::ApiUnknownMember => "unknown",
                Code::ApiType => "type",
                Code::ApiEnum => "enum",
                Code::ApiRange => "range",
                Code::ApiRequired => "required",
                _ => return None,
            };
            Some((kind.to_owned(), d.path.to_string()))
        })
        .collect()
}

fn json_fixtures() -> Vec<PathBuf> {
    // botocore reads the API's JSON inputs; CloudFormation templates are not one.
    let mut files: Vec<PathBuf> = real_world()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    for dir in ["taskdefs", "rules"] {
        let mut more: Vec<PathBuf> = std::fs::read_dir(common::fixtures(dir))
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        more.sort();
        files.extend(more);
    }
    files
}

#[test]
#[ignore = "needs botocore (Python): run `cargo xtask test` (after `bash .ci/setup`)"]
fn api_model_findings_agree_with_botocore() {
    let files = json_fixtures();
    let out = Command::new("python3")
        .arg(common::root().join("tests/tools/botocore_paths.py"))
        .args(&files)
        .output()
        .unwrap_or_else(|e| panic!("python3: {e}"));
    assert!(
        out.status.success(),
        "tests/tools/botocore_paths.py failed (pip install -r tests/requirements.txt):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let botocore: BTreeMap<String, Option<Vec<serde_json::Value>>> =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("botocore output: {e}"));
    let mut compared = 0;
    let mut problems = Vec::new();
    for path in &files {
        let Some(Some(found)) = botocore.get(&path.to_string_lossy().into_owned()) else {
            continue;
        };
        compared += 1;
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        // A placeholder stands for what the deploy step writes: akplan accepts it by design.
        let templated =
            |pointer: &str| json.pointer(pointer).is_some_and(akplan_core::is_templated);
        let theirs: Problems = found
            .iter()
            .filter_map(|p| {
                let kind = p.get("kind")?.as_str()?;
                let pointer = p.get("path")?.as_str()?;
                let kind = if kind == "min" { "range" } else { kind };
                (!templated(pointer)).then(|| (kind.to_owned(), pointer.to_owned()))
            })
            .collect();
        let ours = akplan_problems(path);
        let missed: Vec<_> = theirs.difference(&ours).collect();
        // botocore checks only minimums; the service enforces maximums, which akplan adds.
        let extra: Vec<_> = ours
            .difference(&theirs)
            .filter(|(kind, _)| kind != "range")
            .collect();
        if !missed.is_empty() || !extra.is_empty() {
            problems.push(format!(
                "{}: botocore only {missed:?}; akplan only {extra:?}",
                name(path)
            ));
        }
    }
    assert!(compared >= 70, "only {compared} definitions compared");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
