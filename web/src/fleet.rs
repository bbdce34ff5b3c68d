//! The fleet panel (docs/fleet.md): cells per Region and zone, which cells a customer lands on,
//! the release as a timeline (steps across Regions and zones, bakes shaded, exposure line), the
//! sharding figures, and knobs for cells, cells per customer and Regions. Every figure is the
//! plan's; the panel only lays it out.

use akplan_core::present::fleet::hours;
use akplan_core::present::usd;
use akplan_core::{FleetPlan, ReleasePlan, SpecEdit};
use leptos::prelude::*;

use crate::analysis::Analysis;
use crate::charts::{H, W};

/// The cells of combination `index` (lexicographic order) of k out of n, numbered from 1: the
/// cells a customer assigned that combination lands on.
fn combination(n: u32, k: u32, mut index: u64) -> Vec<u32> {
    let mut out = Vec::new();
    let mut next = 1;
    for left in (1..=k).rev() {
        for cell in next..=n {
            let with_cell = akplan_core::choose(n - cell, left - 1).unwrap_or(u64::MAX);
            if index < with_cell {
                out.push(cell);
                next = cell + 1;
                break;
            }
            index -= with_cell;
        }
    }
    out
}

/// The panel, shown when the plan has a fleet.
#[component]
pub fn Fleet(analysis: Memo<Analysis>, apply: Callback<Vec<SpecEdit>>) -> impl IntoView {
    let fleet = Memo::new(move |_| analysis.get().plan.and_then(|p| p.fleet));
    let release = Memo::new(move |_| analysis.get().plan.and_then(|p| p.release));
    let customer = RwSignal::new(1u64);
    let set = move |path: &str, value: String| {
        apply.run(vec![SpecEdit {
            path: path.to_owned(),
            value,
        }]);
    };
    move || {
        fleet.get().map(|f| {
            let s = f.sharding.clone();
            let regions_text = f.regions.iter().map(|r| r.region.clone()).collect::<Vec<_>>().join(", ");
            let (n, k) = (s.cells, s.cells_per_customer);
            let lands_on = move || {
                let c = customer.get().max(1);
                combination(n, k, (c - 1) % s.combinations.max(1))
            };
            view! {
                <div id="fleet">
                    <fieldset class="knobs">
                        <legend>"Fleet knobs (they edit the spec)"</legend>
                        <label>"Regions "
                            <input id="knob-fleet-regions" type="text" value=regions_text on:change=move |ev| {
                                let list: Vec<String> = event_target_value(&ev).split([',', ' ']).map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned).collect();
                                if !list.is_empty() {
                                    set("/fleet/regions", format!("[{}]", list.join(", ")));
                                }
                            } />
                        </label>
                        <label>"Cells per Region "
                            <input id="knob-fleet-cells" type="number" min="1" max="64" value=n.to_string() on:change=move |ev| {
                                if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() { set("/fleet/cells", v.to_string()); }
                            } />
                        </label>
                        <label>"Cells per customer "
                            <input id="knob-fleet-k" type="number" min="1" max="64" value=k.to_string() on:change=move |ev| {
                                if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() { set("/fleet/cells_per_customer", v.to_string()); }
                            } />
                        </label>
                    </fieldset>
                    <p id="fleet-summary">{format!(
                        "{} Region{} × {} cell{} × {} zones: {} tasks, {}/month. Each cell is pre-scaled for one fault at a time ({}).",
                        f.regions.len(), if f.regions.len() == 1 { "" } else { "s" },
                        n, if n == 1 { "" } else { "s" },
                        f.regions.first().and_then(|r| r.cells.first()).map_or(0, |c| c.zones.len()),
                        f.tasks, usd(f.monthly_usd),
                        if f.survive.is_empty() { "none".to_owned() } else { f.survive.join(", ") },
                    )}</p>
                    <label>"Customer number "
                        <input id="fleet-customer" type="number" min="1" prop:value=move || customer.get().to_string()
                            on:input=move |ev| customer.set(event_target_value(&ev).trim().parse().unwrap_or(1)) />
                    </label>
                    " lands on cells "<strong id="fleet-lands-on">{move || lands_on().iter().map(u32::to_string).collect::<Vec<_>>().join(", ")}</strong>
                    " in every Region (combination " {move || ((customer.get().max(1) - 1) % s.combinations.max(1) + 1).to_string()} " of " {s.combinations} ")."
                    <Grid fleet=f.clone() lands_on=Signal::derive(lands_on) />
                    <Sharding fleet=f.clone() />
                    {move || release.get().map(|r| view! { <Timeline release=r /> })}
                </div>
            }
        })
    }
}

/// Cells (rows) by zone (columns), per Region, tasks in each; the customer's cells marked.
#[component]
fn Grid(fleet: FleetPlan, lands_on: Signal<Vec<u32>>) -> impl IntoView {
    let zones = fleet
        .regions
        .first()
        .and_then(|r| r.cells.first())
        .map_or(0, |c| c.zones.len());
    view! {
        <table id="fleet-grid" class="numbers">
            <caption>"Tasks per cell and zone (all services)"</caption>
            <thead><tr><th>"Region"</th><th>"cell"</th>
                {(1..=zones).map(|z| view! { <th>{format!("zone {z}")}</th> }).collect_view()}
                <th>"tasks"</th><th>"per month"</th></tr></thead>
            <tbody>
                {fleet.regions.iter().flat_map(|r| {
                    let cells = r.cells.len();
                    r.cells.iter().enumerate().map(move |(i, c)| {
                        let number = u32::try_from(i + 1).unwrap_or(0);
                        let mine = move || lands_on.get().contains(&number);
                        view! {
                            <tr class=move || if mine() { "mine" } else { "" }>
                                <td>{if i == 0 { r.region.clone() } else { String::new() }}</td>
                                <td>{c.name.clone()}{move || if mine() { " ●" } else { "" }}</td>
                                {c.zones.iter().map(|t| view! { <td class="num">{*t}</td> }).collect_view()}
                                <td class="num">{c.tasks}</td>
                                <td class="num">{if i + 1 == cells { format!("{} (Region)", usd(r.monthly_usd)) } else { String::new() }}</td>
                            </tr>
                        }
                    }).collect::<Vec<_>>()
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The shuffle-sharding figures and what each choice costs.
#[component]
fn Sharding(fleet: FleetPlan) -> impl IntoView {
    let s = &fleet.sharding;
    let c = &fleet.cost;
    view! {
        <ul id="fleet-sharding">
            <li>{format!("{} combination{} of {} out of {} cells{}", s.combinations, if s.combinations == 1 { "" } else { "s" }, s.cells_per_customer, s.cells,
                s.customers_per_combination.map_or(String::new(), |m| format!(", {m} customers each")))}</li>
            <li>{format!("two customers share all their cells with probability {:.2}%", 100.0 * s.overlap_all_probability)}</li>
            <li>{format!("one cell down: {}% of customers lose one of their cells, {}% lose all", s.customers_losing_one_cell_percent, s.customers_losing_all_cells_percent)}</li>
            <li>{format!("one copy {}/month; the other Regions add {}, cells {}, surviving a Region's loss {}",
                usd(c.single_copy_monthly_usd), usd(c.regions_add_monthly_usd), usd(c.cells_add_monthly_usd), usd(c.region_survival_adds_monthly_usd))}</li>
        </ul>
    }
}

/// The release: one lane per Region and zone, a bar per step (deploy solid, bake shaded), and
/// the share of tasks on the new version as a line.
#[component]
fn Timeline(release: ReleasePlan) -> impl IntoView {
    let total = f64::from(release.total_seconds.max(1));
    let mut lanes: Vec<(String, u32)> = Vec::new();
    for s in &release.steps {
        for u in &s.units {
            if !lanes.contains(&(u.region.clone(), u.zone)) {
                lanes.push((u.region.clone(), u.zone));
            }
        }
    }
    lanes.sort();
    let lane_h = (H - 20.0) / lanes.len().max(1) as f64;
    let x = move |t: u32| f64::from(t) / total * W;
    let mut bars = Vec::new();
    for (i, s) in release.steps.iter().enumerate() {
        let mut seen: Vec<(String, u32)> = Vec::new();
        for u in &s.units {
            let key = (u.region.clone(), u.zone);
            if seen.contains(&key) {
                continue;
            }
            let lane = lanes.iter().position(|l| *l == key).unwrap_or(0) as f64;
            let y = lane * lane_h + 2.0;
            let title = format!(
                "step {}: {} zone {} cells {} — deploy {}, bake {}",
                i + 1,
                u.region,
                u.zone,
                s.units
                    .iter()
                    .filter(|v| v.region == u.region)
                    .map(|v| v.cell.to_string())
                    .collect::<Vec<_>>()
                    .join(","),
                hours(s.deploy_seconds),
                hours(s.bake_seconds)
            );
            let deploy_end = s.start_seconds + s.deploy_seconds;
            bars.push(view! {
                <g class="step"><title>{title}</title>
                    <rect class="deploy" x=format!("{:.1}", x(s.start_seconds)) y=format!("{y:.1}") width=format!("{:.1}", (x(deploy_end) - x(s.start_seconds)).max(1.0)) height=format!("{:.1}", lane_h - 4.0) />
                    <rect class="bake" x=format!("{:.1}", x(deploy_end)) y=format!("{y:.1}") width=format!("{:.1}", x(s.end_seconds) - x(deploy_end)) height=format!("{:.1}", lane_h - 4.0) />
                </g>
            });
            seen.push(key);
        }
    }
    let mut line = vec![format!("0,{:.1}", H - 20.0)];
    for s in &release.steps {
        let y = H - 20.0 - s.exposure_percent / 100.0 * (H - 22.0);
        line.push(format!(
            "{:.1},{y:.1}",
            x(s.start_seconds + s.deploy_seconds)
        ));
        line.push(format!("{:.1},{y:.1}", x(s.end_seconds)));
    }
    let rows = release.steps.iter().enumerate().map(|(i, s)| view! {
        <tr><td class="num">{i + 1}</td><td class="num">{s.wave}</td><td>{hours(s.start_seconds)}</td><td>{hours(s.deploy_seconds)}</td>
            <td>{hours(s.bake_seconds)}</td><td>{hours(s.end_seconds)}</td><td class="num">{format!("{}%", s.exposure_percent)}</td>
            <td class="num">{format!("{}%", s.customers_exposed_percent)}</td><td>{hours(s.worst_case_exposed_seconds)}</td>
            <td>{s.units.len()}" cell-zones"</td></tr>
    }).collect_view();
    view! {
        <h3>"Release"</h3>
        <p id="release-summary">{format!(
            "{} steps; everywhere after {} ({} baking){}; after the first wave {}% of tasks and {}% of customers run the new version.",
            release.steps.len(), hours(release.total_seconds), hours(release.bake_seconds),
            release.first_region_seconds.map_or(String::new(), |t| format!("; the first Region after {}", hours(t))),
            release.exposure_after_first_wave_percent, release.customers_exposed_after_first_wave_percent)}</p>
        <svg id="release-chart" class="chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label="Release timeline: a lane per Region and zone, deploys solid, bakes shaded, the share of tasks on the new version as a line">
            {lanes.iter().enumerate().map(|(i, (r, z))| view! {
                <text class="lane" x="2" y=format!("{:.1}", i as f64 * lane_h + lane_h / 2.0 + 3.0)>{format!("{r} z{z}")}</text>
            }).collect_view()}
            {bars}
            <polyline class="exposure" points=line.join(" ") />
            <text x="2" y=format!("{:.1}", H - 4.0)>"0"</text>
            <text x=format!("{:.1}", W - 2.0) y=format!("{:.1}", H - 4.0) text-anchor="end">{hours(release.total_seconds)}</text>
        </svg>
        <table id="release-steps" class="numbers">
            <thead><tr><th>"step"</th><th>"wave"</th><th>"start"</th><th>"deploy"</th><th>"bake"</th><th>"end"</th><th>"tasks new"</th><th>"customers exposed"</th><th>"worst case"</th><th>"units"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::combination;

    #[test]
    fn combinations_in_order() {
        assert_eq!(combination(3, 2, 0), [1, 2]);
        assert_eq!(combination(3, 2, 1), [1, 3]);
        assert_eq!(combination(3, 2, 2), [2, 3]);
        assert_eq!(combination(8, 2, 27), [7, 8]);
        assert_eq!(combination(5, 1, 4), [5]);
    }
}
