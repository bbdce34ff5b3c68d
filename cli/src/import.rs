//! `akplan import`: a commented spec from task definitions, service definitions and Copilot
//! manifests; what could not be mapped is listed, and the result is validated.

use std::io::Write;
use std::path::PathBuf;

use akplan_core::{Format, Source, check_spec};

use crate::render::{self, OutputFormat};
use crate::validate::FileReport;
use crate::{ColorChoice, print};

/// Output formats of `akplan import`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// YAML with a comment saying where each value came from.
    Yaml,
    /// JSON (no comments).
    Json,
}

/// Arguments of `akplan import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Task definitions (with their service definitions), CloudFormation templates, Terraform
    /// files, Copilot manifests, or a directory of them (a Terraform module with its
    /// `terraform.tfvars`).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write the spec here instead of to standard output (never over an existing file without
    /// `--force`).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite `--output` if it exists.
    #[arg(long)]
    pub force: bool,
    /// Apply this Copilot environment's overrides (`environments.<NAME>`).
    #[arg(long, value_name = "NAME")]
    pub env: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ImportFormat::Yaml)]
    pub format: ImportFormat,
    /// When to colour diagnostics.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// The files of a directory that import reads, sorted: a Terraform module's `.tf` files with
/// `terraform.tfvars` and `*.auto.tfvars` (what Terraform itself loads), and the task, service and
/// Express definitions, CloudFormation templates and Copilot manifests akplan recognises.
fn directory(dir: &std::path::Path) -> Result<Vec<(String, String)>, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let name = p.to_string_lossy().into_owned();
        let file = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let terraform =
            file.ends_with(".tf") || file == "terraform.tfvars" || file.ends_with(".auto.tfvars");
        let other = [".json", ".yaml", ".yml"].iter().any(|e| file.ends_with(e));
        if !terraform && !other {
            continue;
        }
        let Ok(text) = crate::read::text(&p) else {
            continue;
        };
        if terraform || akplan_core::recognise(&text).is_some() {
            out.push((name, text));
        }
    }
    if out.is_empty() {
        return Err(format!(
            "{}: no Terraform module, task or service definition, template or manifest in it",
            dir.display()
        ));
    }
    Ok(out)
}

/// Runs the command: 0 written and valid, 1 written with errors, 2 nothing could be read.
pub fn run(args: &Args) -> Result<u8, String> {
    let mut texts: Vec<(String, String)> = Vec::new();
    for f in &args.files {
        if f.is_dir() {
            texts.extend(directory(f)?);
        } else {
            texts.push((f.to_string_lossy().into_owned(), crate::read::text(f)?));
        }
    }
    let sources: Vec<Source<'_>> = texts
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    let imported = akplan_core::import(&sources, args.env.as_deref())?;
    let text = match args.format {
        ImportFormat::Yaml => imported.yaml.clone(),
        ImportFormat::Json => {
            let (doc, _) =
                akplan_core::Document::parse(&imported.yaml, Format::Yaml).map_err(|_| {
                    "the imported spec does not read back (a bug: please report it)".to_owned()
                })?;
            let mut t = serde_json::to_string_pretty(&doc.to_json()).unwrap_or_default();
            t.push('\n');
            t
        }
    };
    let shown = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from("akplan.yaml"));
    let mut err = std::io::stderr().lock();
    for u in &imported.unmapped {
        let _ = writeln!(err, "warning: not mapped: {u}");
    }
    let checked = check_spec(&imported.yaml, Format::Yaml);
    let has_errors = checked.has_errors();
    if !checked.diagnostics.is_empty() {
        let root = crate::repo::Root::find()?;
        let report = FileReport {
            location: root.locate(&shown),
            path: shown.clone(),
            text: imported.yaml.clone(),
            checked,
        };
        let _ = write!(
            err,
            "{}",
            render::render(OutputFormat::Human, &[report], args.color.enabled(), &root)
        );
    }
    match &args.output {
        Some(path) => {
            if path.exists() && !args.force {
                return Err(format!(
                    "{} exists: pass --force to overwrite it, or choose another --output",
                    path.display()
                ));
            }
            std::fs::write(path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
            let _ = writeln!(err, "wrote {}", path.display());
        }
        None => {
            print(&text)?;
        }
    }
    Ok(u8::from(has_errors))
}
