//! Printers: the infrastructure model ([`crate::infra`]) written as ECS API inputs, Terraform and
//! an AWS CDK app.
//!
//! One module per target; each only prints, deciding no name or number. Output is deterministic
//! (same spec, same bytes), every user string is escaped by the target's own serializer, and
//! secrets appear only as references (ARNs).

pub mod archive;
pub(crate) mod cdk;
pub(crate) mod express;
pub mod fleet;
mod hcl;
mod names;
mod service;
mod taskdef;
mod terraform;

use crate::infra::Infra;

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

/// The task-definition and service inputs of `infra`, without naming the other printers (so a
/// build that needs only these does not carry them).
#[must_use]
pub fn print_api_inputs(infra: &Infra) -> Vec<Artifact> {
    let mut out = taskdef::emit(infra);
    out.extend(service::emit(infra));
    out
}

/// Prints `target` for every service of `infra`.
#[must_use]
pub fn print(infra: &Infra, target: Target) -> Vec<Artifact> {
    match target {
        Target::TaskDef => taskdef::emit(infra),
        Target::Service => service::emit(infra),
        Target::Terraform => terraform::emit(infra),
        Target::Cdk => cdk::emit(infra),
    }
}

/// Pretty JSON with a trailing newline.
fn json_file(path: String, value: &serde_json::Value) -> Artifact {
    let mut contents = serde_json::to_string_pretty(value).unwrap_or_default();
    contents.push('\n');
    Artifact { path, contents }
}
