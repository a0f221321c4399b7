//! How far the compressed parts of a document may inflate: inflation that stops at a limit, and
//! the ratio past which a part is a bomb, not a document (Word documents and PDFs alike).

use std::io::Read;

/// Highest compression ratio believed of a compressed part of a document (a Word document's
/// XML, a PDF's stream): documents compress well, but not a thousandfold as a bomb does.
pub const MAX_RATIO: u64 = 100;
/// Below this size a part is read whatever its ratio (tiny parts compress absurdly well).
pub const RATIO_FLOOR: u64 = 1024 * 1024;

/// Zlib data inflated, or `None` past `limit` bytes. Data that is not zlib is read as raw
/// deflate, as the PDF library does.
pub fn inflate(data: &[u8], limit: u64) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let read = flate2::read::ZlibDecoder::new(data).take(limit.saturating_add(1)).read_to_end(&mut out);
    if read.is_err() && out.is_empty() && data.len() > 2 {
        let _ = flate2::read::DeflateDecoder::new(&data[2..]).take(limit.saturating_add(1)).read_to_end(&mut out);
    }
    (out.len() as u64 <= limit).then_some(out)
}

/// LZW data decoded, or `None` past `limit` bytes.
pub fn unlzw(data: &[u8], limit: u64, early_change: bool) -> Option<Vec<u8>> {
    use weezl::{decode::Decoder, BitOrder};
    let mut decoder =
        if early_change { Decoder::with_tiff_size_switch(BitOrder::Msb, 8) } else { Decoder::new(BitOrder::Msb, 8) };
    let (mut out, mut buf, mut input) = (Vec::new(), vec![0u8; 64 * 1024], data);
    loop {
        let r = decoder.decode_bytes(input, &mut buf);
        out.extend_from_slice(&buf[..r.consumed_out]);
        input = &input[r.consumed_in..];
        if out.len() as u64 > limit {
            return None;
        }
        match r.status {
            Ok(weezl::LzwStatus::Ok) if r.consumed_in + r.consumed_out > 0 => {}
            _ => return Some(out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflation_stops_at_the_limit() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![b' '; 1_000_000]).unwrap();
        let packed = z.finish().unwrap();
        assert_eq!(inflate(&packed, 1_000_000).map(|v| v.len()), Some(1_000_000));
        assert_eq!(inflate(&packed, 999_999), None);
    }

    #[test]
    fn lzw_decoding_stops_at_the_limit() {
        let data = vec![b'q'; 1_000_000];
        let packed = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8).encode(&data).unwrap();
        assert!(packed.len() < 20_000, "{}", packed.len());
        assert_eq!(unlzw(&packed, 1_000_000, true), Some(data));
        assert_eq!(unlzw(&packed, 999_999, true), None);
    }
}
