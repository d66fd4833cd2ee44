//! Files written whole or not at all, for every front end (batch output, exports, the
//! explorer's history): a temporary file beside the target, flushed to disk, then renamed
//! over it, so a reader sees the old file or the whole new one, never half of one.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Write `bytes` to `path` atomically, creating its folder when missing. A symlink is
/// written through (its target is replaced, the link kept); a path that is not a regular
/// file (a FIFO, a device such as `/dev/stdout`, a folder) is refused, never replaced. The
/// error names the file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = path;
    let path = &regular_target(path)?;
    let dir = folder_of(path);
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} is not a file name", path.display()))?;
    std::fs::create_dir_all(&dir).map_err(|e| {
        format!(
            "cannot write {}: its folder cannot be made: {e}",
            path.display()
        )
    })?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("cannot write {}: {e}", shown.display()));
    }
    Ok(())
}

/// The file a write to `path` should replace: `path` itself, or the end of its chain of
/// symlinks; refused when that exists and is not a regular file.
fn regular_target(path: &Path) -> Result<PathBuf, String> {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&at)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                at = folder_of(&at).join(to);
            }
            Ok(m) if m.is_file() => return Ok(at),
            Ok(m) => {
                return Err(format!(
                    "cannot write {}: it is {}, not a regular file; give a file path",
                    path.display(),
                    kind_of(&m.file_type())
                ))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(at),
            Err(e) => return Err(format!("cannot write {}: {e}", path.display())),
        }
    }
    Err(format!(
        "cannot write {}: too many symbolic links",
        path.display()
    ))
}

fn kind_of(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

/// Temporary files an earlier, killed writer may have left beside `path`.
pub fn remove_stray_temps(path: &Path) {
    let Some(name) = path.file_name() else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(&prefix) && n.ends_with(".tmp") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests;
