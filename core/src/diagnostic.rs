//! The one diagnostic type every stage reports, and what a front end needs to show it.

use serde::Serialize;

pub use crate::codes::{Code, Severity};
use crate::lines::{Lines, Position, Span};
use crate::pointer::Pointer;

/// One problem in one file. Plain data: front ends render it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `AKP010`.
    pub code: Code,
    /// How bad it is (fixed per code).
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// JSON pointer to the offending key or value.
    pub path: Pointer,
    /// Byte span of the offending key or value.
    pub span: Span,
    /// How to fix it.
    pub hint: String,
    /// Where the span starts, filled in by [`Diagnostic::locate`].
    pub start: Option<Position>,
    /// Where the span ends (exclusive), filled in by [`Diagnostic::locate`].
    pub end: Option<Position>,
}

impl Diagnostic {
    /// A diagnostic with the severity of its code and no position yet.
    pub fn new(
        code: Code,
        message: impl Into<String>,
        path: Pointer,
        span: Span,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            code,
            severity: code.severity(),
            message: message.into(),
            path,
            span,
            hint: hint.into(),
            start: None,
            end: None,
        }
    }

    /// Fills in the line and column of the span's start and end.
    pub fn locate(&mut self, lines: &Lines<'_>) {
        self.start = Some(lines.position(self.span.start));
        self.end = Some(lines.position(self.span.end));
    }

    /// Whether this diagnostic fails validation on its own.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A finding of a rule before the document gives it a span: a code, a path and words.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Stable code.
    pub code: Code,
    /// Its severity: the code's, unless the rule lowered it ([`Finding::lowered_to`]).
    pub severity: Severity,
    /// Where in the document.
    pub path: Pointer,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl Finding {
    /// A finding of `code` at `path`.
    pub fn new(
        code: Code,
        path: &Pointer,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            code,
            severity: code.severity(),
            path: path.clone(),
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// The same finding at a lower severity, where the same fact means less (a secret-looking name
    /// in a task definition AWS accepts, versus in a spec akplan would emit).
    #[must_use]
    pub fn lowered_to(mut self, severity: Severity) -> Self {
        self.severity = self.severity.min(severity);
        self
    }

    /// The diagnostic this finding becomes at `span`.
    #[must_use]
    pub fn at(self, span: Span) -> Diagnostic {
        let mut d = Diagnostic::new(self.code, self.message, self.path, span, self.hint);
        d.severity = self.severity;
        d
    }
}
