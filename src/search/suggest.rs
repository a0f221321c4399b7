//! When a search finds nothing: the words of the index nearest to the query's words (a likely
//! misspelling), and a plain refusal of fuzzy syntax echoes does not read (`word~1`).

use crate::error::Error;
use crate::index::{tokenizer, Opened};

/// Refuses Elasticsearch's fuzzy syntax on a bare word (`immigraton~1`), which tantivy would
/// accept and match nothing with; a phrase's slop (`"a b"~2`) is tantivy's own and passes.
pub fn fuzzy_syntax(query: &str) -> Result<(), Error> {
    let mut in_phrase = false;
    let chars: Vec<char> = query.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '"' | '\u{201C}' | '\u{201D}' => in_phrase = !in_phrase,
            '~' if !in_phrase && i > 0 && chars[i - 1].is_alphanumeric() => {
                let word: String = chars[..i].iter().rev().take_while(|c| c.is_alphanumeric()).collect();
                let word: String = word.chars().rev().collect();
                return Err(super::query::malformed(
                    query,
                    format!(
                        "'{word}~' is fuzzy syntax echoes does not read; --fuzzy lets every bare word \
                         differ by one letter (search {word} --fuzzy)"
                    ),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Edit distance between two words, or `None` when it is over `max`.
fn distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(row[j] + 1);
        }
        if row.iter().min().is_some_and(|&m| m > max) {
            return None;
        }
        prev = row;
    }
    Some(prev[b.len()]).filter(|&d| d <= max)
}

/// Most words of a query that nothing holds that are given a nearer word: each costs a walk over
/// every word the index holds.
const MAX_SUGGESTED: usize = 5;

/// For each word of the query that no paragraph holds (the first [`MAX_SUGGESTED`] of them), the
/// indexed word nearest to it (one edit, two for words of eight letters or more), the most
/// frequent on a tie: `immigraton` gives `immigration`.
pub fn nearest_words(opened: &Opened, query: &str) -> anyhow::Result<Vec<(String, String)>> {
    let field = opened.fields.exact;
    let searcher = opened.reader.searcher();
    let mut analyzer = tokenizer::exact();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let words = query
        .split_whitespace()
        .filter(|w| !matches!(*w, "AND" | "OR" | "NOT") && !w.ends_with('*'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let mut missing = 0;
    for word in words {
        let Some((term, _, _)) = tokenizer::analyze(&mut analyzer, word).into_iter().next() else {
            continue;
        };
        if !seen.insert(term.clone()) {
            continue;
        }
        // A word the index holds needs no walk over the dictionary: one lookup per segment.
        let mut held = false;
        for reader in searcher.segment_readers() {
            if reader.inverted_index(field)?.terms().term_ord(term.as_bytes())?.is_some() {
                held = true;
                break;
            }
        }
        if held {
            continue;
        }
        missing += 1;
        if missing > MAX_SUGGESTED {
            break;
        }
        let wanted: Vec<char> = term.chars().collect();
        let max = if wanted.len() >= 8 { 2 } else { 1 };
        let mut best: Option<(usize, std::cmp::Reverse<u32>, String)> = None;
        for reader in searcher.segment_readers() {
            let index = reader.inverted_index(field)?;
            let mut stream = index.terms().stream()?;
            while stream.advance() {
                let Ok(text) = std::str::from_utf8(stream.key()) else { continue };
                let candidate: Vec<char> = text.chars().collect();
                if let Some(d) = distance(&wanted, &candidate, max) {
                    let key = (d, std::cmp::Reverse(stream.value().doc_freq), text.to_string());
                    if best.as_ref().is_none_or(|b| key < *b) {
                        best = Some(key);
                    }
                }
            }
        }
        if let Some((_, _, near)) = best {
            out.push((word.to_string(), near));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_are_counted_and_capped() {
        let w = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(distance(&w("immigraton"), &w("immigration"), 2), Some(1));
        assert_eq!(distance(&w("victim"), &w("victims"), 1), Some(1));
        assert_eq!(distance(&w("police"), &w("policy"), 1), Some(1));
        assert_eq!(distance(&w("abc"), &w("xyz"), 2), None);
    }

    #[test]
    fn fuzzy_syntax_on_a_word_is_refused_and_slop_passes() {
        let e = fuzzy_syntax("immigraton~1").unwrap_err().to_string();
        assert!(e.contains("--fuzzy"), "{e}");
        assert!(fuzzy_syntax("\"immigration status\"~2").is_ok());
        assert!(fuzzy_syntax("victims").is_ok());
    }
}
