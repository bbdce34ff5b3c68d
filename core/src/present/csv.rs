//! The plan's monthly cost lines as CSV (RFC 4180): `akplan plan --format csv` and the page's
//! "CSV" export write the same text. Each row above `total` is one charge, and they add up to it
//! (to the cent per row) on each architecture; the `scenario` rows after it are the same bill
//! with Savings Plans and over the month as it is lived.

use crate::facts::HOURS_PER_MONTH;
use crate::plan::Plan;

/// The header row; the columns are a contract (docs/cli.md).
pub const CSV_HEADER: &str =
    "item,kind,chosen_arch,x86_64_usd_per_month,arm64_usd_per_month,assumes";

/// One row per service, the load balancer and NAT gateways when there are any, each line item,
/// the total, then the scenarios.
#[must_use]
pub fn cost_csv(plan: &Plan) -> String {
    let mut out = format!("{CSV_HEADER}\r\n");
    let mut row = |item: &str, kind: &str, arch: &str, x86: f64, arm: f64, assumes: &str| {
        let cells = [
            cell(item),
            cell(kind),
            cell(arch),
            format!("{x86:.2}"),
            format!("{arm:.2}"),
            cell(assumes),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    for s in &plan.services {
        let k = &s.cost;
        let spot = if k.spot_percent > 0 {
            format!("; {}% on Fargate Spot", k.spot_percent)
        } else {
            String::new()
        };
        row(
            &s.name,
            "service",
            k.chosen_arch.as_str(),
            k.monthly_usd.x86_64,
            k.monthly_usd.arm64,
            &format!(
                "{} tasks, {HOURS_PER_MONTH} hours a month{spot}",
                s.capacity.target
            ),
        );
    }
    let t = &plan.total;
    let hours = format!("its hourly charge, {HOURS_PER_MONTH} hours a month");
    if t.alb_monthly_usd > 0.0 {
        let alb = t.alb_monthly_usd;
        row("Application Load Balancer", "shared", "", alb, alb, &hours);
    }
    if t.nat_monthly_usd > 0.0 {
        let nat = t.nat_monthly_usd;
        row("NAT gateways", "shared", "", nat, nat, &hours);
    }
    for i in &t.line_items {
        row(
            &i.name,
            "line item",
            "",
            i.monthly_usd,
            i.monthly_usd,
            &i.assumes,
        );
    }
    row(
        "total",
        "total",
        "",
        t.monthly_usd.x86_64,
        t.monthly_usd.arm64,
        "what the spec gives no quantity for is not included",
    );
    // Other months for the same bill, not charges: they follow the total (kind `scenario`).
    let sp = if plan.services.iter().any(|s| s.cost.savings_plans.estimated) {
        "no upfront; rates estimated (no Savings Plans file read)"
    } else {
        "no upfront; rates from the Savings Plans file"
    };
    let profile = if plan
        .services
        .iter()
        .any(|s| s.cost.month.profile_monthly_usd.is_some())
    {
        "capacity.profile's average tasks; services without one at the planned count"
    } else {
        "no capacity.profile: the planned count all month"
    };
    let m = &t.month;
    for (item, v, assumes) in [
        (
            "total with Savings Plans, 1 yr",
            t.savings_plans.one_year_monthly_usd,
            sp,
        ),
        (
            "total with Savings Plans, 3 yr",
            t.savings_plans.three_years_monthly_usd,
            sp,
        ),
        (
            "total at min",
            m.at_min_monthly_usd,
            "every service at its autoscaling minimum all month",
        ),
        ("total at the load profile", m.profile_monthly_usd, profile),
        (
            "total at max",
            m.at_max_monthly_usd,
            "every service at its autoscaling maximum all month",
        ),
    ] {
        row(item, "scenario", "", v.x86_64, v.arm64, assumes);
    }
    out
}

/// One text cell: quoted when it holds a comma, quote or line break (RFC 4180 §2), and a
/// leading `=`, `+`, `-`, `@`, tab or carriage return neutralised with `'`, so a spreadsheet
/// never runs a stranger's service name as a formula (OWASP, "CSV Injection").
fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        assert_eq!(cell("orders"), "orders");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1+1"), "'-1+1");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    }
}
