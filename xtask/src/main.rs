//! `cargo xtask web`: build the static page into `dist/`; `cargo xtask serve`: serve it.
//!
//! The build: the Leptos app for wasm32 (profile `web`), `wasm-bindgen --target no-modules`,
//! `wasm-opt -Oz` (binaryen from npm, see the README: Debian's binaryen 108 breaks the page), then every
//! file gets a content hash in its name and `index.html` links them by relative URL, so the page
//! works from any sub-path and from `file://` (its scripts are classic `defer` scripts, since
//! browsers refuse module scripts from `file://`). The wasm travels inside a JS file as base64,
//! because the page's Content Security Policy forbids every network request (`connect-src
//! 'none'`), including the `fetch` that would load a `.wasm` file. It is LZMA-compressed before
//! the base64 and the boot script decodes it (`lzma.js`, in slices of a few milliseconds): base64
//! of compressed bytes gzips back to about the compressed size, where base64 of the raw wasm
//! cost 40% more on the wire. LZMA is 22% smaller than the DEFLATE that the browser's own
//! `DecompressionStream` reads (359 against 460 KB for the page's module), for about 100 ms of
//! decoding on a desktop, spread over tasks of under 10 ms.

#![allow(clippy::print_stdout, clippy::print_stderr)] // A command-line tool reports on stdout.

mod docs;
mod ecs_model;
mod prices;
mod serve;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use base64::Engine as _;
use sha2::{Digest, Sha256};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("web") => build_web().map(|dist| println!("built {}", dist.display())),
        Some("test") => test_all(),
        Some("size") => page_size(&root().join("dist"), &args[1..]),
        Some("ecs-model") => ecs_model::run(&root(), &args[1..]),
        Some("docs") => docs::run(&root(), args.iter().any(|a| a == "--check")),
        Some("prices") => prices::run(&root(), &args[1..]),
        Some("serve") => {
            let port = args
                .iter()
                .position(|a| a == "--port")
                .and_then(|i| args.get(i + 1))
                .and_then(|p| p.parse().ok())
                .unwrap_or(8000);
            serve::serve(&root().join("dist"), port)
        }
        _ => Err(
            "usage: cargo xtask web | cargo xtask serve [--port 8000] | cargo xtask test | cargo xtask size [--max-kb N] | cargo xtask ecs-model [--check] | cargo xtask docs [--check] | cargo xtask prices OFFER_FILES_OR_DIRS... [--out FILE]"
                .to_owned(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Every test: the workspace's, including the ones that need outside tools (botocore, terraform,
/// checkov, Node and the CDK, the SARIF multitool, yaml-language-server, Chromium), which plain
/// `cargo test` lists as ignored by name; and the page's own tests in the browser.
fn test_all() -> Result<(), String> {
    let root = root();
    let status = |cmd: &mut Command| -> Result<(), String> {
        let ok = cmd
            .current_dir(&root)
            .status()
            .map_err(|e| e.to_string())?
            .success();
        if ok {
            Ok(())
        } else {
            Err(format!("{:?} failed", cmd.get_args().collect::<Vec<_>>()))
        }
    };
    // `--include-ignored` runs the outside-tool tests; the page benchmark stays a benchmark.
    status(Command::new(env!("CARGO")).args([
        "test",
        "--",
        "--include-ignored",
        "--skip",
        "bench_page_size",
    ]))?;
    // The core as the page builds it: structure checked by `schema::subset`.
    status(Command::new(env!("CARGO")).args([
        "test",
        "-p",
        "akplan-core",
        "--no-default-features",
        "--lib",
    ]))?;
    status(
        Command::new(env!("CARGO"))
            .args([
                "test",
                "-p",
                "akplan-web",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env("CHROMEDRIVER", "/usr/bin/chromedriver"),
    )
}

/// The page's goal (issue 20): at most this many KB gzipped on first load.
const PAGE_BUDGET_KB: usize = 400;

/// `cargo xtask size [--max-kb N]`: every file of `dist/` (built by `cargo xtask web`) with its
/// size and gzipped size (DEFLATE level 9 plus gzip's 18-byte frame, what a server sends), the
/// total against the budget, and a failure when the total is over `--max-kb` (CI's ceiling).
fn page_size(dist: &Path, args: &[String]) -> Result<(), String> {
    let max_kb: Option<usize> = args
        .iter()
        .position(|a| a == "--max-kb")
        .and_then(|i| args.get(i + 1))
        .map(|n| n.parse().map_err(|_| format!("--max-kb {n}: not a number")))
        .transpose()?;
    let mut rows = Vec::new();
    let mut total = 0usize;
    let entries = std::fs::read_dir(dist)
        .map_err(|e| format!("{}: {e} (run `cargo xtask web` first)", dist.display()))?;
    let mut later = Vec::new();
    for entry in entries.flatten() {
        let bytes = std::fs::read(entry.path()).map_err(|e| e.to_string())?;
        let gz = miniz_oxide::deflate::compress_to_vec(&bytes, 9).len() + 18;
        let name = entry.file_name().to_string_lossy().into_owned();
        let row = format!("  {name:<28} {:>9} bytes {gz:>9} gzipped", bytes.len());
        // The second module loads on demand (import, compare, zip): not part of the first load.
        if name.starts_with("extras") {
            later.push(row);
        } else {
            total += gz;
            rows.push(row);
        }
    }
    rows.sort();
    later.sort();
    println!(
        "loaded on demand (import, compare, zip):\n{}",
        later.join("\n")
    );
    let kb = total.div_ceil(1024);
    println!(
        "page files (first load):\n{}\ntotal {kb} KB gzipped (budget {PAGE_BUDGET_KB} KB{})",
        rows.join("\n"),
        max_kb.map_or(String::new(), |m| format!(", CI ceiling {m} KB"))
    );
    match max_kb {
        Some(m) if kb > m => Err(format!(
            "the page is {kb} KB gzipped, over the {m} KB ceiling"
        )),
        _ => Ok(()),
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
    if !out.status.success() {
        return Err(format!(
            "{:?} failed:\n{}{}",
            cmd.get_program(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The `wasm-bindgen` version in Cargo.lock, which the CLI must match.
fn locked_wasm_bindgen(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".to_owned())
}

/// `wasm-opt` from `tools/` (npm binaryen) or PATH, refusing Debian's broken version 108.
fn wasm_opt(root: &Path) -> Result<PathBuf, String> {
    let local = root.join("tools/node_modules/.bin/wasm-opt");
    let bin = if local.exists() {
        local
    } else {
        PathBuf::from("wasm-opt")
    };
    let version = run(Command::new(&bin).arg("--version")).map_err(|_| {
        "wasm-opt not found: run `bash .ci/setup --web` once (it runs `npm install --prefix tools binaryen@132.0.0`)".to_owned()
    })?;
    let number: u32 = version
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .unwrap_or(0);
    if number < 116 {
        return Err(format!(
            "{} is too old (Debian's 108 breaks the page): use npm binaryen@132.0.0",
            version.trim()
        ));
    }
    Ok(bin)
}

/// The spec the page opens with when nothing is saved (the page's own default, `state::initial`).
const DEFAULT_SPEC: &str = akplan_core::EXAMPLES[1].1;

/// The boot script: puts the saved spec into the static frame (a share link's is left to the
/// planner, which decodes it), then, once the page is parsed, decodes the wasm in chunks of
/// 64 KiB of base64, yielding between them, so no task runs long on a slow phone, decodes its
/// LZMA in slices of 6 ms (`lzma.js`, prepended) and compiles it.
const BOOT_JS: &str = r#"(() => {
  const area = document.getElementById("shell-spec"), gutter = document.getElementById("shell-gutter");
  try {
    const saved = location.hash.length > 1 ? "" : localStorage.getItem("akplan.spec");
    const text = saved === null ? null : saved === "" ? "" : JSON.parse(saved);
    if (area && gutter && typeof text === "string") {
      area.value = text;
      const n = Math.max(1, text.split("\n").length - (text.endsWith("\n") ? 1 : 0));
      gutter.textContent = Array.from({ length: n }, (_, i) => i + 1).join("\n") + "\n";
    }
  } catch (e) { /* the frame keeps the default; the planner reads storage itself */ }
})();
const pause = () => self.scheduler && scheduler.yield ? scheduler.yield() : new Promise((r) => setTimeout(r, 0));
// base64 of LZMA-compressed wasm → the wasm's bytes: 64 KiB of base64, or 6 ms of decoding, per task.
const unpack = async (b64) => {
  const packed = new Uint8Array((b64.length >> 2) * 3 - (b64.endsWith("==") ? 2 : b64.endsWith("=") ? 1 : 0));
  const step = 1 << 16;
  for (let i = 0, o = 0; i < b64.length; i += step) {
    const chunk = atob(b64.slice(i, i + step));
    for (let j = 0; j < chunk.length; j++) packed[o++] = chunk.charCodeAt(j);
    await pause();
  }
  const more = lzma(packed);
  let bytes;
  while (!(bytes = more(6))) await pause();
  return bytes;
};
// The second module (import, compare, zip), loaded the first time the page asks for it.
let extras = null;
self.akplanLoadExtras = () => extras ||= (async () => {
  const add = (src) => new Promise((ok, fail) => {
    const s = document.createElement("script");
    s.src = "./" + src;
    s.onload = ok;
    s.onerror = () => fail(new Error("could not load " + src));
    document.head.appendChild(s);
  });
  await add("__EXTRAS_WASM__");
  await add("__EXTRAS_GLUE__");
  const b64 = self.akplanExtrasWasm;
  delete self.akplanExtrasWasm;
  await akplanExtrasInit({ module_or_path: await unpack(b64) });
  return akplanExtrasInit;
})().catch((e) => { extras = null; throw e; });
addEventListener("DOMContentLoaded", async () => {
  const b64 = self.akplanWasm;
  if (typeof b64 !== "string") return; // the frame alone (the browser test's layout check)
  delete self.akplanWasm;
  await wasm_bindgen({ module_or_path: await unpack(b64) });
  window.akplanBench = wasm_bindgen.bench;
});
"#;

/// `text` escaped for HTML element content.
fn html_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The line numbers the editor's gutter shows for `text`.
fn gutter(text: &str) -> String {
    let n = akplan_core::Lines::new(text).count();
    (1..=n).map(|i| format!("{i}\n")).collect()
}

fn hashed(name: &str, ext: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("{name}-{hex}.{ext}")
}

/// Runs wasm-bindgen (no-modules, under `global` when given) and `wasm-opt -Oz` over `wasm`:
/// the glue JS and the optimized wasm.
fn bindgen(
    root: &Path,
    wasm: &Path,
    out: &Path,
    name: &str,
    global: Option<&str>,
) -> Result<(Vec<u8>, Vec<u8>), String> {
    let mut cmd = Command::new("wasm-bindgen");
    cmd.args([
        "--target",
        "no-modules",
        "--no-typescript",
        "--out-name",
        name,
    ]);
    if let Some(g) = global {
        cmd.args(["--no-modules-global", g]);
    }
    run(cmd.arg("--out-dir").arg(out).arg(wasm))?;
    let optimized = out.join(format!("{name}_opt.wasm"));
    run(Command::new(wasm_opt(root)?)
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "-o",
        ])
        .arg(&optimized)
        .arg(out.join(format!("{name}_bg.wasm"))))?;
    let glue = std::fs::read(out.join(format!("{name}.js"))).map_err(|e| e.to_string())?;
    let bytes = std::fs::read(&optimized).map_err(|e| e.to_string())?;
    Ok((glue, bytes))
}

/// `self.<global> = "<base64 of the LZMA-compressed wasm>";`: the wasm as a classic script (the
/// CSP and `file://` forbid fetching it).
fn packed_js(global: &str, wasm: &[u8]) -> Result<String, String> {
    let packed = lzma_packed(wasm)?;
    Ok(format!(
        "self.{global} = \"{}\";\n",
        base64::engine::general_purpose::STANDARD.encode(&packed)
    ))
}

/// `bytes` in the "LZMA alone" format (header with the size, no end marker) that `lzma.js`
/// reads, at xz's strongest setting with the literal coder tuned for wasm (lc=4, pb=0:
/// 358 against 359 KB for the defaults). Checked by decoding it again.
fn lzma_packed(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::{Read as _, Write as _};
    let mut options = lzma_rust2::LzmaOptions::with_preset(9);
    (options.lc, options.lp, options.pb) = (4, 0, 0);
    options.nice_len = 273;
    let mut packed = Vec::new();
    let size = u64::try_from(bytes.len()).map_err(|e| e.to_string())?;
    let mut writer = lzma_rust2::LzmaWriter::new_use_header(&mut packed, &options, Some(size))
        .map_err(|e| e.to_string())?;
    writer.write_all(bytes).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    let mut back = Vec::with_capacity(bytes.len());
    lzma_rust2::LzmaReader::new_mem_limit(packed.as_slice(), u32::MAX, None)
        .and_then(|mut r| r.read_to_end(&mut back))
        .map_err(|e| format!("LZMA round trip: {e}"))?;
    if back != bytes {
        return Err("LZMA round trip gave other bytes".to_owned());
    }
    Ok(packed)
}

fn build_web() -> Result<PathBuf, String> {
    let root = root();
    let target = root.join("target");
    // Without rustup (a distribution's Rust) the build below says what is missing itself.
    if let Ok(installed) = run(Command::new("rustup").args(["target", "list", "--installed"]))
        && !installed
            .lines()
            .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        return Err(
            "the wasm32-unknown-unknown target is not installed: run `bash .ci/setup --web` once"
                .to_owned(),
        );
    }
    // The page, and its second module (import, compare, zip: loaded on demand).
    run(Command::new(env!("CARGO")).current_dir(&root).args([
        "build",
        "--quiet",
        "-p",
        "akplan-web",
        "-p",
        "akplan-web-extras",
        "--profile",
        "web",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    let bindgen_out = target.join("web-bindgen");
    let _ = std::fs::remove_dir_all(&bindgen_out);
    let wanted = locked_wasm_bindgen(&root)?;
    let have = run(Command::new("wasm-bindgen").arg("--version")).map_err(|_| {
        format!(
            "wasm-bindgen not found: run `bash .ci/setup --web` once (or `cargo install wasm-bindgen-cli --version {wanted}`)"
        )
    })?;
    if !have.contains(&wanted) {
        return Err(format!(
            "wasm-bindgen {} does not match Cargo.lock's {wanted}",
            have.trim()
        ));
    }
    let wasm_dir = target.join("wasm32-unknown-unknown/web");
    let main = bindgen(
        &root,
        &wasm_dir.join("akplan-web.wasm"),
        &bindgen_out,
        "app",
        None,
    )?;
    let extras = bindgen(
        &root,
        &wasm_dir.join("akplan_web_extras.wasm"),
        &bindgen_out,
        "extras",
        Some("akplanExtrasInit"),
    )?;

    // Written beside `dist/` and swapped in at the end, so a server already serving `dist/`
    // never finds it half written.
    let dist = root.join("dist");
    let staging = root.join("dist.new");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(|e| e.to_string())?;
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(staging.join(name), bytes).map_err(|e| format!("{name}: {e}"))
    };
    let glue_name = hashed("app", "js", &main.0);
    write(&glue_name, &main.0)?;
    let wasm_js = packed_js("akplanWasm", &main.1)?;
    let wasm_name = hashed("app-wasm", "js", wasm_js.as_bytes());
    write(&wasm_name, wasm_js.as_bytes())?;
    let extras_glue = hashed("extras", "js", &extras.0);
    write(&extras_glue, &extras.0)?;
    let extras_js = packed_js("akplanExtrasWasm", &extras.1)?;
    let extras_wasm = hashed("extras-wasm", "js", extras_js.as_bytes());
    write(&extras_wasm, extras_js.as_bytes())?;
    let boot = [include_str!("lzma.js"), BOOT_JS]
        .concat()
        .replace("__EXTRAS_WASM__", &extras_wasm)
        .replace("__EXTRAS_GLUE__", &extras_glue);
    let boot_name = hashed("boot", "js", boot.as_bytes());
    write(&boot_name, boot.as_bytes())?;
    // Classic scripts, run in order after parsing (`defer`): unlike module scripts, they load
    // from `file://` too. The small boot script comes first, so it fills the static frame with
    // the user's spec as soon as the HTML is parsed, while the wasm is still arriving.
    let scripts = [&boot_name, &wasm_name, &glue_name]
        .map(|name| format!("<script defer src=\"./{name}\"></script>"))
        .join("\n  ");
    let css = std::fs::read(root.join("web/assets/style.css")).map_err(|e| e.to_string())?;
    let css_name = hashed("style", "css", &css);
    write(&css_name, &css)?;
    let html = std::fs::read_to_string(root.join("web/assets/index.html"))
        .map_err(|e| e.to_string())?
        .replace("{{STYLE}}", &format!("./{css_name}"))
        .replace("{{SCRIPTS}}", &scripts)
        .replace("{{SPEC}}", &html_text(DEFAULT_SPEC))
        .replace("{{GUTTER}}", &gutter(DEFAULT_SPEC));
    write("index.html", html.as_bytes())?;
    let old = root.join("dist.old");
    let _ = std::fs::remove_dir_all(&old);
    if dist.exists() {
        std::fs::rename(&dist, &old).map_err(|e| format!("dist: {e}"))?;
    }
    std::fs::rename(&staging, &dist).map_err(|e| format!("dist: {e}"))?;
    let _ = std::fs::remove_dir_all(&old);
    Ok(dist)
}
