//! The corpus directory: which files it holds, what `manifest.toml` says of them, the report's
//! recommendations, and the listing and fingerprint that tell when it changed. Each file's bytes are
//! handed to [`crate::readers`].

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::{Block, Recommendations};
use crate::readers;

pub use crate::listing::{listing, look_over, Limits, Listed, Listing, Skip, DEFAULT_MAX_FILE_MB, MANIFEST, STOCK};
use crate::manifest::listed_twice;
pub use crate::manifest::{parse_manifest, Entry, Manifest, ManifestError};
use crate::reports::read_reports;
pub use crate::reports::{bundled_recommendations, parse_recommendations, RECOMMENDATIONS, REPORTS};

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

/// Extensions read as documents.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "tsv", "csv", "html", "htm", "docx", "pdf"];

/// Each report's `text_file` is a reference document of that report: the manifest's entry for it
/// gains `kind = "reference"` and the report where it gives neither, or one is made.
fn name_report_texts(
    dir: &Path,
    reports: &[Recommendations],
    manifest: &mut BTreeMap<String, Entry>,
    notes: &mut Vec<String>,
) {
    for r in reports {
        let Some(file) = r.text_file.as_deref() else { continue };
        let path = file.trim().trim_start_matches("./").replace('\\', "/");
        if !dir.join(&path).is_file() {
            notes.push(format!("report '{}' names text_file '{file}', which is not a file of the corpus", r.id()));
            continue;
        }
        let entry = manifest.entry(path.clone()).or_insert_with(|| Entry { path, ..Entry::default() });
        entry.kind.get_or_insert_with(|| "reference".to_string());
        entry.report.get_or_insert_with(|| r.id().to_string());
    }
}

/// The corpus's own configuration files (any case: a file system may not tell them apart).
pub fn is_configuration(rel: &str) -> bool {
    rel.eq_ignore_ascii_case(MANIFEST)
        || rel.eq_ignore_ascii_case(RECOMMENDATIONS)
        || rel.eq_ignore_ascii_case(STOCK)
        || rel.strip_prefix("reports/").is_some_and(|name| !name.contains('/') && name.ends_with(".toml"))
}

/// Whether a file of this name is read as a document (by its extension).
pub fn is_document_name(name: &str) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    DOCUMENT_EXTENSIONS.contains(&ext.as_str())
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
    let manifest = parse_manifest(&decoded.text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if !manifest.unknown.is_empty() {
        let names: Vec<String> = manifest.unknown.iter().map(|n| format!("`{n}`")).collect();
        notes.push(format!(
            "{}: unknown field{} {} ignored; every other field is kept",
            path.display(),
            if names.len() == 1 { "" } else { "s" },
            names.join(", ")
        ));
    }
    notes.extend(manifest.problems.iter().map(|p| format!("{}: {p}", path.display())));
    notes.extend(listed_twice(&path, &decoded.text, &manifest.entries));
    Ok(manifest.entries.into_iter().map(|e| (e.path.clone(), e)).collect())
}

/// Reads a corpus directory with the default limits.
pub fn load(dir: &Path) -> anyhow::Result<Corpus> {
    load_with(dir, &Limits::default())
}

/// Reads a corpus directory. Files that cannot be read are listed in `skipped`, not fatal.
pub fn load_with(dir: &Path, limits: &Limits) -> anyhow::Result<Corpus> {
    // Taken before anything is read: a file changed while it is read shows in the next listing.
    let listing = look_over(dir, limits)?;
    load_listed(dir, limits, &listing)
}

/// Reads a corpus directory as the caller has just listed it (before reading it).
pub fn load_listed(dir: &Path, limits: &Limits, listing: &Listing) -> anyhow::Result<Corpus> {
    load_known(dir, limits, listing, &Known::new())
}

fn hex(hash: u128) -> String {
    format!("{hash:032x}")
}

/// What loading makes of one listed file, worked out on any core.
enum Plan {
    /// One of the corpus's own configuration files: not a document.
    Configuration,
    /// A file in the documents' place: its manifest entry's hash, and what reading it gave.
    Document { entry_hash: String, read: Reading },
}

/// What reading one file gave.
enum Reading {
    /// Not of a format echoes reads.
    NotDocument,
    /// The same size, time and manifest entry as the index recorded: not read again.
    Known(FileState),
    /// Over the size limit: not read.
    TooLarge,
    /// Could not be read or decoded: why.
    Failed(String),
    Read(readers::ReadFile),
}

/// Where OCR keeps what it reads.
pub fn ocr(limits: &Limits) -> readers::ocr::Ocr<'_> {
    readers::ocr::Ocr { cache: limits.ocr_cache.as_deref() }
}

/// Looks at one listed file and reads it if it must be read (see [`load_known`]).
fn plan(dir: &Path, limits: &Limits, known: &Known, manifest: &BTreeMap<String, Entry>, listed: &Listed) -> Plan {
    let rel = &listed.path;
    if is_configuration(rel) {
        return Plan::Configuration;
    }
    let default_entry;
    let entry = match manifest.get(rel) {
        Some(entry) => entry,
        None => {
            default_entry = Entry { path: rel.clone(), ..Entry::default() };
            &default_entry
        }
    };
    let entry_hash = hex(xxhash_rust::xxh3::xxh3_128(format!("{entry:?}").as_bytes()));
    let read = if !is_document_name(rel) {
        Reading::NotDocument
    } else {
        let modified = listed.modified.to_string();
        let earlier =
            known.get(rel).filter(|k| k.size == listed.size && k.modified == modified && k.entry == entry_hash);
        match earlier.filter(|_| listed.size <= limits.max_file_bytes) {
            Some(k) => Reading::Known(k.clone()),
            None if listed.size > limits.max_file_bytes => Reading::TooLarge,
            None => match fs::read(dir.join(rel)) {
                Err(e) => Reading::Failed(format!("cannot be read: {e}")),
                Ok(bytes) => match readers::read_file(rel, &bytes, limits.max_file_bytes, ocr(limits)) {
                    Ok(read) => Reading::Read(read),
                    Err(why) => Reading::Failed(why.to_string()),
                },
            },
        }
    };
    Plan::Document { entry_hash, read }
}

/// [`load_listed`], taking the files that `known` says are unchanged (the same size, modification
/// time and manifest entry) as they were, without reading them: only new and changed files are
/// read and decoded.
pub fn load_known(dir: &Path, limits: &Limits, listing: &Listing, known: &Known) -> anyhow::Result<Corpus> {
    if !dir.is_dir() {
        return Err(Error::NoCorpus(dir.to_path_buf()).into());
    }
    let mut notes = Vec::new();
    // What the listing could not look at comes first, as it was found.
    let mut skipped = listing.skipped.clone();
    let mut manifest = read_manifest(dir, &mut notes)?;
    let (reports, recs_raw) = read_reports(dir, &mut notes)?;
    name_report_texts(dir, &reports, &mut manifest, &mut notes);
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(recs_raw.as_bytes());
    // The corpus's own stock formulas change what comparison finds (read by `reuse::stock`): a
    // change to them is a change to the corpus, and drops what was stored from the old ones.
    hasher.update(&fs::read(dir.join(STOCK)).unwrap_or_default());
    for (path, entry) in &manifest {
        hasher.update(format!("{path}\0{entry:?}\0").as_bytes());
    }
    // Every file to read is read and decoded on every core first (PDF and Word files are slow to
    // decode); the files are then taken one by one in listing order, as if read in turn.
    let plans: Vec<Plan> = {
        use rayon::prelude::*;
        let manifest = &manifest;
        listing.files.par_iter().map(|listed| plan(dir, limits, known, manifest, listed)).collect()
    };
    let mut files = Vec::new();
    // Content hash → the first file with that content.
    let mut seen: std::collections::HashMap<u128, String> = std::collections::HashMap::new();
    for (Listed { path: rel, size, modified }, plan) in listing.files.iter().cloned().zip(plans) {
        let (entry_hash, read) = match plan {
            Plan::Configuration => continue,
            Plan::Document { entry_hash, read } => (entry_hash, read),
        };
        let entry = manifest.remove(&rel).unwrap_or_else(|| Entry { path: rel.clone(), ..Entry::default() });
        let modified = modified.to_string();
        let read = match read {
            Reading::NotDocument => {
                skipped.push(Skip {
                    path: rel,
                    reason: "not a format echoes reads (.txt, .tsv, .csv, .html, .htm, .docx, .pdf)".into(),
                });
                continue;
            }
            Reading::Known(k) => {
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
                    state: k,
                    unchanged: true,
                });
                continue;
            }
            Reading::TooLarge => {
                hasher.update(format!("{rel}\0{size}\0").as_bytes());
                let limit = limits.max_file_bytes as f64 / 1024.0 / 1024.0;
                let reason =
                    format!("{:.1} MiB, over the {limit:.0} MiB limit (--max-file-mb)", size as f64 / 1024.0 / 1024.0);
                skipped.push(Skip { path: rel, reason });
                continue;
            }
            Reading::Failed(reason) => {
                skipped.push(Skip { path: rel, reason });
                continue;
            }
            Reading::Read(read) => read,
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
        listing: listing.hash.clone(),
        settings: hex(xxhash_rust::xxh3::xxh3_128(recs_raw.as_bytes())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_recommendations_ask_1_4_5_and_8_and_quote_2_and_3() {
        let recs = bundled_recommendations();
        assert_eq!(recs.numbers(), vec![1, 4, 5, 8]);
        let all: Vec<u32> = recs.items.iter().map(|r| r.number).collect();
        assert_eq!(all, vec![1, 4, 5, 8, 2, 3]);
        assert!(recs.items[0].text.contains("As an interim measure"));
        let home_office = recs.items.iter().find(|r| r.number == 2).unwrap();
        assert!(!home_office.asked && home_office.addressee == "To the Home Office");
    }

    #[test]
    fn a_manifest_keeps_every_field_it_knows_and_names_the_others_once() {
        let text = "notes = 'collection'\n[[document]]\npath = 'a.txt'\nforce = 'Kent Police'\nnotes = 'x'\nkind = 'reference'\n\
                    [[document]]\npath = 'b.txt'\ndate = 2021\nnotes = 'y'\nreport = 'r'\n[[document]]\nforce = 'x'\n";
        let m = parse_manifest(text).unwrap();
        assert_eq!(m.entries.len(), 2);
        assert_eq!(m.entries[0].force.as_deref(), Some("Kent Police"));
        assert_eq!((m.entries[1].date.as_deref(), m.entries[1].report.as_deref()), (None, Some("r")));
        assert_eq!(m.unknown.iter().collect::<Vec<_>>(), ["notes"]);
        assert!(m.entries[0].is_reference() && !m.entries[1].is_reference());
        assert_eq!(m.problems.len(), 2, "{:?}", m.problems);
        let bad = parse_manifest("[[document]]\npath = 'a.txt'\n\n[[document]\npath = 'b.txt'\n").unwrap_err();
        assert!(matches!(bad, ManifestError::Syntax { line: 4, .. }), "{bad:?}");
    }
}
