//! Secret references, read once: [`SecretRef::read`] classifies a reference by its form, and
//! [`parse_ref`] adds the checks of each part's syntax that the rules report. The model keeps the
//! typed reference; the infrastructure model turns it into ARNs and IAM resources.
//!
//! Sources: ECS's `secrets[].valueFrom` takes an SSM parameter name or ARN, or a Secrets Manager
//! ARN with an optional `:json-key:version-stage:version-id` suffix
//! (<https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html>);
//! SSM parameter names (<https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-parameter-name-constraints.html>).

use crate::rules::secret_values;

/// Which reference syntax a file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefStyle {
    /// akplan specs: `ssm:...`, `secretsmanager:...` or an ARN.
    Spec,
    /// Task definitions: an ARN or an SSM parameter name (`valueFrom`).
    TaskDefinition,
}

/// A secret reference by its form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretRef {
    /// An SSM parameter by name, as written (`/agents/prod/KEY` or `KEY`).
    SsmName(String),
    /// A Secrets Manager secret by name, with what selects inside it.
    SecretsManagerName {
        /// The secret's name.
        name: String,
        /// A JSON key in the secret's value.
        json_key: Option<String>,
        /// A version stage (`AWSCURRENT`).
        version_stage: Option<String>,
        /// A version id.
        version_id: Option<String>,
    },
    /// A full ARN, used as written.
    Arn(Arn),
    /// Not readable as any of these (a template placeholder filled in at deploy time): passed on
    /// as written.
    Verbatim(String),
}

/// The parts of an ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn {
    /// `aws`, `aws-cn` or `aws-us-gov`.
    pub partition: String,
    /// `ssm` or `secretsmanager` (the rules reject others).
    pub service: String,
    /// Region.
    pub region: String,
    /// Account id.
    pub account: String,
    /// `parameter/...` or `secret:...`.
    pub resource: String,
}

impl Arn {
    /// The ARN as text.
    #[must_use]
    pub fn text(&self) -> String {
        format!(
            "arn:{}:{}:{}:{}:{}",
            self.partition, self.service, self.region, self.account, self.resource
        )
    }
}

impl SecretRef {
    /// Classifies `text` by its form alone (the syntax of each part is [`parse_ref`]'s concern).
    #[must_use]
    pub fn read(text: &str, style: RefStyle) -> Self {
        if let Some(rest) = text.strip_prefix("arn:") {
            let parts: Vec<&str> = rest.splitn(5, ':').collect();
            return match parts[..] {
                [partition, service, region, account, resource] => Self::Arn(Arn {
                    partition: partition.to_owned(),
                    service: service.to_owned(),
                    region: region.to_owned(),
                    account: account.to_owned(),
                    resource: resource.to_owned(),
                }),
                _ => Self::Verbatim(text.to_owned()),
            };
        }
        match style {
            RefStyle::TaskDefinition => Self::SsmName(text.to_owned()),
            RefStyle::Spec => {
                if let Some(name) = text.strip_prefix("ssm:") {
                    Self::SsmName(name.to_owned())
                } else if let Some(rest) = text.strip_prefix("secretsmanager:") {
                    let mut parts = rest.split(':').map(str::to_owned);
                    let name = parts.next().unwrap_or_default();
                    let mut part = || parts.next().filter(|p| !p.is_empty());
                    Self::SecretsManagerName {
                        name,
                        json_key: part(),
                        version_stage: part(),
                        version_id: part(),
                    }
                } else {
                    Self::Verbatim(text.to_owned())
                }
            }
        }
    }

    /// Whether ECS reads it from SSM Parameter Store (else Secrets Manager, or unknown).
    #[must_use]
    pub fn is_ssm(&self) -> bool {
        match self {
            Self::SsmName(_) => true,
            Self::Arn(arn) => arn.service == "ssm",
            Self::SecretsManagerName { .. } => false,
            Self::Verbatim(text) => text.contains(":ssm:"),
        }
    }
}

/// Reads a reference and checks each part's syntax, or says what is wrong with it.
///
/// # Errors
/// A sentence saying why `text` is not a reference of `style`; it never repeats a value that
/// may be the secret itself.
pub fn parse_ref(text: &str, style: RefStyle) -> Result<SecretRef, String> {
    let reference = SecretRef::read(text, style);
    match &reference {
        SecretRef::Arn(arn) => check_arn(arn)?,
        SecretRef::Verbatim(_) if text.starts_with("arn:") => {
            return Err("an ARN has the form `arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE`".to_owned());
        }
        SecretRef::Verbatim(_) => {
            return Err(format!(
                "{} is not a reference (`ssm:/path`, `secretsmanager:name` or an ARN); a secret is never its value",
                secret_values::redact(text)
            ));
        }
        SecretRef::SsmName(name) => {
            ssm_name(name)?;
        }
        SecretRef::SecretsManagerName { name, .. } => {
            let rest = text.strip_prefix("secretsmanager:").unwrap_or_default();
            let ok = !name.is_empty()
                && name.len() <= 512
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "/_+=.@-".contains(c))
                && rest.split(':').count() <= 4;
            if !ok {
                return Err(format!(
                    "{} is not a Secrets Manager secret name",
                    secret_values::redact(rest)
                ));
            }
        }
    }
    Ok(reference)
}

fn ssm_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 2048
        && !name.contains("//")
        && !name.ends_with('/')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/_.-".contains(c));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{} is not an SSM parameter name (letters, digits, `_.-/`, no `//`)",
            secret_values::redact(name)
        ))
    }
}

fn check_arn(arn: &Arn) -> Result<(), String> {
    let Arn {
        partition,
        service,
        region,
        account,
        resource,
    } = arn;
    if !matches!(partition.as_str(), "aws" | "aws-cn" | "aws-us-gov") {
        return Err(format!("`{partition}` is not an AWS partition"));
    }
    if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{account}` is not a 12-digit account id"));
    }
    if region.is_empty() {
        return Err("the ARN has no Region".to_owned());
    }
    let resource_ok = match service.as_str() {
        "ssm" => resource
            .strip_prefix("parameter")
            .is_some_and(|p| p.starts_with('/') && ssm_name(p).is_ok()),
        "secretsmanager" => resource
            .strip_prefix("secret:")
            .is_some_and(|s| !s.is_empty() && s.split(':').count() <= 4),
        _ => {
            return Err(format!(
                "`{service}` ARNs cannot hold secrets: use `ssm` or `secretsmanager`"
            ));
        }
    };
    if resource_ok {
        Ok(())
    } else {
        Err(format!(
            "{} is not an {service} resource (`parameter/NAME` or `secret:NAME`)",
            secret_values::redact(resource)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert!(parse_ref("ssm:/agents/prod/KEY", RefStyle::Spec).is_ok());
        assert!(parse_ref("secretsmanager:llm-proxy/database-url", RefStyle::Spec).is_ok());
        assert!(parse_ref("secretsmanager:db:password", RefStyle::Spec).is_ok());
        assert!(
            parse_ref(
                "arn:aws:ssm:us-east-1:123456789012:parameter/a/b",
                RefStyle::Spec
            )
            .is_ok()
        );
        assert!(
            parse_ref(
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbCdEf",
                RefStyle::Spec
            )
            .is_ok()
        );
        assert!(parse_ref("sk-live-123", RefStyle::Spec).is_err());
        assert!(parse_ref("ssm://double", RefStyle::Spec).is_err());
        assert!(parse_ref("arn:aws:s3:::bucket", RefStyle::Spec).is_err());
        assert!(parse_ref("arn:aws:ssm:us-east-1:1234:parameter/a", RefStyle::Spec).is_err());
        assert!(parse_ref("/plain/name", RefStyle::TaskDefinition).is_ok());
    }

    #[test]
    fn the_parts_of_a_secrets_manager_reference() {
        assert_eq!(
            SecretRef::read("secretsmanager:db:password::v1", RefStyle::Spec),
            SecretRef::SecretsManagerName {
                name: "db".into(),
                json_key: Some("password".into()),
                version_stage: None,
                version_id: Some("v1".into()),
            }
        );
        assert_eq!(
            SecretRef::read("{{ secret }}", RefStyle::Spec),
            SecretRef::Verbatim("{{ secret }}".into())
        );
        let arn = "arn:aws:ssm:us-east-1:123456789012:parameter/a/b";
        match SecretRef::read(arn, RefStyle::Spec) {
            SecretRef::Arn(a) => assert_eq!(a.text(), arn),
            other => panic!("{other:?}"),
        }
    }
}
