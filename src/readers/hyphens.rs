//! Words hyphenated at a line end, joined again: with their hyphen where the document shows it
//! is the word's own (`information-sharing`), without it where it only broke the word
//! (`recom-mendation`).
//!
//! A reader that joins two lines at a hyphen writes [`BREAK`] in its place ([`join`]); once the
//! whole document is read, [`resolve`] decides each from the document's other words:
//! 1. the compound written whole elsewhere, hyphen and all (`information-sharing`), keeps it;
//! 2. the word written whole elsewhere without it (`procedures`) is joined;
//! 3. both halves written elsewhere as words of their own (`information`, `sharing`) keep it;
//! 4. else the hyphen was the break, and the word is joined, as before this was told apart.
//!
//! Word processors and browsers break lines at a hyphen only where the text has one; typesetting
//! that hyphenates words itself breaks them anywhere. The document's own words tell which it is.

use std::collections::HashSet;

/// Where two lines were joined at a hyphen, until the document decides what the hyphen was: a
/// Unicode noncharacter, never in text interchanged.
pub const BREAK: char = '\u{FDD0}';

/// Joins `next` to `text`, a line ending in a hyphen before a word in lower case, at a [`BREAK`];
/// false (nothing done) for any other pair of lines.
pub fn join(text: &mut String, next: &str) -> bool {
    if !(text.ends_with('-') && next.starts_with(|c: char| c.is_lowercase())) {
        return false;
    }
    text.pop();
    text.push(BREAK);
    text.push_str(next);
    true
}

/// The words of a document, for telling what a hyphen at a line end was.
pub struct Vocabulary {
    /// Words written with a hyphen inside, lower case, and each two parts of them side by side.
    hyphenated: HashSet<String>,
    /// Words written without one, and the parts of those written with one, lower case.
    plain: HashSet<String>,
}

impl Vocabulary {
    /// The words of `texts`, leaving out those cut at a [`BREAK`] (they are what is asked).
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        let mut hyphenated = HashSet::new();
        let mut plain = HashSet::new();
        for text in texts {
            for token in text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == BREAK)) {
                // A word cut at a hyphen left standing (`hel- Lo`, `pre- and post-war`) is a
                // piece, no word of its own; and one cut at a break is what is asked.
                if token.is_empty() || token.starts_with('-') || token.ends_with('-') || token.contains(BREAK) {
                    continue;
                }
                let lower = token.to_lowercase();
                if !lower.contains('-') {
                    plain.insert(lower);
                    continue;
                }
                let parts: Vec<&str> = lower.split('-').filter(|p| !p.is_empty()).collect();
                for pair in parts.windows(2) {
                    hyphenated.insert(format!("{}-{}", pair[0], pair[1]));
                }
                plain.extend(parts.iter().map(|p| p.to_string()));
                hyphenated.insert(lower);
            }
        }
        Vocabulary { hyphenated, plain }
    }

    /// Whether the hyphen between `left` and `right` (the letters either side of a break) is the
    /// word's own.
    fn keeps(&self, left: &str, right: &str) -> bool {
        let (left, right) = (left.to_lowercase(), right.to_lowercase());
        if self.hyphenated.contains(&format!("{left}-{right}")) {
            return true;
        }
        if self.plain.contains(&format!("{left}{right}")) {
            return false;
        }
        self.plain.contains(&left) && self.plain.contains(&right)
    }

    /// `text` with each [`BREAK`] a hyphen or nothing, as the vocabulary tells.
    pub fn resolve(&self, text: &str) -> String {
        if !text.contains(BREAK) {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find(BREAK) {
            let (before, after) = (&rest[..at], &rest[at + BREAK.len_utf8()..]);
            out.push_str(before);
            let left_start =
                out.char_indices().rev().find(|(_, c)| !c.is_alphanumeric()).map_or(0, |(i, c)| i + c.len_utf8());
            let right_end = after.find(|c: char| !c.is_alphanumeric()).unwrap_or(after.len());
            if self.keeps(&out[left_start..], &after[..right_end]) {
                out.push('-');
            }
            rest = after;
        }
        out.push_str(rest);
        out
    }
}

/// `text` with each [`BREAK`] a hyphen or nothing, as its own words tell.
pub fn resolve(text: &str) -> String {
    if !text.contains(BREAK) {
        return text.to_string();
    }
    Vocabulary::of([text]).resolve(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn broken(left: &str, right: &str) -> String {
        let mut text = format!("{left}-");
        assert!(join(&mut text, right));
        text
    }

    #[test]
    fn only_a_hyphen_at_a_line_end_before_lower_case_is_a_break() {
        let mut text = "Well-known".to_string();
        assert!(!join(&mut text, "partners"));
        let mut text = "partners -".to_string();
        assert!(!join(&mut text, "A list item"));
        let mut text = "2020-".to_string();
        assert!(!join(&mut text, "21"));
        assert_eq!(broken("proce", "dures"), format!("proce{BREAK}dures"));
    }

    #[test]
    fn a_compound_the_document_writes_whole_keeps_its_hyphen() {
        let text = format!("The information-sharing agreement. We review the {}", broken("information", "sharing"));
        assert_eq!(resolve(&text), "The information-sharing agreement. We review the information-sharing");
    }

    #[test]
    fn a_word_the_document_writes_whole_is_joined() {
        let text = format!("Our procedures. The {} changed.", broken("proce", "dures"));
        assert_eq!(resolve(&text), "Our procedures. The procedures changed.");
        // Even where both halves are words of their own: "something" is written whole.
        let text = format!("Some thing or something: {} else", broken("some", "thing"));
        assert_eq!(resolve(&text), "Some thing or something: something else");
    }

    #[test]
    fn halves_written_as_words_of_their_own_keep_the_hyphen() {
        let text = format!("Sharing information is the {} agreement.", broken("information", "sharing"));
        assert_eq!(resolve(&text), "Sharing information is the information-sharing agreement.");
        // One half alone is not enough, nor is nothing at all.
        let text = format!("Information is the {} agreement.", broken("information", "sharing"));
        assert_eq!(resolve(&text), "Information is the informationsharing agreement.");
        assert_eq!(resolve(&broken("recom", "mendation")), "recommendation");
    }

    #[test]
    fn markup_and_punctuation_around_a_break_are_not_part_of_its_word() {
        let cell = format!("<p>multi-agency work: ({}),</p> agency", broken("multi", "agency"));
        assert_eq!(resolve(&cell), "<p>multi-agency work: (multi-agency),</p> agency");
        let text = format!("«{}» — a word", broken("évalu", "ation"));
        assert_eq!(resolve(&text), "«évaluation» — a word");
    }

    #[test]
    fn a_piece_left_at_a_hyphen_is_no_word_of_its_own() {
        // The same word broken again before a capital, where no break is made, and a hanging
        // hyphen: neither gives its halves as words.
        let text = format!("{} and hel- Lo, pre- and post-war", broken("hel", "lo"));
        assert_eq!(resolve(&text), "hello and hel- Lo, pre- and post-war");
    }

    #[test]
    fn words_from_other_texts_count() {
        let cells = ["Information sharing.".to_string(), broken("information", "sharing")];
        let vocabulary = Vocabulary::of(cells.iter().map(String::as_str));
        assert_eq!(vocabulary.resolve(&cells[1]), "information-sharing");
        assert_eq!(vocabulary.resolve("no break"), "no break");
    }
}
