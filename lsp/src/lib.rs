//! `akplan lsp`: a language server over akplan's core, for specs and the ECS task and service
//! definitions `akplan validate` reads.
//!
//! A front end beside the CLI and the page: every diagnostic, number and fix comes from the
//! core's front door (`check_with`, `plan`, `apply_fix`); this crate only turns them into the
//! protocol. Synchronous, on rust-analyzer's `lsp-server`, so the core stays free of threads
//! and async runtimes.

mod actions;
mod complete;
mod complete_json;
mod convert;
mod documents;
mod hover;
mod lens;
pub mod replay;
mod server;
pub mod text;
pub mod transport;

use std::rc::Rc;
use std::time::Duration;

pub use documents::PriceSource;
pub use lens::SHOW_PLAN;
pub use server::{Options, Stop, serve};

/// Options with the built-in price table and no debounce beyond coalescing queued edits.
#[must_use]
pub fn builtin_options() -> Options {
    Options {
        prices: Rc::new(akplan_core::Prices::builtin),
        debounce: Duration::ZERO,
    }
}

/// Serves on stdin and stdout until the client says `exit`.
///
/// # Errors
/// Writing to stdout failed.
pub fn run_stdio(options: Options) -> std::io::Result<Stop> {
    let (connection, threads) = transport::stdio();
    let stop = serve(&connection, options);
    drop(connection);
    threads.join()?;
    Ok(stop)
}
