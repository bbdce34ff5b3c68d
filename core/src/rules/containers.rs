//! Container rules: names, dependencies, essential containers, ports, images, volumes,
//! health checks and stop timeouts.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Code, Finding};
use crate::facts::{self, container_health};
use crate::names;
use crate::task::{Condition, Container, Launch, Task};

/// Checks the containers of one task.
pub fn check(task: &Task, out: &mut Vec<Finding>) {
    let mut seen: HashMap<&str, &Container> = HashMap::new();
    let named = task
        .containers
        .iter()
        .map(|c| (names::Kind::Container, &c.name))
        .chain(task.volumes.iter().map(|v| (names::Kind::Volume, &v.name)));
    for (kind, name) in named {
        if !names::is_valid(kind, &name.value) {
            out.push(Finding::new(
                Code::InvalidName,
                &name.path,
                format!(
                    "the {} `{}` breaks ECS's naming rule",
                    kind.what(),
                    name.value
                ),
                format!("use {}", kind.rule()),
            ));
        }
    }
    for c in &task.containers {
        if seen.insert(c.name.value.as_str(), c).is_some() {
            out.push(Finding::new(
                Code::DuplicateContainer,
                &c.name.path,
                format!("a container named `{}` already exists", c.name.value),
                "rename one of them (in a spec the main container takes the service's name)",
            ));
        }
    }
    if !task.containers.iter().any(|c| c.essential.value) {
        let path = task
            .containers
            .first()
            .map_or(&task.path, |c| &c.essential.path);
        out.push(Finding::new(
            Code::NoEssential,
            path,
            "no container is essential",
            "mark the main container `essential: true`",
        ));
    }
    let volumes: HashSet<&str> = task.volumes.iter().map(|v| v.name.value.as_str()).collect();
    crate::rules::network::check(task, out);
    for c in &task.containers {
        for dep in &c.depends_on {
            match seen.get(dep.container.value.as_str()) {
                None => out.push(Finding::new(
                    Code::UnknownDependency,
                    &dep.container.path,
                    format!(
                        "`{}` depends on `{}`, which is not a container of this task",
                        c.name.value, dep.container.value
                    ),
                    hint_names(&dep.container.value, seen.keys().copied()),
                )),
                Some(target)
                    if dep.condition == Condition::Healthy && target.health_check.is_none() =>
                {
                    out.push(Finding::new(
                        Code::HealthyWithoutCheck,
                        &dep.container.path,
                        format!(
                            "`{}` waits for `{}` to be healthy, but it has no health check",
                            c.name.value, dep.container.value
                        ),
                        "add a health check to that container, or wait for `start`",
                    ));
                }
                Some(_) => {}
            }
        }
        if let Some(why) = mutable_tag(&c.image.value) {
            out.push(Finding::new(
                Code::MutableImageTag,
                &c.image.path,
                format!("image `{}` {why}", c.image.value),
                "pin a version tag (`:1.4.2`) or a digest (`@sha256:...`)",
            ));
        }
        for (mount, _) in &c.mounts {
            if !volumes.contains(mount.value.as_str()) {
                out.push(Finding::new(
                    Code::UnknownVolume,
                    &mount.path,
                    format!(
                        "`{}` mounts `{}`, which is not a volume of the task",
                        c.name.value, mount.value
                    ),
                    hint_names(&mount.value, volumes.iter().copied()),
                ));
            }
        }
        if let Some(stop) = &c.stop_timeout
            && task.launch == Launch::Fargate
            && stop.value > facts::STOP_TIMEOUT_MAX
        {
            out.push(Finding::new(
                Code::StopTimeout,
                &stop.path,
                format!(
                    "a stop timeout of {} s is over Fargate's {} s",
                    stop.value,
                    facts::STOP_TIMEOUT_MAX
                ),
                format!(
                    "use at most {} s; apps that handle SIGTERM need only a few",
                    facts::STOP_TIMEOUT_MAX
                ),
            ));
        }
        health_check(c, out);
    }
    cycles(task, out);
}

fn health_check(c: &Container, out: &mut Vec<Finding>) {
    let Some(h) = &c.health_check else { return };
    for (value, range, what) in [
        (&h.interval, container_health::INTERVAL, "interval"),
        (&h.timeout, container_health::TIMEOUT, "timeout"),
        (&h.retries, container_health::RETRIES, "retries"),
        (
            &h.start_period,
            container_health::START_PERIOD,
            "start period",
        ),
    ] {
        if !(range.0..=range.1).contains(&value.value) {
            out.push(Finding::new(
                Code::ContainerHealthCheckRange,
                &value.path,
                format!(
                    "container health check {what} {} is out of range",
                    value.value
                ),
                format!("use {}-{}", range.0, range.1),
            ));
        }
    }
    let command_ok = matches!(
        h.command.first().map(String::as_str),
        Some("CMD" | "CMD-SHELL" | "NONE")
    ) && h.command.len() >= 2;
    if !command_ok {
        out.push(Finding::new(
            Code::ContainerHealthCheckRange,
            &h.path.join("command"),
            "the health check command must start with `CMD` or `CMD-SHELL` and name a command",
            "write e.g. `[\"CMD-SHELL\", \"curl -f http://localhost:8080/health || exit 1\"]`",
        ));
    }
    if h.timeout.value >= h.interval.value {
        out.push(Finding::new(
            Code::ContainerHealthCheckTimeout,
            &h.timeout.path,
            format!(
                "timeout {} s is not shorter than interval {} s",
                h.timeout.value, h.interval.value
            ),
            "lower `timeout` or raise `interval`",
        ));
    }
}

/// Reports each dependency cycle once, at the dependency that closes it.
fn cycles(task: &Task, out: &mut Vec<Finding>) {
    let index: HashMap<&str, usize> = task
        .containers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.value.as_str(), i))
        .collect();
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; task.containers.len()];
    for start in 0..task.containers.len() {
        if state[start] != 0 {
            continue;
        }
        // Iterative depth-first search: (container, next dependency to look at).
        let mut stack = vec![(start, 0usize)];
        state[start] = 1;
        while let Some((node, next)) = stack.pop() {
            let deps = &task.containers[node].depends_on;
            let Some(dep) = deps.get(next) else {
                state[node] = 2;
                continue;
            };
            stack.push((node, next + 1));
            let Some(&target) = index.get(dep.container.value.as_str()) else {
                continue;
            };
            match state[target] {
                0 => {
                    state[target] = 1;
                    stack.push((target, 0));
                }
                1 => {
                    let mut names: Vec<&str> = stack
                        .iter()
                        .skip_while(|(n, _)| *n != target)
                        .map(|(n, _)| task.containers[*n].name.value.as_str())
                        .collect();
                    names.push(&task.containers[target].name.value);
                    out.push(Finding::new(
                        Code::DependencyCycle,
                        &dep.container.path,
                        format!(
                            "containers depend on each other in a cycle: {}",
                            names.join(" → ")
                        ),
                        "remove one of these dependencies",
                    ));
                }
                _ => {}
            }
        }
    }
}

/// Why an image reference is not pinned, if it is not. A template placeholder anywhere in it
/// (`<IMAGE1_NAME>`, `repo:${TAG}`) is filled in at deploy time, so it is not judged.
#[must_use]
pub fn mutable_tag(image: &str) -> Option<&'static str> {
    if image.contains('@') || image.is_empty() || crate::placeholder::contains(image) {
        return None;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        None => Some("has no tag, so it means `latest`"),
        Some((_, "latest")) => Some("uses the moving tag `latest`"),
        Some(_) => None,
    }
}

fn hint_names<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> String {
    let known: Vec<String> = known.map(str::to_owned).collect();
    match crate::schema::closest(name, &known) {
        Some(near) => format!("did you mean `{near}`?"),
        None if known.is_empty() => "declare it first".to_owned(),
        None => {
            let mut sorted = known;
            sorted.sort();
            format!("known here: {}", sorted.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_tags() {
        assert!(mutable_tag("nginx").is_some());
        assert!(mutable_tag("nginx:latest").is_some());
        assert!(mutable_tag("localhost:5000/app").is_some());
        assert!(mutable_tag("localhost:5000/app:1.2").is_none());
        assert!(mutable_tag("app@sha256:abc").is_none());
    }
}
