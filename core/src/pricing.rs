//! Monthly Fargate prices of one task, from the dated table in [`crate::facts`].

use crate::facts::{self, HOURS_PER_MONTH};
use crate::task::Arch;

/// The on-demand monthly price (730 h) of one Linux task of `cpu` units and `memory` MiB.
/// Regions without a row use us-east-1's prices.
#[must_use]
pub fn monthly_task_usd(region: &str, arch: Arch, cpu: u32, memory: u32) -> f64 {
    let (p, _) = facts::fargate_price(region);
    let (per_vcpu, per_gb) = match arch {
        Arch::X86_64 => (p.x86_vcpu, p.x86_gb),
        Arch::Arm64 => (p.arm_vcpu, p.arm_gb),
    };
    let vcpu = f64::from(cpu) / 1024.0;
    let gb = f64::from(memory) / 1024.0;
    (vcpu * per_vcpu + gb * per_gb) * HOURS_PER_MONTH
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
}
