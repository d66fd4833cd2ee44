//! `corpvet building | certs | cert | customs`: one lookup, printed.

use chrono::NaiveDate;

use crate::api::qcc::CertQuery;
use std::collections::BTreeMap;

use crate::domain::certificate::{CertStatus, Certificate, CertificateDetail};
use crate::domain::dates::{Expires, Judged};
use crate::domain::page::Page;
use crate::domain::provider::ProviderChoice;
use crate::service::cache::Freshness;
use crate::service::details::stored_details;
use crate::service::Services;

use super::args::Command;
use super::human;
use super::json::Source;
use super::output::{checked, finish, no_result_as_empty, page_done, Ctx, Done};

/// Run one of the lookup commands (any other command is not this file's: exit 0, nothing
/// printed, which the dispatcher never asks for).
pub async fn run(
    ctx: &mut Ctx,
    services: &Services,
    command: Command,
    (name, src): (&'static str, Source),
    default_provider: ProviderChoice,
    today: NaiveDate,
) -> u8 {
    let endpoint = src.endpoint;
    match command {
        Command::Building {
            keyword,
            provider,
            page,
        } => {
            let choice = provider.unwrap_or(default_provider);
            let result = async {
                let kw = checked(ctx, services, endpoint, &keyword).await?;
                let (page, fresh) = services
                    .qualifications_from(&kw, choice, page, ctx.fetch)
                    .await?;
                ctx.fresh = Some(fresh);
                Ok(page_done(judged(page, today), human::qualifications))
            }
            .await;
            finish(ctx, name, src, result)
        }
        Command::Certs {
            name: company,
            category,
            page,
            page_size,
            fuzzy,
        } => {
            let result = async {
                let kw = checked(ctx, services, endpoint, &company).await?;
                let query = CertQuery {
                    search_key: kw,
                    category,
                    page_size,
                    page_index: page,
                    exact: !fuzzy,
                };
                let (page, fresh) = services.certificates_with(&query, ctx.fetch).await?;
                ctx.fresh = Some(fresh);
                // A status fetched before (`corpvet cert`, a vet, the explorer) is shown.
                let mut stored = stored_details(services, &page.items).await;
                let rows = page.map(|c| CertRow::new(c, today, &mut stored));
                Ok(page_done(rows, human::certificates))
            }
            .await;
            finish(ctx, name, src, result)
        }
        Command::Cert { id } => {
            let result =
                services
                    .certificate_detail_with(&id, ctx.fetch)
                    .await
                    .map(|(d, fresh)| {
                        ctx.fresh = Some(fresh);
                        Done {
                            empty: false,
                            paging: None,
                            human: human::certificate_detail(&d, today),
                            data: Some(Judged::on(d, today)),
                        }
                    });
            finish(ctx, name, src, no_result_as_empty(result))
        }
        Command::Customs { keyword, page } => {
            let result = async {
                let kw = checked(ctx, services, endpoint, &keyword).await?;
                let (page, fresh) = services.customs_with(&kw, page, ctx.fetch).await?;
                ctx.fresh = Some(fresh);
                Ok(page_done(page, human::customs))
            }
            .await;
            finish(ctx, name, src, result)
        }
        _ => super::exit::RESULTS,
    }
}

/// A certificate row as `certs` prints it: the row, its expiry on `today`, and its status
/// with where it comes from (the stored detail's, else the row's own; none: unchecked).
#[derive(Debug, serde::Serialize)]
pub struct CertRow {
    #[serde(flatten)]
    pub cert: Judged<Certificate>,
    /// 有效, 撤销 … or null when nothing says.
    pub checked_status: Option<String>,
    /// `detail` (a stored detail, no call made), `row` (the search row's own) or null.
    pub status_from: Option<&'static str>,
    #[serde(skip)]
    pub status: Option<CertStatus>,
}

impl CertRow {
    fn new(
        c: Certificate,
        today: NaiveDate,
        stored: &mut BTreeMap<String, (CertificateDetail, Freshness)>,
    ) -> CertRow {
        let detail = stored.remove(&c.id).map(|(d, _)| d);
        let status = c.known_status(detail.as_ref()).cloned();
        let from = match &detail {
            Some(d) if d.status != CertStatus::Unknown => "detail",
            _ => "row",
        };
        CertRow {
            cert: Judged::on(c, today),
            checked_status: status.as_ref().map(|s| s.label_zh().to_string()),
            status_from: status.is_some().then_some(from),
            status,
        }
    }
}

/// A page of records as they stand on `today` (the China date, or `--today`).
fn judged<T: Expires>(page: Page<T>, today: NaiveDate) -> Page<Judged<T>> {
    page.map(|r| Judged::on(r, today))
}
