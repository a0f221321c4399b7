//! Helpers shared by the integration tests: run the built binary on a corpus and an index in a
//! temporary directory, never on the project's own `index/`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", self.stdout, self.stderr))
    }
}

/// The bundled corpus.
pub fn bundled_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Runs `echoes` with the given corpus and index directories.
pub fn echoes(corpus: &Path, index: &Path, args: &[&str]) -> Run {
    echoes_env(corpus, index, args, &[("COLUMNS", "100")])
}

/// Runs `echoes` with extra environment variables.
pub fn echoes_env(corpus: &Path, index: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_echoes"))
        .arg("--corpus")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .args(args)
        .env_remove("ECHOES_CORPUS")
        .env_remove("ECHOES_INDEX")
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .output()
        .expect("the echoes binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A temporary directory holding copies of some bundled corpus files (and nothing else).
pub fn corpus_with(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in files {
        std::fs::copy(bundled_corpus().join(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// A temporary directory holding a copy of the whole bundled corpus.
pub fn bundled_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(bundled_corpus()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

/// Writes a manifest naming each file's force.
pub fn write_manifest(corpus: &Path, entries: &[(&str, &str)]) {
    let text: String = entries
        .iter()
        .map(|(path, force)| format!("[[document]]\npath = \"{path}\"\nforce = \"{force}\"\n\n"))
        .collect();
    std::fs::write(corpus.join("manifest.toml"), text).unwrap();
}

/// The values of one field across a JSON array.
pub fn field<'a>(v: &'a Value, name: &str) -> Vec<&'a Value> {
    v.as_array().expect("a JSON array").iter().map(|o| &o[name]).collect()
}

/// A minimal Word document with this body XML.
pub fn docx(body: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    std::io::Write::write_all(&mut zip, br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// Text placed on PDF pages: (x, y from the top, text) per line.
pub type Pages = Vec<Vec<(f64, f64, String)>>;

/// A PDF of laid-out pages, each with a running header and a page number.
pub fn pdf(pages: &Pages, header: &str) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, Stream, StringFormat};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let text = |s: &str| Object::String(encoding_rs::WINDOWS_1252.encode(s).0.into_owned(), StringFormat::Literal);
    let mut kids = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let footer = format!("Page {} of {}", n + 1, pages.len());
        let mut items: Vec<(f64, f64, &str)> = vec![(40.0, 30.0, header)];
        items.extend(page.iter().map(|(x, y, t)| (*x, *y, t.as_str())));
        items.push((40.0, 815.0, &footer));
        let mut ops = Vec::new();
        for (x, y, t) in items {
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("Tf", vec!["F1".into(), 10.into()]));
            ops.push(Operation::new("Td", vec![x.into(), (842.0 - y).into()]));
            ops.push(Operation::new("Tj", vec![text(t)]));
            ops.push(Operation::new("ET", vec![]));
        }
        let content = doc.add_object(Stream::new(dictionary! {}, Content { operations: ops }.encode().unwrap()));
        kids.push(doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content }).into());
    }
    finish_pdf(doc, pages_id, kids, dictionary! { "Resources" => resources })
}

/// A PDF's bytes, its page tree finished: `kids` under `pages_id` (A4 pages), the tree's own
/// entries from `pages` (resources the pages inherit), and a catalog.
pub fn finish_pdf(
    mut doc: lopdf::Document,
    pages_id: lopdf::ObjectId,
    kids: Vec<lopdf::Object>,
    mut pages: lopdf::Dictionary,
) -> Vec<u8> {
    use lopdf::{dictionary, Object};
    let count = kids.len() as i64;
    pages.set("Type", "Pages");
    pages.set("Kids", kids);
    pages.set("Count", count);
    pages.set("MediaBox", vec![0.into(), 0.into(), 595.into(), 842.into()]);
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// Wraps a paragraph into lines of at most `width` characters.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().unwrap();
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

const TWO_REPORTS_MANIFEST: &str = r#"
[[document]]
path = "kent-custody-2023.txt"
force = "Kent Police"
date = "2023-09"
report = "custody-2023"

[[document]]
path = "kent-safe-2021.txt"
force = "Kent Police"
date = "2021-06"

[[document]]
path = "essex-custody-2023.txt"
date = "2023-11"
"#;

/// A corpus of two reports in `DIR/corpus`: the bundled corpus, a second report written for the
/// tests and five documents answering them (`tests/fixtures/reports/`): headed answers, a plain
/// numbered table and a letter, the last two named in no manifest.
pub fn two_reports() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("reports")).unwrap();
    for e in std::fs::read_dir(bundled_corpus()).unwrap().flatten() {
        std::fs::copy(e.path(), corpus.join(e.file_name())).unwrap();
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports");
    for name in [
        "kent-custody-2023.txt",
        "kent-safe-2021.txt",
        "essex-custody-2023.txt",
        "surrey-custody-2023.tsv",
        "durham-custody-2023.txt",
    ] {
        std::fs::copy(fixtures.join(name), corpus.join(name)).unwrap();
    }
    std::fs::copy(fixtures.join("custody-2023.toml"), corpus.join("reports/custody-2023.toml")).unwrap();
    let manifest = std::fs::read_to_string(corpus.join("manifest.toml")).unwrap() + TWO_REPORTS_MANIFEST;
    std::fs::write(corpus.join("manifest.toml"), manifest).unwrap();
    dir
}

/// The texts a report file (`recommendations.toml`, `reports/*.toml`) gives for quotation: its
/// title and every recommendation, read here as plain TOML (not by echoes).
pub fn report_texts(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let value: toml::Value = toml::from_str(&text).unwrap();
    let mut out: Vec<String> = value.get("title").and_then(|t| t.as_str()).map(str::to_string).into_iter().collect();
    for rec in value.get("recommendation").and_then(|r| r.as_array()).into_iter().flatten() {
        out.extend(rec.get("text").and_then(|t| t.as_str()).map(str::to_string));
    }
    out
}

/// The share of the words of `text` that stand in a run of four words found in one of `sources`,
/// words being runs of letters and digits, lower-cased: a judge of quotation written apart from
/// echoes' own, so that a test does not take echoes' word for what is quoted.
pub fn quoted_share(text: &str, sources: &[String]) -> f64 {
    fn words(t: &str) -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    }
    let grams: std::collections::HashSet<Vec<String>> =
        sources.iter().flat_map(|s| words(s).windows(4).map(<[String]>::to_vec).collect::<Vec<_>>()).collect();
    let ws = words(text);
    let mut quoted = vec![false; ws.len()];
    for (i, w) in ws.windows(4).enumerate() {
        if grams.contains(w) {
            quoted[i..i + 4].iter_mut().for_each(|q| *q = true);
        }
    }
    if ws.is_empty() {
        0.0
    } else {
        quoted.iter().filter(|&&q| q).count() as f64 / ws.len() as f64
    }
}
