//! The `ToUnicode` CMaps written for fonts that lack a usable one: a map of codes to characters
//! made from what the font embeds, or the identity a producer names instead of writing a map.

use std::collections::BTreeMap;

/// A `ToUnicode` CMap taking each two-byte code for the character of that number (surrogates
/// aside, which are no characters alone).
pub fn identity_cmap() -> Vec<u8> {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Echoes-Identity-UCS def\n\
         /CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let highs: Vec<u32> = (0..=0xFFu32).filter(|h| !(0xD8..=0xDF).contains(h)).collect();
    for block in highs.chunks(100) {
        out.push_str(&format!("{} beginbfrange\n", block.len()));
        for h in block {
            out.push_str(&format!("<{h:02X}00> <{h:02X}FF> <{h:02X}00>\n"));
        }
        out.push_str("endbfrange\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

/// A `ToUnicode` CMap giving each character code of `bytes` bytes its characters.
pub fn to_unicode_cmap(map: &BTreeMap<u32, String>, bytes: usize) -> Vec<u8> {
    let digits = 2 * bytes;
    let top = (1u32 << (8 * bytes)) - 1;
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Echoes-UCS def\n\
         /CMapType 2 def\n",
    );
    out.push_str(&format!("1 begincodespacerange\n<{:0digits$X}> <{top:0digits$X}>\nendcodespacerange\n", 0));
    let entries: Vec<(&u32, &String)> = map.iter().filter(|(cid, _)| **cid <= top).collect();
    for block in entries.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", block.len()));
        for (cid, text) in block {
            let utf16: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
            out.push_str(&format!("<{cid:0digits$X}> <{utf16}>\n"));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}
