//! The figures akplan bills, and which AWS Price List row gives each.
//!
//! A row is matched on its usage type exactly, after an optional Region prefix (`USE1-`, `EU-`,
//! `APS3-`): `processorArchitecture` is often empty in the AmazonECS offer, and a substring match
//! would take an ARM, Windows, Spot or storage row for the x86 one. Usage types from the offer
//! files themselves (AmazonECS, AWSELB, AmazonVPC, AmazonEC2, AmazonCloudWatch) and the Compute
//! Savings Plans file; format:
//! <https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-an-offer.html>.

use serde::{Deserialize, Serialize};

/// One billed rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// Fargate x86_64 Linux per vCPU-hour.
    X86Vcpu,
    /// Fargate x86_64 Linux per GB-hour.
    X86Gb,
    /// Fargate ARM64 Linux per vCPU-hour.
    ArmVcpu,
    /// Fargate ARM64 Linux per GB-hour.
    ArmGb,
    /// Fargate Windows per vCPU-hour, without the OS licence.
    WindowsVcpu,
    /// The Windows Server licence per vCPU-hour, billed on top.
    WindowsOs,
    /// Fargate Windows per GB-hour.
    WindowsGb,
    /// Fargate ephemeral storage above 20 GiB per GB-hour.
    EphemeralGb,
    /// An Application Load Balancer per hour.
    AlbHourly,
    /// An Application Load Balancer per LCU-hour.
    AlbLcuHourly,
    /// A NAT gateway per hour.
    NatHourly,
    /// NAT gateway data processing per GB.
    NatGb,
    /// A public IPv4 address in use, per hour.
    PublicIpv4Hourly,
    /// CloudWatch Logs standard ingestion per GB.
    LogsGb,
    /// Data between zones of a Region per GB, one direction (billed on both sides).
    CrossAzGbOneWay,
    /// Amazon EFS Standard storage per GB-month.
    EfsGbMonth,
    /// Compute Savings Plan, 1 year, no upfront: x86 vCPU-hour.
    Sp1yrX86Vcpu,
    /// Compute Savings Plan, 1 year, no upfront: x86 GB-hour.
    Sp1yrX86Gb,
    /// Compute Savings Plan, 1 year, no upfront: ARM vCPU-hour.
    Sp1yrArmVcpu,
    /// Compute Savings Plan, 1 year, no upfront: ARM GB-hour.
    Sp1yrArmGb,
    /// Compute Savings Plan, 3 years, no upfront: x86 vCPU-hour.
    Sp3yrX86Vcpu,
    /// Compute Savings Plan, 3 years, no upfront: x86 GB-hour.
    Sp3yrX86Gb,
    /// Compute Savings Plan, 3 years, no upfront: ARM vCPU-hour.
    Sp3yrArmVcpu,
    /// Compute Savings Plan, 3 years, no upfront: ARM GB-hour.
    Sp3yrArmGb,
}

/// A Compute Savings Plan term (no upfront, the option that needs no cash now).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// One year.
    OneYear,
    /// Three years.
    ThreeYears,
}

impl Figure {
    /// Every figure, in the order `akplan prices show` lists them.
    pub const ALL: [Figure; 24] = [
        Self::X86Vcpu,
        Self::X86Gb,
        Self::ArmVcpu,
        Self::ArmGb,
        Self::WindowsVcpu,
        Self::WindowsOs,
        Self::WindowsGb,
        Self::EphemeralGb,
        Self::AlbHourly,
        Self::AlbLcuHourly,
        Self::NatHourly,
        Self::NatGb,
        Self::PublicIpv4Hourly,
        Self::LogsGb,
        Self::CrossAzGbOneWay,
        Self::EfsGbMonth,
        Self::Sp1yrX86Vcpu,
        Self::Sp1yrX86Gb,
        Self::Sp1yrArmVcpu,
        Self::Sp1yrArmGb,
        Self::Sp3yrX86Vcpu,
        Self::Sp3yrX86Gb,
        Self::Sp3yrArmVcpu,
        Self::Sp3yrArmGb,
    ];

    /// The key in `prices.json` and the plan's JSON.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::X86Vcpu => "x86_vcpu",
            Self::X86Gb => "x86_gb",
            Self::ArmVcpu => "arm_vcpu",
            Self::ArmGb => "arm_gb",
            Self::WindowsVcpu => "windows_vcpu",
            Self::WindowsOs => "windows_os",
            Self::WindowsGb => "windows_gb",
            Self::EphemeralGb => "ephemeral_gb",
            Self::AlbHourly => "alb_hourly",
            Self::AlbLcuHourly => "alb_lcu_hourly",
            Self::NatHourly => "nat_hourly",
            Self::NatGb => "nat_gb",
            Self::PublicIpv4Hourly => "public_ipv4_hourly",
            Self::LogsGb => "logs_gb",
            Self::CrossAzGbOneWay => "cross_az_gb_one_way",
            Self::EfsGbMonth => "efs_gb_month",
            Self::Sp1yrX86Vcpu => "sp1yr_x86_vcpu",
            Self::Sp1yrX86Gb => "sp1yr_x86_gb",
            Self::Sp1yrArmVcpu => "sp1yr_arm_vcpu",
            Self::Sp1yrArmGb => "sp1yr_arm_gb",
            Self::Sp3yrX86Vcpu => "sp3yr_x86_vcpu",
            Self::Sp3yrX86Gb => "sp3yr_x86_gb",
            Self::Sp3yrArmVcpu => "sp3yr_arm_vcpu",
            Self::Sp3yrArmGb => "sp3yr_arm_gb",
        }
    }

    /// What it is, in words.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::X86Vcpu => "Fargate x86 Linux, per vCPU-hour",
            Self::X86Gb => "Fargate x86 Linux, per GB-hour",
            Self::ArmVcpu => "Fargate ARM64 Linux, per vCPU-hour",
            Self::ArmGb => "Fargate ARM64 Linux, per GB-hour",
            Self::WindowsVcpu => "Fargate Windows, per vCPU-hour",
            Self::WindowsOs => "Windows OS licence, per vCPU-hour",
            Self::WindowsGb => "Fargate Windows, per GB-hour",
            Self::EphemeralGb => "ephemeral storage over 20 GiB, per GB-hour",
            Self::AlbHourly => "Application Load Balancer, per hour",
            Self::AlbLcuHourly => "Application Load Balancer, per LCU-hour",
            Self::NatHourly => "NAT gateway, per hour",
            Self::NatGb => "NAT gateway data processing, per GB",
            Self::PublicIpv4Hourly => "public IPv4 address, per hour",
            Self::LogsGb => "CloudWatch Logs ingestion, per GB",
            Self::CrossAzGbOneWay => "data between zones, per GB each way",
            Self::EfsGbMonth => "EFS Standard storage, per GB-month",
            Self::Sp1yrX86Vcpu => "Savings Plan 1 yr: x86 per vCPU-hour",
            Self::Sp1yrX86Gb => "Savings Plan 1 yr: x86 per GB-hour",
            Self::Sp1yrArmVcpu => "Savings Plan 1 yr: ARM64 per vCPU-hour",
            Self::Sp1yrArmGb => "Savings Plan 1 yr: ARM64 per GB-hour",
            Self::Sp3yrX86Vcpu => "Savings Plan 3 yr: x86 per vCPU-hour",
            Self::Sp3yrX86Gb => "Savings Plan 3 yr: x86 per GB-hour",
            Self::Sp3yrArmVcpu => "Savings Plan 3 yr: ARM64 per vCPU-hour",
            Self::Sp3yrArmGb => "Savings Plan 3 yr: ARM64 per GB-hour",
        }
    }

    /// The figure for `key`, as written in `prices.json`.
    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The Savings Plan figure that discounts this on-demand one.
    #[must_use]
    pub fn savings(self, term: Term) -> Option<Self> {
        use Term::{OneYear, ThreeYears};
        Some(match (self, term) {
            (Self::X86Vcpu, OneYear) => Self::Sp1yrX86Vcpu,
            (Self::X86Gb, OneYear) => Self::Sp1yrX86Gb,
            (Self::ArmVcpu, OneYear) => Self::Sp1yrArmVcpu,
            (Self::ArmGb, OneYear) => Self::Sp1yrArmGb,
            (Self::X86Vcpu, ThreeYears) => Self::Sp3yrX86Vcpu,
            (Self::X86Gb, ThreeYears) => Self::Sp3yrX86Gb,
            (Self::ArmVcpu, ThreeYears) => Self::Sp3yrArmVcpu,
            (Self::ArmGb, ThreeYears) => Self::Sp3yrArmGb,
            _ => return None,
        })
    }

    /// Whether a Savings Plans file gives it (rather than an on-demand offer).
    #[must_use]
    pub fn is_savings_plan(self) -> bool {
        self >= Self::Sp1yrX86Vcpu
    }
}

/// The usage type after its Region prefix, or the whole usage type when it has none
/// (us-east-1's rows often have none: `LoadBalancerUsage`, `NatGateway-Hours`).
fn unprefixed(usage_type: &str) -> &str {
    match usage_type.split_once('-') {
        Some((head, rest))
            if (2..=5).contains(&head.len())
                && head
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                && head.bytes().any(|b| b.is_ascii_uppercase()) =>
        {
            rest
        }
        _ => usage_type,
    }
}

/// The usage type's Region prefix (`USE1`), or `""`.
#[must_use]
pub fn prefix(usage_type: &str) -> &str {
    let rest = unprefixed(usage_type);
    usage_type[..usage_type.len() - rest.len()].trim_end_matches('-')
}

/// The on-demand figure a product row gives: its service (the product's `servicecode`, else
/// the file's `offerCode`), product family and usage type.
#[must_use]
pub fn on_demand(service: &str, family: &str, usage_type: &str) -> Option<Figure> {
    let rest = unprefixed(usage_type);
    Some(match (service, rest) {
        ("AmazonECS", _) => fargate(rest)?,
        // Classic and Network Load Balancers share these usage types; the family tells them apart.
        ("AWSELB", "LoadBalancerUsage") if family == "Load Balancer-Application" => {
            Figure::AlbHourly
        }
        ("AWSELB", "LCUUsage") if family == "Load Balancer-Application" => Figure::AlbLcuHourly,
        // NAT gateways are in AmazonEC2's offer (product family "NAT Gateway"); accepted from
        // AmazonVPC's too.
        ("AmazonEC2" | "AmazonVPC", "NatGateway-Hours") => Figure::NatHourly,
        ("AmazonEC2" | "AmazonVPC", "NatGateway-Bytes") => Figure::NatGb,
        ("AmazonVPC" | "AmazonEC2", "PublicIPv4:InUseAddress") => Figure::PublicIpv4Hourly,
        // Custom logs' standard ingestion; vended logs and Infrequent Access are other types.
        ("AmazonCloudWatch", "DataProcessing-Bytes") => Figure::LogsGb,
        ("AmazonEC2" | "AWSDataTransfer", "DataTransfer-Regional-Bytes") => Figure::CrossAzGbOneWay,
        // EFS Standard (Regional) storage; Infrequent Access, Archive and One Zone are other
        // types (`IATimedStorage-ByteHrs`, `TimedStorage-Z-ByteHrs`, ...).
        ("AmazonEFS", "TimedStorage-ByteHrs") if family == "Storage" => Figure::EfsGbMonth,
        _ => return None,
    })
}

/// The Fargate figure of an AmazonECS usage type (Spot rows are not priced here: AWS does not
/// publish Spot prices in the offer files).
fn fargate(rest: &str) -> Option<Figure> {
    Some(match rest {
        "Fargate-vCPU-Hours:perCPU" => Figure::X86Vcpu,
        "Fargate-GB-Hours" => Figure::X86Gb,
        "Fargate-ARM-vCPU-Hours:perCPU" => Figure::ArmVcpu,
        "Fargate-ARM-GB-Hours" => Figure::ArmGb,
        "Fargate-Windows-vCPU-Hours:perCPU" => Figure::WindowsVcpu,
        "Fargate-Windows-OS-Hours:perCPU" => Figure::WindowsOs,
        "Fargate-Windows-GB-Hours" => Figure::WindowsGb,
        "Fargate-EphemeralStorage-GB-Hours" => Figure::EphemeralGb,
        _ => return None,
    })
}

/// The Savings Plan figure a rate of a Compute Savings Plan gives: the plan's term and the
/// discounted usage type.
#[must_use]
pub fn savings_plan(term: Term, discounted_usage_type: &str) -> Option<Figure> {
    let base = fargate(unprefixed(discounted_usage_type))?;
    base.savings(term)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_types_match_exactly_after_the_prefix() {
        assert_eq!(
            on_demand("AmazonECS", "Compute", "USE1-Fargate-vCPU-Hours:perCPU"),
            Some(Figure::X86Vcpu)
        );
        assert_eq!(
            on_demand("AmazonECS", "Compute", "Fargate-GB-Hours"),
            Some(Figure::X86Gb)
        );
        assert_eq!(
            on_demand("AmazonECS", "Compute", "EU-Fargate-ARM-GB-Hours"),
            Some(Figure::ArmGb)
        );
        assert_eq!(
            on_demand("AmazonECS", "", "USE1-SpotUsage:Fargate-vCPU-Hours:perCPU"),
            None
        );
        assert_eq!(
            on_demand("AmazonECS", "", "USE1-MIA1-Fargate-vCPU-Hours:perCPU"),
            None
        );
        assert_eq!(on_demand("AmazonECS", "", "USE1-ECS-EC2-GB-Hours"), None);
        assert_eq!(
            on_demand("AWSELB", "Load Balancer", "EUW2-LoadBalancerUsage"),
            None
        );
        assert_eq!(
            on_demand("AWSELB", "Load Balancer-Application", "EUW2-LCUUsage"),
            Some(Figure::AlbLcuHourly)
        );
        assert_eq!(
            on_demand("AWSELB", "Load Balancer", "USE1-DataProcessing-Bytes"),
            None
        );
        assert_eq!(
            on_demand(
                "AmazonCloudWatch",
                "Data Payload",
                "USE1-DataProcessing-Bytes"
            ),
            Some(Figure::LogsGb)
        );
        assert_eq!(
            on_demand("AmazonEFS", "Storage", "USE1-TimedStorage-ByteHrs"),
            Some(Figure::EfsGbMonth)
        );
        assert_eq!(
            on_demand("AmazonEFS", "Storage", "USE1-TimedStorage-Z-ByteHrs"),
            None
        );
        assert_eq!(
            on_demand("AmazonS3", "Storage", "USE1-TimedStorage-ByteHrs"),
            None
        );
        assert_eq!(prefix("APS3-NatGateway-Hours"), "APS3");
        assert_eq!(prefix("NatGateway-Hours"), "");
    }

    #[test]
    fn keys_round_trip_and_savings_figures_are_last() {
        for f in Figure::ALL {
            assert_eq!(Figure::from_key(f.key()), Some(f));
            assert_eq!(f.is_savings_plan(), f.key().starts_with("sp"));
        }
        assert_eq!(
            savings_plan(Term::ThreeYears, "USE1-Fargate-ARM-GB-Hours"),
            Some(Figure::Sp3yrArmGb)
        );
        assert_eq!(
            savings_plan(Term::OneYear, "USE1-Fargate-Windows-OS-Hours:perCPU"),
            None
        );
    }
}
