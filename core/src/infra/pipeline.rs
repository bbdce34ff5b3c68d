//! The release pipeline as infrastructure: stages, deploy actions and bakes, decided once from
//! the release plan and the cells, printed by the Terraform and CDK printers. One stage per
//! release step; each deploys the step's zonal services with CodePipeline's ECS action, then
//! watches each of its Regions' alarms for the bake time and rolls back on alarm (stage
//! conditions, https://docs.aws.amazon.com/codepipeline/latest/userguide/stage-conditions.html;
//! the CloudWatchAlarm rule,
//! https://docs.aws.amazon.com/codepipeline/latest/userguide/rule-reference-CloudWatchAlarm.html).

use super::Cell;
use crate::plan::release::ReleasePlan;

/// The pipeline of a fleet's release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pipeline {
    /// `<app>-release`.
    pub name: String,
    /// The Region the pipeline lives in (the fleet's first).
    pub home: String,
    /// Every Region it deploys to, in the fleet's order (one artifact store each).
    pub regions: Vec<String>,
    /// One stage per release step, in order (after the source stage).
    pub stages: Vec<Stage>,
}

impl Pipeline {
    /// Whether it deploys to more than one Region (actions and rules then name their Region).
    #[must_use]
    pub fn cross_region(&self) -> bool {
        self.regions.len() > 1
    }
}

/// One release step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    /// `step-<n>-wave-<w>`.
    pub name: String,
    /// The ECS deploy actions, run in parallel.
    pub deploys: Vec<Deploy>,
    /// Whole minutes to watch the alarms after the deploys (none: no bake).
    pub bake_minutes: Option<u32>,
    /// Regions whose alarm the bake watches, in the order the step reaches them.
    pub regions: Vec<String>,
}

/// One zonal service updated by CodePipeline's ECS action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deploy {
    /// `<region>.<cell>.<service>-z<n>`: unique in the stage.
    pub action: String,
    /// Region of the service.
    pub region: String,
    /// The cell's cluster.
    pub cluster: String,
    /// `<service>-z<n>`.
    pub service: String,
}

/// The pipeline of `release` over `cells`; `None` without cells.
#[must_use]
pub fn pipeline(app: &str, cells: &[Cell], release: &ReleasePlan) -> Option<Pipeline> {
    let home = cells.first()?.region.clone();
    let mut regions: Vec<String> = cells.iter().map(|c| c.region.clone()).collect();
    regions.dedup();
    let stages = release
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let mut deploys = Vec::new();
            let mut step_regions: Vec<String> = Vec::new();
            for unit in &step.units {
                let Some(cell) = cells
                    .iter()
                    .filter(|c| c.region == unit.region)
                    .nth(unit.cell.saturating_sub(1) as usize)
                else {
                    continue;
                };
                if !step_regions.contains(&unit.region) {
                    step_regions.push(unit.region.clone());
                }
                for svc in &cell.infra.services {
                    let service = format!("{}-z{}", svc.service.name, unit.zone);
                    deploys.push(Deploy {
                        action: format!("{}.{}.{service}", unit.region, cell.name),
                        region: unit.region.clone(),
                        cluster: cell.infra.app.clone(),
                        service,
                    });
                }
            }
            Stage {
                name: format!("step-{}-wave-{}", i + 1, step.wave),
                deploys,
                bake_minutes: Some(step.bake_seconds / 60).filter(|m| *m > 0),
                regions: step_regions,
            }
        })
        .collect();
    Some(Pipeline {
        name: format!("{app}-release"),
        home,
        regions,
        stages,
    })
}
