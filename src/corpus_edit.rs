//! Adding documents to a corpus directory: readable file names, refusing a document already
//! there, and recording entries in `manifest.toml` without disturbing its comments or order.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::corpus::{Corpus, Entry, Limits, MANIFEST};
use crate::normalize::word_texts;
use crate::readers;

/// Why a file was not added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The same text as a document already in the corpus.
    Duplicate { existing: String },
    /// Not a document echoes can read.
    Unreadable(readers::ReadError),
}

/// A readable name in `dir` for a file: the force's name and the date when given, else the
/// file's own name, in lower-case words joined by hyphens; `-2`, `-3`, ... when taken.
/// Names in `taken` are avoided too (files about to be copied in).
pub fn readable_name(dir: &Path, original: &Path, force: Option<&str>, date: Option<&str>, taken: &[&str]) -> String {
    let ext = original.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_else(|| "txt".into());
    let own = original.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let base = match force {
        Some(f) => [f, date.unwrap_or("")].join(" "),
        None => own,
    };
    let slug = word_texts(&base).join("-");
    let slug = if slug.is_empty() { "document".to_string() } else { slug };
    let mut name = format!("{slug}.{ext}");
    let mut n = 2;
    // Anything at the name counts as taken, a link to nothing too (a new file would follow it).
    while fs::symlink_metadata(dir.join(&name)).is_ok() || taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{slug}-{n}.{ext}");
        n += 1;
    }
    name
}

/// Why a file given to `add` was not read.
#[derive(Debug)]
pub enum NotRead {
    /// Not a regular file: what it is instead.
    NotAFile(&'static str),
    /// Over the size limit: reading stopped one byte past it.
    TooLarge,
    Io(std::io::Error),
}

/// What a path is, when it is not a regular file.
fn kind_of(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Reads a file given to `add`: only a regular file (never a pipe, which could block for ever,
/// nor a device, which could never end), and never more than `limit` bytes and one.
pub fn read_given(path: &Path, limit: u64) -> Result<Vec<u8>, NotRead> {
    use std::io::Read;
    let meta = fs::metadata(path).map_err(NotRead::Io)?;
    if !meta.is_file() {
        return Err(NotRead::NotAFile(kind_of(&meta)));
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    // Not blocking on a pipe put at the path since it was looked at (O_NONBLOCK).
    #[cfg(target_os = "linux")]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, 0o4000);
    let file = options.open(path).map_err(NotRead::Io)?;
    let meta = file.metadata().map_err(NotRead::Io)?;
    if !meta.is_file() {
        return Err(NotRead::NotAFile(kind_of(&meta)));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(NotRead::Io)?;
    if bytes.len() as u64 > limit {
        return Err(NotRead::TooLarge);
    }
    Ok(bytes)
}

/// The documents a corpus holds, by content: what a new file must not repeat.
pub struct Known {
    by_content: HashMap<u128, String>,
    limits: Limits,
}

impl Known {
    /// The documents of `corpus`.
    pub fn of(corpus: &Corpus, limits: Limits) -> Known {
        Known { by_content: corpus.files.iter().map(|f| (f.content, f.path.clone())).collect(), limits }
    }

    /// Checks that `bytes` can be read and are not a document already known; returns their
    /// content hash, for [`Known::insert`] once the file is added.
    pub fn check(&self, bytes: &[u8]) -> Result<u128, Refusal> {
        let hash = readers::read_file("", bytes, self.limits.max_file_bytes, crate::corpus::ocr(&self.limits))
            .map_err(Refusal::Unreadable)?
            .content;
        match self.by_content.get(&hash) {
            Some(existing) => Err(Refusal::Duplicate { existing: existing.clone() }),
            None => Ok(hash),
        }
    }

    /// Records a document added under `path`.
    pub fn insert(&mut self, hash: u128, path: &str) {
        self.by_content.insert(hash, path.to_string());
    }
}

/// Held (as an advisory lock on a hidden file of the corpus) by the process changing the corpus,
/// so that `echoes add`s started at once run one after the other.
const CORPUS_LOCK: &str = ".echoes-corpus.lock";

/// The corpus's lock, held: its file is removed when it is released, so that nothing is left
/// in the corpus (a process killed while holding it leaves the file, which the next one takes).
pub struct CorpusLock {
    path: std::path::PathBuf,
    _file: fs::File,
}

impl Drop for CorpusLock {
    fn drop(&mut self) {
        // Removed while still held; the lock itself goes with the file handle, just after.
        let _ = fs::remove_file(&self.path);
    }
}

/// Takes the corpus's lock, waiting for any other process changing it. Released when dropped,
/// or when the process dies.
pub fn lock_corpus(dir: &Path) -> anyhow::Result<CorpusLock> {
    let path = dir.join(CORPUS_LOCK);
    loop {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot create the lock file {}", path.display()))?;
        file.lock().with_context(|| format!("cannot lock {}", path.display()))?;
        // The holder before us removed the file it held: the lock is on the file now at the path.
        if same_file(&file, &path) {
            return Ok(CorpusLock { path, _file: file });
        }
    }
}

#[cfg(unix)]
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &fs::File, path: &Path) -> bool {
    path.exists()
}

/// The manifest as it is on disk, byte for byte, or `None` when there is none.
pub fn manifest_bytes(dir: &Path) -> anyhow::Result<Option<Vec<u8>>> {
    let path = dir.join(MANIFEST);
    match fs::read(&path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Replaces the manifest in one rename (a reader sees the old one or the new one, never half),
/// or removes it when `text` is `None`. A manifest that is a link is written where it leads (the
/// link stays), and the new file keeps the old one's permissions.
pub fn write_manifest(dir: &Path, text: Option<&[u8]>) -> anyhow::Result<()> {
    let link = dir.join(MANIFEST);
    let path = match fs::symlink_metadata(&link) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(&link)
            .with_context(|| format!("{} is a link to nothing; nothing was changed", link.display()))?,
        _ => link,
    };
    let Some(text) = text else {
        return match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(e).with_context(|| format!("cannot remove {}", path.display()))
            }
            _ => Ok(()),
        };
    };
    let folder = path.parent().unwrap_or(dir);
    let tmp = folder.join(format!(".{MANIFEST}.{}.tmp", std::process::id()));
    let permissions = fs::metadata(&path).ok().map(|m| m.permissions());
    let written = write_synced(&tmp, text)
        .and_then(|()| permissions.map_or(Ok(()), |p| fs::set_permissions(&tmp, p)))
        .and_then(|()| fs::rename(&tmp, &path));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(anyhow::Error::new(e).context(format!("cannot replace {}", path.display())));
    }
    sync_dir(folder);
    Ok(())
}

/// Writes a new file and flushes it to the disk (a file that must not exist yet).
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Flushes a folder's entries (a rename or a new name) to the disk; best effort.
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Start of the names `echoes add` copies files under before they take their own name:
/// `.echoes-add.PID.N.tmp`.
const COPY_PREFIX: &str = ".echoes-add.";

/// Whether a file name is one echoes gives a copy in progress (`.echoes-add.PID.N.tmp`), the
/// record of an add being written (`.echoes-add.pending.PID.tmp`) or a manifest being replaced
/// (`.manifest.toml.PID.tmp`), and nothing else.
pub fn is_own_temporary(name: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = name.strip_prefix(COPY_PREFIX).and_then(|r| r.strip_suffix(".tmp")) {
        return rest.split_once('.').is_some_and(|(pid, n)| (digits(pid) || pid == "pending") && digits(n));
    }
    name.strip_prefix(&format!(".{MANIFEST}.")).and_then(|r| r.strip_suffix(".tmp")).is_some_and(digits)
}

/// Removes what a killed `echoes add` left in the corpus folder: only files of the names echoes
/// gives its temporary copies ([`is_own_temporary`]), never a link or folder. Call it with the
/// corpus's lock held (no other add is then copying). Returns how many it removed.
pub fn remove_leftovers(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .filter(|e| is_own_temporary(&e.file_name().to_string_lossy()))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// A file being copied into the corpus: written under a temporary name in the same folder and
/// flushed to the disk, then given its name in one step, never over anything there. A copy
/// interrupted at any point leaves either nothing under its name or the whole file.
pub struct Copy {
    temporary: PathBuf,
}

impl Copy {
    /// Writes `bytes` under a temporary name in `dir`; nothing is left behind if this fails.
    pub fn write(dir: &Path, bytes: &[u8]) -> anyhow::Result<Copy> {
        static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let temporary = dir.join(format!("{COPY_PREFIX}{}.{n}.tmp", std::process::id()));
        if let Err(e) = write_synced(&temporary, bytes) {
            let _ = fs::remove_file(&temporary);
            return Err(anyhow::Error::new(e).context(format!("cannot write in {}", dir.display())));
        }
        Ok(Copy { temporary })
    }

    /// Gives the copy its name, `target` (in the same folder), unless something is there already.
    pub fn name(self, target: &Path) -> anyhow::Result<()> {
        let named = match fs::hard_link(&self.temporary, target) {
            // A file system without links (FAT): renamed, once nothing is at the name (the corpus's
            // lock keeps other adds away meanwhile).
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists && fs::symlink_metadata(target).is_err() => {
                fs::rename(&self.temporary, target).map_err(|_| e)
            }
            other => other,
        };
        let _ = fs::remove_file(&self.temporary);
        named.with_context(|| format!("cannot create {}", target.display()))?;
        if let Some(dir) = target.parent() {
            sync_dir(dir);
        }
        Ok(())
    }
}

impl Drop for Copy {
    /// A copy never named is removed.
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.temporary);
    }
}

/// Appends `[[document]]` entries to the manifest in `dir`, keeping every byte that is there (its
/// byte-order mark, line ends, encoding, comments and order); the manifest is replaced atomically.
pub fn record(dir: &Path, entries: &[Entry]) -> anyhow::Result<()> {
    let (before, appended) = entries_to_append(dir, entries)?;
    write_manifest(dir, Some(&[before.unwrap_or_default().as_slice(), &appended].concat()))
}

/// The manifest in `dir` as it is (`None`: there is none), and the bytes that record `entries`
/// at its end, checked to leave it a manifest echoes reads.
pub fn entries_to_append(dir: &Path, entries: &[Entry]) -> anyhow::Result<(Option<Vec<u8>>, Vec<u8>)> {
    let path = dir.join(MANIFEST);
    let existing = manifest_bytes(dir)?;
    let before = existing.as_deref().unwrap_or_default();
    let decoded = readers::decode::decode(before);
    let newline = if decoded.text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut text = String::new();
    if !decoded.text.is_empty() && !decoded.text.ends_with('\n') {
        text.push_str(newline);
    }
    for e in entries {
        if !decoded.text.trim().is_empty() || !text.is_empty() {
            text.push_str(newline);
        }
        text.push_str(&format!("[[document]]{newline}path = {}{newline}", toml_string(&e.path)));
        for (key, value) in [("force", &e.force), ("date", &e.date), ("source", &e.source), ("report", &e.report)] {
            if let Some(v) = value {
                text.push_str(&format!("{key} = {}{newline}", toml_string(v)));
            }
        }
    }
    // The manifest as it will read: still TOML, its documents still a list of tables.
    let doc: toml_edit::DocumentMut = format!("{}{text}", decoded.text)
        .parse()
        .with_context(|| format!("{} is not valid TOML; fix it before adding documents", path.display()))?;
    if doc.get("document").is_some_and(|d| d.as_array_of_tables().is_none()) {
        anyhow::bail!("{}: `document` is not a list of [[document]] tables", path.display());
    }
    // ASCII only (see [`toml_string`]): the same bytes in every encoding but UTF-16's.
    let appended: Vec<u8> = match decoded.encoding {
        Some("UTF-16LE") => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        Some("UTF-16BE") => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        _ => text.into_bytes(),
    };
    Ok((existing, appended))
}

/// A TOML basic string of `value` in ASCII alone: every other character escaped, so that it is
/// written the same way whatever the manifest's encoding.
pub fn toml_string(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_readable_and_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let name =
            readable_name(dir.path(), Path::new("/tmp/Download (3).PDF"), Some("Kent Police"), Some("2021-03"), &[]);
        assert_eq!(name, "kent-police-2021-03.pdf");
        fs::write(dir.path().join(&name), "x").unwrap();
        let again = readable_name(dir.path(), Path::new("x.pdf"), Some("Kent Police"), Some("2021-03"), &[]);
        assert_eq!(again, "kent-police-2021-03-2.pdf");
        assert_eq!(
            readable_name(dir.path(), Path::new("SYP Response_final.docx"), None, None, &[]),
            "syp-response-final.docx"
        );
    }

    #[test]
    fn the_manifest_keeps_its_comments_and_order() {
        let dir = tempfile::tempdir().unwrap();
        let before = "# Responses collected by hand.\n\n[[document]]\npath = \"b.txt\"   # the second one\nforce = \"B\"\n\n[[document]]\npath = \"a.txt\"\n";
        fs::write(dir.path().join(MANIFEST), before).unwrap();
        let entry = Entry { path: "kent.txt".into(), force: Some("Kent Police".into()), ..Entry::default() };
        record(dir.path(), &[entry]).unwrap();
        let after = fs::read_to_string(dir.path().join(MANIFEST)).unwrap();
        assert!(after.starts_with(before), "{after}");
        assert!(after.ends_with("[[document]]\npath = \"kent.txt\"\nforce = \"Kent Police\"\n"), "{after}");
    }

    #[test]
    fn entries_are_appended_in_utf16_to_a_utf16_manifest_and_after_a_last_line_without_its_end() {
        let dir = tempfile::tempdir().unwrap();
        let text = "# Réponses\r\n[[document]]\r\npath = \"a.txt\"";
        let before: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        fs::write(dir.path().join(MANIFEST), &before).unwrap();
        let entry = Entry { path: "b.txt".into(), force: Some("Sûreté".into()), ..Entry::default() };
        record(dir.path(), &[entry]).unwrap();
        let after = fs::read(dir.path().join(MANIFEST)).unwrap();
        assert!(after.starts_with(&before));
        let units: Vec<u16> = after[before.len()..].chunks(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        assert_eq!(
            String::from_utf16(&units).unwrap(),
            "\r\n\r\n[[document]]\r\npath = \"b.txt\"\r\nforce = \"S\\u00FBret\\u00E9\"\r\n"
        );
    }
}
