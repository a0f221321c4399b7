//! The comparison's thresholds as options: one group every command that compares takes.

use clap::Args;

use crate::model::Role;

/// Thresholds of the comparison layer.
#[derive(Debug, Args)]
pub struct ThresholdArgs {
    /// Shortest shared run of words reported.
    #[arg(long, default_value_t = crate::reuse::DEFAULT_MIN_WORDS, value_name = "N", value_parser = parse_min_words)]
    pub min_words: usize,

    /// Lowest score reported (0 to 1).
    #[arg(long, default_value_t = crate::reuse::DEFAULT_MIN_SCORE, value_name = "X", value_parser = parse_min_score)]
    pub min_score: f64,

    /// Roles compared: response, preamble (covering letters, comments, statements), or both (the
    /// default: every word a body wrote itself). Comma-separated.
    #[arg(long = "role", value_name = "ROLE", value_delimiter = ',', value_parser = parse_compared_role)]
    pub roles: Vec<Role>,

    /// Compare quoted speech as own words (by default, words in quotation marks a document
    /// attributes to a speaker are the speaker's: quotation, and a share of their own in provenance).
    #[arg(long)]
    pub speech: bool,
}

impl ThresholdArgs {
    /// How to compare, as the options ask.
    pub fn compare(&self) -> anyhow::Result<crate::service::Compare> {
        let compare =
            crate::service::Compare::new(self.min_words, self.min_score, &self.roles).map_err(anyhow::Error::msg)?;
        Ok(compare.comparing_speech(self.speech))
    }

    /// The options as given, for how a result was made (see `made::thresholds`).
    pub fn settings(&self) -> std::collections::BTreeMap<&'static str, Vec<String>> {
        crate::made::thresholds(self.min_words, self.min_score, &self.roles, self.speech)
    }
}

fn parse_compared_role(s: &str) -> Result<Role, String> {
    let role: Role = s.parse()?;
    crate::reuse::check_compared_roles(&[role])?;
    Ok(role)
}

fn parse_min_words(s: &str) -> Result<usize, String> {
    crate::reuse::check_min_words(s.parse().map_err(|_| format!("'{s}' is not a number of words"))?)
}

fn parse_min_score(s: &str) -> Result<f64, String> {
    crate::reuse::check_min_score(s.parse().map_err(|_| format!("'{s}' is not a number"))?)
}
