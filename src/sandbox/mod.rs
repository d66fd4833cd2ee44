//! A protocol-faithful stand-in for the vendors: a real HTTP server on loopback that speaks
//! QCC's and Juhe's protocols (signatures, envelopes, status codes, paging, the report
//! lifecycle) over the embedded dataset in `assets/sandbox/`, with one company per failure
//! mode. `assets/sandbox/README.md` lists the companies and what each demonstrates.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let sandbox = corpvet::sandbox::Sandbox::start(0).await?;
//! println!("QCC at {}, Juhe at {}", sandbox.qcc_base_url(), sandbox.juhe_base_url());
//! # Ok(()) }
//! ```

mod auth;
mod bulk;
mod counters;
mod data;
mod envelope;
mod faults;
mod ids;
mod juhe;
mod params;
mod qcc;
mod reply;
mod report;
mod routes;
mod state;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use counters::Counters;

/// The only QCC key the sandbox accepts (anything else is Status 101).
pub const SANDBOX_QCC_KEY: &str = "sandbox-key";
/// The secret the sandbox signs with: `Token = MD5(key + Timespan + secret)`.
pub const SANDBOX_QCC_SECRET: &str = "sandbox-secret";
/// The only Juhe key the sandbox accepts (anything else is error_code 10001).
pub const SANDBOX_JUHE_KEY: &str = "sandbox-juhe-key";

/// How long in-flight requests get to finish when `serve_forever` stops.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Knobs for tests: shorten the slow company's delay, tighten the clock check, or change how
/// many polls a report takes.
#[derive(Clone, Debug)]
pub struct SandboxOptions {
    /// How long the slow-answer company (慢速响应测试有限公司) waits before answering.
    pub slow_delay: Duration,
    /// Largest accepted distance between `Timespan` and the sandbox's clock (QCC 107 beyond).
    pub max_clock_skew_secs: i64,
    /// Polls of GetReportInfo before the report is ready: the first answers 205, the rest
    /// `ReportStatus` P; the next one S (or F).
    pub report_polls_before_ready: u32,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            slow_delay: Duration::from_secs(6),
            max_clock_skew_secs: 300,
            report_polls_before_ready: 2,
        }
    }
}

/// A running sandbox. Dropping it stops the server.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    counters: Counters,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Binds 127.0.0.1:port (0 = ephemeral) and serves in a spawned tokio task.
    pub async fn start(port: u16) -> std::io::Result<Sandbox> {
        Sandbox::start_with(port, SandboxOptions::default()).await
    }

    /// Like [`Sandbox::start`], with options (e.g. slow-answer delay, clock-skew tolerance).
    pub async fn start_with(port: u16, options: SandboxOptions) -> std::io::Result<Sandbox> {
        let data = data::Dataset::load()
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let counters = Counters::for_all_endpoints();
        let state = Arc::new(state::AppState {
            data,
            options,
            counters: counters.clone(),
            orders: report::Orders::default(),
        });
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let addr = listener.local_addr()?;
        let (tx, rx) = oneshot::channel::<()>();
        let app = routes::router(state);
        let task = tokio::spawn(async move {
            let stop = async {
                // Sent or dropped: either way, stop.
                let _ = rx.await;
            };
            if let Err(e) = axum::serve(listener, app)
                .with_graceful_shutdown(stop)
                .await
            {
                tracing::warn!("sandbox server stopped: {e}");
            }
        });
        Ok(Sandbox {
            addr,
            counters,
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/api/yj`: the QCC base URL (paths append `/Controller/Method`).
    pub fn qcc_base_url(&self) -> String {
        format!("http://{}/api/yj", self.addr)
    }

    /// `http://127.0.0.1:PORT`: the Juhe base URL (paths append `/opens/App/...`).
    pub fn juhe_base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The live counters (a cheap clone sharing the same numbers).
    pub fn counters(&self) -> Counters {
        self.counters.clone()
    }

    /// Run until ctrl-c (used by `corpvet sandbox --port N`), then stop, giving in-flight
    /// requests a few seconds to finish.
    pub async fn serve_forever(mut self) {
        if tokio::signal::ctrl_c().await.is_err() {
            // No signal handling available: serve until the process is killed.
            std::future::pending::<()>().await;
        }
        self.stop();
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(SHUTDOWN_GRACE, task).await;
        }
    }

    fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.stop();
    }
}
