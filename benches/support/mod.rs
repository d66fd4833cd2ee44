//! What both benches share: one criterion configuration, so their figures compare.

use std::time::Duration;

use criterion::Criterion;

/// 2 s of measurement and 30 samples per benchmark (flags on the command line win).
pub fn config() -> Criterion {
    Criterion::default()
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500))
        .sample_size(30)
        .configure_from_args()
}
