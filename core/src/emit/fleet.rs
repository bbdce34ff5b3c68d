//! A fleet in Terraform: one root module per Region and cell (`terraform/cells/<region>/<cell>/`,
//! each its own state, so a cell is deployed and fails alone), with zonal services, and the
//! release pipeline (`terraform/pipeline/`): AWS CodePipeline V2, one stage per release step,
//! each deploying its zonal services with the ECS deploy action and then watching the alarms
//! for the step's bake time before going on, rolling back on alarm (stage conditions,
//! https://docs.aws.amazon.com/codepipeline/latest/userguide/stage-conditions.html; the
//! CloudWatchAlarm rule, https://docs.aws.amazon.com/codepipeline/latest/userguide/rule-reference-CloudWatchAlarm.html).

use super::Artifact;
use super::hcl::{Block, Expr, file};
use super::terraform::{self, resource, variable};
use crate::infra::Cell;
use crate::plan::release::ReleasePlan;

/// Every cell's files, then the pipeline's (when the spec has a release).
#[must_use]
pub fn terraform(app: &str, cells: &[Cell], release: Option<&ReleasePlan>) -> Vec<Artifact> {
    let mut out = Vec::new();
    for cell in cells {
        for mut a in terraform::emit(&cell.infra) {
            a.path = a.path.replacen(
                "terraform/",
                &format!("terraform/cells/{}/{}/", cell.region, cell.name),
                1,
            );
            out.push(a);
        }
    }
    if let (Some(release), Some(first)) = (release, cells.first()) {
        out.extend(pipeline(app, cells, release, first));
    }
    out
}

/// The release pipeline's files.
fn pipeline(app: &str, cells: &[Cell], release: &ReleasePlan, home: &Cell) -> Vec<Artifact> {
    let mut regions: Vec<&str> = cells.iter().map(|c| c.region.as_str()).collect();
    regions.dedup();
    let cross_region = regions.len() > 1;
    let artifact = |name: &str, blocks: Vec<Block>| Artifact {
        path: format!("terraform/pipeline/{name}"),
        contents: file(&blocks),
    };
    let region_keys = || {
        format!(
            "[{}]",
            regions
                .iter()
                .map(|r| format!("\"{r}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let variables = vec![
        variable(
            "aws_region",
            "string",
            "Region of the pipeline (the fleet's first).",
            Some(Expr::s(&home.region)),
        ),
        variable(
            "pipeline_role_arn",
            "string",
            "Role CodePipeline assumes (it deploys to ECS in every Region and reads the artifact buckets).",
            None,
        ),
        variable(
            "source_bucket",
            "string",
            "Versioned S3 bucket holding the release artifact (a zip with imagedefinitions.json).",
            None,
        ),
        variable(
            "source_object_key",
            "string",
            "Key of the release artifact in source_bucket.",
            Some(Expr::s("release/imagedefinitions.zip")),
        ),
        variable(
            "artifact_buckets",
            "map(string)",
            &format!(
                "An S3 bucket per Region for the pipeline's artifacts, keyed by Region: {}.",
                region_keys()
            ),
            None,
        ),
        variable(
            "bake_alarm_names",
            "map(string)",
            &format!(
                "The CloudWatch alarm each step watches while it bakes, keyed by Region: {}.",
                region_keys()
            ),
            None,
        ),
    ];
    let mut pipeline = resource("aws_codepipeline", "release")
        .attr("name", Expr::s(format!("{app}-release")))
        .attr("pipeline_type", Expr::s("V2"))
        .attr("role_arn", Expr::r("var.pipeline_role_arn"));
    for region in &regions {
        let mut store = Block::new("artifact_store", &[])
            .attr(
                "location",
                Expr::r(format!("var.artifact_buckets[\"{region}\"]")),
            )
            .attr("type", Expr::s("S3"));
        if cross_region {
            store = store.attr("region", Expr::s(*region));
        }
        pipeline = pipeline.block(store);
    }
    pipeline = pipeline.block(
        Block::new("stage", &[])
            .attr("name", Expr::s("Source"))
            .block(
                Block::new("action", &[])
                    .attr("name", Expr::s("Source"))
                    .attr("category", Expr::s("Source"))
                    .attr("owner", Expr::s("AWS"))
                    .attr("provider", Expr::s("S3"))
                    .attr("version", Expr::s("1"))
                    .attr("output_artifacts", Expr::strings(&["release"]))
                    .attr(
                        "configuration",
                        Expr::Object(vec![
                            ("S3Bucket".into(), Expr::r("var.source_bucket")),
                            ("S3ObjectKey".into(), Expr::r("var.source_object_key")),
                            ("PollForSourceChanges".into(), Expr::s("false")),
                        ]),
                    ),
            ),
    );
    for (i, step) in release.steps.iter().enumerate() {
        let mut stage = Block::new("stage", &[]).attr(
            "name",
            Expr::s(format!("step-{}-wave-{}", i + 1, step.wave)),
        );
        let mut step_regions: Vec<&str> = Vec::new();
        for unit in &step.units {
            let Some(cell) = cells
                .iter()
                .filter(|c| c.region == unit.region)
                .nth(unit.cell.saturating_sub(1) as usize)
            else {
                continue;
            };
            if !step_regions.contains(&unit.region.as_str()) {
                step_regions.push(&unit.region);
            }
            for svc in &cell.infra.services {
                let service = format!("{}-z{}", svc.service.name, unit.zone);
                let mut action = Block::new("action", &[])
                    .attr(
                        "name",
                        Expr::s(format!("{}.{}.{service}", unit.region, cell.name)),
                    )
                    .attr("category", Expr::s("Deploy"))
                    .attr("owner", Expr::s("AWS"))
                    .attr("provider", Expr::s("ECS"))
                    .attr("version", Expr::s("1"))
                    .attr("input_artifacts", Expr::strings(&["release"]))
                    .attr(
                        "configuration",
                        Expr::Object(vec![
                            ("ClusterName".into(), Expr::s(&cell.infra.app)),
                            ("ServiceName".into(), Expr::s(&service)),
                            ("FileName".into(), Expr::s("imagedefinitions.json")),
                        ]),
                    );
                if cross_region {
                    action = action.attr("region", Expr::s(&unit.region));
                }
                stage = stage.block(action);
            }
        }
        // Bake: after the deploys succeed, watch each Region's alarm for the bake time; an
        // alarm rolls the stage back.
        let minutes = step.bake_seconds / 60;
        if minutes > 0 {
            let mut condition = Block::new("condition", &[]).attr("result", Expr::s("ROLLBACK"));
            for region in &step_regions {
                let mut rule = Block::new("rule", &[])
                    .attr("name", Expr::s(format!("bake-{region}")))
                    .block(
                        Block::new("rule_type_id", &[])
                            .attr("category", Expr::s("Rule"))
                            .attr("owner", Expr::s("AWS"))
                            .attr("provider", Expr::s("CloudWatchAlarm"))
                            .attr("version", Expr::s("1")),
                    )
                    .attr(
                        "configuration",
                        Expr::Object(vec![
                            (
                                "AlarmName".into(),
                                Expr::r(format!("var.bake_alarm_names[\"{region}\"]")),
                            ),
                            ("WaitTime".into(), Expr::s(minutes.to_string())),
                        ]),
                    );
                if cross_region {
                    rule = rule.attr("region", Expr::s(*region));
                }
                condition = condition.block(rule);
            }
            stage = stage.block(Block::new("on_success", &[]).block(condition));
        }
        stage = stage.block(Block::new("on_failure", &[]).attr("result", Expr::s("ROLLBACK")));
        pipeline = pipeline.block(stage);
    }
    let main = vec![
        Block::new("provider", &["aws"]).attr("region", Expr::r("var.aws_region")),
        pipeline,
    ];
    vec![
        artifact("versions.tf", terraform::versions(&home.infra)),
        artifact("variables.tf", variables),
        artifact("main.tf", main),
    ]
}
