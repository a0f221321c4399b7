//! Passages, not pairs: each copied passage once (a family of paragraphs connected by shared
//! wording), with every occurrence in date order, the earliest dated one marked as the likely
//! source when another is dated, and the words of each occurrence that differ from its twin (the
//! occurrence it shares most with).

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::finding::{Finding, Report};
use super::units::body_of;
use crate::dates::{compare, PartialDate};
use crate::model::Paragraph;
use crate::normalize::words;

/// The other side of a finding from the paragraph `id`.
fn other<'f>(f: &'f Finding, id: &str) -> &'f Paragraph {
    if f.a.id == id {
        &f.b
    } else {
        &f.a
    }
}

/// One place a passage occurs.
#[derive(Debug, Clone, Serialize)]
pub struct Occurrence {
    pub paragraph: Paragraph,
    pub body: String,
    /// The date of its document (null: undated, never guessed).
    pub date: Option<String>,
    /// The earliest dated occurrence, strictly before every other dated one of another document
    /// (there must be one: a passage whose other occurrences are undated has no likely source).
    pub source: bool,
    /// The occurrence it is compared with: its twin, the one it shares most words with.
    pub twin: Option<String>,
    /// Byte ranges of its own words that differ from its twin's (words quoted from the report
    /// are never differences); null for a passage's single occurrence.
    pub differs: Option<Vec<[usize; 2]>>,
}

impl Occurrence {
    /// The words of it that differ from its twin's, as written.
    pub fn differing(&self) -> Vec<&str> {
        self.differs.iter().flatten().filter_map(|&[a, b]| self.paragraph.text.get(a..b)).collect()
    }
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

impl Passage {
    /// The number (from 1, in this passage's list) of an occurrence's twin.
    pub fn twin_number(&self, o: &Occurrence) -> Option<usize> {
        let twin = o.twin.as_ref()?;
        self.occurrences.iter().position(|x| &x.paragraph.id == twin).map(|k| k + 1)
    }
}

/// Byte ranges of `text`'s words outside `shared` and outside `quoted`.
fn outside(text: &str, shared: &[[usize; 2]], quoted: &[[usize; 2]]) -> Vec<[usize; 2]> {
    let within =
        |ranges: &[[usize; 2]], w: &crate::normalize::Word| ranges.iter().any(|&[a, b]| a <= w.start && w.end <= b);
    words(text).into_iter().filter(|w| !within(shared, w) && !within(quoted, w)).map(|w| [w.start, w.end]).collect()
}

/// The passages of a report (its families), strongest first; `date_of` gives a document's date,
/// `quoted` the byte ranges of a paragraph quoted from the report.
pub fn passages(
    report: &Report,
    date_of: &dyn Fn(&str) -> Option<String>,
    quoted: &dyn Fn(&Paragraph) -> Vec<[usize; 2]>,
) -> Vec<Passage> {
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
        // other dated document the passage occurs in, of which there is at least one.
        let source = first.filter(|p| {
            dated(p).is_some_and(|d| {
                let rivals: Vec<String> =
                    paragraphs.iter().filter(|q| q.doc != p.doc).filter_map(|q| dated(q)).collect();
                !rivals.is_empty() && rivals.iter().all(|e| compare(Some(&d), Some(e)) == Some(Ordering::Less))
            })
        });
        let occurrences = paragraphs
            .iter()
            .map(|p| {
                // Its twin: the occurrence it shares most words with, compared directly.
                let twin = findings.iter().filter(|f| f.a.id == p.id || f.b.id == p.id).max_by(|x, y| {
                    x.shared_words.cmp(&y.shared_words).then_with(|| other(y, &p.id).id.cmp(&other(x, &p.id).id))
                });
                let differs = twin.map(|f| {
                    let side_a = f.a.id == p.id;
                    let marks: Vec<[usize; 2]> = f
                        .spans
                        .iter()
                        .flat_map(|s| if side_a { s.marks_a.clone() } else { s.marks_b.clone() })
                        .collect();
                    outside(&p.text, &marks, &quoted(p))
                });
                Occurrence {
                    paragraph: (*p).clone(),
                    body: body_of(p),
                    date: date_of(&p.doc),
                    source: source.is_some_and(|s| s.id == p.id),
                    twin: twin.map(|f| other(f, &p.id).id.clone()),
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
