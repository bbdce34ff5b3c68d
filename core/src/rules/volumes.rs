//! EFS volumes: what the ECS API refuses in an `EFSVolumeConfiguration`, and the Fargate
//! platform version they need.

use crate::diagnostic::{Code, Finding};
use crate::task::{Launch, PlatformVersion, Task};

/// Checks the EFS volumes of one task.
pub fn check(task: &Task, out: &mut Vec<Finding>) {
    for v in &task.volumes {
        let Some(efs) = &v.efs else { continue };
        let encrypted = efs.transit_encryption.value;
        let needs_tls = efs
            .access_point
            .as_ref()
            .map(|a| (&a.path, "an access point"))
            .or_else(|| {
                efs.iam
                    .value
                    .then_some((&efs.iam.path, "IAM authorization"))
            });
        if let Some((at, what)) = needs_tls
            && !encrypted
        {
            out.push(Finding::new(
                Code::EfsNeedsTransitEncryption,
                at,
                format!(
                    "volume `{}` mounts EFS with {what} and without transit encryption",
                    v.name.value
                ),
                "turn transit encryption on (`transit_encryption: true`; `transitEncryption: ENABLED` in a task definition)",
            ));
        }
        if let (Some(_), Some(root)) = (&efs.access_point, &efs.root_directory)
            && root.value != "/"
        {
            out.push(Finding::new(
                Code::EfsRootWithAccessPoint,
                &root.path,
                format!(
                    "volume `{}` sets root directory `{}` and an access point",
                    v.name.value, root.value
                ),
                "drop the root directory: the access point's own path is the volume's root",
            ));
        }
        if task.launch == Launch::Fargate && task.platform.value < PlatformVersion::V1_4_0 {
            out.push(super::sizing::platform_finding(task, "EFS volumes"));
        }
    }
}
