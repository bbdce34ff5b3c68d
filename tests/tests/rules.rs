//! Every diagnostic code has a failing and a passing fixture, and a snapshot of how the failing
//! one renders (`tests/fixtures/rules/AKPxxx.{fail,pass}.{yaml,json}`).

mod common;

use std::path::PathBuf;

use akplan_core::{Code, Format, check};

/// Codes only the CLI reports (about files, not their contents); tested in `hardening.rs`.
const CLI_ONLY: [Code; 1] = [Code::Unreadable];

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
