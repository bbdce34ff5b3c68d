//! The task execution role: what needs it, by launch type. Source:
//! https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
//! (RegisterTaskDefinition answers "Fargate requires task definition to have execution role ARN
//! to support log driver awslogs" / "... to support ECR images", and "When you are specifying
//! container secrets, you must also specify a value for 'executionRoleArn'").

use crate::diagnostic::{Code, Finding};
use crate::task::{Launch, Task};

/// Whether `image` is in a private ECR registry (`ACCOUNT.dkr.ecr.REGION.amazonaws.com/...`).
#[must_use]
pub fn is_private_ecr(image: &str) -> bool {
    let registry = image.split('/').next().unwrap_or_default();
    registry.contains(".dkr.ecr.") && registry.contains(".amazonaws.com")
}

/// Reports the first thing that needs an execution role when the task has none.
pub fn check(task: &Task, out: &mut Vec<Finding>) {
    if task.execution_role {
        return;
    }
    let fargate = task.launch == Launch::Fargate;
    for c in &task.containers {
        let why = if let Some(path) = &c.needs_execution_role {
            Some((
                path.clone(),
                "fetches secrets or registry credentials".to_owned(),
            ))
        } else if fargate && c.log_driver.as_deref() == Some("awslogs") {
            Some((
                c.name
                    .path
                    .parent()
                    .unwrap_or_default()
                    .join("logConfiguration"),
                "sends its logs with the `awslogs` driver on Fargate".to_owned(),
            ))
        } else if fargate && is_private_ecr(&c.image.value) {
            Some((
                c.image.path.clone(),
                "pulls a private ECR image on Fargate".to_owned(),
            ))
        } else {
            None
        };
        if let Some((path, what)) = why {
            out.push(Finding::new(
                Code::ExecutionRoleMissing,
                &path,
                format!(
                    "container `{}` {what}, which needs the task's `executionRoleArn`",
                    c.name.value
                ),
                "add `\"executionRoleArn\": \"arn:aws:iam::ACCOUNT:role/ecsTaskExecutionRole\"` (a role with AmazonECSTaskExecutionRolePolicy)",
            ));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_ecr_images() {
        assert!(is_private_ecr(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1"
        ));
        assert!(is_private_ecr(
            "${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app:${TAG}"
        ));
        assert!(!is_private_ecr("public.ecr.aws/nginx/nginx:1.25"));
        assert!(!is_private_ecr("nginx:1.25"));
    }
}
