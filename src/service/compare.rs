//! The comparison's settings, checked once: thresholds and roles, the reuse options they make and
//! the names of results stored at them.

use crate::model::Role;
use crate::reuse::{self, Options};

/// How the comparison layer compares: thresholds and roles, checked once.
#[derive(Debug, Clone, PartialEq)]
pub struct Compare {
    /// Shortest shared run of words reported.
    pub min_words: usize,
    /// Lowest score reported.
    pub min_score: f64,
    /// The roles compared (own words: see [`reuse::OWN_WORDS`]).
    pub roles: Vec<Role>,
}

impl Default for Compare {
    fn default() -> Compare {
        Compare {
            min_words: reuse::DEFAULT_MIN_WORDS,
            min_score: reuse::DEFAULT_MIN_SCORE,
            roles: reuse::OWN_WORDS.to_vec(),
        }
    }
}

impl Compare {
    /// The name a result computed at these settings is stored under (see [`reuse::stored::stored_name`]).
    pub fn stored_name(&self, what: &str) -> String {
        reuse::stored::stored_name(what, self.min_words, self.min_score, &self.roles)
    }

    /// Checks thresholds and roles as a user gave them (no roles: own words).
    pub fn new(min_words: usize, min_score: f64, roles: &[Role]) -> Result<Compare, String> {
        Ok(Compare {
            min_words: reuse::check_min_words(min_words)?,
            min_score: reuse::check_min_score(min_score)?,
            roles: reuse::check_compared_roles(roles)?,
        })
    }

    /// The same roles at other thresholds, each checked; `None` keeps this one's.
    pub fn with(&self, min_words: Option<usize>, min_score: Option<f64>) -> Result<Compare, String> {
        Ok(Compare {
            min_words: match min_words {
                Some(n) => reuse::check_min_words(n).map_err(|e| format!("min_words: {e}"))?,
                None => self.min_words,
            },
            min_score: match min_score {
                Some(x) => reuse::check_min_score(x).map_err(|e| format!("min_score: {e}"))?,
                None => self.min_score,
            },
            roles: self.roles.clone(),
        })
    }

    /// The comparison's options: between bodies, or `within` each; the force names already
    /// resolved (see `Service::resolve_forces`).
    pub fn options(&self, within: bool, forces: Vec<String>, recommendations: Vec<u32>) -> Options {
        Options {
            min_words: self.min_words,
            min_score: self.min_score,
            within,
            forces,
            recommendations,
            reports: Vec::new(),
            force_docs: None,
            docs: Vec::new(),
        }
    }
}
