//! What every route shares: the dataset, the options, the counters and the report orders.

use super::counters::Counters;
use super::data::Dataset;
use super::report::Orders;
use super::SandboxOptions;

#[derive(Debug)]
pub struct AppState {
    pub data: Dataset,
    pub options: SandboxOptions,
    pub counters: Counters,
    pub orders: Orders,
}
