//! Prefix queries (`immigra*`, `"immigration enforcem"*`): matched against words as written, never
//! against stems. A stem is not a word's beginning (`immigration` is indexed as `immigr`, which
//! `immigra` does not begin), so a prefix is rewritten, before parsing, to ask the unstemmed field.

use crate::index::tokenizer;

/// The unstemmed field, which prefixes ask.
const FIELD: &str = "exact";

/// A query with its prefixes rewritten for the unstemmed field, and the prefixes (as the index
/// folds words) for highlighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewritten {
    pub query: String,
    /// Each prefix as its words: the last is the prefix, any before it a phrase that precedes it.
    pub prefixes: Vec<Vec<String>>,
}

/// Whether a character ends a bare word of the query grammar.
fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"' | '^' | '~')
}

/// The words of a query fragment as the index has them (folded, not stemmed); escapes dropped.
fn words(fragment: &str) -> Vec<String> {
    let plain: String = fragment.chars().filter(|&c| c != '\\').collect();
    tokenizer::analyze(&mut tokenizer::exact(), &plain).into_iter().map(|t| t.0).collect()
}

/// The query-grammar form of a prefix of these words on the unstemmed field: a regular expression
/// for one word (a term dictionary walk), a phrase prefix for several.
fn prefix_clause(words: &[String]) -> String {
    match words {
        [one] => {
            let mut pattern = String::with_capacity(one.len() + 4);
            for c in one.chars() {
                if !c.is_alphanumeric() {
                    pattern.push('\\');
                }
                pattern.push(c);
            }
            format!("{FIELD}:/{pattern}.*/")
        }
        _ => format!("{FIELD}:\"{}\"*", words.join(" ")),
    }
}

/// Whether the query itself holds a regular expression (`field:/.../`, outside phrases): echoes
/// makes them for prefixes only, and takes none from a user.
pub fn asks_regex(query: &str) -> bool {
    let mut in_phrase = false;
    let mut prev = ' ';
    for c in query.chars() {
        if c == '"' && prev != '\\' {
            in_phrase = !in_phrase;
        } else if c == '/' && prev == ':' && !in_phrase {
            return true;
        }
        prev = c;
    }
    false
}

/// Rewrites every prefix of a query (already prepared for the grammar): a bare word ending in `*`
/// and a phrase followed by `*`. Anything else is left as it is.
pub fn rewrite(query: &str) -> Rewritten {
    let chars: Vec<char> = query.chars().collect();
    let mut out = String::with_capacity(query.len() + 16);
    let mut prefixes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            // A phrase: copied whole, or rewritten when a `*` follows it.
            let close = (i + 1..chars.len()).find(|&j| chars[j] == '"' && chars[j - 1] != '\\');
            let Some(close) = close else {
                out.extend(&chars[i..]);
                break;
            };
            let fielded = out.ends_with(':');
            if chars.get(close + 1) == Some(&'*') && !fielded {
                let inner: String = chars[i + 1..close].iter().collect();
                let w = words(&inner);
                if !w.is_empty() {
                    out.push_str(&prefix_clause(&w));
                    prefixes.push(w);
                    i = close + 2;
                    continue;
                }
            }
            out.extend(&chars[i..=close]);
            i = close + 1;
            continue;
        }
        if ends_word(c) {
            out.push(c);
            i += 1;
            continue;
        }
        // A bare word, up to the next space, bracket or quote.
        let start = i;
        while i < chars.len() && !(ends_word(chars[i]) && !(i > start && chars[i - 1] == '\\')) {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        let lead = word.len() - word.trim_start_matches(['+', '-']).len();
        let body = &word[lead..];
        let field = body.contains(':') && !body.contains("\\:");
        match body.strip_suffix('*') {
            Some(stem) if !field && !stem.ends_with('\\') && !stem.contains('*') => {
                let w = words(stem);
                if w.is_empty() {
                    out.push_str(&word);
                } else {
                    out.push_str(&word[..lead]);
                    out.push_str(&prefix_clause(&w));
                    prefixes.push(w);
                }
            }
            _ => out.push_str(&word),
        }
    }
    Rewritten { query: out, prefixes }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(query: &str) -> String {
        rewrite(query).query
    }

    #[test]
    fn a_bare_prefix_asks_the_unstemmed_words() {
        assert_eq!(q("immigra*"), "exact:/immigra.*/");
        assert_eq!(q("Immigra* AND victims"), "exact:/immigra.*/ AND victims");
        assert_eq!(q("(vict* OR polic*)"), "(exact:/vict.*/ OR exact:/polic.*/)");
        assert_eq!(q("-immig* police"), "-exact:/immig.*/ police");
        assert_eq!(rewrite("vict* immig*").prefixes, vec![vec!["vict".to_string()], vec!["immig".to_string()]]);
    }

    #[test]
    fn a_phrase_prefix_asks_the_unstemmed_words_and_one_word_in_quotes_is_a_bare_prefix() {
        assert_eq!(q("\"immigration enforcem\"*"), "exact:\"immigration enforcem\"*");
        assert_eq!(q("\"immig\"*"), "exact:/immig.*/");
        assert_eq!(q("\"domestic abuse\" victims"), "\"domestic abuse\" victims");
    }

    #[test]
    fn what_is_not_a_prefix_is_left_alone() {
        for query in ["immigration", "*", "a \\* b", "\"a * b\"", "victim\\'s status", "id:*", "a*b", "\"open"] {
            assert_eq!(q(query), query, "{query}");
        }
    }

    #[test]
    fn words_are_folded_as_the_index_folds_them_and_punctuation_is_escaped() {
        assert_eq!(q("IMMIGRA*"), "exact:/immigra.*/");
        // Written out, not worked out with the functions under test: lower case as the index
        // folds words (accents kept), the apostrophe escaped for the regular expression.
        assert_eq!(q("Éco*"), "exact:/éco.*/");
        assert_eq!(q("victim\\'s*"), "exact:/victim\\'s.*/");
        assert_eq!(q("co-op*"), "exact:\"co op\"*");
    }
}
