//! The line items of a bill that surprise people, each priced separately with what it assumes:
//! public IPv4 addresses, load balancer capacity units, NAT data processing, log ingestion, EFS
//! storage and traffic between zones. Rates per Region are in [`crate::facts::REGIONAL_RATES`].

use serde::Serialize;

use super::capacity::round2;
use crate::facts::{self, HOURS_PER_MONTH};
use crate::model::{App, Base};
use crate::pricing::Prices;

/// One line of the bill beside the tasks, the load balancer and the NAT gateways' hours.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct LineItem {
    /// What is charged.
    pub name: String,
    /// Per month, USD.
    pub monthly_usd: f64,
    /// The quantities the figure rests on.
    pub assumes: String,
}

/// The line items of `app` at `prices`, with `tasks` planned tasks running; an item whose
/// quantity the spec does not give is left out (its field is named in the docs).
#[must_use]
pub fn line_items(app: &App, prices: &Prices, tasks: u32) -> Vec<LineItem> {
    let mut out = Vec::new();
    let load_balanced = app.services.iter().any(|s| s.port.is_some());
    // Every NAT gateway has an Elastic IP; an internet-facing ALB has a public address per zone;
    // without a NAT gateway every task has a public IP (the emitters put the tasks in public
    // subnets then: `Infra::public_tasks`). Public IPv4 pricing:
    // https://aws.amazon.com/vpc/pricing/ ("Public IPv4 Address").
    let public_tasks = if app.nat_gateways == 0 { tasks } else { 0 };
    let addresses = app
        .nat_gateways
        .saturating_add(if load_balanced { app.zones } else { 0 })
        .saturating_add(public_tasks);
    if addresses > 0 {
        let tasks_say = if public_tasks > 0 {
            format!(
                " and one per task ({public_tasks} planned; no NAT gateway, so tasks get public IPs; more while a deployment adds tasks)"
            )
        } else {
            "; tasks get no public IP".to_owned()
        };
        out.push(LineItem {
            name: "public IPv4 addresses".to_owned(),
            monthly_usd: round2(f64::from(addresses) * prices.public_ipv4_hourly * HOURS_PER_MONTH),
            assumes: format!(
                "{addresses} addresses: one per NAT gateway and, for the internet-facing load balancer, one per zone (it may add more as it scales){tasks_say}"
            ),
        });
    }
    let rps: f64 = app
        .services
        .iter()
        .filter(|s| s.port.is_some())
        .filter_map(|s| {
            s.average_rps.or(match s.counts.base_from {
                Base::Load { peak_rps, .. } => Some(peak_rps),
                Base::Count(_) => None,
            })
        })
        .sum();
    if load_balanced && rps > 0.0 {
        let lcus = rps / facts::ALB_NEW_CONNECTIONS_PER_LCU;
        out.push(LineItem {
            name: "load balancer capacity units".to_owned(),
            monthly_usd: round2(lcus * prices.alb_lcu_hourly * HOURS_PER_MONTH),
            assumes: format!(
                "{rps} requests/s all month (`average_rps`, else `peak_rps`: an upper bound), each a new connection: {lcus:.2} LCU; keep-alive connections lower it"
            ),
        });
    }
    if let Some(gb) = app.egress_gb_per_month.filter(|_| app.nat_gateways > 0) {
        out.push(LineItem {
            name: "NAT data processing".to_owned(),
            monthly_usd: round2(gb * prices.nat_gb),
            assumes: format!(
                "{gb} GB a month through the NAT gateways (`egress_gb_per_month`); internet data transfer is billed on top"
            ),
        });
    }
    let logs: f64 = app
        .services
        .iter()
        .filter_map(|s| s.logs_gb_per_month)
        .sum();
    if logs > 0.0 {
        out.push(LineItem {
            name: "CloudWatch Logs ingestion".to_owned(),
            monthly_usd: round2(logs * prices.logs_gb),
            assumes: format!(
                "{logs} GB of logs a month (`logs.gb_per_month`); storage is billed on top"
            ),
        });
    }
    // EFS Standard storage, per file system with a given size (the largest given when several
    // volumes name one). Throughput, Infrequent Access and requests are billed on top.
    // https://aws.amazon.com/efs/pricing/
    let mut file_systems: Vec<(&str, f64)> = Vec::new();
    for efs in app
        .services
        .iter()
        .flat_map(|s| &s.volumes)
        .filter_map(|v| v.efs.as_ref())
    {
        let Some(gb) = efs.size_gb else { continue };
        match file_systems
            .iter_mut()
            .find(|(id, _)| *id == efs.file_system_id)
        {
            Some((_, size)) => *size = size.max(gb),
            None => file_systems.push((&efs.file_system_id, gb)),
        }
    }
    if !file_systems.is_empty() {
        let gb: f64 = file_systems.iter().map(|(_, gb)| gb).sum();
        let ids: Vec<&str> = file_systems.iter().map(|(id, _)| *id).collect();
        out.push(LineItem {
            name: "EFS storage".to_owned(),
            monthly_usd: round2(gb * prices.efs_gb_month),
            assumes: format!(
                "{gb} GB on EFS Standard (`efs.size_gb`) in {}; Infrequent Access, throughput and requests are billed on top",
                ids.join(", ")
            ),
        });
    }
    if let Some(gb) = app.cross_az_gb_per_month {
        out.push(LineItem {
            name: "traffic between zones".to_owned(),
            monthly_usd: round2(gb * prices.cross_az_gb),
            assumes: format!(
                "{gb} GB a month between zones (`cross_az_gb_per_month`), $0.01 each way"
            ),
        });
    }
    out
}
