//! The commented starter spec `akplan init` writes.

/// A complete, valid spec with every section explained; tests keep it free of diagnostics.
pub const STARTER_SPEC: &str = include_str!("starter.yaml");
