//! Template placeholders: values that a deploy step fills in before AWS sees the file.
//!
//! Real repositories keep task definitions as templates (`"image": "<IMAGE1_NAME>"` for
//! CodePipeline, `${IMAGE_URI}` for envsubst, `{{ image }}` for Jinja and ecspresso,
//! `#{Image}` for Octopus). A rule that checks a value's form cannot judge a placeholder, so it
//! skips it; rules about the file's structure still apply.

/// Whether `text` holds a placeholder anywhere: `<NAME>`, `${NAME}`, `{{ name }}`, `$NAME`
/// (an upper-case name) or `#{...}`.
#[must_use]
pub fn contains(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        let found = match bytes[i] {
            b'<' => closed(rest, 1, '>', |c| {
                c.is_ascii_alphanumeric() || "_-.".contains(c)
            }),
            b'$' if rest.starts_with("${") => closed(rest, 2, '}', |c| c != '{' && c != '}'),
            b'$' => rest[1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase() || c == '_'),
            b'{' if rest.starts_with("{{") => rest[2..].contains("}}"),
            b'#' if rest.starts_with("#{") => closed(rest, 2, '}', |c| c != '{' && c != '}'),
            _ => false,
        };
        if found {
            return true;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// `rest[skip..]` is a non-empty run of `allowed` characters ending with `close`.
fn closed(rest: &str, skip: usize, close: char, allowed: impl Fn(char) -> bool) -> bool {
    let Some(body) = rest.get(skip..) else {
        return false;
    };
    match body.find(close) {
        Some(end) if end > 0 => body[..end].chars().all(allowed),
        _ => false,
    }
}

/// Whether a JSON value is a string holding a placeholder.
#[must_use]
pub fn is_templated(value: &serde_json::Value) -> bool {
    value.as_str().is_some_and(contains)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_recognised() {
        for text in [
            "<IMAGE1_NAME>",
            "${IMAGE_URI}",
            "{{ image }}",
            "{{.Env.TAG}}",
            "$IMAGE",
            "#{Octopus.Action.Image}",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:${TAG}",
            "arn:aws:iam::${AWS_ACCOUNT_ID}:role/exec",
            "repo/app:<TAG>",
        ] {
            assert!(contains(text), "{text}");
        }
    }

    #[test]
    fn ordinary_values_are_not_placeholders() {
        for text in [
            "nginx:1.25",
            "CMD-SHELL",
            "curl -f http://localhost/ || exit 1",
            "price $5",
            "a < b",
            "<>",
            "${",
            "{}",
            "echo $((1+2))",
        ] {
            assert!(!contains(text), "{text}");
        }
    }
}
