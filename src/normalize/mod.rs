//! Text normalization: the one definition of "the same words", shared by indexing, querying and comparison.
//!
//! Two views of a text are provided:
//! - [`normalize`] gives a tidied copy (Unicode NFKC, straight quotes and apostrophes, plain dashes,
//!   no bullets, collapsed whitespace), used for display-independent comparison and for queries;
//! - [`words`] splits the *original* text into words, each with its normalized, lower-cased form
//!   and its byte range in the original, so that results can always point back at what was written.
//!
//! Two words may also be nearly the same ([`nearly_same`]: a letter misread, as OCR misreads a
//! scan); reuse counts them as shared where words that are the same stand around them.

use unicode_normalization::UnicodeNormalization;

mod chars;
mod near;
mod word;
pub use chars::{is_apostrophe, is_bullet};
use chars::{tidy_char, DASHES, INVISIBLE};
pub use near::{
    alike, may_be_near, misread_keys, near_allowance, near_class, nearly_same, stem_key, Likeness, ANY_CLASS,
    GAP_MIN_LETTERS, NEAR_MIN_LETTERS,
};
pub use word::{
    fold_word, fold_word_into, keyed_words, next_ascii_word, next_word, strip_possessive, word_count, word_key,
    word_texts, words, KeyedWord, Word,
};

/// The normalized form of a text: NFKC, straight quotes, plain dashes, leading bullets removed,
/// whitespace collapsed and trimmed. Idempotent: `normalize(&normalize(s)) == normalize(s)`.
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        return ascii_normalized(text, false);
    }
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || is_bullet(c) || INVISIBLE.contains(&c));
    let mut out = String::with_capacity(trimmed.len());
    let mut pending_space = false;
    // ASCII is already in NFKC: skip the (costly) normalization pass. Invisible characters go
    // first: dropped after it, they could leave two combining marks side by side out of their
    // canonical order (a second pass would reorder them).
    let visible = trimmed.chars().filter(|c| !INVISIBLE.contains(c));
    let chars: Box<dyn Iterator<Item = char>> =
        if trimmed.is_ascii() { Box::new(trimmed.chars()) } else { Box::new(visible.nfkc()) };
    for c in chars.filter_map(tidy_char) {
        if c == ' ' {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    // A leading "- " left by a bullet that NFKC exposed is tidied away as well.
    match out.strip_prefix("- ") {
        Some(rest) if trimmed.starts_with(|c: char| is_bullet(c) || DASHES.contains(&c)) => rest.to_string(),
        _ => out,
    }
}

/// [`normalize`] lower-cased: what text rules compare against ("recommendation 4", cookie cues).
pub fn normalize_lower(text: &str) -> String {
    if text.is_ascii() {
        return ascii_normalized(text, true);
    }
    normalize(text).to_lowercase()
}

/// [`normalize`] of an ASCII text, in one pass over its bytes: no ASCII character is a curly quote,
/// a dash, a bullet or invisible, so normalizing is collapsing whitespace and control characters
/// into single spaces and trimming (and lower-casing, if asked).
fn ascii_normalized(text: &str, lower: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for &b in text.as_bytes() {
        if b.is_ascii_whitespace() || b.is_ascii_control() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(char::from(if lower { b.to_ascii_lowercase() } else { b }));
        }
    }
    out
}

/// Collapses runs of whitespace to one space and trims.
pub fn collapse_whitespace(s: &str) -> String {
    // Most lines are ASCII with single spaces between words: those are already collapsed.
    let b = s.as_bytes();
    let collapsed = b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && b.iter().all(|&c| c.is_ascii() && (c == b' ' || !c.is_ascii_whitespace()) && c != 0x0b)
        && !s.contains("  ");
    if collapsed {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invisible_character_between_marks_leaves_them_in_order() {
        // A soft hyphen between two combining marks of different classes, and one between a
        // letter and its accent: normalized once is normalized for good.
        for text in ["\u{1e000}\u{ad}\u{596}", "caf\u{65}\u{ad}\u{301}"] {
            let once = normalize(text);
            assert_eq!(normalize(&once), once, "{text:?}");
        }
        assert_eq!(normalize("caf\u{65}\u{ad}\u{301}"), "caf\u{e9}");
    }

    #[test]
    fn whitespace_is_collapsed_alike_by_the_fast_way() {
        let slow = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let alphabet = ["a", " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{a0}", "\u{2003}", "é", "."];
        let mut texts: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> =
                texts.iter().flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}"))).collect();
            texts.extend(longer);
        }
        texts.push("The force accepts the recommendation in full.".into());
        for t in &texts {
            assert_eq!(collapse_whitespace(t), slow(t), "{t:?}");
        }
    }

    #[test]
    fn ascii_texts_normalize_the_same_by_the_short_way() {
        // Through the general way: a non-ASCII character appended and taken off again.
        let general = |t: &str| {
            let n = normalize(&format!("{t}\u{00e9}"));
            n.strip_suffix('\u{00e9}').unwrap_or(&n).trim_end().to_string()
        };
        for text in [
            "  Recommendation 4.\tTo chief\r\n constables  ",
            "- a dash; \"quotes\" and 'apostrophes'\x0b\x0c end",
            "",
            "   ",
            "Cookie\u{7f}notice\x00here",
        ] {
            assert_eq!(normalize(text), general(text), "{text:?}");
            assert_eq!(normalize_lower(text), general(text).to_lowercase(), "{text:?}");
        }
        assert_eq!(normalize_lower("Café  RECOMMENDATION"), "café recommendation");
    }

    #[test]
    fn normalize_tidies_quotes_dashes_bullets_and_space() {
        assert_eq!(normalize("•  We’d  like\u{00A0}“this” – now\n"), "We'd like \"this\" - now");
        assert_eq!(normalize("ﬁnd   Ｆｕｌｌ"), "find Full");
        assert_eq!(normalize("soft\u{00AD}hyphen"), "softhyphen");
    }

    #[test]
    fn normalize_is_idempotent() {
        for s in ["•  We’d  like “this” – now", " - dash list", "\u{FEFF}a\tb", "‘Third party’", "- - x", "• • y"]
        {
            let once = normalize(s);
            assert_eq!(normalize(&once), once, "{s:?}");
        }
    }

    #[test]
    fn normalizing_first_gives_the_same_words() {
        // Found by the property tests: a compatibility character NFKC makes a letter, and an
        // apostrophe followed by an invisible character.
        for s in ["⼀ and ①", "A'\u{ad}e\u{301}", "Victim’\u{200B}s"] {
            assert_eq!(word_texts(s), word_texts(&normalize(s)), "{s:?}");
        }
        assert_eq!(word_texts("⼀ and ①"), ["一", "and", "1"]);
    }
}
