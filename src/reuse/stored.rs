//! Results stored with an index build: the findings a command computed, served to the next one at
//! the same thresholds, roles and rules, under names that tell them apart.

use super::{policy, score, Collection, Finding, Options, FULL_SIZE};
use crate::index::Opened;
use crate::model::Role;

/// Every finding at the options' thresholds for the given roles (see [`Collection::findings`]):
/// read from the results stored with the index build when a command computed them before, else
/// computed (`computing` is called first, to show progress) and stored for the next one.
pub fn stored_findings(
    opened: &Opened,
    opts: &Options,
    roles: &[Role],
    computing: impl FnOnce(),
) -> anyhow::Result<Vec<Finding>> {
    if let Some(findings) = stored_only(opened, opts, roles) {
        return Ok(findings);
    }
    let key = stored_key(opts, roles);
    computing();
    let findings = Collection::from_index_with(opened, opts.min_words, false, roles, opts.speech)?.findings(opts);
    opened.store(&key, &findings);
    Ok(findings)
}

/// Every finding at the options' thresholds for the given roles if a command stored them with the
/// index build; nothing is computed.
pub fn stored_only(opened: &Opened, opts: &Options, roles: &[Role]) -> Option<Vec<Finding>> {
    opened.stored(&stored_key(opts, roles))
}

/// The constants of the score's expression (see [`Collection::verify`]), for [`policy`].
const SCORE_CONSTANTS: [(&str, f64); 2] = [("FULL_SIZE", FULL_SIZE as f64), ("PASSAGE_FLOOR", score::PASSAGE_FLOOR)];

/// Every rule that decides what is copying (see [`policy`]).
pub fn rules() -> Vec<policy::Rule> {
    policy::rules(&SCORE_CONSTANTS)
}

/// The way of comparing that stored results come from, ending their names: derived from the rules
/// ([`policy::version`]), so that an index build never serves what other rules found.
pub fn compared_by() -> &'static str {
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    VERSION.get_or_init(|| policy::version(&SCORE_CONSTANTS))
}

/// The name a result is stored under with the index build: `what` it is (its kind first, with
/// anything else that tells two results apart), the thresholds and roles it was computed at,
/// whether quoted speech was compared (`speech`), and the way of comparing ([`compared_by`]), so
/// that no result is served for other settings.
pub fn stored_name(what: &str, min_words: usize, min_score: f64, roles: &[Role], speech: bool) -> String {
    let mut roles = roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join("+");
    if speech {
        roles.push_str("+speech");
    }
    format!("{what}-{min_words}-{:x}-{roles}-c{}", min_score.to_bits(), compared_by())
}

/// What findings at these thresholds are stored as.
fn stored_key(opts: &Options, roles: &[Role]) -> String {
    let what = if opts.within { "reuse-within" } else { "reuse-between" };
    stored_name(what, opts.min_words, opts.min_score, roles, opts.speech)
}
