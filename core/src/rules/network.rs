//! Port rules by network mode: shared ports in `awsvpc`/`host`, fixed host ports in `bridge`,
//! none at all in `none`. Source:
//! https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html

use std::collections::HashMap;

use crate::diagnostic::{Code, Finding};
use crate::task::{Launch, NetworkMode, Os, Task};

/// Checks the network mode against the launch type and OS, and every container's port mappings
/// against the network mode.
pub fn check(task: &Task, out: &mut Vec<Finding>) {
    let mode = task.network.value;
    let refused = match (task.launch, task.os.value, mode) {
        (Launch::External, _, NetworkMode::Awsvpc) => {
            Some("ECS Anywhere tasks run in `bridge`, `host` or `none` mode")
        }
        (Launch::Ec2, Os::Windows, NetworkMode::Bridge | NetworkMode::Host | NetworkMode::None) => {
            Some("tasks on EC2 Windows instances use the default network mode or `awsvpc`")
        }
        (Launch::ManagedInstances, _, NetworkMode::Bridge) => {
            Some("ECS Managed Instances runs `awsvpc` and `host` tasks, not `bridge`")
        }
        _ => None,
    };
    if let Some(why) = refused {
        out.push(Finding::new(
            Code::NetworkModeForLaunchType,
            &task.network.path,
            format!("this network mode is not available here: {why}"),
            "change `networkMode`, or the launch type in `requiresCompatibilities`",
        ));
    }
    // The port each mapping occupies on the task's (or the host's) network stack.
    let mut taken: HashMap<u32, &str> = HashMap::new();
    for c in &task.containers {
        for p in &c.ports {
            if mode == NetworkMode::None {
                out.push(Finding::new(
                    Code::PortMappingsWithoutNetwork,
                    &p.container.path,
                    format!(
                        "container `{}` maps port {}, but the task's network mode is `none`",
                        c.name.value, p.container.value
                    ),
                    "remove `portMappings`, or use `awsvpc` or `bridge`",
                ));
                continue;
            }
            if mode.shares_ports()
                && let Some(host) = &p.host
                && host.value != p.container.value
            {
                out.push(Finding::new(
                    Code::HostPortMismatch,
                    &host.path,
                    format!(
                        "host port {} differs from container port {}; in this network mode they are the same port",
                        host.value, p.container.value
                    ),
                    format!(
                        "remove `hostPort` or set it to {}",
                        p.container.value
                    ),
                ));
            }
            let occupied = match mode {
                NetworkMode::Bridge => p.host.as_ref().filter(|h| h.value != 0),
                _ => Some(&p.container),
            };
            let Some(port) = occupied else { continue };
            if let Some(other) = taken.insert(port.value, c.name.value.as_str()) {
                let who = if other == c.name.value {
                    format!("`{other}` maps it twice")
                } else {
                    format!("`{other}` and `{}` both use it", c.name.value)
                };
                let hint = if mode == NetworkMode::Bridge {
                    "use another host port, or `hostPort: 0` for a dynamic one"
                } else {
                    "containers of one task share its network stack: use another port"
                };
                out.push(Finding::new(
                    Code::PortClash,
                    &port.path,
                    format!("port {} is taken twice: {who}", port.value),
                    hint,
                ));
            }
        }
    }
}
