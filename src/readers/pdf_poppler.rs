//! The fallback for a PDF lopdf cannot parse (a damaged cross-reference table or trailer), and for
//! the pages of any PDF that the PDF library misreads (`pdf_misread::rescue`):
//! poppler's `pdftotext -bbox` (which rebuilds what is damaged) run as a program, its words with
//! their boxes made into characters on pages, so that lines, paragraphs and tables without rules
//! are found as for any PDF. Drawn lines are not read: a ruled table is read by position.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::pdf_draw::{Glyph, Page};

/// How long `pdftotext` may take over one file before it is stopped.
const TIMEOUT: Duration = Duration::from_secs(120);

/// The program the fallback runs, named by `ECHOES_PDFTOTEXT` or found on the path.
fn program() -> String {
    std::env::var("ECHOES_PDFTOTEXT").unwrap_or_else(|_| "pdftotext".to_string())
}

/// Why the fallback gave nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fallback {
    /// `pdftotext` is not installed.
    Missing,
    /// It ran and failed, or gave no page: why.
    Failed(String),
}

/// The pages of the PDF `bytes` as `pdftotext -bbox` reads them; its output is read up to
/// `max_bytes`, past which the file is refused.
pub fn pages(bytes: &[u8], max_bytes: u64) -> Result<Vec<Page>, Fallback> {
    run(&program(), bytes, max_bytes)
}

/// [`pages`], read by the program `pdftotext`.
fn run(pdftotext: &str, bytes: &[u8], max_bytes: u64) -> Result<Vec<Page>, Fallback> {
    let mut child = Command::new(pdftotext)
        .args(["-bbox", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| Fallback::Missing)?;
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        let _ = child.kill();
        return Err(Fallback::Failed("pdftotext could not be given the file".to_string()));
    };
    let input = bytes.to_vec();
    // A program that stops reading (it found the file bad) closes the pipe: nothing to report.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let read = stdout.take(max_bytes.saturating_add(1)).read_to_end(&mut out);
        read.map(|_| out)
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) if start.elapsed() > TIMEOUT => break Err(format!("pdftotext took over {} s", TIMEOUT.as_secs())),
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => break Err(format!("pdftotext: {e}")),
        }
    };
    if status.is_err() {
        let _ = child.kill();
        let _ = child.wait();
    }
    let _ = writer.join();
    let out = reader.join().map_err(|_| Fallback::Failed("pdftotext's output was lost".to_string()))?;
    let status = status.map_err(Fallback::Failed)?;
    let out = out.map_err(|e| Fallback::Failed(format!("pdftotext's output: {e}")))?;
    if out.len() as u64 > max_bytes {
        return Err(Fallback::Failed(format!("pdftotext's text is over {} MiB (--max-file-mb)", max_bytes >> 20)));
    }
    if !status.success() {
        return Err(Fallback::Failed("pdftotext could not read it either".to_string()));
    }
    let pages = from_bbox(&String::from_utf8_lossy(&out));
    if pages.is_empty() {
        return Err(Fallback::Failed("pdftotext found no page in it".to_string()));
    }
    Ok(pages)
}

/// The value of attribute `name` in the tag `tag` (`<word xMin="1.5" …>`).
fn attribute(tag: &str, name: &str) -> Option<f64> {
    let tag = format!(" {tag}");
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let rest = &tag[at..];
    rest[..rest.find('"')?].parse().ok()
}

/// Text with XML's escapes undone (named and numeric); text with a broken escape is kept as written.
fn unescape(text: &str) -> String {
    quick_xml::escape::unescape(text).map_or_else(|_| text.to_string(), |t| t.into_owned())
}

/// Pages from `pdftotext -bbox`'s XHTML: a page per `<page>`, each `<word>` made into its
/// characters spread evenly over its box, on the baseline under the box's middle.
fn from_bbox(xhtml: &str) -> Vec<Page> {
    let mut pages = Vec::new();
    for piece in xhtml.split("<page ").skip(1) {
        let mut page = Page::default();
        for word in piece.split("<word ").skip(1) {
            let Some(close) = word.find('>') else { continue };
            let tag = &word[..close];
            let text = unescape(word[close + 1..].split("</word>").next().unwrap_or(""));
            let (Some(x0), Some(y0), Some(x1), Some(y1)) =
                (attribute(tag, "xMin"), attribute(tag, "yMin"), attribute(tag, "xMax"), attribute(tag, "yMax"))
            else {
                continue;
            };
            let chars: Vec<char> = text.chars().collect();
            if chars.is_empty() || !(x0.is_finite() && x1.is_finite() && y0.is_finite() && y1.is_finite()) {
                continue;
            }
            // A box spans the font's ascent and descent (0.9 to 1.2 font sizes, by font): taken
            // as its size, the baseline a fifth of it up from the bottom.
            let size = (y1 - y0).abs().max(0.1);
            let width = (x1 - x0).max(0.0) / chars.len() as f64;
            let y = y1.max(y0) - size / 5.0;
            page.glyphs.extend(chars.iter().enumerate().map(|(i, c)| Glyph {
                x: x0 + width * i as f64,
                end: x0 + width * (i + 1) as f64,
                y,
                size,
                text: c.to_string(),
                turn: 0,
            }));
        }
        pages.push(page);
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_characters_in_their_boxes() {
        let xhtml = "<doc>\n<page width=\"600\" height=\"800\">\n\
            <word xMin=\"10\" yMin=\"88\" xMax=\"40\" yMax=\"100\">R&amp;D</word>\n\
            <word xMin=\"44\" yMin=\"88\" xMax=\"54\" yMax=\"100\">1</word>\n</page>\n\
            <page width=\"600\" height=\"800\">\n</page>\n</doc>";
        let pages = from_bbox(xhtml);
        assert_eq!(pages.len(), 2);
        let text: String = pages[0].glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "R&D1");
        let g = &pages[0].glyphs;
        assert_eq!((g[0].x, g[0].end, g[2].end), (10.0, 20.0, 40.0));
        assert_eq!((g[3].x, g[3].y, g[3].size), (44.0, 100.0 - 12.0 / 5.0, 12.0));
        assert!(pages[1].glyphs.is_empty());
    }

    #[test]
    fn escapes_named_and_numeric_are_undone_and_a_broken_one_kept() {
        assert_eq!(unescape("O&#39;Neill &quot;R&amp;D&quot; &#x2014;"), "O'Neill \"R&D\" \u{2014}");
        assert_eq!(unescape("AT&T"), "AT&T");
    }

    #[test]
    fn a_missing_program_is_told_apart_from_a_failure() {
        assert!(matches!(run("/nonexistent/pdftotext", b"%PDF-1.4", 1 << 20), Err(Fallback::Missing)));
    }
}
