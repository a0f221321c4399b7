//! What every subcommand is given: the corpus and index locations, limits and colours, and the
//! shared ways to open the index (fresh) and the service, show progress and measure the terminal.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::corpus::Limits;
use crate::error::Error;
use crate::index::fresh::{open_fresh, Freshness, Staleness};
use crate::index::Opened;
use crate::render::{self, Painter};
use crate::service::{Compare, Service};

/// What every subcommand gets: where things are and how to print.
pub struct Context {
    pub corpus: PathBuf,
    pub index: PathBuf,
    pub limits: Limits,
    pub painter: Painter,
    /// Whether to look at the corpus for changes before answering (`--no-refresh` says not).
    pub refresh: bool,
}

impl Context {
    /// A progress bar on stderr, drawn only when stderr is a terminal, and only once there is
    /// work to show (nothing is drawn for a fresh index).
    pub fn progress(&self, what: &str) -> ProgressBar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message(what.to_string());
        if io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar
    }

    /// A spinner on stderr for work of unknown length (comparing, gathering the overview), drawn
    /// only when stderr is a terminal; cleared when dropped or finished.
    pub fn spinner(&self, what: &str) -> ProgressBar {
        let bar = self.progress(what);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    }

    /// The width text output is fitted to: the terminal's when standard output is one (else
    /// $COLUMNS, else 100); `None` into a pipe or a file.
    pub fn fit_width() -> Option<usize> {
        if !io::stdout().is_terminal() {
            return None;
        }
        if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
            return Some(usize::from(w));
        }
        Some(std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(100))
    }

    /// Width to lay out side-by-side views in: the terminal's, else $COLUMNS, else 100.
    pub fn width(&self) -> usize {
        if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
            return usize::from(w);
        }
        std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(100)
    }

    /// Refuses a path echoes is asked to write (`--out`, a report's folder of pages) when it lies
    /// inside the corpus or the index once links are resolved: the file would replace a document,
    /// the manifest or a build, and be read back as one.
    pub fn check_output(&self, path: &Path) -> Result<(), Error> {
        let target = resolved(path);
        for (what, dir) in [("corpus", &self.corpus), ("index", &self.index)] {
            let dir = dir.canonicalize().unwrap_or_else(|_| absolute(dir));
            if target.starts_with(&dir) {
                return Err(Error::OutputInside { path: path.to_path_buf(), what, dir });
            }
        }
        Ok(())
    }

    /// The service over the index, fresh, comparing as `compare` says.
    pub fn open_service(&self, compare: Compare) -> anyhow::Result<Service> {
        Ok(Service::new(self.open_index()?, compare))
    }

    /// How a result was made, when `--made` asks for it: `command` as typed (with the options
    /// that change what it gives), the query, and the filters and settings as given.
    pub fn made(
        &self,
        service: &Service,
        asked: bool,
        command: &str,
        query: Option<String>,
        filters: std::collections::BTreeMap<&'static str, Vec<String>>,
    ) -> anyhow::Result<Option<crate::made::Made>> {
        if !asked {
            return Ok(None);
        }
        Ok(Some(crate::made::Made::new(command, query, filters, service.corpus_print(&self.corpus)?)))
    }

    pub fn open_index(&self) -> anyhow::Result<Opened> {
        if !self.refresh {
            if let Ok(opened) = crate::index::open(&self.index) {
                return Ok(opened);
            }
        }
        let (opened, freshness) = open_fresh(&self.corpus, &self.index, &self.limits, &self.progress("indexing"))?;
        match freshness {
            Freshness::Fresh => {}
            Freshness::Busy => eprintln!(
                "echoes: warning: the corpus has changed, but another process is rebuilding the index; \
                 answering from the index as it was"
            ),
            Freshness::Built(why, report) => {
                let why = match why {
                    Staleness::Missing => "no index yet",
                    Staleness::CorpusChanged => "the corpus has changed",
                    Staleness::OtherVersion => "the index was built by another version of echoes",
                    Staleness::Unreadable => "the index was unreadable",
                };
                render::build::diagnostics(&mut io::stderr(), &report.notes, &report.skipped)?;
                eprintln!("{}", render::build::rebuilt_line(why, &report));
            }
            Freshness::Updated(report, changes) => {
                render::build::diagnostics(&mut io::stderr(), &report.notes, &report.skipped)?;
                eprintln!("{}", render::build::updated_line(&report, changes));
            }
        }
        Ok(opened)
    }
}

/// A path as an absolute one, without resolving anything.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Where writing `path` would land: links followed (a link to nothing too, as creating the file
/// would follow it), its folder resolved, the file itself perhaps not there yet.
fn resolved(path: &Path) -> PathBuf {
    let mut path = absolute(path);
    // A bounded chain of links, as the system bounds it.
    for _ in 0..40 {
        if let Ok(real) = path.canonicalize() {
            return real;
        }
        match std::fs::read_link(&path) {
            Ok(next) => path = path.parent().map_or(next.clone(), |parent| absolute(&parent.join(&next))),
            Err(_) => break,
        }
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => resolved(parent).join(name),
        _ => path,
    }
}
