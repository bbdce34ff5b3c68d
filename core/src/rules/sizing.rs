//! Task size and platform rules: Fargate CPU/memory pairs, Windows, ARM64, storage, platform.

use crate::diagnostic::{Code, Finding, Fix, FixEdit, Scalar};
use crate::facts::{self, CPU_SIZES};
use crate::present::{memory as mib, vcpu};
use crate::pricing::{monthly_task_usd, signed_usd};
use crate::task::{Arch, Container, Launch, Os, PlatformVersion, Task};

/// Every CPU/memory pair a task could use on `os` at `platform`, smallest first: the Fargate
/// pairs its OS runs at (Windows: 1, 2 and 4 vCPU) on its platform version (8 and 16 vCPU need
/// 1.4.0). The sizes [`check`] accepts; the page's size picker offers only these.
#[must_use]
pub fn sizes(os: Os, platform: PlatformVersion) -> Vec<(u32, u32)> {
    CPU_SIZES
        .iter()
        .filter(|s| os != Os::Windows || s.windows)
        .filter(|s| !s.needs_platform_1_4 || platform >= PlatformVersion::V1_4_0)
        .flat_map(|s| s.memories().map(|m| (s.cpu, m)))
        .collect()
}

/// Checks the task's size, OS/architecture combination and platform version (Fargate's rules,
/// for Fargate tasks), its container count and its containers' sizes.
pub fn check(task: &Task, out: &mut Vec<Finding>) {
    if task.launch == Launch::Fargate {
        fargate(task, out);
    }
    // Managed Instances takes task sizes from 0.125 to 192 vCPU.
    // Source: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html (cpu)
    if task.launch == Launch::ManagedInstances
        && let Some(cpu) = &task.cpu
        && !(facts::TASK_CPU_MIN..=facts::TASK_CPU_MAX).contains(&cpu.value)
    {
        out.push(Finding::new(
            Code::ApiRange,
            &cpu.path,
            format!(
                "task cpu {} is outside what ECS Managed Instances takes: {} to {} CPU units",
                cpu.value,
                facts::TASK_CPU_MIN,
                facts::TASK_CPU_MAX
            ),
            "use 128 (0.125 vCPU) to 196608 (192 vCPU)",
        ));
    }
    if task.containers.len() > facts::MAX_CONTAINERS_PER_TASK {
        out.push(Finding::new(
            Code::TooManyContainers,
            &task.path,
            format!(
                "the task has {} containers; ECS allows {}",
                task.containers.len(),
                facts::MAX_CONTAINERS_PER_TASK
            ),
            "move some containers into another service",
        ));
    }
    container_sizes(task, out);
}

/// Fargate's own rules: task sizes, Windows and ARM64, ephemeral storage and platform versions.
/// Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html
pub fn fargate(task: &Task, out: &mut Vec<Finding>) {
    let region = task.region.as_deref().unwrap_or("us-east-1");
    if let (Some(cpu), Some(memory)) = (&task.cpu, &task.memory) {
        let valid = facts::cpu_size(cpu.value).is_some_and(|s| s.allows(memory.value));
        if !valid {
            out.push(
                Finding::new(
                    Code::InvalidCpuMemory,
                    &memory.path,
                    format!(
                        "{} CPU units ({}) with {} is not a Fargate task size",
                        cpu.value,
                        vcpu(cpu.value),
                        mib(memory.value)
                    ),
                    nearest_hint(region, task.arch.value, cpu.value, memory.value),
                )
                .with_fixes(|| size_fixes(region, task.arch.value, cpu, memory)),
            );
        }
        if let Some(size) = facts::cpu_size(cpu.value)
            && size.needs_platform_1_4
            && task.platform.value < PlatformVersion::V1_4_0
        {
            out.push(platform_finding(
                task,
                &format!("{} tasks", vcpu(cpu.value)),
            ));
        }
        if task.os.value == Os::Windows && facts::cpu_size(cpu.value).is_some_and(|s| !s.windows) {
            out.push(Finding::new(
                Code::WindowsSize,
                &cpu.path,
                format!("Windows tasks cannot have {}", vcpu(cpu.value)),
                "use 1024, 2048 or 4096 CPU units, or run the service on Linux",
            ));
        }
    }
    let storage = &task.ephemeral_gib;
    if !(facts::EPHEMERAL_INCLUDED_GIB..=facts::EPHEMERAL_MAX_GIB).contains(&storage.value) {
        out.push(Finding::new(
            Code::EphemeralStorage,
            &storage.path,
            format!("ephemeral storage of {} GiB is out of range", storage.value),
            format!(
                "use {} GiB (included) or {}-{} GiB",
                facts::EPHEMERAL_INCLUDED_GIB,
                facts::EPHEMERAL_INCLUDED_GIB + 1,
                facts::EPHEMERAL_MAX_GIB
            ),
        ));
    } else if storage.value > facts::EPHEMERAL_INCLUDED_GIB
        && task.platform.value < PlatformVersion::V1_4_0
    {
        out.push(platform_finding(task, "ephemeral storage above 20 GiB"));
    }
    if task.arch.value == Arch::Arm64 {
        if task.os.value == Os::Windows {
            out.push(Finding::new(
                Code::WindowsArm64,
                &task.arch.path,
                "Windows tasks cannot run on arm64",
                "set `arch: x86_64`, or `os: linux`",
            ));
        }
        if task.platform.value < PlatformVersion::V1_4_0 {
            out.push(platform_finding(task, "arm64 tasks"));
        }
        if let Some(region) = &task.region
            && facts::ARM64_UNAVAILABLE_REGIONS.contains(&region.as_str())
        {
            out.push(Finding::new(
                Code::Arm64Region,
                &task.arch.path,
                format!("arm64 Fargate is not available in {region}"),
                "use `arch: x86_64` in this Region",
            ));
        }
        for zone in &task.zone_ids {
            if facts::ARM64_UNAVAILABLE_ZONE_IDS.contains(&zone.value.as_str()) {
                out.push(Finding::new(
                    Code::Arm64Region,
                    &zone.path,
                    format!("arm64 Fargate is not available in zone {}", zone.value),
                    "pick another zone, or use `arch: x86_64`",
                ));
            }
        }
    }
}

pub(crate) fn platform_finding(task: &Task, what: &str) -> Finding {
    let PlatformVersion(a, b, c) = task.platform.value;
    Finding::new(
        Code::PlatformVersion,
        &task.platform.path,
        format!("{what} need platform version 1.4.0 or later, not {a}.{b}.{c}"),
        "use platform version `LATEST` (1.4.0) or `1.4.0`",
    )
}

fn container_sizes(task: &Task, out: &mut Vec<Finding>) {
    for c in &task.containers {
        if let (Some(hard), Some(soft)) = (&c.memory, &c.memory_reservation)
            && soft.value >= hard.value
        {
            out.push(Finding::new(
                Code::MemoryReservationAboveMemory,
                &soft.path,
                format!(
                    "container `{}` reserves {} MiB but its hard limit is {} MiB",
                    c.name.value, soft.value, hard.value
                ),
                "make `memoryReservation` lower than `memory`, or drop one of them",
            ));
        }
    }
    if let Some(task_cpu) = &task.cpu {
        let cpu: u32 = task
            .containers
            .iter()
            .filter_map(|c| c.cpu.as_ref().map(|l| l.value))
            .fold(0, u32::saturating_add);
        if let Some(first) = task.containers.iter().find_map(|c| c.cpu.as_ref())
            && cpu > task_cpu.value
        {
            out.push(Finding::new(
                Code::ContainerSize,
                &first.path,
                format!(
                    "the containers ask for {cpu} CPU units; the task has {}",
                    task_cpu.value
                ),
                "lower the containers' `cpu` or raise the task's",
            ));
        }
    }
    let Some(task_memory) = &task.memory else {
        return;
    };
    let memory: u32 = task
        .containers
        .iter()
        .filter_map(|c| c.reserved_memory().map(|l| l.value))
        .fold(0, u32::saturating_add);
    if let Some(first) = task.containers.iter().find_map(Container::reserved_memory)
        && memory > task_memory.value
    {
        out.push(Finding::new(
            Code::ContainerSize,
            &first.path,
            format!(
                "the containers ask for {memory} MiB; the task has {}",
                task_memory.value
            ),
            "lower the containers' `memory` or raise the task's",
        ));
    }
}

/// One fix per nearest valid size, cheapest first: set the task's `cpu` and `memory`.
fn size_fixes(
    region: &str,
    arch: Arch,
    cpu: &crate::task::Located<u32>,
    memory: &crate::task::Located<u32>,
) -> Vec<Fix> {
    nearest(region, arch, cpu.value, memory.value)
        .into_iter()
        .map(|(c, m, delta)| Fix {
            title: format!(
                "Use {c} CPU / {} ({} per task per month)",
                mib(m),
                signed_usd(delta)
            ),
            safe: false,
            edits: vec![
                FixEdit::Set {
                    path: cpu.path.clone(),
                    value: Scalar::Number(u64::from(c)),
                },
                FixEdit::Set {
                    path: memory.path.clone(),
                    value: Scalar::Number(u64::from(m)),
                },
            ],
        })
        .collect()
}

/// Names the nearest valid sizes and how their monthly price differs from what was asked.
pub(crate) fn nearest_hint(region: &str, arch: Arch, cpu: u32, memory: u32) -> String {
    let list: Vec<String> = nearest(region, arch, cpu, memory)
        .into_iter()
        .map(|(c, m, delta)| {
            format!(
                "{c} CPU / {} ({} per task per month)",
                mib(m),
                signed_usd(delta)
            )
        })
        .collect();
    format!("nearest valid sizes: {}", list.join(", "))
}

/// The nearest valid sizes, cheapest first, with how their monthly price differs from what was
/// asked.
fn nearest(region: &str, arch: Arch, cpu: u32, memory: u32) -> Vec<(u32, u32, f64)> {
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    let mut push = |pair: (u32, u32)| {
        if !candidates.contains(&pair) {
            candidates.push(pair);
        }
    };
    // The same CPU with the nearest memory below and above.
    if let Some(size) = facts::cpu_size(cpu) {
        if let Some(below) = size.memories().filter(|&m| m <= memory).last() {
            push((cpu, below));
        }
        if let Some(above) = size.memories().find(|&m| m >= memory) {
            push((cpu, above));
        }
    }
    // The smallest CPU that allows this memory, or the nearest allowed memory of the next CPU.
    if let Some(size) = CPU_SIZES.iter().find(|s| s.allows(memory)) {
        push((size.cpu, memory));
    } else if let Some(size) = CPU_SIZES
        .iter()
        .find(|s| s.cpu >= cpu && s.max_memory >= memory)
        .or(CPU_SIZES.last())
    {
        let nearest = size
            .memories()
            .min_by_key(|m| m.abs_diff(memory))
            .unwrap_or(size.min_memory);
        push((size.cpu, nearest));
    }
    let asked = monthly_task_usd(region, arch, cpu, memory);
    let mut priced: Vec<(u32, u32, f64)> = candidates
        .into_iter()
        .map(|(c, m)| (c, m, monthly_task_usd(region, arch, c, m) - asked))
        .collect();
    priced.sort_by(|a, b| a.2.total_cmp(&b.2));
    priced
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::Located;

    #[test]
    fn the_hint_names_neighbours_with_price_differences() {
        let hint = nearest_hint("us-east-1", Arch::X86_64, 1024, 9 * 1024);
        assert!(hint.contains("1024 CPU / 8 GB (−$3.24"), "{hint}");
        assert!(hint.contains("2048 CPU / 9 GB (+$29.55"), "{hint}");
        let hint = nearest_hint("us-east-1", Arch::X86_64, 1000, 2048);
        assert!(hint.contains("256 CPU / 2 GB"), "{hint}");
    }

    /// `sizes` offers exactly the pairs `check` accepts, for Linux, Windows and an old
    /// platform version.
    #[test]
    fn the_offered_sizes_are_exactly_the_accepted_ones() {
        let spec = |extra: &str| {
            let text = format!(
                "version: 1\napp: a\nregion: us-east-1\nservices:\n  api:\n    image: x:1\n    \
                 cpu: 1024\n    memory: 2048\n{extra}"
            );
            crate::check::resolved_spec(&text)
                .unwrap_or_else(|| panic!("invalid: {text}"))
                .services[0]
                .task
                .clone()
        };
        let tasks = [
            spec(""),
            spec("    os: windows\n"),
            spec("    platform_version: 1.3.0\n"),
        ];
        let every_pair: Vec<(u32, u32)> = CPU_SIZES
            .iter()
            .flat_map(|s| s.memories().map(|m| (s.cpu, m)))
            .collect();
        for task in tasks {
            let offered = sizes(task.os.value, task.platform.value);
            for &(cpu, memory) in &every_pair {
                let mut sized = task.clone();
                sized.cpu = Some(Located::new(cpu, task.path.join("cpu")));
                sized.memory = Some(Located::new(memory, task.path.join("memory")));
                let mut found = Vec::new();
                check(&sized, &mut found);
                let refused = found.iter().any(|f| {
                    matches!(
                        f.code,
                        Code::InvalidCpuMemory | Code::WindowsSize | Code::PlatformVersion
                    )
                });
                assert_eq!(
                    offered.contains(&(cpu, memory)),
                    !refused,
                    "{cpu}/{memory} on {:?} {:?}: {found:?}",
                    task.os.value,
                    task.platform.value
                );
            }
        }
        let t = spec("");
        assert_eq!(sizes(t.os.value, t.platform.value).len(), every_pair.len());
    }
}
