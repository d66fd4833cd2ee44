//! `corpvet building | certs | cert | customs`: one lookup, printed.

use chrono::NaiveDate;

use crate::api::qcc::CertQuery;
use crate::domain::dates::Judged;
use crate::domain::provider::ProviderChoice;
use crate::service::details::certificate_rows;
use crate::service::Services;

use super::args::Command;
use super::human;
use super::output::{checked, finish, no_result_as_empty, page_done, Ctx, Done};
use crate::service::envelope::Source;

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
                Ok(page_done(page.judged_on(today), human::qualifications))
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
                let rows = certificate_rows(services, page, today).await;
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
