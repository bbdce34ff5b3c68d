//! A prices file dropped on the cost panel or picked with its file input: akplan's
//! `prices.json` (`akplan prices build`) or one AWS Price List file, read by the second module as
//! `akplan prices build` reads it, kept in the browser's storage and used for every analysis until
//! the user goes back to akplan's table (issue 24). Nothing leaves the browser.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use crate::{analysis, extras, state};

/// Larger files are refused: a Region's AmazonECS offer is a few MB; the AmazonEC2 offer (for
/// NAT gateways) is gigabytes, which `akplan prices build` reads as a stream instead.
const MAX_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// What the page prices with now, in words.
fn in_use() -> String {
    if analysis::prices_json().is_empty() {
        "Prices: akplan's table. Drop a prices file here to use your own.".to_owned()
    } else {
        "Prices: the file dropped here (kept in this browser).".to_owned()
    }
}

/// The file input, the drop area and the way back to akplan's table; `version` changes when the
/// prices do, so the analysis runs again.
#[component]
pub fn PricesFile(version: RwSignal<u32>) -> impl IntoView {
    let message = RwSignal::new(in_use());
    let input = NodeRef::<html::Input>::new();
    let load = move |file: web_sys::File| {
        if file.size() > MAX_BYTES {
            message.set(format!(
                "{}: too large for the page; run `akplan prices build` on it and drop the prices.json it writes",
                file.name()
            ));
            return;
        }
        let name = file.name();
        message.set(format!("{name}: reading…"));
        spawn_local(async move {
            let text = match JsFuture::from(file.text()).await {
                Ok(v) => v.as_string().unwrap_or_default(),
                Err(_) => {
                    message.set(format!("{name}: the browser could not read it"));
                    return;
                }
            };
            let answer = extras::text("price_file", &[&text]).await;
            let json: serde_json::Value = answer
                .as_deref()
                .ok()
                .and_then(|a| serde_json::from_str(a).ok())
                .unwrap_or_default();
            let Some(file) = json["file"].as_str() else {
                let why = json["error"]
                    .as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| answer.err().unwrap_or_default());
                message.set(format!("{name}: {why}"));
                return;
            };
            match analysis::set_prices(Some(file)) {
                Ok(()) => {
                    state::keep_prices(Some(file));
                    let regions: Vec<&str> = json["regions"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(serde_json::Value::as_str)
                        .collect();
                    message.set(format!(
                        "Prices: {name}, for {} (kept in this browser; other Regions use akplan's table).",
                        regions.join(", ")
                    ));
                    version.update(|v| *v += 1);
                }
                Err(why) => message.set(format!("{name}: {why}")),
            }
        });
    };
    view! {
        <div id="prices-drop" class="prices-file"
            on:dragover=|ev| ev.prevent_default()
            on:drop=move |ev| {
                ev.prevent_default();
                if let Some(f) = ev.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
                    load(f);
                }
            }>
            <label>"Prices file (" <code>"akplan prices build"</code> " output, or an AWS Price List " <code>"index.json"</code> "): "
                <input type="file" id="prices-file" accept=".json,application/json" node_ref=input on:change=move |_| {
                    if let Some(f) = input.get().and_then(|i| i.files()).and_then(|l| l.get(0)) {
                        load(f);
                    }
                } />
            </label>
            " "
            <button id="prices-builtin" on:click=move |_| {
                let _ = analysis::set_prices(None);
                state::keep_prices(None);
                message.set(in_use());
                version.update(|v| *v += 1);
            }>"Use akplan's table"</button>
            <p id="prices-message" class="message" role="status">{move || message.get()}</p>
        </div>
    }
}
