//! Export: the plan as Markdown (the text `akplan plan --format markdown` prints) and its cost
//! lines as CSV (`akplan plan --format csv`), both written by `akplan_core::present`. Only the
//! current spec's plan is exported: while it has errors the panels show an older plan, and a
//! file that claims to describe the spec in the editor must not.

use akplan_core::present::{ReportStyle, cost_csv, report};
use leptos::prelude::*;

use crate::analysis::Analysis;
use crate::state;

/// What the buttons say while the spec has errors.
const FIX_FIRST: &str = "nothing to export: fix the spec's errors first";

/// Download and copy buttons, and the exported text to read before taking it.
#[component]
pub fn Export(analysis: Memo<Analysis>) -> impl IntoView {
    let message = RwSignal::new(String::new());
    let markdown = Memo::new(move |_| {
        analysis.with(|a| a.plan.as_ref().map(|p| report(p, ReportStyle::Markdown)))
    });
    let csv = Memo::new(move |_| analysis.with(|a| a.plan.as_ref().map(cost_csv)));
    let offer = move |text: Option<String>, name: &str, mime: &str| match text {
        Some(t) => {
            state::download_bytes(name, t.as_bytes(), mime);
            message.set(format!("{name} downloaded"));
        }
        None => message.set(FIX_FIRST.into()),
    };
    view! {
        <div class="actions">
            <button id="export-md-download" on:click=move |_| {
                offer(markdown.get_untracked(), "akplan-plan.md", "text/markdown;charset=utf-8");
            }>"Download Markdown"</button>
            <button id="export-md-copy" on:click=move |_| match markdown.get_untracked() {
                Some(t) => state::copy(&t, move |ok| message.set(if ok {
                    "the plan's Markdown is copied".into()
                } else {
                    "copy failed: the browser refused the clipboard (use Download)".into()
                })),
                None => message.set(FIX_FIRST.into()),
            }>"Copy Markdown"</button>
            <button id="export-csv-download" on:click=move |_| {
                offer(csv.get_untracked(), "akplan-cost.csv", "text/csv;charset=utf-8");
            }>"Download cost lines (CSV)"</button>
            <span id="export-message" class="message" role="status" aria-live="polite">{move || message.get()}</span>
        </div>
        <details id="export-preview">
            <summary>"Show the exported text"</summary>
            <h3>"Markdown"</h3>
            <pre id="export-md" class="code" tabindex="0">{move || markdown.get().unwrap_or_else(|| FIX_FIRST.into())}</pre>
            <h3>"CSV"</h3>
            <pre id="export-csv" class="code" tabindex="0">{move || csv.get().unwrap_or_else(|| FIX_FIRST.into())}</pre>
        </details>
    }
}
