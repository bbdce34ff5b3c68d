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
                akplan_core::combination(n, k, c - 1)
            };
            view! {
                <section aria-labelledby="fleet-title" id="fleet"><h2 id="fleet-title">"Fleet"</h2>
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
                    <div inner_html=move || panel_html(&f, release.get().as_ref(), &lands_on()) />
                </section>
            }
        })
    }
}

/// `text` escaped for HTML text and attribute values: Region names come from the spec.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The static part of the panel as HTML: one string, so the page carries no view code per
/// table cell (the Leptos version weighed 40 KB of wasm; `cargo xtask size`).
fn panel_html(f: &FleetPlan, release: Option<&ReleasePlan>, lands_on: &[u32]) -> String {
    let mut h = String::new();
    grid(&mut h, f, lands_on);
    sharding(&mut h, f);
    if let Some(r) = release {
        timeline(&mut h, r);
    }
    h
}

/// Cells (rows) by zone (columns), per Region, tasks in each; the customer's cells marked.
fn grid(h: &mut String, f: &FleetPlan, lands_on: &[u32]) {
    let zones = f
        .regions
        .first()
        .and_then(|r| r.cells.first())
        .map_or(0, |c| c.zones.len());
    h.push_str("<table id=\"fleet-grid\" class=\"numbers\"><caption>Tasks per cell and zone (all services); ● the customer's cells</caption><thead><tr><th>Region</th><th>cell</th>");
    for z in 1..=zones {
        h.push_str(&format!("<th>zone {z}</th>"));
    }
    h.push_str("<th>tasks</th><th>per month</th></tr></thead><tbody>");
    for r in &f.regions {
        for (i, c) in r.cells.iter().enumerate() {
            let mine = lands_on.contains(&u32::try_from(i + 1).unwrap_or(0));
            h.push_str(&format!(
                "<tr{}><td>{}</td><td>{}{}</td>",
                if mine { " class=\"mine\"" } else { "" },
                if i == 0 {
                    esc(&r.region)
                } else {
                    String::new()
                },
                esc(&c.name),
                if mine { " ●" } else { "" }
            ));
            for t in &c.zones {
                h.push_str(&format!("<td>{t}</td>"));
            }
            h.push_str(&format!(
                "<td>{}</td><td>{}</td></tr>",
                c.tasks,
                if i + 1 == r.cells.len() {
                    format!("{} (Region)", usd(r.monthly_usd))
                } else {
                    String::new()
                }
            ));
        }
    }
    h.push_str("</tbody></table>");
}

/// The shuffle-sharding figures and what each choice costs.
fn sharding(h: &mut String, f: &FleetPlan) {
    let s = &f.sharding;
    let c = &f.cost;
    let items = [
        format!(
            "{} combination{} of {} out of {} cells{}",
            s.combinations,
            if s.combinations == 1 { "" } else { "s" },
            s.cells_per_customer,
            s.cells,
            s.customers_per_combination
                .map_or(String::new(), |m| format!(", {m} customers each"))
        ),
        format!(
            "two customers share all their cells with probability {:.2}%",
            100.0 * s.overlap_all_probability
        ),
        format!(
            "one cell down: {}% of customers lose one of their cells, {}% lose all",
            s.customers_losing_one_cell_percent, s.customers_losing_all_cells_percent
        ),
        format!(
            "one copy {}/month; the other Regions add {}, cells {}, surviving a Region's loss {}",
            usd(c.single_copy_monthly_usd),
            usd(c.regions_add_monthly_usd),
            usd(c.cells_add_monthly_usd),
            usd(c.region_survival_adds_monthly_usd)
        ),
    ];
    h.push_str("<ul id=\"fleet-sharding\">");
    for i in items {
        h.push_str(&format!("<li>{}</li>", esc(&i)));
    }
    h.push_str("</ul>");
}

/// The release: one lane per Region and zone, a bar per step (deploy solid, bake shaded), and
/// the share of tasks on the new version as a line; then the steps as a table.
fn timeline(h: &mut String, release: &ReleasePlan) {
    let total = f64::from(release.total_seconds.max(1));
    let mut lanes: Vec<(&str, u32)> = release
        .steps
        .iter()
        .flat_map(|s| s.units.iter().map(|u| (u.region.as_str(), u.zone)))
        .collect();
    lanes.sort_unstable();
    lanes.dedup();
    let lane_h = (H - 20.0) / lanes.len().max(1) as f64;
    let x = |t: u32| f64::from(t) / total * W;
    h.push_str(&format!(
        "<h3>Release</h3><p id=\"release-summary\">{}</p>",
        esc(&format!(
            "{} steps; everywhere after {} ({} baking){}; after the first wave {}% of tasks and {}% of customers run the new version.",
            release.steps.len(),
            hours(release.total_seconds),
            hours(release.bake_seconds),
            release.first_region_seconds.map_or(String::new(), |t| format!("; the first Region after {}", hours(t))),
            release.exposure_after_first_wave_percent,
            release.customers_exposed_after_first_wave_percent
        ))
    ));
    h.push_str(&format!("<svg id=\"release-chart\" class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"Release timeline: a lane per Region and zone, deploys solid, bakes shaded, the share of tasks on the new version as a line\">"));
    for (i, (r, z)) in lanes.iter().enumerate() {
        h.push_str(&format!(
            "<text class=\"lane\" x=\"2\" y=\"{:.1}\">{} z{z}</text>",
            i as f64 * lane_h + lane_h / 2.0 + 3.0,
            esc(r)
        ));
    }
    for (i, s) in release.steps.iter().enumerate() {
        let deploy_end = s.start_seconds + s.deploy_seconds;
        for (lane, key) in lanes.iter().enumerate() {
            let cells: Vec<String> = s
                .units
                .iter()
                .filter(|u| (u.region.as_str(), u.zone) == *key)
                .map(|u| u.cell.to_string())
                .collect();
            if cells.is_empty() {
                continue;
            }
            let y = lane as f64 * lane_h + 2.0;
            h.push_str(&format!(
                "<g class=\"step\"><title>{}</title><rect class=\"deploy\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\"/><rect class=\"bake\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\"/></g>",
                esc(&format!("step {}: {} zone {} cells {}: deploy {}, bake {}", i + 1, key.0, key.1, cells.join(","), hours(s.deploy_seconds), hours(s.bake_seconds))),
                x(s.start_seconds),
                (x(deploy_end) - x(s.start_seconds)).max(1.0),
                lane_h - 4.0,
                x(deploy_end),
                x(s.end_seconds) - x(deploy_end),
                lane_h - 4.0
            ));
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
    h.push_str(&format!(
        "<polyline class=\"exposure\" points=\"{}\"/><text x=\"2\" y=\"{:.1}\">0</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text></svg>",
        line.join(" "),
        H - 4.0,
        W - 2.0,
        H - 4.0,
        hours(release.total_seconds)
    ));
    h.push_str("<table id=\"release-steps\" class=\"numbers\"><thead><tr><th>step</th><th>wave</th><th>start</th><th>deploy</th><th>bake</th><th>end</th><th>tasks new</th><th>customers exposed</th><th>worst case</th><th>units</th></tr></thead><tbody>");
    for (i, s) in release.steps.iter().enumerate() {
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}%</td><td>{}%</td><td>{}</td><td>{} cell-zones</td></tr>",
            i + 1,
            s.wave,
            hours(s.start_seconds),
            hours(s.deploy_seconds),
            hours(s.bake_seconds),
            hours(s.end_seconds),
            s.exposure_percent,
            s.customers_exposed_percent,
            hours(s.worst_case_exposed_seconds),
            s.units.len()
        ));
    }
    h.push_str("</tbody></table>");
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn spec_text_is_escaped() {
        assert_eq!(
            super::esc("<b a=\"x\">&'"),
            "&lt;b a=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
