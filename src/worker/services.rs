//! One async call per lookup, answering in domain types. The CLI awaits these directly;
//! the explorer runs them as background jobs.

use std::path::Path;

use chrono::NaiveDate;

use crate::api::download::{download, report_file_name, Downloaded, Progress};
use crate::api::qcc::{CertQuery, DataType, MAX_PAGE_SIZE};
use crate::api::ApiError;
use crate::domain::certificate::{Certificate, CertificateDetail};
use crate::domain::customs::CustomsRecord;
use crate::domain::page::Page;
use crate::domain::qualification::{Provider, Qualification};
use crate::domain::report::{ReportFormat, ReportState};

use super::backend::{Backend, Mode};
use super::request::{Request, Response};

pub struct Services {
    backend: Backend,
}

impl Services {
    pub fn new(backend: Backend) -> Self {
        Services { backend }
    }

    pub fn mode(&self) -> Mode {
        self.backend.mode
    }

    /// Run any [`Request`].
    pub async fn run(&self, request: &Request, today: NaiveDate) -> Result<Response, ApiError> {
        Ok(match request {
            Request::Qualifications {
                keyword,
                provider,
                page,
            } => Response::Qualifications(
                self.qualifications(keyword, *provider, *page, today)
                    .await?,
            ),
            Request::Certificates {
                keyword,
                category,
                page,
                page_size,
                exact,
            } => {
                let query = CertQuery {
                    search_key: keyword.clone(),
                    category: category.clone(),
                    page_size: *page_size,
                    page_index: *page,
                    exact: *exact,
                };
                Response::Certificates(self.certificates(&query, today).await?)
            }
            Request::CertificateDetail { id } => {
                Response::CertificateDetail(self.certificate_detail(id, today).await?)
            }
            Request::Customs { keyword, page } => {
                Response::Customs(self.customs(keyword, *page).await?)
            }
        })
    }

    /// Building qualifications from QCC (one unpaged answer) or Juhe (paged by 20).
    pub async fn qualifications(
        &self,
        keyword: &str,
        provider: Provider,
        page: u32,
        today: NaiveDate,
    ) -> Result<Page<Qualification>, ApiError> {
        match provider {
            Provider::Qcc => {
                let reply = self.backend.qcc()?.building_qualifications(keyword).await?;
                let items: Vec<Qualification> = reply
                    .data
                    .map(|r| {
                        r.data
                            .iter()
                            .map(|q| Qualification::from_qcc(q, today))
                            .collect()
                    })
                    .unwrap_or_default();
                let size = items.len() as u64;
                Ok(Page::from_paging(items, None, 1, size.max(1)))
            }
            Provider::Juhe => {
                let reply = self
                    .backend
                    .juhe()?
                    .building_qualifications(keyword, page, MAX_PAGE_SIZE)
                    .await?;
                let paging = reply.paging;
                let items = reply
                    .data
                    .map(|r| {
                        r.items
                            .iter()
                            .map(|q| Qualification::from_juhe(q, today))
                            .collect()
                    })
                    .unwrap_or_default();
                Ok(Page::from_paging(
                    items,
                    paging,
                    u64::from(page),
                    u64::from(MAX_PAGE_SIZE),
                ))
            }
        }
    }

    pub async fn certificates(
        &self,
        query: &CertQuery,
        today: NaiveDate,
    ) -> Result<Page<Certificate>, ApiError> {
        let reply = self.backend.qcc()?.search_certifications(query).await?;
        let paging = reply.paging;
        let items = reply
            .data
            .map(|list| {
                list.iter()
                    .map(|c| Certificate::from_wire(c, today))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Page::from_paging(
            items,
            paging,
            u64::from(query.page_index),
            u64::from(query.page_size),
        ))
    }

    pub async fn certificate_detail(
        &self,
        id: &str,
        today: NaiveDate,
    ) -> Result<CertificateDetail, ApiError> {
        let reply = self.backend.qcc()?.certification_detail(id).await?;
        match reply.data {
            Some(detail) => Ok(CertificateDetail::from_wire(&detail, today)),
            None => Err(ApiError::Status {
                info: reply.status,
                message: reply.message,
            }),
        }
    }

    pub async fn customs(&self, keyword: &str, page: u32) -> Result<Page<CustomsRecord>, ApiError> {
        let reply = self
            .backend
            .qcc()?
            .customs_credit(keyword, page, MAX_PAGE_SIZE)
            .await?;
        let paging = reply.paging;
        let items = reply
            .data
            .map(|r| r.data.iter().map(CustomsRecord::from_wire).collect())
            .unwrap_or_default();
        Ok(Page::from_paging(
            items,
            paging,
            u64::from(page),
            u64::from(MAX_PAGE_SIZE),
        ))
    }

    /// ORDERS A PAID REPORT, once. Returns the order number. No retry here or anywhere.
    pub async fn create_report(
        &self,
        keyword: &str,
        format: ReportFormat,
    ) -> Result<String, ApiError> {
        let reply = self.backend.qcc()?.create_report(keyword, format).await?;
        match reply
            .data
            .map(|o| o.order_no)
            .filter(|o| !o.trim().is_empty())
        {
            Some(order) => Ok(order),
            None => Err(ApiError::Status {
                info: reply.status,
                message: reply.message,
            }),
        }
    }

    /// One poll of an order's state. A ready report's address is made absolute (the QCC
    /// host + `ReportUrl`), so what the user sees and copies is a working URL.
    pub async fn report_status(&self, order_no: &str, xml: bool) -> Result<ReportState, ApiError> {
        let dtype = if xml { DataType::Xml } else { DataType::Json };
        let qcc = self.backend.qcc()?;
        let reply = qcc.report_info(order_no, dtype).await?;
        Ok(match ReportState::from_reply(&reply) {
            ReportState::Ready { report_url } => ReportState::Ready {
                report_url: qcc.report_download_url(&report_url)?.to_string(),
            },
            other => other,
        })
    }

    /// Stream a ready report into `dir`, named after the company and the order.
    pub async fn download_report(
        &self,
        report_url: &str,
        dir: &Path,
        file_name: &str,
        on_progress: impl FnMut(Progress),
    ) -> Result<Downloaded, ApiError> {
        let qcc = self.backend.qcc()?;
        let url = qcc.report_download_url(report_url)?;
        download(qcc.http(), url, dir, file_name, on_progress).await
    }

    /// The file name a report for `company` gets.
    pub fn report_file_name(company: &str, order_no: &str, format: ReportFormat) -> String {
        report_file_name(company, order_no, format.extension())
    }
}
