//! The corpus directory: which files it holds, what `manifest.toml` says of them, the report's
//! recommendations, reading and decoding each file, and the fingerprint that tells when it changed.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::error::Error;

pub const MANIFEST: &str = "manifest.toml";
pub const RECOMMENDATIONS: &str = "recommendations.toml";
/// The recommendations of the bundled report, used when a corpus has none of its own.
const BUNDLED_RECOMMENDATIONS: &str = include_str!("../corpus/recommendations.toml");

/// One `[[document]]` entry of `manifest.toml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub force: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub report: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(default)]
    document: Vec<Entry>,
}

/// One recommendation of the report, as `recommendations.toml` gives it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub number: u32,
    pub addressee: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Recommendations {
    #[serde(default)]
    pub report: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(rename = "recommendation")]
    pub items: Vec<Recommendation>,
}

/// A file of the corpus, read and decoded.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the corpus directory, with `/` separators.
    pub path: String,
    pub text: String,
    /// What the manifest says of it (a default entry if it is not listed).
    pub entry: Entry,
    /// Set when the file was not UTF-8 and had to be decoded.
    pub decoded_from: Option<&'static str>,
    /// Set when the file was converted to text first (`docx`).
    pub converted_from: Option<&'static str>,
    /// Layout the conversion knew and the text does not say, by line: Word heading styles and
    /// numbered list items.
    pub hints: Vec<(u32, crate::readers::Hint)>,
}

/// Something in the corpus that was not indexed, and why.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Skip {
    pub path: String,
    pub reason: String,
}

/// Everything read from a corpus directory.
#[derive(Debug)]
pub struct Corpus {
    pub dir: PathBuf,
    pub files: Vec<SourceFile>,
    pub recommendations: Recommendations,
    /// Warnings about the corpus as a whole (missing or broken manifest entries, fallbacks).
    pub notes: Vec<String>,
    pub skipped: Vec<Skip>,
    pub fingerprint: String,
    /// The corpus's [`listing`], as it was when it was read.
    pub listing: String,
}

/// What the file system says of the corpus without reading any file: every entry's path, size and
/// modification time (configuration files included), and the limits, hashed. The same listing
/// means the same corpus (as `make` and `rsync` assume); a different one means the files must be
/// read to know. Far cheaper than reading and decoding every file, PDFs and Word files included.
pub fn listing(dir: &Path, limits: &Limits) -> anyhow::Result<String> {
    if !dir.is_dir() {
        return Err(Error::NoCorpus(dir.to_path_buf()).into());
    }
    let mut skipped = Vec::new();
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(crate::index::FORMAT.as_bytes());
    hasher.update(&limits.max_file_bytes.to_le_bytes());
    let mut paths = list_files(dir, &mut skipped)?;
    for config in [MANIFEST, RECOMMENDATIONS] {
        if !paths.iter().any(|p| p == config) {
            paths.push(config.to_string());
        }
    }
    for rel in &paths {
        let (size, modified) = match fs::metadata(dir.join(rel)) {
            Ok(m) => {
                let modified = m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
                (m.len(), modified.map_or(0, |d| d.as_nanos()))
            }
            Err(_) => (u64::MAX, 0),
        };
        hasher.update(format!("{rel}\0{size}\0{modified}\0").as_bytes());
    }
    for skip in &skipped {
        hasher.update(format!("{}\0{}\0", skip.path, skip.reason).as_bytes());
    }
    Ok(format!("{:032x}", hasher.digest128()))
}

/// Limits on what is read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files larger than this are skipped.
    pub max_file_bytes: u64,
}

/// Default largest file read: far beyond any response, small enough not to exhaust memory.
pub const DEFAULT_MAX_FILE_MB: u64 = 64;

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_file_bytes: DEFAULT_MAX_FILE_MB * 1024 * 1024 }
    }
}

/// Extensions read as documents.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "tsv", "html", "htm", "docx", "pdf"];

/// The corpus's own configuration files (any case: a file system may not tell them apart).
pub fn is_configuration(rel: &str) -> bool {
    rel.eq_ignore_ascii_case(MANIFEST) || rel.eq_ignore_ascii_case(RECOMMENDATIONS)
}

/// Whether a file of this name is read as a document (by its extension).
pub fn is_document_name(name: &str) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    DOCUMENT_EXTENSIONS.contains(&ext.as_str())
}

/// Every file under `dir` to read, as sorted relative paths; hidden files and folders are passed
/// over. What cannot be listed or read as a file is said in `skipped`: folders that cannot be
/// opened, links leading outside the corpus, pipes and devices, names that are not UTF-8.
fn list_files(dir: &Path, skipped: &mut Vec<Skip>) -> anyhow::Result<Vec<String>> {
    let root = dir.canonicalize().with_context(|| format!("cannot read directory {}", dir.display()))?;
    let relative = |path: &Path| {
        let rel = path.strip_prefix(dir).unwrap_or(path);
        rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
    };
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match fs::read_dir(&d) {
            Ok(entries) => entries,
            Err(e) if d == dir => return Err(e).with_context(|| format!("cannot read directory {}", d.display())),
            Err(e) => {
                skipped.push(Skip {
                    path: format!("{}/", relative(&d)),
                    reason: format!("a folder that cannot be read ({e})"),
                });
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    skipped
                        .push(Skip { path: format!("{}/", relative(&d)), reason: format!("cannot list it all ({e})") });
                    continue;
                }
            };
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let rel = relative(&path);
            if name.to_str().is_none() {
                skipped.push(Skip {
                    path: rel,
                    reason: "its name is not valid UTF-8 (rename the file to index it)".into(),
                });
                continue;
            }
            let kind = match entry.file_type() {
                Ok(kind) => kind,
                Err(e) => {
                    skipped.push(Skip { path: rel, reason: format!("cannot be examined ({e})") });
                    continue;
                }
            };
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                out.push(rel);
            } else if kind.is_symlink() {
                match path.canonicalize() {
                    Err(_) => skipped.push(Skip { path: rel, reason: "a link to nothing (broken link)".into() }),
                    Ok(target) if !target.starts_with(&root) => skipped.push(Skip {
                        path: rel,
                        reason: "a link leading outside the corpus; not followed (copy the file in instead)".into(),
                    }),
                    Ok(target) if target.is_file() => out.push(rel),
                    Ok(_) => skipped.push(Skip { path: rel, reason: "a link to a folder; not followed".into() }),
                }
            } else {
                skipped.push(Skip { path: rel, reason: format!("not a regular file ({})", special_kind(&kind)) });
            }
        }
    }
    out.sort();
    Ok(out)
}

/// What a special file is, in a word.
fn special_kind(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "a special file"
}

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

/// A file's text from its bytes: Word documents converted (recognised by their content, whatever
/// their extension), anything else decoded. `Err` is why the file cannot be read.
pub fn read_bytes(bytes: &[u8], limits: &Limits) -> Result<(Decoded, Option<&'static str>), String> {
    read_bytes_with_hints(bytes, limits).map(|(decoded, from, _)| (decoded, from))
}

/// Hints of layout by line, from a conversion.
type Hints = Vec<(u32, crate::readers::Hint)>;

/// [`read_bytes`], with the layout hints a Word document's conversion gives.
pub fn read_bytes_with_hints(bytes: &[u8], limits: &Limits) -> Result<(Decoded, Option<&'static str>, Hints), String> {
    let mut hints = Vec::new();
    let (decoded, converted_from) = if crate::readers::pdf::is_pdf(bytes) {
        let text = crate::readers::pdf::to_text(bytes).map_err(|e| format!("a PDF that cannot be read: {e}"))?;
        (Decoded { text, encoding: None, replaced: 0 }, Some("pdf"))
    } else if crate::readers::docx::is_docx(bytes) {
        let (text, docx_hints) = crate::readers::docx::to_text(bytes, limits.max_file_bytes).map_err(|e| match e {
            crate::readers::docx::DocxError::Inflates(mib) => {
                format!("a Word document whose text would inflate to over {mib} MiB (--max-file-mb)")
            }
            other => format!("a Word document that cannot be read: {other}"),
        })?;
        hints = docx_hints;
        (Decoded { text, encoding: None, replaced: 0 }, Some("docx"))
    } else if let Some(what) = sniff_binary(bytes) {
        return Err(format!("not text: {what}"));
    } else {
        (decode(bytes), None)
    };
    if decoded.text.trim().is_empty() {
        return Err(if bytes.is_empty() { "empty file" } else { "only whitespace" }.to_string());
    }
    Ok((decoded, converted_from, hints))
}

/// What makes two documents the same document: their text, trimmed.
pub fn content_hash(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.trim().as_bytes())
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

/// Reads `manifest.toml`. A manifest that cannot be read at all is an error, never passed over: its
/// forces, dates and reports would silently disappear. One in another encoding is decoded, as
/// documents are, with a note.
fn read_manifest(dir: &Path, notes: &mut Vec<String>) -> anyhow::Result<BTreeMap<String, Entry>> {
    let path = dir.join(MANIFEST);
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => {
            return Err(anyhow::anyhow!(
                "cannot read {} ({e}); echoes will not go on without the forces and dates it records",
                path.display()
            ))
        }
    };
    let decoded = decode(&bytes);
    if let Some(encoding) = decoded.encoding {
        notes.push(format!("{}: not UTF-8, decoded as {encoding}", path.display()));
    }
    Ok(match toml::from_str::<Manifest>(&decoded.text) {
        Ok(m) => m.document.into_iter().map(|e| (e.path.clone(), e)).collect(),
        Err(e) => {
            let first = e.message().lines().next().unwrap_or("invalid TOML").to_string();
            notes.push(format!(
                "{}: not a valid manifest ({first}); forces will be detected from the text",
                path.display()
            ));
            BTreeMap::new()
        }
    })
}

fn read_recommendations(dir: &Path, notes: &mut Vec<String>) -> Result<(Recommendations, String), Error> {
    let path = dir.join(RECOMMENDATIONS);
    let (raw, origin) = match fs::read_to_string(&path) {
        Ok(raw) => (raw, path.display().to_string()),
        Err(_) => {
            notes.push(format!("{} has no {RECOMMENDATIONS}; using the bundled one", dir.display()));
            (BUNDLED_RECOMMENDATIONS.to_string(), "the bundled recommendations".to_string())
        }
    };
    let recs = parse_recommendations(&raw).map_err(|reason| Error::BadRecommendations { origin, reason })?;
    Ok((recs, raw))
}

/// Parses the text of a `recommendations.toml`.
pub fn parse_recommendations(raw: &str) -> Result<Recommendations, String> {
    toml::from_str::<Recommendations>(raw).map_err(|e| e.message().to_string())
}

/// The recommendations bundled with echoes.
pub fn bundled_recommendations() -> Recommendations {
    parse_recommendations(BUNDLED_RECOMMENDATIONS).expect("the bundled recommendations.toml is valid")
}

/// Reads a corpus directory with the default limits.
pub fn load(dir: &Path) -> anyhow::Result<Corpus> {
    load_with(dir, &Limits::default())
}

/// Reads a corpus directory. Files that cannot be read are listed in `skipped`, not fatal.
pub fn load_with(dir: &Path, limits: &Limits) -> anyhow::Result<Corpus> {
    // Taken before anything is read: a file changed while it is read shows in the next listing.
    let listing = listing(dir, limits)?;
    load_listed(dir, limits, listing)
}

/// Reads a corpus directory whose [`listing`] the caller has just taken (before reading it).
pub fn load_listed(dir: &Path, limits: &Limits, listing: String) -> anyhow::Result<Corpus> {
    if !dir.is_dir() {
        return Err(Error::NoCorpus(dir.to_path_buf()).into());
    }
    let mut notes = Vec::new();
    let mut skipped = Vec::new();
    let mut manifest = read_manifest(dir, &mut notes)?;
    let (recommendations, recs_raw) = read_recommendations(dir, &mut notes)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(crate::index::FORMAT.as_bytes());
    hasher.update(recs_raw.as_bytes());
    for (path, entry) in &manifest {
        hasher.update(format!("{path}\0{entry:?}\0").as_bytes());
    }
    let mut files = Vec::new();
    // Content hash → the first file with that content.
    let mut seen: std::collections::HashMap<u128, String> = std::collections::HashMap::new();
    for rel in list_files(dir, &mut skipped)? {
        if is_configuration(&rel) {
            continue;
        }
        let entry = manifest.remove(&rel).unwrap_or_else(|| Entry { path: rel.clone(), ..Entry::default() });
        let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        if !DOCUMENT_EXTENSIONS.contains(&ext.as_str()) {
            skipped.push(Skip {
                path: rel,
                reason: "not a format echoes reads (.txt, .tsv, .html, .htm, .docx, .pdf)".into(),
            });
            continue;
        }
        let size = fs::metadata(dir.join(&rel)).map(|m| m.len()).unwrap_or(0);
        if size > limits.max_file_bytes {
            hasher.update(format!("{rel}\0{size}\0").as_bytes());
            let limit = limits.max_file_bytes as f64 / 1024.0 / 1024.0;
            let reason =
                format!("{:.1} MiB, over the {limit:.0} MiB limit (--max-file-mb)", size as f64 / 1024.0 / 1024.0);
            skipped.push(Skip { path: rel, reason });
            continue;
        }
        let bytes = match fs::read(dir.join(&rel)) {
            Ok(b) => b,
            Err(e) => {
                skipped.push(Skip { path: rel, reason: format!("cannot be read: {e}") });
                continue;
            }
        };
        hasher.update(rel.as_bytes());
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
        let (decoded, converted_from, hints) = match read_bytes_with_hints(&bytes, limits) {
            Ok(read) => read,
            Err(reason) => {
                skipped.push(Skip { path: rel, reason });
                continue;
            }
        };
        let content = content_hash(&decoded.text);
        if let Some(first) = seen.get(&content) {
            skipped.push(Skip { path: rel, reason: format!("the same text as {first}, already indexed") });
            continue;
        }
        seen.insert(content, rel.clone());
        match (decoded.encoding, decoded.replaced) {
            (Some(enc), 0) => notes.push(format!("{rel}: not UTF-8, decoded as {enc}")),
            (Some(enc), n) => {
                notes.push(format!("{rel}: not UTF-8, decoded as {enc}; {n} undecodable byte(s) replaced"))
            }
            (None, _) => {}
        }
        notes.extend(crate::readers::diagnose(&rel, &decoded.text));
        files.push(SourceFile {
            path: rel,
            text: decoded.text,
            entry,
            decoded_from: decoded.encoding,
            converted_from,
            hints,
        });
    }
    for skip in &skipped {
        hasher.update(format!("{}\0{}\0", skip.path, skip.reason).as_bytes());
    }
    for missing in manifest.keys() {
        notes.push(format!("{}: lists {missing}, which is not in the corpus", dir.join(MANIFEST).display()));
    }
    Ok(Corpus {
        dir: dir.to_path_buf(),
        files,
        recommendations,
        notes,
        skipped,
        fingerprint: format!("{:032x}", hasher.digest128()),
        listing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_recommendations_give_1_4_5_and_8() {
        let recs = bundled_recommendations();
        let numbers: Vec<u32> = recs.items.iter().map(|r| r.number).collect();
        assert_eq!(numbers, vec![1, 4, 5, 8]);
        assert!(recs.items[0].text.contains("As an interim measure"));
    }

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
