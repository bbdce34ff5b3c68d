//! `akplan import`: specs from ECS files and Copilot manifests. The bundled examples' emitted task
//! and service definitions import back to specs that emit the same files and plan to the same
//! capacity and cost; Copilot manifests written for these tests import and validate, and their
//! specs are snapshotted; what cannot be imported says why.

mod common;

use std::path::{Path, PathBuf};

use akplan_core::{Assumptions, Format, Prices, Source, Target, check_spec, emit, import, plan};
use common::{akplan, fixtures, root, stdout};

const EXAMPLES: [&str; 5] = ["minimal", "agent-kernel", "llm-proxy", "releases", "shop"];

/// `akplan import PATH --format json`: the spec as JSON and what was said on stderr; the run
/// must succeed.
fn import_json(path: &str) -> (serde_json::Value, String) {
    let out = akplan(&["import", path, "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{path}: {stderr}");
    (
        serde_json::from_slice(&out.stdout).unwrap_or_default(),
        stderr,
    )
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// The examples, and every valid spec among the rule fixtures.
fn specs() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = EXAMPLES
        .iter()
        .map(|e| {
            let text = std::fs::read_to_string(root().join(format!("examples/{e}.yaml")))
                .unwrap_or_default();
            ((*e).to_owned(), text)
        })
        .collect();
    for path in files_under(&fixtures("rules")) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let format = Format::from_name(&path.to_string_lossy());
        let checked = check_spec(&text, format);
        if checked.kind == akplan_core::FileKind::Spec
            && checked.model.is_some()
            && format == Format::Yaml
        {
            out.push((path.to_string_lossy().into_owned(), text));
        }
    }
    out
}

#[test]
fn emitted_ecs_files_import_back_to_the_same_files_and_numbers() {
    let specs = specs();
    assert!(specs.len() > 60, "{} specs", specs.len());
    for (example, text) in &specs {
        let app = check_spec(text, Format::Yaml)
            .model
            .unwrap_or_else(|| panic!("{example}"));
        let before = plan(&app, Assumptions::default(), &Prices::builtin(&app.region));
        let emitted = emit(&app, &before, &[Target::TaskDef, Target::Service]);
        let files: Vec<(&str, &str)> = emitted
            .iter()
            .map(|a| (a.path.as_str(), a.contents.as_str()))
            .collect();
        let (yaml, again, after) = common::import_and_plan(example, &files);
        let re_emitted = emit(&again, &after, &[Target::TaskDef, Target::Service]);
        assert_eq!(emitted.len(), re_emitted.len(), "{example}");
        for (a, b) in emitted.iter().zip(&re_emitted) {
            assert_eq!(a.path, b.path, "{example}");
            assert_eq!(a.contents, b.contents, "{example}: {}\n{yaml}", a.path);
        }
        let carries = common::Carries {
            zones: true,
            timings: false,
        };
        common::assert_same_numbers(example, &app, &before, &after, &yaml, carries);
    }
}

/// The Copilot fixtures' file names, each with the environment its name asks for
/// (`.env-NAME.`).
fn copilot_fixtures() -> Vec<(String, Option<String>)> {
    files_under(&fixtures("copilot"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .map(|p| {
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned();
            let env = name
                .split(".env-")
                .nth(1)
                .and_then(|r| r.split('.').next())
                .map(str::to_owned);
            (name, env)
        })
        .collect()
}

/// Every Copilot manifest in `tests/fixtures/copilot/` imports (with its `--env` when the file
/// name says `.env-NAME.`) into a spec that validates without errors; the specs are snapshots.
#[test]
fn copilot_manifests_import_and_validate() {
    let manifests = copilot_fixtures();
    assert!(manifests.len() >= 12, "{} manifests", manifests.len());
    for (name, env) in manifests {
        let env = env.as_deref();
        let relative = format!("tests/fixtures/copilot/{name}");
        let mut args = vec!["import", relative.as_str()];
        if let Some(env) = env {
            args.extend(["--env", env]);
        }
        let out = akplan(&args);
        let yaml = stdout(&out);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(0), "{name}:\n{yaml}\n{stderr}");
        assert!(
            !check_spec(&yaml, Format::Yaml).has_errors(),
            "{name} imports with errors:\n{yaml}"
        );
        insta::assert_snapshot!(format!("copilot_{name}"), yaml);
    }
}

#[test]
fn what_is_not_a_service_says_what_it_is() {
    for (file, says) in [
        (
            "scheduled-job.job.txt",
            "Scheduled Job is an ECS task started on a schedule",
        ),
        ("rdws.job.txt", "App Runner"),
    ] {
        let path = format!("tests/fixtures/copilot/{file}");
        let out = akplan(&["import", &path]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{file}: {stderr}");
    }
    let out = akplan(&["import", "README.md"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_output_file_is_never_overwritten_without_force() {
    let dir = std::env::temp_dir().join(format!("akplan-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let out_file = dir.join("akplan.yaml");
    std::fs::write(&out_file, "my work\n").unwrap_or_else(|e| panic!("{e}"));
    let manifest = "tests/fixtures/copilot/01-lbws-minimal.yml";
    let out_path = out_file.to_string_lossy().into_owned();
    let refused = akplan(&["import", manifest, "-o", &out_path]);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&out_file).unwrap_or_default(),
        "my work\n"
    );
    let forced = akplan(&["import", manifest, "-o", &out_path, "--force"]);
    assert_eq!(forced.status.code(), Some(0));
    let written = std::fs::read_to_string(&out_file).unwrap_or_default();
    assert!(written.starts_with("# Imported by akplan"), "{written}");
    let _ = std::fs::remove_dir_all(dir);
}

/// A hand-written CloudFormation stack (YAML short forms included): the task definition and
/// service through the ECS mapping, then the target group, scaling, log retention and Container
/// Insights from the template.
#[test]
fn a_cloudformation_stack_imports_with_what_only_the_template_says() {
    let (spec, stderr) = import_json("tests/fixtures/import/orders-stack.yaml");
    let api = &spec["services"]["api"];
    assert_eq!(spec["app"], "orders");
    assert_eq!(spec["region"], "eu-west-1");
    assert_eq!(spec["availability_zones"], 3);
    assert_eq!(
        api["image"],
        "210987654321.dkr.ecr.eu-west-1.amazonaws.com/orders:3.2.1"
    );
    assert_eq!(api["port"], 8080);
    assert_eq!(api["capacity"]["base_count"], 4);
    assert_eq!(api["capacity"]["max"], 12);
    assert_eq!(api["autoscaling"]["cpu_target"], 60.0);
    assert_eq!(api["health_check"]["path"], "/health");
    assert_eq!(api["health_check"]["interval"], 10);
    assert_eq!(api["deployment"]["deregistration_delay"], 20);
    assert_eq!(api["logs"]["retention_days"], 30);
    assert_eq!(api["container_insights"], true);
    assert!(stderr.contains("executionRoleArn"), "{stderr}");
}

/// Every example's emitted Terraform imports back to a spec that plans each service to the same
/// task count, zones, cost and strategy, and the same deployment time unless a lifecycle hook's
/// expected time (akplan's assumption, in no AWS file) played a part.
#[test]
fn emitted_terraform_imports_back_to_the_same_numbers() {
    for example in EXAMPLES {
        let text = std::fs::read_to_string(root().join(format!("examples/{example}.yaml")))
            .unwrap_or_default();
        let app = check_spec(&text, Format::Yaml)
            .model
            .unwrap_or_else(|| panic!("{example}"));
        let before = plan(&app, Assumptions::default(), &Prices::builtin(&app.region));
        let emitted = emit(&app, &before, &[Target::Terraform]);
        let files: Vec<(&str, &str)> = emitted
            .iter()
            .map(|a| (a.path.as_str(), a.contents.as_str()))
            .collect();
        let (yaml, _, after) = common::import_and_plan(example, &files);
        let carries = common::Carries {
            zones: true,
            timings: true,
        };
        common::assert_same_numbers(example, &app, &before, &after, &yaml, carries);
    }
}

/// A spec of one or two services, each a mix of what the ECS files carry: size and platform,
/// port, count, Spot, strategy with its settings, bounds, circuit breaker, environment, secrets
/// in every form, an extra container, a container health check, ECS Exec.
fn generated_spec() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let service = (
        prop::sample::select(vec![
            (256u32, 512u32),
            (512, 1024),
            (1024, 2048),
            (2048, 8192),
        ]),
        any::<bool>(), // arm64
        prop::option::of(prop::sample::select(vec![80u32, 3000, 8080])),
        1u32..20, // base count
        prop::sample::select(vec![0u32, 25, 50, 100]),
        0usize..5,     // strategy
        any::<bool>(), // circuit breaker
        prop::collection::vec(("[A-Z][A-Z_]{0,8}", "[ -~]{0,12}"), 0..3),
        prop::collection::vec(
            prop::sample::select(vec![
                "ssm:/app/prod/key",
                "secretsmanager:app/db",
                "secretsmanager:app/db:password",
                "arn:aws:ssm:us-east-1:210987654321:parameter/shared/x",
            ]),
            0..3,
        ),
        (any::<bool>(), any::<bool>(), any::<bool>()), // sidecar, health check, exec
    );
    prop::collection::vec(service, 1..3).prop_map(|services| {
        let mut text = "version: 1\napp: gen\nregion: us-east-1\navailability_zones: 2\nservices:\n".to_owned();
        for (i, (size, arm, port, base, spot, strategy, breaker, env, secrets, (sidecar, check, exec))) in services.into_iter().enumerate() {
            text.push_str(&format!("  svc{i}:\n    image: example/svc{i}:1.0.{i}\n    cpu: {}\n    memory: {}\n", size.0, size.1));
            if arm {
                text.push_str("    arch: arm64\n");
            }
            if let Some(p) = port {
                text.push_str(&format!("    port: {p}\n    health_check: {{ grace_period: 60 }}\n"));
            }
            text.push_str(&format!("    capacity: {{ base_count: {base}, spot_percent: {spot} }}\n"));
            if exec {
                text.push_str("    exec: true\n");
            }
            text.push_str("    deployment:\n");
            match strategy {
                1 => text.push_str("      strategy: recreate\n"),
                2 if port.is_some() => text.push_str("      strategy: blue_green\n      bake_minutes: 5\n      alarms: [a1]\n"),
                3 if port.is_some() => text.push_str("      strategy: linear\n      bake_minutes: 2\n      linear: { step_percent: 20, step_bake_minutes: 3 }\n"),
                4 if port.is_some() => text.push_str("      strategy: canary\n      canary: { percent: 10, bake_minutes: 4 }\n      hooks:\n        - { stage: post_test_traffic_shift, type: pause, timeout_minutes: 30 }\n"),
                _ => text.push_str("      minimum_healthy_percent: 50\n      maximum_percent: 150\n"),
            }
            if breaker && strategy < 2 {
                text.push_str("      circuit_breaker: true\n      rollback: true\n");
            }
            let env: std::collections::BTreeMap<String, String> = env.into_iter().collect();
            if !env.is_empty() {
                text.push_str("    environment:\n");
                for (k, v) in &env {
                    text.push_str(&format!("      {k}: {}\n", serde_json::to_string(v).unwrap_or_default()));
                }
            }
            let secrets: std::collections::BTreeSet<&str> = secrets.into_iter().collect();
            if !secrets.is_empty() {
                text.push_str("    secrets:\n");
                for (j, s) in secrets.iter().enumerate() {
                    text.push_str(&format!("      SECRET_{j}: {s}\n"));
                }
            }
            if check {
                text.push_str("    container_health_check: { command: [CMD-SHELL, \"true\"], interval: 15 }\n");
            }
            if sidecar {
                text.push_str("    containers:\n      agent:\n        image: example/agent:2.0.0\n        essential: false\n");
            }
        }
        text
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..proptest::prelude::ProptestConfig::default() })]

    /// emit → import → emit gives the same task and service definitions for any spec made of
    /// what those files carry.
    #[test]
    fn any_spec_round_trips_through_its_ecs_files(text in generated_spec()) {
        let checked = check_spec(&text, Format::Yaml);
        // Combinations the rules refuse are not round-trip material (proptest fails the test
        // if it has to reject too many).
        proptest::prop_assume!(checked.model.is_some(), "{:?}", checked.diagnostics);
        let app = checked.model.unwrap_or_else(|| unreachable!());
        let p = plan(&app, Assumptions::default(), &Prices::builtin(&app.region));
        let emitted = emit(&app, &p, &[Target::TaskDef, Target::Service]);
        let sources: Vec<Source<'_>> = emitted.iter().map(|a| Source { name: &a.path, text: &a.contents }).collect();
        let imported = import(&sources, None).map_err(proptest::test_runner::TestCaseError::fail)?;
        let again = check_spec(&imported.yaml, Format::Yaml).model;
        proptest::prop_assert!(again.is_some(), "{}\n---\n{}", text, imported.yaml);
        let again = again.unwrap_or_else(|| unreachable!());
        let q = plan(&again, Assumptions::default(), &Prices::builtin(&again.region));
        let re = emit(&again, &q, &[Target::TaskDef, Target::Service]);
        proptest::prop_assert_eq!(emitted.len(), re.len());
        for (a, b) in emitted.iter().zip(&re) {
            proptest::prop_assert_eq!(&a.contents, &b.contents, "{}\n---\n{}", text, imported.yaml);
        }
    }
}

/// A Terraform task definition that reads its containers with `file()` imports them from the
/// list given beside it (matched by file name, whatever path the module spells); without the
/// list the containers are reported as not mapped, and a list alone is refused with what to do.
#[test]
fn terraform_reads_the_container_list_its_file_call_names() {
    let dir = common::fixtures("import/terraform-file");
    let tf = std::fs::read_to_string(dir.join("main.tf")).unwrap_or_default();
    let list = std::fs::read_to_string(dir.join("containers/billing.json")).unwrap_or_default();
    let (yaml, app, plan) = common::import_and_plan(
        "terraform with file()",
        &[
            ("infra/main.tf", &tf),
            ("infra/containers/billing.json", &list),
        ],
    );
    let billing = &app.services[0];
    assert_eq!(
        billing
            .main_container()
            .map(|c| c.image.as_str())
            .unwrap_or_default(),
        "111122223333.dkr.ecr.us-west-2.amazonaws.com/billing:3.2.1",
        "{yaml}"
    );
    assert_eq!(app.region, "us-west-2", "{yaml}");
    assert_eq!(plan.services[0].capacity.target, 3, "{yaml}");

    let sources = [akplan_core::Source {
        name: "infra/main.tf",
        text: &tf,
    }];
    let alone = akplan_core::import(&sources, None).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        alone
            .unmapped
            .iter()
            .any(|u| u.contains("give that JSON file to the import")),
        "{:?}",
        alone.unmapped
    );
    let list_only = [akplan_core::Source {
        name: "billing.json",
        text: &list,
    }];
    let refused = akplan_core::import(&list_only, None)
        .err()
        .unwrap_or_default();
    assert!(
        refused.contains("container_definitions = file(...)"),
        "{refused}"
    );
}

/// Issue 22: a template sized by parameters (`!Ref` to defaults, `!Sub`, `!FindInMap` over a
/// parameter, pseudo parameters) imports with the values the template states and validates.
#[test]
fn cloudformation_parameters_defaults_sub_and_mappings_resolve() {
    let (spec, stderr) = import_json("tests/fixtures/import/parameterised-service.yaml");
    assert_eq!(
        spec["app"], "checkout-production",
        "Fn::Sub over two parameters"
    );
    assert_eq!(
        spec["region"], "us-east-1",
        "AWS::Region is not a Region: assumed"
    );
    let web = &spec["services"]["checkout-web"];
    assert_eq!(web["cpu"], 1024);
    assert_eq!(web["memory"], 2048);
    assert_eq!(web["port"], 3000);
    assert_eq!(
        web["capacity"]["base_count"], 4,
        "FindInMap over a parameter"
    );
    assert_eq!(web["environment"]["NODE_ENV"], "production");
    assert!(
        web["image"]
            .as_str()
            .is_some_and(|i| i.ends_with(".amazonaws.com/checkout:7.4.1")),
        "{web}"
    );
    assert!(stderr.contains("0 errors"), "{stderr}");
}

/// Issue 22: an EC2 task definition that sizes only its containers (bridge network, the classic
/// reference architecture) imports with the smallest Fargate size that holds them, said as an
/// assumption, and validates.
#[test]
fn an_ec2_task_definition_sized_by_its_containers_gets_a_fargate_size() {
    let (spec, stderr) = import_json("tests/fixtures/import/ec2-bridge-taskdef.json");
    let web = &spec["services"]["web-ec2"];
    // 256 + 64 CPU units and 512 + 100 MiB: 512 CPU units, 1 GB.
    assert_eq!(web["cpu"], 512);
    assert_eq!(web["memory"], 1024);
    let yaml = akplan(&["import", "tests/fixtures/import/ec2-bridge-taskdef.json"]);
    let text = String::from_utf8_lossy(&yaml.stdout);
    assert!(
        text.contains("assumed: the smallest Fargate size holding the containers' cpu (320 units)"),
        "{text}"
    );
    assert!(stderr.contains("0 errors"), "{stderr}");
}

/// Issue 22: Copilot's `from_cfn` variables (another stack's export) are listed as not mapped,
/// never copied into `environment` as mappings the spec rejects.
#[test]
fn copilot_from_cfn_variables_are_listed_not_copied() {
    let (spec, stderr) =
        import_json("tests/fixtures/import/copilot-from-cfn/copilot/api/manifest.yml");
    let env = &spec["services"]["api"]["environment"];
    assert_eq!(env["LOG_LEVEL"], "info");
    assert!(env.get("BUCKET_NAME").is_none(), "{env}");
    assert!(
        stderr.contains("variables.BUCKET_NAME: `from_cfn:"),
        "{stderr}"
    );
}

/// Issue 22: ecspresso's template functions: `{{ ssm }}` becomes a secret reference (never a
/// plain-text environment value), `{{ env "X" "default" }}` its default, `{{ must_env }}` stays
/// a placeholder that validation accepts.
#[test]
fn ecspresso_template_functions_import_as_secrets_and_defaults() {
    let (spec, stderr) = import_json("tests/fixtures/import/ecspresso-templates/ecs-task-def.json");
    let app = &spec["services"]["myapp"];
    assert_eq!(app["environment"]["LOG_LEVEL"], "info");
    assert!(app["environment"].get("DB_PASSWORD").is_none(), "{app}");
    assert_eq!(app["secrets"]["DB_PASSWORD"], "ssm:/myapp/db/password");
    assert!(stderr.contains("0 errors"), "{stderr}");
}

/// Issue 22: a Terraform module directory: `var.` values from `variables.tf` defaults, overridden
/// by `terraform.tfvars`, interpolated into strings (`"${var.image}:${var.image_tag}"`).
#[test]
fn a_terraform_directory_imports_with_its_variables_and_tfvars() {
    let (spec, stderr) = import_json("tests/fixtures/import/terraform-module-vars");
    assert!(stderr.contains("0 errors"), "{stderr}");
    let billing = &spec["services"]["billing"];
    assert_eq!(billing["image"], "public.ecr.aws/nginx/nginx:1.27");
    assert_eq!(billing["cpu"], 512);
    assert_eq!(billing["memory"], 1024);
    assert_eq!(
        billing["capacity"]["base_count"], 3,
        "terraform.tfvars over the default 2"
    );
}

/// Terraform 0.11's style: `"${var.x}"` references, a JSON heredoc with `${var.*}` numbers in
/// it, the cluster by `"${aws_ecs_cluster.main.id}"`, and a splat of subnets (no zone count).
#[test]
fn terraform_0_11_interpolations_and_a_json_heredoc_import() {
    let (spec, stderr) = import_json("tests/fixtures/import/terraform-011-heredoc");
    assert!(stderr.contains("0 errors"), "{stderr}");
    assert_eq!(spec["app"], "orders-cluster");
    let svc = &spec["services"]["orders"];
    assert_eq!(svc["image"], "example/orders:2.1.0");
    assert_eq!(
        (
            svc["cpu"].clone(),
            svc["memory"].clone(),
            svc["port"].clone()
        ),
        (512.into(), 1024.into(), 3000.into())
    );
    assert_eq!(svc["capacity"]["base_count"], 3);
    assert!(
        spec.get("availability_zones").is_none(),
        "a splat is not one subnet: {spec}"
    );
    assert!(stderr.contains("awsvpcConfiguration/subnets"), "{stderr}");
}

/// Services declared once as a map and created with `for_each` (a `for` expression over it for
/// the services), `each.key`/`each.value` everywhere, and `dynamic "load_balancer"`: one spec
/// service per instance, with its own sizes, count and port.
#[test]
fn terraform_for_each_services_import_one_by_one() {
    let (spec, stderr) = import_json("tests/fixtures/import/terraform-for-each");
    assert!(stderr.contains("0 errors"), "{stderr}");
    assert_eq!(spec["app"], "ledger-prod");
    let api = &spec["services"]["api"];
    assert_eq!(
        api["image"],
        "111122223333.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2"
    );
    assert_eq!(
        (
            api["cpu"].clone(),
            api["memory"].clone(),
            api["port"].clone()
        ),
        (512.into(), 1024.into(), 8080.into())
    );
    assert_eq!(api["capacity"]["base_count"], 3);
    assert_eq!(api["environment"]["LOG_LEVEL"], "info");
    let worker = &spec["services"]["worker"];
    assert_eq!(
        (worker["cpu"].clone(), worker["memory"].clone()),
        (1024.into(), 2048.into())
    );
    assert!(worker.get("port").is_none(), "{worker}");
    assert_eq!(worker["capacity"]["base_count"], 2);
    assert!(
        stderr.contains(r#"/aws_ecs_service/this["api"]/loadBalancers/0/targetGroupArn"#),
        "{stderr}"
    );
}

/// A root module calling a local module once per service (`module "api" { source =
/// "./modules/service" ... }`): each call imports as its module with the call's arguments as
/// its variables (the cluster passed by reference named, the `for` expression and `dynamic`
/// block of the module evaluated, the `count`ed target group's health check read).
#[test]
fn terraform_local_module_calls_import_as_services() {
    let (spec, stderr) = import_json("tests/fixtures/import/terraform-local-module");
    assert!(stderr.contains("0 errors"), "{stderr}");
    assert_eq!(spec["app"], "payments");
    assert_eq!(spec["region"], "eu-central-1");
    let api = &spec["services"]["api"];
    assert_eq!(
        api["image"],
        "444455556666.dkr.ecr.eu-central-1.amazonaws.com/payments-api:2024.11.3"
    );
    assert_eq!(
        (
            api["cpu"].clone(),
            api["memory"].clone(),
            api["port"].clone()
        ),
        (1024.into(), 2048.into(), 8443.into())
    );
    assert_eq!(api["capacity"]["base_count"], 4);
    assert_eq!(api["environment"]["SPRING_PROFILES_ACTIVE"], "prod");
    assert_eq!(api["health_check"]["path"], "/actuator/health");
    let settlement = &spec["services"]["settlement"];
    assert_eq!(
        (settlement["cpu"].clone(), settlement["memory"].clone()),
        (512.into(), 1024.into())
    );
    assert!(settlement.get("port").is_none(), "{settlement}");
    assert_eq!(settlement["capacity"]["base_count"], 2);

    // The same module called from an environment folder (`../../modules/service`): the CLI
    // follows the path out of the directory it was given.
    let dir = common::scratch("import-env-module");
    let module = dir.join("modules/service");
    let env = dir.join("envs/prod");
    for d in [&module, &env] {
        std::fs::create_dir_all(d).unwrap_or_else(|e| panic!("{e}"));
    }
    let fixture = common::root().join("tests/fixtures/import/terraform-local-module");
    for f in ["main.tf", "variables.tf"] {
        let text =
            std::fs::read_to_string(fixture.join("modules/service").join(f)).unwrap_or_default();
        std::fs::write(module.join(f), text).unwrap_or_else(|e| panic!("{e}"));
        let text = std::fs::read_to_string(fixture.join(f))
            .unwrap_or_default()
            .replace("./modules/service", "../../modules/service");
        std::fs::write(env.join(f), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let (from_env, stderr) = import_json(&env.to_string_lossy());
    assert!(stderr.contains("0 errors"), "{stderr}");
    assert_eq!(from_env["services"], spec["services"]);
    // Without the module's files, the import says which module it misses.
    std::fs::remove_dir_all(&module).unwrap_or_default();
    let out = akplan(&["import", &env.to_string_lossy(), "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "calls the local module `../../modules/service`, which is not among the files read"
        ),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// `data "template_file"` over a template file and `templatefile()`: the CLI reads the files
/// they name beside the `.tf` files and the import renders them with their variables (unquoted
/// numbers, `$${...}` kept literal), so the containers come in.
#[test]
fn terraform_templates_are_read_and_rendered() {
    let (spec, stderr) = import_json("tests/fixtures/import/terraform-templatefile");
    assert!(stderr.contains("0 errors"), "{stderr}");
    assert_eq!(spec["region"], "ap-southeast-2");
    let app = &spec["services"]["quotes-service"];
    assert_eq!(app["image"], "public.ecr.aws/example/quotes:3.2.0");
    assert_eq!(
        (
            app["cpu"].clone(),
            app["memory"].clone(),
            app["port"].clone()
        ),
        (1024.into(), 2048.into(), 3000.into())
    );
    assert_eq!(app["capacity"]["base_count"], 3);
    let mailer = &spec["services"]["quotes-mailer"];
    assert_eq!(
        mailer["image"],
        "777788889999.dkr.ecr.ap-southeast-2.amazonaws.com/quotes-mailer:1.0.7"
    );
    assert_eq!(
        mailer["environment"]["TEMPLATE_MARKER"],
        "${not_a_variable}"
    );
}

/// terraform-aws-modules/ecs's `//modules/container-definition` used by a plain task definition
/// (`jsonencode([module.web_container.container_definition])`): its container comes in, and
/// the module's own inputs (log group, tags) are listed.
#[test]
fn terraform_container_definition_module_feeds_the_task_definition() {
    let (spec, stderr) = import_json("tests/fixtures/import/terraform-ecs-container-definition");
    assert!(stderr.contains("0 errors"), "{stderr}");
    let svc = &spec["services"]["storefront"];
    assert_eq!(svc["image"], "public.ecr.aws/example/storefront-web:4.8.0");
    assert_eq!(
        (
            svc["cpu"].clone(),
            svc["memory"].clone(),
            svc["port"].clone()
        ),
        (512.into(), 1024.into(), 3000.into())
    );
    assert_eq!(svc["capacity"]["base_count"], 2);
    assert_eq!(svc["environment"]["NODE_ENV"], "production");
    assert!(
        stderr.contains("module.web_container.cloudwatch_log_group_retention_in_days")
            && stderr.contains("module.web_container.tags"),
        "{stderr}"
    );
}

/// Cloud Posse's `ecs-container-definition` module feeding a plain task definition
/// (`module.app_container.json_map_encoded_list`): its container comes in.
#[test]
fn terraform_cloudposse_container_definition_feeds_the_task_definition() {
    let (spec, stderr) = import_json("tests/fixtures/import/terraform-cloudposse-container");
    assert!(stderr.contains("0 errors"), "{stderr}");
    let svc = &spec["services"]["app"];
    assert_eq!(svc["image"], "example/app:2.0.1");
    assert_eq!(
        (
            svc["cpu"].clone(),
            svc["memory"].clone(),
            svc["port"].clone()
        ),
        (512.into(), 1024.into(), 8080.into())
    );
    assert_eq!(svc["capacity"]["base_count"], 3);
    assert_eq!(svc["environment"]["APP_ENV"], "prod");
}

/// Issue 22: terraform-aws-modules/ecs's service submodule (v5 style): locals, a container key
/// from a variable, snake_case container inputs, and the module's defaults named as such.
#[test]
fn a_terraform_aws_modules_ecs_service_imports_with_the_modules_defaults() {
    let (spec, stderr) = import_json("tests/fixtures/import/terraform-ecs-module-v5");
    assert!(stderr.contains("0 errors"), "{stderr}");
    let svc = &spec["services"]["shop-checkout"];
    assert_eq!(
        svc["image"],
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/checkout:2.4.1"
    );
    assert_eq!(
        (svc["cpu"].clone(), svc["memory"].clone()),
        (512.into(), 1024.into())
    );
    assert_eq!(svc["port"], 8080);
    assert_eq!(
        svc["capacity"]["base_count"], 1,
        "the module's default desired_count"
    );
    assert_eq!(
        (
            svc["capacity"]["min"].clone(),
            svc["capacity"]["max"].clone()
        ),
        (2.into(), 8.into())
    );
    assert_eq!(svc["autoscaling"]["cpu_target"], 75);
    assert_eq!(svc["deployment"]["minimum_healthy_percent"], 66);
    assert_eq!(svc["logs"]["retention_days"], 30);
    assert_eq!(svc["exec"], true);
    let yaml = stdout(&akplan(&[
        "import",
        "tests/fixtures/import/terraform-ecs-module-v5",
    ]));
    assert!(
        yaml.contains("the module's default `desired_count = 1` (terraform-aws-modules/ecs)"),
        "{yaml}"
    );
}

/// Issue 22: the root module of terraform-aws-modules/ecs with a `services` map (v6 style):
/// each service, the cluster as the app, a target group's health check, defaults for what a
/// service leaves out.
#[test]
fn the_terraform_aws_modules_ecs_root_module_imports_every_service() {
    let (spec, stderr) = import_json("tests/fixtures/import/terraform-ecs-module-root");
    assert!(stderr.contains("0 errors"), "{stderr}");
    assert_eq!(spec["app"], "media");
    let api = &spec["services"]["transcoder-api"];
    assert_eq!(
        (api["cpu"].clone(), api["memory"].clone()),
        (1024.into(), 4096.into())
    );
    assert_eq!(api["arch"], "arm64");
    assert_eq!(api["port"], 9000);
    assert_eq!(api["capacity"]["base_count"], 3);
    assert_eq!(api["capacity"]["max"], 12);
    assert_eq!(api["autoscaling"]["cpu_target"], 60);
    assert_eq!(api["health_check"]["path"], "/healthz");
    let worker = &spec["services"]["transcoder-worker"];
    assert_eq!(
        (worker["cpu"].clone(), worker["memory"].clone()),
        (1024.into(), 2048.into())
    );
    assert!(
        worker.get("autoscaling").is_none(),
        "enable_autoscaling = false"
    );
}

/// Issue 22: `Fn::If` over conditions on parameters, and `--parameter Key=Value` over a
/// parameter's default (as `aws cloudformation deploy --parameter-overrides`).
#[test]
fn cloudformation_conditions_pick_their_branch_and_parameters_can_be_overridden() {
    let path = "tests/fixtures/import/conditional-service.yaml";
    // Exit 0: written and valid.
    let (spec, stderr) = import_json(path);
    assert!(!stderr.contains("error["), "{stderr}");
    let svc = &spec["services"]["ledger"];
    assert_eq!(
        (svc["cpu"].clone(), svc["memory"].clone()),
        (2048.into(), 4096.into())
    );
    assert_eq!(svc["capacity"]["base_count"], 4);
    assert!(
        svc.get("environment").is_none(),
        "AWS::NoValue in production: {svc}"
    );

    let out = akplan(&[
        "import",
        path,
        "--parameter",
        "Environment=staging",
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let spec: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let svc = &spec["services"]["ledger"];
    assert_eq!(
        (svc["cpu"].clone(), svc["memory"].clone()),
        (512.into(), 1024.into())
    );
    assert_eq!(svc["capacity"]["base_count"], 1);
    assert_eq!(svc["environment"]["DEBUG"], "true");

    let bad = akplan(&["import", path, "--parameter", "Environment"]);
    assert_eq!(bad.status.code(), Some(2));

    // Each value a parameter gave names it and what it took.
    let yaml = stdout(&akplan(&[
        "import",
        path,
        "--parameter",
        "Environment=staging",
    ]));
    assert!(
        yaml.contains("(parameter ServiceName, default ledger; parameter Environment: --parameter Environment=staging)"),
        "{yaml}"
    );
}

/// Issue 22: an ecspresso project (`ecspresso.yml` names the definitions, the service and
/// cluster, the Region); its template functions as in a single file; Jsonnet refused by name.
#[test]
fn an_ecspresso_project_imports_through_its_configuration() {
    for path in [
        "tests/fixtures/import/ecspresso-project",
        "tests/fixtures/import/ecspresso-project/ecspresso.yml",
    ] {
        let (spec, stderr) = import_json(path);
        assert!(!stderr.contains("error["), "{stderr}");
        assert_eq!(spec["app"], "payments", "{path}");
        assert_eq!(spec["region"], "eu-central-1");
        let svc = &spec["services"]["payments-api"];
        assert_eq!(
            (svc["cpu"].clone(), svc["memory"].clone()),
            (512.into(), 1024.into())
        );
        assert_eq!(svc["port"], 8000);
        assert_eq!(svc["capacity"]["base_count"], 3);
        assert_eq!(svc["secrets"]["DATABASE_URL"], "ssm:/payments/database-url");
    }
    let dir = common::scratch("jsonnet");
    let file = dir.join("ecs-task-def.jsonnet");
    std::fs::write(&file, "{ family: std.extVar('FAMILY') }\n").unwrap_or_else(|e| panic!("{e}"));
    let out = akplan(&["import", &file.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("ecs-task-def.jsonnet is Jsonnet") && stderr.contains("ecspresso render"),
        "{stderr}"
    );
}

/// Issue 23: Express inputs import like every other source: as the task and service Express
/// creates, with Express's defaults named; one that names its own task definition takes that
/// file's `Main` port; a CloudFormation Express resource the same way.
#[test]
fn express_inputs_import_as_the_service_express_creates() {
    let (spec, stderr) = import_json("tests/fixtures/rules/AKP126.pass.json");
    assert!(!stderr.contains("error["), "{stderr}");
    let svc = &spec["services"]["orders-api"];
    assert_eq!(
        svc["image"],
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-api:3.1.4"
    );
    assert_eq!(
        (svc["cpu"].clone(), svc["memory"].clone()),
        (256.into(), 512.into())
    );
    assert_eq!(svc["port"], 8080);
    assert_eq!(svc["capacity"]["min"], 2);
    assert_eq!(svc["capacity"]["max"], 6);
    assert_eq!(svc["health_check"]["path"], "/ping");
    assert_eq!(svc["autoscaling"]["cpu_target"], 60);
    let yaml = stdout(&akplan(&[
        "import",
        "tests/fixtures/rules/AKP126.pass.json",
    ]));
    assert!(yaml.contains("Express's default cpu \"256\""), "{yaml}");

    let (pair, _) = import_json("tests/fixtures/express-pair/ok");
    let catalog = &pair["services"]["catalog"];
    assert_eq!(
        catalog["port"], 8080,
        "the Main container's port: {catalog}"
    );
    assert_eq!(catalog["capacity"]["max"], 8);
    let alone = akplan(&[
        "import",
        "tests/fixtures/express-pair/ok/express-service.json",
    ]);
    assert_eq!(alone.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&alone.stderr).contains("taskDefinitionArn"));

    let (cfn, stderr) = import_json("tests/fixtures/real-world/ok-express-cfn-template.yaml");
    assert!(!stderr.contains("error["), "{stderr}");
    let web = &cfn["services"]["WebService"];
    assert_eq!(
        (web["cpu"].clone(), web["port"].clone()),
        (512.into(), 8080.into())
    );
    assert_eq!(web["health_check"]["path"], "/healthz");
}

/// Issue 23: every Copilot fixture goes Copilot → spec → Express and → CDK: the CDK app is
/// written, and Express inputs are written and pass akplan's Express rules, or (a service
/// without a port, a `recreate` deployment) refused with what does not fit.
#[test]
fn copilot_services_go_to_express_and_to_cdk() {
    let scratch = common::scratch("copilot-express");
    for (name, env) in copilot_fixtures() {
        let env = env.as_deref();
        let relative = format!("tests/fixtures/copilot/{name}");
        let spec = scratch.join(format!("{name}.akplan.yaml"));
        let spec_arg = spec.to_string_lossy().into_owned();
        let mut args = vec![
            "import",
            relative.as_str(),
            "-o",
            spec_arg.as_str(),
            "--force",
        ];
        if let Some(env) = env {
            args.extend(["--env", env]);
        }
        let out = akplan(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out_dir = scratch.join(format!("{name}-out"));
        let out_arg = out_dir.to_string_lossy().into_owned();
        let cdk = akplan(&["emit", "cdk", &spec_arg, "-o", &out_arg]);
        assert_eq!(
            cdk.status.code(),
            Some(0),
            "{name} → CDK: {}",
            String::from_utf8_lossy(&cdk.stderr)
        );
        let express = akplan(&["emit", "express", &spec_arg, "-o", &out_arg]);
        let stderr = String::from_utf8_lossy(&express.stderr).into_owned();
        match express.status.code() {
            Some(0) => {
                let check = akplan(&["validate", &out_dir.join("express").to_string_lossy()]);
                assert_eq!(
                    check.status.code(),
                    Some(0),
                    "{name} → Express: {}",
                    stdout(&check)
                );
            }
            // A clear refusal: a service without a port, or a strategy Express does not offer.
            _ => assert!(
                stderr.contains("does not fit ECS Express Mode")
                    && (stderr.contains("no `port`") || stderr.contains("strategy")),
                "{name} → Express: {stderr}"
            ),
        }
    }
}

/// Hostile Terraform: locals that double each other would build a value of 2^40 nodes; a
/// local past 10,000 nodes stays a reference, so the import answers at once.
#[test]
fn doubling_terraform_locals_do_not_blow_up_the_import() {
    let dir = common::scratch("tf-locals-bomb");
    let mut text = String::from("locals {\n  l0 = [\"x\", \"y\"]\n");
    for i in 1..40 {
        text.push_str(&format!("  l{i} = [local.l{}, local.l{}]\n", i - 1, i - 1));
    }
    text.push_str("}\nresource \"aws_ecs_task_definition\" \"t\" {\n  family = \"f\"\n  cpu = \"256\"\n  memory = \"512\"\n  container_definitions = jsonencode([{ name = \"a\", image = \"x:1\", environment = [{ name = \"K\", value = local.l39 }] }])\n}\n");
    std::fs::write(dir.join("main.tf"), text).unwrap_or_else(|e| panic!("{e}"));
    let out = akplan(&["import", &dir.to_string_lossy()]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).len() < 100_000);
}

/// Issue 23: Terraform's `aws_ecs_express_gateway_service` (AWS provider 6.23+) imports like an
/// Express input: the size, port, health check path, scaling bounds and target, the variable's
/// image, and a `secret` block as a reference; the canary and shared load balancer listed as not
/// mapped.
#[test]
fn a_terraform_express_service_imports_like_an_express_input() {
    let path = fixtures("import")
        .join("terraform-express/main.tf")
        .to_string_lossy()
        .into_owned();
    let (json, stderr) = import_json(&path);
    let api = &json["services"]["orders"];
    assert_eq!(json["app"], "shop", "{json}");
    assert_eq!(api["cpu"], 1024, "{json}");
    assert_eq!(api["memory"], 2048);
    assert_eq!(api["port"], 8080);
    assert_eq!(api["health_check"]["path"], "/healthz");
    assert_eq!(api["capacity"]["min"], 2);
    assert_eq!(api["capacity"]["max"], 8);
    assert_eq!(api["autoscaling"]["cpu_target"], 70.0);
    assert!(
        api["image"]
            .as_str()
            .is_some_and(|i| i.ends_with("/orders:1.4.0")),
        "{json}"
    );
    assert!(
        api["secrets"]["DB_PASSWORD"]
            .as_str()
            .is_some_and(|s| s.contains("orders/db")),
        "{json}"
    );
    assert_eq!(
        api["deployment"]["strategy"], "canary",
        "Express deploys with canary"
    );
    assert!(stderr.contains("load balancer it shares"), "{stderr}");
}

/// Issue 22: Terraform's `volume` with `efs_volume_configuration`, a sized sidecar, and
/// `service_connect_configuration` naming the module's own HTTP namespace.
#[test]
fn terraform_efs_volumes_sidecar_sizes_and_service_connect_import() {
    let (spec, stderr) = import_json("tests/fixtures/import/terraform-efs-connect");
    assert!(stderr.contains("0 errors"), "{stderr}");
    let cms = &spec["services"]["cms"];
    assert_eq!(cms["port"], 2368);
    let uploads = &cms["volumes"]["uploads"];
    assert_eq!(uploads["path"], "/var/lib/cms/content");
    assert_eq!(uploads["efs"]["file_system_id"], "fs-0a1b2c3d4e5f60718");
    assert_eq!(uploads["efs"]["access_point"], "fsap-0a1b2c3d4e5f60718");
    assert_eq!(uploads["efs"]["iam"], true);
    assert!(
        uploads["efs"].get("root_directory").is_none(),
        "`/` is the default"
    );
    let resizer = &cms["containers"]["resizer"];
    assert_eq!(resizer["cpu"], 256);
    assert_eq!(resizer["memory"], 512);
    assert_eq!(resizer["memory_reservation"], 256);
    let sc = &cms["service_connect"];
    assert_eq!(
        sc["namespace"], "blog-internal",
        "the namespace resource's name"
    );
    assert_eq!(sc["port_name"], "cms-http");
    assert_eq!(sc["discovery_name"], "cms");
    assert_eq!(sc["client_aliases"][0]["port"], 80);
    assert_eq!(sc["client_aliases"][0]["dns_name"], "cms");
}

/// Issue 22: CloudFormation's own spellings (`EFSVolumeConfiguration`, `FilesystemId`) and a
/// service reached only through Service Connect (no load balancer): its named port comes in as
/// `service_connect.port`, not as a load-balanced `port`.
#[test]
fn a_cloudformation_service_connect_backend_with_efs_imports() {
    let (spec, stderr) = import_json("tests/fixtures/import/efs-connect-stack.yaml");
    assert!(stderr.contains("0 errors"), "{stderr}");
    let wiki = &spec["services"]["wiki"];
    assert!(wiki.get("port").is_none(), "no load balancer");
    assert_eq!(wiki["service_connect"]["port"], 3000);
    assert_eq!(wiki["service_connect"]["port_name"], "http");
    assert_eq!(wiki["service_connect"]["namespace"], "corp.local");
    assert_eq!(
        wiki["volumes"]["pages"]["efs"]["file_system_id"],
        "fs-0f1e2d3c4b5a69788"
    );
    assert_eq!(wiki["volumes"]["pages"]["efs"]["root_directory"], "/wiki");
    assert!(!stderr.contains("no load balancer is known"), "{stderr}");
}

/// Issue 22: terraform-aws-modules/ecs's own `volume` and `service_connect_configuration` inputs
/// (v5: `service` and `client_alias` as single objects), a literal `cluster_arn` as the app, and
/// every input akplan does not read in the "not mapped" list.
#[test]
fn a_modules_volume_and_service_connect_inputs_import() {
    let (spec, stderr) = import_json("tests/fixtures/import/terraform-ecs-module-connect");
    assert!(stderr.contains("0 errors"), "{stderr}");
    assert_eq!(spec["app"], "shop");
    let orders = &spec["services"]["orders"];
    assert!(orders.get("port").is_none(), "no load balancer");
    let sc = &orders["service_connect"];
    assert_eq!(sc["port"], 8080);
    assert_eq!(sc["namespace"], "shop.local");
    assert_eq!(sc["discovery_name"], "orders");
    assert_eq!(sc["client_aliases"][0]["port"], 80);
    let efs = &orders["volumes"]["receipts"]["efs"];
    assert_eq!(efs["file_system_id"], "fs-0badc0ffee0123456");
    assert_eq!(efs["access_point"], "fsap-0badc0ffee0123456");
    assert_eq!(efs["iam"], true);
    assert!(
        stderr.contains("module.order_service.security_group_rules"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("module.order_service.cluster_arn"),
        "{stderr}"
    );
}

/// Issue 22: a Copilot workspace (`akplan import DIR` over a directory with `copilot/`): every
/// service's manifest, the application's name from `.workspace`, `--env` applied where a service
/// overrides it (the others deploy their base), and an environment no manifest names refused.
#[test]
fn a_copilot_workspace_imports_every_service_with_its_environment() {
    let out = common::akplan(&[
        "import",
        "tests/fixtures/import/copilot-workspace",
        "--env",
        "prod",
        "--format",
        "json",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let spec: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(spec["app"], "bookshelf");
    let web = &spec["services"]["web"];
    assert_eq!(web["cpu"], 1024, "prod's override");
    assert_eq!(web["capacity"]["base_count"], 4);
    assert_eq!(web["port"], 3000);
    let jobs = &spec["services"]["jobs"];
    assert_eq!(jobs["cpu"], 256, "no prod override: the base");
    assert!(jobs["service_connect"].is_object());
    let out = common::akplan(&[
        "import",
        "tests/fixtures/import/copilot-workspace",
        "--env",
        "staging",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("no manifest has an environment `staging`"),
        "{stderr}"
    );
}

/// A CloudFormation stack that names neither its family, nor its service, nor its cluster (the
/// shape of many public Fargate templates): the service and the app take the load-balanced
/// container's name, not the resources' logical ids, and the target group's settings land on
/// that one service.
#[test]
fn an_unnamed_cloudformation_service_takes_its_containers_name() {
    let (spec, stderr) = import_json("tests/fixtures/import/unnamed-service-stack.yaml");
    assert!(stderr.contains("0 errors"), "{stderr}");
    assert_eq!(spec["app"], "ordersApi");
    let services = spec["services"].as_object().cloned().unwrap_or_default();
    assert_eq!(services.keys().collect::<Vec<_>>(), ["ordersApi"], "{spec}");
    let api = &spec["services"]["ordersApi"];
    assert_eq!(api["health_check"]["path"], "/api");
    assert_eq!(api["deployment"]["deregistration_delay"], 60);
    assert_eq!(api["cpu"], 512);
    assert_eq!(api["memory"], 4096);
}

/// Issue 22: a Terraform argument the spec has no field for is listed, never dropped (the
/// arguments akplan does not read reach the ECS mapping as the API's members).
#[test]
fn terraform_arguments_without_a_spec_field_are_listed() {
    let dir = common::scratch("import-tf-passthrough");
    std::fs::write(
        dir.join("main.tf"),
        r#"resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  pid_mode                 = "task"
  container_definitions = jsonencode([
    { name = "web", image = "public.ecr.aws/nginx/nginx:1.27", essential = true }
  ])
}

resource "aws_ecs_service" "web" {
  name                = "web"
  task_definition     = aws_ecs_task_definition.web.arn
  desired_count       = 2
  launch_type         = "FARGATE"
  scheduling_strategy = "REPLICA"
  wait_for_steady_state = true

  service_registries {
    registry_arn = "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-0123456789abcdef"
  }

  lifecycle {
    ignore_changes = [desired_count]
  }
}
"#,
    )
    .unwrap_or_default();
    let (_, stderr) = import_json(&dir.to_string_lossy());
    for listed in [
        "pidMode",
        "schedulingStrategy",
        "waitForSteadyState",
        "serviceRegistries",
    ] {
        assert!(stderr.contains(&format!("/{listed}")), "{listed}: {stderr}");
    }
    assert!(!stderr.contains("lifecycle"), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

/// A task definition whose container listens on a port, with no load balancer in the files:
/// the spec keeps the port and says there is none (`load_balancer: false`), so the plan bills
/// no load balancer and the emitted task definition maps the port.
#[test]
fn a_port_without_a_load_balancer_is_kept_and_said() {
    let (spec, stderr) =
        import_json("tests/fixtures/taskdefs/aws-actions_deploy-task-definition.json");
    assert!(stderr.contains("0 errors"), "{stderr}");
    let (name, svc) = spec["services"]
        .as_object()
        .and_then(|m| m.iter().next())
        .map(|(n, s)| (n.clone(), s.clone()))
        .unwrap_or_default();
    assert_eq!(svc["port"], 80, "{svc}");
    assert_eq!(svc["load_balancer"], false, "{svc}");
    let dir = common::scratch("import-port-no-lb");
    let file = dir.join("akplan.yaml");
    let out = akplan(&[
        "import",
        "tests/fixtures/taskdefs/aws-actions_deploy-task-definition.json",
        "-o",
        &file.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let plan = akplan(&["plan", "--format", "json", &file.to_string_lossy()]);
    let plan: serde_json::Value = serde_json::from_slice(&plan.stdout).unwrap_or_default();
    assert_eq!(plan["total"]["alb_monthly_usd"], 0.0, "{}", plan["total"]);
    assert!(plan.get("express").is_none());
    let emitted = dir.join("out");
    let out = akplan(&[
        "emit",
        "taskdef",
        &file.to_string_lossy(),
        "-o",
        &emitted.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let td: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(emitted.join(format!("taskdef/{name}.json"))).unwrap_or_default(),
    )
    .unwrap_or_default();
    assert_eq!(
        td.pointer("/containerDefinitions/0/portMappings/0/containerPort"),
        Some(&serde_json::json!(80)),
        "{td}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Terraform whose services come from modules akplan does not read is refused with the file,
/// the modules' sources and what to import instead.
#[test]
fn terraform_through_modules_akplan_does_not_read_is_refused_by_name() {
    let dir = common::scratch("import-unread-module");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.join("main.tf"),
        "module \"service\" {\n  source  = \"cloudposse/ecs-alb-service-task/aws\"\n  version = \"0.76.0\"\n  task_cpu = 512\n}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = akplan(&["import", &dir.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("main.tf has no `aws_ecs_task_definition`")
            && stderr.contains("cloudposse/ecs-alb-service-task/aws")
            && stderr.contains("describe-task-definition"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(dir);
}
