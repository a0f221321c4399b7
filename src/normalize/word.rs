//! Words of a text: where each stands in the original, and its folded form (the normalized,
//! lower-cased word that indexing, querying and comparison all key on).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use super::chars::{is_apostrophe, tidy_char, INVISIBLE};

/// One word of a text: its normalized lower-case form and where it stands in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A letter, digit or combining mark, or a character that NFKC makes one (`⼀`, `①`): the same
/// text is made of the same words whether or not it was normalized first.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if is_apostrophe(c) {
        // `ʼ` (U+02BC) is a letter to Unicode but an apostrophe to echoes, before and after
        // normalization alike.
        false
    } else {
        // A character NFKC leaves alone (most punctuation: quotes, dashes) is what it is; only the
        // rest are decomposed to look.
        c.is_alphanumeric()
            || is_combining_mark(c)
            || (!INVISIBLE.contains(&c)
                && is_nfkc_quick(std::iter::once(c)) != IsNormalized::Yes
                && std::iter::once(c).nfkc().any(|n| n.is_alphanumeric() || is_combining_mark(n)))
    }
}

/// The byte range of the first word of `text` at or after byte `from`: a run of letters, digits
/// and combining marks; an apostrophe between two such characters stays inside the word, and a
/// soft hyphen or zero-width character inside a word is ignored. The one definition of a word
/// boundary, used by [`words`] and by the index's tokenizers.
pub fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    // Most words, even in a text with curly quotes or accents, are ASCII letters between ASCII
    // spaces and punctuation: those are found byte by byte, the rest character by character.
    let b = text.as_bytes();
    let n = b.len();
    let mut i = from;
    while i < n && b[i].is_ascii() && !b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i >= n {
        return None;
    }
    if !b[i].is_ascii() {
        return next_word_by_char(text, i);
    }
    let start = i;
    i += 1;
    loop {
        match b.get(i) {
            Some(c) if c.is_ascii_alphanumeric() => i += 1,
            Some(b'\'') => match b.get(i + 1) {
                Some(c) if c.is_ascii_alphanumeric() => i += 2,
                Some(c) if !c.is_ascii() => return next_word_by_char(text, start),
                _ => return Some((start, i)),
            },
            Some(c) if !c.is_ascii() => return next_word_by_char(text, start),
            _ => return Some((start, i)),
        }
    }
}

/// [`next_word`], character by character.
fn next_word_by_char(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut chars = text[from..].char_indices().map(|(i, c)| (i + from, c)).peekable();
    let start = loop {
        let (i, c) = chars.next()?;
        if is_word_char(c) {
            break i;
        }
    };
    let mut end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    while let Some(&(i, next)) = chars.peek() {
        if is_word_char(next) || INVISIBLE.contains(&next) {
            end = i + next.len_utf8();
            chars.next();
        } else if is_apostrophe(next) {
            let mut ahead = chars.clone();
            ahead.next();
            while ahead.next_if(|&(_, c)| INVISIBLE.contains(&c)).is_some() {}
            match ahead.peek() {
                Some(&(_, after)) if is_word_char(after) => {
                    end = i + next.len_utf8();
                    chars.next();
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    Some((start, end))
}

/// Splits `text` into words (see [`next_word`]), each with its folded form (see [`fold_word`]).
/// `victim's` and `victim’s` both give `victim's`.
pub fn words(text: &str) -> Vec<Word> {
    if text.is_ascii() {
        return ascii_words(text);
    }
    any_words(text)
}

/// [`words`] of an ASCII text (most paragraphs): the same words, found byte by byte.
fn ascii_words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut from = 0;
    while let Some((start, end)) = next_ascii_word(text, from) {
        out.push(Word { text: text[start..end].to_ascii_lowercase(), start, end });
        from = end;
    }
    out
}

/// [`next_word`] in an ASCII text, byte by byte (the same word).
pub fn next_ascii_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let start = from + b.get(from..)?.iter().position(u8::is_ascii_alphanumeric)?;
    let mut i = start + 1;
    loop {
        if i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        } else if i + 1 < b.len() && b[i] == b'\'' && b[i + 1].is_ascii_alphanumeric() {
            // An apostrophe between word characters is part of the word.
            i += 2;
        } else {
            return Some((start, i));
        }
    }
}

/// [`words`] of any text.
fn any_words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((start, end)) = next_word(text, from) {
        out.push(Word { text: fold_word(&text[start..end]), start, end });
        from = end;
    }
    out
}

/// What a word is known by when words are compared in bulk: a 64-bit hash of its folded form (see
/// [`words`]). A million distinct words collide with a chance of about one in 30 million.
pub fn word_key(folded: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(folded.as_bytes())
}

/// One word of a text by its [`word_key`], and where it stands in the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyedWord {
    pub key: u64,
    pub start: usize,
    pub end: usize,
}

/// The words of `text` by their keys: what `words` gives, keyed, without a string for each word
/// (in an ASCII text, each word is lower-cased into one reused buffer and hashed).
pub fn keyed_words(text: &str) -> Vec<KeyedWord> {
    if !text.is_ascii() {
        return words(text)
            .into_iter()
            .map(|w| KeyedWord { key: word_key(&w.text), start: w.start, end: w.end })
            .collect();
    }
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut folded: Vec<u8> = Vec::with_capacity(32);
    let mut from = 0;
    while let Some((start, end)) = next_ascii_word(text, from) {
        folded.clear();
        folded.extend(text.as_bytes()[start..end].iter().map(u8::to_ascii_lowercase));
        out.push(KeyedWord { key: xxhash_rust::xxh3::xxh3_64(&folded), start, end });
        from = end;
    }
    out
}

/// The number of words in `text`, without building them.
pub fn word_count(text: &str) -> usize {
    let mut from = 0;
    let mut n = 0;
    while let Some((_, end)) = next_word(text, from) {
        n += 1;
        from = end;
    }
    n
}

/// The normalized, lower-cased form of one word.
pub fn fold_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_word_into(word, &mut out);
    out
}

/// Appends the normalized, lower-cased form of one word to `out` (no allocation for ASCII words
/// when `out` has room).
pub fn fold_word_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        // NFKC can expand a character into punctuation (`🄀` is `0.`): only word characters stay.
        // Invisible characters go first, as in `normalize`: dropped after it, they could leave two
        // combining marks side by side out of their canonical order.
        let visible = word.chars().filter(|c| !INVISIBLE.contains(c));
        let kept = visible.nfkc().filter_map(tidy_char).filter(|&c| c == '\'' || is_word_char(c));
        out.extend(kept.flat_map(char::to_lowercase));
    }
}

/// The normalized words of a text, without positions.
pub fn word_texts(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.text).collect()
}

/// Strips an English possessive ending: `victim's` becomes `victim`.
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s").unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_texts_give_the_same_words_by_the_fast_way() {
        // Every mix of letters, digits, apostrophes, punctuation and spaces up to five characters,
        // and some longer texts.
        let alphabet = ['a', 'Z', '7', '\'', ' ', '-', '.', '\t'];
        let mut texts: Vec<String> = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> =
                texts.iter().flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}"))).collect();
            texts.extend(longer);
        }
        texts.extend([
            "Victims' rights, the force's policy and 'quoted' words: 04/01/18 - done.".to_string(),
            "it's ''double'' o'clock rock'n'roll 'tis x'".to_string(),
        ]);
        for t in &texts {
            assert_eq!(ascii_words(t), any_words(t), "{t:?}");
        }
    }

    #[test]
    fn words_found_byte_by_byte_are_the_words_found_by_character() {
        let texts = [
            "SYP’s officers — re-check the victim\u{00AD}s' status, twice.",
            "it's 'tis o'clock x' 'y 04/01/18 café naïve ｆｕｌｌ ①st ﬁle don\u{200B}t a'\u{200B}b",
            "plain ASCII words only, with 'quotes' and o'clock",
            "x'é ab’cd ’lead trail’ a\u{2019}\u{00AD}b",
        ];
        for text in texts {
            for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(next_word(text, from), next_word_by_char(text, from), "{text:?} from {from}");
            }
        }
        // The ASCII shortcut of tidying: what the general rules give an ASCII character.
        for c in (0u8..128).map(char::from) {
            let general = if c.is_whitespace() || c.is_control() { ' ' } else { c };
            assert_eq!(tidy_char(c), Some(general), "{c:?}");
        }
    }

    #[test]
    fn keyed_words_are_the_words_keyed() {
        for text in ["Victims' data: the Officer's NOTE, 24/7.", "Café ‘victim’s’ ①st ﬁle", "", "  a  "] {
            let expected: Vec<KeyedWord> =
                words(text).iter().map(|w| KeyedWord { key: word_key(&w.text), start: w.start, end: w.end }).collect();
            assert_eq!(keyed_words(text), expected, "{text}");
        }
        assert_eq!(keyed_words("Data")[0].key, keyed_words("data")[0].key);
        assert_ne!(keyed_words("data")[0].key, keyed_words("date")[0].key);
    }

    #[test]
    fn curly_and_straight_apostrophes_give_the_same_words() {
        assert_eq!(word_texts("a victim’s status"), word_texts("a victim's status"));
        assert_eq!(word_texts("a victim’s status"), vec!["a", "victim's", "status"]);
    }

    #[test]
    fn words_point_into_the_original() {
        let text = "“Customise Cookies” — now";
        for w in words(text) {
            assert_eq!(fold_word(&text[w.start..w.end]), w.text);
        }
        assert_eq!(word_texts(text), vec!["customise", "cookies", "now"]);
    }

    #[test]
    fn quotes_at_word_edges_are_not_part_of_words() {
        assert_eq!(word_texts("'Third party' and victims' rights"), vec!["third", "party", "and", "victims", "rights"]);
    }

    #[test]
    fn soft_hyphen_inside_a_word_is_ignored() {
        assert_eq!(word_texts("immi\u{00AD}gration"), vec!["immigration"]);
    }

    #[test]
    fn possessive_is_stripped() {
        assert_eq!(strip_possessive("victim's"), "victim");
        assert_eq!(strip_possessive("victims"), "victims");
    }
}
