//! Completion of keys in ECS task, service and Express definitions (JSON): the members the ECS
//! API model accepts where the cursor is. The text under the cursor rarely parses, so the place
//! is read by scanning the JSON before the cursor.

use akplan_core::{FileKind, Pointer, api_members};
use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, Range, TextEdit};

use crate::text::LineIndex;

/// One open container while scanning.
enum Frame {
    Object {
        key: Option<String>,
        expecting_key: bool,
        seen: Vec<String>,
    },
    Array(usize),
}

/// Where the cursor is: the object's path, the keys it already has, and the partial key typed
/// (with the byte where it starts, after its opening quote) when inside a key's string.
struct KeyPlace {
    path: Pointer,
    seen: Vec<String>,
    partial: Option<usize>,
}

fn scan(before: &str) -> Option<KeyPlace> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut string: Option<(usize, String)> = None;
    let mut escaped = false;
    for (i, c) in before.char_indices() {
        if let Some((_, s)) = &mut string {
            if escaped {
                escaped = false;
                s.push(c);
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                let (_, text) = string.take()?;
                if let Some(Frame::Object {
                    key,
                    expecting_key: true,
                    seen,
                }) = stack.last_mut()
                {
                    seen.push(text.clone());
                    *key = Some(text);
                }
            } else {
                s.push(c);
            }
            continue;
        }
        match c {
            '"' => string = Some((i + 1, String::new())),
            '{' => stack.push(Frame::Object {
                key: None,
                expecting_key: true,
                seen: Vec::new(),
            }),
            '[' => stack.push(Frame::Array(0)),
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                Some(Frame::Array(i)) => *i += 1,
                None => {}
            },
            ':' => {
                if let Some(Frame::Object { expecting_key, .. }) = stack.last_mut() {
                    *expecting_key = false;
                }
            }
            _ => {}
        }
        if stack.len() > 64 {
            return None;
        }
    }
    let Some(Frame::Object {
        expecting_key: true,
        seen,
        ..
    }) = stack.last()
    else {
        return None;
    };
    let mut path = Pointer::root();
    for frame in &stack[..stack.len() - 1] {
        path = match frame {
            Frame::Object { key, .. } => path.join(key.clone().unwrap_or_default()),
            Frame::Array(i) => path.join(i),
        };
    }
    // The key being typed (an open string) is not among `seen`: only closed keys are.
    Some(KeyPlace {
        path,
        seen: seen.clone(),
        partial: string.map(|(start, _)| start),
    })
}

/// The member names to offer at byte `offset` of a definition of `kind`.
#[must_use]
pub fn complete(
    kind: FileKind,
    text: &str,
    offset: usize,
    index: &LineIndex<'_>,
) -> Vec<CompletionItem> {
    let offset = offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return Vec::new();
    }
    let Some(place) = scan(&text[..offset]) else {
        return Vec::new();
    };
    let members = api_members(kind, &place.path);
    let (range, quoted) = match place.partial {
        Some(start) => (index.range(start, offset), true),
        None => (index.range(offset, offset), false),
    };
    members
        .into_iter()
        .filter(|m| !place.seen.contains(m))
        .map(|m| {
            let insert = if quoted {
                m.clone()
            } else {
                format!("\"{m}\": ")
            };
            CompletionItem {
                label: m.clone(),
                kind: Some(CompletionItemKind::PROPERTY),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    Range { ..range },
                    insert,
                ))),
                ..CompletionItem::default()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Encoding;

    fn labels(kind: FileKind, text: &str) -> Vec<String> {
        let index = LineIndex::new(text, Encoding::Utf16);
        complete(kind, text, text.len(), &index)
            .into_iter()
            .map(|i| i.label)
            .collect()
    }

    #[test]
    fn members_are_offered_where_the_cursor_is() {
        let top = labels(FileKind::TaskDefinition, "{\n  \"family\": \"web\",\n  \"");
        assert!(
            top.contains(&"containerDefinitions".to_owned()) && !top.contains(&"family".to_owned()),
            "{top:?}"
        );
        let container = labels(
            FileKind::TaskDefinition,
            "{ \"containerDefinitions\": [ { \"name\": \"a\" }, { \"image\": \"x\", ",
        );
        assert!(
            container.contains(&"portMappings".to_owned())
                && !container.contains(&"image".to_owned()),
            "{container:?}"
        );
        assert!(
            labels(FileKind::TaskDefinition, "{ \"family\": ").is_empty(),
            "a value, not a key"
        );
        let service = labels(
            FileKind::ServiceDefinition,
            "{ \"deploymentConfiguration\": { \"",
        );
        assert!(
            service.contains(&"minimumHealthyPercent".to_owned()),
            "{service:?}"
        );
    }
}
