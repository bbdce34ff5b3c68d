//! The ECS rules: each module checks one concern and reports [`Finding`]s with stable codes.

pub mod containers;
pub mod fleet;
pub mod network;
pub mod roles;
pub mod secret_values;
pub mod secrets;
pub mod service;
pub mod sizing;
pub mod strategy;
pub mod volumes;

use crate::diagnostic::Finding;
use crate::spec::Spec;
use crate::task::Task;

/// Runs every rule on a resolved spec.
#[must_use]
pub fn check_spec(spec: &Spec) -> Vec<Finding> {
    let mut out = Vec::new();
    service::check_zones(spec, &mut out);
    fleet::check(spec, &mut out);
    for svc in &spec.services {
        check_task(&svc.task, secrets::RefStyle::Spec, &mut out);
        service::check(spec, svc, &mut out);
    }
    out
}

/// Runs the rules that apply to any Fargate task, from a spec or a task definition.
pub fn check_task(task: &Task, style: secrets::RefStyle, out: &mut Vec<Finding>) {
    sizing::check(task, out);
    containers::check(task, out);
    volumes::check(task, out);
    roles::check(task, out);
    secrets::check(task, style, out);
}
