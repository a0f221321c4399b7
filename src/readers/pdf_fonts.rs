//! Repairs to a PDF's fonts before its text is read: what pdf-extract misreads is written out in
//! a form it reads right, and a font with no Unicode map given one made from the font it embeds.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::pdf_cmap::{identity_cmap, to_unicode_cmap};

/// At most this many widths are written out for one font (a CID font has at most 65,536
/// characters), so that a hostile range costs bounded memory.
const MAX_WIDTHS: usize = 65_536;

/// Writes a CID font's `first last width` entries (one width for a range of characters) as
/// `first [width width …]`. pdf-extract 0.12 reads the first form as no entry at all, so those
/// characters (often the digits) get the default width, a whole font size, and every character
/// after them on the line is drawn too far right: numbers run into the next table cell.
pub fn expand_width_ranges(doc: &mut Document) {
    let fonts: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let dict = o.as_dict().ok()?;
            let subtype = dict.get(b"Subtype").ok()?.as_name().ok()?;
            (matches!(subtype, b"CIDFontType0" | b"CIDFontType2") && dict.has(b"W")).then_some(*id)
        })
        .collect();
    for id in fonts {
        let Some(widths) = doc
            .get_dictionary(id)
            .ok()
            .and_then(|d| d.get(b"W").ok())
            .and_then(|w| doc.dereference(w).ok())
            .and_then(|(_, w)| w.as_array().ok())
            .map(|w| expand(w))
        else {
            continue;
        };
        if let Ok(dict) = doc.get_dictionary_mut(id) {
            dict.set("W", Object::Array(widths));
        }
    }
}

fn number(o: &Object) -> Option<f64> {
    o.as_float().ok().map(f64::from).or_else(|| o.as_i64().ok().map(|v| v as f64))
}

/// A `W` array with every `first last width` entry written as `first [width …]`.
fn expand(w: &[Object]) -> Vec<Object> {
    let mut out = Vec::with_capacity(w.len());
    let (mut i, mut budget) = (0, MAX_WIDTHS);
    while i + 1 < w.len() {
        let Some(first) = number(&w[i]) else { break };
        match &w[i + 1] {
            Object::Array(list) => {
                out.push(w[i].clone());
                out.push(Object::Array(list.clone()));
                i += 2;
            }
            last => {
                let (Some(last), Some(width)) = (number(last), w.get(i + 2).and_then(number)) else { break };
                let n = ((last - first).max(0.0) as usize + 1).min(budget);
                budget -= n;
                out.push(Object::Integer(first as i64));
                out.push(Object::Array(vec![Object::Real(width as f32); n]));
                i += 3;
            }
        }
        if budget == 0 {
            break;
        }
    }
    out
}

/// How the fonts without a Unicode map were read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mapped {
    /// Fonts given a Unicode map made from their embedded font's own tables (its `cmap`, or
    /// its glyph names).
    pub decoded: Vec<String>,
    /// Fonts whose characters cannot be told (no Unicode map, no embedded font to read one
    /// from): the text drawn with them is not words.
    pub unreadable: Vec<String>,
    /// Those of them whose text comes out as other letters (a simple font's codes read as
    /// Windows-1252), not as nothing.
    pub garbled: Vec<String>,
}

/// Whether a font has a `ToUnicode` map to read: a stream. Some producers write the name of a
/// predefined CMap there (`/ToUnicode /Identity-H`), which maps nothing; such a font is taken as
/// having no map.
fn has_unicode_map(doc: &Document, dict: &Dictionary) -> bool {
    dict.get(b"ToUnicode").ok().and_then(|o| doc.dereference(o).ok()).is_some_and(|(_, o)| o.as_stream().is_ok())
}

/// Gives each CID font that has no `ToUnicode` map (its text would read as a substitution
/// cipher, character numbers taken for letters) one made from the TrueType font it embeds: the
/// font's own `cmap` read backwards (glyph to character), or its glyph names where that has
/// none. A font with nothing to read one from is named as unreadable.
pub fn map_unmapped(doc: &mut Document) -> Mapped {
    let mut mapped = Mapped::default();
    // `/ToUnicode /Identity-H`: the producer's way of saying each two-byte code is its character
    // (as pdf.js and poppler read it); written out as a map, so that the text is read by it.
    let identity: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let name = o.as_dict().ok()?.get(b"ToUnicode").ok()?.as_name().ok()?;
            matches!(name, b"Identity-H" | b"Identity-V").then_some(*id)
        })
        .collect();
    // One map, shared by every such font.
    if !identity.is_empty() {
        let cmap = doc.add_object(Stream::new(Dictionary::new(), identity_cmap()));
        for id in identity {
            if let Ok(dict) = doc.get_dictionary_mut(id) {
                dict.set("ToUnicode", Object::Reference(cmap));
            }
        }
    }
    let fonts: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let dict = o.as_dict().ok()?;
            let type0 = dict.get(b"Subtype").ok()?.as_name().ok()? == b"Type0";
            let identity = matches!(dict.get(b"Encoding").ok()?.as_name().ok()?, b"Identity-H" | b"Identity-V");
            (type0 && identity && !has_unicode_map(doc, dict)).then_some(*id)
        })
        .collect();
    for id in fonts {
        let name = font_name(doc, id);
        let map = cid_to_unicode(doc, id).filter(|m| !m.is_empty());
        match map {
            Some(map) => {
                let cmap = doc.add_object(Stream::new(Dictionary::new(), to_unicode_cmap(&map, 2)));
                if let Ok(dict) = doc.get_dictionary_mut(id) {
                    dict.set("ToUnicode", Object::Reference(cmap));
                }
                mapped.decoded.push(name);
            }
            None => mapped.unreadable.push(name),
        }
    }
    // Simple TrueType fonts marked symbolic, with neither an encoding nor a Unicode map: their
    // character codes are the producer's own (pdf-extract reads them as Windows-1252, a
    // substitution cipher); the embedded font's cmap says which glyph each draws.
    let simple: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let dict = o.as_dict().ok()?;
            let truetype = dict.get(b"Subtype").ok()?.as_name().ok()? == b"TrueType";
            (truetype && !dict.has(b"Encoding") && !has_unicode_map(doc, dict)).then_some(*id)
        })
        .collect();
    let simple: Vec<ObjectId> = simple.into_iter().filter(|id| symbolic_embedded(doc, *id)).collect();
    for id in simple {
        // Nothing to decode them by: their text is a cipher, named so.
        let Some(map) = code_to_unicode(doc, id).filter(|m| !m.is_empty()) else {
            mapped.unreadable.push(font_name(doc, id));
            mapped.garbled.push(font_name(doc, id));
            continue;
        };
        let cmap = doc.add_object(Stream::new(Dictionary::new(), to_unicode_cmap(&map, 1)));
        if let Ok(dict) = doc.get_dictionary_mut(id) {
            dict.set("ToUnicode", Object::Reference(cmap));
        }
        mapped.decoded.push(font_name(doc, id));
    }
    mapped
}

/// Gives each simple Type 1 font that embeds a compact (CFF) font program and names an
/// `Encoding` of its own, but no `ToUnicode` map, a map made from that `Encoding`: its base
/// encoding and `Differences`, glyph names read as characters. The PDF's encoding overrides the
/// one built into the font program, but pdf-extract 0.12 prefers the built-in one, which in a
/// subset font numbers glyphs its own way: `Kerala 2400` came out as `Yerala DE..`.
pub fn map_cff_encodings(doc: &mut Document) {
    let fonts: Vec<(ObjectId, BTreeMap<u32, String>)> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let dict = o.as_dict().ok()?;
            let simple = matches!(dict.get(b"Subtype").ok()?.as_name().ok()?, b"Type1" | b"MMType1");
            let cff = descriptor(doc, *id).is_some_and(|d| d.has(b"FontFile3"));
            if !simple || !cff || has_unicode_map(doc, dict) || !dict.has(b"Encoding") {
                return None;
            }
            Some((*id, encoding_characters(doc, dict)?)).filter(|(_, m)| !m.is_empty())
        })
        .collect();
    for (id, map) in fonts {
        let cmap = doc.add_object(Stream::new(Dictionary::new(), to_unicode_cmap(&map, 1)));
        if let Ok(dict) = doc.get_dictionary_mut(id) {
            dict.set("ToUnicode", Object::Reference(cmap));
        }
    }
}

/// The character of each one-byte code a simple font's `Encoding` names. An encoding dictionary
/// with no `BaseEncoding` gives only its `Differences`: its other codes are the font program's.
fn encoding_characters(doc: &Document, font: &Dictionary) -> Option<BTreeMap<u32, String>> {
    let encoding = resolve(doc, font.get(b"Encoding").ok()?)?;
    let mut font = font.clone();
    let mut only: Option<Vec<u32>> = None;
    if let Ok(dict) = encoding.as_dict() {
        // lopdf wants the optional `Type` of an encoding dictionary.
        let mut dict = dict.clone();
        dict.set("Type", Object::Name(b"Encoding".to_vec()));
        if !dict.has(b"BaseEncoding") {
            only = Some(difference_codes(doc, &dict));
        }
        font.set("Encoding", Object::Dictionary(dict));
    }
    font.set("Type", Object::Name(b"Font".to_vec()));
    let table = font.get_font_encoding(doc).ok()?;
    let codes = only.unwrap_or_else(|| (0..=255).collect());
    let mut out = BTreeMap::new();
    for code in codes.into_iter().filter(|c| *c <= 255) {
        match table.bytes_to_string(&[code as u8]) {
            Ok(text) if !text.is_empty() && text != "\u{FFFD}" => {
                out.insert(code, text);
            }
            _ => {}
        }
    }
    Some(out)
}

/// The codes an encoding dictionary's `Differences` array names.
fn difference_codes(doc: &Document, encoding: &Dictionary) -> Vec<u32> {
    let Some(list) = encoding.get(b"Differences").ok().and_then(|d| resolve(doc, d)).and_then(|d| d.as_array().ok())
    else {
        return Vec::new();
    };
    let mut codes = Vec::new();
    let mut code = 0i64;
    for item in list {
        match item {
            Object::Integer(n) => code = *n,
            Object::Name(_) => {
                if (0..=255).contains(&code) {
                    codes.push(code as u32);
                }
                code += 1;
            }
            _ => {}
        }
    }
    codes
}

/// A font's name (`BaseFont`), or its object number.
fn font_name(doc: &Document, id: ObjectId) -> String {
    doc.get_dictionary(id)
        .ok()
        .and_then(|d| d.get(b"BaseFont").ok())
        .and_then(|n| n.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_else(|| format!("font {} {}", id.0, id.1))
}

/// The Symbolic flag of a font descriptor: its codes are its own, not a standard encoding's.
const SYMBOLIC: i64 = 4;

/// A simple font's descriptor.
fn descriptor(doc: &Document, font: ObjectId) -> Option<&Dictionary> {
    let dict = doc.get_dictionary(font).ok()?;
    resolve(doc, dict.get(b"FontDescriptor").ok()?)?.as_dict().ok()
}

/// Whether a simple font is marked symbolic and embeds its TrueType program.
fn symbolic_embedded(doc: &Document, font: ObjectId) -> bool {
    descriptor(doc, font).is_some_and(|d| {
        let flags = d.get(b"Flags").ok().and_then(|f| f.as_i64().ok()).unwrap_or(0);
        flags & SYMBOLIC != 0 && d.has(b"FontFile2")
    })
}

/// The characters of a symbolic simple TrueType font's one-byte codes, read from the font it
/// embeds: the glyph its (3,0) or (1,0) cmap gives a code, and the character that glyph draws.
fn code_to_unicode(doc: &Document, font: ObjectId) -> Option<BTreeMap<u32, String>> {
    let descriptor = descriptor(doc, font)?;
    let file = resolve(doc, descriptor.get(b"FontFile2").ok()?)?.as_stream().ok()?;
    let data = file.decompressed_content().unwrap_or_else(|_| file.content.clone());
    let face = ttf_parser::Face::parse(&data, 0).ok()?;
    let cmap = face.tables().cmap?;
    let by_glyph = glyph_characters(&face);
    let mut out = BTreeMap::new();
    for code in 0u32..=255 {
        let glyph = cmap.subtables.into_iter().find_map(|sub| match (sub.platform_id, sub.encoding_id) {
            (ttf_parser::PlatformId::Windows, 0) => sub.glyph_index(0xF000 + code).or_else(|| sub.glyph_index(code)),
            (ttf_parser::PlatformId::Macintosh, 0) => sub.glyph_index(code),
            _ => None,
        });
        if let Some(c) = glyph.filter(|g| g.0 != 0).and_then(|g| by_glyph.get(&g.0)) {
            out.insert(code, c.clone());
        }
    }
    Some(out)
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

/// The characters of a CID font's character numbers, read from the TrueType font it embeds.
fn cid_to_unicode(doc: &Document, font: ObjectId) -> Option<BTreeMap<u32, String>> {
    let dict = doc.get_dictionary(font).ok()?;
    let descendants = resolve(doc, dict.get(b"DescendantFonts").ok()?)?.as_array().ok()?;
    let cid_font = resolve(doc, descendants.first()?)?.as_dict().ok()?;
    let descriptor = resolve(doc, cid_font.get(b"FontDescriptor").ok()?)?.as_dict().ok()?;
    let file = resolve(doc, descriptor.get(b"FontFile2").ok()?)?.as_stream().ok()?;
    let data = file.decompressed_content().unwrap_or_else(|_| file.content.clone());
    let face = ttf_parser::Face::parse(&data, 0).ok()?;
    // Which glyph each character number draws: the same number, or as the map says.
    let cid_to_gid: Option<Vec<u16>> = cid_font
        .get(b"CIDToGIDMap")
        .ok()
        .and_then(|m| resolve(doc, m))
        .and_then(|m| m.as_stream().ok())
        .map(|s| s.decompressed_content().unwrap_or_else(|_| s.content.clone()))
        .map(|b| b.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect());
    let by_glyph = glyph_characters(&face);
    let mut out = BTreeMap::new();
    match cid_to_gid {
        Some(map) => {
            for (cid, gid) in map.iter().enumerate() {
                if let Some(c) = by_glyph.get(gid) {
                    out.insert(cid as u32, c.clone());
                }
            }
        }
        None => {
            for (gid, c) in &by_glyph {
                out.insert(u32::from(*gid), c.clone());
            }
        }
    }
    Some(out)
}

/// The character each glyph of a TrueType font draws: from its Unicode `cmap` subtables read
/// backwards (the lowest character where several share a glyph), else from its glyph name.
fn glyph_characters(face: &ttf_parser::Face) -> BTreeMap<u16, String> {
    let mut out: BTreeMap<u16, String> = BTreeMap::new();
    if let Some(cmap) = face.tables().cmap {
        for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            let mut points = Vec::new();
            sub.codepoints(|cp| points.push(cp));
            points.sort_unstable();
            for cp in points {
                let (Some(g), Some(c)) = (sub.glyph_index(cp), char::from_u32(cp)) else { continue };
                out.entry(g.0).or_insert_with(|| c.to_string());
            }
        }
    }
    for gid in 0..face.number_of_glyphs() {
        if out.contains_key(&gid) {
            continue;
        }
        if let Some(c) = face.glyph_name(ttf_parser::GlyphId(gid)).and_then(glyph_name_character) {
            out.insert(gid, c);
        }
    }
    out
}

/// Glyph names for characters that are not a letter or digit's own name (Adobe's glyph list,
/// the part Latin text uses).
const NAMES: &[(&str, char)] = &[
    ("space", ' '),
    ("exclam", '!'),
    ("quotedbl", '"'),
    ("numbersign", '#'),
    ("dollar", '$'),
    ("percent", '%'),
    ("ampersand", '&'),
    ("quotesingle", '\''),
    ("quoteright", '\u{2019}'),
    ("quoteleft", '\u{2018}'),
    ("quotedblleft", '\u{201C}'),
    ("quotedblright", '\u{201D}'),
    ("parenleft", '('),
    ("parenright", ')'),
    ("asterisk", '*'),
    ("plus", '+'),
    ("comma", ','),
    ("hyphen", '-'),
    ("period", '.'),
    ("slash", '/'),
    ("colon", ':'),
    ("semicolon", ';'),
    ("less", '<'),
    ("equal", '='),
    ("greater", '>'),
    ("question", '?'),
    ("at", '@'),
    ("bracketleft", '['),
    ("backslash", '\\'),
    ("bracketright", ']'),
    ("underscore", '_'),
    ("braceleft", '{'),
    ("bar", '|'),
    ("braceright", '}'),
    ("endash", '\u{2013}'),
    ("emdash", '\u{2014}'),
    ("bullet", '\u{2022}'),
    ("sterling", '\u{A3}'),
    ("Euro", '\u{20AC}'),
    ("zero", '0'),
    ("one", '1'),
    ("two", '2'),
    ("three", '3'),
    ("four", '4'),
    ("five", '5'),
    ("six", '6'),
    ("seven", '7'),
    ("eight", '8'),
    ("nine", '9'),
];

/// The character a glyph name stands for: `A`, `uni00E9`, `u1F600`, `comma`; a ligature's
/// name (`f_i`) gives its letters.
fn glyph_name_character(name: &str) -> Option<String> {
    let name = name.split('.').next()?;
    if name.contains('_') {
        return name.split('_').map(glyph_name_character).collect();
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_ascii_alphabetic().then(|| c.to_string());
    }
    let hex = name.strip_prefix("uni").or_else(|| name.strip_prefix('u'));
    if let Some(c) = hex.and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32) {
        return Some(c.to_string());
    }
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_ranges_are_written_out_and_lists_kept() {
        let w = vec![
            Object::Integer(3),
            Object::Array(vec![Object::Integer(250), Object::Integer(500)]),
            Object::Integer(16),
            Object::Integer(18),
            Object::Integer(507),
        ];
        let out = expand(&w);
        assert_eq!(out.len(), 4);
        assert_eq!(out[2], Object::Integer(16));
        assert_eq!(out[3], Object::Array(vec![Object::Real(507.0); 3]));
        // A hostile range writes at most MAX_WIDTHS widths.
        let huge = expand(&[Object::Integer(0), Object::Integer(i64::MAX), Object::Integer(1)]);
        assert_eq!(huge[1].as_array().unwrap().len(), MAX_WIDTHS);
    }

    #[test]
    fn glyph_names_give_their_characters() {
        let got: Vec<Option<String>> =
            ["K", "two", "uni00E9", "f_i", "comma.sc", "g42"].iter().map(|n| glyph_name_character(n)).collect();
        let want = [Some("K"), Some("2"), Some("é"), Some("fi"), Some(","), None];
        assert_eq!(got, want.map(|w| w.map(str::to_string)));
    }
}
