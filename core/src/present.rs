//! How figures are written for people, once, so the CLI and the page say the same thing:
//! durations, money, percentages, CPU and memory, the zone ranges a spec may use and the Regions
//! the built-in prices cover; the whole plan as a text or Markdown report and its cost lines as CSV.

mod csv;
pub mod fleet;
mod report;

pub use csv::{CSV_HEADER, cost_csv};
pub use report::{ReportStyle, report};

/// The Availability Zone counts a spec may ask for (the schema's range of `availability_zones`).
pub const ZONE_COUNTS: std::ops::RangeInclusive<u32> = 1..=6;

/// The zone counts the plan compares (pre-scaling needs at least two).
pub const COMPARED_ZONE_COUNTS: std::ops::RangeInclusive<u32> = 2..=6;

/// `4 min 30 s`, `45 s`, `9 min`.
#[must_use]
pub fn duration(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// `$1,234.56`: dollars to the cent, thousands grouped.
#[must_use]
pub fn usd(x: f64) -> String {
    #[allow(clippy::cast_possible_truncation)] // plans are far below i64::MAX cents
    let cents = (x * 100.0).round() as i64;
    let (whole, frac) = (cents / 100, (cents % 100).abs());
    let digits = whole.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let negative = cents < 0;
    format!("{}${grouped}.{frac:02}", if negative { "-" } else { "" })
}

/// `1 vCPU`, `0.25 vCPU` from CPU units.
#[must_use]
pub fn vcpu(cpu_units: u32) -> String {
    format!("{} vCPU", f64::from(cpu_units) / 1024.0)
}

/// `2 GB` (1024 MiB, as AWS's tables write it) or `512 MiB`.
#[must_use]
pub fn memory(mib: u32) -> String {
    if mib >= 1024 && mib.is_multiple_of(1024) {
        format!("{} GB", mib / 1024)
    } else {
        format!("{mib} MiB")
    }
}

/// `+50%`: an increase over a base, in percent.
#[must_use]
pub fn increase_percent(percent: f64) -> String {
    format!("+{percent}%")
}

/// The Regions akplan's built-in price table covers, in table order, each with whether its
/// prices are estimated (no source confirms its Fargate row): the page's Region picker.
pub fn priced_regions() -> impl Iterator<Item = (&'static str, bool)> {
    crate::facts::FARGATE_PRICES
        .iter()
        .map(|p| (p.region, p.confidence == crate::facts::Confidence::Low))
}

/// One service's plan in one line, for an editor's code lens above the service:
/// `9 tasks · rolling 7 min · $259.52/month`.
#[must_use]
pub fn service_line(s: &crate::ServicePlan) -> String {
    format!(
        "{} task{} · {} {} · {}/month",
        s.capacity.target,
        if s.capacity.target == 1 { "" } else { "s" },
        s.deployment.strategy.as_str(),
        duration(s.deployment.duration_seconds),
        usd(s.cost.monthly_usd.of(s.cost.chosen_arch))
    )
}

/// One service's plan in three lines (Markdown), for an editor's hover on the service: tasks
/// per zone, deployment time and strategy, monthly cost on both architectures.
#[must_use]
pub fn service_summary(s: &crate::ServicePlan) -> [String; 3] {
    let per_zone: Vec<String> = s.capacity.per_az.iter().map(ToString::to_string).collect();
    let c = &s.cost;
    let other = match c.chosen_arch {
        crate::Arch::X86_64 => crate::Arch::Arm64,
        crate::Arch::Arm64 => crate::Arch::X86_64,
    };
    [
        format!(
            "**{}**: {} tasks, {} per zone (min {}, max {})",
            s.name,
            s.capacity.target,
            per_zone.join(" · "),
            s.capacity.min,
            s.capacity.max
        ),
        format!(
            "deployment: {}, {} (rollback {})",
            s.deployment.strategy.as_str(),
            duration(s.deployment.duration_seconds),
            duration(s.deployment.rollback_seconds)
        ),
        format!(
            "cost: {}/month on {} · {}/month on {}",
            usd(c.monthly_usd.of(c.chosen_arch)),
            c.chosen_arch.as_str(),
            usd(c.monthly_usd.of(other)),
            other.as_str()
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_people_write_them() {
        assert_eq!(duration(270), "4 min 30 s");
        assert_eq!(duration(45), "45 s");
        assert_eq!(duration(540), "9 min");
        assert_eq!(usd(1234.567), "$1,234.57");
        assert_eq!(usd(-0.5), "-$0.50");
        assert_eq!(usd(43.46), "$43.46");
        assert_eq!(vcpu(256), "0.25 vCPU");
        assert_eq!(memory(2048), "2 GB");
        assert_eq!(memory(512), "512 MiB");
    }
}
