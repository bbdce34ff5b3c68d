//! Secret rules: credentials in plain environment, malformed references, wrong Regions.

use crate::diagnostic::{Code, Finding, Severity};
use crate::pointer::Pointer;
use crate::rules::secret_values::{self, Kind};
pub use crate::secret_ref::RefStyle;
use crate::secret_ref::{SecretRef, parse_ref};
use crate::task::Task;

/// Names that look like credentials end in one of these words.
const SECRET_SUFFIXES: [&str; 9] = [
    "KEY",
    "TOKEN",
    "SECRET",
    "PASSWORD",
    "PASSWD",
    "PWD",
    "PASSPHRASE",
    "CREDENTIALS",
    "PRIVATE_KEY",
];
/// ...unless they are one of these well-known non-secret names (database key names, mostly).
const NOT_SECRET_SUFFIXES: [&str; 6] = [
    "SORT_KEY",
    "PARTITION_KEY",
    "HASH_KEY",
    "RANGE_KEY",
    "PRIMARY_KEY",
    "CACHE_KEY",
];

/// Suffixes long enough to count inside a run-together word (`ADMINPASSWORD`, `CLIENTSECRET`);
/// `KEY` is not one (`MONKEY`, `TURKEY`).
const GLUED_SUFFIXES: [&str; 8] = [
    "PASSWORD",
    "PASSWD",
    "SECRET",
    "TOKEN",
    "APIKEY",
    "ACCESSKEY",
    "PRIVATEKEY",
    "PASSPHRASE",
];

/// The words of a variable name: split at `_`, `-`, `.` and camelCase humps (`dbPassword` →
/// `DB`, `PASSWORD`), upper-cased, with trailing digits dropped (`API_KEY2` → `API`, `KEY`).
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        let boundary = matches!(c, '_' | '-' | '.') || (c.is_ascii_uppercase() && previous_lower);
        if boundary && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if !matches!(c, '_' | '-' | '.') {
            word.push(c.to_ascii_uppercase());
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
        .into_iter()
        .map(|w| w.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether an environment variable name looks like it holds a credential.
#[must_use]
pub fn looks_secret(name: &str) -> bool {
    let words = words(name);
    let Some(last) = words.last() else {
        return false;
    };
    let joined = words.join("_");
    if NOT_SECRET_SUFFIXES.iter().any(|s| joined.ends_with(s)) {
        return false;
    }
    SECRET_SUFFIXES.contains(&last.as_str())
        || GLUED_SUFFIXES.iter().any(|s| last.ends_with(s))
        || words.iter().any(|w| w == "SECRET" || w == "PASSWORD")
}

/// Reports a credential found by its value, without repeating it.
fn value_finding(path: &Pointer, kind: Kind, value: &str, style: RefStyle) -> Finding {
    let finding = Finding::new(
        Code::SecretValue,
        path,
        format!(
            "this looks like {}: {}",
            kind.describe(),
            secret_values::redact(value)
        ),
        "move it to `secrets` as a reference (SSM Parameter Store or Secrets Manager) and rotate it: it was written in plain text",
    );
    match style {
        RefStyle::Spec => finding,
        RefStyle::TaskDefinition => finding.lowered_to(Severity::Warning),
    }
}

/// Checks every container's environment and secrets, and its values for credentials.
pub fn check(task: &Task, style: RefStyle, out: &mut Vec<Finding>) {
    for c in &task.containers {
        // Where the container's own fields are: its object in a task definition, its key in a
        // spec (the main container's fields sit on the service).
        let base = match style {
            RefStyle::TaskDefinition => c.name.path.parent().unwrap_or_default(),
            RefStyle::Spec => c.name.path.clone(),
        };
        if let Some(kind) = secret_values::in_image(&c.image.value)
            .or_else(|| secret_values::recognise(&c.image.value))
        {
            out.push(value_finding(&c.image.path, kind, &c.image.value, style));
        }
        for (field, args) in [("command", &c.command), ("entryPoint", &c.entry_point)] {
            let field = match (style, field) {
                (RefStyle::Spec, "entryPoint") => "entry_point",
                _ => field,
            };
            if let Some((i, kind)) = secret_values::in_arguments(args) {
                out.push(value_finding(
                    &base.join(field).join(i),
                    kind,
                    &args[i],
                    style,
                ));
            }
        }
        for (name, value) in &c.environment {
            if let Some(kind) = secret_values::recognise(value) {
                out.push(value_finding(&name.path, kind, value, style));
            }
        }
        for (name, _) in &c.environment {
            if looks_secret(&name.value) {
                let finding = Finding::new(
                    Code::SecretInEnvironment,
                    &name.path,
                    format!(
                        "`{}` looks like a secret but is in plain environment",
                        name.value
                    ),
                    "move it to `secrets` as a reference (`ssm:/path` or `secretsmanager:name`), and rotate the value if it was ever committed",
                );
                // A task definition holding it is accepted by AWS; a spec would have akplan
                // write it into every generated file.
                out.push(match style {
                    RefStyle::Spec => finding,
                    RefStyle::TaskDefinition => finding.lowered_to(Severity::Warning),
                });
            }
            if c.secrets.iter().any(|(s, _)| *s == name.value) {
                out.push(Finding::new(
                    Code::EnvironmentSecretClash,
                    &name.path,
                    format!("`{}` is both in environment and in secrets", name.value),
                    "remove it from one of them",
                ));
            }
        }
        for (name, reference) in &c.secrets {
            if crate::placeholder::contains(&reference.value) {
                continue;
            }
            match parse_ref(&reference.value, style) {
                Err(why) => out.push(Finding::new(
                    Code::MalformedSecretRef,
                    &reference.path,
                    format!("secret `{name}`: {why}"),
                    "write `ssm:/path/NAME`, `secretsmanager:NAME` or a full ARN; if this was the secret itself, remove it from the file and rotate it",
                )),
                Ok(SecretRef::Arn(arn)) => {
                    let region = &arn.region;
                    if let Some(own) = &task.region
                        && region != own
                    {
                        out.push(Finding::new(
                            Code::SecretRegion,
                            &reference.path,
                            format!("secret `{name}` is in {region}, the service in {own}"),
                            format!("use the ARN of the secret in {own} (replicate it there if needed)"),
                        ));
                    }
                }
                Ok(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_looking_names() {
        for name in [
            "OPENAI_API_KEY",
            "GITHUB_TOKEN",
            "DB_PASSWORD",
            "AWS_SECRET_ACCESS_KEY",
            "apikey",
            "dbPassword",
            "API_KEY2",
            "ME_CONFIG_MONGODB_ADMINPASSWORD",
            "stripeSecretKey",
            "clientSecret",
        ] {
            assert!(looks_secret(name), "{name}");
        }
        for name in [
            "LOG_LEVEL",
            "MAX_TOKENS",
            "DYNAMODB_SORT_KEY",
            "KEYCLOAK_URL",
            "TOKEN_URL",
            "MONKEY",
            "primaryKey",
            "TOKENIZER_PATH",
        ] {
            assert!(!looks_secret(name), "{name}");
        }
    }
}
