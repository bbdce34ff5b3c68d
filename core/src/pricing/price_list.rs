//! AWS Price List figures built into akplan: written by `cargo xtask prices OFFER_FILES...`
//! from AWS's public bulk offer files
//! (<https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-an-offer.html>).
//! Do not edit by hand. A Region with rows here is billed from them; its other figures come
//! from akplan's table ([`crate::facts::FARGATE_PRICES`], [`crate::facts::REGIONAL_RATES`]).
//!
//! No offer file has been read into this copy yet: akplan's table is in use everywhere.

use super::builtin::ListedRow;

/// The rows, by Region and figure.
pub const PRICE_LIST: &[ListedRow] = &[];
