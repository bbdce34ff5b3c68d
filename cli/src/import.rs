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
    /// A CloudFormation parameter's value over its `Default`, as `aws cloudformation deploy
    /// --parameter-overrides Key=Value` gives it (repeatable).
    #[arg(long = "parameter", value_name = "KEY=VALUE", value_parser = parameter)]
    pub parameters: Vec<(String, String)>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ImportFormat::Yaml)]
    pub format: ImportFormat,
    /// When to colour diagnostics.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

fn parameter(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.to_owned())),
        _ => Err(format!("`{text}`: expected KEY=VALUE")),
    }
}

/// What an ecspresso configuration gives import: the files (name, text) and the Region with
/// where it came from.
struct Ecspresso {
    files: Vec<(String, String)>,
    region: Option<(String, String)>,
}

/// Whether `path` is an ecspresso configuration file.
fn is_ecspresso_config(path: &std::path::Path) -> bool {
    matches!(
        path.file_name().and_then(|n| n.to_str()),
        Some("ecspresso.yml" | "ecspresso.yaml" | "ecspresso.json")
    )
}

/// A Jsonnet file cannot be read as YAML or JSON: say what to do instead.
fn refuse_jsonnet(path: &str, what: &str) -> Result<(), String> {
    if path.ends_with(".jsonnet") || path.ends_with(".libsonnet") {
        return Err(format!(
            "{what}{path} is Jsonnet, which akplan import does not evaluate: render it to JSON \
             first (`ecspresso render taskdef` / `servicedef`, or `jsonnet --ext-str KEY=VALUE \
             {path}`) and import that"
        ));
    }
    Ok(())
}

/// What an ecspresso configuration names: its task and service definitions (the service's
/// definition gets the configuration's `service` and `cluster` where it has none, as ecspresso
/// does when it deploys) and its `region`.
/// Source: https://github.com/kayac/ecspresso (configuration file).
fn ecspresso(config: &std::path::Path) -> Result<Ecspresso, String> {
    let shown = config.display().to_string();
    let text = crate::read::text(config)?;
    let (doc, _) = akplan_core::Document::parse(&text, Format::from_name(&shown))
        .map_err(|_| format!("{shown}: not a readable ecspresso configuration"))?;
    let json = doc.to_json();
    // A value still written as a template (`{{ must_env `AWS_REGION` }}`) is not known.
    let plain = |key: &str| {
        json.get(key)
            .and_then(serde_json::Value::as_str)
            .filter(|v| !v.contains("{{"))
            .map(str::to_owned)
    };
    let dir = config.parent().unwrap_or(std::path::Path::new("."));
    let mut out = Vec::new();
    let task = plain("task_definition").ok_or_else(|| {
        format!("{shown}: no `task_definition` path; ecspresso needs one, and so does import")
    })?;
    refuse_jsonnet(&task, &format!("{shown}: task_definition "))?;
    let task_path = dir.join(&task);
    out.push((
        task_path.to_string_lossy().into_owned(),
        crate::read::text(&task_path)?,
    ));
    if let Some(service) = plain("service_definition") {
        refuse_jsonnet(&service, &format!("{shown}: service_definition "))?;
        let path = dir.join(&service);
        let text = crate::read::text(&path)?;
        let text = match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(serde_json::Value::Object(mut def)) => {
                for (key, member) in [("service", "serviceName"), ("cluster", "cluster")] {
                    if let Some(v) = plain(key) {
                        def.entry(member).or_insert(serde_json::Value::String(v));
                    }
                }
                serde_json::to_string_pretty(&def).unwrap_or(text)
            }
            _ => text,
        };
        out.push((path.to_string_lossy().into_owned(), text));
    }
    let region = plain("region").map(|r| (r, format!("{shown} region")));
    Ok(Ecspresso { files: out, region })
}

/// The files of a directory that import reads, sorted: a Terraform module's `.tf` files with
/// `terraform.tfvars` and `*.auto.tfvars` (what Terraform itself loads), and the task, service and
/// Express definitions, CloudFormation templates and Copilot manifests akplan recognises.
/// What a directory holds for import.
enum Found {
    /// Files to import.
    Files(Vec<(String, String)>),
    /// An ecspresso project: its configuration names the files.
    Ecspresso(PathBuf),
    /// An AWS Copilot workspace: every service's manifest, and the application's name.
    Copilot {
        /// The manifests (name, text).
        files: Vec<(String, String)>,
        /// `application` of `copilot/.workspace`, with where it came from.
        app: Option<(String, String)>,
    },
}

/// An AWS Copilot workspace at `dir` (its `copilot/` folder, or `dir` itself when it holds the
/// `.workspace` file): `<service>/manifest.yml` of every service folder (environments and
/// pipelines are not services), and the application named in `.workspace`.
/// Source: https://aws.github.io/copilot-cli/docs/concepts/applications/ (the workspace layout).
fn copilot_workspace(dir: &std::path::Path) -> Result<Option<Found>, String> {
    let root = if dir.join("copilot").is_dir() {
        dir.join("copilot")
    } else if dir.join(".workspace").is_file() {
        dir.to_path_buf()
    } else {
        return Ok(None);
    };
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .map_err(|e| format!("{}: {e}", root.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .filter(|p| {
            !matches!(
                p.file_name().and_then(|n| n.to_str()),
                Some("environments" | "pipelines") | None
            )
        })
        .collect();
    folders.sort();
    let mut files = Vec::new();
    for folder in folders {
        let manifest = folder.join("manifest.yml");
        if manifest.is_file() {
            files.push((
                manifest.to_string_lossy().into_owned(),
                crate::read::text(&manifest)?,
            ));
        }
    }
    if files.is_empty() {
        return Ok(None);
    }
    let workspace = root.join(".workspace");
    let app = crate::read::text(&workspace).ok().and_then(|text| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix("application:"))
            .map(|a| a.trim().trim_matches(|c| c == '"' || c == '\'').to_owned())
            .filter(|a| !a.is_empty())
            .map(|a| (a, format!("{} application", workspace.display())))
    });
    Ok(Some(Found::Copilot { files, app }))
}

fn directory(dir: &std::path::Path) -> Result<Found, String> {
    if let Some(found) = copilot_workspace(dir)? {
        return Ok(found);
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    // An ecspresso project: its configuration says which files are the service.
    if let Some(config) = paths.iter().find(|p| is_ecspresso_config(p)) {
        return Ok(Found::Ecspresso(config.clone()));
    }
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
    local_modules(dir, &mut out);
    if out.is_empty() {
        return Err(format!(
            "{}: no Terraform module, task or service definition, template or manifest in it",
            dir.display()
        ));
    }
    Ok(Found::Files(out))
}

/// How deep local modules are followed, and how many of their files are read at most.
const MODULE_DEPTH: usize = 4;
const MODULE_FILES: usize = 200;

/// `path` with `.` and `..` resolved lexically (`infra/envs/prod/../../modules/svc` →
/// `infra/modules/svc`), so the import's comments name the files plainly.
fn lexical(path: &std::path::Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The `.tf` files of the local modules the Terraform in `out` calls (`source =
/// "./modules/service"`, `"../../modules/ecs"`), read with it so each call imports as its module.
fn local_modules(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
    let mut seen = vec![lexical(dir)];
    let mut queue: Vec<(PathBuf, usize)> = Vec::new();
    let calls = |from: &std::path::Path, text: &str, depth: usize| -> Vec<(PathBuf, usize)> {
        akplan_core::local_module_sources(text)
            .into_iter()
            .map(|s| (lexical(&from.join(s)), depth + 1))
            .collect()
    };
    for (name, text) in out.iter().filter(|(n, _)| n.ends_with(".tf")) {
        let from = std::path::Path::new(name).parent().unwrap_or(dir);
        queue.extend(calls(from, text, 0));
    }
    while let Some((module, depth)) = queue.pop() {
        if depth > MODULE_DEPTH || seen.contains(&module) || out.len() >= MODULE_FILES {
            continue;
        }
        seen.push(module.clone());
        let Ok(entries) = std::fs::read_dir(&module) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "tf"))
            .collect();
        paths.sort();
        for p in paths {
            let Ok(text) = crate::read::text(&p) else {
                continue;
            };
            queue.extend(calls(&module, &text, depth));
            out.push((p.to_string_lossy().into_owned(), text));
        }
    }
}

/// The largest template file read for Terraform's `file()` and `templatefile()`.
const TEMPLATE_BYTES: u64 = 1 << 20;

/// The files the `.tf` files among `texts` read with `file()` and `templatefile()` (paths
/// relative to each `.tf` file's directory, inside it), as they are: the import renders them.
fn terraform_templates(texts: &[(String, String)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (name, text) in texts.iter().filter(|(n, _)| n.ends_with(".tf")) {
        let dir = std::path::Path::new(name)
            .parent()
            .unwrap_or(std::path::Path::new(""));
        for path in akplan_core::terraform_read_paths(text) {
            // Only files in the module's own folder tree: a hostile module cannot pull a file
            // from elsewhere on the machine into the spec (`file("../../../.aws/...")`).
            let inside = std::path::Path::new(&path).components().all(|c| {
                matches!(
                    c,
                    std::path::Component::Normal(_) | std::path::Component::CurDir
                )
            });
            if !inside {
                continue;
            }
            let file = lexical(&dir.join(&path));
            let shown = file.to_string_lossy().into_owned();
            let small =
                std::fs::metadata(&file).is_ok_and(|m| m.is_file() && m.len() <= TEMPLATE_BYTES);
            if !small
                || out.iter().any(|(n, _)| *n == shown)
                || texts.iter().any(|(n, _)| *n == shown)
            {
                continue;
            }
            if let Ok(t) = crate::read::text(&file) {
                out.push((shown, t));
            }
        }
    }
    out
}

/// Runs the command: 0 written and valid, 1 written with errors, 2 nothing could be read.
pub fn run(args: &Args) -> Result<u8, String> {
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut region = None;
    let mut app = None;
    for f in &args.files {
        let config = if f.is_dir() {
            match directory(f)? {
                Found::Files(found) => {
                    texts.extend(found);
                    None
                }
                Found::Copilot { files, app: named } => {
                    texts.extend(files);
                    app = app.or(named);
                    None
                }
                Found::Ecspresso(config) => Some(config),
            }
        } else if is_ecspresso_config(f) {
            Some(f.clone())
        } else {
            refuse_jsonnet(&f.to_string_lossy(), "")?;
            texts.push((f.to_string_lossy().into_owned(), crate::read::text(f)?));
            None
        };
        if let Some(config) = config {
            let found = ecspresso(&config)?;
            texts.extend(found.files);
            region = region.or(found.region);
        }
    }
    let templates = terraform_templates(&texts);
    let sources: Vec<Source<'_>> = texts
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    let options = akplan_core::ImportOptions {
        env: args.env.as_deref(),
        // CloudFormation passes every parameter as a string; a number reads as one.
        parameters: args
            .parameters
            .iter()
            .map(|(k, v)| {
                let value = v
                    .parse::<u64>()
                    .map_or_else(|_| serde_json::json!(v), |n| serde_json::json!(n));
                (k.clone(), value)
            })
            .collect(),
        region,
        app,
        templates,
    };
    let imported = akplan_core::import_with(&sources, &options)?;
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
