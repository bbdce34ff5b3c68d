//! Regression tests for what a hostile or unlucky input did to akplan 0.1: numbers that wrapped or
//! vanished, files that blocked or were read whole, links that were skipped or written through,
//! and key names that reached the terminal raw.

mod common;

use std::process::Command;

use common::{akplan, stdout};

const SPEC: &str = "version: 1\napp: shop\nregion: us-east-1\nservices:\n  api:\n    image: nginx:1.27\n    cpu: 256\n    memory: 512\n    port: 8080\n";

fn spec_with(dir: &std::path::Path, extra: &str) -> String {
    let path = dir.join("akplan.yaml");
    std::fs::write(&path, format!("{SPEC}{extra}")).unwrap_or_default();
    path.to_string_lossy().into_owned()
}

/// `task_start_seconds: 4294967295` panicked in a debug build and wrapped to a 7 min 59 s
/// deployment in release; `.nan`, `.inf` and `1e400` became "not set"; `peak_rps: -100` passed.
#[test]
fn numbers_out_of_range_are_positioned_errors_never_panics() {
    let dir = common::scratch("numbers");
    for (extra, code) in [
        (
            "    deployment:\n      task_start_seconds: 4294967295\n",
            "AKP004",
        ),
        ("    capacity:\n      base_count: .nan\n", "AKP006"),
        ("    capacity:\n      base_count: .inf\n", "AKP006"),
        (
            "    capacity:\n      peak_rps: 1e400\n      rps_per_task: 10\n",
            "AKP006",
        ),
        (
            "    capacity:\n      peak_rps: -100\n      rps_per_task: 10\n",
            "AKP004",
        ),
    ] {
        let path = spec_with(&dir, extra);
        let out = akplan(&["plan", &path]);
        assert_eq!(out.status.code(), Some(1), "{extra}: {}", stdout(&out));
        assert!(
            stdout(&out).contains(&format!("error[{code}]")),
            "{extra}: {}",
            stdout(&out)
        );
    }
}

/// `plan /dev/zero` read until out of memory; `plan` on a FIFO blocked forever; a 6 GB sparse
/// file was read whole before the 4 MiB check.
#[test]
fn special_and_huge_files_are_refused_without_reading_them() {
    let out = akplan(&["plan", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
    let dir = common::scratch("special");
    let fifo = dir.join("spec.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let out = akplan(&["validate", &fifo.to_string_lossy()]);
        assert_eq!(out.status.code(), Some(2));
    }
    let huge = dir.join("huge.akplan.yaml");
    let file = std::fs::File::create(&huge).unwrap_or_else(|e| panic!("{e}"));
    file.set_len(6 << 30).unwrap_or_else(|e| panic!("{e}"));
    let out = akplan(&["validate", &huge.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error[AKP002]"), "{}", stdout(&out));
    let _ = std::fs::remove_file(&huge);
}

/// A directory whose `akplan.yaml` is a link to an invalid spec passed with "0 files"; one
/// unreadable file aborted the whole run.
#[test]
fn walking_checks_linked_files_and_goes_on_past_unreadable_ones() {
    let dir = common::scratch("links");
    std::fs::create_dir_all(dir.join("svc")).unwrap_or_default();
    std::fs::copy(
        common::fixtures("rules/AKP010.fail.yaml"),
        dir.join("broken-spec.yaml.txt"),
    )
    .unwrap_or_default();
    std::os::unix::fs::symlink("../broken-spec.yaml.txt", dir.join("svc/akplan.yaml"))
        .unwrap_or_default();
    std::os::unix::fs::symlink("missing.json", dir.join("svc/taskdef.json")).unwrap_or_default();
    let out = akplan(&["validate", "--format", "json", &dir.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let severities: Vec<(String, String)> = doc["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["diagnostics"].as_array().cloned().unwrap_or_default())
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["severity"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert!(
        severities.contains(&("AKP007".to_owned(), "error".to_owned())),
        "an unreadable taskdef.json fails the run: {severities:?}"
    );
    // An unreadable file that is no definition is a warning, and the run goes on.
    std::fs::remove_file(dir.join("svc/akplan.yaml")).unwrap_or_default();
    std::fs::remove_file(dir.join("svc/taskdef.json")).unwrap_or_default();
    std::os::unix::fs::symlink("missing.yaml", dir.join("svc/notes.yaml")).unwrap_or_default();
    let quiet = akplan(&["validate", "--format", "json", &dir.to_string_lossy()]);
    assert_eq!(quiet.status.code(), Some(0), "{}", stdout(&quiet));
    assert!(stdout(&quiet).contains("AKP007"));
    std::os::unix::fs::symlink("../broken-spec.yaml.txt", dir.join("svc/akplan.yaml"))
        .unwrap_or_default();
    std::os::unix::fs::symlink("missing.json", dir.join("svc/taskdef.json")).unwrap_or_default();
    let codes: Vec<&str> = doc["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["diagnostics"].as_array().cloned().unwrap_or_default())
        .filter_map(|d| d["code"].as_str().map(str::to_owned))
        .map(|c| {
            if c == "AKP010" {
                "AKP010"
            } else if c == "AKP007" {
                "AKP007"
            } else {
                "other"
            }
        })
        .collect();
    assert!(
        codes.contains(&"AKP010"),
        "the linked spec is checked: {codes:?}"
    );
    assert!(
        codes.contains(&"AKP007"),
        "the dangling link is reported: {codes:?}"
    );
    let named = akplan(&["validate", &dir.join("svc/taskdef.json").to_string_lossy()]);
    assert_eq!(
        named.status.code(),
        Some(2),
        "a named unreadable file stops the run"
    );
}

/// `init` wrote through a dangling `akplan.yaml` link.
#[test]
fn init_does_not_write_through_a_link() {
    let dir = common::scratch("init-link");
    let target = dir.join("elsewhere.yaml");
    std::os::unix::fs::symlink(&target, dir.join("akplan.yaml")).unwrap_or_default();
    let out = Command::new(common::binary())
        .args(["init", "--force"])
        .current_dir(&dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(!target.exists(), "init wrote through the link");
}

/// Key names reached the terminal raw: escape sequences retitled or cleared it, and a newline
/// followed by `::error` became a GitHub Actions command in the log.
#[test]
fn control_characters_in_keys_are_shown_escaped() {
    let dir = common::scratch("escapes");
    let path = spec_with(&dir, "    \"x\\e]0;pwned\\a\\n::error file=a::b\": 1\n");
    let out = akplan(&["validate", &path]);
    let text = stdout(&out);
    assert!(text.contains("unknown field"), "{text}");
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(!text.contains('\u{7}'), "{text:?}");
    assert!(!text.lines().any(|l| l.starts_with("::")), "{text}");
}

/// A container named `x=require("child_process").execSync(...)` validated with 0 errors and
/// became code in the CDK app; names of any length were accepted (ECS allows 255 characters).
#[test]
fn container_names_are_checked_before_they_reach_any_emitter() {
    let dir = common::scratch("names");
    for name in [
        "'x=require(\"child\\x5fprocess\").execSync(\"touch /tmp/PWNED\"),y'",
        "'日本語'",
        &"a".repeat(300),
    ] {
        let path = spec_with(
            &dir,
            &format!("    containers:\n      {name}:\n        image: busybox:1.36\n"),
        );
        let out = akplan(&["validate", &path]);
        assert!(stdout(&out).contains("error[AKP004]"), "{}", stdout(&out));
        let emitted = dir.join("out");
        let out = akplan(&["emit", "cdk", &path, "-o", &emitted.to_string_lossy()]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            !emitted.exists(),
            "nothing is written for a spec with errors"
        );
    }
}

/// Secrets were found by their variable name only: these values were emitted verbatim into the
/// task definition, `main.tf` and `stack.ts`, and AKP051 quoted the value it rejected into SARIF.
#[test]
fn secrets_are_found_by_value_and_never_printed() {
    let dir = common::scratch("secret-values");
    let values = [
        "AKIAIOSFODNN7EXAMPLE",
        "-----BEGIN RSA PRIVATE KEY-----MIIEowIBAAKCAQEA",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "postgres://shop:hunter2hunter2@db.internal:5432/shop",
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
    ];
    let mut extra = String::from("    environment:\n");
    for (i, v) in values.iter().enumerate() {
        extra.push_str(&format!("      VALUE_{i}: '{v}'\n"));
    }
    extra.push_str("      dbPassword: plain\n      API_KEY2: plain\n      ME_CONFIG_MONGODB_ADMINPASSWORD: plain\n");
    extra.push_str("    command: [\"serve\", \"--api-key=live0123456789\"]\n");
    extra.push_str("    secrets:\n      LEAKED: sk_live_4eC39HqLyjWDarjtT1zdp7dc\n");
    let path = spec_with(&dir, &extra);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let path = path.replace("image: nginx:1.27", "");
    std::fs::write(
        &path,
        text.replace(
            "image: nginx:1.27",
            "image: deploy:hunter22@registry.example.com/shop:1.0",
        ),
    )
    .unwrap_or_default();
    for format in ["human", "json", "sarif", "github"] {
        let out = akplan(&["validate", "--format", format, &path]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        let printed = stdout(&out);
        for secret in values.iter().copied().chain([
            "hunter22",
            "live0123456789",
            "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        ]) {
            assert!(!printed.contains(secret), "{format} prints {secret}");
        }
        if format == "json" {
            let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
            let paths: Vec<String> = doc["files"][0]["diagnostics"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|d| matches!(d["code"].as_str(), Some("AKP050" | "AKP054" | "AKP051")))
                .filter_map(|d| d["path"].as_str().map(str::to_owned))
                .collect();
            for wanted in [
                "/services/api/image",
                "/services/api/command/1",
                "/services/api/environment/VALUE_0",
                "/services/api/environment/VALUE_4",
                "/services/api/environment/dbPassword",
                "/services/api/environment/API_KEY2",
                "/services/api/environment/ME_CONFIG_MONGODB_ADMINPASSWORD",
                "/services/api/secrets/LEAKED",
            ] {
                assert!(
                    paths.iter().any(|p| p == wanted),
                    "{wanted} not in {paths:?}"
                );
            }
        }
    }
    let emitted = dir.join("out");
    let out = akplan(&["emit", "all", &path, "-o", &emitted.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!emitted.exists());
}

/// `emit` followed a link planted in the output tree, wrote into a path that was a file, and
/// left the files of a renamed service behind.
#[test]
fn emit_writes_safely_and_cleans_up_after_itself() {
    let dir = common::scratch("emit");
    let out = dir.join("out");
    let outside = dir.join("outside");
    std::fs::create_dir_all(out.join("taskdef")).unwrap_or_default();
    std::fs::create_dir_all(&outside).unwrap_or_default();
    std::os::unix::fs::symlink(outside.join("api.json"), out.join("taskdef/api.json"))
        .unwrap_or_default();
    let spec = spec_with(&dir, "    capacity: {base_count: 2}\n");
    let run = |target: &str, out: &std::path::Path| {
        akplan(&["emit", target, &spec, "-o", &out.to_string_lossy()])
    };
    let refused = run("taskdef", &out);
    assert_eq!(refused.status.code(), Some(2), "{}", stdout(&refused));
    assert!(
        !outside.join("api.json").exists(),
        "emit wrote through the link"
    );
    assert!(
        !out.join("service").exists(),
        "a refused run writes nothing"
    );
    std::fs::remove_file(out.join("taskdef/api.json")).unwrap_or_default();

    let file = dir.join("a-file");
    std::fs::write(&file, "mine").unwrap_or_default();
    assert_eq!(run("all", &file).status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&file).unwrap_or_default(), "mine");

    assert_eq!(run("all", &out).status.code(), Some(0));
    assert!(out.join("taskdef/api.json").is_file());
    std::fs::write(out.join("cdk/my-notes.md"), "mine").unwrap_or_default();
    // Rename the service: its old files go, the user's own stay, other targets are kept.
    let renamed = std::fs::read_to_string(&spec)
        .unwrap_or_default()
        .replace("  api:", "  web:");
    std::fs::write(&spec, renamed).unwrap_or_default();
    let again = run("taskdef", &out);
    assert_eq!(again.status.code(), Some(0));
    assert!(stdout(&again).contains("removed"), "{}", stdout(&again));
    assert!(!out.join("taskdef/api.json").exists());
    assert!(out.join("taskdef/web.json").is_file());
    assert!(
        out.join("service/api.json").is_file(),
        "another target's files are kept"
    );
    assert!(
        out.join("cdk/my-notes.md").is_file(),
        "the user's own files are kept"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".akplan-staging")
        })
        .collect();
    assert!(leftovers.is_empty());
}

/// A `--prices` file with NaN or negative prices printed `$NaN`, negative costs, or JSON that
/// broke its own schema.
#[test]
fn price_files_with_impossible_prices_are_refused() {
    let dir = common::scratch("prices");
    let good = std::fs::read_to_string(common::fixtures("prices/amazonecs-us-east-1.json"))
        .unwrap_or_default();
    let first = good.find("\"USD\"").unwrap_or(0);
    let value_start = first + good[first..].find(": \"").unwrap_or(0) + 3;
    let value_end = value_start + good[value_start..].find('"').unwrap_or(0);
    let spec = spec_with(&dir, "    capacity: {base_count: 2}\n");
    for bad in ["NaN", "-0.04", "inf", "1e300"] {
        let prices = dir.join("prices.json");
        let text = format!("{}{bad}{}", &good[..value_start], &good[value_end..]);
        std::fs::write(&prices, text).unwrap_or_default();
        let out = akplan(&[
            "plan",
            "--format",
            "json",
            &spec,
            "--prices",
            &prices.to_string_lossy(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stdout(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("a price must be a number"), "{bad}: {err}");
    }
}
