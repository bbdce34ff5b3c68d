//! rustc/ruff-style output: `error[AKP010]: ...`, `--> file:line:col`, the line and a caret.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Chars, Config, termcolor::Buffer};

use akplan_core::Severity;

use super::counts;
use crate::validate::FileReport;

/// Renders all reports and a closing summary line.
#[must_use]
pub fn render(reports: &[FileReport], color: bool) -> String {
    let config = Config {
        chars: Chars::ascii(),
        ..Config::default()
    };
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    for report in reports {
        let name = printable(&report.path.to_string_lossy());
        let source = masked(&inert(&report.text), &report.checked.diagnostics);
        let file = SimpleFile::new(name.as_str(), source.as_str());
        for d in &report.checked.diagnostics {
            let level = match d.severity {
                Severity::Error => Level::Error,
                Severity::Warning => Level::Warning,
                Severity::Note => Level::Note,
            };
            let end = d.span.end.max(d.span.start + 1).min(report.text.len());
            let start = d.span.start.min(end);
            let path = d.path.to_string();
            let label = Label::primary((), start..end).with_message(if path.is_empty() {
                "here".to_owned()
            } else {
                printable(&path)
            });
            let diagnostic = Report::new(level)
                .with_code(d.code.as_str())
                .with_message(printable(&d.message))
                .with_labels(vec![label])
                .with_notes(vec![format!("help: {}", printable(&d.hint))]);
            if term::emit_to_write_style(&mut buffer, &config, &file, &diagnostic).is_err() {
                // An empty or unreadable file has no line to show: fall back to one line.
                let pos = d.start.map_or((1, 1), |p| (p.line, p.column));
                let line = format!(
                    "{}[{}]: {}\n  --> {name}:{}:{}\n  = help: {}\n\n",
                    d.severity,
                    d.code,
                    printable(&d.message),
                    pos.0,
                    pos.1,
                    printable(&d.hint)
                );
                let _ = std::io::Write::write_all(&mut buffer, line.as_bytes());
            }
        }
    }
    let mut out = String::from_utf8_lossy(buffer.as_slice()).into_owned();
    let (errors, warnings) = counts(reports);
    let files = reports.len();
    out.push_str(&format!(
        "{}: {errors} error{}, {warnings} warning{} in {files} file{}\n",
        if errors > 0 { "failed" } else { "checked" },
        plural(errors),
        plural(warnings),
        plural(files),
    ));
    out
}

/// User text (key names, values, paths) with control characters shown escaped (`\u{1b}`), so a
/// file cannot retitle or clear the terminal, or start a line that a CI log reads as a command.
#[must_use]
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// The file's text for the source excerpt, with every control character but line breaks and tabs
/// replaced by `?` of the same byte length, so spans still point at the same bytes.
fn inert(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let keep = !c.is_control() || matches!(c, '\n' | '\r' | '\t');
            let (c, n) = if keep { (c, 1) } else { ('?', c.len_utf8()) };
            std::iter::repeat_n(c, n)
        })
        .collect()
}

/// The source with the values of secret findings starred out, so the excerpt under a diagnostic
/// never shows a credential (the message itself shows only its kind, start and length).
fn masked(text: &str, diagnostics: &[akplan_core::Diagnostic]) -> String {
    use akplan_core::Code;
    let mut bytes = text.as_bytes().to_vec();
    for d in diagnostics {
        if !matches!(
            d.code,
            Code::SecretValue | Code::SecretInEnvironment | Code::MalformedSecretRef
        ) {
            continue;
        }
        let end = d.span.end.min(bytes.len());
        for b in bytes.iter_mut().take(end).skip(d.span.start) {
            if !matches!(*b, b'\n' | b'\r') {
                *b = b'*';
            }
        }
    }
    // Starring whole bytes may split a multi-byte character: show it replaced, never panic.
    String::from_utf8_lossy(&bytes).into_owned()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(
            printable("a\u{1b}]0;x\u{7}\n::error"),
            "a\\u{1b}]0;x\\u{7}\\n::error"
        );
        let text = "k: \"\u{1b}[2J\u{85}\"\n";
        let safe = inert(text);
        assert_eq!(safe.len(), text.len());
        assert!(!safe.chars().any(|c| c.is_control() && c != '\n'));
    }
}
