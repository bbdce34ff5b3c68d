//! The `akplan` binary as users and CI run it: commands, formats and exit codes.

mod common;

use common::{akplan, stdout};
use serde_json::Value;

const BAD: &str = "tests/fixtures/rules/AKP010.fail.yaml";
const WARN: &str = "tests/fixtures/rules/AKP065.fail.yaml";
const GOOD: &str = "tests/fixtures/rules/AKP010.pass.yaml";

#[test]
fn the_bundled_examples_validate_cleanly() {
    let out = akplan(&["validate", "examples/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("0 errors, 0 warnings in 6 files"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn exit_codes_follow_the_contract() {
    assert_eq!(akplan(&["validate", GOOD]).status.code(), Some(0));
    assert_eq!(akplan(&["validate", BAD]).status.code(), Some(1));
    assert_eq!(akplan(&["validate", WARN]).status.code(), Some(0));
    assert_eq!(
        akplan(&["validate", "--deny-warnings", WARN]).status.code(),
        Some(1)
    );
    assert_eq!(
        akplan(&["validate", "no/such/file.yaml"]).status.code(),
        Some(2)
    );
    assert_eq!(
        akplan(&["validate", "--format", "xml", GOOD]).status.code(),
        Some(2)
    );
    assert_eq!(akplan(&["explain", "AKP999"]).status.code(), Some(2));
    assert_eq!(akplan(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn human_output_shows_file_line_col_the_line_and_a_caret() {
    let out = stdout(&akplan(&["validate", BAD]));
    assert!(out.contains("error[AKP010]"), "{out}");
    assert!(out.contains(&format!("--> {BAD}:8:13")), "{out}");
    assert!(out.contains("memory: 9 GB"), "{out}");
    assert!(out.contains("^^^^"), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "NO_COLOR output has escape codes: {out}"
    );
    let coloured = std::process::Command::new(common::binary())
        .args(["validate", "--color", "always", BAD])
        .current_dir(common::root())
        .env_remove("NO_COLOR")
        .output()
        .map(|o| stdout(&o))
        .unwrap_or_default();
    assert!(coloured.contains('\u{1b}'), "--color always has no colour");
}

#[test]
fn json_output_is_the_documented_contract() {
    let out = akplan(&["validate", "--format", "json", BAD, GOOD]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["summary"]["files"], 2);
    assert_eq!(doc["summary"]["errors"], 1);
    let file = doc["files"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["path"] == BAD))
        .cloned()
        .unwrap_or_default();
    assert_eq!(file["kind"], "spec");
    let d = &file["diagnostics"][0];
    for key in [
        "code",
        "severity",
        "message",
        "hint",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "span",
    ] {
        assert!(!d[key].is_null(), "missing {key} in {d}");
    }
    assert_eq!(d["code"], "AKP010");
    assert_eq!(d["path"], "/services/api/memory");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(8), Some(13))
    );
}

#[test]
fn sarif_output_is_sarif_2_1_0() {
    let out = akplan(&["validate", "--format", "sarif", BAD]);
    let log: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "akplan");
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(rules.len(), akplan_core::Code::ALL.len());
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "AKP010");
    assert_eq!(result["level"], "error");
    let index = result["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
    assert_eq!(rules[index]["id"], "AKP010");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(8), Some(13))
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        BAD
    );
}

#[test]
fn github_output_is_workflow_commands() {
    let out = stdout(&akplan(&["validate", "--format", "github", BAD]));
    let first = out.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&format!("::error file={BAD},line=8,col=13,")),
        "{first}"
    );
    assert!(first.contains("title=AKP010 "), "{first}");
}

#[test]
fn directories_pick_up_specs_and_task_definitions_and_skip_other_files() {
    let out = akplan(&["validate", "--format", "json", "tests/fixtures/taskdefs"]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let kinds: Vec<&str> = doc["files"]
        .as_array()
        .map(|f| f.iter().filter_map(|f| f["kind"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        kinds.iter().filter(|k| **k == "task-definition").count() >= 4,
        "{kinds:?}"
    );
    let globbed = akplan(&[
        "validate",
        "--format",
        "json",
        "tests/fixtures/rules/AKP01*.pass.yaml",
    ]);
    let doc: Value = serde_json::from_slice(&globbed.stdout).unwrap_or_default();
    assert!(doc["summary"]["files"].as_u64().unwrap_or(0) >= 7, "{doc}");
}

#[test]
fn schema_explain_init_help_and_version() {
    let schema = stdout(&akplan(&["schema"]));
    let committed = std::fs::read_to_string(common::root().join("schema/akplan.schema.json"))
        .unwrap_or_default();
    assert_eq!(
        schema, committed,
        "schema/akplan.schema.json is stale: run `akplan schema > schema/akplan.schema.json`"
    );

    let explained = stdout(&akplan(&["explain", "akp010"]));
    assert!(explained.starts_with("AKP010 (error): "), "{explained}");
    assert!(explained.contains("16384"), "{explained}");
    let list = stdout(&akplan(&["explain"]));
    assert_eq!(list.lines().count(), akplan_core::Code::ALL.len());

    let dir = std::env::temp_dir().join(format!("akplan-init-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let target = dir.join("akplan.yaml");
    let _ = std::fs::remove_file(&target);
    let target_s = target.to_string_lossy().into_owned();
    assert_eq!(akplan(&["init", &target_s]).status.code(), Some(0));
    assert_eq!(
        akplan(&["init", &target_s]).status.code(),
        Some(2),
        "init overwrote a file"
    );
    let out = akplan(&["validate", "--deny-warnings", &target_s]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let _ = std::fs::remove_dir_all(dir);

    for cmd in ["validate", "schema", "explain", "init"] {
        let out = akplan(&[cmd, "--help"]);
        assert_eq!(out.status.code(), Some(0));
        assert!(stdout(&out).contains("Usage: akplan"), "{cmd}");
    }
    assert!(stdout(&akplan(&["--version"])).starts_with("akplan "));
}

#[test]
fn public_task_definitions_render_as_snapshotted() {
    let out = akplan(&["validate", "tests/fixtures/taskdefs"]);
    insta::assert_snapshot!("public_task_definitions", stdout(&out));
}

#[test]
fn walking_checks_spec_names_and_recognised_files_and_skips_the_rest() {
    let walk = common::fixtures("walk");
    let out = std::process::Command::new(common::binary())
        .args(["validate", "--format", "json"])
        .current_dir(&walk)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let files: Vec<(String, String)> = doc["files"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|f| {
                    (
                        f["path"].as_str().unwrap_or_default().to_owned(),
                        f["kind"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let expected: Vec<(String, String)> = [
        ("akplan.yaml", "spec"),
        ("infra/containers.json", "container-definitions"),
        ("nested/api.akplan.yaml", "spec"),
        ("nested/taskdef.json", "task-definition"),
    ]
    .iter()
    .map(|(p, k)| ((*p).to_owned(), (*k).to_owned()))
    .collect();
    assert_eq!(
        files, expected,
        "docker-compose.yaml, package.json and a shop's product list must be skipped"
    );
}

/// The page checks structure with `schema::subset`, the CLI with the `jsonschema` crate; both
/// must print `mistakes.expected.txt` for this file (the page's browser test reads it too).
#[test]
fn structural_mistakes_are_reported_as_the_page_reports_them() {
    let spec = "tests/fixtures/schema/mistakes.yaml";
    let out = akplan(&["validate", "--format", "json", spec]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let lines: Vec<String> = doc["files"][0]["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            format!(
                "{}:{} {} {} | {}",
                d["line"],
                d["column"],
                d["code"].as_str().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default(),
                d["hint"].as_str().unwrap_or_default()
            )
        })
        .collect();
    let expected =
        std::fs::read_to_string(common::fixtures("schema").join("mistakes.expected.txt"))
            .unwrap_or_default();
    assert_eq!(lines.join("\n") + "\n", expected);
    assert!(lines.len() >= 12, "{lines:#?}");
}

/// A directory walk never passes over a definition it cannot read: a templating slip in a file
/// named like a task definition is an error, not "0 files".
#[test]
fn a_walked_definition_that_does_not_parse_fails_the_run() {
    let dir = common::root().join("target/test-scratch/walk-broken");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("deploy")).unwrap_or_default();
    std::fs::copy(
        common::fixtures("real-world/bad-AKP001-unrendered-template.taskdef.json"),
        dir.join("deploy/taskdef.json"),
    )
    .unwrap_or_default();
    std::fs::write(
        dir.join("deploy/app.json"),
        "{\"containerDefinitions\": [ ${X} ]}",
    )
    .unwrap_or_default();
    std::fs::write(dir.join("deploy/package.json"), "{ not json").unwrap_or_default();
    let shown = dir.to_string_lossy().into_owned();
    let out = akplan(&["validate", "--format", "json", &shown]);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let files: Vec<&str> = doc["files"]
        .as_array()
        .map(|f| f.iter().filter_map(|f| f["path"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        files.len(),
        2,
        "taskdef.json and app.json, not package.json: {files:?}"
    );
}

/// `--launch-type fargate` holds an undeclared task definition to Fargate's rules.
#[test]
fn launch_type_fargate_turns_the_note_into_errors() {
    let file = "tests/fixtures/rules/AKP092.fail.json";
    let out = akplan(&["validate", file]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("note[AKP092]"));
    let out = akplan(&["validate", "--launch-type", "fargate", file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error[AKP090]"), "{}", stdout(&out));
}
