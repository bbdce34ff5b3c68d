//! Hover: a diagnostic code's explanation, a service's plan, a size's priced partners, a
//! field's documentation.

use akplan_core::present::{memory as mib, service_summary, usd};
use akplan_core::schema::at::field;
use akplan_core::{Code, Document, FileKind, Pointer, size_options};

use crate::documents::Analysis;

/// The Markdown to show for `offset` of `text`, if akplan has something to say there.
#[must_use]
pub fn hover(analysis: &Analysis, text: &str, offset: usize) -> Option<String> {
    if let Some(code) = code_at(text, offset) {
        return Some(explain(code));
    }
    let (doc, _) = Document::parse(text, analysis.format).ok()?;
    let (path, on_key) = doc.path_at(offset)?;
    let tokens: Vec<&str> = path.tokens().collect();
    if analysis.checked.kind == FileKind::TaskDefinition {
        // `cpu`/`memory` of the task (`/cpu`, or `/taskDefinition/cpu` in describe output).
        let which = match tokens.as_slice() {
            [w @ ("cpu" | "memory")] | ["taskDefinition", w @ ("cpu" | "memory")] => *w,
            _ => return None,
        };
        let name = analysis.app()?.services.first()?.name.clone();
        return sizes(analysis, &name, which);
    }
    if analysis.checked.kind != FileKind::Spec {
        return None;
    }
    match tokens.as_slice() {
        ["services", name] if on_key => service(analysis, name).or_else(|| field_doc(&path)),
        ["services", name, which @ ("cpu" | "memory")] => {
            sizes(analysis, name, which).or_else(|| field_doc(&path))
        }
        _ => field_doc(&path),
    }
}

/// `akplan explain CODE` as Markdown, with its source.
#[must_use]
pub fn explain(code: Code) -> String {
    format!(
        "**{code}** ({}): {}\n\n{}",
        code.severity(),
        code.title(),
        code.explanation()
    )
}

/// The diagnostic code under `offset` (`AKP010` in `# akplan: ignore[AKP010]`), if any.
#[must_use]
pub fn code_at(text: &str, offset: usize) -> Option<Code> {
    let offset = offset.min(text.len());
    let is_word = |c: char| c.is_ascii_alphanumeric();
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|&(_, c)| !is_word(c))
        .map_or(text.len(), |(i, _)| offset + i);
    let word = &text[start..end];
    if word.len() == 6 && word[..3].eq_ignore_ascii_case("AKP") {
        Code::parse(word)
    } else {
        None
    }
}

fn service(analysis: &Analysis, name: &str) -> Option<String> {
    let (plan, _) = analysis.plan.as_ref()?;
    let s = plan.services.iter().find(|s| s.name == name)?;
    Some(service_summary(s).join("  \n"))
}

/// On `cpu`, the memory values this CPU allows; on `memory`, the CPU values that allow this
/// memory; each with the service's monthly cost on its architecture, cheapest first.
fn sizes(analysis: &Analysis, name: &str, which: &str) -> Option<String> {
    let (_, prices) = analysis.plan.as_ref()?;
    let svc = analysis.app()?.services.iter().find(|s| s.name == name)?;
    let arch = svc.arch;
    let current = svc.size;
    let rows: Vec<String> = size_options(svc, prices)
        .into_iter()
        .filter(|o| match which {
            "cpu" => o.cpu == current.cpu,
            _ => o.memory == current.memory,
        })
        .map(|o| {
            let this = o.cpu == current.cpu && o.memory == current.memory;
            let price = usd(o.monthly_usd.of(arch));
            if this {
                format!(
                    "| **{}** | **{}** | **{price}** (this) |",
                    o.cpu,
                    mib(o.memory)
                )
            } else {
                format!("| {} | {} | {price} |", o.cpu, mib(o.memory))
            }
        })
        .collect();
    let heading = match which {
        "cpu" => format!("Memory that {} CPU units allow", current.cpu),
        _ => format!("CPU that allows {}", mib(current.memory)),
    };
    Some(format!(
        "**{heading}**, priced for `{name}` ({} tasks, `{}`, {}):\n\n| cpu | memory | per month |\n|---:|---:|---:|\n{}",
        svc.counts.target,
        arch.as_str(),
        prices.region,
        rows.join("\n")
    ))
}

fn field_doc(path: &Pointer) -> Option<String> {
    let f = field(path)?;
    let mut out = String::new();
    if let Some(d) = f.description {
        out.push_str(d);
    }
    if !f.values.is_empty() {
        out.push_str("\n\nAllowed values:");
        for v in &f.values {
            out.push_str(&format!("\n- `{}`", v.name));
            if let Some(d) = v.description {
                out.push_str(&format!(": {d}"));
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_found_under_the_cursor() {
        let text = "cpu: 1 # akplan: ignore[AKP010, akp065]\n";
        let at = |needle: &str| text.find(needle).unwrap_or_default() + 2;
        assert_eq!(code_at(text, at("AKP010")), Some(Code::InvalidCpuMemory));
        assert!(code_at(text, at("akp065")).is_some());
        assert_eq!(code_at(text, 1), None);
    }
}
