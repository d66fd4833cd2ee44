//! Opening a connection. `sslmode=prefer` (the default) means TLS or no connection for a
//! server on another machine, so a password never crosses a network in clear, and plain
//! text on loopback, where nothing crosses a network: a local server's certificate is
//! often one nobody can verify (Debian's is a snakeoil one), and libpq's `prefer` would
//! not check it either. `sslmode=require` means TLS everywhere; `disable`, never.
//!
//! The server's certificate is always verified, name included: against the web's root
//! certificates, or against `sslrootcert=PATH` (a team's own authority, PEM) as libpq does.
//! libpq's `verify-ca` and `verify-full` are accepted and mean `require` here.

use std::sync::Arc;

use postgres::config::{Host, SslMode};
use postgres::{Client, Config, NoTls};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use tokio_postgres_rustls::MakeRustlsConnect;

/// The driver's configuration and the TLS set-up a URL asks for.
pub struct Target {
    pub config: Config,
    tls: Arc<rustls::ClientConfig>,
}

impl Target {
    /// Read `url`: the options the driver does not know (`sslrootcert`, the `verify-*`
    /// modes) are taken out and applied here. The error is fit to show: no password in it.
    pub fn parse(url: &str) -> Result<Target, String> {
        let (url, root_cert) = libpq_options(url.trim());
        let config: Config = url
            .parse()
            .map_err(|e: postgres::Error| format!("not a PostgreSQL URL: {e}"))?;
        let roots = match root_cert.as_deref() {
            None | Some("system") => {
                rustls::RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned())
            }
            Some(path) => own_roots(path)?,
        };
        Ok(Target {
            config,
            tls: Arc::new(client_config(roots)),
        })
    }

    /// Connect, with TLS as the URL and the host's place ask.
    pub fn connect(&self) -> Result<Client, postgres::Error> {
        let mut config = self.config.clone();
        if config.get_ssl_mode() == SslMode::Prefer {
            config.ssl_mode(if on_this_machine(&config) {
                SslMode::Disable
            } else {
                SslMode::Require
            });
        }
        if config.get_ssl_mode() == SslMode::Disable {
            return config.connect(NoTls);
        }
        config.connect(MakeRustlsConnect::new((*self.tls).clone()))
    }
}

/// `url` with `sslrootcert` taken out (returned) and `sslmode=verify-ca|verify-full` made
/// `require`; a text that is not a URL (`host=… user=…`) is left to the driver.
fn libpq_options(url: &str) -> (String, Option<String>) {
    let Ok(mut parsed) = url::Url::parse(url) else {
        return (url.to_string(), None);
    };
    let mut root_cert = None;
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .filter_map(|(k, v)| match (k.as_ref(), v.as_ref()) {
            ("sslrootcert", path) => {
                root_cert = Some(path.to_string());
                None
            }
            ("sslmode", "verify-ca" | "verify-full") => Some((k.into(), "require".into())),
            _ => Some((k.into(), v.into())),
        })
        .collect();
    if parsed.query().is_some() {
        if pairs.is_empty() {
            parsed.set_query(None);
        } else {
            parsed.query_pairs_mut().clear().extend_pairs(pairs);
        }
    }
    (parsed.to_string(), root_cert)
}

/// The certificates in the PEM file at `path`, as the only roots trusted.
fn own_roots(path: &str) -> Result<rustls::RootCertStore, String> {
    let unreadable = |e: &dyn std::fmt::Display| format!("sslrootcert {path}: {e}");
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(path).map_err(|e| unreadable(&e))? {
        roots
            .add(cert.map_err(|e| unreadable(&e))?)
            .map_err(|e| unreadable(&e))?;
    }
    if roots.is_empty() {
        return Err(unreadable(&"no certificate in it"));
    }
    Ok(roots)
}

/// Every host is a Unix socket or a loopback address.
fn on_this_machine(config: &Config) -> bool {
    config.get_hosts().iter().all(|host| match host {
        Host::Unix(_) => true,
        Host::Tcp(name) => {
            name == "localhost"
                || name
                    .trim_matches(['[', ']'])
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
    })
}

fn client_config(roots: rustls::RootCertStore) -> rustls::ClientConfig {
    rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions")
        .with_root_certificates(roots)
        .with_no_client_auth()
}

#[cfg(test)]
mod tests {
    use super::libpq_options;

    #[test]
    fn libpq_s_own_options_are_taken_out_of_the_url() {
        let (url, root) = libpq_options(
            "postgres://u:p@db.example:5432/team?sslmode=verify-full&sslrootcert=/etc/ca.pem",
        );
        assert_eq!(url, "postgres://u:p@db.example:5432/team?sslmode=require");
        assert_eq!(root.as_deref(), Some("/etc/ca.pem"));
        let (url, root) = libpq_options("postgres://u@h/db?sslrootcert=ca.pem");
        assert_eq!(
            (url.as_str(), root.as_deref()),
            ("postgres://u@h/db", Some("ca.pem"))
        );
        let (url, root) = libpq_options("host=h user=u sslmode=disable");
        assert_eq!(
            (url.as_str(), root),
            ("host=h user=u sslmode=disable", None)
        );
    }
}
