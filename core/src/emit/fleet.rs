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
use crate::infra::{Cell, Pipeline};

/// Every cell's files, then the pipeline's (when the spec has a release).
#[must_use]
pub fn terraform(cells: &[Cell], pipeline: Option<&Pipeline>) -> Vec<Artifact> {
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
    if let (Some(pipeline), Some(first)) = (pipeline, cells.first()) {
        out.extend(pipeline_files(pipeline, first));
    }
    out
}

/// The release pipeline's files.
fn pipeline_files(p: &Pipeline, home: &Cell) -> Vec<Artifact> {
    let cross_region = p.cross_region();
    let artifact = |name: &str, blocks: Vec<Block>| Artifact {
        path: format!("terraform/pipeline/{name}"),
        contents: file(&blocks),
    };
    let region_keys = || {
        format!(
            "[{}]",
            p.regions
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
            Some(Expr::s(&p.home)),
        ),
        variable("pipeline_role_arn", "string", PIPELINE_ROLE, None),
        variable("source_bucket", "string", SOURCE_BUCKET, None),
        variable(
            "source_object_key",
            "string",
            SOURCE_KEY,
            Some(Expr::s(SOURCE_KEY_DEFAULT)),
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
        .attr("name", Expr::s(&p.name))
        .attr("pipeline_type", Expr::s("V2"))
        .attr("role_arn", Expr::r("var.pipeline_role_arn"));
    for region in &p.regions {
        let mut store = Block::new("artifact_store", &[])
            .attr(
                "location",
                Expr::r(format!("var.artifact_buckets[\"{region}\"]")),
            )
            .attr("type", Expr::s("S3"));
        if cross_region {
            store = store.attr("region", Expr::s(region));
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
    for step in &p.stages {
        let mut stage = Block::new("stage", &[]).attr("name", Expr::s(&step.name));
        for d in &step.deploys {
            let mut action = Block::new("action", &[])
                .attr("name", Expr::s(&d.action))
                .attr("category", Expr::s("Deploy"))
                .attr("owner", Expr::s("AWS"))
                .attr("provider", Expr::s("ECS"))
                .attr("version", Expr::s("1"))
                .attr("input_artifacts", Expr::strings(&["release"]))
                .attr(
                    "configuration",
                    Expr::Object(vec![
                        ("ClusterName".into(), Expr::s(&d.cluster)),
                        ("ServiceName".into(), Expr::s(&d.service)),
                        ("FileName".into(), Expr::s(IMAGE_DEFINITIONS)),
                    ]),
                );
            if cross_region {
                action = action.attr("region", Expr::s(&d.region));
            }
            stage = stage.block(action);
        }
        // Bake: after the deploys succeed, watch each Region's alarm for the bake time; an
        // alarm rolls the stage back.
        if let Some(minutes) = step.bake_minutes {
            let mut condition = Block::new("condition", &[]).attr("result", Expr::s("ROLLBACK"));
            for region in &step.regions {
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
                    rule = rule.attr("region", Expr::s(region));
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

/// What the pipeline's inputs are, for the variables (Terraform) and parameters (CDK).
pub(super) const PIPELINE_ROLE: &str =
    "Role CodePipeline assumes (it deploys to ECS in every Region and reads the artifact buckets).";
pub(super) const SOURCE_BUCKET: &str =
    "Versioned S3 bucket holding the release artifact (a zip with imagedefinitions.json).";
pub(super) const SOURCE_KEY: &str = "Key of the release artifact in source_bucket.";
pub(super) const SOURCE_KEY_DEFAULT: &str = "release/imagedefinitions.zip";
/// The file in the artifact that names each container's new image (the ECS deploy action's
/// input, https://docs.aws.amazon.com/codepipeline/latest/userguide/file-reference.html).
pub(super) const IMAGE_DEFINITIONS: &str = "imagedefinitions.json";
