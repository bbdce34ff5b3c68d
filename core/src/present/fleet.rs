//! The fleet and release parts of the report (docs/fleet.md): one function per part, text or
//! Markdown, so the CLI and the page's export say the same.

use super::{duration, usd};
use crate::plan::fleet::FleetPlan;
use crate::plan::release::{ReleasePlan, Unit};

/// `3 h 15 min` for long spans, [`duration`] below an hour.
#[must_use]
pub fn hours(seconds: u32) -> String {
    if seconds < 3600 {
        return duration(seconds);
    }
    let (h, m) = (seconds / 3600, (seconds % 3600).div_ceil(60));
    match m {
        0 => format!("{h} h"),
        60 => format!("{} h", h + 1),
        m => format!("{h} h {m} min"),
    }
}

/// `33.3%` of a probability.
fn percent_of(p: f64) -> String {
    format!("{:.1}%", 100.0 * p)
}

/// The fleet: shape, sizing per service, Regions and cells, sharding and what each choice costs.
#[must_use]
pub fn fleet(f: &FleetPlan, markdown: bool) -> String {
    let mut out = String::new();
    let zones = f
        .regions
        .first()
        .and_then(|r| r.cells.first())
        .map_or(0, |c| c.zones.len());
    let cells = f.regions.first().map_or(0, |r| r.cells.len());
    let head = format!(
        "fleet: {} Region{} × {cells} cell{} × {zones} zones, {} tasks, {}/month (pre-scaled for one fault at a time: {})",
        f.regions.len(),
        if f.regions.len() == 1 { "" } else { "s" },
        if cells == 1 { "" } else { "s" },
        f.tasks,
        usd(f.monthly_usd),
        if f.survive.is_empty() {
            "none".to_owned()
        } else {
            f.survive.join(", ")
        }
    );
    let mut lines = Vec::new();
    for s in &f.services {
        lines.push(format!(
            "{}: fleet peak {} → {} per Region → {} per cell; a zone's loss needs {}{} → {} per cell (set by {}), per zone {:?}",
            s.service,
            s.fleet_base,
            s.region_base,
            s.cell_base,
            s.zone_loss_tasks,
            if s.region_loss_tasks > 0 {
                format!(", a Region's loss {}", s.region_loss_tasks)
            } else {
                String::new()
            },
            s.tasks,
            crate::present::report::word(&s.set_by),
            s.zones
        ));
    }
    for r in &f.regions {
        lines.push(format!(
            "{}: {} tasks, {}/month{}; cells {}",
            r.region,
            r.tasks,
            usd(r.monthly_usd),
            if r.estimated.is_empty() {
                String::new()
            } else {
                " (some prices estimated)".to_owned()
            },
            r.cells
                .iter()
                .map(|c| format!("{} {} {:?}", c.name, c.tasks, c.zones))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let s = &f.sharding;
    lines.push(format!(
        "sharding: {} of {} cells per customer, {} combination{}{}; two customers share all their cells with probability {}; one cell down: {}% of customers lose one of their cells, {}% lose all",
        s.cells_per_customer,
        s.cells,
        s.combinations,
        if s.combinations == 1 { "" } else { "s" },
        s.customers_per_combination
            .map_or(String::new(), |c| format!(", {c} customers each")),
        percent_of(s.overlap_all_probability),
        s.customers_losing_one_cell_percent,
        s.customers_losing_all_cells_percent
    ));
    let c = &f.cost;
    lines.push(format!(
        "cost: one copy {}; the other Regions add {}; cells add {}; surviving a Region's loss adds {}",
        usd(c.single_copy_monthly_usd),
        usd(c.regions_add_monthly_usd),
        usd(c.cells_add_monthly_usd),
        usd(c.region_survival_adds_monthly_usd)
    ));
    if markdown {
        out.push_str(&format!("## {head}\n\n"));
        for l in lines {
            out.push_str(&format!("- {l}\n"));
        }
        out.push('\n');
    } else {
        out.push_str(&format!("{head}\n"));
        for l in lines {
            out.push_str(&format!("  {l}\n"));
        }
    }
    out
}

fn units(units: &[Unit]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut regions: Vec<&str> = units.iter().map(|u| u.region.as_str()).collect();
    regions.dedup();
    for region in regions {
        let of: Vec<&Unit> = units.iter().filter(|u| u.region == region).collect();
        let cells = of
            .iter()
            .map(|u| u.cell.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let zone = of.first().map_or(0, |u| u.zone);
        parts.push(format!("{region} zone {zone} cells {cells}"));
    }
    parts.join("; ")
}

/// The release: totals, then one row per step.
#[must_use]
pub fn release(r: &ReleasePlan, markdown: bool) -> String {
    let head = format!(
        "release: {} steps, everywhere after {} ({} of it baking){}; after the first wave {}% of tasks and {}% of customers run the new version; rollback {}",
        r.steps.len(),
        hours(r.total_seconds),
        hours(r.bake_seconds),
        r.first_region_seconds.map_or(String::new(), |t| format!(
            ", the first Region after {}",
            hours(t)
        )),
        r.exposure_after_first_wave_percent,
        r.customers_exposed_after_first_wave_percent,
        duration(r.rollback_seconds)
    );
    let incomplete = (r.units_released < r.units).then(|| {
        format!(
            "the waves reach {} of {} cell-zones: the rest never get the change",
            r.units_released, r.units
        )
    });
    let mut out = String::new();
    if markdown {
        out.push_str(&format!("## {head}\n\n"));
        if let Some(i) = incomplete {
            out.push_str(&format!("**{i}**\n\n"));
        }
        out.push_str("| step | wave | start | deploy | bake | end | tasks new | customers exposed | worst case exposed | units |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    } else {
        out.push_str(&format!("{head}\n"));
        if let Some(i) = incomplete {
            out.push_str(&format!("  {i}\n"));
        }
        out.push_str("  step wave       start     deploy       bake        end  tasks new  customers  worst case  units\n");
    }
    for (i, s) in r.steps.iter().enumerate() {
        let cols = [
            (i + 1).to_string(),
            s.wave.to_string(),
            hours(s.start_seconds),
            duration(s.deploy_seconds),
            hours(s.bake_seconds),
            hours(s.end_seconds),
            format!("{}%", s.exposure_percent),
            format!("{}%", s.customers_exposed_percent),
            hours(s.worst_case_exposed_seconds),
            units(&s.units),
        ];
        if markdown {
            out.push_str(&format!("| {} |\n", cols.join(" | ")));
        } else {
            out.push_str(&format!(
                "  {:>4} {:>4} {:>11} {:>10} {:>10} {:>10} {:>10} {:>10} {:>11}  {}\n",
                cols[0],
                cols[1],
                cols[2],
                cols[3],
                cols[4],
                cols[5],
                cols[6],
                cols[7],
                cols[8],
                cols[9]
            ));
        }
    }
    if markdown {
        out.push('\n');
    }
    out
}
