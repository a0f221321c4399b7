//! The auditor's report at any size: one self-contained file while it is small; otherwise a main
//! file within a size budget (summary, heatmap, the strongest passages, coverage) that links to
//! pages written in a folder beside it (the other passages, reuse within bodies, the documents).
//! Every file opens from disk, with no server and no scripts.

use std::fmt::Write as _;

use crate::overview::Overview;

use super::evidence::*;
use super::markup::*;
use super::report::*;

/// The largest page in the folder, unless one document or passage alone is larger.
pub const PAGE_BYTES: usize = 1 << 20;

/// At most this many pairs are shown under each passage of a split report (all are listed by
/// `echoes reuse --pairs`).
const PAIRS_PER_PASSAGE: usize = 10;

/// A report's files: the main one, and the pages beside it (file name, HTML), none when the
/// report is one file.
#[derive(Debug)]
pub struct ReportFiles {
    pub main: String,
    pub pages: Vec<(String, String)>,
}

/// The report of `o`: one file (`report`) when it is likely to stay within `max_bytes`, otherwise
/// a main file within `max_bytes` whose links lead to pages in `folder` (a folder beside the main
/// file, named `main`).
pub fn report_files(o: &Overview, title: &str, main: &str, folder: &str, max_bytes: usize) -> ReportFiles {
    if estimate(o) <= max_bytes {
        return ReportFiles { main: report(o, title), pages: Vec::new() };
    }
    let page_bytes = PAGE_BYTES.min(max_bytes.max(1));
    let by = o.by_document();
    let dates = crate::overview::dates(&o.documents);

    // Documents in corpus order, a page filled up to the page size.
    let mut layout = Layout { main: main.to_string(), folder: folder.to_string(), ..Layout::default() };
    let mut doc_pages: Vec<Vec<usize>> = vec![Vec::new()];
    let mut filled = 0;
    for (i, d) in o.documents.iter().enumerate() {
        let size: usize =
            by.paragraphs.get(d.doc.as_str()).map_or(0, |ps| ps.iter().map(|p| 2 * p.text.len() + 200).sum());
        if filled > 0 && filled + size > page_bytes {
            doc_pages.push(Vec::new());
            filled = 0;
        }
        filled += size;
        doc_pages.last_mut().expect("one page at least").push(i);
        layout.documents.insert(d.doc.clone(), doc_pages.len());
    }

    // Each passage and pair as the main file shows it (their links lead to documents, never to
    // other passages), to measure what fits there; those that go to pages are rendered for them.
    let site = Site::Pages(&layout, false);
    let by_family = findings_by_family(&o.between.findings);
    let passages: std::collections::HashMap<&str, &crate::reuse::passages::Passage> =
        o.passages.iter().map(|p| (p.id.as_str(), p)).collect();
    let section = |i: usize, site: Site| {
        let fam = &o.between.families[i];
        let of = by_family.get(fam.id.as_str()).map_or(&[][..], Vec::as_slice);
        family(fam, of, passages.get(fam.id.as_str()).copied(), &o.quoted, &dates, site, PAIRS_PER_PASSAGE)
    };
    let within_pair = |i: usize, site: Site| pair(&o.within.findings[i], &o.quoted, &dates, site, i + 1);
    let sections: Vec<String> = (0..o.between.families.len()).map(|i| section(i, site)).collect();
    let pairs: Vec<String> = (0..o.within.findings.len()).map(|i| within_pair(i, site)).collect();

    // The main file's fixed parts, and what is left of the budget for passages and reuse within.
    let fixed = heatmap_section(o)
        + &runs_table(o, site)
        + &stock_section(o, site)
        + &attribution_section(o, site)
        + &coverage_section(o)
        + &super::status::standing_section(o, site);
    let reserve = page(title, site, "").len() + summary(o, site).len() + fixed.len() + 120 * doc_pages.len() + 8192;
    let mut left = max_bytes.saturating_sub(reserve);
    // What fits in the main file; checked on the file itself, and made smaller until it fits.
    let (main, layout, passage_pages, within_pages) = loop {
        let (in_main, passage_pages) = spread(&sections, left * 3 / 4, page_bytes);
        let (within_main, within_pages) =
            spread(&pairs, left.saturating_sub(size_of(&sections[..in_main])), page_bytes);
        let mut full = layout.clone();
        for (n, range) in passage_pages.iter().enumerate() {
            for fam in &o.between.families[range.clone()] {
                full.passages.insert(fam.id.clone(), n + 1);
            }
        }
        let parts = Parts {
            fixed: &fixed,
            sections: &sections,
            in_main,
            passage_pages: &passage_pages,
            pairs: &pairs,
            within_main,
            within_pages: &within_pages,
            doc_pages: &doc_pages,
        };
        let main = main_file(o, title, &full, &parts);
        if main.len() <= max_bytes || left == 0 {
            break (main, full, passage_pages, within_pages);
        }
        left = left.saturating_sub(main.len() - max_bytes + 4096);
    };

    let nested = Site::Pages(&layout, true);
    let total = sections.len();
    let mut pages = numbered_pages(
        title,
        &layout,
        &passage_pages,
        passages_file,
        |r| format!("Copied passages {}–{} of {total}", r.start + 1, r.end),
        |i| section(i, nested),
    );
    pages.extend(numbered_pages(
        title,
        &layout,
        &within_pages,
        within_file,
        |r| format!("Reuse within a body: findings {}–{} of {}", r.start + 1, r.end, pairs.len()),
        |i| within_pair(i, nested),
    ));
    for (n, docs) in doc_pages.iter().enumerate().filter(|(_, docs)| !docs.is_empty()) {
        let listed: Vec<crate::model::Document> = docs.iter().map(|&i| o.documents[i].clone()).collect();
        let mut body = format!(
            "<h2>Documents {}–{} of {}</h2>{}{}",
            docs[0] + 1,
            docs[docs.len() - 1] + 1,
            o.documents.len(),
            pager(&layout, n + 1, doc_pages.len(), documents_file),
            documents_table(&listed, nested)
        );
        for d in &listed {
            body.push_str(&document(o, &by, d, nested, 0..usize::MAX));
        }
        pages.push((documents_file(n + 1), page(title, nested, &body)));
    }

    ReportFiles { main, pages }
}

/// What the main file of a split report shows: the fixed parts, and how many passages and
/// findings within a body it holds (the rest are on pages).
struct Parts<'a> {
    fixed: &'a str,
    sections: &'a [String],
    in_main: usize,
    passage_pages: &'a [std::ops::Range<usize>],
    pairs: &'a [String],
    within_main: usize,
    within_pages: &'a [std::ops::Range<usize>],
    doc_pages: &'a [Vec<usize>],
}

/// The report's table of contents, in one file or split: its sections that have something to show.
pub fn toc(o: &Overview) -> String {
    let mut links =
        vec![("summary", "Summary"), ("heatmap", "Heatmap"), ("runs", "Copied runs"), ("families", "Passages")];
    if !o.between.stock.is_empty() {
        links.push(("stock", "Stock wording"));
    }
    links.push(("within", "Within a body"));
    if !o.attributions.is_empty() {
        links.push(("attribution", "Unattributed"));
    }
    links.extend([("coverage", "Coverage"), ("standing", "Where each body stands"), ("documents", "Documents")]);
    let links: Vec<String> = links.iter().map(|(id, label)| format!("<a href=\"#{id}\">{label}</a>")).collect();
    format!("<nav class=\"toc\">{}</nav>", links.join(" · "))
}

/// The auditor's report: one self-contained page.
pub fn report(o: &Overview, title: &str) -> String {
    let site = Site::Report;
    let by = o.by_document();
    let mut body = toc(o);
    body.push_str(&summary(o, site));
    body.push_str(&heatmap_section(o));
    body.push_str(&runs_section(o, &by, site, usize::MAX));
    let _ = write!(
        body,
        "<section id=\"families\"><h2>Copied passages, and where each occurs</h2>{}</section>",
        families(
            &o.between.families,
            &o.between.findings,
            &o.passages,
            &o.quoted,
            &crate::overview::dates(&o.documents),
            site,
            usize::MAX
        )
    );
    body.push_str(&stock_section(o, site));
    let _ =
        write!(body, "<section id=\"within\"><h2>Reuse within a body</h2>{}</section>", within(o, site, 0..usize::MAX));
    body.push_str(&attribution_section(o, site));
    body.push_str(&coverage_section(o));
    body.push_str(&super::status::standing_section(o, site));
    let _ = write!(body, "<section id=\"documents\"><h2>Documents</h2>{}", documents_table(&o.documents, site));
    for d in &o.documents {
        body.push_str(&document(o, &by, d, site, 0..usize::MAX));
    }
    body.push_str("</section>");
    page(title, site, &body)
}

/// The main file of a split report.
fn main_file(o: &Overview, title: &str, layout: &Layout, parts: &Parts) -> String {
    let site = Site::Pages(layout, false);
    let Parts { fixed, sections, in_main, passage_pages, pairs, within_main, within_pages, doc_pages } = *parts;
    let total = sections.len();
    let mut body = toc(o);
    body.push_str(&summary(o, site));
    body.push_str(fixed);
    let _ = write!(
        body,
        "<section id=\"families\"><h2>Copied passages, and where each occurs</h2>{}",
        shown_and_linked(
            sections,
            in_main,
            "No response wording is shared between bodies at these thresholds.",
            passages_intro(in_main, total, passage_pages.len()),
            || page_list(layout, passage_pages, passages_file, numbered("passages")),
        )
    );
    let _ = write!(
        body,
        "</section><section id=\"within\"><h2>Reuse within a body</h2>{}",
        shown_and_linked(
            pairs,
            within_main,
            "No body repeats its own response wording at these thresholds.",
            format!(
                "One body's answer pasted under several recommendations, or repeated with edits: {within_main} of {} findings here.",
                pairs.len()
            ),
            || page_list(layout, within_pages, within_file, numbered("findings")),
        )
    );
    let doc_ranges: Vec<std::ops::Range<usize>> =
        doc_pages.iter().filter(|d| !d.is_empty()).map(|d| d[0]..d[d.len() - 1] + 1).collect();
    let _ = write!(
        body,
        "</section><section id=\"documents\"><h2>Documents</h2><p>{} documents, each with its paragraphs marked, on {} pages:</p>{}</section>",
        o.documents.len(),
        doc_ranges.len(),
        page_list(layout, &doc_ranges, documents_file, document_range(o))
    );
    page(title, site, &body)
}

/// What the main file says of its passages: how many it holds of `total`, and on how many pages
/// the others are (none fit when the other parts fill its size budget).
fn passages_intro(in_main: usize, total: usize, pages: usize) -> String {
    let on = format!("{pages} linked page{}", if pages == 1 { "" } else { "s" });
    if in_main == 0 {
        format!("None of the {total} passages fits in this file's size budget: they are on {on}, each with at most {PAIRS_PER_PASSAGE} pairs.")
    } else if in_main == total {
        format!("All {total} passages are here, each with at most {PAIRS_PER_PASSAGE} pairs.")
    } else {
        format!(
            "The {in_main} strongest of {total} passages are here, each with at most {PAIRS_PER_PASSAGE} pairs; the others are on {on}."
        )
    }
}

/// A list of the main file: the first `shown` of `parts` after `intro`, then the links to the
/// pages holding the rest; `empty` when there are none.
fn shown_and_linked(
    parts: &[String],
    shown: usize,
    empty: &str,
    intro: String,
    links: impl FnOnce() -> String,
) -> String {
    if parts.is_empty() {
        return format!("<p>{empty}</p>");
    }
    format!("<p>{intro}</p>{LEGEND}{}{}", parts[..shown].concat(), links())
}

/// The pages of one kind of list: each with its heading, previous and next links, and its items.
fn numbered_pages(
    title: &str,
    layout: &Layout,
    ranges: &[std::ops::Range<usize>],
    file: fn(usize) -> String,
    heading: impl Fn(&std::ops::Range<usize>) -> String,
    item: impl Fn(usize) -> String,
) -> Vec<(String, String)> {
    let nested = Site::Pages(layout, true);
    ranges
        .iter()
        .enumerate()
        .map(|(n, range)| {
            let body = format!(
                "<h2>{}</h2>{}{LEGEND}{}",
                heading(range),
                pager(layout, n + 1, ranges.len(), file),
                range.clone().map(&item).collect::<String>()
            );
            (file(n + 1), page(title, nested, &body))
        })
        .collect()
}

/// A generous guess at the size of the one-file report.
fn estimate(o: &Overview) -> usize {
    let text: usize = o.paragraphs.iter().map(|p| 2 * p.text.len() + 200).sum();
    let pairs: usize =
        o.between.findings.iter().chain(&o.within.findings).map(|f| 2 * (f.a.text.len() + f.b.text.len()) + 1000).sum();
    let occurrences: usize = o.passages.iter().map(|p| 400 * p.occurrences.len()).sum();
    32_768 + text + pairs + occurrences
}

fn size_of(parts: &[String]) -> usize {
    parts.iter().map(String::len).sum()
}

/// How many of `parts` fit in `budget` (in order), and the ranges of the rest, a page each up to
/// `page_bytes` (a part larger than a page has a page of its own).
fn spread(parts: &[String], budget: usize, page_bytes: usize) -> (usize, Vec<std::ops::Range<usize>>) {
    let mut used = 0;
    let mut first = 0;
    while first < parts.len() && used + parts[first].len() <= budget {
        used += parts[first].len();
        first += 1;
    }
    let mut pages = Vec::new();
    let mut start = first;
    let mut filled = 0;
    for (i, part) in parts.iter().enumerate().skip(first) {
        if i > start && filled + part.len() > page_bytes {
            pages.push(start..i);
            start = i;
            filled = 0;
        }
        filled += part.len();
    }
    if start < parts.len() {
        pages.push(start..parts.len());
    }
    (first, pages)
}

fn within_file(n: usize) -> String {
    format!("within-{n}.html")
}

/// Previous and next links between the pages of one kind, and back to the main file.
fn pager(layout: &Layout, n: usize, pages: usize, file: fn(usize) -> String) -> String {
    let mut s = String::from("<p class=\"pager\">");
    if n > 1 {
        let _ = write!(s, "<a href=\"{}\" rel=\"prev\">previous</a> · ", esc(&layout.href(true, &file(n - 1))));
    }
    let _ = write!(s, "page {n} of {pages}");
    if n < pages {
        let _ = write!(s, " · <a href=\"{}\" rel=\"next\">next</a>", esc(&layout.href(true, &file(n + 1))));
    }
    let _ = write!(s, " · <a href=\"{}\">the report</a></p>", esc(&layout.href(true, &layout.main)));
    s
}

/// Links from the main file to the pages of one kind, each labelled with what it holds: the link's
/// text and what follows it (HTML, escaped by the caller).
fn page_list(
    layout: &Layout,
    pages: &[std::ops::Range<usize>],
    file: fn(usize) -> String,
    label: impl Fn(&std::ops::Range<usize>) -> (String, String),
) -> String {
    if pages.is_empty() {
        return String::new();
    }
    let mut s = String::from("<ul class=\"pages\">");
    for (n, r) in pages.iter().enumerate() {
        let (text, after) = label(r);
        let _ = write!(s, "<li><a href=\"{}\">{text}</a>{after}</li>", esc(&layout.href(false, &file(n + 1))));
    }
    s.push_str("</ul>");
    s
}

/// Items `r` of a list, as a page link reads: "passages 101–250".
fn numbered(what: &'static str) -> impl Fn(&std::ops::Range<usize>) -> (String, String) {
    move |r| (format!("{what} {}–{}", r.start + 1, r.end), String::new())
}

/// A documents page's first and last document, and how many it holds.
fn document_range(o: &Overview) -> impl Fn(&std::ops::Range<usize>) -> (String, String) + '_ {
    move |r| {
        let (first, last) = (&o.documents[r.start].doc, &o.documents[r.end - 1].doc);
        let count = format!(" ({} document{})", r.len(), if r.len() == 1 { "" } else { "s" });
        (format!("{} – {}", esc(first), esc(last)), count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_fill_the_budget_then_pages() {
        let parts: Vec<String> = [3, 3, 3, 5, 2, 9, 1].iter().map(|&n| "x".repeat(n)).collect();
        let (first, pages) = spread(&parts, 7, 6);
        assert_eq!(first, 2);
        // 3 | 5 | 2 | 9 (larger than a page: alone) | 1
        assert_eq!(pages, [2..3, 3..4, 4..5, 5..6, 6..7]);
        let (first, pages) = spread(&parts, 100, 6);
        assert_eq!((first, pages.len()), (7, 0));
    }

    #[test]
    fn the_main_file_says_how_many_passages_it_holds() {
        assert_eq!(
            passages_intro(0, 4, 1),
            "None of the 4 passages fits in this file's size budget: they are on 1 linked page, each with at most 10 pairs."
        );
        assert_eq!(
            passages_intro(1, 4, 2),
            "The 1 strongest of 4 passages are here, each with at most 10 pairs; the others are on 2 linked pages."
        );
        assert_eq!(passages_intro(4, 4, 0), "All 4 passages are here, each with at most 10 pairs.");
    }
}
