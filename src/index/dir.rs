//! The index directory: proof that echoes made it and what it made there, the build lock, the
//! live build (`current`) and its atomic replacement, and clean-up of what interrupted builds left.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The live index, inside the index directory: a symbolic link to the finished build in use, so
/// that a new build replaces it in one atomic rename.
pub const CURRENT: &str = "current";
/// Held (as an advisory file lock) by the process building the index.
pub const LOCK: &str = ".lock";
/// Prefixes of what a build leaves in the index directory: a build in progress, a finished build
/// (what `current` points at), a link about to replace `current`, an old index being removed.
pub const STAGING: &str = ".build-";
pub const GENERATION: &str = "gen-";
pub const NEW_LINK: &str = ".current-";
pub const OLD: &str = ".old-";
/// What echoes knows of the live index, beside the tantivy files.
pub const META: &str = "echoes.json";
/// The index directory's record of what echoes made in it: proof that the directory is an echoes
/// index, and the only entries clean-up may ever remove.
pub const MARKER: &str = crate::listing::INDEX_MARKER;
/// The text OCR read from scanned PDFs, a file per PDF named by the hash of its bytes: kept
/// across builds (never a leftover), so that a scanned file is read by OCR once.
pub const OCR: &str = "ocr";

pub fn ocr_cache(dir: &Path) -> PathBuf {
    dir.join(OCR)
}

/// Whether `path` is an OCR cache echoes made: a folder of `<hash>.json` files (and files being
/// written, `.tmp-*`).
fn is_ocr_cache(path: &Path) -> bool {
    let Ok(entries) = fs::read_dir(path) else { return false };
    entries.flatten().all(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        let hashed =
            name.strip_suffix(".json").is_some_and(|h| h.len() == 32 && h.chars().all(|c| c.is_ascii_hexdigit()));
        hashed || name.starts_with(".tmp-")
    })
}

pub fn live(dir: &Path) -> PathBuf {
    dir.join(CURRENT)
}

/// A name no other build of this or another process will use.
pub fn unique_suffix() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    format!("{}-{nanos}", std::process::id())
}

/// Writes a file by rename, so that a reader finds the old one or the new one, and a process
/// killed while writing leaves the old one whole (and a `.NAME.SUFFIX` file beside it).
pub fn replace(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}", unique_suffix()));
    let written = fs::write(&tmp, bytes)
        .with_context(|| format!("cannot write {}", tmp.display()))
        .and_then(|()| fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display())));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Whether `name` is what [`replace`] writes on the way to the marker: `.echoes-index.json.PID-NANOS`.
fn is_marker_draft(name: &str) -> bool {
    name.strip_prefix(&format!(".{MARKER}."))
        .and_then(|suffix| suffix.split_once('-'))
        .is_some_and(|(pid, nanos)| [pid, nanos].iter().all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
}

/// Takes the index directory's build lock, or says who has it (`wait`: waits for it instead).
/// Released when the file is closed, including when the process is killed.
pub fn lock(dir: &Path, wait: bool) -> anyhow::Result<fs::File> {
    let path = dir.join(LOCK);
    let file = match fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path) {
        Ok(file) => file,
        Err(e)
            if e.kind() == std::io::ErrorKind::ReadOnlyFilesystem
                || e.kind() == std::io::ErrorKind::PermissionDenied =>
        {
            return Err(Error::ReadOnlyIndex { path: dir.to_path_buf(), reason: e.to_string() }.into());
        }
        Err(e) => return Err(e).with_context(|| format!("cannot create the lock file {}", path.display())),
    };
    if wait {
        file.lock().with_context(|| format!("cannot lock {}", path.display()))?;
        return Ok(file);
    }
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(Error::IndexBusy(dir.to_path_buf()).into()),
        Err(fs::TryLockError::Error(e)) => Err(e).with_context(|| format!("cannot lock {}", path.display())),
    }
}

/// How long a command waits for another process's build before it gives up, unless
/// `ECHOES_WAIT` (seconds) says otherwise.
pub const DEFAULT_WAIT: std::time::Duration = std::time::Duration::from_secs(120);

/// How long to wait for another process's build: `ECHOES_WAIT` seconds, else [`DEFAULT_WAIT`].
pub fn wait_limit() -> std::time::Duration {
    std::env::var("ECHOES_WAIT")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0 && *s <= 86_400.0)
        .map_or(DEFAULT_WAIT, std::time::Duration::from_secs_f64)
}

/// Waits until no process holds the build lock, at most `limit`; true when it was released in
/// time. The lock is taken and let go at once: the caller looks at the index afresh.
pub fn wait_for_build(dir: &Path, limit: std::time::Duration) -> bool {
    let start = std::time::Instant::now();
    loop {
        match lock(dir, false) {
            Ok(_free) => return true,
            Err(e) if matches!(e.downcast_ref::<Error>(), Some(Error::IndexBusy(_))) => {}
            // Not a lock held by another process: whoever asked meets the error again.
            Err(_) => return true,
        }
        if start.elapsed() >= limit {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(50).min(limit.saturating_sub(start.elapsed())));
    }
}

/// The finished build `current` points at, by name.
pub fn current_target(dir: &Path) -> Option<String> {
    fs::read_link(live(dir)).ok().map(|t| t.to_string_lossy().into_owned())
}

/// What [`MARKER`] holds.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Marker {
    /// Always "echoes".
    made_by: String,
    /// Entries of the index directory that echoes made and may remove again.
    entries: Vec<String>,
}

fn read_marker(dir: &Path) -> Option<Marker> {
    let raw = fs::read(dir.join(MARKER)).ok()?;
    // A marker cut short by a killed process still proves the directory is ours; its list is lost.
    Some(serde_json::from_slice(&raw).unwrap_or_else(|_| Marker { made_by: "echoes".into(), entries: Vec::new() }))
}

/// Writes the marker by rename: a process killed while writing it leaves the list whole, so that
/// what it lists is still cleared.
fn write_marker(dir: &Path, marker: &Marker) -> anyhow::Result<()> {
    replace(&dir.join(MARKER), &serde_json::to_vec_pretty(marker)?)
}

/// Records entries of `dir` that echoes is about to make, before it makes them, so that what an
/// interrupted build leaves can be removed later. Only called with the lock held.
pub fn own(dir: &Path, names: &[&str]) -> anyhow::Result<()> {
    let mut marker = read_marker(dir).unwrap_or_default();
    marker.made_by = "echoes".into();
    for name in names {
        if !marker.entries.iter().any(|e| e == name) {
            marker.entries.push((*name).to_string());
        }
    }
    write_marker(dir, &marker)
}

/// Makes sure `dir` is an echoes index directory, or can become one: it does not exist yet, is
/// empty, or holds echoes' marker (or an index of an earlier echoes, which is adopted). Anything
/// else is the user's, and refused: echoes never builds in, or cleans up, a directory it did not make.
pub fn claim(dir: &Path) -> anyhow::Result<()> {
    if read_marker(dir).is_some() {
        return Ok(());
    }
    if dir.join("meta.json").exists() && fs::symlink_metadata(live(dir)).is_err() {
        return Err(Error::ForeignIndex(dir.to_path_buf()).into());
    }
    let earlier_echoes = dir.join(LOCK).is_file()
        && current_target(dir).is_some_and(|t| t.starts_with(GENERATION) && dir.join(&t).join(META).is_file());
    if earlier_echoes {
        let current = current_target(dir).unwrap_or_default();
        return write_marker(dir, &Marker { made_by: "echoes".into(), entries: vec![current] });
    }
    match fs::read_dir(dir) {
        Ok(entries) => {
            // A README saying what the directory is for (the project's own `index/` has one) is
            // not content: it is left where it is, as everything echoes did not make.
            // Nor is the OCR cache, written while the corpus was read, before the first build.
            let foreign = entries
                .flatten()
                .any(|e| e.file_name() != "README.md" && !(e.file_name() == OCR && is_ocr_cache(&e.path())));
            if foreign {
                return Err(Error::NotAnIndex(dir.to_path_buf()).into());
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            fs::create_dir_all(dir).with_context(|| format!("cannot create index directory {}", dir.display()))?;
        }
        Err(e) => return Err(e).with_context(|| format!("cannot read the index directory {}", dir.display())),
    }
    match write_marker(dir, &Marker { made_by: "echoes".into(), entries: Vec::new() }) {
        // Another process made the directory an index at the same moment: as good.
        Err(_) if read_marker(dir).is_some() => Ok(()),
        Err(e) if e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(read_only)) => {
            Err(Error::ReadOnlyIndex { path: dir.to_path_buf(), reason: format!("{:#}", e.root_cause()) }.into())
        }
        other => other,
    }
}

pub fn read_only(e: &std::io::Error) -> bool {
    matches!(e.kind(), std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied)
}

/// Whether an interrupted build left something to clear: an entry the marker records that is not
/// the live build, or a draft of the marker. Reads the marker and the directory, writes nothing.
fn leftovers_recorded(dir: &Path) -> bool {
    let Some(marker) = read_marker(dir) else { return false };
    let current = current_target(dir);
    let removable = |e: &str| current.as_deref() != Some(e) && !e.contains('/') && !e.contains("..");
    marker.entries.iter().any(|e| removable(e) && fs::symlink_metadata(dir.join(e)).is_ok())
        || fs::read_dir(dir)
            .is_ok_and(|entries| entries.flatten().any(|e| is_marker_draft(&e.file_name().to_string_lossy())))
}

/// Clears what an interrupted build left, when it left something and no process is building:
/// what a command that finds the index fresh does, since a build killed after it swapped its
/// index in (while removing the old one) leaves an index that is fresh, and leftovers beside it.
/// A build in progress holds the lock, so nothing of it is touched. Best effort: a read-only
/// index, or one being built, is left as it is.
pub fn tidy(dir: &Path) {
    if !leftovers_recorded(dir) {
        return;
    }
    let Ok(_lock) = lock(dir, false) else { return };
    let _ = clear_leftovers(dir);
}

/// Removes what interrupted builds left behind: only entries the marker records (and drafts of the
/// marker), never the live build. Only called with the lock held.
pub fn clear_leftovers(dir: &Path) -> anyhow::Result<()> {
    let Some(mut marker) = read_marker(dir) else { return Ok(()) };
    let current = current_target(dir);
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten().filter(|e| is_marker_draft(&e.file_name().to_string_lossy())) {
            let _ = fs::remove_file(entry.path());
        }
    }
    let mut kept = Vec::new();
    for name in std::mem::take(&mut marker.entries) {
        if current.as_deref() == Some(name.as_str()) || name.contains('/') || name.contains("..") {
            kept.push(name);
            continue;
        }
        let path = dir.join(&name);
        let removed = match fs::symlink_metadata(&path) {
            Err(_) => Ok(()),
            Ok(m) if m.is_dir() => fs::remove_dir_all(&path),
            Ok(_) => fs::remove_file(&path),
        };
        if let Err(e) = removed {
            marker.entries = kept.into_iter().chain([name]).collect();
            write_marker(dir, &marker)?;
            return Err(e).with_context(|| format!("cannot remove {}, left by an interrupted build", path.display()));
        }
    }
    marker.entries = kept;
    write_marker(dir, &marker)
}

/// Puts a finished build in place of the live index: `current` is pointed at it in one rename, so
/// a reader finds the old index or the new one, never none.
#[cfg(unix)]
pub fn swap_in(dir: &Path, staging: &Path) -> anyhow::Result<()> {
    let current = live(dir);
    let generation = format!("{GENERATION}{}", unique_suffix());
    let link_name = format!("{NEW_LINK}{}", std::process::id());
    let aside_name = format!("{OLD}{}", unique_suffix());
    own(dir, &[&generation, &link_name, &aside_name])?;
    fs::rename(staging, dir.join(&generation)).with_context(|| format!("cannot finish {}", staging.display()))?;
    let link = dir.join(link_name);
    let _ = fs::remove_file(&link);
    std::os::unix::fs::symlink(&generation, &link).with_context(|| format!("cannot create {}", link.display()))?;
    let old = current_target(dir).map(|name| dir.join(name));
    if fs::symlink_metadata(&current).is_ok_and(|m| m.is_dir()) {
        // An index from before `current` was a link: moved aside, then replaced.
        let aside = dir.join(aside_name);
        fs::rename(&current, &aside).with_context(|| format!("cannot move aside {}", current.display()))?;
    }
    fs::rename(&link, &current).with_context(|| format!("cannot put the new index in {}", current.display()))?;
    if let Some(old) = old.filter(|o| o.file_name() != Some(generation.as_ref())) {
        let _ = fs::remove_dir_all(old);
    }
    clear_leftovers(dir)
}

/// Puts a finished build in place of the live index (two renames where links are not available).
#[cfg(not(unix))]
pub fn swap_in(dir: &Path, staging: &Path) -> anyhow::Result<()> {
    let current = live(dir);
    let old = dir.join(format!("{OLD}{}", unique_suffix()));
    if current.exists() {
        fs::rename(&current, &old).with_context(|| format!("cannot move aside {}", current.display()))?;
    }
    fs::rename(staging, &current).with_context(|| format!("cannot put the new index in {}", current.display()))?;
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

/// The build `current` points at now, resolved once, so that its record and its tantivy files are
/// read from the same build even while another process swaps in a new one.
pub fn live_generation(dir: &Path) -> PathBuf {
    let current = live(dir);
    fs::canonicalize(&current).unwrap_or(current)
}
