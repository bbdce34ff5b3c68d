//! The page: editor and diagnostics on the left, knobs and result panels on the right.

use akplan_core::present::priced_regions;
use akplan_core::{Arch, Base, EXAMPLES, SpecEdit, StrategyName, set_value};
use akplan_core::{Format, Lines, Pointer};
use gloo_timers::callback::Timeout;
use leptos::html;
use leptos::prelude::*;

use crate::analysis::{Analysis, analyze};
use crate::compare::{Compare, ImportOffer};
use crate::export::Export;
use crate::panels::{Capacity, Cost, Deployment, Output};
use crate::summary::Summary;
use crate::{editing, state};

/// Milliseconds the page waits after a keystroke before re-planning.
const DEBOUNCE_MS: u32 = 120;

/// The page.
#[component]
pub fn App() -> impl IntoView {
    let start = state::initial();
    // `draft` is what the text area shows; `text` is what was last analysed.
    let draft = RwSignal::new(start.text.clone());
    let text = RwSignal::new(start.text);
    // The user's own spec, when a share link opened beside it.
    let kept = RwSignal::new(start.kept);
    let link = RwSignal::new(String::new());
    // Changes when a prices file is dropped or forgotten (`prices::PricesFile`).
    let prices_version = RwSignal::new(0u32);
    let analysis: Memo<Analysis> = Memo::new(move |_| {
        prices_version.track();
        analyze(&text.get())
    });
    // Never blank: while the spec has errors, the panels keep the last plan, marked as such.
    let last_good = RwSignal::new(None::<Analysis>);
    // The text of the analysis shown (the panels' generated code is printed from it).
    let good_text = RwSignal::new(String::new());
    Effect::new(move |_| {
        let a = analysis.get();
        if a.plan.is_some() {
            good_text.set(text.get_untracked());
            last_good.set(Some(a));
        }
    });
    let shown: Memo<Analysis> = Memo::new(move |_| {
        let a = analysis.get();
        if a.plan.is_some() {
            a
        } else {
            last_good.get().unwrap_or(a)
        }
    });
    let stale_line = Memo::new(move |_| {
        let a = analysis.get();
        (a.plan.is_none() && last_good.get().is_some()).then(|| {
            a.checked
                .diagnostics
                .iter()
                .find(|d| d.is_error())
                .and_then(|d| d.start)
                .map_or(0, |p| p.line)
        })
    });
    // False for the first task: the page's frame and editor; the knobs and the capacity chart
    // come in the next task, the deployment chart in the one after, then the tables and code,
    // so no boot task runs long (docs/web.md).
    let panels = RwSignal::new(false);
    let deployment = RwSignal::new(false);
    let more = RwSignal::new(false);
    Timeout::new(0, move || {
        panels.set(true);
        Timeout::new(0, move || {
            deployment.set(true);
            Timeout::new(0, move || more.set(true)).forget();
        })
        .forget();
    })
    .forget();
    let message = RwSignal::new(String::new());
    let selected = RwSignal::new(0usize);
    let pending = StoredValue::new_local(None::<Timeout>);
    // What an import could not map, shown until the next import.
    let unmapped = RwSignal::new(Vec::<String>::new());

    // Saved as typed, not after the debounce, and once more when the page goes away (`pagehide`
    // fires on reload, close and navigation, where effects may not get to run). Only this tab's
    // own changes are written (`state::save`): an idle tab closing must not undo another tab's.
    let last_saved = StoredValue::new_local(state::saved().unwrap_or_default());
    Effect::new(move |_| {
        let now = draft.get();
        last_saved.update_value(|last| state::save(&now, last));
    });
    let _ = window_event_listener(leptos::ev::pagehide, move |_| {
        let now = draft.get_untracked();
        last_saved.update_value(|last| state::save(&now, last));
    });
    // The specs other tabs' saves replaced (and what imports and presets replaced here).
    let earlier = RwSignal::new(state::earlier());
    Effect::new(move |_| {
        draft.track();
        earlier.set(state::earlier());
    });
    // Another tab saving the spec would be overwritten silently: say so.
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        earlier.set(state::earlier());
        if ev.key().as_deref() == Some(state::KEY) {
            message.set("another tab saved a different spec: this tab keeps its own (reload to load the other)".into());
        }
    });
    // A share link pasted into this tab's address bar changes only the `#` part, which loads
    // nothing: reload, so the link is read like any other (beside the saved spec).
    let _ = window_event_listener(leptos::ev::hashchange, |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });

    // Knobs, what-ifs and presets: one undoable edit in the editor, analysed at once.
    let set_now = move |new: String| {
        let _ = editing::replace(&draft.get_untracked(), &new);
        pending.set_value(None);
        draft.set(new.clone());
        text.set(new);
    };
    let on_input = move |value: String| {
        draft.set(value.clone());
        let timeout = Timeout::new(DEBOUNCE_MS, move || text.set(value));
        pending.set_value(Some(timeout));
    };
    let apply = Callback::new(move |edits: Vec<SpecEdit>| {
        let mut current = draft.get_untracked();
        for e in edits {
            match set_value(&current, Format::Yaml, &Pointer::parse(&e.path), &e.value) {
                Ok(next) => current = next,
                Err(why) => {
                    message.set(format!("cannot change {}: {why}", e.path));
                    return;
                }
            }
        }
        message.set(String::new());
        set_now(current);
    });

    let service_names = move || {
        shown
            .get()
            .plan
            .map(|p| {
                p.services
                    .iter()
                    .map(|s| s.name.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let service_plan = Signal::derive(move || {
        shown.get().plan.and_then(|p| {
            let i = selected.get().min(p.services.len().saturating_sub(1));
            p.services.get(i).cloned()
        })
    });

    view! {
        <header>
            <h1>"akplan"</h1>
            <p class="tagline">"Plan an ECS Fargate service: everything is computed in your browser, nothing is sent anywhere."</p>
            <Summary analysis=shown stale=Signal::derive(move || stale_line.get().is_some()) />
            <label>"Preset "
                <select id="preset" on:change=move |ev| {
                    let name = event_target_value(&ev);
                    if let Some((_, t)) = EXAMPLES.iter().find(|(n, _)| *n == name) {
                        // The spec a preset replaces stays one click away (an untouched preset
                        // needs no keeping: it is in the list).
                        let before = draft.get_untracked();
                        if !EXAMPLES.iter().any(|(_, e)| *e == before) {
                            state::keep(&before);
                            kept.set(Some(before));
                        }
                        selected.set(0);
                        set_now((*t).to_owned());
                    }
                }>
                    <option value="">"choose…"</option>
                    {EXAMPLES.iter().map(|(n, _)| view! { <option value=*n>{*n}</option> }).collect_view()}
                </select>
            </label>
            <button id="share" on:click=move |_| {
                match state::share_link(&draft.get_untracked()) {
                    Some(url) => {
                        state::copy(&url, move |copied| message.set(if copied {
                            "share link copied, and below (the spec travels in its # part)".into()
                        } else {
                            "share link below: copy it (the browser refused the clipboard)".into()
                        }));
                        link.set(url);
                    }
                    None => message.set("could not build a share link".into()),
                }
            }>"Share"</button>
            <span class="message" role="status" aria-live="polite">{move || message.get()}</span>
            <Show when=move || !link.get().is_empty()>
                <label>"Share link "<input id="share-link" readonly prop:value=move || link.get() /></label>
            </Show>
            <Show when=move || kept.get().is_some()>
                <p id="kept" role="status">
                    "Your earlier spec is kept: "
                    <button id="restore" on:click=move |_| {
                        if let Some(own) = kept.get_untracked() {
                            set_now(own);
                        }
                        state::forget_kept();
                        kept.set(None);
                    }>"Restore it"</button>
                    " "
                    <button id="dismiss" on:click=move |_| {
                        state::forget_kept();
                        kept.set(None);
                    }>"Dismiss"</button>
                </p>
            </Show>
            <Show when=move || earlier.with(|e| !e.is_empty())>
                <details id="earlier">
                    <summary>{move || format!("Earlier specs ({})", earlier.with(Vec::len))}</summary>
                    <ul>{move || earlier.get().into_iter().enumerate().map(|(i, spec)| {
                        let label = spec_label(&spec);
                        view! { <li>{label}" "<button class="restore-earlier" id=format!("earlier-{i}") on:click=move |_| {
                            state::remember(&draft.get_untracked());
                            set_now(spec.clone());
                            earlier.set(state::earlier());
                        }>"Restore"</button></li> }
                    }).collect_view()}</ul>
                </details>
            </Show>
        </header>
        <main>
            <section class="editor" aria-labelledby="editor-title">
                <h2 id="editor-title">"Spec"</h2>
                <ImportOffer text=text on_import=Callback::new(move |(yaml, skipped): (String, Vec<String>)| {
                    // The pasted file stays one click away, like a share link's predecessor.
                    let before = draft.get_untracked();
                    state::keep(&before);
                    kept.set(Some(before));
                    unmapped.set(skipped);
                    message.set("imported: check every value (each says where it came from)".into());
                    set_now(yaml);
                }) />
                <Show when=move || !unmapped.get().is_empty()>
                    <details id="unmapped" open>
                        <summary>{move || format!("Not mapped by the import ({})", unmapped.get().len())}</summary>
                        <ul>{move || unmapped.get().into_iter().map(|u| view! { <li>{u}</li> }).collect_view()}</ul>
                    </details>
                </Show>
                <Editor draft=draft analysis=analysis on_input=Callback::new(on_input) />
            </section>
            <section class="results">
                // The knobs come with the first panels (a task of their own after the page's
                // first paint), in the static frame's box meanwhile.
                <Show when=move || panels.get() fallback=|| view! {
                    <fieldset class="knobs" disabled><legend>"Knobs (they edit the spec)"</legend><span class="frame-line"></span></fieldset>
                }><Knobs analysis=shown selected=selected apply=apply /></Show>
                // A slot that is always there, so the note appearing moves nothing below it.
                <div class="plan-status">
                    <Show when=move || stale_line.get().is_some()>
                        <p id="stale" class="stale-note" role="status">
                            {move || format!("Showing the plan from before line {}'s error: fix it and the plan follows.", stale_line.get().unwrap_or(0))}
                        </p>
                    </Show>
                </div>
                <div class=move || if stale_line.get().is_some() { "plan stale" } else { "plan" }>
                <div class="services" role="group" aria-label="Service">
                    {move || service_names().into_iter().enumerate().map(|(i, n)| view! {
                        <button class=move || if selected.get() == i { "svc current" } else { "svc" } on:click=move |_| selected.set(i)>{n}</button>
                    }).collect_view()}
                </div>
                // The panels fill in the task after the first paint of the page, so that no
                // task at boot runs long (the frames keep the layout meanwhile).
                <section aria-labelledby="cap-title"><h2 id="cap-title">"Capacity"</h2>
                    <Show when=move || panels.get() fallback=|| view! { <div class="frame"></div> }><Capacity service=service_plan /></Show></section>
                <section aria-labelledby="dep-title"><h2 id="dep-title">"Deployment"</h2>
                    <Show when=move || deployment.get() fallback=|| view! { <div class="frame"></div> }><Deployment service=service_plan apply=apply /></Show></section>
                <Show when=move || more.get()>
                <crate::fleet::Fleet analysis=shown apply=apply />
                <section aria-labelledby="cost-title"><h2 id="cost-title">"Cost per month"</h2><Cost analysis=shown /><crate::prices::PricesFile version=prices_version /></section>
                <section aria-labelledby="compare-title"><h2 id="compare-title">"Compare"</h2><Compare text=text /></section>
                <section aria-labelledby="export-title"><h2 id="export-title">"Export the plan"</h2><Export text=Signal::derive(move || text.get()) /></section>
                <section aria-labelledby="out-title"><h2 id="out-title">"Generated code"</h2><Output analysis=shown text=Signal::derive(move || good_text.get()) /></section>
                </Show>
                </div>
            </section>
        </main>
    }
}

/// The spec text with line numbers, marked lines, and the clickable diagnostics.
#[component]
fn Editor(
    draft: RwSignal<String>,
    analysis: Memo<Analysis>,
    on_input: Callback<String>,
) -> impl IntoView {
    let area = NodeRef::<html::Textarea>::new();
    let gutter = NodeRef::<html::Pre>::new();
    let bad_lines = move || {
        analysis
            .get()
            .checked
            .diagnostics
            .iter()
            .filter_map(|d| d.start.map(|p| p.line))
            .collect::<Vec<_>>()
    };
    let line_count = Memo::new(move |_| Lines::new(&draft.get()).count());
    let marked = Memo::new(move |_| bad_lines());
    let jump = move |start: usize, end: usize| {
        if let Some(area) = area.get() {
            let text = draft.get_untracked();
            let lines = Lines::new(&text);
            let (a, b) = (lines.utf16_offset(start), lines.utf16_offset(end));
            let _ = area.focus();
            let _ = area.set_selection_range(a as u32, b as u32);
        }
    };
    view! {
        <div class="editor-box">
            <pre class="gutter" aria-hidden="true" node_ref=gutter>
                // Incremental: a new line adds one number, a marked line changes one class; the
                // other numbers stay the same nodes (a 2,410-line spec typed line by line used to
                // rebuild every number per keystroke).
                <For each=move || 1..=line_count.get() key=|i| *i let:i>
                    <span class=move || marked.with(|bad| if bad.contains(&i) { "ln bad" } else { "ln" })>{i}"\n"</span>
                </For>
            </pre>
            <textarea id="spec" node_ref=area spellcheck="false" aria-label="Spec (YAML or JSON)"
                prop:value=move || draft.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:scroll=move |_| if let (Some(a), Some(g)) = (area.get(), gutter.get()) { g.set_scroll_top(a.scroll_top()); }
            ></textarea>
        </div>
        <h3>"Diagnostics"</h3>
        // Screen readers hear the count change, not every keystroke's list.
        <p id="diagnostics-count" class="visually-hidden" role="status" aria-live="polite">{move || {
            let d = &analysis.get().checked.diagnostics;
            let errors = d.iter().filter(|x| x.is_error()).count();
            format!("{errors} errors, {} other diagnostics", d.len() - errors)
        }}</p>
        <ul id="diagnostics" class="diagnostics">
            {move || {
                let checked = analysis.get().checked;
                if checked.diagnostics.is_empty() {
                    return view! { <li class="ok">"No problems."</li> }.into_any();
                }
                checked.diagnostics.into_iter().map(|d| {
                    let pos = d.start.map_or((1, 1), |p| (p.line, p.column));
                    let (start, end) = (d.span.start, d.span.end);
                    view! {
                        <li class=d.severity.to_string()>
                            <button class="diag" on:click=move |_| jump(start, end)>
                                <span class="pos">{format!("{}:{}", pos.0, pos.1)}</span> " "
                                <span class="dcode">{d.code.to_string()}</span> " " {d.message.clone()}
                            </button>
                            <div class="hint">{d.hint.clone()}</div>
                        </li>
                    }
                }).collect_view().into_any()
            }}
        </ul>
    }
}

/// Controls that write into the spec text (so the page is also a spec editor).
#[component]
fn Knobs(
    analysis: Memo<Analysis>,
    selected: RwSignal<usize>,
    apply: Callback<Vec<SpecEdit>>,
) -> impl IntoView {
    // The spec of the last valid analysis, for the knobs' current values.
    let spec = move || analysis.get().checked.model;
    let service = move || {
        spec().and_then(|s| {
            s.services
                .get(selected.get().min(s.services.len().saturating_sub(1)))
                .cloned()
        })
    };
    let at = move |field: &str| {
        service()
            .map(|s| s.path.join_all(field.split('/')).to_string())
            .unwrap_or_default()
    };
    let set = move |path: String, value: String| apply.run(vec![SpecEdit { path, value }]);
    view! {
        <fieldset class="knobs" disabled=move || spec().is_none()>
            <legend>"Knobs (they edit the spec)"</legend>
            <label>"Region "
                <select id="knob-region" on:change=move |ev| set("/region".into(), event_target_value(&ev))>
                    {move || {
                        let current = spec().map(|s| s.region).unwrap_or_default();
                        // A Region outside the price table is still the spec's: show it, not the first entry.
                        let unpriced = (!current.is_empty() && !priced_regions().any(|(r, _)| r == current))
                            .then(|| view! { <option value=current.clone() selected=true>{format!("{current} (estimated prices)")}</option> });
                        let label = |r: &str, estimated: bool| if estimated { format!("{r} (estimated prices)") } else { r.to_owned() };
                        (unpriced, priced_regions().map(|(r, est)| view! { <option value=r selected=r == current>{label(r, est)}</option> }).collect_view())
                    }}
                </select>
            </label>
            <label>"AZs "
                <select id="knob-azs" on:change=move |ev| set("/availability_zones".into(), event_target_value(&ev))>
                    {move || {
                        let current = spec().map_or(3, |s| s.zones);
                        akplan_core::present::ZONE_COUNTS.map(|n| view! { <option value=n.to_string() selected=n == current>{n}</option> }).collect_view()
                    }}
                </select>
            </label>
            <label>"Arch "
                <select id="knob-arch" on:change=move |ev| set(at("arch"), event_target_value(&ev))>
                    {move || {
                        let arm = service().is_some_and(|s| s.arch == Arch::Arm64);
                        view! { <option value="arm64" selected=arm>"arm64"</option><option value="x86_64" selected=!arm>"x86_64"</option> }
                    }}
                </select>
            </label>
            <label>"CPU / memory "
                <select id="knob-size" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some((cpu, mem)) = v.split_once('/') {
                        apply.run(vec![SpecEdit { path: at("cpu"), value: cpu.into() }, SpecEdit { path: at("memory"), value: mem.into() }]);
                    }
                }>
                    {move || {
                        let current = service().map(|s| (s.size.cpu, s.size.memory));
                        service().map(|s| s.fargate_sizes()).unwrap_or_default().into_iter()
                            .map(|(c, m)| view! { <option value=format!("{c}/{m}") selected=current == Some((c, m))>{format!("{} / {}", akplan_core::present::vcpu(c), akplan_core::present::memory(m))}</option> })
                            .collect_view()
                    }}
                </select>
            </label>
            // Peak load in the spec's own terms: requests per second when the base is derived from
            // them, else the task count needed at peak.
            {move || match service().map(|s| s.counts.base_from) {
                Some(Base::Load { peak_rps, .. }) => view! {
                    <NumberKnob id="knob-peak" label="Peak load, requests/s" path=Signal::derive(move || at("capacity/peak_rps")) value=Signal::derive(move || Some(peak_rps.to_string())) apply=apply />
                }.into_any(),
                _ => view! {
                    <NumberKnob id="knob-base" label="Peak load, tasks" path=Signal::derive(move || at("capacity/base_count")) value=Signal::derive(move || service().map(|s| s.counts.base.to_string())) apply=apply />
                }.into_any(),
            }}
            <label>"Strategy "
                <select id="knob-strategy" on:change=move |ev| set(at("deployment/strategy"), event_target_value(&ev))>
                    {move || {
                        let current = service().map(|s| s.deployment.strategy.name());
                        [StrategyName::Rolling, StrategyName::Recreate, StrategyName::BlueGreen, StrategyName::Linear, StrategyName::Canary]
                            .map(|n| view! { <option value=n.as_str() selected=Some(n) == current>{n.as_str()}</option> })
                            .collect_view()
                    }}
                </select>
            </label>
            <NumberKnob id="knob-min" label="Min healthy %" path=Signal::derive(move || at("deployment/minimum_healthy_percent")) value=Signal::derive(move || service().map(|s| s.deployment.minimum_healthy_percent.to_string())) apply=apply />
            <NumberKnob id="knob-max" label="Max %" path=Signal::derive(move || at("deployment/maximum_percent")) value=Signal::derive(move || service().map(|s| s.deployment.maximum_percent.to_string())) apply=apply />
            <NumberKnob id="knob-drain" label="Deregistration delay s" path=Signal::derive(move || at("deployment/deregistration_delay")) value=Signal::derive(move || service().map(|s| s.deployment.deregistration_delay.to_string())) apply=apply />
        </fieldset>
    }
}

/// A number input that writes its value to `path` when changed.
#[component]
fn NumberKnob(
    id: &'static str,
    label: &'static str,
    path: Signal<String>,
    value: Signal<Option<String>>,
    apply: Callback<Vec<SpecEdit>>,
) -> impl IntoView {
    view! {
        <label>{label} " "
            <input id=id type="number" min="0" step="any" prop:value=move || value.get().unwrap_or_default()
                on:change=move |ev| {
                    // An emptied or half-typed field is not a value to write into the spec.
                    let value = event_target_value(&ev);
                    if value.trim().parse::<f64>().is_ok_and(f64::is_finite) {
                        apply.run(vec![SpecEdit { path: path.get_untracked(), value: value.trim().to_owned() }]);
                    }
                } />
        </label>
    }
}

/// How an earlier spec is listed: its `app`, its line count and its last line (where an edit
/// usually is).
fn spec_label(spec: &str) -> String {
    let app = spec
        .lines()
        .find_map(|l| l.strip_prefix("app:"))
        .map_or("?", str::trim);
    let last = spec
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let last: String = last.chars().take(40).collect();
    format!("{app}, {} lines, ending `{last}`", spec.lines().count())
}
