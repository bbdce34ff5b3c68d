//! akplan's core: read an ECS Fargate service spec or task definition, validate it, plan it and
//! emit code for it.
//!
//! Pure and portable: text in, data out; no I/O, clock, threads or printing, so the same code
//! runs in the `akplan` CLI and, compiled to WebAssembly, in the browser.
//!
//! The pipeline, in order; each stage trusts the one before:
//! 1. [`check`] reads a spec, task definition or service definition and returns [`Checked`]:
//!    every [`Diagnostic`] with its position, and the validated model ([`App`]) when there is no
//!    error.
//! 2. [`plan()`] computes capacity, deployment, recovery and cost from the model: a [`Plan`].
//! 3. [`emit()`] builds the infrastructure once ([`Infra`]) and prints each [`Target`].
//!
//! [`analyze`] runs the three for a front end.

mod check;
mod codes;
mod diagnostic;
mod diff;
mod document;
mod ecs_api;
mod edit;
mod emit;
mod examples;
mod expressdef;
mod facts;
mod import;
mod infra;
mod lines;
mod model;
mod names;
mod placeholder;
mod plan;
mod pointer;
pub mod present;
mod pricing;
mod rules;
pub mod schema;
mod secret_ref;
mod servicedef;
mod share;
mod spec;
mod starter;
mod suppress;
mod task;
mod taskdef;
mod units;

// 0. Text: formats, positions and pointers.
pub use document::{Document, Entry, Format, MAX_INPUT_BYTES, Node, Value as NodeValue};
pub use lines::{Lines, Position, Span};
pub use pointer::Pointer;

// 1. Check: diagnostics and the validated model.
#[cfg(feature = "terraform")]
pub use check::check_terraform;
pub use check::{
    CheckOptions, Checked, FileKind, api_members, check, check_for_express, check_spec, check_with,
    express_task_family,
};
pub use diagnostic::{Code, Diagnostic, Fix, FixEdit, Scalar, Severity};
#[cfg(feature = "terraform")]
pub use import::terraform::{local_module_sources, read_paths as terraform_read_paths};
pub use model::{
    App, Arch, Autoscaling, Base, Condition, Container, Counts, Deployment, HealthCommand, Hook,
    HookStage, LbHealthCheck, Mount, Os, PlatformVersion, Secret, SecretRef, Service, SessionStore,
    Strategy, StrategyName, TaskSize, prescaled,
};
pub use model::{Fleet, Release, Scope, Wave};
pub use placeholder::is_templated;
pub use rules::sizing::sizes as fargate_sizes;
pub use secret_ref::Arn as SecretArn;
pub use taskdef::ForcedLaunch;

// 2. Plan.
pub use plan::bill::LineItem;
pub use plan::capacity::ZoneOption;
pub use plan::cost::{ByArch, Size};
pub use plan::deploy::{Batch, Step};
pub use plan::fleet::{CellPlan, CellSizing, FleetCost, FleetPlan, RegionPlan, SetBy};
pub use plan::release::{ReleasePlan, ReleaseStep, Unit};
pub use plan::sharding::{Sharding, choose, combination};
pub use plan::strategy::Phase;
pub use plan::{
    Assumptions, CapacityPlan, CostPlan, DeploymentPlan, NewTargetChecks, Plan, PriceNote,
    Recovery, ServicePlan, SizeOption, SpecEdit, StrategyOption, Total, WhatIf, plan,
    plan_in_regions, size_options,
};
pub use pricing::{
    Figure, ListedRow, Origin, PRICE_FILE_FORMAT, PriceFile, Prices, REGION_PREFIXES,
    STALE_AFTER_DAYS, Term, load as load_prices, offer,
};

// 3. Emit.
pub use emit::archive::zip;
pub use emit::{Artifact, Target};
pub use infra::Infra;

// Import what teams already have.
pub use import::{ImportOptions, Imported, Source, SourceKind, import, import_with, recognise};

// 4. Compare two versions.
pub use diff::{
    Change, DiagnosticsDelta, Diff, DiffDiagnostic, ServiceChange, ServiceDiff, TotalDiff, diff,
};

// For front ends: the editor's helpers, examples and share links.
pub use edit::{apply_fix, set_value};
pub use examples::EXAMPLES;
pub use share::{decode as decode_share, encode as encode_share};
pub use starter::STARTER_SPEC;

/// Builds the infrastructure of a validated app once and prints each of `targets`, in order.
#[must_use]
pub fn emit(app: &App, plan: &Plan, targets: &[Target]) -> Vec<Artifact> {
    let infra = infra::build(app, plan);
    // A fleet's Terraform and CDK are its cells and release pipeline (docs/fleet.md); the
    // task-definition and service inputs are still the single copy.
    let cells = plan.fleet.as_ref().map(|f| infra::cells(app, f));
    let pipeline = cells
        .as_deref()
        .zip(plan.release.as_ref())
        .and_then(|(cells, release)| infra::pipeline(&app.name, cells, release));
    targets
        .iter()
        .flat_map(|&t| match (&cells, t) {
            (Some(cells), Target::Terraform) => emit::fleet::terraform(cells, pipeline.as_ref()),
            (Some(cells), Target::Cdk) => emit::cdk::fleet(&app.name, cells, pipeline.as_ref()),
            _ => emit::print(&infra, t),
        })
        .collect()
}

/// ECS Express Mode inputs for a spec that fits Express (`akplan emit express`): per service the
/// `create-express-gateway-service` input (and akplan's task definition where the service has
/// more than one container), and a CloudFormation template of `AWS::ECS::ExpressGatewayService`s.
///
/// # Errors
/// What keeps the spec from Express (no port, Windows, a strategy Express does not offer).
pub fn emit_express(app: &App, plan: &Plan) -> Result<Vec<Artifact>, String> {
    emit::express::emit(
        &infra::express::services(app),
        &infra::build(app, plan),
        &app.region,
        &app.name,
    )
}

/// The ECS API inputs alone (task definitions and services): what the web page emits on every
/// edit, without the Terraform and CDK printers, which its second module runs on demand.
#[must_use]
pub fn emit_api_inputs(app: &App, plan: &Plan) -> Vec<Artifact> {
    emit::print_api_inputs(&infra::build(app, plan))
}

/// Everything a front end shows for one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Diagnostics, and the model when there is no error.
    pub checked: Checked,
    /// The plan, when the model is valid.
    pub plan: Option<Plan>,
    /// Every generated file, when the model is valid.
    pub files: Vec<Artifact>,
}

/// Checks `text` as a spec, plans it with the built-in prices of its Region and emits every
/// target.
#[must_use]
pub fn analyze(text: &str, format: Format, assumptions: Assumptions) -> Analysis {
    analyze_with(text, format, assumptions, |app, plan| {
        emit(app, plan, &Target::ALL)
    })
}

/// [`analyze`] emitting only the ECS API inputs ([`emit_api_inputs`]): the page's one call per
/// edit.
#[must_use]
pub fn analyze_api_inputs(text: &str, format: Format, assumptions: Assumptions) -> Analysis {
    analyze_with(text, format, assumptions, emit_api_inputs)
}

/// [`analyze_api_inputs`] priced from a prices file where it has the Region (the home Region
/// and a fleet's others), else from akplan's table: the page with a dropped prices file.
#[must_use]
pub fn analyze_api_inputs_priced(
    text: &str,
    format: Format,
    assumptions: Assumptions,
    file: &PriceFile,
) -> Analysis {
    analyze_priced(text, format, assumptions, Some(file), emit_api_inputs)
}

fn analyze_with(
    text: &str,
    format: Format,
    assumptions: Assumptions,
    emitter: impl Fn(&App, &Plan) -> Vec<Artifact>,
) -> Analysis {
    analyze_priced(text, format, assumptions, None, emitter)
}

fn analyze_priced(
    text: &str,
    format: Format,
    assumptions: Assumptions,
    file: Option<&PriceFile>,
    emitter: impl Fn(&App, &Plan) -> Vec<Artifact>,
) -> Analysis {
    let checked = check_spec(text, format);
    let (plan, files) = match &checked.model {
        Some(app) => {
            let from_file = |region: &str| file.and_then(|f| f.prices(region));
            let home = from_file(&app.region).unwrap_or_else(|| Prices::builtin(&app.region));
            let others: Vec<Prices> = app
                .fleet
                .iter()
                .flat_map(|f| &f.regions)
                .filter(|r| **r != app.region)
                .filter_map(|r| from_file(r))
                .collect();
            let plan = plan_in_regions(app, assumptions, &home, &others);
            let files = emitter(app, &plan);
            (Some(plan), files)
        }
        None => (None, Vec::new()),
    };
    Analysis {
        checked,
        plan,
        files,
    }
}
