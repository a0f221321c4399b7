//! Format readers: turn one file's bytes into blocks (candidate paragraphs with their source line
//! and layout hints). PDF and Word documents are recognised by their content and laid out by their
//! own readers; anything else is decoded to text, and its format (HTML, table export, plain text)
//! is decided from the content, the extension only breaking ties.

use crate::model::Block;

pub mod columns;
pub mod decode;
pub mod docx;
pub mod html;
pub mod html_tables;
pub mod hyphens;
pub mod inflate;
pub mod ocr;
pub mod pdf;
pub mod pdf_bidi;
pub mod pdf_cells;
pub mod pdf_cmap;
pub mod pdf_columns;
pub mod pdf_draw;
pub mod pdf_fonts;
pub mod pdf_forms;
pub mod pdf_furniture;
pub mod pdf_guard;
pub mod pdf_layout;
pub mod pdf_misread;
pub mod pdf_pages;
pub mod pdf_paths;
pub mod pdf_poppler;
pub mod pdf_raised;
pub mod pdf_rows;
pub mod pdf_ruled;
pub mod table;
pub mod text;

/// The formats echoes reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Table,
    Html,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Table => "table export",
            Format::Html => "html",
        }
    }
}

/// Decides a file's format from its content (and, for HTML, its extension).
pub fn detect(path: &str, text: &str) -> Format {
    let head: String = text.chars().take(2048).collect::<String>().to_ascii_lowercase();
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if head.trim_start().starts_with("<!doctype html") || head.contains("<html") || ext == "html" || ext == "htm" {
        Format::Html
    } else if table::looks_like_table(text) {
        Format::Table
    } else {
        Format::Text
    }
}

/// Why a file cannot be read: the reason a skipped file is reported with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("a PDF that cannot be read: {0}")]
    Pdf(String),
    /// A scanned PDF, and why OCR could not read it.
    #[error("a PDF of {0}")]
    Ocr(ocr::OcrError),
    #[error("a Word document whose text would inflate to over {0} MiB (--max-file-mb)")]
    Inflates(u64),
    /// Compressed at this ratio (to 1), past any document's.
    #[error("a Word document compressed {0} to 1, as zip bombs are (no document passes {max} to 1)", max = inflate::MAX_RATIO)]
    Ratio(u64),
    #[error("a Word document that cannot be read: {0}")]
    Docx(String),
    /// Not text echoes reads, and what it is instead.
    #[error("not text: {0}")]
    NotText(&'static str),
    #[error("empty file")]
    Empty,
    #[error("only whitespace")]
    Blank,
}

/// One file, read: its blocks, and what the reading says of it.
#[derive(Debug, Clone)]
pub struct ReadFile {
    /// How it was read: "html", "table export", "pdf (read as table export)".
    pub format: String,
    pub blocks: Vec<Block>,
    /// The encoding, when the file was not clean UTF-8.
    pub encoding: Option<&'static str>,
    /// [`content_hash`] of its text: the same text is the same document, whatever the file.
    pub content: u128,
    /// What is odd about it, one line each, naming the file (it is read all the same).
    pub notes: Vec<String>,
}

/// Reads one file's bytes into blocks. Word documents and PDF content are inflated to at most
/// `max_bytes`; PDF pages without a text layer are read by OCR (cached as `ocr` says). `Err` is
/// why the file cannot be read.
pub fn read_file(path: &str, bytes: &[u8], max_bytes: u64, ocr: ocr::Ocr) -> Result<ReadFile, ReadError> {
    let mut notes = Vec::new();
    let (text, format, blocks, encoding) = if pdf::is_pdf(bytes) {
        let read = pdf::read(bytes, ocr, path, max_bytes).map_err(|e| match e {
            pdf::PdfError::Unreadable(why) => ReadError::Pdf(why),
            pdf::PdfError::Ocr(why) => ReadError::Ocr(why),
        })?;
        if let Some(why) = &read.unparsed {
            notes.push(format!(
                "{path}: cannot be parsed ({why}); read by pdftotext (fallback), tables by position only"
            ));
        }
        let mut misread: Vec<pdf_misread::Misread> = read.rescued.iter().map(|&(_, why)| why).collect();
        misread.sort_unstable();
        misread.dedup();
        for why in misread {
            let pages: Vec<String> = read.rescued.iter().filter(|r| r.1 == why).map(|r| r.0.to_string()).collect();
            notes.push(format!(
                "{path}: page(s) {} read by pdftotext (fallback): {}; tables by position only",
                pages.join(", "),
                why.said()
            ));
        }
        if !read.unread.is_empty() {
            let pages: Vec<String> = read.unread.iter().map(u32::to_string).collect();
            notes.push(format!("{path}: page(s) {} left unread: {}", pages.join(", "), ocr::OcrError::Missing));
        }
        if !read.unmapped.is_empty() {
            let pages: Vec<String> = read.unmapped.iter().map(u32::to_string).collect();
            notes.push(format!(
                "{path}: page(s) {}: text in a font without a Unicode map ({}), whose characters cannot be told, left unread; to read it by OCR, {}",
                pages.join(", "),
                read.unmapped_fonts.join(", "),
                pdf::INSTALL_OCR
            ));
        }
        (read.text, read.reading.format(), read.blocks, None)
    } else if docx::is_docx(bytes) {
        let (text, blocks) = docx::read(bytes, max_bytes).map_err(|e| match e {
            docx::DocxError::Inflates(mib) => ReadError::Inflates(mib),
            docx::DocxError::Ratio(ratio) => ReadError::Ratio(ratio),
            docx::DocxError::Unreadable(why) => ReadError::Docx(why),
        })?;
        let format = format!("docx (read as {})", laid_out(&blocks).name());
        (text, format, blocks, None)
    } else if let Some(what) = decode::sniff_binary(bytes) {
        return Err(ReadError::NotText(what));
    } else {
        let decoded = decode::decode(bytes);
        match (decoded.encoding, decoded.replaced) {
            (Some(enc), 0) => notes.push(format!("{path}: not UTF-8, decoded as {enc}")),
            (Some(enc), n) => {
                notes.push(format!("{path}: not UTF-8, decoded as {enc}; {n} undecodable byte(s) replaced"))
            }
            (None, _) => {}
        }
        let (format, blocks) = read(path, &decoded.text);
        (decoded.text, format.name().to_string(), blocks, decoded.encoding)
    };
    if text.trim().is_empty() {
        return Err(if bytes.is_empty() { ReadError::Empty } else { ReadError::Blank });
    }
    notes.extend(diagnose(path, &text));
    Ok(ReadFile { format, blocks, encoding, content: content_hash(&text), notes })
}

/// What makes two documents the same document: their text, trimmed.
pub fn content_hash(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.trim().as_bytes())
}

/// How a converted document's blocks were laid out: as a table when any block is a cell.
fn laid_out(blocks: &[Block]) -> Format {
    if blocks.iter().any(|b| b.cell.is_some()) {
        Format::Table
    } else {
        Format::Text
    }
}

/// Reads one decoded text into blocks.
pub fn read(path: &str, text: &str) -> (Format, Vec<Block>) {
    let format = detect(path, text);
    let csv = path.rsplit_once('.').is_some_and(|(_, e)| e.eq_ignore_ascii_case("csv"));
    if csv && format != Format::Html {
        return (Format::Table, table::read_csv(text));
    }
    let blocks = match format {
        Format::Text => text::read(text),
        Format::Table => table::read(text),
        Format::Html => html::read_page(text),
    };
    (format, blocks)
}

/// What is odd about a file's layout, as one-line notes (the file is read all the same): HTML
/// nested too deep to parse, table rows with more or fewer cells than the table.
pub fn diagnose(path: &str, text: &str) -> Vec<String> {
    let mut notes = Vec::new();
    if text.contains('<') {
        let depth = html::nesting_depth(text);
        if depth > html::MAX_NESTING {
            notes.push(format!("{path}: HTML elements nested {depth} deep; read with the markup removed"));
        }
    }
    if detect(path, text) == Format::Table {
        notes.extend(table::ragged_rows(text).into_iter().map(|r| {
            let what = if r.cells > r.expected {
                "the extra cells are read as further columns"
            } else {
                "the missing cells are left empty"
            };
            format!("{path}: line {} has {} cells where the table has {}; {what}", r.line, r.cells, r.expected)
        }));
    }
    notes
}
