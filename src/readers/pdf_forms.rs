//! Text drawn inside a form (a page's content kept as a form XObject and drawn scaled, as tools
//! that fit a page to paper write it) put where it is drawn. pdf-extract 0.12 interprets a
//! form's content as if it stood alone: the page's transformation and the form's own `Matrix`
//! are lost, so its characters land off the lines and rules the page draws (a table's cells,
//! scaled by 0.95 and moved, lost the first and last characters of their text). Before the text
//! is read, each form that writes text is written into the page's content where it is drawn:
//! `q`, its `Matrix` as `cm`, its operations, `Q`; the names of its resources are given names of
//! their own in the page's resources.

use std::collections::HashMap;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// How deep forms within forms are written out.
const MAX_DEPTH: usize = 4;

/// The operations a page may grow to once its forms are written out, and all pages together, so
/// that a form drawn many times costs bounded memory; a page past either keeps its content as it
/// is.
const MAX_OPERATIONS: usize = 1_000_000;
const MAX_DOCUMENT_OPERATIONS: usize = 8_000_000;

/// The resource category an operator names, and which of its operands is the name.
fn named(operator: &str, operands: usize) -> Option<(&'static [u8], usize)> {
    Some(match operator {
        "Tf" => (b"Font", 0),
        "Do" => (b"XObject", 0),
        "gs" => (b"ExtGState", 0),
        "cs" | "CS" => (b"ColorSpace", 0),
        "sh" => (b"Shading", 0),
        "scn" | "SCN" if operands > 0 => (b"Pattern", operands - 1),
        "BDC" | "DP" if operands > 1 => (b"Properties", 1),
        _ => return None,
    })
}

/// Names of one level of content (the page's, or a form's) as the page's resources call them.
type Names = HashMap<(Vec<u8>, Vec<u8>), Vec<u8>>;

struct Writer<'a> {
    doc: &'a Document,
    /// What the page's resources gain: category, name, object.
    added: Vec<(Vec<u8>, Vec<u8>, Object)>,
    /// Forms given names of their own so far (on every page), for the names.
    forms: usize,
    /// Forms written out on this page.
    wrote: usize,
    operations: usize,
    /// The operations this page may have.
    limit: usize,
}

impl<'a> Writer<'a> {
    fn dict(&self, o: &'a Object) -> Option<&'a Dictionary> {
        self.doc.dereference(o).ok()?.1.as_dict().ok()
    }

    /// The form XObject `name` of `resources`, when it writes text.
    fn form(&self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<(&'a Stream, Vec<u8>)> {
        let xobjects = self.dict(resources?.get(b"XObject").ok()?)?;
        let stream = self.doc.dereference(xobjects.get(name).ok()?).ok()?.1.as_stream().ok()?;
        if stream.dict.get(b"Subtype").ok()?.as_name().ok()? != b"Form" {
            return None;
        }
        let bytes = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
        let text = bytes.windows(2).any(|w| w == b"BT");
        text.then_some((stream, bytes))
    }

    /// `operations`, whose names `resources` holds and the page calls as `names` says, with each
    /// form that writes text written out in place.
    fn write(
        &mut self,
        operations: Vec<Operation>,
        resources: Option<&'a Dictionary>,
        names: &Names,
        depth: usize,
    ) -> Vec<Operation> {
        let mut out = Vec::with_capacity(operations.len());
        for mut op in operations {
            self.operations += 1;
            if self.operations > self.limit {
                return out;
            }
            let form = match (op.operator.as_str(), op.operands.first()) {
                ("Do", Some(Object::Name(n))) if depth < MAX_DEPTH => self.form(resources, n),
                _ => None,
            };
            if let Some((form, bytes)) = form {
                let Ok(content) = Content::decode(&bytes) else { continue };
                let own = form.dict.get(b"Resources").ok().and_then(|r| self.dict(r));
                let inner = match own {
                    Some(own) => self.rename(own),
                    None => names.clone(),
                };
                self.wrote += 1;
                out.push(Operation::new("q", Vec::new()));
                if let Ok(m) = form.dict.get(b"Matrix").and_then(Object::as_array) {
                    if m.len() == 6 {
                        out.push(Operation::new("cm", m.clone()));
                    }
                }
                let written = self.write(content.operations, own.or(resources), &inner, depth + 1);
                out.extend(written);
                out.push(Operation::new("Q", Vec::new()));
                continue;
            }
            if let Some((category, at)) = named(&op.operator, op.operands.len()) {
                if let Some(Object::Name(n)) = op.operands.get_mut(at) {
                    if let Some(new) = names.get(&(category.to_vec(), n.clone())) {
                        n.clone_from(new);
                    }
                }
            }
            out.push(op);
        }
        out
    }

    /// Page names of their own for each of a form's resources.
    fn rename(&mut self, own: &'a Dictionary) -> Names {
        self.forms += 1;
        let mut names = Names::new();
        for (category, entries) in own.iter() {
            let Some(entries) = self.dict(entries) else { continue };
            for (name, object) in entries.iter() {
                let mut new = name.clone();
                new.extend_from_slice(format!("_form{}", self.forms).as_bytes());
                names.insert((category.clone(), name.clone()), new.clone());
                self.added.push((category.clone(), new, object.clone()));
            }
        }
        names
    }
}

/// Writes out, on every page, the forms that write text (see the module's head).
pub fn write_out_forms(doc: &mut Document) {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let (mut forms, mut left) = (0, MAX_DOCUMENT_OPERATIONS);
    for page in pages {
        let Some((content, resources, operations)) = written(doc, page, &mut forms, left.min(MAX_OPERATIONS)) else {
            continue;
        };
        left = left.saturating_sub(operations);
        let id = doc.add_object(Stream::new(Dictionary::new(), content));
        if let Ok(dict) = doc.get_dictionary_mut(page) {
            dict.set("Contents", Object::Reference(id));
            dict.set("Resources", Object::Dictionary(resources));
        }
    }
}

/// A page's content with its forms written out, its resources with theirs, and how many
/// operations it has; `None` when it draws no form that writes text, cannot be read, or would
/// have more than `limit` operations.
fn written(doc: &Document, page: ObjectId, forms: &mut usize, limit: usize) -> Option<(Vec<u8>, Dictionary, usize)> {
    let bytes = doc.get_page_content(page).ok()?;
    if !bytes.windows(2).any(|w| w == b"Do") {
        return None;
    }
    let (own, inherited) = doc.get_page_resources(page).ok()?;
    let resources = own.or_else(|| inherited.iter().find_map(|id| doc.get_dictionary(*id).ok()));
    let content = Content::decode(&bytes).ok()?;
    let mut writer = Writer { doc, added: Vec::new(), forms: *forms, wrote: 0, operations: 0, limit };
    let operations = writer.write(content.operations, resources, &Names::new(), 0);
    *forms = writer.forms;
    if writer.operations > limit || writer.wrote == 0 {
        return None;
    }
    // The page's resources, each category a dictionary of its own, with the forms' added.
    let mut merged = Dictionary::new();
    for (category, entries) in resources.into_iter().flat_map(|r| r.iter()) {
        let entries = match doc.dereference(entries) {
            Ok((_, Object::Dictionary(d))) => Object::Dictionary(d.clone()),
            _ => entries.clone(),
        };
        merged.set(category.clone(), entries);
    }
    for (category, name, object) in writer.added {
        if !matches!(merged.get(&category), Ok(Object::Dictionary(_))) {
            merged.set(category.clone(), Object::Dictionary(Dictionary::new()));
        }
        if let Ok(Object::Dictionary(entries)) = merged.get_mut(&category) {
            entries.set(name, object);
        }
    }
    let count = operations.len();
    let content = Content { operations }.encode().ok()?;
    Some((content, merged, count))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn a_form_that_writes_text_is_written_where_it_is_drawn_with_its_fonts_renamed() {
        let mut doc = Document::with_version("1.5");
        let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
        let form = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
                "Matrix" => vec![2.into(), 0.into(), 0.into(), 2.into(), 10.into(), 20.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            },
            b"BT /F1 9 Tf 5 5 Td (Cell) Tj ET".to_vec(),
        ));
        let content = doc.add_object(Stream::new(Dictionary::new(), b"q 0.5 0 0 0.5 0 0 cm /Fm0 Do Q".to_vec()));
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "Contents" => content,
            "Resources" => dictionary! { "XObject" => dictionary! { "Fm0" => form } },
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        write_out_forms(&mut doc);
        let text = String::from_utf8(doc.get_page_content(page).unwrap()).unwrap();
        let ops: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(ops.join(" "), "q 0.5 0 0 0.5 0 0 cm q 2 0 0 2 10 20 cm BT /F1_form1 9 Tf 5 5 Td (Cell) Tj ET Q Q");
        let (own, _) = doc.get_page_resources(page).unwrap();
        let fonts = own.unwrap().get(b"Font").unwrap().as_dict().unwrap();
        assert_eq!(fonts.get(b"F1_form1").unwrap().as_reference().unwrap(), font);
    }
}
