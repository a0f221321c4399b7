//! A PDF's pages joined into one text: page numbers, and running headers and footers at the
//! top or bottom of most pages, dropped (`pdf_furniture` tells them); a paragraph running over a
//! page break kept whole;
//! paragraphs rebuilt from layout lines with words hyphenated at line ends joined again; a
//! table's header dropped where it stands again.

use super::pdf_furniture::{
    at_edge, edge_lines, furniture, is_page_number, running_shapes, shape, table_line, Place, FULL_LINE,
};
use std::collections::HashSet;

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
        // A recommendation's heading after a line that ends no sentence in words (a printer's
        // header, a title, a date) opens a paragraph of its own: glued to that line, it would open
        // no recommendation.
        if open && !out.ends_with(continues_sentence) && crate::references::heading_number(line).is_some() {
            out.push('\n');
            open = false;
        }
        if !(open && super::hyphens::join(&mut out, line)) {
            if open {
                out.push(' ');
            }
            out.push_str(line);
        }
        open = true;
    }
    if open {
        out.push('\n');
    }
    out
}

/// Whether a line ending in this character leaves its sentence open for the next line: a word in
/// lower case, a comma, a hyphen, an opening bracket.
fn continues_sentence(c: char) -> bool {
    c.is_lowercase() || [',', '-', '(', '–'].contains(&c)
}

/// Joins pages, dropping page numbers and the lines that stand at the top or bottom of most
/// pages (running headers and footers). A document whose every line would be dropped so (a
/// printer's slug on each page, and nothing else) keeps them: they are all it says.
pub fn join_pages(pages: &[String]) -> String {
    let joined = join(pages, true);
    if joined.trim().is_empty() {
        join(pages, false)
    } else {
        joined
    }
}

/// Joins pages, dropping their furniture or not.
fn join(pages: &[String], drop_furniture: bool) -> String {
    let lines: Vec<Vec<&str>> =
        pages.iter().map(|p| p.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>()).collect();
    let running = if drop_furniture { running_shapes(&lines) } else { HashSet::new() };
    let mut out = String::new();
    // A table's header standing at the top of every page is kept where it first stands.
    let mut headers: Vec<String> = Vec::new();
    for (number, (page, text)) in lines.iter().zip(pages).enumerate() {
        let place = Place { page: number + 1, pages: pages.len() };
        // Whether a blank line follows each line that is not blank.
        let mut blank_after: Vec<bool> = Vec::with_capacity(page.len());
        for l in text.lines() {
            match (l.trim().is_empty(), blank_after.last_mut()) {
                (true, Some(last)) => *last = true,
                (true, None) => {}
                (false, _) => blank_after.push(false),
            }
        }
        let dropped =
            if drop_furniture { furniture(page, &blank_after, &running, place) } else { vec![false; page.len()] };
        let n = page.len();
        let mut kept: Vec<&str> = Vec::new();
        let mut index = 0;
        for l in text.lines() {
            if l.trim().is_empty() {
                kept.push("");
                continue;
            }
            let (i, edge) = (index, at_edge(index, n));
            index += 1;
            // A table's header row again at the top of a page, rows under it, is dropped there:
            // the rows go on from the page before.
            let table_header = i < edge_lines(n)
                && table_line(l)
                && running.contains(&shape(l))
                && page.get(i + 1).is_some_and(|next| table_line(next));
            let keep = if table_header {
                let first = !headers.contains(&shape(l));
                if first {
                    headers.push(shape(l));
                }
                first
            } else {
                // A number alone on a line inside the page (a transcript's line number, a figure
                // on a line of its own) is no page number.
                !(dropped[i] || (drop_furniture && edge && is_page_number(l)))
            };
            if keep {
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
    fn a_pasted_answer_and_the_headings_at_the_top_of_each_page_are_the_text() {
        // One recommendation a page, its heading on top; the same answer pasted under each, its
        // last two lines at the foot of every page; a footer of two lines set apart below it.
        let answer = "Kent Police accepts this recommendation. We have reviewed our procedures and\nofficers no longer share the data of victims whose only contact with us is\nreporting a crime, since March 2021.";
        let pages: Vec<String> = [(1, 1), (4, 2), (5, 3)]
            .iter()
            .map(|(r, p)| {
                format!("Recommendation {r}\n\nWhat the report asks of chief constables, number {r}.\n\n{answer}\n\n\nKent Police, Sutton Road, Maidstone\nPage {p} of 3\n")
            })
            .collect();
        let text = join_pages(&pages);
        for r in [1, 4, 5] {
            assert!(text.contains(&format!("Recommendation {r}\n")), "{text}");
        }
        assert_eq!(text.matches("reporting a crime, since March 2021.").count(), 3, "{text}");
        assert_eq!(text.matches("officers no longer share").count(), 3, "{text}");
        assert!(!text.contains("Sutton Road") && !text.contains("of 3"), "{text}");
        // Without the footer, the answer's last lines are the last of every page; so too when
        // every line of the page is set apart from the next.
        let bare: Vec<String> = pages.iter().map(|p| p.split("\n\n\n").next().unwrap().to_string()).collect();
        let apart: Vec<String> = bare.iter().map(|p| p.replace('\n', "\n\n")).collect();
        for pages in [bare, apart] {
            let text = join_pages(&pages);
            assert_eq!(text.matches("reporting a crime, since March 2021.").count(), 3, "{text}");
            assert_eq!(text.matches("officers no longer share").count(), 3, "{text}");
        }
        // A footer set apart from a page that ends mid-sentence is still a footer.
        let pages: Vec<String> = ["first", "second", "third"]
            .iter()
            .zip(1..)
            .map(|(w, p)| format!("Our {w} answer to the report goes on for a good while here and then it runs\n\nKent Police, Sutton Road, Maidstone {p}\n"))
            .collect();
        assert!(!join_pages(&pages).contains("Sutton"));
        // Numbers that do not count the pages are the pages' own: a line standing apart on top of
        // each page with them stays.
        let pages: Vec<String> =
            [3, 9, 4].iter().map(|n| format!("Case {n} of the year\n\nBody text of the case.\n")).collect();
        assert_eq!(join_pages(&pages).matches("Case ").count(), 3);
        // A page number past 9 is the same footer as the ones before it.
        let bodies = ["Kent", "Essex", "Dorset", "Surrey"];
        let pages: Vec<String> =
            (8..=11).zip(bodies).map(|(n, b)| format!("{b} answers.\n\nSafe to share? {n}\n")).collect();
        let text = join_pages(&pages);
        assert!(!text.contains("Safe to share") && bodies.iter().all(|b| text.contains(b)), "{text}");
    }

    #[test]
    fn a_two_page_print_loses_its_header_and_footer_but_not_a_line_its_pages_share_by_chance() {
        // Chromium's header (date, title) over a table's rows, and its footer (address, page of
        // pages), on both pages: no sentence goes on from the header into a row.
        let pages: Vec<String> = [("1", "Kent"), ("2", "Essex")]
            .iter()
            .map(|(p, body)| {
                format!("12/7/26, 6:30 AM Kent Police response to the Safe to Share report\n{body}\t<p>We act.</p>\n\nfile:///tmp/response.html {p}/2\n")
            })
            .collect();
        let text = join_pages(&pages);
        assert!(!text.contains("6:30 AM") && !text.contains("file://"), "{text}");
        assert!(text.contains("Kent\t") && text.contains("Essex\t"), "{text}");
        // Over three pages, the header above the table's own header row, repeated on each.
        let bodies = ["Kent", "Essex", "Dorset"];
        let pages: Vec<String> = bodies
            .iter()
            .zip(1..)
            .map(|(body, p)| {
                format!("12/7/26, 6:45 AM Essex Police response to Safe to Share recommendations\nNo.\tRecommendation\tResponse\n{body}\t<p>We act.</p>\t<p>Done</p>\n{body} too\t<p>And more.</p>\t<p>Open</p>\n\nfile:///tmp/response.html {p}/3\n")
            })
            .collect();
        let text = join_pages(&pages);
        assert!(!text.contains("6:45 AM") && !text.contains("file://"), "{text}");
        assert_eq!(drop_repeated_headers(&text).matches("No.\tRecommendation").count(), 1, "{text}");
        assert!(
            bodies.iter().all(|b| text.contains(&format!("{b}\t")) && text.contains(&format!("{b} too\t"))),
            "{text}"
        );
        // On one page of two, a line is no running line; nor is a line on both whose numbers do
        // not count the pages.
        let pages: Vec<String> =
            ["OFFICIAL\n\nFirst page.\n", "Second page.\n"].iter().map(|p| p.to_string()).collect();
        assert!(join_pages(&pages).contains("OFFICIAL"));
        // A document that says nothing but its slug on each page keeps it.
        let pages: Vec<String> = (1..=2).map(|n| format!("p20-40.qxd 10/02/2012 16:24 Page {n}\n")).collect();
        assert_eq!(join_pages(&pages), "p20-40.qxd 10/02/2012 16:24 Page 1\np20-40.qxd 10/02/2012 16:24 Page 2\n");
        let pages: Vec<String> = [7, 3].iter().map(|n| format!("Case {n} of the year\n\nBody.\n")).collect();
        assert_eq!(join_pages(&pages).matches("Case ").count(), 2);
    }

    #[test]
    fn a_heading_after_a_line_that_ends_no_sentence_opens_its_own_paragraph() {
        let text = "12/7/26, 4:22 AM Kent Police: response to Safe to share?\nRecommendation 1\n\nThe text.\n";
        assert_eq!(
            unwrap_paragraphs(text),
            "12/7/26, 4:22 AM Kent Police: response to Safe to share?\nRecommendation 1\nThe text.\n"
        );
        let text = "OFFICIAL\nRecommendation 4: to chief constables\n";
        assert_eq!(unwrap_paragraphs(text), "OFFICIAL\nRecommendation 4: to chief constables\n");
        // Inside a sentence, the words stay where they are.
        let text = "We have done what the report asks in\nRecommendation 1, which we accept.\n";
        assert_eq!(
            unwrap_paragraphs(text),
            "We have done what the report asks in Recommendation 1, which we accept.\n"
        );
    }

    #[test]
    fn lines_become_paragraphs_and_hyphenation_is_undone() {
        let text = "The force has reviewed its proce-\ndures and will report\nback.\n\nRecommendation 4\n\nWell-known partners\n- a list item\n";
        assert_eq!(
            super::super::hyphens::resolve(&unwrap_paragraphs(text)),
            "The force has reviewed its procedures and will report back.\nRecommendation 4\nWell-known partners - a list item\n"
        );
    }
}
