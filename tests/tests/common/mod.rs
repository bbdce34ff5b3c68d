//! Shared helpers of the end-to-end tests: the built `akplan` binary and the fixture folders.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// `tests/fixtures/<sub>`.
pub fn fixtures(sub: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(sub)
}

/// The `akplan` binary, built once per test process.
pub fn binary() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let run = escargot::CargoBuild::new()
            .manifest_path(root().join("Cargo.toml"))
            .package("akplan")
            .bin("akplan")
            .current_release()
            .current_target()
            .run()
            .unwrap_or_else(|e| panic!("building akplan failed: {e}"));
        run.path().to_path_buf()
    })
}

/// Runs `akplan` with `args` in the repository root, without colour.
///
/// The price cache is an empty scratch directory (never the user's) and today is 2026-02-01, a
/// month after akplan's table, so reports do not change with the calendar; tests of the cache
/// and of stale prices set their own.
pub fn akplan(args: &[&str]) -> Output {
    akplan_env(args, &[])
}

/// [`akplan`] with more environment variables (`XDG_CACHE_HOME`, `AKPLAN_TODAY`).
pub fn akplan_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(binary());
    cmd.args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        // Never removed: tests run in parallel; nothing writes there.
        .env(
            "XDG_CACHE_HOME",
            root().join("target/test-scratch/no-price-cache"),
        )
        .env("AKPLAN_TODAY", "2026-02-01");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output()
        .unwrap_or_else(|e| panic!("running akplan failed: {e}"))
}

/// stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A fresh directory `target/test-scratch/<name>` inside the repository (so repository-relative
/// paths apply), emptied first.
pub fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target/test-scratch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

/// Imports `files` with akplan's own import, checks the result is a valid spec and plans it:
/// the spec's YAML, its model and its plan.
pub fn import_and_plan(
    what: &str,
    files: &[(&str, &str)],
) -> (String, akplan_core::App, akplan_core::Plan) {
    use akplan_core::{Assumptions, Format, Prices, Source, check_spec, import, plan};
    let sources: Vec<Source<'_>> = files
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    let imported = import(&sources, None).unwrap_or_else(|e| panic!("{what}: {e}"));
    let checked = check_spec(&imported.yaml, Format::Yaml);
    let app = checked
        .model
        .unwrap_or_else(|| panic!("{what}: {:#?}\n{}", checked.diagnostics, imported.yaml));
    let planned = plan(&app, Assumptions::default(), &Prices::builtin(&app.region));
    (imported.yaml, app, planned)
}

/// What a round trip can carry besides task counts, costs and strategies.
#[derive(Debug, Clone, Copy)]
pub struct Carries {
    /// The zone count (not in ECS's own files: it lives on the subnets).
    pub zones: bool,
    /// The load balancer's health check and drain, hence the deployment time (not in ECS's own
    /// files: they live on the target group).
    pub timings: bool,
}

/// Each service of `before` (the plan of `original`) plans the same in `after`: task count,
/// cost and strategy, and what `carries` says: the per-AZ spread, and the deployment time
/// unless a lifecycle hook's expected time (akplan's assumption, in no AWS file) played a part.
pub fn assert_same_numbers(
    what: &str,
    original: &akplan_core::App,
    before: &akplan_core::Plan,
    after: &akplan_core::Plan,
    yaml: &str,
    carries: Carries,
) {
    for s in &before.services {
        let t = after
            .services
            .iter()
            .find(|t| t.name == s.name)
            .unwrap_or_else(|| panic!("{what}: {} not imported\n{yaml}", s.name));
        let at = format!("{what}/{}", s.name);
        assert_eq!(s.capacity.target, t.capacity.target, "{at}");
        if carries.zones {
            assert_eq!(s.capacity.per_az, t.capacity.per_az, "{at}");
        }
        assert_eq!(s.cost.monthly_usd, t.cost.monthly_usd, "{at}");
        assert_eq!(s.deployment.strategy, t.deployment.strategy, "{at}");
        let hooked = original
            .services
            .iter()
            .any(|a| a.name == s.name && !a.deployment.hooks.is_empty());
        if carries.timings && !hooked {
            assert_eq!(
                s.deployment.duration_seconds, t.deployment.duration_seconds,
                "{at}\n{yaml}"
            );
        }
    }
}
