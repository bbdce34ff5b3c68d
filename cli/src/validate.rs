//! `akplan validate`: read the files, let the core check them, render, pick the exit code.

use std::path::PathBuf;

use akplan_core::{
    CheckOptions, Checked, Code, Diagnostic, FileKind, ForcedLaunch, Format, Pointer, Span,
};

use crate::read::{self, ReadError};
use crate::render::{self, OutputFormat};
use crate::{ColorChoice, print, repo};
use akplan_project::config::Config;
use akplan_project::discover;

/// Arguments of `akplan validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, directories or globs. Default: the current directory, where `akplan.yaml`,
    /// `*.akplan.yaml` and recognised specs and task-definition JSON files are checked.
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// When to colour human output (never with `NO_COLOR` set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Hold task definitions to this launch type's rules, whatever their
    /// `requiresCompatibilities` says (without it: FARGATE if named, else EC2, the API's default).
    #[arg(long, value_enum)]
    pub launch_type: Option<LaunchType>,
    /// Report only these codes or code prefixes (comma-separated; replaces `select` in
    /// akplan.toml), e.g. `--select AKP1,AKP065`.
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Never report these codes or code prefixes (comma-separated; adds to akplan.toml's
    /// `ignore`).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit 0 even when there are errors (usage and I/O errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// The configuration file. Default: the nearest `akplan.toml` from the current directory up
    /// to the repository root.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `--launch-type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LaunchType {
    /// AWS Fargate.
    Fargate,
    /// Amazon EC2.
    Ec2,
    /// ECS Anywhere.
    External,
}

impl From<LaunchType> for ForcedLaunch {
    fn from(value: LaunchType) -> Self {
        match value {
            LaunchType::Fargate => Self::Fargate,
            LaunchType::Ec2 => Self::Ec2,
            LaunchType::External => Self::External,
        }
    }
}

/// One checked file with its text, for rendering.
#[derive(Debug)]
pub struct FileReport {
    /// Path as shown.
    pub path: PathBuf,
    /// Where it is for code scanning and annotations: relative to the repository root.
    pub location: repo::Location,
    /// The file's text (empty when it was not UTF-8).
    pub text: String,
    /// What the core found.
    pub checked: Checked,
}

/// Runs the command; `Err` is a usage or I/O error (exit 2).
pub fn run(args: &Args) -> Result<u8, String> {
    let config = Config::load(args.config.as_deref(), &args.select, &args.ignore)?;
    let root = repo::Root::find()?;
    let candidates = discover::collect(&args.paths)?;
    let mut reports = Vec::new();
    for candidate in candidates {
        let name = candidate.path.to_string_lossy().into_owned();
        let options = CheckOptions {
            kind: discover::is_spec_name(&candidate.path).then_some(FileKind::Spec),
            launch: args.launch_type.map(ForcedLaunch::from),
        };
        let (text, checked) = match read::bounded(&candidate.path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    // Terraform: its Express resources (`akplan import` reads the rest).
                    let checked = if name.ends_with(".tf") {
                        akplan_core::check_terraform(&text)
                    } else {
                        akplan_core::check_with(&text, Format::from_name(&name), options)
                    };
                    (text, checked)
                }
                Err(_) => (String::new(), not_text()),
            },
            // Too large: what the core says of any input over the limit, without reading it.
            Err(e @ ReadError::TooLarge(_)) => (String::new(), problem(Code::InputLimit, &e)),
            Err(e) if candidate.named => {
                return Err(format!("cannot read {}: {e}", candidate.path.display()));
            }
            Err(e) => {
                let mut checked = problem(Code::Unreadable, &e);
                // A definition that cannot be read must fail the run, whatever else is walked.
                if discover::looks_like_definition(&candidate.path, "") {
                    for d in &mut checked.diagnostics {
                        d.severity = akplan_core::Severity::Error;
                    }
                }
                (String::new(), checked)
            }
        };
        // A walked file that is none of akplan's kinds is skipped, unless it looks like one and
        // does not parse: a templating slip in `taskdef.json` must not pass as "0 files".
        let has = |codes: &[Code]| checked.diagnostics.iter().any(|d| codes.contains(&d.code));
        let unparsed = has(&[Code::Syntax, Code::InputLimit]);
        let reported = checked.kind != FileKind::Unknown
            || candidate.explicit
            || has(&[Code::Unreadable])
            || (unparsed && discover::looks_like_definition(&candidate.path, &text));
        if !reported {
            continue;
        }
        let mut checked = checked;
        config.filter(&candidate.path, &mut checked.diagnostics);
        reports.push(FileReport {
            location: root.locate(&candidate.path),
            path: candidate.path,
            text,
            checked,
        });
    }

    express_pairs(&mut reports, &config);
    if reports.is_empty() && args.paths.is_empty() {
        return Err(
            "no akplan spec or task definition found here; run `akplan init` to write one"
                .to_owned(),
        );
    }
    let color = args.color.enabled();
    print(&render::render(args.format, &reports, color, &root))?;
    let errors = reports.iter().any(|r| r.checked.has_errors());
    let warnings = reports.iter().any(|r| {
        r.checked
            .diagnostics
            .iter()
            .any(|d| d.severity == akplan_core::Severity::Warning)
    });
    Ok(u8::from(
        !args.exit_zero && (errors || (args.deny_warnings && warnings)),
    ))
}

/// A task definition that an Express input of the same run names (`taskDefinitionArn`) is also
/// held to what Express needs of it (AKP130).
fn express_pairs(reports: &mut [FileReport], config: &Config) {
    let format = |r: &FileReport| Format::from_name(&r.path.to_string_lossy());
    let families: Vec<String> = reports
        .iter()
        .filter(|r| r.checked.kind == FileKind::ExpressService)
        .filter_map(|r| akplan_core::express_task_family(&r.text, format(r)))
        .collect();
    if families.is_empty() {
        return;
    }
    for r in reports
        .iter_mut()
        .filter(|r| r.checked.kind == FileKind::TaskDefinition)
    {
        if let Some((family, mut found)) = akplan_core::check_for_express(&r.text, format(r))
            && families.contains(&family)
        {
            config.filter(&r.path, &mut found);
            r.checked.diagnostics.extend(found);
            r.checked
                .diagnostics
                .sort_by_key(|d| (d.span.start, d.code));
        }
    }
}

fn not_text() -> Checked {
    problem(Code::Syntax, &"the file is not UTF-8 text")
}

/// A file akplan could not check, with one diagnostic at its start saying why.
fn problem(code: Code, why: &dyn std::fmt::Display) -> Checked {
    let hint = match code {
        Code::Syntax => "akplan reads YAML and JSON text files; is this a binary file?",
        Code::InputLimit => "a spec or task definition is a few KiB: is this the right file?",
        _ => "fix its permissions or the link, or exclude it from the paths checked",
    };
    let message = match code {
        Code::Unreadable => format!("cannot read the file: {why}"),
        _ => why.to_string(),
    };
    let mut d = Diagnostic::new(code, message, Pointer::root(), Span::new(0, 0), hint);
    d.locate(&akplan_core::Lines::new(""));
    Checked {
        kind: FileKind::Unknown,
        diagnostics: vec![d],
        model: None,
        service_names: Vec::new(),
    }
}
