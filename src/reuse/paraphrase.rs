//! Revisions that keep no long run: many short shared runs (of [`RUN`] own words or more, words
//! nearly the same and inflections included) that together cover much of both paragraphs. A pair
//! is a paraphrase when its long runs (of the shortest run asked for) cover less than [`SHARE`] of
//! a side, yet its short runs add up to more words than they do, to that many words at least, and
//! to at least [`SHARE`] of each side's own words. Candidates come from shared
//! word [`RUN`]-grams, as many as a run of the shortest length holds.

use super::align::{self, Near, Passage};
use super::score::containment;
use super::units::Unit;

/// Own words of the shortest run a paraphrase counts.
pub const RUN: usize = 3;

/// Least share of each side's own words that a paraphrase's short runs cover: a fifth. Answers
/// written apart on one topic share a few phrases of three words ("the local authority"), far
/// from a fifth of either; a revision keeps the source's phrasing in most of its sentences.
pub const SHARE: f64 = 0.2;

/// The short shared runs of a and b, chained into passages, when they make a paraphrase (see the
/// module's doc); empty otherwise.
pub fn passages(a: &Unit, b: &Unit, min_words: usize, near: Near) -> Vec<Passage> {
    if min_words <= RUN {
        return Vec::new();
    }
    let passages = align::passages(&a.toks, &b.toks, RUN, near);
    if words(&passages) < min_words || thin(&passages, a, b) {
        return Vec::new();
    }
    passages
}

/// Words shared in passages.
pub fn words(passages: &[Passage]) -> usize {
    passages.iter().map(|p| p.pairs.len()).sum()
}

/// Whether passages cover less than [`SHARE`] of either side's own words.
pub fn thin(passages: &[Passage], a: &Unit, b: &Unit) -> bool {
    let shared = words(passages);
    containment(shared, a.own) < SHARE || containment(shared, b.own) < SHARE
}
