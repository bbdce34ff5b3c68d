//! Code lenses: each service's plan in one line above it.

use akplan_core::present::service_line;
use akplan_core::{Document, Pointer};
use lsp_types::{CodeLens, Command};

use crate::documents::Analysis;
use crate::text::LineIndex;

/// The command a lens names: the VS Code extension shows the service's plan; other editors show
/// the title only.
pub const SHOW_PLAN: &str = "akplan.showPlan";

/// One lens per planned service, on its key.
#[must_use]
pub fn lenses(analysis: &Analysis, text: &str, index: &LineIndex<'_>) -> Vec<CodeLens> {
    let Some((plan, _)) = &analysis.plan else {
        return Vec::new();
    };
    let Ok((doc, _)) = Document::parse(text, analysis.format) else {
        return Vec::new();
    };
    plan.services
        .iter()
        .filter_map(|s| {
            let path = Pointer::root().join("services").join(&s.name);
            doc.get(&path)?;
            let key = doc.key_span_of(&path);
            Some(CodeLens {
                range: index.range(key.start, key.end),
                command: Some(Command {
                    title: service_line(s),
                    command: SHOW_PLAN.to_owned(),
                    arguments: Some(vec![serde_json::Value::String(s.name.clone())]),
                }),
                data: None,
            })
        })
        .collect()
}
