//! `cargo xtask prices OFFER_FILES_OR_DIRS... [--out FILE]`: writes the Price List figures built
//! into akplan (`core/src/pricing/price_list.rs`) from AWS's public bulk offer files
//! (`offers/v1.0/aws/<offer>/current/<region>/index.json`, and the Compute Savings Plans files),
//! read as a stream by the same reader as `akplan prices build`. A Region with rows there is
//! billed from them; the rest of akplan's table stays as it is.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use akplan_core::{Figure, PriceFile, offer};

/// Runs the task from the repository `root`.
pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let mut out = root.join("core/src/pricing/price_list.rs");
    let mut inputs = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--out" {
            out = PathBuf::from(it.next().ok_or("--out needs a file")?);
        } else {
            inputs.push(PathBuf::from(a));
        }
    }
    if inputs.is_empty() {
        return Err("usage: cargo xtask prices OFFER_FILES_OR_DIRS... [--out FILE]".into());
    }
    let mut files = Vec::new();
    for i in &inputs {
        if !i.exists() {
            return Err(format!("{}: no such file or directory", i.display()));
        }
        collect(i, &mut files)?;
    }
    if files.is_empty() {
        return Err("no offer file (`.json`) among the arguments".into());
    }
    let mut all = PriceFile::new();
    for f in &files {
        let reader =
            BufReader::new(std::fs::File::open(f).map_err(|e| format!("{}: {e}", f.display()))?);
        let offer = offer::read(reader, None).map_err(|e| format!("{}: {e}", f.display()))?;
        all.add(&offer);
    }
    std::fs::write(&out, render(&all)).map_err(|e| format!("{}: {e}", out.display()))?;
    println!(
        "{}: {} Regions from {} files",
        out.display(),
        all.regions.len(),
        files.len()
    );
    Ok(())
}

/// Every `.json` file under `path` (or `path` itself), in name order.
fn collect(path: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            collect(&e, files)?;
        }
    } else if path.extension().is_some_and(|x| x == "json")
        && path.file_name().is_some_and(|n| n != "region_index.json")
    {
        files.push(path.to_owned());
    }
    Ok(())
}

/// The Rust source of the built-in rows: deterministic (Regions and figures in order).
pub fn render(file: &PriceFile) -> String {
    let offers: BTreeSet<String> = file
        .regions
        .values()
        .flat_map(|f| f.values())
        .map(|q| format!("{} {}", q.offer, q.published))
        .collect();
    let mut s = String::from(
        "//! AWS Price List figures built into akplan: written by `cargo xtask prices OFFER_FILES...`\n\
         //! from AWS's public bulk offer files\n\
         //! (<https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-an-offer.html>).\n\
         //! Do not edit by hand. A Region with rows here is billed from them; its other figures come\n\
         //! from akplan's table ([`crate::facts::FARGATE_PRICES`], [`crate::facts::REGIONAL_RATES`]).\n//!\n",
    );
    if offers.is_empty() {
        s.push_str("//! No offer file has been read into this copy yet: akplan's table is in use everywhere.\n");
    } else {
        s.push_str("//! Offers read (offer, publication date):\n");
        for o in &offers {
            let _ = writeln!(s, "//! - {o}");
        }
    }
    s.push_str("\nuse super::builtin::ListedRow;\n\n/// The rows, by Region and figure.\n");
    if file.regions.is_empty() {
        s.push_str("pub const PRICE_LIST: &[ListedRow] = &[];\n");
        return s;
    }
    s.push_str("#[rustfmt::skip]\npub const PRICE_LIST: &[ListedRow] = &[\n");
    for (region, figures) in &file.regions {
        for f in Figure::ALL {
            if let Some(q) = figures.get(f.key()) {
                let _ = writeln!(
                    s,
                    "    ListedRow {{ region: {region:?}, figure: {:?}, usd: {:?}, unit: {:?}, offer: {:?}, published: {:?}, sku: {:?}, usage_type: {:?} }},",
                    f.key(),
                    q.usd,
                    q.unit,
                    q.offer,
                    q.published,
                    q.sku,
                    q.usage_type
                );
            }
        }
    }
    s.push_str("];\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mirror() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/pricelist")
    }

    /// The test mirror's offer files give rows the core bills from, figure for figure, and the
    /// same bill as `akplan prices build` over them (one reader, one path to the planner).
    #[test]
    fn offer_files_become_built_in_rows_that_bill_like_a_prices_file() {
        let mut files = Vec::new();
        assert!(collect(&mirror(), &mut files).is_ok());
        let mut all = PriceFile::new();
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            match offer::read_str(&text, None) {
                Ok(o) => all.add(&o),
                Err(e) => panic!("{}: {e}", f.display()),
            }
        }
        let text = render(&all);
        assert!(
            text.contains("region: \"eu-west-2\", figure: \"x86_vcpu\""),
            "{text}"
        );
        assert!(
            !text.contains("SpotUsage"),
            "a decoy row was built in: {text}"
        );
        // The rendered rows, read back as the core reads built-in rows.
        let rows: Vec<akplan_core::ListedRow> = all
            .regions
            .iter()
            .flat_map(|(region, figures)| {
                figures.iter().map(move |(key, q)| akplan_core::ListedRow {
                    region: Box::leak(region.clone().into_boxed_str()),
                    figure: Box::leak(key.clone().into_boxed_str()),
                    usd: q.usd,
                    unit: Box::leak(q.unit.clone().into_boxed_str()),
                    offer: Box::leak(q.offer.clone().into_boxed_str()),
                    published: Box::leak(q.published.clone().into_boxed_str()),
                    sku: Box::leak(q.sku.clone().into_boxed_str()),
                    usage_type: Box::leak(q.usage_type.clone().into_boxed_str()),
                })
            })
            .collect();
        let built_in = akplan_core::Prices::built_in_from(&rows, "eu-west-2");
        let from_file = all.prices("eu-west-2");
        assert_eq!(Some(&built_in), from_file.as_ref());
        assert!(
            built_in.source.contains("AWS Price List AmazonECS"),
            "{}",
            built_in.source
        );
        // Every rendered row is a line of Rust the table can hold.
        assert_eq!(text.matches("ListedRow { region:").count(), rows.len());
    }

    #[test]
    fn no_offer_file_renders_the_empty_table() {
        let text = render(&PriceFile::new());
        assert!(text.contains("pub const PRICE_LIST: &[ListedRow] = &[];"));
        let committed = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/src/pricing/price_list.rs"),
        )
        .unwrap_or_default();
        assert!(
            committed.contains("ListedRow") && committed.contains("cargo xtask prices"),
            "core/src/pricing/price_list.rs is the file this task writes"
        );
    }
}
