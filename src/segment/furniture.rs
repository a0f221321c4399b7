//! Website furniture: cookie notices, "exit this site" buttons, beta banners, GOV.UK's accessible
//! format notices and feedback forms, blogs' comment forms and the like, found by their wording,
//! whole or glued to prose by text extraction.

use crate::model::{Block, Hint};
use crate::normalize::{normalize_lower, word_count};

/// Phrases of website furniture, with the longest paragraph (in words) they may mark.
const FURNITURE_CUES: &[(&str, usize)] = &[
    ("cookie", 60),
    ("exit this site", 25),
    ("leave this site", 25),
    ("this site is a beta", 60),
    ("your feedback helps", 30),
    ("let us know what you think", 30),
    ("there was a technical problem", 15),
    ("skip to main content", 10),
    ("enable javascript", 25),
    ("accept all", 15),
    ("back to top", 6),
    ("share this page", 8),
    // GOV.UK: the notice under every attachment, the feedback form and the footer.
    ("request an accessible format", 8),
    ("if you use assistive technology", 70),
    ("tell us what format you need", 30),
    ("what assistive technology you use", 30),
    ("is this page useful", 12),
    ("thank you for your feedback", 10),
    ("report a problem with this page", 10),
    ("help us improve gov.uk", 10),
    ("include personal or financial information", 30),
    ("open government licence", 30),
    ("crown copyright", 8),
    // A blog's comment form (WordPress and the like), read from a page or its text.
    ("leave a reply", 6),
    ("your email address will not be published", 20),
    ("required fields are marked", 12),
    ("save my name, email, and website", 25),
    ("post comment", 4),
];

/// A sentence this long (in words), beside furniture in one paragraph, is prose to keep.
const PROSE_SENTENCE_WORDS: usize = 8;

pub fn is_furniture(block: &Block, lower: &str, n_words: usize) -> bool {
    block.hint == Hint::Furniture || furniture_cue(lower, n_words)
}

/// Whether normalized, lower-cased text of `n_words` words holds a furniture phrase short enough.
fn furniture_cue(lower: &str, n_words: usize) -> bool {
    FURNITURE_CUES.iter().any(|(cue, max)| n_words <= *max && lower.contains(cue))
}

/// Sentences of a paragraph: cut after `.`, `!` or `?` followed by a space and a capital letter,
/// a digit or an opening quote. Keeps every character but the spaces between sentences.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for k in 0..chars.len().saturating_sub(2) {
        let (c, next, (at, after)) = (chars[k].1, chars[k + 1].1, chars[k + 2]);
        let opens = after.is_uppercase() || after.is_ascii_digit() || "\"'\u{201C}\u{2018}".contains(after);
        if matches!(c, '.' | '!' | '?') && next == ' ' && opens {
            out.push(text[start..at].trim());
            start = at;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// Whether a sentence or short paragraph is website furniture by its wording.
fn furniture_wording(text: &str) -> bool {
    let lower = normalize_lower(text);
    furniture_cue(&lower, word_count(&lower))
}

/// Splits website furniture glued to prose (a cookie notice run into a page's first paragraph by
/// text extraction) into blocks of its own, so that the prose is kept as the body's words and the
/// furniture is marked as furniture. A block that is all furniture, or holds none, is left whole.
pub fn split_furniture(block: Block) -> Vec<Block> {
    if block.hint == Hint::Furniture || block.cell.is_some() {
        return vec![block];
    }
    let lower = block.text.to_lowercase();
    if !FURNITURE_CUES.iter().any(|(cue, _)| lower.contains(cue)) {
        return vec![block];
    }
    let parts = sentences(&block.text);
    let furniture: Vec<bool> = parts.iter().map(|p| furniture_wording(p)).collect();
    // Split only where a real sentence of prose stands beside the furniture: "Sorry, there was a
    // technical problem. Please try again." stays one block.
    let prose = parts.iter().zip(&furniture).any(|(p, f)| !f && word_count(p) >= PROSE_SENTENCE_WORDS);
    if !prose || !furniture.iter().any(|f| *f) {
        return vec![block];
    }
    let mut out: Vec<Block> = Vec::new();
    let mut last: Option<bool> = None;
    for (part, is_furniture) in parts.iter().zip(&furniture) {
        match out.last_mut() {
            Some(b) if last == Some(*is_furniture) => {
                b.text.push(' ');
                b.text.push_str(part);
            }
            _ => out.push(Block {
                text: part.to_string(),
                hint: if *is_furniture { Hint::Furniture } else { block.hint },
                ..block.clone()
            }),
        }
        last = Some(*is_furniture);
    }
    out
}

/// Chrome paragraphs two pages must share (each of at least [`CHROME_WORDS`] words) to be taken
/// for pages of one publishing platform.
const SHARED_CHROME: usize = 2;
/// The fewest words of a chrome paragraph that tells a platform (not "Home" or "Contact us").
const CHROME_WORDS: usize = 4;
/// The most paragraphs between a platform's paragraph and its furniture: the platform's text
/// stands beside its banners, and the walk stays bounded on two long identical documents.
const PLATFORM_REACH: usize = 12;
/// The other pages each page holding a paragraph is compared with: a line that thousands of
/// pages hold ("Yours sincerely") costs a bounded number of comparisons per page.
const PLATFORM_PEERS: usize = 32;

/// Marks as furniture the paragraphs a publishing platform puts on the pages it serves: a
/// paragraph of a page's own words that stands, word for word, on another page of the same
/// platform (the two share their site's furniture), and on both is joined to that furniture by
/// paragraphs the two also share word for word (police.uk's generic paragraph on super-complaints,
/// under the same heading after the same banners on every force's page). A passage that two bodies
/// share under headings of their own is left alone: that is copying, not the platform.
/// `paragraphs` are in document order, each document's together. Returns how many it marked.
pub fn mark_platform_text(paragraphs: &mut [crate::model::Paragraph]) -> usize {
    use std::collections::{HashMap, HashSet};
    let keys: Vec<String> = paragraphs.iter().map(|p| normalize_lower(&p.text)).collect();
    // Each document's range of paragraphs.
    let mut docs: Vec<(usize, usize)> = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        match docs.last_mut() {
            Some((start, end)) if paragraphs[*start].doc == p.doc => *end = i + 1,
            _ => docs.push((i, i + 1)),
        }
    }
    let chrome = |i: usize| paragraphs[i].role == crate::model::Role::Chrome;
    let chrome_sets: Vec<HashSet<&str>> = docs
        .iter()
        .map(|&(s, e)| {
            (s..e).filter(|&i| chrome(i) && word_count(&keys[i]) >= CHROME_WORDS).map(|i| keys[i].as_str()).collect()
        })
        .collect();
    // Own paragraphs held by more than one document.
    let mut holders: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (d, &(s, e)) in docs.iter().enumerate() {
        for i in (s..e).filter(|&i| !chrome(i) && !keys[i].is_empty()) {
            holders.entry(keys[i].as_str()).or_default().push((d, i));
        }
    }
    // Whether the paragraphs between `i` (of a document starting at `sa`) and `j` (at `sb`) and
    // the furniture, stepping by `step`, are the same on both pages.
    let joined = |i: usize, j: usize, (sa, ea): (usize, usize), (sb, eb): (usize, usize), back: bool| {
        let (mut a, mut b) = (i, j);
        for _ in 0..PLATFORM_REACH {
            let next = |x: usize, s: usize, e: usize| {
                if back {
                    x.checked_sub(1).filter(|&y| y >= s)
                } else {
                    Some(x + 1).filter(|&y| y < e)
                }
            };
            match (next(a, sa, ea), next(b, sb, eb)) {
                (Some(x), Some(y)) if chrome(x) && chrome(y) => return true,
                (Some(x), Some(y)) if !chrome(x) && !chrome(y) && keys[x] == keys[y] => (a, b) = (x, y),
                _ => return false,
            }
        }
        false
    };
    let mut marked: HashSet<usize> = HashSet::new();
    for places in holders.values().filter(|h| h.len() > 1) {
        for (k, &(da, i)) in places.iter().enumerate() {
            for &(db, j) in places.iter().skip(k + 1).take(PLATFORM_PEERS) {
                if da == db || chrome_sets[da].intersection(&chrome_sets[db]).count() < SHARED_CHROME {
                    continue;
                }
                let (a, b) = (docs[da], docs[db]);
                if joined(i, j, a, b, true) || joined(i, j, a, b, false) {
                    marked.insert(i);
                    marked.insert(j);
                }
            }
        }
    }
    for &i in &marked {
        paragraphs[i].role = crate::model::Role::Chrome;
    }
    marked.len()
}
