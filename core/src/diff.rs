//! What a change to a spec does: per service and in total, the capacity, deployment time, peak,
//! recovery time and monthly cost before and after, and the diagnostics that appear and
//! disappear. `akplan diff`, its pull-request comment and the page's comparison all use it.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::plan::capacity::round2;
use crate::plan::cost::ByArch;
use crate::{Analysis, Arch, ServicePlan};

/// A value before and after (`None` where the side has no such service or no plan).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Change<T> {
    /// Before.
    pub base: Option<T>,
    /// After.
    pub head: Option<T>,
}

impl<T: PartialEq> Change<T> {
    fn of(base: Option<T>, head: Option<T>) -> Self {
        Self { base, head }
    }

    /// Whether the value differs.
    #[must_use]
    pub fn changed(&self) -> bool {
        self.base != self.head
    }
}

/// What happened to a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ServiceChange {
    /// Only in the head.
    Added,
    /// Only in the base.
    Removed,
    /// In both, with a different figure or diagnostic.
    Changed,
    /// In both, the same.
    Same,
}

/// One diagnostic, as compared across versions (positions move; codes, places and messages
/// identify it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct DiffDiagnostic {
    /// `AKP010`.
    pub code: String,
    /// `error`, `warning` or `note`.
    pub severity: String,
    /// JSON pointer.
    pub pointer: String,
    /// Line in the side it is in.
    pub line: usize,
    /// The message.
    pub message: String,
}

/// Diagnostics that appear in the head and disappear from the base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct DiagnosticsDelta {
    /// New in the head.
    pub added: Vec<DiffDiagnostic>,
    /// Gone from the base.
    pub removed: Vec<DiffDiagnostic>,
}

/// One service, before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ServiceDiff {
    /// Service name.
    pub name: String,
    /// What happened to it.
    pub change: ServiceChange,
    /// Tasks needed at peak.
    pub capacity_base: Change<u32>,
    /// Tasks run (pre-scaled).
    pub capacity_target: Change<u32>,
    /// Tasks per zone.
    pub per_az: Change<Vec<u32>>,
    /// Whether losing a zone leaves enough.
    pub survives_az_loss: Change<bool>,
    /// The deployment strategy.
    pub strategy: Change<String>,
    /// One deployment, s.
    pub deployment_seconds: Change<u32>,
    /// Most tasks during a deployment.
    pub peak_tasks: Change<u32>,
    /// Recovery from a hung task, s (`None` where never detected).
    pub rto_seconds: Change<u32>,
    /// The architecture the spec runs.
    pub chosen_arch: Change<Arch>,
    /// Monthly cost, both architectures.
    pub monthly_usd: Change<ByArch>,
    /// Head minus base, both architectures (a side without the service counts 0); `None` when
    /// a side that has the service cannot be planned (it has errors).
    pub monthly_usd_delta: Option<ByArch>,
    /// Head minus base on the architecture each side runs; `None` as above.
    pub chosen_monthly_usd_delta: Option<f64>,
    /// Its diagnostics that appear and disappear.
    pub diagnostics: DiagnosticsDelta,
}

/// The whole app, before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct TotalDiff {
    /// Monthly cost, both architectures.
    pub monthly_usd: Change<ByArch>,
    /// Head minus base (a side without the file counts 0); `None` when a side that exists cannot
    /// be planned (it has errors).
    pub monthly_usd_delta: Option<ByArch>,
    /// Where each side's prices come from, with their date (`plan.prices`): a cost change is
    /// only read right when both sides' sources are known.
    pub prices: Change<String>,
}

/// A change to a spec.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Diff {
    /// Whether each side is a valid spec (an invalid side has diagnostics but no plan; a side
    /// without the file is `null`).
    pub valid: Change<bool>,
    /// Errors on each side.
    pub errors: Change<usize>,
    /// Per service, in the head's order, then the removed ones.
    pub services: Vec<ServiceDiff>,
    /// Diagnostics outside any service that appear and disappear.
    pub diagnostics: DiagnosticsDelta,
    /// The whole app.
    pub total: TotalDiff,
}

impl Diff {
    /// Whether anything a reviewer sees changed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.services
            .iter()
            .all(|s| s.change == ServiceChange::Same)
            && self.diagnostics.added.is_empty()
            && self.diagnostics.removed.is_empty()
            && !self.total.monthly_usd.changed()
    }
}

fn diagnostic(d: &Diagnostic) -> DiffDiagnostic {
    DiffDiagnostic {
        code: d.code.to_string(),
        severity: d.severity.to_string(),
        pointer: d.path.to_string(),
        line: d.start.map_or(0, |p| p.line),
        message: d.message.clone(),
    }
}

/// The service a diagnostic is about, from its pointer (`/services/<name>/...`).
fn service_of(d: &Diagnostic) -> Option<String> {
    let mut tokens = d.path.tokens();
    (tokens.next() == Some("services"))
        .then(|| tokens.next().map(str::to_owned))
        .flatten()
}

fn delta(base: &[&Diagnostic], head: &[&Diagnostic]) -> DiagnosticsDelta {
    let key = |d: &&Diagnostic| (d.code, d.path.to_string(), d.message.clone());
    let base_keys: Vec<_> = base.iter().map(key).collect();
    let head_keys: Vec<_> = head.iter().map(key).collect();
    DiagnosticsDelta {
        added: head
            .iter()
            .filter(|d| !base_keys.contains(&key(d)))
            .map(|d| diagnostic(d))
            .collect(),
        removed: base
            .iter()
            .filter(|d| !head_keys.contains(&key(d)))
            .map(|d| diagnostic(d))
            .collect(),
    }
}

fn cost_delta(base: Option<&ByArch>, head: Option<&ByArch>) -> ByArch {
    let get = |c: Option<&ByArch>, f: fn(&ByArch) -> f64| c.map_or(0.0, f);
    ByArch {
        x86_64: round2(get(head, |c| c.x86_64) - get(base, |c| c.x86_64)),
        arm64: round2(get(head, |c| c.arm64) - get(base, |c| c.arm64)),
    }
}

fn service_diff(
    name: &str,
    base: Option<&ServicePlan>,
    head: Option<&ServicePlan>,
    diagnostics: DiagnosticsDelta,
    in_base: bool,
    in_head: bool,
) -> ServiceDiff {
    let pick = |p: Option<&ServicePlan>, f: &dyn Fn(&ServicePlan) -> u32| p.map(f);
    let chosen =
        |p: Option<&ServicePlan>| p.map_or(0.0, |s| s.cost.monthly_usd.of(s.cost.chosen_arch));
    let hung_rto = |p: &ServicePlan| {
        p.recovery
            .hung_detection_seconds
            .map(|_| p.recovery.rto_seconds)
    };
    let mut diff = ServiceDiff {
        name: name.to_owned(),
        change: ServiceChange::Same,
        capacity_base: Change::of(
            pick(base, &|s| s.capacity.base),
            pick(head, &|s| s.capacity.base),
        ),
        capacity_target: Change::of(
            pick(base, &|s| s.capacity.target),
            pick(head, &|s| s.capacity.target),
        ),
        per_az: Change::of(
            base.map(|s| s.capacity.per_az.clone()),
            head.map(|s| s.capacity.per_az.clone()),
        ),
        survives_az_loss: Change::of(
            base.map(|s| s.capacity.survives_az_loss),
            head.map(|s| s.capacity.survives_az_loss),
        ),
        strategy: Change::of(
            base.map(|s| s.deployment.strategy.as_str().to_owned()),
            head.map(|s| s.deployment.strategy.as_str().to_owned()),
        ),
        deployment_seconds: Change::of(
            pick(base, &|s| s.deployment.duration_seconds),
            pick(head, &|s| s.deployment.duration_seconds),
        ),
        peak_tasks: Change::of(
            pick(base, &|s| s.deployment.peak_tasks),
            pick(head, &|s| s.deployment.peak_tasks),
        ),
        rto_seconds: Change::of(base.and_then(hung_rto), head.and_then(hung_rto)),
        chosen_arch: Change::of(
            base.map(|s| s.cost.chosen_arch),
            head.map(|s| s.cost.chosen_arch),
        ),
        monthly_usd: Change::of(
            base.map(|s| s.cost.monthly_usd),
            head.map(|s| s.cost.monthly_usd),
        ),
        monthly_usd_delta: Some(cost_delta(
            base.map(|s| &s.cost.monthly_usd),
            head.map(|s| &s.cost.monthly_usd),
        )),
        chosen_monthly_usd_delta: Some(round2(chosen(head) - chosen(base))),
        diagnostics,
    };
    diff.change = match (in_base, in_head) {
        (false, true) => ServiceChange::Added,
        (true, false) => ServiceChange::Removed,
        _ if diff.capacity_base.changed()
            || diff.capacity_target.changed()
            || diff.per_az.changed()
            || diff.survives_az_loss.changed()
            || diff.strategy.changed()
            || diff.deployment_seconds.changed()
            || diff.peak_tasks.changed()
            || diff.rto_seconds.changed()
            || diff.chosen_arch.changed()
            || diff.monthly_usd.changed()
            || !diff.diagnostics.added.is_empty()
            || !diff.diagnostics.removed.is_empty() =>
        {
            ServiceChange::Changed
        }
        _ => ServiceChange::Same,
    };
    diff
}

/// The names of a side's services as written, valid or not.
fn names(a: Option<&Analysis>) -> Vec<String> {
    let Some(a) = a else { return Vec::new() };
    match &a.checked.model {
        Some(app) => app.services.iter().map(|s| s.name.clone()).collect(),
        None => a.checked.service_names.clone(),
    }
}

/// Compares two versions of a spec: `base` before and `head` after, `None` for a version
/// without the file (added or deleted).
#[must_use]
pub fn diff(base: Option<&Analysis>, head: Option<&Analysis>) -> Diff {
    let prices_of = |a: Option<&Analysis>| {
        a.and_then(|a| a.plan.as_ref())
            .map(|p| format!("{} (as of {})", p.prices.source, p.prices.as_of))
    };
    let errors = |a: &Analysis| {
        a.checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    };
    let mut order = names(head);
    for name in names(base) {
        if !order.contains(&name) {
            order.push(name);
        }
    }
    let plan_of = |a: Option<&Analysis>, name: &str| {
        a.and_then(|a| a.plan.as_ref())
            .and_then(|p| p.services.iter().find(|s| s.name == name).cloned())
    };
    let about = |a: Option<&Analysis>, name: Option<&str>| -> Vec<Diagnostic> {
        a.map(|a| {
            a.checked
                .diagnostics
                .iter()
                .filter(|d| service_of(d).as_deref() == name)
                .cloned()
                .collect()
        })
        .unwrap_or_default()
    };
    // A side that has the service but no plan (errors) leaves the cost unknown.
    let unplanned = |a: Option<&Analysis>, name: &str| {
        names(a).iter().any(|n| n == name) && plan_of(a, name).is_none()
    };
    let services = order
        .iter()
        .map(|name| {
            let (b, h) = (about(base, Some(name)), about(head, Some(name)));
            let delta = delta(&b.iter().collect::<Vec<_>>(), &h.iter().collect::<Vec<_>>());
            let mut s = service_diff(
                name,
                plan_of(base, name).as_ref(),
                plan_of(head, name).as_ref(),
                delta,
                names(base).contains(name),
                names(head).contains(name),
            );
            if unplanned(base, name) || unplanned(head, name) {
                s.monthly_usd_delta = None;
                s.chosen_monthly_usd_delta = None;
            }
            s
        })
        .collect();
    let (b, h) = (about(base, None), about(head, None));
    let total_of =
        |a: Option<&Analysis>| a.and_then(|a| a.plan.as_ref()).map(|p| p.total.monthly_usd);
    let planned = |a: Option<&Analysis>| a.is_none_or(|a| a.plan.is_some());
    Diff {
        valid: Change::of(
            base.map(|a| a.checked.model.is_some()),
            head.map(|a| a.checked.model.is_some()),
        ),
        errors: Change::of(base.map(errors), head.map(errors)),
        services,
        diagnostics: delta(&b.iter().collect::<Vec<_>>(), &h.iter().collect::<Vec<_>>()),
        total: TotalDiff {
            monthly_usd_delta: (planned(base) && planned(head))
                .then(|| cost_delta(total_of(base).as_ref(), total_of(head).as_ref())),
            monthly_usd: Change::of(total_of(base), total_of(head)),
            prices: Change::of(prices_of(base), prices_of(head)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Assumptions, EXAMPLES, Format, analyze};

    fn example(name: &str) -> Analysis {
        let text = EXAMPLES
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, t)| *t);
        analyze(text, Format::Yaml, Assumptions::default())
    }

    #[test]
    fn the_total_delta_is_the_difference_of_the_totals() {
        let (a, b) = (example("minimal"), example("agent-kernel"));
        let d = diff(Some(&a), Some(&b));
        let (ta, tb) = (
            a.plan
                .map(|p| p.total.monthly_usd)
                .unwrap_or_else(|| panic!("plan")),
            b.plan
                .map(|p| p.total.monthly_usd)
                .unwrap_or_else(|| panic!("plan")),
        );
        let delta = d
            .total
            .monthly_usd_delta
            .unwrap_or_else(|| panic!("both plan"));
        assert!((delta.x86_64 - round2(tb.x86_64 - ta.x86_64)).abs() < 1e-9);
        assert!((delta.arm64 - round2(tb.arm64 - ta.arm64)).abs() < 1e-9);
        assert_eq!(d.services[0].change, ServiceChange::Added);
        assert!(
            d.services
                .iter()
                .any(|s| s.change == ServiceChange::Removed)
        );
    }

    #[test]
    fn a_spec_against_itself_is_the_same() {
        let a = example("llm-proxy");
        let d = diff(Some(&a), Some(&a));
        assert!(d.is_empty());
        assert!(d.services.iter().all(|s| s.change == ServiceChange::Same));
    }

    #[test]
    fn a_new_error_appears_on_its_service() {
        let text = EXAMPLES[0].1;
        let broken = text.replacen("memory: 512", "memory: 100", 1);
        assert_ne!(text, broken);
        let d = diff(
            Some(&analyze(text, Format::Yaml, Assumptions::default())),
            Some(&analyze(&broken, Format::Yaml, Assumptions::default())),
        );
        assert_eq!(d.valid.head, Some(false));
        let web = &d.services[0];
        assert_eq!(web.change, ServiceChange::Changed);
        assert!(web.diagnostics.added.iter().any(|x| x.severity == "error"));
        // The head does not plan: no cost delta is claimed.
        assert_eq!(web.monthly_usd_delta, None);
        assert_eq!(d.total.monthly_usd_delta, None);
    }

    #[test]
    fn a_new_file_counts_whole() {
        let a = example("minimal");
        let d = diff(None, Some(&a));
        let total = a.plan.map(|p| p.total.monthly_usd.x86_64);
        assert_eq!(d.total.monthly_usd_delta.map(|t| t.x86_64), total);
        assert_eq!(d.services[0].change, ServiceChange::Added);
    }
}
