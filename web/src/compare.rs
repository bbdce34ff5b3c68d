//! Meeting users where their configs are: pasted ECS, CloudFormation or Copilot files offered
//! for import, and a pinned baseline compared with the spec being edited. Both run the core's
//! own `import` and `diff`, as `akplan import` and `akplan diff` do.

use akplan_core::present::{duration, usd};
use akplan_core::{ServiceChange, Source, diff, import, recognise};
use leptos::prelude::*;

use crate::analysis::{Analysis, analyze};

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
                        let sources = [Source { name: k.file_name(), text: &source }];
                        match import(&sources, None) {
                            Ok(imported) => on_import.run((imported.yaml, imported.unmapped)),
                            Err(why) => on_import.run((source.clone(), vec![why])),
                        }
                    }>"Import it as a spec"</button>
                </p>
            }
        })
    }
}

fn signed(x: f64) -> String {
    if x < 0.0 {
        format!("−{}", usd(-x))
    } else {
        format!("+{}", usd(x))
    }
}

fn change<T: PartialEq + Copy>(
    base: Option<T>,
    head: Option<T>,
    show: impl Fn(T) -> String,
) -> String {
    match (base, head) {
        (Some(b), Some(h)) if b == h => show(h),
        (Some(b), Some(h)) => format!("{} → {}", show(b), show(h)),
        (None, Some(h)) => format!("new: {}", show(h)),
        (Some(b), None) => format!("{} → —", show(b)),
        (None, None) => "—".to_owned(),
    }
}

/// The spec against a pinned baseline: cost, deployment time, capacity and RTO, per service.
#[component]
pub fn Compare(analysis: Memo<Analysis>, text: RwSignal<String>) -> impl IntoView {
    let baseline = RwSignal::new(None::<String>);
    let base_analysis = Memo::new(move |_| baseline.get().map(|b| analyze(&b)));
    view! {
        <div class="compare">
            <button id="pin" on:click=move |_| baseline.set(Some(text.get_untracked()))>
                {move || if baseline.get().is_some() { "Pin the current spec again" } else { "Pin as baseline" }}
            </button>
            <Show when=move || baseline.get().is_some()>
                " " <button id="unpin" on:click=move |_| baseline.set(None)>"Clear the baseline"</button>
            </Show>
            {move || {
                let base = base_analysis.get()?;
                let head = analysis.get();
                let d = diff(Some(&base), Some(&head));
                let total = d.total.monthly_usd_delta;
                let summary = match total {
                    _ if d.is_empty() => "No change from the baseline.".to_owned(),
                    Some(t) => format!("Against the baseline: {} a month on x86_64, {} on arm64.", signed(t.x86_64), signed(t.arm64)),
                    None => "Against the baseline: the cost is not planned while the spec has errors.".to_owned(),
                };
                Some(view! {
                    <p id="compare-summary" class="summary" role="status" aria-live="polite">{summary}</p>
                    <table class="numbers" id="compare" tabindex="0">
                        <caption>"Changes against the baseline"</caption>
                        <thead><tr><th scope="col">"service"</th><th scope="col">"change"</th><th scope="col">"tasks"</th><th scope="col">"deployment"</th><th scope="col">"RTO"</th><th scope="col">"cost / month"</th></tr></thead>
                        <tbody>
                            {d.services.into_iter().filter(|s| s.change != ServiceChange::Same).map(|s| {
                                let delta = s.chosen_monthly_usd_delta;
                                let class = match delta {
                                    Some(x) if x > 0.004 => "up",
                                    Some(x) if x < -0.004 => "down",
                                    _ => "",
                                };
                                view! {
                                    <tr class=class>
                                        <th scope="row">{s.name.clone()}</th>
                                        <td>{format!("{:?}", s.change).to_lowercase()}</td>
                                        <td>{change(s.capacity_target.base, s.capacity_target.head, |n| n.to_string())}</td>
                                        <td>{change(s.deployment_seconds.base, s.deployment_seconds.head, duration)}</td>
                                        <td>{change(s.rto_seconds.base, s.rto_seconds.head, duration)}</td>
                                        <td>{delta.map_or_else(|| "not planned".to_owned(), signed)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                })
            }}
        </div>
    }
}
