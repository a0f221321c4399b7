//! PDF reader: the text of each page (what it draws from `pdf_draw` and `pdf_paths`; tables
//! read from their ruling lines by `pdf_ruled`, the rest laid out by `pdf_layout`: lines, and
//! tables without rules from where their columns start; pages without text read by `ocr`), with
//! running headers, footers and page numbers removed, pages joined (a paragraph running over a
//! page break stays one), paragraphs rebuilt from layout lines with words hyphenated at line ends
//! joined again (`hyphens`), and the result read as plain text, a paragraph per line.

use super::ocr::{Ocr, OcrError};
use super::pdf_columns::{in_reading_order, prose_columns};
use super::pdf_draw::{Collector, Glyph, Page};
use super::pdf_furniture;
use super::pdf_layout::{answers, column_stops, lay_out, lines, Line, CELL_SEPARATOR};
use super::pdf_misread::{characters_lost, codes_not_text, letters_apart, rescue, Misread};
use super::pdf_pages::{drop_repeated_headers, join_pages, unwrap_paragraphs};
use super::pdf_ruled;

/// Whether the bytes are a PDF.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// How a PDF's text was read: how its tables were found, which pages were read by OCR, and which
/// were turned or read column by column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub tables: Tables,
    /// Pages without a text layer read by OCR, with the engine's mean word confidence (0 to 100).
    pub ocr: Option<OcrPages>,
    /// How many pages it has.
    pub pages: usize,
    /// Pages whose text runs up, down or upside down (a table set sideways), turned to be read.
    pub turned: usize,
    /// Pages of prose set in columns, read column by column.
    pub columns: usize,
    /// Fonts without a Unicode map, given one from the font they embed.
    pub decoded: usize,
    /// Pages with text in a font whose characters cannot be told, that text left unread (OCR
    /// not installed).
    pub unmapped: usize,
    /// Whether lopdf could not parse it, and it was read by `pdftotext` instead.
    pub fallback: bool,
    /// Pages where the interpreter found no text and `pdftotext` did, read by it.
    pub rescued: usize,
}

/// The pages OCR read: `scanned` of them, with Tesseract's mean word confidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OcrPages {
    pub confidence: f64,
    pub scanned: usize,
}

fn pages_named(n: usize) -> String {
    format!("{n} page{}", if n == 1 { "" } else { "s" })
}

impl Reading {
    /// How the document was read, as `docs` and `show` say it: "pdf (ruled table)", "pdf (text
    /// layer; rotated text on 2 pages)", "pdf (ruled table; OCR of 1 of 3 pages), mean confidence
    /// 91%".
    pub fn format(self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let all_scanned = self.ocr.is_some_and(|o| o.scanned >= self.pages);
        parts.push(
            match (all_scanned, self.tables) {
                (true, _) => "OCR",
                (false, Tables::None) => "text layer",
                (false, Tables::Ruled) => "ruled table",
                (false, Tables::ByPosition) => "table by position",
            }
            .to_string(),
        );
        if let Some(o) = self.ocr.filter(|_| !all_scanned) {
            parts.push(format!("OCR of {} of {} pages", o.scanned, self.pages));
        }
        if self.turned > 0 {
            parts.push(format!("rotated text on {}", pages_named(self.turned)));
        }
        if self.decoded > 0 {
            let s = if self.decoded == 1 { "" } else { "s" };
            parts.push(format!("{} font{s} without a Unicode map decoded from the font itself", self.decoded));
        }
        if self.unmapped > 0 {
            parts.push(format!("text in a font without a Unicode map unread on {}", pages_named(self.unmapped)));
        }
        if self.columns > 0 {
            parts.push(format!("prose in columns on {}", pages_named(self.columns)));
        }
        if self.fallback {
            parts.push("read by pdftotext (fallback)".to_string());
        }
        if self.rescued > 0 {
            parts.push(format!("{} read by pdftotext (fallback)", pages_named(self.rescued)));
        }
        let confidence = self.ocr.map(|o| format!(", mean confidence {:.0}%", o.confidence)).unwrap_or_default();
        format!("pdf ({}){confidence}", parts.join("; "))
    }
}

/// How to have pages read by OCR.
pub const INSTALL_OCR: &str = "install tesseract and pdftoppm (Debian: apt-get install tesseract-ocr poppler-utils)";

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
    /// Pages with text in a font whose characters cannot be told, that text left unread (OCR is
    /// not installed), and the fonts.
    pub unmapped: Vec<u32>,
    pub unmapped_fonts: Vec<String>,
    /// Why lopdf could not parse it, when it was read by `pdftotext` instead.
    pub unparsed: Option<String>,
    /// Pages (from 1) the PDF library misread, read by `pdftotext` instead, and how they were
    /// misread.
    pub rescued: Vec<(u32, Misread)>,
}

/// The document's blocks, with its text and how it was read. Pages without a text layer are
/// read by OCR where it is installed. Its content inflates to at most `max_bytes`
/// ([`super::pdf_guard`]).
pub fn read(bytes: &[u8], ocr: Ocr, name: &str, max_bytes: u64) -> Result<Read, PdfError> {
    let mut read = to_text_with(bytes, Some((ocr, name)), max_bytes)?;
    read.blocks = super::table::read_laid_out(&read.text);
    Ok(read)
}

/// A document's pages, and the fonts without a Unicode map given one from the font they embed.
pub struct Drawn {
    pub pages: Vec<Page>,
    pub decoded: Vec<String>,
    /// Why lopdf could not parse it, when its pages are those `pdftotext` read.
    pub unparsed: Option<String>,
    /// Pages (from 1) the PDF library misread, read by `pdftotext` instead, and how they were
    /// misread.
    pub rescued: Vec<(u32, Misread)>,
}

/// What each page draws, page by page. A page the interpreter cannot read (it can panic on
/// malformed content) is a page with nothing on it. A PDF past the bounds of
/// [`super::pdf_guard`] (content inflating past `max_bytes`, forms that draw themselves) is
/// refused before any pass over it. A PDF lopdf cannot parse is read by `pdftotext`
/// ([`super::pdf_poppler`]) where it is installed.
pub fn pages(bytes: &[u8], max_bytes: u64) -> Result<Drawn, String> {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    super::pdf_guard::before_load(bytes, max_bytes).map_err(|e| e.to_string())?;
    let loaded = catch_unwind(|| pdf_extract::Document::load_mem(bytes))
        .map_err(|_| "its structure is malformed".to_string())
        .and_then(|doc| doc.map_err(|e| e.to_string()));
    let mut doc = match loaded {
        Ok(doc) => doc,
        Err(why) => return fallback(bytes, max_bytes, why),
    };
    super::pdf_guard::check(&mut doc, max_bytes).map_err(|e| e.to_string())?;
    super::pdf_forms::write_out_forms(&mut doc);
    super::pdf_fonts::expand_width_ranges(&mut doc);
    super::pdf_fonts::map_cff_encodings(&mut doc);
    let mapped = super::pdf_fonts::map_unmapped(&mut doc);
    let mut out = Vec::new();
    let mut misread = Vec::new();
    for (n, id) in doc.get_pages() {
        let mut collector = Collector::default();
        let read = catch_unwind(AssertUnwindSafe(|| pdf_extract::output_doc_page(&doc, &mut collector, n)));
        let mut page = match read {
            Ok(Ok(())) => collector.pages.pop().unwrap_or_default(),
            _ => Page::default(),
        };
        if page.glyphs.iter().all(|g| g.text.trim().is_empty()) {
            misread.push((out.len(), Misread::NoText));
        }
        if !page.glyphs.is_empty() {
            let (width, height) = (collector.width, collector.height);
            page.rules =
                catch_unwind(AssertUnwindSafe(|| super::pdf_paths::rules(&doc, id, height))).unwrap_or_default();
            turn_upright(&mut page, width, height);
            let names: Vec<String> = doc.get_page_fonts(id).map_or_else(
                |_| Vec::new(),
                |fonts| {
                    let names = fonts.values().filter_map(|f| f.get(b"BaseFont").ok()?.as_name().ok());
                    names.map(|n| String::from_utf8_lossy(n).into_owned()).collect()
                },
            );
            // A font whose text comes out as other letters first: it decides what is done.
            page.unmapped_font = names
                .iter()
                .find(|n| mapped.garbled.contains(n))
                .or_else(|| names.iter().find(|n| mapped.unreadable.contains(n)))
                .cloned();
            page.garbled = page.unmapped_font.as_ref().is_some_and(|f| mapped.garbled.contains(f));
            // Codes no text holds (the fonts' own numbers for their glyphs, given as they are), or
            // characters drawn as nothing (a font the library cannot map): read by pdftotext or
            // OCR, or said to be left unread. Codes are never indexed; what is lost is lost alone,
            // the rest of the page stands.
            let why = if codes_not_text(&page.glyphs) {
                Some(Misread::Codes)
            } else {
                characters_lost(&page.glyphs).then_some(Misread::Lost)
            };
            if let Some(why) = why.filter(|_| page.unmapped_font.is_none()) {
                // The font to name: one without a Unicode map for codes; for characters drawn as
                // nothing, a composite font (the kind whose map can be missing or empty).
                let suspect = |f: &&&lopdf::Dictionary| match why {
                    Misread::Codes => !f.has(b"ToUnicode"),
                    _ => f.get(b"Subtype").and_then(|s| s.as_name()).is_ok_and(|s| s == b"Type0"),
                };
                let unmapped = doc.get_page_fonts(id).ok().and_then(|fonts| {
                    let name = fonts.values().find(suspect)?.get(b"BaseFont").ok()?.as_name().ok()?;
                    Some(String::from_utf8_lossy(name).into_owned())
                });
                page.unmapped_font = unmapped.or_else(|| names.first().cloned()).or(Some("unnamed".to_string()));
                page.garbled = why == Misread::Codes;
                misread.push((out.len(), why));
            }
        }
        for g in &mut page.glyphs {
            g.text.retain(|c| !c.is_control() || c.is_whitespace());
        }
        if !page.garbled && letters_apart(&page.glyphs) {
            misread.push((out.len(), Misread::LettersApart));
        }
        out.push(page);
    }
    let rescued = rescue(bytes, max_bytes, &mut out, &misread);
    Ok(Drawn { pages: out, decoded: mapped.decoded, unparsed: None, rescued })
}

/// The pages of a PDF lopdf cannot parse (`why`), read by `pdftotext`; or why it cannot be read.
fn fallback(bytes: &[u8], max_bytes: u64, why: String) -> Result<Drawn, String> {
    use super::pdf_poppler::Fallback;
    match super::pdf_poppler::pages(bytes, max_bytes) {
        Ok(pages) => Ok(Drawn { pages, decoded: Vec::new(), unparsed: Some(why), rescued: Vec::new() }),
        Err(Fallback::Missing) => Err(format!(
            "it cannot be parsed ({why}); to read it with poppler's pdftotext as a fallback, install poppler-utils"
        )),
        Err(Fallback::Failed(failed)) => Err(format!("it cannot be parsed ({why}), and {failed}")),
    }
}

/// Turns a page so that most of its text runs left to right (a table set sideways is read as
/// it is printed): its rules are turned with it. Text running another way (a label set up the
/// side of a page) is read after the rest, as lines of its own.
fn turn_upright(page: &mut Page, width: f64, height: f64) {
    let mut counts = [0usize; 4];
    for g in &page.glyphs {
        counts[usize::from(g.turn % 4)] += 1;
    }
    if counts[0] == page.glyphs.len() {
        return;
    }
    let main = (0..4u8).max_by_key(|&t| (counts[usize::from(t)], std::cmp::Reverse(t))).unwrap_or(0);
    if main != 0 {
        for r in &mut page.rules {
            let a = super::pdf_draw::upright(main, r.x0, height - r.y0, width, height);
            let b = super::pdf_draw::upright(main, r.x1, height - r.y1, width, height);
            *r = super::pdf_draw::Rule { x0: a.0.min(b.0), y0: a.1.min(b.1), x1: a.0.max(b.0), y1: a.1.max(b.1) };
        }
    }
    let mut glyphs: Vec<Glyph> = page.glyphs.iter().filter(|g| g.turn == main).cloned().collect();
    for turn in (0..4u8).filter(|&t| t != main && counts[usize::from(t)] > 0) {
        let below = glyphs.iter().map(|g| g.y).chain(page.rules.iter().map(|r| r.y1)).fold(0.0, f64::max);
        let offset = below + width.max(height);
        glyphs.extend(page.glyphs.iter().filter(|g| g.turn == turn).map(|g| Glyph { y: g.y + offset, ..g.clone() }));
    }
    page.glyphs = glyphs;
    page.turned = main != 0;
}

/// The document's text, a line per line of the page, paragraphs separated by blank lines, and
/// how it was read (without OCR).
pub fn to_text(bytes: &[u8]) -> Result<(String, Reading), PdfError> {
    let max_bytes = crate::listing::DEFAULT_MAX_FILE_MB * 1024 * 1024;
    let read = to_text_with(bytes, None, max_bytes)?;
    if !read.unread.is_empty() && read.text.trim().is_empty() {
        return Err(OcrError::Missing.into());
    }
    Ok((read.text, read.reading))
}

/// [`to_text`], pages without a text layer, or drawn in a font whose characters cannot be told,
/// read by OCR if it is asked for (with the file's name, for its progress); and the pages left
/// unread.
fn to_text_with(bytes: &[u8], ocr: Option<(Ocr, &str)>, max_bytes: u64) -> Result<Read, PdfError> {
    let Drawn { pages, decoded, unparsed, rescued } = pages(bytes, max_bytes).map_err(PdfError::Unreadable)?;
    let numbered = || (1u32..).zip(&pages);
    let blank: Vec<u32> =
        numbered().filter(|(_, p)| p.glyphs.iter().all(|g| g.text.trim().is_empty())).map(|(n, _)| n).collect();
    let garbled: Vec<u32> =
        numbered().filter(|(n, p)| p.unmapped_font.is_some() && !blank.contains(n)).map(|(n, _)| n).collect();
    let mut for_ocr: Vec<u32> = blank.iter().chain(&garbled).copied().collect();
    for_ocr.sort_unstable();
    let scanned = match ocr.filter(|_| !for_ocr.is_empty()) {
        None => None,
        Some((ocr, name)) => match super::ocr::read(bytes, &for_ocr, ocr, name) {
            Ok(read) => Some(read),
            // Pages with text are read all the same; the others are said to be unread.
            Err(OcrError::Missing) if for_ocr.len() < pages.len() || !garbled.is_empty() => None,
            Err(e) => return Err(e.into()),
        },
    };
    let laid = document_text(&pages);
    let mut texts = laid.texts;
    let (mut unread, mut unmapped) = (Vec::new(), Vec::new());
    match &scanned {
        Some(read) => {
            for (n, text) in &read.pages {
                if let Some(t) = texts.get_mut(*n as usize - 1) {
                    t.clone_from(text);
                }
            }
        }
        // Text in a font whose characters cannot be told is never indexed as words: a page
        // where it comes out as other letters is left unread; where it comes out as nothing,
        // the rest of the page stands.
        None => {
            for n in &garbled {
                if pages[*n as usize - 1].garbled {
                    texts[*n as usize - 1].clear();
                }
            }
            (unread, unmapped) = (blank, garbled);
        }
    }
    let mut unmapped_fonts: Vec<String> =
        unmapped.iter().filter_map(|n| pages[*n as usize - 1].unmapped_font.clone()).collect();
    unmapped_fonts.dedup();
    let text = super::hyphens::resolve(&drop_repeated_headers(&unwrap_paragraphs(&join_pages(&texts))));
    if text.trim().is_empty() {
        if !unmapped.is_empty() {
            return Err(PdfError::Unreadable(format!(
                "its text is drawn in a font without a Unicode map ({}), whose characters cannot be told; to read it by OCR, {}",
                unmapped_fonts.join(", "),
                INSTALL_OCR
            )));
        }
        if !unread.is_empty() {
            return Err(OcrError::Missing.into());
        }
        return Err(PdfError::Unreadable("no text in it".to_string()));
    }
    let reading = Reading {
        tables: laid.tables,
        ocr: scanned.map(|read| OcrPages { confidence: read.confidence, scanned: read.pages.len() }),
        pages: pages.len(),
        turned: pages.iter().filter(|p| p.turned).count(),
        columns: laid.columns,
        decoded: decoded.len(),
        unmapped: unmapped.len(),
        fallback: unparsed.is_some(),
        rescued: rescued.len(),
    };
    Ok(Read { text, blocks: Vec::new(), reading, unread, unmapped, unmapped_fonts, unparsed, rescued })
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

/// A document's pages as text, and how they were laid out.
pub struct Laid {
    pub texts: Vec<String>,
    pub tables: Tables,
    /// Pages of prose set in columns.
    pub columns: usize,
}

/// Every page as text (see [`super::pdf_layout::page_text`]), and how its tables were found.
/// Tables the page draws are read from their grid (`pdf_ruled`) and the rest of the page as its
/// lines; among those, table columns are found over the whole document, so that a table going on
/// over a page break keeps its columns on a page holding only a row or two.
pub fn document_text(pages: &[Page]) -> Laid {
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
    // Pages of prose set in columns are read column by column, and take no part in finding a
    // table's columns.
    let prose: Vec<(Vec<Line>, bool)> = prose
        .into_iter()
        .map(|lines| match prose_columns(&lines) {
            Some(stops) => (in_reading_order(&lines, &stops), true),
            None => (lines, false),
        })
        .collect();
    // A running header or footer set in parts (a date on the left, a title in the middle) is no
    // table row: the table's columns are found without it. Whether the table answers
    // recommendations is told from every line, a header row repeated on each page among them.
    let texts: Vec<Vec<String>> = prose.iter().map(|(lines, _)| lines.iter().map(Line::text).collect()).collect();
    let running = pdf_furniture::running_shapes(
        &texts.iter().map(|page| page.iter().map(String::as_str).collect::<Vec<_>>()).collect::<Vec<_>>(),
    );
    let furniture =
        |i: usize, n: usize, text: &str| pdf_furniture::at_edge(i, n) && running.contains(&pdf_furniture::shape(text));
    let all: Vec<Line> = prose.iter().filter(|(_, columns)| !columns).flat_map(|(l, _)| l).cloned().collect();
    let body: Vec<Line> = prose
        .iter()
        .zip(&texts)
        .filter(|((_, columns), _)| !columns)
        .flat_map(|((lines, _), texts)| {
            let n = lines.len();
            lines.iter().zip(texts).enumerate().filter(move |(i, (_, t))| !furniture(*i, n, t)).map(|(_, (l, _))| l)
        })
        .cloned()
        .collect();
    let stops = column_stops(&body);
    let answers = stops.as_ref().is_some_and(|s| answers(&all, s));
    let mut how = if ruled.iter().flatten().any(|t| !t.table.rows.is_empty()) { Tables::Ruled } else { Tables::None };
    let texts = prose
        .iter()
        .zip(&ruled)
        .map(|((lines, columns), tables)| {
            let stops = if *columns { None } else { stops.clone() };
            let mut out = String::new();
            let mut rest: &[Line] = lines;
            for t in tables {
                let before = rest.iter().take_while(|l| l.y < t.table.top).count();
                out.push_str(&lay_out(&rest[..before], stops.clone(), answers));
                out.push('\n');
                out.push_str(&t.text());
                out.push('\n');
                rest = &rest[before..];
            }
            out.push_str(&lay_out(rest, stops.clone(), answers));
            out
        })
        .collect::<Vec<_>>();
    // A table by position: rows of cells, or rows of figures written a paragraph per row.
    let figures = stops.is_some() && !answers && texts.iter().any(|t| t.contains(CELL_SEPARATOR));
    if how == Tables::None && (figures || texts.iter().any(|t| t.lines().any(|l| l.contains('\t')))) {
        how = Tables::ByPosition;
    }
    let columns = prose.iter().filter(|(_, columns)| *columns).count();
    Laid { texts, tables: how, columns }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(to_text(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n").is_err());
        assert!(to_text(b"%PDF-").is_err());
    }
}
