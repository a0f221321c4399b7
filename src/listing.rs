//! What the file system says of a corpus directory without reading any file: which files it holds,
//! with their size and modification time, what cannot be read and why, and the listing hash that
//! tells a command whether anything changed since the index was built.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::reports::RECOMMENDATIONS;

/// The corpus's manifest: forces, dates, sources and reports of its documents.
pub const MANIFEST: &str = "manifest.toml";
/// A corpus's own public formulas, whose words are stock wording (read by `reuse::stock`).
pub const STOCK: &str = "stock.toml";
/// The file that marks a folder as an echoes index (see `index::dir`): an index kept inside its
/// corpus is echoes' own, never a document, and is passed over.
pub const INDEX_MARKER: &str = "echoes-index.json";

/// Something in the corpus that was not indexed, and why.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Skip {
    pub path: String,
    pub reason: String,
}

/// Limits on what is read, and where what is slow to read is kept.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Files larger than this are skipped.
    pub max_file_bytes: u64,
    /// Where the text OCR read from scanned PDFs is kept (inside the index directory); `None`:
    /// it is not kept.
    pub ocr_cache: Option<std::path::PathBuf>,
}

/// Default largest file read: far beyond any response, small enough not to exhaust memory.
pub const DEFAULT_MAX_FILE_MB: u64 = 64;

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_file_bytes: DEFAULT_MAX_FILE_MB * 1024 * 1024, ocr_cache: None }
    }
}

/// A file found in the corpus, as the file system describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Path relative to the corpus directory, with `/` separators.
    pub path: String,
    pub size: u64,
    /// Modification time, nanoseconds since the epoch (0 when the system gives none).
    pub modified: u128,
}

/// A directory's entries, before they are looked at.
enum Pending {
    /// A regular file: looked at through its directory, without walking the path again.
    File(fs::DirEntry),
    /// A link to a file inside the corpus: its target is looked at.
    Link(PathBuf),
}

/// The size and modification time of what `metadata` describes; (0, 0) when it cannot be had (the
/// file vanished between listing and looking: the next listing differs and says so).
fn describe(metadata: std::io::Result<fs::Metadata>) -> (u64, u128) {
    match metadata {
        Ok(m) => {
            let modified = m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            (m.len(), modified.map_or(0, |d| d.as_nanos()))
        }
        Err(_) => (0, 0),
    }
}

/// Every file under `dir` to read, sorted by relative path, with its size and modification time;
/// hidden files and folders are passed over. What cannot be listed or read as a file is said in
/// `skipped`: folders that cannot be opened, links leading outside the corpus, pipes and devices,
/// names that are not UTF-8. Each directory's files are looked at on every core, relative to the
/// open directory (one `statx` of one name each): on a large corpus this is most of a command's
/// start.
pub fn list_files(dir: &Path, skipped: &mut Vec<Skip>) -> anyhow::Result<Vec<Listed>> {
    let root = dir.canonicalize().with_context(|| format!("cannot read directory {}", dir.display()))?;
    let mut out = Vec::new();
    // Folders still to read, with their path relative to the corpus ("" or "a/b/").
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((d, prefix)) = stack.pop() {
        let folder = || format!("{}/", prefix.trim_end_matches('/'));
        let entries = match fs::read_dir(&d) {
            Ok(entries) => entries,
            Err(e) if prefix.is_empty() => {
                return Err(e).with_context(|| format!("cannot read directory {}", d.display()))
            }
            Err(e) => {
                skipped.push(Skip { path: folder(), reason: format!("a folder that cannot be read ({e})") });
                continue;
            }
        };
        // Looked at while the folder is still being read, a batch at a time on the other cores, and
        // all before the next folder is opened: one folder open at a time, however many.
        let looked = Mutex::new(Vec::new());
        rayon::scope(|scope| {
            let mut pending: Vec<(String, Pending)> = Vec::with_capacity(BATCH);
            let send = |batch: Vec<(String, Pending)>| {
                let looked = &looked;
                scope.spawn(move |_| {
                    let batch = look_at(batch);
                    looked.lock().unwrap_or_else(|e| e.into_inner()).extend(batch);
                });
            };
            for entry in entries {
                if pending.len() >= BATCH {
                    send(std::mem::replace(&mut pending, Vec::with_capacity(BATCH)));
                }
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(e) => {
                        skipped.push(Skip { path: folder(), reason: format!("cannot list it all ({e})") });
                        continue;
                    }
                };
                let name = entry.file_name();
                if name.to_string_lossy().starts_with('.') {
                    continue;
                }
                let Some(name) = name.to_str() else {
                    skipped.push(Skip {
                        path: format!("{prefix}{}", name.to_string_lossy()),
                        reason: "its name is not valid UTF-8 (rename the file to index it)".into(),
                    });
                    continue;
                };
                let rel = format!("{prefix}{name}");
                let kind = match entry.file_type() {
                    Ok(kind) => kind,
                    Err(e) => {
                        skipped.push(Skip { path: rel, reason: format!("cannot be examined ({e})") });
                        continue;
                    }
                };
                if kind.is_dir() {
                    if !entry.path().join(INDEX_MARKER).is_file() {
                        stack.push((entry.path(), format!("{rel}/")));
                    }
                } else if kind.is_file() {
                    pending.push((rel, Pending::File(entry)));
                } else if kind.is_symlink() {
                    let path = entry.path();
                    match path.canonicalize() {
                        Err(_) => skipped.push(Skip { path: rel, reason: "a link to nothing (broken link)".into() }),
                        Ok(target) if !target.starts_with(&root) => skipped.push(Skip {
                            path: rel,
                            reason: "a link leading outside the corpus; not followed (copy the file in instead)".into(),
                        }),
                        Ok(target) if target.is_file() => pending.push((rel, Pending::Link(path))),
                        Ok(_) => skipped.push(Skip { path: rel, reason: "a link to a folder; not followed".into() }),
                    }
                } else {
                    skipped.push(Skip { path: rel, reason: format!("not a regular file ({})", special_kind(&kind)) });
                }
            }
            send(pending);
        });
        out.extend(looked.into_inner().unwrap_or_else(|e| e.into_inner()));
    }
    out.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Files looked at in one go on one core while their folder is still being read.
const BATCH: usize = 512;

/// Looks at a batch of a folder's files.
fn look_at(batch: Vec<(String, Pending)>) -> Vec<Listed> {
    batch
        .into_iter()
        .map(|(path, what)| {
            let (size, modified) = match what {
                Pending::File(entry) => describe(entry.metadata()),
                Pending::Link(link) => describe(fs::metadata(link)),
            };
            Listed { path, size, modified }
        })
        .collect()
}

/// The size and modification time of one file, as [`Listed`] holds them.
fn look(path: &Path) -> (u64, u128) {
    describe(fs::metadata(path))
}

/// The listing hash: every file's path, size and modification time (configuration files included,
/// and their absence), what was skipped, and the limits. The same listing means the same corpus
/// (as `make` and `rsync` assume); a different one means the files must be read to know. Far
/// cheaper than reading and decoding every file, PDFs and Word files included.
pub fn listing(dir: &Path, limits: &Limits) -> anyhow::Result<String> {
    Ok(look_over(dir, limits)?.hash)
}

/// A corpus directory as the file system describes it, taken once and used both to tell whether
/// it changed and to read what did.
#[derive(Debug, Clone)]
pub struct Listing {
    /// The [`listing`] hash.
    pub hash: String,
    /// Every file, sorted by path (see [`list_files`]).
    pub files: Vec<Listed>,
    /// What the walk could not list or look at, and why.
    pub skipped: Vec<Skip>,
}

/// Lists a corpus directory (see [`list_files`]) and hashes the listing (see [`listing`]).
pub fn look_over(dir: &Path, limits: &Limits) -> anyhow::Result<Listing> {
    if !dir.is_dir() {
        return Err(Error::NoCorpus(dir.to_path_buf()).into());
    }
    let mut skipped = Vec::new();
    let files = list_files(dir, &mut skipped)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&limits.max_file_bytes.to_le_bytes());
    let mut entry = |path: &str, size: u64, modified: u128| {
        hasher.update(path.as_bytes());
        hasher.update(&[0]);
        hasher.update(&size.to_le_bytes());
        hasher.update(&modified.to_le_bytes());
    };
    for f in &files {
        entry(&f.path, f.size, f.modified);
    }
    // A configuration file that is not there (or hidden from the walk) is part of the listing too.
    for config in [MANIFEST, RECOMMENDATIONS, STOCK] {
        if files.binary_search_by(|f| f.path.as_str().cmp(config)).is_err() {
            let (size, modified) = look(&dir.join(config));
            entry(config, size, modified);
        }
    }
    for skip in &skipped {
        hasher.update(skip.path.as_bytes());
        hasher.update(&[0]);
        hasher.update(skip.reason.as_bytes());
        hasher.update(&[0]);
    }
    Ok(Listing { hash: format!("{:032x}", hasher.digest128()), files, skipped })
}

/// What a special file is, in a word.
fn special_kind(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_a_large_nested_folder_is_listed_once_with_its_size() {
        let d = tempfile::tempdir().unwrap();
        // More files than a batch, in the corpus folder and in a subfolder, and hidden ones.
        fs::create_dir_all(d.path().join("sub/deeper")).unwrap();
        let mut expected = Vec::new();
        for i in 0..(BATCH * 2 + 7) {
            let rel = match i % 3 {
                0 => format!("f{i:04}.txt"),
                1 => format!("sub/f{i:04}.txt"),
                _ => format!("sub/deeper/f{i:04}.txt"),
            };
            fs::write(d.path().join(&rel), "x".repeat(i)).unwrap();
            expected.push((rel, i as u64));
        }
        fs::write(d.path().join(".hidden.txt"), "no").unwrap();
        fs::create_dir(d.path().join(".git")).unwrap();
        fs::write(d.path().join(".git/f.txt"), "no").unwrap();
        // An index kept inside its corpus: echoes' own folder, passed over whole.
        fs::create_dir_all(d.path().join("idx/gen-1")).unwrap();
        fs::write(d.path().join("idx").join(INDEX_MARKER), "{}").unwrap();
        fs::write(d.path().join("idx/gen-1/documents.jsonl"), "no").unwrap();
        expected.sort();
        let mut skipped = Vec::new();
        let listed = list_files(d.path(), &mut skipped).unwrap();
        let got: Vec<(String, u64)> = listed.iter().map(|f| (f.path.clone(), f.size)).collect();
        assert_eq!(got, expected);
        assert!(skipped.is_empty(), "{skipped:?}");
        assert!(listed.iter().all(|f| f.modified > 0));
    }

    #[test]
    fn the_listing_changes_with_a_size_a_time_or_a_name_and_not_otherwise() {
        let d = tempfile::tempdir().unwrap();
        fs::write(d.path().join("a.txt"), "one").unwrap();
        let limits = Limits::default();
        let first = listing(d.path(), &limits).unwrap();
        assert_eq!(listing(d.path(), &limits).unwrap(), first);
        fs::write(d.path().join("a.txt"), "two!").unwrap();
        let second = listing(d.path(), &limits).unwrap();
        assert_ne!(second, first);
        fs::rename(d.path().join("a.txt"), d.path().join("b.txt")).unwrap();
        assert_ne!(listing(d.path(), &limits).unwrap(), second);
    }
}
