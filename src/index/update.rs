//! Changing the index without reading every file again: documents added by `echoes add`, and the
//! documents of the files that changed since the index was built, read and replaced by id. The
//! live build is never written to: the change is made in a new build that shares the live one's
//! segment files (hard links), and swapped in with its record in one rename, as a full build is.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

use anyhow::Context;
use indicatif::ProgressBar;
use serde::Serialize;

use super::dir::{claim, clear_leftovers, lock, own, swap_in, unique_suffix, META, STAGING};
use super::stats;
use super::{
    build_locked, open, read_meta_full, write_documents, write_meta, BuildReport, Meta, Opened, DOCUMENTS, FILES,
    STORED_PREFIX, TANTIVY, WRITER_MEMORY,
};
use crate::corpus::Corpus;
use crate::model::{Document, RoleCounts};

/// What an update in place changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
}

/// Adds the corpus files `added` to the index without rebuilding it (see [`apply`]). Falls back to
/// a full build when there is no usable index, or when an added file changes the id of a document
/// already indexed. Returns the report and whether the change was incremental.
pub fn add(
    corpus: &Corpus,
    dir: &Path,
    added: &[String],
    progress: &ProgressBar,
) -> anyhow::Result<(BuildReport, bool)> {
    claim(dir)?;
    // Queued behind a build in progress rather than refused: the files are already in the corpus.
    let _lock = lock(dir, true)?;
    clear_leftovers(dir)?;
    let reread: HashSet<&str> = added.iter().map(String::as_str).collect();
    match apply(corpus, dir, &reread, &ProgressBar::hidden())? {
        Some((mut report, _)) => {
            report.documents = added.len();
            Ok((report, true))
        }
        None => Ok((build_locked(corpus, dir, progress)?, false)),
    }
}

/// Brings the index up to date with `corpus` without reading the files it holds unchanged: the
/// documents of changed and removed files are deleted by id, those of new and changed files
/// added. `None` when only a full build will do (see [`apply`]).
pub fn update(corpus: &Corpus, dir: &Path, progress: &ProgressBar) -> anyhow::Result<Option<(BuildReport, Changes)>> {
    claim(dir)?;
    let _lock = lock(dir, false)?;
    // What an interrupted build or update left is removed first (only what the marker records).
    clear_leftovers(dir)?;
    let reread: HashSet<&str> = corpus.files.iter().filter(|f| !f.unchanged).map(|f| f.path.as_str()).collect();
    apply(corpus, dir, &reread, progress)
}

/// The one way the index changes short of a full build, for `add` and for updates alike: the
/// files of `corpus` in `reread` are read and their documents replace those of the same path,
/// the documents of files no longer in the corpus are deleted, and the rest are kept as indexed.
/// The record (fingerprint, listing, skipped files, notes, words) is that of `corpus`, as a fresh
/// build would write it. `None` when only a full build will do: no index or record of its files,
/// another recommendations file, or a kept file whose document id would change. Called with the
/// lock held.
fn apply(
    corpus: &Corpus,
    dir: &Path,
    reread: &HashSet<&str>,
    progress: &ProgressBar,
) -> anyhow::Result<Option<(BuildReport, Changes)>> {
    let Ok(opened) = open(dir) else { return Ok(None) };
    let Some(meta) = read_meta_full(&opened.generation) else { return Ok(None) };
    if meta.files.is_empty() || meta.settings != corpus.settings {
        return Ok(None);
    }
    let ids = crate::ingest::document_ids(corpus);
    let indexed: HashMap<&str, &Document> = meta.documents.iter().map(|d| (d.path.as_str(), d)).collect();
    let kept_paths = corpus.files.iter().map(|f| f.path.as_str()).filter(|p| !reread.contains(p));
    if kept_paths.clone().any(|p| indexed.get(p).map(|d| &d.doc) != ids.get(p)) {
        return Ok(None);
    }
    let kept: HashSet<&str> = kept_paths.collect();
    let present: HashSet<&str> = corpus.files.iter().map(|f| f.path.as_str()).collect();
    let deleted: Vec<&Document> = meta.documents.iter().filter(|d| !kept.contains(d.path.as_str())).collect();
    let changes = Changes {
        added: reread.iter().filter(|p| !indexed.contains_key(*p)).count(),
        changed: deleted.iter().filter(|d| present.contains(d.path.as_str())).count(),
        removed: deleted.iter().filter(|d| !present.contains(d.path.as_str())).count(),
    };
    let staging_name = format!("{STAGING}{}", unique_suffix());
    let staging = dir.join(&staging_name);
    own(dir, &[&staging_name])?;
    let done =
        change_into(corpus, &opened, &meta, &staging, &deleted, &ids, reread, progress).and_then(|(record, counts)| {
            swap_in(dir, &staging)?;
            Ok((record, counts))
        });
    let (record, counts) = match done {
        Ok(done) => done,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(
                e.context(format!("updating the index in {} failed; the index there is unchanged", dir.display()))
            );
        }
    };
    let report = BuildReport {
        index: dir.to_path_buf(),
        documents: reread.len(),
        paragraphs: counts,
        skipped: record.skipped,
        notes: record.notes,
    };
    Ok(Some((report, changes)))
}

/// Makes the changed build in `staging`: the live build's segment files linked in, the deletions
/// and additions committed there, and its record written beside them.
#[allow(clippy::too_many_arguments)]
fn change_into(
    corpus: &Corpus,
    opened: &Opened,
    meta: &Meta,
    staging: &Path,
    deleted: &[&Document],
    ids: &HashMap<String, String>,
    reread: &HashSet<&str>,
    progress: &ProgressBar,
) -> anyhow::Result<(Meta, RoleCounts)> {
    let index = link_segments(&opened.index, &opened.generation.join(TANTIVY), &staging.join(TANTIVY))?;
    keep_foreign_files(&opened.generation, staging);
    let fields = opened.fields;
    let writer: tantivy::IndexWriter = index.writer(WRITER_MEMORY)?;
    // Deletions first: a delete applies to the documents added before it. The ids the re-read
    // files will have are deleted too, so that no document can ever be indexed twice.
    let doomed: HashSet<&str> = deleted
        .iter()
        .map(|d| d.doc.as_str())
        .chain(reread.iter().filter_map(|p| ids.get(*p).map(String::as_str)))
        .collect();
    for doc in &doomed {
        writer.delete_term(tantivy::Term::from_field_text(fields.doc, doc));
    }
    // The words of the documents deleted, counted in the build they leave, and then of those
    // added: the live words stay exact, whatever the segments merged estimate.
    let before = opened.reader.searcher();
    let gone_ids: Vec<&str> = deleted.iter().map(|d| d.doc.as_str()).collect();
    let gone = stats::Words::of_documents(&before, fields, &gone_ids)?;
    let recorded = match meta.words {
        Some(words) => words,
        None => stats::Words::recorded(&before, fields)?,
    };
    let (new, counts) = write_documents(writer, fields, corpus, |p| reread.contains(p), progress)?;
    let after: tantivy::IndexReader = index.reader_builder().reload_policy(tantivy::ReloadPolicy::Manual).try_into()?;
    let new_ids: Vec<&str> = new.iter().map(|d| d.doc.as_str()).collect();
    let added = stats::Words::of_documents(&after.searcher(), fields, &new_ids)?;
    let mut documents: Vec<Document> =
        meta.documents.iter().filter(|d| !deleted.iter().any(|g| g.path == d.path)).cloned().collect();
    documents.extend(new);
    documents.sort_by(|a, b| a.path.cmp(&b.path));
    let record = Meta {
        fingerprint: corpus.fingerprint.clone(),
        listing: corpus.listing.clone(),
        documents,
        skipped: corpus.skipped.clone(),
        notes: corpus.notes.clone(),
        files: corpus.files.iter().map(|f| f.state.clone()).collect(),
        settings: corpus.settings.clone(),
        words: Some(recorded.updated(gone, added)),
        ..meta.clone()
    };
    write_meta(staging, &record)?;
    Ok((record, counts))
}

/// A new tantivy index in `to` holding what `live` (in `source`) holds: the files its last commit uses, linked
/// (copied where links cannot be made), and its `meta.json`. Nothing else is taken: a file an
/// interrupted change of the live build left (a delete file never committed) is not, and cannot
/// stand in the way of the next commit.
fn link_segments(live: &tantivy::Index, source: &Path, to: &Path) -> anyhow::Result<tantivy::Index> {
    let metas = live.load_metas()?;
    fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    let files = metas.list_segment_files().into_iter().chain([std::path::PathBuf::from("meta.json")]);
    for file in files {
        let (src, dst) = (source.join(&file), to.join(&file));
        if !src.exists() {
            continue;
        }
        if fs::hard_link(&src, &dst).is_err() {
            fs::copy(&src, &dst).with_context(|| format!("cannot copy {} to {}", src.display(), dst.display()))?;
        }
    }
    let index = tantivy::Index::open_in_dir(to).with_context(|| format!("cannot open {}", to.display()))?;
    super::tokenizer::register(&index);
    Ok(index)
}

/// Files a user put in the live build's folder (not echoes' own: its record, documents, files,
/// stored results, tantivy folder or temporary files) go with the change to the new build, as
/// links: the old build's removal must not take them.
fn keep_foreign_files(live: &Path, staging: &Path) {
    let Ok(entries) = fs::read_dir(live) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let own = [TANTIVY, DOCUMENTS, FILES, META].contains(&name.as_str())
            || name.starts_with(STORED_PREFIX)
            || name.starts_with('.');
        if own || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        if fs::hard_link(entry.path(), staging.join(&name)).is_err() {
            let _ = fs::copy(entry.path(), staging.join(&name));
        }
    }
}
