//! A search's deadline, checked while it collects: past it, every costly part of the query (a
//! phrase, a prefix, a fuzzy term: whatever is not a plain term) ends as if it had matched nothing
//! more, and the search says it was stopped. A search a client has given up on then stops within
//! moments instead of computing on for nobody.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use tantivy::query::{BooleanQuery, EnableScoring, Explanation, Query, Scorer, TermQuery, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, TERMINATED};

/// How many candidate documents a part of the query moves over between two looks at the clock:
/// each of them. A look costs some 25 ns; a phrase of many words at a wide slop can take
/// milliseconds on one paragraph.
const CHECK_EVERY: u32 = 1;

/// When a search must stop, and whether it had to.
#[derive(Debug, Clone)]
pub struct Deadline {
    at: Instant,
    passed: Arc<AtomicBool>,
}

impl Deadline {
    pub fn at(at: Instant) -> Deadline {
        Deadline { at, passed: Arc::new(AtomicBool::new(false)) }
    }

    /// Whether the search was cut short by the deadline (its results are then incomplete).
    pub fn passed(&self) -> bool {
        self.passed.load(Ordering::Relaxed)
    }

    /// Whether the deadline is past now (and the search is then stopped).
    pub fn check(&self) -> bool {
        if self.passed() {
            return true;
        }
        let now_past = Instant::now() >= self.at;
        if now_past {
            self.passed.store(true, Ordering::Relaxed);
        }
        now_past
    }

    /// The query with every part that is not a plain term bounded by this deadline; conjunctions
    /// and disjunctions keep their shape, and plain terms stay as they are (their union is still
    /// pruned block by block).
    pub fn bound(&self, query: Box<dyn Query>) -> Box<dyn Query> {
        if (*query).as_any().is::<TermQuery>() {
            return query;
        }
        if let Some(b) = (*query).as_any().downcast_ref::<BooleanQuery>() {
            let clauses = b.clauses().iter().map(|(occur, q)| (*occur, self.bound(q.box_clone()))).collect();
            return Box::new(BooleanQuery::with_minimum_required_clauses(clauses, b.get_minimum_number_should_match()));
        }
        Box::new(Bounded { inner: query, deadline: self.clone() })
    }
}

/// A part of a query that stops at the deadline.
#[derive(Debug)]
struct Bounded {
    inner: Box<dyn Query>,
    deadline: Deadline,
}

impl Clone for Bounded {
    fn clone(&self) -> Bounded {
        Bounded { inner: self.inner.box_clone(), deadline: self.deadline.clone() }
    }
}

impl Query for Bounded {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(BoundedWeight { inner: self.inner.weight(scoring)?, deadline: self.deadline.clone() }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.inner.query_terms(visitor)
    }
}

struct BoundedWeight {
    inner: Box<dyn Weight>,
    deadline: Deadline,
}

impl Weight for BoundedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        if self.deadline.check() {
            return Ok(Box::new(tantivy::query::EmptyScorer));
        }
        // Made without looking for its first match (a phrase's can take the whole segment), then
        // moved to it a candidate at a time.
        let (first, inner) = self.inner.scorer_danger(reader, 0, boost)?;
        let mut scorer = BoundedScorer { inner, deadline: self.deadline.clone(), doc: 0, moves: 0 };
        if let SeekDangerResult::SeekLowerBound(next) = first {
            scorer.step_to(next);
        }
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }
}

/// A part of a query moved one candidate document at a time (never left to look for its next
/// match over the whole segment in one call), the clock looked at as it goes.
struct BoundedScorer {
    inner: Box<dyn Scorer>,
    deadline: Deadline,
    /// The match it is at ([`TERMINATED`] once at its end, or stopped).
    doc: DocId,
    moves: u32,
}

impl BoundedScorer {
    /// Moves to the first match at or after `target`, a candidate at a time; at the end, or past
    /// the deadline, to [`TERMINATED`].
    fn step_to(&mut self, mut target: DocId) -> DocId {
        loop {
            self.moves += 1;
            if self.moves >= CHECK_EVERY {
                self.moves = 0;
                if self.deadline.check() {
                    target = TERMINATED;
                }
            }
            if target >= TERMINATED {
                self.doc = TERMINATED;
                return TERMINATED;
            }
            match self.inner.seek_danger(target) {
                SeekDangerResult::Found => {
                    self.doc = target;
                    return target;
                }
                SeekDangerResult::SeekLowerBound(next) => target = next.max(target + 1),
            }
        }
    }
}

impl DocSet for BoundedScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.step_to(self.doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if target <= self.doc {
            return self.doc;
        }
        self.step_to(target)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }

    fn cost(&self) -> u64 {
        self.inner.cost()
    }
}

impl Scorer for BoundedScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}
