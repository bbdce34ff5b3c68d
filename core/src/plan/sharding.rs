//! Shuffle sharding: each customer is served by k of a Region's n cells.
//!
//! Formulas from AWS's "Shuffle Sharding: Massive and Magical Fault Isolation" (Architecture
//! Blog) and Well-Architected REL10-BP04
//! (<https://docs.aws.amazon.com/wellarchitected/latest/framework/rel10-bp04.html>): C(n, k)
//! shards; two customers on uniformly random shards share all k cells with probability
//! 1 / C(n, k), exactly j of them with C(k, j) · C(n − k, k − j) / C(n, k) (hypergeometric).

use serde::Serialize;

use super::capacity::round2;

/// The sharding figures of a fleet.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
pub struct Sharding {
    /// Cells per Region (n).
    pub cells: u32,
    /// Cells per customer (k).
    pub cells_per_customer: u32,
    /// C(n, k): the distinct sets of cells a customer can get.
    pub combinations: u64,
    /// Customers, when the spec says.
    pub customers: Option<u64>,
    /// Customers per combination, on average, when the spec gives customers.
    pub customers_per_combination: Option<f64>,
    /// Combinations no customer lands on (`customers` below `combinations`).
    pub empty_combinations: Option<u64>,
    /// Probability that two customers share all their cells: 1 / C(n, k).
    pub overlap_all_probability: f64,
    /// Probability that two customers share exactly j cells, j = 0..=k (hypergeometric).
    pub overlap_exactly: Vec<f64>,
    /// Customers that lose one of their cells when one cell fails, %: k / n.
    pub customers_losing_one_cell_percent: f64,
    /// Customers that lose every one of their cells when one cell fails, %: 1 / n for k = 1,
    /// 0 otherwise.
    pub customers_losing_all_cells_percent: f64,
}

/// C(n, k), exact; `None` when it does not fit 64 bits (never for n ≤ 64).
#[must_use]
pub fn choose(n: u32, k: u32) -> Option<u64> {
    if k > n {
        return Some(0);
    }
    let k = k.min(n - k);
    let mut c: u128 = 1;
    for i in 0..k {
        // c · (n − i) / (i + 1) is C(n, i + 1): exact at every step.
        c = c * u128::from(n - i) / u128::from(i + 1);
        if c > u128::from(u64::MAX) {
            return None;
        }
    }
    u64::try_from(c).ok()
}

/// The cells of shuffle-shard combination `index` (lexicographic order) of `k` out of `n`,
/// numbered from 1: where a customer assigned that combination lands. `index` wraps at C(n, k).
#[must_use]
pub fn combination(n: u32, k: u32, index: u64) -> Vec<u32> {
    let mut index = index % choose(n, k).unwrap_or(1).max(1);
    let mut out = Vec::new();
    let mut next = 1;
    for left in (1..=k.min(n)).rev() {
        for cell in next..=n {
            // Combinations that start with `cell`: choose the rest from the cells after it.
            let with_cell = choose(n - cell, left - 1).unwrap_or(u64::MAX);
            if index < with_cell {
                out.push(cell);
                next = cell + 1;
                break;
            }
            index -= with_cell;
        }
    }
    out
}

/// Probability that a customer's k cells avoid every one of `touched` cells: C(n − t, k) / C(n, k).
#[must_use]
pub fn untouched_probability(n: u32, k: u32, touched: u32) -> f64 {
    let t = touched.min(n);
    // As a product, so no factorial overflows: Π_{i<k} (n − t − i) / (n − i).
    (0..k)
        .map(|i| {
            let top = f64::from(n - t) - f64::from(i);
            (top.max(0.0)) / f64::from(n - i)
        })
        .product()
}

/// The figures for n cells, k per customer (k ≤ n, n ≤ 64) and `customers`.
#[must_use]
pub fn sharding(n: u32, k: u32, customers: Option<u64>) -> Sharding {
    let combinations = choose(n, k).unwrap_or(u64::MAX).max(1);
    #[allow(clippy::cast_precision_loss)] // C(64, 32) ≈ 1.8e18: f64 keeps 15 digits of it
    let c = combinations as f64;
    let overlap_exactly = (0..=k)
        .map(|j| {
            let ways = choose(k, j).unwrap_or(0) as f64 * choose(n - k, k - j).unwrap_or(0) as f64;
            ways / c
        })
        .collect();
    Sharding {
        cells: n,
        cells_per_customer: k,
        combinations,
        customers,
        #[allow(clippy::cast_precision_loss)] // customers ≤ 1e9
        customers_per_combination: customers.map(|m| round2(m as f64 / c)),
        empty_combinations: customers.map(|m| combinations.saturating_sub(m)),
        overlap_all_probability: 1.0 / c,
        overlap_exactly,
        customers_losing_one_cell_percent: round2(100.0 * f64::from(k) / f64::from(n)),
        customers_losing_all_cells_percent: if k == 1 {
            round2(100.0 / f64::from(n))
        } else {
            0.0
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn worked_values_from_the_sources() {
        // Well-Architected REL10-BP04's example: 8 workers, shards of 2.
        let s = sharding(8, 2, None);
        assert_eq!(s.combinations, 28);
        assert!((s.overlap_all_probability - 1.0 / 28.0).abs() < 1e-12);
        assert!((s.overlap_exactly[0] - 15.0 / 28.0).abs() < 1e-12); // no overlap 53.6%
        assert!((s.overlap_exactly[1] - 12.0 / 28.0).abs() < 1e-12); // one shared 42.9%
        assert_eq!(choose(100, 5), Some(75_287_520));
        assert_eq!(choose(64, 32), Some(1_832_624_140_942_590_534));
        let issue = sharding(3, 2, Some(1200));
        assert_eq!(issue.combinations, 3);
        assert_eq!(issue.customers_per_combination, Some(400.0));
        assert_eq!(issue.customers_losing_all_cells_percent, 0.0);
    }

    #[test]
    fn combinations_unrank_in_order() {
        assert_eq!(combination(3, 2, 0), [1, 2]);
        assert_eq!(combination(3, 2, 1), [1, 3]);
        assert_eq!(combination(3, 2, 2), [2, 3]);
        assert_eq!(combination(3, 2, 3), [1, 2], "wraps");
        assert_eq!(combination(8, 2, 27), [7, 8]);
        assert_eq!(combination(5, 1, 4), [5]);
    }

    /// Pascal's rule in exact integers: C(n, k) = C(n − 1, k − 1) + C(n − 1, k).
    fn pascal(n: u32, k: u32) -> u128 {
        let mut row = vec![1u128];
        for _ in 0..n {
            let mut next = vec![1u128; row.len() + 1];
            for i in 1..row.len() {
                next[i] = row[i - 1] + row[i];
            }
            row = next;
        }
        row.get(k as usize).copied().unwrap_or(0)
    }

    proptest! {
        #[test]
        fn choose_is_exact_up_to_64(n in 0u32..=64, k in 0u32..=64) {
            prop_assert_eq!(choose(n, k).map(u128::from), Some(pascal(n, k)));
        }

        #[test]
        fn every_combination_is_k_distinct_cells(n in 1u32..=12, k in 1u32..=12, i in 0u64..1000) {
            let k = k.min(n);
            let c = combination(n, k, i);
            prop_assert_eq!(c.len(), k as usize);
            prop_assert!(c.windows(2).all(|w| w[0] < w[1]) && c.iter().all(|&x| (1..=n).contains(&x)));
        }

        #[test]
        fn overlaps_are_a_distribution(n in 1u32..=64, k in 1u32..=64) {
            let k = k.min(n);
            let s = sharding(n, k, None);
            let sum: f64 = s.overlap_exactly.iter().sum();
            prop_assert!((sum - 1.0).abs() < 1e-9, "{sum}");
            prop_assert!((s.overlap_exactly[k as usize] - s.overlap_all_probability).abs() < 1e-12);
        }
    }
}
