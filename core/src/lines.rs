//! Byte offsets to `line:column`, computed in one place for every front end.
//!
//! Terminals count columns in characters, browser text areas in UTF-16 code units; both are
//! derived here from the same byte offset so the CLI and the page always agree.

use serde::Serialize;

/// A half-open byte range `start..end` in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (swapped if given backwards).
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: start.min(end),
            end: start.max(end),
        }
    }
}

/// A position a person reads: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values (what editors and terminals show).
    pub column: usize,
    /// 1-based column counted in UTF-16 code units (what a browser `<textarea>` counts).
    pub utf16_column: usize,
}

/// The start of every line of one text, for fast offset-to-position lookups.
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    /// Indexes `text` once; each lookup is then a binary search.
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self { text, starts }
    }

    /// The position of byte `offset` (clamped to the text, and to a character boundary).
    #[must_use]
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let before = &self.text[self.starts[line]..offset];
        Position {
            line: line + 1,
            column: before.chars().count() + 1,
            utf16_column: before.encode_utf16().count() + 1,
        }
    }

    /// Byte `offset` as a UTF-16 offset into the whole text (what a `<textarea>` selection uses).
    #[must_use]
    pub fn utf16_offset(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        self.text[..offset].encode_utf16().count()
    }

    /// How many lines the text has (a final line break starts no new line).
    #[must_use]
    pub fn count(&self) -> usize {
        if self.text.ends_with('\n') {
            self.starts.len() - 1
        } else {
            self.starts.len()
        }
        .max(1)
    }

    /// The text of 1-based line `line`, without its line break.
    #[must_use]
    pub fn line_text(&self, line: usize) -> &'a str {
        let Some(&start) = self.starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).map_or(self.text.len(), |&e| e);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_utf16_units() {
        let text = "a: 1\nbé: 𝄞x\n";
        let lines = Lines::new(text);
        assert_eq!(lines.position(0).line, 1);
        let x = text.find('x').unwrap_or_default();
        let pos = lines.position(x);
        assert_eq!((pos.line, pos.column, pos.utf16_column), (2, 6, 7));
        assert_eq!(lines.line_text(2), "bé: 𝄞x");
        assert_eq!(lines.utf16_offset(x), 5 + 4 + 2);
        assert_eq!(lines.count(), 2);
        assert_eq!(lines.line_text(9), "");
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_character_are_clamped() {
        let lines = Lines::new("é");
        assert_eq!(lines.position(1).column, 1);
        assert_eq!(lines.position(99).column, 2);
    }
}
