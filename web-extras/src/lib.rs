//! The page's second module: what a user reaches only by acting on the page (importing a pasted
//! file, comparing with a pinned baseline, downloading a zip). The page loads it the first time
//! one of these is used, so its first load does not carry the importers, the diff or the zip
//! writer (issue 20; `cargo xtask size` prints both modules).
//!
//! It also runs the Terraform and CDK printers (the page shows those tabs from here).
//!
//! Text in, text or bytes out: the page passes what the user has (the editor's text, the
//! generated files) and shows what comes back. Each function is the core's own, as in the CLI.

mod compare;

use akplan_core::{Artifact, Assumptions, Format, Source, Target, import, recognise};
use wasm_bindgen::prelude::wasm_bindgen;

/// Imports `text` (an ECS, CloudFormation, Terraform or Copilot file the core recognises) as a
/// spec: JSON `{"yaml": "...", "unmapped": ["..."]}`, or `{"error": "..."}`.
#[wasm_bindgen]
#[must_use]
pub fn import_file(text: &str) -> String {
    let Some(kind) = recognise(text) else {
        return serde_json::json!({ "error": "not a file akplan can import" }).to_string();
    };
    let sources = [Source {
        name: kind.file_name(),
        text,
    }];
    match import(&sources, None) {
        Ok(imported) => {
            serde_json::json!({ "yaml": imported.yaml, "unmapped": imported.unmapped }).to_string()
        }
        Err(why) => serde_json::json!({ "error": why }).to_string(),
    }
}

/// The compare panel's body (HTML) for `text` against `baseline`, both specs as the editor
/// holds them.
#[wasm_bindgen]
#[must_use]
pub fn compare_html(baseline: &str, text: &str, prices: &str) -> String {
    let file = prices_of(prices);
    let analyze = |t: &str| match &file {
        Some(f) => {
            akplan_core::analyze_api_inputs_priced(t, Format::Yaml, Assumptions::default(), f)
        }
        None => akplan_core::analyze(t, Format::Yaml, Assumptions::default()),
    };
    compare::html(&analyze(baseline), &analyze(text))
}

/// The page's prices file (akplan's format, as the page keeps it), when `json` is one.
fn prices_of(json: &str) -> Option<akplan_core::PriceFile> {
    (!json.is_empty())
        .then(|| akplan_core::PriceFile::parse(json).ok())
        .flatten()
}

/// A prices file dropped on the page (akplan's `prices.json`, or one AWS Price List offer or
/// Savings Plans `index.json`) as akplan's prices file: JSON `{"file": "<prices.json>",
/// "regions": [...]}`, or `{"error": "..."}`. Read as `akplan prices build` reads it; every
/// number is checked (the file may come from anyone).
#[wasm_bindgen]
#[must_use]
pub fn price_file(text: &str) -> String {
    let file = if text.contains(akplan_core::PRICE_FILE_FORMAT) && !text.contains("\"offerCode\"") {
        akplan_core::PriceFile::parse(text)
    } else {
        akplan_core::offer::read_str(text, None).map(|offer| {
            let mut f = akplan_core::PriceFile::new();
            f.add(&offer);
            f
        })
    };
    match file {
        Ok(f) if f.regions.values().any(|r| !r.is_empty()) => {
            let regions: Vec<&String> = f.regions.keys().collect();
            serde_json::json!({ "file": f.to_json(), "regions": regions }).to_string()
        }
        Ok(_) => serde_json::json!({ "error": "the file has no figure akplan bills" }).to_string(),
        Err(why) => serde_json::json!({ "error": why }).to_string(),
    }
}

/// The generated files of `target` (`terraform`, `cdk`, or `all` for every target) for the spec
/// `text`: JSON `[[path, contents], ...]`, empty when the spec has errors. The page emits the
/// task-definition and service inputs itself on every edit; these printers load on demand.
#[wasm_bindgen]
#[must_use]
pub fn emit_files(text: &str, target: &str) -> String {
    let targets: &[Target] = match target {
        "terraform" => &[Target::Terraform],
        "cdk" => &[Target::Cdk],
        _ => &Target::ALL,
    };
    let checked = akplan_core::check_spec(text, Format::Yaml);
    let files = checked.model.map_or_else(Vec::new, |app| {
        let plan = akplan_core::plan(
            &app,
            Assumptions::default(),
            &akplan_core::Prices::builtin(&app.region),
        );
        akplan_core::emit(&app, &plan, targets)
    });
    let pairs: Vec<(&str, &str)> = files
        .iter()
        .map(|f| (f.path.as_str(), f.contents.as_str()))
        .collect();
    serde_json::to_string(&pairs).unwrap_or_default()
}

/// The plan of the spec `text` as `akplan plan --format markdown` (`kind` `markdown`) or `csv`
/// prints it, with the page's prices file (`prices`, akplan's format; empty: akplan's table);
/// empty when the spec has errors. The page's Export
/// panel asks for it when opened or used, so the report printers are not in its first load.
#[wasm_bindgen]
#[must_use]
pub fn export_text(text: &str, kind: &str, prices: &str) -> String {
    use akplan_core::present::{ReportStyle, cost_csv, report};
    let analysis = match prices_of(prices) {
        Some(f) => {
            akplan_core::analyze_api_inputs_priced(text, Format::Yaml, Assumptions::default(), &f)
        }
        None => akplan_core::analyze_api_inputs(text, Format::Yaml, Assumptions::default()),
    };
    analysis.plan.map_or_else(String::new, |plan| {
        if kind == "csv" {
            cost_csv(&plan)
        } else {
            report(&plan, ReportStyle::Markdown)
        }
    })
}

/// A zip of `files` (JSON `[[path, contents], ...]`) under `folder`, as `akplan emit` lays them
/// out; an empty array when the JSON is not that shape or the zip cannot be written.
#[wasm_bindgen]
#[must_use]
pub fn zip_files(files: &str, folder: &str) -> Vec<u8> {
    let Ok(pairs) = serde_json::from_str::<Vec<(String, String)>>(files) else {
        return Vec::new();
    };
    let artifacts: Vec<Artifact> = pairs
        .into_iter()
        .map(|(path, contents)| Artifact { path, contents })
        .collect();
    akplan_core::zip(&artifacts, folder).unwrap_or_default()
}
