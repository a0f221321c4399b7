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
}

/// Extensions read as documents.
const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "tsv", "html", "htm"];

fn is_configuration(rel: &str) -> bool {
    rel == MANIFEST || rel == RECOMMENDATIONS
}

/// Every regular file under `dir`, as sorted relative paths; hidden files and folders are passed over.
fn list_files(dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = fs::read_dir(&d).with_context(|| format!("cannot read directory {}", d.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot read directory {}", d.display()))?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let kind = entry.file_type().with_context(|| format!("cannot stat {}", path.display()))?;
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                let rel = path.strip_prefix(dir).unwrap_or(&path);
                out.push(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Decodes a file's bytes: UTF-8 (with or without BOM) as is, anything else by detection.
pub fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let encoding = detector.guess(None, true);
            let (text, _, _) = encoding.decode(bytes);
            (text.into_owned(), Some(encoding.name()))
        }
    }
}

fn read_manifest(dir: &Path, notes: &mut Vec<String>) -> BTreeMap<String, Entry> {
    let path = dir.join(MANIFEST);
    let Ok(raw) = fs::read_to_string(&path) else {
        return BTreeMap::new();
    };
    match toml::from_str::<Manifest>(&raw) {
        Ok(m) => m.document.into_iter().map(|e| (e.path.clone(), e)).collect(),
        Err(e) => {
            let first = e.message().lines().next().unwrap_or("invalid TOML").to_string();
            notes.push(format!(
                "{}: not a valid manifest ({first}); forces will be detected from the text",
                path.display()
            ));
            BTreeMap::new()
        }
    }
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

/// Reads a corpus directory. Files that cannot be read are listed in `skipped`, not fatal.
pub fn load(dir: &Path) -> anyhow::Result<Corpus> {
    if !dir.is_dir() {
        return Err(Error::NoCorpus(dir.to_path_buf()).into());
    }
    let mut notes = Vec::new();
    let mut skipped = Vec::new();
    let mut manifest = read_manifest(dir, &mut notes);
    let (recommendations, recs_raw) = read_recommendations(dir, &mut notes)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(crate::index::FORMAT.as_bytes());
    hasher.update(recs_raw.as_bytes());
    for (path, entry) in &manifest {
        hasher.update(format!("{path}\0{entry:?}\0").as_bytes());
    }
    let mut files = Vec::new();
    for rel in list_files(dir)? {
        if is_configuration(&rel) {
            continue;
        }
        let entry = manifest.remove(&rel).unwrap_or_else(|| Entry { path: rel.clone(), ..Entry::default() });
        let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        if !DOCUMENT_EXTENSIONS.contains(&ext.as_str()) {
            skipped.push(Skip { path: rel, reason: "not a format echoes reads (.txt, .tsv, .html, .htm)".into() });
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
        let (text, decoded_from) = decode(&bytes);
        if text.trim().is_empty() {
            skipped.push(Skip { path: rel, reason: "empty file".into() });
            continue;
        }
        if let Some(enc) = decoded_from {
            notes.push(format!("{rel}: not UTF-8, decoded as {enc}"));
        }
        files.push(SourceFile { path: rel, text, entry, decoded_from });
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
        let (text, enc) = decode(b"victim\x92s caf\xe9 \x93status\x94");
        assert_eq!(text, "victim\u{2019}s caf\u{e9} \u{201c}status\u{201d}");
        assert!(enc.is_some());
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc"), ("abc".to_string(), None));
    }
}
