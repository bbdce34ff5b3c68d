//! Export: the plan as Markdown (the text `akplan plan --format markdown` prints) and its cost
//! lines as CSV (`akplan plan --format csv`), both written by `akplan_core::present` in the
//! page's second module (`export_text`), asked for when the preview opens or a button is used:
//! the report printers are not in the first load (issue 20). Only the current spec's plan is
//! exported: a file that claims to describe the spec in the editor must not describe an older one.

use leptos::prelude::*;

use crate::state;

/// What the buttons say while the spec has errors.
const FIX_FIRST: &str = "nothing to export: fix the spec's errors first";

/// The spec text an export answers for, its Markdown and its CSV (`None`: the spec has errors).
type Shown = (String, Option<String>, Option<String>);

/// The export of `text` as `kind` (`markdown` or `csv`); `None` when the spec has errors.
async fn exported(text: &str, kind: &str) -> Result<Option<String>, String> {
    let prices = crate::analysis::prices_json();
    let t = crate::extras::text("export_text", &[text, kind, &prices]).await?;
    Ok((!t.is_empty()).then_some(t))
}

/// Download and copy buttons, and the exported text to read before taking it.
#[component]
pub fn Export(text: Signal<String>) -> impl IntoView {
    let message = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    // (spec text, markdown, csv) for the text the preview shows; an older answer is dropped.
    let shown = RwSignal::new(None::<Shown>);
    Effect::new(move |_| {
        let now = text.get();
        if !open.get() || shown.with_untracked(|s| s.as_ref().is_some_and(|(t, _, _)| *t == now)) {
            return;
        }
        leptos::task::spawn_local(async move {
            let md = exported(&now, "markdown").await;
            let csv = exported(&now, "csv").await;
            if let (Ok(md), Ok(csv)) = (md, csv)
                && text.get_untracked() == now
            {
                shown.set(Some((now, md, csv)));
            }
        });
    });
    let preview = move |pick: fn(&Shown) -> &Option<String>| {
        let now = text.get();
        shown.with(|s| match s {
            Some(v) if v.0 == now => pick(v).clone().unwrap_or_else(|| FIX_FIRST.into()),
            _ => "generating…".into(),
        })
    };
    // A button: the export of the current text, then `then` with it.
    let act = move |kind: &'static str, then: fn(String, RwSignal<String>)| {
        let now = text.get_untracked();
        message.set("generating…".into());
        leptos::task::spawn_local(async move {
            match exported(&now, kind).await {
                Ok(Some(t)) => then(t, message),
                Ok(None) => message.set(FIX_FIRST.into()),
                Err(why) => message.set(format!("export failed: {why}")),
            }
        });
    };
    view! {
        <div class="actions">
            <button id="export-md-download" on:click=move |_| act("markdown", |t, m| {
                state::download_bytes("akplan-plan.md", t.as_bytes(), "text/markdown;charset=utf-8");
                m.set("akplan-plan.md downloaded".into());
            })>"Download Markdown"</button>
            <button id="export-md-copy" on:click=move |_| act("markdown", |t, m| {
                state::copy(&t, move |ok| m.set(if ok {
                    "the plan's Markdown is copied".into()
                } else {
                    "copy failed: the browser refused the clipboard (use Download)".into()
                }));
            })>"Copy Markdown"</button>
            <button id="export-csv-download" on:click=move |_| act("csv", |t, m| {
                state::download_bytes("akplan-cost.csv", t.as_bytes(), "text/csv;charset=utf-8");
                m.set("akplan-cost.csv downloaded".into());
            })>"Download cost lines (CSV)"</button>
            <span id="export-message" class="message" role="status" aria-live="polite">{move || message.get()}</span>
        </div>
        <details id="export-preview" on:toggle=move |ev| {
            let el: web_sys::HtmlDetailsElement = event_target(&ev);
            open.set(el.open());
        }>
            <summary>"Show the exported text"</summary>
            <h3>"Markdown"</h3>
            <pre id="export-md" class="code" tabindex="0">{move || preview(|v| &v.1)}</pre>
            <h3>"CSV"</h3>
            <pre id="export-csv" class="code" tabindex="0">{move || preview(|v| &v.2)}</pre>
        </details>
    }
}
