//! What the page remembers: the spec in localStorage, and share links in the URL fragment.

use akplan_core::EXAMPLES;

use gloo_storage::{LocalStorage, Storage};

/// Where the spec is saved (other tabs see changes to it as `storage` events).
pub const KEY: &str = "akplan.spec";
/// The saved spec a share link (or an import) was opened over, until the user restores or
/// dismisses it.
const KEPT: &str = "akplan.spec.before-link";
/// Specs another tab's save replaced, newest first: the last edit of every tab stays
/// recoverable, however many tabs save in turn (the kept spec above holds only one).
const EARLIER: &str = "akplan.spec.earlier";
/// How many earlier specs are remembered.
const EARLIER_MAX: usize = 10;

/// What the page starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Start {
    /// The spec to edit: a share link's, else the saved one, else the first preset.
    pub text: String,
    /// The user's own spec, kept aside because a share link was opened over it.
    pub kept: Option<String>,
}

/// Reads a share link (and clears it from the address bar, so a reload opens the user's latest
/// edit, not the link again) without ever losing the saved spec: a link that differs from it
/// opens beside it, and the saved one is kept to restore.
#[must_use]
pub fn initial() -> Start {
    let window = web_sys::window();
    let from_link = window
        .as_ref()
        .and_then(|w| w.location().hash().ok())
        .filter(|h| h.len() > 1)
        .and_then(|h| akplan_core::decode_share(&h).ok());
    if from_link.is_some() {
        clear_fragment();
    }
    let saved = LocalStorage::get::<String>(KEY).ok();
    if let (Some(link), Some(saved)) = (&from_link, &saved)
        && link != saved
    {
        remember(saved);
        if LocalStorage::get::<String>(KEPT).is_err() {
            let _ = LocalStorage::set(KEPT, saved);
        }
    }
    Start {
        text: from_link
            .or(saved)
            .unwrap_or_else(|| EXAMPLES[1].1.to_owned()),
        kept: LocalStorage::get::<String>(KEPT).ok(),
    }
}

/// Where the page keeps a prices file dropped on it (akplan's format), across visits.
pub const PRICES_KEY: &str = "akplan.prices";

/// The prices file kept from an earlier visit.
#[must_use]
pub fn saved_prices() -> Option<String> {
    LocalStorage::get::<String>(PRICES_KEY).ok()
}

/// Keeps (or, with `None`, forgets) the page's prices file.
pub fn keep_prices(json: Option<&str>) {
    match json {
        Some(j) => {
            let _ = LocalStorage::set(PRICES_KEY, j);
        }
        None => LocalStorage::delete(PRICES_KEY),
    }
}

/// The spec [`initial`] will open with, read without its side effects (the boot analyses it
/// ahead of the page, `analysis::prepare`).
#[must_use]
pub fn initial_text() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .filter(|h| h.len() > 1)
        .and_then(|h| akplan_core::decode_share(&h).ok())
        .or_else(|| LocalStorage::get::<String>(KEY).ok())
        .unwrap_or_else(|| EXAMPLES[1].1.to_owned())
}

/// The spec saved now (by this tab or another).
#[must_use]
pub fn saved() -> Option<String> {
    LocalStorage::get::<String>(KEY).ok()
}

/// Keeps `text` aside to restore (the text an import replaced).
pub fn keep(text: &str) {
    remember(text);
    let _ = LocalStorage::set(KEPT, text);
}

/// The earlier specs, newest first.
#[must_use]
pub fn earlier() -> Vec<String> {
    LocalStorage::get::<Vec<String>>(EARLIER).unwrap_or_default()
}

/// Adds `text` to the earlier specs (first, once).
pub fn remember(text: &str) {
    let mut list = earlier();
    list.retain(|t| t != text);
    list.insert(0, text.to_owned());
    list.truncate(EARLIER_MAX);
    let _ = LocalStorage::set(EARLIER, list);
}

/// Forgets the kept spec (restored or dismissed).
pub fn forget_kept() {
    LocalStorage::delete(KEPT);
}

/// Removes the `#...` part from the address bar without reloading.
fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}")),
        );
    }
}

/// Saves the spec for the next visit, when it is not already what this tab last saved or read
/// (`last`): a tab that changed nothing never writes, so closing an idle tab (its `pagehide`
/// save) cannot put its old spec over the one another tab saved since. When another tab saved a
/// different spec since this tab's last save, that spec joins the earlier specs (and is kept
/// aside for the banner unless one is kept already), so the last edit of each tab stays
/// recoverable.
pub fn save(text: &str, last: &mut String) {
    if text == last.as_str() {
        return;
    }
    if let Ok(other) = LocalStorage::get::<String>(KEY)
        && other != *last
        && other != text
    {
        remember(&other);
        if LocalStorage::get::<String>(KEPT).is_err() {
            let _ = LocalStorage::set(KEPT, other);
        }
    }
    let _ = LocalStorage::set(KEY, text);
    text.clone_into(last);
}

/// The link that opens this spec: the page's address with the spec in its `#` part. The
/// address bar is left alone, so editing after sharing and reloading keeps the edits.
#[must_use]
pub fn share_link(text: &str) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let page = href.split('#').next().unwrap_or(&href);
    Some(format!("{page}#{}", akplan_core::encode_share(text)))
}

/// Copies text to the clipboard and calls `done` with whether the browser did: the write is a
/// promise that a browser may reject (no permission, page not focused), so the page waits for
/// it before saying "copied".
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        done(false);
        return;
    };
    let promise = window.navigator().clipboard().write_text(text);
    leptos::task::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Offers `contents` as a text file download named `name` (its last path segment).
pub fn download(name: &str, contents: &str) {
    download_blob(
        name,
        gloo_file::Blob::new_with_options(contents, Some("text/plain;charset=utf-8")),
    );
}

/// Offers `bytes` as a file download named `name`.
pub fn download_bytes(name: &str, bytes: &[u8], mime: &str) {
    download_blob(name, gloo_file::Blob::new_with_options(bytes, Some(mime)));
}

fn download_blob(name: &str, blob: gloo_file::Blob) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let url = gloo_file::ObjectUrl::from(blob);
    if let Some(anchor) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        anchor.set_href(&url);
        anchor.set_download(name.rsplit('/').next().unwrap_or(name));
        anchor.click();
    }
    // Dropping `url` revokes it after the click has started the download.
}
