//! Code generation: the plan's numbers written as ECS API inputs (and, later, Terraform and CDK).
//!
//! One module per target. Output is deterministic (same spec, same bytes), every user string is
//! escaped by the target's own serializer, and secrets appear only as references (ARNs).

pub mod archive;
pub mod cdk;
mod hcl;
mod names;
pub mod service;
pub mod taskdef;
pub mod terraform;

use crate::plan::Plan;
use crate::spec::Spec;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `aws ecs register-task-definition --cli-input-json` files, one per service.
    TaskDef,
    /// `aws ecs create-service --cli-input-json` files, one per service.
    Service,
    /// Terraform: `versions.tf`, `variables.tf`, `main.tf`, `outputs.tf`.
    Terraform,
    /// An AWS CDK app in TypeScript.
    Cdk,
}

impl Target {
    /// Every target, in the order `emit all` writes them.
    pub const ALL: [Target; 4] = [
        Target::TaskDef,
        Target::Service,
        Target::Terraform,
        Target::Cdk,
    ];
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// Path relative to the output directory, with `/` separators.
    pub path: String,
    /// The file's bytes.
    pub contents: String,
}

/// Generates `target` for every service of a validated spec and its plan.
#[must_use]
pub fn emit(spec: &Spec, plan: &Plan, target: Target) -> Vec<Artifact> {
    match target {
        Target::TaskDef => taskdef::emit(spec),
        Target::Service => service::emit(spec, plan),
        Target::Terraform => terraform::emit(spec, plan),
        Target::Cdk => cdk::emit(spec, plan),
    }
}

/// The desired count of a service: the plan's pre-scaled target (the same every target uses).
fn desired(spec: &Spec, plan: &Plan, svc: &crate::spec::Service) -> u32 {
    plan.services
        .iter()
        .find(|p| p.name == svc.name)
        .map_or_else(|| svc.target_count(spec.zones.count), |p| p.capacity.target)
}

/// Pretty JSON with a trailing newline.
fn json_file(path: String, value: &serde_json::Value) -> Artifact {
    let mut contents = serde_json::to_string_pretty(value).unwrap_or_default();
    contents.push('\n');
    Artifact { path, contents }
}
