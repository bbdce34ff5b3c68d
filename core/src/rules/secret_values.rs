//! Credentials found by their value, wherever a file writes them in plain text: environment
//! values, `command`, `entry_point` and image references.
//!
//! The patterns are the documented formats of each issuer (sources in `akplan explain AKP054`)
//! and the ones secret scanners such as gitleaks use. A finding never repeats the value: it
//! names the kind, the first few characters and the length ([`redact`]).

use std::sync::OnceLock;

use regex_lite::Regex;

use crate::placeholder;

/// What a value was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `AKIA…`/`ASIA…` access key IDs.
    AwsAccessKeyId,
    /// A PEM private key block.
    PrivateKey,
    /// A JSON Web Token.
    Jwt,
    /// A URL with a password in it (`scheme://user:password@host`).
    UrlPassword,
    /// A token with an issuer's documented prefix (GitHub, Slack, Stripe, OpenAI, Anthropic…).
    Token(&'static str),
    /// A `--password=…` / `--api-key …` style argument.
    CommandArgument,
    /// Registry credentials in an image reference (`user:password@registry/…`).
    ImageCredentials,
    /// A long random-looking string (high entropy).
    HighEntropy,
}

impl Kind {
    /// How a diagnostic names it.
    #[must_use]
    pub fn describe(self) -> String {
        match self {
            Self::AwsAccessKeyId => "an AWS access key ID".to_owned(),
            Self::PrivateKey => "a PEM private key".to_owned(),
            Self::Jwt => "a JSON Web Token".to_owned(),
            Self::UrlPassword => "a URL with a password".to_owned(),
            Self::Token(issuer) => format!("a {issuer} token"),
            Self::CommandArgument => "a credential passed as a command-line argument".to_owned(),
            Self::ImageCredentials => "registry credentials in the image reference".to_owned(),
            Self::HighEntropy => "a long random-looking value (a key or token?)".to_owned(),
        }
    }
}

/// Documented token prefixes: the issuer, the prefix, and the least length of what follows.
/// Sources: GitHub's token formats (github.blog, 2021-04-05), Slack's token types
/// (api.slack.com/authentication/token-types), Stripe's API keys (docs.stripe.com/keys),
/// OpenAI's and Anthropic's API key formats, Google API keys, npm access tokens.
const PREFIXES: [(&str, &str, usize); 17] = [
    ("GitHub", "ghp_", 30),
    ("GitHub", "gho_", 30),
    ("GitHub", "ghu_", 30),
    ("GitHub", "ghs_", 30),
    ("GitHub", "ghr_", 30),
    ("GitHub", "github_pat_", 40),
    ("Slack", "xoxb-", 20),
    ("Slack", "xoxp-", 20),
    ("Slack", "xoxa-", 20),
    ("Slack", "xoxr-", 20),
    ("Stripe", "sk_live_", 20),
    ("Stripe", "rk_live_", 20),
    ("Stripe", "sk_test_", 20),
    ("Anthropic", "sk-ant-", 30),
    ("OpenAI", "sk-", 30),
    ("Google", "AIza", 35),
    ("npm", "npm_", 30),
];

fn patterns() -> &'static [(Kind, Regex)] {
    static PATTERNS: OnceLock<Vec<(Kind, Regex)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        [
            // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html
            (
                Kind::AwsAccessKeyId,
                r"\b(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b",
            ),
            // RFC 7468, and OpenSSH's own armour.
            (
                Kind::PrivateKey,
                r"-----BEGIN ([A-Z]+ )*PRIVATE KEY( BLOCK)?-----",
            ),
            // RFC 7519: three base64url parts, the first two JSON objects (`eyJ`).
            (
                Kind::Jwt,
                r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",
            ),
            // RFC 3986 §3.2.1: userinfo `user:password@` in a URL.
            (
                Kind::UrlPassword,
                r"[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]*:[^/\s@]+@[^/\s]+",
            ),
            (
                Kind::CommandArgument,
                r"(?i)^--?(api[-_]?key|access[-_]?key|secret|token|password|passwd|auth[-_]?token)(=.+)?$",
            ),
        ]
        .into_iter()
        .filter_map(|(kind, pattern)| Regex::new(pattern).ok().map(|r| (kind, r)))
        .collect()
    })
}

/// What `value` looks like, if it looks like a credential. Placeholders (`<KEY>`, `${KEY}`,
/// `{{ key }}`) are not credentials.
#[must_use]
pub fn recognise(value: &str) -> Option<Kind> {
    if value.len() < 8 || placeholder::contains(value) {
        return None;
    }
    for (kind, pattern) in patterns() {
        if *kind == Kind::CommandArgument {
            continue;
        }
        if pattern.is_match(value) {
            return Some(*kind);
        }
    }
    for word in value.split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '=' | ',')) {
        for (issuer, prefix, rest) in PREFIXES {
            if let Some(tail) = word.strip_prefix(prefix)
                && tail.len() >= rest
                && tail
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
            {
                return Some(Kind::Token(issuer));
            }
        }
    }
    high_entropy(value).then_some(Kind::HighEntropy)
}

/// A run of 32 or more base64-like characters with at least 4.5 bits of entropy per character
/// and all of upper case, lower case and digits: random keys look like this; words, paths, UUIDs
/// (hex), hashes in image tags (hex) and ARNs do not.
fn high_entropy(value: &str) -> bool {
    value
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '_' | '-' | '=')))
        .filter(|run| run.len() >= 32)
        .any(|run| {
            let mixed = run.chars().any(|c| c.is_ascii_uppercase())
                && run.chars().any(|c| c.is_ascii_lowercase())
                && run.chars().any(|c| c.is_ascii_digit());
            mixed && entropy(run) >= 4.5
        })
}

/// Shannon entropy in bits per character.
fn entropy(text: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in text.bytes() {
        counts[usize::from(b)] += 1;
    }
    let n = text.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

/// A credential in a command line: a recognised value, or a `--password=…` / `--token …`
/// argument followed by a value. Returns the index of the argument holding it.
#[must_use]
pub fn in_arguments(args: &[String]) -> Option<(usize, Kind)> {
    let flag = patterns()
        .iter()
        .find(|(k, _)| *k == Kind::CommandArgument)
        .map(|(_, r)| r);
    for (i, arg) in args.iter().enumerate() {
        // Shell commands (`sh -c "..."`) hold whole command lines in one argument.
        for word in std::iter::once(arg.as_str()).chain(arg.split_whitespace()) {
            if let Some(kind) = recognise(word) {
                return Some((i, kind));
            }
            let Some(flag) = flag else { continue };
            if flag.is_match(word) {
                let value = word.split_once('=').map(|(_, v)| v).or_else(|| {
                    let next = args.get(i + 1)?;
                    (!next.starts_with('-')).then_some(next.as_str())
                });
                if value.is_some_and(|v| !v.is_empty() && !placeholder::contains(v)) {
                    return Some((i, Kind::CommandArgument));
                }
            }
        }
    }
    None
}

/// Registry credentials in an image reference: `user:password@registry/…`.
#[must_use]
pub fn in_image(image: &str) -> Option<Kind> {
    let registry = image.split('/').next().unwrap_or_default();
    let (userinfo, _) = registry.split_once('@')?;
    (userinfo.contains(':') && !placeholder::contains(userinfo)).then_some(Kind::ImageCredentials)
}

/// How a diagnostic shows a value without revealing it: its first characters and its length.
#[must_use]
pub fn redact(value: &str) -> String {
    let shown: String = value.chars().take(4).collect();
    format!("`{shown}…` ({} characters)", value.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_recognised_by_value() {
        for (value, kind) in [
            ("AKIAIOSFODNN7EXAMPLE", Kind::AwsAccessKeyId),
            ("-----BEGIN RSA PRIVATE KEY-----\nMIIE...", Kind::PrivateKey),
            ("-----BEGIN OPENSSH PRIVATE KEY-----", Kind::PrivateKey),
            (
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                Kind::Jwt,
            ),
            (
                "postgres://app:s3cr3t@db.internal:5432/app",
                Kind::UrlPassword,
            ),
            (
                "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
                Kind::Token("GitHub"),
            ),
            (
                "xoxb-2048-1234567890-AbCdEfGhIjKlMnOpQrStUv",
                Kind::Token("Slack"),
            ),
            ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", Kind::Token("Stripe")),
            (
                "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123",
                Kind::Token("Anthropic"),
            ),
            (
                "sk-proj-abcdefghijklmnopqrstuvwxyz012345",
                Kind::Token("OpenAI"),
            ),
            (
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                Kind::HighEntropy,
            ),
        ] {
            assert_eq!(recognise(value), Some(kind), "{value}");
        }
    }

    #[test]
    fn ordinary_values_and_placeholders_are_not_credentials() {
        for value in [
            "production",
            "https://api.example.com/v1",
            "redis://cache.internal:6379",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:4f2a9c1e7b3d5f6a8c0e2b4d6f8a0c2e4b6d8f0a",
            "550e8400-e29b-41d4-a716-446655440000",
            "/var/lib/app/data/cache/objects/segments",
            "/usr/local/lib/python3.12/site-packages/Django/contrib/admin",
            "com.datadoghq.ad.check_names=Nginx2Metrics",
            "CMD-SHELL curl -f http://localhost:8080/health || exit 1",
            "${DATABASE_PASSWORD}",
            "postgres://app:${DB_PASSWORD}@db:5432/app",
            "<API_KEY>",
            "{{ stripe_key }}",
            "sk-short",
        ] {
            assert_eq!(recognise(value), None, "{value}");
        }
    }

    #[test]
    fn arguments_and_images() {
        let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            in_arguments(&args(&["server", "--api-key=live1234"])),
            Some((1, Kind::CommandArgument))
        );
        assert_eq!(
            in_arguments(&args(&["server", "--token", "abc123def"])),
            Some((1, Kind::CommandArgument))
        );
        assert_eq!(
            in_arguments(&args(&["sh", "-c", "exec app --password=hunter22"])),
            Some((2, Kind::CommandArgument))
        );
        assert_eq!(
            in_arguments(&args(&["server", "--token", "${TOKEN}"])),
            None
        );
        assert_eq!(in_arguments(&args(&["server", "--port", "8080"])), None);
        assert_eq!(
            in_image("deploy:hunter22@registry.example.com/app:1"),
            Some(Kind::ImageCredentials)
        );
        assert_eq!(in_image("registry.example.com/app@sha256:abc"), None);
        assert_eq!(redact("AKIAIOSFODNN7EXAMPLE"), "`AKIA…` (20 characters)");
    }
}
