//! Keeping the index fresh: the listing tells when the corpus changed; then only the changed files
//! are read and updated in place, or everything is built again when it must be.

use std::fs;
use std::path::Path;

use indicatif::ProgressBar;

use super::dir::{live, live_generation, lock, tidy, wait_for_build, wait_limit};
use super::{build, open, open_generation, read_files, read_meta, write_files_and_record, BuildReport, FORMAT};
use crate::corpus::{self, Corpus};
use crate::error::Error;

use super::update::{update, Changes};
use super::Opened;

/// Why an index is being (re)built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Staleness {
    Missing,
    CorpusChanged,
    /// Built by another version of echoes (another layout or segmentation).
    OtherVersion,
    Unreadable,
}

/// What [`open_fresh`] found.
#[derive(Debug)]
pub enum Freshness {
    /// The index was up to date.
    Fresh,
    /// It was (re)built first, for this reason.
    Built(Staleness, BuildReport),
    /// The corpus had changed: the documents of the changed files were read and updated in place
    /// (the report counts those).
    Updated(BuildReport, Changes),
    /// It is out of date, but another process is rebuilding it: this is the index as it was.
    Busy,
}

/// Records a new listing for an index whose corpus is unchanged in content. Best effort: skipped
/// while another process holds the lock, or if the record cannot be written.
fn remember_listing(dir: &Path, corpus: &Corpus) {
    let Ok(_lock) = lock(dir, false) else { return };
    let current = live(dir);
    let Some(mut meta) = read_meta(&current) else { return };
    meta.listing = corpus.listing.clone();
    // The files' new times, so that they are not read again either; the documents are unchanged.
    meta.files = corpus.files.iter().map(|f| f.state.clone()).collect();
    let _ = write_files_and_record(&current, &meta);
}

/// Opens the index for `corpus_dir`, building it first if it is missing, unreadable or older than
/// the corpus. While another process rebuilds it, the index as it was is opened; when there is
/// none yet, the other build is waited for (at most [`wait_limit`]), and then looked at afresh.
pub fn open_fresh(
    corpus_dir: &Path,
    dir: &Path,
    limits: &corpus::Limits,
    progress: &ProgressBar,
) -> anyhow::Result<(Opened, Freshness)> {
    match open_fresh_now(corpus_dir, dir, limits, progress) {
        Err(e) if matches!(e.downcast_ref::<Error>(), Some(Error::IndexBusy(_))) => {
            let limit = wait_limit();
            if !wait_for_build(dir, limit) {
                return Err(Error::BuildTooLong { path: dir.to_path_buf(), secs: limit.as_secs_f64() }.into());
            }
            open_fresh_now(corpus_dir, dir, limits, progress)
        }
        other => other,
    }
}

/// [`open_fresh`], without waiting for another process's build.
fn open_fresh_now(
    corpus_dir: &Path,
    dir: &Path,
    limits: &corpus::Limits,
    progress: &ProgressBar,
) -> anyhow::Result<(Opened, Freshness)> {
    // The listing first: when no file's path, size or time has changed, nothing is read.
    let listing = corpus::look_over(corpus_dir, limits)?;
    // Its record is read once, from the build it describes.
    let generation = live_generation(dir);
    let recorded = read_meta(&generation);
    let current =
        recorded.as_ref().is_some_and(|m| m.format == FORMAT && !m.listing.is_empty() && m.listing == listing.hash);
    if current {
        if let Ok(opened) = open_generation(dir, generation.clone(), recorded.clone()) {
            tidy(dir);
            return Ok((opened, Freshness::Fresh));
        }
    }
    // Files whose size, time and manifest entry are as the index recorded them are not read again.
    let known: corpus::Known = match &recorded {
        Some(m) if m.format == FORMAT => {
            read_files(&generation).unwrap_or_default().into_iter().map(|f| (f.path.clone(), f)).collect()
        }
        _ => corpus::Known::new(),
    };
    let mut corpus = corpus::load_known(corpus_dir, limits, &listing, &known)?;
    let staleness = match recorded {
        None if fs::symlink_metadata(live(dir)).is_err() => Some(Staleness::Missing),
        None => Some(Staleness::Unreadable),
        Some(meta) if meta.format != FORMAT => Some(Staleness::OtherVersion),
        Some(meta) if meta.fingerprint != corpus.fingerprint => Some(Staleness::CorpusChanged),
        Some(_) => None,
    };
    // An index whose files cannot be opened is derived data: it is rebuilt, not reported.
    let (staleness, opened) = match staleness {
        Some(why) => (Some(why), None),
        None => match open(dir) {
            Ok(opened) => (None, Some(opened)),
            Err(_) => (Some(Staleness::Unreadable), None),
        },
    };
    let Some(why) = staleness else {
        // The same texts under a new listing (files touched, copied over with the same content):
        // remembered, so that the next command need not read them again.
        remember_listing(dir, &corpus);
        tidy(dir);
        return Ok((opened.expect("opened when fresh"), Freshness::Fresh));
    };
    let busy = |e: anyhow::Error| match (e.downcast_ref::<Error>(), open(dir)) {
        (Some(Error::IndexBusy(_)), Ok(opened)) => Ok((opened, Freshness::Busy)),
        _ => Err(e),
    };
    if why == Staleness::CorpusChanged {
        match update(&corpus, dir, progress) {
            Ok(Some((report, changes))) => return Ok((open(dir)?, Freshness::Updated(report, changes))),
            Ok(None) => {}
            Err(e) => return busy(e),
        }
    }
    // A full build reads every file.
    if !corpus.fully_read() {
        corpus = corpus::load_listed(corpus_dir, limits, &listing)?;
    }
    match build(&corpus, dir, progress) {
        Ok(report) => Ok((open(dir)?, Freshness::Built(why, report))),
        Err(e) => busy(e),
    }
}
