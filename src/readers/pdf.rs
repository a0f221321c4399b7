//! PDF reader: the text of each page (what it draws from `pdf_draw` and `pdf_paths`; tables
//! read from their ruling lines by `pdf_ruled`, the rest laid out by `pdf_layout`: lines, and
//! tables without rules from where their columns start; pages without text read by `ocr`), with
//! running headers, footers and page numbers removed, pages joined (a paragraph running over a
//! page break stays one), paragraphs rebuilt from layout lines with words hyphenated at line ends
//! joined again, and the result read as plain text, a paragraph per line.

use std::collections::HashMap;

use super::ocr::{Ocr, OcrError};
use super::pdf_draw::{Collector, Glyph, Page};
use super::pdf_layout::{column_stops, lay_out, lines, Line};
use super::pdf_ruled;

/// Whether the bytes are a PDF.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// How a PDF's text was read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reading {
    /// Its text layer, as lines and paragraphs.
    TextLayer,
    /// Its text layer, with tables read from the lines the pages draw.
    RuledTable,
    /// Its text layer, with tables read from where the text stands.
    TableByPosition,
    /// Pages without a text layer read by OCR, with the engine's mean word confidence (0 to 100):
    /// `scanned` of its `pages`, the others read from their text layer with `rest`'s tables.
    Ocr { confidence: f64, scanned: usize, pages: usize, rest: Tables },
}

impl Reading {
    /// How the document was read, as `docs` and `show` say it: "pdf (ruled table)".
    pub fn format(self) -> String {
        match self {
            Reading::TextLayer => "pdf (text layer)".into(),
            Reading::RuledTable => "pdf (ruled table)".into(),
            Reading::TableByPosition => "pdf (table by position)".into(),
            Reading::Ocr { confidence, scanned, pages, rest } if scanned < pages => {
                let rest = match rest {
                    Tables::None => "text layer",
                    Tables::Ruled => "ruled table",
                    Tables::ByPosition => "table by position",
                };
                format!("pdf ({rest}; OCR of {scanned} of {pages} pages), mean confidence {confidence:.0}%")
            }
            Reading::Ocr { confidence, .. } => format!("pdf (OCR), mean confidence {confidence:.0}%"),
        }
    }
}

/// Why a PDF cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    #[error("{0}")]
    Unreadable(String),
    #[error(transparent)]
    Ocr(#[from] OcrError),
}

/// A PDF, read.
#[derive(Debug, Clone)]
pub struct Read {
    pub text: String,
    pub blocks: Vec<crate::model::Block>,
    pub reading: Reading,
    /// Pages with no text layer left unread (OCR is not installed), by number from 1.
    pub unread: Vec<u32>,
}

/// The document's blocks, with its text and how it was read. Pages without a text layer are
/// read by OCR where it is installed. Its content inflates to at most `max_bytes`
/// ([`super::pdf_guard`]).
pub fn read(bytes: &[u8], ocr: Ocr, name: &str, max_bytes: u64) -> Result<Read, PdfError> {
    let (text, reading, unread) = to_text_with(bytes, Some((ocr, name)), max_bytes)?;
    let blocks = super::table::read_laid_out(&text);
    Ok(Read { text, blocks, reading, unread })
}

/// What each page draws, page by page. A page the interpreter cannot read (it can panic on
/// malformed content) is a page with nothing on it. A PDF past the bounds of
/// [`super::pdf_guard`] (content inflating past `max_bytes`, forms that draw themselves) is
/// refused before any pass over it.
pub fn pages(bytes: &[u8], max_bytes: u64) -> Result<Vec<Page>, String> {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    super::pdf_guard::before_load(bytes, max_bytes).map_err(|e| e.to_string())?;
    let mut doc = catch_unwind(|| pdf_extract::Document::load_mem(bytes))
        .map_err(|_| "the PDF could not be parsed".to_string())?
        .map_err(|e| format!("no text could be extracted: {e}"))?;
    super::pdf_guard::check(&mut doc, max_bytes).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (n, id) in doc.get_pages() {
        let mut collector = Collector::default();
        let read = catch_unwind(AssertUnwindSafe(|| pdf_extract::output_doc_page(&doc, &mut collector, n)));
        let mut page = match read {
            Ok(Ok(())) => collector.pages.pop().unwrap_or_default(),
            _ => Page::default(),
        };
        if !page.glyphs.is_empty() {
            let height = collector.height;
            page.rules =
                catch_unwind(AssertUnwindSafe(|| super::pdf_paths::rules(&doc, id, height))).unwrap_or_default();
        }
        out.push(page);
    }
    Ok(out)
}

/// The document's text, a line per line of the page, paragraphs separated by blank lines, and
/// how it was read (without OCR).
pub fn to_text(bytes: &[u8]) -> Result<(String, Reading), PdfError> {
    let max_bytes = crate::listing::DEFAULT_MAX_FILE_MB * 1024 * 1024;
    let (text, reading, unread) = to_text_with(bytes, None, max_bytes)?;
    if !unread.is_empty() && text.trim().is_empty() {
        return Err(OcrError::Missing.into());
    }
    Ok((text, reading))
}

/// [`to_text`], pages without a text layer read by OCR if it is asked for (with the file's name,
/// for its progress); and the pages left unread.
fn to_text_with(
    bytes: &[u8],
    ocr: Option<(Ocr, &str)>,
    max_bytes: u64,
) -> Result<(String, Reading, Vec<u32>), PdfError> {
    let pages = pages(bytes, max_bytes).map_err(PdfError::Unreadable)?;
    let blank: Vec<u32> = (1u32..)
        .zip(&pages)
        .filter(|(_, p)| p.glyphs.iter().all(|g| g.text.trim().is_empty()))
        .map(|(n, _)| n)
        .collect();
    let scanned = match ocr.filter(|_| !blank.is_empty()) {
        None => None,
        Some((ocr, name)) => match super::ocr::read(bytes, &blank, ocr, name) {
            Ok(read) => Some(read),
            // Pages with text are read all the same; the blank ones are said to be unread.
            Err(OcrError::Missing) if blank.len() < pages.len() => None,
            Err(e) => return Err(e.into()),
        },
    };
    let (mut texts, tables) = document_text(&pages);
    let mut unread = Vec::new();
    match &scanned {
        Some(read) => {
            for (n, text) in &read.pages {
                if let Some(t) = texts.get_mut(*n as usize - 1) {
                    t.clone_from(text);
                }
            }
        }
        None => unread = blank,
    }
    let text = drop_repeated_headers(&unwrap_paragraphs(&join_pages(&texts)));
    if text.trim().is_empty() {
        if !unread.is_empty() {
            return Err(OcrError::Missing.into());
        }
        return Err(PdfError::Unreadable("no text in it".to_string()));
    }
    let reading = match (scanned, tables) {
        (Some(read), rest) => {
            Reading::Ocr { confidence: read.confidence, scanned: read.pages.len(), pages: texts.len(), rest }
        }
        (None, Tables::None) => Reading::TextLayer,
        (None, Tables::Ruled) => Reading::RuledTable,
        (None, Tables::ByPosition) => Reading::TableByPosition,
    };
    Ok((text, reading, unread))
}

/// How a document's tables were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tables {
    /// No table: the text layer's lines.
    None,
    /// From the lines the pages draw.
    Ruled,
    /// From where the text stands.
    ByPosition,
}

/// Every page as text (see [`super::pdf_layout::page_text`]), and how its tables were found.
/// Tables the page draws are read from their grid (`pdf_ruled`) and the rest of the page as its
/// lines; among those, table columns are found over the whole document, so that a table going on
/// over a page break keeps its columns on a page holding only a row or two.
pub fn document_text(pages: &[Page]) -> (Vec<String>, Tables) {
    let ruled = pdf_ruled::over_pages(pages.iter().map(|p| pdf_ruled::tables(&p.rules, &p.glyphs)).collect());
    let prose: Vec<Vec<Line>> = pages
        .iter()
        .zip(&ruled)
        .map(|(p, tables)| {
            let outside: Vec<Glyph> =
                p.glyphs.iter().filter(|g| !tables.iter().any(|t| t.table.holds(g))).cloned().collect();
            lines(&outside)
        })
        .collect();
    let all: Vec<Line> = prose.iter().flatten().cloned().collect();
    let stops = column_stops(&all);
    let mut how = if ruled.iter().flatten().any(|t| !t.table.rows.is_empty()) { Tables::Ruled } else { Tables::None };
    let texts = prose
        .iter()
        .zip(&ruled)
        .map(|(lines, tables)| {
            let mut out = String::new();
            let mut rest: &[Line] = lines;
            for t in tables {
                let before = rest.iter().take_while(|l| l.y < t.table.top).count();
                out.push_str(&lay_out(&rest[..before], stops.clone()));
                out.push('\n');
                out.push_str(&t.text());
                out.push('\n');
                rest = &rest[before..];
            }
            out.push_str(&lay_out(rest, stops.clone()));
            out
        })
        .collect::<Vec<_>>();
    if how == Tables::None && texts.iter().any(|t| t.lines().any(|l| l.contains('\t'))) {
        how = Tables::ByPosition;
    }
    (texts, how)
}

/// Drops a table's header row (a row of cells without markup) where it stands again, repeated at
/// the top of a page.
fn drop_repeated_headers(text: &str) -> String {
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
fn unwrap_paragraphs(text: &str) -> String {
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
    !words.is_empty()
        && words.len() <= 4
        && words.iter().any(|w| w.chars().all(|c| c.is_ascii_digit()))
        && words.iter().all(|w| w.chars().all(|c| c.is_ascii_digit()) || w == "page" || w == "of")
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
fn join_pages(pages: &[String]) -> String {
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
            if !(is_page_number(l) || (edge && running(l))) {
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
        for l in ["Recommendation 7", "7 victims were referred", "2021"] {
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

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(to_text(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n").is_err());
        assert!(to_text(b"%PDF-").is_err());
    }
}
