//! The arguments of each subcommand, and the option groups they share (format, filters; the
//! comparison's thresholds are in `thresholds`).

use std::path::PathBuf;

use clap::Args;

use super::thresholds::ThresholdArgs;
use crate::model::Role;
use crate::render::Format;

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

/// Output format option shared by every subcommand that prints results.
#[derive(Debug, Args)]
pub struct FormatArg {
    /// Output format: text, json or csv.
    #[arg(short = 'F', long = "format", default_value = "text", value_parser = parse_format, value_name = "FORMAT")]
    pub given: Format,

    /// JSON output (the same as --format json).
    #[arg(short = 'j', long = "json", conflicts_with = "given")]
    pub json: bool,

    /// Say how the result was made (echoes version, command, query, filters, corpus fingerprint):
    /// JSON becomes `{"made": {...}, "<rows>": [...]}`, CSV and text start with `#` lines.
    #[arg(long)]
    pub made: bool,
}

impl FormatArg {
    /// The format asked for.
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else {
            self.given
        }
    }
}

/// Which paragraphs to look at.
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Only this body (case-insensitive; part of the name or a short form such as SYP is
    /// enough; `unattributed` for documents of no known body). Repeatable.
    #[arg(short = 'f', long, value_name = "NAME")]
    pub force: Vec<String>,

    /// Only paragraphs answering this recommendation. Repeatable.
    #[arg(short = 'r', long = "rec", value_name = "N")]
    pub rec: Vec<u32>,

    #[command(flatten)]
    pub doc: DocArg,

    #[command(flatten)]
    pub report: ReportArg,
}

impl FilterArgs {
    /// The filters as the service reads them (every role: the command says which it reads).
    pub fn filters(&self) -> crate::search::Filters {
        let (forces, recommendations) = (self.force.clone(), self.rec.clone());
        let (reports, docs) = (self.report.ids.clone(), self.doc.docs.clone());
        crate::search::Filters { forces, recommendations, roles: Vec::new(), reports, docs }
    }
}

/// Which documents to look at.
#[derive(Debug, Args, Default)]
pub struct DocArg {
    /// Only this document (its id as `echoes docs` lists it, its file name, or a prefix of either
    /// that fits it alone). Repeatable.
    #[arg(short = 'd', long = "doc", value_name = "DOC")]
    pub docs: Vec<String>,
}

/// Which reports to look at, in a corpus answering several.
#[derive(Debug, Args, Default)]
pub struct ReportArg {
    /// Only paragraphs of this report (its id, as `echoes docs` lists the reports). Repeatable.
    #[arg(long = "report", value_name = "ID")]
    pub ids: Vec<String>,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Fail (exit code 2, index left as it was) if any file would be skipped.
    #[arg(long)]
    pub strict: bool,

    #[command(flatten)]
    pub format: FormatArg,
}

/// A role to search, or `all`, as [`crate::search::parse_roles`] reads it.
pub(super) fn parse_role(s: &str) -> Result<String, String> {
    crate::search::parse_roles(&[s]).map(|_| s.to_string())
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query, in tantivy query syntax. Apostrophes (straight or curly) are part of words.
    #[arg(required_unless_present = "queries", conflicts_with = "queries")]
    pub query: Option<String>,

    /// Run every query of FILE (one a line, optionally named `name: query` or name, tab, query;
    /// `#` lines skipped) and count the hits of each per body and recommendation.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["kwic", "count"])]
    pub queries: Option<PathBuf>,

    /// Search the unstemmed field: "victims" does not find "victim" ("majesty" finds "majesty's").
    #[arg(long)]
    pub exact: bool,

    /// Make bare terms typo-tolerant (one edit), on the unstemmed field.
    #[arg(long)]
    pub fuzzy: bool,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Roles to search: response, recommendation, preamble, chrome, or all. Repeatable or comma-separated.
    /// (default: response and preamble, the bodies' own words).
    #[arg(long, value_delimiter = ',', value_parser = parse_role)]
    pub role: Vec<String>,

    /// Most hits to show (0 for all).
    #[arg(short = 'n', long, default_value_t = 50)]
    pub limit: usize,

    /// Print a force × recommendation table of hit counts instead of the hits.
    #[arg(short = 'c', long)]
    pub count: bool,

    /// Keyword in context: each match on one line, aligned on the match, with its role, force
    /// and id.
    #[arg(short = 'k', long, conflicts_with = "count")]
    pub kwic: bool,

    /// Characters of context each side of the match, with --kwic [default: what fits the
    /// terminal; 40 into a pipe].
    #[arg(long, value_name = "N", value_parser = parse_width, requires = "kwic")]
    pub width: Option<usize>,

    /// Sort --kwic lines by the words left or right of the match, as concordancers do: `1R`
    /// (the first word to the right), `1L`, `2R`, ...; several comma-separated sort on each in
    /// turn (`1R,2R`).
    #[arg(long, value_name = "KEYS", value_delimiter = ',', value_parser = parse_sort_key, requires = "kwic")]
    pub sort: Vec<crate::search::kwic::SortKey>,

    #[command(flatten)]
    pub format: FormatArg,
}

fn parse_sort_key(s: &str) -> Result<crate::search::kwic::SortKey, String> {
    s.parse()
}

fn parse_width(s: &str) -> Result<usize, String> {
    crate::search::kwic::check_width(s.parse().map_err(|_| format!("'{s}' is not a number of characters"))?)
}

impl SearchArgs {
    /// The roles asked for; empty means every role.
    pub fn roles(&self) -> Result<Vec<Role>, String> {
        crate::search::parse_roles(&self.role)
    }
}

#[derive(Debug, Args)]
pub struct DocsArgs {
    #[command(flatten)]
    pub report: ReportArg,

    #[command(flatten)]
    pub doc: DocArg,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A document (its id as `echoes docs` lists it, its file name or path, or a prefix of either
    /// that fits it alone) or a paragraph `DOC:N`.
    pub id: String,

    #[command(flatten)]
    pub format: FormatArg,
}

fn parse_timeout(s: &str) -> Result<std::time::Duration, String> {
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 && x <= 3600.0 => Ok(std::time::Duration::from_secs_f64(x)),
        _ => Err(format!("'{s}' is not a number of seconds from 0 to 3600")),
    }
}

#[derive(Debug, Args)]
pub struct ReuseArgs {
    /// Compare each body with itself: one answer pasted under several recommendations.
    #[arg(long)]
    pub within: bool,

    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    /// Most passages (or findings, with --pairs) to show (0 for all).
    #[arg(short = 'n', long, default_value_t = 0)]
    pub limit: usize,

    /// The pairwise list of findings instead of passages (as JSON and CSV give by default).
    #[arg(long, conflicts_with = "passages")]
    pub pairs: bool,

    /// Passages with their occurrences in JSON and CSV too (text shows them by default).
    #[arg(long)]
    pub passages: bool,

    /// Only the copied runs: consecutive findings between two documents, in the same order on
    /// both sides, as one run each (JSON gives each run with its findings inside it).
    #[arg(long, conflicts_with_all = ["pairs", "passages"])]
    pub runs: bool,

    #[command(flatten)]
    pub format: FormatArg,
}

impl ReuseArgs {
    /// Whether to show passages: text unless --pairs; JSON and CSV with --passages.
    pub fn show_passages(&self) -> bool {
        if self.format.format() == Format::Text {
            !self.pairs
        } else {
            self.passages
        }
    }
}

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// A paragraph id `DOC:N` (as search and show print them).
    #[arg(required_unless_present = "text", conflicts_with = "text")]
    pub id: Option<String>,

    /// Compare a pasted text instead of a paragraph.
    #[arg(long)]
    pub text: Option<String>,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    /// Most paragraphs to show.
    #[arg(short = 'n', long, default_value_t = 10)]
    pub limit: usize,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct ProvenanceArgs {
    /// One document (as `echoes docs` lists it); every document when none is given.
    pub doc: Option<String>,

    #[command(flatten)]
    pub docs: DocArg,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct CoverageArgs {
    #[command(flatten)]
    pub report: ReportArg,

    #[command(flatten)]
    pub doc: DocArg,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub filters: FilterArgs,

    /// Only answers stating this status: complete, in-progress, awaiting, not-accepted or
    /// not-stated. Repeatable or comma-separated.
    #[arg(short = 's', long, value_delimiter = ',', value_parser = crate::status::Stated::parse, value_name = "STATUS")]
    pub status: Vec<crate::status::Stated>,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct MatrixArgs {
    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    #[command(flatten)]
    pub report: ReportArg,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct AttributeArgs {
    /// The document id (as `echoes docs` lists it).
    pub doc: String,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The HTML file to write.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub out: PathBuf,

    /// The report's title.
    #[arg(long)]
    pub title: Option<String>,

    /// The largest size of the report file, in megabytes. A report that would be larger keeps its
    /// summary, heatmap, strongest passages and coverage there, and writes the rest as linked pages
    /// in a folder beside it (`report_files/` for `report.html`).
    #[arg(long, value_name = "MB", default_value_t = 5.0, value_parser = positive_megabytes)]
    pub max_mb: f64,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port to listen on (0: any free port, printed on start).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,

    /// Address to bind. Loopback unless told otherwise: the interface has no authentication.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: std::net::IpAddr,

    /// A name the server is reached by besides localhost and IP addresses (a proxy's, or this
    /// machine's), repeatable. Requests naming any other host are refused (421), so that no web
    /// page can read the server by pointing a name of its own at it (DNS rebinding).
    #[arg(long = "public-host", value_name = "NAME", value_parser = host_name)]
    pub public_host: Vec<String>,

    /// Longest a request may take, in seconds, before it is answered with 503 (the server goes on).
    #[arg(long, default_value = "10", value_name = "SECS", value_parser = parse_timeout)]
    pub timeout: std::time::Duration,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The files to add (text, table exports, HTML pages, Word documents, PDFs).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// The responding body (otherwise detected from the text).
    #[arg(short = 'f', long, value_name = "NAME")]
    pub force: Option<String>,

    /// When the response was published (e.g. 2021-12).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// Where it was published.
    #[arg(long, value_name = "URL")]
    pub source: Option<String>,

    /// Which report it answers.
    #[arg(long, value_name = "ID")]
    pub report: Option<String>,

    /// Name each copy by its body and date as the bundled corpus does
    /// (`south-yorkshire-police-2021-05.txt`): the force given or detected from the text, and the
    /// date given; a file whose body cannot be found keeps its own name.
    #[arg(long)]
    pub name_from_metadata: bool,
}

fn host_name(s: &str) -> Result<String, String> {
    let name = s.trim().trim_end_matches('.').to_ascii_lowercase();
    let fine = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if fine {
        Ok(name)
    } else {
        Err(format!("'{s}' is not a host name (letters, digits, '-' and '.'; no port)"))
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to describe [default: the corpus directory].
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command whose page to print (`search` prints echoes-search(1)); echoes(1) when none.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in. Every script also completes document ids (`show`,
    /// `provenance`, `attribute`, `--doc`), body names (`--force`) and reports (`--report`) from
    /// the index, with `--list`.
    #[arg(value_enum, required_unless_present = "list")]
    pub shell: Option<clap_complete::Shell>,

    /// Print the names the index holds, one a line, instead of a script: what the scripts
    /// complete from. Prints nothing when there is no index yet.
    #[arg(long, value_enum, conflicts_with = "shell")]
    pub list: Option<NameList>,
}

/// The names `completions --list` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NameList {
    Docs,
    Bodies,
    Reports,
}

fn positive_megabytes(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(mb) if mb.is_finite() && mb > 0.0 && mb <= 1e6 => Ok(mb),
        _ => Err(format!("'{s}' is not a size in megabytes above 0")),
    }
}
