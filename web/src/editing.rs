//! Changes to the editor's text made through the browser's own editing command, so that the
//! user's Ctrl+Z undoes a knob, a what-if or a preset just like their own typing.
//!
//! `execCommand("insertText")` is deprecated, but it is the only way into a text area's undo
//! history (setting `value` clears it); every current browser still has it, and where it fails
//! the page sets the text directly and only undo is lost.

use wasm_bindgen::JsCast;
use web_sys::{HtmlDocument, HtmlElement, HtmlTextAreaElement};

/// Replaces `old` with `new` in the text area `#spec` as one undoable edit: only the changed
/// middle is replaced, so undo restores exactly it and the caret lands at the change. Focus goes
/// back where it was (a knob stays focused). Returns false if the browser would not do it (the
/// caller then sets the text directly, without undo).
pub fn replace(old: &str, new: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(area) = document
        .get_element_by_id("spec")
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
    else {
        return false;
    };
    if area.value() != old {
        return false;
    }
    let (start, end, middle) = changed_range(old, new);
    let utf16 = |s: &str| u32::try_from(s.encode_utf16().count()).unwrap_or(u32::MAX);
    let focused = document.active_element();
    let _ = area.focus();
    let _ = area.set_selection_range(utf16(&old[..start]), utf16(&old[..end]));
    let done = document
        .dyn_ref::<HtmlDocument>()
        .and_then(|d| {
            d.exec_command_with_show_ui_and_value("insertText", false, middle)
                .ok()
        })
        .unwrap_or(false);
    if let Some(element) = focused.and_then(|f| f.dyn_into::<HtmlElement>().ok()) {
        let _ = element.focus();
    }
    done && area.value() == new
}

/// The byte range of `old` that differs from `new`, and what `new` has there: the text between
/// the longest common prefix and the longest common suffix, cut on character boundaries.
fn changed_range<'n>(old: &str, new: &'n str) -> (usize, usize, &'n str) {
    let prefix: usize = old
        .chars()
        .zip(new.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let suffix: usize = old[prefix..]
        .chars()
        .rev()
        .zip(new[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    (prefix, old.len() - suffix, &new[prefix..new.len() - suffix])
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::changed_range;

    #[wasm_bindgen_test]
    fn the_changed_range_is_the_middle() {
        assert_eq!(changed_range("a: 1\nb: 2\n", "a: 1\nb: 3\n"), (8, 9, "3"));
        assert_eq!(changed_range("x", "x"), (1, 1, ""));
        assert_eq!(changed_range("aa", "aaa"), (2, 2, "a"));
        assert_eq!(changed_range("é1é", "é2é"), (2, 3, "2"));
        assert_eq!(changed_range("", "new"), (0, 0, "new"));
    }
}
