//! Asking before a billed report order.

use std::io::{BufRead, IsTerminal};

use crate::api::ApiError;

/// Ask on stderr and read y/N from stdin. A non-interactive stdin refuses: a script must
/// say `--yes` to spend money.
pub fn confirm_order(company: &str, format: &str, price_fen: i64) -> Result<(), ApiError> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(ApiError::invalid(
            "ordering a report is billed: stdin is not a terminal, so pass --yes to confirm",
        ));
    }
    let price = match price_fen {
        0 => String::new(),
        fen => format!(" ({} at your [prices])", crate::config::money::yuan(fen)),
    };
    err!("Order a credit report ({format}) for {company}? This call is BILLED{price}. [y/N] ");
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .map_err(|e| ApiError::Io(format!("cannot read the answer: {e}")))?;
    if matches!(line.trim().to_lowercase().as_str(), "y" | "yes") {
        Ok(())
    } else {
        Err(ApiError::invalid("not confirmed: no report was ordered"))
    }
}
