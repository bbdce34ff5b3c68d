//! Issue 24: prices from AWS's Price List files, read from files and fetched from a local
//! mirror, billed to the cent; the plan names the offers and their publication dates.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use common::{akplan_env, fixtures, scratch, stdout};
use serde_json::Value;

/// A spec in eu-west-2 (the mirror's Region): x86 with extra storage and a
/// load balancer, ARM, Windows, a NAT gateway, logs, LCUs and traffic between zones.
const SPEC: &str = "version: 1
app: shop
region: eu-west-2
availability_zones: 3
nat_gateways: 1
egress_gb_per_month: 200
cross_az_gb_per_month: 50
services:
  web:
    image: example/web:1.0.0
    cpu: 1024
    memory: 2048
    ephemeral_storage: 30
    port: 8080
    capacity: { base_count: 3, average_rps: 50, min: 3, max: 6, profile: { peak_hours_per_day: 6 } }
    logs: { gb_per_month: 20 }
    volumes:
      media: { path: /srv/media, efs: { file_system_id: fs-0123456789abcdef0, size_gb: 120 } }
  worker:
    image: example/worker:1.0.0
    arch: arm64
    cpu: 512
    memory: 1024
    capacity: { base_count: 2 }
  legacy:
    image: example/legacy:1.0.0
    os: windows
    cpu: 1024
    memory: 2048
    capacity: { base_count: 1 }
";

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The bill by hand, from the mirror's figures (tests/fixtures/pricelist), 730 hours a month.
/// Returns (x86_64 total, arm64 total).
fn by_hand() -> (f64, f64) {
    let h = 730.0;
    // web: 1 vCPU, 2 GB, 10 GB of storage above the free 20, 3 tasks.
    let storage = 10.0 * 0.000127 * h;
    let web_x86 = round2(3.0 * ((0.04656 + 2.0 * 0.00511) * h + storage));
    let web_arm = round2(3.0 * ((0.03725 + 2.0 * 0.00409) * h + storage));
    // worker: 0.5 vCPU, 1 GB, 2 tasks.
    let worker_x86 = round2(2.0 * (0.5 * 0.04656 + 0.00511) * h);
    let worker_arm = round2(2.0 * (0.5 * 0.03725 + 0.00409) * h);
    // legacy: Windows 1 vCPU (compute + OS licence), 2 GB, 1 task, on x86 in both columns.
    let legacy = round2(((0.10516 + 0.046) + 2.0 * 0.01155) * h);
    let alb = round2(0.02646 * h);
    let nat = round2(0.05 * h);
    // One NAT gateway address and one per zone for the internet-facing ALB.
    let ipv4 = round2(4.0 * 0.005 * h);
    // 50 new connections a second, 25 per LCU.
    let lcu = round2(50.0 / 25.0 * 0.0084 * h);
    let nat_data = round2(200.0 * 0.05);
    let logs = round2(20.0 * 0.5985);
    let cross_az = round2(50.0 * 2.0 * 0.01);
    // 120 GB on EFS Standard.
    let efs = round2(120.0 * 0.33);
    let shared = alb + nat + ipv4 + lcu + nat_data + logs + cross_az + efs;
    (
        round2(web_x86 + worker_x86 + legacy + shared),
        round2(web_arm + worker_arm + legacy + shared),
    )
}

/// Serves `dir` over HTTP/1.1 on a free local port, as a Price List mirror; returns its address.
fn mirror(dir: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("bind: {e}"));
    let addr = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("addr: {e}"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            // Skip the headers.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/");
            let file = dir.join(path.trim_start_matches('/'));
            let mut out = &stream;
            let ok = !path.contains("..") && file.is_file();
            let body = if ok {
                std::fs::read(&file).unwrap_or_default()
            } else {
                b"not found".to_vec()
            };
            let status = if ok { "200 OK" } else { "404 Not Found" };
            let _ = write!(
                out,
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = out.write_all(&body);
        }
    });
    format!("http://{addr}")
}

/// The mirror's eu-west-2 offer files, one per offer akplan reads.
fn offer_files(root: &Path) -> Vec<String> {
    [
        "offers/v1.0/aws/AmazonECS/20261120000000",
        "offers/v1.0/aws/AWSELB/20261119000000",
        "offers/v1.0/aws/AmazonVPC/20261118000000",
        "offers/v1.0/aws/AmazonEC2/20261117000000",
        "offers/v1.0/aws/AmazonCloudWatch/20261116000000",
        "offers/v1.0/aws/AmazonEFS/20261117000000",
        "savingsPlan/v1.0/aws/AWSComputeSavingsPlan/20261102000000",
    ]
    .iter()
    .map(|offer| {
        root.join(offer)
            .join("eu-west-2/index.json")
            .to_string_lossy()
            .into_owned()
    })
    .collect()
}

fn write_spec(dir: &Path) -> String {
    let spec = dir.join("shop.yaml");
    std::fs::write(&spec, SPEC).unwrap_or_else(|e| panic!("{e}"));
    spec.to_string_lossy().into_owned()
}

fn plan_json(spec: &str, extra: &[&str], env: &[(&str, &str)]) -> Value {
    let mut args = vec!["plan", "--format", "json", spec];
    args.extend_from_slice(extra);
    let out = akplan_env(&args, env);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_default()
}

fn assert_billed_by_hand(plan: &Value) {
    let (x86, arm) = by_hand();
    let total = &plan["total"]["monthly_usd"];
    assert!(
        (total["x86_64"].as_f64().unwrap_or(0.0) - x86).abs() < 0.005,
        "x86_64 {} by hand {x86}",
        total["x86_64"]
    );
    assert!(
        (total["arm64"].as_f64().unwrap_or(0.0) - arm).abs() < 0.005,
        "arm64 {} by hand {arm}",
        total["arm64"]
    );
    let prices = &plan["prices"];
    let source = prices["source"].as_str().unwrap_or("");
    for offer in [
        "AmazonECS 2026-11-20",
        "AWSELB 2026-11-20",
        "AmazonVPC 2026-11-20",
        "AmazonEC2 2026-11-20",
        "AmazonCloudWatch 2026-11-20",
        "AmazonEFS 2026-11-21",
        "AWSComputeSavingsPlan 2026-11-02",
    ] {
        assert!(source.contains(offer), "{offer} not in {source}");
    }
    assert_eq!(prices["as_of"], "2026-11-02");
    assert_eq!(prices["confidence"], "high");
    // Every figure billed here comes from the files, with its SKU; none is estimated.
    let figures = prices["figures"].as_array().cloned().unwrap_or_default();
    let sku = |key: &str| {
        figures
            .iter()
            .find(|f| f["figure"] == key)
            .map(|f| (f["sku"].clone(), f["estimated"].clone()))
            .unwrap_or_default()
    };
    for (key, expected) in [
        ("x86_vcpu", "ECSX86VCPU00001"),
        ("arm_gb", "ECSARMGB0000001"),
        ("windows_os", "ECSWINOS0000001"),
        ("ephemeral_gb", "ECSSTORAGE00001"),
        ("alb_hourly", "ELBALBHOUR00001"),
        ("alb_lcu_hourly", "ELBALBLCU000001"),
        ("nat_hourly", "EC2NATHOURS0001"),
        ("nat_gb", "EC2NATBYTES0001"),
        ("public_ipv4_hourly", "VPCIPV4INUSE001"),
        ("logs_gb", "CWLOGSINGEST001"),
        ("cross_az_gb_one_way", "EC2REGIONAL0001"),
        ("efs_gb_month", "EFSSTANDARD0001"),
        ("sp1yr_arm_vcpu", "ECSARMVCPU00001"),
        ("sp3yr_x86_gb", "ECSX86GB0000001"),
    ] {
        assert_eq!(
            sku(key),
            (Value::from(expected), Value::from(false)),
            "{key}"
        );
    }
    assert_eq!(prices["estimated"], serde_json::json!([]));
    // The worker's two steady ARM tasks on a 1-year plan: (0.5 × 0.0298 + 0.00327) × 730 × 2.
    let worker = plan["services"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["name"] == "worker"))
        .cloned()
        .unwrap_or_default();
    let sp = &worker["cost"]["savings_plans"];
    assert_eq!(sp["steady_tasks"], 2);
    assert_eq!(
        sp["one_year_monthly_usd"]["arm64"].as_f64(),
        Some(round2(2.0 * (0.5 * 0.0298 + 0.00327) * 730.0))
    );
    assert_eq!(sp["estimated"], false);
}

#[test]
fn offer_files_fetched_from_a_mirror_bill_a_region_akplan_has_no_row_for_to_the_cent() {
    let dir = scratch("prices-fetch");
    let cache = dir.join("cache");
    let url = mirror(fixtures("pricelist"));
    let env = [
        ("XDG_CACHE_HOME", cache.to_str().unwrap_or("")),
        ("AKPLAN_TODAY", "2026-12-04"),
    ];
    let out = akplan_env(
        &["prices", "fetch", "--region", "eu-west-2", "--from", &url],
        &env,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(cache.join("akplan/prices.json").is_file(), "{err}");
    let spec = write_spec(&dir);
    // `auto` (the default) finds the cache.
    let plan = plan_json(&spec, &[], &env);
    assert_billed_by_hand(&plan);
    assert_eq!(plan["prices"].get("warning"), None);
    // The text report's first line names the source and date.
    let out = akplan_env(&["plan", &spec], &env);
    let text = stdout(&out);
    let first = text.lines().next().unwrap_or("");
    assert!(
        first.starts_with("prices: AWS Price List AmazonECS 2026-11-20")
            && first.contains("as of 2026-11-02"),
        "{first}"
    );
    // Four months on, the same prices are stale, and the first line says so.
    let later = [env[0], ("AKPLAN_TODAY", "2027-03-01")];
    let out = akplan_env(&["plan", &spec], &later);
    let first = stdout(&out).lines().next().unwrap_or("").to_owned();
    assert!(
        first.contains("warning: the prices are 119 days old"),
        "{first}"
    );
    // `prices show` lists every figure with its source, SKU and date.
    let out = akplan_env(&["prices", "show", "eu-west-2"], &env);
    let shown = stdout(&out);
    assert!(
        shown.contains("SKU ELBALBHOUR00001 EUW2-LoadBalancerUsage"),
        "{shown}"
    );
    assert!(shown.contains("(2026-11-20)"), "{shown}");
    // A Region the mirror has no file for is still fetched for what it has, and says so.
    let out = akplan_env(
        &[
            "prices",
            "fetch",
            "--region",
            "ca-central-1",
            "--from",
            &url,
        ],
        &env,
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("AmazonECS has no ca-central-1 file"));
}

#[test]
fn offer_files_already_downloaded_build_the_same_bill() {
    let dir = scratch("prices-build");
    let root = fixtures("pricelist");
    let out_file = dir.join("prices.json");
    build_prices(&root, &out_file);
    let spec = write_spec(&dir);
    let env = [("AKPLAN_TODAY", "2026-12-04")];
    let plan = plan_json(&spec, &["--prices", out_file.to_str().unwrap_or("")], &env);
    assert_billed_by_hand(&plan);
    // The offer files themselves, given to `--prices` one by one, bill the same.
    let files = offer_files(&root);
    let mut extra = Vec::new();
    for f in &files {
        extra.extend(["--prices", f.as_str()]);
    }
    let plan = plan_json(&spec, &extra, &env);
    assert_billed_by_hand(&plan);
    // Deterministic: building twice writes the same bytes.
    let first = std::fs::read(&out_file).unwrap_or_default();
    build_prices(&root, &out_file);
    assert_eq!(std::fs::read(&out_file).unwrap_or_default(), first);
}

#[test]
fn without_files_a_region_without_a_row_is_billed_at_us_east_1_and_the_first_line_says_so() {
    let dir = scratch("prices-none");
    // Every commercial Region has a row, with its source ...
    let spec = write_spec(&dir);
    let text = stdout(&akplan_env(&["plan", &spec], &[]));
    let first = text.lines().next().unwrap_or("");
    assert!(
        first.contains("akplan's price table: AWS Price List EUW2-Fargate-* rows"),
        "{first}"
    );
    // ... GovCloud has none.
    let gov = dir.join("gov.yaml");
    std::fs::write(&gov, SPEC.replace("eu-west-2", "us-gov-west-1")).unwrap_or_default();
    let out = akplan_env(&["plan", gov.to_str().unwrap_or("")], &[]);
    let text = stdout(&out);
    let first = text.lines().next().unwrap_or("");
    assert!(
        first.contains("no us-gov-west-1 row: us-east-1's prices, every figure estimated"),
        "{first}"
    );
    // An offer file without the Region's rows is refused, not silently ignored.
    let ecs = fixtures("pricelist/offers/v1.0/aws/AmazonECS/20261120000000/eu-west-2/index.json");
    let other = dir.join("other.yaml");
    std::fs::write(&other, SPEC.replace("eu-west-2", "ap-south-1")).unwrap_or_default();
    let out = akplan_env(
        &[
            "plan",
            other.to_str().unwrap_or(""),
            "--prices",
            ecs.to_str().unwrap_or(""),
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no figure akplan bills for ap-south-1"));
}

/// Issue 24: a fleet's other Regions are billed from the Price List where the cache has them,
/// and each Region's plan says where its prices came from.
#[test]
fn a_fleets_other_region_is_billed_from_the_price_list_cache() {
    let dir = scratch("prices-fleet");
    let root = fixtures("pricelist");
    let cache = dir.join("cache");
    let cache_file = cache.join("akplan/prices.json");
    build_prices(&root, &cache_file);
    let spec = dir.join("fleet.yaml");
    std::fs::write(
        &spec,
        "version: 1\napp: shop\nregion: us-east-1\navailability_zones: 3\nfleet:\n  regions: [us-east-1, eu-west-2]\nservices:\n  web:\n    image: example/web:1.0.0\n    cpu: 1024\n    memory: 2048\n    ephemeral_storage: 100\n    port: 8080\n    capacity: { base_count: 3 }\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let spec = spec.to_string_lossy().into_owned();
    let region = |plan: &Value, r: &str| -> Value {
        plan["fleet"]["regions"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|x| x["region"] == r)
            .cloned()
            .unwrap_or_else(|| panic!("no {r} in {plan}"))
    };
    let cached = plan_json(
        &spec,
        &[],
        &[("XDG_CACHE_HOME", cache.to_str().unwrap_or(""))],
    );
    let table = plan_json(&spec, &[], &[]);
    let (with, without) = (region(&cached, "eu-west-2"), region(&table, "eu-west-2"));
    assert_ne!(
        with["prices_source"], without["prices_source"],
        "{with}\n{without}"
    );
    // The mirror's ephemeral storage rate ($0.000127) is not the table's ($0.000129).
    assert_ne!(with["monthly_usd"], without["monthly_usd"]);
    assert_eq!(
        region(&cached, "us-east-1")["prices_source"],
        region(&table, "us-east-1")["prices_source"],
        "the home Region is not in the cache: akplan's table for both"
    );
}

/// `akplan prices build` over the mirror's offer files under `root`, into `out`; it must succeed.
fn build_prices(root: &Path, out: &Path) {
    let mut args: Vec<String> = vec!["prices".into(), "build".into()];
    args.extend(offer_files(root));
    args.extend(["-o".into(), out.to_string_lossy().into_owned()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = akplan_env(&args, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
