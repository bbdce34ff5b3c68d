//! Fleets end to end (issue 21): the issue's spec, as written, plans with the numbers it asks
//! for; the release keeps the one-zone-per-Region rule; the JSON contract holds.

mod common;

use common::{akplan, scratch, stdout};
use serde_json::Value;

/// The issue's spec, word for word (comments included).
const ISSUE_SPEC: &str = "version: 1
app: orders
region: us-east-1            # the home Region: prices and generated defaults as today
availability_zones: 3
fleet:
  regions: [us-east-1, eu-west-1]   # each Region runs a full, independent copy of every service
  survive: [zone, region]    # faults to pre-scale for, one at a time (default: [zone])
  cells: 3                   # cells per Region (default 1); each its own cluster and load balancer
  customers: 1200            # customers (tenants) the cells serve
  cells_per_customer: 2      # shuffle sharding: k of the n cells (1 = plain cells)
release:
  waves:                     # in order; each wave deploys, then bakes watching its alarms
    - { regions: 1, cells: 1, zones: 1, bake_minutes: 60 }
    - { regions: 1, cells: all, zones: all, bake_minutes: 30 }
    - { regions: all, cells: all, zones: all, bake_minutes: 15 }
services:
  api:
    image: public.ecr.aws/nginx/nginx:1.27
    cpu: 512
    memory: 1024
    port: 8080
    capacity:
      base_count: 1200       # tasks the whole fleet needs at peak
      static_stability: true
";

fn plan_of(name: &str, text: &str) -> Value {
    let dir = scratch("fleet");
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_default();
    let out = akplan(&["plan", "--format", "json", &path.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_default()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

#[test]
fn the_issue_spec_plans_as_the_issue_computes() {
    let plan = plan_of("orders.yaml", ISSUE_SPEC);
    let fleet = &plan["fleet"];
    let regions = fleet["regions"].as_array().cloned().unwrap_or_default();
    assert_eq!(regions.len(), 2);
    for (region, name) in regions.iter().zip(["us-east-1", "eu-west-1"]) {
        assert_eq!(region["region"], name);
        assert_eq!(region["tasks"], 1200);
        assert!(f(&region["monthly_usd"]) > 0.0);
        let cells = region["cells"].as_array().cloned().unwrap_or_default();
        assert_eq!(cells.len(), 3);
        for cell in &cells {
            assert_eq!(cell["tasks"], 400, "a Region's loss sets it: 1,200 / 1 / 3");
            let zones: Vec<u64> = cell["zones"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_u64)
                .collect();
            assert_eq!(zones, [134, 133, 133]);
        }
    }
    assert_eq!(fleet["tasks"], 2400);
    let api = &fleet["services"][0];
    assert_eq!(api["zone_loss_tasks"], 300, "a zone loss alone needs 300");
    assert_eq!(api["set_by"], "region");
    let s = &fleet["sharding"];
    assert_eq!(s["combinations"], 3);
    assert_eq!(f(&s["customers_per_combination"]), 400.0);
    assert!((f(&s["overlap_all_probability"]) - 1.0 / 3.0).abs() < 1e-9);
    assert!((f(&s["customers_losing_one_cell_percent"]) - 66.67).abs() < 0.01);

    let release = &plan["release"];
    let steps = release["steps"].as_array().cloned().unwrap_or_default();
    assert_eq!(steps.len(), 7);
    assert!((f(&steps[0]["exposure_percent"]) - 100.0 / 18.0).abs() < 0.1);
    assert_eq!(steps[0]["units"].as_array().map(Vec::len), Some(1));
    let after_second_wave = steps
        .iter()
        .rfind(|s| s["wave"] == 2)
        .cloned()
        .unwrap_or_default();
    assert_eq!(f(&after_second_wave["exposure_percent"]), 50.0);
    assert_eq!(f(&steps[6]["exposure_percent"]), 100.0);
    for step in &steps {
        let units = step["units"].as_array().cloned().unwrap_or_default();
        for region in ["us-east-1", "eu-west-1"] {
            let mut zones: Vec<&Value> = units
                .iter()
                .filter(|u| u["region"] == region)
                .map(|u| &u["zone"])
                .collect();
            zones.dedup();
            assert!(
                zones.len() <= 1,
                "two zones of {region} in one step: {units:?}"
            );
        }
    }
    let total = release["total_seconds"].as_u64().unwrap_or(0);
    assert_eq!(Some(total), steps[6]["end_seconds"].as_u64());
    assert!(total >= 195 * 60, "{total}");
    assert_eq!(release["bake_seconds"], 195 * 60);
}

#[test]
fn zone_survival_alone_needs_1800_tasks() {
    let text = ISSUE_SPEC.replace("survive: [zone, region]", "survive: [zone]");
    let plan = plan_of("zone-only.yaml", &text);
    assert_eq!(plan["fleet"]["tasks"], 1800);
    assert_eq!(plan["fleet"]["regions"][0]["cells"][0]["tasks"], 300);
    assert_eq!(plan["fleet"]["services"][0]["set_by"], "zone");
}

#[test]
fn a_spec_without_fleet_plans_as_before() {
    for example in [
        "examples/minimal.yaml",
        "examples/agent-kernel.yaml",
        "examples/llm-proxy.yaml",
        "examples/releases.yaml",
    ] {
        let out = akplan(&["plan", "--format", "json", example]);
        let plan: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        assert!(
            plan.get("fleet").is_none() && plan.get("release").is_none(),
            "{example}"
        );
    }
}

#[test]
fn the_fleet_example_is_clean_and_the_report_shows_it() {
    let out = akplan(&["validate", "examples/fleet.yaml"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("0 errors, 0 warnings"),
        "{}",
        stdout(&out)
    );
    for format in ["human", "markdown"] {
        let out = akplan(&["plan", "--format", format, "examples/fleet.yaml"]);
        let text = stdout(&out);
        assert!(
            text.contains("fleet: 2 Regions × 3 cells × 3 zones, 2400 tasks"),
            "{text}"
        );
        assert!(text.contains("release: 7 steps"), "{text}");
    }
}
