//! The core's diagnostics as the protocol's.

use akplan_core::{Code, Diagnostic, Document, FixEdit, Pointer, Severity};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location,
    NumberOrString, Uri,
};

use crate::text::LineIndex;

/// The protocol's diagnostic for `d`: the core's code, severity, message and span; the rule's
/// public source as `codeDescription`; the hint as related information at the same place (so
/// every editor shows it under the message); the other places a fix edits (the `cpu` beside a
/// `memory`) as related locations; tags where the code means "remove this".
#[must_use]
pub fn diagnostic(
    d: &Diagnostic,
    uri: &Uri,
    index: &LineIndex<'_>,
    doc: Option<&Document>,
) -> lsp_types::Diagnostic {
    let range = index.range(d.span.start, d.span.end);
    let mut related = Vec::new();
    if !d.hint.is_empty() {
        related.push(DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range),
            message: format!("hint: {}", d.hint),
        });
    }
    if let Some(doc) = doc {
        for place in other_places(d) {
            let pointer = Pointer::parse(&place);
            if doc.get(&pointer).is_some() {
                let span = doc.span_of(&pointer);
                related.push(DiagnosticRelatedInformation {
                    location: Location::new(uri.clone(), index.range(span.start, span.end)),
                    message: format!("the fix also changes `{place}`"),
                });
            }
        }
    }
    lsp_types::Diagnostic {
        range,
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.as_str().to_owned())),
        code_description: d
            .code
            .source_url()
            .and_then(|u| u.parse::<Uri>().ok())
            .map(|href| CodeDescription { href }),
        source: Some("akplan".to_owned()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: tags(d.code),
        data: Some(serde_json::json!({ "pointer": d.path.to_string() })),
    }
}

/// Where a fix's edits other than at the diagnostic itself stand, by pointer.
fn other_places(d: &Diagnostic) -> Vec<String> {
    let mut out: Vec<String> = d
        .fixes
        .iter()
        .flat_map(|f| &f.edits)
        .map(|e| match e {
            FixEdit::Set { path, .. } | FixEdit::Remove { path } | FixEdit::Rename { path, .. } => {
                path.to_string()
            }
        })
        .filter(|p| *p != d.path.to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Note => DiagnosticSeverity::INFORMATION,
    }
}

/// `deprecated` for deprecated API members; `unnecessary` (shown faded) for what AWS's tools
/// drop or ignore.
fn tags(code: Code) -> Option<Vec<DiagnosticTag>> {
    match code {
        Code::ApiDeprecated => Some(vec![DiagnosticTag::DEPRECATED]),
        Code::NullValues | Code::ReadOnlyFields | Code::StrategySettingIgnored => {
            Some(vec![DiagnosticTag::UNNECESSARY])
        }
        _ => None,
    }
}
