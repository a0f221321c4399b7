//! Format readers: turn one decoded file into blocks (candidate paragraphs with their source line
//! and layout hints). Format is decided from the content, the extension only breaks ties.

pub mod docx;
pub mod html;
pub mod pdf;
pub mod pdf_layout;
pub mod table;
pub mod text;

/// Which part of a recommendation/response table a cell belongs to, from the table's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Recommendation,
    Response,
    /// A numbered first column ("No.", "Ref", "#"): the row's recommendation number, when it is one.
    Number,
    /// A status column ("Status", "RAG", "Progress"): "Complete", "Green", not response prose.
    Status,
    /// Any other column (who provided the answer, owners, dates).
    Other,
}

/// Where a block sits in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub row: u32,
    pub column: u32,
    pub kind: Column,
    pub header: bool,
}

/// What the layout says of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hint {
    #[default]
    None,
    /// A heading element.
    Heading,
    /// Navigation, header, footer, cookie banner and the like.
    Furniture,
    /// An item of a numbered list, with its number as the document shows it (Word numbering, which
    /// is not in the text).
    Numbered(u32),
}

/// One candidate paragraph as read from a file: original wording, whitespace collapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    /// 1-based line of the source file where the block starts.
    pub line: u32,
    pub cell: Option<Cell>,
    pub hint: Hint,
}

impl Block {
    pub fn plain(text: impl Into<String>, line: u32) -> Block {
        Block { text: text.into(), line, cell: None, hint: Hint::None }
    }
}

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

/// Reads one file into blocks.
pub fn read(path: &str, text: &str) -> (Format, Vec<Block>) {
    let format = detect(path, text);
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

/// Collapses runs of whitespace to one space and trims.
pub fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
