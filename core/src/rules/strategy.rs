//! Deployment strategy rules: settings that belong to one strategy, what traffic shifting
//! needs, lifecycle hooks, and CloudFormation's limit on how long it waits.

use crate::diagnostic::{Code, Finding};
use crate::model::{Strategy, StrategyName};
use crate::spec::Service;

/// CloudFormation's limit on a linear or canary deployment's bakes, minutes (33 hours).
/// Source: `AWS::ECS::Service DeploymentConfiguration` in the CloudFormation reference.
const CLOUDFORMATION_BAKE_LIMIT_MINUTES: u64 = 33 * 60;

/// Checks the deployment strategy of one service.
pub fn check(svc: &Service, out: &mut Vec<Finding>) {
    let d = &svc.deployment;
    let at = |field: &str| svc.path.join_all(["deployment", field]);
    let name = d.strategy.name();
    for (written, block, needs) in [
        (svc.written.linear, "linear", StrategyName::Linear),
        (svc.written.canary, "canary", StrategyName::Canary),
    ] {
        if written && name != needs {
            out.push(Finding::new(
                Code::StrategySettingsMismatch,
                &at(block),
                format!(
                    "`deployment.{block}` needs `strategy: {block}`; with `{}` it is ignored",
                    name.as_str()
                ),
                format!("remove `{block}`, or set `strategy: {block}`"),
            ));
        }
    }
    if !d.strategy.shifts_traffic() {
        if svc.written.bake {
            out.push(ignored(&at("bake_minutes"), "`bake_minutes`", name));
        }
        if !d.hooks.is_empty() {
            out.push(ignored(&at("hooks"), "lifecycle `hooks`", name));
        }
        hooks(svc, out);
        return;
    }
    if d.circuit_breaker {
        out.push(ignored(&at("circuit_breaker"), "the circuit breaker", name));
    }
    if svc.port.is_none() {
        out.push(Finding::new(
            Code::NoTrafficToShift,
            &at("strategy"),
            format!(
                "`{}` shifts traffic through a load balancer, and the service has no `port`",
                name.as_str()
            ),
            "give the service a `port`, or use `strategy: rolling`",
        ));
    }
    if svc
        .autoscaling
        .as_ref()
        .is_some_and(|a| a.requests_per_target.is_some())
    {
        out.push(Finding::new(
            Code::RequestScalingWithBlueGreen,
            &svc.path.join_all(["autoscaling", "requests_per_target"]),
            format!(
                "request-count scaling is documented as unsupported with `{}` deployments",
                name.as_str()
            ),
            "scale on `cpu_target` or `memory_target`",
        ));
    }
    shares(svc, out);
    bakes(svc, out);
    hooks(svc, out);
}

fn ignored(path: &crate::pointer::Pointer, what: &str, name: StrategyName) -> Finding {
    Finding::new(
        Code::StrategySettingIgnored,
        path,
        format!("{what} does nothing with `strategy: {}`", name.as_str()),
        if what.contains("circuit breaker") {
            "rely on `alarms` to roll back, or use `strategy: rolling`"
        } else {
            "remove it, or use `blue_green`, `linear` or `canary`"
        },
    )
}

/// Linear steps and canary shares are multiples of 0.1.
fn shares(svc: &Service, out: &mut Vec<Finding>) {
    let (value, path) = match svc.deployment.strategy {
        Strategy::Linear { step_percent, .. } if svc.written.linear => (
            step_percent,
            svc.path.join_all(["deployment", "linear", "step_percent"]),
        ),
        Strategy::Canary { percent, .. } if svc.written.canary => (
            percent,
            svc.path.join_all(["deployment", "canary", "percent"]),
        ),
        _ => return,
    };
    let tenths = value * 10.0;
    if (tenths - tenths.round()).abs() > 1e-6 {
        out.push(Finding::new(
            Code::ShiftPercentStep,
            &path,
            format!("{value}% is not a multiple of 0.1"),
            format!("write {:.1}", (tenths.round() / 10.0)),
        ));
    }
}

/// CloudFormation's 33-hour limit on the bakes of linear and canary deployments.
fn bakes(svc: &Service, out: &mut Vec<Finding>) {
    let total: u64 = match svc.deployment.strategy {
        Strategy::Linear {
            step_percent,
            step_bake_minutes,
            bake_minutes,
        } => {
            // Whole steps of at least 0.1%: at most 1,000.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let steps = (100.0 / step_percent.max(0.1)).ceil().min(1000.0) as u64;
            u64::from(bake_minutes) + u64::from(step_bake_minutes) * steps.saturating_sub(1)
        }
        Strategy::Canary {
            canary_bake_minutes,
            bake_minutes,
            ..
        } => u64::from(bake_minutes) + u64::from(canary_bake_minutes),
        _ => return,
    };
    if total > CLOUDFORMATION_BAKE_LIMIT_MINUTES {
        out.push(Finding::new(
            Code::CloudFormationDeploymentLimit,
            &svc.path.join_all(["deployment", "bake_minutes"]),
            format!(
                "the bakes add up to {} h {} min; CloudFormation (and so the generated CDK app) refuses more than 33 h",
                total / 60,
                total % 60
            ),
            "shorten `bake_minutes` or the step bakes, or deploy through the ECS API or Terraform",
        ));
    }
}

fn hooks(svc: &Service, out: &mut Vec<Finding>) {
    for (i, h) in svc.deployment.hooks.iter().enumerate() {
        let at = svc.path.join_all(["deployment", "hooks"]).join(i);
        match &h.function {
            Some(f) if !is_lambda_arn(f) => out.push(Finding::new(
                Code::HookTarget,
                &at.join("function"),
                if f.is_empty() {
                    "a `lambda` hook needs `function`, the ARN of a Lambda function".to_owned()
                } else {
                    format!("`{f}` is not a Lambda function ARN")
                },
                "write `function: arn:aws:lambda:REGION:ACCOUNT:function:NAME`",
            )),
            _ => {}
        }
    }
}

/// `arn:<partition>:lambda:<region>:<account>:function:<name>[:qualifier]`, or a placeholder.
fn is_lambda_arn(text: &str) -> bool {
    if crate::placeholder::contains(text) {
        return true;
    }
    let parts: Vec<&str> = text.splitn(7, ':').collect();
    matches!(
        parts[..],
        ["arn", "aws" | "aws-cn" | "aws-us-gov", "lambda", region, account, "function", name]
            if !region.is_empty()
                && account.len() == 12
                && account.bytes().all(|b| b.is_ascii_digit())
                && !name.is_empty()
    )
}

#[cfg(test)]
mod tests {
    use super::is_lambda_arn;

    #[test]
    fn lambda_arns() {
        assert!(is_lambda_arn(
            "arn:aws:lambda:us-east-1:123456789012:function:check"
        ));
        assert!(is_lambda_arn(
            "arn:aws:lambda:us-east-1:123456789012:function:check:live"
        ));
        assert!(!is_lambda_arn("check"));
        assert!(!is_lambda_arn(
            "arn:aws:sns:us-east-1:123456789012:function:x"
        ));
    }
}
