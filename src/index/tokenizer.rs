//! The tantivy analyzers echoes registers: words split and normalized exactly as
//! [`crate::normalize::words`] does, then possessives stripped and stemmed for the stemmed field.

use tantivy::tokenizer::{Language, RemoveLongFilter, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::Index;

use crate::normalize::{strip_possessive, words};

/// Name of the stemmed analyzer (field `text`).
pub const STEMMED: &str = "echoes_stem";
/// Name of the unstemmed analyzer (field `exact`).
pub const EXACT: &str = "echoes_exact";
/// Longer tokens are dropped (they are never words).
const MAX_TOKEN_BYTES: usize = 80;

#[derive(Clone)]
pub struct WordTokenizer {
    strip_possessives: bool,
}

pub struct WordStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        let tokens = words(text)
            .into_iter()
            .enumerate()
            .map(|(position, w)| Token {
                offset_from: w.start,
                offset_to: w.end,
                position,
                text: if self.strip_possessives { strip_possessive(&w.text).to_string() } else { w.text },
                position_length: 1,
            })
            .collect();
        WordStream { tokens, next: 0 }
    }
}

impl TokenStream for WordStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

pub fn stemmed() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer { strip_possessives: true })
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(Stemmer::new(Language::English))
        .build()
}

pub fn exact() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer { strip_possessives: false })
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .build()
}

/// Registers the analyzers on an index; needed after every create and every open.
pub fn register(index: &Index) {
    index.tokenizers().register(STEMMED, stemmed());
    index.tokenizers().register(EXACT, exact());
}

/// The terms an analyzer makes of a text, each with its byte range in the text.
pub fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push((t.text.clone(), t.offset_from, t.offset_to));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_apostrophes_stem_alike() {
        let a: Vec<String> = analyze(&mut stemmed(), "the victim’s reporting").into_iter().map(|t| t.0).collect();
        let b: Vec<String> = analyze(&mut stemmed(), "the victim's reporting").into_iter().map(|t| t.0).collect();
        assert_eq!(a, b);
        assert_eq!(a, ["the", "victim", "report"]);
    }

    #[test]
    fn exact_keeps_the_word() {
        let t = analyze(&mut exact(), "Victims’ Reporting");
        assert_eq!(t, [("victims".to_string(), 0, 7), ("reporting".to_string(), 11, 20)]);
    }
}
