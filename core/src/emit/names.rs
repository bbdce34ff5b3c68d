//! Names and ARNs every target derives the same way from the spec.

use crate::spec::{PLACEHOLDER_ACCOUNT_ID, Service, Spec};

/// The AWS partition of a Region.
pub fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// The spec's account id, or the documented placeholder.
pub fn account(spec: &Spec) -> &str {
    spec.account_id.as_deref().unwrap_or(PLACEHOLDER_ACCOUNT_ID)
}

/// The file name (without extension) generated files of a service get: the service name, which
/// the schema restricts to letters, digits, `_` and `-`; anything else becomes `_`, so no name
/// can reach another directory.
pub fn file_stem(svc: &Service) -> String {
    svc.name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Task definition family: `<app>-<service>`.
pub fn family(spec: &Spec, svc: &Service) -> String {
    format!("{}-{}", spec.app, svc.name)
}

/// IAM role ARN named `<app>-<service>-<kind>` (`task` or `execution`).
pub fn role_arn(spec: &Spec, svc: &Service, kind: &str) -> String {
    format!(
        "arn:{}:iam::{}:role/{}-{kind}",
        partition(&spec.region),
        account(spec),
        family(spec, svc)
    )
}

/// CloudWatch Logs group of a service.
pub fn log_group(spec: &Spec, svc: &Service) -> String {
    format!("/ecs/{}/{}", spec.app, svc.name)
}

/// The ARN ECS's `valueFrom` takes for a spec secret reference (already validated).
///
/// `ssm:/a/b` → `arn:aws:ssm:REGION:ACCOUNT:parameter/a/b`; `secretsmanager:name[:key]` →
/// `arn:aws:secretsmanager:REGION:ACCOUNT:secret:name[:key::]`; ARNs pass through.
pub fn secret_arn(spec: &Spec, reference: &str) -> String {
    let (p, region, account) = (partition(&spec.region), &spec.region, account(spec));
    if let Some(name) = reference.strip_prefix("ssm:") {
        let name = name.trim_start_matches('/');
        format!("arn:{p}:ssm:{region}:{account}:parameter/{name}")
    } else if let Some(rest) = reference.strip_prefix("secretsmanager:") {
        match rest.split_once(':') {
            Some((name, key)) => {
                format!("arn:{p}:secretsmanager:{region}:{account}:secret:{name}:{key}::")
            }
            None => format!("arn:{p}:secretsmanager:{region}:{account}:secret:{rest}"),
        }
    } else {
        reference.to_owned()
    }
}

/// The target group ARN placeholder of a service (docs/cli.md says to replace it).
pub fn target_group_arn(spec: &Spec, svc: &Service) -> String {
    format!(
        "arn:{}:elasticloadbalancing:{}:{}:targetgroup/{}/0123456789abcdef",
        partition(&spec.region),
        spec.region,
        account(spec),
        target_group_name(spec, svc)
    )
}

/// Target group names are at most 32 characters of letters, digits and hyphens.
pub fn target_group_name(spec: &Spec, svc: &Service) -> String {
    let name: String = family(spec, svc)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(32)
        .collect();
    name.trim_end_matches('-').to_owned()
}
