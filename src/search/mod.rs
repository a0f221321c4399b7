//! Search: tantivy query syntax over the paragraph index, filters by force, recommendation and
//! role, and highlights that mark whole phrases, not scattered stems.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use serde::Serialize;
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query};
use tantivy::schema::Field;
use tantivy::{DocAddress, DocSet, Score, Searcher, TantivyDocument};

use crate::error::Error;
use crate::index::{tokenizer, Opened};
use crate::model::{Paragraph, Role};
use deadline::Deadline;
use highlight::{highlight, patterns, Pattern};
pub use query::{check_query_shape, prepare_query, MAX_QUERY_BYTES, MAX_QUERY_CLAUSES, MAX_QUERY_DEPTH};
use query::{execution_error, parse};

pub mod batch;
pub mod bodies;
mod count;
mod deadline;
pub mod docname;
mod filters;
mod highlight;
pub mod kwic;
mod prefix;
mod query;
mod sloppy;
mod suggest;
pub use count::{count, total, CountRow, Counts};
pub use filters::{filter_query, resolve_forces, Filters, SearchOptions};
pub use suggest::{fuzzy_syntax, nearest_words};

/// The roles searched when none is asked for: what the bodies themselves wrote.
pub const DEFAULT_ROLES: [Role; 2] = Role::OWN;

/// The roles a user names (`response`, `preamble`, ... in any case, or `all`), for a search: each
/// once, sorted; none named gives [`DEFAULT_ROLES`], and `all` gives none, which filters nothing.
pub fn parse_roles<S: AsRef<str>>(names: &[S]) -> Result<Vec<Role>, String> {
    if names.is_empty() {
        return Ok(DEFAULT_ROLES.to_vec());
    }
    if names.iter().any(|n| n.as_ref().trim().eq_ignore_ascii_case("all")) {
        return Ok(Vec::new());
    }
    let mut roles = names.iter().map(|n| n.as_ref().trim().parse::<Role>()).collect::<Result<Vec<_>, _>>()?;
    roles.sort();
    roles.dedup();
    Ok(roles)
}

/// One matching paragraph.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    #[serde(flatten)]
    pub paragraph: Paragraph,
    pub score: f32,
    /// Byte ranges of `text` that match, sorted and disjoint.
    pub highlights: Vec<[usize; 2]>,
    /// The date of the paragraph's document, when it has one (set by the service).
    pub date: Option<String>,
}

/// The best `limit` documents of `query` that pass every filter, best first; equal scores in the
/// order of their paragraphs' tie-break keys (the same in every build of the same corpus, whatever
/// the index's layout).
///
/// A conjunction of the query with a common filter (the default roles match most paragraphs)
/// would make tantivy score every document the query matches. Instead the query runs with top-k
/// pruning (block-WAND), and each document it offers is checked against the filters, which are
/// posting lists sought forward in step; only documents that pass raise the pruning threshold.
fn top_filtered(
    opened: &Opened,
    searcher: &Searcher,
    tiebreak: Field,
    query: Box<dyn Query>,
    filters: Vec<Box<dyn Query>>,
    limit: usize,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    let filter = if filters.is_empty() {
        None
    } else {
        let all = BooleanQuery::new(filters.into_iter().map(|q| (Occur::Must, q)).collect());
        Some(all.weight(EnableScoring::disabled_from_searcher(searcher))?)
    };
    let stats = opened.live_stats(searcher);
    let weight = query.weight(EnableScoring::enabled_from_statistics_provider(&stats, searcher))?;
    // The worst of the best so far on top, so that the heap's greatest is the one to drop.
    let mut best: BinaryHeap<Reverse<Ranked>> = BinaryHeap::with_capacity(limit + 1);
    // Only a document scoring at least the worst of a full list can still enter it (pruning passes
    // documents above the threshold: it is set just under, so that ties are offered too).
    let threshold = |best: &BinaryHeap<Reverse<Ranked>>| match best.peek() {
        Some(worst) if best.len() >= limit && worst.0 .0 > 0.0 => Score::from_bits(worst.0 .0.to_bits() - 1),
        _ => Score::MIN,
    };
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let segment_ord = ord as u32;
        let mut allowed = filter.as_ref().map(|f| f.scorer(reader, 1.0)).transpose()?;
        let keys = reader.fast_fields().u64(searcher.schema().get_field_name(tiebreak))?;
        // A paragraph deleted by an update stays in its segment until a merge: the scorer still
        // offers it, so it is passed over here (tantivy's own collectors do the same).
        let alive = reader.alive_bitset();
        weight.for_each_pruning(threshold(&best), reader, &mut |doc, score| {
            if alive.is_some_and(|a| !a.is_alive(doc)) {
                return threshold(&best);
            }
            let pass = match allowed.as_mut() {
                Some(allowed) => {
                    if allowed.doc() < doc {
                        allowed.seek(doc);
                    }
                    allowed.doc() == doc
                }
                None => true,
            };
            if pass {
                let key = keys.first(doc).unwrap_or(u64::MAX);
                best.push(Reverse(Ranked(score, key, DocAddress::new(segment_ord, doc))));
                if best.len() > limit {
                    best.pop();
                }
            }
            threshold(&best)
        })?;
    }
    let mut out: Vec<Ranked> = best.into_iter().map(|r| r.0).collect();
    out.sort_by(|a, b| b.cmp(a));
    Ok(out.into_iter().map(|r| (r.0, r.2)).collect())
}

/// A scored document with its tie-break key: ordered by score, then the smaller key first (then,
/// should two keys be equal, the earlier address).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Ranked(Score, u64, DocAddress);

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0).then_with(|| other.1.cmp(&self.1)).then_with(|| other.2.cmp(&self.2))
    }
}

/// Runs a search. Hits come best first.
pub fn search(opened: &Opened, opts: &SearchOptions) -> Result<Vec<Hit>, anyhow::Error> {
    let fields = opened.fields;
    // Typo tolerance works on words as written: a stem is too short to measure edits against.
    let unstemmed = opts.exact || opts.fuzzy;
    let field = if unstemmed { fields.exact } else { fields.text };
    let user = parse(opened, field, opts.fuzzy, &opts.query)?;
    let mut plan = Vec::new();
    let plain = if opts.fuzzy { parse(opened, field, false, &opts.query)? } else { user.box_clone() };
    patterns(plain.as_ref(), &mut plan);
    plan.extend(prefix::rewrite(&prepare_query(&opts.query)).prefixes.into_iter().map(|terms| Pattern {
        terms,
        prefix: true,
        unstemmed: true,
    }));

    let filters = filter_query(opened, &opts.filters)?;
    let searcher = opened.reader.searcher();
    let limit = opts.limit.unwrap_or(searcher.num_docs() as usize).max(1);
    let deadline = opts.deadline.map(Deadline::at);
    let user = match &deadline {
        Some(d) => d.bound(user),
        None => user,
    };
    let top = top_filtered(opened, &searcher, fields.tiebreak, user, filters, limit)
        .map_err(|e| execution_error(&opts.query, e))?;
    if deadline.as_ref().is_some_and(Deadline::passed) {
        return Err(Error::TooSlow.into());
    }
    let mut analyzer = if unstemmed { tokenizer::exact() } else { tokenizer::stemmed() };
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        // Marking the words of long paragraphs takes time too: it stops at the deadline as well.
        if deadline.as_ref().is_some_and(Deadline::check) {
            return Err(Error::TooSlow.into());
        }
        let d: TantivyDocument = searcher.doc(address)?;
        let paragraph = fields.paragraph(&d);
        let highlights = highlight(&mut analyzer, &paragraph.text, &plan, opts.fuzzy);
        let date = fields.date(&d);
        hits.push(Hit { paragraph, score, highlights, date });
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_are_escaped_outside_phrases_only() {
        assert_eq!(prepare_query("victim's status"), "victim\\'s status");
        assert_eq!(prepare_query("victim’s status"), "victim\\'s status");
        assert_eq!(prepare_query("\"the victim's status\""), "\"the victim's status\"");
        assert_eq!(prepare_query("“Bright Sky”"), "\"Bright Sky\"");
        assert_eq!(prepare_query("'single phrase'"), "'single phrase'");
        assert_eq!(prepare_query("victims' rights"), "victims\\' rights");
        assert_eq!(prepare_query("'tis"), "\\'tis");
    }

    #[test]
    fn a_phrase_is_highlighted_whole() {
        let mut a = tokenizer::stemmed();
        let text = "We seek a consistent, national position and a national view.";
        let p = vec![Pattern {
            terms: vec!["consist".into(), "nation".into(), "posit".into()],
            prefix: false,
            unstemmed: false,
        }];
        let h = highlight(&mut a, text, &p, false);
        assert_eq!(h, vec![[10, 39]]);
        assert_eq!(&text[10..39], "consistent, national position");
    }

    #[test]
    fn filtered_top_k_is_the_top_k_of_the_conjunction() {
        let dir = tempfile::tempdir().unwrap();
        crate::synth::generate(&crate::synth::Options::headed(3000, 11), dir.path()).unwrap();
        let corpus = crate::corpus::load(&dir.path().join("corpus")).unwrap();
        let index = dir.path().join("index");
        crate::index::build(&corpus, &index, &indicatif::ProgressBar::hidden()).unwrap();
        let opened = crate::index::open(&index).unwrap();
        let searcher = opened.reader.searcher();
        let roles = |r: &[Role]| Filters { roles: r.to_vec(), ..Filters::default() };
        let cases = [
            ("victims OR police", roles(&DEFAULT_ROLES)),
            ("\"domestic abuse\"", roles(&[Role::Response])),
            ("immigration", Filters { recommendations: vec![1, 5], ..roles(&[Role::Response]) }),
            ("cookies OR site OR exit", roles(&[Role::Chrome, Role::Preamble])),
        ];
        for (query, filters) in cases {
            for limit in [1, 7, 50] {
                let user = parse(&opened, opened.fields.text, false, query).unwrap();
                let mut clauses = vec![(Occur::Must, user.box_clone())];
                clauses.extend(filter_query(&opened, &filters).unwrap().into_iter().map(|q| (Occur::Must, q)));
                // Every match of the conjunction, ranked by score and then tie-break key.
                let all = searcher
                    .search(
                        &BooleanQuery::new(clauses),
                        &tantivy::collector::TopDocs::with_limit(1_000_000).order_by_score(),
                    )
                    .unwrap();
                let key = |a: DocAddress| {
                    let reader = searcher.segment_reader(a.segment_ord);
                    reader.fast_fields().u64("tiebreak").unwrap().first(a.doc_id).unwrap()
                };
                let mut expected: Vec<(Score, u64, DocAddress)> = all.iter().map(|&(s, a)| (s, key(a), a)).collect();
                expected.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
                expected.truncate(limit);
                let got = top_filtered(
                    &opened,
                    &searcher,
                    opened.fields.tiebreak,
                    user,
                    filter_query(&opened, &filters).unwrap(),
                    limit,
                )
                .unwrap();
                assert!(!expected.is_empty(), "{query}");
                let got: Vec<DocAddress> = got.iter().map(|h| h.1).collect();
                let expected: Vec<DocAddress> = expected.iter().map(|h| h.2).collect();
                assert_eq!(got, expected, "{query} limit {limit}");
            }
        }
    }

    #[test]
    fn prefix_and_fuzzy_terms_are_highlighted() {
        let mut a = tokenizer::exact();
        let text = "Immigration enforcement and immigrants";
        let p = vec![Pattern { terms: vec!["immigra".into()], prefix: true, unstemmed: true }];
        assert_eq!(highlight(&mut a, text, &p, false), vec![[0, 11], [28, 38]]);
        let p = vec![Pattern { terms: vec!["enforcment".into()], prefix: false, unstemmed: false }];
        assert_eq!(highlight(&mut a, text, &p, true), vec![[12, 23]]);
    }
}
