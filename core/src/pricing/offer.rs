//! Reads an AWS Price List file as a stream: an on-demand offer file
//! (`offers/v1.0/aws/<offer>/<version>/<region>/index.json`: `products` by SKU, then
//! `terms.OnDemand` by SKU) or a Savings Plans file
//! (`savingsPlan/v1.0/aws/AWSComputeSavingsPlan/<version>/<region>/index.json`: `products` as a
//! list, then `terms.savingsPlan`). Formats:
//! <https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-an-offer.html> and
//! <https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-service-price-list-file-for-savings-plans.html>.
//!
//! AmazonEC2's file is gigabytes: products and terms are visited one at a time and only the rows
//! of [`Figure`]s are kept, so memory stays bounded by what one product holds.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::figure::{self, Figure, Term};
use super::region_of_prefix;

/// The most a rate may be, USD per unit: the rates akplan reads are cents; a larger one is a
/// damaged or hostile file.
pub const MAX_USD_PER_UNIT: f64 = 100.0;

/// One figure as a Price List file gives it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
pub struct Quote {
    /// USD per unit.
    pub usd: f64,
    /// The unit as the file writes it (`hours`, `Hrs`, `GB`, `LCU-Hrs`).
    #[serde(default)]
    pub unit: String,
    /// The offer (`AmazonECS`, `AWSELB`, `AWSComputeSavingsPlan`, ...).
    pub offer: String,
    /// The file's `publicationDate`.
    pub published: String,
    /// The product's SKU.
    #[serde(default)]
    pub sku: String,
    /// The usage type matched.
    #[serde(default)]
    pub usage_type: String,
}

/// What one file gave.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Offer {
    /// `offerCode` (on-demand files) or the plans' service code.
    pub offer_code: String,
    /// `publicationDate`.
    pub published: String,
    /// Each Region's figures, each at most once (the file's first row for it).
    pub quotes: Vec<(String, Figure, Quote)>,
    /// Rows that matched a figure already found at another price (kept: the first).
    pub conflicts: Vec<String>,
}

/// Reads `reader` as a Price List file and keeps the rows of `region` (every Region's when
/// `None`).
///
/// # Errors
/// When the text is not JSON, not a Price List file, or has a price out of range.
pub fn read(reader: impl Read, region: Option<&str>) -> Result<Offer, String> {
    let mut de = serde_json::Deserializer::from_reader(reader);
    let mut state = State {
        want: region,
        ..State::default()
    };
    Top(&mut state)
        .deserialize(&mut de)
        .map_err(|e| format!("not an AWS Price List file: {e}"))?;
    de.end()
        .map_err(|e| format!("not an AWS Price List file: {e}"))?;
    state.finish()
}

/// Reads a whole file held in memory (the page, tests).
///
/// # Errors
/// As [`read`].
pub fn read_str(text: &str, region: Option<&str>) -> Result<Offer, String> {
    read(text.as_bytes(), region)
}

#[derive(Default)]
struct State<'r> {
    want: Option<&'r str>,
    offer_code: Option<String>,
    published: Option<String>,
    /// The file's own `regionCode` (Savings Plans files).
    file_region: Option<String>,
    /// Whether `products` came before `terms` (AWS's order): then only kept SKUs are priced.
    products_seen: bool,
    /// SKU → Region, figure and usage type, for on-demand products akplan prices.
    wanted: HashMap<String, (String, Figure, String)>,
    /// SKU → term, for Compute Savings Plans with no upfront.
    plans: HashMap<String, Term>,
    /// SKU → (USD, unit), when terms came first.
    early_terms: HashMap<String, (f64, String)>,
    /// Savings Plan rates whose plan SKU was not known yet (rates before `sku`).
    found: Vec<(String, Figure, Quote)>,
    conflicts: Vec<String>,
    error: Option<String>,
}

impl State<'_> {
    /// The Region of a row: its `regionCode`; else its usage type's prefix; else the file's
    /// `regionCode`; rows without any prefix are us-east-1's. `None` when it is not wanted.
    fn region_of(&self, region_code: Option<&str>, usage_type: &str) -> Option<String> {
        let region = match region_code {
            Some(code) if !code.is_empty() => code.to_owned(),
            _ => match figure::prefix(usage_type) {
                "" => self
                    .file_region
                    .clone()
                    .unwrap_or_else(|| "us-east-1".to_owned()),
                p => match region_of_prefix(p) {
                    Some(r) => r.to_owned(),
                    None => self.file_region.clone()?,
                },
            },
        };
        match self.want {
            Some(w) if w != region => None,
            _ => Some(region),
        }
    }

    fn keep(
        &mut self,
        region: String,
        figure: Figure,
        (usd, unit): (f64, String),
        sku: &str,
        usage_type: &str,
    ) {
        if !usd.is_finite() || !(0.0..=MAX_USD_PER_UNIT).contains(&usd) {
            self.error.get_or_insert(format!(
                "the price of SKU {sku} ({usage_type}) is {usd}; a price must be a number from 0 to {MAX_USD_PER_UNIT}"
            ));
            return;
        }
        if let Some((_, _, q)) = self
            .found
            .iter()
            .find(|(r, f, _)| *f == figure && *r == region)
        {
            if (q.usd - usd).abs() > f64::EPSILON {
                self.conflicts.push(format!(
                    "{region} {}: SKU {sku} ({usage_type}) at {usd} ignored; SKU {} at {} kept",
                    figure.key(),
                    q.sku,
                    q.usd
                ));
            }
            return;
        }
        self.found.push((
            region,
            figure,
            Quote {
                usd,
                unit,
                offer: String::new(),
                published: String::new(),
                sku: sku.to_owned(),
                usage_type: usage_type.to_owned(),
            },
        ));
    }

    fn finish(mut self) -> Result<Offer, String> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        // Terms before products: price the wanted SKUs now.
        let early = std::mem::take(&mut self.early_terms);
        let mut wanted: Vec<_> = self.wanted.drain().collect();
        wanted.sort();
        for (sku, (region, figure, usage_type)) in wanted {
            if let Some(rate) = early.get(&sku) {
                self.keep(region, figure, rate.clone(), &sku, &usage_type);
            }
        }
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        let offer_code = self.offer_code.unwrap_or_default();
        if offer_code.is_empty() {
            return Err("not an AWS Price List file: no `offerCode` (on-demand offers) and no Compute Savings Plans".to_owned());
        }
        let published = self.published.unwrap_or_else(|| "unknown".to_owned());
        let quotes = self
            .found
            .into_iter()
            .map(|(r, f, mut q)| {
                q.offer.clone_from(&offer_code);
                q.published.clone_from(&published);
                (r, f, q)
            })
            .collect();
        Ok(Offer {
            offer_code,
            published,
            quotes,
            conflicts: self.conflicts,
        })
    }
}

/// The top-level object.
struct Top<'s, 'r>(&'s mut State<'r>);

impl<'de> DeserializeSeed<'de> for Top<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Price List file (a JSON object)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let state = self.0;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "offerCode" => state.offer_code = Some(map.next_value()?),
                "publicationDate" => state.published = Some(map.next_value()?),
                "regionCode" => state.file_region = Some(map.next_value()?),
                "products" => {
                    map.next_value_seed(Products(state))?;
                    state.products_seen = true;
                }
                "terms" => map.next_value_seed(Terms(state))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A product row: only the fields akplan reads are kept.
#[derive(Deserialize)]
struct Product {
    #[serde(default)]
    sku: String,
    #[serde(default, rename = "productFamily")]
    family: String,
    #[serde(default, rename = "serviceCode")]
    service_code: String,
    #[serde(default, rename = "usageType")]
    usage_type: String,
    #[serde(default)]
    attributes: Attributes,
}

#[derive(Deserialize, Default)]
struct Attributes {
    usagetype: Option<String>,
    #[serde(rename = "regionCode")]
    region_code: Option<String>,
    servicecode: Option<String>,
    #[serde(rename = "purchaseOption")]
    purchase_option: Option<String>,
    #[serde(rename = "purchaseTerm")]
    purchase_term: Option<String>,
}

impl State<'_> {
    fn product(&mut self, sku_key: Option<String>, p: Product) {
        let sku = sku_key.unwrap_or(p.sku);
        let a = p.attributes;
        // A Compute Savings Plan: `ComputeSavingsPlans`, no upfront, 1yr or 3yr.
        if p.family == "ComputeSavingsPlans" || p.service_code == "ComputeSavingsPlans" {
            if self.offer_code.is_none() {
                self.offer_code = Some("AWSComputeSavingsPlan".to_owned());
            }
            let term = match a.purchase_term.as_deref() {
                Some("1yr") => Term::OneYear,
                Some("3yr") => Term::ThreeYears,
                _ => return,
            };
            if a.purchase_option.as_deref() == Some("No Upfront") {
                self.plans.insert(sku, term);
            }
            return;
        }
        let usage_type = a.usagetype.unwrap_or(p.usage_type);
        let service = a
            .servicecode
            .or_else(|| self.offer_code.clone())
            .unwrap_or_default();
        let Some(figure) = figure::on_demand(&service, &p.family, &usage_type) else {
            return;
        };
        if let Some(region) = self.region_of(a.region_code.as_deref(), &usage_type) {
            self.wanted.insert(sku, (region, figure, usage_type));
        }
    }
}

/// `products`: a map by SKU (on-demand offers) or a list (Savings Plans).
struct Products<'s, 'r>(&'s mut State<'r>);

impl<'de> DeserializeSeed<'de> for Products<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Products<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`products`: an object by SKU or a list")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(sku) = map.next_key::<String>()? {
            let p: Product = map.next_value()?;
            self.0.product(Some(sku), p);
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(p) = seq.next_element::<Product>()? {
            self.0.product(None, p);
        }
        Ok(())
    }
}

/// `terms`: `OnDemand` (by SKU) and `savingsPlan` (a list); `Reserved` is skipped.
struct Terms<'s, 'r>(&'s mut State<'r>);

impl<'de> DeserializeSeed<'de> for Terms<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Terms<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`terms`: an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "OnDemand" => map.next_value_seed(OnDemand(&mut *self.0))?,
                "savingsPlan" => map.next_value_seed(Plans(&mut *self.0))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// One on-demand term of a SKU: its price dimensions.
#[derive(Deserialize)]
struct OnDemandTerm {
    #[serde(default, rename = "priceDimensions")]
    dimensions: HashMap<String, Dimension>,
}

#[derive(Deserialize)]
struct Dimension {
    #[serde(default)]
    unit: String,
    #[serde(default, rename = "beginRange")]
    begin_range: Option<String>,
    #[serde(rename = "pricePerUnit")]
    price: HashMap<String, String>,
}

/// The rate of a SKU's terms: the first tier (lowest `beginRange`) with a USD price above zero,
/// else zero. Tiers ordered by their start, then by rate code for a stable choice.
fn first_tier(terms: &HashMap<String, OnDemandTerm>) -> Option<(f64, String)> {
    let mut tiers: Vec<(f64, &str, f64, &str)> = Vec::new();
    let mut codes: Vec<&String> = terms.keys().collect();
    codes.sort();
    for code in codes {
        let mut dims: Vec<(&String, &Dimension)> = terms[code].dimensions.iter().collect();
        dims.sort_by(|a, b| a.0.cmp(b.0));
        for (_, d) in dims {
            let Some(usd) = d
                .price
                .get("USD")
                .and_then(|p| p.trim().parse::<f64>().ok())
            else {
                continue;
            };
            let begin = d
                .begin_range
                .as_deref()
                .and_then(|b| b.parse::<f64>().ok())
                .unwrap_or(0.0);
            tiers.push((begin, code, usd, &d.unit));
        }
    }
    tiers.sort_by(|a, b| a.0.total_cmp(&b.0));
    tiers
        .iter()
        .find(|t| t.2 > 0.0)
        .or(tiers.first())
        .map(|t| (t.2, t.3.to_owned()))
}

struct OnDemand<'s, 'r>(&'s mut State<'r>);

impl<'de> DeserializeSeed<'de> for OnDemand<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for OnDemand<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`terms.OnDemand`: an object by SKU")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let state = self.0;
        while let Some(sku) = map.next_key::<String>()? {
            if state.products_seen {
                match state.wanted.remove(&sku) {
                    Some((region, figure, usage_type)) => {
                        let terms: HashMap<String, OnDemandTerm> = map.next_value()?;
                        if let Some(rate) = first_tier(&terms) {
                            state.keep(region, figure, rate, &sku, &usage_type);
                        }
                    }
                    None => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            } else {
                let terms: HashMap<String, OnDemandTerm> = map.next_value()?;
                if let Some(rate) = first_tier(&terms) {
                    state.early_terms.insert(sku, rate);
                }
            }
        }
        Ok(())
    }
}

/// `terms.savingsPlan`: a list of plans, each with its `rates`.
struct Plans<'s, 'r>(&'s mut State<'r>);

impl<'de> DeserializeSeed<'de> for Plans<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Plans<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`terms.savingsPlan`: a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Plan(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

/// One plan: `sku` then `rates` in AWS's files; rates seen before the SKU are held until it is.
struct Plan<'s, 'r>(&'s mut State<'r>);

#[derive(Deserialize)]
struct Rate {
    #[serde(default, rename = "discountedUsageType")]
    usage_type: String,
    #[serde(default, rename = "discountedSku")]
    sku: String,
    #[serde(default, rename = "discountedServiceCode")]
    service: String,
    #[serde(default)]
    unit: String,
    #[serde(rename = "discountedRate")]
    rate: DiscountedRate,
}

#[derive(Deserialize)]
struct DiscountedRate {
    price: String,
}

impl<'de> DeserializeSeed<'de> for Plan<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Plan<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Savings Plan term")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let state = self.0;
        let mut term: Option<Option<Term>> = None;
        let mut held: Vec<Rate> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "sku" => {
                    let sku: String = map.next_value()?;
                    term = Some(state.plans.get(&sku).copied());
                }
                "rates" => {
                    if term == Some(None) {
                        map.next_value::<IgnoredAny>()?;
                    } else {
                        held.extend(map.next_value_seed(Rates)?);
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let Some(Some(term)) = term else {
            return Ok(());
        };
        for r in held {
            if !r.service.is_empty() && r.service != "AmazonECS" {
                continue;
            }
            let Some(figure) = figure::savings_plan(term, &r.usage_type) else {
                continue;
            };
            let Some(region) = state.region_of(None, &r.usage_type) else {
                continue;
            };
            match r.rate.price.trim().parse::<f64>() {
                Ok(usd) => state.keep(region, figure, (usd, r.unit), &r.sku, &r.usage_type),
                Err(_) => {
                    return Err(de::Error::custom(format!(
                        "the Savings Plan rate of {} is not a number",
                        r.usage_type
                    )));
                }
            }
        }
        Ok(())
    }
}

/// A plan's rates, keeping only Fargate's: one plan holds every EC2 and Lambda rate too.
struct Rates;

impl<'de> DeserializeSeed<'de> for Rates {
    type Value = Vec<Rate>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Rate>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Rates {
    type Value = Vec<Rate>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of rates")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Rate>, A::Error> {
        let mut out = Vec::new();
        while let Some(r) = seq.next_element::<Rate>()? {
            if r.usage_type.contains("Fargate-") {
                out.push(r);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ECS: &str = r#"{
      "formatVersion": "v1.0", "disclaimer": "x", "offerCode": "AmazonECS",
      "version": "20261120000000", "publicationDate": "2026-11-20T00:00:00Z",
      "products": {
        "AAA": {"sku": "AAA", "productFamily": "Compute", "attributes": {"servicecode": "AmazonECS", "regionCode": "eu-west-2", "usagetype": "EUW2-Fargate-vCPU-Hours:perCPU", "processorArchitecture": ""}},
        "BBB": {"sku": "BBB", "productFamily": "Compute", "attributes": {"servicecode": "AmazonECS", "regionCode": "eu-west-2", "usagetype": "EUW2-Fargate-GB-Hours"}},
        "CCC": {"sku": "CCC", "productFamily": "Compute", "attributes": {"servicecode": "AmazonECS", "regionCode": "eu-west-2", "usagetype": "EUW2-SpotUsage:Fargate-vCPU-Hours:perCPU"}},
        "DDD": {"sku": "DDD", "productFamily": "Compute", "attributes": {"servicecode": "AmazonECS", "regionCode": "eu-west-3", "usagetype": "EUW3-Fargate-vCPU-Hours:perCPU"}}
      },
      "terms": {"OnDemand": {
        "AAA": {"AAA.JRTCKXETXF": {"offerTermCode": "JRTCKXETXF", "sku": "AAA", "priceDimensions": {"AAA.JRTCKXETXF.6YS6EN2CT7": {"unit": "hours", "beginRange": "0", "endRange": "Inf", "pricePerUnit": {"USD": "0.0465600000"}}}}},
        "BBB": {"BBB.JRTCKXETXF": {"priceDimensions": {"BBB.JRTCKXETXF.6YS6EN2CT7": {"unit": "hours", "pricePerUnit": {"USD": "0.0051100000"}}}}},
        "CCC": {"CCC.JRTCKXETXF": {"priceDimensions": {"x": {"unit": "hours", "pricePerUnit": {"USD": "0.0139"}}}}},
        "DDD": {"DDD.JRTCKXETXF": {"priceDimensions": {"x": {"unit": "hours", "pricePerUnit": {"USD": "9.9"}}}}}
      }}
    }"#;

    #[test]
    fn an_on_demand_offer_gives_the_regions_rows_only() {
        let offer = read_str(ECS, Some("eu-west-2")).expect("should work");
        assert_eq!(offer.offer_code, "AmazonECS");
        assert_eq!(offer.published, "2026-11-20T00:00:00Z");
        let got: Vec<_> = offer.quotes.iter().map(|(_, f, q)| (*f, q.usd)).collect();
        assert_eq!(got, [(Figure::X86Vcpu, 0.04656), (Figure::X86Gb, 0.00511)]);
        assert_eq!(offer.quotes[0].2.sku, "AAA");
        let all = read_str(ECS, None).expect("should work");
        assert_eq!(all.quotes.len(), 3);
        assert_eq!(all.quotes[2].0, "eu-west-3");
    }

    #[test]
    fn terms_before_products_still_price_the_rows() {
        let flipped = r#"{"offerCode": "AmazonECS", "publicationDate": "d",
          "terms": {"OnDemand": {"AAA": {"t": {"priceDimensions": {"p": {"unit": "hours", "pricePerUnit": {"USD": "0.05"}}}}}}},
          "products": {"AAA": {"productFamily": "Compute", "attributes": {"usagetype": "EUW2-Fargate-vCPU-Hours:perCPU"}}}}"#;
        let offer = read_str(flipped, Some("eu-west-2")).expect("should work");
        assert_eq!(offer.quotes[0].2.usd, 0.05);
    }

    #[test]
    fn hostile_prices_and_other_json_are_refused() {
        assert!(read_str("[]", None).is_err());
        assert!(read_str("{}", None).is_err());
        assert!(read_str("{\"offerCode\": \"AmazonECS\"", None).is_err());
        let big = ECS.replace("0.0465600000", "1e300");
        assert!(
            read_str(&big, Some("eu-west-2"))
                .expect_err("should fail")
                .contains("from 0 to 100")
        );
    }

    #[test]
    fn savings_plans_keep_no_upfront_fargate_rates() {
        let sp = r#"{"version": "1", "publicationDate": "2026-11-02T00:00:00Z", "regionCode": "eu-west-2",
          "products": [
            {"sku": "P1", "productFamily": "ComputeSavingsPlans", "serviceCode": "ComputeSavingsPlans", "usageType": "ComputeSP:1yrNoUpfront", "attributes": {"purchaseOption": "No Upfront", "purchaseTerm": "1yr"}},
            {"sku": "P2", "productFamily": "ComputeSavingsPlans", "serviceCode": "ComputeSavingsPlans", "attributes": {"purchaseOption": "All Upfront", "purchaseTerm": "1yr"}}
          ],
          "terms": {"savingsPlan": [
            {"sku": "P1", "description": "1 year No Upfront", "rates": [
              {"discountedSku": "AAA", "discountedUsageType": "EUW2-Fargate-vCPU-Hours:perCPU", "discountedServiceCode": "AmazonECS", "unit": "Hrs", "discountedRate": {"price": "0.0372", "currency": "USD"}},
              {"discountedSku": "E1", "discountedUsageType": "EUW2-BoxUsage:m5.large", "discountedServiceCode": "AmazonEC2", "unit": "Hrs", "discountedRate": {"price": "0.08", "currency": "USD"}}
            ]},
            {"sku": "P2", "rates": [
              {"discountedSku": "AAA", "discountedUsageType": "EUW2-Fargate-vCPU-Hours:perCPU", "discountedServiceCode": "AmazonECS", "unit": "Hrs", "discountedRate": {"price": "0.03", "currency": "USD"}}
            ]}
          ]}}"#;
        let offer = read_str(sp, None).expect("should work");
        assert_eq!(offer.offer_code, "AWSComputeSavingsPlan");
        let got: Vec<_> = offer.quotes.iter().map(|(_, f, q)| (*f, q.usd)).collect();
        assert_eq!(got, [(Figure::Sp1yrX86Vcpu, 0.0372)]);
    }
}
