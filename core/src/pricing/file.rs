//! `prices.json`: the figures akplan read from AWS Price List files, by Region, each with its
//! offer, SKU, usage type and publication date. `akplan prices build` and `fetch` write it;
//! `akplan plan --prices`, the cache and the page read it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::offer::{self, MAX_USD_PER_UNIT, Offer, Quote};
use super::{Figure, Prices};

/// The value of `format` in a prices file.
pub const PRICE_FILE_FORMAT: &str = "akplan-prices/1";

/// A prices file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PriceFile {
    /// [`PRICE_FILE_FORMAT`].
    pub format: String,
    /// Fargate Spot's discount off on-demand, 0 to 0.9 (Spot prices are not in the Price
    /// List; akplan assumes 0.70 without it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spot_discount: Option<f64>,
    /// Region → figure key → quote.
    #[serde(default)]
    pub regions: BTreeMap<String, BTreeMap<String, Quote>>,
}

impl PriceFile {
    /// An empty file.
    #[must_use]
    pub fn new() -> Self {
        Self {
            format: PRICE_FILE_FORMAT.to_owned(),
            ..Self::default()
        }
    }

    /// Adds what an offer gave; a figure already there is replaced when the offer is newer or
    /// as new.
    pub fn add(&mut self, offer: &Offer) {
        for (region, figure, quote) in &offer.quotes {
            let figures = self.regions.entry(region.clone()).or_default();
            match figures.get(figure.key()) {
                Some(old) if old.published > quote.published => {}
                _ => {
                    figures.insert(figure.key().to_owned(), quote.clone());
                }
            }
        }
    }

    /// Adds every Region of `other` (the cache, merged with a new fetch).
    pub fn merge(&mut self, other: &PriceFile) {
        for (region, figures) in &other.regions {
            let mine = self.regions.entry(region.clone()).or_default();
            for (key, quote) in figures {
                match mine.get(key) {
                    Some(old) if old.published > quote.published => {}
                    _ => {
                        mine.insert(key.clone(), quote.clone());
                    }
                }
            }
        }
        if other.spot_discount.is_some() {
            self.spot_discount = other.spot_discount;
        }
    }

    /// Reads a prices file, checking every number (the file may come from anyone).
    ///
    /// # Errors
    /// When it is not a prices file or a figure is out of range.
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: PriceFile =
            serde_json::from_str(text).map_err(|e| format!("not an akplan prices file: {e}"))?;
        if file.format != PRICE_FILE_FORMAT {
            return Err(format!(
                "not an akplan prices file: `format` is `{}`, expected `{PRICE_FILE_FORMAT}`",
                file.format
            ));
        }
        if let Some(s) = file.spot_discount
            && !(0.0..=0.9).contains(&s)
        {
            return Err(format!("`spot_discount` is {s}; it must be from 0 to 0.9"));
        }
        for (region, figures) in &file.regions {
            for (key, q) in figures {
                if !q.usd.is_finite() || !(0.0..=MAX_USD_PER_UNIT).contains(&q.usd) {
                    return Err(format!(
                        "{region} `{key}` is {}; a price must be a number from 0 to {MAX_USD_PER_UNIT}",
                        q.usd
                    ));
                }
            }
        }
        Ok(file)
    }

    /// The prices of `region`, when the file has any figure for it.
    #[must_use]
    pub fn prices(&self, region: &str) -> Option<Prices> {
        let figures = self.regions.get(region).filter(|f| !f.is_empty())?;
        let quotes = figures
            .iter()
            .filter_map(|(k, q)| Figure::from_key(k).map(|f| (f, q)));
        Some(Prices::from_quotes(region, quotes, self.spot_discount))
    }

    /// The file as pretty JSON with a final newline (deterministic: maps are ordered).
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The prices of `region` from a file a user brings: an akplan prices file, or one AWS Price
/// List file (an offer's or the Savings Plans' `index.json`).
///
/// # Errors
/// When the text is neither, or has nothing for `region`.
pub fn load(text: &str, region: &str) -> Result<Prices, String> {
    if text.contains(PRICE_FILE_FORMAT) && !text.contains("\"offerCode\"") {
        let file = PriceFile::parse(text)?;
        return file.prices(region).ok_or_else(|| {
            let have: Vec<&str> = file.regions.keys().map(String::as_str).collect();
            format!(
                "the prices file has no figures for {region} (it has: {})",
                if have.is_empty() {
                    "none".to_owned()
                } else {
                    have.join(", ")
                }
            )
        });
    }
    let offer = offer::read_str(text, Some(region))?;
    if offer.quotes.is_empty() {
        return Err(format!(
            "the {} Price List file has no row akplan bills for {region}",
            offer.offer_code
        ));
    }
    let mut file = PriceFile::new();
    file.add(&offer);
    file.prices(region)
        .ok_or_else(|| format!("nothing for {region}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_round_trips_and_refuses_bad_numbers() {
        let mut f = PriceFile::new();
        f.regions.entry("eu-west-2".into()).or_default().insert(
            "x86_vcpu".into(),
            Quote {
                usd: 0.04656,
                unit: "hours".into(),
                offer: "AmazonECS".into(),
                published: "2026-11-20T00:00:00Z".into(),
                sku: "AAA".into(),
                usage_type: "EUW2-Fargate-vCPU-Hours:perCPU".into(),
            },
        );
        let text = f.to_json();
        assert_eq!(PriceFile::parse(&text).expect("should work"), f);
        let p = load(&text, "eu-west-2").expect("should work");
        assert!((p.x86_vcpu - 0.04656).abs() < 1e-12);
        assert!(p.source.contains("AmazonECS 2026-11-20"), "{}", p.source);
        assert!(
            load(&text, "us-east-2")
                .expect_err("should fail")
                .contains("it has: eu-west-2")
        );
        assert!(PriceFile::parse(&text.replace("0.04656", "-1")).is_err());
        assert!(PriceFile::parse(&text.replace("0.04656", "1e999")).is_err());
        assert!(PriceFile::parse("{\"format\": \"x\"}").is_err());
    }
}
