//! akplan's web planner: paste or edit a spec and see diagnostics, capacity, the deployment
//! timeline, cost and generated code update as you type. Everything runs in the browser through
//! the same `akplan-core` functions as the CLI; nothing is sent anywhere.

mod analysis;
mod app;
mod charts;
mod panels;
mod state;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
