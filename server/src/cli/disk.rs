//! The only place `agentls` writes to the disk: `check --fix` writing the files it fixes
//! (and deleting those a fix renames away) and `convert` writing the file it converted.
//! Everything else reaches files only through a `WorkspaceEdit` the editor applies.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `text` to `path` atomically: a temporary file beside the real one (a symbolic link is
/// followed), with the original's permissions, renamed over it.
pub(super) fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
    let path: PathBuf = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !dir.is_dir() {
        std::fs::create_dir_all(dir)?;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.agentls-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(&path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, &path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Deletes the file at `path` (a fix that renamed it).
pub(super) fn remove(path: &Path) -> io::Result<()> {
    std::fs::remove_file(path)
}
