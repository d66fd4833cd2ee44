//! Streaming a report file to disk with byte-progress events. The file appears under its
//! final name only when complete (written to `.part`, then renamed).

use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;
use url::Url;

use super::error::{ApiError, TransportKind};
use super::transport::from_reqwest;

/// How long a download may go without a byte before it is given up. A download has no
/// overall limit of the call timeout's size (a large report over a slow link is fine), only
/// this one and [`WHOLE`].
pub const IDLE: Duration = Duration::from_secs(30);

/// The longest a download may take as a whole while bytes keep coming.
const WHOLE: Duration = Duration::from_secs(3600);

/// How much of the body is read before it is judged (a format's signature, or an HTML page
/// in its place).
const HEAD: usize = 512;

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
    /// The file was already there from an earlier download (same size or same bytes).
    pub reused: bool,
}

/// Download `url` into `dir/file_name`, calling `on_progress` after every chunk, giving up
/// after `idle` without a byte. The body must be what the name's extension says (`%PDF`
/// for `.pdf`, a zip for `.docx`), or nothing is saved. The same report downloaded before
/// is reused, not saved twice; another file of that name is not overwritten (` (1)` …).
pub async fn download(
    http: &reqwest::Client,
    url: Url,
    dir: &Path,
    file_name: &str,
    idle: Duration,
    mut on_progress: impl FnMut(Progress),
) -> Result<Downloaded, ApiError> {
    let response = tokio::time::timeout(idle, http.get(url).timeout(WHOLE).send())
        .await
        .map_err(|_| silent(idle))?
        .map_err(from_reqwest)?;
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
    remove_stale_parts(dir, file_name);
    let earlier = dir.join(file_name);
    if let (Ok(m), Some(len)) = (std::fs::metadata(&earlier), total) {
        if m.is_file() && m.len() == len {
            return Ok(Downloaded {
                path: earlier,
                bytes: len,
                reused: true,
            });
        }
    }
    let part = dir.join(format!(".{file_name}.{}.part", std::process::id()));
    // Removes the partial file on every early exit, including the caller dropping this
    // future (a cancelled download).
    let guard = PartFile(Some(part.clone()));
    let sink = Sink {
        part: &part,
        total,
        idle,
        signature: signature(file_name),
    };
    let bytes = sink.write(response, &mut on_progress).await?;
    if let Some(expected) = total {
        if bytes != expected {
            return Err(ApiError::transport(
                TransportKind::Body,
                format!("the report file stopped at {bytes} of {expected} bytes"),
            ));
        }
    }
    if same_bytes(&earlier, &part) {
        return Ok(Downloaded {
            path: earlier,
            bytes,
            reused: true,
        });
    }
    let target = free_name(dir, file_name);
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
        reused: false,
    })
}

fn silent(idle: Duration) -> ApiError {
    ApiError::transport(
        TransportKind::Timeout,
        format!(
            "the report download sent nothing for {} s",
            idle.as_secs_f64()
        ),
    )
}

/// The file format a name's extension promises: its first bytes and its name.
fn signature(file_name: &str) -> Option<(&'static [u8], &'static str)> {
    let ext = Path::new(file_name)
        .extension()?
        .to_str()?
        .to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => Some((b"%PDF-", "PDF")),
        "docx" => Some((b"PK\x03\x04", "Word (.docx) document")),
        "doc" => Some((b"\xD0\xCF\x11\xE0", "Word (.doc) document")),
        _ => None,
    }
}

/// What a body that is not the promised format looks like, in a few words.
fn looks_like(head: &[u8]) -> String {
    let page = super::wire::envelope::describe_page(head);
    let text = String::from_utf8_lossy(head);
    let trimmed = text.trim_start();
    if let Some(page) = page.strip_prefix(": ") {
        format!("{page} (a login or error page?)")
    } else if trimmed.starts_with('{') || trimmed.starts_with('<') {
        let shown: String = crate::domain::text::one_line(trimmed)
            .chars()
            .take(120)
            .collect();
        format!(
            "a {} answer: {shown}",
            if trimmed.starts_with('{') {
                "JSON"
            } else {
                "XML"
            }
        )
    } else if head.is_empty() {
        "an empty body".into()
    } else {
        let hex: Vec<String> = head.iter().take(8).map(|b| format!("{b:02x}")).collect();
        format!("{} bytes beginning {}", head.len(), hex.join(" "))
    }
}

/// Partial files of `file_name` that a killed download left (their process is gone), and
/// the `.part` name older versions used.
fn remove_stale_parts(dir: &Path, file_name: &str) {
    let _ = std::fs::remove_file(dir.join(format!("{file_name}.part")));
    let prefix = format!(".{file_name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".part"))
            .and_then(|pid| pid.parse::<i32>().ok())
        else {
            continue;
        };
        if !alive(pid) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn alive(pid: i32) -> bool {
    // SAFETY: signal 0 only asks whether the process exists.
    let answered = unsafe { libc::kill(pid, 0) };
    answered == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Whether `a` exists and holds exactly the bytes of `b`.
fn same_bytes(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(ma), Ok(mb)) if ma.is_file() && ma.len() == mb.len() => {
            std::fs::read(a).ok() == std::fs::read(b).ok()
        }
        _ => false,
    }
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

/// Where a body goes, and what it must be.
struct Sink<'a> {
    part: &'a Path,
    total: Option<u64>,
    idle: Duration,
    signature: Option<(&'static [u8], &'static str)>,
}

impl Sink<'_> {
    async fn write(
        &self,
        response: reqwest::Response,
        on_progress: &mut impl FnMut(Progress),
    ) -> Result<u64, ApiError> {
        let io =
            |e: std::io::Error| ApiError::Io(format!("cannot write {}: {e}", self.part.display()));
        let mut file = tokio::fs::File::create(self.part).await.map_err(io)?;
        let mut received = 0u64;
        let total = self.total;
        on_progress(Progress { received, total });
        let mut head: Option<Vec<u8>> = Some(Vec::new());
        let mut stream = response.bytes_stream();
        loop {
            let next = tokio::time::timeout(self.idle, stream.next())
                .await
                .map_err(|_| silent(self.idle))?;
            let Some(chunk) = next else { break };
            let chunk = chunk.map_err(from_reqwest)?;
            received += chunk.len() as u64;
            match head.as_mut() {
                Some(h) => {
                    h.extend_from_slice(&chunk);
                    if h.len() >= HEAD {
                        self.judge(h)?;
                        file.write_all(h).await.map_err(io)?;
                        head = None;
                    }
                }
                None => file.write_all(&chunk).await.map_err(io)?,
            }
            on_progress(Progress { received, total });
        }
        if let Some(h) = head {
            self.judge(&h)?;
            file.write_all(&h).await.map_err(io)?;
        }
        file.flush().await.map_err(io)?;
        Ok(received)
    }

    /// The body's first bytes against the promised format.
    fn judge(&self, head: &[u8]) -> Result<(), ApiError> {
        match self.signature {
            Some((magic, kind)) if !head.starts_with(magic) => Err(ApiError::transport(
                TransportKind::Decode,
                format!(
                    "the report file is not a {kind}: it is {}; nothing was saved",
                    looks_like(&head[..head.len().min(HEAD)])
                ),
            )),
            _ => Ok(()),
        }
    }
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
