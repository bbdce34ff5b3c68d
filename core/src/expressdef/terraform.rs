//! `aws_ecs_express_gateway_service` resources in Terraform files (AWS provider 6.23.0+),
//! checked by the same rules as the API's input: each resource is read as the input it stands
//! for (arguments in snake_case → the API's camelCase, `secret` blocks → `secrets`), and what the
//! rules find is shown on the argument in the `.tf` text.
//!
//! A value Terraform knows only when it plans (a reference to another resource, a function call,
//! an interpolation of unknowns) is read as a placeholder, which every check of a value's form
//! accepts; a variable with a default is its default.
//! Source: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecs_express_gateway_service

use crate::diagnostic::{Diagnostic, Finding};
use crate::lines::Span;
use crate::pointer::Pointer;

const TYPE: &str = "aws_ecs_express_gateway_service";

/// The diagnostics of every Express resource of one `.tf` text, or `None` when it has none.
#[must_use]
pub fn check(text: &str) -> Option<Vec<Diagnostic>> {
    if !text.contains(TYPE) {
        return None;
    }
    let resources = crate::import::terraform::express_resources(&[("main.tf", text)]);
    if resources.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for (_, label, input) in resources {
        let base = Pointer::root().join("resource").join(TYPE).join(&label);
        // HCL converts numbers, booleans and strings into each other as the provider's schema
        // asks (`cpu = 256` is the string "256"): the API's types are not Terraform's.
        for (finding, _) in super::check(&input)
            .into_iter()
            .filter(|(f, _)| f.code != crate::diagnostic::Code::ApiType)
        {
            let api_path = finding.path.clone();
            let span = locate(text, &label, &api_path);
            let mut f: Finding = finding;
            f.path = base.join_all(api_path.tokens().map(argument));
            f.message = in_terraform_words(&f.message);
            f.hint = in_terraform_words(&f.hint);
            f.message = f.message.replace("the file", &format!("`{TYPE}.{label}`"));
            out.push(f.at(span));
        }
    }
    Some(out)
}

/// A message in the provider's words: each `` `camelCase` `` member as its argument, and the
/// scaling metrics as the provider spells them (`CPU`, `MEMORY`).
fn in_terraform_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut parts = text.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        out.push('`');
        // Odd parts (0-based here) are inside backticks.
        let inside = i % 2 == 0;
        let member = inside
            && !part.is_empty()
            && part.chars().all(|c| c.is_ascii_alphanumeric())
            && part.starts_with(|c: char| c.is_ascii_lowercase())
            && part.chars().any(|c| c.is_ascii_uppercase());
        if member {
            out.push_str(&argument(part));
        } else {
            out.push_str(part);
        }
    }
    out.replace("AVERAGE_CPU", "CPU")
        .replace("AVERAGE_MEMORY", "MEMORY")
}

/// The provider's argument for an API member: snake_case, `secrets` as its `secret` blocks.
fn argument(member: &str) -> String {
    if member == "secrets" {
        return "secret".to_owned();
    }
    crate::names::snake_case(member)
}

/// Where a member sits in the resource's text: each argument of the path found in turn after
/// the resource's header (its `n`th block for an index), the deepest found; the header when none
/// is.
fn locate(text: &str, label: &str, path: &Pointer) -> Span {
    let header = format!("\"{TYPE}\" \"{label}\"");
    let Some(start) = text.find(&header) else {
        return Span::new(0, 0);
    };
    let end = block_end(text, start).unwrap_or(text.len());
    let mut found = Span::new(start, start + header.len());
    let mut from = start + header.len();
    let tokens: Vec<&str> = path.tokens().collect();
    let mut i = 0;
    while i < tokens.len() {
        let name = argument(tokens[i]);
        // `environment/2`: the third `environment` block.
        let nth = tokens
            .get(i + 1)
            .and_then(|t| t.parse::<usize>().ok())
            .unwrap_or(0);
        let mut at = from;
        let mut hit = None;
        for _ in 0..=nth {
            hit = find_word(&text[at..end], &name).map(|o| at + o);
            match hit {
                Some(h) => at = h + name.len(),
                None => break,
            }
        }
        let Some(h) = hit else { break };
        found = Span::new(h, h + name.len());
        from = h + name.len();
        i += if tokens
            .get(i + 1)
            .is_some_and(|t| t.parse::<usize>().is_ok())
        {
            2
        } else {
            1
        };
    }
    found
}

/// The offset of `word` as a whole identifier in `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut from = 0;
    while let Some(o) = text[from..].find(word) {
        let at = from + o;
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + word.len()).copied();
        if !before.is_some_and(ident) && !after.is_some_and(ident) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// The end of the block whose header starts at `start`: its matching `}` (braces in strings
/// counted too; a resource's text is what `terraform fmt` writes).
fn block_end(text: &str, start: usize) -> Option<usize> {
    let open = start + text[start..].find('{')?;
    let mut depth = 0usize;
    for (i, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const TF: &str = r#"resource "aws_ecs_express_gateway_service" "web" {
  service_name      = "web"
  health_check_path = "ping"

  primary_container {
    image          = "public.ecr.aws/nginx/nginx:1.27"
    container_port = 80
  }
}
"#;

    #[test]
    fn findings_point_at_the_argument_in_the_tf_text() {
        let found = check(TF).unwrap_or_default();
        let codes: Vec<&str> = found.iter().map(|d| d.code.as_str()).collect();
        assert!(codes.contains(&"AKP127"), "{codes:?}");
        assert!(
            codes.contains(&"AKP104"),
            "infrastructure_role_arn is required: {codes:?}"
        );
        let path = found.iter().find(|d| d.code.as_str() == "AKP127").map(|d| {
            (
                &TF[d.span.start..d.span.end],
                d.path.to_string(),
                d.message.clone(),
            )
        });
        let Some((text, pointer, message)) = path else {
            panic!("no AKP127");
        };
        assert_eq!(text, "health_check_path");
        assert_eq!(
            pointer,
            "/resource/aws_ecs_express_gateway_service/web/health_check_path"
        );
        assert!(!message.contains("healthCheckPath"), "{message}");
    }

    #[test]
    fn hcl_numbers_are_strings_where_the_provider_wants_them() {
        let tf = TF.replace("health_check_path = \"ping\"", "infrastructure_role_arn = \"arn:aws:iam::123456789012:role/x\"\n  cpu = 256\n  memory = 512");
        let found = check(&tf).unwrap_or_default();
        assert!(found.is_empty(), "{found:?}");
        let bad = tf.replace("memory = 512", "memory = 100");
        let codes: Vec<&str> = check(&bad)
            .unwrap_or_default()
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(codes.contains(&"AKP010"), "{codes:?}");
    }

    #[test]
    fn references_are_not_judged_and_other_files_are_not_express() {
        let tf = TF.replace("\"ping\"", "var.path").replace(
            "service_name      = \"web\"",
            "service_name = \"web\"\n  infrastructure_role_arn = aws_iam_role.infra.arn",
        );
        let found = check(&tf).unwrap_or_default();
        assert!(found.is_empty(), "{found:?}");
        assert!(check("resource \"aws_ecs_service\" \"x\" {}").is_none());
    }
}
