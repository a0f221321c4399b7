//! HTML reader: block elements become blocks, entities are decoded, scripts and styles dropped,
//! navigation, headers, footers and cookie banners marked as furniture. Used for whole pages and
//! for the HTML held in table cells.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::columns::{columns_from_header, default_columns};
use crate::model::{Block, Cell, Column, Hint};
use crate::normalize::collapse_whitespace;
use crate::references::heading_number;

/// Elements that start and end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];
/// Elements whose content is never text of the document.
const SKIP_TAGS: &[&str] = &["script", "style", "noscript", "template", "svg", "iframe", "object", "button", "select"];
/// Elements that hold website furniture.
const FURNITURE_TAGS: &[&str] = &["nav", "header", "footer", "aside"];
/// Words in an element's id or class that mark furniture.
const FURNITURE_MARKS: &[&str] = &[
    "cookie",
    "banner",
    "breadcrumb",
    "skip-link",
    "exit",
    "consent",
    "menu",
    "navbar",
    // A blog's form for leaving a comment (WordPress: `comment-respond`, `comment-form`).
    "comment-respond",
    "comment-form",
    "commentform",
];
const HEADING_TAGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// The paragraph being gathered.
#[derive(Default)]
struct Pending {
    text: String,
    /// The first raw text node, used to find the block's line in the source.
    first_raw: Option<String>,
    hint: Hint,
    /// Where in a table it stands, if it does.
    place: Option<Place>,
}

/// A cell of a table of the page: which table, row (counted across the page) and column, and
/// whether it is a header cell (`th`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    table: u32,
    row: u32,
    column: u32,
    th: bool,
}

/// The tables the walker is inside, innermost last.
#[derive(Default)]
struct Tables {
    open: Vec<(u32, Option<Place>)>,
    count: u32,
    rows: u32,
}

impl Tables {
    fn open_element(&mut self, name: &str) {
        match name {
            "table" => {
                self.count += 1;
                self.open.push((self.count, None));
            }
            "tr" => {
                self.rows += 1;
                // Before the row's first cell: the next cell is column 0.
                if let Some((table, place)) = self.open.last_mut() {
                    *place = Some(Place { table: *table, row: self.rows, column: u32::MAX, th: false });
                }
            }
            "td" | "th" => {
                if let Some((table, place)) = self.open.last_mut() {
                    let row = place.map_or(self.rows, |p| p.row);
                    let column = place.map_or(0, |p| p.column.wrapping_add(1));
                    *place = Some(Place { table: *table, row, column, th: name == "th" });
                }
            }
            _ => {}
        }
    }

    fn close_element(&mut self, name: &str) {
        if name == "table" {
            self.open.pop();
        }
    }

    /// The cell the walker is in (text between a row's cells is in none).
    fn here(&self) -> Option<Place> {
        self.open.last().and_then(|(_, p)| *p).filter(|p| p.column != u32::MAX)
    }
}

struct Walker<'s> {
    source: Option<&'s str>,
    cursor: usize,
    /// The 1-based line `cursor` is on.
    cursor_line: u32,
    default_line: u32,
    blocks: Vec<Block>,
    /// Where each block stands in a table, if it does.
    places: Vec<Option<Place>>,
    pending: Pending,
}

impl Walker<'_> {
    fn line_of(&mut self, raw: Option<&str>) -> u32 {
        let Some(source) = self.source else {
            return self.default_line;
        };
        // Entities and quotes may be written differently in the source: search for the plain prefix.
        let needle: String =
            raw.map(|r| r.trim().chars().take_while(|c| !"<>&\"'".contains(*c)).take(40).collect()).unwrap_or_default();
        if !needle.is_empty() {
            if let Some(pos) = source[self.cursor..].find(&needle) {
                self.cursor_line += source[self.cursor..self.cursor + pos].matches('\n').count() as u32;
                self.cursor += pos;
            }
        }
        self.cursor_line
    }

    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let text = collapse_whitespace(&pending.text);
        if text.is_empty() {
            return;
        }
        let line = self.line_of(pending.first_raw.as_deref());
        self.blocks.push(Block { text, line, cell: None, hint: pending.hint });
        self.places.push(pending.place);
    }
}

fn is_furniture(el: &scraper::node::Element) -> bool {
    if FURNITURE_TAGS.contains(&el.name()) || el.attr("role").is_some_and(|r| r == "navigation" || r == "banner") {
        return true;
    }
    let marks =
        format!("{} {}", el.id().unwrap_or(""), el.classes().collect::<Vec<_>>().join(" ")).to_ascii_lowercase();
    FURNITURE_MARKS.iter().any(|m| marks.contains(m))
}

fn walk(doc: &Html, source: Option<&str>, line: u32) -> Vec<Block> {
    let mut w = Walker {
        source,
        cursor: 0,
        cursor_line: 1,
        default_line: line,
        blocks: Vec::new(),
        places: Vec::new(),
        pending: Pending::default(),
    };
    let mut tables = Tables::default();
    // Depth counters for the element kinds that change how text is read.
    let (mut skip, mut furniture, mut heading) = (0u32, 0u32, 0u32);
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if BLOCK_TAGS.contains(&name) {
                        w.flush();
                    }
                    tables.open_element(name);
                    skip += u32::from(SKIP_TAGS.contains(&name) || name == "head");
                    furniture += u32::from(is_furniture(el));
                    heading += u32::from(HEADING_TAGS.contains(&name));
                }
                Node::Text(t) if skip == 0 => {
                    if w.pending.text.trim().is_empty() && !t.trim().is_empty() {
                        w.pending.first_raw = Some(t.to_string());
                        w.pending.place = tables.here();
                        w.pending.hint = if furniture > 0 {
                            Hint::Furniture
                        } else if heading > 0 {
                            Hint::Heading
                        } else {
                            Hint::None
                        };
                    }
                    w.pending.text.push_str(t);
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if BLOCK_TAGS.contains(&name) {
                        w.flush();
                    }
                    tables.close_element(name);
                    skip -= u32::from(SKIP_TAGS.contains(&name) || name == "head");
                    furniture -= u32::from(is_furniture(el));
                    heading -= u32::from(HEADING_TAGS.contains(&name));
                }
            }
        }
    }
    w.flush();
    let mut blocks = w.blocks;
    mark_answer_tables(&mut blocks, &w.places);
    blocks
}

/// Gives the blocks of recommendation/response tables their cells, so that segmentation reads
/// them row by row as it reads a table export. A table counts when its header row names a
/// recommendation or response column, or when it has two columns and a first-column cell opens
/// a recommendation ("Recommendation 4. ..."); other tables (layout, figures) are left as text.
fn mark_answer_tables(blocks: &mut [Block], places: &[Option<Place>]) {
    let mut tables: Vec<u32> = places.iter().flatten().map(|p| p.table).collect();
    tables.sort_unstable();
    tables.dedup();
    for table in tables {
        let of: Vec<usize> = (0..blocks.len()).filter(|&i| places[i].is_some_and(|p| p.table == table)).collect();
        let place = |i: usize| places[i].expect("in a table");
        let first_row = place(of[0]).row;
        let header_cells: Vec<&Block> =
            of.iter().filter(|&&i| place(i).row == first_row).map(|&i| &blocks[i]).collect();
        let names_columns = header_cells.iter().all(|b| b.text.split_whitespace().count() <= 8)
            && header_cells.iter().any(|b| {
                let lower = b.text.to_lowercase();
                lower.contains("recommendation") || lower.contains("response")
            });
        let all_th = of.iter().filter(|&&i| place(i).row == first_row).all(|&i| place(i).th);
        let columns = of.iter().map(|&i| place(i).column).max().unwrap_or(0) + 1;
        let opens_recommendations =
            columns == 2 && of.iter().any(|&i| place(i).column == 0 && heading_number(&blocks[i].text).is_some());
        let kinds: Vec<Column> = if names_columns {
            let mut names = vec![String::new(); columns as usize];
            for &i in of.iter().filter(|&&i| place(i).row == first_row) {
                names[place(i).column as usize].push_str(&blocks[i].text);
            }
            columns_from_header(&names.iter().map(String::as_str).collect::<Vec<_>>())
        } else if opens_recommendations {
            default_columns(columns as usize)
        } else {
            continue;
        };
        let header_row = (names_columns || all_th).then_some(first_row);
        for i in of {
            let p = place(i);
            let kind = kinds.get(p.column as usize).copied().unwrap_or(Column::Other);
            blocks[i].cell = Some(Cell { row: p.row, column: p.column, kind, header: Some(p.row) == header_row });
        }
    }
}

/// Elements nested deeper than this are not real documents (the deepest real pages nest a few
/// dozen): the HTML parser's work grows with the square of the depth, so such a file is read
/// with its markup removed instead.
pub const MAX_NESTING: usize = 256;

/// Elements that never have content, so never nest.
const VOID_TAGS: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// How deep the elements of `html` nest at most, by counting opening and closing tags.
pub fn nesting_depth(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .take(12)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || VOID_TAGS.contains(&name.as_str()) {
            continue;
        }
        let self_closing = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// Reads HTML too deeply nested to parse: every tag (and script and style content) removed, each
/// remaining line of text a block, entities decoded.
fn read_flattened(html: &str, line: Option<u32>) -> Vec<Block> {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        let lower: String = rest[i..].chars().take(8).collect::<String>().to_ascii_lowercase();
        let end = match ["<script", "<style"].iter().find(|t| lower.starts_with(*t)) {
            Some(t) => rest[i..].to_ascii_lowercase().find(&format!("</{}", &t[1..])).map(|e| i + e + 2),
            None => Some(i),
        };
        let Some(close) = end.and_then(|e| rest[e..].find('>').map(|c| e + c + 1)) else {
            rest = "";
            break;
        };
        // A tag that spans lines keeps them, so that line numbers stay right.
        text.extend(std::iter::repeat_n('\n', rest[i..close].matches('\n').count()));
        text.push(' ');
        rest = &rest[close..];
    }
    text.push_str(rest);
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .flat_map(|(i, l)| {
            let at = line.unwrap_or(i as u32 + 1);
            walk(&Html::parse_fragment(l), None, at)
        })
        .collect()
}

/// Reads an HTML fragment (a table cell), all of whose blocks start on `line`.
pub fn read_fragment(html: &str, line: u32) -> Vec<Block> {
    if nesting_depth(html) > MAX_NESTING {
        return read_flattened(html, Some(line));
    }
    walk(&Html::parse_fragment(html), None, line)
}

/// Reads a whole HTML page, locating each block's line in the source.
pub fn read_page(source: &str) -> Vec<Block> {
    if nesting_depth(source) > MAX_NESTING {
        return read_flattened(source, None);
    }
    walk(&Html::parse_document(source), Some(source), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn paragraphs_and_list_items_are_blocks_with_entities_decoded() {
        let blocks = read_fragment(
            "<p><b>Recommendation 1</b> <b>To chief constables</b></p> <ul><li>&#8226; one &amp; two</li> <li>three</li></ul>",
            7,
        );
        assert_eq!(texts(&blocks), ["Recommendation 1 To chief constables", "• one & two", "three"]);
        assert!(blocks.iter().all(|b| b.line == 7));
    }

    #[test]
    fn unclosed_lists_and_plain_text_survive() {
        let blocks = read_fragment("<ul style=\"x\"> • a; • b; and ", 3);
        assert_eq!(texts(&blocks), ["• a; • b; and"]);
        assert_eq!(texts(&read_fragment("no markup at all", 1)), ["no markup at all"]);
    }

    #[test]
    fn answer_tables_are_read_as_rows_and_layout_tables_as_text() {
        let page = "<html><body><table><tr><th>Recommendation</th><th>Our response</th></tr>\n<tr><td><p>Recommendation 1. To chief constables</p><p>Stop sharing.</p></td><td><p>We have stopped.</p><p>And checked.</p></td></tr></table>\n<table><tr><td>Menu</td><td>Contact</td></tr></table></body></html>";
        let blocks = read_page(page);
        type Seen<'a> = (&'a str, Option<(u32, Column, bool)>);
        let got: Vec<Seen> =
            blocks.iter().map(|b| (b.text.as_str(), b.cell.map(|c| (c.column, c.kind, c.header)))).collect();
        assert_eq!(
            got,
            [
                ("Recommendation", Some((0, Column::Recommendation, true))),
                ("Our response", Some((1, Column::Response, true))),
                ("Recommendation 1. To chief constables", Some((0, Column::Recommendation, false))),
                ("Stop sharing.", Some((0, Column::Recommendation, false))),
                ("We have stopped.", Some((1, Column::Response, false))),
                ("And checked.", Some((1, Column::Response, false))),
                ("Menu", None),
                ("Contact", None),
            ]
        );
        assert_eq!(blocks[2].cell.unwrap().row, blocks[4].cell.unwrap().row);
    }

    #[test]
    fn absurdly_deep_nesting_is_read_without_markup() {
        let page = format!(
            "<html><body>\n{}<script>var x = '<p>';</script>\n<p>Kent Police &amp; partners will act.</p>{}",
            "<div>".repeat(100_000),
            "</div>".repeat(10)
        );
        assert!(nesting_depth(&page) > MAX_NESTING);
        let blocks = read_page(&page);
        let got: Vec<(&str, u32)> = blocks.iter().map(|b| (b.text.as_str(), b.line)).collect();
        assert_eq!(got, [("Kent Police & partners will act.", 3)]);
        assert_eq!(nesting_depth("<ul><li>a<br><li>b</ul><img src=x />"), 3);
    }

    #[test]
    fn pages_drop_scripts_and_mark_furniture_with_lines() {
        let page = "<html><head><title>T</title><script>var x = 1;</script></head>\n<body>\n<nav>Home | About</nav>\n<div id=\"cookie-banner\">We use cookies.</div>\n<h2>Recommendation 1</h2>\n<p>Our answer &lt;here&gt;.</p>\n<footer>Contact us</footer></body></html>";
        let blocks = read_page(page);
        let got: Vec<(&str, Hint, u32)> = blocks.iter().map(|b| (b.text.as_str(), b.hint, b.line)).collect();
        assert_eq!(
            got,
            [
                ("Home | About", Hint::Furniture, 3),
                ("We use cookies.", Hint::Furniture, 4),
                ("Recommendation 1", Hint::Heading, 5),
                ("Our answer <here>.", Hint::None, 6),
                ("Contact us", Hint::Furniture, 7),
            ]
        );
    }
}
