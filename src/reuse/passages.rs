//! Passages, not pairs: each copied passage once (a family of paragraphs connected by shared
//! wording), with every occurrence in date order, the earliest dated one marked as the likely
//! source, and the words of each occurrence that differ from it.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::finding::{Finding, Report};
use super::units::body_of;
use crate::dates::{compare, PartialDate};
use crate::model::Paragraph;
use crate::normalize::words;

/// One place a passage occurs.
#[derive(Debug, Clone, Serialize)]
pub struct Occurrence {
    pub paragraph: Paragraph,
    pub body: String,
    /// The date of its document (null: undated, never guessed).
    pub date: Option<String>,
    /// The earliest dated occurrence, strictly before every other dated one: the likely source.
    pub source: bool,
    /// Byte ranges of its words that differ from the passage's first occurrence (its own
    /// words not found in the finding between the two); null when the two were not compared
    /// directly (they are joined through other occurrences).
    pub differs: Option<Vec<[usize; 2]>>,
}

/// A copied passage and where it occurs.
#[derive(Debug, Clone, Serialize)]
pub struct Passage {
    /// The family's id (`F1`).
    pub id: String,
    /// The longest shared run of words among its findings.
    pub text: String,
    pub strongest: f64,
    pub bodies: usize,
    pub documents: usize,
    /// In date order, undated last.
    pub occurrences: Vec<Occurrence>,
}

/// Byte ranges of `text`'s words outside `shared`.
fn outside(text: &str, shared: &[[usize; 2]]) -> Vec<[usize; 2]> {
    words(text)
        .into_iter()
        .filter(|w| !shared.iter().any(|&[a, b]| a <= w.start && w.end <= b))
        .map(|w| [w.start, w.end])
        .collect()
}

/// The passages of a report (its families), strongest first; `date_of` gives a document's date.
pub fn passages(report: &Report, date_of: &dyn Fn(&str) -> Option<String>) -> Vec<Passage> {
    let mut by_family: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in &report.findings {
        by_family.entry(f.family.as_str()).or_default().push(f);
    }
    let mut out = Vec::new();
    for family in &report.families {
        let findings = by_family.get(family.id.as_str()).cloned().unwrap_or_default();
        let mut paragraphs: Vec<&Paragraph> = Vec::new();
        for f in &findings {
            for p in [&f.a, &f.b] {
                if !paragraphs.iter().any(|q| q.id == p.id) {
                    paragraphs.push(p);
                }
            }
        }
        let dated = |p: &Paragraph| date_of(&p.doc).filter(|d| PartialDate::parse(d).is_some());
        paragraphs.sort_by(|x, y| match (dated(x), dated(y)) {
            (Some(a), Some(b)) => compare(Some(&a), Some(&b)).unwrap_or(Ordering::Equal).then_with(|| x.id.cmp(&y.id)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => (&x.doc, x.paragraph).cmp(&(&y.doc, y.paragraph)),
        });
        let first = paragraphs.first().copied();
        // The likely source: the first occurrence, dated, in a document strictly earlier than every
        // other dated document the passage occurs in.
        let source = first.filter(|p| {
            dated(p).is_some_and(|d| {
                paragraphs
                    .iter()
                    .filter(|q| q.doc != p.doc)
                    .filter_map(|q| dated(q))
                    .all(|e| compare(Some(&d), Some(&e)) == Some(Ordering::Less))
            })
        });
        let occurrences = paragraphs
            .iter()
            .map(|p| {
                let differs = match first {
                    Some(f0) if f0.id == p.id => Some(Vec::new()),
                    Some(f0) => findings.iter().find_map(|f| {
                        let marks = |side_a: bool| -> Vec<[usize; 2]> {
                            f.spans
                                .iter()
                                .flat_map(|s| if side_a { s.marks_a.clone() } else { s.marks_b.clone() })
                                .collect()
                        };
                        if f.a.id == p.id && f.b.id == f0.id {
                            Some(outside(&p.text, &marks(true)))
                        } else if f.b.id == p.id && f.a.id == f0.id {
                            Some(outside(&p.text, &marks(false)))
                        } else {
                            None
                        }
                    }),
                    None => None,
                };
                Occurrence {
                    paragraph: (*p).clone(),
                    body: body_of(p),
                    date: date_of(&p.doc),
                    source: source.is_some_and(|s| s.id == p.id),
                    differs,
                }
            })
            .collect::<Vec<_>>();
        out.push(Passage {
            id: family.id.clone(),
            text: family.representative.clone(),
            strongest: family.strongest,
            bodies: occurrences.iter().map(|o| o.body.as_str()).collect::<BTreeSet<_>>().len(),
            documents: occurrences.iter().map(|o| o.paragraph.doc.as_str()).collect::<BTreeSet<_>>().len(),
            occurrences,
        });
    }
    out.sort_by(|a, b| {
        b.strongest.total_cmp(&a.strongest).then(b.occurrences.len().cmp(&a.occurrences.len())).then(a.id.cmp(&b.id))
    });
    out
}
