//! A small HCL writer whose output is already what `terraform fmt` would write.
//!
//! `terraform fmt` aligns the `=` of consecutive single-line attributes; a multi-line value or a
//! nested block ends the group and is not padded itself. Strings are escaped for
//! HCL templates: quotes, backslashes, control characters, and `${` / `%{` (doubled).

use std::fmt::Write as _;

/// An HCL expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A quoted string (escaped when written).
    Str(String),
    /// A number.
    Num(f64),
    /// A boolean.
    Bool(bool),
    /// A reference or other expression written as is (`var.vpc_id`, `aws_ecs_cluster.this.id`).
    Raw(String),
    /// A tuple `[a, b]`.
    List(Vec<Expr>),
    /// An object `{ k = v }` (always written over several lines).
    Object(Vec<(String, Expr)>),
    /// A function call with one argument, e.g. `jsonencode(...)`.
    Call(&'static str, Box<Expr>),
}

/// Shorthands.
impl Expr {
    /// A string.
    pub fn s(text: impl Into<String>) -> Self {
        Self::Str(text.into())
    }
    /// A raw expression.
    pub fn r(text: impl Into<String>) -> Self {
        Self::Raw(text.into())
    }
    /// An integer.
    pub fn n(value: u32) -> Self {
        Self::Num(f64::from(value))
    }
    /// A list of strings.
    pub fn strings<S: AsRef<str>>(items: &[S]) -> Self {
        Self::List(items.iter().map(|s| Self::s(s.as_ref())).collect())
    }
}

/// One item of a block body.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `key = value`.
    Attr(String, Expr),
    /// A nested block `type "label" { ... }`.
    Block(Block),
    /// A `# ...` line written by akplan (never user text; line breaks become spaces).
    Comment(String),
}

/// A block.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Block type, e.g. `resource`.
    pub kind: String,
    /// Labels, e.g. `["aws_ecs_cluster", "this"]`.
    pub labels: Vec<String>,
    /// Body.
    pub body: Vec<Item>,
}

impl Block {
    /// A block with no body yet.
    pub fn new(kind: &str, labels: &[&str]) -> Self {
        Self {
            kind: kind.to_owned(),
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            body: Vec::new(),
        }
    }

    /// Adds `key = value`.
    #[must_use]
    pub fn attr(mut self, key: &str, value: Expr) -> Self {
        self.body.push(Item::Attr(key.to_owned(), value));
        self
    }

    /// Adds a `# ...` comment line.
    #[must_use]
    pub fn comment(mut self, text: &str) -> Self {
        self.body.push(Item::Comment(text.to_owned()));
        self
    }

    /// Adds a nested block.
    #[must_use]
    pub fn block(mut self, block: Block) -> Self {
        self.body.push(Item::Block(block));
        self
    }
}

/// Escapes a string for an HCL quoted template.
#[must_use]
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether an object key can be written bare.
fn bare_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn key_text(key: &str) -> String {
    if bare_key(key) {
        key.to_owned()
    } else {
        quote(key)
    }
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

impl Expr {
    /// The expression on one line, if it fits on one (objects never do).
    fn single_line(&self) -> Option<String> {
        match self {
            Self::Str(s) => Some(quote(s)),
            Self::Num(n) => Some(number(*n)),
            Self::Bool(b) => Some(b.to_string()),
            Self::Raw(r) => Some(r.clone()),
            Self::List(items) => {
                let parts: Option<Vec<String>> = items.iter().map(Self::single_line).collect();
                let line = format!("[{}]", parts?.join(", "));
                (line.len() <= 100).then_some(line)
            }
            Self::Object(_) => None,
            Self::Call(name, arg) => arg.single_line().map(|a| format!("{name}({a})")),
        }
    }

    /// Writes the expression starting mid-line at `indent` (the closing bracket's indentation).
    fn write(&self, out: &mut String, indent: usize) {
        if let Some(line) = self.single_line() {
            out.push_str(&line);
            return;
        }
        let pad = "  ".repeat(indent + 1);
        match self {
            Self::List(items) => {
                out.push_str("[\n");
                for item in items {
                    out.push_str(&pad);
                    item.write(out, indent + 1);
                    out.push_str(",\n");
                }
                out.push_str(&"  ".repeat(indent));
                out.push(']');
            }
            Self::Object(entries) => {
                out.push_str("{\n");
                let items: Vec<Item> = entries
                    .iter()
                    .map(|(k, v)| Item::Attr(key_text(k), v.clone()))
                    .collect();
                write_body(out, &items, indent + 1);
                out.push_str(&"  ".repeat(indent));
                out.push('}');
            }
            Self::Call(name, arg) => {
                out.push_str(name);
                out.push('(');
                arg.write(out, indent);
                out.push(')');
            }
            Self::Str(_) | Self::Num(_) | Self::Bool(_) | Self::Raw(_) => {}
        }
    }
}

/// Writes a body at `indent`, aligning groups of single-line attributes as `terraform fmt` does.
fn write_body(out: &mut String, items: &[Item], indent: usize) {
    let pad = "  ".repeat(indent);
    let mut i = 0;
    while i < items.len() {
        match &items[i] {
            Item::Block(block) => {
                write_block(out, block, indent);
                i += 1;
            }
            Item::Comment(text) => {
                let _ = writeln!(out, "{pad}# {}", text.replace(['\n', '\r'], " "));
                i += 1;
            }
            Item::Attr(key, value) => {
                if value.single_line().is_none() {
                    let _ = write!(out, "{pad}{key} = ");
                    value.write(out, indent);
                    out.push('\n');
                    i += 1;
                    continue;
                }
                // A group: consecutive single-line attributes.
                let group: Vec<(&String, String)> = items[i..]
                    .iter()
                    .map_while(|item| match item {
                        Item::Attr(k, v) => v.single_line().map(|line| (k, line)),
                        _ => None,
                    })
                    .collect();
                let width = group
                    .iter()
                    .map(|(k, _)| k.chars().count())
                    .max()
                    .unwrap_or(0);
                for (k, line) in &group {
                    let spaces = width - k.chars().count();
                    let _ = writeln!(out, "{pad}{k}{} = {line}", " ".repeat(spaces));
                }
                i += group.len();
            }
        }
    }
}

fn write_block(out: &mut String, block: &Block, indent: usize) {
    let pad = "  ".repeat(indent);
    let _ = write!(out, "{pad}{}", block.kind);
    for label in &block.labels {
        let _ = write!(out, " {}", quote(label));
    }
    if block.body.is_empty() {
        out.push_str(" {}\n");
        return;
    }
    out.push_str(" {\n");
    write_body(out, &block.body, indent + 1);
    let _ = writeln!(out, "{pad}}}");
}

/// Writes top-level blocks separated by blank lines.
#[must_use]
pub fn file(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        write_block(&mut out, block, 0);
    }
    out
}

/// A JSON value as an HCL expression (for `jsonencode`).
#[must_use]
pub fn from_json(value: &serde_json::Value) -> Expr {
    use serde_json::Value as J;
    match value {
        J::Null => Expr::r("null"),
        J::Bool(b) => Expr::Bool(*b),
        J::Number(n) => n.as_f64().map_or(Expr::r("null"), Expr::Num),
        J::String(s) => Expr::s(s.clone()),
        J::Array(items) => Expr::List(items.iter().map(from_json).collect()),
        J::Object(map) => {
            Expr::Object(map.iter().map(|(k, v)| (k.clone(), from_json(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_templates_and_quotes() {
        assert_eq!(
            quote("a\"b\\c\n${x}%{y}$z"),
            "\"a\\\"b\\\\c\\n$${x}%%{y}$z\""
        );
        assert_eq!(quote("\u{1}é"), "\"\\u0001é\"");
    }

    #[test]
    fn aligns_like_terraform_fmt() {
        let b = Block::new("resource", &["x", "y"])
            .attr("a", Expr::n(1))
            .attr("long_name", Expr::n(2))
            .attr(
                "obj",
                Expr::Object(vec![
                    ("k".into(), Expr::n(1)),
                    ("longer".into(), Expr::s("x")),
                ]),
            )
            .attr("z", Expr::n(3))
            .block(Block::new("nested", &[]).attr("q", Expr::n(1)));
        let text = file(&[b]);
        assert_eq!(
            text,
            "resource \"x\" \"y\" {\n  a         = 1\n  long_name = 2\n  obj = {\n    k      = 1\n    longer = \"x\"\n  }\n  z = 3\n  nested {\n    q = 1\n  }\n}\n"
        );
    }
}
