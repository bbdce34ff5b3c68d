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

#[test]
fn plan_json_matches_the_committed_plan_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("schema/akplan-plan.schema.json"))
            .unwrap_or_default(),
    )
    .unwrap_or_default();
    assert_eq!(
        stdout(&akplan(&["schema", "--plan"])),
        serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n",
        "schema/akplan-plan.schema.json is stale: run `akplan schema --plan > schema/akplan-plan.schema.json`"
    );
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{e}"));
    for example in [
        "examples/minimal.yaml",
        "examples/agent-kernel.yaml",
        "examples/llm-proxy.yaml",
    ] {
        let plan = plan_json(example);
        let errors: Vec<String> = validator
            .iter_errors(&plan)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{example}: {errors:?}");
    }
}

#[test]
fn an_offer_file_replaces_the_built_in_prices() {
    let offer = "tests/fixtures/prices/amazonecs-us-east-1.json";
    let out = akplan(&[
        "plan",
        "--format",
        "json",
        "--prices",
        offer,
        "examples/minimal.yaml",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(plan["prices"]["as_of"], "2026-11-01");
    assert_eq!(
        plan["prices"]["source"],
        "AWS Price List AmazonECS 2026-11-01"
    );
    let x86_vcpu = plan["prices"]["figures"]
        .as_array()
        .and_then(|f| f.iter().find(|o| o["figure"] == "x86_vcpu"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(x86_vcpu["published"], "2026-11-01T00:00:00Z");
    assert_eq!(x86_vcpu["usage_type"], "USE1-Fargate-vCPU-Hours:perCPU");
    // minimal: 3 tasks of 0.25 vCPU / 0.5 GB at $0.05 and $0.005 per hour, 730 h.
    let expected: f64 = 3.0 * (0.25 * 0.05 + 0.5 * 0.005) * 730.0;
    let x86 = plan["services"][0]["cost"]["monthly_usd"]["x86_64"]
        .as_f64()
        .unwrap_or(0.0);
    assert!(
        (x86 - (expected * 100.0).round() / 100.0).abs() < 1e-9,
        "{x86} vs {expected}"
    );
    let arm = plan["services"][0]["cost"]["monthly_usd"]["arm64"]
        .as_f64()
        .unwrap_or(0.0);
    let expected_arm: f64 = 3.0 * (0.25 * 0.04 + 0.5 * 0.004) * 730.0;
    assert!(
        (arm - (expected_arm * 100.0).round() / 100.0).abs() < 1e-9,
        "{arm}"
    );

    let bad = akplan(&[
        "plan",
        "--prices",
        "examples/minimal.yaml",
        "examples/minimal.yaml",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let wrong_region = akplan(&[
        "plan",
        "--prices",
        offer,
        "tests/fixtures/rules/AKP091.pass.yaml",
    ]);
    assert_eq!(
        wrong_region.status.code(),
        Some(2),
        "an offer without the Region's prices is refused"
    );
}

#[test]
fn nat_gateways_and_windows_are_priced() {
    let plan = plan_json("examples/agent-kernel.yaml");
    assert_eq!(plan["total"]["nat_monthly_usd"], 98.55); // 3 × $0.045 × 730 h
    let windows = plan_json("tests/fixtures/rules/AKP012.pass.yaml");
    let linux = plan_json("tests/fixtures/rules/AKP010.pass.yaml");
    let w = windows["services"][0]["cost"]["monthly_usd"]["x86_64"]
        .as_f64()
        .unwrap_or(0.0);
    let l = linux["services"][0]["cost"]["monthly_usd"]["x86_64"]
        .as_f64()
        .unwrap_or(0.0);
    // Same 1 vCPU size (2 GB vs 8 GB aside): Windows' licence makes it dearer per vCPU.
    assert!(w > 0.0 && l > 0.0);
    let per_task_windows = w / windows["services"][0]["capacity"]["target"]
        .as_f64()
        .unwrap_or(1.0);
    assert!(
        per_task_windows > (0.09148 + 2.0 * 0.01005) * 730.0 - 0.01,
        "{per_task_windows}"
    );
}

#[test]
fn applying_a_what_if_to_the_text_saves_what_it_promised() {
    use akplan_core::{EXAMPLES, Format, Pointer, Prices, check_spec, plan, set_value};
    for (name, text) in EXAMPLES {
        let Some(spec) = check_spec(text, Format::Yaml).model else {
            panic!("{name}")
        };
        let before = plan(
            &spec,
            akplan_core::Assumptions::default(),
            &Prices::builtin(&spec.region),
        );
        for (i, svc) in before.services.iter().enumerate() {
            for w in &svc.deployment.what_ifs {
                let mut edited = text.to_owned();
                for e in &w.edits {
                    edited = set_value(&edited, Format::Yaml, &Pointer::parse(&e.path), &e.value)
                        .unwrap_or_else(|err| panic!("{name}: {}: {err}", w.change));
                }
                let spec = check_spec(&edited, Format::Yaml).model.unwrap_or_else(|| {
                    panic!("{name}: {} made the spec invalid:\n{edited}", w.change)
                });
                let after = plan(
                    &spec,
                    akplan_core::Assumptions::default(),
                    &Prices::builtin(&spec.region),
                );
                assert_eq!(
                    before.services[i].deployment.duration_seconds
                        - after.services[i].deployment.duration_seconds,
                    w.seconds_saved,
                    "{name}: {}",
                    w.change
                );
            }
        }
    }
}

#[test]
fn the_spot_mix_is_priced_against_all_on_demand() {
    let dir = std::env::temp_dir().join(format!("akplan-spot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let spec = dir.join("akplan.yaml");
    std::fs::write(
        &spec,
        "version: 1\napp: spot\nregion: us-east-1\nservices:\n  worker:\n    image: x:1\n    \
         cpu: 1024\n    memory: 2048\n    capacity:\n      base_count: 4\n      spot_percent: 50\n    \
         deployment:\n      circuit_breaker: true\n      rollback: true\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let plan = plan_json(&spec.to_string_lossy());
    let cost = &plan["services"][0]["cost"];
    assert_eq!(cost["spot_percent"], 50);
    for arch in ["x86_64", "arm64"] {
        let mixed = cost["monthly_usd"][arch].as_f64().unwrap_or(0.0);
        let on_demand = cost["on_demand_monthly_usd"][arch].as_f64().unwrap_or(0.0);
        // The built-in table's Spot discount: 70% (https://aws.amazon.com/fargate/pricing/).
        let expected = on_demand * (1.0 - 0.5 * 0.70);
        assert!(on_demand > mixed, "{arch}: {cost}");
        assert!(
            (mixed - expected).abs() < 0.02,
            "{arch}: {mixed} vs {expected}"
        );
    }
    let human = stdout(&akplan(&["plan", &spec.to_string_lossy()]));
    assert!(
        human.contains("with 50% on Spot (all on demand: x86_64 $"),
        "{human}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// A Fargate task definition without errors lands in the same validated model as a spec (one
/// service named after its family, the API's defaults), so it can be planned and emitted; an EC2
/// one does not.
#[test]
fn a_fargate_task_definition_lands_in_the_model() {
    use akplan_core::{Assumptions, Format, Prices, Target, check, emit, plan};
    let fargate = r#"{
  "family": "orders-api",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "512",
  "memory": "1024",
  "executionRoleArn": "arn:aws:iam::111122223333:role/ecsTaskExecutionRole",
  "containerDefinitions": [{
    "name": "api",
    "image": "public.ecr.aws/nginx/nginx:1.27",
    "essential": true,
    "portMappings": [{ "containerPort": 80 }],
    "secrets": [{ "name": "DB", "valueFrom": "arn:aws:ssm:eu-west-1:111122223333:parameter/orders/db" }],
    "logConfiguration": { "logDriver": "awslogs", "options": {
      "awslogs-group": "/ecs/orders", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "api" } }
  }]
}"#;
    let checked = check(fargate, Format::Json);
    let app = checked
        .model
        .unwrap_or_else(|| panic!("{:#?}", checked.diagnostics));
    assert_eq!(app.region, "eu-west-1");
    let svc = &app.services[0];
    assert_eq!(
        (svc.name.as_str(), svc.size.cpu, svc.size.memory),
        ("orders-api", 512, 1024)
    );
    assert_eq!(svc.counts.target, 1);
    let planned = plan(&app, Assumptions::default(), &Prices::builtin(&app.region));
    assert!(planned.total.monthly_usd.x86_64 > 0.0);
    let files = emit(&app, &planned, &[Target::TaskDef]);
    assert!(
        files[0]
            .contents
            .contains("arn:aws:ssm:eu-west-1:111122223333:parameter/orders/db"),
        "{}",
        files[0].contents
    );
    let ec2 = fargate.replace("[\"FARGATE\"]", "[\"EC2\"]");
    assert!(check(&ec2, Format::Json).model.is_none());
}

/// The issue's reference service: 10 tasks at 100/200 behind an ALB (interval 30 s, healthy
/// threshold 5, app start 60 s, deregistration 300 s, stop timeout 30 s). One passing check makes
/// a new target healthy (the ALB guide), so one wave of 10 deploys in 60 + 30 + 300 + 30 = 420 s;
/// 390 s if the app exits at once on SIGTERM. The traffic-shifting strategies go through their
/// stages on the same service.
#[test]
fn the_reference_service_deploys_in_390_to_420_s_and_every_strategy_has_its_stages() {
    use akplan_core::{Assumptions, Format, Prices, StrategyName, check_spec, plan};
    let spec = |deployment: &str| {
        format!(
            "version: 1\napp: ref\nregion: us-east-1\nservices:\n  web:\n    image: example/web:1.0.0\n    \
             cpu: 512\n    memory: 1024\n    port: 8080\n    capacity: {{ base_count: 10 }}\n    \
             health_check: {{ interval: 30, healthy_threshold: 5, grace_period: 60 }}\n    \
             deployment:\n      task_start_seconds: 60\n      deregistration_delay: 300\n      \
             stop_timeout: 30\n{deployment}"
        )
    };
    let deploy = |deployment: &str| {
        let app = check_spec(&spec(deployment), Format::Yaml)
            .model
            .unwrap_or_else(|| panic!("valid: {deployment}"));
        let p = plan(&app, Assumptions::default(), &Prices::builtin("us-east-1"));
        p.services[0].deployment.clone()
    };
    let rolling = deploy("      circuit_breaker: true\n      rollback: true\n");
    assert_eq!(rolling.strategy, StrategyName::Rolling);
    assert!(
        (390..=420).contains(&rolling.duration_seconds),
        "{}",
        rolling.duration_seconds
    );
    assert_eq!(rolling.peak_tasks, 20);

    let blue_green = deploy("      strategy: blue_green\n      bake_minutes: 10\n");
    let names: Vec<&str> = blue_green.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "scale_up",
            "test_traffic_shift",
            "production_traffic_shift",
            "bake",
            "clean_up"
        ]
    );
    assert_eq!(blue_green.peak_tasks, 20);
    assert_eq!(blue_green.time_to_all_traffic_new_seconds, 90);
    assert_eq!(blue_green.duration_seconds, 90 + 600 + 330);
    assert_eq!(blue_green.rollback_seconds, 0);

    let linear = deploy(
        "      strategy: linear\n      bake_minutes: 5\n      linear: { step_percent: 20, step_bake_minutes: 3 }\n",
    );
    let shifts: Vec<f64> = linear
        .phases
        .iter()
        .filter(|p| p.name == "production_traffic_shift")
        .map(|p| p.traffic_new_percent)
        .collect();
    assert_eq!(shifts, [20.0, 40.0, 60.0, 80.0, 100.0]);
    // Four 3-minute bakes between five steps, then the 5-minute bake and the clean-up.
    assert_eq!(linear.time_to_all_traffic_new_seconds, 90 + 4 * 180);
    assert_eq!(linear.duration_seconds, 90 + 4 * 180 + 300 + 330);

    let canary = deploy(
        "      strategy: canary\n      canary: { percent: 10, bake_minutes: 15 }\n      hooks:\n        - { stage: post_scale_up, type: pause, expected_minutes: 20 }\n",
    );
    assert_eq!(canary.time_to_all_traffic_new_seconds, 90 + 1200 + 900);
    assert_eq!(canary.duration_seconds, 90 + 1200 + 900 + 330);
    assert_eq!(canary.peak_tasks, 20);
    // The comparison holds every strategy, the spec's own included.
    assert_eq!(canary.strategies.len(), 5);
    let own = canary
        .strategies
        .iter()
        .find(|o| o.strategy == StrategyName::Canary)
        .map(|o| o.duration_seconds);
    assert_eq!(own, Some(canary.duration_seconds));
}

/// The whole bill in eu-west-1, computed by hand: ALB $0.0252/h × 730 = $18.40; two NAT gateways
/// at $0.048/h = $70.08; 5 public IPv4 addresses (2 NAT + 3 ALB zones) × $0.005 × 730 = $18.25;
/// 100 requests/s = 4 LCU × $0.008 × 730 = $23.36; 500 GB NAT data × $0.048 = $24.00; 20 GB of
/// logs × $0.57 = $11.40; 100 GB between zones × $0.02 = $2.00.
#[test]
fn the_whole_bill_in_eu_west_1_is_itemised() {
    use akplan_core::{Assumptions, Format, Prices, check_spec, plan};
    let spec = "version: 1\napp: shop\nregion: eu-west-1\navailability_zones: 3\nnat_gateways: 2\n\
                egress_gb_per_month: 500\ncross_az_gb_per_month: 100\nservices:\n  web:\n    \
                image: example/web:1.0.0\n    cpu: 512\n    memory: 1024\n    port: 8080\n    \
                capacity: { base_count: 3, average_rps: 100 }\n    logs: { retention_days: 30, gb_per_month: 20 }\n";
    let app = check_spec(spec, Format::Yaml)
        .model
        .unwrap_or_else(|| panic!("valid"));
    let prices = Prices::builtin(&app.region);
    let p = plan(&app, Assumptions::default(), &prices);
    assert_eq!(p.total.alb_monthly_usd, 18.40);
    assert_eq!(p.total.nat_monthly_usd, 70.08);
    let items: Vec<(&str, f64)> = p
        .total
        .line_items
        .iter()
        .map(|i| (i.name.as_str(), i.monthly_usd))
        .collect();
    assert_eq!(
        items,
        [
            ("public IPv4 addresses", 18.25),
            ("load balancer capacity units", 23.36),
            ("NAT data processing", 24.00),
            ("CloudWatch Logs ingestion", 11.40),
            ("traffic between zones", 2.00),
        ]
    );
    let tasks = p.services[0].cost.monthly_usd.x86_64;
    let expected = tasks + 18.40 + 70.08 + 18.25 + 23.36 + 24.00 + 11.40 + 2.00;
    assert!((p.total.monthly_usd.x86_64 - expected).abs() < 0.011);
    assert!(p.prices.estimated.contains(&"nat_hourly"));
    assert!(!p.prices.estimated.contains(&"alb_hourly"));
}

/// `--format csv`: RFC 4180 with the documented header; for every example the rows above
/// `total` add up to it on both architectures (each row is rounded to the cent, so the sum may
/// differ by half a cent per row), and the service rows carry the plan's numbers.
#[test]
fn the_cost_csv_adds_up_to_the_plan_total() {
    for (name, _) in akplan_core::EXAMPLES {
        let file = format!("examples/{name}.yaml");
        let plan = plan_json(&file);
        let out = akplan(&["plan", "--format", "csv", &file]);
        assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
        let text = stdout(&out);
        let mut reader = csv_rows(&text);
        assert_eq!(
            reader.remove(0).join(","),
            akplan_core::present::CSV_HEADER,
            "{file}"
        );
        let at = reader
            .iter()
            .position(|r| r[0] == "total")
            .expect("a total row");
        let (items, rest) = reader.split_at(at);
        let (total, scenarios) = rest.split_first().expect("a total row");
        // After the total: the same bill with Savings Plans and over the month (issue 24).
        let t = &plan["total"];
        let want = [
            (
                "total with Savings Plans, 1 yr",
                &t["savings_plans"]["one_year_monthly_usd"],
            ),
            (
                "total with Savings Plans, 3 yr",
                &t["savings_plans"]["three_years_monthly_usd"],
            ),
            ("total at min", &t["month"]["at_min_monthly_usd"]),
            (
                "total at the load profile",
                &t["month"]["profile_monthly_usd"],
            ),
            ("total at max", &t["month"]["at_max_monthly_usd"]),
        ];
        assert_eq!(scenarios.len(), want.len(), "{file}");
        for (row, (item, value)) in scenarios.iter().zip(want) {
            assert_eq!(
                (row[0].as_str(), row[1].as_str()),
                (item, "scenario"),
                "{file}"
            );
            for (col, arch) in [(3, "x86_64"), (4, "arm64")] {
                let v = value[arch].as_f64().unwrap_or(f64::NAN);
                assert_eq!(row[col], format!("{v:.2}"), "{file} {item} {arch}");
            }
        }
        for (col, arch) in [(3, "x86_64"), (4, "arm64")] {
            let sum: f64 = items
                .iter()
                .map(|r| r[col].parse::<f64>().unwrap_or(f64::NAN))
                .sum();
            let want = plan["total"]["monthly_usd"][arch]
                .as_f64()
                .unwrap_or_default();
            let slack = 0.005 * items.len() as f64 + 1e-9;
            assert!(
                (sum - want).abs() <= slack,
                "{file} {arch}: rows {sum} vs total {want}"
            );
            assert_eq!(total[col], format!("{want:.2}"), "{file} {arch}");
        }
        for s in plan["services"].as_array().cloned().unwrap_or_default() {
            let row = items
                .iter()
                .find(|r| r[0] == s["name"].as_str().unwrap_or_default() && r[1] == "service")
                .unwrap_or_else(|| panic!("{file}: no row for {}", s["name"]));
            assert_eq!(
                row[2],
                s["cost"]["chosen_arch"].as_str().unwrap_or_default()
            );
            let x86 = s["cost"]["monthly_usd"]["x86_64"]
                .as_f64()
                .unwrap_or_default();
            assert_eq!(row[3], format!("{x86:.2}"), "{file}");
        }
    }
}

/// A minimal RFC 4180 reader for the test (quoted cells, doubled quotes, CRLF rows).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    assert!(
        !quoted && cell.is_empty() && row.is_empty(),
        "CSV ends mid-row"
    );
    assert!(
        rows.iter().all(|r| r.len() == 6),
        "every row has 6 cells: {rows:?}"
    );
    rows
}
