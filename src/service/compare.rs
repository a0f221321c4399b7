//! The comparison's settings, checked once: thresholds, roles and quoted speech, the reuse
//! options they make (with the filters a user gave: [`crate::service::Service::reuse_options`])
//! and the names of results stored at them.

use crate::error::Error;
use crate::model::Role;
use crate::reuse::{self, Options};
use crate::search::Filters;
use crate::service::Service;

/// How the comparison layer compares: thresholds, roles and quoted speech, checked once.
#[derive(Debug, Clone, PartialEq)]
pub struct Compare {
    /// Shortest shared run of words reported.
    pub min_words: usize,
    /// Lowest score reported.
    pub min_score: f64,
    /// The roles compared (own words: see [`reuse::OWN_WORDS`]).
    pub roles: Vec<Role>,
    /// Quoted speech compared as the body's own words (see [`crate::speech`]), not as quotation.
    pub speech: bool,
}

impl Default for Compare {
    fn default() -> Compare {
        Compare {
            min_words: reuse::DEFAULT_MIN_WORDS,
            min_score: reuse::DEFAULT_MIN_SCORE,
            roles: reuse::OWN_WORDS.to_vec(),
            speech: false,
        }
    }
}

impl Compare {
    /// The name a result computed at these settings is stored under (see [`reuse::stored::stored_name`]).
    pub fn stored_name(&self, what: &str) -> String {
        reuse::stored::stored_name(what, self.min_words, self.min_score, &self.roles, self.speech)
    }

    /// Checks thresholds and roles as a user gave them (no roles: own words).
    pub fn new(min_words: usize, min_score: f64, roles: &[Role]) -> Result<Compare, String> {
        Ok(Compare {
            min_words: reuse::check_min_words(min_words)?,
            min_score: reuse::check_min_score(min_score)?,
            roles: reuse::check_compared_roles(roles)?,
            speech: false,
        })
    }

    /// The same settings, with quoted speech compared as own words (`speech`) or as quotation.
    pub fn comparing_speech(self, speech: bool) -> Compare {
        Compare { speech, ..self }
    }

    /// The same roles at other thresholds and speech setting, each checked; `None` keeps this
    /// one's.
    pub fn with(
        &self,
        min_words: Option<usize>,
        min_score: Option<f64>,
        speech: Option<bool>,
    ) -> Result<Compare, String> {
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
            speech: speech.unwrap_or(self.speech),
        })
    }

    /// The comparison's options: between bodies, or `within` each; the force names already
    /// resolved (see [`Service::reuse_options`], which resolves them from a user's filters).
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
            speech: self.speech,
        }
    }
}

impl Service {
    /// The reuse options a user's filters ask for, at `compare`'s settings, between bodies or
    /// `within` each: the one way both front ends build them. Bodies as `--force` names them
    /// (forces, short forms, `unattributed` for the documents of no known force), documents and
    /// reports and recommendations checked against the index (an unknown one is refused). The filters' roles are
    /// not read: the roles compared are `compare`'s.
    pub fn reuse_options(&self, compare: &Compare, within: bool, filters: &Filters) -> Result<Options, Error> {
        let bodies = self.resolve_bodies(&filters.forces)?;
        let mut opts = compare.options(within, bodies.forces, filters.recommendations.clone());
        if bodies.unattributed {
            opts.force_docs = Some(self.unattributed_docs()?);
        }
        opts.docs = self.check_docs(&filters.docs)?;
        opts.reports = self.report_filter(&filters.reports)?;
        // A recommendation no chosen report has would filter out everything, silently.
        crate::reports::check_recommendations(&self.opened.meta.reports, &opts.reports, &opts.recommendations)?;
        Ok(opts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparing_speech_is_carried_into_the_options_and_the_stored_names() {
        let plain = Compare::default();
        let speech = plain.clone().comparing_speech(true);
        assert!(!plain.options(false, Vec::new(), Vec::new()).speech);
        assert!(speech.options(true, Vec::new(), Vec::new()).speech);
        // Results at either setting are stored under names of their own.
        assert_ne!(plain.stored_name("matrix"), speech.stored_name("matrix"));
        assert_eq!(plain.stored_name("matrix"), Compare::default().stored_name("matrix"));
        // A request's own settings keep the server's unless it says otherwise.
        assert_eq!(speech.with(None, None, None).unwrap(), speech);
        assert_eq!(plain.with(None, None, Some(true)).unwrap(), speech);
        assert_eq!(speech.with(Some(12), None, Some(false)).unwrap().min_words, 12);
        assert!(!speech.with(Some(12), None, Some(false)).unwrap().speech);
    }
}
