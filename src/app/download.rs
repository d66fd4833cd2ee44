//! Downloading a ready report into the configured folder, with byte progress. The download
//! is a plain file transfer (not billed), cancellable from the Report tab.

use std::path::PathBuf;

use crate::api::error::ErrorReport;
use crate::app::job::{Job, JobId};
use crate::service::Services;

use super::effect::Effect;
use super::registry::Purpose;
use super::report::Stage;
use super::state::{ErrorBox, Level, State};

#[derive(Debug, Clone, PartialEq)]
pub enum Download {
    Running {
        id: JobId,
        received: u64,
        total: Option<u64>,
    },
    Done(PathBuf),
    Failed(ErrorReport),
}

/// d: download a ready report into the configured folder.
pub fn start(state: &mut State) -> Vec<Effect> {
    let id = state.next_job_id();
    let dir = state.download_dir.display().to_string();
    let Some(company) = state.company.clone() else {
        return Vec::new();
    };
    let Some(order) = state.reports.iter_mut().find(|r| r.company == company) else {
        state.say(Level::Info, "no report yet: o orders one");
        return Vec::new();
    };
    let Stage::Ready { order_no, url, .. } = order.stage.clone() else {
        state.say(Level::Info, "the report is not ready yet");
        return Vec::new();
    };
    if matches!(order.download, Some(Download::Running { .. })) {
        return Vec::new();
    }
    let file_name = Services::report_file_name(&company, &order_no, order.format);
    order.download = Some(Download::Running {
        id,
        received: 0,
        total: None,
    });
    state.registry.start(id, Purpose::Report(company.clone()));
    state.say(Level::Info, format!("downloading into {dir}"));
    vec![Effect::Worker(Job::Download {
        id,
        order_no,
        report_url: url,
        file_name,
    })]
}

pub fn progress(state: &mut State, id: JobId, got: u64, of: Option<u64>) {
    for r in &mut state.reports {
        if let Some(Download::Running {
            id: d,
            received,
            total,
        }) = &mut r.download
        {
            if *d == id {
                *received = got;
                *total = of;
            }
        }
    }
}

pub fn finished(state: &mut State, id: JobId, result: Result<PathBuf, ErrorReport>) {
    state.registry.finish(id);
    let Some(order) = state
        .reports
        .iter_mut()
        .find(|r| matches!(r.download, Some(Download::Running { id: d, .. }) if d == id))
    else {
        return;
    };
    match result {
        Ok(path) => {
            let text = format!("saved {}", path.display());
            order.download = Some(Download::Done(path));
            state.say(Level::Info, text);
        }
        Err(error) => {
            order.download = Some(Download::Failed(error.clone()));
            state.say(Level::Error, format!("download failed: {}", error.message));
            state.error = Some(ErrorBox {
                title: "report download failed".into(),
                report: error,
            });
        }
    }
}
