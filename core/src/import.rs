//! `akplan import`: specs from the files teams already have. Reads ECS task definitions (plain
//! or `describe-task-definition` output) with their service definitions (`CreateService` input
//! or `describe-services` output), CloudFormation templates and AWS Copilot manifests; writes a spec in which every value
//! says where it came from and everything that could not be mapped is listed. Nothing is
//! dropped silently.

mod cloudformation;
mod copilot;
mod draft;
mod ecs;
mod express;
#[cfg(feature = "terraform")]
pub(crate) mod terraform;
#[cfg(feature = "terraform")]
mod tf_ecs_module;

use serde_json::{Map, Value};

use crate::document::{Document, Format};
use crate::pointer::Pointer;
use crate::{servicedef, taskdef};
use draft::Draft;
use ecs::EcsFile;

/// `text` with each `${name}` replaced by what `lookup` says for `name` (trimmed), or left as
/// written when it says nothing: CloudFormation's `Fn::Sub` and Terraform's string templates.
fn interpolate(text: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        match lookup(after[..end].trim()) {
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[start..start + 2 + end + 1]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// A file to import.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// Its name, as origins and messages show it.
    pub name: &'a str,
    /// Its text.
    pub text: &'a str,
}

/// What a file was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// An ECS task definition.
    TaskDefinition,
    /// An ECS service definition.
    ServiceDefinition,
    /// An AWS Copilot manifest.
    CopilotManifest,
    /// A CloudFormation template (`cdk synth` output included).
    CloudFormation,
    /// Terraform (the AWS provider).
    Terraform,
    /// A bare list of container definitions, read by a Terraform task definition's
    /// `container_definitions = file("...")` (given beside the `.tf` files).
    ContainerDefinitions,
    /// An ECS Express Mode service (`create-express-gateway-service` input).
    ExpressService,
}

/// The imported spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The spec, as commented YAML.
    pub yaml: String,
    /// What could not be mapped, one line each (`file pointer: why`).
    pub unmapped: Vec<String>,
    /// What each file was recognised as.
    pub kinds: Vec<(String, SourceKind)>,
    /// The ECS API definitions a Terraform import read its resources and module inputs as
    /// (`file`, pointer of the definition in it, the definition): what the accounting tests
    /// compare the emitted JSON with.
    #[doc(hidden)]
    pub ecs_views: Vec<(String, String, Value)>,
}

/// Imports `sources` into one spec; `env` applies a Copilot manifest's `environments.<env>`.
///
/// # Errors
/// Nothing importable: a file that does not parse, is none of the kinds above, or is a Copilot
/// type that is not an ECS service (the message says what it maps to).
pub fn import(sources: &[Source<'_>], env: Option<&str>) -> Result<Imported, String> {
    import_with(
        sources,
        &ImportOptions {
            env,
            ..ImportOptions::default()
        },
    )
}

/// What an import is told beside its files.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions<'a> {
    /// The Copilot environment whose overrides apply (`--env`).
    pub env: Option<&'a str>,
    /// CloudFormation parameter values over their defaults (`--parameter Key=Value`, like
    /// `aws cloudformation deploy --parameter-overrides`).
    pub parameters: Map<String, Value>,
    /// The Region the files deploy to when a file beside them says it (ecspresso.yml's
    /// `region`), with where it came from: over what the definitions imply.
    pub region: Option<(String, String)>,
    /// The application's name when a file beside them says it (a Copilot workspace's
    /// `application`), with where it came from: over what the definitions imply.
    pub app: Option<(String, String)>,
    /// Files Terraform's `file()`, `templatefile()` and `data "template_file"` read (name,
    /// text), as they are: templates are rendered with their variables when read.
    pub templates: Vec<(String, String)>,
}

/// [`import`] with every option.
///
/// # Errors
/// As [`import`].
pub fn import_with(
    sources: &[Source<'_>],
    options: &ImportOptions<'_>,
) -> Result<Imported, String> {
    let env = options.env;
    let mut draft = Draft::default();
    if let Some((region, origin)) = &options.region {
        draft.set(&["region"], Value::from(region.as_str()), origin.clone());
    }
    let mut tasks = Vec::new();
    let mut expresses: Vec<(&str, express::FromExpress)> = Vec::new();
    let mut services = Vec::new();
    let mut kinds = Vec::new();
    let mut manifests = Vec::new();
    let mut templates = Vec::new();
    #[cfg_attr(not(feature = "terraform"), allow(unused_mut, unused_variables))]
    let mut terraform_files: Vec<(&str, &str)> = Vec::new();
    #[cfg_attr(not(feature = "terraform"), allow(unused_mut, unused_variables))]
    let mut container_lists: Vec<(&str, Value)> = Vec::new();
    for s in sources {
        if s.name.ends_with(".tfvars") {
            #[cfg(feature = "terraform")]
            if hcl::parse(s.text).is_ok() {
                terraform_files.push((s.name, s.text));
                continue;
            }
            return Err(format!(
                "{}: Terraform variable files are read by the `akplan` CLI, beside the module's `.tf` files",
                s.name
            ));
        }
        if s.name.ends_with(".tf") {
            #[cfg(feature = "terraform")]
            if terraform::has_express(s.text) {
                kinds.push((s.name.to_owned(), SourceKind::ExpressService));
            }
            #[cfg(feature = "terraform")]
            if terraform::detect(s.text) {
                terraform_files.push((s.name, s.text));
                kinds.push((s.name.to_owned(), SourceKind::Terraform));
                continue;
            }
            // Files of the module without ECS resources (variables, outputs) come along.
            #[cfg(feature = "terraform")]
            match hcl::parse(s.text) {
                Ok(_) => {
                    terraform_files.push((s.name, s.text));
                    continue;
                }
                Err(e) => return Err(format!("{}: not valid HCL: {e}", s.name)),
            }
            #[cfg(not(feature = "terraform"))]
            return Err(format!(
                "{}: Terraform is imported by the `akplan` CLI (the page leaves the HCL parser out)",
                s.name
            ));
        }
        let format = Format::from_name(s.name);
        let (doc, _) = Document::parse(s.text, format).map_err(|errors| {
            let lines = crate::lines::Lines::new(s.text);
            errors.first().map_or_else(
                || format!("{}: not readable", s.name),
                |e| {
                    let at = lines.position(e.span.start);
                    format!("{}:{}:{}: {}", s.name, at.line, at.column, e.message)
                },
            )
        })?;
        let json = doc.to_json();
        if let Some(root) = taskdef::detect(&json) {
            let value = root
                .tokens()
                .fold(&json, |v, t| v.get(t).unwrap_or(&Value::Null))
                .clone();
            tasks.push(EcsFile {
                name: s.name,
                root,
                value,
            });
            kinds.push((s.name.to_owned(), SourceKind::TaskDefinition));
        } else if crate::expressdef::detect(&json) {
            expresses.push((s.name, express::ecs_files(&json)));
            kinds.push((s.name.to_owned(), SourceKind::ExpressService));
        } else if let Some((root, value)) = service_root(&json) {
            services.push(EcsFile {
                name: s.name,
                root,
                value,
            });
            kinds.push((s.name.to_owned(), SourceKind::ServiceDefinition));
        } else if cloudformation::detect(&json) {
            templates.push((s.name, json));
            kinds.push((s.name.to_owned(), SourceKind::CloudFormation));
        } else if copilot::detect(&json) {
            manifests.push((s.name, json));
            kinds.push((s.name.to_owned(), SourceKind::CopilotManifest));
        } else if taskdef::is_container_list(&json) {
            container_lists.push((s.name, json));
            kinds.push((s.name.to_owned(), SourceKind::ContainerDefinitions));
        } else {
            return Err(format!(
                "{}: not an ECS task or service definition, a CloudFormation template with ECS resources or a Copilot manifest",
                s.name
            ));
        }
    }
    // Terraform's Express services (`aws_ecs_express_gateway_service`) import like Express
    // inputs, with the module's variables resolved.
    #[cfg(feature = "terraform")]
    for (name, input) in terraform::express_services(&terraform_files) {
        expresses.push((name, express::ecs_files(&input)));
    }
    let has_terraform = kinds.iter().any(|(_, k)| *k == SourceKind::Terraform);
    if !container_lists.is_empty() && !has_terraform {
        return Err(format!(
            "{}: a list of container definitions has no task size, roles or service: import it with the Terraform files whose `container_definitions = file(...)` reads it",
            container_lists[0].0
        ));
    }
    // An Express input that names its own task definition needs that file beside it.
    if let Some((name, _)) = expresses
        .iter()
        .find(|(_, e)| e.task.is_none())
        .filter(|_| tasks.is_empty())
    {
        return Err(format!(
            "{name}: this Express service runs the task definition its `taskDefinitionArn` names: import that task definition's file with it"
        ));
    }
    let express_tasks = expresses.iter().any(|(_, e)| e.task.is_some());
    if tasks.is_empty()
        && !express_tasks
        && manifests.is_empty()
        && templates.is_empty()
        && !has_terraform
    {
        // Terraform whose services live in local modules that were not given.
        #[cfg(feature = "terraform")]
        if let Some((name, source)) = terraform_files.iter().find_map(|(n, t)| {
            terraform::local_module_sources(t)
                .into_iter()
                .next()
                .map(|s| (*n, s))
        }) {
            return Err(format!(
                "nothing to import: {name} calls the local module `{source}`, which is not among the files read (`akplan import DIR` reads the modules a directory's Terraform calls; give the module's `.tf` files too)"
            ));
        }
        // Terraform whose services come from modules akplan does not read.
        #[cfg(feature = "terraform")]
        if let Some((name, sources)) = terraform_files.iter().find_map(|(n, t)| {
            let s = terraform::unread_module_sources(t);
            (!s.is_empty()).then_some((*n, s))
        }) {
            return Err(format!(
                "nothing to import: {name} has no `aws_ecs_task_definition` or `aws_ecs_service` and calls modules akplan does not read ({}); akplan reads plain resources, local modules and terraform-aws-modules/ecs. Import the task definition the module registers instead (`aws ecs describe-task-definition --task-definition <family> > taskdef.json`)",
                sources.join(", ")
            ));
        }
        if let Some((name, _)) = terraform_files.first() {
            return Err(format!(
                "nothing to import: the Terraform ({name}{}) has no `aws_ecs_task_definition`, `aws_ecs_service` or terraform-aws-modules/ecs module",
                if terraform_files.len() > 1 {
                    " and the files beside it"
                } else {
                    ""
                }
            ));
        }
        return Err(
            "nothing to import: give a task definition (with its service), a CloudFormation template or a Copilot manifest"
                .to_owned(),
        );
    }
    // An Express input is the task and service Express creates, imported like any other.
    for (name, e) in &expresses {
        if let Some(task) = &e.task {
            tasks.push(EcsFile {
                name,
                root: Pointer::root(),
                value: task.clone(),
            });
        }
        let mut service = e.service.clone();
        // A task definition of your own: the load balancer reaches its `Main` container's port.
        if e.task.is_none()
            && let Some(family) = service.get("taskDefinition").and_then(Value::as_str)
            && let Some(port) = tasks
                .iter()
                .find(|t| t.value.get("family").and_then(Value::as_str) == Some(family))
                .and_then(|t| t.value.get("containerDefinitions")?.as_array().cloned())
                .and_then(|cs| {
                    cs.iter()
                        .find(|c| c.get("name").and_then(Value::as_str) == Some("Main"))?
                        .pointer("/portMappings/0/containerPort")
                        .cloned()
                })
            && let Some(lb) = service.pointer_mut("/loadBalancers/0")
        {
            lb["containerPort"] = port;
        }
        services.push(EcsFile {
            name,
            root: Pointer::root(),
            value: service,
        });
    }
    ecs::import(&mut draft, &tasks, &services);
    for (name, e) in &expresses {
        express_extras(&mut draft, name, e);
    }
    for (name, template) in &templates {
        cloudformation::import(&mut draft, name, template, &options.parameters);
    }
    #[cfg(feature = "terraform")]
    if has_terraform {
        let templates: Vec<(&str, &str)> = options
            .templates
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        terraform::import(&mut draft, &terraform_files, &container_lists, &templates);
    }
    if let Some(env) = env.filter(|_| !manifests.is_empty()) {
        let mut known: Vec<&str> = manifests
            .iter()
            .flat_map(|(_, m)| copilot::environments(m))
            .collect();
        if !known.contains(&env) {
            known.sort_unstable();
            known.dedup();
            return Err(format!(
                "no manifest has an environment `{env}` (they have: {}); leave out `--env` for the base configuration",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            ));
        }
    }
    for (name, manifest) in &manifests {
        copilot::import(&mut draft, name, manifest, env)?;
    }
    if let Some((app, origin)) = &options.app {
        draft.set(&["app"], Value::from(app.as_str()), origin.clone());
    }
    let names: Vec<String> = sources.iter().map(|s| s.name.to_owned()).collect();
    Ok(Imported {
        yaml: draft.to_yaml(&names),
        unmapped: draft.unmapped,
        kinds,
        ecs_views: draft.ecs_views,
    })
}

/// What an Express input says beyond its ECS files, and Express's defaults, under its service.
pub(crate) fn express_extras(draft: &mut Draft, file: &str, e: &express::FromExpress) {
    let svc = ecs::spec_name(&e.name);
    let (app, from) = &e.app;
    let origin = if from.starts_with("Express's default") {
        format!("{file}: {from}")
    } else {
        format!("{file} {from}")
    };
    draft.set(&["app"], Value::from(ecs::spec_name(app)), origin);
    for (field, value, from) in &e.extras {
        let mut path = vec!["services", svc.as_str()];
        path.extend(field.split('/'));
        let origin = if from.starts_with("Express's default") {
            format!("{file}: {from}")
        } else {
            format!("{file} {from}")
        };
        draft.set(&path, value.clone(), origin);
    }
    // Express deploys with canary; its percent and bake are not in the input: the ECS API's
    // canary defaults (5% for 10 minutes), said as assumed.
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-work.html
    draft.set(
        &["services", svc.as_str(), "deployment", "strategy"],
        Value::from("canary"),
        format!("{file}: Express deploys with canary (assumed: the ECS API's defaults, 5% of traffic for 10 minutes)"),
    );
    draft.skip(
        format!("{file} (Express)"),
        "Express puts the service behind an HTTPS load balancer it shares with up to 24 other Express services of the cluster, and adds a deployment alarm: the plan bills the app's one load balancer",
    );
}

/// What `text` could be imported as (a file's content pasted without its name): `None` for a
/// spec or anything else. Terraform is recognised where the HCL parser is built in.
#[must_use]
pub fn recognise(text: &str) -> Option<SourceKind> {
    #[cfg(feature = "terraform")]
    if terraform::detect(text) {
        return Some(SourceKind::Terraform);
    }
    let format = if text.trim_start().starts_with('{') {
        Format::Json
    } else {
        Format::Yaml
    };
    let (doc, _) = Document::parse(text, format).ok()?;
    let json = doc.to_json();
    if taskdef::detect(&json).is_some() {
        Some(SourceKind::TaskDefinition)
    } else if crate::expressdef::detect(&json) {
        Some(SourceKind::ExpressService)
    } else if cloudformation::detect(&json) {
        Some(SourceKind::CloudFormation)
    } else if copilot::detect(&json) {
        Some(SourceKind::CopilotManifest)
    } else if service_root(&json).is_some() {
        Some(SourceKind::ServiceDefinition)
    } else {
        None
    }
}

impl SourceKind {
    /// What it is, in words.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::TaskDefinition => "an ECS task definition",
            Self::ServiceDefinition => "an ECS service definition",
            Self::CopilotManifest => "an AWS Copilot manifest",
            Self::CloudFormation => "a CloudFormation template",
            Self::Terraform => "Terraform",
            Self::ContainerDefinitions => "a list of ECS container definitions",
            Self::ExpressService => "an ECS Express Mode service input",
        }
    }

    /// A file name that reads as this kind (for text pasted without one).
    #[must_use]
    pub fn file_name(self) -> &'static str {
        match self {
            Self::TaskDefinition | Self::ServiceDefinition | Self::ExpressService => "pasted.json",
            Self::CopilotManifest | Self::CloudFormation => "pasted.yaml",
            Self::Terraform => "pasted.tf",
            Self::ContainerDefinitions => "containers.json",
        }
    }
}

/// A service definition: `CreateService` input, or the first service of `describe-services`.
fn service_root(json: &Value) -> Option<(Pointer, Value)> {
    if servicedef::detect(json) {
        return Some((Pointer::root(), json.clone()));
    }
    let first = json.get("services")?.as_array()?.first()?;
    servicedef::detect(first).then(|| (Pointer::root().join("services").join(0), first.clone()))
}
