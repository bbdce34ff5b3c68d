//! The spec's `fleet` and `release`, resolved with their positions for the rules, and turned
//! into the model's [`Fleet`] and [`Release`] with the rules' corrections applied (docs/fleet.md).

use super::raw::{RawAll, RawFault, RawFleet, RawRelease, RawScope, RawSpec};
use crate::model::{Fleet, Release, Scope, Wave};
use crate::pointer::Pointer;
use crate::task::Located;

/// `fleet` as written, defaults applied.
#[derive(Debug, Clone, PartialEq)]
pub struct FleetSpec {
    /// `/fleet`.
    pub path: Pointer,
    /// The Regions as listed (the home Region alone when the spec lists none), repeats included.
    pub regions: Vec<Located<String>>,
    /// Whether `regions` was written.
    pub regions_written: bool,
    /// `zone` in `survive`.
    pub survive_zone: bool,
    /// `region` in `survive`.
    pub survive_region: bool,
    /// Cells per Region.
    pub cells: u32,
    /// Customers, if given.
    pub customers: Option<u64>,
    /// Cells per customer as written (may exceed `cells`: a warning, then clamped).
    pub cells_per_customer: u32,
}

/// `release` as written.
#[derive(Debug, Clone, PartialEq)]
pub struct ReleaseSpec {
    /// The waves, each at `/release/waves/<i>`.
    pub waves: Vec<Located<Wave>>,
}

/// The fleet a spec describes: its `fleet`, or, for a spec with a `release` and no `fleet`,
/// one cell in the home Region (a release one zone at a time still needs zonal services).
pub fn resolve(raw: &RawSpec) -> (Option<FleetSpec>, Option<ReleaseSpec>) {
    let release = raw.release.as_ref().map(release);
    let fleet = match (&raw.fleet, &release) {
        (Some(f), _) => Some(fleet(raw, f)),
        (None, Some(_)) => Some(fleet(raw, &RawFleet::default())),
        (None, None) => None,
    };
    (fleet, release)
}

fn fleet(raw: &RawSpec, f: &RawFleet) -> FleetSpec {
    let path = Pointer::root().join("fleet");
    let regions = match &f.regions {
        Some(list) => list
            .iter()
            .enumerate()
            .map(|(i, r)| Located::new(r.clone(), path.join("regions").join(i)))
            .collect(),
        None => vec![Located::new(
            raw.region.clone(),
            Pointer::root().join("region"),
        )],
    };
    let survive = f.survive.clone().unwrap_or_else(|| vec![RawFault::Zone]);
    FleetSpec {
        regions,
        regions_written: f.regions.is_some(),
        survive_zone: survive.contains(&RawFault::Zone),
        survive_region: survive.contains(&RawFault::Region),
        cells: f.cells.unwrap_or(1).max(1),
        customers: f.customers,
        cells_per_customer: f.cells_per_customer.unwrap_or(1).max(1),
        path,
    }
}

fn release(r: &RawRelease) -> ReleaseSpec {
    let path = Pointer::root().join("release").join("waves");
    let scope = |s: Option<RawScope>| match s {
        None | Some(RawScope::All(RawAll::All)) => Scope::All,
        Some(RawScope::Count(n)) => Scope::First(n.max(1)),
    };
    ReleaseSpec {
        waves: r
            .waves
            .iter()
            .enumerate()
            .map(|(i, w)| {
                Located::new(
                    Wave {
                        regions: scope(w.regions),
                        cells: scope(w.cells),
                        zones: scope(w.zones),
                        bake_minutes: w.bake_minutes.unwrap_or(0),
                    },
                    path.join(i),
                )
            })
            .collect(),
    }
}

impl FleetSpec {
    /// The Regions without repeats, in the order first listed.
    #[must_use]
    pub fn distinct_regions(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in &self.regions {
            if !out.contains(&r.value) {
                out.push(r.value.clone());
            }
        }
        out
    }

    /// The model's fleet: repeats dropped, cells per customer at most the cells (both warned
    /// about by the rules).
    #[must_use]
    pub fn model(&self) -> Fleet {
        Fleet {
            regions: self.distinct_regions(),
            survive_zone: self.survive_zone,
            survive_region: self.survive_region,
            cells: self.cells,
            customers: self.customers,
            cells_per_customer: self.cells_per_customer.min(self.cells),
        }
    }
}

impl ReleaseSpec {
    /// The model's release.
    #[must_use]
    pub fn model(&self) -> Release {
        Release {
            waves: self.waves.iter().map(|w| w.value).collect(),
        }
    }
}
