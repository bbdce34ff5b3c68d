//! Inline suppressions in YAML specs: `# akplan: ignore[AKP065]` at the end of a line silences
//! those codes on that line; alone on a line, it silences them on the next line. Without a list
//! (`# akplan: ignore`) it silences every code there. JSON has no comments: task definitions are
//! suppressed through `akplan.toml` (docs/cli.md, "Choosing what is reported").

use crate::diagnostic::{Code, Diagnostic};

/// What one comment silences.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Silence {
    All,
    Codes(Vec<Code>),
}

impl Silence {
    fn covers(&self, code: Code) -> bool {
        match self {
            Self::All => true,
            Self::Codes(codes) => codes.contains(&code),
        }
    }
}

/// Removes the diagnostics that an inline comment of `text` silences.
pub fn apply(text: &str, diagnostics: &mut Vec<Diagnostic>) {
    let mut silenced: Vec<(usize, Silence)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some((before, comment)) = comment_of(line) else {
            continue;
        };
        let Some(silence) = parse(comment) else {
            continue;
        };
        // Lines are 1-based; a comment alone on its line speaks for the next one.
        let target = if before.trim().is_empty() {
            i + 2
        } else {
            i + 1
        };
        silenced.push((target, silence));
    }
    if silenced.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        let line = d.start.map_or(0, |p| p.line);
        !silenced.iter().any(|(l, s)| *l == line && s.covers(d.code))
    });
}

/// Splits a YAML line at its comment: a `#` at the start or after white space, outside quotes.
fn comment_of(line: &str) -> Option<(&str, &str)> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') if previous.is_whitespace() => return Some((&line[..i], &line[i + 1..])),
            _ => {}
        }
        previous = c;
    }
    None
}

/// Reads `akplan: ignore` or `akplan: ignore[AKP001, AKP002]`; unknown codes are left out.
fn parse(comment: &str) -> Option<Silence> {
    let rest = comment.trim().strip_prefix("akplan:")?.trim_start();
    let rest = rest.strip_prefix("ignore")?;
    let Some(list) = rest.trim_start().strip_prefix('[') else {
        return rest
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
            .then_some(Silence::All);
    };
    let list = list.split(']').next()?;
    let codes: Vec<Code> = list.split(',').filter_map(Code::parse).collect();
    Some(Silence::Codes(codes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, check};

    const SPEC: &str = "version: 1\napp: a\nregion: us-east-1\nservices:\n  api:\n    image: nginx\n    cpu: 256\n    memory: 512\n";

    fn codes(text: &str) -> Vec<Code> {
        check(text, Format::Yaml)
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn a_comment_on_the_line_or_above_silences_its_codes() {
        assert!(codes(SPEC).contains(&Code::MutableImageTag));
        let same_line = SPEC.replace("image: nginx", "image: nginx  # akplan: ignore[AKP065]");
        assert!(!codes(&same_line).contains(&Code::MutableImageTag));
        let above = SPEC.replace(
            "    image: nginx",
            "    # akplan: ignore[akp065, AKP040]\n    image: nginx",
        );
        assert!(!codes(&above).contains(&Code::MutableImageTag));
        let other_code = SPEC.replace("image: nginx", "image: nginx # akplan: ignore[AKP010]");
        assert!(codes(&other_code).contains(&Code::MutableImageTag));
        let all = SPEC.replace("image: nginx", "image: nginx # akplan: ignore");
        assert!(!codes(&all).contains(&Code::MutableImageTag));
    }

    #[test]
    fn hashes_inside_values_are_not_comments() {
        assert_eq!(comment_of("a: 'x # akplan: ignore'"), None);
        assert_eq!(comment_of("a: x#y"), None);
        assert_eq!(comment_of("a: b # c"), Some(("a: b ", " c")));
    }
}
