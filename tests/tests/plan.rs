//! `akplan plan` end to end: the JSON contract, the seed's numbers, and refusal of bad specs.

mod common;

use common::{akplan, stdout};
use serde_json::Value;

fn plan_json(file: &str) -> Value {
    let out = akplan(&["plan", "--format", "json", file]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_default()
}

#[test]
fn the_json_contract_holds_for_every_example() {
    for example in [
        "examples/minimal.yaml",
        "examples/agent-kernel.yaml",
        "examples/llm-proxy.yaml",
    ] {
        let plan = plan_json(example);
        for key in ["app", "region", "services", "total"] {
            assert!(!plan[key].is_null(), "{example}: {key}");
        }
        for s in plan["services"].as_array().cloned().unwrap_or_default() {
            for pointer in [
                "/name",
                "/capacity/base",
                "/capacity/target",
                "/capacity/per_az",
                "/capacity/survives_az_loss",
                "/capacity/by_az_count/0/azs",
                "/capacity/by_az_count/0/target",
                "/capacity/by_az_count/0/monthly_usd",
                "/deployment/duration_seconds",
                "/deployment/batches",
                "/deployment/peak_tasks",
                "/deployment/min_healthy_tasks",
                "/deployment/what_ifs",
                "/recovery/detection_seconds",
                "/recovery/replacement_seconds",
                "/recovery/rto_seconds",
                "/cost/monthly_usd/x86_64",
                "/cost/monthly_usd/arm64",
                "/cost/chosen_arch",
                "/cost/prescaling_monthly_usd",
            ] {
                assert!(s.pointer(pointer).is_some(), "{example}: {pointer} missing");
            }
        }
        assert!(plan.pointer("/total/monthly_usd/arm64").is_some());
    }
}

#[test]
fn agent_kernel_is_pre_scaled_as_the_seed_computes() {
    let plan = plan_json("examples/agent-kernel.yaml");
    let api = &plan["services"][0];
    assert_eq!(api["capacity"]["base"], 6);
    assert_eq!(api["capacity"]["target"], 9);
    assert_eq!(api["capacity"]["per_az"], serde_json::json!([3, 3, 3]));
    assert_eq!(api["capacity"]["survives_az_loss"], true);
    let what_ifs = api["deployment"]["what_ifs"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let drain = what_ifs
        .iter()
        .find(|w| w["change"] == "deregistration_delay 300 → 30")
        .cloned()
        .unwrap_or_default();
    assert_eq!(drain["seconds_saved"], 270, "{what_ifs:?}");
    let arm = api["cost"]["monthly_usd"]["arm64"].as_f64().unwrap_or(0.0);
    let x86 = api["cost"]["monthly_usd"]["x86_64"].as_f64().unwrap_or(0.0);
    assert!(
        arm < x86 * 0.85,
        "ARM64 should be about 20% cheaper: {arm} vs {x86}"
    );
}

#[test]
fn a_spec_with_errors_is_refused_with_its_diagnostics() {
    let out = akplan(&["plan", "tests/fixtures/rules/AKP010.fail.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error[AKP010]"));
    assert_eq!(
        akplan(&["plan", "examples/llm-proxy.yaml", "--service", "nope"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn human_and_markdown_reports_render() {
    let out = stdout(&akplan(&["plan", "examples/llm-proxy.yaml"]));
    insta::assert_snapshot!("plan_llm_proxy_human", out);
    let md = stdout(&akplan(&[
        "plan",
        "--format",
        "markdown",
        "--service",
        "proxy",
        "examples/llm-proxy.yaml",
    ]));
    assert!(md.starts_with("# llm-proxy in us-east-1"), "{md}");
    assert!(!md.contains("dispatcher"), "{md}");
}
