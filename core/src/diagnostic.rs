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
    /// The hint as edits, where it names a definite change ([`crate::apply_fix`] applies one).
    /// Only with the `fixes` feature: the web page, which applies no fix, leaves it out to stay
    /// small.
    #[cfg(feature = "fixes")]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<Fix>,
}

/// A hint as a change to the file: what an editor's quick fix applies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fix {
    /// What the change does, e.g. "Set the size to 1024 CPU / 2 GB".
    pub title: String,
    /// Safe to apply without reading it ("fix all"): it removes only what AWS's tools remove
    /// anyway, never changes a value the user chose.
    pub safe: bool,
    /// The changes, applied together.
    pub edits: Vec<FixEdit>,
}

/// One change of a [`Fix`], by JSON pointer: the text is edited where the value stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum FixEdit {
    /// Set the scalar at `path` (added under its parent when missing).
    Set {
        /// Where.
        path: Pointer,
        /// The new value.
        value: Scalar,
    },
    /// Remove the member at `path` with its key.
    Remove {
        /// Where.
        path: Pointer,
    },
    /// Rename the key at the end of `path`.
    Rename {
        /// The member to rename.
        path: Pointer,
        /// The new key.
        to: String,
    },
}

/// A value a fix writes; quoted as the file's format and the value it replaces require.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Scalar {
    /// A whole number (written as a JSON string where the file had a string there, as task
    /// definitions' `cpu` and `memory`).
    Number(u64),
    /// Text.
    Text(String),
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
            #[cfg(feature = "fixes")]
            fixes: Vec::new(),
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
    /// The hint as edits (only with the `fixes` feature).
    #[cfg(feature = "fixes")]
    pub fixes: Vec<Fix>,
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
            #[cfg(feature = "fixes")]
            fixes: Vec::new(),
        }
    }

    /// Adds the fix `make` builds. Only with the `fixes` feature (the CLI and the language
    /// server); the page, which shows hints but applies none, never builds them.
    #[must_use]
    pub fn with_fix(mut self, make: impl FnOnce() -> Fix) -> Self {
        #[cfg(feature = "fixes")]
        self.fixes.push(make());
        #[cfg(not(feature = "fixes"))]
        let _ = (make, &mut self);
        self
    }

    /// [`Finding::with_fixes`] in place.
    pub fn add_fixes(&mut self, make: impl FnOnce() -> Vec<Fix>) {
        #[cfg(feature = "fixes")]
        self.fixes.extend(make());
        #[cfg(not(feature = "fixes"))]
        let _ = make;
    }

    /// Adds every fix `make` builds (see [`Finding::with_fix`]).
    #[must_use]
    pub fn with_fixes(mut self, make: impl FnOnce() -> Vec<Fix>) -> Self {
        #[cfg(feature = "fixes")]
        self.fixes.extend(make());
        #[cfg(not(feature = "fixes"))]
        let _ = (make, &mut self);
        self
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
        #[cfg(feature = "fixes")]
        {
            d.fixes = self.fixes;
        }
        d
    }
}
