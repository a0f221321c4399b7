//! A PDF page's furniture, told from its own text: page numbers, running headers and footers
//! (the same lines at the top or bottom of most pages), and a browser's date stamp and footer.

use std::collections::{HashMap, HashSet};

/// A page number on its own line: `7`, `- 7 -`, `Page 7`, `Page 7 of 12`, `7 / 12`.
pub(super) fn is_page_number(line: &str) -> bool {
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/' || c == '|')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let number = |w: &String| w.chars().all(|c| c.is_ascii_digit());
    let numbers = words.iter().filter(|w| number(w)).count();
    // One number, or two of a count ("7 of 12", "7 / 12"): a row of figures ("21 120 220") is
    // no page number.
    let count = numbers == 2 && (line.contains('/') || words.iter().any(|w| w == "of"));
    !words.is_empty()
        && words.len() <= 4
        && (numbers == 1 || count)
        && words.iter().all(|w| number(w) || w == "page" || w == "of")
}

/// A line with each run of digits as one `#`, so that "Page 9" and "Page 10" compare equal.
pub(super) fn shape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.trim().chars() {
        if !c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('#') {
            out.push('#');
        }
    }
    out
}

/// The numbers a line holds, each run of digits in turn.
fn numbers(line: &str) -> Vec<u64> {
    line.split(|c: char| !c.is_ascii_digit()).filter(|w| !w.is_empty()).map(|w| w.parse().unwrap_or(u64::MAX)).collect()
}

/// A line at least this long is wrapped prose, not a heading.
pub(super) const FULL_LINE: usize = 50;

/// On a page of narrow lines, a line this long at least may be a full one.
const NARROWEST_FULL_LINE: usize = 30;

/// How long a line of this page must be to be a full line of its prose: a fifth short of the
/// longest line of its prose (lines away from its edges, not a table's rows), so that prose set
/// in narrow columns wraps too, within [`NARROWEST_FULL_LINE`] and [`FULL_LINE`] characters. A
/// page with under three such lines shows no width of its own.
fn full_line(page: &[&str]) -> usize {
    let n = page.len();
    let prose: Vec<usize> = (0..n)
        .filter(|&i| !at_edge(i, n) && !table_line(page[i]))
        .map(|i| page[i].trim_end().chars().count())
        .collect();
    match prose.iter().max() {
        Some(longest) if prose.len() >= 3 => (longest * 4 / 5).clamp(NARROWEST_FULL_LINE, FULL_LINE),
        _ => FULL_LINE,
    }
}

/// How many lines at the top and bottom of a page can be running headers and footers.
const EDGE_LINES: usize = 2;

/// Whether line `i` of a page of `n` lines is at its top or bottom edge (on a short page, only
/// the first and last lines are).
pub(super) fn at_edge(i: usize, n: usize) -> bool {
    i < edge_lines(n) || i + edge_lines(n) >= n
}

/// How many lines at each edge of a page of `n` lines can be its header or footer.
pub(super) fn edge_lines(n: usize) -> usize {
    if n > 2 * EDGE_LINES {
        EDGE_LINES
    } else {
        1
    }
}

/// Whether the numbers that differ between the pages a line stands on count the pages: each goes
/// up by one a page, as a page number does ("Page 3 of 12": the 3; the 12 and a date stay the
/// same). Numbers that differ otherwise ("Recommendation 1" on one page, "Recommendation 4" on
/// the next) are the pages' own.
fn counts_pages(on: &[(usize, Vec<u64>)]) -> bool {
    let (first_page, first) = &on[0];
    (0..first.len()).all(|j| {
        let offset = |page: usize, n: &[u64]| i128::from(n[j]) - page as i128;
        on.iter().all(|(_, n)| n[j] == first[j])
            || on.iter().all(|(page, n)| offset(*page, n) == offset(*first_page, first))
    })
}

/// The shapes of lines that stand at the top or bottom of most pages (both of two, more than half
/// of three or more), the same on each but for a page's number: running headers and footers. A recommendation's heading is never
/// one, whatever its place.
pub(super) fn running_shapes(pages: &[Vec<&str>]) -> HashSet<String> {
    let mut on: HashMap<String, Vec<(usize, Vec<u64>)>> = HashMap::new();
    for (p, page) in pages.iter().enumerate() {
        let n = page.len();
        for (i, l) in page.iter().enumerate() {
            if !at_edge(i, n) || crate::references::heading_number(l).is_some() {
                continue;
            }
            let seen = on.entry(shape(l)).or_default();
            if seen.last().is_none_or(|(last, _)| *last != p) {
                seen.push((p, numbers(l)));
            }
        }
    }
    on.into_iter()
        .filter(|(_, on)| pages.len() >= 2 && on.len() * 2 > pages.len() && counts_pages(on))
        .map(|(shape, _)| shape)
        .collect()
}

/// Whether a line is wrapped prose: a line at least `full` long that ends mid-sentence (a
/// table's row is none).
fn wraps(line: &str, full: usize) -> bool {
    let line = line.trim_end();
    line.chars().count() >= full && !line.ends_with(['.', ':', ';', '!', '?']) && !table_line(line)
}

/// Whether line `next` goes on with the sentence line `before` leaves open: `before` wraps, and
/// `next` follows it with no blank line between or begins in lower case (a producer may set every
/// line of a paragraph apart). No sentence goes on into a table's row.
fn reads_on(before: &str, blank_between: bool, next: &str, full: usize) -> bool {
    wraps(before, full)
        && !table_line(next)
        && (!blank_between || next.trim_start().starts_with(|c: char| c.is_lowercase()))
}

/// Whether a line is a table's row (cells apart).
pub(super) fn table_line(line: &str) -> bool {
    line.contains(super::pdf_layout::CELL_SEPARATOR) || line.contains('\t')
}

/// The lines of a page (by their place among its lines that are not blank) that are its running
/// header and footer: the run of running lines and page numbers at its top, and the one at its
/// bottom. Lines of a run that the page's prose reads on into (or out of) are the page's own text,
/// even when every page repeats them: an answer pasted under each recommendation, its last lines
/// at the foot of every page, is no footer; the footer under it still is. A run in which prose
/// reads on from one line to the next is the page's text whole; a long header over a table's
/// rows is not prose.
///
/// A browser's print says where each page stands (`file:///…/response.html 1/1`) and stamps the
/// date and time over it (`12/7/26, 6:09 AM Title`): on a page whose edge carries its own place
/// in the document, both are furniture, even on a page alone.
pub(super) fn furniture(page: &[&str], blank_after: &[bool], running: &HashSet<String>, place: Place) -> Vec<bool> {
    let n = page.len();
    let printed = (0..n).any(|i| at_edge(i, n) && ends_with_place(page[i], place));
    let candidate = |i: usize| {
        at_edge(i, n)
            && crate::references::heading_number(page[i]).is_none()
            && (running.contains(&shape(page[i]))
                || is_page_number(page[i])
                || ends_with_place(page[i], place)
                || (printed && starts_with_stamp(page[i])))
    };
    let mut out = vec![false; n];
    let full = full_line(page);
    let on = |i: usize| reads_on(page[i - 1], blank_after[i - 1], page[i], full);
    // The top run, less the lines at its end that read on into the page's text.
    let mut top = (0..n).take_while(|&i| candidate(i)).count();
    while top > 0 && top < n && on(top) {
        top -= 1;
    }
    if top > 0 && !(1..top).any(on) {
        out[..top].fill(true);
    }
    // The bottom run, less the lines at its start that the page's text reads on into.
    let mut from = n - (0..n).rev().take_while(|&i| candidate(i)).count();
    while from > 0 && from < n && on(from) {
        from += 1;
    }
    if from < n && !(from + 1..n).any(on) {
        out[from..].fill(true);
    }
    out
}

/// Where a page stands in its document: its number from 1, and how many pages there are.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    pub page: usize,
    pub pages: usize,
}

/// Whether a line ends with its page's place in the document, the page's number then the number
/// of pages (`… 1/2`, `… Page 1 of 2`), as a browser's footer does.
fn ends_with_place(line: &str, place: Place) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let is = |w: &str, n: usize| w.parse::<usize>().ok() == Some(n);
    match words.as_slice() {
        [.., page, "of", pages] => is(page, place.page) && is(pages, place.pages),
        [.., last] => last.split_once('/').is_some_and(|(page, pages)| is(page, place.page) && is(pages, place.pages)),
        [] => false,
    }
}

/// Whether a line starts with a date and a time of day, as a browser stamps the head of a printed
/// page (`12/7/26, 6:09 AM`, `07.12.2026, 06:09`).
fn starts_with_stamp(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let (Some(date), Some(time)) = (words.next(), words.next()) else { return false };
    let digits = |s: &str, most: usize| !s.is_empty() && s.len() <= most && s.chars().all(|c| c.is_ascii_digit());
    let parts: Vec<&str> = date.trim_end_matches(',').split(['/', '.', '-']).collect();
    let date = parts.len() == 3 && digits(parts[0], 4) && digits(parts[1], 2) && digits(parts[2], 4);
    let time = time.split_once(':').is_some_and(|(h, m)| digits(h, 2) && m.len() == 2 && digits(m, 2));
    date && time
}

#[cfg(test)]
mod tests {
    use super::super::pdf_pages::join_pages;
    use super::*;

    #[test]
    fn an_answer_pasted_in_narrow_lines_at_the_foot_of_each_page_is_the_text() {
        // Lines of about 35 characters, as a column or a narrow page sets them: the answer's last
        // two lines are the same at the foot of every page, with nothing under them.
        let answer = "Kent Police accepts this\nrecommendation and has reviewed\nits procedures; officers no longer\nshare the data of victims whose only\ncontact with us is reporting crime.";
        let pages: Vec<String> = [1, 4, 5]
            .iter()
            .map(|r| format!("Recommendation {r}\n\nWhat the report asks, number {r}.\n\n{answer}\n"))
            .collect();
        let text = join_pages(&pages);
        assert_eq!(text.matches("contact with us is reporting crime.").count(), 3, "{text}");
        assert_eq!(text.matches("share the data of victims").count(), 3, "{text}");
        // A short header over such a page is still a header; a page of long lines keeps the
        // full line at 50 characters.
        let narrow = [
            "OFFICIAL",
            "Kent Police",
            "its procedures; officers no longer",
            "recommendation and has reviewed",
            "share the data of victims whose only",
            "contact with us",
            "Page 1",
        ];
        assert_eq!(full_line(&narrow), 30);
        assert_eq!(full_line(&narrow[..4]), 50, "two lines of prose show no width");
        let wide = ["a line of a hundred characters and more, as a page of wide prose sets them, with words"; 5];
        assert_eq!(full_line(&wide), 50);
        // Between the two bounds, a fifth short of the longest line of prose: 45 gives 36.
        let mut middle = narrow;
        middle[3] = "a line of forty-five characters of its prose.";
        assert_eq!(full_line(&middle), 36);
        let pages: Vec<String> = (1..=3).map(|p| format!("OFFICIAL\n\n{answer}\n\nPage {p}\n")).collect();
        let text = join_pages(&pages);
        assert!(!text.contains("OFFICIAL") && !text.contains("Page"), "{text}");
    }

    #[test]
    fn page_numbers_are_recognised() {
        for l in ["7", " - 7 - ", "Page 7", "Page 7 of 12", "7 / 12"] {
            assert!(is_page_number(l), "{l}");
        }
        for l in ["Recommendation 7", "7 victims were referred", "2021", "21 120 220", "21 | 120", "3 4"] {
            assert_eq!(is_page_number(l), l == "2021", "{l}");
        }
    }

    #[test]
    fn a_one_page_print_loses_the_browsers_stamp_and_footer_where_the_footer_gives_its_place() {
        let page = "12/7/26, 6:09 AM Kent Police response to Safe to Share\n\nRecommendation 1\n\nWe act.\n\nfile:///tmp/response.html 1/1\n";
        assert_eq!(join_pages(&[page.to_string()]), "Recommendation 1\n\nWe act.\n");
        let page =
            "07.12.2026, 06:09 Kent Police response\n\nWe act.\n\nhttps://www.kent.police.uk/response Page 1 of 1\n";
        assert_eq!(join_pages(&[page.to_string()]), "We act.\n");
        // Without the footer there is no telling: the stamp stays. A last line whose figures are
        // not this page's place stays too.
        let page = "12/7/26, 6:09 AM Kent Police response\n\nWe act.\n\nThe ratio fell to 2/1\n";
        assert_eq!(join_pages(&[page.to_string()]), page.trim_start());
        let pages = ["We act.\n\nSee table 2/2\n".to_string(), "More.\n".to_string()];
        assert!(join_pages(&pages).contains("See table 2/2"));
        for (line, stamp) in [
            ("12/7/26, 6:09 AM Title", true),
            ("2021-03-04 10:30 Minutes", true),
            ("12 July 2021", false),
            ("1/2/3 is:not", false),
        ] {
            assert_eq!(starts_with_stamp(line), stamp, "{line}");
        }
    }
}
