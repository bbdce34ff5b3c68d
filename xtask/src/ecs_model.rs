//! `cargo xtask ecs-model [--check] [--model PATH]`: writes `core/data/ecs-api.json`, the input
//! shapes of `RegisterTaskDefinition`, `CreateService`, `UpdateService` and
//! `CreateExpressGatewayService` (ECS Express Mode) from botocore's ECS
//! service model (`botocore/data/ecs/2014-11-13/service-2.json`, Apache-2.0).
//!
//! Only what validation needs is kept: types, members, required members, enums, `min`/`max`
//! and deprecation; documentation and patterns are dropped. One shape per line, sorted by name,
//! so a botocore upgrade shows as a readable diff. `--check` fails when the committed file is
//! not what the installed botocore gives (CI runs it with botocore pinned in
//! `tests/requirements.txt`).

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Map, Value, json};

/// The operations whose input akplan checks.
const OPERATIONS: [&str; 4] = [
    "RegisterTaskDefinition",
    "CreateService",
    "UpdateService",
    "CreateExpressGatewayService",
];

/// Where the generated file lives, relative to the repository root.
pub const OUTPUT: &str = "core/data/ecs-api.json";

/// Runs the generator with the command line's arguments (after `ecs-model`).
pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let check = args.iter().any(|a| a == "--check");
    let explicit = args
        .iter()
        .position(|a| a == "--model")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let (model_path, version) = match explicit {
        Some(path) => (path, "unknown".to_owned()),
        None => locate()?,
    };
    let model = read_model(&model_path)?;
    let text = generate(&model, &version)?;
    let out = root.join(OUTPUT);
    if check {
        let committed = std::fs::read_to_string(&out).unwrap_or_default();
        if committed != text {
            return Err(format!(
                "{OUTPUT} is not what botocore {version} gives: run `cargo xtask ecs-model` and commit it"
            ));
        }
        println!("{OUTPUT} is current for botocore {version}");
        return Ok(());
    }
    std::fs::write(&out, text).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("wrote {OUTPUT} from botocore {version}");
    Ok(())
}

/// botocore's model file and version, found through the machine's `python3`.
fn locate() -> Result<(PathBuf, String), String> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import botocore, os; print(botocore.__version__); print(os.path.dirname(botocore.__file__))",
        ])
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if !out.status.success() {
        return Err(
            "botocore is not installed: run `pip install -r tests/requirements.txt` (or pass --model PATH)"
                .to_owned(),
        );
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    let version = lines.next().unwrap_or_default().trim().to_owned();
    let dir = PathBuf::from(lines.next().unwrap_or_default().trim())
        .join("data")
        .join("ecs")
        .join("2014-11-13");
    for name in ["service-2.json", "service-2.json.gz"] {
        if dir.join(name).exists() {
            return Ok((dir.join(name), version));
        }
    }
    Err(format!("no ECS service model in {}", dir.display()))
}

fn read_model(path: &Path) -> Result<Value, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = if path.extension().is_some_and(|e| e == "gz") {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_string(&mut text)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        text
    } else {
        String::from_utf8(bytes).map_err(|e| format!("{}: {e}", path.display()))?
    };
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The compact model: the operations' input shapes and every shape they reach.
fn generate(model: &Value, version: &str) -> Result<String, String> {
    let shapes = model
        .get("shapes")
        .and_then(Value::as_object)
        .ok_or("the model has no shapes")?;
    let mut operations = Map::new();
    let mut todo = Vec::new();
    for op in OPERATIONS {
        let input = model
            .pointer(&format!("/operations/{op}/input/shape"))
            .and_then(Value::as_str)
            .ok_or_else(|| format!("the model has no operation {op}"))?;
        operations.insert(op.to_owned(), json!(input));
        todo.push(input.to_owned());
    }
    let mut kept: BTreeMap<String, Value> = BTreeMap::new();
    while let Some(name) = todo.pop() {
        if kept.contains_key(&name) {
            continue;
        }
        let shape = shapes
            .get(&name)
            .ok_or_else(|| format!("the model has no shape {name}"))?;
        let (compact, reached) = compact(shape);
        todo.extend(reached);
        kept.insert(name, compact);
    }
    let header = json!({
        "source": format!("botocore {version}, botocore/data/ecs/2014-11-13/service-2.json (Apache-2.0)"),
        "operations": operations,
    });
    let mut text = String::from("{\n");
    for (key, value) in header.as_object().into_iter().flatten() {
        text.push_str(&format!("\"{key}\": {value},\n"));
    }
    text.push_str("\"shapes\": {\n");
    let lines: Vec<String> = kept
        .iter()
        .map(|(name, shape)| format!("\"{name}\": {shape}"))
        .collect();
    text.push_str(&lines.join(",\n"));
    text.push_str("\n}\n}\n");
    Ok(text)
}

/// One shape without documentation, and the names of the shapes it refers to.
fn compact(shape: &Value) -> (Value, Vec<String>) {
    let mut out = Map::new();
    let mut reached = Vec::new();
    let target = |v: &Value| v.get("shape").and_then(Value::as_str).map(str::to_owned);
    for key in [
        "type",
        "required",
        "enum",
        "min",
        "max",
        "deprecated",
        "document",
    ] {
        if let Some(v) = shape.get(key) {
            out.insert(key.to_owned(), v.clone());
        }
    }
    if let Some(members) = shape.get("members").and_then(Value::as_object) {
        let mut compact_members = Map::new();
        let mut deprecated = Vec::new();
        for (name, member) in members {
            if let Some(t) = target(member) {
                compact_members.insert(name.clone(), json!(t));
                reached.push(t);
            }
            if member.get("deprecated").and_then(Value::as_bool) == Some(true) {
                deprecated.push(json!(name));
            }
        }
        out.insert("members".to_owned(), Value::Object(compact_members));
        if !deprecated.is_empty() {
            out.insert("deprecated_members".to_owned(), Value::Array(deprecated));
        }
    }
    for key in ["member", "key", "value"] {
        if let Some(t) = shape.get(key).and_then(target) {
            out.insert(key.to_owned(), json!(t));
            reached.push(t);
        }
    }
    (Value::Object(out), reached)
}
