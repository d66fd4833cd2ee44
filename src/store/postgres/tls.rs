//! Opening a connection: TLS (rustls, the web's root certificates) unless the URL says
//! `sslmode=disable`. A server on another machine gets TLS or no connection: `sslmode=prefer`
//! (the default) becomes `require` there, so a password never crosses a network in clear.
//! On loopback, `prefer` falls back to plain text when the server has no TLS.

use std::sync::Arc;

use postgres::config::{Host, SslMode};
use postgres::{Client, Config, NoTls};
use tokio_postgres_rustls::MakeRustlsConnect;

pub fn connect(config: &Config) -> Result<Client, postgres::Error> {
    let mut config = config.clone();
    if !on_this_machine(&config) && config.get_ssl_mode() == SslMode::Prefer {
        config.ssl_mode(SslMode::Require);
    }
    if config.get_ssl_mode() == SslMode::Disable {
        return config.connect(NoTls);
    }
    config.connect(MakeRustlsConnect::new(client_config()))
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

fn client_config() -> rustls::ClientConfig {
    let roots = rustls::RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions")
        .with_root_certificates(roots)
        .with_no_client_auth()
}
