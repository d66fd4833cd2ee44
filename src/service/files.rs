//! Files written whole or not at all, for every front end (batch output, exports, the
//! explorer's history): a temporary file beside the target, flushed to disk, then renamed
//! over it, so a reader sees the old file or the whole new one, never half of one.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Write `bytes` to `path` atomically, creating its folder when missing. The error names
/// the file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
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
        return Err(format!("cannot write {}: {e}", path.display()));
    }
    Ok(())
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
