//! The whole picture an auditor hands on: documents, reuse between and within bodies (copied
//! runs, passages, stock wording), the body × body matrix in an order that shows clusters, who
//! likely wrote each unattributed document, and which words of each paragraph are quoted from the
//! report. Gathered once, rendered by `render::html` for the report and the web interface.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::model::{Document, Paragraph, RoleCounts};
use crate::reuse::analysis::Matrix;
use crate::reuse::{Finding, Report};
use crate::service::Service;

/// Each document's date as the manifest gives it, by document id.
pub type Dates = HashMap<String, Option<String>>;

/// The dates of `documents`.
pub fn dates(documents: &[Document]) -> Dates {
    documents.iter().map(|d| (d.doc.clone(), d.date.clone())).collect()
}

/// Byte ranges of text quoted from the report, by paragraph id.
pub type Quoted = HashMap<String, Vec<[usize; 2]>>;

/// Everything the report shows.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub documents: Vec<Document>,
    /// Every paragraph, in corpus order.
    pub paragraphs: Vec<Paragraph>,
    /// Reuse between bodies.
    pub between: Report,
    /// Reuse within one body (one answer under several recommendations).
    pub within: Report,
    pub matrix: Matrix,
    /// The matrix's bodies, ordered so that bodies sharing text stand together.
    pub order: Vec<String>,
    pub totals: Totals,
    /// Byte ranges of each response paragraph's text quoted from the report, by paragraph id.
    pub quoted: Quoted,
    /// Which body answered which recommendation.
    /// Report by report.
    pub coverage: Vec<crate::coverage::Coverage>,
    /// What each body says it has done on each recommendation, report by report.
    pub status: Vec<crate::status::StatusGrid>,
    /// Each document's words: own, shared, quoted, furniture.
    pub provenance: Vec<crate::provenance::Provenance>,
    /// The passages shared between bodies, each with its occurrences in date order.
    pub passages: Vec<crate::reuse::passages::Passage>,
    /// Consecutive paragraphs copied from one document to another, each as one run.
    pub runs: Vec<crate::reuse::runs::Run>,
    /// Each unattributed response document, with the bodies whose words it shares, ranked.
    pub attributions: Vec<Attributed>,
}

/// An unattributed document and the bodies whose response words it shares.
#[derive(Debug, Clone, Serialize)]
pub struct Attributed {
    pub doc: String,
    pub ranked: Vec<crate::reuse::analysis::Attribution>,
}

/// The summary figures.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    pub documents: usize,
    pub bodies: usize,
    pub recommendations: Vec<u32>,
    pub paragraphs: RoleCounts,
    /// The bodies' own response words (quotation of the report left out).
    pub own_words: usize,
    /// Of those, words found in another body's responses.
    pub shared_words: usize,
    /// Bodies whose responses share text with another body's.
    pub bodies_sharing: usize,
}

impl Overview {
    /// The paragraph with this id.
    pub fn paragraph(&self, id: &str) -> Option<&Paragraph> {
        self.paragraphs.iter().find(|p| p.id == id)
    }

    /// Where to find things for the per-document views, in one pass over paragraphs and findings
    /// (so that showing every document costs as much as showing one).
    pub fn by_document(&self) -> ByDocument<'_> {
        let mut findings: HashMap<&str, Vec<&Finding>> = HashMap::new();
        for f in self.between.findings.iter().chain(&self.within.findings) {
            findings.entry(f.a.id.as_str()).or_default().push(f);
            findings.entry(f.b.id.as_str()).or_default().push(f);
        }
        // Paragraphs come in corpus order, a document's together.
        let paragraphs = self.paragraphs.chunk_by(|a, b| a.doc == b.doc).map(|c| (c[0].doc.as_str(), c)).collect();
        let provenance = self.provenance.iter().map(|p| (p.doc.as_str(), p)).collect();
        ByDocument { findings, paragraphs, provenance }
    }
}

/// An overview's findings by paragraph id, and paragraphs by document.
pub struct ByDocument<'a> {
    pub findings: HashMap<&'a str, Vec<&'a Finding>>,
    pub paragraphs: HashMap<&'a str, &'a [Paragraph]>,
    pub provenance: HashMap<&'a str, &'a crate::provenance::Provenance>,
}

/// Gathers the overview of an index with the given thresholds.
pub fn gather(service: &Service) -> anyhow::Result<Overview> {
    let compare = &service.compare;
    let between = service.reuse(&compare.options(false, Vec::new(), Vec::new()), || ())?;
    let within = service.reuse(&compare.options(true, Vec::new(), Vec::new()), || ())?;
    let matrix = service.matrix(&[], || ())?;
    let collection = service.collection()?;
    let order = seriate(&matrix);
    let quoted: Quoted = collection.units.iter().map(|u| (u.paragraph.id.clone(), u.quoted_ranges())).collect();

    let own_words: usize = collection.units.iter().map(|u| u.own).sum();
    let shared_words = matrix_shared(&matrix);
    let bodies_sharing = matrix.cells.iter().filter(|c| c.shared_words > 0).map(|c| &c.from).collect::<BTreeSet<_>>();
    let documents = service.documents()?.to_vec();
    let mut paragraphs_by_role = RoleCounts::default();
    for d in &documents {
        paragraphs_by_role.merge(&d.paragraphs);
    }
    let recommendations: BTreeSet<u32> = documents.iter().flat_map(|d| d.recommendations.iter().copied()).collect();
    let totals = Totals {
        documents: documents.len(),
        bodies: matrix.bodies.len(),
        recommendations: recommendations.into_iter().collect(),
        paragraphs: paragraphs_by_role,
        own_words,
        shared_words,
        bodies_sharing: bodies_sharing.len(),
    };
    let paragraphs = service.all_paragraphs()?;
    let ids = service.reports(&[])?;
    let coverage = service.coverage_of(&paragraphs, &ids, &documents);
    let status = crate::status::by_report(&paragraphs, &service.opened.meta.reports, &ids);
    let provenance = service.provenance_of(&paragraphs)?;
    let passages = service.passages(&between)?;
    let runs = service.runs(&between);
    let mut attributions = Vec::new();
    for d in documents.iter().filter(|d| d.force.is_none() && !d.reference) {
        attributions.push(Attributed { doc: d.doc.clone(), ranked: service.attribute(&d.doc)? });
    }
    Ok(Overview {
        documents,
        paragraphs,
        between,
        within,
        matrix,
        order,
        totals,
        quoted,
        coverage,
        status,
        provenance,
        passages,
        runs,
        attributions,
    })
}

/// Words of each body found in some other body: the largest directional cell per body, summed
/// (a lower bound of the words shared, never counting a word twice).
fn matrix_shared(m: &Matrix) -> usize {
    let mut best: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &m.cells {
        let e = best.entry(c.from.as_str()).or_default();
        *e = (*e).max(c.shared_words);
    }
    best.values().sum()
}

/// Orders the bodies so that those sharing text stand next to each other: start from the body
/// that shares most, then repeatedly take the unplaced body closest to the last placed (by the
/// larger of the two directional shares), falling back to the one sharing most overall.
pub fn seriate(m: &Matrix) -> Vec<String> {
    let mut closeness: HashMap<(&str, &str), f64> = HashMap::new();
    let mut total: BTreeMap<&str, f64> = m.bodies.iter().map(|b| (b.as_str(), 0.0)).collect();
    for c in &m.cells {
        let key = if c.from < c.to { (c.from.as_str(), c.to.as_str()) } else { (c.to.as_str(), c.from.as_str()) };
        let e = closeness.entry(key).or_default();
        *e = e.max(c.share);
        *total.entry(c.from.as_str()).or_default() += c.share;
    }
    let close = |a: &str, b: &str| {
        let key = if a < b { (a, b) } else { (b, a) };
        closeness.get(&key).copied().unwrap_or(0.0)
    };
    let mut left: Vec<&str> = m.bodies.iter().map(String::as_str).collect();
    let mut out: Vec<String> = Vec::with_capacity(left.len());
    while !left.is_empty() {
        let last = out.last().map(String::as_str);
        let by_total = |b: &&str| total.get(b).copied().unwrap_or(0.0);
        let next = last
            .and_then(|l| {
                left.iter().copied().filter(|b| close(l, b) > 0.0).max_by(|x, y| {
                    close(l, x).total_cmp(&close(l, y)).then(by_total(x).total_cmp(&by_total(y))).then(y.cmp(x))
                })
            })
            .unwrap_or_else(|| {
                *left.iter().max_by(|x, y| by_total(x).total_cmp(&by_total(y)).then(y.cmp(x))).expect("not empty")
            });
        left.retain(|b| *b != next);
        out.push(next.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reuse::analysis::Cell;

    fn cell(from: &str, to: &str, share: f64) -> Cell {
        Cell { from: from.into(), to: to.into(), shared_words: (share * 100.0) as usize, own_words: 100, share }
    }

    #[test]
    fn seriation_puts_bodies_that_share_text_together() {
        let bodies = ["A", "B", "C", "D", "E"].map(String::from).to_vec();
        let mut cells = Vec::new();
        for a in &bodies {
            for b in &bodies {
                if a != b {
                    let linked = matches!((a.as_str(), b.as_str()), ("A", "D") | ("D", "A"));
                    let weak = matches!((a.as_str(), b.as_str()), ("B", "E") | ("E", "B"));
                    cells.push(cell(
                        a,
                        b,
                        if linked {
                            0.9
                        } else if weak {
                            0.3
                        } else {
                            0.0
                        },
                    ));
                }
            }
        }
        let order = seriate(&Matrix { bodies, cells });
        let pos = |b: &str| order.iter().position(|x| x == b).unwrap();
        assert_eq!(pos("A").abs_diff(pos("D")), 1, "{order:?}");
        assert_eq!(pos("B").abs_diff(pos("E")), 1, "{order:?}");
        assert_eq!(order.last().unwrap(), "C");
    }
}
