//! The tantivy paragraph index: building it (atomically, beside the old one), opening it, and
//! rebuilding it when the corpus has changed. Its schema and its directory have modules of their own.
pub mod dir;
pub mod fresh;
pub mod schema;
pub mod stats;
pub mod tokenizer;
pub mod update;

pub use dir::MARKER;
use dir::{claim, clear_leftovers, live, live_generation, lock, own, replace, swap_in, unique_suffix, META, STAGING};
pub use schema::{schema, Fields};

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use indicatif::ProgressBar;
use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::query::Query;
use tantivy::{Index, IndexReader, TantivyDocument};

use crate::corpus::{Corpus, FileState, Skip};
use crate::error::Error;
use crate::model::Recommendations;
use crate::model::{Document, Paragraph, RoleCounts};

/// Version of the index layout and of the segmentation that fills it. A change rebuilds indexes.
pub const FORMAT: &str = "echoes-index-16";
const TANTIVY: &str = "tantivy";
/// Memory the tantivy writer may use for its indexing threads before it writes a segment. Fewer,
/// larger segments mean less merging: 400 MB indexes a million paragraphs about 15% faster than 100 MB.
pub const WRITER_MEMORY: usize = 400_000_000;
/// Decompressed store blocks kept while reading documents in order.
const STORE_CACHE_BLOCKS: usize = 4;

/// What echoes records beside the tantivy files.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    pub format: String,
    pub corpus: PathBuf,
    pub fingerprint: String,
    /// The corpus's listing (paths, sizes, modification times) when it was indexed: while it is
    /// the same, the index is fresh without reading a file.
    #[serde(default)]
    pub listing: String,
    /// The reports the documents answer, with the recommendations quotation was recognised
    /// against (quoting a report's title is not copying either).
    pub reports: Vec<Recommendations>,
    /// The documents, kept in `documents.jsonl` beside the record (read only when asked for: a
    /// search needs none of them).
    #[serde(skip)]
    pub documents: Vec<Document>,
    pub skipped: Vec<Skip>,
    pub notes: Vec<String>,
    /// Each file read, as it was: what tells, without reading it, that a file is unchanged. Kept
    /// in `files.json`.
    #[serde(skip)]
    pub files: Vec<FileState>,
    /// Hash of the recommendations file the documents were read with (see [`Corpus::settings`]).
    #[serde(default)]
    pub settings: String,
    /// The words of the live paragraphs, kept exact across updates for search scores (see
    /// [`stats`]); none in a record written before it was kept.
    #[serde(default)]
    pub words: Option<stats::Words>,
}

/// What a build did: the summary `echoes index` prints.
#[derive(Debug, Clone, Serialize)]
pub struct BuildReport {
    pub index: PathBuf,
    pub documents: usize,
    pub paragraphs: RoleCounts,
    pub skipped: Vec<Skip>,
    pub notes: Vec<String>,
}

/// An open index.
pub struct Opened {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    /// The build's record, without its documents and files (see [`Opened::documents`]).
    pub meta: Meta,
    /// The build this is (the directory `current` pointed at when it was opened).
    pub generation: PathBuf,
    documents: std::sync::OnceLock<Vec<Document>>,
}

/// Prefix of results stored with a build (derived data: they go with the build they came from).
const STORED_PREFIX: &str = "stored-";
/// Most results stored with one build. Each set of thresholds and each attributed document is a
/// result of its own, and a server's clients choose thresholds: past this many, the least recently
/// stored are dropped, so that requests cannot fill the disk.
pub const MAX_STORED: usize = 24;
/// The kinds of result stored (the start of every name given to [`Opened::store`]): only files of
/// these names are ever dropped.
const STORED_KINDS: &[&str] = &["reuse-", "matrix-", "attribute-"];

impl Opened {
    /// A result stored with this build by [`Opened::store`], if there is one that can be read.
    pub fn stored<T: serde::de::DeserializeOwned>(&self, name: &str) -> Option<T> {
        let bytes = fs::read(self.generation.join(format!("{STORED_PREFIX}{name}.json"))).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Stores a result with this build, for the next command to reuse (`name` starts with one of
    /// [`STORED_KINDS`]). Best effort: a read-only or
    /// full disk only means the next command computes it again.
    pub fn store<T: Serialize>(&self, name: &str, value: &T) {
        debug_assert!(STORED_KINDS.iter().any(|k| name.starts_with(k)), "{name}");
        let path = self.generation.join(format!("{STORED_PREFIX}{name}.json"));
        let tmp = self.generation.join(format!(".{STORED_PREFIX}{name}.{}", unique_suffix()));
        let written = fs::File::create(&tmp).ok().is_some_and(|f| {
            let mut w = std::io::BufWriter::new(f);
            serde_json::to_writer(&mut w, value).is_ok() && std::io::Write::flush(&mut w).is_ok()
        });
        if !written || fs::rename(&tmp, &path).is_err() {
            let _ = fs::remove_file(&tmp);
            return;
        }
        self.forget_oldest_stored(&path);
    }

    /// Drops the least recently stored results past [`MAX_STORED`], never `kept` (the one just
    /// stored). Only files of this build's own naming are touched.
    fn forget_oldest_stored(&self, kept: &Path) {
        let Ok(entries) = fs::read_dir(&self.generation) else { return };
        let mut stored: Vec<(std::time::SystemTime, PathBuf)> = entries
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.strip_prefix(STORED_PREFIX)
                    .is_some_and(|kind| STORED_KINDS.iter().any(|k| kind.starts_with(k)) && kind.ends_with(".json"))
            })
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .filter(|(_, path)| path != kept)
            .collect();
        if stored.len() < MAX_STORED {
            return;
        }
        stored.sort();
        for (_, path) in &stored[..stored.len() + 1 - MAX_STORED] {
            let _ = fs::remove_file(path);
        }
    }

    /// Every paragraph in the index, in document and paragraph order. Reads each segment's
    /// document store from start to end, which is far faster than fetching documents one by one.
    pub fn all_paragraphs(&self) -> anyhow::Result<Vec<Paragraph>> {
        use rayon::prelude::*;
        let searcher = self.reader.searcher();
        // Each segment's store read on its own core.
        let per_segment: Vec<Vec<Paragraph>> = searcher
            .segment_readers()
            .par_iter()
            .map(|segment| -> anyhow::Result<Vec<Paragraph>> {
                let store = segment.get_store_reader(STORE_CACHE_BLOCKS)?;
                let mut out = Vec::with_capacity(segment.num_docs() as usize);
                for d in store.iter::<TantivyDocument>(segment.alive_bitset()) {
                    out.push(self.fields.paragraph(&d?));
                }
                Ok(out)
            })
            .collect::<anyhow::Result<_>>()?;
        let mut out = Vec::with_capacity(searcher.num_docs() as usize);
        per_segment.into_iter().for_each(|mut s| out.append(&mut s));
        self.sort(&mut out);
        Ok(out)
    }

    /// Each paragraph of a document as its number and role, in order, read from the fast fields
    /// alone (no stored text is decompressed): what copied runs ask of the paragraphs between two
    /// findings.
    pub fn roles_of(&self, doc: &str) -> anyhow::Result<Vec<(u32, crate::model::Role)>> {
        let searcher = self.reader.searcher();
        let term = tantivy::Term::from_field_text(self.fields.doc, doc);
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        let mut out = Vec::new();
        let mut name = String::new();
        for address in searcher.search(&query, &DocSetCollector)? {
            let fast = searcher.segment_reader(address.segment_ord).fast_fields();
            let number = fast.u64("paragraph")?.first(address.doc_id).unwrap_or(0) as u32;
            let roles = fast.str("role")?;
            let ord = roles.as_ref().and_then(|r| r.term_ords(address.doc_id).next().map(|o| (r, o)));
            let role = match ord {
                Some((r, o)) => {
                    name.clear();
                    r.ord_to_str(o, &mut name)?;
                    name.parse().unwrap_or(crate::model::Role::Preamble)
                }
                None => crate::model::Role::Preamble,
            };
            out.push((number, role));
        }
        out.sort_unstable_by_key(|p| p.0);
        Ok(out)
    }

    /// The paragraphs matching a query, in document and paragraph order.
    pub fn paragraphs_matching(&self, query: &dyn Query) -> anyhow::Result<Vec<Paragraph>> {
        let searcher = self.reader.searcher();
        let addresses = searcher.search(query, &DocSetCollector)?;
        let mut out = Vec::with_capacity(addresses.len());
        for address in addresses {
            let d: TantivyDocument = searcher.doc(address)?;
            out.push(self.fields.paragraph(&d));
        }
        self.sort(&mut out);
        Ok(out)
    }

    /// Puts paragraphs in corpus order: documents in path order (as they are listed), paragraphs
    /// in reading order.
    fn sort(&self, paragraphs: &mut [Paragraph]) {
        use rayon::slice::ParallelSliceMut;
        paragraphs.par_sort_by(|a, b| a.path.cmp(&b.path).then(a.paragraph.cmp(&b.paragraph)));
    }

    /// The documents of the index, in path order, read from the build on first use.
    pub fn documents(&self) -> Result<&[Document], Error> {
        if let Some(d) = self.documents.get() {
            return Ok(d);
        }
        let path = self.generation.join(DOCUMENTS);
        let read = fs::read(&path).ok().and_then(|bytes| documents_from_lines(&bytes)).ok_or_else(|| {
            Error::BadIndex { path: self.generation.clone(), reason: format!("{} cannot be read", path.display()) }
        })?;
        Ok(self.documents.get_or_init(|| read))
    }

    /// BM25's statistics for a search of this build: those of its live paragraphs only.
    pub fn live_stats<'a>(&'a self, searcher: &'a tantivy::Searcher) -> stats::LiveStats<'a> {
        stats::LiveStats::new(searcher, self.fields, self.meta.words)
    }

    /// The distinct forces in the index, sorted.
    pub fn forces(&self) -> Result<Vec<String>, Error> {
        let mut v: Vec<String> = self.documents()?.iter().filter_map(|d| d.force.clone()).collect();
        v.sort_by(|a, b| crate::model::name_order(a, b));
        v.dedup();
        Ok(v)
    }
}

/// Ingests the corpus files `keep` selects, writes their paragraphs and commits: their documents,
/// in path order, and their paragraphs per role. (Deletions the writer holds are committed with
/// them.)
fn write_documents(
    mut writer: tantivy::IndexWriter,
    fields: Fields,
    corpus: &Corpus,
    keep: impl Fn(&str) -> bool,
    progress: &ProgressBar,
) -> anyhow::Result<(Vec<Document>, RoleCounts)> {
    let files = corpus.files.iter().filter(|f| keep(&f.path)).count() as u64;
    if files == 0 {
        // No file to read: no progress to draw.
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    progress.set_length(files);
    let mut counts = RoleCounts::default();
    let mut documents = Vec::new();
    for ingested in crate::ingest::ingest_only(corpus, keep) {
        for p in &ingested.paragraphs {
            writer.add_document(fields.to_document(p, ingested.document.date.as_deref()))?;
        }
        counts.merge(&ingested.document.paragraphs);
        documents.push(ingested.document);
        progress.inc(1);
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    progress.finish_and_clear();
    Ok((documents, counts))
}

/// Beside the record: the documents, and the files as they were read.
/// The documents, one JSON object a line: read back on every core.
const DOCUMENTS: &str = "documents.jsonl";
const FILES: &str = "files.json";

/// Documents as JSON lines (a document's JSON holds no raw line break).
fn documents_to_lines(documents: &[Document]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(documents.len() * 320);
    for d in documents {
        serde_json::to_writer(&mut out, d)?;
        out.push(b'\n');
    }
    Ok(out)
}

/// Documents read back from [`documents_to_lines`], the lines parsed on every core; `None` if any
/// line is not a document.
fn documents_from_lines(bytes: &[u8]) -> Option<Vec<Document>> {
    use rayon::prelude::*;
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
    lines.par_iter().map(|line| serde_json::from_slice(line).ok()).collect()
}

/// Writes a build's record into its directory: the documents and files first, the record last (a
/// reader that finds the new record finds what it describes).
fn write_meta(generation: &Path, meta: &Meta) -> anyhow::Result<()> {
    replace(&generation.join(DOCUMENTS), &documents_to_lines(&meta.documents)?)?;
    write_files_and_record(generation, meta)
}

/// Writes a build's files and record, its documents left as they are (when only the listing and
/// the files' times changed).
fn write_files_and_record(generation: &Path, meta: &Meta) -> anyhow::Result<()> {
    replace(&generation.join(FILES), &serde_json::to_vec(&meta.files)?)?;
    replace(&generation.join(META), &serde_json::to_vec_pretty(meta)?)
}

/// The files of a build as they were read (without its documents, which a freshness check needs
/// none of).
fn read_files(generation: &Path) -> Option<Vec<FileState>> {
    serde_json::from_slice(&fs::read(generation.join(FILES)).ok()?).ok()
}

/// A build's whole record, its documents and files included.
fn read_meta_full(generation: &Path) -> Option<Meta> {
    let mut meta = read_meta(generation)?;
    meta.documents = documents_from_lines(&fs::read(generation.join(DOCUMENTS)).ok()?)?;
    meta.files = read_files(generation)?;
    Some(meta)
}

fn read_meta(live: &Path) -> Option<Meta> {
    let raw = fs::read_to_string(live.join(META)).ok()?;
    serde_json::from_str(&raw).ok()
}

/// Builds the index for `corpus` into `dir`, replacing any index there only once the new one is
/// complete. Fails with [`Error::IndexBusy`] if another process is building it.
pub fn build(corpus: &Corpus, dir: &Path, progress: &ProgressBar) -> anyhow::Result<BuildReport> {
    claim(dir)?;
    let _lock = lock(dir, false)?;
    build_locked(corpus, dir, progress)
}

/// [`build`], with the lock already held.
fn build_locked(corpus: &Corpus, dir: &Path, progress: &ProgressBar) -> anyhow::Result<BuildReport> {
    let staging_name = format!("{STAGING}{}", unique_suffix());
    let staging = dir.join(&staging_name);
    let built = clear_leftovers(dir)
        .and_then(|()| own(dir, &[&staging_name]))
        .and_then(|()| build_into(corpus, dir, &staging, progress));
    if built.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    built.map_err(|e| {
        if is_disk_full(&e) {
            Error::DiskFull(dir.to_path_buf()).into()
        } else {
            e.context(format!("building the index in {} failed; the index there is unchanged", dir.display()))
        }
    })
}

/// Whether an error comes from a full disk (or quota), however deep tantivy wrapped it.
fn is_disk_full(e: &anyhow::Error) -> bool {
    fn full(io: &std::io::Error) -> bool {
        matches!(io.kind(), std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded)
            || io.raw_os_error() == Some(28)
            // tantivy wraps some IO errors in another: its cause is the one that counts.
            || io.get_ref().and_then(|inner| inner.downcast_ref::<std::io::Error>()).is_some_and(full)
            || io.get_ref().is_some_and(|inner| inner.to_string().contains("(os error 28)"))
    }
    e.chain().any(|cause| {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            return full(io);
        }
        match cause.downcast_ref::<tantivy::TantivyError>() {
            Some(tantivy::TantivyError::IoError(io)) => full(io),
            Some(tantivy::TantivyError::OpenWriteError(tantivy::directory::error::OpenWriteError::IoError {
                io_error,
                ..
            })) => full(io_error),
            // Errors from tantivy's writer threads reach us as text only.
            Some(tantivy::TantivyError::InternalError(text)) => text.contains("(os error 28)"),
            _ => false,
        }
    })
}

/// Builds into `staging`, then swaps it in as the live index of `dir`.
fn build_into(corpus: &Corpus, dir: &Path, staging: &Path, progress: &ProgressBar) -> anyhow::Result<BuildReport> {
    let tantivy_dir = staging.join(TANTIVY);
    fs::create_dir_all(&tantivy_dir).with_context(|| format!("cannot create {}", tantivy_dir.display()))?;

    let schema = schema();
    let fields = Fields::from_schema(&schema).map_err(anyhow::Error::msg)?;
    let index = Index::create_in_dir(&tantivy_dir, schema)
        .with_context(|| format!("cannot create an index in {}", tantivy_dir.display()))?;
    tokenizer::register(&index);
    let writer: tantivy::IndexWriter = index.writer(WRITER_MEMORY)?;

    let (documents, counts) = write_documents(writer, fields, corpus, |_| true, progress)?;
    // A fresh build deletes nothing: what its segments record is exact.
    let words = stats::Words::recorded(&index.reader()?.searcher(), fields)?;

    let meta = Meta {
        format: FORMAT.to_string(),
        corpus: corpus.dir.canonicalize().unwrap_or_else(|_| corpus.dir.clone()),
        fingerprint: corpus.fingerprint.clone(),
        listing: corpus.listing.clone(),
        reports: corpus.reports.clone(),
        documents,
        skipped: corpus.skipped.clone(),
        notes: corpus.notes.clone(),
        files: corpus.files.iter().map(|f| f.state.clone()).collect(),
        settings: corpus.settings.clone(),
        words: Some(words),
    };
    write_meta(staging, &meta)?;
    swap_in(dir, staging)?;
    Ok(BuildReport {
        index: dir.to_path_buf(),
        documents: meta.documents.len(),
        paragraphs: counts,
        skipped: meta.skipped,
        notes: meta.notes,
    })
}

/// Opens the index in `dir` as it is.
pub fn open(dir: &Path) -> anyhow::Result<Opened> {
    let generation = live_generation(dir);
    let meta = read_meta(&generation);
    open_generation(dir, generation, meta)
}

/// Opens one build of the index, whose record has been read already.
fn open_generation(dir: &Path, generation: PathBuf, meta: Option<Meta>) -> anyhow::Result<Opened> {
    let bad = |reason: String| Error::BadIndex { path: dir.to_path_buf(), reason };
    let meta = meta.ok_or_else(|| bad("no readable echoes.json".into()))?;
    if meta.format != FORMAT {
        return Err(bad(format!("format {} (this echoes reads {FORMAT})", meta.format)).into());
    }
    let index = Index::open_in_dir(generation.join(TANTIVY)).map_err(|e| bad(describe(&e)))?;
    tokenizer::register(&index);
    let fields = Fields::from_schema(&index.schema()).map_err(bad)?;
    // Kept on the commit it opened, as its documents are: a change in place (echoes add) is seen
    // by opening the index again (see [`build_signature`]), never half.
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .map_err(|e| bad(describe(&e)))?;
    Ok(Opened { index, reader, fields, meta, generation, documents: std::sync::OnceLock::new() })
}

/// What tells one build of the index in `dir` from the next, without opening it: the build
/// `current` leads to, and its record's size and time (an update in place replaces the record
/// last). `None` when there is no readable record.
pub fn build_signature(dir: &Path) -> Option<(PathBuf, std::time::SystemTime, u64)> {
    let generation = live(dir).canonicalize().ok()?;
    let meta = fs::metadata(generation.join(META)).ok()?;
    Some((generation, meta.modified().ok()?, meta.len()))
}

/// Whether the live index in `dir` is damaged: its record unreadable, or a segment file whose
/// checksum does not match its content. Reads every file of the index: for after a failure, not
/// before every command.
pub fn damaged(dir: &Path) -> bool {
    let current = live(dir);
    if read_meta_full(&current).is_none() {
        return fs::symlink_metadata(&current).is_ok();
    }
    match Index::open_in_dir(current.join(TANTIVY)) {
        Ok(index) => index.validate_checksum().map_or(true, |bad| !bad.is_empty()),
        Err(_) => true,
    }
}

/// A tantivy error in a few plain words: what failed, without the debug dump of its causes.
fn describe(e: &tantivy::TantivyError) -> String {
    let full = e.to_string();
    let plain = full.split(['{', '\'', '(']).next().unwrap_or("").trim_end_matches([' ', ':', '`']);
    if plain.len() < full.len() {
        format!("{plain}: the index files are damaged")
    } else {
        full
    }
}
