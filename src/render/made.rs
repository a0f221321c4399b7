//! How a result was made, put with the result: JSON as `{"made": {...}, "<rows>": ...}`, CSV and
//! text after `#` lines, NDJSON with a first line `{"made": {...}}`.

use std::io::{self, Write};

use serde::Serialize;

use super::Format;
use crate::made::Made;

/// Comment lines (`# key: value`) before a CSV's header saying how it was made; read with
/// `comment="#"` (pandas) or `comment.char = "#"` (R).
pub fn comments(out: &mut dyn Write, made: &Made) -> io::Result<()> {
    for line in made.lines() {
        // One line each, whatever a query or path holds.
        writeln!(out, "# {}", line.replace(['\n', '\r'], " "))?;
    }
    Ok(())
}

/// The first line of an NDJSON stream that says how it was made: `{"made": {...}}`.
pub fn ndjson_line(out: &mut dyn Write, made: &Made) -> io::Result<()> {
    #[derive(Serialize)]
    struct Line<'a> {
        made: &'a Made,
    }
    serde_json::to_writer(&mut *out, &Line { made })?;
    writeln!(out)
}

/// The result `write` renders in `format`, with how it was made when `made` is given: JSON as an
/// object whose `made` field says how, and whose field `rows` holds what `write` wrote, as it
/// wrote it; CSV and text after `#` lines. Without `made`, exactly what `write` writes.
pub fn with_made(
    out: &mut dyn Write,
    format: Format,
    made: Option<&Made>,
    rows: &str,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let Some(made) = made else { return write(out) };
    match format {
        Format::Json => {
            let mut result = Vec::new();
            write(&mut result)?;
            let result = String::from_utf8_lossy(&result);
            // Pretty JSON holds no raw line break inside a string: each line is indented whole.
            let indent = |s: &str| s.trim_end().replace('\n', "\n  ");
            let made = serde_json::to_string_pretty(made)?;
            writeln!(
                out,
                "{{\n  \"made\": {},\n  {}: {}\n}}",
                indent(&made),
                serde_json::to_string(rows)?,
                indent(&result)
            )
        }
        Format::Csv | Format::Text => {
            comments(out, made)?;
            write(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::made::CorpusPrint;

    fn made() -> Made {
        let corpus = CorpusPrint { path: "c".into(), fingerprint: "ff".into(), documents: 2 };
        Made::new("search", Some("a\nb".into()), Default::default(), corpus)
    }

    #[test]
    fn json_rows_keep_their_order_and_the_whole_parses() {
        let mut out = Vec::new();
        #[derive(Serialize)]
        struct Row {
            z: u32,
            a: &'static str,
        }
        with_made(&mut out, Format::Json, Some(&made()), "hits", |w| super::super::json(w, &[Row { z: 1, a: "x\ny" }]))
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["made"]["query"], "a\nb");
        assert_eq!(value["hits"][0]["a"], "x\ny");
        assert!(text.find("\"z\"").unwrap() < text.find("\"a\": \"x").unwrap());
    }

    #[test]
    fn without_made_nothing_changes() {
        let mut out = Vec::new();
        with_made(&mut out, Format::Json, None, "hits", |w| w.write_all(b"[]\n")).unwrap();
        assert_eq!(out, b"[]\n");
    }
}
