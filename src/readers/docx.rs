//! Word (.docx) reader: the paragraphs and tables of `word/document.xml`, rewritten as the text
//! formats echoes already segments: a paragraph per line, and, where the document has tables, a
//! table row per line with its cells separated by tabs and each cell's paragraphs as `<p>`, as a
//! spreadsheet export would give them. The same segmentation then reads Word files, text and
//! table exports alike, and a paragraph's "line" is its paragraph or table row number.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::model::{Block, Hint};

/// Whether the bytes are a Word document (a zip holding `word/document.xml`).
pub fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && zip::ZipArchive::new(Cursor::new(bytes)).is_ok_and(|z| z.index_for_name("word/document.xml").is_some())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

use super::inflate::{MAX_RATIO, RATIO_FLOOR};

/// Why a Word document was not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    /// Its text would inflate past the size limit (in MiB).
    #[error("its text would inflate to over {0} MiB")]
    Inflates(u64),
    /// Its text is compressed at a ratio (to 1) that no document has: a zip bomb's.
    #[error("its text is compressed {0} to 1, past the {MAX_RATIO} to 1 of any document")]
    Ratio(u64),
    #[error("{0}")]
    Unreadable(String),
}

/// Reads one entry of the archive, never inflating more than `max_bytes` of it, nor an entry
/// whose declared size is out of proportion to its compressed size.
fn read_entry(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, max_bytes: u64) -> Result<String, DocxError> {
    let mib = max_bytes.div_ceil(1024 * 1024);
    let entry = archive.by_name(name).map_err(|e| DocxError::Unreadable(format!("no {name}: {e}")))?;
    let (size, compressed) = (entry.size(), entry.compressed_size().max(1));
    if size > max_bytes {
        return Err(DocxError::Inflates(mib));
    }
    if size > RATIO_FLOOR && size / compressed > MAX_RATIO {
        return Err(DocxError::Ratio(size / compressed));
    }
    let mut raw = Vec::new();
    // The declared size may lie: the reading itself stops past the limit.
    entry
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut raw)
        .map_err(|e| DocxError::Unreadable(format!("{name} cannot be read: {e}")))?;
    if raw.len() as u64 > max_bytes {
        return Err(DocxError::Inflates(mib));
    }
    String::from_utf8(raw).map_err(|_| DocxError::Unreadable(format!("{name} is not UTF-8 XML")))
}

/// The document's blocks, with its text (paragraphs as lines, table rows as tab-separated lines
/// of `<p>` cells). Heading styles and list numbers, which the text does not show, are given to
/// the blocks of their lines.
pub fn read(bytes: &[u8], max_bytes: u64) -> Result<(String, Vec<Block>), DocxError> {
    let (text, hints) = to_text(bytes, max_bytes)?;
    let mut blocks = super::table::read_laid_out(&text);
    let hints: HashMap<u32, Hint> = hints.into_iter().collect();
    for b in blocks.iter_mut().filter(|b| b.cell.is_none() && b.hint == Hint::None) {
        if let Some(h) = hints.get(&b.line) {
            b.hint = *h;
        }
    }
    Ok((text, blocks))
}

/// The document's text: paragraphs as lines, table rows as tab-separated lines of `<p>` cells.
/// Nothing in the archive is inflated past `max_bytes`.
pub fn to_text(bytes: &[u8], max_bytes: u64) -> Result<(String, Vec<(u32, Hint)>), DocxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocxError::Unreadable(format!("not a readable zip: {e}")))?;
    let xml = read_entry(&mut archive, "word/document.xml", max_bytes)?;
    read_document(&xml).map_err(DocxError::Unreadable)
}

/// Where the reader stands in the document's XML.
#[derive(Default)]
struct State {
    lines: Vec<String>,
    /// Layout hints of lines (1-based): heading styles, and numbered list items with their number.
    hints: Vec<(u32, Hint)>,
    /// The paragraph being read has a heading style.
    heading: bool,
    /// The paragraph being read is an item of list (numId, level).
    item: Option<(String, u32)>,
    /// Items counted so far per list and level.
    counters: std::collections::HashMap<(String, u32), u32>,
    /// Depth of tables the reader is in.
    tables: usize,
    /// The row being read: its cells, each a list of paragraphs.
    row: Vec<Vec<String>>,
    paragraph: String,
    in_text: bool,
    /// The next row ending is the first of its table.
    first_row: bool,
}

impl State {
    fn end_paragraph(&mut self) {
        let text = std::mem::take(&mut self.paragraph);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return;
        }
        let heading = std::mem::take(&mut self.heading);
        let item = self.item.take();
        if self.tables > 0 {
            match self.row.last_mut() {
                Some(cell) => cell.push(text),
                None => self.row.push(vec![text]),
            }
        } else {
            self.lines.push(text);
            let line = self.lines.len() as u32;
            if let Some((list, level)) = item {
                // An item restarts the count of the levels below it.
                self.counters.retain(|(l, lv), _| *l != list || *lv <= level);
                let n = self.counters.entry((list, level)).or_insert(0);
                *n += 1;
                self.hints.push((line, Hint::Numbered(*n)));
            } else if heading {
                self.hints.push((line, Hint::Heading));
            }
        }
    }

    fn end_row(&mut self) {
        let row = std::mem::take(&mut self.row);
        let first = std::mem::take(&mut self.first_row);
        if row.iter().all(Vec::is_empty) {
            return;
        }
        // A first row of short cells naming a recommendation or response column is the header, written
        // without markup as an export's header row is.
        let header = first
            && row.iter().all(|c| c.join(" ").split_whitespace().count() <= 8)
            && row.iter().any(|c| {
                let lower = c.join(" ").to_lowercase();
                lower.contains("recommendation") || lower.contains("response")
            });
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                if header {
                    c.join(" ").replace('<', "(")
                } else {
                    c.iter().map(|p| format!("<p>{}</p>", escape(p))).collect::<Vec<_>>().join(" ")
                }
            })
            .collect();
        self.lines.push(cells.join("\t"));
    }
}

/// The value of an attribute `w:val` (or `val`) of an element.
fn val(e: &quick_xml::events::BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// Reads a paragraph property: a heading style, or list numbering (`numId`, `ilvl`).
fn paragraph_property(st: &mut State, e: &quick_xml::events::BytesStart) {
    match e.local_name().into_inner() {
        "pStyle" => {
            let style = val(e).unwrap_or_default().to_ascii_lowercase();
            st.heading = style.starts_with("heading") || style == "title";
        }
        "numId" => {
            let id = val(e).unwrap_or_default();
            // numId 0 means "not numbered".
            st.item = (id != "0").then(|| (id, st.item.as_ref().map_or(0, |(_, level)| *level)));
        }
        "ilvl" => {
            let level = val(e).and_then(|v| v.parse().ok()).unwrap_or(0);
            st.item = Some((st.item.take().map(|(id, _)| id).unwrap_or_default(), level));
        }
        _ => {}
    }
}

fn read_document(xml: &str) -> Result<(String, Vec<(u32, Hint)>), String> {
    let mut reader = Reader::from_str(xml);
    let mut st = State::default();
    loop {
        let event = reader.read_event().map_err(|e| format!("word/document.xml is not valid XML: {e}"))?;
        match event {
            Event::Start(e) => match e.local_name().into_inner() {
                "p" => {
                    st.paragraph.clear();
                    st.heading = false;
                    st.item = None;
                }
                "t" => st.in_text = true,
                "tbl" => {
                    st.tables += 1;
                    st.first_row = st.tables == 1;
                }
                // A row of a nested table stays in the cell of the outer row.
                "tr" if st.tables == 1 => st.row.clear(),
                "tc" if st.tables == 1 => st.row.push(Vec::new()),
                "tab" | "br" | "cr" => st.paragraph.push(' '),
                _ => {}
            },
            Event::Empty(e) => {
                if matches!(e.local_name().into_inner(), "tab" | "br" | "cr") {
                    st.paragraph.push(' ');
                }
                paragraph_property(&mut st, &e);
            }
            Event::Text(t) if st.in_text => {
                st.paragraph.push_str(&t.into_inner());
            }
            Event::GeneralRef(r) if st.in_text => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = resolved {
                    st.paragraph.push(c);
                }
            }
            Event::End(e) => match e.local_name().into_inner() {
                "t" => st.in_text = false,
                "p" => st.end_paragraph(),
                "tr" if st.tables == 1 => st.end_row(),
                "tbl" => st.tables = st.tables.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let mut text = st.lines.join("\n");
    text.push('\n');
    // An `ilvl` without a `numId` is no list.
    let hints = st.hints.into_iter().collect();
    Ok((text, hints))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_table_rows_become_lines() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Recommendation 1</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">Kent Police </w:t></w:r><w:r><w:t>will act &amp; report</w:t><w:tab/><w:t>back.</w:t></w:r></w:p>
            <w:p/>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Recommendation</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Response</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>Stop sharing.</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>We &lt;have&gt; stopped.</w:t></w:r></w:p><w:p><w:r><w:t>And checked.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            </w:body></w:document>"#;
        let (text, _) = read_document(xml).unwrap();
        assert_eq!(
            text,
            "Recommendation 1\nKent Police will act & report back.\nRecommendation\tResponse\n<p>Stop sharing.</p>\t<p>We &lt;have&gt; stopped.</p> <p>And checked.</p>\n"
        );
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        assert!(read_document("<w:p></w:x>").is_err());
        assert!(to_text(b"PK\x03\x04 not really a zip", 1 << 20).is_err());
    }
}
