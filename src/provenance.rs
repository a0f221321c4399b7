//! Provenance: how much of each document is the body's own and found nowhere else, how much it
//! shares with other bodies (and which), how much is stock wording, how much it quotes (and from
//! which report or reference), how much is quoted speech, and how much is website furniture.
//! Counted in words, each word once.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::model::{Paragraph, Role};
use crate::normalize::{word_key, words};
use crate::quote::Quoter;
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
    /// Own words in a stock passage (wording that many bodies carry), and in no finding between
    /// two bodies: neither the body's own nor copying.
    #[serde(default)]
    pub stock: usize,
    /// Words quoted from the report: its recommendations as headings or text, and quotation
    /// inside the body's own paragraphs; a reference document's own text counts here too.
    pub quoted: usize,
    /// Where the quoted words come from, most first: "<report> recommendations",
    /// "<report> title", or "reference <doc>" (a reference document, by its id).
    #[serde(default)]
    pub quoted_from: Vec<QuotedFrom>,
    /// Quoted speech: words in quotation marks that the document attributes to a speaker (see
    /// [`crate::speech`]), the speaker's and not the report's. When speech is compared as own
    /// words, they count as own or shared instead.
    #[serde(default)]
    pub speech: usize,
    /// Website furniture (cookie notices, navigation).
    pub furniture: usize,
}

/// Words of a document found in one other body's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedWith {
    pub body: String,
    pub words: usize,
}

/// Words of a document quoted from one report's text or reference document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotedFrom {
    pub source: String,
    pub words: usize,
}

/// Counts by name, listed most first (then by name).
fn ranked<T>(
    counts: BTreeMap<String, usize>,
    make: impl Fn(String, usize) -> T,
    words: impl Fn(&T) -> usize,
) -> Vec<T> {
    let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| crate::model::name_order(&a.0, &b.0));
    let mut list: Vec<T> = counts.into_iter().map(|(name, n)| make(name, n)).collect();
    list.sort_by_key(|t| std::cmp::Reverse(words(t)));
    list
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

/// What a document's words are being counted into: its shares, and the names behind two of them.
#[derive(Default)]
struct Tally {
    doc: Provenance,
    with: BTreeMap<String, usize>,
    from: BTreeMap<String, usize>,
}

impl Tally {
    fn done(self) -> Provenance {
        let mut doc = self.doc;
        doc.shared_with = ranked(self.with, |body, words| SharedWith { body, words }, |s| s.words);
        doc.quoted_from = ranked(self.from, |source, words| QuotedFrom { source, words }, |q| q.words);
        doc
    }

    fn quote(&mut self, source: &str) {
        self.doc.quoted += 1;
        // Looked up before it is copied: a quoted word is counted, not a name allocated for it.
        match self.from.get_mut(source) {
            Some(n) => *n += 1,
            None => {
                self.from.insert(source.to_string(), 1);
            }
        }
    }
}

/// The provenance of every document among `paragraphs` (in document order), given the byte
/// ranges of each own-words paragraph quoted from the report (`quoted`), what is quotation and
/// where it comes from (`quoter`), and the findings between bodies (stock findings among them
/// count as stock wording).
pub fn provenance(
    paragraphs: &[Paragraph],
    quoted: &dyn Fn(&Paragraph) -> Vec<[usize; 2]>,
    quoter: &Quoter,
    findings: &[Finding],
) -> Vec<Provenance> {
    // For each paragraph: the byte ranges shared, by the other body; and those in stock passages.
    let mut shared: HashMap<&str, Vec<Marked>> = HashMap::new();
    let mut stock: HashMap<&str, Vec<[usize; 2]>> = HashMap::new();
    for f in findings {
        for span in &f.spans {
            if f.stock {
                stock.entry(f.a.id.as_str()).or_default().extend(span.shared_ranges(true));
                stock.entry(f.b.id.as_str()).or_default().extend(span.shared_ranges(false));
            } else {
                shared.entry(f.a.id.as_str()).or_default().push((body_of(&f.b), span.shared_ranges(true)));
                shared.entry(f.b.id.as_str()).or_default().push((body_of(&f.a), span.shared_ranges(false)));
            }
        }
    }
    let mut out: Vec<Provenance> = Vec::new();
    let mut tally: Option<Tally> = None;
    for p in paragraphs {
        if tally.as_ref().is_none_or(|t| t.doc.doc != p.doc) {
            out.extend(tally.take().map(Tally::done));
            tally = Some(Tally {
                doc: Provenance { doc: p.doc.clone(), body: body_of(p), ..Provenance::default() },
                ..Tally::default()
            });
        }
        let t = tally.as_mut().expect("set above");
        if p.role == Role::Reference {
            t.doc.body = REFERENCE.to_string();
        }
        let ws = words(&p.text);
        t.doc.words += ws.len();
        let origins = |ws: &[crate::normalize::Word]| {
            let keys: Vec<u64> = ws.iter().map(|w| word_key(&w.text)).collect();
            quoter.origins_of_keys(&keys, p.report.as_deref())
        };
        // Quotation not traced to a named text (a short heading quoted whole) is the report's.
        let report = format!("{} recommendations", p.report.as_deref().unwrap_or("report"));
        // Quoted speech, where it is quotation (not compared as the body's own words).
        let speech = || if quoter.speech_is_quotation() { crate::speech::ranges(&p.text) } else { Vec::new() };
        match p.role {
            Role::Chrome => t.doc.furniture += ws.len(),
            Role::Reference => {
                let source = format!("reference {}", p.doc);
                ws.iter().for_each(|_| t.quote(&source));
            }
            Role::Recommendation => {
                let origins = origins(&ws);
                for i in 0..ws.len() {
                    t.quote(origins.get(i).copied().flatten().unwrap_or(&report));
                }
            }
            own => {
                debug_assert!(own.is_own());
                let q = quoted(p);
                let origins = if q.is_empty() { Vec::new() } else { origins(&ws) };
                let spoken = if q.is_empty() { Vec::new() } else { speech() };
                let marks = shared.get(p.id.as_str()).map(Vec::as_slice).unwrap_or_default();
                let stock = stock.get(p.id.as_str()).map(Vec::as_slice).unwrap_or_default();
                for (i, w) in ws.iter().enumerate() {
                    if inside(&q, w.start) {
                        // Words traced to a text are that text's, even inside speech; the rest of
                        // the speech is the speaker's.
                        match origins.get(i).copied().flatten() {
                            Some(source) => t.quote(source),
                            None if inside(&spoken, w.start) => t.doc.speech += 1,
                            None => t.quote(&report),
                        }
                        continue;
                    }
                    let bodies: BTreeSet<&str> =
                        marks.iter().filter(|(_, r)| inside(r, w.start)).map(|(b, _)| b.as_str()).collect();
                    if !bodies.is_empty() {
                        t.doc.shared += 1;
                        for b in bodies {
                            *t.with.entry(b.to_string()).or_default() += 1;
                        }
                    } else if inside(stock, w.start) {
                        t.doc.stock += 1;
                    } else {
                        t.doc.own += 1;
                    }
                }
            }
        }
    }
    out.extend(tally.map(Tally::done));
    out
}

/// What stands for the body of a reference (the report's own document): it is no body's.
pub const REFERENCE: &str = "(reference)";

/// The provenance of each body: its documents' words summed (a word counted once in its document).
/// References are no body: they are left out.
pub fn by_body(docs: &[Provenance]) -> Vec<Provenance> {
    let mut bodies: BTreeMap<&str, Tally> = BTreeMap::new();
    for d in docs.iter().filter(|d| d.body != REFERENCE) {
        let t = bodies.entry(d.body.as_str()).or_insert_with(|| Tally {
            doc: Provenance { body: d.body.clone(), ..Provenance::default() },
            ..Tally::default()
        });
        t.doc.words += d.words;
        t.doc.own += d.own;
        t.doc.shared += d.shared;
        t.doc.stock += d.stock;
        t.doc.quoted += d.quoted;
        t.doc.speech += d.speech;
        t.doc.furniture += d.furniture;
        for s in &d.shared_with {
            *t.with.entry(s.body.clone()).or_default() += s.words;
        }
        for q in &d.quoted_from {
            *t.from.entry(q.source.clone()).or_default() += q.words;
        }
    }
    let mut out: Vec<Provenance> = bodies.into_values().map(Tally::done).collect();
    out.sort_by(|a, b| crate::model::name_order(&a.body, &b.body));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::bundled_recommendations;

    fn count(text: &str, quoter: &Quoter) -> Provenance {
        let p = Paragraph { report: Some("safe-to-share-2020".into()), ..Paragraph::outside(text) };
        let quoted = |p: &Paragraph| crate::reuse::units::unit_with(p.clone(), quoter, &mut |_| 0).quoted_ranges();
        provenance(&[p], &quoted, quoter, &[]).remove(0)
    }

    #[test]
    fn quoted_speech_is_its_own_share_and_words_of_the_report_inside_it_stay_the_reports() {
        let quoter = crate::reuse::quoter_with_references(&[bundled_recommendations()], &[]);
        // 5 own words, then 16 words of speech of which the last 11 repeat recommendation 1.
        let text = "Our chief constable told staff: “From Monday we all will \
                    immediately stop sharing information on domestic abuse victims with Immigration Enforcement”";
        let p = count(text, &quoter);
        assert_eq!((p.words, p.own, p.speech, p.quoted), (21, 5, 5, 11), "{p:?}");
        assert_eq!(p.quoted_from[0].source, "safe-to-share-2020 recommendations");
        // Compared as own words, the speech is the body's own; the report's words stay quoted.
        let compared = count(text, &quoter.clone().comparing_speech(true));
        assert_eq!((compared.own, compared.speech, compared.quoted), (10, 0, 11), "{compared:?}");
    }
}
