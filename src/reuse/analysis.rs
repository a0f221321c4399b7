//! Summaries built on findings: the body × body matrix of shared response text, and the
//! attribution of a document to the bodies whose text it shares.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::{Collection, Finding, Options};

/// How much of one body's response text appears in another's (directional).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cell {
    pub from: String,
    pub to: String,
    /// Words of `from`'s responses found in `to`'s.
    pub shared_words: usize,
    /// All of `from`'s own response words.
    pub own_words: usize,
    pub share: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Matrix {
    pub bodies: Vec<String>,
    pub cells: Vec<Cell>,
}

impl Collection {
    fn own_words_by_body(&self, reports: &[String]) -> BTreeMap<String, usize> {
        let mut own = BTreeMap::new();
        for u in self.units.iter().filter(|u| of_reports(&u.paragraph, reports)) {
            *own.entry(u.body.clone()).or_insert(0) += u.own;
        }
        own
    }

    /// Shared words counted once per word of `from`, whatever number of findings show it.
    fn shared_words(&self, f: &Finding, side_a: bool) -> Vec<(String, usize)> {
        let unit = if side_a { self.unit(&f.a.id) } else { self.unit(&f.b.id) };
        let Some(unit) = unit else { return Vec::new() };
        let marks: Vec<[usize; 2]> = f.spans.iter().flat_map(|s| s.shared_ranges(side_a)).collect();
        unit.toks
            .iter()
            .filter(|t| marks.iter().any(|m| t.start() >= m[0] && t.end() <= m[1]))
            .map(|t| (unit.paragraph.id.clone(), t.start()))
            .collect()
    }

    /// The body × body matrix over findings between bodies.
    /// The body × body matrix of `findings`; with `reports`, of those reports' paragraphs only
    /// (own words and findings alike).
    pub fn matrix(&self, findings: &[Finding], reports: &[String]) -> Matrix {
        let own = self.own_words_by_body(reports);
        let mut words: HashMap<(String, String), BTreeSet<(String, usize)>> = HashMap::new();
        for f in findings.iter().filter(|f| of_reports(&f.a, reports) && of_reports(&f.b, reports)) {
            let (ba, bb) = (super::units::body_of(&f.a), super::units::body_of(&f.b));
            words.entry((ba.clone(), bb.clone())).or_default().extend(self.shared_words(f, true));
            words.entry((bb, ba)).or_default().extend(self.shared_words(f, false));
        }
        let mut bodies: Vec<String> = own.keys().cloned().collect();
        bodies.sort_by(|a, b| crate::model::name_order(a, b));
        let mut cells = Vec::new();
        for from in &bodies {
            for to in bodies.iter().filter(|t| *t != from) {
                let shared = words.get(&(from.clone(), to.clone())).map_or(0, BTreeSet::len);
                let own_words = own[from];
                let share = if own_words == 0 { 0.0 } else { super::round(shared as f64 / own_words as f64) };
                cells.push(Cell { from: from.clone(), to: to.clone(), shared_words: shared, own_words, share });
            }
        }
        Matrix { bodies, cells }
    }

    /// The bodies whose response text a document shares, strongest first.
    pub fn attribute(&self, doc: &str, opts: &Options) -> Vec<Attribution> {
        let mine: Vec<&super::Unit> = self.units.iter().filter(|u| u.paragraph.doc == doc).collect();
        let own: usize = mine.iter().map(|u| u.own).sum();
        let mut by_body: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
        for u in &mine {
            for f in self.similar(u, opts.min_words, usize::MAX) {
                if f.b.doc != doc && f.score >= opts.min_score && !f.stock {
                    by_body.entry(super::units::body_of(&f.b)).or_default().push(f);
                }
            }
        }
        let mut out: Vec<Attribution> = by_body
            .into_iter()
            .map(|(body, mut findings)| {
                let shared: usize =
                    findings.iter().flat_map(|f| self.shared_words(f, true)).collect::<BTreeSet<_>>().len();
                let rarity = findings.iter().map(|f| f.rarity).sum::<f64>() / findings.len() as f64;
                let share = if own == 0 { 0.0 } else { shared as f64 / own as f64 };
                super::sort(&mut findings);
                let paragraphs = findings.iter().map(|f| f.a.id.clone()).collect::<BTreeSet<_>>().len();
                let (same_recommendations, same_order) = alignment(&findings);
                let likely = if share >= SAME_COPY_SHARE && same_recommendations && same_order {
                    Likely::SameBodysCopy
                } else {
                    Likely::SharesWords
                };
                Attribution {
                    likely,
                    same_recommendations,
                    same_order,
                    force: findings[0].b.force.clone(),
                    body,
                    score: super::round(share * rarity),
                    shared_words: shared,
                    share: super::round(share),
                    paragraphs,
                    evidence: findings,
                    date: None,
                    first: crate::dates::First::Undated,
                }
            })
            .collect();
        out.sort_by(|x, y| {
            y.score.total_cmp(&x.score).then(y.shared_words.cmp(&x.shared_words)).then(x.body.cmp(&y.body))
        });
        out
    }
}

/// Share of a document's own words found in a body's, from which it may be that body's own other
/// copy (rather than another body's borrowing of some of its words).
pub const SAME_COPY_SHARE: f64 = 0.9;

/// What the evidence says a document is to a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Likely {
    /// Nearly none of its own words, the same paragraphs under the same recommendations, in the
    /// same order: more likely the body's own other copy of its response than another body's.
    SameBodysCopy,
    /// It shares words with the body, without being its copy whole: another body's copy of some
    /// of them, or the other way round.
    SharesWords,
}

/// Whether a document's paragraphs and a body's paired by the evidence (each of the document's
/// paragraphs with the one it shares most with) answer the same recommendations, and stand in the
/// same order on both sides.
fn alignment(findings: &[Finding]) -> (bool, bool) {
    let mut best: BTreeMap<u32, &Finding> = BTreeMap::new();
    for f in findings {
        let slot = best.entry(f.a.paragraph).or_insert(f);
        if f.shared_words > slot.shared_words {
            *slot = f;
        }
    }
    let pairs: Vec<&Finding> = best.into_values().collect();
    let same_recs = pairs.iter().all(|f| f.a.recommendation == f.b.recommendation);
    let in_order = pairs.windows(2).all(|w| w[0].b.doc != w[1].b.doc || w[0].b.paragraph < w[1].b.paragraph);
    (same_recs, in_order)
}

/// A body a document shares text with.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attribution {
    /// What the document more likely is to this body: its own other copy, or a document sharing
    /// some of its words.
    pub likely: Likely,
    /// Every paragraph pair of the evidence answers the same recommendation on both sides.
    pub same_recommendations: bool,
    /// The paired paragraphs stand in the same order on both sides.
    pub same_order: bool,
    /// The body's force (null when the body is itself an unattributed document).
    pub force: Option<String>,
    pub body: String,
    /// share × mean rarity of the shared passages.
    pub score: f64,
    /// Words of the document's responses found in this body's responses.
    pub shared_words: usize,
    /// shared_words over all the document's own response words.
    pub share: f64,
    /// How many of the document's paragraphs share text with this body.
    pub paragraphs: usize,
    /// The findings behind it, strongest first.
    pub evidence: Vec<Finding>,
    /// The earliest date of this body's documents in the evidence (null when none is dated).
    pub date: Option<String>,
    /// Which came first: `a` the document attributed, `b` this body, `same` the same period at the
    /// precision both dates have, `undated` when either is not dated.
    pub first: crate::dates::First,
}

/// Whether a paragraph belongs to one of `reports` (any, when none is named).
fn of_reports(p: &crate::model::Paragraph, reports: &[String]) -> bool {
    reports.is_empty() || p.report.as_ref().is_some_and(|r| reports.contains(r))
}
