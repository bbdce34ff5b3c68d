//! What users of a linter expect, tried with the real clients: suppressions in all three forms,
//! `--exit-zero`, SARIF the SARIF multitool accepts, GitHub annotations from a subdirectory, the
//! pre-commit hook's `files` pattern (Python's `re`, as pre-commit uses it), and completions.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn akplan_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(common::binary())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("running akplan failed: {e}"))
}

fn codes(out: &Output) -> Vec<String> {
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    doc["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["diagnostics"].as_array().cloned().unwrap_or_default())
        .filter_map(|d| d["code"].as_str().map(str::to_owned))
        .collect()
}

const SPEC: &str = "version: 1\napp: shop\nregion: us-east-1\nservices:\n  api:\n    image: nginx\n    cpu: 256\n    memory: 512\n    capacity: {base_count: 2}\n";

#[test]
fn an_inline_comment_silences_a_code_in_a_spec() {
    let dir = common::scratch("inline");
    std::fs::write(dir.join("akplan.yaml"), SPEC).unwrap_or_default();
    let before = codes(&akplan_in(
        &dir,
        &["validate", "--format", "json", "akplan.yaml"],
    ));
    assert!(before.contains(&"AKP065".to_owned()), "{before:?}");
    let silenced = SPEC.replace("image: nginx", "image: nginx  # akplan: ignore[AKP065]");
    std::fs::write(dir.join("akplan.yaml"), silenced).unwrap_or_default();
    let after = codes(&akplan_in(
        &dir,
        &["validate", "--format", "json", "akplan.yaml"],
    ));
    assert!(!after.contains(&"AKP065".to_owned()), "{after:?}");
}

#[test]
fn akplan_toml_ignores_per_file_and_is_found_from_a_subdirectory() {
    let dir = common::scratch("config");
    let td = common::fixtures("real-world/bad-AKP097-fargate-ecr-no-exec-role.json");
    std::fs::create_dir_all(dir.join("legacy/ecs")).unwrap_or_default();
    std::fs::copy(&td, dir.join("legacy/ecs/taskdef.json")).unwrap_or_default();
    std::fs::create_dir_all(dir.join(".git")).unwrap_or_default();
    let run = |cwd: &Path, path: &str| akplan_in(cwd, &["validate", "--format", "json", path]);
    let before = run(&dir, "legacy/ecs/taskdef.json");
    assert_eq!(before.status.code(), Some(1));
    std::fs::write(
        dir.join("akplan.toml"),
        "ignore = [\"AKP065\"]\n[per-file-ignores]\n\"legacy/**/*.json\" = [\"AKP097\"]\n",
    )
    .unwrap_or_default();
    let after = run(&dir.join("legacy"), "ecs/taskdef.json");
    assert_eq!(after.status.code(), Some(0), "{}", common::stdout(&after));
    assert!(codes(&after).is_empty(), "{:?}", codes(&after));
    std::fs::write(dir.join("akplan.toml"), "ignor = [\"AKP065\"]\n").unwrap_or_default();
    let bad = run(&dir, "legacy/ecs/taskdef.json");
    assert_eq!(
        bad.status.code(),
        Some(2),
        "an unknown key in akplan.toml is a usage error"
    );
}

#[test]
fn select_ignore_and_exit_zero_on_the_command_line() {
    let bad = "tests/fixtures/real-world/bad-AKP101-task-cpu-number.json";
    let out = common::akplan(&["validate", "--format", "json", "--ignore", "AKP1", bad]);
    assert_eq!(out.status.code(), Some(0));
    let out = common::akplan(&[
        "validate",
        "--format",
        "json",
        "--select",
        "AKP065,AKP0",
        bad,
    ]);
    assert!(codes(&out).is_empty(), "{:?}", codes(&out));
    let out = common::akplan(&["validate", "--exit-zero", bad]);
    assert_eq!(out.status.code(), Some(0));
    assert!(common::stdout(&out).contains("error[AKP101]"));
    let out = common::akplan(&["validate", "--ignore", "AKP999", bad]);
    assert_eq!(out.status.code(), Some(2), "a code that does not exist");
}

#[test]
fn github_annotations_name_files_from_the_repository_root() {
    let out = akplan_in(
        &common::fixtures("real-world"),
        &[
            "validate",
            "--format",
            "github",
            "bad-AKP098-awsvpc-host-port.json",
        ],
    );
    let text = common::stdout(&out);
    assert!(
        text.starts_with(
            "::error file=tests/fixtures/real-world/bad-AKP098-awsvpc-host-port.json,line="
        ),
        "{text}"
    );
}

fn multitool() -> PathBuf {
    common::root()
        .join("target/sarif-node/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool")
}

#[test]
#[ignore = "needs the SARIF multitool (npm): run `cargo xtask test` (after `bash .ci/setup`)"]
fn sarif_is_accepted_by_the_sarif_multitool() {
    let tool = multitool();
    assert!(
        tool.exists(),
        "the SARIF multitool is missing: run `bash .ci/setup` (it installs @microsoft/sarif-multitool@5.7.0 into target/sarif-node)"
    );
    let dir = common::scratch("sarif");
    // Spaces, `#` and `%` in names must be percent-encoded in URIs.
    std::fs::create_dir_all(dir.join("ecs defs")).unwrap_or_default();
    let tricky = dir.join("ecs defs/task #1 100%.taskdef.json");
    std::fs::copy(
        common::fixtures("real-world/bad-AKP064-awsvpc-duplicate-port.json"),
        &tricky,
    )
    .unwrap_or_default();
    let outside = std::env::temp_dir().join("akplan-sarif-outside.taskdef.json");
    std::fs::copy(
        common::fixtures("real-world/bad-AKP010-fargate-size.json"),
        &outside,
    )
    .unwrap_or_default();
    let out = common::akplan(&[
        "validate",
        "--format",
        "sarif",
        "tests/fixtures/real-world",
        "tests/fixtures/rules",
        &tricky.to_string_lossy(),
        &outside.to_string_lossy(),
    ]);
    let log: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let uris: Vec<String> = log["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .map(str::to_owned)
        })
        .collect();
    assert!(
        uris.contains(
            &"target/test-scratch/sarif/ecs%20defs/task%20%231%20100%25.taskdef.json".to_owned()
        ),
        "{uris:?}"
    );
    assert!(
        uris.iter().any(|u| u.starts_with("file:///")),
        "absolute paths outside the repository: {uris:?}"
    );
    let rule = &log["runs"][0]["tool"]["driver"]["rules"][10];
    assert!(
        rule["helpUri"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://"))
    );
    assert!(rule["help"]["markdown"].is_string());
    assert!(rule["properties"]["precision"].is_string());
    assert!(rule["properties"]["problem.severity"].is_string());
    let sarif = dir.join("akplan.sarif");
    std::fs::write(&sarif, &out.stdout).unwrap_or_default();
    let report = dir.join("validation.sarif");
    let run = Command::new(&tool)
        .arg("validate")
        .arg(&sarif)
        .arg("--output")
        .arg(&report)
        .args([
            "--level",
            "Error;Warning;Note",
            "--rule-kind",
            "Sarif;Gh",
            "--log",
            "ForceOverwrite",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", tool.display()));
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    let findings: Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap_or_default()).unwrap_or_default();
    let serious: Vec<String> = findings["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| {
            matches!(r["level"].as_str(), Some("error" | "warning")) || r["ruleId"] == "SARIF2012"
        })
        .map(|r| format!("{} {}", r["ruleId"], r["message"]))
        .collect();
    assert!(serious.is_empty(), "{}", serious.join("\n"));
}

#[test]
#[ignore = "needs Python: run `cargo xtask test` (after `bash .ci/setup`)"]
fn the_pre_commit_pattern_matches_only_what_it_should() {
    let hooks =
        std::fs::read_to_string(common::root().join(".pre-commit-hooks.yaml")).unwrap_or_default();
    let pattern = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("files: "))
        .unwrap_or_else(|| panic!("no files pattern"));
    let script = r#"
import re, sys
pattern = re.compile(sys.argv[1])
wanted = ["akplan.yaml", "deploy/akplan.yml", "svc/api.akplan.yaml", "taskdef.json", "ecs/task-definition.json",
          "infra/ecs-task-def.json", "app.taskdef.json", "taskdef.prod.json", "task_definition_api.json",
          "ecspresso/ecs-service-def.json", "deploy/TaskDefinition.json", "task-definitions.json"]
unwanted = ["taskdefaults.json", "package.json", "tasks.json", "src/taskdef.rs", "akplan.yaml.bak",
            "docs/task-definition.md", "mytaskdefaults.json", "servicedefaults.json"]
bad = [f for f in wanted if not pattern.search(f)] + [f"!{f}" for f in unwanted if pattern.search(f)]
print("\n".join(bad))
sys.exit(1 if bad else 0)
"#;
    let out = Command::new("python3")
        .args(["-c", script, pattern])
        .output()
        .unwrap_or_else(|e| panic!("python3: {e}"));
    assert!(
        out.status.success(),
        "pattern {pattern} gets these wrong:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn completions_are_printed_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = common::akplan(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(common::stdout(&out).contains("validate"), "{shell}");
    }
}

/// yaml-language-server (the YAML extension of VS Code, Neovim, Helix) shows each field's own
/// description on hover; `cpu` once showed "CPU units or MiB." from the shared size type.
#[test]
#[ignore = "needs yaml-language-server (npm) and Python: run `cargo xtask test` (after `bash .ci/setup`)"]
fn editor_hovers_show_each_fields_own_description() {
    let server = common::root()
        .join("target/yls-node/node_modules/yaml-language-server/bin/yaml-language-server");
    assert!(
        server.exists(),
        "yaml-language-server is missing: run `bash .ci/setup` (it installs yaml-language-server@1.25.0 into target/yls-node)"
    );
    let out = Command::new("python3")
        .arg(common::root().join("tests/tools/yaml_hover.py"))
        .arg(&server)
        .arg(common::root().join("schema/akplan.schema.json"))
        .output()
        .unwrap_or_else(|e| panic!("python3: {e}"));
    let hovers: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "yaml_hover.py: {e}: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    for (field, own) in [
        ("cpu", "Task CPU"),
        ("memory", "Task memory"),
        ("availability_zones", "Availability Zones to spread"),
        ("base_count", "Tasks needed at peak"),
    ] {
        let text = hovers[field].as_str().unwrap_or_default();
        assert!(text.contains(own), "{field}: {text}");
        assert!(
            !text.contains("Raw"),
            "{field} shows an internal type name: {text}"
        );
    }
    let cpu = hovers["cpu"].as_str().unwrap_or_default();
    assert!(!cpu.contains("CPU units or MiB."), "{cpu}");
}
