//! `corpvet sandbox`: the fake vendors as a standalone server, for scripts and curl.

use crate::sandbox::Sandbox;

use super::exit;

/// `corpvet sandbox`: serve the fake vendors until Ctrl-C.
pub async fn serve_sandbox(port: u16) -> u8 {
    match Sandbox::start(port).await {
        Ok(sandbox) => {
            outln!("corpvet sandbox listening on http://{}", sandbox.addr());
            outln!("  CORPVET_QCC_BASE_URL={}", sandbox.qcc_base_url());
            outln!("  CORPVET_JUHE_BASE_URL={}", sandbox.juhe_base_url());
            outln!(
                "  credentials: CORPVET_QCC_KEY={} CORPVET_QCC_SECRET={} CORPVET_JUHE_KEY={}",
                crate::sandbox::SANDBOX_QCC_KEY,
                crate::sandbox::SANDBOX_QCC_SECRET,
                crate::sandbox::SANDBOX_JUHE_KEY
            );
            outln!(
                "  billing counters: http://{}/__sandbox/counters",
                sandbox.addr()
            );
            outln!("Ctrl-C stops it.");
            sandbox.serve_forever().await;
            exit::RESULTS
        }
        Err(e) => {
            errln!("corpvet: cannot start the sandbox on port {port}: {e}");
            exit::TRANSPORT
        }
    }
}
