//! `akplan plan`: validate, then show the core's plan as a report, JSON or Markdown.

use std::path::{Path, PathBuf};

use akplan_core::present::{duration, increase_percent, usd};
use akplan_core::{
    App, Assumptions, CapacityPlan, Format, NewTargetChecks, Plan, Prices, check_spec, from_offer,
};

use crate::render::{self, OutputFormat};
use crate::validate::FileReport;
use crate::{ColorChoice, print};

/// Output formats of `akplan plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFormat {
    /// A compact report with tables and the deployment timeline.
    Human,
    /// The stable JSON contract (docs/cli.md).
    Json,
    /// The report as Markdown (for pull requests and wikis).
    Markdown,
}

/// Arguments of `akplan plan`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The spec to plan.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Human)]
    pub format: PlanFormat,
    /// Plan only this service.
    #[arg(long)]
    pub service: Option<String>,
    /// An AWS Price List offer file for AmazonECS (`.../AmazonECS/current/REGION/index.json`) to
    /// price with instead of akplan's dated table.
    #[arg(long, value_name = "FILE")]
    pub prices: Option<PathBuf>,
    /// New targets need one passing load balancer check (the ALB guide's rule; the default, kept
    /// for scripts that pass it).
    #[arg(long, conflicts_with = "healthy_threshold_to_healthy")]
    pub one_check_to_healthy: bool,
    /// New targets need `healthy_threshold` passing checks (the older model: AWS re:Invent CON311).
    #[arg(long)]
    pub healthy_threshold_to_healthy: bool,
    /// When to colour diagnostics (never with `NO_COLOR` set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Reads and validates a spec; with errors, prints them and returns `None` (the caller exits 1).
pub fn load_spec(file: &Path, color: ColorChoice) -> Result<Option<App>, String> {
    let text = crate::read::text(file)?;
    let checked = check_spec(&text, Format::from_name(&file.to_string_lossy()));
    if let Some(app) = checked.model {
        return Ok(Some(app));
    }
    let root = crate::repo::Root::find()?;
    let report = FileReport {
        location: root.locate(file),
        path: file.to_path_buf(),
        text,
        checked,
    };
    print(&render::render(
        OutputFormat::Human,
        &[report],
        color.enabled(),
        &root,
    ))?;
    Ok(None)
}

/// Runs the command; a spec with errors is refused with its diagnostics (exit 1).
pub fn run(args: &Args) -> Result<u8, String> {
    let Some(app) = load_spec(&args.file, args.color)? else {
        return Ok(1);
    };
    let assumptions = Assumptions {
        new_target_checks: if args.healthy_threshold_to_healthy {
            NewTargetChecks::HealthyThreshold
        } else {
            NewTargetChecks::One
        },
    };
    let prices = match &args.prices {
        None => Prices::builtin(&app.region),
        Some(path) => {
            let text = crate::read::text_within(path, 64 << 20)?;
            from_offer(&text, &app.region).map_err(|e| format!("{}: {e}", path.display()))?
        }
    };
    let mut plan = akplan_core::plan(&app, assumptions, &prices);
    if let Some(name) = &args.service {
        if !plan.services.iter().any(|s| &s.name == name) {
            return Err(format!("no service `{name}` in {}", args.file.display()));
        }
        plan.services.retain(|s| &s.name == name);
    }
    let text = match args.format {
        PlanFormat::Json => {
            let mut t = serde_json::to_string_pretty(&plan).unwrap_or_default();
            t.push('\n');
            t
        }
        PlanFormat::Human => report(&plan, false),
        PlanFormat::Markdown => report(&plan, true),
    };
    print(&text)
}

/// The serde spelling of an enum value (`arm64`, `high`), as in the JSON output.
fn word<T: serde::Serialize>(value: &T) -> String {
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

fn report(plan: &Plan, markdown: bool) -> String {
    let mut out = String::new();
    let h = |level: usize, text: &str| {
        if markdown {
            format!("{} {text}\n\n", "#".repeat(level))
        } else {
            format!("{text}\n")
        }
    };
    out.push_str(&h(1, &format!("{} in {}", plan.app, plan.region)));
    let p = &plan.prices;
    let estimated = if p.estimated.is_empty() {
        String::new()
    } else {
        format!("; estimated: {}", p.estimated.join(", "))
    };
    let prices = format!(
        "prices: {} (as of {}, confidence {}{estimated})",
        p.source,
        p.as_of,
        word(&p.confidence)
    );
    out.push_str(&if markdown {
        format!("{prices}\n\n")
    } else {
        format!("{prices}\n")
    });
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
            (
                "phases",
                d.phases
                    .iter()
                    .map(|p| {
                        format!(
                            "{} {}–{} ({}% new)",
                            p.name,
                            duration(p.start_seconds),
                            duration(p.end_seconds),
                            p.traffic_new_percent
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
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
        "total/month x86_64 {} | arm64 {} (incl. ALB {}, NAT gateways {}{}; what the spec gives no quantity for is not included)",
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
    out
}
