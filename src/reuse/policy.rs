//! What is copying: every rule that decides whether shared words are a finding, in one list, with
//! its constant, the layer where it applies and why. The version that stored results carry is
//! derived from this list (and the data it names), so that results computed under other rules are
//! never served; `docs/scoring.md` is checked against it by a test.

use xxhash_rust::xxh3::Xxh3;

use super::candidates::SHINGLE;
use super::finding::{DEFAULT_MIN_SCORE, DEFAULT_MIN_WORDS};
use super::stock::{FORMULA_WORDS, SHIPPED};
use crate::quote::QUOTE_NGRAM;
use crate::speech::MIN_SPEECH_WORDS;

/// One rule of the decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Its name, as `docs/scoring.md` lists it.
    pub name: &'static str,
    /// Its constant, as a user would quote it.
    pub constant: String,
    /// Where it applies: at index time (roles given to paragraphs) or at comparison time.
    pub layer: &'static str,
    pub why: &'static str,
}

/// The rules, in the order they apply. `score`: the constants of the score's expression (in
/// `Collection::verify`), given by the caller that owns them.
pub fn rules(score: &[(&str, f64)]) -> Vec<Rule> {
    let score = score.iter().map(|(n, v)| format!("{n} = {v}")).collect::<Vec<_>>().join(", ");
    vec![
        Rule {
            name: "own words",
            constant: crate::model::Role::OWN.map(|r| r.as_str()).join(", "),
            layer: "index (roles), comparison (which roles are compared)",
            why: "only a body's own words can be copied; quotation of the report, furniture and references are never compared",
        },
        Rule {
            name: "quotation",
            constant: format!("word {QUOTE_NGRAM}-grams of the reports' recommendations and titles"),
            layer: "comparison (words masked in each paragraph)",
            why: "quoting the report is not copying, and the same quotation in two answers does not break a copy",
        },
        Rule {
            name: "references",
            constant: "every word of a kind = \"reference\" document".to_string(),
            layer: "index (role reference), comparison (their words are quotation wherever they stand)",
            why: "a report's pages, press releases and templates are sources every body may quote",
        },
        Rule {
            name: "quoted speech",
            constant: format!("{MIN_SPEECH_WORDS} words or more in quotation marks, attributed"),
            layer: "comparison (words masked as quotation; compared as own words with --speech, stored apart)",
            why: "words a document attributes to a speaker are the speaker's, not the body's",
        },
        Rule {
            name: "furniture",
            constant: "role chrome".to_string(),
            layer: "index (segmentation)",
            why: "navigation, cookie banners and footers are the site's, not the body's",
        },
        Rule {
            name: "names",
            constant: "one placeholder: bodies' names, reuse/field_names.txt, reports' short titles".to_string(),
            layer: "comparison (words folded), not counted towards the shortest run",
            why: "every body writes the field's names; a run made of them is no copy",
        },
        Rule {
            name: "stock: public formulas",
            constant: format!("{FORMULA_WORDS} consecutive words of reuse/stock.toml or the corpus's stock.toml"),
            layer: "comparison (shared words left out of the score)",
            why: "statutes and standard accounts are quoted by everyone, each with its source named",
        },
        Rule {
            name: "stock: formulas of the field",
            constant: "answers to 2 reports or more, 2 bodies or more in each".to_string(),
            layer: "comparison (shared words left out of the score)",
            why: "wording the field repeats across reports is no answer to one report; how many bodies carry a passage is never a reason",
        },
        Rule {
            name: "minimum size",
            constant: format!("{DEFAULT_MIN_WORDS} own words (--min-words), found by {SHINGLE}-word shingles"),
            layer: "comparison (candidates and verification)",
            why: "shorter runs are set phrases; every shingle is followed up, so no cap costs a finding",
        },
        Rule {
            name: "score",
            constant: format!("{score}, minimum {DEFAULT_MIN_SCORE} (--min-score)"),
            layer: "comparison (each finding, from its two texts alone)",
            why: "grades how much of each side was copied, whatever the rest of the corpus",
        },
    ]
}

/// The version of the rules: a digest of every rule and of the data they read (the shipped
/// formulas, the field's names), eight hex digits.
pub fn version(score: &[(&str, f64)]) -> String {
    let mut h = Xxh3::new();
    for r in rules(score) {
        for part in [r.name, r.constant.as_str(), r.layer] {
            h.update(part.as_bytes());
            h.update(&[0]);
        }
    }
    h.update(SHIPPED.as_bytes());
    h.update(super::names::LIST.as_bytes());
    format!("{:08x}", h.digest() & 0xffff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_changes_with_any_rule_s_constant() {
        let a = version(&[("FULL_SIZE", 20.0)]);
        assert_eq!(a.len(), 8);
        assert_eq!(a, version(&[("FULL_SIZE", 20.0)]));
        assert_ne!(a, version(&[("FULL_SIZE", 21.0)]));
    }
}
