//! Phrases with a slop (`"a b c"~N`), matched in time and memory linear in the positions of
//! their words in a paragraph. tantivy's own sloppy matching keeps every candidate position it
//! meets and can grow without bound on a long paragraph (a phrase of six common words at slop 100
//! over a 20,000-word paragraph took gigabytes); this one keeps one cost per position.
//!
//! What matches, as in tantivy: the words may stand away from their places in the phrase by `N`
//! positions in all, counted between each word and the next (`"a b"~1` finds `a x b`; a swap,
//! `b a`, costs 2). Two neighbouring words of the phrase never share one position of the text.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25Weight, BooleanQuery, EmptyScorer, EnableScoring, Explanation, PhraseQuery, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

/// A phrase with a slop of at least one.
#[derive(Debug, Clone)]
pub struct SloppyPhrase {
    field: Field,
    terms: Vec<Term>,
    slop: u32,
}

impl SloppyPhrase {
    pub fn new(terms: Vec<Term>, slop: u32) -> SloppyPhrase {
        let field = terms[0].field();
        SloppyPhrase { field, terms, slop }
    }

    pub fn terms(&self) -> &[Term] {
        &self.terms
    }
}

/// The query with each phrase that has a slop asked by [`SloppyPhrase`] instead; the rest keeps its
/// shape.
pub fn replace(query: Box<dyn Query>) -> Box<dyn Query> {
    if let Some(b) = (*query).as_any().downcast_ref::<BooleanQuery>() {
        let clauses = b.clauses().iter().map(|(occur, q)| (*occur, replace(q.box_clone()))).collect();
        return Box::new(BooleanQuery::with_minimum_required_clauses(clauses, b.get_minimum_number_should_match()));
    }
    if let Some(p) = (*query).as_any().downcast_ref::<PhraseQuery>() {
        let slop = slop_of(p);
        if slop > 0 {
            return Box::new(SloppyPhrase::new(p.phrase_terms(), slop));
        }
    }
    query
}

/// The slop of a tantivy phrase, which tantivy keeps to itself but for its debug form, whose last
/// field it is.
fn slop_of(p: &PhraseQuery) -> u32 {
    let shown = format!("{p:?}");
    shown
        .rsplit_once("slop: ")
        .and_then(|(_, rest)| rest.trim_end_matches(|c: char| !c.is_ascii_digit()).parse().ok())
        .unwrap_or(0)
}

impl Query for SloppyPhrase {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match scoring {
            EnableScoring::Enabled { statistics_provider, .. } => {
                Some(Bm25Weight::for_terms(statistics_provider, &self.terms)?)
            }
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(SloppyWeight { phrase: self.clone(), bm25 }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for t in &self.terms {
            visitor(t, true);
        }
    }
}

struct SloppyWeight {
    phrase: SloppyPhrase,
    bm25: Option<Bm25Weight>,
}

impl SloppyWeight {
    fn sloppy_scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Option<SloppyScorer>> {
        let index = reader.inverted_index(self.phrase.field)?;
        let mut postings = Vec::with_capacity(self.phrase.terms.len());
        for term in &self.phrase.terms {
            match index.read_postings(term, IndexRecordOption::WithFreqsAndPositions)? {
                Some(p) => postings.push(p),
                None => return Ok(None),
            }
        }
        let fieldnorms = match reader.fieldnorms_readers().get_field(self.phrase.field)? {
            Some(f) if self.bm25.is_some() => f,
            _ => FieldNormReader::constant(reader.max_doc(), 1),
        };
        // Candidates are found by the rarest word first.
        let mut order: Vec<usize> = (0..postings.len()).collect();
        order.sort_by_key(|&i| postings[i].size_hint());
        let mut scorer = SloppyScorer {
            postings,
            order,
            slop: i64::from(self.phrase.slop),
            fieldnorms,
            bm25: self.bm25.as_ref().map(|w| w.boost_by(boost)),
            doc: 0,
            count: 0,
            matcher: Matcher::default(),
        };
        scorer.go_to_match(0);
        Ok(Some(scorer))
    }
}

impl Weight for SloppyWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.sloppy_scorer(reader, boost)? {
            Some(s) => Box::new(s),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let not_found = || tantivy::TantivyError::InvalidArgument(format!("document {doc} does not match"));
        let mut scorer = self.sloppy_scorer(reader, 1.0)?.ok_or_else(not_found)?;
        if scorer.seek(doc) != doc {
            return Err(not_found());
        }
        Ok(Explanation::new("sloppy phrase", scorer.score()))
    }
}

struct SloppyScorer {
    /// One list per word of the phrase, in the phrase's order.
    postings: Vec<SegmentPostings>,
    /// The words' indices, rarest first.
    order: Vec<usize>,
    slop: i64,
    fieldnorms: FieldNormReader,
    bm25: Option<Bm25Weight>,
    doc: DocId,
    /// How many places the phrase ends at in `doc`.
    count: u32,
    matcher: Matcher,
}

impl SloppyScorer {
    /// The first paragraph at or after `target` holding every word.
    fn go_to_common(&mut self, mut target: DocId) -> DocId {
        'again: loop {
            for &i in &self.order {
                let p = &mut self.postings[i];
                let d = if p.doc() < target { p.seek(target) } else { p.doc() };
                if d == TERMINATED {
                    return TERMINATED;
                }
                if d > target {
                    target = d;
                    continue 'again;
                }
            }
            return target;
        }
    }

    /// Moves to the first paragraph at or after `target` where the phrase matches.
    fn go_to_match(&mut self, mut target: DocId) -> DocId {
        loop {
            let doc = self.go_to_common(target);
            if doc == TERMINATED {
                self.doc = TERMINATED;
                self.count = 0;
                return TERMINATED;
            }
            let count = self.matcher.count(&mut self.postings, self.slop);
            if count > 0 {
                self.doc = doc;
                self.count = count;
                return doc;
            }
            target = doc + 1;
        }
    }
}

impl DocSet for SloppyScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.go_to_match(self.doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if target <= self.doc {
            return self.doc;
        }
        self.go_to_match(target)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.postings.iter().map(|p| p.size_hint()).min().unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.postings.iter().map(|p| p.cost()).sum()
    }
}

impl Scorer for SloppyScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(w) => w.score(self.fieldnorms.fieldnorm_id(self.doc), self.count),
            None => 1.0,
        }
    }
}

/// The buffers of one match: the positions of a word, and the cost of reaching each position of
/// the word before and of this one.
#[derive(Default)]
struct Matcher {
    positions: Vec<u32>,
    before: Vec<(i64, i64)>,
    here: Vec<(i64, i64)>,
}

impl Matcher {
    /// In how many places the phrase ends within its slop, in the paragraph every list is at.
    fn count(&mut self, postings: &mut [SegmentPostings], slop: i64) -> u32 {
        self.before.clear();
        postings[0].positions(&mut self.positions);
        self.before.extend(self.positions.iter().map(|&p| (i64::from(p), 0)));
        for p in postings.iter_mut().skip(1) {
            p.positions(&mut self.positions);
            step(&self.before, &self.positions, slop, &mut self.here);
            if self.here.is_empty() {
                return 0;
            }
            std::mem::swap(&mut self.before, &mut self.here);
        }
        self.before.len() as u32
    }
}

/// The cost of reaching each position of the next word, from the (position, cost) pairs of the
/// word before, sorted by position; positions that cost more than `slop` are left out. The next
/// word belongs one place after the one before; standing `d` places from there costs `d`.
fn step(before: &[(i64, i64)], positions: &[u32], slop: i64, out: &mut Vec<(i64, i64)>) {
    out.clear();
    out.extend(positions.iter().map(|&p| (i64::from(p), i64::MAX)));
    // From positions before: cost + (p - 1 - q), the least of (cost - q) over q < p.
    let mut best = i64::MAX;
    let mut j = 0;
    for (p, cost) in out.iter_mut() {
        while j < before.len() && before[j].0 < *p {
            best = best.min(before[j].1 - before[j].0);
            j += 1;
        }
        if best != i64::MAX {
            *cost = best + *p - 1;
        }
    }
    // From positions after: cost + (q - p + 1), the least of (cost + q) over q > p.
    let mut best = i64::MAX;
    let mut j = before.len();
    for (p, cost) in out.iter_mut().rev() {
        while j > 0 && before[j - 1].0 > *p {
            best = best.min(before[j - 1].1 + before[j - 1].0);
            j -= 1;
        }
        if best != i64::MAX {
            *cost = (*cost).min(best - *p + 1);
        }
    }
    out.retain(|&(_, cost)| cost <= slop);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the phrase's words, at these positions each, match within the slop.
    fn matches(words: &[&[u32]], slop: i64) -> u32 {
        let mut before: Vec<(i64, i64)> = words[0].iter().map(|&p| (i64::from(p), 0)).collect();
        let mut here = Vec::new();
        for w in &words[1..] {
            step(&before, w, slop, &mut here);
            std::mem::swap(&mut before, &mut here);
        }
        before.len() as u32
    }

    #[test]
    fn slop_is_the_distance_from_the_phrase_counted_in_all() {
        // "a b": a at 0, b at 1 (adjacent), b at 3 (two away).
        assert_eq!(matches(&[&[0], &[1]], 0), 1);
        assert_eq!(matches(&[&[0], &[3]], 1), 0);
        assert_eq!(matches(&[&[0], &[3]], 2), 1);
        // A swap costs 2.
        assert_eq!(matches(&[&[1], &[0]], 1), 0);
        assert_eq!(matches(&[&[1], &[0]], 2), 1);
        // The budget is spent over the whole phrase: "a x b x c" needs 2.
        assert_eq!(matches(&[&[0], &[2], &[4]], 1), 0);
        assert_eq!(matches(&[&[0], &[2], &[4]], 2), 1);
    }

    /// The slop is read from tantivy's debug form: if that form changes, this fails, instead of
    /// every phrase with a slop falling back to tantivy's own matching without a word.
    #[test]
    fn the_slop_of_a_tantivy_phrase_is_read() {
        let mut schema = tantivy::schema::Schema::builder();
        let field = schema.add_text_field("text", tantivy::schema::TEXT);
        let terms = ["the", "police", "of"].map(|w| Term::from_field_text(field, w)).to_vec();
        let mut phrase = PhraseQuery::new(terms.clone());
        assert_eq!(slop_of(&phrase), 0);
        phrase.set_slop(37);
        assert_eq!(slop_of(&phrase), 37);
        let replaced = replace(Box::new(phrase));
        let sloppy = replaced.downcast_ref::<SloppyPhrase>().expect("a phrase with a slop is replaced");
        assert_eq!((sloppy.terms(), sloppy.slop), (&terms[..], 37));
    }

    #[test]
    fn words_out_of_order_past_the_first_cost_what_they_stand_away() {
        // "a b c" as "a c b": b one place late costs 1, c just before b (two from its place
        // after b) costs 2.
        assert_eq!(matches(&[&[0], &[2], &[1]], 2), 0);
        assert_eq!(matches(&[&[0], &[2], &[1]], 3), 1);
        // "a b c d" as "a b d c": c one place late costs 1, d just before c costs 2.
        assert_eq!(matches(&[&[0], &[1], &[3], &[2]], 2), 0);
        assert_eq!(matches(&[&[0], &[1], &[3], &[2]], 3), 1);
    }

    /// The end positions within the slop, found by trying every placement of the words.
    fn brute_force(words: &[Vec<u32>], slop: i64) -> u32 {
        fn walk(words: &[Vec<u32>], at: i64, cost: i64, slop: i64, ends: &mut std::collections::BTreeSet<i64>) {
            let Some((next, rest)) = words.split_first() else {
                ends.insert(at);
                return;
            };
            for &p in next {
                let p = i64::from(p);
                let c = cost + (p - at - 1).abs();
                if p != at && c <= slop {
                    walk(rest, p, c, slop, ends);
                }
            }
        }
        let mut ends = std::collections::BTreeSet::new();
        for &p in &words[0] {
            walk(&words[1..], i64::from(p), 0, slop, &mut ends);
        }
        ends.len() as u32
    }

    #[test]
    fn every_small_case_matches_as_trying_every_placement_does() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for _ in 0..3000 {
            let n = 2 + next(3) as usize;
            let words: Vec<Vec<u32>> = (0..n)
                .map(|_| {
                    let mut p: Vec<u32> = (0..1 + next(4)).map(|_| next(10) as u32).collect();
                    p.sort_unstable();
                    p.dedup();
                    p
                })
                .collect();
            let slop = next(6) as i64;
            let refs: Vec<&[u32]> = words.iter().map(Vec::as_slice).collect();
            assert_eq!(matches(&refs, slop), brute_force(&words, slop), "{words:?} ~{slop}");
        }
    }

    #[test]
    fn neighbouring_words_never_share_a_position() {
        // "the the" in a text with one "the".
        assert_eq!(matches(&[&[5], &[5]], 10), 0);
        assert_eq!(matches(&[&[5, 6], &[5, 6]], 0), 1);
    }

    #[test]
    fn a_long_phrase_over_a_long_paragraph_is_matched() {
        let positions: Vec<u32> = (0..200_000).step_by(2).collect();
        let words: Vec<&[u32]> = (0..32).map(|_| positions.as_slice()).collect();
        // Every "the" two places after the one before: each step costs one, 31 in all.
        assert_eq!(matches(&words, 31), 100_000 - 31);
        assert_eq!(matches(&words, 30), 0);
    }
}
