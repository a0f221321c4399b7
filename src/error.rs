//! Errors a user (or a test) must tell apart, and the exit codes they map to.

use std::path::PathBuf;

use thiserror::Error;

/// Exit code: success, with results.
pub const EXIT_OK: u8 = 0;
/// Exit code: the command ran but found nothing (as grep does).
pub const EXIT_NO_MATCH: u8 = 1;
/// Exit code: an error (bad arguments, malformed query, unreadable corpus or index).
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, Error)]
pub enum Error {
    #[error("corpus directory {} does not exist (name one with --corpus DIR or the ECHOES_CORPUS variable)", .0.display())]
    NoCorpus(PathBuf),
    #[error("{origin}: not a valid recommendations file: {reason}")]
    BadRecommendations { origin: String, reason: String },
    #[error("malformed query '{query}': {reason}")]
    Query { query: String, reason: String },
    #[error("no force matches '{name}' (forces in the index: {known})")]
    UnknownForce { name: String, known: String },
    #[error("no report '{id}' in the corpus (reports: {known})")]
    UnknownReport { id: String, known: String },
    #[error("there is no recommendation {number} ({known})")]
    UnknownRecommendation { number: u32, known: String },
    #[error("no document '{doc}' in the index; {near}")]
    UnknownDoc { doc: String, near: String },
    #[error("'{doc}' names {count} documents: {ids}; give more of the name")]
    AmbiguousDoc { doc: String, count: usize, ids: String },
    #[error("no document or paragraph '{0}' in the index (see `echoes docs`)")]
    UnknownDocument(String),
    #[error("index at {} was built by another version of echoes or is damaged: {reason} (run `echoes index` to rebuild it)", .path.display())]
    BadIndex { path: PathBuf, reason: String },
    #[error("the index at {} is being built by another process; try again when it has finished", .0.display())]
    IndexBusy(PathBuf),
    #[error("the index at {} is being built by another process, which has not finished in {secs} s; try again when it has (ECHOES_WAIT sets how many seconds to wait)", .path.display())]
    BuildTooLong { path: PathBuf, secs: f64 },
    #[error("{} holds a tantivy index that echoes did not build; give --index a new or empty directory", .0.display())]
    ForeignIndex(PathBuf),
    #[error("{} is not empty and is not an echoes index; give --index a new or empty directory (echoes builds and cleans up only in directories it made)", .0.display())]
    NotAnIndex(PathBuf),
    #[error("cannot write in the index directory {} ({reason}); echoes keeps its lock and builds there: give --index a writable directory", .path.display())]
    ReadOnlyIndex { path: PathBuf, reason: String },
    #[error("no space left on the disk holding {}; the index there is unchanged (free some space, or give --index a directory on another disk)", .0.display())]
    DiskFull(PathBuf),
    #[error("{0} file(s) would be skipped, and --strict was given; the index was left as it was")]
    Strict(usize),
    #[error("the search took longer than its time limit and was stopped; narrow it")]
    TooSlow,
    #[error("refusing to write {}: it is inside the {what} ({}); give a path outside the corpus and the index", .path.display(), .dir.display())]
    OutputInside { path: PathBuf, what: &'static str, dir: PathBuf },
}
