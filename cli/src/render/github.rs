//! `--format github`: GitHub Actions workflow commands that annotate the pull request.

use akplan_core::Severity;

use super::counts;
use crate::validate::FileReport;

/// Renders one `::error`/`::warning`/`::notice` command per diagnostic, with the file's path
/// relative to the repository root (GitHub resolves `file=` from there).
#[must_use]
pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let file = property(&r.location.path);
        for d in &r.checked.diagnostics {
            let (start, end) = match (d.start, d.end) {
                (Some(s), Some(e)) => (s, e),
                _ => continue,
            };
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            out.push_str(&format!(
                "::{command} file={file},line={},col={},endLine={},endColumn={},title={}::{}\n",
                start.line,
                start.column,
                end.line,
                end.column,
                property(&format!("{} {}", d.code, d.code.title())),
                data(&format!("{}\n{}", d.message, d.hint)),
            ));
        }
    }
    let (errors, warnings) = counts(reports);
    out.push_str(&format!(
        "akplan: {errors} errors, {warnings} warnings in {} files\n",
        reports.len()
    ));
    out
}

/// Escapes a workflow command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
