//! `akplan diff` and the script of the GitHub Action: the cost delta is the difference of the
//! plans' totals in every format, `--git` compares the work tree with a commit, and the action's
//! script posts nothing without a token and writes the expected comment with one.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{akplan, binary, root, stdout};
use serde_json::Value;

fn plan_total(spec: &str) -> (f64, f64) {
    let out = akplan(&["plan", "--format", "json", spec]);
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let t = &plan["total"]["monthly_usd"];
    (
        t["x86_64"].as_f64().unwrap_or(f64::NAN),
        t["arm64"].as_f64().unwrap_or(f64::NAN),
    )
}

/// `+$1,234.56` / `−$1.23` as `akplan diff` writes money.
fn signed(x: f64) -> String {
    let text = akplan_core::present::usd(x.abs());
    if x < 0.0 {
        format!("−{text}")
    } else {
        format!("+{text}")
    }
}

#[test]
fn the_cost_delta_is_the_difference_of_the_totals_in_every_format() {
    let (a, b) = ("examples/minimal.yaml", "examples/agent-kernel.yaml");
    let (ax, aa) = plan_total(a);
    let (bx, ba) = plan_total(b);
    let (dx, da) = (
        ((bx - ax) * 100.0).round() / 100.0,
        ((ba - aa) * 100.0).round() / 100.0,
    );
    let json: Value = serde_json::from_slice(&akplan(&["diff", "--format", "json", a, b]).stdout)
        .unwrap_or_default();
    assert_eq!(
        json["total"]["monthly_usd_delta"]["x86_64"].as_f64(),
        Some(dx)
    );
    assert_eq!(
        json["total"]["monthly_usd_delta"]["arm64"].as_f64(),
        Some(da)
    );
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/akplan-diff.schema.json")).unwrap_or_default(),
    )
    .unwrap_or_default();
    assert!(
        jsonschema::is_valid(&schema, &json),
        "the diff breaks its schema"
    );
    assert_eq!(
        std::fs::read_to_string(root().join("schema/akplan-diff.schema.json")).unwrap_or_default(),
        stdout(&akplan(&["schema", "--diff"])),
        "schema/akplan-diff.schema.json is stale: run `akplan schema --diff > schema/akplan-diff.schema.json`"
    );
    let human = stdout(&akplan(&["diff", a, b]));
    assert!(human.contains(&format!("x86_64 {}", signed(dx))), "{human}");
    assert!(human.contains(&format!("arm64 {}", signed(da))), "{human}");
    let markdown = stdout(&akplan(&["diff", "--format", "markdown", a, b]));
    assert!(
        markdown.contains(&format!("x86_64 {}", signed(dx))),
        "{markdown}"
    );
    assert!(
        markdown.contains(&format!("arm64 {}", signed(da))),
        "{markdown}"
    );
    // A table GitHub renders: a header, its separator, and a total row.
    assert!(
        markdown.contains("\n| file | service | change |"),
        "{markdown}"
    );
    assert!(markdown.contains("\n|---|---|---|"), "{markdown}");
    assert!(markdown.contains("\n| **total** |"), "{markdown}");
}

#[test]
fn a_spec_against_itself_changes_nothing() {
    let out = stdout(&akplan(&[
        "diff",
        "examples/llm-proxy.yaml",
        "examples/llm-proxy.yaml",
    ]));
    assert!(out.contains("no change"), "{out}");
}

/// A git repository in a temporary directory with two commits: the minimal example, then the
/// same with twice the tasks and a new worker service.
fn repository(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("akplan-diff-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("deploy")).unwrap_or_else(|e| panic!("{e}"));
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(&dir)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .unwrap_or_else(|e| panic!("git: {e}"));
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let minimal = std::fs::read_to_string(root().join("examples/minimal.yaml")).unwrap_or_default();
    let spec = dir.join("deploy/akplan.yaml");
    std::fs::write(&spec, &minimal).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("README.md"), "not a spec\n").unwrap_or_else(|e| panic!("{e}"));
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "one"]);
    let changed = minimal.replace("base_count: 3", "base_count: 6")
        + "  jobs:\n    image: example/jobs:1.0.0\n    cpu: 256\n    memory: 512\n";
    std::fs::write(&spec, changed).unwrap_or_else(|e| panic!("{e}"));
    git(&["commit", "-q", "-am", "two"]);
    dir
}

fn run_in(dir: &Path, program: &str, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new(program);
    cmd.args(args).current_dir(dir).env_remove("GITHUB_TOKEN");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap_or_else(|e| panic!("{program}: {e}"))
}

#[test]
fn git_mode_compares_the_work_tree_with_a_commit() {
    let dir = repository("git");
    let bin = binary().to_string_lossy().into_owned();
    let out = run_in(
        &dir,
        &bin,
        &["diff", "--git", "HEAD~1", "--format", "json"],
        &[],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let files = json["files"].as_array().cloned().unwrap_or_default();
    assert_eq!(files.len(), 1, "{json}");
    assert_eq!(files[0]["path"], "deploy/akplan.yaml");
    let services = files[0]["services"].as_array().cloned().unwrap_or_default();
    let web = services
        .iter()
        .find(|s| s["name"] == "web")
        .cloned()
        .unwrap_or_default();
    assert_eq!(web["capacity_target"]["base"], 3);
    assert_eq!(web["capacity_target"]["head"], 6);
    let jobs = services
        .iter()
        .find(|s| s["name"] == "jobs")
        .cloned()
        .unwrap_or_default();
    assert_eq!(jobs["change"], "added");
    assert!(
        jobs["chosen_monthly_usd_delta"]
            .as_f64()
            .is_some_and(|x| x > 0.0),
        "{jobs}"
    );
    let bad = run_in(&dir, &bin, &["diff", "--git", "no-such-rev"], &[]);
    assert_eq!(bad.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_action_posts_nothing_without_a_token_and_writes_the_expected_comment() {
    let dir = repository("action");
    let script = root().join("action/comment.sh");
    let script = script.to_string_lossy().into_owned();
    let bin = binary().to_string_lossy().into_owned();
    let base = [("AKPLAN", bin.as_str()), ("AKPLAN_BASE", "HEAD~1")];
    // No token: a clear failure before any request (the API URL would refuse one anyway).
    let env: Vec<(&str, &str)> = base
        .iter()
        .copied()
        .chain([
            ("GITHUB_API_URL", "http://127.0.0.1:9"),
            ("GITHUB_REPOSITORY", "o/r"),
            ("AKPLAN_PR", "1"),
        ])
        .collect();
    let out = run_in(&dir, "bash", &[&script], &env);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("GITHUB_TOKEN is empty: nothing posted"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    // The comment's body.
    let env: Vec<(&str, &str)> = base
        .iter()
        .copied()
        .chain([("AKPLAN_DRY_RUN", "1")])
        .collect();
    let out = run_in(&dir, "bash", &[&script], &env);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let body = String::from_utf8_lossy(&out.stdout).into_owned();
    insta::assert_snapshot!("action_comment", body);
    let _ = std::fs::remove_dir_all(dir);
}
