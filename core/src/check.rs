//! The validation pipeline: text → document → structure → resolved spec → ECS rules → the
//! validated [`App`] model.
//!
//! Every stage reports what it finds and the next runs wherever it still can, so a user sees
//! every problem at once.

use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, Finding};
use crate::document::{Document, Format};
use crate::lines::{Lines, Span};
use crate::model::{self, App};
use crate::pointer::Pointer;
use crate::spec::{self, raw::RawSpec};
use crate::taskdef::ForcedLaunch;
use crate::{rules, schema, servicedef, taskdef};

/// What a file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// An akplan spec.
    Spec,
    /// An ECS task definition.
    TaskDefinition,
    /// An ECS service definition (`create-service` / `update-service` input).
    ServiceDefinition,
    /// An ECS Express Mode service (`create-express-gateway-service` input).
    ExpressService,
    /// A CloudFormation template with `AWS::ECS::ExpressGatewayService` resources (only those
    /// resources are checked).
    #[serde(rename = "cloudformation-express")]
    CloudFormationExpress,
    /// Terraform with `aws_ecs_express_gateway_service` resources (only those are checked).
    TerraformExpress,
    /// A bare list of ECS container definitions (`--container-definitions file://...`, or the
    /// JSON a Terraform task definition reads with `file()`).
    ContainerDefinitions,
    /// Unreadable, or neither of the above.
    Unknown,
}

/// The result of checking one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// What the file is.
    pub kind: FileKind,
    /// Every problem, in file order, each with its position.
    pub diagnostics: Vec<Diagnostic>,
    /// The validated model, when the file is a spec, or a Fargate task definition, without
    /// errors.
    pub model: Option<App>,
    /// The names of the spec's services as written, with errors or without (for comparisons of
    /// a version that does not plan).
    pub service_names: Vec<String>,
}

impl Checked {
    /// Whether any diagnostic is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// How to check a file, beyond its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// Check it as this kind whatever it looks like (akplan's own file names are specs).
    pub kind: Option<FileKind>,
    /// Hold task definitions to this launch type's rules whatever they declare.
    pub launch: Option<ForcedLaunch>,
}

/// Checks a spec, task definition or service definition, recognising which it is.
#[must_use]
pub fn check(text: &str, format: Format) -> Checked {
    check_with(text, format, CheckOptions::default())
}

/// Checks `text` as an akplan spec, whatever it looks like.
#[must_use]
pub fn check_spec(text: &str, format: Format) -> Checked {
    check_with(
        text,
        format,
        CheckOptions {
            kind: Some(FileKind::Spec),
            launch: None,
        },
    )
}

/// Checks `text` with `options`.
#[must_use]
pub fn check_with(text: &str, format: Format, options: CheckOptions) -> Checked {
    let force = options.kind;
    let lines = Lines::new(text);
    let finish = |kind, mut diagnostics: Vec<Diagnostic>, model, service_names| {
        for d in &mut diagnostics {
            d.span = Span::new(d.span.start.min(text.len()), d.span.end.min(text.len()));
            d.locate(&lines);
        }
        if format == Format::Yaml {
            crate::suppress::apply(text, &mut diagnostics);
        }
        diagnostics.sort_by(|a: &Diagnostic, b: &Diagnostic| {
            (a.span.start, a.code).cmp(&(b.span.start, b.code))
        });
        diagnostics.dedup();
        Checked {
            kind,
            diagnostics,
            model,
            service_names,
        }
    };
    let (doc, mut diagnostics) = match Document::parse(text, format) {
        Ok(ok) => ok,
        Err(errors) => {
            return finish(force.unwrap_or(FileKind::Unknown), errors, None, Vec::new());
        }
    };
    let json = doc.to_json();
    let taskdef_root = taskdef::detect(&json);
    let kind = force.unwrap_or(match (&taskdef_root, looks_like_spec(&json)) {
        (Some(_), _) => FileKind::TaskDefinition,
        (None, true) => FileKind::Spec,
        (None, false) if crate::expressdef::detect(&json) => FileKind::ExpressService,
        (None, false) if crate::expressdef::cfn::detect(&json) => FileKind::CloudFormationExpress,
        (None, false) if servicedef::detect(&json) => FileKind::ServiceDefinition,
        (None, false) if taskdef::is_container_list(&json) => FileKind::ContainerDefinitions,
        (None, false) => FileKind::Unknown,
    });
    let locate = |f: Finding, at_key: bool| {
        let span = if at_key {
            doc.key_span_of(&f.path)
        } else {
            doc.span_of(&f.path)
        };
        f.at(span)
    };
    let mut model = None;
    match kind {
        FileKind::Unknown => diagnostics.push(locate(
            Finding::new(
                Code::NotRecognised,
                &Pointer::root(),
                "this file is neither an akplan spec nor an ECS task, container, service or Express service definition",
                "an akplan spec starts with `version: 1`; a task definition has `containerDefinitions`; a list of container definitions is an array of objects with `name` and `image`; a service definition has `serviceName` and `desiredCount`; an Express service input has `infrastructureRoleArn` and `primaryContainer`",
            ),
            false,
        )),
        FileKind::TaskDefinition => {
            let root = taskdef_root.unwrap_or_default();
            let (findings, task_model) = taskdef::check(&json, &root, options.launch);
            diagnostics.extend(findings.into_iter().map(|(f, k)| locate(f, k)));
            model = task_model;
        }
        FileKind::ContainerDefinitions => {
            let findings = taskdef::check_containers(&json, options.launch);
            diagnostics.extend(findings.into_iter().map(|(f, k)| locate(f, k)));
        }
        FileKind::ServiceDefinition => {
            let findings = servicedef::check(&json);
            diagnostics.extend(findings.into_iter().map(|(f, k)| locate(f, k)));
        }
        FileKind::ExpressService => {
            let findings = crate::expressdef::check(&json);
            diagnostics.extend(findings.into_iter().map(|(f, k)| locate(f, k)));
        }
        FileKind::CloudFormationExpress => {
            let findings = crate::expressdef::cfn::check(&json);
            diagnostics.extend(findings.into_iter().map(|(f, k)| locate(f, k)));
        }
        // Only `check_terraform` gives this kind; YAML or JSON text forced to it has none.
        FileKind::TerraformExpress => {}
        FileKind::Spec => {
            let (findings, spec_model) = check_spec_json(&json);
            diagnostics.extend(findings.into_iter().map(|(f, at_key)| locate(f, at_key)));
            model = spec_model;
        }
    }
    let model = model.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    let service_names = match kind {
        FileKind::Spec => json
            .get("services")
            .and_then(serde_json::Value::as_object)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    finish(kind, diagnostics, model, service_names)
}

/// Checks the `aws_ecs_express_gateway_service` resources of a Terraform file (`.tf`) by the
/// Express rules; a file without one is [`FileKind::Unknown`] with nothing to say (`akplan
/// import` reads the rest of a module).
#[cfg(feature = "terraform")]
#[must_use]
pub fn check_terraform(text: &str) -> Checked {
    let Some(mut diagnostics) = crate::expressdef::terraform::check(text) else {
        return Checked {
            kind: FileKind::Unknown,
            diagnostics: Vec::new(),
            model: None,
            service_names: Vec::new(),
        };
    };
    let lines = Lines::new(text);
    for d in &mut diagnostics {
        d.locate(&lines);
    }
    diagnostics.sort_by_key(|d| (d.span.start, d.code));
    diagnostics.dedup();
    Checked {
        kind: FileKind::TerraformExpress,
        diagnostics,
        model: None,
        service_names: Vec::new(),
    }
}

/// `version: 1` with `app` and `services`: specific enough that a docker-compose file
/// (`version: "3.8"`, `services:`) found while walking a repository is not mistaken for a spec.
/// Files with akplan's own names are checked as specs whatever they hold ([`check_spec`]).
fn looks_like_spec(json: &serde_json::Value) -> bool {
    json.get("version").and_then(serde_json::Value::as_u64) == Some(1)
        && json.get("app").is_some()
        && json.get("services").is_some()
}

/// Structure first; services with structural errors are left out of the ECS rules, and an error
/// outside the services stops there (nothing else can be trusted).
fn check_spec_json(json: &serde_json::Value) -> (Vec<(Finding, bool)>, Option<App>) {
    let structural = schema::validate(json);
    let services = Pointer::root().join("services");
    let blocking = || structural.iter().filter(|s| !s.unknown_field);
    let broken_services: Vec<String> = blocking()
        .filter_map(|s| {
            let p = &s.finding.path;
            p.starts_with(&services)
                .then(|| p.tokens().nth(1).map(str::to_owned))
                .flatten()
        })
        .collect();
    let app_level = blocking()
        .any(|s| !s.finding.path.starts_with(&services) || s.finding.path.tokens().count() < 2);
    let mut pruned = json.clone();
    for s in structural.iter().filter(|s| s.unknown_field) {
        remove(&mut pruned, &s.finding.path);
    }
    let mut out: Vec<(Finding, bool)> = structural
        .into_iter()
        .map(|s| (s.finding, s.at_key))
        .collect();
    if app_level {
        return (out, None);
    }
    if let Some(map) = pruned.get_mut("services").and_then(|s| s.as_object_mut()) {
        map.retain(|name, _| !broken_services.contains(name));
    }
    let raw: RawSpec = match serde_json::from_value(pruned) {
        Ok(raw) => raw,
        Err(err) => {
            out.push((
                Finding::new(
                    Code::Schema,
                    &Pointer::root(),
                    format!("the spec's structure is not readable: {err}"),
                    "see `akplan schema` for the expected structure",
                ),
                false,
            ));
            return (out, None);
        }
    };
    let (spec, findings) = spec::resolve(&raw);
    out.extend(findings.into_iter().map(|f| (f, false)));
    out.extend(rules::check_spec(&spec).into_iter().map(|f| (f, false)));
    let complete = broken_services.is_empty();
    let model = complete.then(|| model::from_spec(&spec)).flatten();
    (out, model)
}

/// Removes the value at `path` (an unknown field) from `json`.
fn remove(json: &mut serde_json::Value, path: &Pointer) {
    let (Some(parent), Some(last)) = (path.parent(), path.last()) else {
        return;
    };
    let mut node = json;
    for token in parent.tokens() {
        let next = match node {
            serde_json::Value::Object(map) => map.get_mut(token),
            serde_json::Value::Array(items) => {
                token.parse::<usize>().ok().and_then(|i| items.get_mut(i))
            }
            _ => None,
        };
        let Some(next) = next else { return };
        node = next;
    }
    if let serde_json::Value::Object(map) = node {
        map.shift_remove(last);
    }
}

/// The resolved spec of a valid `text`, for rule tests that need the rules' own view of it.
#[cfg(test)]
pub(crate) fn resolved_spec(text: &str) -> Option<crate::spec::Spec> {
    let (doc, _) = Document::parse(text, Format::Yaml).ok()?;
    let raw: RawSpec = serde_json::from_value(doc.to_json()).ok()?;
    Some(spec::resolve(&raw).0)
}

/// The task definition family an Express service input names with `taskDefinitionArn`, if
/// `text` is such an input: the CLI pairs it with the task definition files of the same run.
#[must_use]
pub fn express_task_family(text: &str, format: Format) -> Option<String> {
    let (doc, _) = Document::parse(text, format).ok()?;
    let json = doc.to_json();
    crate::expressdef::detect(&json)
        .then(|| crate::expressdef::named_family(&json))
        .flatten()
}

/// The task definition in `text` as Express will run it (`taskDefinitionArn`): its family, and
/// the diagnostics of what Express needs (AKP130), located in `text`. `None` when `text` is not
/// a task definition.
#[must_use]
pub fn check_for_express(text: &str, format: Format) -> Option<(String, Vec<Diagnostic>)> {
    let (doc, _) = Document::parse(text, format).ok()?;
    let json = doc.to_json();
    let root = taskdef::detect(&json)?;
    let td = json.pointer(&root.to_string())?;
    let family = td
        .get("family")
        .and_then(serde_json::Value::as_str)?
        .to_owned();
    let lines = Lines::new(text);
    let diagnostics = crate::expressdef::task_for_express(td, &root)
        .into_iter()
        .map(|f| {
            let mut d = f.clone().at(doc.span_of(&f.path));
            d.locate(&lines);
            d
        })
        .collect();
    Some((family, diagnostics))
}

/// The members the ECS API accepts at `path` of a file of `kind` (task, service or Express
/// definition; `/containerDefinitions/0` style): what an editor offers to complete a key.
/// Empty for other kinds.
#[must_use]
pub fn api_members(kind: FileKind, path: &crate::pointer::Pointer) -> Vec<String> {
    use crate::ecs_api::Operation;
    let operation = match kind {
        FileKind::TaskDefinition => Operation::RegisterTaskDefinition,
        FileKind::ServiceDefinition => Operation::CreateService,
        FileKind::ExpressService => Operation::CreateExpressGatewayService,
        _ => return Vec::new(),
    };
    let tokens: Vec<&str> = path.tokens().collect();
    crate::ecs_api::members_at(operation, &tokens)
}
