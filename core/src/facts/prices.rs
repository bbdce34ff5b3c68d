//! akplan's own price table: Fargate and the rates beside it, per commercial Region, each row
//! with its source and date. A figure no source confirms for its Region is reported as
//! estimated (`akplan prices show` lists every figure's source). AWS's Price List files, when a
//! user brings them (`akplan prices`), replace these figure by figure.
//!
//! Sources: the AWS pricing pages (<https://aws.amazon.com/fargate/pricing/>,
//! <https://aws.amazon.com/elasticloadbalancing/pricing/>, <https://aws.amazon.com/vpc/pricing/>,
//! <https://aws.amazon.com/cloudwatch/pricing/>, <https://aws.amazon.com/efs/pricing/>) and AWS
//! Price List rows (usage types such as `EUW2-Fargate-vCPU-Hours:perCPU`) quoted in public
//! repositories, as each row says. "Estimated" rows are AWS's list price as last seen, not
//! confirmed by a source read for akplan: the plan says so in its first line.

/// How sure the price of a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// Cross-checked against a published figure.
    High,
    /// One credible source.
    Medium,
    /// Weak or derived: shown as "estimated".
    Low,
}

/// Fargate on-demand prices of one Region, USD per hour.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct FargatePrice {
    /// Region code.
    pub region: &'static str,
    /// x86_64 Linux, per vCPU-hour.
    pub x86_vcpu: f64,
    /// x86_64 Linux, per GB-hour.
    pub x86_gb: f64,
    /// ARM64 Linux, per vCPU-hour ([`ARM_SHARE_OF_X86`] of x86 where the source says "ARM derived").
    pub arm_vcpu: f64,
    /// ARM64 Linux, per GB-hour.
    pub arm_gb: f64,
    /// Where the row comes from.
    pub source: &'static str,
    /// How sure it is.
    pub confidence: Confidence,
    /// The source's date (`YYYY-MM`), or when akplan's table last checked it.
    pub as_of: &'static str,
}

/// The table's oldest date: what a Region without a row is dated.
pub const PRICES_AS_OF: &str = "2026-01";

/// ARM64 costs this share of x86 where no source gives the ARM price: the ratio wherever AWS
/// publishes both (us-east-1, eu-west-1, eu-west-2, ap-southeast-1, ap-northeast-2, sa-east-1).
pub const ARM_SHARE_OF_X86: f64 = 0.8;

/// The source of a row no source read for akplan confirms: reported as estimated.
const EST: &str = "AWS's list price as last seen, unconfirmed; ARM derived at 80%";

/// Fargate per Region: every commercial Region where Fargate runs.
#[rustfmt::skip]
pub const FARGATE_PRICES: [FargatePrice; 29] = [
    FargatePrice { region: "us-east-1", x86_vcpu: 0.04048, x86_gb: 0.004445, arm_vcpu: 0.03238, arm_gb: 0.00356, source: "https://aws.amazon.com/fargate/pricing/, cross-checked with infracost's ecs_service_test golden file", confidence: Confidence::High, as_of: "2026-01" },
    FargatePrice { region: "us-east-2", x86_vcpu: 0.04048, x86_gb: 0.004445, arm_vcpu: 0.03238, arm_gb: 0.00356, source: "AWS Price List USE2-Fargate-* rows read 2026-09-10 (quoted in public code)", confidence: Confidence::Medium, as_of: "2026-09" },
    FargatePrice { region: "us-west-1", x86_vcpu: 0.04656, x86_gb: 0.00511, arm_vcpu: 0.03725, arm_gb: 0.00409, source: EST, confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "us-west-2", x86_vcpu: 0.04048, x86_gb: 0.004445, arm_vcpu: 0.03238, arm_gb: 0.00356, source: "Defang's pricing golden file (x86); ARM as us-east-1", confidence: Confidence::Medium, as_of: "2026-01" },
    FargatePrice { region: "af-south-1", x86_vcpu: 0.0532, x86_gb: 0.00583, arm_vcpu: 0.04256, arm_gb: 0.00466, source: EST, confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "ap-east-1", x86_vcpu: 0.05568, x86_gb: 0.00609, arm_vcpu: 0.04454, arm_gb: 0.00487, source: EST, confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "ap-south-1", x86_vcpu: 0.04456, x86_gb: 0.0049, arm_vcpu: 0.03565, arm_gb: 0.00392, source: "a hand-maintained regional table (public code); ARM derived at 80%", confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "ap-south-2", x86_vcpu: 0.04456, x86_gb: 0.0049, arm_vcpu: 0.03565, arm_gb: 0.00392, source: EST, confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "ap-southeast-1", x86_vcpu: 0.05056, x86_gb: 0.00553, arm_vcpu: 0.04045, arm_gb: 0.00442, source: "AWS Price List APS1 usage-type table (public code)", confidence: Confidence::Medium, as_of: "2026-01" },
    FargatePrice { region: "ap-southeast-2", x86_vcpu: 0.04856, x86_gb: 0.00532, arm_vcpu: 0.03885, arm_gb: 0.00426, source: "https://aws.amazon.com/fargate/pricing/ Sydney rates (quoted in a public cost note)", confidence: Confidence::Medium, as_of: "2026-01" },
    FargatePrice { region: "ap-southeast-3", x86_vcpu: 0.05056, x86_gb: 0.00553, arm_vcpu: 0.04045, arm_gb: 0.00442, source: EST, confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "ap-southeast-4", x86_vcpu: 0.04856, x86_gb: 0.00532, arm_vcpu: 0.03885, arm_gb: 0.00426, source: EST, confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "ap-northeast-1", x86_vcpu: 0.05056, x86_gb: 0.00553, arm_vcpu: 0.04045, arm_gb: 0.00442, source: "a Price List test fixture (x86, public code); ARM derived at 80%", confidence: Confidence::Low, as_of: "2026-07" },
    FargatePrice { region: "ap-northeast-2", x86_vcpu: 0.04656, x86_gb: 0.00511, arm_vcpu: 0.03725, arm_gb: 0.00409, source: "AWS Price List APN2-Fargate-* rows, publication 2026-08-31 (quoted in public code)", confidence: Confidence::High, as_of: "2026-08" },
    FargatePrice { region: "ap-northeast-3", x86_vcpu: 0.05056, x86_gb: 0.00553, arm_vcpu: 0.04045, arm_gb: 0.00442, source: EST, confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "ca-central-1", x86_vcpu: 0.04456, x86_gb: 0.004865, arm_vcpu: 0.03565, arm_gb: 0.00389, source: "AWS Price List CAN1-Fargate-vCPU/GB-Hours rows (quoted in public code); ARM derived at 80%", confidence: Confidence::Medium, as_of: "2026-09" },
    FargatePrice { region: "ca-west-1", x86_vcpu: 0.04456, x86_gb: 0.004865, arm_vcpu: 0.03565, arm_gb: 0.00389, source: EST, confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "eu-central-1", x86_vcpu: 0.04656, x86_gb: 0.00511, arm_vcpu: 0.0372, arm_gb: 0.0041, source: "EUC1 rate card (public code, 2026-07-07); ARM derived at 80%", confidence: Confidence::Medium, as_of: "2026-07" },
    FargatePrice { region: "eu-central-2", x86_vcpu: 0.05122, x86_gb: 0.00562, arm_vcpu: 0.04098, arm_gb: 0.0045, source: EST, confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "eu-west-1", x86_vcpu: 0.04048, x86_gb: 0.004445, arm_vcpu: 0.03238, arm_gb: 0.00356, source: "AWS Price List SKUs K4EXFQ5YFQCP98EN / UP5ETC3QSW2QZGEY (x86), KXC9CEUQGJQPNZPY / MGJ5EB5GSHR8QZDF (ARM); Cost Explorer figures (public code)", confidence: Confidence::Medium, as_of: "2026-01" },
    FargatePrice { region: "eu-west-2", x86_vcpu: 0.04656, x86_gb: 0.00511, arm_vcpu: 0.03725, arm_gb: 0.00409, source: "AWS Price List EUW2-Fargate-* rows (a public pricing fixture of 2026-09-05 and a public cost study agree)", confidence: Confidence::High, as_of: "2026-09" },
    FargatePrice { region: "eu-west-3", x86_vcpu: 0.04656, x86_gb: 0.00511, arm_vcpu: 0.03725, arm_gb: 0.00409, source: EST, confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "eu-south-1", x86_vcpu: 0.04656, x86_gb: 0.00511, arm_vcpu: 0.03725, arm_gb: 0.00409, source: EST, confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "eu-south-2", x86_vcpu: 0.04423, x86_gb: 0.00486, arm_vcpu: 0.03538, arm_gb: 0.00389, source: EST, confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "eu-north-1", x86_vcpu: 0.04445, x86_gb: 0.00487, arm_vcpu: 0.03556, arm_gb: 0.0039, source: EST, confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "il-central-1", x86_vcpu: 0.04656, x86_gb: 0.00511, arm_vcpu: 0.03725, arm_gb: 0.00409, source: EST, confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "me-south-1", x86_vcpu: 0.05122, x86_gb: 0.00562, arm_vcpu: 0.04098, arm_gb: 0.0045, source: EST, confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "me-central-1", x86_vcpu: 0.05122, x86_gb: 0.00562, arm_vcpu: 0.04098, arm_gb: 0.0045, source: EST, confidence: Confidence::Low, as_of: "2026-01" },
    FargatePrice { region: "sa-east-1", x86_vcpu: 0.0696, x86_gb: 0.0076, arm_vcpu: 0.0557, arm_gb: 0.00612, source: "https://aws.amazon.com/pt/fargate/pricing/ São Paulo rates (quoted in public notes)", confidence: Confidence::Low, as_of: "2026-01" },
];

/// The price row of `region`, or us-east-1's when akplan has none (marked estimated by the caller).
#[must_use]
pub fn fargate_price(region: &str) -> (&'static FargatePrice, bool) {
    match FARGATE_PRICES.iter().find(|p| p.region == region) {
        Some(p) => (p, true),
        None => (&FARGATE_PRICES[0], false),
    }
}

/// The rates of one Region beside Fargate's: load balancer, NAT gateway, storage, logs, Spot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RegionalRates {
    /// Region code.
    pub region: &'static str,
    /// ALB per hour. Source: <https://aws.amazon.com/elasticloadbalancing/pricing/>.
    pub alb_hourly: f64,
    /// ALB per LCU-hour.
    pub alb_lcu_hourly: f64,
    /// NAT gateway per hour. Source: <https://aws.amazon.com/vpc/pricing/>.
    pub nat_hourly: f64,
    /// NAT gateway data processing per GB.
    pub nat_gb: f64,
    /// Fargate ephemeral storage above 20 GiB per GB-hour.
    pub ephemeral_gb: f64,
    /// CloudWatch Logs standard ingestion per GB. Source: <https://aws.amazon.com/cloudwatch/pricing/>.
    pub logs_gb: f64,
    /// EFS Standard storage per GB-month. Source: <https://aws.amazon.com/efs/pricing/>.
    pub efs_gb_month: f64,
    /// Fargate Spot's discount off on-demand (AWS: "up to 70%").
    pub spot_discount: f64,
    /// The figures a public source confirmed for this Region; the others are listed as
    /// estimated in the plan.
    pub confirmed: &'static [&'static str],
    /// The sources' date (`YYYY-MM`), or when akplan's table last checked them.
    pub as_of: &'static str,
}

/// The rates of every Region of [`FARGATE_PRICES`]. Confirmed figures: us-east-1, infracost's
/// `lb_test` and `nat_gateway_test` golden files, the AWS pages and a public infracost breakdown
/// of an `aws_efs_file_system` (10 GB, $3.00); us-east-2's ephemeral storage, the Price List row
/// read 2026-09-10 (public code); eu-west-1's ALB, the Elastic Load Balancing pricing page;
/// eu-west-2, Price List rows in a public cost study (`EUW2-LoadBalancerUsage`, `EUW2-LCUUsage`,
/// NAT gateway, `EUW2-Fargate-EphemeralStorage-GB-Hours`, `EUW2-DataProcessing-Bytes`);
/// ap-southeast-1's ALB and NAT, basavytix.com's NAT guide and the public APS1 table;
/// ap-northeast-2's ALB and NAT, `APN2-*` rows of the 2026-08 Price List (public code);
/// ca-central-1's ALB, `CAN1-LoadBalancerUsage`/`CAN1-LCUUsage` rows (public code). Every other
/// figure is AWS's list price as last seen and is reported as estimated. No source gives a
/// per-Region Spot discount: 70% is assumed everywhere.
#[rustfmt::skip]
pub const REGIONAL_RATES: [RegionalRates; 29] = [
    RegionalRates { region: "us-east-1", alb_hourly: 0.0225, alb_lcu_hourly: 0.008, nat_hourly: 0.045, nat_gb: 0.045, ephemeral_gb: 0.000_111, logs_gb: 0.5, efs_gb_month: 0.3, spot_discount: 0.70, confirmed: &["ALB hourly", "ALB LCU", "NAT gateway hourly", "NAT data processing", "ephemeral storage", "CloudWatch Logs ingestion", "EFS Standard storage"], as_of: "2026-01" },
    RegionalRates { region: "us-east-2", alb_hourly: 0.0225, alb_lcu_hourly: 0.008, nat_hourly: 0.045, nat_gb: 0.045, ephemeral_gb: 0.000_111, logs_gb: 0.5, efs_gb_month: 0.3, spot_discount: 0.70, confirmed: &["ephemeral storage"], as_of: "2026-09" },
    RegionalRates { region: "us-west-1", alb_hourly: 0.0252, alb_lcu_hourly: 0.008, nat_hourly: 0.048, nat_gb: 0.048, ephemeral_gb: 0.000_122, logs_gb: 0.5, efs_gb_month: 0.33, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "us-west-2", alb_hourly: 0.0225, alb_lcu_hourly: 0.008, nat_hourly: 0.045, nat_gb: 0.045, ephemeral_gb: 0.000_111, logs_gb: 0.5, efs_gb_month: 0.3, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "af-south-1", alb_hourly: 0.0286, alb_lcu_hourly: 0.0101, nat_hourly: 0.06, nat_gb: 0.06, ephemeral_gb: 0.000_133, logs_gb: 0.75, efs_gb_month: 0.39, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "ap-east-1", alb_hourly: 0.0275, alb_lcu_hourly: 0.0088, nat_hourly: 0.065, nat_gb: 0.065, ephemeral_gb: 0.000_133, logs_gb: 0.7, efs_gb_month: 0.36, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "ap-south-1", alb_hourly: 0.0239, alb_lcu_hourly: 0.008, nat_hourly: 0.056, nat_gb: 0.056, ephemeral_gb: 0.000_122, logs_gb: 0.67, efs_gb_month: 0.33, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "ap-south-2", alb_hourly: 0.0239, alb_lcu_hourly: 0.008, nat_hourly: 0.056, nat_gb: 0.056, ephemeral_gb: 0.000_122, logs_gb: 0.67, efs_gb_month: 0.33, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "ap-southeast-1", alb_hourly: 0.0252, alb_lcu_hourly: 0.008, nat_hourly: 0.059, nat_gb: 0.059, ephemeral_gb: 0.000_133, logs_gb: 0.7, efs_gb_month: 0.36, spot_discount: 0.70, confirmed: &["ALB hourly", "NAT gateway hourly", "NAT data processing"], as_of: "2026-01" },
    RegionalRates { region: "ap-southeast-2", alb_hourly: 0.0252, alb_lcu_hourly: 0.008, nat_hourly: 0.059, nat_gb: 0.059, ephemeral_gb: 0.000_133, logs_gb: 0.76, efs_gb_month: 0.36, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "ap-southeast-3", alb_hourly: 0.0252, alb_lcu_hourly: 0.008, nat_hourly: 0.059, nat_gb: 0.059, ephemeral_gb: 0.000_133, logs_gb: 0.7, efs_gb_month: 0.36, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "ap-southeast-4", alb_hourly: 0.0252, alb_lcu_hourly: 0.008, nat_hourly: 0.059, nat_gb: 0.059, ephemeral_gb: 0.000_133, logs_gb: 0.76, efs_gb_month: 0.36, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "ap-northeast-1", alb_hourly: 0.0243, alb_lcu_hourly: 0.008, nat_hourly: 0.062, nat_gb: 0.062, ephemeral_gb: 0.000_133, logs_gb: 0.76, efs_gb_month: 0.36, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "ap-northeast-2", alb_hourly: 0.025, alb_lcu_hourly: 0.008, nat_hourly: 0.059, nat_gb: 0.059, ephemeral_gb: 0.000_122, logs_gb: 0.76, efs_gb_month: 0.33, spot_discount: 0.70, confirmed: &["ALB hourly", "ALB LCU", "NAT gateway hourly", "NAT data processing"], as_of: "2026-08" },
    RegionalRates { region: "ap-northeast-3", alb_hourly: 0.0243, alb_lcu_hourly: 0.008, nat_hourly: 0.062, nat_gb: 0.062, ephemeral_gb: 0.000_133, logs_gb: 0.76, efs_gb_month: 0.36, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "ca-central-1", alb_hourly: 0.02475, alb_lcu_hourly: 0.0088, nat_hourly: 0.05, nat_gb: 0.05, ephemeral_gb: 0.000_122, logs_gb: 0.55, efs_gb_month: 0.33, spot_discount: 0.70, confirmed: &["ALB hourly", "ALB LCU"], as_of: "2026-09" },
    RegionalRates { region: "ca-west-1", alb_hourly: 0.02475, alb_lcu_hourly: 0.0088, nat_hourly: 0.05, nat_gb: 0.05, ephemeral_gb: 0.000_122, logs_gb: 0.55, efs_gb_month: 0.33, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "eu-central-1", alb_hourly: 0.027, alb_lcu_hourly: 0.008, nat_hourly: 0.052, nat_gb: 0.052, ephemeral_gb: 0.000_133, logs_gb: 0.63, efs_gb_month: 0.36, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "eu-central-2", alb_hourly: 0.0297, alb_lcu_hourly: 0.0088, nat_hourly: 0.057, nat_gb: 0.057, ephemeral_gb: 0.000_146, logs_gb: 0.69, efs_gb_month: 0.4, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "eu-west-1", alb_hourly: 0.0252, alb_lcu_hourly: 0.008, nat_hourly: 0.048, nat_gb: 0.048, ephemeral_gb: 0.000_122, logs_gb: 0.57, efs_gb_month: 0.33, spot_discount: 0.70, confirmed: &["ALB hourly"], as_of: "2026-01" },
    RegionalRates { region: "eu-west-2", alb_hourly: 0.02646, alb_lcu_hourly: 0.0084, nat_hourly: 0.05, nat_gb: 0.05, ephemeral_gb: 0.000_129, logs_gb: 0.5985, efs_gb_month: 0.33, spot_discount: 0.70, confirmed: &["ALB hourly", "ALB LCU", "NAT gateway hourly", "NAT data processing", "ephemeral storage", "CloudWatch Logs ingestion"], as_of: "2026-09" },
    RegionalRates { region: "eu-west-3", alb_hourly: 0.02646, alb_lcu_hourly: 0.0084, nat_hourly: 0.05, nat_gb: 0.05, ephemeral_gb: 0.000_129, logs_gb: 0.5985, efs_gb_month: 0.33, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "eu-south-1", alb_hourly: 0.02646, alb_lcu_hourly: 0.0084, nat_hourly: 0.05, nat_gb: 0.05, ephemeral_gb: 0.000_129, logs_gb: 0.5985, efs_gb_month: 0.33, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "eu-south-2", alb_hourly: 0.0252, alb_lcu_hourly: 0.008, nat_hourly: 0.048, nat_gb: 0.048, ephemeral_gb: 0.000_122, logs_gb: 0.57, efs_gb_month: 0.33, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "eu-north-1", alb_hourly: 0.0239, alb_lcu_hourly: 0.0076, nat_hourly: 0.046, nat_gb: 0.046, ephemeral_gb: 0.000_118, logs_gb: 0.535, efs_gb_month: 0.33, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "il-central-1", alb_hourly: 0.02646, alb_lcu_hourly: 0.0084, nat_hourly: 0.05, nat_gb: 0.05, ephemeral_gb: 0.000_129, logs_gb: 0.5985, efs_gb_month: 0.33, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "me-south-1", alb_hourly: 0.0277, alb_lcu_hourly: 0.0088, nat_hourly: 0.055, nat_gb: 0.055, ephemeral_gb: 0.000_133, logs_gb: 0.66, efs_gb_month: 0.36, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "me-central-1", alb_hourly: 0.0277, alb_lcu_hourly: 0.0088, nat_hourly: 0.055, nat_gb: 0.055, ephemeral_gb: 0.000_133, logs_gb: 0.66, efs_gb_month: 0.36, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
    RegionalRates { region: "sa-east-1", alb_hourly: 0.034, alb_lcu_hourly: 0.011, nat_hourly: 0.093, nat_gb: 0.093, ephemeral_gb: 0.000_177, logs_gb: 0.9, efs_gb_month: 0.45, spot_discount: 0.70, confirmed: &[], as_of: "2026-01" },
];

/// The rates of `region`, or us-east-1's (all estimated) when akplan has no row.
#[must_use]
pub fn regional_rates(region: &str) -> (&'static RegionalRates, bool) {
    match REGIONAL_RATES.iter().find(|r| r.region == region) {
        Some(r) => (r, true),
        None => (&REGIONAL_RATES[0], false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 24: every commercial Region akplan knows has a row in both tables, once.
    #[test]
    fn every_commercial_region_has_one_row_in_each_table() {
        let commercial = super::super::REGIONS
            .iter()
            .map(|(r, _)| *r)
            .filter(|r| !r.starts_with("cn-") && !r.starts_with("us-gov-"));
        for region in commercial {
            let fargate = FARGATE_PRICES.iter().filter(|p| p.region == region).count();
            let rates = REGIONAL_RATES.iter().filter(|p| p.region == region).count();
            assert_eq!((fargate, rates), (1, 1), "{region}");
        }
    }

    /// A row is sourced or says "estimated" with low confidence, and an ARM rate said to be
    /// derived is 80% of x86 to the table's rounding.
    #[test]
    fn every_row_names_its_source_or_says_estimated() {
        for p in FARGATE_PRICES {
            assert!(!p.source.is_empty() && p.as_of.len() == 7, "{}", p.region);
            if p.source == EST {
                assert_eq!(p.confidence, Confidence::Low, "{}", p.region);
            }
            if p.source.contains("ARM derived") {
                let close = |arm: f64, x86: f64| (arm - x86 * ARM_SHARE_OF_X86).abs() < 0.000_05;
                assert!(
                    close(p.arm_vcpu, p.x86_vcpu) && close(p.arm_gb, p.x86_gb),
                    "{}",
                    p.region
                );
            }
        }
        let names = [
            "ALB hourly",
            "ALB LCU",
            "NAT gateway hourly",
            "NAT data processing",
            "ephemeral storage",
            "CloudWatch Logs ingestion",
            "EFS Standard storage",
        ];
        for r in REGIONAL_RATES {
            assert!(
                r.confirmed.iter().all(|c| names.contains(c)),
                "{}",
                r.region
            );
        }
    }
}
