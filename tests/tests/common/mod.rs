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
pub fn akplan(args: &[&str]) -> Output {
    Command::new(binary())
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
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
