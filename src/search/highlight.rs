//! Highlights: the byte ranges of a hit's text that match the query, whole phrases marked, not
//! scattered stems.

use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, RegexQuery, TermQuery,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use crate::index::tokenizer;

/// A sequence of terms to mark in a hit: a phrase, or one term.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    pub terms: Vec<String>,
    /// The last term matches as a prefix.
    pub prefix: bool,
    /// Matched against words as written, not stems (prefixes are).
    pub unstemmed: bool,
}

/// The patterns a query matches on, from its parsed form (negated clauses left out). Prefixes are
/// not among them: they are rewritten before parsing, and their patterns come from the rewriting.
pub fn patterns(query: &dyn Query, out: &mut Vec<Pattern>) {
    let text = |t: &Term| t.value().as_str().unwrap_or_default().to_string();
    if let Some(b) = query.downcast_ref::<BooleanQuery>() {
        for (occur, sub) in b.clauses() {
            if *occur != Occur::MustNot {
                patterns(sub.as_ref(), out);
            }
        }
    } else if let Some(b) = query.downcast_ref::<BoostQuery>() {
        // BoostQuery does not expose its inner query; its terms are still visited.
        b.query_terms(&mut |t, _| out.push(Pattern { terms: vec![text(t)], prefix: false, unstemmed: false }));
    } else if let Some(p) = query.downcast_ref::<PhraseQuery>() {
        out.push(Pattern { terms: p.phrase_terms().iter().map(text).collect(), prefix: false, unstemmed: false });
    } else if let Some(p) = query.downcast_ref::<super::sloppy::SloppyPhrase>() {
        out.push(Pattern { terms: p.terms().iter().map(text).collect(), prefix: false, unstemmed: false });
    } else if query.downcast_ref::<PhrasePrefixQuery>().is_some() {
        // A prefix: its pattern comes from the rewriting (see the function's comment).
    } else if let Some(t) = query.downcast_ref::<TermQuery>() {
        out.push(Pattern { terms: vec![text(t.term())], prefix: false, unstemmed: false });
    } else if query.downcast_ref::<FuzzyTermQuery>().is_none() && query.downcast_ref::<RegexQuery>().is_none() {
        query.query_terms(&mut |t, _| out.push(Pattern { terms: vec![text(t)], prefix: false, unstemmed: false }));
    }
}

/// Whether a word of a hit matches a term of the query; a possessive matches its word as the
/// index finds it (`majesty's` for `majesty`).
pub fn term_matches(token: &str, wanted: &str, prefix: bool, fuzzy: bool) -> bool {
    token == wanted
        || crate::normalize::strip_possessive(token) == wanted
        || (prefix && token.starts_with(wanted))
        || (fuzzy && strsim::levenshtein(token, wanted) <= 1)
}

/// Byte ranges of `text` where the patterns match: a phrase is marked from its first word to its
/// last; a phrase matched with slop (not found as consecutive words) has its words marked one by one.
pub fn highlight(analyzer: &mut TextAnalyzer, text: &str, patterns: &[Pattern], fuzzy: bool) -> Vec<[usize; 2]> {
    let stemmed = tokenizer::analyze(analyzer, text);
    let unstemmed = if patterns.iter().any(|p| p.unstemmed) {
        tokenizer::analyze(&mut tokenizer::exact(), text)
    } else {
        Vec::new()
    };
    // The same pattern twice marks nothing more (a query may repeat its phrases).
    let mut patterns: Vec<&Pattern> = patterns.iter().filter(|p| !p.terms.is_empty()).collect();
    patterns.sort_by(|a, b| (&a.terms, a.prefix, a.unstemmed).cmp(&(&b.terms, b.prefix, b.unstemmed)));
    patterns.dedup_by(|a, b| (&a.terms, a.prefix, a.unstemmed) == (&b.terms, b.prefix, b.unstemmed));
    let mut ranges: Vec<[usize; 2]> = Vec::new();
    // Words of phrases not found as consecutive words, marked one by one in one pass below.
    let mut loose: Vec<(&str, bool, bool)> = Vec::new();
    for p in patterns {
        let tokens = if p.unstemmed { &unstemmed } else { &stemmed };
        let n = p.terms.len();
        let fuzzy = fuzzy && n == 1;
        let mut found = false;
        for start in 0..tokens.len().saturating_sub(n - 1) {
            let matched =
                (0..n).all(|k| term_matches(&tokens[start + k].0, &p.terms[k], p.prefix && k == n - 1, fuzzy));
            if matched {
                ranges.push([tokens[start].1, tokens[start + n - 1].2]);
                found = true;
            }
        }
        if !found && n > 1 {
            loose.extend(p.terms.iter().enumerate().map(|(k, t)| (t.as_str(), p.prefix && k == n - 1, p.unstemmed)));
        }
    }
    loose.sort_unstable();
    loose.dedup();
    for (tokens, unstemmed) in [(&stemmed, false), (&unstemmed, true)] {
        let wanted: Vec<(&str, bool)> = loose.iter().filter(|l| l.2 == unstemmed).map(|l| (l.0, l.1)).collect();
        if wanted.is_empty() {
            continue;
        }
        ranges.extend(
            tokens
                .iter()
                .filter(|t| wanted.iter().any(|&(term, prefix)| term_matches(&t.0, term, prefix, false)))
                .map(|t| [t.1, t.2]),
        );
    }
    ranges.sort_unstable();
    let mut merged: Vec<[usize; 2]> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r[0] <= last[1] => last[1] = last[1].max(r[1]),
            _ => merged.push(r),
        }
    }
    merged
}
