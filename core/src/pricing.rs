//! Prices in use: the dated table in [`crate::facts`], or an AWS Price List offer file the user
//! brings (`akplan plan --prices index.json`), in one shape the planner reads.

mod offer;

use serde::Serialize;

use crate::facts::{self, Confidence, HOURS_PER_MONTH};
use crate::task::{Arch, Os};

pub use offer::from_offer;

/// Hourly prices of one Region, USD.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prices {
    /// Region code.
    pub region: String,
    /// x86_64 Linux per vCPU-hour.
    pub x86_vcpu: f64,
    /// x86_64 Linux per GB-hour.
    pub x86_gb: f64,
    /// ARM64 Linux per vCPU-hour.
    pub arm_vcpu: f64,
    /// ARM64 Linux per GB-hour.
    pub arm_gb: f64,
    /// Windows per vCPU-hour, OS licence included.
    pub windows_vcpu: f64,
    /// Windows per GB-hour.
    pub windows_gb: f64,
    /// Ephemeral storage above 20 GiB per GB-hour.
    pub ephemeral_gb: f64,
    /// Application Load Balancer per hour (LCUs excluded).
    pub alb_hourly: f64,
    /// Application Load Balancer per LCU-hour.
    pub alb_lcu_hourly: f64,
    /// NAT gateway per hour (data excluded).
    pub nat_hourly: f64,
    /// NAT gateway data processing per GB.
    pub nat_gb: f64,
    /// CloudWatch Logs ingestion per GB.
    pub logs_gb: f64,
    /// A public IPv4 address per hour.
    pub public_ipv4_hourly: f64,
    /// Data between Availability Zones per GB (both directions).
    pub cross_az_gb: f64,
    /// Fargate Spot's discount off on-demand.
    pub spot_discount: f64,
    /// Where the prices come from.
    pub source: String,
    /// When they were published.
    pub as_of: String,
    /// How sure they are.
    pub confidence: Confidence,
    /// Figures that were not in the source and were filled from akplan's table or derived.
    pub estimated: Vec<&'static str>,
}

impl Prices {
    /// akplan's dated table; a Region without a row gets us-east-1's prices at low confidence.
    /// Every figure no public source confirmed for the Region is listed in `estimated`.
    #[must_use]
    pub fn builtin(region: &str) -> Self {
        let (row, priced) = facts::fargate_price(region);
        let (rates, rated) = facts::regional_rates(region);
        let mut estimated = Vec::new();
        if !priced {
            estimated.push("all Fargate prices (us-east-1's used)");
        }
        if region != "us-east-1" {
            estimated.push("Windows (us-east-1's used)");
        }
        for figure in facts::REGIONAL_FIGURES {
            if !rated || !rates.confirmed.contains(&figure) {
                estimated.push(figure);
            }
        }
        Self {
            region: region.to_owned(),
            x86_vcpu: row.x86_vcpu,
            x86_gb: row.x86_gb,
            arm_vcpu: row.arm_vcpu,
            arm_gb: row.arm_gb,
            windows_vcpu: facts::WINDOWS_VCPU_HOUR_USE1 + facts::WINDOWS_LICENCE_VCPU_HOUR,
            windows_gb: facts::WINDOWS_GB_HOUR_USE1,
            ephemeral_gb: rates.ephemeral_gb,
            alb_hourly: rates.alb_hourly,
            alb_lcu_hourly: rates.alb_lcu_hourly,
            nat_hourly: rates.nat_hourly,
            nat_gb: rates.nat_gb,
            logs_gb: rates.logs_gb,
            public_ipv4_hourly: facts::PUBLIC_IPV4_HOURLY,
            cross_az_gb: facts::CROSS_AZ_GB,
            spot_discount: rates.spot_discount,
            source: format!("akplan's price table: {}", row.source),
            as_of: facts::PRICES_AS_OF.to_owned(),
            confidence: if priced {
                row.confidence
            } else {
                Confidence::Low
            },
            estimated,
        }
    }

    /// One on-demand task per hour.
    #[must_use]
    pub fn task_hourly(&self, arch: Arch, os: Os, cpu: u32, memory: u32) -> f64 {
        let (per_vcpu, per_gb) = match (os, arch) {
            (Os::Windows, _) => (self.windows_vcpu, self.windows_gb),
            (Os::Linux, Arch::X86_64) => (self.x86_vcpu, self.x86_gb),
            (Os::Linux, Arch::Arm64) => (self.arm_vcpu, self.arm_gb),
        };
        f64::from(cpu) / 1024.0 * per_vcpu + f64::from(memory) / 1024.0 * per_gb
    }

    /// One on-demand task per month (730 h).
    #[must_use]
    pub fn task_monthly(&self, arch: Arch, os: Os, cpu: u32, memory: u32) -> f64 {
        self.task_hourly(arch, os, cpu, memory) * HOURS_PER_MONTH
    }
}

/// The on-demand monthly price (730 h) of one Linux task from akplan's table.
#[must_use]
pub fn monthly_task_usd(region: &str, arch: Arch, cpu: u32, memory: u32) -> f64 {
    Prices::builtin(region).task_monthly(arch, Os::Linux, cpu, memory)
}

/// `+$1.23` / `−$1.23`: a signed price difference for hints.
#[must_use]
pub fn signed_usd(delta: f64) -> String {
    if delta < 0.0 {
        format!("−${:.2}", -delta)
    } else {
        format!("+${delta:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_vcpu_two_gb_in_us_east_1() {
        let usd = monthly_task_usd("us-east-1", Arch::X86_64, 1024, 2048);
        assert!((usd - (0.04048 + 2.0 * 0.004445) * 730.0).abs() < 1e-9);
        assert!(monthly_task_usd("us-east-1", Arch::Arm64, 1024, 2048) < usd);
        assert_eq!(signed_usd(-3.245), "−$3.25");
    }

    /// Windows in us-east-1: $0.09148 per vCPU-hour plus the $0.046 OS licence, $0.01005 per
    /// GB-hour. 1 vCPU / 2 GB for 730 h: (0.13748 + 2 × 0.01005) × 730 = $115.0334.
    #[test]
    fn windows_includes_the_os_licence() {
        let p = Prices::builtin("us-east-1");
        let monthly = p.task_monthly(Arch::X86_64, Os::Windows, 1024, 2048);
        assert!((monthly - 115.0334).abs() < 1e-9, "{monthly}");
    }

    /// eu-west-1's ALB is $0.0252 an hour (confirmed); its NAT gateway is estimated.
    #[test]
    fn eu_west_1_has_its_own_load_balancer_price() {
        let p = Prices::builtin("eu-west-1");
        assert!((p.alb_hourly - 0.0252).abs() < 1e-12);
        assert!(!p.estimated.contains(&"ALB hourly"));
        assert!(p.estimated.contains(&"NAT gateway hourly"));
    }

    #[test]
    fn windows_costs_more_and_unknown_regions_are_marked() {
        let p = Prices::builtin("us-east-1");
        assert!(
            p.task_monthly(Arch::X86_64, Os::Windows, 1024, 2048)
                > p.task_monthly(Arch::X86_64, Os::Linux, 1024, 2048)
        );
        assert_eq!(p.estimated, ["Spot discount"]);
        let q = Prices::builtin("xx-north-9");
        assert_eq!(q.confidence, Confidence::Low);
        assert!(!q.estimated.is_empty());
    }
}
