//! Monthly cost of a service: x86 and ARM64 side by side, Spot mix, storage, pre-scaling, surge.

use serde::Serialize;

use super::capacity::round2;
use crate::facts::{self, HOURS_PER_MONTH};
use crate::pricing::{Figure, Prices, Term};
use crate::task::{Arch, Os};

/// USD per month on each architecture.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct ByArch {
    /// Intel/AMD.
    pub x86_64: f64,
    /// Graviton (Windows tasks cannot run on it: their figure repeats x86_64's).
    pub arm64: f64,
}

impl ByArch {
    /// The figure for `arch`.
    #[must_use]
    pub fn of(&self, arch: Arch) -> f64 {
        match arch {
            Arch::Arm64 => self.arm64,
            Arch::X86_64 => self.x86_64,
        }
    }
}

/// The shape of one task, as cost sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    /// Operating system.
    pub os: Os,
    /// CPU units.
    pub cpu: u32,
    /// Memory, MiB.
    pub memory: u32,
    /// Ephemeral storage, GiB.
    pub ephemeral_gib: u32,
    /// Share of the tasks on Fargate Spot, 0-1 (at the planned count: `Counts::spot_share`).
    pub spot_share: f64,
}

/// One task per month on `arch` with the Spot mix and storage above the included 20 GiB.
#[must_use]
pub fn task_monthly(prices: &Prices, arch: Arch, shape: Shape) -> f64 {
    let arch = if shape.os == Os::Windows {
        Arch::X86_64
    } else {
        arch
    };
    let compute = prices.task_monthly(arch, shape.os, shape.cpu, shape.memory);
    let spot_share = shape.spot_share.clamp(0.0, 1.0);
    let compute = compute * (1.0 - spot_share * prices.spot_discount);
    let storage = f64::from(
        shape
            .ephemeral_gib
            .saturating_sub(facts::EPHEMERAL_INCLUDED_GIB),
    ) * prices.ephemeral_gb
        * HOURS_PER_MONTH;
    compute + storage
}

/// One task per month with its on-demand share at a Compute Savings Plan's rate (no upfront):
/// the Spot share stays on Spot, storage and Windows stay on demand (akplan reads no Windows
/// Savings Plan rate). Source of the rates: [`Prices::rate`] (the Savings Plans Price List or
/// akplan's assumed discount).
#[must_use]
pub fn task_monthly_committed(prices: &Prices, arch: Arch, shape: Shape, term: Term) -> f64 {
    if shape.os == Os::Windows {
        return task_monthly(prices, arch, shape);
    }
    let (vcpu, gb) = match arch {
        Arch::X86_64 => (Figure::X86Vcpu, Figure::X86Gb),
        Arch::Arm64 => (Figure::ArmVcpu, Figure::ArmGb),
    };
    let rate = |f: Figure| f.savings(term).map_or(prices.rate(f), |sp| prices.rate(sp));
    let committed = (f64::from(shape.cpu) / 1024.0 * rate(vcpu)
        + f64::from(shape.memory) / 1024.0 * rate(gb))
        * HOURS_PER_MONTH;
    let spot_share = shape.spot_share.clamp(0.0, 1.0);
    let on_demand = prices.task_monthly(arch, shape.os, shape.cpu, shape.memory);
    let spot = on_demand * (1.0 - prices.spot_discount);
    let storage = task_monthly(
        prices,
        arch,
        Shape {
            cpu: 0,
            memory: 0,
            ..shape
        },
    );
    committed * (1.0 - spot_share) + spot * spot_share + storage
}

/// Compute Savings Plans over the steady part of a service: the tasks that always run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct SavingsPlans {
    /// Tasks covered: the autoscaling minimum, at most the planned count.
    pub steady_tasks: u32,
    /// The planned count per month with the steady tasks on a 1-year plan, no upfront.
    pub one_year_monthly_usd: ByArch,
    /// The same with a 3-year plan, no upfront.
    pub three_years_monthly_usd: ByArch,
    /// The hourly commitment to buy for the steady tasks on the chosen architecture, 1 year
    /// and 3 years, USD an hour.
    pub commitment_per_hour_usd: [f64; 2],
    /// Whether the rates are akplan's assumed discounts (no Savings Plans file read).
    pub estimated: bool,
}

/// The planned `tasks` with `steady` of them under each Savings Plan.
#[must_use]
pub fn savings_plans(
    prices: &Prices,
    tasks: u32,
    steady: u32,
    shape: Shape,
    chosen: Arch,
) -> SavingsPlans {
    let steady = steady.min(tasks);
    let month = |arch: Arch, term: Term| {
        f64::from(steady) * task_monthly_committed(prices, arch, shape, term)
            + f64::from(tasks - steady) * task_monthly(prices, arch, shape)
    };
    let by = |term: Term| ByArch {
        x86_64: round2(month(Arch::X86_64, term)),
        arm64: round2(month(
            if shape.os == Os::Windows {
                Arch::X86_64
            } else {
                Arch::Arm64
            },
            term,
        )),
    };
    let commitment = |term: Term| {
        let storage = task_monthly(
            prices,
            chosen,
            Shape {
                cpu: 0,
                memory: 0,
                ..shape
            },
        );
        let per_task = task_monthly_committed(
            prices,
            chosen,
            Shape {
                spot_share: 0.0,
                ..shape
            },
            term,
        ) - storage;
        let share = 1.0 - shape.spot_share.clamp(0.0, 1.0);
        (f64::from(steady) * per_task * share / HOURS_PER_MONTH * 10_000.0).round() / 10_000.0
    };
    let estimated = [Figure::Sp1yrX86Vcpu, Figure::Sp3yrX86Vcpu]
        .iter()
        .any(|f| {
            prices
                .origins
                .iter()
                .any(|o| o.figure == f.key() && o.estimated)
        });
    SavingsPlans {
        steady_tasks: steady,
        one_year_monthly_usd: by(Term::OneYear),
        three_years_monthly_usd: by(Term::ThreeYears),
        commitment_per_hour_usd: [commitment(Term::OneYear), commitment(Term::ThreeYears)],
        estimated,
    }
}

/// The month as it is lived: the bill at the autoscaling minimum, at the spec's load profile,
/// and at the maximum (on demand, with the Spot mix).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Month {
    /// `min` tasks all month.
    pub at_min_monthly_usd: ByArch,
    /// The profile's average tasks all month, when the spec gives `capacity.profile`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile_monthly_usd: Option<ByArch>,
    /// Average tasks under the profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile_average_tasks: Option<f64>,
    /// `max` tasks all month.
    pub at_max_monthly_usd: ByArch,
}

/// [`Month`] of a service with `min`..`max` tasks and an average under its profile.
#[must_use]
pub fn month(prices: &Prices, (min, max): (u32, u32), average: Option<f64>, shape: Shape) -> Month {
    let of = |tasks: f64| ByArch {
        x86_64: round2(tasks * task_monthly(prices, Arch::X86_64, shape)),
        arm64: round2(tasks * task_monthly(prices, Arch::Arm64, shape)),
    };
    Month {
        at_min_monthly_usd: of(f64::from(min)),
        profile_monthly_usd: average.map(of),
        profile_average_tasks: average.map(|a| (a * 100.0).round() / 100.0),
        at_max_monthly_usd: of(f64::from(max)),
    }
}

/// `tasks` tasks per month on both architectures.
#[must_use]
pub fn by_arch(prices: &Prices, tasks: u32, shape: Shape) -> ByArch {
    ByArch {
        x86_64: round2(f64::from(tasks) * task_monthly(prices, Arch::X86_64, shape)),
        arm64: round2(f64::from(tasks) * task_monthly(prices, Arch::Arm64, shape)),
    }
}

/// The cheapest valid Fargate size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
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
pub fn right_size(prices: &Prices, arch: Arch, os: Os, cpu: u32, memory: u32) -> Option<Size> {
    facts::CPU_SIZES
        .iter()
        .filter(|s| s.cpu >= cpu && (os == Os::Linux || s.windows))
        .filter_map(|s| s.memories().find(|&m| m >= memory).map(|m| (s.cpu, m)))
        .map(|(c, m)| Size {
            cpu: c,
            memory: m,
            task_monthly_usd: round2(prices.task_monthly(arch, os, c, m)),
        })
        .min_by(|a, b| a.task_monthly_usd.total_cmp(&b.task_monthly_usd))
}

/// The ALB's hourly charge per month (LCUs depend on traffic and are left out).
#[must_use]
pub fn alb_monthly(prices: &Prices) -> f64 {
    round2(prices.alb_hourly * HOURS_PER_MONTH)
}

/// `count` NAT gateways' hourly charge per month (data processing left out).
#[must_use]
pub fn nat_monthly(prices: &Prices, count: u32) -> f64 {
    round2(f64::from(count) * prices.nat_hourly * HOURS_PER_MONTH)
}

/// The cost of running `extra` tasks for `seconds` once (a deployment's surge), on `arch`.
#[must_use]
pub fn surge_usd(prices: &Prices, arch: Arch, shape: Shape, extra: u32, seconds: u32) -> f64 {
    let per_hour = task_monthly(
        prices,
        arch,
        Shape {
            spot_share: 0.0,
            ..shape
        },
    ) / HOURS_PER_MONTH;
    // Fargate bills per second with a one-minute minimum.
    let billed = f64::from(seconds.max(60)) / 3600.0;
    (f64::from(extra) * per_hour * billed * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(cpu: u32, memory: u32, spot_percent: u32) -> Shape {
        let spot_share = f64::from(spot_percent) / 100.0;
        Shape {
            os: Os::Linux,
            cpu,
            memory,
            ephemeral_gib: 20,
            spot_share,
        }
    }

    #[test]
    fn infracost_figures_and_spot() {
        let p = Prices::builtin("us-east-1");
        assert!((round2(p.task_monthly(Arch::X86_64, Os::Linux, 2048, 0)) - 59.10).abs() < 1e-9);
        assert!((round2(p.task_monthly(Arch::X86_64, Os::Linux, 0, 4096)) - 12.98).abs() < 1e-9);
        let on_demand = task_monthly(&p, Arch::X86_64, shape(1024, 2048, 0));
        let half_spot = task_monthly(&p, Arch::X86_64, shape(1024, 2048, 50));
        assert!((half_spot - on_demand * 0.65).abs() < 1e-9);
        assert!((alb_monthly(&p) - 16.43).abs() < 0.011);
        assert!((nat_monthly(&p, 1) - 32.85).abs() < 1e-9);
    }

    #[test]
    fn right_sizing_picks_the_cheapest_size_that_fits() {
        let p = Prices::builtin("us-east-1");
        let fit = |cpu, memory, os| {
            right_size(&p, Arch::X86_64, os, cpu, memory).map(|s| (s.cpu, s.memory))
        };
        assert_eq!(fit(1000, 9 * 1024, Os::Linux), Some((2048, 9 * 1024)));
        assert_eq!(fit(256, 3 * 1024, Os::Linux), Some((512, 3 * 1024)));
        assert_eq!(fit(256, 512, Os::Windows), Some((1024, 2048)));
        assert_eq!(fit(16384, 200 * 1024, Os::Linux), Some((32768, 244 * 1024)));
        assert_eq!(fit(16384, 250 * 1024, Os::Linux), None);
    }
}
