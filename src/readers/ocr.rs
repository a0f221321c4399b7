//! OCR of PDF pages without a text layer (scanned letters): each page is rendered with
//! `pdftoppm` (poppler) and read with `tesseract`, both run as programs; the text keeps
//! Tesseract's lines and paragraphs, and its mean word confidence is kept. What OCR gives is
//! cached by the file's bytes, so that a file is read by OCR once.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

/// Where OCR keeps what it read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ocr<'a> {
    /// The cache folder (inside the index directory); `None`: nothing is cached.
    pub cache: Option<&'a Path>,
}

/// Why pages could not be read by OCR.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OcrError {
    #[error(
        "scanned pages with no text layer; to read them by OCR, install tesseract and pdftoppm \
         (Debian: apt-get install tesseract-ocr poppler-utils)"
    )]
    Missing,
    #[error("scanned pages with no text layer, and OCR failed: {0}")]
    Failed(String),
}

/// The text OCR read from some pages of a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Read {
    /// Each page read, by its number (from 1), with its text.
    pub pages: Vec<(u32, String)>,
    /// Words read, and their mean confidence (0 to 100).
    pub words: u64,
    pub confidence: f64,
}

/// The programs OCR runs, named by `ECHOES_TESSERACT` and `ECHOES_PDFTOPPM` or found on the path.
fn program(var: &str, name: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| name.to_string())
}

/// Whether a program can be run.
fn runs(program: &str, arg: &str) -> bool {
    Command::new(program).arg(arg).output().is_ok()
}

/// The cache file for a file's bytes.
fn cached_at(cache: &Path, bytes: &[u8]) -> PathBuf {
    cache.join(format!("{:032x}.json", xxhash_rust::xxh3::xxh3_128(bytes)))
}

/// Reads pages `numbers` of the PDF `bytes` by OCR, from the cache when this file was read before.
/// `name` is the file's, for the progress shown on a terminal.
pub fn read(bytes: &[u8], numbers: &[u32], ocr: Ocr, name: &str) -> Result<Read, OcrError> {
    let at = ocr.cache.map(|c| cached_at(c, bytes));
    if let Some(read) = at.as_ref().and_then(|p| fs::read(p).ok()).and_then(|b| serde_json::from_slice::<Read>(&b).ok())
    {
        if read.pages.iter().map(|p| p.0).eq(numbers.iter().copied()) {
            return Ok(read);
        }
    }
    let (tesseract, pdftoppm) = (program("ECHOES_TESSERACT", "tesseract"), program("ECHOES_PDFTOPPM", "pdftoppm"));
    if !runs(&tesseract, "--version") || !runs(&pdftoppm, "-v") {
        return Err(OcrError::Missing);
    }
    let work = Work::new().map_err(|e| OcrError::Failed(format!("cannot make a working folder: {e}")))?;
    let pdf = work.0.join("scan.pdf");
    fs::write(&pdf, bytes).map_err(|e| OcrError::Failed(format!("cannot write a working copy: {e}")))?;
    let progress = indicatif::ProgressBar::new(numbers.len() as u64);
    progress.set_style(
        indicatif::ProgressStyle::with_template("OCR {msg}: page {pos} of {len}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    progress.set_message(if name.is_empty() { "a scanned PDF".to_string() } else { name.to_string() });
    let mut read = Read { pages: Vec::new(), words: 0, confidence: 0.0 };
    let mut total = 0.0;
    for &n in numbers {
        let (text, confidences) = page(&pdftoppm, &tesseract, &pdf, &work.0, n)?;
        read.words += confidences.len() as u64;
        total += confidences.iter().sum::<f64>();
        read.pages.push((n, text));
        progress.inc(1);
    }
    progress.finish_and_clear();
    read.confidence = if read.words == 0 { 0.0 } else { total / read.words as f64 };
    if let (Some(cache), Some(at)) = (ocr.cache, at) {
        // Best effort: a cache that cannot be written means OCR runs again next time.
        let _ = fs::create_dir_all(cache).and_then(|()| {
            let tmp = cache.join(format!(".tmp-{}", std::process::id()));
            fs::write(&tmp, serde_json::to_vec(&read).unwrap_or_default())?;
            fs::rename(&tmp, &at)
        });
    }
    Ok(read)
}

/// A working folder, removed when dropped.
struct Work(PathBuf);

impl Work {
    fn new() -> std::io::Result<Work> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("echoes-ocr-{}-{n}", std::process::id()));
        fs::create_dir_all(&dir)?;
        Ok(Work(dir))
    }
}

impl Drop for Work {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// How finely a page is rendered for OCR, in dots per inch.
const DPI: &str = "300";

fn failed(what: &str, out: &std::process::Output) -> OcrError {
    let why = String::from_utf8_lossy(&out.stderr);
    OcrError::Failed(format!("{what}: {}", why.lines().last().unwrap_or("no reason given").trim()))
}

/// One page rendered and read: its text, and the confidence of each word.
fn page(pdftoppm: &str, tesseract: &str, pdf: &Path, work: &Path, n: u32) -> Result<(String, Vec<f64>), OcrError> {
    let prefix = work.join(format!("page-{n}"));
    let number = n.to_string();
    let out = Command::new(pdftoppm)
        .args(["-r", DPI, "-gray", "-png", "-singlefile", "-f", &number, "-l", &number])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .map_err(|e| OcrError::Failed(format!("pdftoppm: {e}")))?;
    if !out.status.success() {
        return Err(failed("pdftoppm", &out));
    }
    let image = prefix.with_extension("png");
    // One thread: files are read side by side already.
    let out = Command::new(tesseract)
        .arg(&image)
        .args(["stdout", "tsv"])
        .env("OMP_THREAD_LIMIT", "1")
        .output()
        .map_err(|e| OcrError::Failed(format!("tesseract: {e}")))?;
    if !out.status.success() {
        return Err(failed("tesseract", &out));
    }
    let _ = fs::remove_file(&image);
    Ok(from_tsv(&String::from_utf8_lossy(&out.stdout)))
}

/// Text from Tesseract's TSV output: its words in its lines, a blank line between its paragraphs;
/// and each word's confidence.
fn from_tsv(tsv: &str) -> (String, Vec<f64>) {
    let mut text = String::new();
    let mut confidences = Vec::new();
    let mut last: Option<(&str, &str, &str)> = None;
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 12 || f[0] != "5" || f[11].trim().is_empty() {
            continue;
        }
        let (block, par, line) = (f[2], f[3], f[4]);
        match last {
            Some((b, p, _)) if (b, p) != (block, par) => text.push_str("\n\n"),
            Some((_, _, l)) if l != line => text.push('\n'),
            Some(_) => text.push(' '),
            None => {}
        }
        text.push_str(f[11].trim());
        if let Ok(c) = f[10].parse::<f64>() {
            if c >= 0.0 {
                confidences.push(c);
            }
        }
        last = Some((block, par, line));
    }
    text.push('\n');
    (text, confidences)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tesseract_lines_and_paragraphs_are_kept() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
            5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tDear\n\
            5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t80\tInspector,\n\
            4\t1\t1\t2\t1\t0\t0\t0\t1\t1\t-1\t\n\
            5\t1\t1\t2\t1\t1\t0\t0\t1\t1\t70\tThank\n\
            5\t1\t1\t2\t2\t1\t0\t0\t1\t1\t60\tyou.\n";
        let (text, conf) = from_tsv(tsv);
        assert_eq!(text, "Dear Inspector,\n\nThank\nyou.\n");
        assert_eq!(conf, [90.0, 80.0, 70.0, 60.0]);
    }
}
