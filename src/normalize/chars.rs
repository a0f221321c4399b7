//! The characters normalization treats alike: apostrophes, quotes, dashes, bullets, invisible
//! characters, and how each is tidied.

/// Characters that are treated as an apostrophe (or single quote).
pub(super) const APOSTROPHES: &[char] =
    &['\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}', '\u{2032}', '\u{02BC}', '\u{FF07}'];
/// Characters that are treated as a double quote.
pub(super) const DOUBLE_QUOTES: &[char] =
    &['\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}', '\u{2033}', '\u{00AB}', '\u{00BB}'];
/// Dashes and minus signs, all written as `-`.
pub(super) const DASHES: &[char] =
    &['\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}', '\u{FE58}'];
/// List bullets, dropped when they open a line and turned into `-` elsewhere.
pub(super) const BULLETS: &[char] =
    &['\u{2022}', '\u{25E6}', '\u{25AA}', '\u{25CF}', '\u{2023}', '\u{2043}', '\u{2219}', '\u{00B7}', '\u{F0B7}'];
/// Invisible characters removed outright (zero-width spaces and joiners, soft hyphen, BOM).
pub(super) const INVISIBLE: &[char] = &['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{00AD}', '\u{FEFF}'];

pub fn is_apostrophe(c: char) -> bool {
    APOSTROPHES.contains(&c)
}

pub fn is_bullet(c: char) -> bool {
    BULLETS.contains(&c)
}

/// Maps one already-NFKC character to its tidied form; `None` drops it.
pub(super) fn tidy_char(c: char) -> Option<char> {
    if c.is_ascii() {
        // No ASCII character is invisible, a curly quote, a dash or a bullet.
        Some(if c.is_ascii_whitespace() || c.is_ascii_control() { ' ' } else { c })
    } else if INVISIBLE.contains(&c) {
        None
    } else if is_apostrophe(c) {
        Some('\'')
    } else if DOUBLE_QUOTES.contains(&c) {
        Some('"')
    } else if DASHES.contains(&c) || is_bullet(c) {
        Some('-')
    } else if c.is_whitespace() || c.is_control() {
        Some(' ')
    } else {
        Some(c)
    }
}
