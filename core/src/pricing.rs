//! Prices in use: akplan's dated table ([`crate::facts`]), or AWS Price List files the user
//! brings (`akplan prices build`/`fetch`, `akplan plan --prices`), in one shape the planner reads.
//! Every figure keeps where it came from ([`Origin`]), so a plan can say it.

mod builtin;
mod figure;
mod file;
pub mod offer;
mod price_list;

use serde::Serialize;

use crate::facts::{Confidence, HOURS_PER_MONTH};
use crate::task::{Arch, Os};

pub use builtin::ListedRow;
pub use figure::{Figure, Term};
pub use file::{PRICE_FILE_FORMAT, PriceFile, load};
pub use offer::Quote;

/// Where one figure comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Origin {
    /// The figure's key (`x86_vcpu`, `alb_hourly`, `sp1yr_arm_gb`, ...).
    pub figure: &'static str,
    /// USD per unit.
    pub usd: f64,
    /// The source: an AWS Price List offer, or a public page or file for akplan's table.
    pub source: String,
    /// The Price List SKU, when the figure is from a Price List file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// The usage type matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage_type: Option<String>,
    /// The offer's `publicationDate`, or the table's date.
    pub published: String,
    /// No source confirms it for this Region (filled from another Region, derived, assumed).
    pub estimated: bool,
}

/// Hourly prices of one Region, USD. The flat fields are the planner's view of [`Self::origins`]
/// and are set only by [`Prices::assemble`].
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
    /// EFS Standard storage per GB-month.
    pub efs_gb_month: f64,
    /// Fargate Spot's discount off on-demand (not in the Price List: an assumption).
    pub spot_discount: f64,
    /// Where the prices come from, in one line.
    pub source: String,
    /// When they were published (the oldest offer's date when several).
    pub as_of: String,
    /// How sure they are.
    pub confidence: Confidence,
    /// Figures that were not in the source and were filled from akplan's table or derived.
    pub estimated: Vec<&'static str>,
    /// Every figure with its source, in [`Figure::ALL`]'s order.
    pub origins: Vec<Origin>,
    /// Today's date (`YYYY-MM-DD`), when the front end knows it: the plan warns when the
    /// prices are older than [`STALE_AFTER_DAYS`].
    pub checked_on: Option<String>,
}

/// Prices older than this many days get a warning in the plan's first line.
pub const STALE_AFTER_DAYS: i64 = 90;

impl Prices {
    /// Builds the prices from one origin per figure: the one place the planner's rates are set.
    fn assemble(region: &str, origins: Vec<Origin>, spot_discount: f64) -> Self {
        debug_assert_eq!(origins.len(), Figure::ALL.len());
        let rate = |f: Figure| {
            origins
                .iter()
                .find(|o| o.figure == f.key())
                .map_or(0.0, |o| o.usd)
        };
        let from_price_list = |f: Figure| {
            origins
                .iter()
                .any(|o| o.figure == f.key() && o.sku.is_some())
        };
        let listed = origins.iter().any(|o| o.sku.is_some());
        let mut offers: Vec<(String, String)> = Vec::new();
        for o in origins.iter().filter(|o| o.sku.is_some()) {
            let offer = o.source.clone();
            if !offers.iter().any(|(s, _)| *s == offer) {
                offers.push((offer, o.published.clone()));
            }
        }
        let (source, as_of, confidence) = if listed {
            let oldest = offers
                .iter()
                .map(|(_, d)| date_part(d))
                .min()
                .unwrap_or("unknown")
                .to_owned();
            let names: Vec<String> = offers
                .iter()
                .map(|(s, d)| format!("{s} {}", date_part(d)))
                .collect();
            let fargate = from_price_list(Figure::X86Vcpu) && from_price_list(Figure::X86Gb);
            (
                names.join(", "),
                oldest,
                if fargate {
                    Confidence::High
                } else {
                    Confidence::Low
                },
            )
        } else {
            let b = builtin::summary(region);
            (b.0, b.1, b.2)
        };
        let estimated = origins
            .iter()
            .filter(|o| {
                o.estimated && !Figure::from_key(o.figure).is_some_and(Figure::is_savings_plan)
            })
            .map(|o| o.figure)
            .collect();
        Self {
            region: region.to_owned(),
            x86_vcpu: rate(Figure::X86Vcpu),
            x86_gb: rate(Figure::X86Gb),
            arm_vcpu: rate(Figure::ArmVcpu),
            arm_gb: rate(Figure::ArmGb),
            windows_vcpu: rate(Figure::WindowsVcpu) + rate(Figure::WindowsOs),
            windows_gb: rate(Figure::WindowsGb),
            ephemeral_gb: rate(Figure::EphemeralGb),
            alb_hourly: rate(Figure::AlbHourly),
            alb_lcu_hourly: rate(Figure::AlbLcuHourly),
            nat_hourly: rate(Figure::NatHourly),
            nat_gb: rate(Figure::NatGb),
            logs_gb: rate(Figure::LogsGb),
            public_ipv4_hourly: rate(Figure::PublicIpv4Hourly),
            cross_az_gb: 2.0 * rate(Figure::CrossAzGbOneWay),
            efs_gb_month: rate(Figure::EfsGbMonth),
            spot_discount,
            source,
            as_of,
            confidence,
            estimated,
            origins,
            checked_on: None,
        }
    }

    /// akplan's built-in prices: the Price List rows built in (`cargo xtask prices`) where the
    /// Region has them, else akplan's dated table; a Region in neither gets us-east-1's prices,
    /// every figure marked estimated.
    #[must_use]
    pub fn builtin(region: &str) -> Self {
        Self::built_in_from(price_list::PRICE_LIST, region)
    }

    /// [`Self::builtin`] over another set of built-in rows (`cargo xtask prices`'s tests).
    #[must_use]
    pub fn built_in_from(rows: &[ListedRow], region: &str) -> Self {
        let quotes = builtin::listed(rows, region);
        if quotes.is_empty() {
            Self::assemble(region, builtin::origins(region), builtin::SPOT_DISCOUNT)
        } else {
            Self::from_quotes(region, quotes.iter().map(|(f, q)| (*f, q)), None)
        }
    }

    /// `region`'s prices from Price List quotes; a figure they lack comes from akplan's table
    /// (marked estimated where the table's is). A Savings Plan rate the quotes lack is derived
    /// from the table's discount and the quoted on-demand rate.
    #[must_use]
    pub fn from_quotes<'q>(
        region: &str,
        quotes: impl IntoIterator<Item = (Figure, &'q Quote)>,
        spot_discount: Option<f64>,
    ) -> Self {
        let mut origins = builtin::origins(region);
        let mut quoted = Vec::new();
        for (figure, q) in quotes {
            if let Some(o) = origins.iter_mut().find(|o| o.figure == figure.key()) {
                *o = Origin {
                    figure: figure.key(),
                    usd: q.usd,
                    source: format!("AWS Price List {}", q.offer),
                    sku: Some(q.sku.clone()),
                    usage_type: Some(q.usage_type.clone()),
                    published: q.published.clone(),
                    estimated: false,
                };
                quoted.push(figure);
            }
        }
        builtin::rederive(&mut origins, &quoted);
        Self::assemble(
            region,
            origins,
            spot_discount.unwrap_or(builtin::SPOT_DISCOUNT),
        )
    }

    /// The rate of `figure`.
    #[must_use]
    pub fn rate(&self, figure: Figure) -> f64 {
        self.origins
            .iter()
            .find(|o| o.figure == figure.key())
            .map_or(0.0, |o| o.usd)
    }

    /// The plan's warning when the prices are older than [`STALE_AFTER_DAYS`] on
    /// [`Self::checked_on`].
    #[must_use]
    pub fn staleness(&self) -> Option<String> {
        let today = days(self.checked_on.as_deref()?)?;
        let published = days(&self.as_of)?;
        let age = today - published;
        (age > STALE_AFTER_DAYS).then(|| {
            format!(
                "the prices are {age} days old (published {}); `akplan prices fetch` gets AWS's current ones",
                self.as_of
            )
        })
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

/// The date part of a `publicationDate` (`2026-11-20T00:00:00Z` → `2026-11-20`).
fn date_part(date: &str) -> &str {
    date.get(..10).filter(|d| days(d).is_some()).unwrap_or(date)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` (or `YYYY-MM`, the 1st) date, by the civil calendar.
fn days(date: &str) -> Option<i64> {
    let mut parts = date.get(..date.len().min(10))?.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next().map_or(Some(1), |d| d.parse().ok())?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1970..=9999).contains(&y) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The usage-type prefix of each Region (`USE1-Fargate-GB-Hours`), for rows without
/// `regionCode`. Source: AWS Cost and Usage Reports, "Region codes" in usage types
/// (<https://docs.aws.amazon.com/cur/latest/userguide/product-columns.html>), as seen in
/// Price List files; eu-west-1's is `EU`.
pub const REGION_PREFIXES: [(&str, &str); 33] = [
    ("us-east-1", "USE1"),
    ("us-east-2", "USE2"),
    ("us-west-1", "USW1"),
    ("us-west-2", "USW2"),
    ("af-south-1", "AFS1"),
    ("ap-east-1", "APE1"),
    ("ap-south-1", "APS3"),
    ("ap-south-2", "APS5"),
    ("ap-southeast-1", "APS1"),
    ("ap-southeast-2", "APS2"),
    ("ap-southeast-3", "APS4"),
    ("ap-southeast-4", "APS6"),
    ("ap-southeast-5", "APS7"),
    ("ap-southeast-7", "APS9"),
    ("ap-northeast-1", "APN1"),
    ("ap-northeast-2", "APN2"),
    ("ap-northeast-3", "APN3"),
    ("ca-central-1", "CAN1"),
    ("ca-west-1", "CAW1"),
    ("eu-central-1", "EUC1"),
    ("eu-central-2", "EUC2"),
    ("eu-west-1", "EU"),
    ("eu-west-2", "EUW2"),
    ("eu-west-3", "EUW3"),
    ("eu-south-1", "EUS1"),
    ("eu-south-2", "EUS2"),
    ("eu-north-1", "EUN1"),
    ("il-central-1", "ILC1"),
    ("me-south-1", "MES1"),
    ("me-central-1", "MEC1"),
    ("mx-central-1", "MXC1"),
    ("sa-east-1", "SAE1"),
    ("ap-east-2", "APE2"),
];

/// The Region whose usage types start with `prefix`.
#[must_use]
pub fn region_of_prefix(prefix: &str) -> Option<&'static str> {
    REGION_PREFIXES
        .iter()
        .find(|(_, p)| *p == prefix)
        .map(|(r, _)| *r)
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
        assert!(!p.estimated.contains(&"alb_hourly"));
        assert!(p.estimated.contains(&"nat_hourly"));
    }

    #[test]
    fn windows_costs_more_and_unknown_regions_are_marked() {
        let p = Prices::builtin("us-east-1");
        assert!(
            p.task_monthly(Arch::X86_64, Os::Windows, 1024, 2048)
                > p.task_monthly(Arch::X86_64, Os::Linux, 1024, 2048)
        );
        assert!(p.estimated.is_empty(), "{:?}", p.estimated);
        let q = Prices::builtin("xx-north-9");
        assert_eq!(q.confidence, Confidence::Low);
        assert!(!q.estimated.is_empty());
        assert!(q.source.contains("no xx-north-9 row"));
    }

    #[test]
    fn staleness_counts_days_from_the_publication_date() {
        let mut p = Prices::builtin("us-east-1");
        assert_eq!(p.staleness(), None);
        p.as_of = "2026-09-01".into();
        p.checked_on = Some("2026-11-30".into());
        assert_eq!(p.staleness(), None);
        p.checked_on = Some("2026-12-01".into());
        assert!(p.staleness().expect("should work").contains("91 days old"));
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(days("2000-03-01"), Some(11_017));
        assert_eq!(days("2026-13-01"), None);
        assert_eq!(date_part("2026-11-20T00:00:00Z"), "2026-11-20");
    }
}
