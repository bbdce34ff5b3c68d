//! Text positions as the protocol counts them (UTF-16 code units by default, UTF-8 bytes where
//! the client offers it), edits applied to a document, and the one edit between two texts.

use lsp_types::{Position, Range, TextEdit};

/// How `character` counts: negotiated at `initialize` (`general.positionEncodings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes.
    Utf8,
    /// UTF-16 code units: the protocol's default.
    Utf16,
}

/// Line starts of a text, for converting byte offsets to positions and back.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    lines: akplan_core::Lines<'a>,
    starts: Vec<usize>,
    encoding: Encoding,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    #[must_use]
    pub fn new(text: &'a str, encoding: Encoding) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self {
            text,
            lines: akplan_core::Lines::new(text),
            starts,
            encoding,
        }
    }

    /// The position of byte `offset` (clamped to the text, and down to a character boundary):
    /// the core's line and column, counted as the client counts.
    #[must_use]
    pub fn position(&self, offset: usize) -> Position {
        let p = self.lines.position(offset);
        let line = p.line - 1;
        let character = match self.encoding {
            Encoding::Utf8 => {
                let mut end = offset.min(self.text.len());
                while !self.text.is_char_boundary(end) {
                    end -= 1;
                }
                end - self.starts[line]
            }
            Encoding::Utf16 => p.utf16_column - 1,
        };
        Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(character).unwrap_or(u32::MAX),
        )
    }

    /// The byte offset of `position`; a line or character past the end is clamped to it, as
    /// the protocol asks.
    #[must_use]
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let content = &self.text[start..end];
        let wanted = position.character as usize;
        let mut counted = 0;
        for (i, c) in content.char_indices() {
            if counted >= wanted {
                return start + i;
            }
            counted += match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
        }
        end
    }

    /// The range of bytes `start..end`.
    #[must_use]
    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end.max(start)))
    }

    /// The text of line `line` (0-based) without its line break.
    #[must_use]
    pub fn line(&self, line: usize) -> &'a str {
        let Some(&start) = self.starts.get(line) else {
            return "";
        };
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        self.text[start..end].trim_end_matches('\r')
    }

    /// The byte offset where line `line` starts.
    #[must_use]
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.text.len())
    }
}

/// Applies one `textDocument/didChange` change: a range replaced, or the whole text.
pub fn apply_change(text: &mut String, range: Option<Range>, new_text: &str, encoding: Encoding) {
    match range {
        Some(range) => {
            let index = LineIndex::new(text, encoding);
            let start = index.offset(range.start);
            let end = index.offset(range.end).max(start);
            text.replace_range(start..end, new_text);
        }
        None => new_text.clone_into(text),
    }
}

/// The single edit that turns `old` into `new`: the part between their common prefix and
/// suffix. Quick fixes are computed as new texts by the core and sent as this.
#[must_use]
pub fn edit_between(old: &str, new: &str, encoding: Encoding) -> Option<TextEdit> {
    if old == new {
        return None;
    }
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    let index = LineIndex::new(old, encoding);
    Some(TextEdit::new(
        index.range(prefix, old.len() - suffix),
        new[prefix..new.len() - suffix].to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_round_trip() {
        let text = "a: é𝄞x\nb: 1\n";
        let index = LineIndex::new(text, Encoding::Utf16);
        let x = text.find('x').unwrap_or_default();
        assert_eq!(index.position(x), Position::new(0, 6));
        assert_eq!(index.offset(Position::new(0, 6)), x);
        assert_eq!(index.offset(Position::new(1, 99)), text.len() - 1);
        assert_eq!(index.offset(Position::new(9, 0)), text.len());
        let utf8 = LineIndex::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(x), Position::new(0, 9));
    }

    #[test]
    fn changes_apply_and_the_edit_between_two_texts_is_minimal() {
        let mut text = "cpu: 256\nmemory: 512\n".to_owned();
        let range = Range::new(Position::new(0, 5), Position::new(0, 8));
        apply_change(&mut text, Some(range), "1024", Encoding::Utf16);
        assert_eq!(text, "cpu: 1024\nmemory: 512\n");
        let edit = edit_between(&text, "cpu: 1024\nmemory: 2048\n", Encoding::Utf16);
        assert_eq!(
            edit,
            Some(TextEdit::new(
                Range::new(Position::new(1, 8), Position::new(1, 11)),
                "2048".to_owned()
            ))
        );
        assert_eq!(
            edit_between("aé", "aè", Encoding::Utf16).map(|e| e.new_text),
            Some("è".to_owned())
        );
    }
}
