//! Command-line arguments: the global options and the subcommands (their arguments: `args`).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::render::Format;
pub use args::*;
pub use export::*;
pub use thresholds::*;

mod args;
mod export;
mod thresholds;

#[derive(Debug, Parser)]
#[command(
    name = "echoes",
    version,
    about = "Index what public bodies wrote in answer to an inspectorate's recommendations, and show where they wrote the same words",
    after_help = "Exit codes: 0 results found, 1 nothing found, 2 error."
)]
pub struct Cli {
    /// Corpus directory: the documents, manifest.toml and recommendations.toml.
    #[arg(long, global = true, env = "ECHOES_CORPUS", default_value = "corpus", value_name = "DIR", help_heading = GLOBAL)]
    pub corpus: PathBuf,

    /// Index directory, built on first use and rebuilt when the corpus changes [default: beside
    /// the corpus: `index` next to a folder named `corpus`, else `<corpus>-index`].
    #[arg(long, global = true, env = "ECHOES_INDEX", value_name = "DIR", help_heading = GLOBAL)]
    pub index: Option<PathBuf>,

    /// Files larger than this many MiB are skipped (and reported).
    #[arg(long, global = true, env = "ECHOES_MAX_FILE_MB", default_value_t = crate::corpus::DEFAULT_MAX_FILE_MB, value_name = "MB", help_heading = GLOBAL)]
    pub max_file_mb: u64,

    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN", help_heading = GLOBAL)]
    pub color: ColorChoice,

    /// Answer from the index as it is, without looking at the corpus for changes (one stat a
    /// file: the main cost of a command on a corpus of many thousand files). An index is still
    /// built when there is none.
    #[arg(long, global = true, env = "ECHOES_NO_REFRESH", help_heading = GLOBAL)]
    pub no_refresh: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// The help heading of the options every subcommand takes.
const GLOBAL: &str = "Global options";

impl Cli {
    /// The index directory: the one given, else the default beside the corpus.
    pub fn index_dir(&self) -> PathBuf {
        self.index.clone().unwrap_or_else(|| default_index(&self.corpus))
    }
}

/// Where a corpus's index lives when none is given: beside it, `index` for a folder named
/// `corpus` (the bundled layout), `<name>-index` for any other; never in the current directory
/// unless the corpus is there.
pub fn default_index(corpus: &std::path::Path) -> PathBuf {
    let name = corpus.file_name().map(|n| n.to_string_lossy().into_owned());
    let parent = corpus.parent().unwrap_or(std::path::Path::new(""));
    match name.as_deref() {
        Some("corpus") => parent.join("index"),
        Some(name) => parent.join(format!("{name}-index")),
        // `.`, `..` or `/` name no folder to stand beside: the index goes in the corpus, under
        // a hidden name the listing skips.
        None => corpus.join(".echoes-index"),
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build (or rebuild) the paragraph index from the corpus.
    Index(IndexArgs),
    /// Search paragraphs with tantivy query syntax: phrases, AND/OR/NOT, "a b"~N, prefix*.
    Search(SearchArgs),
    /// List the documents: force, date, recommendations found, paragraphs per role.
    Docs(DocsArgs),
    /// Show a document's paragraphs in order, with role and recommendation (DOC or DOC:N).
    Show(ShowArgs),
    /// Find response wording one body shares with another (or, with --within, with itself).
    Reuse(ReuseArgs),
    /// The paragraphs of other bodies most like one paragraph, or like a pasted text.
    Similar(SimilarArgs),
    /// Body × body table: how much of each body's response text appears in the other's.
    Matrix(MatrixArgs),
    /// Which body answered which recommendation (paragraphs and words), and who gave no answer.
    Coverage(CoverageArgs),
    /// What each body says it has done on each recommendation (complete, in progress, awaiting,
    /// not accepted, not stated), with the sentence that says it.
    Status(StatusArgs),
    /// How much of each document is its body's own, shared with other bodies, quoted, furniture.
    Provenance(ProvenanceArgs),
    /// Rank the bodies whose response text a document shares (for unattributed documents).
    Attribute(AttributeArgs),
    /// Write every paragraph with all its metadata as NDJSON, one paragraph per line.
    Export(ExportArgs),
    /// Copy documents into the corpus, record them in manifest.toml and add them to the index.
    Add(AddArgs),
    /// Write the auditor's report: one self-contained HTML file.
    Report(ReportArgs),
    /// Serve a local web interface (search, paragraphs, reuse) and a JSON API over the index.
    Serve(ServeArgs),
    /// Write a manifest.toml for the files of a folder, with what echoes detected of each as
    /// comments to correct; an existing manifest's entries are kept as they are.
    Init(InitArgs),
    /// Print the man page (roff), for `man -l -` or a man directory; with a command's name, that
    /// command's page (`echoes man search` is echoes-search(1)).
    Man(ManArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
}

impl Command {
    /// The format the command prints its results in; `None` for commands that print no results
    /// (`add`, `export`, `report`, `serve`, `init`, `man`, `completions`).
    pub fn format(&self) -> Option<Format> {
        let given = match self {
            Command::Index(a) => &a.format,
            Command::Search(a) => &a.format,
            Command::Docs(a) => &a.format,
            Command::Show(a) => &a.format,
            Command::Reuse(a) => &a.format,
            Command::Similar(a) => &a.format,
            Command::Matrix(a) => &a.format,
            Command::Coverage(a) => &a.format,
            Command::Status(a) => &a.format,
            Command::Provenance(a) => &a.format,
            Command::Attribute(a) => &a.format,
            Command::Export(_)
            | Command::Add(_)
            | Command::Report(_)
            | Command::Serve(_)
            | Command::Init(_)
            | Command::Man(_)
            | Command::Completions(_) => return None,
        };
        Some(given.format())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
