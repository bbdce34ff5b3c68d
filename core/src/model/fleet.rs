//! A fleet and its release, as the planner trusts them: Regions, cells per Region, shuffle
//! sharding and the waves a change goes out in (docs/fleet.md).
//!
//! The model follows AWS's guide for ECS ("Workload isolation using sharding", "Automated safe
//! hands-off deployments") and the Well-Architected cell-based architecture whitepaper:
//! <https://docs.aws.amazon.com/wellarchitected/latest/reducing-scope-of-impact-with-cell-based-architecture/cell-design.html>.

/// The Regions and cells every service of the app runs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fleet {
    /// Regions in release order, no repeats; the first is where a release starts.
    pub regions: Vec<String>,
    /// Pre-scale each cell for the loss of one of its zones (with the service's
    /// `static_stability`).
    pub survive_zone: bool,
    /// Pre-scale each Region to carry the share of the largest other Region when it is lost.
    pub survive_region: bool,
    /// Cells per Region, 1-64.
    pub cells: u32,
    /// Customers the cells serve, when the spec says.
    pub customers: Option<u64>,
    /// Cells each customer is served by (shuffle sharding), 1..=cells.
    pub cells_per_customer: u32,
}

/// How many of the fleet's Regions, cells or zones a wave reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every one.
    All,
    /// The first this many, in the fleet's order (at least 1).
    First(u32),
}

impl Scope {
    /// How many of `available` this scope covers.
    #[must_use]
    pub fn of(self, available: u32) -> u32 {
        match self {
            Self::All => available,
            Self::First(n) => n.min(available),
        }
    }
}

/// One wave of a release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wave {
    /// Regions reached, counted from the first.
    pub regions: Scope,
    /// Cells reached in each of those Regions.
    pub cells: Scope,
    /// Zones reached in each of those cells.
    pub zones: Scope,
    /// Minutes each step of the wave bakes before the next.
    pub bake_minutes: u32,
}

/// The waves of a release, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    /// At least one.
    pub waves: Vec<Wave>,
}
