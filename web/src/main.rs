//! akplan's web planner: paste or edit a spec and see diagnostics, capacity, the deployment
//! timeline, cost and generated code update as you type. Everything runs in the browser through
//! the same `akplan-core` functions as the CLI; nothing is sent anywhere.

mod analysis;
mod app;
mod charts;
mod compare;
mod editing;
mod panels;
mod state;
mod summary;

fn main() {
    console_error_panic_hook::set_once();
    // The static "loading" line painted before the wasm arrived makes way for the page.
    if let Some(loading) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("loading"))
    {
        loading.remove();
    }
    leptos::mount::mount_to_body(app::App);
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
            assert!(
                a.files.iter().any(|f| f.path == "terraform/main.tf"),
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

    #[wasm_bindgen_test]
    fn the_mounted_page_shows_diagnostics_and_the_plan() {
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
        let html = root.inner_html();
        assert!(html.contains("No problems."), "{html}");
        assert!(html.contains("cap-target"), "{html}");
        assert!(html.contains("Generated code"), "{html}");
        drop(handle);
    }
}
