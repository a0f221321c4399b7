//! HTML reader: block elements become blocks, entities are decoded, scripts and styles dropped,
//! navigation, headers, footers and cookie banners marked as furniture. Used for whole pages and
//! for the HTML held in table cells.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::html_tables::{mark_answer_tables, Place, Tables};
use crate::model::{Block, Hint};
use crate::normalize::collapse_whitespace;

/// Elements that start and end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
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
/// Elements that hold one paragraph: a `<br>` inside them wraps a line.
const PARAGRAPH_TAGS: &[&str] =
    &["p", "li", "dd", "dt", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "address", "caption"];

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
    /// Line breaks (`<br>`) since the last text, and whether a new line of the source followed one.
    breaks: u32,
    break_then_newline: bool,
}

impl Walker<'_> {
    /// Whether the text after pending line breaks starts a new paragraph. A `<br>` inside a
    /// paragraph wraps a line (editors and CMS exports wrap with it); two in a row leave a blank
    /// line, which ends it. Outside any paragraph element, where PDF-to-HTML converters write
    /// lines, a break followed by a new line of the source ends it, and one followed by more
    /// text on the same source line wraps.
    fn breaks_paragraph(&mut self, text: &str, in_paragraph: bool) -> bool {
        let leading = &text[..text.len() - text.trim_start().len()];
        let ends = self.breaks >= 2 || (!in_paragraph && (self.break_then_newline || leading.contains('\n')));
        self.breaks = 0;
        self.break_then_newline = false;
        ends
    }

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
        self.breaks = 0;
        self.break_then_newline = false;
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
        breaks: 0,
        break_then_newline: false,
    };
    let mut tables = Tables::default();
    // Depth counters for the element kinds that change how text is read.
    let (mut skip, mut furniture, mut heading, mut paragraph) = (0u32, 0u32, 0u32, 0u32);
    // The page's title: the first `<title>` of the page, outside any `<svg>` (whose titles name a
    // drawing).
    let (mut title, mut in_title, mut titled) = (String::new(), false, false);
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if BLOCK_TAGS.contains(&name) {
                        w.flush();
                    }
                    if name == "br" && skip == 0 && !w.pending.text.trim().is_empty() {
                        w.breaks += 1;
                    }
                    tables.open_element(name);
                    in_title = name == "title" && !titled && source.is_some() && !in_svg(node);
                    skip += u32::from(SKIP_TAGS.contains(&name) || name == "head");
                    furniture += u32::from(is_furniture(el));
                    heading += u32::from(HEADING_TAGS.contains(&name));
                    paragraph += u32::from(PARAGRAPH_TAGS.contains(&name));
                }
                Node::Text(t) if in_title => title.push_str(t),
                Node::Text(t) if skip == 0 && w.breaks > 0 && t.trim().is_empty() => {
                    w.break_then_newline |= t.contains('\n');
                    w.pending.text.push_str(t);
                }
                Node::Text(t) if skip == 0 => {
                    if w.breaks > 0 {
                        if w.breaks_paragraph(t, paragraph > 0) {
                            w.flush();
                        } else {
                            w.pending.text.push(' ');
                        }
                    }
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
                    if name == "title" && in_title {
                        (in_title, titled) = (false, true);
                    }
                    skip -= u32::from(SKIP_TAGS.contains(&name) || name == "head");
                    furniture -= u32::from(is_furniture(el));
                    heading -= u32::from(HEADING_TAGS.contains(&name));
                    paragraph -= u32::from(PARAGRAPH_TAGS.contains(&name));
                }
            }
        }
    }
    w.flush();
    let mut blocks = w.blocks;
    mark_answer_tables(&mut blocks, &w.places);
    let title = collapse_whitespace(&title);
    if !title.is_empty() {
        let line = source.map_or(1, title_line);
        blocks.insert(0, Block { text: title, line, cell: None, hint: Hint::Title });
    }
    blocks
}

/// Whether a node stands inside an `<svg>` drawing.
fn in_svg(node: ego_tree::NodeRef<'_, Node>) -> bool {
    node.ancestors().any(|a| matches!(a.value(), Node::Element(e) if e.name() == "svg"))
}

/// The line of a page's `<title>` tag.
fn title_line(source: &str) -> u32 {
    let lower = source.to_ascii_lowercase();
    let at = lower.find("<title").unwrap_or(0);
    1 + source[..at].matches('\n').count() as u32
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
    use crate::model::Column;

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
    fn a_line_break_wraps_inside_a_paragraph_and_two_end_it() {
        let blocks = read_fragment(
            "<p>We have reviewed<br>our policy<br/>\n on <b>sharing</b><br><b>data</b>.</p><p>Yours,<br><br>Chief Constable</p>",
            1,
        );
        assert_eq!(texts(&blocks), ["We have reviewed our policy on sharing data.", "Yours,", "Chief Constable"]);
        let cell = read_fragment("<table><tr><td>Recommendation 1<br>To chief constables</td></tr></table>", 1);
        assert_eq!(texts(&cell), ["Recommendation 1 To chief constables"]);
    }

    #[test]
    fn converter_lines_outside_paragraphs_end_where_the_source_line_ends() {
        // How pdftohtml writes a page: lines of a paragraph joined by breaks, each paragraph on
        // a source line of its own.
        let page = "<html><body>\n<a name=1></a>We have reviewed our policy on<br/>sharing data.<br/>\nA second paragraph goes on<br/>over two lines.<br/>\n<hr/>\n</body></html>";
        let blocks = read_page(page);
        let got: Vec<(&str, u32)> = blocks.iter().map(|b| (b.text.as_str(), b.line)).collect();
        assert_eq!(
            got,
            [("We have reviewed our policy on sharing data.", 2), ("A second paragraph goes on over two lines.", 3)]
        );
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
    fn the_page_title_is_read_once_and_a_drawing_title_is_not() {
        let page = "<html>\n<head>\n<meta charset=utf-8>\n<title>\n  Safe to share? response |\n  Kent Police </title></head>\n\
                    <body><svg><title>Logo</title></svg><p>We act.</p><title>Second</title></body></html>";
        let blocks = read_page(page);
        let titles: Vec<(&str, u32)> =
            blocks.iter().filter(|b| b.hint == Hint::Title).map(|b| (b.text.as_str(), b.line)).collect();
        assert_eq!(titles, [("Safe to share? response | Kent Police", 4)]);
        assert_eq!(texts(&blocks[1..]), ["We act.", "Second"]);
        // A table cell's HTML has no page title.
        assert!(read_fragment("<title>Cell</title><p>x</p>", 3).iter().all(|b| b.hint != Hint::Title));
    }

    #[test]
    fn pages_drop_scripts_and_mark_furniture_with_lines() {
        let page = "<html><head><title>T</title><script>var x = 1;</script></head>\n<body>\n<nav>Home | About</nav>\n<div id=\"cookie-banner\">We use cookies.</div>\n<h2>Recommendation 1</h2>\n<p>Our answer &lt;here&gt;.</p>\n<footer>Contact us</footer></body></html>";
        let blocks = read_page(page);
        let got: Vec<(&str, Hint, u32)> = blocks.iter().map(|b| (b.text.as_str(), b.hint, b.line)).collect();
        assert_eq!(
            got,
            [
                ("T", Hint::Title, 1),
                ("Home | About", Hint::Furniture, 3),
                ("We use cookies.", Hint::Furniture, 4),
                ("Recommendation 1", Hint::Heading, 5),
                ("Our answer <here>.", Hint::None, 6),
                ("Contact us", Hint::Furniture, 7),
            ]
        );
    }
}
