//! The date a document states for itself, read from its text: publication and update lines
//! ("Published: 9 June 2021", "Updated 15 December 2021", "date 2020-12-17"), a letter's date,
//! a page's date line ("12:02 20/01/2022", "Thu 17 Dec 2020 12.02 GMT"), a heading that ends in
//! its date; never a date inside a sentence. Each with the line it was read from.

use crate::normalize::word_count;

/// Paragraphs from the top where a page or letter gives its date.
const HEAD: usize = 25;
/// Paragraphs from the end where a page gives its date ("Page updated …" above its footer).
const TAIL: usize = 15;
/// The longest line (in words) read as a date line or a heading with its date.
const LINE_WORDS: usize = 16;

/// Words that open a line giving the document's own date.
const CUES: &[&str] = &[
    "published",
    "first published",
    "updated",
    "last updated",
    "page updated",
    "page last updated",
    "posted",
    "date",
    "dated",
    "date of response",
    "date of publication",
    "issued",
    "released",
];

/// A date found, its evidence: the line (quoted) and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stated {
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub date: String,
    pub evidence: String,
}

fn month(w: &str) -> Option<u32> {
    let w = w.to_lowercase();
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    crate::dates::MONTHS
        .iter()
        .position(|long| long.starts_with(w) || (w == "sept" && *long == "september"))
        .map(|i| i as u32 + 1)
}

fn day(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    let ordinal = suffix.is_empty() || ["st", "nd", "rd", "th"].contains(&suffix.to_lowercase().as_str());
    digits.parse::<u32>().ok().filter(|d| (1..=31).contains(d) && digits.len() <= 2 && ordinal)
}

fn year(w: &str) -> Option<u32> {
    w.parse::<u32>().ok().filter(|y| (1990..=2099).contains(y) && w.len() == 4)
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A numeric date: `2020-12-17`, `20/01/2022` (day first, unless the month could not be), `17.12.2020`.
fn numeric(w: &str) -> Option<String> {
    let parts: Vec<&str> = w.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else { return None };
    let n = |s: &str| s.parse::<u32>().ok().filter(|_| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()));
    if let (Some(y), Some(m), Some(d)) = (year(a), n(b), n(c)) {
        return ymd(y, m, d).filter(|_| b.len() == 2 && c.len() == 2);
    }
    let (x, y2, z) = (n(a)?, n(b)?, year(c)?);
    if a.len() > 2 || b.len() > 2 {
        return None;
    }
    if y2 > 12 {
        ymd(z, x, y2)
    } else {
        ymd(z, y2, x)
    }
}

/// Tokens of a line: words without the punctuation around them.
fn tokens(line: &str) -> Vec<&str> {
    line.split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .map(|t| t.trim_matches(|c: char| "()[]:;–—-.".contains(c)))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The first date in a line, with how many of its tokens the date and its time take.
fn date_in(line: &str) -> Option<(String, usize)> {
    let ts = tokens(line);
    for i in 0..ts.len() {
        let at = |k: usize| ts.get(i + k).copied().unwrap_or("");
        if let Some(d) = numeric(ts[i]) {
            return Some((d, 1));
        }
        // 17 December 2020, 17th Dec 2020
        if let (Some(d), Some(m), Some(y)) = (day(at(0)), month(at(1)), year(at(2))) {
            return ymd(y, m, d).map(|s| (s, 3));
        }
        // December 17, 2020
        if let (Some(m), Some(d), Some(y)) = (month(at(0)), day(at(1)), year(at(2))) {
            return ymd(y, m, d).map(|s| (s, 3));
        }
        // December 2020
        if let (Some(m), Some(y)) = (month(at(0)), year(at(1))) {
            if at(0).len() >= 3 && at(0).chars().next().is_some_and(char::is_uppercase) {
                return Some((format!("{y:04}-{m:02}"), 2));
            }
        }
    }
    None
}

/// Whether a token is what stands beside a date on a date line: a weekday, a time, a zone.
fn beside_a_date(t: &str) -> bool {
    let lower = t.to_lowercase();
    let weekday = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].iter().any(|d| lower.starts_with(d));
    let time = t.contains([':', '.']) && t.chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.');
    weekday || time || ["am", "pm", "gmt", "bst", "utc", "on", "at"].contains(&lower.as_str())
}

/// How a line gives a date, best first: a cue (`Published`, `Updated`, `Date:`), a line that is
/// only a date (a letter's, a page's date line), a short heading or masthead holding one.
fn rank(line: &str) -> Option<(u8, String)> {
    let t = line.trim();
    if word_count(t) > LINE_WORDS {
        return None;
    }
    let (date, used) = date_in(t)?;
    let lower = t.to_lowercase();
    let cued =
        CUES.iter().any(|c| lower.strip_prefix(c).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':'])));
    let ts = tokens(t);
    let only =
        ts.len() - used == ts.iter().filter(|w| beside_a_date(w)).count() || (ts.len() <= used + 2 && t.contains('|'));
    let sentence = t.ends_with('.') && !t.ends_with("a.m.") && !t.ends_with("p.m.");
    match () {
        _ if cued => Some((0, date)),
        _ if only => Some((1, date)),
        _ if !sentence && (t.contains('|') || t.contains(" – ") || t.contains(" - ") || t.ends_with(')')) => {
            Some((2, date))
        }
        _ => None,
    }
}

/// The date a document states for itself, given its paragraphs in order.
pub fn stated(paragraphs: &[&str]) -> Option<Stated> {
    let n = paragraphs.len();
    let looked = (0..n.min(HEAD)).chain(n.saturating_sub(TAIL).max(HEAD.min(n))..n);
    let mut best: Option<(u8, usize, String)> = None;
    for i in looked {
        if let Some((r, date)) = rank(paragraphs[i]) {
            if best.as_ref().is_none_or(|b| r < b.0) {
                best = Some((r, i, date));
            }
        }
    }
    best.map(|(r, i, date)| {
        let how =
            ["a publication or update line", "a line that is its date", "a heading that gives its date"][r as usize];
        let line: String = paragraphs[i].split_whitespace().collect::<Vec<_>>().join(" ").replace('"', "'");
        Stated { date, evidence: format!("{how}, \"{line}\" (paragraph {})", i + 1) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(lines: &[&str]) -> Option<String> {
        stated(lines).map(|s| s.date)
    }

    #[test]
    fn dates_are_read_from_the_lines_that_give_them() {
        assert_eq!(date(&["date 2020-12-17", "HMICFRS"]).as_deref(), Some("2020-12-17"));
        assert_eq!(date(&["Daily Echo", "12:02 20/01/2022"]).as_deref(), Some("2022-01-20"));
        assert_eq!(date(&["Title", "Updated 15 December 2021"]).as_deref(), Some("2021-12-15"));
        assert_eq!(date(&["Thu 17 Dec 2020 12.02 GMT"]).as_deref(), Some("2020-12-17"));
        assert_eq!(date(&["December 17, 2020 12:05 PM GMT"]).as_deref(), Some("2020-12-17"));
        assert_eq!(date(&["Posted on December 18, 2020 by admin"]).as_deref(), Some("2020-12-18"));
        assert_eq!(date(&["Published: Wednesday 23 June 2021"]).as_deref(), Some("2021-06-23"));
        assert_eq!(date(&["Dated: 28/06/2021"]).as_deref(), Some("2021-06-28"));
        assert_eq!(date(&["News | 17 Dec 2020"]).as_deref(), Some("2020-12-17"));
        assert_eq!(date(&["June 2021"]).as_deref(), Some("2021-06"));
        assert_eq!(date(&["Our response to the report – December 3, 2021"]).as_deref(), Some("2021-12-03"));
    }

    #[test]
    fn a_cue_outranks_a_date_in_a_title_and_sentences_give_none() {
        let page = ["Response to Super Complaint (17/12/2020)", "Published 10 February 2021"];
        assert_eq!(date(&page).as_deref(), Some("2021-02-10"));
        assert_eq!(date(&["Officers were told on 4 January 2021 that they must stop."]), None);
        assert_eq!(date(&["May the force be with you"]), None);
        assert!(stated(&["Updated 15 December 2021"]).unwrap().evidence.contains("\"Updated 15 December 2021\""));
    }
}
