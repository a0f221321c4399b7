//! Changing the live index in place: documents added by `echoes add`, and the documents of the
//! files that changed since the index was built, read again and replaced by id.

use std::fs;
use std::path::Path;

use indicatif::ProgressBar;
use serde::Serialize;

use super::dir::{claim, clear_leftovers, live, lock};
use super::stats;
use super::{
    build_locked, open, read_meta_full, write_documents, write_meta, BuildReport, Meta, STORED_PREFIX, WRITER_MEMORY,
};
use crate::corpus::Corpus;
use crate::model::Document;

/// What an update in place changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
}

/// Adds the corpus files `added` to the live index in place, without rebuilding it: their
/// paragraphs are committed to the live tantivy index (atomically, as every tantivy commit is), then
/// `echoes.json` is replaced. Falls back to a full build when there is no usable index, or when an
/// added file changes the id of a document already indexed. Returns the report and whether the
/// update was incremental.
pub fn add(
    corpus: &Corpus,
    dir: &Path,
    added: &[String],
    progress: &ProgressBar,
) -> anyhow::Result<(BuildReport, bool)> {
    let ids = crate::ingest::document_ids(corpus);
    claim(dir)?;
    // Queued behind a build in progress rather than refused: the files are already in the corpus.
    let _lock = lock(dir, true)?;
    let usable = open(dir).ok().and_then(|o| Some((read_meta_full(&o.generation)?, o))).filter(|(meta, _)| {
        let indexed: std::collections::HashSet<&str> = meta.documents.iter().map(|d| d.path.as_str()).collect();
        meta.documents.iter().all(|d| ids.get(&d.path) == Some(&d.doc))
            && corpus.files.iter().all(|f| added.contains(&f.path) || indexed.contains(f.path.as_str()))
    });
    let Some((mut meta, opened)) = usable else {
        return Ok((build_locked(corpus, dir, progress)?, false));
    };
    let writer: tantivy::IndexWriter = opened.index.writer(WRITER_MEMORY)?;
    let (new, counts) =
        write_documents(writer, opened.fields, corpus, |p| added.iter().any(|a| a == p), &ProgressBar::hidden())?;
    let documents = new.len();
    meta.documents.retain(|d| !new.iter().any(|n| n.path == d.path));
    meta.documents.extend(new);
    // Results stored with the build were computed without the added documents.
    drop_stored(&opened.generation);
    meta.documents.sort_by(|a, b| a.path.cmp(&b.path));
    meta.fingerprint = corpus.fingerprint.clone();
    meta.listing = corpus.listing.clone();
    meta.skipped = corpus.skipped.clone();
    meta.notes = corpus.notes.clone();
    meta.files = corpus.files.iter().map(|f| f.state.clone()).collect();
    meta.settings = corpus.settings.clone();
    write_live_meta(dir, &meta)?;
    Ok((
        BuildReport {
            index: dir.to_path_buf(),
            documents,
            paragraphs: counts,
            skipped: meta.skipped,
            notes: meta.notes,
        },
        true,
    ))
}

/// Replaces the live build's record.
fn write_live_meta(dir: &Path, meta: &Meta) -> anyhow::Result<()> {
    write_meta(&live(dir), meta)
}

/// Removes the results stored with a build (computed from documents that have since changed).
fn drop_stored(generation: &Path) {
    if let Ok(entries) = fs::read_dir(generation) {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(STORED_PREFIX) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// Brings the live index up to date with `corpus` in place, re-reading only what changed: the
/// documents of changed and removed files are deleted by id, those of new and changed files added,
/// and the record replaced; the unchanged files (which `corpus` may not even have read) stay as
/// they are. `None` when only a full build will do: no index or record of its files, another
/// recommendations file, or an unchanged file whose document id would change.
pub fn update(corpus: &Corpus, dir: &Path, progress: &ProgressBar) -> anyhow::Result<Option<(BuildReport, Changes)>> {
    claim(dir)?;
    let _lock = lock(dir, false)?;
    // What an interrupted build left is removed here too (only what the marker records).
    clear_leftovers(dir)?;
    let Ok(opened) = open(dir) else { return Ok(None) };
    let Some(meta) = read_meta_full(&opened.generation) else { return Ok(None) };
    let meta = &meta;
    if meta.files.is_empty() || meta.settings != corpus.settings {
        return Ok(None);
    }
    let ids = crate::ingest::document_ids(corpus);
    let indexed: std::collections::HashMap<&str, &Document> =
        meta.documents.iter().map(|d| (d.path.as_str(), d)).collect();
    if corpus
        .files
        .iter()
        .filter(|f| f.unchanged)
        .any(|f| indexed.get(f.path.as_str()).map(|d| &d.doc) != ids.get(&f.path))
    {
        return Ok(None);
    }
    let present: std::collections::HashSet<&str> = corpus.files.iter().map(|f| f.path.as_str()).collect();
    let reread: std::collections::HashSet<&str> =
        corpus.files.iter().filter(|f| !f.unchanged).map(|f| f.path.as_str()).collect();
    let mut changes = Changes::default();
    let writer: tantivy::IndexWriter = opened.index.writer(WRITER_MEMORY)?;
    // Deletions first: a delete applies to the documents added before it.
    for d in &meta.documents {
        let gone = !present.contains(d.path.as_str());
        if gone || reread.contains(d.path.as_str()) {
            writer.delete_term(tantivy::Term::from_field_text(opened.fields.doc, &d.doc));
            if gone {
                changes.removed += 1;
            } else {
                changes.changed += 1;
            }
        }
    }
    // And under the ids they will have: an update killed after its commit, before its record,
    // left them indexed; deleting first keeps the next update from adding them twice.
    for path in &reread {
        if let Some(id) = ids.get(*path) {
            writer.delete_term(tantivy::Term::from_field_text(opened.fields.doc, id));
        }
    }
    changes.added = reread.iter().filter(|p| !indexed.contains_key(*p)).count();
    let mut documents: Vec<Document> = meta
        .documents
        .iter()
        .filter(|d| present.contains(d.path.as_str()) && !reread.contains(d.path.as_str()))
        .cloned()
        .collect();
    // The words of the documents deleted, counted before the deletions are committed, and then of
    // those added: the live words stay exact, whatever the segments merged estimate.
    let before = opened.reader.searcher();
    let deleted: Vec<&str> = meta
        .documents
        .iter()
        .filter(|d| !present.contains(d.path.as_str()) || reread.contains(d.path.as_str()))
        .map(|d| d.doc.as_str())
        .collect();
    let gone = stats::Words::of_documents(&before, opened.fields, &deleted)?;
    let recorded = match meta.words {
        Some(words) => words,
        None => stats::Words::recorded(&before, opened.fields)?,
    };
    let (new, counts) = write_documents(writer, opened.fields, corpus, |p| reread.contains(p), progress)?;
    let after = opened.index.reader_builder().reload_policy(tantivy::ReloadPolicy::Manual).try_into()?;
    let new_ids: Vec<&str> = new.iter().map(|d| d.doc.as_str()).collect();
    let added = stats::Words::of_documents(&after.searcher(), opened.fields, &new_ids)?;
    let words = Some(recorded.updated(gone, added));
    documents.extend(new);
    drop_stored(&opened.generation);
    documents.sort_by(|a, b| a.path.cmp(&b.path));
    let meta = Meta {
        fingerprint: corpus.fingerprint.clone(),
        listing: corpus.listing.clone(),
        documents,
        skipped: corpus.skipped.clone(),
        notes: corpus.notes.clone(),
        files: corpus.files.iter().map(|f| f.state.clone()).collect(),
        words,
        ..meta.clone()
    };
    write_live_meta(dir, &meta)?;
    let report = BuildReport {
        index: dir.to_path_buf(),
        documents: reread.len(),
        paragraphs: counts,
        skipped: meta.skipped,
        notes: meta.notes,
    };
    Ok(Some((report, changes)))
}
