//! The best `k` paragraphs of a query that pass the filters, found with tantivy's top-k pruning
//! (block-WAND) made exact for statistics other than each segment's own.
//!
//! Tantivy skips a block of postings when an upper bound of its scores is under the threshold.
//! That bound is not kept as a score: the block keeps the one (term frequency, length) pair that
//! scored best under the average length of *its segment* when the segment was written, and the
//! search scores that pair. A search scores by the average of the whole live index (see
//! [`crate::index`]'s statistics), and under another average another pair of the block may score
//! higher: the block would be skipped while one of its paragraphs belongs in the top `k`. Which
//! paragraph is lost then depends on how the index is cut into segments, so a search after an
//! update could answer otherwise than a fresh build. The threshold each segment is given is
//! lowered by [`slack`], the most the bound can fall short there.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, EnableScoring, Occur, Query};
use tantivy::schema::Field;
use tantivy::{DocAddress, DocSet, Score, Searcher, SegmentReader};

/// The best `limit` documents of `query` that pass every filter, best first; equal scores in the
/// order of their paragraphs' tie-break keys (the same in every build of the same corpus, whatever
/// the index's layout). Scores come from `stats`.
///
/// A conjunction of the query with a common filter (the default roles match most paragraphs)
/// would make tantivy score every document the query matches. Instead the query runs with top-k
/// pruning, and each document it offers is checked against the filters, which are posting lists
/// sought forward in step; only documents that pass raise the pruning threshold.
pub fn top_filtered(
    searcher: &Searcher,
    stats: &dyn Bm25StatisticsProvider,
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
    let searched = searched_lengths(stats, &scored_fields(searcher, query.as_ref()))?;
    let weight = query.weight(EnableScoring::enabled_from_statistics_provider(stats, searcher))?;
    // The worst of the best so far on top, so that the heap's greatest is the one to drop.
    let mut best: BinaryHeap<Reverse<Ranked>> = BinaryHeap::with_capacity(limit + 1);
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let segment_ord = ord as u32;
        let slack = slack(reader, &searched)?;
        // Only a document scoring at least the worst of a full list can still enter it. Pruning
        // offers the documents whose bound is above the threshold: it is set just under that
        // worst (so that ties are offered too), and under it by this segment's slack.
        let threshold = |best: &BinaryHeap<Reverse<Ranked>>| match best.peek() {
            Some(worst) if best.len() >= limit && worst.0 .0 > 0.0 && slack.is_finite() => {
                Score::from_bits(worst.0 .0.to_bits() - 1) / slack
            }
            _ => Score::MIN,
        };
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

/// The fields whose words the query scores (those of its terms); every field that keeps term
/// frequencies when the query names no term.
fn scored_fields(searcher: &Searcher, query: &dyn Query) -> Vec<Field> {
    let mut fields = Vec::new();
    query.query_terms(&mut |term, _| {
        if !fields.contains(&term.field()) {
            fields.push(term.field());
        }
    });
    if fields.is_empty() {
        let schema = searcher.schema();
        let counted = |f: &&(Field, &tantivy::schema::FieldEntry)| {
            f.1.field_type().index_record_option().is_some_and(|o| o.has_freq())
        };
        fields = schema.fields().filter(|f| counted(&f)).map(|(f, _)| f).collect();
    }
    fields
}

/// The average length the search scores each field by (its words over its paragraphs); `None`
/// when the index holds no words of it or no paragraph.
fn searched_lengths(
    stats: &dyn Bm25StatisticsProvider,
    fields: &[Field],
) -> tantivy::Result<Vec<(Field, Option<f64>)>> {
    let docs = stats.total_num_docs()?;
    fields
        .iter()
        .map(|&field| {
            let tokens = stats.total_num_tokens(field)?;
            Ok((field, (docs > 0 && tokens > 0).then(|| tokens as f64 / docs as f64)))
        })
        .collect()
}

/// How far a block's bound in this segment may fall short of the block's best score, as a factor
/// (1 when the segment's averages are the search's; infinite when pruning cannot be trusted).
///
/// BM25 scores a pair as `tf / (tf + K)` (times factors that are the same for every pair), with
/// `K = k1 (1 - b) + k1 b len / avg`. Under the search's average `A` rather than the segment's
/// `a`, each pair's `K` is multiplied by a factor between 1 and `a / A`, so its score by one
/// between 1 and `A / a`: the pair the block kept scores at most `max(a/A, A/a)` times less than
/// the block's best. A query's bound sums its terms' bounds, so the largest factor over the
/// fields scored holds for it too. A ten-thousandth more covers rounding.
fn slack(reader: &SegmentReader, searched: &[(Field, Option<f64>)]) -> tantivy::Result<Score> {
    let segment_docs = reader.max_doc();
    let mut worst: Score = 1.0;
    for &(field, searched) in searched {
        let segment_tokens = reader.inverted_index(field)?.total_num_tokens();
        let written = (segment_docs > 0 && segment_tokens > 0).then(|| segment_tokens as f64 / f64::from(segment_docs));
        match (searched, written) {
            (None, None) => {}
            (Some(searched), Some(written)) => {
                worst = worst.max((searched / written).max(written / searched) as Score);
            }
            // Words on one side only: no bound holds.
            _ => return Ok(Score::INFINITY),
        }
    }
    Ok(worst * 1.0001)
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

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::indexer::NoMergePolicy;
    use tantivy::query::TermQuery;
    use tantivy::schema::{IndexRecordOption, Schema, FAST, TEXT};
    use tantivy::{doc, Index, Term};

    /// An index of one field cut into segments as given: each a list of texts, committed apart.
    fn index_of(segments: &[Vec<String>]) -> (Index, Field, Field) {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let key = schema.add_u64_field("tiebreak", FAST);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let mut n = 0u64;
        for segment in segments {
            for t in segment {
                writer.add_document(doc!(text => t.as_str(), key => n)).unwrap();
                n += 1;
            }
            writer.commit().unwrap();
        }
        (index, text, key)
    }

    fn words(word: &str, times: usize, filler: usize) -> String {
        let mut w = vec![word; times];
        w.extend(std::iter::repeat_n("filler", filler));
        w.join(" ")
    }

    #[test]
    fn a_block_whose_kept_pair_scores_less_under_the_whole_index_is_not_skipped() {
        // The first segment's paragraphs are long, so the whole index's average length is far
        // above the second's. One short paragraph of the first with the word twice sets the
        // threshold for a list of one.
        let mut first: Vec<String> = (0..200).map(|_| words("victims", 1, 99)).collect();
        first.push(words("victims", 2, 8));
        // The second: a full block of short paragraphs with the word once, and one longer with it
        // three times. Under the second's own short average the short ones score best, and the
        // block keeps one of them; under the whole index's, the longer one scores best of all.
        let mut second: Vec<String> = (0..140).map(|_| words("victims", 1, 1)).collect();
        second[5] = words("victims", 3, 17);
        let (index, text, key) = index_of(&[first, second]);
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let query = TermQuery::new(Term::from_field_text(text, "victims"), IndexRecordOption::WithFreqs);
        let all = searcher.search(&query, &TopDocs::with_limit(1_000).order_by_score()).unwrap();
        let got = top_filtered(&searcher, &searcher, key, Box::new(query), Vec::new(), 1).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1, all[0].1, "the best paragraph of all was skipped: {got:?} {:?}", &all[..2]);
        assert_eq!(got[0].1, DocAddress::new(1, 5));
    }

    #[test]
    fn the_pruned_top_k_is_the_top_k_of_every_match_however_the_segments_differ() {
        use tantivy::query::QueryParser;
        // Segments of very different lengths and word mixes, from a fixed sequence.
        let mut seed = 0x2545_f491_u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        const WORDS: [&str; 4] = ["victims", "police", "custody", "data"];
        let segments: Vec<Vec<String>> = (0..6)
            .map(|s| {
                let longest = [3, 60, 8, 200, 5, 30][s];
                (0..300 + next(400))
                    .map(|_| {
                        let len = 1 + next(longest);
                        (0..len)
                            .map(|_| if next(3) == 0 { WORDS[next(4) as usize] } else { "filler" })
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect()
            })
            .collect();
        let (index, text, key) = index_of(&segments);
        let searcher = index.reader().unwrap().searcher();
        let parser = QueryParser::for_index(&index, vec![text]);
        for q in ["victims", "victims OR police", "custody OR data OR police", "+victims +police"] {
            let query = parser.parse_query(q).unwrap();
            let mut all: Vec<(Score, u64, DocAddress)> = searcher
                .search(&query, &TopDocs::with_limit(100_000).order_by_score())
                .unwrap()
                .into_iter()
                .map(|(s, a)| {
                    (
                        s,
                        searcher
                            .segment_reader(a.segment_ord)
                            .fast_fields()
                            .u64("tiebreak")
                            .unwrap()
                            .first(a.doc_id)
                            .unwrap(),
                        a,
                    )
                })
                .collect();
            all.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            for limit in [1, 3, 10, 40] {
                let got = top_filtered(&searcher, &searcher, key, query.box_clone(), Vec::new(), limit).unwrap();
                let got: Vec<DocAddress> = got.iter().map(|h| h.1).collect();
                let expected: Vec<DocAddress> = all.iter().take(limit).map(|h| h.2).collect();
                assert_eq!(got, expected, "{q} limit {limit}");
            }
        }
    }
}
