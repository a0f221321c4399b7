//! Provenance: how much of each document is the body's own and found nowhere else, how much it
//! shares with other bodies (and which), how much it quotes from the report, and how much is
//! website furniture. Counted in words, each word once.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::model::{Paragraph, Role};
use crate::normalize::words;
use crate::reuse::units::body_of;
use crate::reuse::Finding;

/// One document's words, in four shares.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub doc: String,
    pub body: String,
    pub words: usize,
    /// The body's own words (response, preamble) found in no other body's.
    pub own: usize,
    /// Own words found in another body's own words (each word once).
    pub shared: usize,
    /// The bodies they are shared with, and how many of the document's words each shares.
    pub shared_with: Vec<SharedWith>,
    /// Words quoted from the report: its recommendations as headings or text, and quotation
    /// inside the body's own paragraphs.
    pub quoted: usize,
    /// Website furniture (cookie notices, navigation).
    pub furniture: usize,
}

/// Words of a document found in one other body's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedWith {
    pub body: String,
    pub words: usize,
}

impl Provenance {
    /// A share of the document's words, from 0 to 1.
    pub fn share(&self, words: usize) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            words as f64 / self.words as f64
        }
    }
}

/// Byte ranges of a paragraph shared with another body, and that body.
type Marked = (String, Vec<[usize; 2]>);

/// Whether a word starting at byte `at` lies in one of `ranges`.
fn inside(ranges: &[[usize; 2]], at: usize) -> bool {
    ranges.iter().any(|&[a, b]| a <= at && at < b)
}

/// The provenance of every document among `paragraphs` (in document order), given the byte
/// ranges of each own-words paragraph quoted from the report (`quoted`, by paragraph id) and the
/// findings between bodies.
pub fn provenance(
    paragraphs: &[Paragraph],
    quoted: &dyn Fn(&Paragraph) -> Vec<[usize; 2]>,
    findings: &[Finding],
) -> Vec<Provenance> {
    // For each paragraph: the byte ranges shared, by the other body.
    let mut shared: HashMap<&str, Vec<Marked>> = HashMap::new();
    for f in findings {
        for span in &f.spans {
            shared.entry(f.a.id.as_str()).or_default().push((body_of(&f.b), span.shared_ranges(true)));
            shared.entry(f.b.id.as_str()).or_default().push((body_of(&f.a), span.shared_ranges(false)));
        }
    }
    let mut out: Vec<Provenance> = Vec::new();
    let mut with: BTreeMap<String, usize> = BTreeMap::new();
    let flush = |out: &mut Vec<Provenance>, with: &mut BTreeMap<String, usize>| {
        if let Some(last) = out.last_mut() {
            let mut list: Vec<SharedWith> =
                std::mem::take(with).into_iter().map(|(body, words)| SharedWith { body, words }).collect();
            list.sort_by(|a, b| b.words.cmp(&a.words).then_with(|| a.body.cmp(&b.body)));
            last.shared_with = list;
        }
    };
    for p in paragraphs {
        if out.last().is_none_or(|d| d.doc != p.doc) {
            flush(&mut out, &mut with);
            out.push(Provenance { doc: p.doc.clone(), body: body_of(p), ..Provenance::default() });
        }
        let d = out.last_mut().expect("pushed above");
        let ws = words(&p.text);
        d.words += ws.len();
        match p.role {
            Role::Chrome => d.furniture += ws.len(),
            Role::Recommendation | Role::Reference => d.quoted += ws.len(),
            Role::Response | Role::Preamble => {
                let q = quoted(p);
                let marks = shared.get(p.id.as_str()).map(Vec::as_slice).unwrap_or_default();
                for w in &ws {
                    if inside(&q, w.start) {
                        d.quoted += 1;
                        continue;
                    }
                    let bodies: BTreeSet<&str> =
                        marks.iter().filter(|(_, r)| inside(r, w.start)).map(|(b, _)| b.as_str()).collect();
                    if bodies.is_empty() {
                        d.own += 1;
                    } else {
                        d.shared += 1;
                        for b in bodies {
                            *with.entry(b.to_string()).or_default() += 1;
                        }
                    }
                }
            }
        }
    }
    flush(&mut out, &mut with);
    out
}

/// The provenance of each body: its documents' words summed (a word counted once in its document).
pub fn by_body(docs: &[Provenance]) -> Vec<Provenance> {
    let mut bodies: BTreeMap<&str, (Provenance, BTreeMap<String, usize>)> = BTreeMap::new();
    for d in docs {
        let (b, with) = bodies
            .entry(d.body.as_str())
            .or_insert_with(|| (Provenance { body: d.body.clone(), ..Provenance::default() }, BTreeMap::new()));
        b.words += d.words;
        b.own += d.own;
        b.shared += d.shared;
        b.quoted += d.quoted;
        b.furniture += d.furniture;
        for s in &d.shared_with {
            *with.entry(s.body.clone()).or_default() += s.words;
        }
    }
    bodies
        .into_values()
        .map(|(mut b, with)| {
            b.shared_with = with.into_iter().map(|(body, words)| SharedWith { body, words }).collect();
            b.shared_with.sort_by(|x, y| y.words.cmp(&x.words).then_with(|| x.body.cmp(&y.body)));
            b
        })
        .collect()
}
