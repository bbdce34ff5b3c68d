//! The names ECS and akplan accept, one rule per kind, in one place: the spec schema's patterns
//! (checked equal by a test), the task-definition rule AKP069 and the emitters all rely on these.
//!
//! Sources: `family` and container `name` in
//! https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html and
//! API_ContainerDefinition.html ("Up to 255 letters (uppercase and lowercase), numbers,
//! underscores, and hyphens are allowed"); volume `name` in API_Volume.html (the same rule); ECS
//! service names (CreateService: "Up to 255 letters..."); akplan's app and service names are
//! stricter (a letter first, at most 63) because they become cluster, file and identifier names.

use crate::placeholder;

/// A kind of name, with its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// The spec schema checks app and service names; the kinds keep the rule in one table.
#[allow(dead_code)]
pub enum Kind {
    /// An akplan app (names the cluster and prefixes every resource).
    App,
    /// An akplan service (the ECS service name, file names, identifiers).
    Service,
    /// A container of a task.
    Container,
    /// A task volume.
    Volume,
    /// A task definition family.
    Family,
}

impl Kind {
    /// The rule as a regular expression, exactly as the spec schema writes it.
    #[cfg(test)]
    fn pattern(self) -> &'static str {
        match self {
            Self::App | Self::Service => r"^[A-Za-z][A-Za-z0-9_-]{0,62}$",
            Self::Container | Self::Volume | Self::Family => r"^[A-Za-z0-9_-]{1,255}$",
        }
    }

    /// The rule in words, for messages.
    #[must_use]
    pub fn rule(self) -> &'static str {
        match self {
            Self::App | Self::Service => "a letter, then up to 62 letters, digits, `_` or `-`",
            Self::Container | Self::Volume | Self::Family => {
                "1-255 letters, digits, `_` or `-` (ECS's rule)"
            }
        }
    }

    /// What the name names, for messages.
    #[must_use]
    pub fn what(self) -> &'static str {
        match self {
            Self::App => "app name",
            Self::Service => "service name",
            Self::Container => "container name",
            Self::Volume => "volume name",
            Self::Family => "task definition family",
        }
    }
}

/// Whether `name` follows `kind`'s rule. A template placeholder is left to the deploy step.
#[must_use]
pub fn is_valid(kind: Kind, name: &str) -> bool {
    if placeholder::contains(name) {
        return true;
    }
    let (first_letter, max) = match kind {
        Kind::App | Kind::Service => (true, 63),
        Kind::Container | Kind::Volume | Kind::Family => (false, 255),
    };
    let count = name.chars().count();
    (1..=max).contains(&count)
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && (!first_letter || name.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// An API member in `snake_case`, as the AWS provider names its arguments (`healthCheckPath` →
/// `health_check_path`): the one conversion the Terraform emitters and checks share.
#[must_use]
pub(crate) fn snake_case(member: &str) -> String {
    let mut out = String::with_capacity(member.len() + 4);
    for c in member.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_their_rules() {
        assert!(is_valid(Kind::Container, "log_router"));
        assert!(is_valid(Kind::Container, "1st-init"));
        assert!(!is_valid(Kind::Container, "app.web"));
        assert!(!is_valid(Kind::Container, ""));
        assert!(!is_valid(Kind::Container, &"a".repeat(256)));
        assert!(is_valid(Kind::Container, "${NAME}"));
        assert!(!is_valid(Kind::Service, "1api"));
        assert!(is_valid(Kind::Family, "web-prod_2"));
    }

    /// The schema says what these functions say.
    #[test]
    fn the_schema_uses_the_same_patterns() {
        let schema = crate::schema::spec_schema_json();
        for kind in [Kind::App, Kind::Container, Kind::Volume] {
            let escaped = serde_json::to_string(kind.pattern()).unwrap_or_default();
            assert!(schema.contains(&escaped), "{kind:?}: {escaped}");
        }
    }
}
