//! Keyword in context: each match of a search as one line, with a fixed number of characters of
//! context either side, as concordancers show it.

use std::cmp::Ordering;

use serde::Serialize;

use super::Hit;
use crate::model::Role;
use crate::normalize::collapse_whitespace;

/// Widest context a user may ask for, each side, in characters.
pub const MAX_WIDTH: usize = 1000;
/// Context each side when none is asked for.
pub const DEFAULT_WIDTH: usize = 40;

/// One match in its context.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub id: String,
    pub doc: String,
    pub force: Option<String>,
    pub recommendation: Option<u32>,
    pub role: Role,
    /// Up to `width` characters before the match, whitespace collapsed.
    pub left: String,
    /// The matched words as written.
    #[serde(rename = "match")]
    pub matched: String,
    /// Up to `width` characters after the match.
    pub right: String,
}

/// Checks a context width as a user gave it.
pub fn check_width(width: usize) -> Result<usize, String> {
    if (1..=MAX_WIDTH).contains(&width) {
        Ok(width)
    } else {
        Err(format!("'{width}' is not a width from 1 to {MAX_WIDTH} characters"))
    }
}

/// Whitespace (line breaks, tabs, runs of spaces) as single spaces, so that lines align; a space
/// at either end is kept (it separates the context from the match).
fn flat(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push_str(&collapse_whitespace(s));
    if s.ends_with(char::is_whitespace) && !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// The last `n` characters of `s`.
fn last_chars(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}

/// Whether a character is one more of the context once whitespace is collapsed (a run of
/// whitespace counts once); `in_space` says whether the one before it was whitespace.
fn counts(c: char, in_space: &mut bool) -> bool {
    let space = c.is_whitespace();
    let new = !(space && *in_space);
    *in_space = space;
    new
}

/// Where the context left of `start` begins: `width` characters back and one more, once
/// whitespace is collapsed (or the text's start).
fn reach_back(text: &str, start: usize, width: usize) -> usize {
    let (mut from, mut seen, mut in_space) = (start, 0, false);
    for (i, c) in text[..start].char_indices().rev() {
        if counts(c, &mut in_space) {
            seen += 1;
            if seen > width + 1 {
                break;
            }
        }
        from = i;
    }
    from
}

/// Where the context right of `end` ends: `width` characters on and one more, once whitespace is
/// collapsed (or the text's end).
fn reach_forward(text: &str, end: usize, width: usize) -> usize {
    let (mut seen, mut in_space) = (0, false);
    for (i, c) in text[end..].char_indices() {
        if counts(c, &mut in_space) {
            seen += 1;
            if seen > width + 1 {
                return end + i;
            }
        }
    }
    text.len()
}

/// Every highlighted match of every hit, in hit order, with `width` characters of context each
/// side (fewer at a paragraph's start or end).
pub fn concordance(hits: &[Hit], width: usize) -> Vec<Line> {
    let mut out = Vec::new();
    for h in hits {
        let p = &h.paragraph;
        let text = p.text.as_str();
        for &[start, end] in &h.highlights {
            if start > end || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                continue;
            }
            // Only the match's neighbourhood is looked at, never the whole text: a long paragraph
            // with many matches costs its matches times the width, not its length squared.
            let left = last_chars(&flat(&text[reach_back(text, start, width)..start]), width);
            let right: String = flat(&text[end..reach_forward(text, end, width)]).chars().take(width).collect();
            out.push(Line {
                id: p.id.clone(),
                doc: p.doc.clone(),
                force: p.force.clone(),
                recommendation: p.recommendation,
                role: p.role,
                left,
                matched: flat(&text[start..end]),
                right,
            });
        }
    }
    out
}

/// Which side of the match a sort key reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// A concordancer's sort key: the `n`th word left or right of the match (`1L`, `1R`, `2R`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortKey {
    pub side: Side,
    pub n: usize,
}

impl std::str::FromStr for SortKey {
    type Err = String;
    fn from_str(s: &str) -> Result<SortKey, String> {
        let t = s.trim();
        let bad = || format!("'{s}' is not a sort key (1L, 1R, 2R, ...: the nth word left or right of the match)");
        let (digits, side) = t.split_at(t.len().saturating_sub(1));
        let side = match side {
            "L" | "l" => Side::Left,
            "R" | "r" => Side::Right,
            _ => return Err(bad()),
        };
        match digits.parse::<usize>() {
            Ok(n @ 1..=9) => Ok(SortKey { side, n }),
            _ => Err(bad()),
        }
    }
}

/// The words of a context, folded for sorting (letters and digits; punctuation is no word).
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.trim_matches(['\'', '’']).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

impl Line {
    /// The word a sort key reads; empty when the context has no such word (sorted first).
    fn key_word(&self, key: SortKey) -> String {
        match key.side {
            Side::Right => words(&self.right).into_iter().nth(key.n - 1),
            Side::Left => words(&self.left).into_iter().rev().nth(key.n - 1),
        }
        .unwrap_or_default()
    }
}

/// Sorts lines by the words the keys read, each key in turn; lines that tie stay in hit order.
pub fn sort(lines: &mut [Line], keys: &[SortKey]) {
    if keys.is_empty() {
        return;
    }
    let mut keyed: Vec<(Vec<String>, Line)> =
        lines.iter().map(|l| (keys.iter().map(|&k| l.key_word(k)).collect(), l.clone())).collect();
    keyed.sort_by(|a, b| {
        a.0.iter().zip(&b.0).map(|(x, y)| x.cmp(y)).find(|o| *o != Ordering::Equal).unwrap_or(Ordering::Equal)
    });
    for (slot, (_, line)) in lines.iter_mut().zip(keyed) {
        *slot = line;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Paragraph;

    fn hit(text: &str, highlights: Vec<[usize; 2]>) -> Hit {
        let paragraph = Paragraph {
            id: "d:1".into(),
            doc: "d".into(),
            path: "d.txt".into(),
            force: Some("Kent Police".into()),
            recommendation: Some(4),
            recommendations: vec![4],
            paragraph: 1,
            line: 2,
            ..Paragraph::outside(text)
        };
        Hit { paragraph, score: 1.0, highlights, date: None }
    }

    #[test]
    fn each_match_is_a_line_with_its_context_cut_to_the_width() {
        let text = "We share data\nwith Immigration Enforcement only when a victim asks; Immigration Enforcement is told nothing else.";
        let at = |w: &str, from: usize| text[from..].find(w).map(|i| [from + i, from + i + w.len()]).unwrap();
        let first = at("Immigration Enforcement", 0);
        let second = at("Immigration Enforcement", first[1]);
        let lines = concordance(&[hit(text, vec![first, second])], 12);
        assert_eq!(lines.len(), 2);
        assert_eq!((lines[0].left.as_str(), lines[0].matched.as_str()), ("e data with ", "Immigration Enforcement"));
        assert_eq!(lines[0].right, " only when a");
        assert_eq!(lines[1].left.chars().count(), 12);
        assert_eq!(lines[1].right, " is told not");
        // At the paragraph's start there is less context.
        let lines = concordance(&[hit("Victims first.", vec![[0, 7]])], 12);
        assert_eq!((lines[0].left.as_str(), lines[0].right.as_str()), ("", " first."));
        assert!(check_width(0).is_err() && check_width(MAX_WIDTH + 1).is_err());
    }

    #[test]
    fn lines_sort_by_the_words_either_side() {
        let text = "Zebras and immigration, bears by immigration status and apes at immigration law.";
        let ranges: Vec<[usize; 2]> = text.match_indices("immigration").map(|(i, w)| [i, i + w.len()]).collect();
        let mut lines = concordance(&[hit(text, ranges)], 30);
        let firsts =
            |lines: &[Line]| lines.iter().map(|l| l.key_word(SortKey { side: Side::Right, n: 1 })).collect::<Vec<_>>();
        sort(&mut lines, &["1R".parse().unwrap()]);
        assert_eq!(firsts(&lines), ["bears", "law", "status"]);
        sort(&mut lines, &["1L".parse().unwrap()]);
        assert_eq!(
            lines.iter().map(|l| l.key_word(SortKey { side: Side::Left, n: 1 })).collect::<Vec<_>>(),
            ["and", "at", "by"]
        );
        sort(&mut lines, &["2R".parse().unwrap()]);
        // A line without a second word sorts first.
        let seconds: Vec<String> = lines.iter().map(|l| l.key_word(SortKey { side: Side::Right, n: 2 })).collect();
        assert_eq!(seconds, ["", "and", "by"]);
        assert!(
            "0R".parse::<SortKey>().is_err() && "1X".parse::<SortKey>().is_err() && "R".parse::<SortKey>().is_err()
        );
    }

    /// The context as cut from the whole text, as it once was (quadratic in a long paragraph).
    fn from_whole_text(text: &str, [start, end]: [usize; 2], width: usize) -> (String, String) {
        (last_chars(&flat(&text[..start]), width), flat(&text[end..]).chars().take(width).collect())
    }

    #[test]
    fn the_neighbourhood_gives_the_context_the_whole_text_gives() {
        // Texts of words, runs of every kind of whitespace and wide characters, every match.
        let pieces = ["ab", "c", " ", "  ", "\n\n", "\t ", "é", "東京", " \u{3000} ", "xyz"];
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..300 {
            let text: String = (0..next(60)).map(|_| pieces[next(pieces.len())]).collect();
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let a = bounds[next(bounds.len())];
            let b = bounds[next(bounds.len())];
            let range = [a.min(b), a.max(b)];
            for width in [1, 2, 5, 12] {
                let line = concordance(&[hit(&text, vec![range])], width).remove(0);
                assert_eq!((line.left, line.right), from_whole_text(&text, range, width), "{text:?} {range:?} {width}");
            }
        }
    }

    #[test]
    fn a_long_paragraph_with_many_matches_takes_its_matches_times_the_width() {
        let text = "victims and police ".repeat(40_000);
        let highlights: Vec<[usize; 2]> = text.match_indices("victims").map(|(i, w)| [i, i + w.len()]).collect();
        let started = std::time::Instant::now();
        let lines = concordance(&[hit(&text, highlights.clone())], DEFAULT_WIDTH);
        let elapsed = started.elapsed();
        assert_eq!(lines.len(), 40_000);
        let middle = from_whole_text(&text, highlights[20_000], DEFAULT_WIDTH);
        assert_eq!((lines[20_000].left.as_str(), lines[20_000].right.as_str()), (middle.0.as_str(), middle.1.as_str()));
        assert_eq!(lines[20_000].left.chars().count(), DEFAULT_WIDTH);
        // Cut from the whole text, this took minutes.
        assert!(elapsed < std::time::Duration::from_secs(5), "{elapsed:?}");
    }
}
