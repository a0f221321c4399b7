//! Bounds checked before a PDF is interpreted, so that no pass over it (the text pass included)
//! can exhaust the stack or memory: how much its streams inflate (the file's size limit, as for
//! Word documents), how deep its forms draw one another (a form that draws itself), and how deep
//! its graphics states nest. A PDF past a bound is refused with the reason.

use std::collections::HashMap;

use super::inflate::{inflate, unlzw, MAX_RATIO, RATIO_FLOOR};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// Forms drawn within forms deeper than this are refused: real documents nest a handful, and
/// every level is a frame of the interpreters' recursion.
pub const MAX_FORM_DEPTH: usize = 12;
/// Graphics states saved (`q`) and not yet restored deeper than this are refused: each is a copy
/// of the whole state. Real producers stay within a few dozen.
pub const MAX_STATE_NESTING: usize = 1024;
/// Filters applied one after another on one stream: more is no document.
const MAX_FILTERS: usize = 4;
/// What one drawn form costs besides its bytes: the interpreters' work for each `Do`.
const DRAW_COST: u64 = 16;

/// Why a PDF is refused before it is read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("its content would inflate to over {0} MiB (--max-file-mb)")]
    Inflates(u64),
    #[error("a stream that inflates {0} times over, as no document does")]
    Ratio(u64),
    #[error("a form that draws itself (object {0})")]
    DrawsItself(u32),
    #[error("forms drawn within forms over {MAX_FORM_DEPTH} deep")]
    FormsTooDeep,
    #[error("graphics states nested over {MAX_STATE_NESTING} deep")]
    StatesTooDeep,
    #[error("a stream with over {MAX_FILTERS} filters")]
    TooManyFilters,
}

/// Checks what the PDF library inflates while it loads a file (object and cross-reference
/// streams), before it loads it: together, at most `max_bytes`.
pub fn before_load(bytes: &[u8], max_bytes: u64) -> Result<(), Refusal> {
    let mut spent = 0u64;
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"stream") {
        let start = at + found;
        at = start + 6;
        if bytes[..start].ends_with(b"end") {
            continue;
        }
        // The stream's dictionary: what lies between the object's start and the keyword.
        let window = &bytes[start.saturating_sub(4096)..start];
        let head = &window[window.windows(3).rposition(|w| w == b"obj").map_or(0, |i| i + 3)..];
        if find(head, b"/ObjStm").is_none() && find(head, b"/XRef").is_none() {
            continue;
        }
        let data = skip_eol(&bytes[at..]);
        let flates = head.windows(11).filter(|w| w == b"FlateDecode").count();
        if flates == 0 {
            continue;
        }
        if flates > MAX_FILTERS {
            return Err(Refusal::TooManyFilters);
        }
        let mut input = data.to_vec();
        for _ in 0..flates {
            input = inflate(&input, max_bytes - spent).ok_or(Refusal::Inflates(mib(max_bytes)))?;
        }
        within_ratio(input.len(), data.len())?;
        spent += input.len() as u64;
    }
    Ok(())
}

/// Checks a loaded PDF as its pages will be interpreted: every content stream and every form
/// each page draws (as often as it draws it), inflated, at most `max_bytes` in all; forms at most
/// [`MAX_FORM_DEPTH`] deep and never within themselves; graphics states at most
/// [`MAX_STATE_NESTING`] deep. Images hold no text for these passes: their data is emptied, so
/// it is never inflated.
pub fn check(doc: &mut Document, max_bytes: u64) -> Result<(), Refusal> {
    empty_images(doc);
    let doc: &Document = doc;
    let mut walk = Walk { doc, max_bytes, spent: 0, path: Vec::new(), scans: HashMap::new() };
    for (_, page) in doc.get_pages() {
        let Ok(dict) = doc.get_dictionary(page) else { continue };
        let resources = inherited(doc, dict, b"Resources");
        let mut content = Vec::new();
        for id in content_streams(doc, dict) {
            if let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) {
                content.extend(walk.inflated(stream)?);
                content.push(b'\n');
            }
        }
        walk.draw(&scan(&content), resources)?;
    }
    Ok(())
}

/// What a content stream does that is bounded: how deep its saved states nest, and the names
/// of what it draws (`Do`), in order.
#[derive(Debug, Default, PartialEq)]
struct Scan {
    nesting: usize,
    drawn: Vec<Vec<u8>>,
}

struct Walk<'d> {
    doc: &'d Document,
    max_bytes: u64,
    spent: u64,
    /// The forms being drawn, outermost first.
    path: Vec<ObjectId>,
    scans: HashMap<ObjectId, std::rc::Rc<Scan>>,
}

impl<'d> Walk<'d> {
    /// A stream's data inflated, counted against the budget.
    fn inflated(&mut self, stream: &Stream) -> Result<Vec<u8>, Refusal> {
        let left = self.max_bytes.saturating_sub(self.spent);
        let data = decode(stream, left)?.ok_or(Refusal::Inflates(mib(self.max_bytes)))?;
        within_ratio(data.len(), stream.content.len())?;
        self.spent += data.len() as u64 + DRAW_COST;
        if self.spent > self.max_bytes {
            return Err(Refusal::Inflates(mib(self.max_bytes)));
        }
        Ok(data)
    }

    /// Follows what a content stream draws with these resources.
    fn draw(&mut self, drawing: &Scan, resources: Option<&'d Dictionary>) -> Result<(), Refusal> {
        if drawing.nesting > MAX_STATE_NESTING {
            return Err(Refusal::StatesTooDeep);
        }
        for name in &drawing.drawn {
            let Some((id, form)) = xobject(self.doc, resources, name) else { continue };
            if self.path.contains(&id) {
                return Err(Refusal::DrawsItself(id.0));
            }
            if self.path.len() >= MAX_FORM_DEPTH {
                return Err(Refusal::FormsTooDeep);
            }
            let data = self.inflated(form)?;
            let inner = match self.scans.get(&id) {
                Some(s) => s.clone(),
                None => {
                    let s = std::rc::Rc::new(scan(&data));
                    self.scans.insert(id, s.clone());
                    s
                }
            };
            let own = form.dict.get(b"Resources").ok().and_then(|r| self.doc.dereference(r).ok());
            let own = own.and_then(|(_, r)| r.as_dict().ok()).or(resources);
            self.path.push(id);
            self.draw(&inner, own)?;
            self.path.pop();
        }
        Ok(())
    }
}

/// The XObject a name draws with these resources, and its object id.
fn xobject<'d>(doc: &'d Document, resources: Option<&'d Dictionary>, name: &[u8]) -> Option<(ObjectId, &'d Stream)> {
    let xobjects = doc.dereference(resources?.get(b"XObject").ok()?).ok()?.1.as_dict().ok()?;
    let id = xobjects.get(name).ok()?.as_reference().ok()?;
    Some((id, doc.get_object(id).ok()?.as_stream().ok()?))
}

/// A page's value for `key`, from the page or the nearest page-tree node above it that has one.
fn inherited<'d>(doc: &'d Document, page: &'d Dictionary, key: &[u8]) -> Option<&'d Dictionary> {
    let mut node = page;
    // The page tree is shallow; a loop in it is cut off.
    for _ in 0..64 {
        if let Ok(value) = node.get(key) {
            return doc.dereference(value).ok()?.1.as_dict().ok();
        }
        node = doc.dereference(node.get(b"Parent").ok()?).ok()?.1.as_dict().ok()?;
    }
    None
}

/// The streams of a page's `Contents`, in order.
fn content_streams(doc: &Document, page: &Dictionary) -> Vec<ObjectId> {
    match page.get(b"Contents") {
        Ok(Object::Reference(id)) => match doc.get_object(*id) {
            Ok(Object::Array(items)) => items.iter().filter_map(|o| o.as_reference().ok()).collect(),
            _ => vec![*id],
        },
        Ok(Object::Array(items)) => items.iter().filter_map(|o| o.as_reference().ok()).collect(),
        _ => Vec::new(),
    }
}

/// Empties the data of every image, which no text pass reads.
fn empty_images(doc: &mut Document) {
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            if stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Image") {
                stream.dict.remove(b"Filter");
                stream.dict.remove(b"DecodeParms");
                stream.set_content(Vec::new());
            }
        }
    }
}

/// A stream's data decoded as the PDF library decodes it, or `None` past `limit` bytes at any
/// step. Filters the library does not decode leave the data as it is, as the text pass does.
fn decode(stream: &Stream, limit: u64) -> Result<Option<Vec<u8>>, Refusal> {
    let filters = stream.filters().unwrap_or_default();
    if filters.len() > MAX_FILTERS {
        return Err(Refusal::TooManyFilters);
    }
    let mut data = stream.content.clone();
    let mut sized = true;
    for filter in &filters {
        let next = match *filter {
            b"FlateDecode" => inflate(&data, limit),
            b"LZWDecode" => unlzw(&data, limit, early_change(stream)),
            // ASCII85 makes at most four bytes of each, the rest less than they read.
            b"ASCII85Decode" if (data.len() as u64).saturating_mul(4) > limit => None,
            _ => {
                sized = false;
                break;
            }
        };
        let Some(next) = next else { return Ok(None) };
        data = next;
    }
    if (data.len() as u64) > limit {
        return Ok(None);
    }
    if !sized || !filters.is_empty() {
        // Each step is within the limit: the library's own decoding (predictors, ASCII85) is
        // safe to run, and is what the interpreters will see.
        if let Ok(exact) = stream.decompressed_content() {
            return Ok((exact.len() as u64 <= limit).then_some(exact));
        }
        if !sized {
            return Ok(Some(stream.content.clone()));
        }
    }
    Ok(Some(data))
}

fn early_change(stream: &Stream) -> bool {
    let params = stream.dict.get(b"DecodeParms").and_then(Object::as_dict).ok();
    params.and_then(|p| p.get(b"EarlyChange").ok()).and_then(|v| v.as_i64().ok()).is_none_or(|v| v != 0)
}

/// Refuses data inflated from `packed` bytes at a ratio no document has (as Word documents are).
fn within_ratio(inflated: usize, packed: usize) -> Result<(), Refusal> {
    let ratio = inflated as u64 / packed.max(1) as u64;
    if inflated as u64 > RATIO_FLOOR && ratio > MAX_RATIO {
        return Err(Refusal::Ratio(ratio));
    }
    Ok(())
}

fn mib(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Data after the end of line that follows the `stream` keyword.
fn skip_eol(data: &[u8]) -> &[u8] {
    let data = data.strip_prefix(b"\r").unwrap_or(data);
    data.strip_prefix(b"\n").unwrap_or(data)
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delimiter(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// A name as written (`/A#20B`) decoded (`A B`).
fn name(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hex = raw
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (raw[i], hex) {
            (b'#', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Reads a content stream's tokens for what [`Scan`] holds, skipping strings, comments and the
/// data of inline images.
fn scan(content: &[u8]) -> Scan {
    let (mut out, mut depth, mut i) = (Scan::default(), 0usize, 0usize);
    let mut last_name: Option<Vec<u8>> = None;
    let n = content.len();
    while i < n {
        let c = content[i];
        if is_space(c) {
            i += 1;
        } else if c == b'%' {
            while i < n && content[i] != b'\n' && content[i] != b'\r' {
                i += 1;
            }
        } else if c == b'(' {
            let mut level = 0usize;
            while i < n {
                match content[i] {
                    b'\\' => i += 1,
                    b'(' => level += 1,
                    b')' => {
                        level -= 1;
                        if level == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            i += 1;
            last_name = None;
        } else if c == b'<' && content.get(i + 1) != Some(&b'<') {
            while i < n && content[i] != b'>' {
                i += 1;
            }
            i += 1;
            last_name = None;
        } else if c == b'/' {
            let end = (i + 1..n).find(|&j| is_space(content[j]) || is_delimiter(content[j])).unwrap_or(n);
            last_name = Some(name(&content[i + 1..end]));
            i = end;
        } else if is_delimiter(c) {
            i += 1;
        } else {
            let end = (i..n).find(|&j| is_space(content[j]) || is_delimiter(content[j])).unwrap_or(n);
            match &content[i..end] {
                b"q" => {
                    depth += 1;
                    out.nesting = out.nesting.max(depth);
                }
                b"Q" => depth = depth.saturating_sub(1),
                b"Do" => out.drawn.extend(last_name.take()),
                b"ID" => {
                    // Inline image data runs to `EI` standing alone.
                    let data = end + 1;
                    let stop = (data..n.saturating_sub(1)).find(|&j| {
                        &content[j..j + 2] == b"EI"
                            && is_space(content[j - 1])
                            && content.get(j + 2).is_none_or(|&c| is_space(c))
                    });
                    i = stop.map_or(n, |j| j + 2);
                    last_name = None;
                    continue;
                }
                _ => {}
            }
            if &content[i..end] != b"Do" {
                last_name = None;
            }
            i = end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_nesting_and_drawn_names_past_strings_comments_and_images() {
        let content = b"q q (a /Fake Do q) Tj % /Nor Do q\n/Im#201 Do Q BI /W 1 ID q\x00/X Do EI Q /F1 12 Tf q /X2 Do";
        let got = scan(content);
        assert_eq!(got.nesting, 2);
        assert_eq!(got.drawn, [b"Im 1".to_vec(), b"X2".to_vec()]);
        assert_eq!(scan(&b"q\n".repeat(5000)).nesting, 5000);
    }
}
