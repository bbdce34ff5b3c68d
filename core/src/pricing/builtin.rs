//! akplan's own table as [`Origin`]s: each figure with its source and date, or estimated.
//! The rows are in [`crate::facts`] (`FARGATE_PRICES`, `REGIONAL_RATES`, the Windows and IPv4
//! constants); this module says, figure by figure, which are confirmed for a Region.

use super::{Figure, Origin, Quote, Term};
use crate::facts::{self, Confidence};

/// One figure of AWS's Price List built into akplan ([`super::price_list::PRICE_LIST`], written
/// by `cargo xtask prices`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ListedRow {
    /// Region code.
    pub region: &'static str,
    /// The figure's key ([`Figure::key`]).
    pub figure: &'static str,
    /// USD per unit.
    pub usd: f64,
    /// The unit as the file writes it.
    pub unit: &'static str,
    /// The offer (`AmazonECS`, `AWSELB`, ...).
    pub offer: &'static str,
    /// The offer file's `publicationDate`.
    pub published: &'static str,
    /// The product's SKU.
    pub sku: &'static str,
    /// The usage type matched.
    pub usage_type: &'static str,
}

/// The quotes `rows` hold for `region`.
pub fn listed(rows: &[ListedRow], region: &str) -> Vec<(Figure, Quote)> {
    rows.iter()
        .filter(|r| r.region == region)
        .filter_map(|r| {
            Some((
                Figure::from_key(r.figure)?,
                Quote {
                    usd: r.usd,
                    unit: r.unit.to_owned(),
                    offer: r.offer.to_owned(),
                    published: r.published.to_owned(),
                    sku: r.sku.to_owned(),
                    usage_type: r.usage_type.to_owned(),
                },
            ))
        })
        .collect()
}

/// Fargate Spot's assumed discount off on-demand. Spot prices are not in the Price List;
/// AWS says "up to 70%" (<https://aws.amazon.com/fargate/pricing/>). `--prices` files may set
/// their own (`spot_discount`).
pub const SPOT_DISCOUNT: f64 = 0.70;

/// Compute Savings Plans' assumed discount off Fargate on-demand, no upfront: 1 year and 3
/// years. AWS publishes the real rates per Region in the Savings Plans Price List
/// (`savingsPlan/v1.0/aws/AWSComputeSavingsPlan`) and on
/// <https://aws.amazon.com/savingsplans/compute-pricing/>; "up to 50%" on Fargate
/// (<https://aws.amazon.com/fargate/pricing/>). Used only where no such file was read, and
/// always reported as estimated.
pub const SAVINGS_PLAN_DISCOUNT: [(Term, f64); 2] =
    [(Term::OneYear, 0.20), (Term::ThreeYears, 0.45)];

/// The AWS pages the table's shared figures come from.
const FARGATE_PAGE: &str = "https://aws.amazon.com/fargate/pricing/";
const VPC_PAGE: &str = "https://aws.amazon.com/vpc/pricing/";
const EC2_PAGE: &str = "https://aws.amazon.com/ec2/pricing/on-demand/";

fn discount(term: Term) -> f64 {
    SAVINGS_PLAN_DISCOUNT
        .iter()
        .find(|(t, _)| *t == term)
        .map_or(0.0, |(_, d)| *d)
}

/// One line for the plan: akplan's table, its date and confidence.
pub fn summary(region: &str) -> (String, String, Confidence) {
    let (row, priced) = facts::fargate_price(region);
    if priced {
        (
            format!("akplan's price table: {}", row.source),
            row.as_of.to_owned(),
            row.confidence,
        )
    } else {
        (
            format!(
                "akplan's price table has no {region} row: us-east-1's prices, every figure estimated (`akplan prices fetch --region {region}` gets AWS's)"
            ),
            facts::PRICES_AS_OF.to_owned(),
            Confidence::Low,
        )
    }
}

/// Every figure of `region` from akplan's table.
pub fn origins(region: &str) -> Vec<Origin> {
    let (row, priced) = facts::fargate_price(region);
    let (rates, rated) = facts::regional_rates(region);
    let home = region == "us-east-1";
    let confirmed = |name: &str| rated && rates.confirmed.contains(&name);
    let fargate_ok = priced && row.confidence != Confidence::Low;
    let mut out: Vec<Origin> = Figure::ALL
        .into_iter()
        .map(|f| {
            let (usd, source, ok) = match f {
                Figure::X86Vcpu => (row.x86_vcpu, row.source.to_owned(), fargate_ok),
                Figure::X86Gb => (row.x86_gb, row.source.to_owned(), fargate_ok),
                Figure::ArmVcpu => (
                    row.arm_vcpu,
                    row.source.to_owned(),
                    fargate_ok && !row.source.contains("ARM derived"),
                ),
                Figure::ArmGb => (
                    row.arm_gb,
                    row.source.to_owned(),
                    fargate_ok && !row.source.contains("ARM derived"),
                ),
                Figure::WindowsVcpu => (
                    facts::WINDOWS_VCPU_HOUR_USE1,
                    format!("{FARGATE_PAGE} (us-east-1)"),
                    home,
                ),
                Figure::WindowsOs => (
                    facts::WINDOWS_LICENCE_VCPU_HOUR,
                    format!("{FARGATE_PAGE} (us-east-1)"),
                    home,
                ),
                Figure::WindowsGb => (
                    facts::WINDOWS_GB_HOUR_USE1,
                    format!("{FARGATE_PAGE} (us-east-1)"),
                    home,
                ),
                Figure::EphemeralGb => (
                    rates.ephemeral_gb,
                    FARGATE_PAGE.to_owned(),
                    confirmed("ephemeral storage"),
                ),
                Figure::AlbHourly => (
                    rates.alb_hourly,
                    "https://aws.amazon.com/elasticloadbalancing/pricing/".to_owned(),
                    confirmed("ALB hourly"),
                ),
                Figure::AlbLcuHourly => (
                    rates.alb_lcu_hourly,
                    "https://aws.amazon.com/elasticloadbalancing/pricing/".to_owned(),
                    confirmed("ALB LCU"),
                ),
                Figure::NatHourly => (
                    rates.nat_hourly,
                    VPC_PAGE.to_owned(),
                    confirmed("NAT gateway hourly"),
                ),
                Figure::NatGb => (
                    rates.nat_gb,
                    VPC_PAGE.to_owned(),
                    confirmed("NAT data processing"),
                ),
                // The same in every commercial Region since 2024-02-01.
                Figure::PublicIpv4Hourly => (
                    facts::PUBLIC_IPV4_HOURLY,
                    format!("{VPC_PAGE} (Public IPv4 Address, every Region)"),
                    true,
                ),
                Figure::LogsGb => (
                    rates.logs_gb,
                    "https://aws.amazon.com/cloudwatch/pricing/".to_owned(),
                    confirmed("CloudWatch Logs ingestion"),
                ),
                Figure::CrossAzGbOneWay => (
                    facts::CROSS_AZ_GB / 2.0,
                    format!("{EC2_PAGE} (Data Transfer within the same AWS Region)"),
                    true,
                ),
                Figure::EfsGbMonth => (
                    rates.efs_gb_month,
                    "https://aws.amazon.com/efs/pricing/ (Standard storage)".to_owned(),
                    confirmed("EFS Standard storage"),
                ),
                // Savings Plans: derived below from the on-demand figures.
                _ => (0.0, String::new(), false),
            };
            Origin {
                figure: f.key(),
                usd,
                source: if priced
                    || !matches!(
                        f,
                        Figure::X86Vcpu | Figure::X86Gb | Figure::ArmVcpu | Figure::ArmGb
                    ) {
                    format!("akplan's table: {source}")
                } else {
                    format!("akplan's table: us-east-1's ({source})")
                },
                sku: None,
                usage_type: None,
                published: match f {
                    _ if !priced => facts::PRICES_AS_OF,
                    Figure::X86Vcpu | Figure::X86Gb | Figure::ArmVcpu | Figure::ArmGb => row.as_of,
                    Figure::EphemeralGb
                    | Figure::AlbHourly
                    | Figure::AlbLcuHourly
                    | Figure::NatHourly
                    | Figure::NatGb
                    | Figure::LogsGb
                    | Figure::EfsGbMonth => rates.as_of,
                    _ => facts::PRICES_AS_OF,
                }
                .to_owned(),
                estimated: !ok,
            }
        })
        .collect();
    rederive(&mut out, &[]);
    out
}

/// Fills what other figures decide: ARM at 80% of x86 when only x86 was `quoted`, and each
/// Savings Plan rate not quoted from its on-demand rate at the assumed discount.
pub fn rederive(origins: &mut [Origin], quoted: &[Figure]) {
    let usd = |origins: &[Origin], f: Figure| {
        origins
            .iter()
            .find(|o| o.figure == f.key())
            .map_or(0.0, |o| o.usd)
    };
    for (arm, x86) in [
        (Figure::ArmVcpu, Figure::X86Vcpu),
        (Figure::ArmGb, Figure::X86Gb),
    ] {
        if quoted.contains(&x86) && !quoted.contains(&arm) {
            let x = usd(origins, x86);
            if let Some(o) = origins.iter_mut().find(|o| o.figure == arm.key()) {
                o.usd = x * facts::ARM_SHARE_OF_X86;
                o.source =
                    "derived: 80% of the x86 rate (ARM64's share wherever AWS publishes both)"
                        .to_owned();
                o.estimated = true;
            }
        }
    }
    for base in [
        Figure::X86Vcpu,
        Figure::X86Gb,
        Figure::ArmVcpu,
        Figure::ArmGb,
    ] {
        for term in [Term::OneYear, Term::ThreeYears] {
            let Some(sp) = base.savings(term) else {
                continue;
            };
            if quoted.contains(&sp) {
                continue;
            }
            let on_demand = usd(origins, base);
            let d = discount(term);
            if let Some(o) = origins.iter_mut().find(|o| o.figure == sp.key()) {
                o.usd = on_demand * (1.0 - d);
                o.source = format!(
                    "assumed: {:.0}% off the on-demand rate (no Savings Plans file read; AWS's rates: https://aws.amazon.com/savingsplans/compute-pricing/)",
                    d * 100.0
                );
                o.sku = None;
                o.usage_type = None;
                o.estimated = true;
            }
        }
    }
}
