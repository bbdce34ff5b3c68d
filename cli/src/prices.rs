//! `akplan prices`: AWS's Price List into akplan's prices file, and the table in use.
//!
//! `fetch` finds each offer's current file per Region from
//! `offers/v1.0/aws/<offer>/current/region_index.json` (`currentVersionUrl`) and the Compute
//! Savings Plans' from `savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json`
//! (`versionUrl`), as AWS documents them
//! (<https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-the-aws-price-list-bulk-api-fetching-price-list-files-manually.html>),
//! and reads each as a stream: AmazonEC2's files are gigabytes, and only the rows akplan bills
//! are kept. The core stays pure; this is the only HTTP client.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use akplan_core::{Figure, PriceFile, Prices, REGION_PREFIXES, offer};
use serde_json::Value;

use crate::print;

/// A progress line or note on stderr (stdout stays the command's output).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// AWS's Price List endpoint.
pub const AWS_PRICE_LIST: &str = "https://pricing.us-east-1.amazonaws.com";

/// The on-demand offers akplan bills from (what each gives: `akplan prices show`).
pub const OFFERS: [&str; 6] = [
    "AmazonECS",
    "AWSELB",
    "AmazonVPC",
    "AmazonEC2",
    "AmazonCloudWatch",
    "AmazonEFS",
];

/// Arguments of `akplan prices`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: PricesCommand,
}

/// What `akplan prices` does.
#[derive(Debug, clap::Subcommand)]
pub enum PricesCommand {
    /// Download AWS's Price List files for the Regions and keep akplan's figures in the cache
    /// (`$XDG_CACHE_HOME/akplan/prices.json`), where `akplan plan` finds them.
    Fetch {
        /// A Region to fetch (repeat for more; default: every Region of the AmazonECS offer).
        #[arg(long = "region", value_name = "REGION")]
        regions: Vec<String>,
        /// The Price List's address or a mirror of it (the same paths under it).
        #[arg(long, value_name = "URL", default_value = AWS_PRICE_LIST)]
        from: String,
        /// Only these offers (default: AmazonECS, AWSELB, AmazonVPC, AmazonEC2,
        /// AmazonCloudWatch and AWSComputeSavingsPlan).
        #[arg(long = "offer", value_name = "OFFER")]
        offers: Vec<String>,
        /// Write here instead of the cache.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Build a prices file from Price List files already downloaded (each an offer's or the
    /// Savings Plans' `index.json`, any Region).
    Build {
        /// The files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Where to write the prices file.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Print the prices in use, figure by figure, with source, SKU and date.
    Show {
        /// Only this Region (default: every Region the cache or the table has).
        region: Option<String>,
        /// A prices or Price List file, or `auto` (the cache, else akplan's table).
        #[arg(long, value_name = "FILE|auto", default_value = "auto")]
        prices: Vec<String>,
        /// `text` or `json`.
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
    },
}

/// Runs the command.
pub fn run(args: &Args) -> Result<u8, String> {
    match &args.command {
        PricesCommand::Fetch {
            regions,
            from,
            offers,
            output,
        } => fetch(regions, from, offers, output.as_deref()),
        PricesCommand::Build { files, output } => build(files, output),
        PricesCommand::Show {
            region,
            prices,
            format,
        } => show(region.as_deref(), prices, format == "json"),
    }
}

/// The cache directory: `$XDG_CACHE_HOME/akplan`, else the platform's cache directory.
pub fn cache_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(x) = env("XDG_CACHE_HOME") {
        return Some(x.join("akplan"));
    }
    if cfg!(windows) {
        return env("LOCALAPPDATA").map(|d| d.join("akplan"));
    }
    let home = env("HOME")?;
    Some(if cfg!(target_os = "macos") {
        home.join("Library/Caches/akplan")
    } else {
        home.join(".cache/akplan")
    })
}

/// The cached prices file's path.
pub fn cache_file() -> Option<PathBuf> {
    cache_dir().map(|d| d.join("prices.json"))
}

/// The cache's prices file, when there is one.
fn cached() -> Result<Option<PriceFile>, String> {
    let Some(path) = cache_file() else {
        return Ok(None);
    };
    if !path.exists() {
        return Ok(None);
    }
    let text = crate::read::text_within(&path, 64 << 20)?;
    PriceFile::parse(&text).map(Some).map_err(|e| {
        format!(
            "{}: {e} (delete it or run `akplan prices fetch`)",
            path.display()
        )
    })
}

/// Reads one file given to `--prices` or `prices build`: an akplan prices file, or a Price
/// List file read as a stream (only `region`'s rows when given).
fn read_file(path: &Path, region: Option<&str>) -> Result<PriceFile, String> {
    let mut f = File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut head = [0u8; 4096];
    let n = read_up_to(&mut f, &mut head).map_err(|e| format!("{}: {e}", path.display()))?;
    let start = String::from_utf8_lossy(&head[..n]);
    let chained = std::io::Cursor::new(head[..n].to_vec()).chain(f);
    if start.contains(akplan_core::PRICE_FILE_FORMAT) && !start.contains("\"offerCode\"") {
        let mut text = String::new();
        chained
            .take(64 << 20)
            .read_to_string(&mut text)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        return PriceFile::parse(&text).map_err(|e| format!("{}: {e}", path.display()));
    }
    let offer = offer::read(BufReader::with_capacity(1 << 16, chained), region)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    for c in &offer.conflicts {
        say!("note: {}: {c}", path.display());
    }
    let mut file = PriceFile::new();
    file.add(&offer);
    Ok(file)
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// The prices of `region` for `plan`/`show`: `auto` is the cache when it has the Region, else
/// akplan's table; files are merged in order. Today's date goes in for the staleness warning.
pub fn resolve(sources: &[String], region: &str) -> Result<Prices, String> {
    let mut file = PriceFile::new();
    let mut any = false;
    for s in sources {
        if s == "auto" {
            if let Some(c) = cached()?
                && c.regions.contains_key(region)
            {
                file.merge(&c);
                any = true;
            }
        } else {
            let path = Path::new(s);
            let f = read_file(path, Some(region))?;
            if !f.regions.contains_key(region) {
                return Err(format!("{s}: no figure akplan bills for {region} in it"));
            }
            file.merge(&f);
            any = true;
        }
    }
    let mut prices = if any {
        file.prices(region)
            .unwrap_or_else(|| Prices::builtin(region))
    } else {
        Prices::builtin(region)
    };
    prices.checked_on = Some(today());
    Ok(prices)
}

/// Today's date, `YYYY-MM-DD` (UTC); `AKPLAN_TODAY` overrides it for tests and reproducible runs.
pub fn today() -> String {
    if let Ok(d) = std::env::var("AKPLAN_TODAY")
        && !d.is_empty()
    {
        return d;
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn build(files: &[PathBuf], output: &Path) -> Result<u8, String> {
    let mut all = PriceFile::new();
    for path in files {
        let f = read_file(path, None)?;
        if f.regions.is_empty() {
            say!(
                "warning: {}: no row akplan bills (Fargate, ALB, NAT gateway, public IPv4, logs, Savings Plans)",
                path.display()
            );
        }
        all.merge(&f);
    }
    write(&all, output)?;
    summarize(&all, output);
    Ok(0)
}

fn write(file: &PriceFile, output: &Path) -> Result<(), String> {
    if let Some(dir) = output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    // Written beside, then renamed: a reader never sees half a file.
    let tmp = output.with_extension("json.tmp");
    std::fs::write(&tmp, file.to_json()).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, output).map_err(|e| format!("{}: {e}", output.display()))
}

fn summarize(file: &PriceFile, output: &Path) {
    for (region, figures) in &file.regions {
        let mut dates: Vec<String> = figures
            .values()
            .map(|q| {
                format!(
                    "{} {}",
                    q.offer,
                    q.published.get(..10).unwrap_or(&q.published)
                )
            })
            .collect();
        dates.sort();
        dates.dedup();
        say!("{region}: {} figures ({})", figures.len(), dates.join(", "));
    }
    say!("wrote {}", output.display());
}

/// An HTTP agent: bounded waits, so a dead mirror does not hang CI.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_connect(Some(std::time::Duration::from_secs(20)))
        .timeout_recv_response(Some(std::time::Duration::from_secs(60)))
        .timeout_recv_body(Some(std::time::Duration::from_secs(3600)))
        .build()
        .into()
}

/// GETs `url`: `Ok(None)` on 404 (a mirror without that offer).
fn get(agent: &ureq::Agent, url: &str) -> Result<Option<ureq::Body>, String> {
    match agent.get(url).call() {
        Ok(r) => Ok(Some(r.into_body())),
        Err(ureq::Error::StatusCode(404)) => Ok(None),
        Err(e) => Err(format!("{url}: {e}")),
    }
}

/// A small JSON document (an index), at most 16 MB.
fn get_json(agent: &ureq::Agent, url: &str) -> Result<Option<Value>, String> {
    let Some(body) = get(agent, url)? else {
        return Ok(None);
    };
    let mut text = String::new();
    body.into_reader()
        .take(16 << 20)
        .read_to_string(&mut text)
        .map_err(|e| format!("{url}: {e}"))?;
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| format!("{url}: not JSON: {e}"))
}

/// `base` + an absolute path from an index (`/offers/v1.0/...`), or a full URL as is.
fn join(base: &str, path: &str) -> String {
    if path.starts_with("http://") || path.starts_with("https://") {
        path.to_owned()
    } else {
        format!(
            "{}/{}",
            base.trim_end_matches('/'),
            path.trim_start_matches('/')
        )
    }
}

/// Each wanted Region's file path from a region index: on-demand offers map Regions to
/// `currentVersionUrl`, Savings Plans list them with `versionUrl`.
fn region_urls(index: &Value) -> Vec<(String, String)> {
    match index.get("regions") {
        Some(Value::Object(m)) => m
            .iter()
            .filter_map(|(k, v)| {
                let url = v.get("currentVersionUrl")?.as_str()?;
                let code = v.get("regionCode").and_then(Value::as_str).unwrap_or(k);
                Some((code.to_owned(), url.to_owned()))
            })
            .collect(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| {
                Some((
                    v.get("regionCode")?.as_str()?.to_owned(),
                    v.get("versionUrl")
                        .or_else(|| v.get("currentVersionUrl"))?
                        .as_str()?
                        .to_owned(),
                ))
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn fetch(
    regions: &[String],
    from: &str,
    offers: &[String],
    output: Option<&Path>,
) -> Result<u8, String> {
    if !from.starts_with("http://") && !from.starts_with("https://") {
        return Err(format!("--from {from}: an http:// or https:// address"));
    }
    for r in regions {
        if !REGION_PREFIXES.iter().any(|(code, _)| code == r) {
            say!("note: {r} is not a Region akplan knows; fetching it anyway");
        }
    }
    let agent = agent();
    let mut wanted: Vec<String> = if offers.is_empty() {
        OFFERS.iter().map(|s| (*s).to_owned()).collect()
    } else {
        offers.to_vec()
    };
    let savings = offers.is_empty() || offers.iter().any(|o| o == "AWSComputeSavingsPlan");
    wanted.retain(|o| o != "AWSComputeSavingsPlan");
    let mut result = PriceFile::new();
    let mut regions = regions.to_vec();
    let mut missing = Vec::new();
    let mut jobs: Vec<(String, String)> = Vec::new();
    for offer_code in &wanted {
        let index_url = join(
            from,
            &format!("offers/v1.0/aws/{offer_code}/current/region_index.json"),
        );
        let Some(index) = get_json(&agent, &index_url)? else {
            missing.push(offer_code.clone());
            continue;
        };
        let urls = region_urls(&index);
        if regions.is_empty() && offer_code == "AmazonECS" {
            regions = urls.iter().map(|(r, _)| r.clone()).collect();
            regions.sort();
        }
        for region in &regions {
            match urls.iter().find(|(r, _)| r == region) {
                Some((_, path)) => jobs.push((region.clone(), join(from, path))),
                None => say!("note: {offer_code} has no {region} file"),
            }
        }
    }
    if savings {
        let index_url = join(
            from,
            "savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json",
        );
        match get_json(&agent, &index_url)? {
            Some(index) => {
                let urls = region_urls(&index);
                for region in &regions {
                    if let Some((_, path)) = urls.iter().find(|(r, _)| r == region) {
                        jobs.push((region.clone(), join(from, path)));
                    }
                }
            }
            None => missing.push("AWSComputeSavingsPlan".to_owned()),
        }
    }
    if regions.is_empty() {
        return Err(format!(
            "{from}: no Region to fetch (name one with --region; the AmazonECS index was not found or lists none)"
        ));
    }
    for (region, url) in &jobs {
        say!("fetching {url}");
        let Some(body) = get(&agent, url)? else {
            say!("warning: {url}: not found");
            continue;
        };
        let reader = BufReader::with_capacity(1 << 16, body.into_reader());
        let offer = offer::read(reader, Some(region)).map_err(|e| format!("{url}: {e}"))?;
        for c in &offer.conflicts {
            say!("note: {url}: {c}");
        }
        result.add(&offer);
    }
    for m in &missing {
        say!(
            "warning: {from} has no {m} offer: its figures stay akplan's table's (marked estimated where unconfirmed)"
        );
    }
    let path = match output {
        Some(p) => p.to_path_buf(),
        None => {
            cache_file().ok_or("no cache directory: set XDG_CACHE_HOME or HOME, or pass -o FILE")?
        }
    };
    let mut file = if output.is_none() {
        cached()?.unwrap_or_else(PriceFile::new)
    } else {
        PriceFile::new()
    };
    file.merge(&result);
    write(&file, &path)?;
    summarize(&result, &path);
    Ok(0)
}

fn show(region: Option<&str>, sources: &[String], json: bool) -> Result<u8, String> {
    let regions: Vec<String> = match region {
        Some(r) => vec![r.to_owned()],
        None => {
            let mut all: Vec<String> = REGION_PREFIXES
                .iter()
                .map(|(r, _)| (*r).to_owned())
                .collect();
            if let Some(c) = cached()? {
                all.extend(c.regions.keys().cloned());
            }
            for s in sources.iter().filter(|s| *s != "auto") {
                all.extend(read_file(Path::new(s), None)?.regions.into_keys());
            }
            all.sort();
            all.dedup();
            all
        }
    };
    let mut out = String::new();
    let mut docs = Vec::new();
    for r in &regions {
        let prices = match resolve(sources, r) {
            Ok(p) => p,
            // Listing every Region: one the cache cannot give is shown from the table.
            Err(_) if region.is_none() => Prices::builtin(r),
            Err(e) => return Err(e),
        };
        if json {
            docs.push(serde_json::json!({
                "region": r,
                "source": prices.source,
                "as_of": prices.as_of,
                "spot_discount": prices.spot_discount,
                "warning": prices.staleness(),
                "figures": prices.origins,
            }));
        } else {
            out.push_str(&format!(
                "{r}: {} (as of {})\n",
                prices.source, prices.as_of
            ));
            if let Some(w) = prices.staleness() {
                out.push_str(&format!("  warning: {w}\n"));
            }
            for o in &prices.origins {
                let what = Figure::from_key(o.figure).map_or(o.figure, Figure::describe);
                let sku = o
                    .sku
                    .as_deref()
                    .map(|s| format!(" SKU {s} {}", o.usage_type.as_deref().unwrap_or("")))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "  {:<42} {:>12}  {}{}{sku} ({})\n",
                    what,
                    format!("${}", trim(o.usd)),
                    if o.estimated { "estimated: " } else { "" },
                    o.source,
                    o.published.get(..10).unwrap_or(&o.published),
                ));
            }
            out.push_str(&format!(
                "  {:<42} {:>12}  assumed (Spot prices are not in the Price List; a prices file's `spot_discount` sets it)\n",
                "Fargate Spot discount off on-demand",
                format!("{:.0}%", prices.spot_discount * 100.0)
            ));
        }
    }
    if json {
        let mut t = serde_json::to_string_pretty(&docs).unwrap_or_default();
        t.push('\n');
        print(&t)
    } else {
        print(&out)
    }
}

/// A rate without trailing zeros (`0.0465600000` → `0.04656`).
fn trim(usd: f64) -> String {
    let s = format!("{usd:.10}");
    let s = s.trim_end_matches('0');
    s.strip_suffix('.').unwrap_or(s).to_owned()
}
