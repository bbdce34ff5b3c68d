//! What the page remembers: the spec in localStorage, and share links in the URL fragment.

use akplan_core::examples::EXAMPLES;
use akplan_core::share;
use gloo_storage::{LocalStorage, Storage};

const KEY: &str = "akplan.spec";

/// The spec to start with: a share link's, else the saved one, else the first preset.
#[must_use]
pub fn initial_text() -> String {
    let from_link = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .filter(|h| h.len() > 1)
        .and_then(|h| share::decode(&h).ok());
    from_link
        .or_else(|| LocalStorage::get::<String>(KEY).ok())
        .unwrap_or_else(|| EXAMPLES[1].1.to_owned())
}

/// Saves the spec for the next visit.
pub fn save(text: &str) {
    let _ = LocalStorage::set(KEY, text);
}

/// Puts the spec into the URL fragment and returns the full link.
#[must_use]
pub fn share_link(text: &str) -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let fragment = share::encode(text);
    location.set_hash(&fragment).ok()?;
    location.href().ok()
}

/// Copies text to the clipboard (best effort; the page says what happened).
pub fn copy(text: &str) -> bool {
    web_sys::window().is_some_and(|w| {
        let _ = w.navigator().clipboard().write_text(text);
        true
    })
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
