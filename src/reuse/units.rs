//! Comparison units: a paragraph's words as reuse detection sees them. Words quoted from the
//! report are masked out, and names of responding bodies are folded into one placeholder, so that
//! "Gloucestershire Constabulary will" and "Wiltshire Police will" compare as the same words.

use std::collections::HashMap;

use crate::forces;
use crate::model::Paragraph;
use crate::normalize::{keyed_words, word_texts, KeyedWord};
use crate::quote::Quoter;

/// The placeholder every name of a responding body compares as.
const BODY_NAME: &str = "\u{0}body";

/// The key every name (a responding body's, or the field's) compares as.
pub fn name_key() -> u64 {
    word_key(BODY_NAME)
}

/// One word of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Interned word; equal words have equal ids.
    pub id: u32,
    /// Byte range in the paragraph's text (32 bits: a token is 16 bytes, and a paragraph is far
    /// below 4 GiB, the largest file read being bounded).
    pub from: u32,
    pub to: u32,
    /// Quoted from the report: never part of a match.
    pub quoted: bool,
}

impl Tok {
    pub fn start(&self) -> usize {
        self.from as usize
    }

    pub fn end(&self) -> usize {
        self.to as usize
    }
}

/// A paragraph prepared for comparison.
#[derive(Debug, Clone)]
pub struct Unit {
    pub paragraph: Paragraph,
    /// Who wrote it: the force, or the document for an unattributed one.
    pub body: String,
    pub toks: Vec<Tok>,
    /// Number of words that are the body's own (not quoted).
    pub own: usize,
}

impl Unit {
    /// Byte ranges of the paragraph's words quoted from the report, adjacent words merged.
    pub fn quoted_ranges(&self) -> Vec<[usize; 2]> {
        let mut out: Vec<[usize; 2]> = Vec::new();
        for t in self.toks.iter().filter(|t| t.quoted) {
            match out.last_mut() {
                Some(last) if self.paragraph.text[last[1]..t.start()].trim().is_empty() => last[1] = t.end(),
                _ => out.push([t.start(), t.end()]),
            }
        }
        out
    }

    /// The ids of the body's own words, in order.
    pub fn own_ids(&self) -> Vec<u32> {
        self.toks.iter().filter(|t| !t.quoted).map(|t| t.id).collect()
    }
}

/// The body a paragraph belongs to: its force, or its document when it has none.
pub fn body_of(p: &Paragraph) -> String {
    match &p.force {
        Some(f) => f.clone(),
        None => format!("(unattributed: {})", p.doc),
    }
}

/// Interns words to ids.
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// By [`word_key`]: 64 bits tell a million distinct words apart (a collision among them has a
    /// chance of about one in 30 million), and keys are made on every core.
    ids: rustc_hash::FxHashMap<u64, u32>,
}

/// What a word is known by in a vocabulary (the same key as quotation's).
pub use crate::normalize::word_key;

impl Vocabulary {
    /// The id of a word known to the vocabulary, by its [`word_key`].
    pub fn get(&self, key: u64) -> Option<u32> {
        self.ids.get(&key).copied()
    }

    /// Number of words known.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The id of a word, by its [`word_key`]; a new word gets the next id.
    pub fn id(&mut self, key: u64) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(key).or_insert(next)
    }
}

/// Byte ranges naming a responding body: gazetteer names of local bodies (not the national ones
/// every answer names alike), and the paragraph's own force name (`ws`: the paragraph's words).
fn name_ranges(p: &Paragraph, ws: &[KeyedWord]) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = forces::mentions_in(&p.text, ws)
        .into_iter()
        .filter(|m| m.kind != forces::BodyKind::National)
        .map(|m| (m.start, m.end))
        .collect();
    let own: Option<Vec<u64>> = p.force.as_ref().map(|f| keyed_words(f).iter().map(|w| w.key).collect());
    ranges.extend(own.iter().flat_map(|name| occurrences(ws, name)));
    ranges.sort_unstable();
    ranges
}

/// Byte ranges where the words `name` (word keys) stand in `ws`.
fn occurrences(ws: &[KeyedWord], name: &[u64]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..ws.len().saturating_sub(name.len().saturating_sub(1)) {
        if !name.is_empty() && ws[i..i + name.len()].iter().zip(name).all(|(w, n)| w.key == *n) {
            out.push((ws[i].start, ws[i + name.len() - 1].end));
        }
    }
    out
}

/// Ids for a text from outside the collection, leaving the collection's vocabulary as it is: known
/// words keep their ids, new words get ids of their own past the vocabulary's, forgotten with the
/// text. (Pasted texts must not grow what a long-running server keeps.)
pub struct Lookup<'v> {
    vocab: &'v Vocabulary,
    new: HashMap<u64, u32>,
}

impl<'v> Lookup<'v> {
    pub fn new(vocab: &'v Vocabulary) -> Lookup<'v> {
        Lookup { vocab, new: HashMap::new() }
    }

    /// The id of a word, by its [`word_key`].
    pub fn id(&mut self, key: u64) -> u32 {
        if let Some(id) = self.vocab.get(key) {
            return id;
        }
        let next = (self.vocab.len() + self.new.len()) as u32;
        *self.new.entry(key).or_insert(next)
    }
}

/// Prepares a paragraph for comparison.
pub fn unit(p: Paragraph, quoter: &Quoter, vocab: &mut Vocabulary) -> Unit {
    unit_with(p, quoter, &mut |w| vocab.id(w))
}

/// Prepares a paragraph for comparison, with words given ids by `id`.
pub fn unit_with(p: Paragraph, quoter: &Quoter, id: &mut dyn FnMut(u64) -> u32) -> Unit {
    intern(words_of(p, quoter), id)
}

/// A paragraph's words as comparison sees them, before they are given ids: the part of preparing
/// a unit that needs no shared state, so that paragraphs are prepared on every core.
pub struct Worded {
    paragraph: Paragraph,
    /// Each word's [`word_key`] (or the body-name placeholder's), its byte range, and whether it
    /// is quoted.
    words: Vec<(u64, usize, usize, bool)>,
}

/// A paragraph's words, quotation marked and body names folded (see [`unit`]).
pub fn words_of(p: Paragraph, quoter: &Quoter) -> Worded {
    let ws = keyed_words(&p.text);
    let keys: Vec<u64> = ws.iter().map(|w| w.key).collect();
    let quoted = quoter.mask_keys(&keys, || word_texts(&p.text));
    let names = name_ranges(&p, &ws);
    // Quoted speech is the speaker's words: quotation, as the report's are (unless compared).
    let speech = if quoter.speech_is_quotation() { crate::speech::ranges(&p.text) } else { Vec::new() };
    let spoken = |w: &KeyedWord| speech.iter().any(|&[s, e]| s <= w.start && w.end <= e);
    // The field's names (inspectorates, titles, statutes) fold the same way; inside quotation of
    // the report they stay quotation.
    let mut field = super::names::ranges(&ws);
    // So do the reports' short titles ("Safe to share"): naming the report is no copy.
    field.extend(quoter.short_titles().iter().flat_map(|t| occurrences(&ws, t)));
    field.sort_unstable();
    let mut out: Vec<(u64, usize, usize, bool)> = Vec::with_capacity(ws.len());
    for (w, q) in ws.into_iter().zip(&quoted) {
        let inside = |ranges: &[(usize, usize)]| ranges.iter().find(|(s, e)| w.start >= *s && w.end <= *e).copied();
        let said = spoken(&w);
        let q = q.is_some() || said;
        match inside(&names).map(|r| (r, said)).or_else(|| inside(&field).map(|r| (r, q))) {
            // The first word of a name stands for the whole name; the rest are folded into it.
            Some(((s, e), quoted)) if out.last().is_none_or(|t| t.1 != s) => {
                out.push((word_key(BODY_NAME), s, e, quoted))
            }
            Some(_) => {}
            None => out.push((w.key, w.start, w.end, q)),
        }
    }
    Worded { paragraph: p, words: out }
}

/// Gives a paragraph's words their ids.
pub fn intern(w: Worded, id: &mut dyn FnMut(u64) -> u32) -> Unit {
    let toks: Vec<Tok> = w
        .words
        .iter()
        .map(|(key, start, end, quoted)| Tok { id: id(*key), from: *start as u32, to: *end as u32, quoted: *quoted })
        .collect();
    let own = toks.iter().filter(|t| !t.quoted).count();
    Unit { body: body_of(&w.paragraph), paragraph: w.paragraph, toks, own }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::bundled_recommendations;
    use crate::quote::QUOTE_NGRAM;

    fn para(text: &str, force: Option<&str>) -> Paragraph {
        Paragraph {
            id: "d:0".into(),
            doc: "d".into(),
            path: "d.txt".into(),
            force: force.map(String::from),
            recommendation: Some(1),
            line: 1,
            ..Paragraph::outside(text)
        }
    }

    #[test]
    fn force_names_fold_into_one_placeholder() {
        let q = Quoter::new(&bundled_recommendations().items, QUOTE_NGRAM);
        let mut v = Vocabulary::default();
        let a = unit(para("Gloucestershire Constabulary will act now.", None), &q, &mut v);
        let b = unit(para("Wiltshire Police will act now.", None), &q, &mut v);
        let c = unit(para("The Office of Example will act now.", Some("Office of Example")), &q, &mut v);
        assert_eq!(a.own_ids(), b.own_ids());
        assert_eq!(a.toks[0].end(), "Gloucestershire Constabulary".len());
        assert_eq!(c.own_ids()[1..], a.own_ids()[..]);
    }

    #[test]
    fn quoted_words_are_masked() {
        let q = Quoter::new(&bundled_recommendations().items, QUOTE_NGRAM);
        let mut v = Vocabulary::default();
        let u = unit(
            para("We agree that officers should link the victim to a third party and we do so.", None),
            &q,
            &mut v,
        );
        let quoted: Vec<&str> =
            u.toks.iter().filter(|t| t.quoted).map(|t| &u.paragraph.text[t.start()..t.end()]).collect();
        assert_eq!(quoted, ["officers", "should", "link", "the", "victim", "to", "a", "third", "party"]);
        assert_eq!(u.own, u.toks.len() - 9);
        assert_eq!(u.body, "(unattributed: d)");
    }
}
