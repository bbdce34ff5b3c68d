//! Terraform (the AWS provider) into spec services: `aws_ecs_task_definition` (with
//! `container_definitions` as `jsonencode(...)` or a JSON heredoc) and `aws_ecs_service` through
//! the ECS mapping, then `aws_lb_target_group`, `aws_appautoscaling_target` / `_policy`,
//! `aws_cloudwatch_log_group`, `aws_ecs_cluster` and `aws_nat_gateway`.
//!
//! Expressions that are not literals stay as they are written: a variable with a default becomes
//! its default; any other reference (`aws_iam_role.x.arn`, `${local.account_id}`) is kept as text
//! and treated as a placeholder. `file("containers.json")` and `templatefile(...)` in
//! `container_definitions` read the list of container definitions given beside the `.tf` files
//! under that name; without it they are listed as not mapped.

use hcl::expr::{Expression, ObjectKey, TemplateExpr};
use hcl::{Block, Body};
use serde_json::{Map, Value, json};

use super::draft::Draft;
use super::ecs::{self, EcsFile};
use super::tf_ecs_module;
use crate::pointer::Pointer;

/// Whether `text` is Terraform with ECS resources (cheap test first, then a parse).
#[must_use]
pub fn detect(text: &str) -> bool {
    (text.contains("aws_ecs_task_definition")
        || text.contains("aws_ecs_service")
        || text.contains("terraform-aws-modules/ecs")
        || text.contains("terraform-aws-modules/terraform-aws-ecs"))
        && hcl::parse(text).is_ok()
}

/// Whether `text` has an ECS Express Mode service (`aws_ecs_express_gateway_service`, AWS
/// provider 6.23 and later).
#[must_use]
pub fn has_express(text: &str) -> bool {
    text.contains("aws_ecs_express_gateway_service") && hcl::parse(text).is_ok()
}

/// Every `aws_ecs_express_gateway_service` of the module as the `create-express-gateway-service`
/// input it stands for (arguments snake_case → the API's camelCase, repeated blocks as lists,
/// `secret` blocks as `secrets`, the scaling metric `CPU`/`MEMORY` as `AVERAGE_CPU`/
/// `AVERAGE_MEMORY`), with the file it came from. Arguments:
/// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecs_express_gateway_service
#[must_use]
pub fn express_services<'a>(files: &[(&'a str, &str)]) -> Vec<(&'a str, Value)> {
    express_resources(files)
        .into_iter()
        .map(|(file, _, input)| (file, input))
        .collect()
}

/// [`express_services`] with each resource's label.
#[must_use]
pub fn express_resources<'a>(files: &[(&'a str, &str)]) -> Vec<(&'a str, String, Value)> {
    let (module, origin_of) = load(files);
    let vars = &module.variables;
    module
        .of_type("aws_ecs_express_gateway_service")
        .map(|(kind, name, b)| {
            let file = origin_of
                .iter()
                .find(|(k, n, _)| k == kind && n == name)
                .and_then(|(_, _, f)| files.iter().find(|(n, _)| n == f))
                .map_or("terraform", |(n, _)| *n);
            let mut input = block_json(b, vars);
            if let Some(m) = input.pointer_mut("/scalingTarget/autoScalingMetric")
                && let Some(short) = m.as_str().filter(|v| matches!(*v, "CPU" | "MEMORY"))
            {
                *m = json!(format!("AVERAGE_{short}"));
            }
            if input.get("serviceName").is_none() {
                input["serviceName"] = json!(name);
            }
            (file, name.clone(), input)
        })
        .collect()
}

/// A block's arguments and nested blocks as the API's JSON.
fn block_json(b: &Block, vars: &Map<String, Value>) -> Value {
    let camel = tf_ecs_module::camel;
    let mut out = Map::new();
    for a in b.body().attributes() {
        out.insert(camel(a.key()), value(a.expr(), vars, 0));
    }
    for inner in b.body().blocks() {
        let v = block_json(inner, vars);
        match inner.identifier() {
            key @ ("environment" | "secret" | "secrets") => {
                let key = if key == "environment" {
                    "environment"
                } else {
                    "secrets"
                };
                if let Some(list) = out.entry(key).or_insert_with(|| json!([])).as_array_mut() {
                    list.push(v);
                }
            }
            key => {
                out.insert(camel(key), v);
            }
        }
    }
    Value::Object(out)
}

/// `service_connect_configuration` as the API's `serviceConnectConfiguration`: repeated `service`
/// blocks become `services`, their `client_alias` blocks `clientAliases`; a namespace the module
/// creates is named by its `name`.
fn service_connect(
    sc: &Block,
    vars: &Map<String, Value>,
    namespace_name: &dyn Fn(&Expression) -> Option<Value>,
) -> Value {
    let camel = tf_ecs_module::camel;
    let mut out = Map::new();
    for a in sc.body().attributes() {
        let v = if a.key() == "namespace" {
            namespace_name(a.expr()).unwrap_or_else(|| value(a.expr(), vars, 0))
        } else {
            value(a.expr(), vars, 0)
        };
        out.insert(camel(a.key()), v);
    }
    let services: Vec<Value> = blocks(sc, "service")
        .map(|svc| {
            let mut o = Map::new();
            for a in svc.body().attributes() {
                o.insert(camel(a.key()), value(a.expr(), vars, 0));
            }
            let aliases: Vec<Value> = blocks(svc, "client_alias")
                .map(|a| block_json(a, vars))
                .collect();
            if !aliases.is_empty() {
                o.insert("clientAliases".into(), Value::Array(aliases));
            }
            for inner in svc
                .body()
                .blocks()
                .filter(|i| i.identifier() != "client_alias")
            {
                o.insert(camel(inner.identifier()), block_json(inner, vars));
            }
            Value::Object(o)
        })
        .collect();
    if !services.is_empty() {
        out.insert("services".into(), Value::Array(services));
    }
    for inner in sc.body().blocks().filter(|i| i.identifier() != "service") {
        out.insert(camel(inner.identifier()), block_json(inner, vars));
    }
    Value::Object(out)
}

/// The arguments and blocks of `b` not in `handled` and not already in `out`, as the API's
/// members (camelCase; a repeated block as a list).
fn passthrough(
    b: &Block,
    vars: &Map<String, Value>,
    out: &mut Map<String, Value>,
    handled: &[&str],
) {
    let camel = tf_ecs_module::camel;
    for a in b.body().attributes() {
        let key = camel(a.key());
        if !handled.contains(&a.key()) && !out.contains_key(&key) {
            out.insert(key, value(a.expr(), vars, 0));
        }
    }
    for inner in b.body().blocks() {
        let kind = inner.identifier();
        let key = camel(kind);
        if handled.contains(&kind) || out.contains_key(&key) {
            continue;
        }
        let v = block_json(inner, vars);
        match out.get_mut(&format!("{key}s")) {
            Some(Value::Array(list)) => list.push(v),
            _ => {
                // `ordered_placement_strategy { ... }` blocks: a list, named like the API's.
                let repeated = b.body().blocks().filter(|o| o.identifier() == kind).count() > 1;
                if repeated {
                    out.insert(format!("{key}s"), Value::Array(vec![v]));
                } else {
                    out.insert(key, v);
                }
            }
        }
    }
}

/// The most JSON nodes a `locals` value may have.
const MAX_LOCAL_NODES: usize = 10_000;

/// How many JSON nodes `v` has, counting no further than the limit.
fn nodes(v: &Value) -> usize {
    let mut count = 0;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        count += 1;
        if count > MAX_LOCAL_NODES {
            break;
        }
        match v {
            Value::Array(items) => stack.extend(items),
            Value::Object(m) => stack.extend(m.values()),
            _ => {}
        }
    }
    count
}

/// `var.x`, `local.x` and their attributes (`local.app.cpu`) as the values akplan knows.
fn lookup(text: &str, vars: &Map<String, Value>) -> Option<Value> {
    let mut parts = text.split('.');
    let head = parts.next()?;
    let name = parts.next()?;
    let mut v = match head {
        "var" => vars.get(name)?,
        "local" => vars.get(&format!("local.{name}"))?,
        // The outputs akplan computes: terraform-aws-modules/ecs's container definitions.
        "module" => vars.get(&format!("module.{name}"))?,
        _ => return None,
    };
    for part in parts {
        v = v.get(part)?;
    }
    Some(v.clone())
}

struct Module {
    resources: Vec<(String, String, Block)>,
    variables: Map<String, Value>,
    descriptions: Map<String, Value>,
    /// `module` blocks of terraform-aws-modules/ecs: label, part, block.
    modules: Vec<(String, tf_ecs_module::Part, Block)>,
    /// `locals` in file order, evaluated once the variables are known.
    locals: Vec<(String, Expression)>,
    /// `module` blocks whose `source` is a local path (`./modules/service`): label, source, block.
    calls: Vec<(String, String, Block)>,
    /// `data` blocks: type, name, block (`data "template_file" "containers"`).
    data: Vec<(String, String, Block)>,
    /// Cloud Posse's `ecs-container-definition` module blocks: label, block.
    cloudposse: Vec<(String, Block)>,
}

impl Module {
    fn of_type(&self, kind: &str) -> impl Iterator<Item = &(String, String, Block)> {
        self.resources.iter().filter(move |(k, _, _)| k == kind)
    }
}

/// The text of an expression as Terraform would print it.
fn source(e: &Expression) -> String {
    hcl::format::to_string(e).unwrap_or_default()
}

/// An expression as JSON: literals as they are, `var.x` as its default, `jsonencode(x)` as `x`,
/// a JSON heredoc parsed, everything else as its source text.
fn value(e: &Expression, vars: &Map<String, Value>, depth: usize) -> Value {
    if depth > 64 {
        return json!("<too deep>");
    }
    match e {
        Expression::Null => Value::Null,
        Expression::Bool(b) => json!(b),
        Expression::Number(n) => serde_json::to_value(n).unwrap_or(Value::Null),
        Expression::String(s) => json!(s),
        Expression::Array(items) => {
            Value::Array(items.iter().map(|i| value(i, vars, depth + 1)).collect())
        }
        Expression::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| {
                    let key = match k {
                        ObjectKey::Identifier(id) => id.to_string(),
                        ObjectKey::Expression(Expression::String(s)) => s.clone(),
                        // `(var.container_name) = {...}`: the key is the variable's value.
                        ObjectKey::Expression(other) => match value(other, vars, depth + 1) {
                            Value::String(s) => s,
                            _ => source(other),
                        },
                        other => format!("{other:?}"),
                    };
                    (key, value(v, vars, depth + 1))
                })
                .collect(),
        ),
        Expression::TemplateExpr(t) => match t.as_ref() {
            // `"${var.replicas}"` (Terraform 0.11's way to write a reference): the value itself.
            TemplateExpr::QuotedString(s) => match only_interpolation(s) {
                Some(inner) => {
                    lookup(inner, vars).unwrap_or_else(|| json!(format!("${{{inner}}}")))
                }
                None => json!(interpolate(s, vars)),
            },
            // A JSON heredoc, with the variables akplan knows put in first (`"cpu": ${var.cpu}`).
            TemplateExpr::Heredoc(h) => serde_json::from_str(&interpolate(&h.template, vars))
                .unwrap_or_else(|_| json!(h.template)),
        },
        Expression::Traversal(_) | Expression::Variable(_) => {
            let text = source(e);
            lookup(&text, vars).unwrap_or_else(|| json!(format!("${{{text}}}")))
        }
        Expression::FuncCall(call) if call.name.name.as_str() == "jsonencode" => call
            .args
            .first()
            .map_or(Value::Null, |a| value(a, vars, depth + 1)),
        Expression::Parenthesis(inner) => value(inner, vars, depth + 1),
        other => json!(format!("${{{}}}", source(other))),
    }
}

/// `"${var.image}:${var.tag}"` with the variables akplan knows put in; any other `${...}` left
/// as written.
fn interpolate(template: &str, vars: &Map<String, Value>) -> String {
    super::interpolate(template, |inner| match lookup(inner.trim(), vars) {
        Some(Value::String(v)) => Some(v),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => Some(v.to_string()),
        _ => None,
    })
}

fn attr<'a>(block: &'a Block, key: &str) -> Option<&'a Expression> {
    block
        .body()
        .attributes()
        .find(|a| a.key() == key)
        .map(hcl::Attribute::expr)
}

fn blocks<'a>(block: &'a Block, kind: &'a str) -> impl Iterator<Item = &'a Block> {
    block
        .body()
        .blocks()
        .filter(move |b| b.identifier() == kind)
}

/// `inner` of a template that is nothing but `${inner}`.
fn only_interpolation(template: &str) -> Option<&str> {
    let inner = template
        .trim()
        .strip_prefix("${")?
        .strip_suffix('}')?
        .trim();
    (!inner.contains("${") && !inner.contains('}')).then_some(inner)
}

/// The resource a reference names: `aws_ecs_task_definition.api.arn` (or Terraform 0.11's
/// `"${aws_ecs_task_definition.api.arn}"`) → (type, name).
fn reference(e: Option<&Expression>) -> Option<(String, String)> {
    let text = source(e?);
    let text = text.trim().trim_matches('"');
    let text = only_interpolation(text).unwrap_or(text);
    let mut parts = text.split('.');
    Some((parts.next()?.to_owned(), parts.next()?.to_owned()))
}

fn number(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The `module` blocks of `body` whose `source` is a literal: label, source, block.
fn module_blocks(body: &Body) -> Vec<(String, String, Block)> {
    body.blocks()
        .filter(|b| b.identifier() == "module")
        .filter_map(|b| {
            let label = b.labels().first()?.as_str().to_owned();
            let source = attr(b, "source").map(|e| value(e, &Map::new(), 0))?;
            Some((label, source.as_str()?.to_owned(), b.clone()))
        })
        .collect()
}

fn read(body: &Body) -> Module {
    let mut variables = Map::new();
    let mut descriptions = Map::new();
    for b in body.blocks().filter(|b| b.identifier() == "variable") {
        let Some(name) = b.labels().first() else {
            continue;
        };
        if let Some(default) = attr(b, "default") {
            variables.insert(name.as_str().to_owned(), value(default, &Map::new(), 0));
        }
        if let Some(d) = attr(b, "description") {
            descriptions.insert(name.as_str().to_owned(), value(d, &Map::new(), 0));
        }
    }
    // Every `module` block with a literal source, then by what reads it.
    let called = module_blocks(body);
    let modules = called
        .iter()
        .filter_map(|(label, source, b)| {
            Some((label.clone(), tf_ecs_module::part(source)?, b.clone()))
        })
        .collect();
    let calls = called
        .iter()
        .filter(|(_, source, _)| source.starts_with("./") || source.starts_with("../"))
        .cloned()
        .collect();
    let cloudposse = called
        .iter()
        .filter(|(_, source, _)| tf_ecs_module::is_cloudposse_container(source))
        .map(|(label, _, b)| (label.clone(), b.clone()))
        .collect();
    let locals = body
        .blocks()
        .filter(|b| b.identifier() == "locals")
        .flat_map(|b| {
            b.body()
                .attributes()
                .map(|a| (a.key().to_owned(), a.expr().clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    // `resource "type" "name"` and `data "type" "name"` blocks: (type, name, block).
    let labelled = |identifier: &str| -> Vec<(String, String, Block)> {
        body.blocks()
            .filter(|b| b.identifier() == identifier && b.labels().len() == 2)
            .map(|b| {
                (
                    b.labels()[0].as_str().to_owned(),
                    b.labels()[1].as_str().to_owned(),
                    b.clone(),
                )
            })
            .collect()
    };
    let resources = labelled("resource");
    let data = labelled("data");
    Module {
        resources,
        variables,
        descriptions,
        modules,
        locals,
        calls,
        data,
        cloudposse,
    }
}

/// Imports the Terraform files `files` (name, text), read together as one module.
/// The list of container definitions that `container_definitions = file("...")` (or
/// `templatefile("...", {...})`) reads, among `lists` (given by name; matched on the last path
/// segment, since `${path.module}/` and relative folders differ from the command line's path).
fn read_by_file<'a>(e: &Expression, lists: &'a [(&str, Value)]) -> Option<&'a Value> {
    let Expression::FuncCall(call) = e else {
        return None;
    };
    if !matches!(call.name.name.as_str(), "file" | "templatefile") {
        return None;
    }
    let arg = source(call.args.first()?);
    let wanted = arg.trim_matches('"').rsplit(['/', '\\']).next()?.to_owned();
    lists
        .iter()
        .find(|(name, _)| name.rsplit(['/', '\\']).next() == Some(wanted.as_str()))
        .map(|(_, list)| list)
}

/// The text of the template file a path expression names (`"${path.module}/task.json.tpl"`),
/// among `templates` (matched on the file name, as [`read_by_file`] does).
fn template_text<'t>(path: &Expression, templates: &'t [(&str, &str)]) -> Option<&'t str> {
    let arg = source(path);
    let wanted = arg
        .trim_matches('"')
        .rsplit(['/', '\\'])
        .next()?
        .trim_end_matches(['"', '}'])
        .to_owned();
    templates
        .iter()
        .find(|(name, _)| name.rsplit(['/', '\\']).next() == Some(wanted.as_str()))
        .map(|(_, text)| *text)
}

/// `text` rendered as Terraform's template language renders `${name}` with `vars`
/// (`templatefile()`, `data "template_file"`; `$${` is a literal `${`), then read as a JSON list
/// of container definitions. A name `vars` lacks stays as written.
fn render_list(text: &str, vars: &Value) -> Option<Value> {
    let vars = vars.as_object()?;
    let escaped = text.replace("$${", "\u{0}");
    let rendered = super::interpolate(&escaped, |inner| match vars.get(inner)? {
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    })
    .replace('\u{0}', "${");
    serde_json::from_str::<Value>(&rendered)
        .ok()
        .filter(Value::is_array)
}

/// The container definitions `container_definitions` reads from a file: a JSON list given
/// beside the `.tf` files, or a template among `templates` read by `file()`, rendered by
/// `templatefile()` or by the `data "template_file"` it names (`...rendered`).
fn read_templated(
    e: &Expression,
    module: &Module,
    lists: &[(&str, Value)],
    templates: &[(&str, &str)],
) -> Option<Value> {
    if let Some(list) = read_by_file(e, lists) {
        return Some(list.clone());
    }
    let vars = &module.variables;
    match e {
        Expression::FuncCall(call) if call.name.name.as_str() == "file" => {
            serde_json::from_str(template_text(call.args.first()?, templates)?).ok()
        }
        Expression::FuncCall(call) if call.name.name.as_str() == "templatefile" => render_list(
            template_text(call.args.first()?, templates)?,
            &value(call.args.get(1)?, vars, 0),
        ),
        Expression::Traversal(_) => {
            let text = source(e);
            let name = text
                .strip_prefix("data.template_file.")?
                .strip_suffix(".rendered")?;
            let (_, _, b) = module
                .data
                .iter()
                .find(|(k, n, _)| k == "template_file" && n == name)?;
            let template = attr(b, "template")?;
            let text = match template {
                Expression::FuncCall(call) if call.name.name.as_str() == "file" => {
                    template_text(call.args.first()?, templates)?.to_owned()
                }
                Expression::TemplateExpr(t) => match t.as_ref() {
                    TemplateExpr::QuotedString(s) => s.clone(),
                    TemplateExpr::Heredoc(h) => h.template.clone(),
                },
                Expression::String(s) => s.clone(),
                _ => return None,
            };
            let vars = attr(b, "vars").map_or(json!({}), |v| value(v, vars, 0));
            render_list(&text, &vars)
        }
        _ => None,
    }
}

/// The module `files` make up: resources, variables (defaults, then `.tfvars`) and locals
/// evaluated; and the file each resource and module block came from.
fn load(files: &[(&str, &str)]) -> (Module, Vec<(String, String, String)>) {
    load_with(files, &Map::new())
}

/// [`load`] with the arguments of the `module` block that calls it over its variables.
fn load_with(
    files: &[(&str, &str)],
    inputs: &Map<String, Value>,
) -> (Module, Vec<(String, String, String)>) {
    let mut module = Module {
        resources: Vec::new(),
        variables: Map::new(),
        descriptions: Map::new(),
        modules: Vec::new(),
        locals: Vec::new(),
        calls: Vec::new(),
        data: Vec::new(),
        cloudposse: Vec::new(),
    };
    let mut origin_of = Vec::new();
    // `terraform.tfvars` and `*.auto.tfvars` set variables over their defaults, as Terraform
    // reads them (https://developer.hashicorp.com/terraform/language/values/variables).
    let mut assigned = Map::new();
    for (name, text) in files {
        let Ok(body) = hcl::parse(text) else { continue };
        if name.ends_with(".tfvars") {
            for a in body.attributes() {
                assigned.insert(a.key().to_owned(), value(a.expr(), &Map::new(), 0));
            }
            continue;
        }
        let m = read(&body);
        for r in &m.resources {
            origin_of.push((r.0.clone(), r.1.clone(), (*name).to_owned()));
        }
        for (label, _, _) in &m.modules {
            origin_of.push(("module".to_owned(), label.clone(), (*name).to_owned()));
        }
        module.resources.extend(m.resources);
        module.modules.extend(m.modules);
        module.calls.extend(m.calls);
        module.data.extend(m.data);
        module.cloudposse.extend(m.cloudposse);
        module.locals.extend(m.locals);
        module.variables.extend(m.variables);
        module.descriptions.extend(m.descriptions);
    }
    module.variables.extend(assigned);
    module
        .variables
        .extend(inputs.iter().map(|(k, v)| (k.clone(), v.clone())));
    // Locals may name each other: a few passes settle the chains real modules write. A local
    // that grows past `MAX_LOCAL_NODES` (locals doubling each other) stays a reference, so
    // hostile files cannot make the import build an exponential value.
    for _ in 0..4 {
        for (name, e) in &module.locals {
            let v = value(e, &module.variables, 0);
            let v = if nodes(&v) > MAX_LOCAL_NODES {
                json!(format!("${{local.{name}}}"))
            } else {
                v
            };
            module.variables.insert(format!("local.{name}"), v);
        }
    }
    // terraform-aws-modules/ecs's container-definition modules: their outputs, for the task
    // definitions that use them (`container_definition`, and `container_definition_json` as
    // its JSON text).
    for (label, part, b) in &module.modules {
        if *part != tf_ecs_module::Part::ContainerDefinition {
            continue;
        }
        let inputs: Map<String, Value> = b
            .body()
            .attributes()
            .map(|a| (a.key().to_owned(), value(a.expr(), &module.variables, 0)))
            .collect();
        let def = tf_ecs_module::container_definition(label, &inputs);
        let text = def.to_string();
        module.variables.insert(
            format!("module.{label}"),
            json!({ "container_definition": def, "container_definition_json": text }),
        );
    }
    // Cloud Posse's container definition module: its outputs likewise (`json_map_object`, and
    // the JSON texts `json_map_encoded` and `json_map_encoded_list`).
    for (label, b) in &module.cloudposse {
        let inputs: Map<String, Value> = b
            .body()
            .attributes()
            .map(|a| (a.key().to_owned(), value(a.expr(), &module.variables, 0)))
            .collect();
        let def = tf_ecs_module::cloudposse_container(&inputs);
        module.variables.insert(
            format!("module.{label}"),
            json!({
                "json_map_object": def,
                "json_map_encoded": def.to_string(),
                "json_map_encoded_list": json!([def]).to_string(),
            }),
        );
    }
    let expanded = evaluated_resources(std::mem::take(&mut module.resources), &module.variables);
    for (kind, name, _) in &expanded {
        if let Some(base) = name.split('[').next().filter(|b| b.len() < name.len())
            && let Some(file) = origin_of
                .iter()
                .find(|(k, n, _)| k == kind && n == base)
                .map(|(_, _, f)| f.clone())
        {
            origin_of.push((kind.clone(), name.clone(), file));
        }
    }
    module.resources = expanded;
    (module, origin_of)
}

/// How many `for` expressions `block` holds (`[for ...]`, `{for ...}`).
fn for_expressions(block: &Block) -> usize {
    let text = hcl::format::to_string(block).unwrap_or_default();
    let bytes = text.as_bytes();
    let mut count = 0;
    for (i, b) in bytes.iter().enumerate() {
        if matches!(b, b'[' | b'{') {
            let rest = text.get(i + 1..).unwrap_or_default().trim_start();
            if rest.starts_with("for ") || rest.starts_with("for\t") || rest.starts_with("for\n") {
                count += 1;
            }
        }
    }
    count
}

/// Whether a `for_each` expression gives a map (its entries' values may be anything).
fn fe_is_map(e: &Expression, vars: &Map<String, Value>) -> bool {
    value(e, vars, 0).is_object() || matches!(e, Expression::ForExpr(f) if f.key_expr.is_some())
}

/// Instances all `for_each` of a module may expand to together (each a copy of its block).
const MAX_EXPANDED: usize = 500;

/// Instances a `for_each` may expand to: past it the resource stays one, unexpanded.
const MAX_INSTANCES: usize = 100;

/// The resources as Terraform would plan them, as far as akplan knows the values: every
/// expression over variables and locals evaluated (conditionals, `for` expressions), `dynamic`
/// blocks written out, and a resource with `for_each` over a map or set akplan knows one per
/// element with `each.key` and `each.value` put in, named as Terraform addresses it
/// (`this["api"]`: the multi-service layout, `for_each = var.services`). Expressions naming
/// what akplan does not know stay as written.
fn evaluated_resources(
    resources: Vec<(String, String, Block)>,
    vars: &Map<String, Value>,
) -> Vec<(String, String, Block)> {
    use hcl::eval::{Context, Evaluate};
    let (mut var, mut local, mut modules) = (Map::new(), Map::new(), Map::new());
    for (k, v) in vars {
        if let Some(l) = k.strip_prefix("local.") {
            local.insert(l.to_owned(), v.clone());
        } else if let Some(m) = k.strip_prefix("module.") {
            modules.insert(m.to_owned(), v.clone());
        } else {
            var.insert(k.clone(), v.clone());
        }
    }
    let hcl_of = |v: Value| hcl::value::to_value(v).unwrap_or(hcl::Value::Null);
    let context = |each: Option<(&str, &Value)>, iterator: Option<(&str, &str, &Value)>| {
        let mut ctx = Context::new();
        ctx.declare_var("var", hcl_of(Value::Object(var.clone())));
        ctx.declare_var("local", hcl_of(Value::Object(local.clone())));
        ctx.declare_var("module", hcl_of(Value::Object(modules.clone())));
        if let Some((key, value)) = each {
            ctx.declare_var("each", hcl_of(json!({ "key": key, "value": value })));
        }
        if let Some((name, key, value)) = iterator {
            ctx.declare_var(name, hcl_of(json!({ "key": key, "value": value })));
        }
        ctx
    };
    // The elements of a `for_each` collection: a map's entries, a set's strings (each its own
    // key), a list's items by index (`dynamic` blocks take lists).
    let entries = |e: &Expression, ctx: &Context| -> Option<Vec<(String, Value)>> {
        let collection = match value(e, vars, 0) {
            v @ (Value::Object(_) | Value::Array(_)) => v,
            _ => e
                .evaluate(ctx)
                .ok()
                .and_then(|v| serde_json::to_value(v).ok())?,
        };
        let out: Vec<(String, Value)> = match collection {
            Value::Object(m) => m.into_iter().collect(),
            Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (v.as_str().map_or_else(|| i.to_string(), str::to_owned), v))
                .collect(),
            _ => return None,
        };
        (out.len() <= MAX_INSTANCES).then_some(out)
    };
    // `dynamic "load_balancer" { for_each = ...; content { ... } }` as the blocks it writes.
    let undynamic = |body: &mut Body, each: Option<(&str, &Value)>| {
        let mut structures = Vec::new();
        for st in std::mem::take(&mut body.0) {
            let hcl::Structure::Block(d) = &st else {
                structures.push(st);
                continue;
            };
            let Some(label) = d.labels.first().map(|l| l.as_str().to_owned()) else {
                structures.push(st);
                continue;
            };
            let content = blocks(d, "content").next();
            let items = attr(d, "for_each").and_then(|e| entries(e, &context(each, None)));
            let (true, Some(content), Some(items)) =
                (d.identifier.as_str() == "dynamic", content, items)
            else {
                structures.push(st);
                continue;
            };
            let iterator = attr(d, "iterator").map_or_else(|| label.clone(), source);
            for (key, v) in items {
                let mut b = content.body.clone();
                let _ = b.evaluate_in_place(&context(each, Some((&iterator, &key, &v))));
                structures.push(hcl::Structure::Block(
                    Block::builder(label.as_str()).add_structures(b.0).build(),
                ));
            }
        }
        body.0 = structures;
    };
    // Terraform's `for` expressions are evaluated by walking their collections, and nested ones
    // multiply: a hostile module could ask for 10,000^3 steps. A block with more than one is
    // evaluated only over small variables (a thousand values at most).
    let small = nodes(&Value::Object(var.clone())) + nodes(&Value::Object(local.clone())) <= 1_000;
    let mut out = Vec::new();
    let mut expanded = 0;
    for (kind, name, mut block) in resources {
        if for_expressions(&block) > usize::from(small) + 1 {
            out.push((kind, name, block));
            continue;
        }
        let Some(fe) = attr(&block, "for_each") else {
            // What akplan knows put in (`var.*`, `local.*`, conditionals and `for` expressions
            // over them), the rest as written.
            let _ = block.body.evaluate_in_place(&context(None, None));
            undynamic(&mut block.body, None);
            out.push((kind, name, block));
            continue;
        };
        let items = entries(fe, &context(None, None))
            .filter(|e| !e.is_empty())
            // `for_each` takes maps and sets: a list's index keys would not be Terraform's.
            .filter(|e| {
                e.iter().all(|(k, v)| {
                    v.is_object() || v.as_str() == Some(k.as_str()) || fe_is_map(fe, vars)
                })
            });
        let Some(items) = items.filter(|i| expanded + i.len() <= MAX_EXPANDED) else {
            out.push((kind, name, block));
            continue;
        };
        expanded += items.len();
        for (key, v) in items {
            let mut b = block.clone();
            b.body
                .0
                .retain(|s| !matches!(s, hcl::Structure::Attribute(a) if a.key() == "for_each"));
            // What cannot be evaluated (an unknown resource's attribute, a function akplan
            // does not declare) stays as written, for the mapping to read or list.
            let _ = b.body.evaluate_in_place(&context(Some((&key, &v)), None));
            undynamic(&mut b.body, Some((&key, &v)));
            out.push((kind.clone(), format!("{name}[{key:?}]"), b));
        }
    }
    out
}

/// The directory part of a file's name (`infra/modules/svc/main.tf` → `infra/modules/svc`).
fn directory(name: &str) -> &str {
    name.rfind(['/', '\\']).map_or("", |i| &name[..i])
}

/// `dir` joined with a module's relative `source`, `.` and `..` resolved.
fn resolve(dir: &str, source: &str) -> String {
    let mut parts: Vec<&str> = dir
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let absolute = dir.starts_with('/');
    for p in source.split(['/', '\\']) {
        match p {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// The local paths (`./modules/service`, `../modules/ecs`) the `module` blocks of a `.tf` text
/// call, for a front end to read those directories too.
#[must_use]
pub fn local_module_sources(text: &str) -> Vec<String> {
    hcl::parse(text)
        .map(|body| read(&body).calls.into_iter().map(|(_, s, _)| s).collect())
        .unwrap_or_default()
}

/// The registry or Git sources of the `module` blocks of a `.tf` text that akplan does not read
/// (anything but terraform-aws-modules/ecs, Cloud Posse's container definition and local
/// paths), for the message when nothing else
/// is importable.
#[must_use]
pub fn unread_module_sources(text: &str) -> Vec<String> {
    let Ok(body) = hcl::parse(text) else {
        return Vec::new();
    };
    module_blocks(&body)
        .into_iter()
        .map(|(_, source, _)| source)
        .filter(|s| {
            tf_ecs_module::part(s).is_none()
                && !tf_ecs_module::is_cloudposse_container(s)
                && !s.starts_with("./")
                && !s.starts_with("../")
        })
        .collect()
}

/// The files a `.tf` text reads with `file()` and `templatefile()` (`${path.module}/` and
/// `./` taken off: relative to the module's directory), for a front end to give them too.
#[must_use]
pub fn read_paths(text: &str) -> Vec<String> {
    fn walk(e: &Expression, out: &mut Vec<String>, depth: usize) {
        if depth > 32 {
            return;
        }
        match e {
            Expression::FuncCall(call) => {
                if matches!(call.name.name.as_str(), "file" | "templatefile")
                    && let Some(path) = call.args.first()
                {
                    let text = source(path);
                    let text = text.trim_matches('"');
                    let text = ["${path.module}/", "${path.root}/", "${path.cwd}/", "./"]
                        .iter()
                        .fold(text, |t, p| t.strip_prefix(p).unwrap_or(t));
                    if !text.contains("${") && !text.is_empty() {
                        out.push(text.to_owned());
                    }
                }
                for a in &call.args {
                    walk(a, out, depth + 1);
                }
            }
            Expression::Array(items) => items.iter().for_each(|i| walk(i, out, depth + 1)),
            Expression::Object(o) => o.values().for_each(|v| walk(v, out, depth + 1)),
            Expression::Parenthesis(inner) => walk(inner, out, depth + 1),
            Expression::Conditional(c) => {
                walk(&c.true_expr, out, depth + 1);
                walk(&c.false_expr, out, depth + 1);
            }
            _ => {}
        }
    }
    fn body_walk(body: &Body, out: &mut Vec<String>, depth: usize) {
        if depth > 16 {
            return;
        }
        for a in body.attributes() {
            walk(a.expr(), out, 0);
        }
        for b in body.blocks() {
            body_walk(b.body(), out, depth + 1);
        }
    }
    let mut out = Vec::new();
    if let Ok(body) = hcl::parse(text) {
        body_walk(&body, &mut out, 0);
    }
    out.sort();
    out.dedup();
    out
}

/// What `file()` and `templatefile()` may read: container lists given as JSON (name, list)
/// and template files as they are (name, text).
type Readable<'a> = (&'a [(&'a str, Value)], &'a [(&'a str, &'a str)]);

/// How many local module calls one import follows (a module calling itself ten times at every
/// level would otherwise ask for 10^4 imports).
const MAX_MODULE_CALLS: usize = 64;

/// How deep local modules may call each other.
const MAX_MODULE_DEPTH: usize = 4;

/// Imports a Terraform root module and the local modules it calls (`module "api" { source =
/// "./modules/service" ... }`, their files given too, as `akplan import DIR` gathers them): each
/// call is imported as its module with the call's arguments as its variables. Files of one
/// directory without such calls are one module, as before.
pub fn import(
    draft: &mut Draft,
    files: &[(&str, &str)],
    lists: &[(&str, Value)],
    templates: &[(&str, &str)],
) {
    let mut dirs: Vec<&str> = files.iter().map(|(n, _)| directory(n)).collect();
    dirs.sort_unstable();
    dirs.dedup();
    let in_dir = |dir: &str| -> Vec<(&str, &str)> {
        files
            .iter()
            .filter(|(n, _)| directory(n) == dir)
            .copied()
            .collect()
    };
    let called: Vec<String> = dirs
        .iter()
        .flat_map(|d| {
            let (m, _) = load(&in_dir(d));
            m.calls
                .iter()
                .map(|(_, source, _)| resolve(d, source))
                .collect::<Vec<_>>()
        })
        .collect();
    if called.is_empty() {
        import_module(
            draft,
            files,
            (lists, templates),
            &Map::new(),
            &Pointer::root(),
        );
        return;
    }
    let mut roots: Vec<&str> = dirs
        .iter()
        .copied()
        .filter(|d| !called.iter().any(|c| *c == resolve(d, ".")))
        .collect();
    // Modules that only call each other (a cycle): the first directory is the root.
    if roots.is_empty() {
        roots.extend(dirs.first());
    }
    let mut left = MAX_MODULE_CALLS;
    for root in roots {
        import_calls(
            draft,
            &in_dir(root),
            files,
            (lists, templates),
            &Map::new(),
            &Pointer::root(),
            (0, &mut left),
        );
    }
}

/// Imports the module of `module_files` with `inputs`, then every local module it calls.
fn import_calls(
    draft: &mut Draft,
    module_files: &[(&str, &str)],
    files: &[(&str, &str)],
    read: Readable<'_>,
    inputs: &Map<String, Value>,
    prefix: &Pointer,
    (depth, left): (usize, &mut usize),
) {
    import_module(draft, module_files, read, inputs, prefix);
    *left = left.saturating_sub(1);
    if depth >= MAX_MODULE_DEPTH {
        return;
    }
    let Some((first, _)) = module_files.first() else {
        return;
    };
    let dir = directory(first);
    let (module, _) = load_with(module_files, inputs);
    for (label, source, block) in &module.calls {
        let target = resolve(dir, source);
        let called: Vec<(&str, &str)> = files
            .iter()
            .filter(|(n, _)| resolve(directory(n), ".") == target)
            .copied()
            .collect();
        if called.is_empty() {
            draft.skip(
                format!("{first} module.{label}"),
                format!("its source `{source}` is not among the files read (give the module's directory too)"),
            );
            continue;
        }
        // The call's arguments in the caller's terms; a cluster it passes by reference
        // (`aws_ecs_cluster.main.id`) by that cluster's name, which the service's `cluster` takes.
        let mut args = Map::new();
        for a in block.body().attributes() {
            if matches!(
                a.key(),
                "source" | "version" | "count" | "for_each" | "providers" | "depends_on"
            ) {
                continue;
            }
            let mut v = value(a.expr(), &module.variables, 0);
            if let Some((kind, name)) =
                reference(Some(a.expr())).filter(|(k, _)| k == "aws_ecs_cluster")
                && let Some((_, _, b)) = module
                    .resources
                    .iter()
                    .find(|(k, n, _)| *k == kind && *n == name)
                && let Some(n) = attr(b, "name")
            {
                v = value(n, &module.variables, 0);
            }
            args.insert(a.key().to_owned(), v);
        }
        if *left == 0 {
            draft.skip(
                format!("{first} module.{label}"),
                format!("not imported: past {MAX_MODULE_CALLS} module calls in one import"),
            );
            continue;
        }
        let at = prefix.join("module").join(label);
        import_calls(draft, &called, files, read, &args, &at, (depth + 1, left));
    }
}

fn import_module(
    draft: &mut Draft,
    files: &[(&str, &str)],
    (lists, templates): Readable<'_>,
    inputs: &Map<String, Value>,
    prefix: &Pointer,
) {
    let (module, origin_of) = load_with(files, inputs);
    let file_of = |kind: &str, name: &str| {
        origin_of
            .iter()
            .find(|(k, n, _)| k == kind && n == name)
            .map_or("terraform", |(_, _, f)| f.as_str())
            .to_owned()
    };
    let at = |kind: &str, name: &str| prefix.join(kind).join(name);
    let vars = &module.variables;
    let mut names: Vec<String> = Vec::new();
    let tasks: Vec<(String, Value, String)> = module
        .of_type("aws_ecs_task_definition")
        .map(|(kind, name, b)| {
            let mut td = Map::new();
            for (tf, api) in [("family", "family"), ("cpu", "cpu"), ("memory", "memory"), ("network_mode", "networkMode")] {
                if let Some(e) = attr(b, tf) {
                    td.insert(api.into(), value(e, vars, 0));
                }
            }
            if let Some(e) = attr(b, "container_definitions") {
                let read = read_templated(e, &module, lists, templates);
                // A JSON string (a heredoc that an expansion evaluated) is the list it holds.
                let defs = match read.unwrap_or_else(|| value(e, vars, 0)) {
                    Value::String(text) => serde_json::from_str(&text).unwrap_or(Value::String(text)),
                    other => other,
                };
                // One container definition where the API takes a list (a module's
                // `container_definition_json` given as it is): the list of it.
                let defs = match defs {
                    Value::Object(c) if c.contains_key("image") => Value::Array(vec![Value::Object(c)]),
                    other => other,
                };
                match defs {
                    Value::Array(defs) => {
                        td.insert("containerDefinitions".into(), Value::Array(defs));
                    }
                    other => {
                        td.insert("containerDefinitions".into(), json!([]));
                        draft.skip(
                            format!("{} {kind}.{name}.container_definitions", file_of(kind, name)),
                            format!("{other}: not literal JSON (for a `file(...)`, give that JSON file to the import beside the `.tf` files; `akplan import DIR` reads the files and templates its Terraform names)"),
                        );
                    }
                }
            }
            if let Some(p) = blocks(b, "runtime_platform").next() {
                let mut rp = Map::new();
                if let Some(e) = attr(p, "cpu_architecture") {
                    rp.insert("cpuArchitecture".into(), value(e, vars, 0));
                }
                if let Some(e) = attr(p, "operating_system_family") {
                    rp.insert("operatingSystemFamily".into(), value(e, vars, 0));
                }
                td.insert("runtimePlatform".into(), Value::Object(rp));
            }
            if let Some(e) = blocks(b, "ephemeral_storage").next().and_then(|s| attr(s, "size_in_gib")) {
                td.insert("ephemeralStorage".into(), json!({ "sizeInGiB": value(e, vars, 0) }));
            }
            // `volume` blocks (EFS ones with `efs_volume_configuration`) as the API's `volumes`.
            let volumes: Vec<Value> = blocks(b, "volume").map(|v| block_json(v, vars)).collect();
            if !volumes.is_empty() {
                td.insert("volumes".into(), Value::Array(volumes));
            }
            // Every other argument and block as the API's member, for the mapping to read or to
            // list as not mapped (`requires_compatibilities`, roles, placement, tags): none is
            // dropped without a word.
            passthrough(
                b,
                vars,
                &mut td,
                &[
                    "container_definitions", "runtime_platform", "ephemeral_storage", "volume",
                    "lifecycle", "depends_on", "count", "for_each", "provider",
                ],
            );
            if td.get("family").is_none() {
                td.insert("family".into(), json!(name));
            }
            (name.clone(), Value::Object(td), file_of(kind, name))
        })
        .collect();
    // terraform-aws-modules/ecs: the services its module blocks create (label, its module
    // block's label, what it creates, the file).
    let mut from_modules: Vec<(String, String, tf_ecs_module::ModuleService, String)> = Vec::new();
    for (label, part, b) in &module.modules {
        let inputs: Map<String, Value> = b
            .body()
            .attributes()
            .map(|a| (a.key().to_owned(), value(a.expr(), vars, 0)))
            .collect();
        let file = file_of("module", label);
        match part {
            tf_ecs_module::Part::Service => from_modules.push((
                label.clone(),
                label.clone(),
                tf_ecs_module::service(label, &inputs),
                file,
            )),
            // Read where a task definition names its output (`module.<label>.container_definition`);
            // what configures the module itself (its log group, tags) is listed here.
            tf_ecs_module::Part::ContainerDefinition => {
                for (k, v) in &inputs {
                    if tf_ecs_module::module_only(k) && !v.is_null() {
                        draft.skip(
                            format!("{file} module.{label}.{k}"),
                            "an input of the container-definition module itself: akplan writes the log group and tags",
                        );
                    }
                }
            }
            tf_ecs_module::Part::Root => {
                for (key, entry) in inputs
                    .get("services")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    if let Value::Object(entry) = entry {
                        let mut created = tf_ecs_module::service(key, entry);
                        // The module's cluster is the app the services belong to.
                        if let (Some(Value::Object(svc)), Some(cluster)) = (
                            created.service.as_mut(),
                            inputs.get("cluster_name").filter(|c| c.is_string()),
                        ) {
                            svc.insert("cluster".into(), cluster.clone());
                        }
                        from_modules.push((
                            format!("{label}.services.{key}"),
                            label.clone(),
                            created,
                            file.clone(),
                        ));
                    }
                }
            }
        }
    }
    let module_at =
        |label: &str| prefix.join_all(std::iter::once("module").chain(label.split('.')));
    let mut task_files: Vec<EcsFile<'_>> = tasks
        .iter()
        .map(|(name, value, file)| EcsFile {
            name: file,
            root: at("aws_ecs_task_definition", name),
            value: value.clone(),
        })
        .collect();
    task_files.extend(from_modules.iter().map(|(label, _, m, file)| EcsFile {
        name: file,
        root: module_at(label),
        value: m.task.clone(),
    }));
    let family_of = |tf_name: &str| {
        tasks
            .iter()
            .find(|(n, _, _)| n == tf_name)
            .and_then(|(_, v, _)| v.get("family").and_then(Value::as_str).map(str::to_owned))
    };
    let cluster_name = |e: Option<&Expression>| {
        let (kind, name) = reference(e)?;
        let (_, _, b) = module
            .resources
            .iter()
            .find(|(k, n, _)| *k == kind && *n == name)?;
        attr(b, "name").map(|n| value(n, vars, 0))
    };
    // A Cloud Map namespace of the same module, by its name (`namespace = aws_service_discovery_http_namespace.this.arn`).
    let namespace_name = |e: &Expression| {
        let (kind, name) = reference(Some(e))?;
        if !kind.starts_with("aws_service_discovery_") {
            return None;
        }
        let (_, _, b) = module
            .resources
            .iter()
            .find(|(k, n, _)| *k == kind && *n == name)?;
        attr(b, "name").map(|n| value(n, vars, 0))
    };
    let services: Vec<(String, Value, String)> = module
        .of_type("aws_ecs_service")
        .map(|(kind, name, b)| {
            let mut s = Map::new();
            let service_name = attr(b, "name").map_or_else(|| json!(name), |e| value(e, vars, 0));
            names.push(service_name.as_str().unwrap_or(name).to_owned());
            s.insert("serviceName".into(), service_name);
            // The cluster: a cluster resource's name, else a literal (a variable's value, a
            // calling module's cluster name).
            if let Some(c) = cluster_name(attr(b, "cluster")).or_else(|| {
                attr(b, "cluster").map(|e| value(e, vars, 0)).filter(|v| {
                    v.as_str()
                        .is_some_and(|t| !t.is_empty() && !t.contains("${"))
                })
            }) {
                s.insert("cluster".into(), c);
            }
            if let Some(f) = reference(attr(b, "task_definition")).and_then(|(_, n)| family_of(&n))
            {
                s.insert("taskDefinition".into(), json!(f));
            }
            for (tf, api) in [
                ("desired_count", "desiredCount"),
                ("launch_type", "launchType"),
                ("platform_version", "platformVersion"),
                (
                    "health_check_grace_period_seconds",
                    "healthCheckGracePeriodSeconds",
                ),
                ("enable_execute_command", "enableExecuteCommand"),
            ] {
                if let Some(e) = attr(b, tf) {
                    s.insert(api.into(), value(e, vars, 0));
                }
            }
            let strategy: Vec<Value> = blocks(b, "capacity_provider_strategy")
                .map(|c| {
                    json!({
                        "capacityProvider": attr(c, "capacity_provider").map(|e| value(e, vars, 0)),
                        "weight": attr(c, "weight").map(|e| value(e, vars, 0)),
                        "base": attr(c, "base").map(|e| value(e, vars, 0)),
                    })
                })
                .collect();
            if !strategy.is_empty() {
                s.insert("capacityProviderStrategy".into(), Value::Array(strategy));
            }
            let mut dc = Map::new();
            for (tf, api) in [
                (
                    "deployment_minimum_healthy_percent",
                    "minimumHealthyPercent",
                ),
                ("deployment_maximum_percent", "maximumPercent"),
            ] {
                if let Some(e) = attr(b, tf) {
                    dc.insert(api.into(), value(e, vars, 0));
                }
            }
            if let Some(cb) = blocks(b, "deployment_circuit_breaker").next() {
                dc.insert(
                    "deploymentCircuitBreaker".into(),
                    json!({
                        "enable": attr(cb, "enable").map(|e| value(e, vars, 0)),
                        "rollback": attr(cb, "rollback").map(|e| value(e, vars, 0)),
                    }),
                );
            }
            if let Some(a) = blocks(b, "alarms").next() {
                dc.insert(
                    "alarms".into(),
                    json!({ "alarmNames": attr(a, "alarm_names").map(|e| value(e, vars, 0)) }),
                );
            }
            if let Some(d) = blocks(b, "deployment_configuration").next() {
                deployment_6x(d, vars, &mut dc);
            }
            s.insert("deploymentConfiguration".into(), Value::Object(dc));
            if let Some(sc) = blocks(b, "service_connect_configuration").next() {
                s.insert(
                    "serviceConnectConfiguration".into(),
                    service_connect(sc, vars, &namespace_name),
                );
            }
            // Every `load_balancer` block, as the API's `loadBalancers`.
            let lbs: Vec<Value> = blocks(b, "load_balancer")
                .map(|lb| {
                    let mut m = Map::new();
                    for (tf, api) in [
                        ("container_name", "containerName"),
                        ("container_port", "containerPort"),
                        ("target_group_arn", "targetGroupArn"),
                        ("elb_name", "loadBalancerName"),
                    ] {
                        if let Some(e) = attr(lb, tf) {
                            m.insert(api.into(), value(e, vars, 0));
                        }
                    }
                    Value::Object(m)
                })
                .collect();
            if !lbs.is_empty() {
                s.insert("loadBalancers".into(), Value::Array(lbs));
            }
            // `network_configuration`, whatever its values are (a variable's subnets included),
            // so the mapping reads or lists each.
            if let Some(network) = blocks(b, "network_configuration").next() {
                let mut vpc = Map::new();
                for (tf, api) in [
                    ("subnets", "subnets"),
                    ("security_groups", "securityGroups"),
                ] {
                    if let Some(e) = attr(network, tf) {
                        let mut v = value(e, vars, 0);
                        // `["${aws_subnet.private.*.id}"]` is every such subnet, not one: its
                        // source text, so no zone count is read from it.
                        let splat = |x: &Value| {
                            x.as_str()
                                .is_some_and(|t| t.contains(".*") || t.contains("[*]"))
                        };
                        if v.as_array().is_some_and(|items| items.iter().any(splat)) {
                            v = json!(source(e));
                        }
                        vpc.insert(api.into(), v);
                    }
                }
                if let Some(e) = attr(network, "assign_public_ip") {
                    let v = value(e, vars, 0);
                    vpc.insert(
                        "assignPublicIp".into(),
                        match v.as_bool() {
                            Some(true) => json!("ENABLED"),
                            Some(false) => json!("DISABLED"),
                            None => v,
                        },
                    );
                }
                s.insert(
                    "networkConfiguration".into(),
                    json!({ "awsvpcConfiguration": vpc }),
                );
            }
            passthrough(
                b,
                vars,
                &mut s,
                &[
                    "name",
                    "cluster",
                    "task_definition",
                    "desired_count",
                    "launch_type",
                    "platform_version",
                    "health_check_grace_period_seconds",
                    "enable_execute_command",
                    "capacity_provider_strategy",
                    "deployment_minimum_healthy_percent",
                    "deployment_maximum_percent",
                    "deployment_circuit_breaker",
                    "alarms",
                    "deployment_configuration",
                    "load_balancer",
                    "network_configuration",
                    "service_connect_configuration",
                    // Terraform's meta-arguments: nothing of the service.
                    "lifecycle",
                    "depends_on",
                    "count",
                    "for_each",
                    "provider",
                ],
            );
            (name.clone(), Value::Object(s), file_of(kind, name))
        })
        .collect();
    let mut service_files: Vec<EcsFile<'_>> = services
        .iter()
        .map(|(name, value, file)| EcsFile {
            name: file,
            root: at("aws_ecs_service", name),
            value: value.clone(),
        })
        .collect();
    service_files.extend(from_modules.iter().filter_map(|(label, _, m, file)| {
        Some(EcsFile {
            name: file,
            root: module_at(label),
            value: m.service.clone()?,
        })
    }));
    for f in task_files.iter().chain(&service_files) {
        draft
            .ecs_views
            .push((f.name.to_owned(), f.root.to_string(), f.value.clone()));
    }
    ecs::import(draft, &task_files, &service_files);
    for (label, _, m, file) in &from_modules {
        module_extras(draft, label, m, file);
        // `target_group_arn = aws_lb_target_group.api.arn`: that target group's health check.
        let tg = m
            .service
            .as_ref()
            .and_then(|s| s.pointer("/loadBalancers/0/targetGroupArn"))
            .and_then(Value::as_str)
            .and_then(|t| {
                t.trim_start_matches("${")
                    .strip_prefix("aws_lb_target_group.")
            })
            .and_then(|t| t.split('.').next());
        if let Some(tg) = tg {
            let name = m
                .service
                .as_ref()
                .and_then(|s| s.get("serviceName"))
                .and_then(Value::as_str)
                .unwrap_or(label);
            target_group(draft, &module, tg, &ecs::spec_name(name), &file_of);
        }
    }
    extras(draft, &module, &file_of);
}

/// What a terraform-aws-modules/ecs service adds beyond its ECS definitions: the module's
/// defaults named as such, its autoscaling, and the inputs the spec does not carry.
fn module_extras(draft: &mut Draft, label: &str, m: &tf_ecs_module::ModuleService, file: &str) {
    let name = m
        .service
        .as_ref()
        .and_then(|s| s.get("serviceName"))
        .or_else(|| m.task.get("family"))
        .and_then(Value::as_str)
        .unwrap_or(label);
    let svc = ecs::spec_name(name);
    let set = |draft: &mut Draft, field: &str, v: Value, origin: String| {
        let mut path = vec!["services", svc.as_str()];
        path.extend(field.split('/'));
        draft.set(&path, v, origin);
    };
    for (field, v, input) in &m.defaults {
        let written = match v {
            Value::String(s) => format!("\"{s}\""),
            other => other.to_string(),
        };
        let origin = format!(
            "{file} module.{label}: `{input}` not set, the module's default `{input} = {written}` (terraform-aws-modules/ecs)"
        );
        set(draft, field, v.clone(), origin);
    }
    for (field, v, from) in &m.scaling {
        let origin = if from.starts_with("the module's default") {
            format!("{file} module.{label}: {from} (terraform-aws-modules/ecs)")
        } else {
            format!("{file} module.{label}.{from}")
        };
        set(draft, field, v.clone(), origin);
    }
    for (input, why) in &m.unmapped {
        draft.skip(format!("{file} module.{label}.{input}"), why.clone());
    }
}

/// The provider 6.x `deployment_configuration` block as the API's members.
fn deployment_6x(d: &Block, vars: &Map<String, Value>, dc: &mut Map<String, Value>) {
    if let Some(e) = attr(d, "strategy") {
        dc.insert("strategy".into(), value(e, vars, 0));
    }
    if let Some(e) = attr(d, "bake_time_in_minutes") {
        dc.insert("bakeTimeInMinutes".into(), value(e, vars, 0));
    }
    if let Some(l) = blocks(d, "linear_configuration").next() {
        dc.insert("linearConfiguration".into(), json!({
            "stepPercent": attr(l, "step_percent").map(|e| value(e, vars, 0)),
            "stepBakeTimeInMinutes": attr(l, "step_bake_time_in_minutes").map(|e| value(e, vars, 0)),
        }));
    }
    if let Some(c) = blocks(d, "canary_configuration").next() {
        dc.insert("canaryConfiguration".into(), json!({
            "canaryPercent": attr(c, "canary_percent").map(|e| value(e, vars, 0)),
            "canaryBakeTimeInMinutes": attr(c, "canary_bake_time_in_minutes").map(|e| value(e, vars, 0)),
        }));
    }
    let hooks: Vec<Value> = blocks(d, "lifecycle_hook")
        .map(|h| {
            json!({
                "hookTargetArn": attr(h, "hook_target_arn").map(|e| value(e, vars, 0)),
                "lifecycleStages": attr(h, "lifecycle_stages").map(|e| value(e, vars, 0)),
            })
        })
        .collect();
    if !hooks.is_empty() {
        dc.insert("lifecycleHooks".into(), Value::Array(hooks));
    }
}

/// What the target group `tg_name` says of service `svc`: its health check and
/// deregistration delay.
fn target_group(
    draft: &mut Draft,
    module: &Module,
    tg_name: &str,
    svc: &str,
    file_of: &dyn Fn(&str, &str) -> String,
) {
    let vars = &module.variables;
    // `aws_lb_target_group.this[0]` (a `count`ed one) is the block `this`.
    let base = tg_name.split('[').next().unwrap_or(tg_name);
    let Some((_, found, tg)) = module
        .of_type("aws_lb_target_group")
        .find(|(_, n, _)| n == tg_name || n == base)
    else {
        return;
    };
    let from = |field: &str| {
        format!(
            "{} aws_lb_target_group.{tg_name}.{field}",
            file_of("aws_lb_target_group", found)
        )
    };
    let set = |draft: &mut Draft, field: &str, v: Value, origin: String| {
        let mut path = vec!["services", svc];
        path.extend(field.split('/'));
        draft.set(&path, v, origin);
    };
    if let Some(hc) = blocks(tg, "health_check").next() {
        for (tf, to) in [
            ("path", "health_check/path"),
            ("interval", "health_check/interval"),
            ("timeout", "health_check/timeout"),
            ("healthy_threshold", "health_check/healthy_threshold"),
            ("unhealthy_threshold", "health_check/unhealthy_threshold"),
            ("matcher", "health_check/matcher"),
        ] {
            if let Some(e) = attr(hc, tf) {
                let v = value(e, vars, 0);
                let v = if tf == "path" || tf == "matcher" {
                    v
                } else {
                    number(&v).map_or(v, |n| json!(n))
                };
                set(draft, to, v, from(&format!("health_check.{tf}")));
            }
        }
    }
    if let Some(d) = attr(tg, "deregistration_delay")
        .map(|e| value(e, vars, 0))
        .as_ref()
        .and_then(number)
    {
        set(
            draft,
            "deployment/deregistration_delay",
            json!(d),
            from("deregistration_delay"),
        );
    }
}

/// Target groups, scaling, log retention, Container Insights and NAT gateways.
fn extras(draft: &mut Draft, module: &Module, file_of: &dyn Fn(&str, &str) -> String) {
    let vars = &module.variables;
    for (_, name, b) in module.of_type("aws_ecs_service") {
        let svc = attr(b, "name")
            .map(|e| value(e, vars, 0))
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| name.clone());
        let svc = ecs::spec_name(&svc);
        let from =
            |kind: &str, n: &str, field: &str| format!("{} {kind}.{n}.{field}", file_of(kind, n));
        let set = |draft: &mut Draft, field: &str, v: Value, origin: String| {
            let mut path = vec!["services", svc.as_str()];
            path.extend(field.split('/'));
            draft.set(&path, v, origin);
        };
        if let Some((_, tg_name)) = blocks(b, "load_balancer")
            .next()
            .and_then(|lb| reference(attr(lb, "target_group_arn")))
        {
            target_group(draft, module, &tg_name, &svc, file_of);
        }
        let mentions = |e: Option<&Expression>| {
            e.is_some_and(|e| source(e).contains(&format!("aws_ecs_service.{name}.")))
        };
        if let Some((_, target_name, target)) = module
            .of_type("aws_appautoscaling_target")
            .find(|(_, _, t)| mentions(attr(t, "resource_id")))
        {
            for (tf, to) in [
                ("min_capacity", "capacity/min"),
                ("max_capacity", "capacity/max"),
            ] {
                if let Some(n) = attr(target, tf)
                    .map(|e| value(e, vars, 0))
                    .as_ref()
                    .and_then(number)
                {
                    set(
                        draft,
                        to,
                        json!(n),
                        from("aws_appautoscaling_target", target_name, tf),
                    );
                }
            }
            for (_, policy_name, p) in module.of_type("aws_appautoscaling_policy") {
                if !attr(p, "resource_id").is_some_and(|e| {
                    source(e).contains(&format!("aws_appautoscaling_target.{target_name}."))
                }) {
                    continue;
                }
                let Some(c) = blocks(p, "target_tracking_scaling_policy_configuration").next()
                else {
                    continue;
                };
                let metric = blocks(c, "predefined_metric_specification")
                    .next()
                    .and_then(|m| attr(m, "predefined_metric_type"))
                    .map(|e| value(e, vars, 0));
                let field = match metric.as_ref().and_then(Value::as_str) {
                    Some("ECSServiceAverageCPUUtilization") => "cpu_target",
                    Some("ECSServiceAverageMemoryUtilization") => "memory_target",
                    Some("ALBRequestCountPerTarget") => "requests_per_target",
                    _ => continue,
                };
                if let Some(v) = attr(c, "target_value")
                    .map(|e| value(e, vars, 0))
                    .and_then(|v| v.as_f64())
                {
                    set(
                        draft,
                        &format!("autoscaling/{field}"),
                        json!(v),
                        from("aws_appautoscaling_policy", policy_name, "target_value"),
                    );
                }
                for (tf, to) in [
                    ("scale_in_cooldown", "scale_in_cooldown"),
                    ("scale_out_cooldown", "scale_out_cooldown"),
                ] {
                    if let Some(n) = attr(c, tf)
                        .map(|e| value(e, vars, 0))
                        .as_ref()
                        .and_then(number)
                    {
                        set(
                            draft,
                            &format!("autoscaling/{to}"),
                            json!(n),
                            from("aws_appautoscaling_policy", policy_name, tf),
                        );
                    }
                }
            }
        }
        if let Some((_, td_name)) = reference(attr(b, "task_definition"))
            && let Some((_, _, td)) = module
                .of_type("aws_ecs_task_definition")
                .find(|(_, n, _)| *n == td_name)
        {
            let defs = attr(td, "container_definitions")
                .map(|e| value(e, vars, 0))
                .unwrap_or(Value::Null);
            let group = defs
                .pointer("/0/logConfiguration/options/awslogs-group")
                .and_then(Value::as_str)
                .map(str::to_owned);
            if let Some(group) = group
                && let Some((_, lg_name, lg)) =
                    module
                        .of_type("aws_cloudwatch_log_group")
                        .find(|(_, _, l)| {
                            attr(l, "name")
                                .map(|e| value(e, vars, 0))
                                .as_ref()
                                .and_then(Value::as_str)
                                == Some(group.as_str())
                        })
                && let Some(days) = attr(lg, "retention_in_days")
                    .map(|e| value(e, vars, 0))
                    .as_ref()
                    .and_then(number)
            {
                set(
                    draft,
                    "logs/retention_days",
                    json!(days),
                    from("aws_cloudwatch_log_group", lg_name, "retention_in_days"),
                );
            }
        }
    }
    for (_, name, c) in module.of_type("aws_ecs_cluster") {
        let insights = blocks(c, "setting").any(|s| {
            attr(s, "name").map(|e| value(e, vars, 0)) == Some(json!("containerInsights"))
                && attr(s, "value")
                    .map(|e| value(e, vars, 0))
                    .as_ref()
                    .and_then(Value::as_str)
                    .is_some_and(|v| v == "enabled" || v == "enhanced")
        });
        if insights {
            draft.set_on_every_service(
                "container_insights",
                &json!(true),
                &format!(
                    "{} aws_ecs_cluster.{name}.setting",
                    file_of("aws_ecs_cluster", name)
                ),
            );
        }
    }
    if let Some(region) = module.variables.get("aws_region").and_then(Value::as_str)
        && draft
            .value
            .get("region")
            .and_then(Value::as_str)
            .is_none_or(|r| r.contains('<') || r.contains('$'))
    {
        draft.set(
            &["region"],
            json!(region),
            "terraform variable aws_region (its default)",
        );
    }
    // akplan's own `variables.tf` says how many zones the subnets are for.
    if !draft.has(&["availability_zones"])
        && let Some(zones) = module.descriptions.get("private_subnet_ids").and_then(|d| {
            let n = d
                .as_str()?
                .split("one per Availability Zone (")
                .nth(1)?
                .split(')')
                .next()?;
            n.parse::<u64>().ok().filter(|n| (1..=6).contains(n))
        })
    {
        draft.set(
            &["availability_zones"],
            json!(zones),
            "the description of variable private_subnet_ids",
        );
    }
    let nats = module.of_type("aws_nat_gateway").count();
    if nats > 0 {
        draft.set(
            &["nat_gateways"],
            json!(nats),
            format!("{nats} aws_nat_gateway resources"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::load;
    use crate::import::draft::Draft;

    /// A module that calls itself, ten times at every level, is followed a bounded number of
    /// times, and the rest of the calls are listed.
    #[test]
    fn a_module_calling_itself_is_followed_a_bounded_number_of_times() {
        let mut tf = String::from(
            "resource \"aws_ecs_task_definition\" \"t\" {\n  family = \"loop\"\n  cpu = 256\n  memory = 512\n  container_definitions = jsonencode([{ name = \"loop\", image = \"x/y:1\" }])\n}\n",
        );
        for i in 0..10 {
            tf.push_str(&format!("module \"m{i}\" {{\n  source = \"./\"\n}}\n"));
        }
        let mut draft = Draft::default();
        super::import(&mut draft, &[("loop/main.tf", &tf)], &[], &[]);
        assert!(
            draft
                .unmapped
                .iter()
                .any(|u| u.contains("past 64 module calls")),
            "{:?}",
            draft.unmapped.len()
        );
    }

    /// `for_each` over a known map gives one resource per key, named as Terraform does.
    #[test]
    fn for_each_expands_over_a_known_map() {
        let tf = r#"
variable "services" { default = { api = { cpu = 512 }, web = { cpu = 256 } } }
resource "aws_ecs_task_definition" "this" {
  for_each = var.services
  family   = "shop-${each.key}"
  cpu      = each.value.cpu
}
"#;
        let (module, _) = load(&[("main.tf", tf)]);
        let names: Vec<&str> = module
            .resources
            .iter()
            .map(|(_, n, _)| n.as_str())
            .collect();
        assert_eq!(names, [r#"this["api"]"#, r#"this["web"]"#]);
    }

    /// Nested `for` expressions over a large variable are left unevaluated (they would take
    /// 3,000^3 steps), and the resource stays one.
    #[test]
    fn nested_for_expressions_over_a_large_variable_are_not_evaluated() {
        let big: Vec<String> = (0..3000).map(|i| i.to_string()).collect();
        let tf = format!(
            r#"
locals {{ big = [{}] }}
resource "aws_ecs_service" "this" {{
  for_each = {{ for a in local.big : a => [for b in local.big : [for c in local.big : c]] }}
  name     = each.key
}}
"#,
            big.join(", ")
        );
        let (module, _) = load(&[("main.tf", &tf)]);
        assert_eq!(module.resources.len(), 1);
    }
}
