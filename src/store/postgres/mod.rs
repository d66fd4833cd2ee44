//! The team store: one PostgreSQL database shared by every analyst of an account, holding
//! what the SQLite files hold (answers, 110 refusals, history, the order ledger, identities,
//! the watchlist) so a colleague's answer is never paid for twice.
//!
//! The client is the blocking `postgres` crate, owned by one thread of its own: the store
//! trait is blocking, and a blocking client called on an async thread would panic, so every
//! call is handed to that thread and waited for. A broken connection is opened again on the
//! next call. The password in the URL is never shown: [`PgStore::location`] leaves it out.

mod answers;
mod ledger;
mod lists;
mod schema;
mod spend;
mod tls;

use std::sync::mpsc;
use std::sync::Mutex;
use std::time::Duration;

use postgres::Client;

use super::{Store, StoreError, StoreStatus};

pub use schema::VERSION;

/// How long connecting may take before the store is called unavailable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// A PostgreSQL database, reached through its connection thread.
#[derive(Debug)]
pub struct PgStore {
    jobs: Mutex<mpsc::Sender<Job>>,
    location: String,
    /// Written on what this store records (none: nobody named).
    user: Option<String>,
}

/// The connection thread's side: the client while it is open, and how to open it again.
pub(crate) struct Connection {
    target: tls::Target,
    client: Option<Client>,
}

impl Connection {
    fn client(&mut self) -> Result<&mut Client, postgres::Error> {
        if self.client.as_ref().is_none_or(Client::is_closed) {
            self.client = Some(self.target.connect()?);
        }
        Ok(self.client.as_mut().expect("connected above"))
    }
}

impl PgStore {
    /// Connect to `url` (`postgres://user:password@host:port/db`), bring its schema up to
    /// this version (or refuse a newer one), and keep the connection for later calls.
    pub fn open(url: &str) -> Result<PgStore, StoreError> {
        let location = redacted(url);
        let fail = |detail: String| StoreError {
            location: location.clone(),
            detail,
        };
        let mut target = tls::Target::parse(url).map_err(fail)?;
        if target.config.get_connect_timeout().is_none() {
            target.config.connect_timeout(CONNECT_TIMEOUT);
        }
        target.config.application_name("corpvet");
        let (tx, rx) = mpsc::channel::<Job>();
        let mut connection = Connection {
            target,
            client: None,
        };
        std::thread::Builder::new()
            .name("postgres".into())
            .spawn(move || {
                while let Ok(job) = rx.recv() {
                    job(&mut connection);
                }
            })
            .map_err(|e| fail(e.to_string()))?;
        let store = PgStore {
            jobs: Mutex::new(tx),
            location: location.clone(),
            user: None,
        };
        store.call(schema::migrate)?.map_err(fail)?;
        Ok(store)
    }

    /// Record `user` on the answers, searches and orders written from now on.
    pub fn with_user(mut self, user: impl Into<String>) -> Self {
        self.user = Some(user.into());
        self
    }

    /// Run `f` on the connection thread and wait for its answer.
    fn call<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Client) -> Result<R, postgres::Error> + Send + 'static,
    ) -> Result<R, StoreError> {
        let (tx, rx) = mpsc::sync_channel(1);
        let job: Job = Box::new(move |connection| {
            let _ = tx.send(connection.client().and_then(f));
        });
        let sent = self
            .jobs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .send(job);
        let answer = match sent {
            Ok(()) => rx
                .recv()
                .map_err(|_| "the connection thread ended".to_string()),
            Err(_) => Err("the connection thread ended".to_string()),
        };
        match answer {
            Ok(Ok(r)) => Ok(r),
            Ok(Err(e)) => Err(self.fail(&e)),
            Err(detail) => Err(StoreError {
                location: self.location.clone(),
                detail,
            }),
        }
    }

    fn fail(&self, e: &postgres::Error) -> StoreError {
        StoreError {
            location: self.location.clone(),
            detail: describe(e),
        }
    }
}

impl Store for PgStore {
    fn location(&self) -> String {
        self.location.clone()
    }

    fn size_on_disk(&self) -> u64 {
        0
    }

    fn status(&self) -> Result<StoreStatus, StoreError> {
        self.call(|c| {
            let schema_version = schema::current(c)?;
            let server: String = c.query_one("SHOW server_version", &[])?.get(0);
            let encryption: Option<String> = c
                .query_opt(
                    "SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl",
                    &[],
                )?
                .map(|r| r.get(0));
            Ok(StoreStatus {
                backend: "postgres",
                schema_version,
                server_version: Some(server),
                encryption,
            })
        })
    }
}

/// The server's own message when it sent one (with its hint), else the client's.
fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.hint() {
            Some(hint) => format!("{} ({hint})", db.message()),
            None => db.message().to_string(),
        },
        None => {
            // The client's own text ("error connecting to server") and why, all the way down.
            let mut text = e.to_string();
            let mut cause = std::error::Error::source(e);
            while let Some(c) = cause {
                text = format!("{text}: {c}");
                cause = c.source();
            }
            if text.contains("invalid peer certificate") {
                text.push_str(
                    " (the server's certificate is not one corpvet can trust: if your team \
                     has its own certificate authority, add sslrootcert=/path/to/ca.pem to \
                     the URL)",
                );
            }
            text
        }
    }
}

/// `url` without its password (and without a query string, which may hold one).
pub fn redacted(url: &str) -> String {
    match url::Url::parse(url.trim()) {
        Ok(mut u) => {
            let _ = u.set_password(None);
            u.set_query(None);
            u.to_string()
        }
        Err(_) => "a PostgreSQL URL that does not parse".to_string(),
    }
}

#[cfg(test)]
mod tests;
