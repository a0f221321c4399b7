//! Files the user names with `--out`: written beside their name and renamed onto it once whole,
//! so that a full disk or a kill leaves the file that was there before, never a truncated one.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

/// The temporary name beside `path` a file is written under (hidden, and echoes' own).
fn beside(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    path.with_file_name(format!(".{name}.echoes-{}-{nanos}.tmp", std::process::id()))
}

/// Writes `path` with what `write` writes: beside it first, flushed to the disk, then renamed onto
/// it. A link at `path` is written through (the link stays). Whatever fails, the file under the
/// name is the one there before, and nothing is left beside it.
pub fn write_whole(path: &Path, write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    };
    let tmp = beside(&target);
    let done = (|| -> anyhow::Result<()> {
        let file = fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        if let Ok(m) = fs::metadata(&target) {
            let _ = fs::set_permissions(&tmp, m.permissions());
        }
        let mut w = BufWriter::new(file);
        write(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&tmp, &target)?;
        Ok(())
    })();
    if done.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    done.with_context(|| format!("cannot write {}; it is left as it was", path.display()))
}
