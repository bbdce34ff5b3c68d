//! ARNs akplan builds, with the account left open when the spec names none, so each printer can
//! write it its own way (a placeholder in JSON, the caller's account in Terraform).

use crate::secret_ref::{self, SecretRef};

/// The account id written when the spec names none (docs/cli.md says to replace it).
pub const PLACEHOLDER_ACCOUNT_ID: &str = "123456789012";

/// Whose account an ARN names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Account {
    /// This account id.
    Given(String),
    /// The account deployed to, unknown when generating: [`PLACEHOLDER_ACCOUNT_ID`] in JSON,
    /// `data.aws_caller_identity` in Terraform.
    Deployer,
}

impl Account {
    /// The account id as JSON targets write it.
    #[must_use]
    pub fn id(&self) -> &str {
        match self {
            Self::Given(id) => id,
            Self::Deployer => PLACEHOLDER_ACCOUNT_ID,
        }
    }
}

/// An ARN: `arn:<partition>:<service>:<region>:<account>:<resource>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn {
    /// Partition.
    pub partition: String,
    /// Service.
    pub service: String,
    /// Region (empty for IAM).
    pub region: String,
    /// Account.
    pub account: Account,
    /// Resource.
    pub resource: String,
}

impl Arn {
    /// The text up to the account, and the text after it.
    #[must_use]
    pub fn around_account(&self) -> (String, String) {
        (
            format!("arn:{}:{}:{}:", self.partition, self.service, self.region),
            format!(":{}", self.resource),
        )
    }

    /// The ARN as text, with [`PLACEHOLDER_ACCOUNT_ID`] for the deployer's account.
    #[must_use]
    pub fn text(&self) -> String {
        let (before, after) = self.around_account();
        format!("{before}{}{after}", self.account.id())
    }
}

/// Where ECS or IAM is pointed at: an ARN akplan built or was given, or text passed on as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// An ARN.
    Arn(Arn),
    /// Text used as written (a template placeholder filled in at deploy time).
    Verbatim(String),
}

impl Reference {
    /// The reference as text.
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            Self::Arn(arn) => arn.text(),
            Self::Verbatim(text) => text.clone(),
        }
    }
}

/// The AWS partition of a Region.
#[must_use]
pub fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// The `valueFrom` of a secret reference in `region` of `account`.
///
/// `ssm:/a/b` → `arn:aws:ssm:REGION:ACCOUNT:parameter/a/b`; `secretsmanager:name[:key[:stage[:id]]]`
/// → `arn:aws:secretsmanager:REGION:ACCOUNT:secret:name[:key:stage:id]`; ARNs pass through.
#[must_use]
pub fn value_from(reference: &SecretRef, region: &str, account: &Account) -> Reference {
    let ours = |service: &str, resource: String| {
        Reference::Arn(Arn {
            partition: partition(region).to_owned(),
            service: service.to_owned(),
            region: region.to_owned(),
            account: account.clone(),
            resource,
        })
    };
    match reference {
        SecretRef::SsmName(name) => {
            ours("ssm", format!("parameter/{}", name.trim_start_matches('/')))
        }
        SecretRef::SecretsManagerName {
            name,
            json_key,
            version_stage,
            version_id,
        } => {
            let mut resource = format!("secret:{name}");
            if json_key.is_some() || version_stage.is_some() || version_id.is_some() {
                for part in [json_key, version_stage, version_id] {
                    resource.push(':');
                    resource.push_str(part.as_deref().unwrap_or_default());
                }
            }
            ours("secretsmanager", resource)
        }
        SecretRef::Arn(arn) => Reference::Arn(given(arn)),
        SecretRef::Verbatim(text) => Reference::Verbatim(text.clone()),
    }
}

/// The IAM resource that lets the execution role read `reference` (`value_from` is its
/// `valueFrom`). A Secrets Manager secret's ARN ends in a random six-character suffix and IAM
/// matches the whole ARN, so a name gets `-*` and a given ARN `*` (it may or may not carry the
/// suffix); a JSON key or version after the name is not part of the secret's ARN. Source:
/// <https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_iam-policies.html>.
#[must_use]
pub fn read_resource(reference: &SecretRef, value_from: &Reference) -> Reference {
    let Reference::Arn(arn) = value_from else {
        return value_from.clone();
    };
    if arn.service != "secretsmanager" {
        return value_from.clone();
    }
    let secret = arn
        .resource
        .strip_prefix("secret:")
        .unwrap_or(&arn.resource)
        .split(':')
        .next()
        .unwrap_or_default();
    let wildcard = match reference {
        SecretRef::SecretsManagerName { .. } => "-*",
        _ => "*",
    };
    Reference::Arn(Arn {
        resource: format!("secret:{secret}{wildcard}"),
        ..arn.clone()
    })
}

fn given(arn: &secret_ref::Arn) -> Arn {
    Arn {
        partition: arn.partition.clone(),
        service: arn.service.clone(),
        region: arn.region.clone(),
        account: Account::Given(arn.account.clone()),
        resource: arn.resource.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret_ref::RefStyle;

    fn arn(text: &str) -> String {
        let r = SecretRef::read(text, RefStyle::Spec);
        value_from(&r, "us-east-1", &Account::Deployer).text()
    }

    fn iam(text: &str) -> String {
        let r = SecretRef::read(text, RefStyle::Spec);
        read_resource(&r, &value_from(&r, "us-east-1", &Account::Deployer)).text()
    }

    #[test]
    fn value_from_arns() {
        assert_eq!(
            arn("ssm:/a/b"),
            "arn:aws:ssm:us-east-1:123456789012:parameter/a/b"
        );
        assert_eq!(
            arn("secretsmanager:db:password"),
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db:password::"
        );
        assert_eq!(
            arn("secretsmanager:db::AWSPREVIOUS"),
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db::AWSPREVIOUS:"
        );
        let given = "arn:aws:ssm:eu-west-1:210987654321:parameter/x";
        assert_eq!(arn(given), given);
    }

    #[test]
    fn iam_resources_match_the_secrets_arn() {
        assert_eq!(
            iam("secretsmanager:db:password"),
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-*"
        );
        assert_eq!(
            iam("arn:aws:secretsmanager:us-east-1:210987654321:secret:db-AbCdEf:password::"),
            "arn:aws:secretsmanager:us-east-1:210987654321:secret:db-AbCdEf*"
        );
        assert_eq!(
            iam("ssm:/a/b"),
            "arn:aws:ssm:us-east-1:123456789012:parameter/a/b"
        );
    }
}
