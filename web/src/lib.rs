//! The web planner's front end. Until the Leptos page lands (its own issue), this crate only
//! proves that the page's one dependency, `akplan-core`, links: the page will call the same
//! functions as the CLI.

/// The number of diagnostics the core reports for `text`, as the page will show them.
#[must_use]
pub fn diagnostic_count(text: &str) -> usize {
    akplan_core::check(text, akplan_core::Format::Yaml)
        .diagnostics
        .len()
}
