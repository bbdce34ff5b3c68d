//! `akplan plan`: validate, then show the core's plan as a report, JSON or Markdown.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use akplan_core::present::{ReportStyle, cost_csv, report};
use akplan_core::{App, Assumptions, Format, NewTargetChecks, check_spec};

use crate::render::{self, OutputFormat};
use crate::validate::FileReport;
use crate::{ColorChoice, print};

/// Output formats of `akplan plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFormat {
    /// A compact report with tables and the deployment timeline.
    Human,
    /// The stable JSON contract (docs/cli.md).
    Json,
    /// The report as Markdown (for pull requests and wikis).
    Markdown,
    /// The monthly cost lines as CSV (RFC 4180), one row per service and per shared charge.
    Csv,
}

/// Arguments of `akplan plan`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The spec to plan.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Human)]
    pub format: PlanFormat,
    /// Plan only this service.
    #[arg(long)]
    pub service: Option<String>,
    /// Where prices come from: `auto` (the cache `akplan prices fetch` fills, when it has the
    /// Region, else akplan's dated table), a prices file (`akplan prices build`), or an AWS
    /// Price List file (an offer's or the Savings Plans' `index.json`). Repeat to combine.
    #[arg(long, value_name = "FILE|auto", default_value = "auto")]
    pub prices: Vec<String>,
    /// New targets need one passing load balancer check (the ALB guide's rule; the default, kept
    /// for scripts that pass it).
    #[arg(long, conflicts_with = "healthy_threshold_to_healthy")]
    pub one_check_to_healthy: bool,
    /// New targets need `healthy_threshold` passing checks (the older model: AWS re:Invent CON311).
    #[arg(long)]
    pub healthy_threshold_to_healthy: bool,
    /// When to colour diagnostics (never with `NO_COLOR` set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Reads and validates a spec; with errors, prints them and returns `None` (the caller exits 1).
pub fn load_spec(file: &Path, color: ColorChoice) -> Result<Option<App>, String> {
    let text = crate::read::text(file)?;
    // Another kind of file: say what it is and the way to a spec, not a spec's schema errors.
    if let Some(kind) = akplan_core::recognise(&text) {
        let shown = file.display();
        if let Some(app) = imported(file, &text, kind) {
            return Ok(Some(app));
        }
        return Err(format!(
            "{shown} is {}, not an akplan spec: `akplan import {shown} -o akplan.yaml` writes a \
             spec from it (akplan plans Fargate services; a task definition for EC2, ECS Anywhere \
             or Managed Instances is checked by `akplan validate` but not planned or priced)",
            kind.describe()
        ));
    }
    let checked = check_spec(&text, Format::from_name(&file.to_string_lossy()));
    if let Some(app) = checked.model {
        return Ok(Some(app));
    }
    let root = crate::repo::Root::find()?;
    let report = FileReport {
        location: root.locate(file),
        path: file.to_path_buf(),
        text,
        checked,
    };
    print(&render::render(
        OutputFormat::Human,
        &[report],
        color.enabled(),
        &root,
    ))?;
    Ok(None)
}

/// An Express input or a Fargate task definition, planned as `akplan import` reads it (said on
/// stderr, with what the spec does not carry); `None` for other kinds, or when the import does
/// not give a valid spec.
fn imported(file: &Path, text: &str, kind: akplan_core::SourceKind) -> Option<App> {
    use akplan_core::SourceKind;
    // The core's own reading decides: a task definition has a model only when it is a valid
    // Fargate one.
    let plannable = match kind {
        SourceKind::ExpressService => true,
        SourceKind::TaskDefinition => {
            akplan_core::check(text, Format::from_name(&file.to_string_lossy()))
                .model
                .is_some()
        }
        _ => false,
    };
    if !plannable {
        return None;
    }
    let name = file.to_string_lossy();
    let source = akplan_core::Source { name: &name, text };
    let result = akplan_core::import(&[source], None).ok()?;
    let app = check_spec(&result.yaml, Format::Yaml).model?;
    let _ = writeln!(
        std::io::stderr(),
        "akplan: {} is {}: planned as `akplan import` reads it ({} value{} not carried{})",
        file.display(),
        kind.describe(),
        result.unmapped.len(),
        if result.unmapped.len() == 1 { "" } else { "s" },
        if kind == SourceKind::ExpressService {
            "; Express's canary deployment is planned with the ECS API's canary defaults (5% for 10 minutes, assumed), its shared load balancer as the app's one"
        } else {
            ""
        }
    );
    Some(app)
}

/// Runs the command; a spec with errors is refused with its diagnostics (exit 1).
pub fn run(args: &Args) -> Result<u8, String> {
    let Some(app) = load_spec(&args.file, args.color)? else {
        return Ok(1);
    };
    let assumptions = Assumptions {
        new_target_checks: if args.healthy_threshold_to_healthy {
            NewTargetChecks::HealthyThreshold
        } else {
            NewTargetChecks::One
        },
    };
    let prices = crate::prices::resolve(&args.prices, &app.region)?;
    // A fleet's other Regions are priced from the same sources (the cache, a file) where they
    // have them, else from akplan's table; each Region's plan says which.
    let others: Vec<akplan_core::Prices> = app
        .fleet
        .iter()
        .flat_map(|f| &f.regions)
        .filter(|r| **r != app.region)
        .map(|r| {
            crate::prices::resolve(&args.prices, r)
                .unwrap_or_else(|_| akplan_core::Prices::builtin(r))
        })
        .collect();
    let mut plan = akplan_core::plan_in_regions(&app, assumptions, &prices, &others);
    if let Some(name) = &args.service {
        if !plan.services.iter().any(|s| &s.name == name) {
            return Err(format!("no service `{name}` in {}", args.file.display()));
        }
        plan.services.retain(|s| &s.name == name);
        // Express's bill stays the app's, like the total; what does not fit is this service's.
        if let Some(e) = &mut plan.express {
            let prefix = format!("{name}: ");
            e.misfits.retain(|m| m.starts_with(&prefix));
            e.fits = e.misfits.is_empty();
            // The shared load balancer first, then this service's line.
            let mut first = true;
            e.creates
                .retain(|c| std::mem::take(&mut first) || c.starts_with(&prefix));
        }
    }
    let text = match args.format {
        PlanFormat::Json => {
            let mut t = serde_json::to_string_pretty(&plan).unwrap_or_default();
            t.push('\n');
            t
        }
        PlanFormat::Human => report(&plan, ReportStyle::Text),
        PlanFormat::Markdown => report(&plan, ReportStyle::Markdown),
        PlanFormat::Csv => cost_csv(&plan),
    };
    print(&text)
}
