//! `corpvet` with no subcommand: connect (or start the sandbox) and open the explorer.

use std::sync::Arc;

use crate::api::settings::ApiSettings;
use crate::explorer::{self, ExplorerOptions};
use crate::worker::{Backend, Services};

use super::commands::error_line;
use super::exit;

pub async fn explore() -> u8 {
    let settings = ApiSettings::from_env();
    let backend = match Backend::connect(&settings).await {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}", error_line(&e));
            return exit::for_error(&e);
        }
    };
    let services = Arc::new(Services::new(backend));
    match explorer::run(services, ExplorerOptions::from_env()).await {
        Ok(()) => exit::RESULTS,
        Err(e) => {
            eprintln!("corpvet: terminal error: {e}");
            exit::TRANSPORT
        }
    }
}
