//! Completion in specs: keys valid at the cursor (from the schema), their values (enums, Region
//! codes, Fargate sizes priced for the service), and codes inside `# akplan: ignore[...]`.
//!
//! The text under the cursor is often half-typed and does not parse, so the place is read from
//! indentation, as YAML itself does, and the spec's numbers from its last version that planned.

use akplan_core::present::{memory as mib, usd};
use akplan_core::schema::at::field;
use akplan_core::{Code, Document, Format, Pointer, REGION_PREFIXES, Service, size_options};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, InsertTextFormat,
    MarkupContent, MarkupKind, TextEdit,
};

use crate::documents::Analysis;
use crate::text::LineIndex;

/// What the cursor is completing.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    /// A code in a suppression comment.
    Code,
    /// A key of the mapping at this path.
    Key(Pointer),
    /// The value of the key at this path.
    Value(Pointer),
}

/// The completion items at `offset`. `last` is the document's last analysis that planned.
#[must_use]
pub fn complete(
    text: &str,
    offset: usize,
    index: &LineIndex<'_>,
    last: Option<&Analysis>,
) -> Vec<CompletionItem> {
    let position = index.position(offset);
    let line = index.line(position.line as usize);
    let line_start = index.line_start(position.line as usize);
    let column = offset.saturating_sub(line_start).min(line.len());
    let before = &line[..column];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .last()
        .map_or(column, |(i, _)| i);
    let range = index.range(line_start + word_start, offset);
    let edit = |label: &str| {
        Some(CompletionTextEdit::Edit(TextEdit::new(
            range,
            label.to_owned(),
        )))
    };
    let Some(place) = place(index, position.line as usize, before, word_start) else {
        return Vec::new();
    };
    match place {
        Place::Code => Code::ALL
            .iter()
            .map(|c| CompletionItem {
                label: c.as_str().to_owned(),
                kind: Some(CompletionItemKind::CONSTANT),
                detail: Some(c.title().to_owned()),
                text_edit: edit(c.as_str()),
                ..CompletionItem::default()
            })
            .collect(),
        Place::Key(parent) => keys(text, &parent, &edit),
        Place::Value(path) => values(text, index, &path, last, &edit),
    }
}

/// Reads the place from the line and the lines above it.
fn place(index: &LineIndex<'_>, line: usize, before: &str, word_start: usize) -> Option<Place> {
    if let Some(hash) = before.find('#') {
        let comment = &before[hash..];
        let open = comment.rfind("ignore[")?;
        return (!comment[open..].contains(']')).then_some(Place::Code);
    }
    let trimmed = before.trim_start();
    let indent = before.len() - trimmed.len();
    let (item, content) = match trimmed.strip_prefix("- ") {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let content_indent = if item { indent + 2 } else { indent };
    let mut path = parent_path(index, line, if item { indent } else { content_indent });
    if item {
        path = path.join("0");
    }
    match content.split_once(':') {
        Some((key, _)) if !key.trim().contains(' ') => Some(Place::Value(path.join(key.trim()))),
        Some(_) => None,
        None if content[..content.len().min(word_start.saturating_sub(content_indent))]
            .trim()
            .is_empty() =>
        {
            Some(Place::Key(path))
        }
        None => None,
    }
}

/// The keys of the block mappings that hold a line indented by `indent`, from the lines above.
fn parent_path(index: &LineIndex<'_>, line: usize, indent: usize) -> Pointer {
    let mut keys: Vec<String> = Vec::new();
    let mut limit = indent;
    for above in (0..line).rev() {
        if limit == 0 {
            break;
        }
        let text = index.line(above);
        let trimmed = text.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let this = text.len() - trimmed.len();
        if this >= limit {
            continue;
        }
        let (item, content) = match trimmed.strip_prefix("- ") {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        if item && this + 2 < limit {
            // Inside a list item whose first key is on this line.
            if let Some((key, rest)) = content.split_once(':')
                && value_is_empty(rest)
                && this + 2 < limit
                && indent > this + 2
            {
                keys.push(key.trim().to_owned());
            }
            keys.push("0".to_owned());
        } else if let Some((key, rest)) = content.split_once(':')
            && value_is_empty(rest)
        {
            keys.push(key.trim().trim_matches(['"', '\'']).to_owned());
        }
        limit = this;
    }
    keys.reverse();
    Pointer::root().join_all(keys)
}

fn value_is_empty(rest: &str) -> bool {
    let rest = rest.trim();
    rest.is_empty() || rest.starts_with('#')
}

fn keys(
    text: &str,
    parent: &Pointer,
    edit: &dyn Fn(&str) -> Option<CompletionTextEdit>,
) -> Vec<CompletionItem> {
    let Some(f) = field(parent) else {
        return Vec::new();
    };
    // Keys already written here are not offered again.
    let written: Vec<String> = Document::parse(text, Format::Yaml)
        .ok()
        .and_then(|(doc, _)| {
            doc.get(parent).map(|n| match &n.value {
                akplan_core::NodeValue::Map(entries) => {
                    entries.iter().map(|e| e.key.clone()).collect()
                }
                _ => Vec::new(),
            })
        })
        .unwrap_or_default();
    f.keys
        .iter()
        .filter(|k| !written.iter().any(|w| w == k.name))
        .map(|k| CompletionItem {
            label: k.name.to_owned(),
            kind: Some(CompletionItemKind::PROPERTY),
            documentation: k.description.map(markdown),
            text_edit: edit(&format!("{}: ", k.name)),
            insert_text_format: Some(InsertTextFormat::PLAIN_TEXT),
            ..CompletionItem::default()
        })
        .collect()
}

fn values(
    text: &str,
    index: &LineIndex<'_>,
    path: &Pointer,
    last: Option<&Analysis>,
    edit: &dyn Fn(&str) -> Option<CompletionTextEdit>,
) -> Vec<CompletionItem> {
    let tokens: Vec<&str> = path.tokens().collect();
    let key = tokens.last().copied().unwrap_or_default();
    let service = match tokens.as_slice() {
        ["services", name, "cpu" | "memory"] => last.and_then(|a| {
            let (_, prices) = a.plan.as_ref()?;
            let svc = a.app()?.services.iter().find(|s| s.name == *name)?;
            Some((svc, prices))
        }),
        _ => None,
    };
    if let (Some((svc, prices)), "cpu" | "memory") = (service, key) {
        return sizes(text, index, path, key, (svc, prices), edit);
    }
    let in_regions = tokens.len() >= 2 && tokens[tokens.len() - 2] == "regions";
    if key == "region" || in_regions {
        return REGION_PREFIXES
            .iter()
            .map(|(region, _)| CompletionItem {
                label: (*region).to_owned(),
                kind: Some(CompletionItemKind::VALUE),
                text_edit: edit(region),
                ..CompletionItem::default()
            })
            .collect();
    }
    let Some(f) = field(path) else {
        return Vec::new();
    };
    f.values
        .iter()
        .map(|v| CompletionItem {
            label: v.name.to_owned(),
            kind: Some(CompletionItemKind::ENUM_MEMBER),
            documentation: v.description.map(markdown),
            text_edit: edit(v.name),
            ..CompletionItem::default()
        })
        .collect()
}

/// Fargate sizes, cheapest first, priced for the service. On `cpu`, each pair also sets
/// `memory`; on `memory`, only the memory values the written `cpu` allows.
fn sizes(
    text: &str,
    index: &LineIndex<'_>,
    path: &Pointer,
    key: &str,
    (svc, prices): (&Service, &akplan_core::Prices),
    edit: &dyn Fn(&str) -> Option<CompletionTextEdit>,
) -> Vec<CompletionItem> {
    let doc = Document::parse(text, Format::Yaml).ok().map(|(d, _)| d);
    let sibling = |name: &str| {
        let p = path.parent()?.join(name);
        let node = doc.as_ref()?.get(&p)?;
        Some((node.span, node.value.clone()))
    };
    let written_cpu = match sibling("cpu").map(|(_, v)| v) {
        Some(akplan_core::NodeValue::Int(n)) => u32::try_from(n).ok(),
        _ => None,
    }
    .unwrap_or(svc.size.cpu);
    let memory_span = sibling("memory")
        .and_then(|(span, value)| matches!(value, akplan_core::NodeValue::Int(_)).then_some(span));
    size_options(svc, prices)
        .into_iter()
        .filter(|o| key == "cpu" || o.cpu == written_cpu)
        .enumerate()
        .map(|(rank, o)| {
            let price = usd(o.monthly_usd.of(svc.arch));
            let (label, insert) = if key == "cpu" {
                (
                    format!("{} CPU / {}", o.cpu, mib(o.memory)),
                    o.cpu.to_string(),
                )
            } else {
                (mib(o.memory), o.memory.to_string())
            };
            CompletionItem {
                label,
                kind: Some(CompletionItemKind::VALUE),
                detail: Some(format!("{price}/month for {} tasks", svc.counts.target)),
                sort_text: Some(format!("{rank:04}")),
                filter_text: Some(insert.clone()),
                text_edit: edit(&insert),
                // A pair sets both: the memory written beside it changes with the CPU.
                additional_text_edits: memory_span.filter(|_| key == "cpu").map(|span| {
                    vec![TextEdit::new(
                        index.range(span.start, span.end),
                        o.memory.to_string(),
                    )]
                }),
                ..CompletionItem::default()
            }
        })
        .collect()
}

fn markdown(text: &str) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value: text.to_owned(),
    })
}
