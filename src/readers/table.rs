//! Table export reader: tab-separated rows whose cells hold HTML (spreadsheet exports, tables
//! pasted from PDFs) and comma-separated files (quoted cells may hold commas and line breaks), with
//! prose lines before or after the table kept as plain blocks.

use super::columns::{columns_from_header, default_columns};
use super::html;
use crate::model::{Block, Cell, Column};
use crate::normalize::collapse_whitespace;

/// A line is a table row when it holds a tab or starts with markup.
fn is_row(line: &str) -> bool {
    line.contains('\t') || line.trim_start().starts_with('<')
}

fn has_markup(s: &str) -> bool {
    let t = s.trim_start();
    t.starts_with('<') || t.contains("</")
}

/// Whether a text is a table export: at least two lines with tabs, one of them with markup, or
/// the first of them a header naming a recommendation and a response column (a plain spreadsheet
/// export: No. | Recommendation | Response | Status).
pub fn looks_like_table(text: &str) -> bool {
    let tabbed: Vec<&str> = text.lines().filter(|l| l.contains('\t') && !l.trim().is_empty()).collect();
    let named_header = || {
        let kinds = columns_from_header(&tabbed[0].split('\t').collect::<Vec<_>>());
        kinds.contains(&Column::Recommendation) && kinds.contains(&Column::Response)
    };
    tabbed.len() >= 2 && (tabbed.iter().any(|l| has_markup(l)) || named_header())
}

/// A table row with a different number of cells from the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ragged {
    pub line: u32,
    pub cells: usize,
    pub expected: usize,
}

/// Rows (lines with a tab) whose number of cells differs from the header's, or, without a header,
/// from the most common number.
pub fn ragged_rows(text: &str) -> Vec<Ragged> {
    let rows: Vec<(u32, Vec<&str>)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains('\t'))
        .map(|(i, l)| (i as u32 + 1, l.split('\t').collect()))
        .collect();
    let Some((_, first)) = rows.first() else { return Vec::new() };
    let expected = if !first.iter().any(|c| has_markup(c)) {
        first.len()
    } else {
        let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for (_, cells) in &rows {
            *counts.entry(cells.len()).or_default() += 1;
        }
        counts.into_iter().max_by_key(|&(n, c)| (c, std::cmp::Reverse(n))).map_or(0, |(n, _)| n)
    };
    rows.into_iter()
        .filter(|(_, cells)| cells.len() != expected)
        .map(|(line, cells)| Ragged { line, cells: cells.len(), expected })
        .collect()
}

/// Reads a text a conversion laid out (a PDF's or Word document's): as a table export when it
/// has rows, else as lines of prose.
pub fn read_laid_out(text: &str) -> Vec<Block> {
    if looks_like_table(text) {
        read(text)
    } else {
        super::text::read(text)
    }
}

pub fn read(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut rows = Rows::default();
    for (i, line) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        if line.trim().is_empty() {
            continue;
        }
        if !is_row(line) {
            out.push(Block::plain(collapse_whitespace(line), line_no));
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        rows.push(&mut out, &cells, line.contains('\t'), line_no);
    }
    out
}

/// The rows of a table being read: the columns its header named, and how many rows so far.
#[derive(Default)]
struct Rows {
    columns: Option<Vec<Column>>,
    row: u32,
}

impl Rows {
    /// Reads one row's cells (HTML or plain) into blocks: the first row without markup that may
    /// be a header names the columns; without a header, the first is the recommendation and the
    /// second the response.
    fn push(&mut self, out: &mut Vec<Block>, cells: &[&str], may_be_header: bool, line_no: u32) {
        let header = self.columns.is_none() && may_be_header && !cells.iter().any(|c| has_markup(c));
        if header {
            self.columns = Some(columns_from_header(cells));
        }
        let kinds = self.columns.clone().unwrap_or_else(|| default_columns(cells.len()));
        self.row += 1;
        for (col, raw) in cells.iter().enumerate() {
            let kind = kinds.get(col).copied().unwrap_or(Column::Other);
            let cell = Cell { row: self.row, column: col as u32, kind, header };
            for mut block in html::read_fragment(raw, line_no) {
                block.cell = Some(cell);
                out.push(block);
            }
        }
    }
}

/// Reads a comma-separated file: a record of one field is a line of prose, the first record of
/// several fields without markup is the header naming the columns, and every other record a row.
pub fn read_csv(text: &str) -> Vec<Block> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut rows = Rows::default();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // A record the parser cannot take (not expected: the text is UTF-8 and records may
            // differ in length): what it read so far stands, and the rest is read as prose.
            Err(e) => {
                let at = e.position().map_or(text.len(), |p| p.byte() as usize).min(text.len());
                let line = text[..at].lines().count() as u32;
                let rest = text.get(at..).unwrap_or_default();
                out.extend(super::text::read(rest).into_iter().map(|mut b| {
                    b.line += line;
                    b
                }));
                break;
            }
        }
        let line_no = record.position().map_or(1, |p| p.line() as u32);
        let cells: Vec<&str> = record.iter().collect();
        if cells.len() <= 1 {
            let prose = collapse_whitespace(cells.first().copied().unwrap_or_default());
            if !prose.is_empty() {
                out.push(Block::plain(prose, line_no));
            }
            continue;
        }
        rows.push(&mut out, &cells, true, line_no);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_the_columns() {
        let text = "REF\tSUPER-COMPLAINT RECOMMENDATION\tPROVIDED BY\tSYP RESPONSE\n#1\t<p>Recommendation 1</p>\t<p>DCI X</p>\t<p>We act.</p> <p>We check.</p>\n";
        let blocks = read(text);
        let got: Vec<(&str, Column, bool, u32)> =
            blocks.iter().map(|b| (b.text.as_str(), b.cell.unwrap().kind, b.cell.unwrap().header, b.line)).collect();
        assert_eq!(
            got,
            [
                ("REF", Column::Number, true, 1),
                ("SUPER-COMPLAINT RECOMMENDATION", Column::Recommendation, true, 1),
                ("PROVIDED BY", Column::Other, true, 1),
                ("SYP RESPONSE", Column::Response, true, 1),
                ("#1", Column::Number, false, 2),
                ("Recommendation 1", Column::Recommendation, false, 2),
                ("DCI X", Column::Other, false, 2),
                ("We act.", Column::Response, false, 2),
                ("We check.", Column::Response, false, 2),
            ]
        );
        assert!(looks_like_table(&format!("{text}#2\t<p>x</p>\n")));
        // A plain spreadsheet export, no markup: its header names the columns.
        assert!(looks_like_table("No.\tRecommendation\tResponse\tStatus\n1\tDo this.\tDone.\tComplete\n"));
        assert!(!looks_like_table("Name\tScore\nKent\t4\n"), "tabs alone make no table");
    }

    #[test]
    fn rows_with_the_wrong_number_of_cells_are_found_and_read() {
        let text = "Recommendation\tResponse\n<p>Rec 1</p>\t<p>We act.</p>\t<p>Stray cell.</p>\n<p>Rec 4</p>\n<p>Rec 5</p>\t<p>We check.</p>\n";
        assert_eq!(ragged_rows(text), [Ragged { line: 2, cells: 3, expected: 2 }]);
        let texts: Vec<String> = read(text).into_iter().map(|b| b.text).collect();
        assert!(texts.contains(&"Stray cell.".to_string()) && texts.contains(&"We check.".to_string()));
        let headless = "<p>a</p>\t<p>b</p>\n<p>c</p>\t<p>d</p>\n<p>e</p>\t<p>f</p>\t<p>g</p>\n";
        assert_eq!(ragged_rows(headless), [Ragged { line: 3, cells: 3, expected: 2 }]);
    }

    #[test]
    fn a_csv_export_is_read_by_its_header_with_quoted_commas_and_line_breaks() {
        let text = "A tracker of the recommendations.\nNo.,Recommendation,Response,Status\n1,\"Stop sharing, at once.\",\"We stopped.\n\nWe checked, twice.\",Complete\n";
        let got: Vec<(String, Option<Column>, u32)> =
            read_csv(text).into_iter().map(|b| (b.text, b.cell.map(|c| c.kind), b.line)).collect();
        let want = |t: &str, k: Option<Column>, l: u32| (t.to_string(), k, l);
        assert_eq!(got[0], want("A tracker of the recommendations.", None, 1));
        assert!(got.contains(&want("Recommendation", Some(Column::Recommendation), 2)), "{got:?}");
        assert!(got.contains(&want("Stop sharing, at once.", Some(Column::Recommendation), 3)), "{got:?}");
        assert!(got.iter().any(|g| g.0.contains("We checked, twice.") && g.1 == Some(Column::Response)), "{got:?}");
        assert!(got.contains(&want("Complete", Some(Column::Status), 3)), "{got:?}");
        // Nothing is lost to a quote left open.
        let open = "No.,Recommendation,Response\n1,\"Stop.,We stopped.\n";
        assert!(read_csv(open).iter().any(|b| b.text.contains("We stopped.")));
    }

    #[test]
    fn prose_lines_around_the_table_stay_plain() {
        let text = "Preamble line.\n\n<p>Rec</p>\t<p>Resp</p>\n\nClosing line.\n";
        let blocks = read(text);
        assert_eq!(blocks[0].cell, None);
        assert_eq!(blocks[1].cell.unwrap().kind, Column::Recommendation);
        assert_eq!(blocks[2].cell.unwrap().kind, Column::Response);
        assert_eq!((blocks[3].text.as_str(), blocks[3].cell, blocks[3].line), ("Closing line.", None, 5));
    }
}
