//! Bytes to text: UTF-8, UTF-16 by its byte-order mark, other encodings by detection, and files
//! that are not text at all recognised by their first bytes.

/// A file's text, and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding, when the file was not clean UTF-8.
    pub encoding: Option<&'static str>,
    /// Bytes that no encoding could make sense of, replaced by U+FFFD.
    pub replaced: usize,
}

/// Decodes a file's bytes: UTF-8 (with or without BOM) as is; UTF-16 by its BOM; UTF-8 with a few
/// broken bytes as UTF-8 with those bytes replaced; anything else (Windows-1252, Latin-1, ...) by
/// detection.
pub fn decode(bytes: &[u8]) -> Decoded {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded { text: s.to_string(), encoding: None, replaced: 0 };
    }
    let replacements = |t: &str| t.matches('\u{FFFD}').count();
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, _) = encoding.decode(bytes);
        let replaced = replacements(&text);
        return Decoded { text: text.into_owned(), encoding: Some(encoding.name()), replaced };
    }
    // Mostly UTF-8 (it has well-formed multi-byte characters): keep it so, and count the damage.
    let lossy = String::from_utf8_lossy(bytes);
    if lossy.chars().any(|c| !c.is_ascii() && c != '\u{FFFD}') {
        let replaced = replacements(&lossy) - bytes_as_text_replacements(bytes);
        return Decoded { text: lossy.into_owned(), encoding: Some("UTF-8"), replaced };
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, true);
    let (text, _, _) = encoding.decode(bytes);
    let replaced = replacements(&text);
    Decoded { text: text.into_owned(), encoding: Some(encoding.name()), replaced }
}

/// U+FFFD characters written out in the file itself (so not damage).
fn bytes_as_text_replacements(bytes: &[u8]) -> usize {
    bytes.windows(3).filter(|w| *w == "\u{FFFD}".as_bytes()).count()
}

/// What a file's first bytes say it is, when it is not text echoes can read. (PDFs and Word
/// documents are recognised, and read, before this is asked.)
pub fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"PK\x03\x04", "a ZIP archive that is not a Word document (echoes reads .docx, not other archives)"),
        (b"\xD0\xCF\x11\xE0", "an old Office document (echoes reads .docx, not .doc or .xls)"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1F\x8B", "a gzip archive"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(what);
    }
    let head = &bytes[..bytes.len().min(8192)];
    let utf16 = encoding_rs::Encoding::for_bom(head).is_some_and(|(e, _)| e != encoding_rs::UTF_8);
    (!utf16 && head.contains(&0)).then_some("binary content (NUL bytes), not text")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_decoded() {
        let d = decode(b"victim\x92s caf\xe9 \x93status\x94");
        assert_eq!(d.text, "victim\u{2019}s caf\u{e9} \u{201c}status\u{201d}");
        assert!(d.encoding.is_some());
        assert_eq!(d.replaced, 0);
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc"), Decoded { text: "abc".into(), encoding: None, replaced: 0 });
    }

    #[test]
    fn utf8_with_broken_bytes_stays_utf8_and_counts_them() {
        let d = decode(
            "victim’s status \u{FFFD} ".as_bytes().iter().chain(b"\xff\xfe!").copied().collect::<Vec<_>>().as_slice(),
        );
        assert_eq!(d.encoding, Some("UTF-8"));
        assert!(d.text.starts_with("victim’s status"));
        assert_eq!(d.replaced, 2);
    }

    #[test]
    fn utf16_is_decoded_by_its_bom() {
        let bytes: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Force response".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(sniff_binary(&bytes), None);
        let d = decode(&bytes);
        assert_eq!((d.text.as_str(), d.encoding), ("Force response", Some("UTF-16LE")));
    }

    #[test]
    fn binary_files_are_recognised_by_content() {
        assert!(sniff_binary(b"PK\x03\x04....").unwrap().contains("ZIP"));
        assert!(sniff_binary(b"abc\0def").unwrap().contains("NUL"));
        assert_eq!(sniff_binary(b"Plain text, with a tab\t."), None);
    }
}
