//! Streaming a report file to disk with byte-progress events. The file appears under its
//! final name only when complete (written to `.part`, then renamed).

use std::path::{Path, PathBuf};

use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;
use url::Url;

use super::error::{ApiError, TransportKind};
use super::transport::from_reqwest;

/// Bytes received so far and the total when the server announced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub received: u64,
    pub total: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Downloaded {
    pub path: PathBuf,
    pub bytes: u64,
}

/// Download `url` into `dir/file_name`, calling `on_progress` after every chunk. An existing
/// file of that name is not overwritten: ` (1)`, ` (2)` … are appended.
pub async fn download(
    http: &reqwest::Client,
    url: Url,
    dir: &Path,
    file_name: &str,
    mut on_progress: impl FnMut(Progress),
) -> Result<Downloaded, ApiError> {
    let response = http.get(url).send().await.map_err(from_reqwest)?;
    let status = response.status();
    if !status.is_success() {
        return Err(ApiError::transport(
            TransportKind::Http,
            format!("HTTP {} for the report file", status.as_u16()),
        ));
    }
    let total = response.content_length();
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|e| ApiError::Io(format!("cannot create {}: {e}", dir.display())))?;
    let target = free_name(dir, file_name);
    let part = target.with_extension(format!(
        "{}.part",
        target.extension().and_then(|e| e.to_str()).unwrap_or("bin")
    ));
    // Removes the partial file on every early exit, including the caller dropping this
    // future (a cancelled download).
    let guard = PartFile(Some(part.clone()));
    let bytes = write_stream(response, &part, total, &mut on_progress).await?;
    if let Some(expected) = total {
        if bytes != expected {
            return Err(ApiError::transport(
                TransportKind::Body,
                format!("the report file stopped at {bytes} of {expected} bytes"),
            ));
        }
    }
    tokio::fs::rename(&part, &target).await.map_err(|e| {
        ApiError::Io(format!(
            "cannot move the file into place at {}: {e}",
            target.display()
        ))
    })?;
    guard.disarm();
    Ok(Downloaded {
        path: target,
        bytes,
    })
}

/// A `.part` file deleted when dropped, unless the download completed.
struct PartFile(Option<PathBuf>);

impl PartFile {
    fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for PartFile {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

async fn write_stream(
    response: reqwest::Response,
    part: &Path,
    total: Option<u64>,
    on_progress: &mut impl FnMut(Progress),
) -> Result<u64, ApiError> {
    let mut file = tokio::fs::File::create(part)
        .await
        .map_err(|e| ApiError::Io(format!("cannot write {}: {e}", part.display())))?;
    let mut received = 0u64;
    on_progress(Progress { received, total });
    let mut stream = response.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(from_reqwest)?;
        file.write_all(&chunk)
            .await
            .map_err(|e| ApiError::Io(format!("cannot write {}: {e}", part.display())))?;
        received += chunk.len() as u64;
        on_progress(Progress { received, total });
    }
    file.flush()
        .await
        .map_err(|e| ApiError::Io(format!("cannot write {}: {e}", part.display())))?;
    Ok(received)
}

/// `name`, or `stem (n).ext` for the first n that is free.
fn free_name(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !first.exists() {
        return first;
    }
    let path = Path::new(name);
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("report");
    let ext = path.extension().and_then(|s| s.to_str());
    (1..)
        .map(|n| match ext {
            Some(ext) => dir.join(format!("{stem} ({n}).{ext}")),
            None => dir.join(format!("{stem} ({n})")),
        })
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// A file name safe on every OS from a company name and an order number.
pub fn report_file_name(company: &str, order_no: &str, extension: &str) -> String {
    let clean: String = company
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(60)
        .collect();
    let order: String = order_no
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(12)
        .collect();
    format!("{}-{order}.{extension}", clean.trim())
}

#[cfg(test)]
mod tests;
