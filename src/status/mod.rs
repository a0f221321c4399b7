//! Stated status: for each body × recommendation it answers, what the body says it has done
//! (`complete`, `in progress`, `awaiting`, `not accepted`, or `not stated`), with the sentence or
//! status cell that says so. A table's status column speaks first; then the answer's sentences,
//! the least advanced standing; an answer that states nothing clearly is `not stated`.

pub mod wording;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Paragraph, Recommendations, Role};
use crate::reuse::units::body_of;
pub use wording::Stated;

/// Where a status was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// A table's status column.
    #[serde(rename = "status column")]
    Column,
    /// A sentence of the answer.
    #[serde(rename = "text")]
    Text,
    /// The words after a recommendation's heading ("Recommendation 3 – Completed").
    #[serde(rename = "heading")]
    Heading,
}

/// The words that state a status, and where they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The sentence (or the status cell) as the document gives it.
    pub sentence: String,
    /// The paragraph it is in (`doc:N`).
    pub paragraph: String,
    pub from: Source,
}

/// One body's stated status on one recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCell {
    pub body: String,
    pub recommendation: u32,
    /// Whether the body answered it at all (no answer: no status, `not stated`).
    pub answered: bool,
    pub status: Stated,
    /// What states it; for `not stated`, a status cell that names no status (a RAG colour), if any.
    pub evidence: Option<Evidence>,
}

/// Body × recommendation, for one report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusGrid {
    /// The report, in a corpus answering several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    pub bodies: Vec<String>,
    pub recommendations: Vec<u32>,
    /// Every body × recommendation, body by body.
    pub cells: Vec<StatusCell>,
}

/// The grid of each report of `ids`.
pub fn by_report(paragraphs: &[Paragraph], reports: &[Recommendations], ids: &[String]) -> Vec<StatusGrid> {
    crate::coverage::per_report(paragraphs, reports, ids, |named, answering, report| StatusGrid {
        report: named.then(|| report.id().to_string()),
        ..grid(answering, &report.numbers())
    })
}

/// The paragraphs a status of `rec` may be read from: the body's answers to it, and its letters'
/// paragraphs that name it ("Recommendations 1, 4 and 5 are complete").
fn speaks_of(p: &Paragraph, rec: u32) -> bool {
    match p.role {
        Role::Response => p.answers().any(|r| r == rec),
        Role::Preamble => p.recommendations.contains(&rec),
        Role::Recommendation => heading_status(p, rec).is_some(),
        _ => false,
    }
}

/// Words of this many or fewer after a heading's label may state a status.
const HEADING_STATUS_WORDS: usize = 6;

/// The status words a heading of `rec` carries after its label: "Completed" in "Recommendation 3
/// – Completed", none in "Recommendation 4. To chief constables".
fn heading_status(p: &Paragraph, rec: u32) -> Option<&str> {
    if p.role != Role::Recommendation || crate::references::heading_number(&p.text) != Some(rec) {
        return None;
    }
    let digits = p.text.find(|c: char| c.is_ascii_digit())?;
    let rest = p.text[digits..].trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || ".:;,-–—)".contains(c)).trim();
    let words = rest.split_whitespace().count();
    (words > 0 && words <= HEADING_STATUS_WORDS && wording::of_cell(rest).is_some()).then_some(rest)
}

/// The stated status of every body × recommendation among `paragraphs`.
pub fn grid(paragraphs: &[Paragraph], recommendations: &[u32]) -> StatusGrid {
    let mut by_body: BTreeMap<String, Vec<&Paragraph>> = BTreeMap::new();
    for p in paragraphs {
        by_body.entry(body_of(p)).or_default().push(p);
    }
    let mut cells = Vec::new();
    let mut bodies: Vec<(String, Vec<&Paragraph>)> = by_body.into_iter().collect();
    bodies.sort_by(|a, b| crate::model::name_order(&a.0, &b.0));
    for (body, own) in &bodies {
        for &rec in recommendations {
            let speaking: Vec<&Paragraph> = own.iter().copied().filter(|p| speaks_of(p, rec)).collect();
            cells.push(cell(body, rec, &speaking, recommendations));
        }
    }
    let bodies = bodies.into_iter().map(|(body, _)| body).collect();
    StatusGrid { report: None, bodies, recommendations: recommendations.to_vec(), cells }
}

/// One body's status on `rec`, from the paragraphs that speak of it.
fn cell(body: &str, rec: u32, speaking: &[&Paragraph], known: &[u32]) -> StatusCell {
    let answered = speaking.iter().any(|p| p.role == Role::Response);
    let evidence = |sentence: &str, p: &Paragraph, from| Evidence {
        sentence: sentence.to_string(),
        paragraph: p.id.clone(),
        from,
    };
    // The status column first: the least advanced its cells state.
    let mut column: Option<(Stated, Evidence)> = None;
    let mut unread: Option<Evidence> = None;
    for p in speaking {
        let (status, from) = match (p.status.as_deref(), heading_status(p, rec)) {
            (Some(s), _) => (s, Source::Column),
            (None, Some(s)) => (s, Source::Heading),
            (None, None) => continue,
        };
        match wording::of_cell(status) {
            Some(s) if column.as_ref().is_none_or(|(c, _)| s < *c) => column = Some((s, evidence(status, p, from))),
            Some(_) => {}
            None => unread = unread.or(Some(evidence(status, p, from))),
        }
    }
    let stated = column.or_else(|| {
        let mut best: Option<(Stated, Evidence)> = None;
        for p in speaking.iter().filter(|p| p.role != Role::Recommendation) {
            for sentence in crate::segment::sentences(&p.text) {
                let Some(part) = part_of(sentence, p, rec, known) else { continue };
                let Some(s) = wording::of_sentence(&part) else { continue };
                if best.as_ref().is_none_or(|(b, _)| s < *b) {
                    best = Some((s, evidence(sentence, p, Source::Text)));
                }
            }
        }
        best
    });
    match stated {
        Some((status, ev)) => {
            StatusCell { body: body.to_string(), recommendation: rec, answered: true, status, evidence: Some(ev) }
        }
        None => StatusCell {
            body: body.to_string(),
            recommendation: rec,
            answered,
            status: Stated::NotStated,
            evidence: unread,
        },
    }
}

/// Where a sentence names a recommendation: "Recommendation 4", "recs 1".
static NAMING: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"(?i)\brec(ommendation)?s?\.?\s*\d").expect("a valid pattern"));

/// What of a sentence of `p` speaks of `rec`: the whole sentence, but in a paragraph answering
/// several recommendations, a sentence naming some of them speaks of those only, each from where
/// it is named ("Recommendation 3 is in progress and recommendation 4 is awaiting guidance").
fn part_of(sentence: &str, p: &Paragraph, rec: u32, known: &[u32]) -> Option<String> {
    let answers: Vec<u32> = p.answers().chain(p.recommendations.iter().copied()).collect();
    if answers.iter().all(|&r| r == rec) {
        return Some(sentence.to_string());
    }
    let names = |text: &str| -> Vec<u32> {
        crate::references::references(text, known).into_iter().filter(|r| answers.contains(r)).collect()
    };
    if names(sentence).is_empty() {
        return Some(sentence.to_string());
    }
    let mut cuts: Vec<usize> = NAMING.find_iter(sentence).map(|m| m.start()).collect();
    cuts[0] = 0;
    cuts.push(sentence.len());
    let part: Vec<&str> =
        cuts.windows(2).map(|w| &sentence[w[0]..w[1]]).filter(|chunk| names(chunk).contains(&rec)).collect();
    (!part.is_empty()).then(|| part.concat())
}

impl Source {
    /// Where a status was read, in words: `status column`, `heading`, `text`.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Column => "status column",
            Source::Text => "text",
            Source::Heading => "heading",
        }
    }
}

impl StatusGrid {
    /// The cell of one body and recommendation.
    pub fn cell(&self, body: &str, recommendation: u32) -> Option<&StatusCell> {
        self.cells.iter().find(|c| c.body == body && c.recommendation == recommendation)
    }

    /// Keeps the cells of the recommendations `recs` names and of the statuses `statuses` names
    /// (each empty: all; a status is only an answer's), and the bodies and recommendations left.
    pub fn keep(&mut self, recs: &[u32], statuses: &[Stated]) {
        self.cells.retain(|c| {
            (recs.is_empty() || recs.contains(&c.recommendation))
                && (statuses.is_empty() || (c.answered && statuses.contains(&c.status)))
        });
        let cells = &self.cells;
        self.bodies.retain(|b| cells.iter().any(|c| &c.body == b));
        self.recommendations.retain(|r| cells.iter().any(|c| c.recommendation == *r));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(force: &str, n: u32, recs: &[u32], role: Role, status: Option<&str>, text: &str) -> Paragraph {
        Paragraph {
            id: format!("{force}:{n}"),
            doc: force.to_lowercase(),
            force: Some(force.into()),
            recommendation: recs.first().copied(),
            recommendations: recs.to_vec(),
            role,
            status: status.map(str::to_string),
            ..Paragraph::outside(text)
        }
    }

    #[test]
    fn the_column_speaks_first_then_the_least_advanced_sentence() {
        let paragraphs = [
            p("Kent", 1, &[1], Role::Response, Some("Completed - see 4.2"), "We are still awaiting guidance."),
            p("Kent", 2, &[4], Role::Response, None, "The policy is now in place. Training is ongoing."),
            p("Kent", 3, &[8], Role::Response, Some("Green"), "We note this."),
            p("Kent", 6, &[5], Role::Recommendation, None, "Recommendation 5 – Completed"),
            p("Kent", 7, &[5], Role::Response, None, "We publish the figures."),
            p("Kent", 8, &[4], Role::Recommendation, None, "Recommendation 4. To chief constables"),
            p(
                "Essex",
                4,
                &[1, 4],
                Role::Preamble,
                None,
                "Recommendation 1 is complete. Recommendation 4 is not accepted.",
            ),
            p(
                "Essex",
                5,
                &[5, 8],
                Role::Response,
                None,
                "Recommendation 5 is in progress and recommendation 8 is complete.",
            ),
        ];
        let g = grid(&paragraphs, &[1, 4, 5, 8]);
        let at = |b: &str, r: u32| g.cell(b, r).unwrap();
        assert_eq!(at("Kent", 1).status, Stated::Complete);
        assert_eq!(at("Kent", 1).evidence.as_ref().unwrap().from, Source::Column);
        assert_eq!(at("Kent", 4).status, Stated::InProgress);
        assert_eq!(at("Kent", 4).evidence.as_ref().unwrap().sentence, "Training is ongoing.");
        assert_eq!(
            (at("Kent", 8).status, at("Kent", 8).evidence.as_ref().unwrap().sentence.as_str()),
            (Stated::NotStated, "Green")
        );
        assert_eq!(at("Essex", 1).status, Stated::Complete);
        assert_eq!(at("Essex", 4).status, Stated::NotAccepted);
        assert_eq!((at("Essex", 5).status, at("Essex", 8).status), (Stated::InProgress, Stated::Complete));
        let ev = at("Essex", 8).evidence.as_ref().unwrap();
        assert_eq!(
            ev.sentence, "Recommendation 5 is in progress and recommendation 8 is complete.",
            "the whole sentence"
        );
        assert_eq!(at("Kent", 5).status, Stated::Complete, "the heading states it");
        assert_eq!(
            at("Kent", 5).evidence.as_ref().map(|e| (e.from, e.sentence.as_str())),
            Some((Source::Heading, "Completed"))
        );
    }
}
