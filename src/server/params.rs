//! The web interface's query parameters: the CLI's filters and options, read and checked.

use serde::Deserialize;

use crate::render::Format;
use crate::search::{self, Filters};

/// Most hits a page or an API call returns.
pub const MAX_HITS: usize = 1000;

/// The CLI's filters and options, as query parameters.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    pub q: Option<String>,
    /// Comma-separated force names (any case, part of a name).
    pub force: Option<String>,
    /// Comma-separated recommendation numbers.
    pub rec: Option<String>,
    /// Comma-separated roles, or `all`.
    pub role: Option<String>,
    /// Comma-separated report ids.
    pub report: Option<String>,
    /// Comma-separated document ids (as `--doc` names them).
    pub doc: Option<String>,
    pub limit: Option<usize>,
    pub exact: Option<bool>,
    pub fuzzy: Option<bool>,
    pub count: Option<bool>,
    /// `json` (default) or `csv`.
    pub format: Option<String>,
    pub within: Option<bool>,
    pub min_words: Option<usize>,
    pub min_score: Option<f64>,
    /// `/api/reuse`: quoted speech compared as the body's own words (`--speech`).
    pub speech: Option<bool>,
    pub text: Option<String>,
    /// The page of a long list (from 1).
    pub page: Option<usize>,
    /// `within`: the reuse page's view of reuse within a body.
    pub view: Option<String>,
    /// `/api/reuse`: the copied passages with their occurrences, not the pairs.
    pub passages: Option<bool>,
    /// `/api/reuse`: the copied runs with their findings inside, not the pairs.
    pub runs: Option<bool>,
}

pub fn list(s: &Option<String>) -> Vec<String> {
    s.as_deref().unwrap_or("").split(',').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect()
}

impl Params {
    pub fn filters(&self) -> Result<Filters, String> {
        let recommendations = list(&self.rec)
            .iter()
            .map(|r| r.parse::<u32>().map_err(|_| format!("rec: '{r}' is not a recommendation number")))
            .collect::<Result<Vec<_>, _>>()?;
        let roles = search::parse_roles(&list(&self.role))?;
        Ok(Filters {
            forces: list(&self.force),
            recommendations,
            roles,
            reports: list(&self.report),
            docs: list(&self.doc),
        })
    }

    pub fn limit(&self, default: usize) -> usize {
        self.limit.filter(|&l| l > 0).unwrap_or(default).min(MAX_HITS)
    }

    pub fn format(&self) -> Result<Format, String> {
        match self.format.as_deref().unwrap_or("json") {
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            other => Err(format!("format: '{other}' is not json or csv")),
        }
    }
}
