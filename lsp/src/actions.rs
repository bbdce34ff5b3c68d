//! Code actions: the core's fixes as edits, inline suppressions, the plan's what-ifs, and
//! "fix all" for the safe fixes. Every edit is computed by the core on the text (`apply_fix`,
//! `set_value`) and sent as the one change between the two texts.

// lsp-types' `Uri` hashes and compares its text; its cached parts never change that.
#![allow(clippy::mutable_key_type)]

use std::collections::HashMap;

use akplan_core::{Diagnostic, Document, FileKind, Format, Pointer, apply_fix, set_value};
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, Uri, WorkspaceEdit};

use crate::convert;
use crate::documents::Analysis;
use crate::text::{Encoding, LineIndex, edit_between};

/// The kind of akplan's "fix all".
pub const FIX_ALL: &str = "source.fixAll.akplan";

/// The document a request is about.
pub struct Target<'a> {
    /// Its URI.
    pub uri: &'a Uri,
    /// Its text.
    pub text: &'a str,
    /// What the core says of it.
    pub analysis: &'a Analysis,
    /// Position encoding.
    pub encoding: Encoding,
}

impl Target<'_> {
    fn edit(&self, new_text: &str) -> Option<WorkspaceEdit> {
        let edit = edit_between(self.text, new_text, self.encoding)?;
        Some(workspace_edit(self.uri, vec![edit]))
    }
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// Every action for the bytes `start..end`, of the kinds `only` allows (all when `None`).
#[must_use]
pub fn actions(
    t: &Target<'_>,
    (start, end): (usize, usize),
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let wants = |kind: &CodeActionKind| {
        only.is_none_or(|o| {
            o.iter().any(|k| {
                kind.as_str() == k.as_str()
                    || kind.as_str().starts_with(&format!("{}.", k.as_str()))
            })
        })
    };
    let index = LineIndex::new(t.text, t.encoding);
    let doc = Document::parse(t.text, t.analysis.format)
        .ok()
        .map(|(d, _)| d);
    let mut out = Vec::new();
    let here: Vec<&Diagnostic> = t
        .analysis
        .checked
        .diagnostics
        .iter()
        .filter(|d| d.span.start <= end && start <= d.span.end.max(d.span.start + 1))
        .collect();
    if wants(&CodeActionKind::QUICKFIX) {
        for d in &here {
            let shown = convert::diagnostic(d, t.uri, &index, doc.as_ref());
            for (i, fix) in d.fixes.iter().enumerate() {
                let Some(edit) = apply_fix(t.text, t.analysis.format, fix)
                    .ok()
                    .and_then(|new| t.edit(&new))
                else {
                    continue;
                };
                out.push(action(
                    format!("{} ({})", fix.title, d.code),
                    CodeActionKind::QUICKFIX,
                    edit,
                    Some(vec![shown.clone()]),
                    i == 0,
                ));
            }
            if let Some(edit) = suppress(t, &index, d) {
                out.push(action(
                    format!("Ignore {} on this line", d.code),
                    CodeActionKind::QUICKFIX,
                    edit,
                    Some(vec![shown.clone()]),
                    false,
                ));
            }
        }
    }
    if wants(&CodeActionKind::REFACTOR_REWRITE) {
        out.extend(what_ifs(t, doc.as_ref(), (start, end)));
    }
    let fix_all_wanted = only.map_or_else(
        || t.analysis.checked.diagnostics.iter().any(has_safe_fix),
        |o| o.iter().any(|k| FIX_ALL.starts_with(k.as_str())),
    );
    if fix_all_wanted
        && let Some(edit) = fix_all_text(t.text, t.analysis).and_then(|new| t.edit(&new))
    {
        out.push(action(
            "Fix all safe akplan problems".to_owned(),
            CodeActionKind::from(FIX_ALL),
            edit,
            None,
            false,
        ));
    }
    out
}

fn has_safe_fix(d: &Diagnostic) -> bool {
    d.fixes.iter().any(|f| f.safe)
}

/// The text with every safe fix applied, in file order; `None` when there is none.
#[must_use]
pub fn fix_all_text(text: &str, analysis: &Analysis) -> Option<String> {
    let mut out = text.to_owned();
    let mut changed = false;
    for fix in analysis
        .checked
        .diagnostics
        .iter()
        .flat_map(|d| &d.fixes)
        .filter(|f| f.safe)
    {
        if let Ok(next) = apply_fix(&out, analysis.format, fix) {
            changed |= next != out;
            out = next;
        }
    }
    changed.then_some(out)
}

fn action(
    title: String,
    kind: CodeActionKind,
    edit: WorkspaceEdit,
    diagnostics: Option<Vec<lsp_types::Diagnostic>>,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics,
        edit: Some(edit),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// `# akplan: ignore[CODE]` for the diagnostic's line (YAML only: JSON has no comments). A
/// line that already has a suppression gets the code added to it; a line with another comment
/// gets the suppression alone on the line above, which speaks for the next line.
fn suppress(t: &Target<'_>, index: &LineIndex<'_>, d: &Diagnostic) -> Option<WorkspaceEdit> {
    if t.analysis.format != Format::Yaml {
        return None;
    }
    let line_no = index.position(d.span.start).line as usize;
    let line = index.line(line_no);
    let line_start = index.line_start(line_no);
    let code = d.code.as_str();
    let (at, insert) = if let Some(open) = line.find("akplan: ignore[") {
        let close = line[open..].find(']')? + open;
        (close, format!(", {code}"))
    } else if line.contains(" #") || line.trim_start().starts_with('#') {
        let indent = line.len() - line.trim_start().len();
        (0, format!("{}# akplan: ignore[{code}]\n", &line[..indent]))
    } else {
        (line.len(), format!("  # akplan: ignore[{code}]"))
    };
    let offset = line_start + at;
    Some(workspace_edit(
        t.uri,
        vec![TextEdit::new(index.range(offset, offset), insert)],
    ))
}

/// The plan's what-ifs for the services the range touches.
fn what_ifs(
    t: &Target<'_>,
    doc: Option<&Document>,
    (start, end): (usize, usize),
) -> Vec<CodeActionOrCommand> {
    let (Some(doc), Some((plan, _)), FileKind::Spec) =
        (doc, t.analysis.plan.as_ref(), t.analysis.checked.kind)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for service in &plan.services {
        let Some(node) = doc.get(&Pointer::root().join("services").join(&service.name)) else {
            continue;
        };
        let key = doc.key_span_of(&Pointer::root().join("services").join(&service.name));
        let (from, to) = (key.start.min(node.span.start), node.span.end);
        if !(from <= end && start <= to) {
            continue;
        }
        for w in &service.deployment.what_ifs {
            let mut text = t.text.to_owned();
            let mut ok = true;
            for e in &w.edits {
                match set_value(&text, t.analysis.format, &Pointer::parse(&e.path), &e.value) {
                    Ok(next) => text = next,
                    Err(_) => ok = false,
                }
            }
            let Some(edit) = ok.then(|| t.edit(&text)).flatten() else {
                continue;
            };
            out.push(action(
                format!(
                    "{}: {} (saves {} per deployment)",
                    service.name,
                    w.change,
                    akplan_core::present::duration(w.seconds_saved)
                ),
                CodeActionKind::REFACTOR_REWRITE,
                edit,
                None,
                false,
            ));
        }
    }
    out
}
