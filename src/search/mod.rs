//! Search: tantivy query syntax over the paragraph index, filters by force, recommendation and
//! role, and highlights that mark whole phrases, not scattered stems.

use serde::Serialize;
use tantivy::TantivyDocument;

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
mod top;
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
    let stats = opened.live_stats(&searcher);
    let top = top::top_filtered(&searcher, &stats, fields.tiebreak, user, filters, limit)
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
    use tantivy::query::{BooleanQuery, Occur};
    use tantivy::{DocAddress, Score};

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
                let got = top::top_filtered(
                    &searcher,
                    &opened.live_stats(&searcher),
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
