//! The building blocks of every page: escaping (all corpus text and user input passes through
//! [`esc`]), ids and links, marked passages, and the page around a body.

use std::collections::HashMap;
use std::fmt::Write as _;

/// Escapes text for HTML content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// An id usable as an HTML id and URL fragment: letters and digits kept, anything else written
/// as `_` and its code point, so that different ids never collide.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}_", c as u32);
        }
    }
    out
}

/// Where links point: anchors inside one report file, the files of a report split over pages, or
/// pages of the web interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site<'a> {
    Report,
    /// A report whose main file links to pages in a folder beside it; `true` on those pages.
    Pages(&'a Layout, bool),
    Server,
}

/// Which file of a split report holds each document and each passage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// The main file's name, and the folder of pages beside it.
    pub main: String,
    pub folder: String,
    /// Document id → the number of its documents page.
    pub documents: HashMap<String, usize>,
    /// Passage (family) id → the number of its passages page; absent: in the main file.
    pub passages: HashMap<String, usize>,
}

impl Layout {
    /// The link to a file of the report from a page of it (`nested`: from a page in the folder).
    pub fn href(&self, nested: bool, file: &str) -> String {
        match (nested, file == self.main) {
            (true, true) => format!("../{}", file_part(&self.main)),
            (true, false) => file.to_string(),
            (false, true) => file_part(&self.main),
            (false, false) => format!("{}/{file}", file_part(&self.folder)),
        }
    }
}

/// A file name as a relative URL: unreserved characters kept, anything else percent-encoded.
fn file_part(name: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet =
        &percent_encoding::NON_ALPHANUMERIC.remove(b'_').remove(b'-').remove(b'.').remove(b'~');
    percent_encoding::utf8_percent_encode(name, KEEP).to_string()
}

/// The documents page `n` of a split report.
pub fn documents_file(n: usize) -> String {
    format!("documents-{n}.html")
}

/// The passages page `n` of a split report.
pub fn passages_file(n: usize) -> String {
    format!("passages-{n}.html")
}

impl Site<'_> {
    pub fn paragraph(self, id: &str) -> String {
        match self {
            Site::Report => format!("#p-{}", slug(id)),
            Site::Pages(layout, nested) => {
                let doc = id.rsplit_once(':').map_or(id, |(doc, _)| doc);
                match layout.documents.get(doc) {
                    Some(&n) => format!("{}#p-{}", layout.href(nested, &documents_file(n)), slug(id)),
                    None => format!("#p-{}", slug(id)),
                }
            }
            Site::Server => format!("/p/{}", url_part(id)),
        }
    }

    pub fn document(self, doc: &str) -> String {
        match self {
            Site::Report => format!("#doc-{}", slug(doc)),
            Site::Pages(layout, nested) => match layout.documents.get(doc) {
                Some(&n) => format!("{}#doc-{}", layout.href(nested, &documents_file(n)), slug(doc)),
                None => format!("#doc-{}", slug(doc)),
            },
            Site::Server => format!("/doc/{}", url_part(doc)),
        }
    }

    /// A passage (family) of the report.
    pub fn family(self, id: &str) -> String {
        match self {
            Site::Pages(layout, nested) => {
                let file = layout.passages.get(id).map_or_else(|| layout.main.clone(), |&n| passages_file(n));
                format!("{}#family-{}", layout.href(nested, &file), slug(id))
            }
            Site::Report | Site::Server => format!("#family-{}", slug(id)),
        }
    }
}

/// Percent-encodes a path segment or query value.
pub fn url_part(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// Text with classed spans: each layer is (ranges, class), earlier layers win where they overlap.
/// Ranges that are out of bounds or split a character are ignored.
pub fn layered(text: &str, layers: &[(&[[usize; 2]], &str)]) -> String {
    let valid = |r: &[usize; 2]| {
        r[0] < r[1] && r[1] <= text.len() && text.is_char_boundary(r[0]) && text.is_char_boundary(r[1])
    };
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (ranges, _) in layers {
        for r in ranges.iter().filter(|r| valid(r)) {
            cuts.extend([r[0], r[1]]);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() * 5 / 4);
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let class = layers
            .iter()
            .find(|(ranges, _)| ranges.iter().any(|r| valid(r) && r[0] <= a && b <= r[1]))
            .map(|(_, c)| *c)
            // A difference is in words: the spaces beside a quotation inside a passage are none.
            .filter(|c| *c != "diff" || !text[a..b].trim().is_empty());
        match class {
            Some(c) => {
                let tag = if c == "shared" || c == "hit" { "mark" } else { "span" };
                let _ = write!(out, "<{tag} class=\"{c}\">{}</{tag}>", esc(&text[a..b]));
            }
            None => out.push_str(&esc(&text[a..b])),
        }
    }
    out
}

/// The styles of every page, inlined (pages are self-contained).
const CSS: &str = include_str!("style.css");

/// A whole page: title, navigation for the web interface, body.
pub fn page(title: &str, site: Site, body: &str) -> String {
    let nav = match site {
        Site::Server => {
            "<nav><a href=\"/\">Search</a> · <a href=\"/reuse\">Reuse</a> · <a href=\"/docs\">Documents</a> · <a href=\"/status\">Where each body stands</a></nav>"
                .to_string()
        }
        Site::Report | Site::Pages(_, false) => String::new(),
        Site::Pages(layout, true) => {
            format!("<nav><a href=\"{}\">Back to the report</a></nav>", esc(&layout.href(true, &layout.main)))
        }
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n\
         <header class=\"top\"><h1>echoes</h1><span>{}</span>{nav}</header>\n<main>\n{body}\n</main>\n</body>\n</html>\n",
        esc(title),
        esc(title)
    )
}

pub fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

pub fn body_name(body: &str) -> &str {
    body
}

/// One page of a long list: which page (from 1) and how many items a page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: usize,
    pub per: usize,
}

impl Paging {
    /// Page `page` (1 if none or 0) of `per` items.
    pub fn new(page: Option<usize>, per: usize) -> Paging {
        Paging { page: page.unwrap_or(1).max(1), per: per.max(1) }
    }

    /// How many pages `total` items make (at least one).
    pub fn pages(self, total: usize) -> usize {
        total.div_ceil(self.per).max(1)
    }

    /// The range of items this page shows (empty past the last page).
    pub fn range(self, total: usize) -> std::ops::Range<usize> {
        let start = (self.page - 1).saturating_mul(self.per).min(total);
        start..(start + self.per).min(total)
    }

    /// Links to the previous and next pages of `total` items; `base` is the page's address with
    /// its query so far (ending in `?` or `&`). Nothing when everything fits on one page.
    pub fn links(self, base: &str, total: usize, what: &str) -> String {
        let pages = self.pages(total);
        if pages <= 1 {
            return String::new();
        }
        let range = self.range(total);
        let mut s = format!(
            "<nav class=\"pager\"><span>{what} {}–{} of {total} · page {} of {pages}</span>",
            range.start + 1,
            range.end,
            self.page.min(pages)
        );
        if self.page > 1 {
            let _ =
                write!(s, " <a rel=\"prev\" href=\"{}page={}\">previous</a>", esc(base), self.page.min(pages + 1) - 1);
        }
        if self.page < pages {
            let _ = write!(s, " <a rel=\"next\" href=\"{}page={}\">next</a>", esc(base), self.page + 1);
        }
        s.push_str("</nav>");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_text_is_escaped() {
        let text = "<script>alert(1)</script> <img src=x onerror=alert(2)> \"q\" 'a' & b";
        let out = layered(text, &[(&[[0, 8]], "shared")]);
        assert!(!out.contains("<script") && !out.contains("<img"));
        assert!(out.starts_with("<mark class=\"shared\">&lt;script&gt;</mark>"));
        assert!(out.contains("&quot;q&quot; &#39;a&#39; &amp; b"));
    }

    #[test]
    fn layers_nest_by_priority_and_bad_ranges_are_ignored() {
        let text = "aa bb cc dd";
        let out = layered(text, &[(&[[3, 5]], "shared"), (&[[0, 8], [20, 30], [1, 1]], "diff")]);
        assert_eq!(
            out,
            "<span class=\"diff\">aa </span><mark class=\"shared\">bb</mark><span class=\"diff\"> cc</span> dd"
        );
        let multibyte = "é x";
        assert_eq!(layered(multibyte, &[(&[[1, 3]], "shared")]), "é x");
    }

    #[test]
    fn slugs_are_distinct_and_safe() {
        assert_eq!(slug("doc:12"), "doc_3a_12");
        assert_ne!(slug("a/b"), slug("a_b"));
        assert!(slug("\"><script>").chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    }
}
