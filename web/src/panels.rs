//! The result panels: capacity, deployment, cost and generated code. They only display what the
//! core computed; the "apply" buttons hand spec edits back to the editor.

use akplan_core::{ServicePlan, SpecEdit};
use leptos::prelude::*;

use crate::analysis::Analysis;
use crate::charts::{self, H, W};
use crate::state;

pub use akplan_core::present::{duration, usd};

/// Capacity per AZ, the one-AZ-lost scenario, and the 2..6 AZ comparison.
#[component]
pub fn Capacity(service: Signal<Option<ServicePlan>>) -> impl IntoView {
    move || {
        service.get().map(|s| {
            let c = s.capacity.clone();
            let zones = c.per_az.len();
            let max = c.per_az.iter().copied().max().unwrap_or(1);
            // Two charts side by side (stacked on a phone), each drawn at the size it is shown,
            // so the labels keep their size on every screen.
            let normal = charts::bars(&c.per_az, max, 10.0, HALF - 14.0);
            // One AZ lost (the fullest one): what remains against the base.
            let remaining = c.left_after_losing_a_zone();
            let scale = c.target.max(c.base).max(1);
            let lost = charts::bars(&[c.target, remaining], scale, 10.0, HALF - 14.0);
            let base_y = charts::level(c.base, scale);
            let enough = if c.survives_az_loss { "enough" } else { "NOT enough" };
            let rows = c.by_az_count.clone();
            view! {
                <p class="summary">
                    "Base " <strong id="cap-base">{c.base}</strong> " → target "
                    <strong id="cap-target">{c.target}</strong> " tasks over " {zones} " AZs "
                    <span id="cap-per-az">{format!("{:?}", c.per_az)}</span> " (ECS spreads tasks best effort). Losing one AZ leaves "
                    {remaining} ": " {enough} "."
                    {(!c.egress_survives_az_loss).then_some(" With fewer NAT gateways than AZs, losing a NAT gateway's AZ also cuts the other tasks' outbound access.")}
                </p>
                <div class="chart-pair">
                <svg class="chart half" viewBox=format!("0 0 {HALF} {H}") role="img"
                    aria-label=format!("Tasks per AZ: {:?}", c.per_az)>
                    <Axes title=format!("tasks per AZ ↑ (max {max})") />
                    {normal.into_iter().enumerate().map(|(i, bar)| view! {
                        <rect class="bar" x=bar.0 y=bar.1 width=bar.2 height=bar.3></rect>
                        <BarCount bar=bar count=c.per_az[i] />
                        <text class="label" x=bar.0 + bar.2 / 2.0 y=H - 6.0>{format!("AZ {}", i + 1)}</text>
                    }).collect_view()}
                </svg>
                <svg class="chart half" viewBox=format!("0 0 {HALF} {H}") role="img"
                    aria-label=format!("All AZs {}; after losing one AZ {} of {} needed: {}", c.target, remaining, c.base, enough)>
                    <Axes title=format!("tasks ↑ (max {scale})") />
                    {lost.into_iter().enumerate().map(|(i, bar)| view! {
                        <rect class=if i == 0 { "bar" } else if c.survives_az_loss { "bar ok" } else { "bar bad" } x=bar.0 y=bar.1 width=bar.2 height=bar.3></rect>
                        <BarCount bar=bar count=if i == 0 { c.target } else { remaining } />
                        // The last label ends at the chart's edge, so a long one is never cut.
                        {if i == 0 {
                            view! { <text class="label" x=bar.0 + bar.2 / 2.0 y=H - 6.0>"all AZs"</text> }.into_any()
                        } else {
                            view! { <text class="label right" x=HALF - 4.0 y=H - 6.0>{format!("one AZ lost ({enough})")}</text> }.into_any()
                        }}
                    }).collect_view()}
                    <line class="base" x1=10.0 x2=HALF y1=base_y y2=base_y></line>
                    <text class="label right" x=HALF - 4.0 y=if base_y < 34.0 { base_y + 14.0 } else { base_y - 4.0 }>{format!("base {}", c.base)}</text>
                </svg>
                </div>
                <div class="visually-hidden"><table id="capacity-data">
                    <caption>"Tasks per AZ and after losing one (the chart's data)"</caption>
                    <thead><tr><th scope="col">"where"</th><th scope="col">"tasks"</th></tr></thead>
                    <tbody>
                        {c.per_az.iter().enumerate().map(|(i, n)| view! { <tr><td>{format!("AZ {}", i + 1)}</td><td>{*n}</td></tr> }).collect_view()}
                        <tr><td>"all AZs"</td><td>{c.target}</td></tr>
                        <tr><td>{format!("one AZ lost (base {})", c.base)}</td><td>{format!("{remaining}: {}", if c.survives_az_loss { "enough" } else { "NOT enough" })}</td></tr>
                    </tbody>
                </table></div>
                <table class="numbers" id="az-table" tabindex="0">
                    <caption>{if c.static_stability {
                        "AZ count trade-off, pre-scaled to survive losing one AZ (highlighted: the plan)".to_owned()
                    } else {
                        format!("AZ count trade-off if pre-scaled to survive losing one AZ (the plan is not: {} tasks)", c.target)
                    }}</caption>
                    <thead><tr><th scope="col">"AZs"</th><th scope="col">"tasks"</th><th scope="col">"over base"</th><th scope="col">"per month"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|o| view! {
                            <tr class=if c.static_stability && o.azs as usize == zones { "current" } else { "" }>
                                <td>{o.azs}</td><td>{o.target}</td><td>{akplan_core::present::increase_percent(o.over_provisioning_percent)}</td><td>{usd(o.monthly_usd)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
        })
    }
}

/// The deployment as a stacked chart with the traffic on the new version, its numbers, the same
/// service under every strategy, and what-ifs to apply.
#[component]
pub fn Deployment(
    service: Signal<Option<ServicePlan>>,
    apply: Callback<Vec<SpecEdit>>,
) -> impl IntoView {
    move || {
        service.get().map(|s| {
            let d = s.deployment.clone();
            let [old, stopping, starting, new] = charts::deployment_layers(&d.steps, d.duration_seconds);
            let traffic = charts::traffic_line(&d.phases, d.duration_seconds);
            let options = d.strategies.clone();
            view! {
                <p class="summary">
                    <span id="deploy-strategy">{d.strategy.as_str()}</span> ": "
                    <strong id="deploy-duration">{duration(d.duration_seconds)}</strong> "; all traffic on the new version after "
                    {duration(d.time_to_all_traffic_new_seconds)} "; rollback in " {duration(d.rollback_seconds)} "; " {d.batches} " batch(es); peak "
                    {d.peak_tasks} " tasks; never fewer than " {d.min_healthy_tasks} " healthy. New task healthy after "
                    {duration(d.time_to_healthy_seconds)} " (start + health checks); old task gone after "
                    {duration(d.time_to_stop_seconds)} " (draining + stop timeout)."
                    {(!d.completes).then(|| view! { <strong class="bad">" This deployment never completes."</strong> })}
                </p>
                <p class="summary" id="recovery">
                    {format!("A crashed task is replaced in {}; ", duration(s.recovery.crashed_rto_seconds))}
                    {match s.recovery.hung_detection_seconds {
                        Some(detect) => format!("a hung one is detected in {} and replaced after {} (RTO {}).", duration(detect), duration(s.recovery.replacement_seconds), duration(s.recovery.rto_seconds)),
                        None => "a hung one is never detected: the service has no health check.".to_owned(),
                    }}
                </p>
                <svg class="chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label="Old and new tasks over the deployment (the table below has the figures)">
                    <ChartPatterns />
                    <path class="old" d=old></path>
                    <path class="stopping" d=stopping></path>
                    <path class="starting" d=starting></path>
                    <path class="new" d=new></path>
                    <path class="traffic" d=traffic fill="none"></path>
                    {d.batch_list.iter().enumerate().map(|(i, b)| {
                        let x = f64::from(b.start_seconds) / f64::from(d.duration_seconds.max(1)) * W;
                        let healthy = f64::from(b.end_seconds) / f64::from(d.duration_seconds.max(1)) * W;
                        view! {
                            <line class="batch" x1=x x2=x y1=0.0 y2=H></line>
                            <line class="healthy" x1=healthy x2=healthy y1=0.0 y2=H></line>
                            <text class="label left" x=x + 3.0 y=17.0>{format!("batch {}: {} tasks", i + 1, b.tasks)}</text>
                        }
                    }).collect_view()}
                    // Direct labels where each solid layer is whole: old at the start, new at the end.
                    {charts::layer_middle(&d.steps, d.duration_seconds, 0, false).map(|y| view! { <text class="label left layer" x=4.0 y=y + 4.0>"old serving"</text> })}
                    {charts::layer_middle(&d.steps, d.duration_seconds, 3, true).map(|y| view! { <text class="label right layer" x=W - 4.0 y=y + 4.0>"new serving"</text> })}
                    <text class="label left" x=2.0 y=H - 3.0>"0:00"</text>
                    <text class="label axis" x=W / 2.0 y=H - 3.0>"time (min:s) →"</text>
                    <text class="label right" x=W - 2.0 y=H - 3.0>{duration(d.duration_seconds)}</text>
                    // The bounds: never fewer healthy tasks than this line, never more than the peak.
                    {
                        let y = charts::tasks_level(d.min_healthy_tasks, d.peak_tasks);
                        view! {
                            <line class="bound" x1=0.0 x2=W y1=y y2=y></line>
                            <text class="label left" x=4.0 y=(y - 3.0).max(10.0)>{format!("fewest healthy: {} tasks", d.min_healthy_tasks)}</text>
                        }
                    }
                    <line class="bound" x1=0.0 x2=W y1=10.0 y2=10.0></line>
                    <text class="label right" x=W - 4.0 y=28.0>{format!("tasks ↑ from 0 to the peak: {}", d.peak_tasks)}</text>
                </svg>
                <div class="visually-hidden"><table id="deploy-table">
                    <caption>"The deployment over time (the chart's data)"</caption>
                    <thead><tr><th scope="col">"time"</th><th scope="col">"old serving"</th><th scope="col">"draining"</th><th scope="col">"new starting"</th><th scope="col">"new serving"</th></tr></thead>
                    <tbody>
                        {d.steps.iter().step_by((d.steps.len() / 20).max(1)).map(|st| view! {
                            <tr><td>{duration(st.at_seconds)}</td><td>{st.old}</td><td>{st.stopping}</td><td>{st.starting}</td><td>{st.new}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table></div>
                <p class="legend">"Dashed: a batch starts; dotted: its tasks are healthy; the line: traffic on the new version (0–100%). "
                    {[("old", "old serving (solid grey)"), ("stopping", "draining/stopping (stripes)"), ("starting", "new starting (dots)"), ("new", "new serving (solid green)")].map(|(class, what)| view! {
                        <svg class="key" viewBox="0 0 12 12" aria-hidden="true"><rect class=class width="12" height="12"></rect></svg>{what}" "
                    }).collect_view()}
                </p>
                // The strategies side by side: one bar per strategy, its length the duration, its
                // label the figures (no colour needed to tell them apart).
                {
                    let longest = options.iter().map(|o| o.duration_seconds).max().unwrap_or(1).max(1);
                    // Names and durations in a column on the left, the bars to their right:
                    // every label has the same room whatever the bar's length (the table below
                    // has peaks and rollbacks).
                    let row = 28.0;
                    let label_w = 300.0;
                    let height = row * options.len() as f64 + 4.0;
                    view! {
                        <svg class="chart strategies-chart" viewBox=format!("0 0 {W} {height}") role="img"
                            aria-label="Deployment time by strategy (the table below has the figures)">
                            {options.iter().enumerate().map(|(i, o)| {
                                let y = 2.0 + row * i as f64;
                                let w = f64::from(o.duration_seconds) / f64::from(longest) * (W - label_w - 6.0);
                                let own = o.edits.is_empty();
                                view! {
                                    <text class="label right" x=label_w - 6.0 y=y + row / 2.0 + 4.0>
                                        {format!("{}{}: {}", o.strategy.as_str(), if own { " (this spec)" } else { "" }, duration(o.duration_seconds))}
                                    </text>
                                    <rect class=if own { "bar current" } else { "bar" } x=label_w y=y + 4.0 width=w.max(1.0) height=row - 10.0></rect>
                                }
                            }).collect_view()}
                        </svg>
                    }
                }
                <table class="numbers strategies" id="strategies" tabindex="0">
                    <caption>"The same service under every strategy"</caption>
                    <thead><tr><th scope="col">"strategy"</th><th scope="col">"duration"</th><th scope="col">"peak tasks"</th><th scope="col">"surge"</th><th scope="col">"rollback"</th><th scope="col"><span class="visually-hidden">"switch to it"</span></th></tr></thead>
                    <tbody>
                        {options.into_iter().map(|o| {
                            let edits = o.edits.clone();
                            let own = edits.is_empty();
                            view! {
                                <tr class:current=own>
                                    <th scope="row">{o.strategy.as_str()}</th>
                                    <td>{duration(o.duration_seconds)}</td>
                                    <td>{o.peak_tasks}</td>
                                    <td>{format!("${:.4}", o.surge_per_deployment_usd)}</td>
                                    <td>{duration(o.rollback_seconds)}</td>
                                    <td>{if own {
                                        view! { <span>"current"</span> }.into_any()
                                    } else {
                                        view! { <button title=o.trade_off.clone() on:click=move |_| apply.run(edits.clone())>"Use"</button> }.into_any()
                                    }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <ul class="whatifs">
                    {d.what_ifs.into_iter().map(|w| {
                        let edits = w.edits.clone();
                        view! {
                            <li>
                                {format!("{} saves {} per deployment — {}", w.change, duration(w.seconds_saved), w.why)}
                                " " <button on:click=move |_| apply.run(edits.clone())>"Apply"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })
    }
}

/// The Spot share and what it saves on the chosen architecture: `50% (−$12.34)`.
fn spot(cost: &akplan_core::CostPlan) -> String {
    if cost.spot_percent == 0 {
        return "0%".into();
    }
    let arch = cost.chosen_arch;
    let saved = cost.on_demand_monthly_usd.of(arch) - cost.monthly_usd.of(arch);
    format!("{}% (−{})", cost.spot_percent, usd(saved))
}

/// The width of each of the two capacity charts, in SVG units (about the pixels it gets).
const HALF: f64 = 300.0;

/// A half chart's axes (tasks up from zero) and its title.
#[component]
fn Axes(title: String) -> impl IntoView {
    view! {
        <line class="axis" x1=10.5 x2=10.5 y1=18.0 y2=H - 20.0></line>
        <line class="axis" x1=10.0 x2=HALF y1=H - 20.0 y2=H - 20.0></line>
        <text class="label left axis" x=14.0 y=13.0>{title}</text>
    }
}

/// A bar's count: inside its top when there is room, else just above it.
#[component]
fn BarCount(bar: charts::Bar, count: u32) -> impl IntoView {
    let (x, y, w, h) = bar;
    let inside = h >= 20.0;
    view! { <text class="label count" x=x + w / 2.0 y=if inside { y + 15.0 } else { y - 4.0 }>{count}</text> }
}

/// The fills of the two passing layers: stripes for draining, dots for starting, so no layer
/// depends on colour alone (the solid ones are labelled where they are whole). One set per page:
/// the legend's keys use them too.
#[component]
fn ChartPatterns() -> impl IntoView {
    view! {
        <defs>
            <pattern id="fill-stopping" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" class="pat-bg"></rect>
                <rect width="3" height="6" class="pat-stopping"></rect>
            </pattern>
            <pattern id="fill-starting" width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" class="pat-bg"></rect>
                <circle cx="3" cy="3" r="1.8" class="pat-starting"></circle>
            </pattern>
        </defs>
    }
}

/// Monthly cost per service and in total.
#[component]
pub fn Cost(analysis: Memo<Analysis>) -> impl IntoView {
    move || {
        analysis.get().plan.map(|p| {
            let note = format!("Prices: {} (as of {}).", p.prices.source, p.prices.as_of);
            view! {
                <table class="numbers" id="cost" tabindex="0">
                    <thead><tr><th scope="col">"service"</th><th scope="col">"x86_64"</th><th scope="col">"arm64"</th><th scope="col">"chosen"</th><th scope="col">"on Spot"</th><th scope="col">"pre-scaling"</th><th scope="col">"surge / deploy"</th></tr></thead>
                    <tbody>
                        {p.services.iter().map(|s| view! {
                            <tr>
                                <td>{s.name.clone()}</td>
                                {[(akplan_core::Arch::X86_64, s.cost.monthly_usd.x86_64), (akplan_core::Arch::Arm64, s.cost.monthly_usd.arm64)].map(|(arch, v)| {
                                    if arch == s.cost.chosen_arch {
                                        view! { <td class="chosen"><strong>{usd(v)}</strong>" ✓"</td> }.into_any()
                                    } else {
                                        view! { <td class="other">{usd(v)}</td> }.into_any()
                                    }
                                }).collect_view()}
                                <td>{s.cost.chosen_arch.as_str()}</td>
                                <td>{spot(&s.cost)}</td><td>{usd(s.cost.prescaling_monthly_usd)}</td>
                                <td>{format!("${:.4}", s.cost.surge_per_deployment_usd)}</td>
                            </tr>
                        }).collect_view()}
                        <tr><td>"load balancer (hours)"</td><td colspan="2">{usd(p.total.alb_monthly_usd)}</td><td colspan="4"></td></tr>
                        <tr><td>"NAT gateways (hours)"</td><td colspan="2">{usd(p.total.nat_monthly_usd)}</td><td colspan="4"></td></tr>
                        {p.total.line_items.iter().map(|i| view! {
                            <tr><td>{i.name.clone()}</td><td colspan="2">{usd(i.monthly_usd)}</td><td colspan="4" class="assumes">{i.assumes.clone()}</td></tr>
                        }).collect_view()}
                        <tr class="total"><td>"total"</td><td>{usd(p.total.monthly_usd.x86_64)}</td><td>{usd(p.total.monthly_usd.arm64)}</td><td></td><td></td><td></td><td></td></tr>
                        {totals(&p).into_iter().map(|(id, label, v, assumes)| view! {
                            <tr id=id><td>{label}</td><td>{usd(v.x86_64)}</td><td>{usd(v.arm64)}</td><td colspan="4" class="assumes">{assumes}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="note">{note}{(!p.prices.estimated.is_empty()).then(|| format!(" Estimated: {}.", p.prices.estimated.join(", ")))}</p>
            }
        })
    }
}

/// The plan's other totals, as rows under the total: Compute Savings Plans (no upfront) for the
/// steady tasks, and the month at the minimum, the load profile and the maximum (`akplan plan`
/// prints the same lines).
fn totals(p: &akplan_core::Plan) -> [(&'static str, &'static str, akplan_core::ByArch, String); 5] {
    let estimated = p.services.iter().any(|s| s.cost.savings_plans.estimated);
    let sp = if estimated {
        "rates estimated (20% and 45% off): no Savings Plans file read".to_owned()
    } else {
        "rates from the Savings Plans file".to_owned()
    };
    let profile = if p
        .services
        .iter()
        .any(|s| s.cost.month.profile_monthly_usd.is_some())
    {
        "with `capacity.profile`; other services at the planned count".to_owned()
    } else {
        "no `capacity.profile`: the planned count all month".to_owned()
    };
    let m = &p.total.month;
    [
        (
            "cost-sp-1y",
            "with Savings Plans, 1 yr",
            p.total.savings_plans.one_year_monthly_usd,
            sp.clone(),
        ),
        (
            "cost-sp-3y",
            "with Savings Plans, 3 yr",
            p.total.savings_plans.three_years_monthly_usd,
            sp,
        ),
        (
            "cost-month-min",
            "month at min",
            m.at_min_monthly_usd,
            "every service at its minimum".to_owned(),
        ),
        (
            "cost-month-profile",
            "month at the load profile",
            m.profile_monthly_usd,
            profile,
        ),
        (
            "cost-month-max",
            "month at max",
            m.at_max_monthly_usd,
            "every service at its maximum".to_owned(),
        ),
    ]
}

/// The zip's top folder: the directory `akplan emit all` writes by default.
const ZIP_FOLDER: &str = "akplan-out";

/// Offers `files` as the zip `name` (laid out under `akplan-out/`, as `akplan emit` writes
/// them), built by the page's second module; tells the user through `message`.
fn download_zip(files: &[akplan_core::Artifact], name: String, message: RwSignal<String>) {
    if files.is_empty() {
        message.set("nothing to download: fix the spec's errors first".into());
        return;
    }
    let pairs: Vec<(&str, &str)> = files
        .iter()
        .map(|f| (f.path.as_str(), f.contents.as_str()))
        .collect();
    let json = serde_json::to_string(&pairs).unwrap_or_default();
    let count = files.len();
    message.set(format!("{name}: building…"));
    leptos::task::spawn_local(async move {
        match crate::extras::bytes("zip_files", &[&json, ZIP_FOLDER]).await {
            Ok(bytes) if !bytes.is_empty() => {
                state::download_bytes(&name, &bytes, "application/zip");
                message.set(format!("{name}: {count} files"));
            }
            Ok(_) => message.set("zip failed: the files could not be written".into()),
            Err(why) => message.set(format!("zip failed: {why}")),
        }
    });
}

/// The tabs whose files the second module prints.
const ON_DEMAND: [&str; 2] = ["terraform", "cdk"];

/// The files of `target` (`terraform`, `cdk` or `all`) for `text`, from the second module.
async fn on_demand(text: &str, target: &str) -> Vec<akplan_core::Artifact> {
    let json = crate::extras::text("emit_files", &[text, target])
        .await
        .unwrap_or_default();
    serde_json::from_str::<Vec<(String, String)>>(&json)
        .unwrap_or_default()
        .into_iter()
        .map(|(path, contents)| akplan_core::Artifact { path, contents })
        .collect()
}

/// Generated code by target, with copy and download.
#[component]
pub fn Output(analysis: Memo<Analysis>, text: Signal<String>) -> impl IntoView {
    let tab = RwSignal::new("taskdef".to_owned());
    let file = RwSignal::new(0usize);
    let message = RwSignal::new(String::new());
    // Terraform and CDK come from the second module, for the text the panels show; the answer
    // for an older text or tab is never shown.
    let remote = RwSignal::new(None::<(String, String, Vec<akplan_core::Artifact>)>);
    Effect::new(move |_| {
        let (t, now) = (tab.get(), text.get());
        if !ON_DEMAND.contains(&t.as_str())
            || remote.with_untracked(|r| r.as_ref().is_some_and(|(a, b, _)| *a == now && *b == t))
        {
            return;
        }
        leptos::task::spawn_local(async move {
            let files = on_demand(&now, &t).await;
            if text.get_untracked() == now && tab.get_untracked() == t {
                remote.set(Some((now, t, files)));
            }
        });
    });
    let files = move || {
        let t = tab.get();
        if ON_DEMAND.contains(&t.as_str()) {
            let now = text.get();
            return remote.with(|r| match r {
                Some((a, b, files)) if *a == now && *b == t => files.clone(),
                _ => Vec::new(),
            });
        }
        let prefix = format!("{t}/");
        analysis
            .get()
            .files
            .into_iter()
            .filter(|f| f.path.starts_with(&prefix))
            .collect::<Vec<_>>()
    };
    let current = move || {
        files()
            .get(file.get())
            .cloned()
            .or_else(|| files().first().cloned())
    };
    const TABS: [&str; 4] = ["taskdef", "service", "terraform", "cdk"];
    // WAI-ARIA tabs: one tab stop, arrow keys (and Home/End) move between tabs and select them.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let i = TABS
            .iter()
            .position(|t| *t == tab.get_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % TABS.len(),
            "ArrowLeft" => (i + TABS.len() - 1) % TABS.len(),
            "Home" => 0,
            "End" => TABS.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        tab.set(TABS[next].to_owned());
        file.set(0);
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&format!("tab-{}", TABS[next])))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = el.focus();
        }
    };
    view! {
        <div role="tablist" aria-label="Generated code" class="tabs" on:keydown=on_key>
            {TABS.into_iter().map(|t| view! {
                <button role="tab" id=format!("tab-{t}") aria-controls="code-panel"
                    aria-selected=move || (tab.get() == t).to_string()
                    tabindex=move || if tab.get() == t { "0" } else { "-1" }
                    on:click=move |_| { tab.set(t.to_owned()); file.set(0); }>{t}</button>
            }).collect_view()}
        </div>
        <div id="code-panel" role="tabpanel" aria-labelledby=move || format!("tab-{}", tab.get())>
        <div class="files">
            {move || files().into_iter().enumerate().map(|(i, f)| view! {
                <button class=move || if file.get() == i { "file current" } else { "file" } on:click=move |_| file.set(i)>{f.path.clone()}</button>
            }).collect_view()}
        </div>
        <div class="actions">
            <button id="copy-file" on:click=move |_| if let Some(f) = current() {
                let path = f.path.clone();
                state::copy(&f.contents, move |ok| message.set(if ok { format!("copied {path}") } else { format!("copy failed: the browser refused the clipboard (use Download file for {path})") }));
            }>"Copy"</button>
            <button on:click=move |_| if let Some(f) = current() { state::download(&f.path, &f.contents); }>"Download file"</button>
            // One zip, not one download per file: browsers stop a page's burst of downloads.
            <button id="download-tab" on:click=move |_| {
                let name = format!("{ZIP_FOLDER}-{}.zip", tab.get_untracked());
                download_zip(&files(), name, message);
            }>"Download this tab (zip)"</button>
            <button id="download-zip" on:click=move |_| {
                let now = text.get_untracked();
                message.set(format!("{ZIP_FOLDER}.zip: building…"));
                leptos::task::spawn_local(async move {
                    let all = on_demand(&now, "all").await;
                    download_zip(&all, format!("{ZIP_FOLDER}.zip"), message);
                });
            }>"Download all (zip)"</button>
            <span class="message" aria-live="polite">{move || message.get()}</span>
        </div>
        <pre id="output" class="code" tabindex="0">{move || current().map(|f| f.contents).unwrap_or_else(|| if ON_DEMAND.contains(&tab.get().as_str()) && analysis.with(|a| a.plan.is_some()) { "Generating…".into() } else { "Fix the spec's errors to generate code.".into() })}</pre>
        </div>
    }
}
