//! The page's second module (`web-extras`): import, compare and zip, loaded the first time one
//! of them is used, so the first load does not carry them (issue 20). The boot script defines
//! `akplanLoadExtras()`, which adds the module's two scripts (allowed by the page's CSP:
//! `script-src 'self'`) and resolves with its exports.

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn described(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "the browser refused".to_owned())
}

/// Calls the second module's `name` with `args`, loading the module first if needed.
async fn call(name: &str, args: &[&str]) -> Result<JsValue, String> {
    let window = web_sys::window().ok_or("no window")?;
    let load = Reflect::get(&window, &"akplanLoadExtras".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or("the page's second module is not available")?;
    let promise: Promise = load
        .call0(&window)
        .map_err(|e| described(&e))?
        .dyn_into()
        .map_err(|_| "the loader returned no promise")?;
    let module = JsFuture::from(promise)
        .await
        .map_err(|e| format!("could not load the page's second module: {}", described(&e)))?;
    let f: Function = Reflect::get(&module, &name.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("the second module has no `{name}`"))?;
    let list = Array::new();
    for a in args {
        list.push(&JsValue::from_str(a));
    }
    f.apply(&JsValue::NULL, &list).map_err(|e| described(&e))
}

/// A function of the second module that returns text.
pub async fn text(name: &str, args: &[&str]) -> Result<String, String> {
    call(name, args)
        .await?
        .as_string()
        .ok_or_else(|| format!("`{name}` returned no text"))
}

/// A function of the second module that returns bytes.
pub async fn bytes(name: &str, args: &[&str]) -> Result<Vec<u8>, String> {
    let value = call(name, args).await?;
    Ok(Uint8Array::new(&value).to_vec())
}
