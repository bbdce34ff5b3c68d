//! Real editors' clients drive `akplan lsp`: Neovim headless (Debian's package) applies a quick
//! fix to a spec, and the VS Code extension, packaged into a .vsix, activates its client in a
//! Node test with a stub of VS Code's API. `.ci/setup` installs Neovim and the extension's npm
//! packages.

mod common;

use std::process::Command;

#[test]
#[ignore = "needs Neovim (Debian's `neovim`; .ci/setup installs it)"]
fn neovim_opens_a_spec_applies_a_quick_fix_and_sees_it_revalidated() {
    let dir = common::scratch("nvim");
    let spec = dir.join("akplan.yaml");
    std::fs::write(
        &spec,
        "version: 1\napp: demo\nregion: us-east-1\nservices:\n  api:\n    image: example/api:1.0.0\n    cpu: 1024\n    memory: 9 GB\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let script = common::root().join("tests/editors/nvim/test.lua");
    let out = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("AKPLAN_BIN", common::binary())
        .env("AKPLAN_SPEC", &spec)
        .env(
            "XDG_CACHE_HOME",
            common::root().join("target/test-scratch/no-price-cache"),
        )
        .output()
        .unwrap_or_else(|e| panic!("nvim (Debian's `neovim`; run .ci/setup): {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("fixed and re-validated"),
        "{stdout}\n{stderr}"
    );
    let text = std::fs::read_to_string(&spec).unwrap_or_default();
    assert!(
        text.contains("memory: 9 GB"),
        "the buffer was not saved: {text}"
    );
}

#[test]
#[ignore = "needs the extension's npm packages (.ci/setup installs them)"]
fn the_packaged_vscode_extension_activates_its_client() {
    let dir = common::root().join("editors/vscode");
    assert!(
        dir.join("node_modules/@vscode/vsce").exists(),
        "the extension's npm packages are missing: run .ci/setup"
    );
    let package = Command::new("bash")
        .arg(dir.join("package.sh"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        package.status.success(),
        "{}",
        String::from_utf8_lossy(&package.stderr)
    );
    let test = Command::new("node")
        .arg(dir.join("test/activation.test.js"))
        .arg(dir.join("akplan-0.1.0.vsix"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&test.stdout);
    assert!(
        test.status.success() && stdout.contains("activated"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&test.stderr)
    );
}
