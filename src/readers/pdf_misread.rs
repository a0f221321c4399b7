//! Pages the PDF library misreads: no text where there is text, a font's codes for its
//! characters, words a letter at a time; told apart, and read by `pdftotext` instead where it
//! reads them right.

use super::pdf_draw::{Glyph, Page};
use super::pdf_layout::lines;

/// How the PDF library misread a page, when `pdftotext` reads it instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Misread {
    /// No text, on a page `pdftotext` finds text on.
    NoText,
    /// A font's codes for its characters ([`codes_not_text`]).
    Codes,
    /// Words a letter at a time ([`letters_apart`]).
    LettersApart,
    /// Characters drawn as nothing ([`characters_lost`]).
    Lost,
}

impl Misread {
    /// What the PDF library did with the page, as a warning says it.
    pub fn said(self) -> &'static str {
        match self {
            Misread::NoText => "the PDF reader found no text there (content it cannot interpret)",
            Misread::Codes => "the PDF reader gave a font's codes for its characters",
            Misread::LettersApart => "the PDF reader gave its words a letter at a time (glyph widths wrong)",
            Misread::Lost => "the PDF reader gave no characters for some of its text (a font it cannot map)",
        }
    }
}

/// Whether a tenth or more of the characters drawn are codes no text holds: control characters
/// and the replacement character. A font that gives its glyphs' numbers for characters gives them
/// for most of its letters; a stray mark or two is far below a tenth. Private-use code points are
/// not counted: symbol fonts map their signs there, among real words.
pub fn codes_not_text(glyphs: &[Glyph]) -> bool {
    let (mut codes, mut all) = (0usize, 0usize);
    for c in glyphs.iter().flat_map(|g| g.text.chars()).filter(|c| !c.is_whitespace()) {
        all += 1;
        if c.is_control() || c == char::REPLACEMENT_CHARACTER {
            codes += 1;
        }
    }
    codes > 0 && codes * 10 >= all
}

/// Whether a tenth or more of the characters drawn (ten or more) came out as nothing: a font
/// whose codes the PDF library cannot map gives no text for its glyphs, and its words would be
/// lost without a word said.
pub fn characters_lost(glyphs: &[Glyph]) -> bool {
    let lost = glyphs.iter().filter(|g| g.text.is_empty() && g.end > g.x).count();
    lost >= 10 && lost * 10 >= glyphs.len()
}

/// Whether the page's words come out a letter at a time: half or more of its words (of 20 or
/// more) are single letters, where prose has a few in a hundred ("a", "I"). The widths the PDF
/// gives its glyphs are then wrong, and every gap between two letters looks like a space.
pub fn letters_apart(glyphs: &[Glyph]) -> bool {
    let lines = lines(glyphs);
    let words = lines.iter().flat_map(|l| l.segments.iter()).flat_map(|s| s.text.split_whitespace());
    let (mut single, mut all) = (0usize, 0usize);
    for w in words.filter(|w| w.chars().any(char::is_alphabetic)) {
        all += 1;
        if w.chars().count() == 1 {
            single += 1;
        }
    }
    all >= 20 && single * 2 >= all
}

/// Pages where the interpreter found no text (a scan, or content it failed on: a colour space,
/// font or syntax it does not know), codes for text, or words a letter at a time, read by
/// `pdftotext` where it is installed and reads them right, before they are taken for scans: the
/// numbers (from 1) of those it read. Pages are matched by number, and only when both readers
/// count the same pages.
pub fn rescue(bytes: &[u8], max_bytes: u64, pages: &mut [Page], misread: &[(usize, Misread)]) -> Vec<(u32, Misread)> {
    if misread.is_empty() {
        return Vec::new();
    }
    let Ok(mut read) = super::pdf_poppler::pages(bytes, max_bytes) else { return Vec::new() };
    if read.len() != pages.len() {
        return Vec::new();
    }
    let mut rescued = Vec::new();
    for &(i, why) in misread {
        let page = std::mem::take(&mut read[i]);
        let right = !codes_not_text(&page.glyphs) && !letters_apart(&page.glyphs) && !characters_lost(&page.glyphs);
        if page.glyphs.iter().any(|g| !g.text.trim().is_empty()) && right {
            pages[i] = page;
            rescued.push((i as u32 + 1, why));
        }
    }
    rescued
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of `letters` letters, `codes` of them control characters in their stead.
    fn with_codes(letters: usize, codes: usize) -> Vec<Glyph> {
        let text: String = (0..letters).map(|i| if i < codes { '\u{8}' } else { 'e' }).collect();
        Glyph::word(0.0, 100.0, &text)
    }

    #[test]
    fn a_tenth_of_codes_makes_a_page_of_codes_and_less_does_not() {
        assert!(codes_not_text(&with_codes(100, 10)));
        assert!(codes_not_text(&with_codes(100, 50)));
        assert!(!codes_not_text(&with_codes(100, 9)));
        assert!(!codes_not_text(&with_codes(100, 0)));
        // Private-use signs of a symbol font are not codes.
        assert!(!codes_not_text(&Glyph::word(0.0, 100.0, "\u{f0b7}\u{f0b7} list")));
    }

    /// A line of `words` words, `single` of them one letter, the others "word".
    fn with_single(words: usize, single: usize) -> Vec<Glyph> {
        let text: Vec<&str> = (0..words).map(|i| if i < single { "a" } else { "word" }).collect();
        Glyph::word(0.0, 100.0, &text.join(" "))
    }

    #[test]
    fn a_tenth_of_characters_drawn_as_nothing_is_text_lost() {
        // 100 characters drawn, `lost` of them giving no text.
        let with_lost = |lost: usize| -> Vec<Glyph> {
            let mut glyphs = Glyph::word(0.0, 100.0, &"e".repeat(100));
            for g in glyphs.iter_mut().take(lost) {
                g.text.clear();
            }
            glyphs
        };
        assert!(characters_lost(&with_lost(10)));
        assert!(!characters_lost(&with_lost(9)));
        assert!(!characters_lost(&with_lost(0)));
        // Fewer than ten: a stray mark.
        let few: Vec<Glyph> = with_lost(100).into_iter().take(9).collect();
        assert!(!characters_lost(&few));
    }

    #[test]
    fn half_the_words_single_letters_is_words_a_letter_at_a_time() {
        assert!(letters_apart(&with_single(20, 10)));
        assert!(letters_apart(&with_single(40, 30)));
        assert!(!letters_apart(&with_single(20, 9)));
        // Too few words to tell.
        assert!(!letters_apart(&with_single(19, 19)));
    }
}
