//! The arguments of `export`: the filters of search, a query, the format and the file.

use std::path::PathBuf;

use clap::Args;

use super::args::{parse_role, FilterArgs};
use crate::model::Role;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only the paragraphs this query matches (tantivy query syntax, as `search` reads it), all
    /// of them; every paragraph the filters admit when no query is given.
    pub query: Option<String>,

    /// Match the query on the unstemmed field, as `search --exact`.
    #[arg(long, requires = "query")]
    pub exact: bool,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Roles to export: response, recommendation, preamble, chrome, reference, or all (the
    /// default). Repeatable or comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = parse_role)]
    pub role: Vec<String>,

    /// ndjson: one paragraph a line (as search clusters ingest it); json and csv also say how the
    /// export was made (a `made` field; leading `#` lines).
    #[arg(short = 'F', long, value_enum, default_value = "ndjson", value_name = "FORMAT")]
    pub format: ExportFormatArg,

    /// Say how the export was made in NDJSON too: a first line `{"made": {...}}` (JSON and CSV
    /// always say it).
    #[arg(long)]
    pub made: bool,

    /// Write to this file instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormatArg {
    Ndjson,
    Json,
    Csv,
}

impl ExportArgs {
    /// The roles asked for; empty means every role.
    pub fn roles(&self) -> Result<Vec<Role>, String> {
        if self.role.is_empty() {
            return Ok(Vec::new());
        }
        crate::search::parse_roles(&self.role)
    }

    pub fn format(&self) -> crate::render::export::ExportFormat {
        use crate::render::export::ExportFormat;
        match self.format {
            ExportFormatArg::Ndjson => ExportFormat::Ndjson,
            ExportFormatArg::Json => ExportFormat::Json,
            ExportFormatArg::Csv => ExportFormat::Csv,
        }
    }
}
