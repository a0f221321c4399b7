//! A PDF's pages joined into one text: page numbers, and running headers and footers at the
//! top or bottom of most pages, dropped; a paragraph running over a page break kept whole;
//! paragraphs rebuilt from layout lines with words hyphenated at line ends joined again; a
//! table's header dropped where it stands again.

use std::collections::HashMap;

/// Drops a table's header row (a row of cells without markup) where it stands again, repeated at
/// the top of a page.
pub fn drop_repeated_headers(text: &str) -> String {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let header = line.contains('\t') && !line.contains('<');
        if header && seen.contains(&line) {
            continue;
        }
        if header {
            seen.push(line);
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Rebuilds paragraphs from layout lines: the lines of a block (up to a blank line) are one
/// paragraph, written on one line; a word hyphenated at a line end is joined again.
pub fn unwrap_paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open = false;
    // Spaces are trimmed, never tabs: a table row's empty first or last cell is a cell.
    for line in text.lines().map(|l| l.trim_matches(' ')) {
        // A table row (cells separated by tabs) stands on its own line.
        if line.contains('\t') {
            if open {
                out.push('\n');
                open = false;
            }
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if line.is_empty() {
            if open {
                out.push('\n');
                open = false;
            }
            continue;
        }
        if open {
            if out.ends_with('-') && line.starts_with(|c: char| c.is_lowercase()) {
                out.pop();
            } else {
                out.push(' ');
            }
        }
        out.push_str(line);
        open = true;
    }
    if open {
        out.push('\n');
    }
    out
}

/// A page number on its own line: `7`, `- 7 -`, `Page 7`, `Page 7 of 12`, `7 / 12`.
fn is_page_number(line: &str) -> bool {
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

/// A line with its digits blanked, so that "Page 3" and "Page 4" compare equal.
fn shape(line: &str) -> String {
    line.trim().chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// A line at least this long is wrapped prose, not a heading.
const FULL_LINE: usize = 50;

/// How many lines at the top and bottom of a page can be running headers and footers.
const EDGE_LINES: usize = 2;

/// Whether line `i` of a page of `n` lines is at its top or bottom edge (on a short page, only
/// the first and last lines are).
fn at_edge(i: usize, n: usize) -> bool {
    let k = if n > 2 * EDGE_LINES { EDGE_LINES } else { 1 };
    i < k || i + k >= n
}

/// Joins pages, dropping page numbers and the lines that stand at the top or bottom of most
/// pages (running headers and footers).
pub fn join_pages(pages: &[String]) -> String {
    let lines: Vec<Vec<&str>> =
        pages.iter().map(|p| p.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>()).collect();
    let mut edges: HashMap<String, usize> = HashMap::new();
    for page in &lines {
        let n = page.len();
        let mut seen: Vec<String> = Vec::new();
        for (i, l) in page.iter().enumerate() {
            if at_edge(i, n) {
                let s = shape(l);
                if !seen.contains(&s) {
                    seen.push(s);
                }
            }
        }
        for s in seen {
            *edges.entry(s).or_default() += 1;
        }
    }
    let running = |l: &str| pages.len() >= 3 && edges.get(&shape(l)).is_some_and(|&n| n * 2 > pages.len());
    let mut out = String::new();
    // A table's header standing at the top of every page is kept where it first stands.
    let mut headers: Vec<String> = Vec::new();
    for page in pages {
        let n = page.lines().filter(|l| !l.trim().is_empty()).count();
        let mut kept: Vec<&str> = Vec::new();
        let mut index = 0;
        for l in page.lines() {
            if l.trim().is_empty() {
                kept.push("");
                continue;
            }
            let edge = at_edge(index, n);
            index += 1;
            // A number alone on a line inside the page (a transcript's line number, a figure
            // on a line of its own) is no page number.
            let header = edge
                && running(l)
                && (l.contains(super::pdf_layout::CELL_SEPARATOR) || l.contains('\t'))
                && !headers.contains(&shape(l));
            if header {
                headers.push(shape(l));
            }
            if header || !(edge && (is_page_number(l) || running(l))) {
                kept.push(l.trim_end_matches([' ', '\r']));
            }
        }
        // Blank lines at the page's edges say nothing of paragraphs.
        while kept.first() == Some(&"") {
            kept.remove(0);
        }
        while kept.last() == Some(&"") {
            kept.pop();
        }
        let Some(first) = kept.first() else { continue };
        // A paragraph running over the page break continues: the page before ends mid-sentence,
        // on a full line (not a short heading) or before a word in lower case, and this page does
        // not open a recommendation, nor the page before end on a heading.
        let last_line = out.trim_end().lines().last().unwrap_or("");
        let continues = last_line.chars().last().is_some_and(|c| !".:;!?)\"”".contains(c))
            && !last_line.contains('\t')
            && crate::references::heading_number(first).is_none()
            && crate::references::heading_number(last_line).is_none()
            && (last_line.chars().count() >= FULL_LINE || first.trim_start().starts_with(|c: char| c.is_lowercase()));
        if !out.is_empty() {
            out.push_str(if continues { "\n" } else { "\n\n" });
        }
        out.push_str(&kept.join("\n"));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn running_headers_footers_and_numbers_are_dropped() {
        let pages: Vec<String> = (1..=3)
            .map(|n| format!("\n\nKent Police · OFFICIAL\n\nBody text of page {n}, which runs on\n\nPage {n} of 3\n"))
            .collect();
        let text = join_pages(&pages);
        assert!(!text.contains("OFFICIAL") && !text.contains("Page"), "{text}");
        assert_eq!(text.matches("Body text of page").count(), 3);
        // A table's header at the top of every page stays where it first stands.
        let pages: Vec<String> =
            ["Kent", "Essex", "Dorset"].iter().map(|b| format!("No. | Name | Amount\n{b} | 100\n")).collect();
        assert_eq!(join_pages(&pages), "No. | Name | Amount\nKent | 100\n\nEssex | 100\n\nDorset | 100\n");
        // A lone number inside a page stays; one at its foot goes.
        let text =
            join_pages(&["Heading\nA line\n\n11\n\nThe text\ngoes on\nto its end\n\n1\nReporting Company".into()]);
        assert_eq!(text, "Heading\nA line\n\n11\n\nThe text\ngoes on\nto its end\n\nReporting Company\n");
        // Pages that end mid-sentence run on when the next starts in lower case.
        let text = join_pages(&["One paragraph that goes\nover the".into(), "page break.\n\nAnother.".into()]);
        assert_eq!(text, "One paragraph that goes\nover the\npage break.\n\nAnother.\n");
    }

    #[test]
    fn lines_become_paragraphs_and_hyphenation_is_undone() {
        let text = "The force has reviewed its proce-\ndures and will report\nback.\n\nRecommendation 4\n\nWell-known partners\n- a list item\n";
        assert_eq!(
            unwrap_paragraphs(text),
            "The force has reviewed its procedures and will report back.\nRecommendation 4\nWell-known partners - a list item\n"
        );
    }
}
