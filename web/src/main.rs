//! akplan's web planner: paste or edit a spec and see diagnostics, capacity, the deployment
//! timeline, cost and generated code update as you type. Everything runs in the browser through
//! the same `akplan-core` functions as the CLI; nothing is sent anywhere.

mod analysis;
mod app;
mod charts;
mod compare;
mod editing;
mod export;
mod extras;
mod fleet;
mod panels;
mod prices;
mod state;
mod summary;

use gloo_timers::callback::Timeout;

fn main() {
    console_error_panic_hook::set_once();
    // Boot in short tasks, so the static frame stays responsive and no task runs long (under
    // 25 ms here, 100 ms in Lighthouse's 4x slower phone): the core's one-time set-up (the
    // schema, its checker, then the rules' patterns and the emitters, by analysing the smallest
    // spec, then the checks of services on a preset), the analysis of the spec the page opens
    // with, then the page, whose panels follow in
    // tasks of their own (`app::App`).
    let steps: Vec<fn()> = vec![
        || {
            let _ = akplan_core::schema::spec_schema();
            // A prices file kept from an earlier visit prices the first analysis too.
            if let Some(json) = state::saved_prices()
                && analysis::set_prices(Some(&json)).is_err()
            {
                state::keep_prices(None);
            }
        },
        || {
            let _ = akplan_core::schema::subset_checker();
        },
        || {
            let _ = analysis::analyze(WARM_UP);
        },
        || {
            let _ = akplan_core::check_spec(akplan_core::EXAMPLES[1].1, akplan_core::Format::Yaml);
        },
        || analysis::prepare(state::initial_text()),
        mount,
    ];
    run_in_tasks(steps.into_iter());
}

/// Runs each step in a task of its own, in order.
fn run_in_tasks(mut steps: impl Iterator<Item = fn()> + 'static) {
    if let Some(step) = steps.next() {
        Timeout::new(0, move || {
            step();
            run_in_tasks(steps);
        })
        .forget();
    }
}

/// The smallest spec that runs the schema check (its first use builds the schema and checker).
const WARM_UP: &str = "version: 1\napp: a\nregion: us-east-1\nservices: {}\n";

/// Replaces the static frame painted before the wasm arrived with the page, in one task (no
/// frame is painted without either).
fn mount() {
    leptos::mount::mount_to_body(app::App);
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("shell"))
    {
        shell.remove();
    }
}

#[cfg(test)]
mod browser_tests {
    //! Run in headless Chromium by `wasm-bindgen-test-runner`: the core's entry points as the
    //! page calls them, and the mounted page.

    use akplan_core::EXAMPLES;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn every_example_validates_plans_and_emits_in_the_browser() {
        for (name, text) in EXAMPLES {
            let a = crate::analysis::analyze(text);
            assert!(a.checked.diagnostics.is_empty(), "{name}");
            assert!(a.plan.is_some(), "{name}");
            // The page emits the ECS API inputs itself; Terraform and CDK come on demand from
            // the second module (web-extras), tested there and in the browser test.
            assert!(
                a.files.iter().any(|f| f.path.starts_with("taskdef/"))
                    && a.files.iter().any(|f| f.path.starts_with("service/"))
                    && !a.files.iter().any(|f| f.path.starts_with("terraform/")),
                "{name}"
            );
        }
        let bad = crate::analysis::analyze(
            "version: 1\napp: a\nregion: us-east-1\nservices:\n  api:\n    image: x:1\n    cpu: 256\n    memory: 4096\n",
        );
        assert!(
            bad.checked
                .diagnostics
                .iter()
                .any(|d| d.code == akplan_core::Code::InvalidCpuMemory)
        );
        assert!(bad.plan.is_none());
    }

    /// The page checks structure without the `jsonschema` crate; it must still say exactly what
    /// the CLI says (`tests/tests/cli.rs` checks the CLI against the same expected lines).
    #[wasm_bindgen_test]
    fn structural_mistakes_read_as_the_cli_prints_them() {
        let text = include_str!("../../tests/fixtures/schema/mistakes.yaml");
        let expected = include_str!("../../tests/fixtures/schema/mistakes.expected.txt");
        let a = crate::analysis::analyze(text);
        let lines: Vec<String> = a
            .checked
            .diagnostics
            .iter()
            .map(|d| {
                let at = d.start.map_or((0, 0), |p| (p.line, p.column));
                format!(
                    "{}:{} {} {} | {}",
                    at.0,
                    at.1,
                    d.code.as_str(),
                    d.message,
                    d.hint
                )
            })
            .collect();
        assert_eq!(lines.join("\n") + "\n", expected);
    }

    /// Lets the page's queued tasks run (its panels fill in after the first task).
    async fn later_tasks(n: usize) {
        for _ in 0..n {
            let wait = js_sys::Promise::new(&mut |resolve, _| {
                if let Some(w) = web_sys::window() {
                    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
                }
            });
            let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
        }
    }

    #[wasm_bindgen_test]
    async fn the_mounted_page_shows_diagnostics_and_the_plan() {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .unwrap_or_else(|| panic!("no document"));
        let root = document
            .create_element("div")
            .unwrap_or_else(|_| panic!("div"));
        root.set_id("akplan-test-root");
        document
            .body()
            .map(|b| b.append_child(&root))
            .unwrap_or_else(|| panic!("no body"))
            .unwrap_or_else(|_| panic!("append"));
        let root: web_sys::HtmlElement = root.dyn_into().unwrap_or_else(|_| panic!("html element"));
        let handle = leptos::mount::mount_to(root.clone(), crate::app::App);
        // The first task: the editor and its diagnostics, the panels' frames.
        let html = root.inner_html();
        assert!(html.contains("No problems."), "{html}");
        assert!(!html.contains("cap-target"), "{html}");
        later_tasks(3).await;
        let html = root.inner_html();
        assert!(html.contains("cap-target"), "{html}");
        assert!(html.contains("Generated code"), "{html}");
        drop(handle);
    }
}
