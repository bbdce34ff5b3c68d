//! Monthly cost of a service: x86 and ARM64 side by side, Spot mix, storage, pre-scaling, surge.

use serde::Serialize;

use super::capacity::round2;
use crate::facts::{self, HOURS_PER_MONTH};
use crate::pricing::monthly_task_usd;
use crate::task::Arch;

/// USD per month on each architecture.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ByArch {
    /// Intel/AMD.
    pub x86_64: f64,
    /// Graviton.
    pub arm64: f64,
}

/// What one task of this shape costs per month with the Spot mix and extra storage.
#[must_use]
pub fn task_monthly(
    region: &str,
    arch: Arch,
    cpu: u32,
    memory: u32,
    ephemeral_gib: u32,
    spot_percent: u32,
) -> f64 {
    let compute = monthly_task_usd(region, arch, cpu, memory);
    let spot_share = f64::from(spot_percent.min(100)) / 100.0;
    let compute = compute * (1.0 - spot_share * facts::SPOT_DISCOUNT);
    let storage = f64::from(ephemeral_gib.saturating_sub(facts::EPHEMERAL_INCLUDED_GIB))
        * facts::EPHEMERAL_GB_HOUR
        * HOURS_PER_MONTH;
    compute + storage
}

/// `tasks` tasks per month on both architectures.
#[must_use]
pub fn by_arch(
    region: &str,
    tasks: u32,
    cpu: u32,
    memory: u32,
    ephemeral_gib: u32,
    spot_percent: u32,
) -> ByArch {
    let each = |arch| task_monthly(region, arch, cpu, memory, ephemeral_gib, spot_percent);
    ByArch {
        x86_64: round2(f64::from(tasks) * each(Arch::X86_64)),
        arm64: round2(f64::from(tasks) * each(Arch::Arm64)),
    }
}

/// The cheapest valid Fargate size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Size {
    /// CPU units.
    pub cpu: u32,
    /// Memory, MiB.
    pub memory: u32,
    /// One on-demand task per month on the spec's architecture, USD.
    pub task_monthly_usd: f64,
}

/// The cheapest valid Fargate size with at least `cpu` units and `memory` MiB.
#[must_use]
pub fn right_size(region: &str, arch: Arch, cpu: u32, memory: u32) -> Option<Size> {
    facts::CPU_SIZES
        .iter()
        .filter(|s| s.cpu >= cpu)
        .filter_map(|s| s.memories().find(|&m| m >= memory).map(|m| (s.cpu, m)))
        .map(|(c, m)| Size {
            cpu: c,
            memory: m,
            task_monthly_usd: round2(monthly_task_usd(region, arch, c, m)),
        })
        .min_by(|a, b| a.task_monthly_usd.total_cmp(&b.task_monthly_usd))
}

/// The ALB's hourly charge per month (LCUs depend on traffic and are left out).
#[must_use]
pub fn alb_monthly() -> f64 {
    round2(facts::ALB_HOURLY * HOURS_PER_MONTH)
}

/// The cost of running `extra` tasks for `seconds` once (a deployment's surge), on `arch`.
#[must_use]
pub fn surge_usd(region: &str, arch: Arch, cpu: u32, memory: u32, extra: u32, seconds: u32) -> f64 {
    let per_hour = monthly_task_usd(region, arch, cpu, memory) / HOURS_PER_MONTH;
    // Fargate bills per second with a one-minute minimum.
    let billed = f64::from(seconds.max(60)) / 3600.0;
    (f64::from(extra) * per_hour * billed * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_sizing_picks_the_cheapest_size_that_fits() {
        let size = right_size("us-east-1", Arch::X86_64, 1000, 9 * 1024);
        assert_eq!(size.map(|s| (s.cpu, s.memory)), Some((2048, 9 * 1024)));
        let size = right_size("us-east-1", Arch::X86_64, 256, 3 * 1024);
        assert_eq!(size.map(|s| (s.cpu, s.memory)), Some((512, 3 * 1024)));
        assert!(right_size("us-east-1", Arch::X86_64, 16384, 200 * 1024).is_none());
    }

    #[test]
    fn infracost_figures_and_spot() {
        let two_vcpu_only = monthly_task_usd("us-east-1", Arch::X86_64, 2048, 0);
        assert!((round2(two_vcpu_only) - 59.10).abs() < 1e-9);
        let on_demand = task_monthly("us-east-1", Arch::X86_64, 1024, 2048, 20, 0);
        let half_spot = task_monthly("us-east-1", Arch::X86_64, 1024, 2048, 20, 50);
        assert!((half_spot - on_demand * 0.65).abs() < 1e-9);
        assert!((alb_monthly() - 16.43).abs() < 0.011);
    }
}
