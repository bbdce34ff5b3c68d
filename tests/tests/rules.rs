//! Every diagnostic code has a failing and a passing fixture, and a snapshot of how the failing
//! one renders (`tests/fixtures/rules/AKPxxx.{fail,pass}.{yaml,json}`).

mod common;

use std::path::PathBuf;

use akplan_core::{Code, Format, check};

/// Codes only the CLI reports: about files, not their contents (`hardening.rs`), or about two
/// files of one run (AKP130: a task definition an Express input names; tested below).
const CLI_ONLY: [Code; 2] = [Code::Unreadable, Code::ExpressTaskDefinitionShape];

fn fixture(code: Code, kind: &str) -> PathBuf {
    let dir = common::fixtures("rules");
    ["yaml", "json"]
        .iter()
        .map(|ext| dir.join(format!("{code}.{kind}.{ext}")))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("{code} has no {kind} fixture in {}", dir.display()))
}

fn codes_in(path: &PathBuf) -> (Vec<Code>, bool) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let checked = check(&text, Format::from_name(&path.to_string_lossy()));
    let codes = checked.diagnostics.iter().map(|d| d.code).collect();
    (codes, checked.has_errors())
}

#[test]
fn every_code_fails_its_failing_fixture_and_passes_its_passing_one() {
    let mut problems = Vec::new();
    for &code in Code::ALL.iter().filter(|c| !CLI_ONLY.contains(c)) {
        let (fail_codes, _) = codes_in(&fixture(code, "fail"));
        if !fail_codes.contains(&code) {
            problems.push(format!(
                "{code}.fail does not report {code}: {fail_codes:?}"
            ));
        }
        let (pass_codes, pass_errors) = codes_in(&fixture(code, "pass"));
        if pass_codes.contains(&code) || pass_errors {
            problems.push(format!(
                "{code}.pass is not clean of {code}/errors: {pass_codes:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn failing_fixtures_render_as_snapshotted() {
    for &code in Code::ALL.iter().filter(|c| !CLI_ONLY.contains(c)) {
        let path = fixture(code, "fail");
        let relative = path
            .strip_prefix(common::root())
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        let out = common::akplan(&["validate", &relative]);
        assert_eq!(
            out.status.code(),
            Some(if code.severity() == akplan_core::Severity::Error {
                1
            } else {
                0
            }),
            "{relative}"
        );
        insta::assert_snapshot!(format!("rule_{code}"), common::stdout(&out));
    }
}

/// AKP130: a task definition is held to Express's needs when an Express input of the same run
/// names its family, and only then.
#[test]
fn a_task_definition_an_express_input_names_is_checked_for_express() {
    let out = common::akplan(&[
        "validate",
        "--format",
        "json",
        "tests/fixtures/express-pair/bad",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let codes: Vec<String> = report["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["diagnostics"].as_array().cloned().unwrap_or_default())
        .map(|d| d["code"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(codes, ["AKP130"]);
    // The same task definition alone is a good Fargate task definition.
    let alone = common::akplan(&[
        "validate",
        "tests/fixtures/express-pair/bad/catalog-taskdef.json",
    ]);
    assert_eq!(alone.status.code(), Some(0));
    let ok = common::akplan(&["validate", "tests/fixtures/express-pair/ok"]);
    assert_eq!(ok.status.code(), Some(0), "{}", common::stdout(&ok));
}
