//! Meeting users where their configs are: pasted ECS, CloudFormation or Copilot files offered
//! for import, and a pinned baseline compared with the spec being edited. Both run the core's
//! own `import` and `diff`, as `akplan import` and `akplan diff` do.

use akplan_core::recognise;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::extras;

/// Offers to import what the editor holds when it is a file akplan can import, not a spec.
#[component]
pub fn ImportOffer(
    text: RwSignal<String>,
    on_import: Callback<(String, Vec<String>)>,
) -> impl IntoView {
    let kind = Memo::new(move |_| recognise(&text.get()));
    move || {
        kind.get().map(|k| {
            view! {
                <p id="import-offer" class="offer" role="status">
                    {format!("This is {}, not an akplan spec. ", k.describe())}
                    <button id="import" on:click=move |_| {
                        let source = text.get_untracked();
                        spawn_local(async move {
                            let answer = extras::text("import_file", &[&source]).await;
                            let json: serde_json::Value = answer
                                .as_deref()
                                .ok()
                                .and_then(|a| serde_json::from_str(a).ok())
                                .unwrap_or_default();
                            match json["yaml"].as_str() {
                                Some(yaml) => {
                                    let unmapped = json["unmapped"].as_array().into_iter().flatten()
                                        .filter_map(|u| u.as_str().map(str::to_owned)).collect();
                                    on_import.run((yaml.to_owned(), unmapped));
                                }
                                None => {
                                    let why = json["error"].as_str().map(str::to_owned)
                                        .unwrap_or_else(|| answer.err().unwrap_or_default());
                                    on_import.run((source.clone(), vec![why]));
                                }
                            }
                        });
                    }>"Import it as a spec"</button>
                </p>
            }
        })
    }
}

/// The spec against a pinned baseline: cost, deployment time, capacity and RTO, per service
/// (the table comes from the second module, which runs the core's `diff`).
#[component]
pub fn Compare(text: RwSignal<String>) -> impl IntoView {
    let baseline = RwSignal::new(None::<String>);
    let body = RwSignal::new(String::new());
    // Answers arrive out of order when typing fast: only the latest request's is shown.
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        let (base, head) = (baseline.get(), text.get());
        let ticket = latest.get_value() + 1;
        latest.set_value(ticket);
        let Some(base) = base else {
            body.set(String::new());
            return;
        };
        spawn_local(async move {
            let prices = crate::analysis::prices_json();
            let html = extras::text("compare_html", &[&base, &head, &prices])
                .await
                .unwrap_or_else(|why| {
                    format!(
                        "<p class=\"summary\" role=\"status\">{}</p>",
                        why.replace('&', "&amp;").replace('<', "&lt;")
                    )
                });
            if latest.get_value() == ticket {
                body.set(html);
            }
        });
    });
    view! {
        <div class="compare">
            <button id="pin" on:click=move |_| baseline.set(Some(text.get_untracked()))>
                {move || if baseline.get().is_some() { "Pin the current spec again" } else { "Pin as baseline" }}
            </button>
            <Show when=move || baseline.get().is_some()>
                " " <button id="unpin" on:click=move |_| baseline.set(None)>"Clear the baseline"</button>
            </Show>
            <div inner_html=move || body.get() />
        </div>
    }
}
