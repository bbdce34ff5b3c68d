//! Turning checked files into text: human (rustc-style), JSON, SARIF 2.1.0, GitHub annotations.

mod github;
mod human;
mod json;
mod sarif;

use akplan_core::Severity;
use clap::ValueEnum;

use crate::repo::Root;
use crate::validate::FileReport;

/// Output formats of `akplan validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// rustc-style diagnostics with the source line and a caret.
    Human,
    /// One JSON document (docs/cli.md lists its keys).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...`).
    Github,
}

/// Renders every report in `format`; SARIF and GitHub paths are relative to `root`.
#[must_use]
pub fn render(format: OutputFormat, reports: &[FileReport], color: bool, root: &Root) -> String {
    match format {
        OutputFormat::Human => human::render(reports, color),
        OutputFormat::Json => json::render(reports),
        OutputFormat::Sarif => sarif::render(reports, root),
        OutputFormat::Github => github::render(reports),
    }
}

/// Errors and warnings over all reports (notes are neither).
#[must_use]
pub fn counts(reports: &[FileReport]) -> (usize, usize) {
    let all = reports.iter().flat_map(|r| &r.checked.diagnostics);
    let count = |s: Severity| all.clone().filter(|d| d.severity == s).count();
    (count(Severity::Error), count(Severity::Warning))
}

/// A path with forward slashes, as SARIF, GitHub and JSON consumers expect.
#[must_use]
pub fn slash_path(report: &FileReport) -> String {
    report.path.to_string_lossy().replace('\\', "/")
}
