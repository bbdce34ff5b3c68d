//! akplan's core: read an ECS Fargate service spec, validate it, plan it and emit code for it.
//!
//! Pure and portable: text in, data out; no I/O, clock, threads or printing, so the same code
//! runs in the `akplan` CLI and, compiled to WebAssembly, in the browser.

mod check;
mod codes;
pub mod diagnostic;
pub mod document;
pub mod ecs_api;
pub mod edit;
pub mod emit;
pub mod examples;
pub mod facts;
pub mod lines;
pub mod names;
pub mod placeholder;
pub mod plan;
pub mod pointer;
pub mod present;
pub mod pricing;
pub mod rules;
pub mod schema;
pub mod servicedef;
pub mod share;
pub mod spec;
mod starter;
mod suppress;
pub mod task;
pub mod taskdef;
pub mod units;

pub use check::{CheckOptions, Checked, FileKind, check, check_spec, check_with};
pub use diagnostic::{Code, Diagnostic, Severity};
pub use document::Format;
pub use lines::{Lines, Position, Span};
pub use pointer::Pointer;
pub use spec::Spec;
pub use starter::STARTER_SPEC;
