//! The parsed file: a YAML/JSON tree in which every key and value keeps its byte span.
//!
//! YAML 1.2 is a superset of JSON, so one event parser (`saphyr-parser`) reads both and every
//! diagnostic can point at the exact key or value. The tree builder is iterative and bounded
//! (size, depth, alias expansion), so hostile input gets an error, never a stack overflow, a hang
//! or unbounded memory.

use std::collections::HashSet;

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::diagnostic::{Code, Diagnostic};
use crate::lines::Span;
use crate::pointer::Pointer;

/// Largest input accepted, in bytes: a real spec is a few KiB.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;
/// Deepest nesting accepted: a spec is at most a handful of levels deep.
pub const MAX_DEPTH: usize = 64;
/// Most nodes a document may expand to, counting every alias expansion (stops alias bombs).
pub const MAX_NODES: usize = 250_000;

/// The syntax a text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// YAML 1.2.
    Yaml,
    /// JSON (checked strictly, then read through the same span-keeping parser).
    Json,
}

impl Format {
    /// Guesses the format from a file name: `.json` is JSON, anything else YAML.
    #[must_use]
    pub fn from_name(name: &str) -> Self {
        if name.to_ascii_lowercase().ends_with(".json") {
            Self::Json
        } else {
            Self::Yaml
        }
    }
}

/// One value of the tree with the span of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the value is written.
    pub span: Span,
}

/// A YAML/JSON value, resolved with the YAML 1.2 core schema.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer that fits in 64 bits.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string, quoted or plain.
    String(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order, with unique keys.
    Map(Vec<Entry>),
}

/// One `key: value` pair of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key text.
    pub key: String,
    /// Where the key is written.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

/// A parsed file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The top-level value.
    pub root: Node,
}

impl Document {
    /// Parses `text`. Syntax errors stop parsing; duplicate keys are reported and the first wins.
    ///
    /// # Errors
    /// The syntax diagnostics when `text` is not a readable document.
    pub fn parse(text: &str, format: Format) -> Result<(Self, Vec<Diagnostic>), Vec<Diagnostic>> {
        if text.len() > MAX_INPUT_BYTES {
            return Err(vec![Diagnostic::new(
                Code::InputLimit,
                format!(
                    "the file is {} bytes; akplan reads at most {MAX_INPUT_BYTES} bytes",
                    text.len()
                ),
                Pointer::root(),
                Span::new(0, 0),
                "a spec or task definition is a few KiB: is this the right file?",
            )]);
        }
        if text.trim().is_empty() {
            return Err(vec![Diagnostic::new(
                Code::Syntax,
                "the file is empty",
                Pointer::root(),
                Span::new(0, 0),
                "run `akplan init` to write a starter spec",
            )]);
        }
        if format == Format::Json {
            check_json(text)?;
        }
        Builder::new(text).run()
    }

    /// The node at `pointer`, if the document has it.
    #[must_use]
    pub fn get(&self, pointer: &Pointer) -> Option<&Node> {
        let mut node = &self.root;
        for token in pointer.tokens() {
            node = node.child(token)?.1;
        }
        Some(node)
    }

    /// The deepest member or item whose key or value holds `offset`: its pointer, and whether
    /// `offset` is on the key (an editor's hover and completion ask this).
    #[must_use]
    pub fn path_at(&self, offset: usize) -> Option<(Pointer, bool)> {
        let inside = |s: Span| s.start <= offset && offset <= s.end;
        let mut node = &self.root;
        let mut path = Pointer::root();
        let mut on_key = false;
        loop {
            let next = match &node.value {
                Value::Map(entries) => entries.iter().find_map(|e| {
                    if inside(e.key_span) {
                        Some((e.key.clone(), &e.value, true))
                    } else if inside(e.value.span) {
                        Some((e.key.clone(), &e.value, false))
                    } else {
                        None
                    }
                }),
                Value::Seq(items) => items
                    .iter()
                    .enumerate()
                    .find(|(_, n)| inside(n.span))
                    .map(|(i, n)| (i.to_string(), n, false)),
                _ => None,
            };
            match next {
                Some((token, child, key)) => {
                    path = path.join(token);
                    on_key = key;
                    if key {
                        return Some((path, true));
                    }
                    node = child;
                }
                None if path == Pointer::root() => return None,
                None => return Some((path, on_key)),
            }
        }
    }

    /// The span to show for a problem at `pointer`: the value there, or, when the document does
    /// not have it (a default applies), the key of the nearest ancestor that exists.
    #[must_use]
    pub fn span_of(&self, pointer: &Pointer) -> Span {
        let mut node = &self.root;
        // The whole document is no useful place to point at: show its first character.
        let mut span = Span::new(self.root.span.start, self.root.span.start + 1);
        for token in pointer.tokens() {
            match node.child(token) {
                Some((key_span, child)) => {
                    span = child.span;
                    node = child;
                    if let Some(k) = key_span {
                        span = if child.is_container() { k } else { child.span };
                    }
                }
                None => break,
            }
        }
        span
    }

    /// The span of the key at the end of `pointer` (for "unknown field" problems), falling back
    /// to [`Document::span_of`].
    #[must_use]
    pub fn key_span_of(&self, pointer: &Pointer) -> Span {
        let (Some(parent), Some(last)) = (pointer.parent(), pointer.last()) else {
            return self.span_of(pointer);
        };
        match self.get(&parent).and_then(|n| n.child(last)) {
            Some((Some(key_span), _)) => key_span,
            _ => self.span_of(pointer),
        }
    }

    /// The tree as plain JSON, for schema validation and typed deserialization.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        self.root.to_json()
    }
}

impl Node {
    /// The child named by one pointer token, with its key span when the parent is a mapping.
    fn child(&self, token: &str) -> Option<(Option<Span>, &Node)> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|e| e.key == token)
                .map(|e| (Some(e.key_span), &e.value)),
            Value::Seq(items) => token
                .parse::<usize>()
                .ok()
                .and_then(|i| items.get(i))
                .map(|n| (None, n)),
            _ => None,
        }
    }

    fn is_container(&self) -> bool {
        matches!(self.value, Value::Map(_) | Value::Seq(_))
    }

    /// Converts without recursion limits worries: depth is bounded by [`MAX_DEPTH`].
    fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::String(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }

    fn count(&self) -> usize {
        1 + match &self.value {
            Value::Seq(items) => items.iter().map(Node::count).sum(),
            Value::Map(entries) => entries.iter().map(|e| e.value.count()).sum(),
            _ => 0,
        }
    }
}

/// Strict JSON first: `serde_json` rejects what YAML would accept (comments, trailing commas).
/// Its own recursion limit (128) keeps it safe on deep nesting.
fn check_json(text: &str) -> Result<(), Vec<Diagnostic>> {
    let Err(err) = serde_json::from_str::<serde::de::IgnoredAny>(text) else {
        return Ok(());
    };
    let offset = offset_of(text, err.line(), err.column().saturating_sub(1));
    let message = err.to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned();
    Err(vec![Diagnostic::new(
        Code::Syntax,
        format!("invalid JSON: {message}"),
        Pointer::root(),
        Span::new(offset, offset + 1),
        "fix the JSON syntax at this position (JSON allows no comments or trailing commas)",
    )])
}

/// The byte offset of 1-based `line` and 0-based byte `column`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column).min(text.len())
}

/// An open container while the tree is built.
enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        anchor: usize,
        entries: Vec<Entry>,
        /// The keys so far, so a duplicate is found in constant time (a 120,000-key mapping
        /// took 18 s with a linear search per key).
        keys: HashSet<String>,
        pending_key: Option<(String, Span)>,
    },
}

/// Builds a [`Document`] from parser events with an explicit stack.
struct Builder<'a> {
    text: &'a str,
    /// Byte offset of each character, when the text is not ASCII (the parser counts characters).
    char_offsets: Option<Vec<usize>>,
    stack: Vec<Frame>,
    anchors: Vec<(usize, Node)>,
    nodes: usize,
    warnings: Vec<Diagnostic>,
    root: Option<Node>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Self {
        let char_offsets = (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(text.len()))
                .collect()
        });
        Self {
            text,
            char_offsets,
            stack: Vec::new(),
            anchors: Vec::new(),
            nodes: 0,
            warnings: Vec::new(),
            root: None,
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.char_offsets {
            Some(offsets) => offsets.get(char_index).copied().unwrap_or(self.text.len()),
            None => char_index.min(self.text.len()),
        }
    }

    fn run(mut self) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut documents = 0;
        for event in Parser::new_from_str(self.text) {
            let (event, span) = match event {
                Ok(ok) => ok,
                Err(err) => {
                    let at = self.byte(err.marker().index());
                    // The parser's own nesting guard is a limit, not a syntax slip.
                    let code = if err.info().contains("recursion limit") {
                        Code::InputLimit
                    } else {
                        Code::Syntax
                    };
                    return Err(vec![Diagnostic::new(
                        code,
                        format!("invalid YAML: {}", err.info()),
                        Pointer::root(),
                        Span::new(at, at + 1),
                        "fix the syntax at this position; indentation and `:` placement matter in YAML",
                    )]);
                }
            };
            let span = Span::new(self.byte(span.start.index()), self.byte(span.end.index()));
            match event {
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        return Err(vec![Diagnostic::new(
                            Code::Syntax,
                            "the file holds more than one YAML document",
                            Pointer::root(),
                            span,
                            "keep one spec per file: remove the second `---` section",
                        )]);
                    }
                }
                Event::Scalar(text, style, anchor, _) => {
                    let value = resolve_scalar(&text, style);
                    if let Value::Float(f) = value
                        && !f.is_finite()
                    {
                        self.warnings.push(Diagnostic::new(
                            Code::NotFinite,
                            format!("`{text}` is not a finite number"),
                            self.current_path(),
                            span,
                            "write a number within the field's range; akplan refuses NaN and infinities rather than reading them as \"not set\"",
                        ));
                    }
                    self.push(Node { value, span }, anchor)?;
                }
                Event::SequenceStart(anchor, _) => self.open(
                    Frame::Seq {
                        start: span.start,
                        anchor,
                        items: Vec::new(),
                    },
                    span,
                )?,
                Event::MappingStart(anchor, _) => self.open(
                    Frame::Map {
                        start: span.start,
                        anchor,
                        entries: Vec::new(),
                        keys: HashSet::new(),
                        pending_key: None,
                    },
                    span,
                )?,
                Event::SequenceEnd | Event::MappingEnd => self.close(span)?,
                Event::Alias(id) => self.alias(id, span)?,
                Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            }
        }
        let root = self.root.take().unwrap_or(Node {
            value: Value::Null,
            span: Span::new(0, 0),
        });
        Ok((Document { root }, self.warnings))
    }

    fn limit(&self, message: String, span: Span, hint: &str) -> Vec<Diagnostic> {
        vec![Diagnostic::new(
            Code::InputLimit,
            message,
            Pointer::root(),
            span,
            hint,
        )]
    }

    fn open(&mut self, frame: Frame, span: Span) -> Result<(), Vec<Diagnostic>> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.limit(
                format!("nesting deeper than {MAX_DEPTH} levels"),
                span,
                "a spec is only a few levels deep: is this the right file?",
            ));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self, span: Span) -> Result<(), Vec<Diagnostic>> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let (start, anchor, value) = match frame {
            Frame::Seq {
                start,
                anchor,
                items,
            } => (start, anchor, Value::Seq(items)),
            Frame::Map {
                start,
                anchor,
                entries,
                ..
            } => (start, anchor, Value::Map(entries)),
        };
        // Block collections end where the next token starts; end them at their last child.
        let end = match &value {
            Value::Seq(items) => items.last().map_or(span.end, |n| n.span.end),
            Value::Map(entries) => entries.last().map_or(span.end, |e| e.value.span.end),
            _ => span.end,
        };
        let end = if self.text.as_bytes().get(span.start) == Some(&b'}')
            || self.text.as_bytes().get(span.start) == Some(&b']')
        {
            span.end
        } else {
            end
        };
        self.push(
            Node {
                value,
                span: Span::new(start, end),
            },
            anchor,
        )
    }

    fn alias(&mut self, id: usize, span: Span) -> Result<(), Vec<Diagnostic>> {
        let Some(node) = self
            .anchors
            .iter()
            .rev()
            .find(|(a, _)| *a == id)
            .map(|(_, n)| n)
        else {
            return Err(vec![Diagnostic::new(
                Code::Syntax,
                "alias to an unknown anchor",
                Pointer::root(),
                span,
                "define the anchor (`&name`) before using it (`*name`)",
            )]);
        };
        // The budget pays for every value the alias expands to, not 1 per alias: a few lines of
        // nested aliases can otherwise expand to gigabytes (the "billion laughs" shape).
        let count = node.count();
        if self.nodes.saturating_add(count) > MAX_NODES {
            return Err(self.limit(
                format!("aliases expand the document past {MAX_NODES} values"),
                span,
                "this looks like an alias bomb; write the values out or use fewer nested aliases",
            ));
        }
        let mut copy = node.clone();
        copy.span = span;
        // `push` counts the copy's root.
        self.nodes += count - 1;
        self.push(copy, 0)
    }

    fn push(&mut self, node: Node, anchor: usize) -> Result<(), Vec<Diagnostic>> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(self.limit(
                format!("the document has more than {MAX_NODES} values"),
                node.span,
                "a spec holds a few hundred values: is this the right file?",
            ));
        }
        if anchor != 0 {
            self.anchors.push((anchor, node.clone()));
        }
        let mut duplicate = None;
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                keys,
                pending_key,
                ..
            }) => match pending_key.take() {
                None => {
                    let key = match node.value {
                        Value::String(s) => s,
                        Value::Int(i) => i.to_string(),
                        Value::Bool(b) => b.to_string(),
                        Value::Null => String::new(),
                        Value::Float(_) => self.text[node.span.start..node.span.end].to_owned(),
                        Value::Seq(_) | Value::Map(_) => {
                            return Err(vec![Diagnostic::new(
                                Code::Syntax,
                                "a mapping key must be a plain value, not a list or mapping",
                                Pointer::root(),
                                node.span,
                                "use a string key",
                            )]);
                        }
                    };
                    *pending_key = Some((key, node.span));
                }
                Some((key, key_span)) => {
                    if keys.contains(&key) {
                        duplicate = Some((key, key_span));
                    } else {
                        keys.insert(key.clone());
                        entries.push(Entry {
                            key,
                            key_span,
                            value: node,
                        });
                    }
                }
            },
        }
        if let Some((key, key_span)) = duplicate {
            self.duplicate(key, key_span);
        }
        Ok(())
    }

    /// The pointer of the value being built: the parents' pending keys and item indexes.
    fn current_path(&self) -> Pointer {
        let mut path = Pointer::root();
        for frame in &self.stack {
            path = match frame {
                Frame::Seq { items, .. } => path.join(items.len()),
                Frame::Map { pending_key, .. } => match pending_key {
                    Some((key, _)) => path.join(key),
                    None => path,
                },
            };
        }
        path
    }

    fn duplicate(&mut self, key: String, key_span: Span) {
        let path = self.current_path().join(&key);
        let first = match self.stack.last() {
            Some(Frame::Map { entries, .. }) => entries
                .iter()
                .find(|e| e.key == key)
                .map(|e| e.key_span.start),
            _ => None,
        };
        let first_line = self.text[..first.unwrap_or(0)].matches('\n').count() + 1;
        self.warnings.push(Diagnostic::new(
            Code::DuplicateKey,
            format!("duplicate key `{key}` (first defined on line {first_line})"),
            path,
            key_span,
            "remove one of the two; akplan uses the first",
        ));
    }
}

/// YAML 1.2 core schema resolution of a scalar: only plain scalars are typed.
fn resolve_scalar(text: &str, style: ScalarStyle) -> Value {
    if style != ScalarStyle::Plain {
        return Value::String(text.to_owned());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && let Ok(i) = text.parse::<i64>()
    {
        return Value::Int(i);
    }
    if let Some(hex) = text.strip_prefix("0x")
        && let Ok(i) = i64::from_str_radix(hex, 16)
    {
        return Value::Int(i);
    }
    if let Some(oct) = text.strip_prefix("0o")
        && let Ok(i) = i64::from_str_radix(oct, 8)
    {
        return Value::Int(i);
    }
    let looks_numeric = digits
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && digits.bytes().any(|b| b.is_ascii_digit());
    if looks_numeric && let Ok(f) = text.parse::<f64>() {
        return Value::Float(f);
    }
    match text {
        ".inf" | ".Inf" | ".INF" | "+.inf" => Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => Value::Float(f64::NAN),
        _ => Value::String(text.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Document {
        match Document::parse(text, Format::Yaml) {
            Ok((doc, _)) => doc,
            Err(d) => panic!("{d:?}"),
        }
    }

    #[test]
    fn scalars_resolve_with_the_core_schema() {
        let doc = parse("a: 1\nb: '1'\nc: true\nd: ~\ne: 1.5\nf: 0x10\ng: 1 GB\n");
        let json = doc.to_json();
        assert_eq!(
            json,
            serde_json::json!({"a": 1, "b": "1", "c": true, "d": null, "e": 1.5, "f": 16, "g": "1 GB"})
        );
    }

    #[test]
    fn spans_point_at_keys_and_values() {
        let text = "services:\n  api:\n    cpu: 1000\n";
        let doc = parse(text);
        let span = doc.span_of(&Pointer::parse("/services/api/cpu"));
        assert_eq!(&text[span.start..span.end], "1000");
        let span = doc.span_of(&Pointer::parse("/services/api/memory"));
        assert_eq!(&text[span.start..span.end], "api");
        let span = doc.key_span_of(&Pointer::parse("/services/api/cpu"));
        assert_eq!(&text[span.start..span.end], "cpu");
    }

    #[test]
    fn spans_are_bytes_in_non_ascii_text() {
        let text = "é: 1\nb: ünï\n";
        let doc = parse(text);
        let span = doc.span_of(&Pointer::parse("/b"));
        assert_eq!(&text[span.start..span.end], "ünï");
    }

    #[test]
    fn duplicate_keys_are_reported_and_the_first_wins() {
        let Ok((doc, warnings)) = Document::parse("a: 1\na: 2\n", Format::Yaml) else {
            panic!("parses");
        };
        assert_eq!(doc.to_json(), serde_json::json!({"a": 1}));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, Code::DuplicateKey);
    }

    /// A wide alias bomb: each level multiplies by 10 through aliases. An 880-byte file of this
    /// shape took 10 s and 3 GB when each alias cost 1 of the budget.
    #[test]
    fn a_wide_alias_bomb_is_stopped_by_its_expanded_size() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let names = ["a", "b", "c", "d", "e", "f", "g"];
        for pair in names.windows(2) {
            let items = vec![format!("*{}", pair[0]); 10].join(", ");
            text.push_str(&format!("{}: &{} [{items}]\n", pair[1], pair[1]));
        }
        assert!(text.len() < 1000);
        let Err(d) = Document::parse(&text, Format::Yaml) else {
            panic!("a 10^7-value expansion was accepted");
        };
        assert_eq!(d[0].code, Code::InputLimit);
        // Just under the budget still parses: aliases are fine, bombs are not.
        let small = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n";
        assert!(Document::parse(small, Format::Yaml).is_ok());
    }

    #[test]
    fn non_finite_numbers_are_positioned_errors() {
        for (text, shown) in [
            ("a: .nan\n", ".nan"),
            ("a: .inf\n", ".inf"),
            ("a: 1e400\n", "1e400"),
        ] {
            let Ok((_, diagnostics)) = Document::parse(text, Format::Yaml) else {
                panic!("{text} does not parse");
            };
            assert_eq!(diagnostics.len(), 1, "{text}");
            assert_eq!(diagnostics[0].code, Code::NotFinite);
            assert_eq!(diagnostics[0].path.to_string(), "/a");
            assert_eq!(
                &text[diagnostics[0].span.start..diagnostics[0].span.end],
                shown
            );
        }
    }

    /// Duplicate keys are found in linear time: 120,000 keys (1.2 MB) took 18 s when each key
    /// was compared with every earlier one. Counting work instead of timing it: a mapping
    /// this size must parse at all within the test's default budget, and its one duplicate
    /// must be found.
    #[test]
    fn many_keys_and_a_duplicate() {
        let mut text: String = (0..120_000).map(|i| format!("k{i}: 1\n")).collect();
        text.push_str("k7: 2\n");
        let Ok((doc, warnings)) = Document::parse(&text, Format::Yaml) else {
            panic!("does not parse");
        };
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, Code::DuplicateKey);
        assert_eq!(doc.to_json()["k7"], 1);
    }

    #[test]
    fn json_is_checked_strictly() {
        let Err(d) = Document::parse("{\"a\": 1,}", Format::Json) else {
            panic!("trailing comma accepted");
        };
        assert_eq!(d[0].code, Code::Syntax);
        assert!(Document::parse("{\n\t\"a\": [1,\t2]\n}", Format::Json).is_ok());
    }
}
