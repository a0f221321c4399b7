//! Copied runs: consecutive findings between the same two documents, in the same order on both
//! sides, with nothing of either body's own between them (quotation of the report, headings,
//! furniture and a table's labels may stand between), shown as one copied run with its extent on
//! each side, as a text aligner shows one alignment.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::finding::Finding;
use super::score::grade;
use crate::model::{Paragraph, Role};

/// One copied run between two documents.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    /// `R` and six hex digits of the run's first paragraph pair: the same whatever the filters.
    pub id: String,
    pub a_doc: String,
    pub b_doc: String,
    /// The first and last paragraph ids of the run on each side.
    pub a: [String; 2],
    pub b: [String; 2],
    /// Paragraphs between the run's findings that are not the bodies' own words (quotation,
    /// headings, furniture, labels), on each side: inside the run, marked as what they are.
    pub quoted_a: Vec<String>,
    pub quoted_b: Vec<String>,
    /// Shared own words over the whole run.
    pub shared_words: usize,
    /// The score of the run's shared words as a whole (as a finding's is computed).
    pub score: f64,
    /// The run's findings, in order.
    pub findings: Vec<Finding>,
}

/// The most words a paragraph of a body's own may have and still be a label between two copied
/// paragraphs, not words of the body's own that part them: a table's row number or status
/// ("Complete", "Partially met"), a column heading ("Force response").
pub const LABEL_WORDS: usize = 3;

/// Whether the paragraphs strictly between two of a document's paragraphs are none of the bodies'
/// own words; `label` tells whether an own paragraph is a label only (see [`LABEL_WORDS`]).
fn nothing_own_between(
    paragraphs: &[Paragraph],
    from: u32,
    to: u32,
    compared: &[Role],
    label: &dyn Fn(&Paragraph) -> bool,
) -> bool {
    paragraphs
        .iter()
        .filter(|p| p.paragraph > from && p.paragraph < to)
        .all(|p| !compared.contains(&p.role) || label(p))
}

fn between(paragraphs: &[Paragraph], from: u32, to: u32) -> Vec<String> {
    paragraphs.iter().filter(|p| p.paragraph > from && p.paragraph < to).map(|p| p.id.clone()).collect()
}

/// The runs of two findings or more among `findings`; `paragraphs_of` gives a document's
/// paragraphs in order, `compared` the roles that are own words, and `label` whether a paragraph
/// of own words is a label only (asked of the few that stand between two findings). Runs come
/// strongest first.
pub fn runs(
    findings: &[Finding],
    paragraphs_of: &dyn Fn(&str) -> Vec<Paragraph>,
    compared: &[Role],
    label: &dyn Fn(&Paragraph) -> bool,
) -> Vec<Run> {
    // Each finding with its documents in name order, so that a pair's findings line up.
    let oriented: Vec<Finding> = findings.iter().filter(|f| f.a.doc != f.b.doc).map(oriented).collect();
    // Each paragraph asked once: a long chain asks of the same gaps again and again.
    let labels: std::cell::RefCell<HashMap<String, bool>> = Default::default();
    let label = |p: &Paragraph| -> bool {
        if let Some(&known) = labels.borrow().get(&p.id) {
            return known;
        }
        let known = label(p);
        labels.borrow_mut().insert(p.id.clone(), known);
        known
    };
    let label = &label;
    let mut by_pair: BTreeMap<(&str, &str), Vec<&Finding>> = BTreeMap::new();
    for f in &oriented {
        by_pair.entry((f.a.doc.as_str(), f.b.doc.as_str())).or_default().push(f);
    }
    let mut docs: HashMap<String, Vec<Paragraph>> = HashMap::new();
    // A paragraph stands in one run at most (one pasted under several answers is not several runs).
    let mut in_run: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut out = Vec::new();
    for ((a_doc, b_doc), mut pair) in by_pair {
        if pair.len() < 2 {
            continue;
        }
        for doc in [a_doc, b_doc] {
            docs.entry(doc.to_string()).or_insert_with(|| paragraphs_of(doc));
        }
        let (pa, pb) = (&docs[a_doc], &docs[b_doc]);
        pair.sort_by_key(|f| (f.a.paragraph, f.b.paragraph));
        let mut used: Vec<bool> = pair.iter().map(|f| in_run.contains(&f.a.id) || in_run.contains(&f.b.id)).collect();
        for start in 0..pair.len() {
            if used[start] {
                continue;
            }
            used[start] = true;
            let mut chain = vec![start];
            loop {
                let last = pair[*chain.last().expect("one at least")];
                let next = (0..pair.len()).find(|&k| {
                    let f = pair[k];
                    !used[k]
                        && !in_run.contains(&f.a.id)
                        && !in_run.contains(&f.b.id)
                        && f.a.paragraph > last.a.paragraph
                        && f.b.paragraph > last.b.paragraph
                        && nothing_own_between(pa, last.a.paragraph, f.a.paragraph, compared, label)
                        && nothing_own_between(pb, last.b.paragraph, f.b.paragraph, compared, label)
                });
                match next {
                    Some(k) => {
                        used[k] = true;
                        chain.push(k);
                    }
                    None => break,
                }
            }
            if chain.len() >= 2 {
                for &k in &chain {
                    in_run.insert(pair[k].a.id.clone());
                    in_run.insert(pair[k].b.id.clone());
                }
                // Findings of the run's paragraphs with others are taken by the run.
                for (k, f) in pair.iter().enumerate() {
                    if in_run.contains(&f.a.id) || in_run.contains(&f.b.id) {
                        used[k] = true;
                    }
                }
                out.push(run_of(chain.iter().map(|&k| pair[k]).collect(), pa, pb));
            }
        }
    }
    out.sort_by(|x, y| {
        y.score.total_cmp(&x.score).then(y.shared_words.cmp(&x.shared_words)).then_with(|| x.id.cmp(&y.id))
    });
    out
}

/// The finding with its sides in document-name order.
fn oriented(f: &Finding) -> Finding {
    let mut f = f.clone();
    if f.a.doc > f.b.doc {
        std::mem::swap(&mut f.a, &mut f.b);
        std::mem::swap(&mut f.containment_a, &mut f.containment_b);
        for s in &mut f.spans {
            std::mem::swap(&mut s.a, &mut s.b);
            std::mem::swap(&mut s.marks_a, &mut s.marks_b);
            std::mem::swap(&mut s.near_a, &mut s.near_b);
        }
    }
    f
}

fn run_of(findings: Vec<&Finding>, pa: &[Paragraph], pb: &[Paragraph]) -> Run {
    let (first, last) = (findings[0], findings[findings.len() - 1]);
    let shared: usize = findings.iter().map(|f| f.shared_words).sum();
    // Each side's own words over the run: a finding's shared words over its containment.
    let own = |side_a: bool| -> f64 {
        findings
            .iter()
            .map(|f| {
                let c = if side_a { f.containment_a } else { f.containment_b };
                if c > 0.0 {
                    f.shared_words as f64 / c
                } else {
                    0.0
                }
            })
            .sum()
    };
    let score = grade(shared, own(true).round() as usize, own(false).round() as usize);
    let mut quoted_a = Vec::new();
    let mut quoted_b = Vec::new();
    for w in findings.windows(2) {
        quoted_a.extend(between(pa, w[0].a.paragraph, w[1].a.paragraph));
        quoted_b.extend(between(pb, w[0].b.paragraph, w[1].b.paragraph));
    }
    let key = format!("{}\u{0}{}", first.a.id, first.b.id);
    Run {
        id: format!("R{:06x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()) & 0xff_ffff),
        a_doc: first.a.doc.clone(),
        b_doc: first.b.doc.clone(),
        a: [first.a.id.clone(), last.a.id.clone()],
        b: [first.b.id.clone(), last.b.id.clone()],
        quoted_a,
        quoted_b,
        shared_words: shared,
        score: (score * 1000.0).round() / 1000.0,
        findings: findings.into_iter().cloned().collect(),
    }
}
