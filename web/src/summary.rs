//! The answer first: one strip at the top with the monthly cost of the architecture the spec
//! runs (the other one smaller), the deployment, the tasks and whether they survive losing an
//! Availability Zone, and the recovery time; each links to its panel.

use akplan_core::Arch;
use akplan_core::present::{duration, usd};
use leptos::prelude::*;

use crate::analysis::Analysis;

/// The summary strip.
#[component]
pub fn Summary(analysis: Memo<Analysis>, stale: Signal<bool>) -> impl IntoView {
    move || {
        let plan = analysis.get().plan?;
        let services = &plan.services;
        let arch = services
            .first()
            .map_or(Arch::X86_64, |s| s.cost.chosen_arch);
        let one_arch = services.iter().all(|s| s.cost.chosen_arch == arch);
        let (chosen, other, other_arch) = match arch {
            Arch::Arm64 => (
                plan.total.monthly_usd.arm64,
                plan.total.monthly_usd.x86_64,
                Arch::X86_64,
            ),
            Arch::X86_64 => (
                plan.total.monthly_usd.x86_64,
                plan.total.monthly_usd.arm64,
                Arch::Arm64,
            ),
        };
        let slowest = services
            .iter()
            .max_by_key(|s| s.deployment.duration_seconds);
        let tasks: u32 = services.iter().map(|s| s.capacity.target).sum();
        let zones = services.first().map_or(0, |s| s.capacity.per_az.len());
        let safe = services.iter().all(|s| s.capacity.survives_az_loss);
        // The slowest recovery of a hung task; never, when a service cannot detect one.
        let rto: Option<u32> = services
            .iter()
            .map(|s| {
                s.recovery
                    .hung_detection_seconds
                    .map(|_| s.recovery.rto_seconds)
            })
            .collect::<Option<Vec<u32>>>()
            .and_then(|all| all.into_iter().max());
        Some(view! {
            <nav id="summary" class=if stale.get() { "summary-strip stale" } else { "summary-strip" } aria-label="The plan at a glance">
                {stale.get().then(|| view! { <span class="stale-badge">"Before the error:"</span> })}
                <a href="#cost-title" class="figure">
                    <strong id="sum-cost">{usd(chosen)}</strong>"/month"
                    <span class="sub">{if one_arch { format!(" on {} (runs on it); {} on {}", arch.as_str(), usd(other), other_arch.as_str()) } else { " (mixed architectures)".to_owned() }}</span>
                </a>
                {slowest.map(|s| view! {
                    <a href="#dep-title" class="figure">
                        <strong id="sum-deploy">{duration(s.deployment.duration_seconds)}</strong>
                        <span class="sub">{format!(" {} deployment{}", s.deployment.strategy.as_str(), if services.len() > 1 { format!(" ({})", s.name) } else { String::new() })}</span>
                    </a>
                })}
                <a href="#cap-title" class="figure">
                    <strong id="sum-tasks">{tasks}</strong>{format!(" tasks over {zones} AZs")}
                    <span class=if safe { "sub ok" } else { "sub bad" }>{if safe { ": survives losing one AZ" } else { ": does not survive losing one AZ" }}</span>
                </a>
                <a href="#dep-title" class="figure">
                    "RTO "<strong id="sum-rto">{rto.map_or_else(|| "never, for a hung task".to_owned(), duration)}</strong>
                </a>
            </nav>
        })
    }
}
