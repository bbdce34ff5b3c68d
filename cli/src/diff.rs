//! `akplan diff`: two versions of a spec compared, as a report, JSON, or a pull-request comment.

use std::path::{Path, PathBuf};
use std::process::Command;

use akplan_core::present::{duration, usd};
use akplan_core::{Analysis, Assumptions, Diff, Format, ServiceChange, ServiceDiff, analyze};
use serde::Serialize;

use crate::print;

/// Output formats of `akplan diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// A plain-text report.
    Human,
    /// `schema/akplan-diff.schema.json` (with `--git`: `{"files": [{"path", ...}]}`).
    Json,
    /// A pull-request comment: a summary line, a table, details folded.
    Markdown,
}

/// Arguments of `akplan diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The spec before (with `--git`: paths to compare; default: the whole work tree).
    #[arg(value_name = "BASE | PATHS")]
    pub paths: Vec<PathBuf>,
    /// Compare each spec in the work tree with the same path at this git revision.
    #[arg(long, value_name = "REV")]
    pub git: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
}

/// One compared file.
#[derive(Debug, Serialize)]
struct FileDiff {
    /// The path (`--git`), or `BASE → HEAD`.
    path: String,
    #[serde(flatten)]
    diff: Diff,
}

/// Runs the command.
pub fn run(args: &Args) -> Result<u8, String> {
    let files = match &args.git {
        Some(rev) => git_pairs(rev, &args.paths)?,
        None => {
            let [base, head] = args.paths.as_slice() else {
                return Err(
                    "give BASE and HEAD files, or --git REV [PATHS...] (see `akplan diff --help`)"
                        .to_owned(),
                );
            };
            let side = |p: &Path| -> Result<Analysis, String> {
                let text = crate::read::text(p)?;
                Ok(analyze_text(&text, p))
            };
            vec![FileDiff {
                path: format!("{} → {}", base.display(), head.display()),
                diff: akplan_core::diff(Some(&side(base)?), Some(&side(head)?)),
            }]
        }
    };
    let text = match args.format {
        DiffFormat::Json if args.git.is_none() => json(&files[0].diff),
        DiffFormat::Json => json(&serde_json::json!({ "files": files })),
        DiffFormat::Human => files.iter().map(human).collect::<Vec<_>>().join("\n"),
        DiffFormat::Markdown => markdown(&files),
    };
    print(&text)
}

fn json<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

fn analyze_text(text: &str, path: &Path) -> Analysis {
    analyze(
        text,
        Format::from_name(&path.to_string_lossy()),
        Assumptions::default(),
    )
}

/// `git` with `args` in the current directory; its standard output, bounded like any input.
fn git(args: &[&str]) -> Result<Option<Vec<u8>>, String> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("git: {e}"))?;
    if !out.status.success() {
        return Ok(None);
    }
    if out.stdout.len() > akplan_core::MAX_INPUT_BYTES {
        return Err(format!(
            "git {}: more than {} bytes",
            args.join(" "),
            akplan_core::MAX_INPUT_BYTES
        ));
    }
    Ok(Some(out.stdout))
}

/// Whether `text` is an akplan spec (by akplan's own file name, or by its content).
fn is_spec(path: &Path, text: &str) -> bool {
    akplan_project::discover::is_spec_name(path)
        || akplan_core::check(text, Format::from_name(&path.to_string_lossy())).kind
            == akplan_core::FileKind::Spec
}

/// Every spec under `paths` in the work tree or at `rev`, each paired with its other side.
fn git_pairs(rev: &str, paths: &[PathBuf]) -> Result<Vec<FileDiff>, String> {
    if rev.starts_with('-') {
        return Err(format!("`{rev}` is not a revision"));
    }
    if git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])?
    .is_none()
    {
        return Err(format!("`{rev}` is not a commit of this git repository"));
    }
    let roots: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut candidates: Vec<PathBuf> = Vec::new();
    for root in &roots {
        let root_text = root.to_string_lossy().into_owned();
        let listed = git(&[
            "ls-tree",
            "-r",
            "--name-only",
            "--full-name",
            rev,
            "--",
            &root_text,
        ])?
        .unwrap_or_default();
        let prefix = git(&["rev-parse", "--show-prefix"])?.unwrap_or_default();
        let prefix = String::from_utf8_lossy(&prefix).trim().to_owned();
        for line in String::from_utf8_lossy(&listed).lines() {
            let relative = line.strip_prefix(&prefix).unwrap_or(line);
            candidates.push(PathBuf::from(relative));
        }
        if root.is_file() {
            candidates.push(root.clone());
        } else if root.is_dir() {
            candidates.extend(
                walkdir::WalkDir::new(root)
                    .into_iter()
                    .filter_entry(|e| {
                        !akplan_project::discover::SKIP_DIRS
                            .contains(&e.file_name().to_string_lossy().as_ref())
                    })
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_file())
                    .map(|e| {
                        e.path()
                            .strip_prefix("./")
                            .unwrap_or(e.path())
                            .to_path_buf()
                    }),
            );
        }
    }
    candidates.retain(|p| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "yaml" | "yml" | "json"))
    });
    candidates.sort();
    candidates.dedup();
    let mut out = Vec::new();
    for path in candidates {
        let head = if path.is_file() {
            Some(crate::read::text(&path)?)
        } else {
            None
        };
        let spec = format!("{rev}:./{}", path.to_string_lossy());
        let base = git(&["show", &spec])?.map(|b| String::from_utf8_lossy(&b).into_owned());
        let spec_on = |text: &Option<String>| text.as_deref().is_some_and(|t| is_spec(&path, t));
        if !spec_on(&head) && !spec_on(&base) {
            continue;
        }
        let side = |text: Option<String>| text.map(|t| analyze_text(&t, &path));
        let diff = akplan_core::diff(side(base).as_ref(), side(head).as_ref());
        out.push(FileDiff {
            path: path.to_string_lossy().into_owned(),
            diff,
        });
    }
    Ok(out)
}

/// `+$1.23` or `−$1.23`.
fn signed(x: f64) -> String {
    if x < 0.0 {
        format!("−{}", usd(-x))
    } else {
        format!("+{}", usd(x))
    }
}

/// A delta, or why there is none.
fn signed_or(x: Option<f64>) -> String {
    x.map_or_else(|| "not planned (errors)".to_owned(), signed)
}

/// `a → b`, `a` when equal, `—` when absent.
fn change<T: PartialEq>(base: Option<T>, head: Option<T>, show: impl Fn(T) -> String) -> String {
    match (base, head) {
        (Some(b), Some(h)) if b == h => show(h),
        (Some(b), Some(h)) => format!("{} → {}", show(b), show(h)),
        (None, Some(h)) => show(h),
        (Some(b), None) => format!("{} → —", show(b)),
        (None, None) => "—".to_owned(),
    }
}

fn tasks(s: &ServiceDiff) -> String {
    let mut text = change(s.capacity_target.base, s.capacity_target.head, |n| {
        n.to_string()
    });
    if s.survives_az_loss.changed() {
        let word = |b: bool| if b { "AZ-safe" } else { "not AZ-safe" }.to_owned();
        text.push_str(&format!(
            " ({})",
            change(s.survives_az_loss.base, s.survives_az_loss.head, word)
        ));
    }
    text
}

fn cost(s: &ServiceDiff) -> String {
    let on = |side: Option<(akplan_core::ByArch, akplan_core::Arch)>| side.map(|(c, a)| c.of(a));
    let base = s.monthly_usd.base.zip(s.chosen_arch.base);
    let head = s.monthly_usd.head.zip(s.chosen_arch.head);
    change(
        on(base).map(|x| (x * 100.0).round() as i64),
        on(head).map(|x| (x * 100.0).round() as i64),
        |c| usd(c as f64 / 100.0),
    )
}

fn word(c: ServiceChange) -> &'static str {
    match c {
        ServiceChange::Added => "added",
        ServiceChange::Removed => "removed",
        ServiceChange::Changed => "changed",
        ServiceChange::Same => "same",
    }
}

/// The whole app's delta on the architectures the services run: each service's own delta, plus
/// what is shared (load balancer, NAT, line items), which does not depend on the architecture;
/// `None` when a version does not plan.
fn chosen_total(d: &Diff) -> Option<f64> {
    let total = d.total.monthly_usd_delta?;
    let mut services_x86 = 0.0;
    let mut chosen = 0.0;
    for s in &d.services {
        services_x86 += s.monthly_usd_delta?.x86_64;
        chosen += s.chosen_monthly_usd_delta?;
    }
    Some(chosen + total.x86_64 - services_x86)
}

/// What the services share (load balancer, NAT, line items): the total's delta less theirs.
fn shared(d: &Diff) -> Option<f64> {
    let chosen: Option<f64> = d.services.iter().map(|s| s.chosen_monthly_usd_delta).sum();
    Some(chosen_total(d)? - chosen?)
}

/// `+ error AKP010 line 9: ...` for each new diagnostic, `- ...` for each gone one.
fn diagnostics_lines(out: &mut String, pad: &str, d: &akplan_core::DiagnosticsDelta) {
    for x in &d.added {
        out.push_str(&format!(
            "{pad}+ {} {} line {}: {}\n",
            x.severity, x.code, x.line, x.message
        ));
    }
    for x in &d.removed {
        out.push_str(&format!(
            "{pad}- {} {}: {}\n",
            x.severity, x.code, x.message
        ));
    }
}

fn human(f: &FileDiff) -> String {
    let d = &f.diff;
    let mut out = format!("{}\n", f.path);
    if d.is_empty() {
        out.push_str("  no change to capacity, deployment, recovery, cost or diagnostics\n");
        return out;
    }
    for s in d
        .services
        .iter()
        .filter(|s| s.change != ServiceChange::Same)
    {
        out.push_str(&format!(
            "  {} ({}): tasks {}; deployment {}; peak {}; RTO {}; cost/month {} ({})\n",
            s.name,
            word(s.change),
            tasks(s),
            change(
                s.deployment_seconds.base,
                s.deployment_seconds.head,
                duration
            ),
            change(s.peak_tasks.base, s.peak_tasks.head, |n| n.to_string()),
            change(s.rto_seconds.base, s.rto_seconds.head, duration),
            cost(s),
            signed_or(s.chosen_monthly_usd_delta),
        ));
        diagnostics_lines(&mut out, "    ", &s.diagnostics);
    }
    diagnostics_lines(&mut out, "  ", &d.diagnostics);
    match d.total.monthly_usd_delta {
        Some(t) => out.push_str(&format!(
            "  total/month {} on the chosen architectures (x86_64 {}, arm64 {})\n",
            signed_or(chosen_total(d)),
            signed(t.x86_64),
            signed(t.arm64)
        )),
        None => out.push_str("  total/month: not planned (a version has errors)\n"),
    }
    if let Some(line) = prices_line(&d.total.prices) {
        out.push_str(&format!("  {line}\n"));
    }
    out
}

/// Where the prices of the two sides come from: once when they agree, both when they differ
/// (a cost change may then be the prices' and not the spec's).
fn prices_line(p: &akplan_core::Change<String>) -> Option<String> {
    match (&p.base, &p.head) {
        (Some(b), Some(h)) if b == h => Some(format!("prices: {h}")),
        (Some(b), Some(h)) => Some(format!(
            "prices: {b} → {h} (different sources: part of the change may be the prices')"
        )),
        (None, Some(h)) => Some(format!("prices: {h}")),
        (Some(b), None) => Some(format!("prices: {b}")),
        (None, None) => None,
    }
}

/// Text a user wrote (messages quote it) made safe inside a Markdown table cell or list.
fn md(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace(['\n', '\r'], " ")
}

/// The comment: one summary line, one table for every file, diagnostics folded.
fn markdown(files: &[FileDiff]) -> String {
    let sum = |f: &dyn Fn(&FileDiff) -> Option<f64>| -> Option<f64> { files.iter().map(f).sum() };
    let total = sum(&|f| chosen_total(&f.diff));
    let x86 = sum(&|f| f.diff.total.monthly_usd_delta.map(|t| t.x86_64));
    let arm = sum(&|f| f.diff.total.monthly_usd_delta.map(|t| t.arm64));
    let changed: usize = files
        .iter()
        .flat_map(|f| &f.diff.services)
        .filter(|s| s.change != ServiceChange::Same)
        .count();
    let new_errors: usize = files
        .iter()
        .flat_map(|f| {
            f.diff
                .services
                .iter()
                .flat_map(|s| &s.diagnostics.added)
                .chain(&f.diff.diagnostics.added)
        })
        .filter(|x| x.severity == "error")
        .count();
    let headline = match (total, x86, arm) {
        (Some(t), Some(x), Some(a)) => format!(
            "{}/month on the chosen architectures (x86_64 {}, arm64 {})",
            signed(t),
            signed(x),
            signed(a)
        ),
        _ => "cost not planned (a version has errors)".to_owned(),
    };
    let mut out = format!(
        "### akplan: {headline} · {changed} service{} changed{}\n\n",
        if changed == 1 { "" } else { "s" },
        match new_errors {
            0 => String::new(),
            1 => " · **1 new error**".to_owned(),
            n => format!(" · **{n} new errors**"),
        }
    );
    if files.iter().all(|f| f.diff.is_empty()) {
        out.push_str("No change to capacity, deployment time, recovery, cost or diagnostics.\n");
        return out;
    }
    out.push_str("| file | service | change | tasks | deployment | RTO | cost/month | Δ/month |\n");
    out.push_str("|---|---|---|---:|---:|---:|---:|---:|\n");
    for f in files {
        for s in f
            .diff
            .services
            .iter()
            .filter(|s| s.change != ServiceChange::Same)
        {
            out.push_str(&format!(
                "| `{}` | `{}` | {} | {} | {} | {} | {} | **{}** |\n",
                md(&f.path),
                md(&s.name),
                word(s.change),
                tasks(s),
                change(
                    s.deployment_seconds.base,
                    s.deployment_seconds.head,
                    duration
                ),
                change(s.rto_seconds.base, s.rto_seconds.head, duration),
                cost(s),
                signed_or(s.chosen_monthly_usd_delta),
            ));
        }
        if let Some(shared) = shared(&f.diff).filter(|x| x.abs() >= 0.005) {
            out.push_str(&format!(
                "| `{}` | load balancer, NAT, line items | | | | | | **{}** |\n",
                md(&f.path),
                signed(shared)
            ));
        }
    }
    out.push_str(&format!(
        "| **total** | | | | | | | **{}** |\n",
        signed_or(total)
    ));
    let mut sources: Vec<String> = files
        .iter()
        .filter_map(|f| prices_line(&f.diff.total.prices))
        .collect();
    sources.dedup();
    for line in sources {
        let mut line = md(&line);
        if let Some(first) = line.get(..1) {
            line = first.to_uppercase() + &line[1..];
        }
        out.push_str(&format!("\n{line}.\n"));
    }
    let diagnostics: Vec<String> = files
        .iter()
        .flat_map(|f| {
            let service = f.diff.services.iter().flat_map(|s| {
                s.diagnostics
                    .added
                    .iter()
                    .map(|x| ("new", x))
                    .chain(s.diagnostics.removed.iter().map(|x| ("gone", x)))
            });
            let app = f
                .diff
                .diagnostics
                .added
                .iter()
                .map(|x| ("new", x))
                .chain(f.diff.diagnostics.removed.iter().map(|x| ("gone", x)));
            service.chain(app).map(move |(kind, x)| {
                format!(
                    "- {kind}: {} `{}` in `{}` at `{}`: {}",
                    x.severity,
                    x.code,
                    md(&f.path),
                    md(&x.pointer),
                    md(&x.message)
                )
            })
        })
        .collect();
    if !diagnostics.is_empty() {
        out.push_str(&format!(
            "\n<details><summary>Diagnostics: {} changed</summary>\n\n{}\n\n</details>\n",
            diagnostics.len(),
            diagnostics.join("\n")
        ));
    }
    out
}
