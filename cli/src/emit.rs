//! `akplan emit`: validate, plan, and write the generated files.

use std::path::PathBuf;

use akplan_core::{Assumptions, Prices, Target, emit, plan};

use crate::plan::load_spec;
use crate::{ColorChoice, print, safe_write};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EmitTarget {
    /// `aws ecs register-task-definition --cli-input-json` files.
    Taskdef,
    /// `aws ecs create-service --cli-input-json` files.
    Service,
    /// Terraform (AWS provider): `versions.tf`, `variables.tf`, `main.tf`, `outputs.tf`.
    Terraform,
    /// An AWS CDK app in TypeScript (`npm install && npx cdk synth`).
    Cdk,
    /// ECS Express Mode: `create-express-gateway-service --cli-input-json` files and a
    /// CloudFormation template (not part of `all`; the spec must fit Express).
    Express,
    /// Every target.
    All,
}

/// Arguments of `akplan emit`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to generate.
    #[arg(value_enum)]
    pub target: EmitTarget,
    /// The spec.
    pub file: PathBuf,
    /// Output directory (created if missing).
    #[arg(short, long, default_value = "akplan-out")]
    pub out: PathBuf,
    /// When to colour diagnostics (never with `NO_COLOR` set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Runs the command; a spec with errors is refused with its diagnostics (exit 1).
pub fn run(args: &Args) -> Result<u8, String> {
    let Some(app) = load_spec(&args.file, args.color)? else {
        return Ok(1);
    };
    let plan = plan(&app, Assumptions::default(), &Prices::builtin(&app.region));
    if args.target == EmitTarget::Express {
        let files: Vec<(PathBuf, String)> = akplan_core::emit_express(&app, &plan)?
            .into_iter()
            .map(|a| (PathBuf::from(&a.path), a.contents))
            .collect();
        return write_report(&args.out, &files);
    }
    let targets: &[Target] = match args.target {
        EmitTarget::Taskdef => &[Target::TaskDef],
        EmitTarget::Service => &[Target::Service],
        EmitTarget::Terraform => &[Target::Terraform],
        EmitTarget::Cdk => &[Target::Cdk],
        EmitTarget::All => &Target::ALL,
        EmitTarget::Express => &[],
    };
    let files: Vec<(PathBuf, String)> = emit(&app, &plan, targets)
        .into_iter()
        .map(|artifact| (PathBuf::from(&artifact.path), artifact.contents))
        .collect();
    write_report(&args.out, &files)
}

fn write_report(out: &std::path::Path, files: &[(PathBuf, String)]) -> Result<u8, String> {
    let done = safe_write::write(out, files)?;
    let mut report = String::new();
    for path in &done.files {
        report.push_str(&format!("wrote {}\n", out.join(path).display()));
    }
    for path in &done.removed {
        report.push_str(&format!(
            "removed {} (no longer generated)\n",
            out.join(path).display()
        ));
    }
    print(&report)
}
