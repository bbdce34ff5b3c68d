//! Bad input of any kind gets a clear error, never a panic, a hang or unbounded memory:
//! explicit hostile inputs, plus property tests over arbitrary bytes and mutated valid specs.

mod common;

use akplan_core::{Code, Format, check};
use proptest::prelude::*;

fn codes(text: &str, format: Format) -> Vec<Code> {
    check(text, format)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect()
}

#[test]
fn empty_and_blank_files_are_syntax_errors() {
    for text in ["", "   \n\t\n", "# only a comment\n"] {
        let found = codes(text, Format::Yaml);
        assert!(!found.is_empty(), "{text:?}");
    }
    assert_eq!(codes("", Format::Json), vec![Code::Syntax]);
}

#[test]
fn fifty_megabytes_are_refused_quickly() {
    let text = "a".repeat(50 * 1024 * 1024);
    assert_eq!(codes(&text, Format::Yaml), vec![Code::InputLimit]);
}

#[test]
fn ten_thousand_levels_of_nesting_are_refused() {
    let flow = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(codes(&flow, Format::Yaml), vec![Code::InputLimit]);
    let json = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    let found = codes(&json, Format::Json);
    assert_eq!(found.len(), 1);
    let block: String = (0..10_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let found = codes(&block, Format::Yaml);
    assert!(
        found == vec![Code::InputLimit] || found == vec![Code::Syntax],
        "{found:?}"
    );
}

#[test]
fn alias_bombs_are_stopped() {
    // The "billion laughs": each level references the one before ten times.
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    assert_eq!(codes(&text, Format::Yaml), vec![Code::InputLimit]);
}

#[test]
fn binary_input_is_reported_by_the_cli() {
    let dir = std::env::temp_dir().join(format!("akplan-binary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let file = dir.join("akplan.yaml");
    std::fs::write(&file, [0u8, 159, 146, 150, 255, 0, 1, 2]).unwrap_or_default();
    let out = common::akplan(&["validate", &file.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stdout(&out).contains("not UTF-8"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn wrong_types_everywhere_are_structure_errors() {
    let text = "version: \"one\"\napp: [1]\nregion: 5\navailability_zones: {}\nservices:\n  api:\n    image: 1\n    cpu: [256]\n    memory: {a: 1}\n    port: \"eighty\"\n    capacity: 3\n    health_check: []\n    deployment: yes\n    environment: [1, 2]\n    secrets: 7\n    containers: x\n    depends_on: [a]\n    volumes: 1.5\n    session_store: {type: mongo}\n    exec: maybe\n    logs: {retention_days: -1}\n";
    // As `akplan.yaml` it is checked as a spec whatever it holds.
    let checked = akplan_core::check_spec(text, Format::Yaml);
    assert!(checked.has_errors());
    assert!(
        checked.diagnostics.len() >= 10,
        "{:#?}",
        checked.diagnostics
    );
    assert!(checked.diagnostics.iter().all(|d| d.code == Code::Schema));
    // Each points into the document at its own line.
    let lines: std::collections::HashSet<usize> = checked
        .diagnostics
        .iter()
        .filter_map(|d| d.start.map(|p| p.line))
        .collect();
    assert!(lines.len() >= 10, "{lines:?}");
}

const VALID: &str = include_str!("../../examples/agent-kernel.yaml");

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, max_shrink_iters: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = check(&text, Format::Yaml);
        let _ = check(&text, Format::Json);
    }

    #[test]
    fn mutated_valid_specs_never_panic_and_point_inside_the_file(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..4, "[ -~\n]{0,12}"), 1..8)
    ) {
        let mut text = VALID.to_owned();
        for (at, kind, insert) in edits {
            let mut pos = at.index(text.len() + 1);
            while !text.is_char_boundary(pos) { pos -= 1; }
            match kind {
                0 => text.insert_str(pos, &insert),
                1 => { let end = (pos + insert.len()).min(text.len()); if text.is_char_boundary(end) { text.replace_range(pos..end, ""); } }
                2 => { let end = (pos + insert.len()).min(text.len()); if text.is_char_boundary(end) { text.replace_range(pos..end, &insert); } }
                _ => text.insert_str(pos, "\n  "),
            }
        }
        let checked = check(&text, Format::Yaml);
        for d in &checked.diagnostics {
            prop_assert!(d.span.start <= text.len() && d.span.end <= text.len());
            prop_assert!(d.start.is_some());
            prop_assert!(!d.hint.is_empty());
        }
    }
}

/// A small valid spec that the property test below adds fields to.
const MINIMAL: &str = "version: 1\napp: shop\nregion: us-east-1\nservices:\n  api:\n    image: nginx:1.27\n    cpu: 1024\n    memory: 2048\n";

/// Extreme but schema-shaped numbers for every numeric field a spec has.
fn extreme_number() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("0".to_owned()),
        Just("1".to_owned()),
        Just("2".to_owned()),
        Just("100".to_owned()),
        Just("3600".to_owned()),
        Just("86400".to_owned()),
        Just("65535".to_owned()),
        Just("4294967295".to_owned()),
        Just("18446744073709551615".to_owned()),
        Just("-1".to_owned()),
        Just("0.5".to_owned()),
        Just("1e300".to_owned()),
        Just("1e400".to_owned()),
        Just(".nan".to_owned()),
        Just("-.inf".to_owned()),
        (0u32..5000).prop_map(|n| n.to_string()),
    ]
}

/// The fields a number goes into, as YAML under `services.api`.
const NUMBER_FIELDS: [&str; 20] = [
    "port: {}",
    "ephemeral_storage: {}",
    "capacity: {{base_count: {}}}",
    "capacity: {{peak_rps: {}, rps_per_task: 10}}",
    "capacity: {{peak_rps: 1000, rps_per_task: {}}}",
    "capacity: {{base_count: 3, min: {}}}",
    "capacity: {{base_count: 3, max: {}}}",
    "capacity: {{base_count: 3, spot_percent: {}}}",
    "health_check: {{interval: {}}}",
    "health_check: {{healthy_threshold: {}}}",
    "health_check: {{grace_period: {}}}",
    "deployment: {{minimum_healthy_percent: {}}}",
    "deployment: {{maximum_percent: {}}}",
    "deployment: {{deregistration_delay: {}}}",
    "deployment: {{stop_timeout: {}}}",
    "deployment: {{task_start_seconds: {}}}",
    "autoscaling: {{cpu_target: {}}}",
    "autoscaling: {{requests_per_target: {}}}",
    "autoscaling: {{scale_in_cooldown: {}}}",
    "container_health_check: {{command: [CMD, x], interval: {}}}",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, max_shrink_iters: 128, ..ProptestConfig::default() })]

    /// validate → plan → emit with extreme values: no panic (tests run as a debug build, so
    /// arithmetic overflow would panic), no NaN or infinity anywhere, the plan's JSON valid
    /// against `schema/akplan-plan.schema.json`.
    #[test]
    fn extreme_numbers_never_break_the_pipeline(
        picks in proptest::collection::vec((0usize..NUMBER_FIELDS.len(), extreme_number()), 1..4)
    ) {
        let mut text = MINIMAL.to_owned();
        let mut used = std::collections::HashSet::new();
        for (field, value) in picks {
            let line = NUMBER_FIELDS[field].replace("{}", &value).replace("{{", "{").replace("}}", "}");
            let key = line.split(':').next().unwrap_or_default().to_owned();
            if used.insert(key) {
                text.push_str(&format!("    {line}\n"));
            }
        }
        let checked = check(&text, Format::Yaml);
        let Some(spec) = checked.model else { return Ok(()) };
        let plan = akplan_core::plan(
            &spec,
            akplan_core::Assumptions::default(),
            &akplan_core::Prices::builtin(&spec.region),
        );
        let json = serde_json::to_value(&plan).unwrap_or_default();
        // serde_json writes a NaN or infinity as `null`, which the schema's number types refuse.
        let schema: serde_json::Value = serde_json::from_str(&akplan_core::schema::plan_schema_json()).unwrap_or_default();
        prop_assert!(jsonschema::is_valid(&schema, &json), "plan JSON breaks its schema for:\n{text}");
        for target in akplan_core::Target::ALL {
            for artifact in akplan_core::emit(&spec, &plan, &[target]) {
                for bad in ["NaN", "Infinity", "inf,", "inf\n", "inf)", "inf}", "inf]"] {
                    prop_assert!(!artifact.contents.contains(bad), "{} holds {bad}", artifact.path);
                }
            }
        }
    }
}

/// 120,000 keys (1.2 MB) took 18 s in a release build when each key was compared with every
/// earlier one, and minutes in a test build; a share link of that shape froze the page. A
/// generous deadline guards against the quadratic search coming back (it takes about a second).
#[test]
fn a_mapping_of_120_000_keys_does_not_hang_the_parser() {
    let text: String = (0..120_000).map(|i| format!("key{i}: {i}\n")).collect();
    let (done, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let found = codes(&text, Format::Yaml);
        let _ = done.send(found);
    });
    let found = wait
        .recv_timeout(std::time::Duration::from_secs(60))
        .unwrap_or_else(|_| {
            panic!("120,000 keys took over a minute: the duplicate search is quadratic again")
        });
    assert!(found.contains(&Code::NotRecognised), "{found:?}");
}
