//! The corpus directory: which files it holds, what `manifest.toml` says of them, the report's
//! recommendations, and the listing and fingerprint that tell when it changed. Each file's bytes are
//! handed to [`crate::readers`].

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::{Block, Recommendations};
use crate::readers;

pub const MANIFEST: &str = "manifest.toml";
use crate::reports::read_reports;
pub use crate::reports::{bundled_recommendations, parse_recommendations, RECOMMENDATIONS, REPORTS};

/// One `[[document]]` entry of `manifest.toml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub force: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub report: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(default)]
    document: Vec<Entry>,
}

/// What the index remembers of a file it has read: enough to know, without reading it again, that
/// it has not changed (as `make` and `rsync` do: the same size and modification time, and the same
/// manifest entry), and what reading it gave.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileState {
    pub path: String,
    pub size: u64,
    /// Modification time, nanoseconds since the epoch (0 when the system gives none).
    pub modified: String,
    /// Hash of its manifest entry.
    pub entry: String,
    /// [`readers::content_hash`] of its text, in hex.
    pub content: String,
    /// The notes reading it gave (decoding, odd layout).
    pub notes: Vec<String>,
}

/// The files of an earlier reading, by path.
pub type Known = std::collections::HashMap<String, FileState>;

/// A file of the corpus, read (or known unchanged from an earlier reading, and not read again).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the corpus directory, with `/` separators.
    pub path: String,
    /// What the manifest says of it (a default entry if it is not listed).
    pub entry: Entry,
    /// How it was read: "html", "pdf (read as table export)".
    pub format: String,
    pub blocks: Vec<Block>,
    /// Set when the file was not UTF-8 and had to be decoded.
    pub decoded_from: Option<&'static str>,
    /// Hash of its text (the same text is the same document).
    pub content: u128,
    /// What an index remembers of it.
    pub state: FileState,
    /// Known from an earlier reading to be the same: not read, so it has no blocks.
    pub unchanged: bool,
}

/// Something in the corpus that was not indexed, and why.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Skip {
    pub path: String,
    pub reason: String,
}

/// Everything read from a corpus directory.
#[derive(Debug)]
pub struct Corpus {
    pub dir: PathBuf,
    pub files: Vec<SourceFile>,
    /// The reports the documents answer (one for a corpus with a `recommendations.toml`).
    pub reports: Vec<Recommendations>,
    /// Warnings about the corpus as a whole (missing or broken manifest entries, fallbacks).
    pub notes: Vec<String>,
    pub skipped: Vec<Skip>,
    pub fingerprint: String,
    /// The corpus's [`listing`], as it was when it was read.
    pub listing: String,
    /// Hash of what applies to every document (the recommendations file): when it changes, every
    /// document must be read again.
    pub settings: String,
}

impl Corpus {
    /// Whether every file was read (none taken as unchanged from an earlier reading).
    pub fn fully_read(&self) -> bool {
        self.files.iter().all(|f| !f.unchanged)
    }
}

/// What the file system says of the corpus without reading any file: every entry's path, size and
/// modification time (configuration files included), and the limits, hashed. The same listing
/// means the same corpus (as `make` and `rsync` assume); a different one means the files must be
/// read to know. Far cheaper than reading and decoding every file, PDFs and Word files included.
pub fn listing(dir: &Path, limits: &Limits) -> anyhow::Result<String> {
    if !dir.is_dir() {
        return Err(Error::NoCorpus(dir.to_path_buf()).into());
    }
    let mut skipped = Vec::new();
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&limits.max_file_bytes.to_le_bytes());
    let mut paths = list_files(dir, &mut skipped)?;
    for config in [MANIFEST, RECOMMENDATIONS] {
        if !paths.iter().any(|p| p == config) {
            paths.push(config.to_string());
        }
    }
    // One stat a file, the slowest part of a command on a large corpus: spread over the cores.
    use rayon::prelude::*;
    let stats: Vec<(u64, String)> = paths.par_iter().map(|rel| stat(&dir.join(rel))).collect();
    for (rel, (size, modified)) in paths.iter().zip(stats) {
        hasher.update(format!("{rel}\0{size}\0{modified}\0").as_bytes());
    }
    for skip in &skipped {
        hasher.update(format!("{}\0{}\0", skip.path, skip.reason).as_bytes());
    }
    Ok(format!("{:032x}", hasher.digest128()))
}

/// Limits on what is read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files larger than this are skipped.
    pub max_file_bytes: u64,
}

/// Default largest file read: far beyond any response, small enough not to exhaust memory.
pub const DEFAULT_MAX_FILE_MB: u64 = 64;

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_file_bytes: DEFAULT_MAX_FILE_MB * 1024 * 1024 }
    }
}

/// Extensions read as documents.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "tsv", "html", "htm", "docx", "pdf"];

/// The corpus's own configuration files (any case: a file system may not tell them apart).
pub fn is_configuration(rel: &str) -> bool {
    rel.eq_ignore_ascii_case(MANIFEST)
        || rel.eq_ignore_ascii_case(RECOMMENDATIONS)
        || rel.strip_prefix("reports/").is_some_and(|name| !name.contains('/') && name.ends_with(".toml"))
}

/// Whether a file of this name is read as a document (by its extension).
pub fn is_document_name(name: &str) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    DOCUMENT_EXTENSIONS.contains(&ext.as_str())
}

/// Every file under `dir` to read, as sorted relative paths; hidden files and folders are passed
/// over. What cannot be listed or read as a file is said in `skipped`: folders that cannot be
/// opened, links leading outside the corpus, pipes and devices, names that are not UTF-8.
fn list_files(dir: &Path, skipped: &mut Vec<Skip>) -> anyhow::Result<Vec<String>> {
    let root = dir.canonicalize().with_context(|| format!("cannot read directory {}", dir.display()))?;
    let relative = |path: &Path| {
        let rel = path.strip_prefix(dir).unwrap_or(path);
        rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
    };
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match fs::read_dir(&d) {
            Ok(entries) => entries,
            Err(e) if d == dir => return Err(e).with_context(|| format!("cannot read directory {}", d.display())),
            Err(e) => {
                skipped.push(Skip {
                    path: format!("{}/", relative(&d)),
                    reason: format!("a folder that cannot be read ({e})"),
                });
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    skipped
                        .push(Skip { path: format!("{}/", relative(&d)), reason: format!("cannot list it all ({e})") });
                    continue;
                }
            };
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let rel = relative(&path);
            if name.to_str().is_none() {
                skipped.push(Skip {
                    path: rel,
                    reason: "its name is not valid UTF-8 (rename the file to index it)".into(),
                });
                continue;
            }
            let kind = match entry.file_type() {
                Ok(kind) => kind,
                Err(e) => {
                    skipped.push(Skip { path: rel, reason: format!("cannot be examined ({e})") });
                    continue;
                }
            };
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                out.push(rel);
            } else if kind.is_symlink() {
                match path.canonicalize() {
                    Err(_) => skipped.push(Skip { path: rel, reason: "a link to nothing (broken link)".into() }),
                    Ok(target) if !target.starts_with(&root) => skipped.push(Skip {
                        path: rel,
                        reason: "a link leading outside the corpus; not followed (copy the file in instead)".into(),
                    }),
                    Ok(target) if target.is_file() => out.push(rel),
                    Ok(_) => skipped.push(Skip { path: rel, reason: "a link to a folder; not followed".into() }),
                }
            } else {
                skipped.push(Skip { path: rel, reason: format!("not a regular file ({})", special_kind(&kind)) });
            }
        }
    }
    out.sort();
    Ok(out)
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

/// Reads `manifest.toml`. A manifest that cannot be read at all is an error, never passed over: its
/// forces, dates and reports would silently disappear. One in another encoding is decoded, as
/// documents are, with a note.
fn read_manifest(dir: &Path, notes: &mut Vec<String>) -> anyhow::Result<BTreeMap<String, Entry>> {
    let path = dir.join(MANIFEST);
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => {
            return Err(anyhow::anyhow!(
                "cannot read {} ({e}); echoes will not go on without the forces and dates it records",
                path.display()
            ))
        }
    };
    let decoded = readers::decode::decode(&bytes);
    if let Some(encoding) = decoded.encoding {
        notes.push(format!("{}: not UTF-8, decoded as {encoding}", path.display()));
    }
    Ok(match toml::from_str::<Manifest>(&decoded.text) {
        Ok(m) => m.document.into_iter().map(|e| (e.path.clone(), e)).collect(),
        Err(e) => {
            let first = e.message().lines().next().unwrap_or("invalid TOML").to_string();
            notes.push(format!(
                "{}: not a valid manifest ({first}); forces will be detected from the text",
                path.display()
            ));
            BTreeMap::new()
        }
    })
}

/// Reads a corpus directory with the default limits.
pub fn load(dir: &Path) -> anyhow::Result<Corpus> {
    load_with(dir, &Limits::default())
}

/// Reads a corpus directory. Files that cannot be read are listed in `skipped`, not fatal.
pub fn load_with(dir: &Path, limits: &Limits) -> anyhow::Result<Corpus> {
    // Taken before anything is read: a file changed while it is read shows in the next listing.
    let listing = listing(dir, limits)?;
    load_listed(dir, limits, listing)
}

/// Reads a corpus directory whose [`listing`] the caller has just taken (before reading it).
pub fn load_listed(dir: &Path, limits: &Limits, listing: String) -> anyhow::Result<Corpus> {
    load_known(dir, limits, listing, &Known::new())
}

/// The size and modification time of a file, as [`FileState`] keeps them.
fn stat(path: &Path) -> (u64, String) {
    match fs::metadata(path) {
        Ok(m) => {
            let modified = m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            (m.len(), modified.map_or(0, |d| d.as_nanos()).to_string())
        }
        Err(_) => (0, String::new()),
    }
}

fn hex(hash: u128) -> String {
    format!("{hash:032x}")
}

/// [`load_listed`], taking the files that `known` says are unchanged (the same size, modification
/// time and manifest entry) as they were, without reading them: only new and changed files are
/// read and decoded.
pub fn load_known(dir: &Path, limits: &Limits, listing: String, known: &Known) -> anyhow::Result<Corpus> {
    if !dir.is_dir() {
        return Err(Error::NoCorpus(dir.to_path_buf()).into());
    }
    let mut notes = Vec::new();
    let mut skipped = Vec::new();
    let mut manifest = read_manifest(dir, &mut notes)?;
    let (reports, recs_raw) = read_reports(dir, &mut notes)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(recs_raw.as_bytes());
    for (path, entry) in &manifest {
        hasher.update(format!("{path}\0{entry:?}\0").as_bytes());
    }
    let mut files = Vec::new();
    // Content hash → the first file with that content.
    let mut seen: std::collections::HashMap<u128, String> = std::collections::HashMap::new();
    for rel in list_files(dir, &mut skipped)? {
        if is_configuration(&rel) {
            continue;
        }
        let entry = manifest.remove(&rel).unwrap_or_else(|| Entry { path: rel.clone(), ..Entry::default() });
        let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        if !DOCUMENT_EXTENSIONS.contains(&ext.as_str()) {
            skipped.push(Skip {
                path: rel,
                reason: "not a format echoes reads (.txt, .tsv, .html, .htm, .docx, .pdf)".into(),
            });
            continue;
        }
        let (size, modified) = stat(&dir.join(&rel));
        let entry_hash = hex(xxhash_rust::xxh3::xxh3_128(format!("{entry:?}").as_bytes()));
        let earlier = known.get(&rel).filter(|k| k.size == size && k.modified == modified && k.entry == entry_hash);
        if let Some(k) = earlier.filter(|_| size <= limits.max_file_bytes) {
            let content = u128::from_str_radix(&k.content, 16).unwrap_or_default();
            if let Some(first) = seen.get(&content) {
                skipped.push(Skip { path: rel, reason: format!("the same text as {first}, already indexed") });
                continue;
            }
            seen.insert(content, rel.clone());
            hasher.update(format!("{rel}\0{content:032x}\0").as_bytes());
            notes.extend(k.notes.iter().cloned());
            files.push(SourceFile {
                path: rel,
                entry,
                format: String::new(),
                blocks: Vec::new(),
                decoded_from: None,
                content,
                state: k.clone(),
                unchanged: true,
            });
            continue;
        }
        if size > limits.max_file_bytes {
            hasher.update(format!("{rel}\0{size}\0").as_bytes());
            let limit = limits.max_file_bytes as f64 / 1024.0 / 1024.0;
            let reason =
                format!("{:.1} MiB, over the {limit:.0} MiB limit (--max-file-mb)", size as f64 / 1024.0 / 1024.0);
            skipped.push(Skip { path: rel, reason });
            continue;
        }
        let bytes = match fs::read(dir.join(&rel)) {
            Ok(b) => b,
            Err(e) => {
                skipped.push(Skip { path: rel, reason: format!("cannot be read: {e}") });
                continue;
            }
        };
        let read = match readers::read_file(&rel, &bytes, limits.max_file_bytes) {
            Ok(read) => read,
            Err(why) => {
                skipped.push(Skip { path: rel, reason: why.to_string() });
                continue;
            }
        };
        if let Some(first) = seen.get(&read.content) {
            skipped.push(Skip { path: rel, reason: format!("the same text as {first}, already indexed") });
            continue;
        }
        seen.insert(read.content, rel.clone());
        hasher.update(format!("{rel}\0{:032x}\0", read.content).as_bytes());
        notes.extend(read.notes.iter().cloned());
        let state = FileState {
            path: rel.clone(),
            size,
            modified,
            entry: entry_hash,
            content: hex(read.content),
            notes: read.notes,
        };
        files.push(SourceFile {
            path: rel,
            entry,
            format: read.format,
            blocks: read.blocks,
            decoded_from: read.encoding,
            content: read.content,
            state,
            unchanged: false,
        });
    }
    for skip in &skipped {
        hasher.update(format!("{}\0{}\0", skip.path, skip.reason).as_bytes());
    }
    for f in &files {
        if let Some(id) = f.entry.report.as_deref().filter(|id| !reports.iter().any(|r| r.id() == *id)) {
            notes.push(format!(
                "{}: {} names report '{id}', which the corpus does not describe ({REPORTS}/{id}.toml); matched by its text instead",
                dir.join(MANIFEST).display(),
                f.path
            ));
        }
    }
    for missing in manifest.keys() {
        notes.push(format!("{}: lists {missing}, which is not in the corpus", dir.join(MANIFEST).display()));
    }
    Ok(Corpus {
        dir: dir.to_path_buf(),
        files,
        reports,
        notes,
        skipped,
        fingerprint: format!("{:032x}", hasher.digest128()),
        listing,
        settings: hex(xxhash_rust::xxh3::xxh3_128(recs_raw.as_bytes())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_recommendations_give_1_4_5_and_8() {
        let recs = bundled_recommendations();
        let numbers: Vec<u32> = recs.items.iter().map(|r| r.number).collect();
        assert_eq!(numbers, vec![1, 4, 5, 8]);
        assert!(recs.items[0].text.contains("As an interim measure"));
    }
}
