//! Coverage: which body answered which recommendation, in how many paragraphs and words of its
//! own, and which bodies gave no answer to a recommendation addressed to them.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::{Paragraph, Recommendations, Role};
use crate::normalize::word_count;
use crate::reuse::units::body_of;

/// One body's answer to one recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub body: String,
    pub recommendation: u32,
    /// Response paragraphs answering it (a paragraph answering several counts under each).
    pub paragraphs: usize,
    /// Their words.
    pub words: usize,
}

/// A recommendation and the bodies that gave it no answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unanswered {
    pub recommendation: u32,
    pub bodies: Vec<String>,
}

/// Who answered what.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// The report, in a corpus answering several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// The responding bodies, sorted.
    pub bodies: Vec<String>,
    /// The report's recommendations, in order.
    pub recommendations: Vec<u32>,
    /// Every body × recommendation, answered or not (0 paragraphs), body by body.
    pub cells: Vec<Cell>,
    /// For each recommendation, the bodies with no response paragraph answering it.
    pub unanswered: Vec<Unanswered>,
    /// Each body's own words that answer no recommendation in particular (covering letters,
    /// statements, comments: preamble, and responses naming no recommendation), as cells of
    /// recommendation 0: a body that answered in prose is not taken for one that said nothing.
    pub unassigned: Vec<Cell>,
    /// When each body answered, and whether in time.
    #[serde(default)]
    pub timeliness: Vec<crate::timeliness::Timeliness>,
    /// The reference documents (the report, its authors' pages): no body, in no row, listed apart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
}

/// Coverage of each report of `ids` by the paragraphs answering it. In a corpus answering one
/// report, every paragraph counts (and the report is not named).
pub fn by_report(paragraphs: &[Paragraph], reports: &[Recommendations], ids: &[String]) -> Vec<Coverage> {
    per_report(paragraphs, reports, ids, |named, answering, report| Coverage {
        report: named.then(|| report.id().to_string()),
        ..coverage(answering, &report.numbers())
    })
}

/// `f` of each report of `ids` with the paragraphs answering it, and whether the report is to be
/// named (a corpus answering several); in a corpus answering one report, every paragraph counts.
pub fn per_report<T>(
    paragraphs: &[Paragraph],
    reports: &[Recommendations],
    ids: &[String],
    f: impl Fn(bool, &[Paragraph], &Recommendations) -> T,
) -> Vec<T> {
    reports
        .iter()
        .filter(|r| ids.iter().any(|id| id == r.id()))
        .map(|r| {
            if reports.len() == 1 {
                return f(false, paragraphs, r);
            }
            let answering: Vec<Paragraph> =
                paragraphs.iter().filter(|p| p.report.as_deref() == Some(r.id())).cloned().collect();
            f(true, &answering, r)
        })
        .collect()
}

/// Coverage of `recommendations` (each addressed to every responding body) by the response
/// paragraphs among `paragraphs`; every body with a paragraph in the corpus is a responding body.
pub fn coverage(paragraphs: &[Paragraph], recommendations: &[u32]) -> Coverage {
    // A reference is no body: its paragraphs quote the report, none answers it.
    let bodies: BTreeSet<String> = paragraphs.iter().filter(|p| p.role != Role::Reference).map(body_of).collect();
    let mut bodies: Vec<String> = bodies.into_iter().collect();
    bodies.sort_by(|a, b| crate::model::name_order(a, b));
    let references: BTreeSet<String> =
        paragraphs.iter().filter(|p| p.role == Role::Reference).map(|p| p.doc.clone()).collect();
    let mut counts: BTreeMap<(String, u32), (usize, usize)> = BTreeMap::new();
    let mut other: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for p in paragraphs.iter().filter(|p| p.role.is_own()) {
        let words = word_count(&p.text);
        let answered: Vec<u32> = p.answers().filter(|r| recommendations.contains(r)).collect();
        if p.role == Role::Preamble || answered.is_empty() {
            let cell = other.entry(body_of(p)).or_default();
            cell.0 += 1;
            cell.1 += words;
            continue;
        }
        for rec in answered {
            let cell = counts.entry((body_of(p), rec)).or_default();
            cell.0 += 1;
            cell.1 += words;
        }
    }
    let mut cells = Vec::new();
    for body in &bodies {
        for &rec in recommendations {
            let (paragraphs, words) = counts.get(&(body.clone(), rec)).copied().unwrap_or_default();
            cells.push(Cell { body: body.clone(), recommendation: rec, paragraphs, words });
        }
    }
    let unanswered = recommendations
        .iter()
        .map(|&rec| Unanswered {
            recommendation: rec,
            bodies: cells
                .iter()
                .filter(|c| c.recommendation == rec && c.paragraphs == 0)
                .map(|c| c.body.clone())
                .collect(),
        })
        .collect();
    let unassigned = bodies
        .iter()
        .map(|body| {
            let (paragraphs, words) = other.get(body).copied().unwrap_or_default();
            Cell { body: body.clone(), recommendation: 0, paragraphs, words }
        })
        .collect();
    Coverage {
        report: None,
        bodies,
        recommendations: recommendations.to_vec(),
        cells,
        unanswered,
        unassigned,
        timeliness: Vec::new(),
        references: references.into_iter().collect(),
    }
}

impl Coverage {
    /// The cell of one body and recommendation.
    pub fn cell(&self, body: &str, recommendation: u32) -> Option<&Cell> {
        self.cells.iter().find(|c| c.body == body && c.recommendation == recommendation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(force: &str, rec: Option<u32>, role: Role, text: &str) -> Paragraph {
        Paragraph {
            id: format!("{force}:0"),
            doc: force.to_lowercase(),
            force: Some(force.into()),
            recommendation: rec,
            recommendations: rec.into_iter().collect(),
            role,
            line: 1,
            ..Paragraph::outside(text)
        }
    }

    #[test]
    fn answers_are_counted_and_silences_listed() {
        let paragraphs = [
            p("Kent", Some(1), Role::Response, "We act on it now."),
            p("Kent", Some(1), Role::Response, "And we report."),
            p("Kent", Some(8), Role::Recommendation, "Recommendation 8. Provide an update."),
            p("Essex", Some(8), Role::Response, "Here is our update."),
            p("Essex", None, Role::Preamble, "Dear Sir,"),
        ];
        let c = coverage(&paragraphs, &[1, 8]);
        assert_eq!(c.bodies, ["Essex", "Kent"]);
        assert_eq!(c.cell("Kent", 1).map(|c| (c.paragraphs, c.words)), Some((2, 8)));
        assert_eq!(c.cell("Kent", 8).map(|c| c.paragraphs), Some(0), "quoting it is no answer");
        assert_eq!(c.unanswered[0], Unanswered { recommendation: 1, bodies: vec!["Essex".into()] });
        assert_eq!(c.unanswered[1], Unanswered { recommendation: 8, bodies: vec!["Kent".into()] });
        assert_eq!(c.unassigned[0], Cell { body: "Essex".into(), recommendation: 0, paragraphs: 1, words: 2 });
    }
}
