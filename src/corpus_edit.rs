//! Adding documents to a corpus directory: readable file names, refusing a document already
//! there, and recording entries in `manifest.toml` without disturbing its comments or order.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use anyhow::Context;

use crate::corpus::{content_hash, read_bytes, Corpus, Entry, MANIFEST};
use crate::normalize::word_texts;

/// Why a file was not added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The same text as a document already in the corpus.
    Duplicate { existing: String },
    /// Not a document echoes can read.
    Unreadable(String),
}

/// A readable name in `dir` for a file: the force's name and the date when given, else the
/// file's own name, in lower-case words joined by hyphens; `-2`, `-3`, ... when taken.
pub fn readable_name(dir: &Path, original: &Path, force: Option<&str>, date: Option<&str>) -> String {
    let ext = original.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_else(|| "txt".into());
    let own = original.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let base = match force {
        Some(f) => [f, date.unwrap_or("")].join(" "),
        None => own,
    };
    let slug = word_texts(&base).join("-");
    let slug = if slug.is_empty() { "document".to_string() } else { slug };
    let mut name = format!("{slug}.{ext}");
    let mut n = 2;
    while dir.join(&name).exists() {
        name = format!("{slug}-{n}.{ext}");
        n += 1;
    }
    name
}

/// The documents a corpus holds, by content: what a new file must not repeat.
pub struct Known {
    by_content: HashMap<u128, String>,
}

impl Known {
    /// The documents of `corpus`.
    pub fn of(corpus: &Corpus) -> Known {
        Known { by_content: corpus.files.iter().map(|f| (content_hash(&f.text), f.path.clone())).collect() }
    }

    /// Checks that `bytes` can be read and are not a document already known; returns their
    /// content hash, for [`Known::insert`] once the file is added.
    pub fn check(&self, bytes: &[u8]) -> Result<u128, Refusal> {
        let (decoded, _) = read_bytes(bytes).map_err(Refusal::Unreadable)?;
        let hash = content_hash(&decoded.text);
        match self.by_content.get(&hash) {
            Some(existing) => Err(Refusal::Duplicate { existing: existing.clone() }),
            None => Ok(hash),
        }
    }

    /// Records a document added under `path`.
    pub fn insert(&mut self, hash: u128, path: &str) {
        self.by_content.insert(hash, path.to_string());
    }
}

/// Appends `[[document]]` entries to the manifest in `dir`, keeping what is there (comments,
/// order, formatting) as it is.
pub fn record(dir: &Path, entries: &[Entry]) -> anyhow::Result<()> {
    let path = dir.join(MANIFEST);
    let raw = match fs::read_to_string(&path) {
        Ok(raw) => raw,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let mut doc: toml_edit::DocumentMut =
        raw.parse().with_context(|| format!("{} is not valid TOML; fix it before adding documents", path.display()))?;
    let item = doc.entry("document").or_insert_with(|| toml_edit::Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
    let tables = item
        .as_array_of_tables_mut()
        .with_context(|| format!("{}: `document` is not a list of [[document]] tables", path.display()))?;
    for e in entries {
        let mut t = toml_edit::Table::new();
        t.insert("path", toml_edit::value(e.path.as_str()));
        for (key, value) in [("force", &e.force), ("date", &e.date), ("source", &e.source), ("report", &e.report)] {
            if let Some(v) = value {
                t.insert(key, toml_edit::value(v.as_str()));
            }
        }
        tables.push(t);
    }
    fs::write(&path, doc.to_string()).with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_readable_and_never_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let name = readable_name(dir.path(), Path::new("/tmp/Download (3).PDF"), Some("Kent Police"), Some("2021-03"));
        assert_eq!(name, "kent-police-2021-03.pdf");
        fs::write(dir.path().join(&name), "x").unwrap();
        let again = readable_name(dir.path(), Path::new("x.pdf"), Some("Kent Police"), Some("2021-03"));
        assert_eq!(again, "kent-police-2021-03-2.pdf");
        assert_eq!(
            readable_name(dir.path(), Path::new("SYP Response_final.docx"), None, None),
            "syp-response-final.docx"
        );
    }

    #[test]
    fn the_manifest_keeps_its_comments_and_order() {
        let dir = tempfile::tempdir().unwrap();
        let before = "# Responses collected by hand.\n\n[[document]]\npath = \"b.txt\"   # the second one\nforce = \"B\"\n\n[[document]]\npath = \"a.txt\"\n";
        fs::write(dir.path().join(MANIFEST), before).unwrap();
        let entry = Entry { path: "kent.txt".into(), force: Some("Kent Police".into()), ..Entry::default() };
        record(dir.path(), &[entry]).unwrap();
        let after = fs::read_to_string(dir.path().join(MANIFEST)).unwrap();
        assert!(after.starts_with(before), "{after}");
        assert!(after.ends_with("[[document]]\npath = \"kent.txt\"\nforce = \"Kent Police\"\n"), "{after}");
    }
}
