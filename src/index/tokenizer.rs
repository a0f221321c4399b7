//! The tantivy analyzers echoes registers: words split and normalized exactly as
//! [`crate::normalize::words`] does, then possessives stripped and stemmed for the stemmed field;
//! the field of words as written also holds a possessive's word (`majesty's` and `majesty`).

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{RemoveLongFilter, TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager};
use tantivy::Index;

use crate::normalize::{fold_word_into, next_ascii_word, next_word, strip_possessive};

/// Name of the stemmed analyzer (field `text`).
pub const STEMMED: &str = "echoes_stem";
/// Name of the unstemmed analyzer (field `exact`).
pub const EXACT: &str = "echoes_exact";
/// Longer tokens are dropped (they are never words).
const MAX_TOKEN_BYTES: usize = 80;

/// What the tokenizer makes of a possessive (`victim's`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Possessive {
    /// The word as written.
    Kept,
    /// The word without its `'s`.
    Stripped,
    /// Both, at the same position: a search for the word finds its possessive, a search for the
    /// possessive finds only the possessive.
    Both,
}

#[derive(Clone)]
pub struct WordTokenizer {
    possessive: Possessive,
    stems: Option<Stems>,
    token: Token,
}

impl WordTokenizer {
    fn new(possessive: Possessive, stem: bool) -> WordTokenizer {
        WordTokenizer { possessive, stems: stem.then(Stems::default), token: Token::default() }
    }
}

/// Most remembered stems: a few MB, far more than the distinct words of a collection of responses.
const MAX_STEMS: usize = 100_000;

/// English (Snowball) stems, remembered: a collection uses the same few thousand words over and
/// over, and looking a stem up costs a fraction of working it out again. The same stemmer as
/// tantivy's `Stemmer` filter, so the same terms.
#[derive(Clone)]
struct Stems {
    stemmer: frostem::Stemmer,
    known: FxHashMap<String, String>,
}

impl Default for Stems {
    fn default() -> Stems {
        Stems { stemmer: frostem::Stemmer::new(frostem::Algorithm::English), known: FxHashMap::default() }
    }
}

impl Stems {
    /// Replaces a word by its stem. A word too long to be indexed is left as it is (the long-token
    /// filter drops it; a stem is never longer than its word, so the same words are dropped).
    fn stem(&mut self, word: &mut String) {
        if word.len() >= MAX_TOKEN_BYTES {
            return;
        }
        if let Some(stem) = self.known.get(word.as_str()) {
            word.clear();
            word.push_str(stem);
            return;
        }
        let stem = self.stemmer.stem(word).into_owned();
        if self.known.len() >= MAX_STEMS {
            self.known.clear();
        }
        let original = std::mem::replace(word, stem.clone());
        self.known.insert(original, stem);
    }
}

/// Walks the text word by word, refilling one token (no allocation per word).
pub struct WordStream<'a> {
    text: &'a str,
    /// Most texts are ASCII: their words are found byte by byte.
    ascii: bool,
    next: usize,
    possessive: Possessive,
    /// The token given last was a possessive whose word comes next, at the same position.
    word_next: bool,
    stems: Option<&'a mut Stems>,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        let WordTokenizer { possessive, stems, token } = self;
        token.reset();
        token.position = usize::MAX;
        let ascii = text.is_ascii();
        WordStream { text, ascii, next: 0, possessive: *possessive, word_next: false, stems: stems.as_mut(), token }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        if std::mem::take(&mut self.word_next) {
            let kept = strip_possessive(&self.token.text).len();
            self.token.text.truncate(kept);
            return true;
        }
        let found = if self.ascii { next_ascii_word(self.text, self.next) } else { next_word(self.text, self.next) };
        let Some((start, end)) = found else {
            return false;
        };
        self.next = end;
        let token = &mut *self.token;
        token.text.clear();
        fold_word_into(&self.text[start..end], &mut token.text);
        let kept = strip_possessive(&token.text).len();
        match self.possessive {
            Possessive::Stripped => token.text.truncate(kept),
            Possessive::Both => self.word_next = kept > 0 && kept < token.text.len(),
            Possessive::Kept => {}
        }
        if let Some(stems) = self.stems.as_deref_mut() {
            stems.stem(&mut token.text);
        }
        token.offset_from = start;
        token.offset_to = end;
        token.position = token.position.wrapping_add(1);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

fn analyzer(possessive: Possessive, stem: bool) -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::new(possessive, stem)).filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES)).build()
}

pub fn stemmed() -> TextAnalyzer {
    analyzer(Possessive::Stripped, true)
}

/// Words as written: what a query for words as written is read with, and what highlights match.
pub fn exact() -> TextAnalyzer {
    analyzer(Possessive::Kept, false)
}

/// Words as written as the index holds them: each possessive also as its word, at the same
/// position, so that `majesty` finds "Her Majesty's" as grep does.
pub fn exact_indexed() -> TextAnalyzer {
    analyzer(Possessive::Both, false)
}

/// Registers the analyzers on an index; needed after every create and every open.
pub fn register(index: &Index) {
    index.tokenizers().register(STEMMED, stemmed());
    index.tokenizers().register(EXACT, exact_indexed());
}

/// The analyzers queries are read with: as the index's, but a possessive in a query is only
/// that possessive.
pub fn for_queries() -> TokenizerManager {
    let manager = TokenizerManager::default();
    manager.register(STEMMED, stemmed());
    manager.register(EXACT, exact());
    manager
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
    fn tokens_match_the_words_of_the_text_with_positions() {
        let text = "SYP’s officers — re-check the victim\u{00AD}s' status, twice.";
        let mut analyzer = exact();
        let mut stream = analyzer.token_stream(text);
        let mut got = Vec::new();
        while stream.advance() {
            let t = stream.token();
            got.push((t.position, t.text.clone(), t.offset_from, t.offset_to));
        }
        drop(stream);
        let expected: Vec<(usize, String, usize, usize)> =
            crate::normalize::words(text).into_iter().enumerate().map(|(i, w)| (i, w.text, w.start, w.end)).collect();
        assert_eq!(got, expected);
        assert_eq!(crate::normalize::word_count(text), expected.len());
        // The stream can be used again: positions start from zero each time.
        let again = analyze(&mut analyzer, "one two");
        assert_eq!(again, [("one".to_string(), 0, 3), ("two".to_string(), 4, 7)]);
    }

    #[test]
    fn ascii_texts_give_the_words_of_the_text_too() {
        for text in ["SYP's officers - re-check the victims' status, twice.", "it's 'tis o'clock x' 'y 04/01/18", ""] {
            let got: Vec<(String, usize, usize)> = analyze(&mut exact(), text);
            let expected: Vec<(String, usize, usize)> =
                crate::normalize::words(text).into_iter().map(|w| (w.text, w.start, w.end)).collect();
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn remembered_stems_are_tantivys_stems() {
        use tantivy::tokenizer::{Language, Stemmer};
        let long = "x".repeat(MAX_TOKEN_BYTES + 3);
        let text = format!(
            "Officers’ reporting: the victims reported, reports and re-reporting; generously, \
             hoping dying skies news {long} organisations' organisation's reporting REPORTING agreed"
        );
        let tantivys = || {
            TextAnalyzer::builder(WordTokenizer::new(Possessive::Stripped, false))
                .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
                .filter(Stemmer::new(Language::English))
                .build()
        };
        let mut ours = stemmed();
        // Twice through the same analyzer: the second time every stem is remembered.
        for _ in 0..2 {
            assert_eq!(analyze(&mut ours, &text), analyze(&mut tantivys(), &text));
        }
        assert!(analyze(&mut ours, &long).is_empty());
    }

    #[test]
    fn exact_keeps_the_word() {
        let t = analyze(&mut exact(), "Victims’ Reporting");
        assert_eq!(t, [("victims".to_string(), 0, 7), ("reporting".to_string(), 11, 20)]);
    }

    #[test]
    fn the_index_holds_a_possessive_and_its_word_at_one_position() {
        let mut a = exact_indexed();
        let mut stream = a.token_stream("Her Majesty’s Inspectorate's own, it's");
        let mut got = Vec::new();
        while stream.advance() {
            let t = stream.token();
            got.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        let want = [
            ("her", 0, 0, 3),
            ("majesty's", 1, 4, 15),
            ("majesty", 1, 4, 15),
            ("inspectorate's", 2, 16, 30),
            ("inspectorate", 2, 16, 30),
            ("own", 3, 31, 34),
            ("it's", 4, 36, 40),
            ("it", 4, 36, 40),
        ];
        let want: Vec<(String, usize, usize, usize)> =
            want.iter().map(|&(w, p, a, b)| (w.to_string(), p, a, b)).collect();
        assert_eq!(got, want);
    }
}
