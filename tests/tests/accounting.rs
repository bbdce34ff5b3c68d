//! Issue 22's round trip on real-world-shaped files: a task definition imported into a spec and
//! emitted again keeps every value the spec holds, and lists every other one as not mapped.
//! Nothing is silently lost.

mod common;

use std::path::PathBuf;

use akplan_core::{Assumptions, Format, Prices, Source, Target, check_spec, emit, import, plan};
use serde_json::Value;

/// The JSON task definitions among the fixtures (real-world shapes and the collected ones).
fn task_definitions() -> Vec<PathBuf> {
    let mut out = Vec::new();
    // The valid ones: a file AWS rejects (`bad-*`) has no round trip to keep.
    for dir in ["real-world", "taskdefs", "import"] {
        let Ok(entries) = std::fs::read_dir(common::fixtures(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let bad = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("bad-"));
            if p.extension().is_some_and(|x| x == "json") && !bad {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// What `describe-task-definition` adds and registration ignores (the API's read-only members).
const READ_ONLY: [&str; 9] = [
    "taskDefinitionArn",
    "revision",
    "status",
    "requiresAttributes",
    "compatibilities",
    "registeredAt",
    "registeredBy",
    "deregisteredAt",
    "enableFaultInjection",
];

/// The task definition as the API takes it: read-only members, `null`s (absent, as a console
/// export writes them) and a `hostPort` equal to its `containerPort` (what `awsvpc` means by
/// leaving it out) removed.
fn normalised(td: &Value) -> Value {
    fn strip(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut out: serde_json::Map<String, Value> = m
                    .iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| (k.clone(), strip(v)))
                    .collect();
                if out.get("hostPort").is_some() && out.get("hostPort") == out.get("containerPort")
                {
                    out.remove("hostPort");
                }
                // EFS's root directory defaults to `/` (`EFSVolumeConfiguration`).
                if out.get("rootDirectory").and_then(Value::as_str) == Some("/") {
                    out.remove("rootDirectory");
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(items.iter().map(strip).collect()),
            other => other.clone(),
        }
    }
    let mut out = strip(td);
    if let Value::Object(m) = &mut out {
        for k in READ_ONLY {
            m.remove(k);
        }
    }
    out
}

/// The pointers the import's "not mapped" list names in file `name` (`<file> <pointer>: why`).
fn listed_in(unmapped: &[String], name: &str) -> Vec<String> {
    unmapped
        .iter()
        .filter_map(|u| u.strip_prefix(&format!("{name} ")))
        .filter_map(|u| u.split(':').next())
        .map(str::to_owned)
        .collect()
}

/// Every leaf of `v` with its JSON pointer.
fn leaves(v: &Value, at: String, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, v)| {
            leaves(
                v,
                format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                out,
            );
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| leaves(v, format!("{at}/{i}"), out)),
        other => out.push((at, other.clone())),
    }
}

/// Equal as the API reads them: a number and its string, an SSM parameter's name and its ARN,
/// or a cluster's ARN and its name.
fn same(original: &Value, emitted: &Value) -> bool {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let (o, e) = (text(original), text(emitted));
    o == e
        || (o.starts_with("arn:aws:ecs:") && o.ends_with(&format!(":cluster/{e}")))
        || (!o.starts_with("arn:")
            && e.starts_with("arn:aws:ssm:")
            && e.ends_with(&format!(
                ":parameter{}",
                if o.starts_with('/') {
                    o.clone()
                } else {
                    format!("/{o}")
                }
            )))
}

/// Where an original member sits in the emitted task definition: containers are matched by
/// name (the main one, renamed after the service, goes first), `requiresCompatibilities` as a set.
fn emitted_at(pointer: &str, original: &Value, emitted: &Value) -> Option<Value> {
    let parts: Vec<&str> = pointer.split('/').collect();
    if let ["", "requiresCompatibilities", _] = parts[..] {
        let value = original.pointer(pointer)?;
        return emitted["requiresCompatibilities"]
            .as_array()?
            .iter()
            .find(|v| *v == value)
            .cloned();
    }
    if let ["", "containerDefinitions", i, rest @ ..] = &parts[..] {
        let i: usize = i.parse().ok()?;
        let list = emitted["containerDefinitions"].as_array()?;
        let originals = original["containerDefinitions"].as_array()?;
        // A container whose name a template gives by `!Ref` is matched only when it is the only one.
        let name = match original["containerDefinitions"][i]["name"].as_str() {
            Some(n) => n,
            None if originals.len() == 1 => "",
            None => return None,
        };
        let single = originals.len() == 1 && name.is_empty();
        let j = list.iter().position(|c| c["name"] == name).or_else(|| {
            if single {
                return Some(0);
            }
            // The renamed main container: the one original name the emitted list lacks.
            let missing: Vec<usize> = original["containerDefinitions"]
                .as_array()?
                .iter()
                .enumerate()
                .filter(|(_, c)| !list.iter().any(|e| e["name"] == c["name"]))
                .map(|(k, _)| k)
                .collect();
            (missing == [i]).then_some(0)
        })?;
        let rest = rest.join("/");
        return emitted
            .pointer(&format!("/containerDefinitions/{j}/{rest}"))
            .cloned();
    }
    emitted.pointer(pointer).cloned()
}

#[test]
fn imported_task_definitions_keep_or_list_every_value() {
    let mut report = Vec::new();
    let mut checked = 0;
    for path in task_definitions() {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let Ok(original) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let td = normalised(original.get("taskDefinition").unwrap_or(&original));
        if td.get("containerDefinitions").is_none() {
            continue;
        }
        let name = path.to_string_lossy().into_owned();
        let Ok(imported) = import(
            &[Source {
                name: &name,
                text: &text,
            }],
            None,
        ) else {
            continue;
        };
        let Some(app) = check_spec(&imported.yaml, Format::Yaml).model else {
            continue;
        };
        checked += 1;
        let p = plan(&app, Assumptions::default(), &Prices::builtin(&app.region));
        let emitted: Value = emit(&app, &p, &[Target::TaskDef])
            .first()
            .and_then(|a| serde_json::from_str(&a.contents).ok())
            .unwrap_or_default();
        let root = if original.get("taskDefinition").is_some() {
            "/taskDefinition"
        } else {
            ""
        };
        let listed: Vec<String> = listed_in(&imported.unmapped, &name)
            .into_iter()
            .map(|p| p.strip_prefix(root).map_or(p.clone(), str::to_owned))
            .collect();
        let mut all = Vec::new();
        leaves(&td, String::new(), &mut all);
        for (pointer, value) in all {
            let found = emitted_at(&pointer, &td, &emitted);
            let kept = found.as_ref().is_some_and(|e| same(&value, e));
            let said = listed
                .iter()
                .any(|l| pointer == *l || pointer.starts_with(&format!("{l}/")));
            if !kept && !said {
                report.push(format!(
                    "{}: {pointer} = {value} (emitted: {})",
                    path.file_name()
                        .map(|n| n.to_string_lossy())
                        .unwrap_or_default(),
                    found.map_or("none".to_owned(), |v| v.to_string())
                ));
            }
        }
    }
    assert!(checked > 20, "{checked} task definitions imported");
    assert!(
        report.is_empty(),
        "{} values neither kept nor listed:\n{}",
        report.len(),
        report.join("\n")
    );
}

/// Every leaf of `original` that `emitted` does not hold and `listed` does not name.
fn unaccounted(original: &Value, emitted: &Value, listed: &[String]) -> Vec<String> {
    let mut all = Vec::new();
    leaves(original, String::new(), &mut all);
    all.into_iter()
        .filter(|(pointer, value)| {
            let found = emitted_at(pointer, original, emitted);
            let kept = found.as_ref().is_some_and(|e| same(value, e));
            let said = listed
                .iter()
                .any(|l| pointer == l || pointer.starts_with(&format!("{l}/")));
            !kept && !said
        })
        .map(|(pointer, value)| format!("{pointer} = {value}"))
        .collect()
}

/// A service definition with its task definition: both come back, or are listed.
#[test]
fn an_imported_service_and_task_definition_keep_or_list_every_value() {
    let dir = common::fixtures("import/service-pair");
    let read = |f: &str| {
        let path = dir.join(f);
        (
            path.to_string_lossy().into_owned(),
            std::fs::read_to_string(&path).unwrap_or_default(),
        )
    };
    let (td_name, td_text) = read("taskdef.json");
    let (svc_name, svc_text) = read("service.json");
    let imported = import(
        &[
            Source {
                name: &td_name,
                text: &td_text,
            },
            Source {
                name: &svc_name,
                text: &svc_text,
            },
        ],
        None,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let app = check_spec(&imported.yaml, Format::Yaml)
        .model
        .unwrap_or_else(|| panic!("{}", imported.yaml));
    let p = plan(&app, Assumptions::default(), &Prices::builtin(&app.region));
    let emitted = emit(&app, &p, &[Target::TaskDef, Target::Service]);
    let json = |prefix: &str| -> Value {
        emitted
            .iter()
            .find(|a| a.path.starts_with(prefix))
            .and_then(|a| serde_json::from_str(&a.contents).ok())
            .unwrap_or_default()
    };
    let listed = |name: &str| listed_in(&imported.unmapped, name);
    let td: Value = normalised(&serde_json::from_str(&td_text).unwrap_or_default());
    let svc: Value = normalised(&serde_json::from_str(&svc_text).unwrap_or_default());
    let mut report = unaccounted(&td, &json("taskdef/"), &listed(&td_name));
    report.extend(unaccounted(&svc, &json("service/"), &listed(&svc_name)));
    assert!(
        report.is_empty(),
        "neither kept nor listed:\n{}",
        report.join("\n")
    );
}

/// A CloudFormation property name as the API's member (`EFSVolumeConfiguration` →
/// `efsVolumeConfiguration`, `FilesystemId` → `fileSystemId`, `IAM` → `iam`).
fn api_member(key: &str) -> String {
    match key {
        "EFSVolumeConfiguration" => "efsVolumeConfiguration".to_owned(),
        "FilesystemId" => "fileSystemId".to_owned(),
        "IAM" => "iam".to_owned(),
        _ => {
            let mut c = key.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_lowercase().chain(c).collect())
        }
    }
}

/// Members the API takes one value for (a list there is a YAML short-form intrinsic).
const SCALARS: [&str; 8] = [
    "image",
    "cpu",
    "memory",
    "value",
    "name",
    "family",
    "valueFrom",
    "networkMode",
];

/// The literal leaves of a CloudFormation value with their API pointers; a value an intrinsic
/// function gives (`Ref`, `Fn::*`, or a short form read as a bare string naming a parameter)
/// is left to the tests of resolution.
fn literal_leaves(v: &Value, at: String, params: &[String], out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) if m.keys().any(|k| k == "Ref" || k.starts_with("Fn::")) => {}
        Value::Object(m) => {
            for (k, v) in m {
                literal_leaves(v, format!("{at}/{}", api_member(k)), params, out);
            }
        }
        // A short form (`!Join [...]`, `!If [...]`, `!Sub [...]`) reads as a list where the API
        // takes one value: an intrinsic, left to the tests of resolution.
        Value::Array(_) if SCALARS.iter().any(|m| at.ends_with(&format!("/{m}"))) => {}
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                literal_leaves(v, format!("{at}/{i}"), params, out);
            }
        }
        Value::String(s) if params.contains(s) || s.contains("${") || s.starts_with("AWS::") => {}
        Value::Null => {}
        other => out.push((at, other.clone())),
    }
}

/// CloudFormation templates: every literal property of a task definition comes back in the
/// emitted task definition or is listed (the same accounting as the ECS files above).
#[test]
fn imported_cloudformation_task_definitions_keep_or_list_every_literal() {
    let dir = common::fixtures("import");
    let mut report = Vec::new();
    let mut checked = 0;
    for file in [
        "orders-stack.yaml",
        "parameterised-service.yaml",
        "conditional-service.yaml",
        "efs-connect-stack.yaml",
    ] {
        let path = dir.join(file);
        let name = path.to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let Ok((doc, _)) = akplan_core::Document::parse(&text, Format::Yaml) else {
            panic!("{file} does not parse");
        };
        let template = doc.to_json();
        let params: Vec<String> = template["Parameters"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        let imported = import(
            &[Source {
                name: &name,
                text: &text,
            }],
            None,
        )
        .unwrap_or_else(|e| panic!("{file}: {e}"));
        let Some(app) = check_spec(&imported.yaml, Format::Yaml).model else {
            panic!("{file}: {}", imported.yaml);
        };
        let p = plan(&app, Assumptions::default(), &Prices::builtin(&app.region));
        let emitted: Value = emit(&app, &p, &[Target::TaskDef])
            .first()
            .and_then(|a| serde_json::from_str(&a.contents).ok())
            .unwrap_or_default();
        for (id, resource) in template["Resources"].as_object().into_iter().flatten() {
            if resource["Type"] != "AWS::ECS::TaskDefinition" {
                continue;
            }
            checked += 1;
            let root = format!("/Resources/{id}/Properties");
            let listed: Vec<String> = listed_in(&imported.unmapped, &name)
                .iter()
                .filter_map(|p| p.strip_prefix(&root))
                .map(str::to_owned)
                .collect();
            let mut leaves = Vec::new();
            literal_leaves(&resource["Properties"], String::new(), &params, &mut leaves);
            // The API view of the literals, for matching containers by name.
            let mut view = serde_json::json!({});
            for (pointer, value) in &leaves {
                set_at(&mut view, pointer, value.clone());
            }
            let view = normalised(&view);
            let mut kept_leaves = Vec::new();
            leaves_of(&view, &mut kept_leaves);
            for (pointer, value) in kept_leaves {
                let found = emitted_at(&pointer, &view, &emitted);
                let kept = found.as_ref().is_some_and(|e| same(&value, e));
                let said = listed
                    .iter()
                    .any(|l| pointer == *l || pointer.starts_with(&format!("{l}/")));
                if !kept && !said {
                    report.push(format!(
                        "{file} {id}: {pointer} = {value} (emitted: {})",
                        found.map_or("none".to_owned(), |v| v.to_string())
                    ));
                }
            }
        }
    }
    assert!(checked >= 4, "{checked} task definitions");
    assert!(
        report.is_empty(),
        "{} literals neither kept nor listed:\n{}",
        report.len(),
        report.join("\n")
    );
}

fn leaves_of(v: &Value, out: &mut Vec<(String, Value)>) {
    leaves(v, String::new(), out);
}

/// Sets `value` at a JSON pointer, creating objects and arrays on the way.
fn set_at(root: &mut Value, pointer: &str, value: Value) {
    let mut node = root;
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    for (i, t) in tokens.iter().enumerate() {
        let last = i + 1 == tokens.len();
        let next_is_index = tokens
            .get(i + 1)
            .is_some_and(|n| n.parse::<usize>().is_ok());
        let fresh = || {
            if next_is_index {
                Value::Array(Vec::new())
            } else {
                serde_json::json!({})
            }
        };
        node = match t.parse::<usize>() {
            Ok(index) if node.is_array() => {
                let items = node.as_array_mut().unwrap_or_else(|| unreachable!());
                while items.len() <= index {
                    items.push(Value::Null);
                }
                if last {
                    items[index] = value;
                    return;
                }
                if items[index].is_null() {
                    items[index] = fresh();
                }
                &mut items[index]
            }
            _ => {
                let Some(map) = node.as_object_mut() else {
                    return;
                };
                if last {
                    map.insert((*t).to_owned(), value);
                    return;
                }
                map.entry((*t).to_owned()).or_insert_with(fresh)
            }
        };
    }
}

/// Every key of a YAML mapping tree as a dotted path (`http.healthcheck`), lists by index
/// (`sidecars.nginx.port`; list items as `key[i]`).
fn dotted(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, v) in m {
                let key = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                dotted(v, key, out);
            }
        }
        Value::Array(items) if items.iter().any(|i| i.is_object()) => {
            for (i, v) in items.iter().enumerate() {
                dotted(v, format!("{at}[{i}]"), out);
            }
        }
        _ => out.push(at),
    }
}

/// Copilot manifests: every key is used by the spec (a value's comment names it) or listed as
/// not mapped; none is dropped silently.
#[test]
fn imported_copilot_manifests_use_or_list_every_key() {
    let dir = common::fixtures("copilot");
    let mut report = Vec::new();
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "yml") {
            continue;
        }
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let env = file
            .split(".env-")
            .nth(1)
            .and_then(|r| r.split('.').next())
            .map(str::to_owned);
        let name = path.to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let Ok(imported) = import(
            &[Source {
                name: &name,
                text: &text,
            }],
            env.as_deref(),
        ) else {
            continue;
        };
        checked += 1;
        let Ok((doc, _)) = akplan_core::Document::parse(&text, Format::Yaml) else {
            continue;
        };
        let manifest = doc.to_json();
        let mut keys = Vec::new();
        dotted(&manifest, String::new(), &mut keys);
        // What the environment overrides is read from there.
        let mut overridden = Vec::new();
        if let Some(env) = &env {
            dotted(
                &manifest["environments"][env],
                String::new(),
                &mut overridden,
            );
        }
        let marker = format!("{name} ");
        let used: Vec<String> = imported
            .yaml
            .lines()
            .filter_map(|l| l.split_once(&format!("from {marker}")).map(|(_, r)| r))
            .chain(
                imported
                    .unmapped
                    .iter()
                    .filter_map(|u| u.strip_prefix(&marker)),
            )
            .map(|r| r.split([' ', ':']).next().unwrap_or_default().to_owned())
            .collect();
        for key in keys {
            // `environments.<env>` is applied with `--env`; the others are other deployments.
            // `type` decides which of the rest is read; `http.path: /` is how akplan routes a
            // first service already.
            if key.starts_with("environments.")
                || key == "type"
                || (key == "http.path" && manifest["http"]["path"] == "/")
                || overridden
                    .iter()
                    .any(|o| *o == key || o.starts_with(&format!("{key}.")))
            {
                continue;
            }
            let said = used.iter().any(|u| {
                key == *u || key.starts_with(&format!("{u}.")) || key.starts_with(&format!("{u}["))
            });
            if !said {
                report.push(format!("{file}: {key}"));
            }
        }
    }
    assert!(checked >= 12, "{checked} manifests");
    assert!(
        report.is_empty(),
        "{} keys neither used nor listed:\n{}",
        report.len(),
        report.join("\n")
    );
}

/// Every file under `dir`, as (name, text), in name order.
fn files_under(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files_under(&p, out);
        } else {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            out.push((p.to_string_lossy().into_owned(), text));
        }
    }
}

/// Terraform: each `aws_ecs_task_definition`, `aws_ecs_service` and terraform-aws-modules/ecs
/// input, read as the ECS API's definition, comes back in the emitted JSON or is listed.
#[test]
fn imported_terraform_keeps_or_lists_every_value() {
    let mut report = Vec::new();
    let mut checked = 0;
    let Ok(dirs) = std::fs::read_dir(common::fixtures("import")) else {
        panic!("no import fixtures");
    };
    let mut dirs: Vec<PathBuf> = dirs
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("terraform-"))
        })
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut files = Vec::new();
        files_under(&dir, &mut files);
        // Templates (`*.tpl`) are what `file()` and `templatefile()` read, as the CLI gives them.
        let (templates, files): (Vec<_>, Vec<_>) = files
            .into_iter()
            .partition(|(name, _)| name.ends_with(".tpl"));
        let sources: Vec<Source<'_>> = files
            .iter()
            .map(|(name, text)| Source { name, text })
            .collect();
        let options = akplan_core::ImportOptions {
            templates,
            ..akplan_core::ImportOptions::default()
        };
        let imported = akplan_core::import_with(&sources, &options)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let Some(app) = check_spec(&imported.yaml, Format::Yaml).model else {
            panic!("{}: not a valid spec:\n{}", dir.display(), imported.yaml);
        };
        let p = plan(&app, Assumptions::default(), &Prices::builtin(&app.region));
        let emitted: Vec<Value> = emit(&app, &p, &[Target::TaskDef, Target::Service])
            .iter()
            .filter_map(|a| serde_json::from_str(&a.contents).ok())
            .collect();
        for (file, root, view) in &imported.ecs_views {
            let view = normalised(view);
            let is_task = view.get("containerDefinitions").is_some();
            let image = |v: &Value| v.pointer("/containerDefinitions/0/image").cloned();
            let candidates: Vec<&Value> = emitted
                .iter()
                .filter(|e| e.get("containerDefinitions").is_some() == is_task)
                .collect();
            let found = if is_task {
                candidates
                    .iter()
                    .find(|e| image(e) == image(&view) && image(&view).is_some())
            } else {
                candidates
                    .iter()
                    .find(|e| e.get("serviceName") == view.get("serviceName"))
            }
            .or(if candidates.len() == 1 {
                candidates.first()
            } else {
                None
            });
            let Some(out) = found else {
                report.push(format!("{file} {root}: no emitted definition matches"));
                continue;
            };
            checked += 1;
            let listed: Vec<String> = listed_in(&imported.unmapped, file)
                .into_iter()
                .filter_map(|p| p.strip_prefix(root.as_str()).map(str::to_owned))
                .collect();
            report.extend(
                unaccounted(&view, out, &listed)
                    .into_iter()
                    .map(|u| format!("{file} {root}{u}")),
            );
        }
    }
    assert!(checked >= 10, "{checked} Terraform definitions compared");
    assert!(
        report.is_empty(),
        "{} values neither kept nor listed:\n{}",
        report.len(),
        report.join("\n")
    );
}
