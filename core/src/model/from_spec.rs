//! A spec without errors, as the validated model.

use super::{
    App, Container, Efs, HealthCommand, Mount, Secret, SecretRef, Service, TaskSize, Volume,
};
use crate::secret_ref::RefStyle;
use crate::spec::{self, Spec};
use crate::task;

/// The model of `spec`; `None` when a service's size is unreadable (an error was reported).
pub(crate) fn from_spec(spec: &Spec) -> Option<App> {
    let zones = spec.zones.count;
    let services = spec
        .services
        .iter()
        .map(|svc| service(svc, zones))
        .collect::<Option<Vec<_>>>()?;
    Some(App {
        name: spec.app.clone(),
        region: spec.region.clone(),
        account_id: spec.account_id.clone(),
        zones,
        nat_gateways: spec.nat_gateways,
        egress_gb_per_month: spec.egress_gb_per_month,
        cross_az_gb_per_month: spec.cross_az_gb_per_month,
        services,
        fleet: spec.fleet.as_ref().map(spec::fleet::FleetSpec::model),
        release: spec.release.as_ref().map(spec::fleet::ReleaseSpec::model),
    })
}

fn service(svc: &spec::Service, zones: u32) -> Option<Service> {
    let task = &svc.task;
    Some(Service {
        name: svc.name.clone(),
        path: svc.path.clone(),
        size: TaskSize {
            cpu: task.cpu.as_ref()?.value,
            memory: task.memory.as_ref()?.value,
        },
        arch: task.arch.value,
        os: task.os.value,
        ephemeral_gib: task.ephemeral_gib.value,
        platform: task.platform.value,
        containers: task
            .containers
            .iter()
            .map(|c| container(c, RefStyle::Spec))
            .collect(),
        volumes: task.volumes.iter().map(volume).collect(),
        port: svc.port,
        counts: svc.counts(zones),
        health_check: svc.health_check.clone(),
        health_check_written: svc.health_check_written,
        deployment: svc.deployment.clone(),
        autoscaling: svc.autoscaling.clone(),
        session_store: svc.session_store.clone(),
        exec: svc.exec,
        container_insights: svc.container_insights,
        log_retention_days: svc.log_retention_days,
        logs_gb_per_month: svc.logs_gb_per_month,
        average_rps: svc.average_rps,
        profile: svc.profile,
        service_connect: svc.service_connect.clone(),
    })
}

/// A task's container as the model holds it, its secret references read in `style`.
pub(super) fn container(c: &task::Container, style: RefStyle) -> Container {
    Container {
        name: c.name.value.clone(),
        image: c.image.value.clone(),
        essential: c.essential.value,
        ports: c.ports.iter().map(|p| p.container.value).collect(),
        entry_point: c.entry_point.clone(),
        command: c.command.clone(),
        environment: c
            .environment
            .iter()
            .map(|(name, value)| (name.value.clone(), value.clone()))
            .collect(),
        secrets: c
            .secrets
            .iter()
            .map(|(variable, reference)| Secret {
                variable: variable.clone(),
                reference: SecretRef::read(&reference.value, style),
            })
            .collect(),
        depends_on: c
            .depends_on
            .iter()
            .map(|d| (d.container.value.clone(), d.condition))
            .collect(),
        mounts: c
            .mounts
            .iter()
            .map(|(volume, path)| Mount {
                volume: volume.value.clone(),
                path: path.clone(),
            })
            .collect(),
        health_check: c.health_check.as_ref().map(|h| HealthCommand {
            command: h.command.clone(),
            interval: h.interval.value,
            timeout: h.timeout.value,
            retries: h.retries.value,
            start_period: h.start_period.value,
        }),
        stop_timeout: c.stop_timeout.as_ref().map(|s| s.value),
        cpu: c.cpu.as_ref().map(|l| l.value),
        memory: c.memory.as_ref().map(|l| l.value),
        memory_reservation: c.memory_reservation.as_ref().map(|l| l.value),
    }
}

/// A task's volume as the model holds it.
pub(super) fn volume(v: &task::Volume) -> Volume {
    Volume {
        name: v.name.value.clone(),
        efs: v.efs.as_ref().map(|e| Efs {
            file_system_id: e.file_system_id.clone(),
            access_point: e.access_point.as_ref().map(|a| a.value.clone()),
            root_directory: e
                .root_directory
                .as_ref()
                .map(|r| r.value.clone())
                .filter(|r| r != "/"),
            transit_encryption: e.transit_encryption.value,
            iam: e.iam.value,
            size_gb: e.size_gb,
        }),
    }
}
