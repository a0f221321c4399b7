//! HTML reader: block elements become blocks, entities are decoded, scripts and styles dropped,
//! navigation, headers, footers and cookie banners marked as furniture. Used for whole pages and
//! for the HTML held in table cells.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::{collapse_whitespace, Block, Hint};

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
const FURNITURE_MARKS: &[&str] = &["cookie", "banner", "breadcrumb", "skip-link", "exit", "consent", "menu", "navbar"];
const HEADING_TAGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// The paragraph being gathered.
#[derive(Default)]
struct Pending {
    text: String,
    /// The first raw text node, used to find the block's line in the source.
    first_raw: Option<String>,
    hint: Hint,
}

struct Walker<'s> {
    source: Option<&'s str>,
    cursor: usize,
    default_line: u32,
    blocks: Vec<Block>,
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
                self.cursor += pos;
            }
        }
        source[..self.cursor].matches('\n').count() as u32 + 1
    }

    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let text = collapse_whitespace(&pending.text);
        if text.is_empty() {
            return;
        }
        let line = self.line_of(pending.first_raw.as_deref());
        self.blocks.push(Block { text, line, cell: None, hint: pending.hint });
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
    let mut w = Walker { source, cursor: 0, default_line: line, blocks: Vec::new(), pending: Pending::default() };
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
                    skip += u32::from(SKIP_TAGS.contains(&name) || name == "head");
                    furniture += u32::from(is_furniture(el));
                    heading += u32::from(HEADING_TAGS.contains(&name));
                }
                Node::Text(t) if skip == 0 => {
                    if w.pending.text.trim().is_empty() && !t.trim().is_empty() {
                        w.pending.first_raw = Some(t.to_string());
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
                    skip -= u32::from(SKIP_TAGS.contains(&name) || name == "head");
                    furniture -= u32::from(is_furniture(el));
                    heading -= u32::from(HEADING_TAGS.contains(&name));
                }
            }
        }
    }
    w.flush();
    w.blocks
}

/// Reads an HTML fragment (a table cell), all of whose blocks start on `line`.
pub fn read_fragment(html: &str, line: u32) -> Vec<Block> {
    walk(&Html::parse_fragment(html), None, line)
}

/// Reads a whole HTML page, locating each block's line in the source.
pub fn read_page(source: &str) -> Vec<Block> {
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
