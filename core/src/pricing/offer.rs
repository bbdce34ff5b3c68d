//! AWS Price List offer files for AmazonECS (`offers/v1.0/aws/AmazonECS/current/REGION/index.json`).
//!
//! The file maps SKUs to products (`attributes.usagetype`, `attributes.regionCode`) and SKUs to
//! on-demand terms (`priceDimensions.*.pricePerUnit.USD`). Fargate's usage types end in
//! `Fargate-vCPU-Hours:perCPU`, `Fargate-GB-Hours`, `Fargate-ARM-vCPU-Hours:perCPU`,
//! `Fargate-ARM-GB-Hours`, `Fargate-Windows-vCPU-Hours:perCPU`, `Fargate-Windows-OS-Hours:perCPU`,
//! `Fargate-Windows-GB-Hours` and `Fargate-EphemeralStorage-GB-Hours`, behind a Region prefix such
//! as `USE1-` (source: `ecs-facts.md` §1a).

use serde_json::Value;

use super::Prices;
use crate::facts::{self, Confidence};

/// Which price a usage type gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    X86Vcpu,
    X86Gb,
    ArmVcpu,
    ArmGb,
    WindowsVcpu,
    WindowsOs,
    WindowsGb,
    Ephemeral,
}

fn kind(usage_type: &str) -> Option<Kind> {
    if usage_type.contains("Spot") {
        return None;
    }
    // `USE1-Fargate-...`, or plain `Fargate-...` in some us-east-1 files.
    let start = usage_type.find("Fargate-")?;
    Some(match &usage_type[start..] {
        "Fargate-vCPU-Hours:perCPU" => Kind::X86Vcpu,
        "Fargate-GB-Hours" => Kind::X86Gb,
        "Fargate-ARM-vCPU-Hours:perCPU" => Kind::ArmVcpu,
        "Fargate-ARM-GB-Hours" => Kind::ArmGb,
        "Fargate-Windows-vCPU-Hours:perCPU" => Kind::WindowsVcpu,
        "Fargate-Windows-OS-Hours:perCPU" => Kind::WindowsOs,
        "Fargate-Windows-GB-Hours" => Kind::WindowsGb,
        "Fargate-EphemeralStorage-GB-Hours" => Kind::Ephemeral,
        _ => return None,
    })
}

/// The most a Fargate unit-hour (vCPU, GB, GB of storage) may cost in an offer file.
pub const MAX_USD_PER_UNIT_HOUR: f64 = 100.0;

/// The first on-demand USD price of `sku`.
fn on_demand_usd(doc: &Value, sku: &str) -> Option<f64> {
    let terms = doc.pointer("/terms/OnDemand")?.get(sku)?.as_object()?;
    terms.values().find_map(|term| {
        term.get("priceDimensions")?
            .as_object()?
            .values()
            .find_map(|d| {
                d.pointer("/pricePerUnit/USD")?
                    .as_str()?
                    .parse::<f64>()
                    .ok()
            })
    })
}

/// Reads the Fargate prices of `region` from an offer file; what the file lacks comes from
/// akplan's table and is listed in [`Prices::estimated`].
///
/// # Errors
/// When the text is not an AmazonECS offer file or has no x86 Fargate prices for the Region.
pub fn from_offer(text: &str, region: &str) -> Result<Prices, String> {
    let doc: Value =
        serde_json::from_str(text).map_err(|e| format!("the prices file is not JSON: {e}"))?;
    if doc.get("offerCode").and_then(Value::as_str) != Some("AmazonECS") {
        return Err("the prices file is not an AWS Price List offer file for AmazonECS (`offerCode` is not `AmazonECS`)".to_owned());
    }
    let products = doc
        .get("products")
        .and_then(Value::as_object)
        .ok_or("the offer file has no `products`")?;
    let mut found: Vec<(Kind, f64)> = Vec::new();
    for (sku, product) in products {
        let attrs = product.get("attributes");
        let region_code = attrs
            .and_then(|a| a.get("regionCode"))
            .and_then(Value::as_str);
        if region_code.is_some_and(|r| r != region) {
            continue;
        }
        let Some(k) = attrs
            .and_then(|a| a.get("usagetype"))
            .and_then(Value::as_str)
            .and_then(kind)
        else {
            continue;
        };
        if let Some(usd) = on_demand_usd(&doc, sku) {
            // An untrusted file: a price is a finite, non-negative number of dollars per
            // unit-hour, far below $100 (Fargate's are cents).
            if !usd.is_finite() || !(0.0..=MAX_USD_PER_UNIT_HOUR).contains(&usd) {
                return Err(format!(
                    "the offer file's price for SKU {sku} is {usd}; a price must be a number from 0 to {MAX_USD_PER_UNIT_HOUR}"
                ));
            }
            found.push((k, usd));
        }
    }
    let get = |k: Kind| found.iter().find(|(f, _)| *f == k).map(|(_, usd)| *usd);
    let (Some(x86_vcpu), Some(x86_gb)) = (get(Kind::X86Vcpu), get(Kind::X86Gb)) else {
        return Err(format!(
            "the offer file has no on-demand Fargate x86 vCPU and GB prices for {region}"
        ));
    };
    let fallback = Prices::builtin(region);
    let mut estimated = Vec::new();
    let mut or = |value: Option<f64>, default: f64, what: &'static str| {
        value.unwrap_or_else(|| {
            estimated.push(what);
            default
        })
    };
    let arm_vcpu = or(
        get(Kind::ArmVcpu),
        x86_vcpu * facts::ARM_SHARE_OF_X86,
        "ARM64 vCPU (80% of x86)",
    );
    let arm_gb = or(
        get(Kind::ArmGb),
        x86_gb * facts::ARM_SHARE_OF_X86,
        "ARM64 GB (80% of x86)",
    );
    let windows_vcpu = match (get(Kind::WindowsVcpu), get(Kind::WindowsOs)) {
        (Some(v), os) => v + os.unwrap_or(0.0),
        (None, _) => or(None, fallback.windows_vcpu, "Windows vCPU (akplan's table)"),
    };
    let windows_gb = or(
        get(Kind::WindowsGb),
        fallback.windows_gb,
        "Windows GB (akplan's table)",
    );
    let ephemeral_gb = or(
        get(Kind::Ephemeral),
        fallback.ephemeral_gb,
        "ephemeral storage (akplan's table)",
    );
    // The AmazonECS offer holds Fargate only: everything else comes from akplan's table, and
    // stays estimated where the table's figure is.
    estimated.extend(
        fallback
            .estimated
            .iter()
            .filter(|e| facts::REGIONAL_FIGURES.contains(e)),
    );
    Ok(Prices {
        region: region.to_owned(),
        x86_vcpu,
        x86_gb,
        arm_vcpu,
        arm_gb,
        windows_vcpu,
        windows_gb,
        ephemeral_gb,
        alb_hourly: fallback.alb_hourly,
        alb_lcu_hourly: fallback.alb_lcu_hourly,
        nat_hourly: fallback.nat_hourly,
        nat_gb: fallback.nat_gb,
        logs_gb: fallback.logs_gb,
        public_ipv4_hourly: fallback.public_ipv4_hourly,
        cross_az_gb: fallback.cross_az_gb,
        spot_discount: fallback.spot_discount,
        source: "AWS Price List offer file (AmazonECS)".to_owned(),
        as_of: doc
            .get("publicationDate")
            .and_then(Value::as_str)
            .unwrap_or("unknown")
            .to_owned(),
        confidence: Confidence::High,
        estimated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_types_with_and_without_a_region_prefix() {
        assert_eq!(kind("USE1-Fargate-vCPU-Hours:perCPU"), Some(Kind::X86Vcpu));
        assert_eq!(kind("Fargate-GB-Hours"), Some(Kind::X86Gb));
        assert_eq!(kind("EUC1-Fargate-ARM-GB-Hours"), Some(Kind::ArmGb));
        assert_eq!(kind("USE1-SpotUsage:Fargate-vCPU-Hours:perCPU"), None);
        assert_eq!(kind("USE1-ECS-EC2-GB-Hours"), None);
    }

    #[test]
    fn not_an_offer_file() {
        assert!(from_offer("{}", "us-east-1").is_err());
        assert!(from_offer("[", "us-east-1").is_err());
        assert!(from_offer(r#"{"offerCode":"AmazonECS","products":{}}"#, "us-east-1").is_err());
    }
}
