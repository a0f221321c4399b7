//! Real PDFs nobody here made (`tests/fixtures/pdf/real`, from tabula-java's and pdfplumber's
//! test suites, with the cells those suites expect): each failure they showed, read as a user
//! reads them, with `show` and `docs`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::bundled_corpus;
use crate::pdf::json;
use serde_json::Value;

fn real() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/real")
}

/// A corpus of one real PDF, with the bundled recommendations, and its index.
fn corpus(file: &str) -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(bundled_corpus().join("recommendations.toml"), dir.path().join("recommendations.toml")).unwrap();
    fs::copy(real().join(file), dir.path().join(file)).unwrap();
    (dir, tempfile::tempdir().unwrap())
}

/// The document's rows, each its cells in order: a row of a table that answers no
/// recommendation is one paragraph, its cells separated by " | "; the cells of one that does
/// are paragraphs standing on one line of the laid-out text.
fn rows(paras: &Value) -> Vec<Vec<String>> {
    let mut out: Vec<(u64, Vec<String>)> = Vec::new();
    for p in paras.as_array().unwrap() {
        let line = p["line"].as_u64().unwrap();
        let cells = p["text"].as_str().unwrap().split(" | ").map(str::to_string);
        match out.last_mut() {
            Some((l, row)) if *l == line => row.extend(cells),
            _ => out.push((line, cells.collect())),
        }
    }
    out.into_iter().map(|(_, cells)| cells).collect()
}

/// The document's words, in order.
fn words(paras: &Value) -> Vec<String> {
    let texts = paras.as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap());
    texts.flat_map(|t| t.split_whitespace().map(str::to_string).collect::<Vec<_>>()).collect()
}

#[test]
fn a_table_set_sideways_reads_row_by_row_not_letter_by_letter() {
    // schools.pdf: a ruled table of contributions, set up the page (its text runs upwards).
    let (c, index) = corpus("schools.pdf");
    let paras = json(c.path(), index.path(), &["show", "schools"]);
    let rows = rows(&paras);
    let want = ["Lidstad", "Dick & Peg", "62 Mississippi River Blvd N", "Saint Paul", "MN", "55104", "retired"];
    assert!(rows.iter().any(|r| r.len() >= want.len() && want.iter().all(|w| r.contains(&w.to_string()))), "{rows:#?}");
    // Read letter by letter, "Occupation" came out as `n o i t a p u c c O`: a word of one
    // letter in most words.
    let words = words(&paras);
    assert!(words.iter().any(|w| w == "Occupation") && words.iter().any(|w| w == "Employer"), "{words:?}");
    let single_letters = words.iter().filter(|w| w.chars().count() == 1 && w.chars().all(char::is_alphabetic)).count();
    assert!(single_letters * 20 < words.len(), "{single_letters} of {} words of one letter", words.len());
    let docs = json(c.path(), index.path(), &["docs"]);
    assert_eq!(docs[0]["format"], "pdf (ruled table; rotated text on 5 pages)", "{docs:#}");
}
