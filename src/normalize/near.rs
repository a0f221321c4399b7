//! Words nearly the same: one word as written and the same word with a letter or two misread, as
//! OCR misreads a scanned page (`recommendation` and `recornmendation` are not, `policc` and
//! `police` are). Letters substituted for letters count, and in longer words (of
//! [`GAP_MIN_LETTERS`] letters or more) one letter dropped or added (`probabilty`,
//! `probability`); a short word with a letter more or less (`force`, `forces`), or a word with a
//! digit in it (`2019`, `2018`), is a different word.

use super::word::fold_word;

/// Words shorter than this are never nearly the same: a two-letter word misread is as often
/// another word (`of`, `on`) as not.
pub const NEAR_MIN_LETTERS: usize = 3;

/// Words at least this long may have dropped or added one letter and still be nearly the same (a
/// shorter word with a letter more or less is as often another word: `form`, `from`, `forms`).
pub const GAP_MIN_LETTERS: usize = 7;

/// Letters a word may have misread: one in every eight, started (one up to eight letters, two up
/// to sixteen).
pub fn near_allowance(letters: usize) -> usize {
    letters.div_ceil(8)
}

/// What two words must have alike to be nearly the same, cheap to compare for every pair of words
/// of two paragraphs: 0 for a word never nearly the same as another (too short, or not all
/// letters), its length for a word of ASCII letters, [`ANY_CLASS`] for the others (a word
/// outside ASCII, which only [`nearly_same`] can tell).
pub fn near_class(word: &str) -> u8 {
    if !word.is_ascii() {
        return ANY_CLASS;
    }
    let n = word.len();
    if n < NEAR_MIN_LETTERS || n >= usize::from(ANY_CLASS) || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        0
    } else {
        n as u8
    }
}

/// The [`near_class`] of a word outside ASCII.
pub const ANY_CLASS: u8 = u8::MAX;

/// Whether two words of these classes may be nearly the same (see [`near_class`]): as long, or
/// a letter apart and long enough to have dropped one.
pub fn may_be_near(a: u8, b: u8) -> bool {
    let gap = a.abs_diff(b) == 1 && usize::from(a.min(b)) >= GAP_MIN_LETTERS;
    a != 0 && b != 0 && (a == b || gap || a == ANY_CLASS || b == ANY_CLASS)
}

/// Whether the longer of two words of letters is the shorter with one letter added, and the
/// shorter is at least [`GAP_MIN_LETTERS`] long (letters compared as given: fold them first).
fn one_letter_added<T: PartialEq + Copy>(x: &[T], y: &[T]) -> bool {
    let (short, long) = if x.len() < y.len() { (x, y) } else { (y, x) };
    if long.len() != short.len() + 1 || short.len() < GAP_MIN_LETTERS {
        return false;
    }
    let p = short.iter().zip(long).take_while(|(s, l)| s == l).count();
    short[p..] == long[p + 1..]
}

/// Whether two words as written (`a` and `b`, folded here as words are) are
/// nearly the same but not the same: equally long, both of letters only, at least
/// [`NEAR_MIN_LETTERS`] long, and differing in at least one and at most [`near_allowance`] letters,
/// each taken for another letter in the same place.
pub fn nearly_same(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        // The common case, without a string: folding an ASCII word lower-cases it.
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a.len() != b.len() {
            let letters = |w: &[u8]| w.iter().all(|c| c.is_ascii_alphabetic());
            let lower = |w: &[u8]| w.to_ascii_lowercase();
            return letters(a) && letters(b) && one_letter_added(&lower(a), &lower(b));
        }
        if a.len() < NEAR_MIN_LETTERS {
            return false;
        }
        let allowed = near_allowance(a.len());
        let mut differing = 0;
        for (x, y) in a.iter().zip(b) {
            let (x, y) = (x.to_ascii_lowercase(), y.to_ascii_lowercase());
            if !x.is_ascii_lowercase() || !y.is_ascii_lowercase() {
                return false;
            }
            if x != y {
                differing += 1;
                if differing > allowed {
                    return false;
                }
            }
        }
        return differing > 0;
    }
    let (a, b): (Vec<char>, Vec<char>) = (fold_word(a).chars().collect(), fold_word(b).chars().collect());
    if a.len() != b.len() && a.iter().chain(&b).all(|c| c.is_alphabetic()) {
        return one_letter_added(&a, &b);
    }
    if a.len() != b.len() || a.len() < NEAR_MIN_LETTERS || !a.iter().chain(&b).all(|c| c.is_alphabetic()) {
        return false;
    }
    let differing = a.iter().zip(&b).filter(|(x, y)| x != y).count();
    differing > 0 && differing <= near_allowance(a.len())
}

/// What a word's inflections have in common: the hash of its folded English (Snowball) stem, so
/// that `recorded` and `records` are one word to alignment (0 for a word too short to tell, under
/// [`NEAR_MIN_LETTERS`] letters).
pub fn stem_key(word: &str) -> u64 {
    thread_local! {
        static STEMMER: frostem::Stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
    }
    let folded = fold_word(word);
    if folded.chars().count() < NEAR_MIN_LETTERS {
        return 0;
    }
    STEMMER.with(|s| xxhash_rust::xxh3::xxh3_64(s.stem(&folded).as_bytes()))
}

/// What decides whether a word may stand for another that differs from it by an inflection or a
/// misreading: its class (see [`near_class`]) and its stem (see [`stem_key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Likeness {
    class: u8,
    stem: u64,
}

impl Likeness {
    /// A word compared only as written (quotation, a name): like no other word.
    pub const EXACT: Likeness = Likeness { class: 0, stem: 0 };

    /// A word's likeness, as written.
    pub fn of(word: &str) -> Likeness {
        let class = near_class(word);
        Likeness { class, stem: if class == 0 { 0 } else { stem_key(word) } }
    }
}

/// Whether two different words count as the same in a copy: an inflection of one another (one
/// stem), or one misread for the other. `x` and `y` are the words as written.
pub fn alike(x: &str, lx: Likeness, y: &str, ly: Likeness) -> bool {
    (lx.stem != 0 && lx.stem == ly.stem) || (may_be_near(lx.class, ly.class) && nearly_same(x, y))
}

/// Keys that two words of [`NEAR_MIN_LETTERS`] letters or more share when they differ in one
/// letter (and only then, but for hash collisions): the folded word with each letter in turn left
/// out, where it stood. Empty for a word that is not all letters, or shorter.
pub fn misread_keys(folded: &str) -> Vec<u64> {
    let letters: Vec<char> = folded.chars().collect();
    if letters.len() < NEAR_MIN_LETTERS || !letters.iter().all(|c| c.is_alphabetic()) {
        return Vec::new();
    }
    let mut buf = String::with_capacity(folded.len() + 1);
    (0..letters.len())
        .map(|p| {
            buf.clear();
            buf.extend(letters[..p].iter());
            buf.push('\u{0}');
            buf.extend(letters[p + 1..].iter());
            xxhash_rust::xxh3::xxh3_64(buf.as_bytes())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misread_letter_is_nearly_the_same_word() {
        assert!(nearly_same("police", "policc"));
        assert!(!nearly_same("Police", "pol1ce"));
        assert!(nearly_same("safeguarding", "safcguardinq"));
        assert!(!nearly_same("safeguarding", "sofcguardinq"));
        assert!(nearly_same("Défense", "défensc"));
    }

    #[test]
    fn words_a_letter_apart_share_a_misread_key() {
        let shared = |a: &str, b: &str| misread_keys(a).iter().filter(|k| misread_keys(b).contains(k)).count();
        assert_eq!(shared("police", "policc"), 1);
        assert_eq!(shared("police", "police"), 6);
        assert_eq!(shared("police", "pclicc"), 0);
        assert_eq!(shared("force", "forces"), 0);
        assert!(misread_keys("of").is_empty() && misread_keys("2019").is_empty());
    }

    #[test]
    fn words_nearly_the_same_have_classes_that_may_be() {
        for (a, b) in
            [("police", "policc"), ("Défense", "défensc"), ("force", "forces"), ("of", "on"), ("2019", "2018")]
        {
            assert!(!nearly_same(a, b) || may_be_near(near_class(a), near_class(b)), "{a} {b}");
        }
        assert_eq!((near_class("of"), near_class("police"), near_class("wi-fi")), (0, 6, 0));
    }

    #[test]
    fn other_words_are_not() {
        assert!(!nearly_same("police", "police"));
        assert!(!nearly_same("force", "forces"));
        assert!(!nearly_same("of", "on"));
        assert!(!nearly_same("2019", "2018"));
        assert!(!nearly_same("wi-fi", "wi-fo"));
        // Nothing in two words tells a misread letter from another word: what stands around
        // them does (see `reuse::align`).
        assert!(nearly_same("take", "make"));
    }

    #[test]
    fn inflections_share_a_stem() {
        assert_eq!(stem_key("recorded"), stem_key("Records"));
        assert_eq!(stem_key("victims"), stem_key("victim"));
        assert_ne!(stem_key("record"), stem_key("report"));
        assert_eq!(stem_key("of"), 0);
    }

    #[test]
    fn a_longer_word_may_drop_or_add_a_letter() {
        assert!(nearly_same("probabilty", "probability"));
        assert!(nearly_same("Safeguarding", "safeguardng"));
        assert!(nearly_same("officers", "officer"));
        // Short words, two letters, a letter moved, digits: other words.
        assert!(!nearly_same("forms", "form"));
        assert!(!nearly_same("recorded", "record"));
        assert!(!nearly_same("received", "recieved"));
        assert!(!nearly_same("statement2", "statement"));
        assert!(may_be_near(near_class("probabilty"), near_class("probability")));
        assert!(!may_be_near(near_class("forms"), near_class("form")));
    }
}
