//! `akplan emit`: validate, plan, and write the generated files.

use std::path::PathBuf;

use akplan_core::emit::{self, Target};
use akplan_core::plan::{self, Model};
use akplan_core::pricing::Prices;

use crate::plan::load_spec;
use crate::{ColorChoice, print};

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
    let Some(spec) = load_spec(&args.file, args.color)? else {
        return Ok(1);
    };
    let plan = plan::plan(&spec, Model::default(), &Prices::builtin(&spec.region));
    let targets: &[Target] = match args.target {
        EmitTarget::Taskdef => &[Target::TaskDef],
        EmitTarget::Service => &[Target::Service],
        EmitTarget::Terraform => &[Target::Terraform],
        EmitTarget::Cdk => &[Target::Cdk],
        EmitTarget::All => &Target::ALL,
    };
    let mut written = String::new();
    for &target in targets {
        for artifact in emit::emit(&spec, &plan, target) {
            let path = args.out.join(&artifact.path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
            std::fs::write(&path, &artifact.contents)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            written.push_str(&format!("wrote {}\n", path.display()));
        }
    }
    print(&written)
}
