//! The plan as a report for people: plain text (`akplan plan`) or Markdown (`--format markdown`,
//! the page's "Markdown" export). One function writes both, so the CLI and the page print the
//! same text.

use super::{duration, increase_percent, usd};
use crate::plan::{CapacityPlan, Plan};

/// How the report is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportStyle {
    /// Aligned columns for a terminal.
    Text,
    /// Headings, lists and tables for pull requests and wikis.
    Markdown,
}

/// The serde spelling of an enum value (`arm64`, `high`), as in the JSON output.
pub(super) fn word<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The 2..6 AZ trade-off as a table.
fn az_table(c: &CapacityPlan, markdown: bool) -> String {
    let mut out = String::new();
    let note = if c.static_stability {
        "pre-scaled to survive losing one AZ; ← the plan".to_owned()
    } else {
        format!(
            "pre-scaled to survive losing one AZ; the plan is not pre-scaled ({} tasks)",
            c.target
        )
    };
    if markdown {
        out.push_str(&format!(
            "\nAZ options ({note}):\n\n| AZs | tasks | over base | monthly |\n|---:|---:|---:|---:|\n"
        ));
    } else {
        out.push_str(&format!("  AZ options  ({note})\n"));
        out.push_str("              AZs  tasks  over base    monthly\n");
    }
    for o in &c.by_az_count {
        let mark = if c.static_stability && o.azs as usize == c.per_az.len() {
            " ←"
        } else {
            ""
        };
        if markdown {
            out.push_str(&format!(
                "| {}{mark} | {} | {} | {} |\n",
                o.azs,
                o.target,
                increase_percent(o.over_provisioning_percent),
                usd(o.monthly_usd)
            ));
        } else {
            out.push_str(&format!(
                "              {:>3}  {:>5}  {:>9}  {:>10}{mark}\n",
                o.azs,
                o.target,
                increase_percent(o.over_provisioning_percent),
                usd(o.monthly_usd)
            ));
        }
    }
    out
}

/// Compute Savings Plans over the steady tasks, on the chosen architecture.
fn savings_line(k: &crate::plan::CostPlan) -> String {
    let sp = &k.savings_plans;
    let arch = k.chosen_arch;
    format!(
        "{} steady tasks on a Compute Savings Plan, no upfront: 1 yr {} (commit ${}/h), 3 yr {} (commit ${}/h), on demand {}{}",
        sp.steady_tasks,
        usd(sp.one_year_monthly_usd.of(arch)),
        sp.commitment_per_hour_usd[0],
        usd(sp.three_years_monthly_usd.of(arch)),
        sp.commitment_per_hour_usd[1],
        usd(k.monthly_usd.of(arch)),
        if sp.estimated {
            " (rates estimated: no Savings Plans file read)"
        } else {
            ""
        }
    )
}

/// The bill at `min`, at the load profile and at `max`, on the chosen architecture.
fn month_line(k: &crate::plan::CostPlan, min: u32, max: u32) -> String {
    let m = &k.month;
    let arch = k.chosen_arch;
    let profile = match (m.profile_monthly_usd, m.profile_average_tasks) {
        (Some(p), Some(avg)) => format!(
            "; at the load profile ({avg} tasks on average) {}",
            usd(p.of(arch))
        ),
        _ => "; no `capacity.profile`: the planned count all month".to_owned(),
    };
    format!(
        "at min ({min} tasks) {}{profile}; at max ({max} tasks) {}",
        usd(m.at_min_monthly_usd.of(arch)),
        usd(m.at_max_monthly_usd.of(arch)),
    )
}

/// The whole plan as a report in `style`.
#[must_use]
pub fn report(plan: &Plan, style: ReportStyle) -> String {
    let markdown = style == ReportStyle::Markdown;
    let mut out = String::new();
    let h = |level: usize, text: &str| {
        if markdown {
            format!("{} {text}\n\n", "#".repeat(level))
        } else {
            format!("{text}\n")
        }
    };
    let p = &plan.prices;
    let estimated = if p.estimated.is_empty() {
        String::new()
    } else {
        format!("; estimated: {}", p.estimated.join(", "))
    };
    let warning = p
        .warning
        .as_ref()
        .map(|w| format!("; warning: {w}"))
        .unwrap_or_default();
    let prices = format!(
        "prices: {} (as of {}, confidence {}{estimated}){warning}",
        p.source,
        p.as_of,
        word(&p.confidence)
    );
    // The text report opens with where its prices come from; Markdown keeps its heading first.
    if markdown {
        out.push_str(&h(1, &format!("{} in {}", plan.app, plan.region)));
        out.push_str(&format!("{prices}\n\n"));
    } else {
        out.push_str(&format!("{prices}\n"));
        out.push_str(&h(1, &format!("{} in {}", plan.app, plan.region)));
    }
    for s in &plan.services {
        let c = &s.capacity;
        let d = &s.deployment;
        let r = &s.recovery;
        let k = &s.cost;
        out.push_str(&h(2, &format!("service {}", s.name)));
        let rows = [
            (
                "capacity",
                format!(
                    "base {} → target {} over {} AZs {:?} (ECS spreads tasks best effort); survives losing one AZ: {}; autoscaling {}..{}{}",
                    c.base,
                    c.target,
                    c.per_az.len(),
                    c.per_az,
                    if c.survives_az_loss { "yes" } else { "no" },
                    c.min,
                    c.max,
                    if c.min_holds_target {
                        ""
                    } else {
                        " (min is below the target!)"
                    }
                ),
            ),
            (
                "deployment",
                format!(
                    "{} {} in {} batch{}; all traffic on the new version after {}; peak {} tasks; never fewer than {} healthy; new task healthy after {}, old task gone after {}; rollback {}{}{}",
                    d.strategy.as_str(),
                    duration(d.duration_seconds),
                    d.batches,
                    if d.batches == 1 { "" } else { "es" },
                    duration(d.time_to_all_traffic_new_seconds),
                    d.peak_tasks,
                    d.min_healthy_tasks,
                    duration(d.time_to_healthy_seconds),
                    duration(d.time_to_stop_seconds),
                    duration(d.rollback_seconds),
                    d.circuit_breaker_seconds.map_or(String::new(), |s| format!(
                        "; a release that never gets healthy is stopped by the circuit breaker after {}",
                        duration(s)
                    )),
                    if d.completes {
                        ""
                    } else {
                        " — NEVER COMPLETES"
                    }
                ),
            ),
            ("phases", phases(&d.phases)),
            (
                "what-ifs",
                if d.what_ifs.is_empty() {
                    "none: the settings are already fast".to_owned()
                } else {
                    d.what_ifs
                        .iter()
                        .map(|w| {
                            format!(
                                "{} saves {} per deployment",
                                w.change,
                                duration(w.seconds_saved)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                },
            ),
            (
                "strategies",
                d.strategies
                    .iter()
                    .filter(|o| !o.trade_off.is_empty())
                    .map(|o| format!("{} (surge ${:.4})", o.trade_off, o.surge_per_deployment_usd))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            (
                "recovery",
                format!(
                    "crashed task replaced in {}; hung task {}; RPO: {}",
                    duration(r.crashed_rto_seconds),
                    match r.hung_detection_seconds {
                        Some(detect) => format!(
                            "detected in {} + replaced in {} = RTO {} ({} the seed's 2 minutes)",
                            duration(detect),
                            duration(r.replacement_seconds),
                            duration(r.rto_seconds),
                            if r.within_two_minutes {
                                "within"
                            } else {
                                "over"
                            }
                        ),
                        None => "never detected (no load balancer or container health check)".to_owned(),
                    },
                    r.rpo
                ),
            ),
            (
                "cost/month",
                format!(
                    "x86_64 {} | arm64 {} (chosen: {}){}; pre-scaling {}; surge per deployment ${:.4}{}",
                    usd(k.monthly_usd.x86_64),
                    usd(k.monthly_usd.arm64),
                    k.chosen_arch.as_str(),
                    if k.spot_percent > 0 {
                        format!(
                            " with {}% on Spot (all on demand: x86_64 {} | arm64 {})",
                            k.spot_percent,
                            usd(k.on_demand_monthly_usd.x86_64),
                            usd(k.on_demand_monthly_usd.arm64)
                        )
                    } else {
                        String::new()
                    },
                    usd(k.prescaling_monthly_usd),
                    k.surge_per_deployment_usd,
                    k.right_size.map_or(String::new(), |r| format!(
                        "; cheapest valid size: {} CPU / {} MiB ({} per task)",
                        r.cpu,
                        r.memory,
                        usd(r.task_monthly_usd)
                    ))
                ),
            ),
            ("savings", savings_line(k)),
            ("month", month_line(k, c.min, c.max)),
        ];
        for (name, value) in rows {
            if markdown {
                out.push_str(&format!("- **{name}**: {value}\n"));
            } else {
                out.push_str(&format!("  {name:<11} {value}\n"));
            }
        }
        out.push_str(&az_table(c, markdown));
        if markdown {
            out.push_str(&format!("\n```text\n{}```\n\n", d.timeline));
        } else {
            out.push_str("  timeline    (a old, - old draining, + new starting, b new)\n");
            for line in d.timeline.lines() {
                out.push_str(&format!("              {line}\n"));
            }
        }
    }
    let t = &plan.total;
    for item in &t.line_items {
        let line = format!(
            "{}: {}/month ({})",
            item.name,
            usd(item.monthly_usd),
            item.assumes
        );
        out.push_str(&if markdown {
            format!("- {line}\n")
        } else {
            format!("{line}\n")
        });
    }
    if markdown && !t.line_items.is_empty() {
        out.push('\n');
    }
    let total = format!(
        "{}total/month x86_64 {} | arm64 {} (incl. ALB {}, NAT gateways {}{}; what the spec gives no quantity for is not included)",
        if plan.fleet.is_some() {
            format!("one copy in {}: ", plan.region)
        } else {
            String::new()
        },
        usd(t.monthly_usd.x86_64),
        usd(t.monthly_usd.arm64),
        usd(t.alb_monthly_usd),
        usd(t.nat_monthly_usd),
        if t.line_items.is_empty() {
            String::new()
        } else {
            let n = t.line_items.len();
            format!(" and the line item{} above", if n == 1 { "" } else { "s" })
        }
    );
    out.push_str(&if markdown {
        format!("**{total}**\n")
    } else {
        format!("{total}\n")
    });
    let (sp, m) = (&t.savings_plans, &t.month);
    let lived = format!(
        "total with Savings Plans (no upfront): 1 yr x86_64 {} | arm64 {}; 3 yr x86_64 {} | arm64 {}\ntotal over the month: at min x86_64 {} | arm64 {}; at the load profile x86_64 {} | arm64 {}; at max x86_64 {} | arm64 {}",
        usd(sp.one_year_monthly_usd.x86_64),
        usd(sp.one_year_monthly_usd.arm64),
        usd(sp.three_years_monthly_usd.x86_64),
        usd(sp.three_years_monthly_usd.arm64),
        usd(m.at_min_monthly_usd.x86_64),
        usd(m.at_min_monthly_usd.arm64),
        usd(m.profile_monthly_usd.x86_64),
        usd(m.profile_monthly_usd.arm64),
        usd(m.at_max_monthly_usd.x86_64),
        usd(m.at_max_monthly_usd.arm64),
    );
    if markdown {
        for line in lived.lines() {
            out.push_str(&format!("\n{line}\n"));
        }
    } else {
        out.push_str(&lived);
        out.push('\n');
    }
    if let Some(e) = &plan.express {
        let line = express_line(e);
        out.push_str(&if markdown {
            format!("\n{line}; ECS creates:\n\n")
        } else {
            format!("{line}; ECS creates:\n")
        });
        for c in &e.creates {
            out.push_str(&format!("{}- {c}\n", if markdown { "" } else { "  " }));
        }
    }
    if let Some(f) = &plan.fleet {
        out.push_str(if markdown { "\n" } else { "" });
        out.push_str(&super::fleet::fleet(f, markdown));
    }
    if let Some(r) = &plan.release {
        out.push_str(&super::fleet::release(r, markdown));
    }
    out
}

/// The app under ECS Express Mode, against the plain bill.
fn express_line(e: &crate::plan::express::ExpressPlan) -> String {
    let n = |k: u32, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    format!(
        "as ECS Express Mode: x86_64 {} | arm64 {} ({} {}/month: {} shared by up to 25 services {}, {} watching deployments {}){}",
        usd(e.monthly_usd.x86_64),
        usd(e.monthly_usd.arm64),
        if e.difference_monthly_usd < 0.0 {
            "saves"
        } else {
            "adds"
        },
        usd(e.difference_monthly_usd.abs()),
        n(e.load_balancers, "load balancer", "load balancers"),
        usd(e.alb_monthly_usd),
        n(e.alarms, "alarm", "alarms"),
        usd(e.alarm_monthly_usd),
        if e.fits {
            String::new()
        } else {
            format!("; does not fit Express: {}", e.misfits.join("; "))
        }
    )
}

/// The deployment's phases, one by one up to [`PHASES_SHOWN`]; a longer list (a rolling
/// deployment of many tasks runs hundreds of waves) keeps its first three and last two around
/// a count of the ones left out, so one line stays readable.
fn phases(list: &[crate::Phase]) -> String {
    let one = |p: &crate::Phase| {
        format!(
            "{} {}–{} ({}% new)",
            p.name,
            duration(p.start_seconds),
            duration(p.end_seconds),
            p.traffic_new_percent
        )
    };
    if list.len() <= PHASES_SHOWN {
        return list.iter().map(one).collect::<Vec<_>>().join("; ");
    }
    let (head, rest) = list.split_at(3);
    let (skipped, tail) = rest.split_at(rest.len() - 2);
    let mut parts: Vec<String> = head.iter().map(one).collect();
    parts.push(format!(
        "… {} more phases, {}–{} …",
        skipped.len(),
        skipped
            .first()
            .map_or(String::new(), |p| duration(p.start_seconds)),
        skipped
            .iter()
            .map(|p| p.end_seconds)
            .max()
            .map_or(String::new(), duration)
    ));
    parts.extend(tail.iter().map(one));
    parts.join("; ")
}

/// Phases a report lists one by one.
const PHASES_SHOWN: usize = 8;

#[cfg(test)]
mod tests {
    use super::{PHASES_SHOWN, phases};
    use crate::Phase;

    fn list(n: u32) -> Vec<Phase> {
        (1..=n)
            .map(|i| Phase {
                name: format!("wave_{i}"),
                start_seconds: i * 10,
                end_seconds: i * 10 + 100,
                traffic_new_percent: f64::from(i),
            })
            .collect()
    }

    #[test]
    fn a_few_phases_are_listed_and_many_are_summed_up() {
        let short = phases(&list(PHASES_SHOWN as u32));
        assert_eq!(short.matches("wave_").count(), PHASES_SHOWN);
        let long = phases(&list(1380));
        assert_eq!(long.matches("wave_").count(), 5, "{long}");
        assert!(long.starts_with("wave_1 10 s–"), "{long}");
        assert!(long.contains("… 1375 more phases, 40 s–"), "{long}");
        assert!(
            long.ends_with("wave_1380 230 min–231 min 40 s (1380% new)"),
            "{long}"
        );
    }
}
